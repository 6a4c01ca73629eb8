"""Every write of emulation and commendation, each in one transaction.

The cycle (DOMAIN.md §2.4): a unit organises a round; units and people pledge;
at the end each unit rates its members and proposes nominees; the proposing unit
sends its list to the council, which the checks refuse while a rule fails; the
council votes, approves (an approved list never exceeds a cap), returns or rejects;
the list is published; forms above the round's authority are submitted upward;
the decision writes the register. Every move of a nomination is a NominationStep
with its actor, time, note and attachments; Nomination.TRANSITIONS refuses the rest.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.core.uploads import check_upload
from mandate.honours.checks import check_round
from mandate.honours.models import (
    LEVEL_RANK,
    Award,
    AwardRound,
    BlockingCondition,
    CouncilVote,
    Decision,
    DossierItem,
    Level,
    Nomination,
    NominationFile,
    NominationStep,
    Pledge,
    Rating,
    TaskRating,
    Title,
    TitleRule,
    in_force,
)
from mandate.org.models import Membership, Unit, User
from mandate.org.selectors import can_lead

Status = Nomination.Status
RoundStatus = AwardRound.Status
COUNCIL_STAGES = [RoundStatus.COUNCIL_REVIEW, RoundStatus.DECIDED]


class StaleNomination(ValidationError):
    """Someone changed the nomination since this edit began (HTTP 409 in the API)."""

    def __init__(self) -> None:
        super().__init__(
            _("This nomination was changed by someone else while you were editing it."),
            code="stale",
        )


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


def goes_upward(nomination: Nomination) -> bool:
    """True when the title is decided above the authority of the round's unit."""
    return LEVEL_RANK[nomination.title.deciding_level] > LEVEL_RANK[nomination.round.level]


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


# Rounds -----------------------------------------------------------------------------


@transaction.atomic
def create_round(
    *,
    unit: Unit,
    name: str,
    year: int,
    period_start: datetime.date,
    period_end: datetime.date,
    by: User,
    level: str = Level.UNIT,
    recurrence: str = Title.Recurrence.ANNUAL,
    campaign=None,
    registration_deadline: datetime.date | None = None,
    nomination_deadline: datetime.date | None = None,
    council_date: datetime.date | None = None,
) -> AwardRound:
    """A round organised by `unit`, open for pledges."""
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can organise a round."))
    errors = {}
    if period_end < period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if (
        nomination_deadline
        and registration_deadline
        and nomination_deadline < registration_deadline
    ):
        errors["nomination_deadline"] = _("Nominations cannot be due before the pledges.")
    if council_date and nomination_deadline and council_date < nomination_deadline:
        errors["council_date"] = _("The council cannot meet before nominations are due.")
    if errors:
        raise ValidationError(errors)
    award_round = AwardRound(
        name=name.strip(),
        year=year,
        recurrence=recurrence,
        campaign=campaign,
        unit=unit,
        level=level,
        period_start=period_start,
        period_end=period_end,
        registration_deadline=registration_deadline,
        nomination_deadline=nomination_deadline,
        council_date=council_date,
        created_by=by,
    )
    award_round.full_clean()
    award_round._history_user = by
    award_round.save()
    return award_round


@transaction.atomic
def move_round(*, award_round: AwardRound, to: str, by: User) -> AwardRound:
    """Open nominations, convene the council, mark it decided or close it."""
    current = AwardRound.objects.select_for_update().select_related("unit").get(pk=award_round.pk)
    _lead_council(current, by)
    _require(
        to in AwardRound.TRANSITIONS[current.status],
        _("A round that is “%(status)s” cannot become “%(to)s”.")
        % {"status": current.get_status_display(), "to": RoundStatus(to).label},
    )
    current.status = to
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def register_pledge(
    *,
    award_round: AwardRound,
    unit: Unit,
    titles: Sequence[Title],
    by: User,
    person: User | None = None,
    note: str = "",
) -> Pledge:
    """A unit's (or a person's) pledge of titles; registering again replaces it."""
    award_round = _fresh(award_round)
    own = person is not None and person.pk == by.pk and _is_member(person, unit)
    _require(
        own or Unit.objects.editable_by(by).filter(pk=unit.pk).exists(),
        _("You cannot register pledges for this unit."),
    )
    _require(unit.is_within(award_round.unit), _("This unit does not take part in the round."))
    _require(award_round.status == RoundStatus.OPEN, _("Pledges are closed for this round."))
    deadline = award_round.registration_deadline
    _require(
        deadline is None or timezone.localdate() <= deadline,
        _("Pledges were due by %(date)s.") % {"date": f"{deadline:%d/%m/%Y}" if deadline else ""},
    )
    _require(bool(titles), _("Choose at least one title."))
    _require(person is None or _is_member(person, unit), _("This person is not in the unit."))
    pledge, _created = Pledge.objects.update_or_create(
        round=award_round,
        unit=unit,
        person=person,
        defaults={"note": note.strip(), "registered_by": by, "registered_at": timezone.now()},
    )
    pledge.titles.set(titles)
    return pledge


def _is_member(person: User, unit: Unit) -> bool:
    return Membership.objects.filter(
        user=person, unit__path__startswith=unit.path, is_active=True
    ).exists()


# Ratings ----------------------------------------------------------------------------


