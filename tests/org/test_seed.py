import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from mandate.org.demo import DEMO_USERNAMES
from mandate.org.models import Locality, Role, Unit, User


def fingerprint() -> list[tuple[str, str]]:
    return sorted(User.objects.dangerously_unscoped().values_list("username", "full_name"))


class Rollback(Exception):
    pass


def seed_and_forget(output) -> list[tuple[str, str]]:
    """Seed inside a savepoint, read the people, and roll everything back."""
    try:
        with transaction.atomic():
            call_command("seed", demo=True, stdout=output)
            people = fingerprint()
            raise Rollback
    except Rollback:
        return people


@pytest.mark.django_db
def test_demo_province_is_built_and_the_same_every_time():
    first = seed_and_forget(io.StringIO())
    output = io.StringIO()
    call_command("seed", demo=True, stdout=output)
    assert Locality.objects.filter(parent__code="31").count() == 114
    communes = Unit.objects.dangerously_unscoped().filter(kind=Unit.Kind.COMMUNE)
    assert communes.count() == 114
    assert not communes.filter(locality__isnull=True).exists()
    assert 280 <= User.objects.count() <= 320
    for username in DEMO_USERNAMES:
        assert username in output.getvalue()
    assert fingerprint() == first


@pytest.mark.django_db
def test_demo_logins_hold_one_role_each():
    call_command("seed", demo=True)
    roles = dict(
        User.objects.filter(
            username__in=["lanhdao", "chuyenvien", "congtacvien", "quansat"]
        ).values_list("username", "memberships__role")
    )
    assert roles == {
        "lanhdao": Role.LEADER,
        "chuyenvien": Role.OFFICER,
        "congtacvien": Role.REPORTER,
        "quansat": Role.VIEWER,
    }
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_seed_refuses_a_database_that_holds_data(world):
    with pytest.raises(CommandError):
        call_command("seed", demo=True)


@pytest.mark.django_db
def test_seed_if_empty_only_prints_the_logins(world, capsys):
    call_command("seed", demo=True, if_empty=True)
    assert not Locality.objects.exists()
