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
