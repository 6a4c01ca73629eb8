"""Every write to plans, tasks and progress updates."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.core.uploads import check_upload
from mandate.directives.models import Document
from mandate.directives.services import add_months
from mandate.org.models import Unit, User
from mandate.org.selectors import can_lead
from mandate.work.models import Evidence, Plan, Task, TaskUpdate

# Fields that define what a plan promised; frozen once the plan is approved.
PLANNING_FIELDS = {
    "content",
    "method",
    "expected_output",
    "start_on",
    "due_on",
    "lead_unit",
    "is_key",
    "recurrence",
}
TASK_FIELDS = PLANNING_FIELDS | {"local_note", "status", "progress", "completed_on"}
RECURRENCE_MONTHS = {
    Task.Recurrence.MONTHLY: 1,
    Task.Recurrence.QUARTERLY: 3,
    Task.Recurrence.YEARLY: 12,
}


class StaleEdit(Exception):
    """Someone saved the task since this edit began; `changes` says what they changed."""

    def __init__(self, task: Task, changes: list[dict]):
        super().__init__(_("This task was changed by someone else while you were editing it."))
        self.task = task
        self.changes = changes


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def _can_edit(task: Task, by: User) -> bool:
    return Task.objects.editable_by(by).filter(pk=task.pk).exists()


# Plans -----------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *,
    unit: Unit,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    source_documents: Iterable[Document] = (),
    drafted_from_review_of: int | None = None,
    by: User,
) -> Plan:
    _require(
        Unit.objects.editable_by(by).filter(pk=unit.pk).exists(),
        _("You cannot make plans for this unit."),
    )
    plan = Plan(
        unit=unit,
        title=title,
        period_start=period_start,
        period_end=period_end,
        drafted_from_review_of=drafted_from_review_of,
        created_by=by,
    )
    if period_end < period_start:
        raise ValidationError({"period_end": _("The plan ends before it starts.")})
    plan.full_clean()
    plan._history_user = by
    plan.save()
    plan.source_documents.set(source_documents)
    return plan


@transaction.atomic
def approve_plan(*, plan: Plan, by: User) -> Plan:
    _require(
        can_lead(user=by, unit=plan.unit), _("Only a leader of the unit can approve its plan.")
    )
    plan.status, plan.approved_by, plan.approved_at = Plan.Status.APPROVED, by, timezone.now()
    plan._history_user = by
    plan.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return plan


@transaction.atomic
def reopen_plan(*, plan: Plan, by: User) -> Plan:
    _require(can_lead(user=by, unit=plan.unit), _("Only a leader of the unit can reopen its plan."))
    plan.status, plan.approved_by, plan.approved_at = Plan.Status.DRAFT, None, None
    plan._history_user = by
    plan.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return plan


# Tasks -----------------------------------------------------------------------


def _check_task(task: Task) -> None:
    errors = {}
    if task.start_on and task.start_on > task.due_on:
        errors["due_on"] = _("The task is due before it starts.")
    if task.plan_id:
        plan = task.plan
        if not plan.period_start <= task.due_on <= plan.period_end:
            errors["due_on"] = _(
                "The due date is outside the plan's period (%(start)s to %(end)s)."
            ) % {
                "start": plan.period_start.strftime("%d/%m/%Y"),
                "end": plan.period_end.strftime("%d/%m/%Y"),
            }
        if not task.lead_unit.is_within(plan.unit):
            errors["lead_unit"] = _("The lead unit must be the plan's unit or a unit below it.")
    if errors:
        raise ValidationError(errors)
    task.full_clean(exclude=["plan", "parent", "lead_unit"])


@transaction.atomic
def create_task(
    *,
    plan: Plan | None,
    lead_unit: Unit,
    content: str,
    due_on: datetime.date,
    by: User,
    source_documents: Iterable[Document] = (),
    coordinating_units: Iterable[Unit] = (),
    **details,
) -> Task:
    if plan is not None:
        _require(
            Plan.objects.editable_by(by).filter(pk=plan.pk).exists(),
            _("You cannot add tasks to this plan."),
        )
        _require(not plan.is_locked, _("The plan is approved and locked: reopen it first."))
    else:
        _require(
            Unit.objects.editable_by(by).filter(pk=lead_unit.pk).exists(),
            _("You cannot create tasks for this unit."),
        )
    task = Task(
        plan=plan, lead_unit=lead_unit, content=content, due_on=due_on, created_by=by, **details
    )
    _check_task(task)
    task._history_user = by
    task.save()
    task.source_documents.set(source_documents)
    task.coordinating_units.set(coordinating_units)
    return task


def changes_since(task: Task, version: int) -> list[dict]:
    """What was changed, and by whom, since the given version of the task."""
    history = list(
        task.history.select_related("history_user").order_by("history_date", "history_id")
    )
    seen = [record for record in history if record.version == version]
    if not seen:
        return []
    before, after = seen[-1], history[-1]
    return [
        {
            "name": change.field,
            "field": Task._meta.get_field(change.field).verbose_name,
            "old": change.old,
            "new": change.new,
            "by": after.history_user,
        }
        for change in after.diff_against(before).changes
        if change.field in TASK_FIELDS
    ]


@transaction.atomic
def update_task(
    *,
    task: Task,
    version: int,
    by: User,
    source_documents: Iterable[Document] | None = None,
    coordinating_units: Iterable[Unit] | None = None,
    **changes,
) -> Task:
    """Save an edit made from `version`; a stale edit is refused and nothing is written."""
    unknown = set(changes) - TASK_FIELDS
    _require(not unknown, _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    current = (
        Task.objects.select_for_update(of=("self",))
        .select_related("plan", "lead_unit")
        .get(pk=task.pk)
    )
    _require(_can_edit(current, by), _("You cannot edit this task."))
    if current.version != version:
        raise StaleEdit(current, changes_since(current, version))
    moved = {field for field, value in changes.items() if getattr(current, field) != value}
    if current.plan_id and current.plan.is_locked and moved & PLANNING_FIELDS:
        raise ValidationError(
            _(
                "The plan is approved and locked: its tasks' content, dates and "
                "lead unit cannot change until a leader reopens it."
            )
        )
    for field, value in changes.items():
        setattr(current, field, value)
    if current.status == Task.Status.DONE and current.completed_on is None:
        current.completed_on = timezone.localdate()
    if current.status != Task.Status.DONE:
        current.completed_on = None
    _check_task(current)
    current.version += 1
    current._history_user = by
    current.save()
    if source_documents is not None:
        current.source_documents.set(source_documents)
    if coordinating_units is not None:
        current.coordinating_units.set(coordinating_units)
    return current


def _child(task: Task, *, unit: Unit, origin: str, by: User, **overrides) -> Task:
    fields = {
        "content": task.content,
        "method": task.method,
        "expected_output": task.expected_output,
        "start_on": task.start_on,
        "due_on": task.due_on,
        "is_key": task.is_key,
        **overrides,
    }
    child = Task(parent=task, plan=None, origin=origin, lead_unit=unit, created_by=by, **fields)
    _check_task(child)
    child._history_user = by
    child.save()
    child.source_documents.set(task.source_documents.all())
    return child


@transaction.atomic
def cascade_task(*, task: Task, units: Sequence[Unit], by: User) -> list[Task]:
    """One child task per unit, same content, own status; a unit already holding one is skipped."""
    _require(
        can_lead(user=by, unit=task.lead_unit),
        _("Only a leader of the lead unit can cascade its tasks."),
    )
    outside = [
        unit for unit in units if not unit.is_within(task.lead_unit) or unit == task.lead_unit
    ]
    _require(
        not outside,
        _("A task can only be cascaded to units below its lead unit: %(units)s.")
        % {"units": ", ".join(map(str, outside))},
    )
    holding = set(
        task.children.filter(origin=Task.Origin.CASCADE).values_list("lead_unit_id", flat=True)
    )
    return [
        _child(task, unit=unit, origin=Task.Origin.CASCADE, by=by)
        for unit in units
        if unit.pk not in holding
    ]


@transaction.atomic
def request_coordination(
    *, task: Task, unit: Unit, content: str, due_on: datetime.date, by: User
) -> Task:
    """Ask another unit, anywhere in the tree, for a contribution with its own due date."""
    _require(_can_edit(task, by), _("You cannot send requests for this task."))
    _require(unit != task.lead_unit, _("A unit cannot send a coordination request to itself."))
    child = _child(
        task,
        unit=unit,
        origin=Task.Origin.COORDINATION,
        by=by,
        content=content,
        due_on=due_on,
        start_on=None,
        is_key=False,
    )
    task.coordinating_units.add(unit)
    return child


@transaction.atomic
def post_update(
    *,
    task: Task,
    reported_on: datetime.date,
    percent: int,
    text: str,
    files: Sequence = (),
    by: User,
) -> TaskUpdate:
    """A progress report: moves the task's progress and status; 100 % completes it."""
    _require(_can_edit(task, by), _("You cannot report on this task."))
    errors = {}
    if not 0 <= percent <= 100:
        errors["percent"] = _("Progress is a percentage between 0 and 100.")
    if reported_on > timezone.localdate():
        errors["reported_on"] = _("The report date is in the future.")
    if not text.strip():
        errors["text"] = _("Say what was done.")
    if errors:
        raise ValidationError(errors)
    content_types = [check_upload(upload) for upload in files]  # refuse before writing
    task = Task.objects.select_for_update().get(pk=task.pk)
    update = TaskUpdate.objects.create(
        task=task, reported_on=reported_on, percent=percent, text=text, author=by
    )
    for upload, content_type in zip(files, content_types, strict=True):
        Evidence.objects.create(
            update=update,
            file=upload,
            name=upload.name[:255],
            size=upload.size,
            content_type=content_type,
        )
    task.progress = percent
    if percent == 100:
        task.status, task.completed_on = Task.Status.DONE, reported_on
    elif task.status != Task.Status.CANCELLED:
        task.status, task.completed_on = Task.Status.IN_PROGRESS, None
    task.version += 1
    task._history_user = by
    task.save()
    if task.status == Task.Status.DONE:
        schedule_next_occurrence(task=task)
    return update


def schedule_next_occurrence(*, task: Task) -> Task | None:
    """The next occurrence of a recurring task, made once; none past the end of its plan."""
    months = RECURRENCE_MONTHS.get(task.recurrence)
    if not months or Task.objects.filter(previous=task).exists():
        return None
    due_on = add_months(task.due_on, months)
    if task.plan_id and due_on > task.plan.period_end:
        return None
    following = Task(
        plan=task.plan,
        parent=task.parent,
        origin=task.origin,
        lead_unit=task.lead_unit,
        content=task.content,
        method=task.method,
        expected_output=task.expected_output,
        start_on=add_months(task.start_on, months) if task.start_on else None,
        due_on=due_on,
        is_key=task.is_key,
        local_note=task.local_note,
        recurrence=task.recurrence,
        previous=task,
        created_by=task.created_by,
    )
    following.save()
    following.source_documents.set(task.source_documents.all())
    following.coordinating_units.set(task.coordinating_units.all())
    return following
