"""A unit's nominations: proposed, resubmitted, withdrawn, their report and dossier."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.honours.models import (
    AwardRound,
    DossierItem,
    Nomination,
    NominationFile,
    NominationStep,
    Title,
)
from mandate.honours.services._common import (
    RoundStatus,
    Status,
    _fresh,
    _locked,
    _move,
    _require,
    _store_files,
)
from mandate.org.models import Membership, Unit, User
from mandate.org.selectors import can_lead


class StaleNomination(ValidationError):
    """Someone changed the nomination since this edit began (HTTP 409 in the API)."""

    def __init__(self) -> None:
        super().__init__(
            _("This nomination was changed by someone else while you were editing it."),
            code="stale",
        )


# Nominations ------------------------------------------------------------------------


@transaction.atomic
def propose(
    *,
    award_round: AwardRound,
    title: Title,
    unit: Unit,
    nominees: Sequence[User | Unit],
    by: User,
    achievement: str = "",
    draft: bool = False,
) -> list[Nomination]:
    """The unit's nominees for one title (people, or collectives for a collective title),
    proposed at once, or kept as drafts."""
    award_round = _fresh(award_round)
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can propose nominees."))
    _require(unit.is_within(award_round.unit), _("This unit does not take part in the round."))
    _require(
        award_round.status == RoundStatus.NOMINATING,
        _("The round is not taking nominations."),
    )
    deadline = award_round.nomination_deadline
    _require(
        deadline is None or timezone.localdate() <= deadline,
        _("Nominations were due by %(date)s.")
        % {"date": f"{deadline:%d/%m/%Y}" if deadline else ""},
    )
    _require(
        title.is_active and title.in_force_on(award_round.period_end),
        _("%(title)s is not in force for this round's period.") % {"title": title.label},
    )
    _require(bool(nominees), _("Choose at least one nominee."))
    people = [nominee for nominee in nominees if isinstance(nominee, User)]
    collectives = [nominee for nominee in nominees if isinstance(nominee, Unit)]
    _require(
        (not people or title.accepts(collective=False))
        and (not collectives or title.accepts(collective=True)),
        _("%(title)s is not awarded to this kind of nominee.") % {"title": title.label},
    )
    _check_nominees(unit, people, collectives)
    _refuse_duplicates(award_round, title, people, collectives)
    status = Status.DRAFT if draft else Status.PROPOSED
    created = []
    for nominee in nominees:
        nomination = Nomination(
            round=award_round,
            title=title,
            unit=unit,
            person=nominee if isinstance(nominee, User) else None,
            nominee_unit=nominee if isinstance(nominee, Unit) else None,
            status=status,
            achievement=achievement.strip(),
            created_by=by,
        )
        nomination._history_user = by
        nomination.save()
        NominationStep.objects.create(nomination=nomination, to_status=status, actor=by)
        created.append(nomination)
    return created


def _check_nominees(unit: Unit, people: list[User], collectives: list[Unit]) -> None:
    members = set(
        Membership.objects.filter(
            user__in=people, unit__path__startswith=unit.path, is_active=True
        ).values_list("user_id", flat=True)
    )
    outside = [str(person) for person in people if person.pk not in members]
    outside += [str(collective) for collective in collectives if not collective.is_within(unit)]
    _require(
        not outside,
        _("Not in %(unit)s or the units below it: %(nominees)s.")
        % {"unit": unit, "nominees": ", ".join(outside)},
    )


def _refuse_duplicates(
    award_round: AwardRound, title: Title, people: list[User], collectives: list[Unit]
) -> None:
    taken = Nomination.objects.dangerously_unscoped().filter(
        round=award_round, title=title, status__in=Nomination.LIVE
    )
    twice = [str(person) for person in taken.filter(person__in=people).select_related("person")]
    twice += [
        str(n) for n in taken.filter(nominee_unit__in=collectives).select_related("nominee_unit")
    ]
    _require(
        not twice,
        _("Already nominated for this title in the round: %(nominees)s.")
        % {"nominees": ", ".join(twice)},
    )


def _lead_proposer(nomination: Nomination, by: User) -> None:
    _require(
        can_lead(user=by, unit=nomination.unit),
        _("Only a leader of the proposing unit can change this nomination."),
    )


@transaction.atomic
def submit_proposals(*, nominations: Sequence[Nomination], by: User) -> list[Nomination]:
    """Drafts, or nominations the council returned, proposed (again)."""
    found = _locked(nominations)
    for nomination in found:
        _lead_proposer(nomination, by)
        _move(nomination, Status.PROPOSED, by)
    return found


@transaction.atomic
def withdraw(*, nomination: Nomination, by: User, reason: str) -> Nomination:
    """The proposing unit takes a nominee off its list (for instance to fit a cap)."""
    (current,) = _locked([nomination])
    _lead_proposer(current, by)
    _require(bool(reason.strip()), _("Say why the nomination is withdrawn."))
    _move(current, Status.WITHDRAWN, by, note=reason.strip())
    return current


@transaction.atomic
def update_achievement(*, nomination: Nomination, text: str, version: int, by: User) -> Nomination:
    """Save the achievement report edited from `version`; a stale edit is refused."""
    (current,) = _locked([nomination])
    _lead_proposer(current, by)
    if current.version != version:
        raise StaleNomination()
    _require(
        current.status in (Status.DRAFT, Status.PROPOSED, Status.RETURNED),
        _("The report can no longer change: the nomination is before the council."),
    )
    current.achievement = text.strip()
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def attach_files(
    *,
    nomination: Nomination,
    files: Sequence,
    by: User,
    dossier_item: DossierItem | None = None,
) -> list[NominationFile]:
    """Add documents to the dossier (checked for size and type before anything is kept)."""
    (current,) = _locked([nomination])
    _require(
        can_lead(user=by, unit=current.unit) or can_lead(user=by, unit=current.round.unit),
        _("Only a leader of the proposing unit can add to the dossier."),
    )
    _require(
        dossier_item is None or dossier_item.title_id == current.title_id,
        _("This document is not part of this title's dossier."),
    )
    _require(bool(files), _("Choose at least one file."))
    return _store_files(current, files, by, dossier_item=dossier_item)
