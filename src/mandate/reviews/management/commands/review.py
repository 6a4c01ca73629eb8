"""`mandate review annual --year Y --unit U [--output FILE] [--as USERNAME]`: the year-end
review of a unit as .docx, with its .xlsx annex next to it."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from rich.progress import Progress

from mandate.core.commands import LocalisedCommand
from mandate.org.models import Membership, Role, Unit, User
from mandate.reviews.annual import STEPS, annual_review, file_stem, review_docx, review_xlsx


class Command(LocalisedCommand):
    help = (
        "Write the year-end review of a unit (.docx, in its issuer's layout) and its annex "
        "(.xlsx, the same name) as one person sees them: by default the unit's head."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual"], help="the review to write")
        parser.add_argument("--year", type=int, help="the year reviewed (this year by default)")
        parser.add_argument("--unit", type=int, required=True, help="the id of the unit")
        parser.add_argument("--output", type=Path, help="the .docx file to write")
        parser.add_argument(
            "--as", dest="username", help="user name of the reader (the unit's leader by default)"
        )

    def handle(self, *args, kind, year=None, unit, output=None, username=None, **options):
        year = year or timezone.localdate().year
        found = Unit.objects.dangerously_unscoped().filter(pk=unit).first()
        if found is None:
            raise CommandError(_("No unit with the id %(id)s.") % {"id": unit})
        reader = _reader(found, username)
        if not Unit.objects.visible_to(reader).filter(pk=found.pk).exists():
            raise CommandError(
                _("%(person)s does not see %(unit)s.") % {"person": reader, "unit": found}
            )
        docx_path = output or Path(f"{file_stem(found, year)}.docx")
        xlsx_path = docx_path.with_suffix(".xlsx")
        with Progress(disable=options["verbosity"] == 0) as progress:
            bar = progress.add_task(_("Writing the review"), total=STEPS + 2)
            review = annual_review(
                user=reader, unit=found, year=year, progress=lambda: progress.advance(bar)
            )
            try:
                docx_path.write_bytes(review_docx(review))
                progress.advance(bar)
                xlsx_path.write_bytes(review_xlsx(review))
                progress.advance(bar)
            except OSError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            _("Wrote %(docx)s and %(xlsx)s.") % {"docx": docx_path, "xlsx": xlsx_path}
        )


def _reader(unit: Unit, username: str | None) -> User:
    """The person given, else the unit's first active leader (who sees it and below)."""
    if username:
        person = User.objects.dangerously_unscoped().filter(username=username).first()
        if person is None or not person.is_active:
            raise CommandError(_("No person with the user name %(name)s.") % {"name": username})
        return person
    membership = (
        Membership.objects.dangerously_unscoped()
        .filter(unit=unit, role=Role.LEADER, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise CommandError(_("%(unit)s has no leader: give --as USERNAME.") % {"unit": unit})
    return membership.user
