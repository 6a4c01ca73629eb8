import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> str:
    """The demo, seeded once for the module and rolled back after it; gives the output."""
    output = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed", demo=True, stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)
