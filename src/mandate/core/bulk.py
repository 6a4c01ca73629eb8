"""Writing many rows fast: one prepared INSERT per batch, history rows alongside.

For imports of tens of thousands of rows, where building model instances and having
bulk_create prepare each of their values costs ten times the INSERTs themselves.
Rows are plain dicts of column values (attnames); every row has the same keys.
"""

from contextlib import contextmanager
from operator import itemgetter

from django.db import connection
from django.db.models import Max


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


def insert_with_history(
    model, rows: list[dict], *, now, by_id: int | None, owner: str, batch: int = 2000
) -> list[int]:
    """Insert the rows, then their "created" history rows; the new ids, in row order.

    The ids are read back by what marks this import's rows (created at this instant by
    this person, above the largest id before it), in id order, which is insertion order
    on every database; a count that does not match aborts the transaction.
    """
    if not rows:
        return []
    before = model._default_manager.aggregate(last=Max("pk"))["last"] or 0
    insert_rows(model, rows, constants={"created_at": now, "updated_at": now}, batch=batch)
    ids = list(
        model._default_manager.filter(pk__gt=before, created_at=now, **{owner: by_id})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(ids) != len(rows):
        raise RuntimeError(f"{model.__name__}: {len(rows)} rows written, {len(ids)} read back")
    history = model.history.model
    insert_rows(
        history,
        [{**row, "id": pk} for pk, row in zip(ids, rows, strict=True)],
        constants={
            "created_at": now,
            "updated_at": now,
            "history_date": now,
            "history_type": "+",
            "history_user_id": by_id,
        },
        batch=batch,
    )
    return ids


def insert_rows(model, rows: list[dict], *, constants: dict, batch: int = 2000) -> None:
    """One prepared INSERT for many rows (executemany). Every row has the same keys; the
    other columns take `constants`, else the field's default, prepared once through the
    field. Row values go to the driver as they are (int, text, date, float, None), which
    every Django backend adapts."""
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    given = [field for field in fields if field.attname in rows[0]]
    fixed = [field for field in fields if field.attname not in rows[0]]
    values = tuple(
        field.get_db_prep_save(constants.get(field.attname, field.get_default()), connection)
        for field in fixed
    )
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
