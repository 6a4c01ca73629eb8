from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mandate.core.commands import LocalisedCommand
from mandate.core.imports import ImportRefused
from mandate.org.models import User
from mandate.work import sheets
from mandate.work.models import Plan


class Command(LocalisedCommand):
    help = (
        "Import a plan's tasks from an .xlsx sheet in the template's layout, as one person "
        "(whose rights are checked). All rows or none; every bad row is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .xlsx sheet")
        parser.add_argument("--plan", type=int, required=True, help="id of the plan")
        parser.add_argument(
            "--as", dest="username", required=True, help="user name of the person importing"
        )

    def handle(self, *args, file: Path, plan: int, username: str, **options):
        person = User.objects.dangerously_unscoped().filter(username=username).first()
        if person is None:
            raise CommandError(_("No person with the user name %(name)s.") % {"name": username})
        target = Plan.objects.visible_to(person).filter(pk=plan).first()
        if target is None:
            raise CommandError(
                _("%(name)s has no plan with id %(id)s.") % {"name": username, "id": plan}
            )
        try:
            summary = sheets.import_plan_tasks(plan=target, data=file.read_bytes(), by=person)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(str(refused)) from refused
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("%(count)s tasks imported into “%(plan)s”.")
            % {"count": summary.created, "plan": target}
        )
