"""Grassroots cases of a unit's period: received, resolved, on time, open, overdue."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from mandate.core.counts import cached_sums
from mandate.grassroots.models import Case, Category
from mandate.org.models import Locality, Unit, User
from mandate.reviews.selectors.common import Period, percent

TOP_LOCALITIES = 10
COUNTS = ("received", "resolved", "on_time", "still_open", "overdue")


@dataclass
class CaseRow:
    """Cases received in the period (by category or locality; `key` None: all the others)."""

    key: int | None
    label: str
    received: int = 0
    resolved: int = 0
    on_time: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def on_time_rate(self) -> int | None:
        """Resolved on time, in percent of the cases resolved."""
        return percent(self.on_time, self.resolved)

    def add(self, counts) -> None:
        self.received += counts[0]
        self.resolved += counts[1]
        self.on_time += counts[2]
        self.open += counts[3]
        self.overdue += counts[4]


@dataclass
class CaseFigures:
    as_of: datetime.date
    totals: CaseRow
    by_category: list[CaseRow]
    by_locality: list[CaseRow]  # the TOP_LOCALITIES with most cases, then the others


def case_figures(
    *, user: User, unit: Unit, period: Period, as_of: datetime.date | None = None
) -> CaseFigures:
    """Cases routed to the unit's subtree and opened in the period (duplicates closed into
    another case left out): received; resolved by `as_of`, and of those on time (by
    their due date); still open, and of those overdue at `as_of`. Grouped queries by
    category x locality, one a month, added up by each dimension."""
    as_of = as_of or period.as_of(timezone.localdate())
    cases = (
        Case.objects.visible_to(user)
        .filter(unit__in=unit.subtree())
        .exclude(close_reason=Case.CloseReason.DUPLICATE)
        .order_by()
    )

    def count(chunk) -> list[tuple]:
        resolved = Q(resolved_on__lte=as_of)
        still_open = Q(status__in=Case.OPEN_STATUSES)
        return list(
            chunk.values("category_id", "locality_id")
            .annotate(
                received=Count("pk"),
                resolved=Count("pk", filter=resolved),
                on_time=Count("pk", filter=resolved & Q(resolved_on__lte=F("due_on"))),
                still_open=Count("pk", filter=still_open),
                overdue=Count("pk", filter=still_open & Q(due_on__lt=as_of)),
            )
            .values_list("category_id", "locality_id", *COUNTS)
        )

    # Cases change all day: a change recounts the month it was opened in, not the year.
    groups = cached_sums(
        "reviews-cases",
        cases,
        field="opened_on",
        start=period.start,
        end=period.end,
        as_of=as_of,
        compute=count,
        keys=2,
    )
    totals = CaseRow(key=None, label="")
    by_category: dict[int, CaseRow] = {}
    by_locality: dict[int, CaseRow] = {}
    for category_id, locality_id, *counts in groups:
        totals.add(counts)
        by_category.setdefault(category_id, CaseRow(key=category_id, label="")).add(counts)
        by_locality.setdefault(locality_id, CaseRow(key=locality_id, label="")).add(counts)
    return CaseFigures(
        as_of=as_of,
        totals=totals,
        by_category=_named_categories(by_category),
        by_locality=_top_localities(by_locality),
    )


def _named_categories(rows: dict[int, CaseRow]) -> list[CaseRow]:
    for category in Category.objects.filter(pk__in=list(rows)):
        rows[category.pk].label = category.label
    return sorted(rows.values(), key=lambda row: (-row.received, row.label))


def _top_localities(rows: dict[int, CaseRow]) -> list[CaseRow]:
    ranked = sorted(rows.values(), key=lambda row: (-row.received, row.key))
    top, rest = ranked[:TOP_LOCALITIES], ranked[TOP_LOCALITIES:]
    names = dict(Locality.objects.filter(pk__in=[row.key for row in top]).values_list("pk", "name"))
    for row in top:
        row.label = names.get(row.key, "")
    top.sort(key=lambda row: (-row.received, row.label))
    if rest:
        others = CaseRow(key=None, label="")
        for row in rest:
            others.add((row.received, row.resolved, row.on_time, row.open, row.overdue))
        top.append(others)
    return top
