"""Counts and aggregates of big tables, cached until the table changes, so never stale.

A province-wide list or dashboard counts hundreds of thousands of rows, tens of
milliseconds a time, and is reopened far more often than those rows change. `cached`
keeps what `compute` returns under a key made of the queryset's SQL, the reference
date and the table's *version*: its number of rows and its latest `updated_at`. Any
row added, changed or removed gives a new key, so a cached figure is never stale;
old keys simply expire.

The version is read in one query of two scalar subqueries, each answered from an
index (the count from the smallest one, the maximum from an index on `updated_at`,
which every model counted this way must have). Bulk writes must set `updated_at`
themselves (`QuerySet.update` skips `auto_now`).

A figure over a long period of a table that changes all day (a year of grassroots
cases) is better cut by month: `cached_by_month` keys each month's part on that month's
rows only (their number and latest `updated_at`, read off an index on the date and
`updated_at`), so a change recounts one month, not the year.

The default local-memory cache is per process; a shared cache (Redis) serves several
servers the same way, since the key says everything the value depends on.
"""

import datetime
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import QuerySet

T = TypeVar("T")
TIMEOUT_SECONDS = 24 * 3600


def cached(
    kind: str,
    queryset: QuerySet,
    as_of: datetime.date | None,
    compute: Callable[[], T],
    model: type[models.Model] | None = None,
) -> T:
    """`compute()`, or the value it gave last time for the same rows of an unchanged table.

    kind: what is computed ("count", "buckets", "overview"), so that two figures of one
    queryset do not share a key. queryset: the rows the figure is about (its SQL is part
    of the key; ordering and joins for display are ignored). as_of: the day the figure
    depends on, if any (overdue counts change at midnight). model: the table whose
    changes invalidate the figure, the queryset's model unless given.
    """
    try:
        sql = str(queryset.order_by().select_related(None).query)
    except EmptyResultSet:  # a scope that reaches no unit: nothing to count, nothing to keep
        return compute()
    model = model or queryset.model
    version = table_version(model)
    fingerprint = f"{kind}|{sql}|{as_of}|{version['count']}|{version['latest']}"
    key = f"counts:{model._meta.label_lower}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT_SECONDS)
    return value


def table_version(model: type[models.Model]) -> dict:
    """How many rows the model's table holds and when the latest changed, in one query."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field("updated_at").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {table}), (SELECT MAX({column}) FROM {table})"  # noqa: S608 -- names are ours
        )
        count, latest = cursor.fetchone()
    return {"count": count, "latest": latest}


def cached_sums(
    kind: str,
    queryset: QuerySet,
    *,
    field: str,
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date | None,
    compute: Callable[[QuerySet], list[tuple]],
    keys: int,
) -> list[tuple]:
    """Grouped counts (`compute`: rows of `keys` group values, then counts) of the rows
    with `field` in [start, end]: one look-up while the table is unchanged; after a
    change, the months are looked up and only those whose rows changed are counted again
    (`cached_by_month`), then added up by group."""

    def by_month() -> list[tuple]:
        months = cached_by_month(
            kind, queryset, field=field, start=start, end=end, as_of=as_of, compute=compute
        )
        return summed(months, keys=keys)

    in_period = queryset.filter(**{f"{field}__range": (start, end)})
    return cached(kind, in_period, as_of, by_month)


def cached_by_month(
    kind: str,
    queryset: QuerySet,
    *,
    field: str,
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date | None,
    compute: Callable[[QuerySet], list],
) -> list:
    """`compute(rows)` for the queryset's rows whose `field` falls in each calendar month
    of [start, end], joined into one list: each month's part comes from the cache unless
    a row of the table with `field` in that month was added, changed or removed.

    `compute` returns a list (grouped counts, say) that the caller adds up across months.
    The model must have an index leading with `field` and holding `updated_at`.
    """
    months = _months(start, end)
    versions = month_versions(queryset.model, field, months)
    try:
        sql = str(queryset.order_by().select_related(None).query)
    except EmptyResultSet:  # a scope that reaches no unit: nothing to count
        return []
    keys = [
        "counts:month:"
        + hashlib.sha256(f"{kind}|{sql}|{field}|{month}|{as_of}|{version}".encode()).hexdigest()
        for month, version in zip(months, versions, strict=True)
    ]
    found = cache.get_many(keys)
    rows = []
    for key, month in zip(keys, months, strict=True):
        if key not in found:
            found[key] = compute(queryset.filter(**{f"{field}__range": month}))
            cache.set(key, found[key], timeout=TIMEOUT_SECONDS)
        rows += found[key]
    return rows


def summed(rows: list[tuple], keys: int) -> list[tuple]:
    """Rows of counts added up by their first `keys` values (the months of one group)."""
    totals: dict[tuple, list] = {}
    for row in rows:
        into = totals.get(row[:keys])
        if into is None:
            totals[row[:keys]] = list(row[keys:])
        else:
            for position, value in enumerate(row[keys:]):
                into[position] += value
    return [(*key, *counts) for key, counts in totals.items()]


def _months(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """[start, end] cut at the first of each month."""
    months, first = [], start
    while first <= end:
        following = (first.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        months.append((first, min(end, following - datetime.timedelta(days=1))))
        first = following
    return months


def month_versions(model, field: str, months: list[tuple]) -> list[tuple]:
    """(rows, latest updated_at) of the table's rows with `field` in each range, in one
    query: a range of the index on (`field`, …, updated_at) a month."""
    if not months:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    updated = connection.ops.quote_name(model._meta.get_field("updated_at").column)
    parts, params = [], []
    for number, (first, last) in enumerate(months):
        parts.append(
            f"SELECT {number:d}, COUNT(*), MAX({updated}) FROM {table} "  # noqa: S608 -- names are ours
            f"WHERE {column} >= %s AND {column} <= %s"
        )
        params += [first, last]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = {number: (count, latest) for number, count, latest in cursor.fetchall()}
    return [found[number] for number in range(len(months))]
