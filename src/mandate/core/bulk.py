"""Writing many rows fast: one prepared INSERT per batch, derived rows copied in SQL.

For imports of tens of thousands of rows, where building model instances and having
bulk_create prepare each of their values costs ten times the INSERTs themselves.
Rows are plain dicts of column values (attnames); every row has the same keys.
Rows that follow from the inserted ones (their history, a timeline entry each) are
copied by one INSERT ... SELECT: the database does in C what binding each value from
Python would cost several microseconds a row to do.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter

from django.db import connection
from django.db.models import Max
from django.db.models.fields import NOT_PROVIDED


@contextmanager
def roomy_sqlite_cache(kib: int = 64 * 1024):
    """SQLite's default 2 MB page cache spills a large import's index pages to disk in
    mid-transaction; with 64 MB the writes of 100,000 reports take a third less time.
    Other databases size their buffers themselves."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-kib:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous:d}")


@dataclass(frozen=True)
class Inserted:
    """The rows one bulk insert wrote: above the largest id before it, created at its
    instant by its author. On PostgreSQL another transaction may take ids in between;
    the marks tell its rows apart."""

    model: type
    after_id: int
    created_at: datetime.datetime
    owner: str
    by_id: int | None

    def where(self) -> tuple[str, list]:
        meta = self.model._meta
        quote = connection.ops.quote_name
        owner = quote(meta.get_field(self.owner).column)
        stamp = meta.get_field("created_at")
        created_at = stamp.get_db_prep_save(self.created_at, connection)
        sql = f"{quote(meta.pk.column)} > %s AND {quote(stamp.column)} = %s AND "
        if self.by_id is None:
            return sql + f"{owner} IS NULL", [self.after_id, created_at]
        return sql + f"{owner} = %s", [self.after_id, created_at, self.by_id]

    def ids(self) -> list[int]:
        where, params = self.where()
        meta = self.model._meta
        pk = connection.ops.quote_name(meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {pk} FROM {connection.ops.quote_name(meta.db_table)}"  # noqa: S608 -- names from the model
                f" WHERE {where} ORDER BY {pk}",
                params,
            )
            return [row_id for (row_id,) in cursor.fetchall()]


def insert_with_history(
    model, rows: list[dict], *, now, by_id: int | None, owner: str, batch: int = 2000
) -> tuple[list[int], Inserted]:
    """Insert the rows, then their "created" history rows; the new ids, in row order,
    and what marks the rows for further copies (`copy_rows`).

    The ids are read back by what marks this import's rows, in id order, which is
    insertion order on every database; a count that does not match aborts the
    transaction.
    """
    before = model._default_manager.aggregate(last=Max("pk"))["last"] or 0
    inserted = Inserted(model, before, now, owner, by_id)
    if not rows:
        return [], inserted
    insert_rows(model, rows, constants={"created_at": now, "updated_at": now}, batch=batch)
    ids = inserted.ids()
    if len(ids) != len(rows):
        raise RuntimeError(f"{model.__name__}: {len(rows)} rows written, {len(ids)} read back")
    history = model.history.model
    copied = {field.column for field in model._meta.concrete_fields}
    copy_rows(
        history,
        inserted,
        columns={
            field.attname: field.column
            for field in history._meta.concrete_fields
            if field.column in copied and not field.primary_key
        },
        constants={"history_date": now, "history_type": "+", "history_user_id": by_id},
    )
    return ids, inserted


def copy_rows(model, source: Inserted, *, columns: dict[str, str], constants: dict) -> None:
    """One row of `model` for each row `source` inserted, in id order, by one
    INSERT ... SELECT: `columns` maps this model's attnames to the source's columns;
    the other columns take `constants`, else the field's default."""
    quote = connection.ops.quote_name
    fixed = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in columns
    ]
    names = [model._meta.get_field(name).column for name in columns] + [f.column for f in fixed]
    values = [_constant(field, constants) for field in fixed]
    where, params = source.where()
    source_meta = source.model._meta
    sql = "INSERT INTO {} ({}) SELECT {} FROM {} WHERE {} ORDER BY {}".format(  # noqa: S608 -- names from the models
        quote(model._meta.db_table),
        ", ".join(quote(name) for name in names),
        ", ".join([quote(column) for column in columns.values()] + ["%s"] * len(values)),
        quote(source_meta.db_table),
        where,
        quote(source_meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values + params)


def insert_rows(model, rows: list[dict], *, constants: dict, batch: int = 2000) -> None:
    """One prepared INSERT for many rows (executemany). Every row has the same keys; the
    other columns take `constants`, else the field's default, prepared once through the
    field. Row values go to the driver as they are (int, text, date, float, None), which
    every Django backend adapts. NULL constants are left to the column's own NULL:
    SQLite's module binds None through its adapter look-up, slowly."""
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    given = [field for field in fields if field.attname in rows[0]]
    fixed = [
        field
        for field in fields
        if field.attname not in rows[0]
        and not (
            field.null
            and field.db_default is NOT_PROVIDED
            and constants.get(field.attname, field.get_default()) is None
        )
    ]
    values = tuple(_constant(field, constants) for field in fixed)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 -- names from the model
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in given + fixed),
        ", ".join(["%s"] * (len(given) + len(fixed))),
    )
    names = [field.attname for field in given]
    pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, [pick(row) + values for row in rows[start : start + batch]])


def _constant(field, constants: dict):
    return field.get_db_prep_save(constants.get(field.attname, field.get_default()), connection)
