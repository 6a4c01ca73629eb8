"""`mandate tick` for grassroots: overdue cases escalated once, old contacts erased."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from mandate.core.models import Notification
from mandate.grassroots import services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, CaseEvent, Contact

TODAY = datetime.date(2026, 5, 15)
DAY = datetime.timedelta(days=1)


def tick(day: datetime.date) -> str:
    """The whole daily round, as cron runs it."""
    out = StringIO()
    call_command("tick", date=day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def case(world, places) -> Case:
    """An environment case in commune a, routed to commune_a; due 30 days after TODAY."""
    draft = Intake(world.rita, today=TODAY).clean(
        {
            "category": "environment",
            "locality": places.a.code,
            "observed_on": "14/05/2026",
            "severity": "2",
            "summary": "Bãi rác tự phát cạnh chợ bốc mùi, chưa được thu gom",
            "contact_name": "Nguyễn Văn Ba",
            "contact_phone": "0912 345 678",
        }
    )
    return services.file_report(draft=draft, by=world.rita, channel="web").case


def escalations(case: Case) -> list[CaseEvent]:
    return list(case.events.filter(kind=CaseEvent.Kind.ESCALATED))


def notified(kind: str = "case-escalated") -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_an_overdue_case_is_escalated_to_the_leaders_above_once(world, case):
    assert case.due_on == TODAY + 30 * DAY
    tick(case.due_on)  # due today: not overdue yet
    assert escalations(case) == []
    tick(case.due_on + DAY)
    case.refresh_from_db()
    assert case.escalated_on == case.due_on + DAY
    [event] = escalations(case)
    assert event.from_unit == world.commune_a and event.to_unit == world.root
    assert notified() == ["lena"]  # the department's leader, not the commune's own


def test_running_tick_twice_and_on_later_days_escalates_nothing_more(world, case):
    overdue = case.due_on + DAY
    tick(overdue)
    tick(overdue)
    tick(overdue + DAY)
    tick(overdue + 10 * DAY)
    case.refresh_from_db()
    assert case.escalated_on == overdue
    assert len(escalations(case)) == 1
    assert notified() == ["lena"]


def test_a_reopened_case_can_be_escalated_again(world, case):
    tick(case.due_on + DAY)
    case = services.resolve(
        case=case, version=case.version, by=world.olga, text="Đã thu gom", on=case.due_on
    )
    case = services.reopen(case=case, version=case.version, by=world.alice, text="Rác lại đổ")
    assert case.escalated_on is None
    tick(case.due_on)
    assert len(escalations(case)) == 1
    tick(case.due_on + DAY)
    tick(case.due_on + 2 * DAY)
    assert len(escalations(case)) == 2
    assert notified() == ["lena", "lena"]


def test_finished_and_closed_cases_are_not_escalated(world, case):
    services.resolve(case=case, version=case.version, by=world.olga, text="Đã thu gom")
    tick(case.due_on + 5 * DAY)
    assert escalations(case) == []


def test_a_contact_is_erased_90_days_after_the_case_is_resolved_and_not_before(world, case):
    resolved_on = TODAY + 3 * DAY
    services.resolve(
        case=case, version=case.version, by=world.olga, text="Đã thu gom", on=resolved_on
    )
    tick(resolved_on + 89 * DAY)
    assert Contact.objects.filter(report__case=case).exists()
    tick(resolved_on + 90 * DAY)
    assert not Contact.objects.filter(report__case=case).exists()
    assert case.reports.count() == 1  # the report itself stays


def test_a_contact_is_counted_from_the_closing_day(world, case):
    case = services.resolve(case=case, version=case.version, by=world.olga, text="Xong", on=TODAY)
    services.close(case=case, version=case.version, by=world.alice)
    closed_on = timezone.localdate()
    tick(closed_on + 89 * DAY)
    assert Contact.objects.filter(report__case=case).exists()
    tick(closed_on + 90 * DAY)
    assert not Contact.objects.filter(report__case=case).exists()


def test_the_contact_of_an_open_case_is_kept(world, case):
    tick(TODAY + 400 * DAY)
    assert Contact.objects.filter(report__case=case).exists()


def test_the_contact_of_a_reopened_case_is_kept(world, case):
    case = services.resolve(case=case, version=case.version, by=world.olga, text="Xong", on=TODAY)
    services.reopen(case=case, version=case.version, by=world.alice, text="Chưa xong")
    tick(TODAY + 200 * DAY)
    assert Contact.objects.filter(report__case=case).exists()


def test_tick_says_what_it_did(world, case, monkeypatch):
    monkeypatch.setenv("MANDATE_LANGUAGE", "en")
    out = tick(case.due_on + DAY)
    assert "Grassroots: 1 overdue cases escalated, 0 citizen contacts erased." in out
