"""Every nomination against its title's rules, read from TitleRule rows (never constants).

A check looks at a round "as the list stands": by default every nomination still in
the running (drafts to decided) counts, which is what a unit sees while it builds its
list; with `approved_only` only what the council approved counts, which is what an
approved list and a decision must satisfy. Each failure says what fails and why,
with the figures, in the language active when the check runs.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.honours.models import (
    RATING_RANK,
    Award,
    AwardRound,
    BlockingCondition,
    Nomination,
    Rating,
    TaskRating,
    Title,
    TitleRule,
    in_force,
)
from mandate.org.models import Membership, Role, Unit

Kind = TitleRule.Kind
MEMBER_ROLES = [Role.LEADER, Role.OFFICER]


@dataclass(frozen=True)
class Failure:
    """One rule a nomination (or a unit's list, for a cap) does not meet."""

    code: str
    message: str
    nomination: Nomination | None = None
    rule: TitleRule | None = None
    unit: Unit | None = None

    def __str__(self) -> str:
        return self.message


def percent_text(value: Decimal | float) -> str:
    """15.00 -> "15", 12.50 -> "12.5": how people write a percentage."""
    text = f"{Decimal(value).quantize(Decimal('0.1')):f}"
    return text.removesuffix(".0")


def cap_for(base: int, percent: Decimal) -> int:
    """The most a cap of `percent` % of `base` allows, rounded down (15 % of 40 is 6)."""
    return int(Decimal(base) * Decimal(percent) // 100)


class RoundFacts:
    """What the rules read about one round, loaded in a fixed number of queries."""

    def __init__(self, award_round: AwardRound, *, approved_only: bool = False):
        self.round = award_round
        self.statuses = Nomination.APPROVED_OR_LATER if approved_only else Nomination.LIVE
        self.approved_only = approved_only
        self.today = timezone.localdate()
        self._members: dict[int, set[int]] = {}

    @cached_property
    def nominations(self) -> list[Nomination]:
        return list(
            Nomination.objects.dangerously_unscoped()
            .filter(round=self.round, status__in=self.statuses)
            .select_related("title", "unit", "person", "nominee_unit", "vote")
        )

    @cached_property
    def rules(self) -> dict[int, list[TitleRule]]:
        by_title: dict[int, list[TitleRule]] = defaultdict(list)
        rules = TitleRule.objects.filter(in_force(self.round.period_end)).select_related(
            "title", "other_title"
        )
        for rule in rules:
            by_title[rule.title_id].append(rule)
        return by_title

    @cached_property
    def held_this_round(self) -> dict[int, set[tuple[str, int]]]:
        """Title id -> the nominees ("p", person id) or ("u", unit id) holding it this year:
        by a nomination of this round that counts, or by a standing award of the year."""
        held: dict[int, set[tuple[str, int]]] = defaultdict(set)
        for nomination in self.nominations:
            held[nomination.title_id].add(nominee_key(nomination))
        for award in (
            Award.objects.dangerously_unscoped()
            .standing()
            .filter(year=self.round.year)
            .values("title_id", "person_id", "unit_id")
        ):
            key = ("p", award["person_id"]) if award["person_id"] else ("u", award["unit_id"])
            held[award["title_id"]].add(key)
        return held

    @cached_property
    def years_held(self) -> dict[tuple[int, tuple[str, int]], set[int]]:
        """(title id, nominee) -> the years of their standing awards before this year."""
        keys = {nominee_key(nomination) for nomination in self.nominations}
        people = [pk for kind, pk in keys if kind == "p"]
        units = [pk for kind, pk in keys if kind == "u"]
        years: dict[tuple[int, tuple[str, int]], set[int]] = defaultdict(set)
        awards = (
            Award.objects.dangerously_unscoped()
            .standing()
            .filter(
                Q(person_id__in=people) | Q(person__isnull=True, unit_id__in=units),
                year__lt=self.round.year,
            )
        )
        for row in awards.values("title_id", "person_id", "unit_id", "year"):
            key = ("p", row["person_id"]) if row["person_id"] else ("u", row["unit_id"])
            years[(row["title_id"], key)].add(row["year"])
        return years

    @cached_property
    def ratings(self) -> dict[tuple[str, int], str]:
        rows = (
            TaskRating.objects.dangerously_unscoped()
            .filter(round=self.round)
            .values("person_id", "unit_id", "rating")
        )
        return {
            (("p", row["person_id"]) if row["person_id"] else ("u", row["unit_id"])): row["rating"]
            for row in rows
        }

    @cached_property
    def blocking(self) -> list[dict]:
        """Conditions overlapping the period and not over before it started."""
        return list(
            BlockingCondition.objects.dangerously_unscoped()
            .filter(starts_on__lte=max(self.today, self.round.period_end))
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.round.period_start))
            .values("kind", "person_id", "unit_id")
        )

    def members(self, unit_id: int) -> set[int]:
        """A collective's members: its leaders and officers, and whoever it rated this round.
        The first call loads those of every collective nominee of the round at once."""
        if unit_id not in self._members:
            wanted = {unit_id} | {
                nomination.nominee_unit_id
                for nomination in self.nominations
                if nomination.nominee_unit_id is not None
            }
            self._load_members(wanted - self._members.keys())
        return self._members[unit_id]

    def _load_members(self, unit_ids: set[int]) -> None:
        found: dict[int, set[int]] = {pk: set() for pk in unit_ids}
        memberships = Membership.objects.filter(
            unit_id__in=unit_ids, role__in=MEMBER_ROLES, is_active=True, user__is_active=True
        ).values_list("unit_id", "user_id")
        rated = (
            TaskRating.objects.dangerously_unscoped()
            .filter(round=self.round, unit_id__in=unit_ids, person__isnull=False)
            .values_list("unit_id", "person_id")
        )
        for unit_id, person_id in [*memberships, *rated]:
            found[unit_id].add(person_id)
        self._members.update(found)

    def holders_among(self, title_id: int, people: set[int]) -> set[int]:
        return {
            pk for kind, pk in self.held_this_round.get(title_id, set()) if kind == "p"
        } & people


