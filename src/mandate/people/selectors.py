"""Reads of training and good models: who misses what a position requires, since when;
where a model has spread."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from mandate.core.text import fold, search_terms
from mandate.org.models import Membership, Role, Unit, User
from mandate.org.selectors import led_units
from mandate.people.models import (
    PlannedTraining,
    Practice,
    Replication,
    Requirement,
    TrainingRecord,
    level_label,
)


@dataclass(frozen=True)
class Gap:
    """A person who lacks a level a requirement asks of their position."""

    person: User
    unit: Unit
    role: str
    requirement: Requirement
    held_level: int | None
    since: datetime.date
    planned_task_id: int | None = None

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    @property
    def held_label(self) -> str:
        return level_label(self.requirement.subject, self.held_level)


def _applies(requirement: Requirement, membership: Membership) -> bool:
    if not membership.unit.is_within(requirement.unit):
        return False
    if requirement.role and requirement.role != membership.role:
        return False
    if requirement.unit_kind and requirement.unit_kind != membership.unit.kind:
        return False
    return not requirement.position or fold(requirement.position) == fold(membership.user.position)


def gaps(*, unit: Unit, user: User, as_of: datetime.date) -> list[Gap]:
    """Every gap among the people of `unit` and the units below it that `user` may read,
    in four queries whatever the number of people: the requirements in force, the
    memberships, the best completed level per person and subject, the plans."""
    requirements = list(
        Requirement.objects.filter(
            is_active=True, valid_from__lte=as_of, unit_id__in=unit.ancestor_ids
        ).select_related("unit")
        | Requirement.objects.filter(
            is_active=True, valid_from__lte=as_of, unit__path__startswith=unit.path
        ).select_related("unit")
    )
    if not requirements:
        return []
    memberships = list(
        Membership.objects.visible_to(user)
        .filter(is_active=True, user__is_active=True, unit__path__startswith=unit.path)
        .select_related("user", "unit")
        .order_by("unit__depth", "unit__search_text", "user__search_text")
    )
    people = {membership.user_id for membership in memberships}
    subjects = {requirement.subject for requirement in requirements}
    best = {
        (row["person_id"], row["subject"]): row["level"]
        for row in TrainingRecord.objects.filter(
            person_id__in=people,
            subject__in=subjects,
            finished_on__lte=as_of,
            level__isnull=False,
        )
        .values("person_id", "subject")
        .annotate(level=Max("level"))
        .order_by()
    }
    planned = {
        (row["person_id"], row["requirement_id"]): row["task_id"]
        for row in PlannedTraining.objects.filter(person_id__in=people).values(
            "person_id", "requirement_id", "task_id"
        )
    }
    found = []
    for membership in memberships:
        for requirement in requirements:
            if not _applies(requirement, membership):
                continue
            held = best.get((membership.user_id, requirement.subject))
            if held is not None and held >= requirement.min_level:
                continue
            found.append(
                Gap(
                    person=membership.user,
                    unit=membership.unit,
                    role=membership.role,
                    requirement=requirement,
                    held_level=held,
                    since=max(requirement.valid_from, timezone.localdate(membership.created_at)),
                    planned_task_id=planned.get((membership.user_id, requirement.pk)),
                )
            )
    return found


def training_records(*, user: User) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.visible_to(user).select_related("person", "unit")


def practices(*, user: User) -> QuerySet[Practice]:
    return Practice.objects.visible_to(user).select_related("origin_unit", "locality")


def spread(*, practice: Practice, user: User) -> QuerySet[Replication]:
    """Where the model has been taken up, with the task each request made."""
    return (
        Replication.objects.visible_to(user)
        .filter(practice=practice)
        .select_related("unit__locality", "task")
        .order_by("status", "unit__search_text")
    )


def replicable_units(*, practice: Practice, user: User) -> QuerySet[Unit]:
    """Units a leader may ask to replicate the model: below a unit they lead, not the
    origin, not already replicating it."""
    return (
        led_units(user)
        .exclude(pk=practice.origin_unit_id)
        .exclude(pk__in=practice.replications.values("unit_id"))
    )


# Training pages -------------------------------------------------------------------


def training_list(
    *, user: User, unit: Unit | None = None, subject: str = "", query: str = ""
) -> QuerySet[TrainingRecord]:
    """The records the training list shows: kept in `unit` or below, of one subject, whose
    person or course matches every word of `query` (accents ignored)."""
    records = training_records(user=user)
    if unit is not None:
        records = records.filter(unit__path__startswith=unit.path)
    if subject:
        records = records.filter(subject=subject)
    for term in search_terms(query):
        records = records.filter(
            Q(person__search_text__contains=term) | Q(search_text__contains=term)
        )
    return records


def held_levels(*, records) -> dict[str, int]:
    """The highest completed level per subject among the given records."""
    best: dict[str, int] = {}
    for record in records:
        if record.level and record.is_completed:
            best[record.subject] = max(best.get(record.subject, 0), record.level)
    return best


def training_people(*, user: User) -> list[tuple[User, Unit]]:
    """(person, unit) for every active member of a unit whose records the user keeps."""
    seen: dict[tuple[int, int], tuple[User, Unit]] = {}
    memberships = (
        Membership.objects.filter(
            unit__in=Unit.objects.editable_by(user), is_active=True, user__is_active=True
        )
        .select_related("user", "unit")
        .order_by("unit__depth", "unit__search_text", "user__search_text")
    )
    for membership in memberships:
        key = (membership.user_id, membership.unit_id)
        seen.setdefault(key, (membership.user, membership.unit))
    return list(seen.values())


def gaps_by_requirement(found: list[Gap]) -> list[tuple[Requirement, list[Gap]]]:
    """The gap report's sections: each requirement with the people who miss it."""
    groups: dict[int, tuple[Requirement, list[Gap]]] = {}
    for gap in found:
        groups.setdefault(gap.requirement.pk, (gap.requirement, []))[1].append(gap)
    return list(groups.values())


