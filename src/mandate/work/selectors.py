"""Reads of plans and tasks shared by pages, the API, sheets, feeds and other apps."""

import datetime
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Max, Prefetch, Q, QuerySet

from mandate.core.counts import cached
from mandate.org.selectors import readable_value
from mandate.work.models import Bucket, Evidence, Plan, Task, TaskUpdate, bucket_conditions


def tasks_for(*, user) -> QuerySet[Task]:
    """Every task the user may see, ready for a list: one query per page, whatever the size."""
    return Task.objects.visible_to(user).select_related("lead_unit", "plan")


def plans_for(*, user) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user).select_related("unit").annotate(task_count=Count("tasks"))


def bucket_counts(*, tasks: QuerySet[Task], as_of: datetime.date) -> dict[str, int]:
    # Counting a province's 200,000 tasks takes tens of milliseconds, and lists are
    # reopened far more often than tasks change: kept until any task changes.
    return cached("buckets", tasks, as_of, lambda: tasks.bucket_counts(as_of))


def task_count(*, tasks: QuerySet[Task]) -> int:
    """A list's number of tasks, for its paginator, cached as the bucket counts are."""
    return cached("count", tasks, None, lambda: tasks.order_by().count())


class TaskPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        return task_count(tasks=self.object_list)


def bucket_rows(counts: dict[str, int]) -> list[dict]:
    """Counts with their labels, in the regime's order, for templates and charts."""
    return [
        {"bucket": bucket.value, "label": bucket.label, "count": counts.get(bucket.value, 0)}
        for bucket in Bucket
    ]


def children_of(*, task: Task) -> QuerySet[Task]:
    """A task's cascaded children and coordination requests.

    Follow-up of a task the user can see includes its children wherever they sit in the
    tree (a coordination request may go to a unit outside the user's scope); views link
    only to those the user can open.
    """
    return (
        Task.objects.dangerously_unscoped()
        .filter(parent=task)
        .select_related("lead_unit")
        .annotate(last_reported_on=Max("updates__reported_on"))
        .order_by("lead_unit__search_text", "due_on")
    )


def rollup(*, task: Task, as_of: datetime.date) -> dict:
    """The children's progress in one aggregate: count, mean progress, the four buckets."""
    children = Task.objects.dangerously_unscoped().filter(parent=task)
    figures = children.aggregate(
        count=Count("pk"),
        done=Count("pk", filter=Q(status=Task.Status.DONE)),
        mean_progress=Avg("progress"),
        **{
            bucket: Count("pk", filter=condition)
            for bucket, condition in bucket_conditions(as_of).items()
        },
    )
    figures["mean_progress"] = round(figures["mean_progress"] or 0)
    figures["buckets"] = bucket_rows(figures)
    return figures


def updates_of(*, task: Task) -> QuerySet[TaskUpdate]:
    return (
        TaskUpdate.objects.dangerously_unscoped()
        .filter(task=task)
        .select_related("author")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.dangerously_unscoped()))
    )


def last_update_dates(*, tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.annotate(last_reported_on=Max("updates__reported_on"))


# Pages ------------------------------------------------------------------------

BUCKET_COLOURS = {
    Bucket.DONE_ON_TIME: "#198754",
    Bucket.DONE_LATE: "#20c997",
    Bucket.PENDING_IN_TIME: "#0d6efd",
    Bucket.PENDING_OVERDUE: "#dc3545",
    None: "#6c757d",  # cancelled
}
TIMELINE_LABEL_WIDTH = 320
TIMELINE_CHART_WIDTH = 840
TIMELINE_ROW_HEIGHT = 26
TIMELINE_HEADER_HEIGHT = 28


def plan_timeline(*, plan: Plan, tasks, as_of: datetime.date) -> dict:
    """Geometry of a Gantt chart of the given tasks over the plan's period, in SVG units.

    A bar runs from the task's start (the plan's start when it has none) to its due
    date, clipped to the period, and is coloured by the task's bucket as of `as_of`.
    """
    start, end = plan.period_start, plan.period_end + datetime.timedelta(days=1)
    scale = TIMELINE_CHART_WIDTH / max((end - start).days, 1)

    def x(day: datetime.date) -> float:
        clipped = min(max(day, start), end)
        return round(TIMELINE_LABEL_WIDTH + (clipped - start).days * scale, 1)

    bars = []
    for row, task in enumerate(tasks):
        left, right = x(task.start_on or start), x(task.due_on + datetime.timedelta(days=1))
        width = max(right - left, 3)
        bars.append(
            {
                "task": task,
                "y": TIMELINE_HEADER_HEIGHT + row * TIMELINE_ROW_HEIGHT,
                "x": left,
                "width": width,
                "done_width": round(width * task.progress / 100, 1),
                "colour": BUCKET_COLOURS[task.bucket(as_of)],
            }
        )
    return {
        "bars": bars,
        "months": _month_ticks(start, end, x),
        "today_x": x(as_of) if start <= as_of < end else None,
        "label_width": TIMELINE_LABEL_WIDTH,
        "width": TIMELINE_LABEL_WIDTH + TIMELINE_CHART_WIDTH + 10,
        "height": TIMELINE_HEADER_HEIGHT + max(len(bars), 1) * TIMELINE_ROW_HEIGHT + 4,
        "legend": [
            {"bucket": bucket.value, "label": bucket.label, "colour": BUCKET_COLOURS[bucket.value]}
            for bucket in Bucket
        ],
    }


def _month_ticks(start: datetime.date, end: datetime.date, x) -> list[dict]:
    """The first of each month in the period; labelled sparsely past a year."""
    months = []
    day = start.replace(day=1)
    while day < end:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    every = -(-len(months) // 12)  # one label in `every` months keeps at most 12 labels
    return [
        {"x": x(month), "label": f"{month:%m/%Y}" if index % every == 0 else ""}
        for index, month in enumerate(months)
    ]


def readable_changes(changes: list[dict]) -> list[dict]:
    """StaleEdit.changes as people read them: choice labels, yes/no, unit names, dates."""
    readable = []
    for change in changes:
        field = Task._meta.get_field(change["name"])
        readable.append(
            {
                **change,
                "field": field.verbose_name,
                "old": readable_value(field, change["old"]),
                "new": readable_value(field, change["new"]),
            }
        )
    return readable
