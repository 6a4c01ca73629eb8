import pytest
from django.core.management import CommandError, call_command

from mandate.org.demo import DEMO_USERNAMES
from mandate.org.models import Locality, Role, Unit, User


def fingerprint() -> list[tuple[str, str]]:
    return sorted(User.objects.dangerously_unscoped().values_list("username", "full_name"))


@pytest.mark.django_db
def test_demo_province_is_built_and_the_same_every_time(capsys):
    call_command("seed", demo=True)
    output = capsys.readouterr().out
    assert Locality.objects.filter(parent__code="31").count() == 114
    communes = Unit.objects.dangerously_unscoped().filter(kind=Unit.Kind.COMMUNE)
    assert communes.count() == 114
    assert not communes.filter(locality__isnull=True).exists()
    assert 280 <= User.objects.count() <= 320
    for username in DEMO_USERNAMES:
        assert username in output
    first = fingerprint()
    Unit.objects.dangerously_unscoped().update(parent=None)
    Locality.objects.update(parent=None)
    for queryset in (
        User.objects.dangerously_unscoped(),
        Unit.objects.dangerously_unscoped(),
        Locality.objects.all(),
    ):
        queryset.delete()
    call_command("seed", demo=True)
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