def chosen_gaps(
    *, unit: Unit, user: User, as_of: datetime.date, pairs: set[tuple[int, int]]
) -> list[Gap]:
    """The gaps a user ticked, recomputed here: a posted pair that is no gap (any more, or
    outside what the user sees) is dropped; each person and requirement counts once."""
    chosen: dict[tuple[int, int], Gap] = {}
    for gap in gaps(unit=unit, user=user, as_of=as_of):
        key = (gap.person.pk, gap.requirement.pk)
        if key in pairs:
            chosen.setdefault(key, gap)
    return list(chosen.values())


# Good model pages ----------------------------------------------------------------

SPREAD_COLOURS = {"origin": "#0d6efd", "adopted": "#198754", "asked": "#fd7e14"}


def practice_library(
    *,
    user: User,
    query: str = "",
    category: str = "",
    locality=None,
    status: str = "",
    origin_unit=None,
) -> QuerySet[Practice]:
    """The good models library: filtered, each with the number of replications the
    reader may see (the same ones the model's page lists)."""
    visible_replications = (
        Replication.objects.visible_to(user)
        .filter(practice=OuterRef("pk"))
        .order_by()
        .values("practice")
        .annotate(count=Count("pk"))
        .values("count")
    )
    found = practices(user=user).search(query)
    conditions = {
        "category": category,
        "locality": locality,
        "status": status,
        "origin_unit": origin_unit,
    }
    found = found.filter(**{field: value for field, value in conditions.items() if value})
    return found.annotate(replication_count=Coalesce(Subquery(visible_replications), Value(0)))


def practice_origin_units(*, user: User) -> QuerySet[Unit]:
    """The units whose models the reader sees: the choices of the library's unit filter."""
    return Unit.objects.filter(
        pk__in=Practice.objects.visible_to(user).values("origin_unit_id")
    ).in_tree_order()


def spread_dot_plot(*, practice: Practice, replications: list[Replication]) -> dict:
    """The grassroots dot plot of the origin's locality and the replicating units'
    localities, coloured by what happened there, over the other communes in grey."""
    from mandate.grassroots.selectors import DOT_MIN_RADIUS, dot_plot

    kinds: dict[int, str] = {}
    places = {}
    for replication in replications:
        place = replication.unit.locality
        if place is not None:
            places[place.pk] = place
            kinds.setdefault(place.pk, replication.status)
    origin = practice.locality or practice.origin_unit.locality
    if origin is not None:
        places[origin.pk], kinds[origin.pk] = origin, "origin"
    plot = dot_plot(
        by_locality=[
            {
                "locality_id": place.pk,
                "locality__name": place.name,
                "locality__lat": place.lat,
                "locality__lon": place.lon,
                "locality__parent_id": place.parent_id,
                "count": 1,
            }
            for place in places.values()
        ]
    )
    for dot in plot["dots"]:
        dot["kind"] = kinds.get(dot["id"], "")
        if dot["kind"]:
            dot["colour"] = SPREAD_COLOURS.get(dot["kind"], SPREAD_COLOURS["adopted"])
            dot["r"] = DOT_MIN_RADIUS * 2 if dot["kind"] == "origin" else DOT_MIN_RADIUS * 1.5
    plot["dots"].sort(key=lambda dot: bool(dot["kind"]))  # the marked ones on top
    return plot
