import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from mandate.core.commands import LocalisedCommand
from mandate.core.db import refresh_statistics
from mandate.core.notifications import send_digests
from mandate.core.plugins import app_modules


class Command(LocalisedCommand):
    help = (
        "The daily round, for cron: reminders, overdue notices, escalations, recurring "
        "work and the e-mail digests of every installed module. Idempotent: running it "
        "twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="run as of this day (YYYY-MM-DD); default today")

    def handle(self, *args, date=None, **options):
        today = parse_date(date) if date else timezone.localdate()
        if not isinstance(today, datetime.date):
            raise ValueError(_("Give the date as YYYY-MM-DD."))
        for module in app_modules("tick"):
            module.run(today=today, log=self.stdout.write)
        self.stdout.write(_("Digests sent: %(count)s") % {"count": send_digests()})
        refresh_statistics()
