"""Bulk writing: multi-row INSERTs, ids chosen before the rows are written, and the
statements run behind the code that makes them."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from mandate.core import bulk
from mandate.core.bulk import Insert, NewIds, WriteBehind, insert_rows
from mandate.org.models import Locality


def places(numbers, *, prefix="X") -> list[dict]:
    return [
        {"code": f"{prefix}{n}", "name": f"Xã Thử {n}", "kind": "commune", "lat": 21.5}
        for n in numbers
    ]


@pytest.mark.django_db
def test_rows_go_in_statements_within_the_limit_and_keep_their_values(monkeypatch):
    monkeypatch.setattr(bulk, "ROWS_PER_STATEMENT", 2)
    rows = [
        {"code": f"T{n}", "name": f"Phường Thử {n}", "kind": "ward", "lat": None} for n in range(5)
    ]
    statements = list(Insert(Locality, constants={}).statements(rows))
    assert [sql.count("), (") + 1 for sql, _params in statements] == [2, 2, 1]
    insert_rows(Locality, rows, constants={"area_km2": 12.5})
    assert list(Locality.objects.order_by("code").values_list("code", "lat", "area_km2")) == [
        (f"T{n}", None, 12.5) for n in range(5)
    ]


@pytest.mark.django_db(transaction=True)
def test_new_ids_are_the_rows_own_and_later_rows_come_after_them():
    Locality.objects.create(code="A", name="Xã Đầu", kind="commune")
    with transaction.atomic():
        Locality.objects.create(code="B", name="Xã Giữa", kind="commune")  # holds the write lock
        ids = NewIds(Locality)
        first, second = list(ids.take(3)), list(ids.take(2))
        assert len(set(first + second)) == 5 and min(second) > max(first)
        assert first[0] > Locality.objects.get(code="B").pk
        insert_rows(
            Locality,
            [
                {"id": n, **row}
                for n, row in zip(first + second, places(first + second), strict=True)
            ],
            constants={},
        )
    assert set(Locality.objects.filter(code__startswith="X").values_list("pk", flat=True)) == set(
        first + second
    )
    # The database's own numbering goes on after them (on PostgreSQL, its sequence).
    assert Locality.objects.create(code="C", name="Xã Cuối", kind="commune").pk > max(second)


@pytest.mark.django_db
def test_a_failed_statement_is_raised_and_the_statements_after_it_skipped():
    Locality.objects.create(code="X1", name="Xã Có Sẵn", kind="commune")
    insert = Insert(Locality, constants={})
    with pytest.raises(IntegrityError), transaction.atomic():
        with WriteBehind() as writer:
            for rows in (places([101], prefix="N"), places([1]), places([102], prefix="N")):
                for statement in insert.statements(rows):
                    writer.execute(*statement)
    assert list(Locality.objects.values_list("code", flat=True)) == ["X1"]


@pytest.mark.django_db
def test_rows_written_behind_are_there_when_the_block_ends_in_their_order():
    insert = Insert(Locality, constants={})
    with transaction.atomic(), WriteBehind() as writer:
        for start in range(0, 30, 10):
            for statement in insert.statements(places(range(start, start + 10))):
                writer.execute(*statement)
    codes = list(Locality.objects.order_by("pk").values_list("code", flat=True))
    assert codes == [f"X{n}" for n in range(30)]


@pytest.mark.django_db
def test_a_query_while_rows_are_written_behind_is_refused_until_wait(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("other databases write in turn, on the thread that asks")
    release = threading.Event()
    execute = WriteBehind._execute

    def slow(self, sql, params):
        release.wait(timeout=10)
        execute(self, sql, params)

    monkeypatch.setattr(WriteBehind, "_execute", slow)
    with transaction.atomic(), WriteBehind() as writer:
        (statement,) = Insert(Locality, constants={}).statements(places([7]))
        writer.execute(*statement)
        with pytest.raises(RuntimeError, match="wait"):
            Locality.objects.count()
        release.set()
        writer.wait()
        assert Locality.objects.count() == 1
