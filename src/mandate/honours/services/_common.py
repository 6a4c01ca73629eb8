"""What every honours service shares: the permission checks, the one place a nomination
moves, locking and storing files."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mandate.core.uploads import check_upload
from mandate.honours.models import (
    AwardRound,
    DossierItem,
    Nomination,
    NominationFile,
    NominationStep,
)
from mandate.org.models import Membership, Unit, User
from mandate.org.selectors import can_lead

Status = Nomination.Status
RoundStatus = AwardRound.Status
COUNCIL_STAGES = [RoundStatus.COUNCIL_REVIEW, RoundStatus.DECIDED]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def _lead_council(award_round: AwardRound, by: User) -> None:
    _require(
        can_lead(user=by, unit=award_round.unit),
        _("Only a leader of the organising unit can act for its council."),
    )


def _council_sitting(award_round: AwardRound) -> None:
    _require(
        award_round.status in COUNCIL_STAGES,
        _("The round is not at the council stage."),
    )


def _fresh(award_round: AwardRound) -> AwardRound:
    """The round as stored now: its status decides what may happen, not a stale copy."""
    return AwardRound.objects.select_related("unit").get(pk=award_round.pk)


def _store_files(
    nomination: Nomination,
    files: Sequence,
    by: User,
    *,
    step: NominationStep | None = None,
    dossier_item: DossierItem | None = None,
) -> list[NominationFile]:
    content_types = [check_upload(upload) for upload in files]
    return [
        NominationFile.objects.create(
            nomination=nomination,
            step=step,
            dossier_item=dossier_item,
            file=upload,
            name=upload.name[:255],
            size=upload.size,
            content_type=content_type,
            uploaded_by=by,
        )
        for upload, content_type in zip(files, content_types, strict=True)
    ]


def _move(
    nomination: Nomination, to: str, by: User, *, note: str = "", files: Sequence = ()
) -> NominationStep:
    """The one place a nomination changes status: refused unless the move is legal."""
    if not nomination.can_move_to(to):
        raise ValidationError(
            _("%(nominee)s: a nomination that is “%(status)s” cannot become “%(to)s”.")
            % {
                "nominee": nomination.nominee,
                "status": nomination.get_status_display(),
                "to": Status(to).label,
            }
        )
    step = NominationStep.objects.create(
        nomination=nomination, from_status=nomination.status, to_status=to, actor=by, note=note
    )
    nomination.status = to
    nomination.version += 1
    nomination._history_user = by
    nomination.save()
    _store_files(nomination, files, by, step=step)
    return step


def _locked(nominations: Iterable[Nomination], award_round: AwardRound | None = None):
    ids = [nomination.pk for nomination in nominations]
    _require(bool(ids), _("Choose at least one nomination."))
    found = list(
        Nomination.objects.dangerously_unscoped()
        .select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("title", "round", "round__unit", "unit", "person", "nominee_unit")
        .order_by("title__sort_order", "id")
    )
    _require(len(found) == len(set(ids)), _("A nomination could not be found."))
    if award_round is not None:
        _require(
            all(nomination.round_id == award_round.pk for nomination in found),
            _("Every nomination must belong to this round."),
        )
    return found


def _is_member(person: User, unit: Unit) -> bool:
    return Membership.objects.filter(
        user=person, unit__path__startswith=unit.path, is_active=True
    ).exists()
