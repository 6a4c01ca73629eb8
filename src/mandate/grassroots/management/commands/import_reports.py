from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.commands import LocalisedCommand
from mandate.core.imports import ImportRefused
from mandate.grassroots.imports import MAX_IMPORT_BYTES, import_reports
from mandate.org.models import User


class Command(LocalisedCommand):
    help = (
        "Import grassroots reports from a .csv or .xlsx file, as one person (who may report "
        "only on their own communes). All rows or none; every bad row is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .csv or .xlsx file")
        parser.add_argument(
            "--as", dest="username", required=True, help="user name of the person importing"
        )

    def handle(self, *args, file: Path, username: str, **options):
        person = User.objects.dangerously_unscoped().filter(username=username).first()
        if person is None or not person.is_active:
            raise CommandError(_("No person with the user name %(name)s.") % {"name": username})
        try:
            if file.stat().st_size > MAX_IMPORT_BYTES:
                raise CommandError(
                    _("“%(name)s” is larger than %(limit)s MB.")
                    % {"name": file.name, "limit": MAX_IMPORT_BYTES // (1024 * 1024)}
                )
            with file.open("rb") as handle:
                count = import_reports(handle, filename=file.name, by=person)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ImportRefused as refused:
            for error in refused.errors:
                if error.number:  # a file refused as a whole says why in the summary
                    self.stderr.write(str(error))
            raise CommandError(str(refused)) from refused
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        message = ngettext("%(count)s report imported.", "%(count)s reports imported.", count)
        self.stdout.write(message % {"count": count})
