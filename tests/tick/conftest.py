import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from mandate.work.models import Task
from tests.factories import TaskFactory

DUE = datetime.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def tick_settings(settings):
    settings.MANDATE_REMINDER_DAYS = [7, 1]
    settings.MANDATE_ESCALATION_DAYS = 7
    settings.MANDATE_BASE_URL = "https://mandate.example.vn"
    return settings


@pytest.fixture
def task_of(world):
    """A task led by a unit (commune_a unless told), due on 30/06/2026 unless told."""

    def make(unit=None, **fields) -> Task:
        fields.setdefault("due_on", DUE)
        return TaskFactory(plan=None, lead_unit=unit or world.commune_a, **fields)

    return make


@pytest.fixture
def tick():
    """Run the whole daily round as cron would, as of a day; return what it printed."""

    def run(day: datetime.date) -> str:
        out = StringIO()
        call_command("tick", date=day.isoformat(), stdout=out)
        return out.getvalue()

    return run
