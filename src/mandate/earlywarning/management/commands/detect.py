"""`mandate detect [--date D] [--category C]`: one day's hot-spot detection."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from rich.progress import Progress

from mandate.earlywarning.detection import detect
from mandate.grassroots.models import Category


class Command(BaseCommand):
    help = "Find emerging hot spots in the grassroots reports of one day (today by default)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run, dd/mm/yyyy or yyyy-mm-dd.")
        parser.add_argument(
            "--category", action="append", help="A category code (repeatable); all by default."
        )
        parser.add_argument(
            "--days", type=int, default=1, help="Run this many days up to the date, oldest first."
        )

    def handle(self, *args, date=None, category=None, days=1, **options):
        day = _parse_day(date) if date else timezone.localdate()
        categories = Category.objects.filter(is_active=True).order_by("code")
        if category:
            categories = categories.filter(code__in=category)
            unknown = set(category) - set(categories.values_list("code", flat=True))
            if unknown:
                raise CommandError(
                    _("Unknown category: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
                )
        categories = list(categories)
        if days < 1:
            raise CommandError(_("--days must be at least 1."))
        found = 0
        with Progress(disable=options["verbosity"] == 0) as progress:
            bar = progress.add_task(_("Detecting"), total=days * len(categories))
            for offset in range(days - 1, -1, -1):
                runs = detect(
                    day=day - datetime.timedelta(days=offset),
                    categories=categories,
                    progress=lambda _category: progress.advance(bar),
                )
                found += sum(run.findings for run in runs)
        self.stdout.write(
            _("%(days)s day(s), %(categories)s categories: %(found)s findings above the threshold.")
            % {"days": days, "categories": len(categories), "found": found}
        )


def _parse_day(text: str) -> datetime.date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 -- a date
        except ValueError:
            continue
    raise CommandError(_("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": text})
