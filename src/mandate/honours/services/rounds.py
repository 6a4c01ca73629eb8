"""Rounds, the pledges made at their start and the ratings made at their end."""

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.honours.models import AwardRound, Level, Pledge, Rating, TaskRating, Title
from mandate.honours.services._common import (
    RoundStatus,
    _fresh,
    _is_member,
    _lead_council,
    _require,
)
from mandate.org.models import Membership, Unit, User
from mandate.org.selectors import can_lead

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
