"""Where each figure of the dashboard leads: the list it counts, filtered to the same rows.

The task and case lists filter by a unit with the units below it (`below=on`) and by
dates (tasks by due date, cases by the day they were opened), so their figures open
lists that count the same; the task list reckons its buckets on the day the dashboard
does (`as_of`, the last day of a past period). A case's state (resolved, open, overdue)
is the list's as of today: those figures link while the period runs, when the
dashboard counts as of today too; the cases received of a past period always link. The
training and good model lists have no date filter: their figures open the
unit's list of every period, as the page says.
"""

import datetime
import functools
import re
from urllib.parse import urlencode

from django.urls import get_script_prefix, reverse

from mandate.org.models import Unit
from mandate.reviews.selectors import Period
from mandate.work.filters import COUNTED
from mandate.work.models import Bucket

# Ids, ISO dates and codes need no quoting: a dashboard builds a thousand links, and
# urlencode quoting each value was a third of its time.
_PLAIN = re.compile(r"[\w.-]*", re.ASCII)


@functools.cache
def _path(name: str, prefix: str) -> str:
    return reverse(name)


def url(name: str, **params) -> str:
    pairs = []
    for key, value in params.items():
        if value in (None, ""):
            continue
        text = str(value)
        pairs.append(f"{key}={text}" if _PLAIN.fullmatch(text) else urlencode({key: text}))
    path = _path(name, get_script_prefix())  # the prefix, for a server under a sub-path
    return f"{path}?{'&'.join(pairs)}" if pairs else path


def dashboard_url(unit: Unit, period: Period) -> str:
    if period.is_year:
        return url("reviews:dashboard", unit=unit.pk, year=period.start.year)
    return url(
        "reviews:dashboard",
        unit=unit.pk,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
    )


class Links:
    """The list URLs of one dashboard: `unit_filter(...)` is None where no list matches."""

    def __init__(
        self,
        *,
        unit: Unit,
        period: Period,
        whole_scope: bool,
        has_children: bool,
        today: datetime.date,
    ):
        self.unit = unit
        self.period = period
        self.whole_scope = whole_scope
        self.has_children = has_children
        self.as_of = period.as_of(today)
        self.current = self.as_of == today

    def unit_filter(self, name: str, unit: Unit | None = None, *, leaf: bool = False) -> dict:
        """The list parameters that pick `unit` (the dashboard's unit if None) with the units
        below it. Always given, even when that is all the reader sees: the case list also
        shows the cases a commune raised elsewhere, the dashboard only those routed to it."""
        if unit is None or unit == self.unit:
            unit, leaf = self.unit, not self.has_children
        return {name: unit.pk} if leaf else {name: unit.pk, "below": "on"}

    # Tasks -------------------------------------------------------------------------------

    def tasks(self, *, key_only: bool, where: dict, bucket: str | None = COUNTED, **extra) -> str:
        """The task list of the period (None: with no bucket filter), its buckets as of the
        period's last day once it is over, as the dashboard counts them."""
        return url(
            "work:my-tasks",
            is_key="on" if key_only else "",
            due_from=self.period.start.isoformat(),
            due_to=self.period.end.isoformat(),
            bucket=bucket or "",
            as_of="" if self.current else self.as_of.isoformat(),
            **where,
            **extra,
        )

    def task_row(self, row, *, key_only: bool) -> dict:
        """One row of the task table with the link of each of its counts."""
        if row.own:
            where = {"lead_unit": row.unit.pk}
        elif row.unit == self.unit:  # the totals
            where = self.unit_filter("lead_unit")
        else:
            where = self.unit_filter("lead_unit", row.unit, leaf=not row.has_children)
        return {
            "row": row,
            "cells": [
                {
                    "bucket": bucket.value,
                    "label": bucket.label,
                    "count": row.buckets[bucket.value],
                    "url": self.tasks(key_only=key_only, where=where, bucket=bucket.value),
                }
                for bucket in Bucket
            ],
            "url": self.tasks(key_only=key_only, where=where),
            # A unit with units below it has a dashboard of its own, one level down.
            "dashboard": dashboard_url(row.unit, self.period)
            if row.has_children and not row.own and row.unit != self.unit
            else "",
        }

    # Cases ------------------------------------------------------------------------------

    def cases(self, *, status: str = "", **picked) -> str:
        """The case list of the dashboard's unit and period; "" for a state (`status`) once
        the period is over (the list says what is open today, not at the period's end)."""
        if status and not self.current:
            return ""
        return url(
            "grassroots:case-list",
            **self.unit_filter("unit"),
            opened_from=self.period.start.isoformat(),
            opened_to=self.period.end.isoformat(),
            no_duplicates="on",
            status=status,
            **picked,
        )

    def case_row(self, row, dimension: str = "") -> dict:
        """received (any status), resolved, open and overdue, for a category or a locality
        row (`dimension`), the totals when empty; "others" rows get no links."""
        if dimension and row.key is None:
            return {"row": row}
        picked = {dimension: row.key} if dimension else {}
        return {
            "row": row,
            "received": self.cases(**picked),
            "resolved": self.cases(**picked, status="done"),
            "open": self.cases(**picked, status="open"),
            "overdue": self.cases(**picked, status="overdue"),
        }

    # Campaigns, training, good models ----------------------------------------------------------

    def campaign_tasks(self, campaign) -> str:
        return self.tasks(
            key_only=False, where=self.unit_filter("lead_unit"), bucket=None, campaign=campaign.pk
        )

    def campaign_list(self) -> str:
        if not (self.whole_scope and self.period.is_year):
            return ""
        return url("observances:campaign-list", year=self.period.start.year)

    def training(self, **params) -> str:
        # The training list's unit filter takes the unit and those below it.
        return url("people:training-index", unit=self.unit.pk, **params)

    def gaps(self) -> str:
        return url("people:training-gaps", unit=self.unit.pk)

    def practices(self, **params) -> str:
        # The good model list filters by one unit: the unit's own list, or the reader's.
        if self.whole_scope:
            return url("people:practice-list", **params)
        if self.has_children:
            return ""
        return url("people:practice-list", origin_unit=self.unit.pk, **params)
