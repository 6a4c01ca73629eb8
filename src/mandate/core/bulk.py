"""Writing many rows fast: multi-row INSERTs, run on a second thread while the rows
after them are made, and derived rows copied in SQL.

For imports of tens of thousands of rows, where building model instances and having
bulk_create prepare each of their values costs ten times the INSERTs themselves.
Rows are plain dicts of column values (attnames); every row of one `Insert` has the
same keys. Rows that follow from the inserted ones (their history, a timeline entry
each) are copied by one INSERT ... SELECT: the database does in C what binding each
value from Python would cost several microseconds a row to do.
"""

import datetime
import queue
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.fields import NOT_PROVIDED

# Rows per INSERT: more only lengthens the statement SQLite compiles; fewer, and the
# write-behind thread waits for Python's lock more often (see WriteBehind).
ROWS_PER_STATEMENT = 1000


@contextmanager
def roomy_sqlite_cache(kib: int = 256 * 1024):
    """SQLite's default 2 MB page cache spills a large import's index pages to disk in
    mid-transaction; a roomier one keeps them (writing 100,000 reports into a million
    took 8 s with 16 MB, 7 s with 1 GB; 256 MB gets most of that). The memory is given
    back when the import ends. Other databases size their buffers themselves."""
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
    """The rows a bulk insert wrote: above `after_id` (up to `last_id` if given),
    created at its instant by its author. On PostgreSQL another transaction may take
    ids in between; the marks tell its rows apart."""

    model: type
    after_id: int
    created_at: datetime.datetime
    owner: str
    by_id: int | None
    last_id: int | None = None

    def where(self) -> tuple[str, list]:
        meta = self.model._meta
        quote = connection.ops.quote_name
        pk, owner = quote(meta.pk.column), quote(meta.get_field(self.owner).column)
        stamp = meta.get_field("created_at")
        sql = f"{pk} > %s AND {quote(stamp.column)} = %s"
        params = [self.after_id, stamp.get_db_prep_save(self.created_at, connection)]
        if self.last_id is not None:
            sql += f" AND {pk} <= %s"
            params.append(self.last_id)
        if self.by_id is None:
            return sql + f" AND {owner} IS NULL", params
        return sql + f" AND {owner} = %s", [*params, self.by_id]


class NewIds:
    """Ids for rows not yet written, so that rows pointing at them (a report at its new
    case) can be made in the same pass and written without reading ids back.

    Made inside a transaction. On SQLite, Mandate's transactions are IMMEDIATE (see
    settings): they hold the write lock from their first statement, so nobody else
    inserts until they end, and the ids after the largest ever given (the
    AUTOINCREMENT sequence, or the largest id) are this one's, counted here. On
    PostgreSQL they are drawn from the table's sequence, a query per `take`.
    """

    def __init__(self, model, *, using: str = DEFAULT_DB_ALIAS):
        self.model = model
        self.connection = connections[using]
        self._next = None
        if not self.connection.in_atomic_block:
            raise RuntimeError("NewIds() needs a transaction")
        if self.connection.vendor == "sqlite":
            table, pk = model._meta.db_table, model._meta.pk.column
            last_given = "SELECT MAX(seq) FROM sqlite_sequence WHERE name = %s"
            last_id = f"SELECT MAX({pk}) FROM {table}"  # noqa: S608 -- names from the model
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT MAX(COALESCE(({last_given}), 0), COALESCE(({last_id}), 0))", [table]
                )
                self._next = cursor.fetchone()[0] + 1

    def take(self, count: int) -> Sequence[int]:
        if self._next is not None:
            self._next += count
            return range(self._next - count, self._next)
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [self.model._meta.db_table, self.model._meta.pk.column, count],
            )
            return sorted(row_id for (row_id,) in cursor.fetchall())


