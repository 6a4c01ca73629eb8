"""Commune x category x day report counts, the only thing detection reads.

Kept up to date by recounting exactly the cells a change touches (filing, a bulk
import, a correction, a deletion), so a count never drifts from the reports; rebuilt from
all reports in one GROUP BY by `rebuild()`. Nothing re-reads every report each day.
"""

import datetime
import threading
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models.signals import post_delete, pre_delete

from mandate.earlywarning.models import DailyCount
from mandate.grassroots.models import Report
from mandate.grassroots.signals import reports_changed

Cell = tuple[int, int, datetime.date]  # category_id, locality_id, day


def connect() -> None:
    reports_changed.connect(_on_reports_changed, dispatch_uid="earlywarning-counts")
    pre_delete.connect(_on_report_deleting, sender=Report, dispatch_uid="earlywarning-deleting")
    post_delete.connect(_on_report_deleted, sender=Report, dispatch_uid="earlywarning-delete")


def _on_reports_changed(sender, *, cells: Iterable[Cell], **kwargs) -> None:
    recount(cells)


# A deletion (a case and its reports, say) sends pre_delete for every report, deletes
# them all, then sends post_delete for each: the cells gathered before are recounted
# once, at the first post_delete, instead of once per report.
_deleting = threading.local()


def _on_report_deleting(sender, *, instance: Report, **kwargs) -> None:
    if not hasattr(_deleting, "cells"):
        _deleting.cells = set()
    _deleting.cells.add((instance.category_id, instance.locality_id, instance.observed_on))


def _on_report_deleted(sender, *, instance: Report, **kwargs) -> None:
    cell = (instance.category_id, instance.locality_id, instance.observed_on)
    pending = getattr(_deleting, "cells", set())
    if pending or cell not in getattr(_deleting, "recounted", set()):
        pending.add(cell)
        recount(pending)
        _deleting.recounted, _deleting.cells = pending, set()


def recount(cells: Iterable[Cell]) -> None:
    """Set each cell to the number of reports it holds now (deleting empty ones).

    Every cell of the smallest box of days, categories and communes holding them is
    recounted, in SQL: exact for each, and for an import of 100,000 reports one
    GROUP BY instead of reading the counts back and writing them one by one. Only
    the counts that changed are written."""
    cells = set(cells)
    if not cells:
        return
    days = [day for _category, _locality, day in cells]
    categories = sorted({category for category, _locality, _day in cells})
    localities = sorted({locality for _category, locality, _day in cells})
    params = [min(days), max(days), *categories, *localities]
    counts, reports = DailyCount._meta.db_table, Report._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {counts} WHERE {_box('day', categories, localities)}"  # noqa: S608 -- table names from the models
            f" AND NOT EXISTS (SELECT 1 FROM {reports} r WHERE r.observed_on = {counts}.day"
            f" AND r.category_id = {counts}.category_id AND r.locality_id = {counts}.locality_id)",
            params,
        )
        cursor.execute(
            f"INSERT INTO {counts} (category_id, locality_id, day, count)"  # noqa: S608
            " SELECT category_id, locality_id, observed_on, COUNT(*)"
            f" FROM {reports} WHERE {_box('observed_on', categories, localities)}"
            " GROUP BY category_id, locality_id, observed_on"
            " ON CONFLICT (category_id, day, locality_id) DO UPDATE SET count = excluded.count"
            f" WHERE {counts}.count <> excluded.count",
            params,
        )


def _box(day_column: str, categories: list[int], localities: list[int]) -> str:
    """The cells' box as SQL: the days between two dates, the categories, the communes."""
    return (
        f"{day_column} BETWEEN %s AND %s"
        f" AND category_id IN ({', '.join(['%s'] * len(categories))})"
        f" AND locality_id IN ({', '.join(['%s'] * len(localities))})"
    )


def rebuild() -> int:
    """Every count again from the reports, in one pass; the number of cells."""
    table = DailyCount._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} (category_id, locality_id, day, count) "  # noqa: S608
            "SELECT category_id, locality_id, observed_on, COUNT(*) "
            f"FROM {Report._meta.db_table} GROUP BY category_id, locality_id, observed_on"
        )
        return cursor.rowcount
