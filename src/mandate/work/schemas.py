"""The work programme API's schemas: what goes in and out of /api/work/."""

import datetime
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from mandate.core.api import ErrorOut, UnitRef
from mandate.directives.api import DocumentRef
from mandate.work.filters import SORTS
from mandate.work.models import Bucket, Plan, Task

BucketCode = Literal[tuple(Bucket.values)]
TaskStatus = Literal[tuple(Task.Status.values)]
PlanStatus = Literal[tuple(Plan.Status.values)]
Recurrence = Literal[tuple(Task.Recurrence.values)]
TaskOrigin = Literal[tuple(Task.Origin.values)]
Sort = Literal[tuple(SORTS)]

ERRORS = {404: ErrorOut, 422: ErrorOut}
AS_OF_HELP = "Reporting date for the buckets; today if left out."
AS_OF = Query(None, description=AS_OF_HELP)


class BucketCountOut(Schema):
    bucket: BucketCode
    label: str
    count: int

    @staticmethod
    def resolve_label(row: dict) -> str:
        return str(row["label"])  # a lazy translation, read in the caller's language


class PlanOut(Schema):
    id: int
    title: str
    unit: UnitRef
    period_start: datetime.date
    period_end: datetime.date
    status: PlanStatus
    approved_at: datetime.datetime | None
    task_count: int = 0


class PlanDetailOut(PlanOut):
    as_of: datetime.date
    source_documents: list[DocumentRef] = Field(alias="visible_sources")
    buckets: list[BucketCountOut]


class TaskOut(Schema):
    id: int
    content: str
    lead_unit: UnitRef
    due_on: datetime.date
    status: TaskStatus
    display_status: str = Field(description="The status people read; overdue comes from dates.")
    bucket: BucketCode | None = Field(description="Tracking bucket as of the reporting date.")
    progress: int
    version: int
    is_key: bool
    origin: TaskOrigin
    plan_id: int | None
    parent_id: int | None

    @staticmethod
    def resolve_bucket(task: Task) -> str | None:
        return task.bucket_as_of if hasattr(task, "bucket_as_of") else task.bucket()

    @staticmethod
    def resolve_display_status(task: Task) -> str:
        if TaskOut.resolve_bucket(task) == Bucket.PENDING_OVERDUE:
            return _("Overdue")
        return task.get_status_display()


class ChildTaskOut(TaskOut):
    last_reported_on: datetime.date | None


class RollupOut(Schema):
    count: int
    done: int
    mean_progress: int
    buckets: list[BucketCountOut]


class TaskDetailOut(TaskOut):
    method: str
    expected_output: str
    start_on: datetime.date | None
    completed_on: datetime.date | None
    local_note: str
    recurrence: Recurrence
    coordinating_units: list[UnitRef]
    source_documents: list[DocumentRef] = Field(alias="visible_sources")
    as_of: datetime.date
    children: list[ChildTaskOut] = Field(alias="child_rows")
    rollup: RollupOut
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ChangeOut(Schema):
    field: str = Field(description="The field's name, as in the request.")
    label: str = Field(description="The field's name, as people read it.")
    old: Any
    new: Any
    by: str | None


class StaleEditOut(Schema):
    detail: str
    changes: list[ChangeOut]
    current: TaskDetailOut


class EvidenceOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    is_image: bool


class TaskUpdateOut(Schema):
    id: int
    task_id: int
    reported_on: datetime.date
    percent: int
    text: str
    author: str | None = Field(None, alias="author.full_name")
    created_at: datetime.datetime
    evidence: list[EvidenceOut]


class PlanFilters(Schema):
    unit: int | None = Field(None, description="Plans of this unit.")
    year: int | None = Field(None, description="Plans whose period covers part of this year.")
    status: PlanStatus | None = None


class TaskFilters(Schema):
    q: str = Field("", description="Words of the content; accents are ignored.")
    bucket: BucketCode | None = None
    status: TaskStatus | None = None
    lead_unit: int | None = None
    is_key: bool = Field(False, description="Key tasks only.")
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    sort: Sort | None = None
    plan: int | None = None
    parent: int | None = None
    as_of: datetime.date | None = Field(None, description=AS_OF_HELP)


class PlanIn(Schema):
    unit_id: int
    title: str
    period_start: datetime.date
    period_end: datetime.date
    source_document_ids: list[int] = []


class TaskIn(Schema):
    plan_id: int | None = None
    lead_unit_id: int
    content: str
    due_on: datetime.date
    method: str = ""
    expected_output: str = ""
    start_on: datetime.date | None = None
    is_key: bool = False
    local_note: str = ""
    recurrence: Recurrence = ""
    source_document_ids: list[int] = []
    coordinating_unit_ids: list[int] = []


class TaskPatch(Schema):
    """Only the fields sent are changed; `version` is the one the edit started from."""

    version: int
    content: str | None = None
    method: str | None = None
    expected_output: str | None = None
    start_on: datetime.date | None = None
    due_on: datetime.date | None = None
    lead_unit_id: int | None = None
    is_key: bool | None = None
    local_note: str | None = None
    recurrence: Recurrence | None = None
    status: TaskStatus | None = None
    progress: int | None = Field(None, ge=0, le=100)
    completed_on: datetime.date | None = None
    source_document_ids: list[int] | None = None
    coordinating_unit_ids: list[int] | None = None


class CascadeIn(Schema):
    unit_ids: list[int] = Field(min_length=1, description="Units below the task's lead unit.")


class CoordinationIn(Schema):
    unit_id: int = Field(description="The unit asked to contribute, anywhere in the tree.")
    content: str
    due_on: datetime.date


class TaskUpdateIn(Schema):
    reported_on: datetime.date
    percent: int
    text: str
