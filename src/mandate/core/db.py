from django.db import connection


def refresh_statistics() -> None:
    """Let SQLite's planner know the tables' sizes after bulk writes.

    Without statistics SQLite may scan every task to answer a one-commune list;
    `PRAGMA optimize` analyses only what changed a lot and is cheap otherwise.
    PostgreSQL's autovacuum keeps its own statistics.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")
