"""The council: the list sent to it, the votes, approval, return or rejection, the public
notice, the dossiers submitted upward and the decision that writes the register."""

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.honours.checks import check_round
from mandate.honours.models import (
    LEVEL_RANK,
    Award,
    AwardRound,
    CouncilVote,
    Decision,
    DossierItem,
    Nomination,
    NominationFile,
    NominationStep,
    TitleRule,
    in_force,
)
from mandate.honours.services._common import (
    RoundStatus,
    Status,
    _council_sitting,
    _fresh,
    _lead_council,
    _locked,
    _move,
    _require,
    _store_files,
)
from mandate.org.models import Membership, Unit, User
from mandate.org.selectors import can_lead


def goes_upward(nomination: Nomination) -> bool:
    """True when the title is decided above the authority of the round's unit."""
    return LEVEL_RANK[nomination.title.deciding_level] > LEVEL_RANK[nomination.round.level]


@transaction.atomic
def submit_to_council(
    *, award_round: AwardRound, unit: Unit, by: User, note: str = ""
) -> list[Nomination]:
    """Send the unit's proposed list to the council; refused, with every failure and its
    reason, while any nomination of the list fails a rule or a cap is exceeded."""
    award_round = _fresh(award_round)
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can submit its list."))
    _require(
        award_round.status in (RoundStatus.NOMINATING, RoundStatus.COUNCIL_REVIEW),
        _("The round is not taking nominations."),
    )
    proposed = list(
        Nomination.objects.dangerously_unscoped().filter(
            round=award_round, unit=unit, status=Status.PROPOSED
        )
    )
    _require(bool(proposed), _("The unit has no proposed nominations to submit."))
    failures = check_round(award_round, unit=unit)
    if failures:
        raise ValidationError([failure.message for failure in failures], code="checks")
    found = _locked(proposed, award_round)
    for nomination in found:
        _move(nomination, Status.COUNCIL_REVIEW, by, note=note)
    return found


# The council ------------------------------------------------------------------------


@transaction.atomic
def record_vote(
    *,
    nomination: Nomination,
    members_total: int,
    votes_for: int,
    by: User,
    votes_against: int = 0,
    abstentions: int = 0,
    voted_on: datetime.date | None = None,
    files: Sequence = (),
) -> CouncilVote:
    """The secret-ballot counts for one nominee; the threshold is copied from the rule."""
    (current,) = _locked([nomination])
    _lead_council(current.round, by)
    _council_sitting(current.round)
    _require(
        current.status == Status.COUNCIL_REVIEW,
        _("Only a nomination before the council can be voted on."),
    )
    _require(members_total > 0, _("Give the number of council members."))
    _require(
        min(votes_for, votes_against, abstentions) >= 0
        and votes_for + votes_against + abstentions <= members_total,
        _("The votes add up to more than the council's %(count)s members.")
        % {"count": members_total},
    )
    voted_on = voted_on or timezone.localdate()
    _require(voted_on <= timezone.localdate(), _("The vote date is in the future."))
    rule = (
        TitleRule.objects.filter(
            in_force(current.round.period_end),
            title=current.title,
            kind=TitleRule.Kind.COUNCIL_APPROVAL,
        )
        .order_by("-percent")
        .first()
    )
    vote, _created = CouncilVote.objects.update_or_create(
        nomination=current,
        defaults={
            "members_total": members_total,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "abstentions": abstentions,
            "voted_on": voted_on,
            "threshold_percent": rule.percent if rule else None,
            "recorded_by": by,
        },
    )
    if files:
        step = NominationStep.objects.create(
            nomination=current,
            from_status=current.status,
            to_status=current.status,
            actor=by,
            note=_("Council vote: %(votes)s of %(members)s in favour.")
            % {"votes": votes_for, "members": members_total},
        )
        _store_files(current, files, by, step=step)
    return vote


@transaction.atomic
def approve(*, nominations: Sequence[Nomination], by: User, note: str = "") -> list[Nomination]:
    """The council approves a list, all or nothing: each approved nomination must meet
    every rule, counting only what the council approved, so no cap is ever exceeded."""
    found = _locked(nominations)
    award_round = found[0].round
    _require(
        all(nomination.round_id == award_round.pk for nomination in found),
        _("Every nomination must belong to this round."),
    )
    _lead_council(award_round, by)
    _council_sitting(award_round)
    for nomination in found:
        _move(nomination, Status.APPROVED, by, note=note)
    failures = check_round(award_round, approved_only=True, nominations=found)
    if failures:
        raise ValidationError([failure.message for failure in failures], code="checks")
    return found


@transaction.atomic
def return_nomination(*, nomination: Nomination, reason: str, by: User) -> Nomination:
    """Send a nomination back to its unit for completion."""
    return _council_move(nomination, Status.RETURNED, reason, by)


@transaction.atomic
def reject(*, nomination: Nomination, reason: str, by: User) -> Nomination:
    """Refuse a nomination, before the council, after the notice or from upward."""
    return _council_move(nomination, Status.REJECTED, reason, by)


def _council_move(nomination: Nomination, to: str, reason: str, by: User) -> Nomination:
    (current,) = _locked([nomination])
    _lead_council(current.round, by)
    _council_sitting(current.round)
    _require(bool(reason.strip()), _("Give the reason."))
    _move(current, to, by, note=reason.strip())
    return current


