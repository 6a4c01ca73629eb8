import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

HERE = __file__.rsplit("/", 1)[0]


def pytest_collection_modifyitems(items):
    # Seeding the demo takes most of a minute: one worker runs every test of this
    # package (with `--dist loadgroup`), so it is seeded once per run, not once per worker.
    for item in items:
        if str(item.path).startswith(HERE):
            item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> str:
    """The demo, seeded once for the package and rolled back after it; gives the output.
    Its files (the award dossiers) go to a throwaway folder."""
    output = io.StringIO()
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        call_command("seed", demo=True, stdout=output)
        # PostgreSQL: fire the deferred foreign-key checks of the whole demo now, once;
        # left queued, every test's teardown (Django checks constraints there, inside a
        # savepoint it then rolls back) would fire them all again, seconds each time.
        connection.check_constraints()
        yield output.getvalue()
        transaction.set_rollback(True)
