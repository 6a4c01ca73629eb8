import datetime

import pytest

from mandate.org.services import reset_calendar_token

TODAY = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def today(time_machine):
    """Every feed test runs on 01/06/2026."""
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def feed_url():
    """The private calendar address of a person, created if they have none."""

    def url_of(user) -> str:
        token = user.calendar_token or reset_calendar_token(user=user)
        return f"/work/calendar/{token}.ics"

    return url_of
