import random

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

from mandate.core.commands import LocalisedCommand
from mandate.core.db import refresh_statistics
from mandate.core.plugins import app_modules

DEMO_SEED = 2026


class Command(LocalisedCommand):
    help = (
        "Fill an empty database with the demo province (Hải Phòng). Each installed "
        "Mandate app adds its part through its demo.seed(); the same seed gives the "
        "same data on every machine."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", required=True, help="build the demo province"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing but print the demo logins when data exists",
        )

    def handle(self, *args, **options):
        from mandate.org.models import Unit

        if Unit.objects.dangerously_unscoped().exists():
            if options["if_empty"]:
                from mandate.org.demo import existing_logins

                self.print_logins(existing_logins())
                return
            raise CommandError(
                _("The database already holds data; seed --demo only fills an empty database.")
            )
        rng = random.Random(DEMO_SEED)
        logins = []
        with transaction.atomic():
            for module in app_modules("demo"):
                logins += module.seed(rng=rng, log=self.stdout.write) or []
        refresh_statistics()
        self.print_logins(logins)

    def print_logins(self, logins) -> None:
        from mandate.org.demo import DEMO_PASSWORD

        table = Table(title=_("Demo logins, password: %(password)s") % {"password": DEMO_PASSWORD})
        for column in (_("User name"), _("Role"), _("Unit"), _("Full name")):
            table.add_column(column)
        for login in logins:
            table.add_row(login.username, login.role, login.unit, login.full_name)
        Console(file=self.stdout._out, width=120).print(table)
