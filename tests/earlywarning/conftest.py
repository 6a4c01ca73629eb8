"""An alert of commune_a and the daily counts behind it, on a fixed day.

Every test here runs on 15/05/2026 (Asia/Ho_Chi_Minh) with the `places` localities: the
alert covers commune_a's commune (a, its centre) and its neighbour a_near, both routed to
commune_a; b, commune_b's commune, is the rest of the province.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

import tests.api.conftest
from mandate.earlywarning.models import Alert, DailyCount
from mandate.org.services import issue_token

TODAY = datetime.date(2026, 5, 15)
WINDOW_START = TODAY - datetime.timedelta(days=6)


@pytest.fixture(autouse=True)
def today(time_machine) -> datetime.date:
    time_machine.move_to(
        datetime.datetime(2026, 5, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=True
    )
    return TODAY


def make_alert(world, places, **fields) -> Alert:
    """An alert as detection leaves it: new, on environment reports in a and a_near."""
    values = {
        "category": places.environment,
        "centre": places.a,
        "unit": world.commune_a,
        "method": Alert.Method.PERMUTATION,
        "first_detected_on": TODAY - datetime.timedelta(days=1),
        "last_detected_on": TODAY,
        "window_start": WINDOW_START,
        "window_end": TODAY,
        "observed": 14,
        "expected": 3.5,
        "relative_risk": 4.0,
        "statistic": 9.25,
        "p_value": 0.0004,
        "recurrence_days": 2400,
        "peak_recurrence_days": 2400,
    } | fields
    localities = values.pop("localities", [places.a, places.a_near])
    alert = Alert.objects.create(**values)
    alert.localities.set(localities)
    return alert


@pytest.fixture
def alert(world, places) -> Alert:
    return make_alert(world, places)


def count(category, locality, day: datetime.date, n: int) -> None:
    DailyCount.objects.update_or_create(
        category=category, locality=locality, day=day, defaults={"count": n}
    )


@pytest.fixture
def counts(places):
    """A year of environment reports before the window: a reports 1 a day, b 3 a day (a's
    share is 1/4); in the window b goes on at 3 a day while a reports 2 a day and a_near 1."""
    rows = []
    for offset in range(1, 366):
        day = WINDOW_START - datetime.timedelta(days=offset)
        rows += [(places.a, day, 1), (places.b, day, 3)]
    for offset in range(7):
        day = WINDOW_START + datetime.timedelta(days=offset)
        rows += [(places.a, day, 2), (places.a_near, day, 1), (places.b, day, 3)]
    DailyCount.objects.bulk_create(
        DailyCount(category=places.environment, locality=place, day=day, count=n)
        for place, day, n in rows
    )


class Api(tests.api.conftest.Api):
    prefix = "/api/earlywarning"


@pytest.fixture
def api_as(db):
    """An API client authenticated by a fresh personal token of the given user."""

    def for_user(user) -> Api:
        _record, token = issue_token(user=user, name="tests")
        return Api(Client(HTTP_AUTHORIZATION=f"Bearer {token}"))

    return for_user
