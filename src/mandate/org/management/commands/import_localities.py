from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mandate.core.commands import LocalisedCommand
from mandate.core.imports import ImportRefused
from mandate.org.localities import LocalitySourceError, csv_rows, package_rows
from mandate.org.services import import_localities


class Command(LocalisedCommand):
    help = (
        "Load a province and its communes from the bundled vietnamadminunits data, or "
        "localities from a CSV file (code,name,kind,parent_code,lat,lon,area_km2). "
        "All rows or none; rerunning changes nothing."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--province", help="GSO code of the province, e.g. 31 for Hải Phòng")
        source.add_argument("--csv", type=Path, help="CSV file to import")

    def handle(self, *args, province=None, csv=None, **options):
        try:
            rows = package_rows(province) if province else csv_rows(csv.read_bytes())
            summary = import_localities(raw_rows=rows)
        except OSError as error:
            raise CommandError(str(error)) from error
        except LocalitySourceError as error:
            raise CommandError(str(error)) from error
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            _("Localities: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
            }
        )
