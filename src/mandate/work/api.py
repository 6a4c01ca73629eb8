"""The JSON face of the work programme: plans, tasks, cascades, coordination, progress updates.

Every object comes through `visible_to(request.auth)` (404 outside the caller's units);
every write goes through `work.services`, which checks `editable_by`. A task edit carries
the `version` it was made from; a stale one answers 409 with what changed meanwhile.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from mandate.core.api import ErrorOut, pick, pick_many, refuse_nulls
from mandate.directives.models import Document
from mandate.org.models import Unit
from mandate.work import selectors, services
from mandate.work.filters import TaskFilter
from mandate.work.models import Plan, Task, TaskUpdate, bucket_conditions
from mandate.work.schemas import (
    AS_OF,
    ERRORS,
    CascadeIn,
    CoordinationIn,
    PlanDetailOut,
    PlanFilters,
    PlanIn,
    PlanOut,
    StaleEditOut,
    TaskDetailOut,
    TaskFilters,
    TaskIn,
    TaskOut,
    TaskPatch,
    TaskUpdateIn,
    TaskUpdateOut,
)

router = Router()


def addressable_units() -> QuerySet[Unit]:
    # Coordination may be asked of any unit in the tree (DESIGN.md: "any unit can send a
    # coordination request to another"), so the whole active tree is the address book.
    return Unit.objects.dangerously_unscoped().filter(is_active=True)


def with_buckets(tasks: QuerySet[Task], as_of: datetime.date) -> QuerySet[Task]:
    """Each task's bucket as of the reporting date, computed in SQL like the bucket filter."""
    whens = [When(condition, then=Value(b)) for b, condition in bucket_conditions(as_of).items()]
    return tasks.annotate(bucket_as_of=Case(*whens, default=None, output_field=CharField()))


# Plans ------------------------------------------------------------------------------


@router.get("/plans", response=list[PlanOut], tags=["plans"])
@paginate(PageNumberPagination, page_size=50)
def plan_list(request, filters: Query[PlanFilters]):
    plans = selectors.plans_for(user=request.auth)
    if filters.unit:
        plans = plans.filter(unit_id=filters.unit)
    if filters.year:
        plans = plans.filter(
            period_start__year__lte=filters.year, period_end__year__gte=filters.year
        )
    if filters.status:
        plans = plans.filter(status=filters.status)
    return plans


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, 404: ErrorOut}, tags=["plans"])
def plan_detail(request, plan_id: int, as_of: datetime.date | None = AS_OF):
    return _plan(request, plan_id, as_of or timezone.localdate())


@router.post("/plans", response={201: PlanDetailOut, 422: ErrorOut}, tags=["plans"])
def plan_create(request, payload: PlanIn):
    user = request.auth
    plan = services.create_plan(
        unit=pick(Unit.objects.visible_to(user), payload.unit_id, field="unit_id"),
        title=payload.title,
        period_start=payload.period_start,
        period_end=payload.period_end,
        source_documents=_documents(user, payload.source_document_ids),
        by=user,
    )
    return Status(201, _plan(request, plan.pk, timezone.localdate()))


def _plan(request, plan_id: int, as_of: datetime.date) -> Plan:
    user = request.auth
    sources = Prefetch(
        "source_documents",
        queryset=Document.objects.visible_to(user).only("id", "symbol", "title"),
        to_attr="visible_sources",
    )
    plan = get_object_or_404(selectors.plans_for(user=user).prefetch_related(sources), pk=plan_id)
    tasks = selectors.tasks_for(user=user).filter(plan=plan)
    plan.as_of = as_of
    plan.buckets = selectors.bucket_rows(selectors.bucket_counts(tasks=tasks, as_of=as_of))
    return plan


# Tasks ------------------------------------------------------------------------------


@router.get("/tasks", response=list[TaskOut], tags=["tasks"])
@paginate(PageNumberPagination, page_size=50)
def task_list(request, filters: Query[TaskFilters]):
    as_of = filters.as_of or timezone.localdate()
    tasks = selectors.tasks_for(user=request.auth)
    if filters.plan:
        tasks = tasks.filter(plan_id=filters.plan)
    if filters.parent:
        tasks = tasks.filter(parent_id=filters.parent)
    data = filters.dict(exclude={"plan", "parent", "as_of"})
    chosen = {name: value for name, value in data.items() if value not in (None, "", False)}
    filterset = TaskFilter(chosen, queryset=tasks, user=request.auth, as_of=as_of)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors.as_data())
    return with_buckets(filterset.qs, as_of)


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, 404: ErrorOut}, tags=["tasks"])
def task_detail(request, task_id: int, as_of: datetime.date | None = AS_OF):
    return _task(request, task_id, as_of or timezone.localdate())


@router.post("/tasks", response={201: TaskDetailOut, 422: ErrorOut}, tags=["tasks"])
def task_create(request, payload: TaskIn):
    user = request.auth
    details = payload.dict()
    plan = pick(Plan.objects.visible_to(user), details.pop("plan_id"), field="plan_id")
    lead_unit = pick(
        Unit.objects.visible_to(user), details.pop("lead_unit_id"), field="lead_unit_id"
    )
    task = services.create_task(
        plan=plan,
        lead_unit=lead_unit,
        source_documents=_documents(user, details.pop("source_document_ids")),
        coordinating_units=pick_many(
            addressable_units(), details.pop("coordinating_unit_ids"), field="coordinating_unit_ids"
        ),
        by=user,
        **details,
    )
    return Status(201, _task(request, task.pk, timezone.localdate()))


