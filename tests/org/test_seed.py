import pytest
from django.core.management import CommandError, call_command

from mandate.org.models import Locality


@pytest.mark.django_db
def test_seed_refuses_a_database_that_holds_data(world):
    with pytest.raises(CommandError):
        call_command("seed", demo=True)


@pytest.mark.django_db
def test_seed_if_empty_only_prints_the_logins(world, capsys):
    call_command("seed", demo=True, if_empty=True)
    assert not Locality.objects.exists()
