"""Key tasks of a unit's period in the four buckets, per child unit."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from mandate.core.counts import cached_sums
from mandate.org.models import Unit, User
from mandate.reviews.selectors.common import Period, percent
from mandate.work.models import Bucket, Task, bucket_conditions


@dataclass
class TaskRow:
    """Tasks in the four buckets; `own`: the unit's own tasks only, else it and below."""

    unit: Unit
    buckets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Bucket.values, 0))
    own: bool = False
    has_children: bool = False

    @property
    def total(self) -> int:
        return sum(self.buckets.values())

    @property
    def on_time_rate(self) -> int | None:
        """Done on time, in percent of the tasks due in the period (None without tasks)."""
        return percent(self.buckets[Bucket.DONE_ON_TIME], self.total)

    def add(self, counts: dict[str, int]) -> None:
        for bucket in Bucket.values:
            self.buckets[bucket] += counts[bucket]


@dataclass
class TaskFigures:
    as_of: datetime.date
    key_only: bool
    totals: TaskRow
    rows: list[TaskRow]  # the unit's own tasks, then each direct child with its subtree


def task_figures(
    *,
    user: User,
    unit: Unit,
    period: Period,
    as_of: datetime.date | None = None,
    key_only: bool = True,
) -> TaskFigures:
    """Tasks due in the period and led in the unit's subtree, by bucket as of `as_of` (the
    period's end, or today while it runs): in total, for the unit's own tasks, and for
    each direct child unit with the units below it. Cancelled tasks fall in no bucket."""
    as_of = as_of or period.as_of(timezone.localdate())
    tasks = Task.objects.visible_to(user).filter(lead_unit__in=unit.subtree())
    if key_only:
        tasks = tasks.filter(is_key=True)
    tasks = tasks.order_by()
    buckets = bucket_conditions(as_of)

    def count(chunk) -> list[tuple]:
        counts = {bucket: Count("pk", filter=condition) for bucket, condition in buckets.items()}
        return list(
            chunk.values("lead_unit_id").annotate(**counts).values_list("lead_unit_id", *counts)
        )

    # Tasks change all day: a change recounts the month it is due in, not the year.
    sums = cached_sums(
        "reviews-tasks",
        tasks,
        field="due_on",
        start=period.start,
        end=period.end,
        as_of=as_of,
        compute=count,
        keys=1,
    )
    groups = [
        {"lead_unit_id": unit_id, **dict(zip(buckets, counts, strict=True))}
        for unit_id, *counts in sums
    ]
    children = list(
        Unit.objects.visible_to(user)
        .filter(parent=unit)
        .annotate(has_children=Exists(Unit.objects.filter(parent=OuterRef("pk"))))
        .in_tree_order()
    )
    own = TaskRow(unit=unit, own=True)
    rows = {child.pk: TaskRow(unit=child, has_children=child.has_children) for child in children}
    totals = TaskRow(unit=unit, has_children=bool(children))
    paths = _paths_of([group["lead_unit_id"] for group in groups])
    for group in groups:
        totals.add(group)
        top = _child_under(unit, paths.get(group["lead_unit_id"], ""))
        if top is None:
            own.add(group)
        elif top in rows:
            rows[top].add(group)
    return TaskFigures(as_of=as_of, key_only=key_only, totals=totals, rows=[own, *rows.values()])


def _paths_of(unit_ids: list[int]) -> dict[int, str]:
    units = Unit.objects.dangerously_unscoped().filter(pk__in=unit_ids)
    return dict(units.values_list("pk", "path"))


def _child_under(unit: Unit, path: str) -> int | None:
    """The id of the direct child of `unit` on the way down to the unit at `path`."""
    ids = path.strip("/").split("/")
    return int(ids[unit.depth + 1]) if len(ids) > unit.depth + 1 else None