@router.patch(
    "/tasks/{task_id}",
    response={200: TaskDetailOut, 409: StaleEditOut, **ERRORS},
    tags=["tasks"],
    description=(
        "Send the `version` the edit started from. If someone saved the task since, nothing is "
        "written and the answer is 409 with what they changed and the task as it is now."
    ),
)
def task_edit(request, task_id: int, payload: TaskPatch):
    user = request.auth
    task = get_object_or_404(Task.objects.visible_to(user), pk=task_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    refuse_nulls(changes, nullable={"start_on", "completed_on"})
    if "lead_unit_id" in changes:
        changes["lead_unit"] = pick(
            Unit.objects.visible_to(user), changes.pop("lead_unit_id"), field="lead_unit_id"
        )
    if "source_document_ids" in changes:
        changes["source_documents"] = _documents(user, changes.pop("source_document_ids"))
    if "coordinating_unit_ids" in changes:
        changes["coordinating_units"] = pick_many(
            addressable_units(), changes.pop("coordinating_unit_ids"), field="coordinating_unit_ids"
        )
    try:
        services.update_task(task=task, version=payload.version, by=user, **changes)
    except services.StaleEdit as stale:
        current = _task(request, task.pk, timezone.localdate())
        return Status(409, {"detail": str(stale), "changes": _changes(stale), "current": current})
    return _task(request, task.pk, timezone.localdate())


@router.post("/tasks/{task_id}/cascade", response={201: list[TaskOut], **ERRORS}, tags=["tasks"])
def task_cascade(request, task_id: int, payload: CascadeIn):
    """One child task per unit, same content, own status; units already holding one are skipped."""
    user = request.auth
    task = get_object_or_404(Task.objects.visible_to(user), pk=task_id)
    units = pick_many(Unit.objects.visible_to(user), payload.unit_ids, field="unit_ids")
    return Status(201, services.cascade_task(task=task, units=units, by=user))


@router.post("/tasks/{task_id}/coordination", response={201: TaskOut, **ERRORS}, tags=["tasks"])
def task_coordination(request, task_id: int, payload: CoordinationIn):
    """Ask another unit for a contribution: a child task with its own due date."""
    user = request.auth
    task = get_object_or_404(Task.objects.visible_to(user), pk=task_id)
    child = services.request_coordination(
        task=task,
        unit=pick(addressable_units(), payload.unit_id, field="unit_id"),
        content=payload.content,
        due_on=payload.due_on,
        by=user,
    )
    return Status(201, child)


def _task(request, task_id: int, as_of: datetime.date) -> Task:
    user = request.auth
    sources = Prefetch(
        "source_documents",
        queryset=Document.objects.visible_to(user).only("id", "symbol", "title"),
        to_attr="visible_sources",
    )
    task = get_object_or_404(
        with_buckets(selectors.tasks_for(user=user), as_of).prefetch_related(
            sources, Prefetch("coordinating_units", queryset=Unit.objects.only("id", "name"))
        ),
        pk=task_id,
    )
    task.as_of = as_of
    task.child_rows = list(with_buckets(selectors.children_of(task=task), as_of))
    task.rollup = selectors.rollup(task=task, as_of=as_of)
    return task


def _changes(stale: services.StaleEdit) -> list[dict]:
    return [
        {
            "field": change["name"],
            "label": str(change["field"]),
            "old": change["old"],
            "new": change["new"],
            "by": change["by"].full_name if change["by"] else None,
        }
        for change in stale.changes
    ]


def _documents(user, pks: list[int]) -> list[Document]:
    return pick_many(Document.objects.visible_to(user), pks, field="source_document_ids")


# Progress updates -------------------------------------------------------------------


@router.get("/tasks/{task_id}/updates", response=list[TaskUpdateOut], tags=["task updates"])
@paginate(PageNumberPagination, page_size=50)
def task_update_list(request, task_id: int):
    task = get_object_or_404(Task.objects.visible_to(request.auth), pk=task_id)
    return selectors.updates_of(task=task)


@router.post(
    "/tasks/{task_id}/updates", response={201: TaskUpdateOut, **ERRORS}, tags=["task updates"]
)
def task_update_create(request, task_id: int, payload: TaskUpdateIn):
    """Report progress; 100 % completes the task."""
    return Status(201, _post_update(request, task_id, payload, files=[]))


@router.post(
    "/tasks/{task_id}/updates/upload",
    response={201: TaskUpdateOut, **ERRORS},
    tags=["task updates"],
)
def task_update_upload(
    request,
    task_id: int,
    payload: Form[TaskUpdateIn],
    evidence: File[list[UploadedFile]] = None,
):
    """The same report as multipart form data, with evidence files (photos, documents)."""
    return Status(201, _post_update(request, task_id, payload, files=evidence or []))


def _post_update(request, task_id: int, payload: TaskUpdateIn, files: list) -> TaskUpdate:
    user = request.auth
    task = get_object_or_404(Task.objects.visible_to(user), pk=task_id)
    return services.post_update(
        task=task,
        reported_on=payload.reported_on,
        percent=payload.percent,
        text=payload.text,
        files=files,
        by=user,
    )