class Insert:
    """One model's rows as multi-row INSERT statements, in the driver's own parameter
    style, for its cursor (`WriteBehind`, `insert_rows`). Rows are dicts of attnames,
    all with the keys of the first (the primary key among them if the ids are chosen,
    see `NewIds`); the other columns take `constants`, else the field's default,
    prepared once through the field. Row values go to the driver as they are (int,
    text, float, None), dates as ISO text on SQLite, whose module would otherwise call
    Django's adapter for each one. NULL constants are left to the column's own NULL:
    SQLite's module binds None through its adapter look-up, slowly."""

    def __init__(self, model, *, constants: dict, using: str = DEFAULT_DB_ALIAS):
        self.model = model
        self.constants = constants
        self.connection = connections[using]
        # Asked now: once rows are written behind, only the writing thread may use the
        # connection.
        self.max_parameters = _max_parameters(self.connection)
        self._shape: _Shape | None = None

    def statements(self, rows: Sequence[dict]) -> Iterator[tuple[str, list]]:
        if not rows:
            return
        names = tuple(rows[0])
        if self._shape is None or self._shape.names != names:
            self._shape = self._shape_of(names)
        shape = self._shape
        pick, fixed, per, width = shape.pick, shape.fixed, shape.per_statement, shape.width
        for start in range(0, len(rows), per):
            part = rows[start : start + per]
            params = list(chain.from_iterable(pick(row) + fixed for row in part))
            for column in shape.dates:  # one column of every row, by slicing
                params[column::width] = [_iso(value) for value in params[column::width]]
            yield shape.sql(len(part)), params

    def _shape_of(self, names: tuple[str, ...]) -> "_Shape":
        meta, constants = self.model._meta, self.constants
        given = [meta.get_field(name) for name in names]
        fixed = [
            field
            for field in meta.concrete_fields
            if field not in given
            and not field.primary_key
            and not (
                field.null
                and field.db_default is NOT_PROVIDED
                and constants.get(field.attname, field.get_default()) is None
            )
        ]
        quote = self.connection.ops.quote_name
        width = len(given) + len(fixed)
        sqlite = self.connection.vendor == "sqlite"
        return _Shape(
            width=width,
            dates=[
                column
                for column, field in enumerate(given)
                if sqlite and field.get_internal_type() == "DateField"
            ],
            names=names,
            pick=itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],),
            fixed=tuple(_constant(field, constants, self.connection) for field in fixed),
            head="INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 -- names from the model
                quote(meta.db_table), ", ".join(quote(field.column) for field in given + fixed)
            ),
            row_sql="(" + ", ".join([_placeholder(self.connection)] * width) + ")",
            per_statement=max(1, min(ROWS_PER_STATEMENT, self.max_parameters // width)),
        )


@dataclass
class _Shape:
    width: int
    dates: list[int]  # the given columns that are dates, sent as ISO text
    names: tuple[str, ...]
    pick: Callable
    fixed: tuple
    head: str
    row_sql: str
    per_statement: int
    _full: str = ""

    def sql(self, count: int) -> str:
        if count != self.per_statement:
            return self.head + ", ".join([self.row_sql] * count)
        if not self._full:  # made once: an import sends it a hundred times
            self._full = self.head + ", ".join([self.row_sql] * count)
        return self._full


def _iso(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _placeholder(db) -> str:
    return "?" if db.vendor == "sqlite" else "%s"


def _max_parameters(db) -> int:
    if db.vendor == "sqlite":
        # Django assumes SQLite's old limit of 999; the library says what it was built with.
        db.ensure_connection()
        return db.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return db.features.max_query_params or 65_535


def insert_rows(model, rows: list[dict], *, constants: dict) -> None:
    """Write the rows now, on this thread."""
    with WriteBehind(threaded=False) as writer:
        for statement in Insert(model, constants=constants).statements(rows):
            writer.execute(*statement)


class WriteBehind:
    """A bulk write's statements, run in order on a second thread, on this thread's
    connection and transaction, while this thread makes the rows that come next.

    SQLite works inside this process and lets go of Python's lock while it does, so
    checking rows and writing them share the machine's two cores. A thread wanting
    Python's lock back waits up to a switch interval for it, twice a statement: each
    statement carries many rows (`Insert`), and the interval is 1 ms instead of 5
    while rows are written behind (a 100,000-row import, 200 statements, takes 0.8 s
    less). Statements go to the driver's cursor, in its own parameter style, not
    through Django's, which would rewrite each one's text under that lock; they are
    not in `connection.queries`.

    Until `wait()` returns or the block ends, this thread must not use the connection:
    a query it tries is refused with RuntimeError. A failed statement is raised here
    at the next call, and the statements after it are skipped, as they are when this
    thread raises. On other databases the statements run here and now: the server
    already works in its own process, and `NewIds` asks it for ids between them.
    """

    def __init__(self, *, using: str = DEFAULT_DB_ALIAS, threaded: bool | None = None):
        self.connection = connections[using]
        self.threaded = self.connection.vendor == "sqlite" if threaded is None else threaded
        self.jobs: queue.Queue = queue.Queue(maxsize=128)  # a few chunks' statements
        self.failure: BaseException | None = None
        self.abandoned = False
        self._stack = ExitStack()

    def __enter__(self) -> "WriteBehind":
        self.connection.ensure_connection()
        self.cursor = self._stack.enter_context(closing(self.connection.connection.cursor()))
        if self.threaded:
            self._stack.enter_context(self.connection.execute_wrapper(self._refuse_while_busy))
            self._stack.enter_context(_short_switch_interval())
            self.thread = threading.Thread(target=self._work, name="write-behind", daemon=True)
            self.thread.start()
        return self

    def execute(self, sql: str, params: list) -> None:
        if self.threaded:
            self._raise_failure()
            self.jobs.put((sql, params))
        else:
            self._execute(sql, params)

    def wait(self) -> None:
        """Until every statement given so far has run: the connection is this thread's again."""
        if self.threaded:
            self.jobs.join()
            self._raise_failure()

    def __exit__(self, kind, error, traceback) -> None:
        with self._stack:
            if self.threaded:
                self.abandoned = kind is not None
                self.jobs.put(None)
                self.thread.join()
        if kind is None:
            self._raise_failure()

    def _work(self) -> None:
        while (job := self.jobs.get()) is not None:
            try:
                if self.failure is None and not self.abandoned:
                    self._execute(*job)
            except BaseException as error:  # handed to the thread that gave the statement
                self.failure = error
            finally:
                self.jobs.task_done()
        self.jobs.task_done()

    def _execute(self, sql: str, params: list) -> None:
        with self.connection.wrap_database_errors:  # django.db's errors, as elsewhere
            self.cursor.execute(sql, params)

    def _refuse_while_busy(self, execute, sql, params, many, context):
        if self.jobs.unfinished_tasks:
            raise RuntimeError("The connection is writing rows behind: wait() before a query.")
        return execute(sql, params, many, context)

    def _raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure


_switching = threading.Lock()
_switchers = 0
_usual_interval = 0.0


@contextmanager
def _short_switch_interval(seconds: float = 0.001):
    """Python's thread switch interval, shortened while any write-behind thread runs."""
    global _switchers, _usual_interval
    with _switching:
        if _switchers == 0:
            _usual_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(seconds, _usual_interval))
        _switchers += 1
    try:
        yield
    finally:
        with _switching:
            _switchers -= 1
            if _switchers == 0:
                sys.setswitchinterval(_usual_interval)


def history_statement(model, source: Inserted, *, by_id: int | None) -> tuple[str, list]:
    """The statement that copies, for each row `source` inserted, the "created" history
    row `django-simple-history` would have written."""
    history = model.history.model
    copied = {field.column for field in model._meta.concrete_fields}
    return copy_statement(
        history,
        source,
        columns={
            field.attname: field.column
            for field in history._meta.concrete_fields
            if field.column in copied and not field.primary_key
        },
        constants={
            "history_date": source.created_at,
            "history_type": "+",
            "history_user_id": by_id,
        },
    )


def copy_statement(
    model, source: Inserted, *, columns: dict[str, str], constants: dict
) -> tuple[str, list]:
    """One INSERT ... SELECT, in the driver's parameter style, making one row of `model`
    for each row `source` inserted, in id order: `columns` maps this model's attnames to
    the source's columns; the other columns take `constants`, else the field's default."""
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
    # Names are quoted identifiers of the models: the only "%s" are the parameters.
    return sql.replace("%s", _placeholder(connection)), values + params


def copy_rows(model, source: Inserted, *, columns: dict[str, str], constants: dict) -> None:
    """Run `copy_statement` now, on this thread."""
    with WriteBehind(threaded=False) as writer:
        writer.execute(*copy_statement(model, source, columns=columns, constants=constants))


def _constant(field, constants: dict, db=connection):
    return field.get_db_prep_save(constants.get(field.attname, field.get_default()), db)
