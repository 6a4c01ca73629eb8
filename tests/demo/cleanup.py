"""Empty a database that holds the demo, in an order the protected foreign keys accept.

Tests that seed the demo twice (to show it is the same every time) call this between
the two seeds; the test's transaction brings the migrations' rows (document types) back.
"""

from mandate.directives.models import Document, NumberSeries, ReviewMilestone
from mandate.org.models import Locality, Unit, User
from mandate.work.models import Plan, Task


def empty_the_database() -> None:
    Task.objects.dangerously_unscoped().delete()
    Plan.objects.dangerously_unscoped().delete()
    ReviewMilestone.objects.dangerously_unscoped().delete()
    documents = Document.objects.dangerously_unscoped()
    documents.update(replaced_by=None)
    documents.delete()
    NumberSeries.objects.all().delete()
    Unit.objects.dangerously_unscoped().update(parent=None)
    Locality.objects.update(parent=None)
    User.objects.dangerously_unscoped().delete()
    Unit.objects.dangerously_unscoped().delete()
    Locality.objects.all().delete()
