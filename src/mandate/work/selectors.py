"""Reads of plans and tasks shared by pages, the API, sheets, feeds and other apps."""

import datetime

from django.db.models import Avg, Count, Max, Prefetch, Q, QuerySet

from mandate.work.models import Bucket, Evidence, Plan, Task, TaskUpdate, bucket_conditions


def tasks_for(*, user) -> QuerySet[Task]:
    """Every task the user may see, ready for a list: one query per page, whatever the size."""
    return Task.objects.visible_to(user).select_related("lead_unit", "plan")


def plans_for(*, user) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user).select_related("unit").annotate(task_count=Count("tasks"))


def bucket_counts(*, tasks: QuerySet[Task], as_of: datetime.date) -> dict[str, int]:
    return tasks.order_by().bucket_counts(as_of)


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