def nominee_key(nomination: Nomination) -> tuple[str, int]:
    if nomination.person_id:
        return ("p", nomination.person_id)
    return ("u", nomination.nominee_unit_id)


# The rules, one function each ------------------------------------------------------


def _min_rating(facts: RoundFacts, nomination: Nomination, rule: TitleRule) -> str | None:
    rating = facts.ratings.get(nominee_key(nomination))
    wanted = Rating(rule.rating).label
    if rating is None:
        return _("%(nominee)s has no task rating in this round (needs: %(wanted)s).") % {
            "nominee": nomination.nominee,
            "wanted": wanted,
        }
    if RATING_RANK[rating] < RATING_RANK[rule.rating]:
        return _("%(nominee)s is rated “%(rating)s”; the title needs “%(wanted)s” or better.") % {
            "nominee": nomination.nominee,
            "rating": Rating(rating).label,
            "wanted": wanted,
        }
    return None


def _prerequisite(facts: RoundFacts, nomination: Nomination, rule: TitleRule) -> str | None:
    year = facts.round.year
    needed = set(range(year - rule.count + 1, year + 1))
    key = nominee_key(nomination)
    held = set(facts.years_held.get((rule.other_title_id, key), set()))
    if key in facts.held_this_round.get(rule.other_title_id, set()):
        held.add(year)
    missing = sorted(needed - held)
    if not missing:
        return None
    return _(
        "%(nominee)s must hold %(other)s %(count)s consecutive year(s) up to %(year)s; "
        "missing: %(missing)s."
    ) % {
        "nominee": nomination.nominee,
        "other": rule.other_title.label,
        "count": rule.count,
        "year": year,
        "missing": ", ".join(map(str, missing)),
    }


def _members_share(facts: RoundFacts, nomination: Nomination, rule: TitleRule) -> str | None:
    members = facts.members(nomination.nominee_unit_id)
    holders = facts.holders_among(rule.other_title_id, members)
    if members and len(holders) * 100 >= rule.percent * len(members):
        return None
    return _(
        "%(unit)s: %(holders)s of %(members)s members hold %(other)s; "
        "at least %(percent)s %% needed."
    ) % {
        "unit": nomination.nominee,
        "holders": len(holders),
        "members": len(members),
        "other": rule.other_title.label,
        "percent": percent_text(rule.percent),
    }


