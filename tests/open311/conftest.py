"""Clients for the grassroots JSON API and for Open311, on a fixed day.

Every test here runs on 01/06/2026 (16:00 in Hải Phòng) with the `places` localities:
commune_a's commune (code 99001) and its neighbour 99002 route to commune_a, commune_b's
(99003) to commune_b.
"""

import datetime

import pytest
from django.test import Client

import tests.api.conftest
from mandate.org.services import issue_token

NOW = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def today(time_machine) -> datetime.date:
    time_machine.move_to(NOW, tick=False)
    return TODAY


@pytest.fixture
def key_for(db):
    """A fresh personal API token of the given user, as a 311 client's api_key."""

    def issue(user) -> str:
        return issue_token(user=user, name="311 client")[1]

    return issue


class Api(tests.api.conftest.Api):
    prefix = "/api/grassroots"


@pytest.fixture
def api_as(key_for):
    """An API client authenticated by a fresh personal token of the given user."""

    def for_user(user) -> Api:
        return Api(Client(HTTP_AUTHORIZATION=f"Bearer {key_for(user)}"))

    return for_user
