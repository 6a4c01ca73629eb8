from django.db import connection
from django.db.models import CharField, F, Func, IntegerField


def refresh_statistics() -> None:
    """Let SQLite's planner know the tables' sizes after bulk writes.

    Without statistics SQLite may scan every task to answer a one-commune list;
    `PRAGMA optimize` analyses only what changed a lot and is cheap otherwise.
    PostgreSQL's autovacuum keeps its own statistics.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")


def unindexed(name: str, *, text: bool = False) -> Func:
    """The field behind a no-op (`+id`, `(status || '')`): the same value, by which
    SQLite neither looks rows up nor walks an index in order. A hint where its
    planner's estimates go wrong; PostgreSQL reads it as the plain value."""
    if text:
        return Func(F(name), template="(%(expressions)s || '')", output_field=CharField())
    return Func(F(name), template="+%(expressions)s", output_field=IntegerField())