def _members_rating(facts: RoundFacts, nomination: Nomination, rule: TitleRule) -> str | None:
    members = facts.members(nomination.nominee_unit_id)
    good = {
        pk
        for pk in members
        if RATING_RANK.get(facts.ratings.get(("p", pk)), -1) >= RATING_RANK[rule.rating]
    }
    if members and len(good) * 100 >= rule.percent * len(members):
        return None
    return _(
        "%(unit)s: %(good)s of %(members)s members are rated “%(rating)s” or better; "
        "at least %(percent)s %% needed."
    ) % {
        "unit": nomination.nominee,
        "good": len(good),
        "members": len(members),
        "rating": Rating(rule.rating).label,
        "percent": percent_text(rule.percent),
    }


def _members_with(facts: RoundFacts, nomination: Nomination, rule: TitleRule) -> str | None:
    members = facts.members(nomination.nominee_unit_id)
    holders = facts.holders_among(rule.other_title_id, members)
    if len(holders) >= rule.count:
        return None
    return _("%(unit)s: %(holders)s member(s) hold %(other)s; at least %(count)s needed.") % {
        "unit": nomination.nominee,
        "holders": len(holders),
        "other": rule.other_title.label,
        "count": rule.count,
    }


def _no_blocking(facts: RoundFacts, nomination: Nomination, rule: TitleRule) -> str | None:
    if nomination.person_id:
        found = [row for row in facts.blocking if row["person_id"] == nomination.person_id]
    else:
        found = [
            row
            for row in facts.blocking
            if row["person_id"] is None and row["unit_id"] == nomination.nominee_unit_id
        ]
    if not found:
        return None
    kinds = sorted({str(BlockingCondition.Kind(row["kind"]).label) for row in found})
    return _("%(nominee)s cannot be awarded while this lasts: %(kinds)s.") % {
        "nominee": nomination.nominee,
        "kinds": "; ".join(kinds),
    }


def _no_member_disciplined(
    facts: RoundFacts, nomination: Nomination, rule: TitleRule
) -> str | None:
    members = facts.members(nomination.nominee_unit_id)
    disciplined = {
        row["person_id"]
        for row in facts.blocking
        if row["kind"] == BlockingCondition.Kind.DISCIPLINE and row["person_id"] in members
    }
    if not disciplined:
        return None
    return _("%(unit)s: %(count)s member(s) under a disciplinary measure.") % {
        "unit": nomination.nominee,
        "count": len(disciplined),
    }


def _council(facts: RoundFacts, nomination: Nomination, rule: TitleRule) -> str | None:
    vote = getattr(nomination, "vote", None)
    if vote is None:
        if not facts.approved_only:
            return None  # the council has not voted yet: nothing to say before it meets
        return _("%(nominee)s: no council vote is recorded; %(percent)s %% is needed.") % {
            "nominee": nomination.nominee,
            "percent": percent_text(rule.percent),
        }
    if vote.approval_percent >= rule.percent:
        return None
    return _(
        "%(nominee)s: %(votes)s of %(members)s council members in favour (%(share)s %%); "
        "at least %(percent)s %% needed."
    ) % {
        "nominee": nomination.nominee,
        "votes": vote.votes_for,
        "members": vote.members_total,
        "share": percent_text(vote.approval_percent),
        "percent": percent_text(rule.percent),
    }


EVALUATE = {
    Kind.MIN_TASK_RATING: _min_rating,
    Kind.PREREQUISITE: _prerequisite,
    Kind.MEMBERS_SHARE: _members_share,
    Kind.MEMBERS_RATING_SHARE: _members_rating,
    Kind.MEMBERS_WITH: _members_with,
    Kind.NO_BLOCKING_CONDITION: _no_blocking,
    Kind.NO_MEMBER_DISCIPLINED: _no_member_disciplined,
    Kind.COUNCIL_APPROVAL: _council,
}


def _title_in_force(facts: RoundFacts, title: Title) -> bool:
    return title.is_active and title.in_force_on(facts.round.period_end)


