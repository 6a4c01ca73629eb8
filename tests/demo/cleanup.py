"""Empty a database that holds the demo, in an order the protected foreign keys accept.

Tests that seed the demo twice (to show it is the same every time) call this between
the two seeds; the test's transaction brings the migrations' rows (document types) back.
"""

from django.db import connection

from mandate.directives.models import Document, NumberSeries, ReviewMilestone
from mandate.earlywarning.models import Alert, DailyCount, DetectionRun
from mandate.grassroots.models import Case, CaseEvent, Contact, Report, ReportPhoto, RoutingRule
from mandate.honours.models import Award, AwardRound, BlockingCondition, Decision, Nomination
from mandate.observances.models import Campaign
from mandate.org.models import Locality, Unit, User
from mandate.people.models import (
    PlannedTraining,
    Practice,
    Replication,
    Requirement,
    TrainingRecord,
)
from mandate.work.models import Plan, Task


def empty_the_database() -> None:
    # Plain SQL: the ORM would write a history row for each of 40,000 deleted rows.
    with connection.cursor() as cursor:
        early_warning = (
            Alert.localities.through,
            Alert.history.model,
            Alert,
            DailyCount,
            DetectionRun,
        )
        for model in (*early_warning, Contact, ReportPhoto, CaseEvent, Report, Case, RoutingRule):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 -- our table names
    empty_honours()  # before campaigns, units and people, which its rows protect
    # Before tasks, which replications and planned trainings point at; before units and people.
    PlannedTraining.objects.dangerously_unscoped().delete()
    Replication.objects.dangerously_unscoped().delete()
    Practice.objects.dangerously_unscoped().delete()
    TrainingRecord.objects.dangerously_unscoped().delete()
    Requirement.objects.dangerously_unscoped().delete()
    Task.objects.dangerously_unscoped().delete()  # before campaigns: a task protects its campaign
    Campaign.objects.dangerously_unscoped().delete()  # before documents, units and observances
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


def empty_honours() -> None:
    """The rounds and the register; the titles and their rules stay (migrate writes them).
    The register protects nominations, nominations their decisions, both their round;
    steps, files and votes go with their nomination, pledges and ratings with their round."""
    Award.objects.dangerously_unscoped().delete()
    Nomination.objects.dangerously_unscoped().delete()
    Decision.objects.dangerously_unscoped().delete()
    AwardRound.objects.dangerously_unscoped().delete()
    BlockingCondition.objects.dangerously_unscoped().delete()
