"""Where each figure of the dashboard leads: the list it counts, filtered as far as that
list can be.

The lists filter by one unit, not by a unit and those below it, and the case, training
and good model lists have no date filter. A figure links to a list only where the list
shows the same rows (the task list, which filters by due date) or the same rows in
every period (the others, said on the page); a figure of a unit with units below it links
only when that subtree is all the reader sees. Where no list matches, the unit's name
opens that unit's own dashboard instead.
"""

from urllib.parse import urlencode

from django.urls import reverse

from mandate.org.models import Unit
from mandate.reviews.selectors import Period
from mandate.work.models import Bucket


def url(name: str, **params) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{reverse(name)}?{query}" if query else reverse(name)


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

    def __init__(self, *, unit: Unit, period: Period, whole_scope: bool, has_children: bool):
        self.unit = unit
        self.period = period
        self.whole_scope = whole_scope
        self.has_children = has_children

    def unit_filter(
        self, name: str, unit: Unit | None = None, *, leaf: bool = False
    ) -> dict | None:
        """The list parameter that picks `unit` (the dashboard's unit if None), {} when the
        reader's whole scope is meant, None when no list can pick it with those below it."""
        if unit is None or unit == self.unit:
            if self.whole_scope:
                return {}
            unit, leaf = self.unit, not self.has_children
        return {name: unit.pk} if leaf else None

    # Tasks -------------------------------------------------------------------------------

    def tasks(self, *, key_only: bool, where: dict | None, bucket: str = "", **extra) -> str:
        if where is None:
            return ""
        return url(
            "work:my-tasks",
            is_key="on" if key_only else "",
            due_from=self.period.start.isoformat(),
            due_to=self.period.end.isoformat(),
            bucket=bucket,
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
            "dashboard": dashboard_url(row.unit, self.period)
            if row.has_children and not row.own and row.unit != self.unit
            else "",
        }

    # Cases ------------------------------------------------------------------------------

    def cases(self, **params) -> str:
        where = self.unit_filter("unit")
        return "" if where is None else url("grassroots:case-list", **where, **params)

    def case_row(self, row, dimension: str = "") -> dict:
        """received (any status), resolved, open and overdue, for a category or a locality
        row (`dimension`), the totals when empty; "others" rows get no links."""
        if dimension and row.key is None:
            return {"row": row}
        picked = {dimension: row.key} if dimension else {}
        return {
            "row": row,
            "received": self.cases(**picked),
            "resolved": self.cases(**picked, status="resolved"),
            "open": self.cases(**picked, status="open"),
            "overdue": self.cases(**picked, status="overdue"),
        }

    # Campaigns, training, good models ----------------------------------------------------------

    def campaign_tasks(self, campaign) -> str:
        return self.tasks(key_only=False, where=self.unit_filter("lead_unit"), campaign=campaign.pk)

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
        where = self.unit_filter("origin_unit")
        return "" if where is None else url("people:practice-list", **where, **params)