@transaction.atomic
def publish_notice(
    *, award_round: AwardRound, by: User, note: str = "", files: Sequence = ()
) -> list[Nomination]:
    """Publish the approved list (công khai): every approved nomination is noticed."""
    award_round = _fresh(award_round)
    _lead_council(award_round, by)
    _council_sitting(award_round)
    approved = list(
        Nomination.objects.dangerously_unscoped().filter(round=award_round, status=Status.APPROVED)
    )
    _require(bool(approved), _("There is no approved nomination to publish."))
    found = _locked(approved, award_round)
    for nomination in found:
        _move(nomination, Status.NOTICED, by, note=note, files=files)
    AwardRound.objects.filter(pk=award_round.pk).update(notice_published_at=timezone.now())
    return found


@transaction.atomic
def submit_upward(
    *, nominations: Sequence[Nomination], by: User, note: str = "", files: Sequence = ()
) -> list[Nomination]:
    """Send the dossiers of forms beyond the round's authority to the deciding level."""
    found = _locked(nominations)
    missing_of = missing_dossier_items_of(found)
    for nomination in found:
        _lead_council(nomination.round, by)
        _require(
            goes_upward(nomination),
            _("%(title)s is decided within the unit's authority: it is not submitted upward.")
            % {"title": nomination.title.label},
        )
        missing = missing_of[nomination.pk]
        _require(
            not missing,
            _("%(nominee)s: the dossier lacks %(items)s.")
            % {"nominee": nomination.nominee, "items": ", ".join(item.name for item in missing)},
        )
        _move(nomination, Status.SUBMITTED_UPWARD, by, note=note, files=files)
    return found


def missing_dossier_items(nomination: Nomination) -> list[DossierItem]:
    """The required documents of the title's dossier with no file attached yet."""
    return missing_dossier_items_of([nomination])[nomination.pk]


def missing_dossier_items_of(nominations: Sequence[Nomination]) -> dict[int, list[DossierItem]]:
    """missing_dossier_items for each nomination (by pk): two queries for any number."""
    nominations = list(nominations)
    attached: dict[int, set[int | None]] = {nomination.pk: set() for nomination in nominations}
    for nomination_id, item_id in NominationFile.objects.filter(
        nomination__in=[nomination.pk for nomination in nominations]
    ).values_list("nomination_id", "dossier_item_id"):
        attached[nomination_id].add(item_id)
    required: dict[int, list[DossierItem]] = defaultdict(list)
    for item in DossierItem.objects.filter(
        title_id__in={nomination.title_id for nomination in nominations}, is_required=True
    ):
        required[item.title_id].append(item)
    return {
        nomination.pk: [
            item for item in required[nomination.title_id] if item.pk not in attached[nomination.pk]
        ]
        for nomination in nominations
    }


@transaction.atomic
def decide(
    *,
    award_round: AwardRound,
    nominations: Sequence[Nomination],
    number: str,
    signed_on: datetime.date,
    signer_name: str,
    signer_position: str,
    issuing_authority: str,
    by: User,
    note: str = "",
) -> Decision:
    """Record the decision and write each awardee into the register, in one transaction;
    refused if any nomination fails a check or a cap would be exceeded."""
    award_round = _fresh(award_round)
    _lead_council(award_round, by)
    _council_sitting(award_round)
    errors = {
        name: _("This field is required.")
        for name, value in [
            ("number", number),
            ("signer_name", signer_name),
            ("signer_position", signer_position),
            ("issuing_authority", issuing_authority),
        ]
        if not value.strip()
    }
    if signed_on > timezone.localdate():
        errors["signed_on"] = _("The decision cannot be signed in the future.")
    if errors:
        raise ValidationError(errors)
    found = _locked(nominations, award_round)
    for nomination in found:
        expected = Status.SUBMITTED_UPWARD if goes_upward(nomination) else Status.NOTICED
        _require(
            nomination.status == expected,
            _("%(nominee)s: only a nomination that is “%(status)s” can be decided here.")
            % {"nominee": nomination.nominee, "status": expected.label},
        )
    failures = check_round(award_round, approved_only=True, nominations=found)
    if failures:
        raise ValidationError([failure.message for failure in failures], code="checks")
    decision = Decision.objects.create(
        round=award_round,
        number=number.strip(),
        signed_on=signed_on,
        signer_name=signer_name.strip(),
        signer_position=signer_position.strip(),
        issuing_authority=issuing_authority.strip(),
        note=note.strip(),
        recorded_by=by,
    )
    for nomination in found:
        nomination.decision = decision
        _move(nomination, Status.DECIDED, by, note=number.strip())
    own_units = _own_units([nomination for nomination in found if nomination.person_id])
    Award.objects.bulk_create(
        Award(
            title=nomination.title,
            year=award_round.year,
            person=nomination.person,
            unit=nomination.nominee_unit or own_units.get(nomination.pk, nomination.unit),
            decision=decision,
            nomination=nomination,
        )
        for nomination in found
    )
    if award_round.status == RoundStatus.COUNCIL_REVIEW:
        AwardRound.objects.filter(pk=award_round.pk).update(status=RoundStatus.DECIDED)
    return decision


def _own_units(nominations: list[Nomination]) -> dict[int, Unit]:
    """Nomination id -> the unit the nominee works in, the deepest of their units within
    the proposing one: a department proposes the people of its divisions, and the
    register line belongs to the awardee's division, where they and their head read it."""
    memberships = Membership.objects.filter(
        user_id__in={nomination.person_id for nomination in nominations}, is_active=True
    ).select_related("unit")
    own: dict[int, Unit] = {}
    for nomination in nominations:
        units = [
            membership.unit
            for membership in memberships
            if membership.user_id == nomination.person_id
            and membership.unit.is_within(nomination.unit)
        ]
        if units:
            own[nomination.pk] = max(units, key=lambda unit: unit.depth)
    return own