def _nomination_failures(facts: RoundFacts, nomination: Nomination) -> list[Failure]:
    title = nomination.title
    if not _title_in_force(facts, title):
        message = _("%(title)s is not in force for this round's period.") % {"title": title.label}
        return [Failure("title_not_in_force", message, nomination=nomination)]
    failures = []
    for rule in facts.rules.get(title.pk, []):
        if rule.kind == Kind.CAP_SHARE_OF:
            continue  # a cap is about the unit's list: _cap_failures
        if rule.kind in TitleRule.COLLECTIVE_ONLY and not nomination.is_collective:
            continue
        message = EVALUATE[rule.kind](facts, nomination, rule)
        if message:
            failures.append(Failure(rule.kind, f"{title.label}: {message}", nomination, rule))
    return failures


def _cap_failures(facts: RoundFacts, *, title_ids=None, unit_ids=None) -> list[Failure]:
    """Each (title with a cap, proposing unit) list against the count of the base title
    in the same unit and round."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for nomination in facts.nominations:
        counts[(nomination.title_id, nomination.unit_id)] += 1
    units = {nomination.unit_id: nomination.unit for nomination in facts.nominations}
    failures = []
    for (title_id, unit_id), count in sorted(counts.items()):
        if (title_ids is not None and title_id not in title_ids) or (
            unit_ids is not None and unit_id not in unit_ids
        ):
            continue
        for rule in facts.rules.get(title_id, []):
            if rule.kind != Kind.CAP_SHARE_OF:
                continue
            base = counts.get((rule.other_title_id, unit_id), 0)
            cap = cap_for(base, rule.percent)
            if count <= cap:
                continue
            message = _(
                "%(title)s: %(count)s nominations exceed the maximum of %(cap)s "
                "(%(percent)s %% of %(base)s %(base_title)s)."
            ) % {
                "title": rule.title.label,
                "count": count,
                "cap": cap,
                "percent": percent_text(rule.percent),
                "base": base,
                "base_title": rule.other_title.label,
            }
            failures.append(Failure(rule.kind, message, rule=rule, unit=units[unit_id]))
    return failures


def check_nomination(nomination: Nomination, *, approved_only: bool = False) -> list[Failure]:
    """What one nomination fails: its title's rules, and the cap of its unit's list."""
    facts = RoundFacts(nomination.round, approved_only=approved_only)
    current = next((item for item in facts.nominations if item.pk == nomination.pk), None)
    if current is None:  # not counted at this stage (a draft checked for approval...)
        current = (
            Nomination.objects.dangerously_unscoped()
            .select_related("title", "unit", "person", "nominee_unit", "vote")
            .get(pk=nomination.pk)
        )
    return _nomination_failures(facts, current) + _cap_failures(
        facts, title_ids={current.title_id}, unit_ids={current.unit_id}
    )


def check_round(
    award_round: AwardRound,
    *,
    unit: Unit | None = None,
    approved_only: bool = False,
    nominations: list[Nomination] | None = None,
) -> list[Failure]:
    """Every failure of a round's nominations (those of `unit` only, when given; those
    listed, when given), caps first, then nomination by nomination."""
    facts = RoundFacts(award_round, approved_only=approved_only)
    wanted_ids = {nomination.pk for nomination in nominations} if nominations else None
    chosen = [
        nomination
        for nomination in facts.nominations
        if (unit is None or nomination.unit_id == unit.pk)
        and (wanted_ids is None or nomination.pk in wanted_ids)
    ]
    caps = _cap_failures(
        facts,
        title_ids={nomination.title_id for nomination in chosen},
        unit_ids={nomination.unit_id for nomination in chosen},
    )
    return caps + [
        failure for nomination in chosen for failure in _nomination_failures(facts, nomination)
    ]


def cap_summary(award_round: AwardRound, *, unit: Unit, approved_only: bool = False) -> list[dict]:
    """Each capped title of a unit's list: how many are proposed, the cap, the base."""
    facts = RoundFacts(award_round, approved_only=approved_only)
    counts: dict[int, int] = defaultdict(int)
    for nomination in facts.nominations:
        if nomination.unit_id == unit.pk:
            counts[nomination.title_id] += 1
    rows = []
    for title_id, rules in facts.rules.items():
        for rule in rules:
            if rule.kind == Kind.CAP_SHARE_OF:
                base = counts.get(rule.other_title_id, 0)
                rows.append(
                    {
                        "title": rule.title,
                        "count": counts.get(title_id, 0),
                        "cap": cap_for(base, rule.percent),
                        "base": base,
                        "base_title": rule.other_title,
                        "percent": rule.percent,
                    }
                )
    return rows
