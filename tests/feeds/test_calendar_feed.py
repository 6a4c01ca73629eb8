"""The private iCalendar feed: what it holds, for whom, and how its address is kept secret."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from mandate.work.models import Task
from tests.factories import DocumentFactory, ReviewMilestoneFactory, TaskFactory


def task_of(unit, due_on: datetime.date, **fields) -> Task:
    return TaskFactory(plan=None, lead_unit=unit, due_on=due_on, **fields)


def events(response) -> dict[str, datetime.date]:
    """UID -> the all-day date of each task and review event of a feed (the calendar's
    days and the campaigns it also holds are pinned in test_feed_campaigns.py)."""
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["UID"]): event.decoded("DTSTART")
        for event in calendar.walk("VEVENT")
        if str(event["UID"]).startswith(("task-", "milestone-"))
    }


@pytest.fixture
def tasks(world, today):
    return {
        "alice_open": task_of(world.commune_a, datetime.date(2026, 6, 30)),
        "hamlet_open": task_of(world.hamlet_a, datetime.date(2026, 7, 15)),
        "alice_overdue": task_of(world.commune_a, datetime.date(2026, 5, 20)),
        "alice_done": task_of(
            world.commune_a,
            datetime.date(2026, 6, 10),
            status=Task.Status.DONE,
            completed_on=datetime.date(2026, 5, 30),
        ),
        "alice_cancelled": task_of(
            world.commune_a, datetime.date(2026, 6, 11), status=Task.Status.CANCELLED
        ),
        "alice_too_old": task_of(world.commune_a, datetime.date(2026, 4, 1)),
        "alice_too_far": task_of(world.commune_a, datetime.date(2027, 8, 1)),
        "charlie_open": task_of(world.commune_b, datetime.date(2026, 6, 20)),
    }


def test_the_feed_is_a_calendar_that_calendar_programs_read(world, tasks, client, feed_url):
    response = client.get(feed_url(world.alice))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Mandate//")
    assert world.alice.full_name in str(calendar["X-WR-CALNAME"])
    event = next(
        e for e in calendar.walk("VEVENT") if e["UID"] == f"task-{tasks['alice_open'].pk}@mandate"
    )
    assert event.decoded("DTSTART") == datetime.date(2026, 6, 30)
    assert event.decoded("DTEND") == datetime.date(2026, 7, 1)
    assert "DTSTAMP" in event
    assert tasks["alice_open"].content in str(event["SUMMARY"])
    assert f"/work/tasks/{tasks['alice_open'].pk}/" in str(event["DESCRIPTION"])
    assert b"\r\n" in response.content  # RFC 5545 line endings


def test_the_feed_holds_the_due_dates_of_open_visible_tasks_only(world, tasks, client, feed_url):
    found = events(client.get(feed_url(world.alice)))
    expected = {
        f"task-{tasks[name].pk}@mandate": tasks[name].due_on
        for name in ("alice_open", "hamlet_open", "alice_overdue")
    }
    assert found == expected  # nothing done, cancelled, out of the window or of commune_b


def test_an_outsiders_feed_holds_nothing_of_commune_a(world, tasks, client, feed_url):
    found = events(client.get(feed_url(world.charlie)))
    assert found == {f"task-{tasks['charlie_open'].pk}@mandate": datetime.date(2026, 6, 20)}
    body = client.get(feed_url(world.charlie)).content.decode()
    assert world.commune_a.name not in body and tasks["alice_open"].content not in body


def test_the_feed_holds_the_units_open_review_milestones(world, today, client, feed_url):
    document = DocumentFactory(unit=world.root)
    mine = ReviewMilestoneFactory(
        document=document, responsible_unit=world.commune_a, due_on=datetime.date(2026, 9, 30)
    )
    ReviewMilestoneFactory(
        document=document,
        responsible_unit=world.commune_a,
        due_on=datetime.date(2026, 6, 15),
        done_on=datetime.date(2026, 6, 1),
    )
    ReviewMilestoneFactory(
        document=document, responsible_unit=world.commune_b, due_on=datetime.date(2026, 9, 30)
    )
    found = events(client.get(feed_url(world.alice)))
    assert found == {f"milestone-{mine.pk}@mandate": datetime.date(2026, 9, 30)}


def test_the_feed_speaks_its_owners_language(world, tasks, client, feed_url):
    world.alice.preferred_language = "en"
    world.alice.save()
    calendar = Calendar.from_ical(client.get(feed_url(world.alice)).content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert f"Due: {tasks['alice_open'].content}" in summaries


def test_an_unknown_token_is_a_404(world, tasks, client, feed_url):
    feed_url(world.alice)
    assert client.get("/work/calendar/not-a-token.ics").status_code == 404
    assert client.get(reverse("work:calendar-feed", kwargs={"token": "x" * 43})).status_code == 404


def test_a_deactivated_persons_feed_is_a_404(world, tasks, client, feed_url):
    url = feed_url(world.alice)
    world.alice.is_active = False
    world.alice.save()
    assert client.get(url).status_code == 404


def test_the_feed_answers_only_reads(world, tasks, client, feed_url):
    assert client.post(feed_url(world.alice)).status_code == 405


def test_the_feed_runs_a_fixed_number_of_queries(
    world, today, client, feed_url, django_assert_num_queries
):
    url = feed_url(world.alice)
    for offset in range(20):
        task_of(world.commune_a, datetime.date(2026, 6, 2) + datetime.timedelta(days=offset))
    # the owner, memberships, units, tasks, reviews, observances, campaigns
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