@transaction.atomic
def rate_members(
    *,
    award_round: AwardRound,
    unit: Unit,
    ratings: Mapping[User, str],
    by: User,
    notes: Mapping[User, str] | None = None,
) -> list[TaskRating]:
    """The unit's year-end ratings of its people, all at once; rating again replaces."""
    award_round = _fresh(award_round)
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can rate its members."))
    _require(unit.is_within(award_round.unit), _("This unit does not take part in the round."))
    _require(
        award_round.status == RoundStatus.NOMINATING,
        _("Ratings are made while the round is nominating."),
    )
    unknown = [str(rating) for rating in ratings.values() if rating not in Rating.values]
    _require(not unknown, _("Unknown rating: %(ratings)s.") % {"ratings": ", ".join(unknown)})
    members = set(
        Membership.objects.filter(unit=unit, is_active=True).values_list("user_id", flat=True)
    )
    outside = [str(person) for person in ratings if person.pk not in members]
    _require(
        not outside,
        _("Not members of %(unit)s: %(people)s.") % {"unit": unit, "people": ", ".join(outside)},
    )
    rows = []
    for person, rating in ratings.items():
        row, _created = TaskRating.objects.update_or_create(
            round=award_round,
            person=person,
            defaults={
                "unit": unit,
                "rating": rating,
                "rated_by": by,
                "note": (notes or {}).get(person, ""),
            },
        )
        rows.append(row)
    return rows


@transaction.atomic
def rate_unit(
    *, award_round: AwardRound, unit: Unit, rating: str, by: User, note: str = ""
) -> TaskRating:
    """The organising unit's rating of a collective's own task completion."""
    award_round = _fresh(award_round)
    _lead_council(award_round, by)
    _require(unit.is_within(award_round.unit), _("This unit does not take part in the round."))
    _require(rating in Rating.values, _("Unknown rating: %(ratings)s.") % {"ratings": rating})
    row, _created = TaskRating.objects.update_or_create(
        round=award_round,
        unit=unit,
        person=None,
        defaults={"rating": rating, "rated_by": by, "note": note},
    )
    return row


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
    for nomination in found:
        _lead_council(nomination.round, by)
        _require(
            goes_upward(nomination),
            _("%(title)s is decided within the unit's authority: it is not submitted upward.")
            % {"title": nomination.title.label},
        )
        missing = missing_dossier_items(nomination)
        _require(
            not missing,
            _("%(nominee)s: the dossier lacks %(items)s.")
            % {"nominee": nomination.nominee, "items": ", ".join(item.name for item in missing)},
        )
        _move(nomination, Status.SUBMITTED_UPWARD, by, note=note, files=files)
    return found


def missing_dossier_items(nomination: Nomination) -> list[DossierItem]:
    """The required documents of the title's dossier with no file attached yet."""
    attached = set(
        NominationFile.objects.filter(nomination=nomination).values_list(
            "dossier_item_id", flat=True
        )
    )
    return [
        item
        for item in DossierItem.objects.filter(title_id=nomination.title_id, is_required=True)
        if item.pk not in attached
    ]


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


# The register -----------------------------------------------------------------------


@transaction.atomic
def record_earlier_award(
    *,
    title: Title,
    year: int,
    unit: Unit,
    by: User,
    person: User | None = None,
    reference: str,
) -> Award:
    """An award conferred before the platform, entered from the paper register."""
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can add to its register."))
    _require(bool(reference.strip()), _("Give the number and date of the decision."))
    _require(year <= timezone.localdate().year, _("The year is in the future."))
    _require(
        title.accepts(collective=person is None),
        _("%(title)s is not awarded to this kind of nominee.") % {"title": title.label},
    )
    award = Award(title=title, year=year, unit=unit, person=person, reference=reference.strip())
    award._history_user = by
    award.save()
    return award


@transaction.atomic
def revoke(*, award: Award, reason: str, by: User, reference: str = "") -> Award:
    """Withdraw an award (false declarations, forged records): the row stays, marked."""
    current = (
        Award.objects.select_for_update(of=("self",))
        .select_related("decision__round__unit", "unit")
        .get(pk=award.pk)
    )
    authority = current.decision.round.unit if current.decision_id else current.unit
    _require(
        can_lead(user=by, unit=authority),
        _("Only a leader of the unit that decided the award can revoke it."),
    )
    _require(current.revoked_at is None, _("This award has already been revoked."))
    _require(bool(reason.strip()), _("Give the reason for the revocation."))
    current.revoked_at, current.revoked_by = timezone.now(), by
    current.revocation_reason, current.revocation_reference = reason.strip(), reference.strip()
    current._history_user = by
    current.save()
    if current.nomination_id:
        (nomination,) = _locked([current.nomination])
        _move(nomination, Status.REVOKED, by, note=reason.strip())
    return current


# Blocking conditions ----------------------------------------------------------------


@transaction.atomic
def record_blocking_condition(
    *,
    unit: Unit,
    kind: str,
    starts_on: datetime.date,
    note: str,
    by: User,
    person: User | None = None,
    ends_on: datetime.date | None = None,
) -> BlockingCondition:
    """An officer records a discipline, a pending complaint or an inspection."""
    _require(
        Unit.objects.editable_by(by).filter(pk=unit.pk).exists(),
        _("You cannot record conditions for this unit."),
    )
    _require(person is None or _is_member(person, unit), _("This person is not in the unit."))
    condition = BlockingCondition(
        unit=unit,
        person=person,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
        recorded_by=by,
    )
    condition.full_clean()
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The condition ends before it starts.")})
    condition._history_user = by
    condition.save()
    return condition


@transaction.atomic
def end_blocking_condition(
    *, condition: BlockingCondition, ends_on: datetime.date, by: User
) -> BlockingCondition:
    """The discipline ran out, the complaint or inspection was settled."""
    current = BlockingCondition.objects.select_for_update().get(pk=condition.pk)
    _require(
        BlockingCondition.objects.editable_by(by).filter(pk=current.pk).exists(),
        _("You cannot record conditions for this unit."),
    )
    _require(ends_on >= current.starts_on, _("The condition ends before it starts."))
    current.ends_on = ends_on
    current._history_user = by
    current.save()
    return current
