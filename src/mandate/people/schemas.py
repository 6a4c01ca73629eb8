"""The people API's schemas: what goes in and out of /api/people/."""

import datetime
from typing import Literal

from ninja import Field, Schema

from mandate.core.api import ErrorOut, UnitRef
from mandate.people.models import Practice, Replication, Requirement, Subject, TrainingRecord
from mandate.people.selectors import Gap

SubjectCode = Literal[tuple(Subject.values)]
PracticeStatus = Literal[tuple(Practice.Status.values)]
PracticeCategory = Literal[tuple(Practice.Category.values)]
ReplicationStatus = Literal[tuple(Replication.Status.values)]

ERRORS = {404: ErrorOut, 422: ErrorOut}


class PersonRef(Schema):
    id: int
    full_name: str
    position: str


class LocalityRef(Schema):
    id: int
    code: str
    name: str


# Training records and requirements ---------------------------------------------------


class TrainingRecordOut(Schema):
    id: int
    person: PersonRef
    unit: UnitRef = Field(description="The unit that keeps the record.")
    subject: SubjectCode
    subject_label: str
    level: int | None
    level_label: str
    course: str
    institution: str
    started_on: datetime.date | None
    finished_on: datetime.date | None = Field(description="Empty while the course goes on.")
    result: str
    certificate_number: str
    has_certificate: bool

    @staticmethod
    def resolve_subject_label(record: TrainingRecord) -> str:
        return record.get_subject_display()

    @staticmethod
    def resolve_has_certificate(record: TrainingRecord) -> bool:
        return bool(record.certificate)


class TrainingRecordDetailOut(TrainingRecordOut):
    created_at: datetime.datetime
    updated_at: datetime.datetime


class TrainingRecordFilters(Schema):
    unit_id: int | None = Field(None, description="Records kept by this unit.")
    subject: SubjectCode | None = None
    person_id: int | None = None


class TrainingRecordIn(Schema):
    person_id: int = Field(description="A member of the unit.")
    unit_id: int = Field(description="The unit that keeps the record; you must be able to edit it.")
    subject: SubjectCode
    level: int | None = Field(None, description="A rung of the subject's ladder, lowest 1.")
    course: str
    institution: str = ""
    started_on: datetime.date | None = None
    finished_on: datetime.date | None = Field(None, description="Not in the future.")
    result: str = ""
    certificate_number: str = ""


class RequirementOut(Schema):
    id: int
    unit: UnitRef = Field(description="The unit that set it, for itself and the units below.")
    position: str
    role: str
    unit_kind: str
    subject: SubjectCode
    subject_label: str
    min_level: int
    min_level_label: str
    legal_basis: str
    note: str
    valid_from: datetime.date
    is_active: bool

    @staticmethod
    def resolve_subject_label(requirement: Requirement) -> str:
        return requirement.get_subject_display()


class RequirementFilters(Schema):
    subject: SubjectCode | None = None
    active: bool | None = Field(None, description="Only the requirements in force (or not).")


class GapOut(Schema):
    person: PersonRef
    unit: UnitRef
    role: str
    role_label: str
    requirement: RequirementOut
    held_level: int | None = Field(description="The best level completed; empty for none.")
    held_label: str
    since: datetime.date = Field(description="Missing since this date.")
    planned_task_id: int | None = Field(description="The training plan's task, if planned.")

    @staticmethod
    def resolve_role_label(gap: Gap) -> str:
        return gap.role_label


class GapFilters(Schema):
    unit_id: int | None = Field(
        None, description="The unit, with the units below it; your own units if left out."
    )
    as_of: datetime.date | None = Field(None, description="Today if left out.")


# Good models -------------------------------------------------------------------------


class PracticeOut(Schema):
    id: int
    title: str
    summary: str
    category: PracticeCategory
    category_label: str
    origin_unit: UnitRef
    locality: LocalityRef | None
    started_on: datetime.date | None
    status: PracticeStatus
    status_label: str
    reviewed_on: datetime.date | None
    recognised_on: datetime.date | None
    version: int

    @staticmethod
    def resolve_category_label(practice: Practice) -> str:
        return practice.get_category_display()

    @staticmethod
    def resolve_status_label(practice: Practice) -> str:
        return practice.get_status_display()


class ReplicationOut(Schema):
    id: int
    unit: UnitRef
    status: ReplicationStatus
    status_label: str
    adopted_on: datetime.date | None
    adaptation: str
    results: str
    task_id: int | None = Field(description="The task a request to replicate made.")

    @staticmethod
    def resolve_status_label(replication: Replication) -> str:
        return replication.get_status_display()


class PracticeFileOut(Schema):
    id: int
    name: str
    size: int
    content_type: str


class PracticeDetailOut(PracticeOut):
    problem: str
    approach: str
    results: str
    recognition_note: str
    files: list[PracticeFileOut] = Field(alias="file_rows")
    replications: list[ReplicationOut] = Field(
        alias="replication_rows", description="Where it spread, among the units you may read."
    )
    created_at: datetime.datetime
    updated_at: datetime.datetime


class PracticeFilters(Schema):
    q: str = Field("", description="Words of the title, summary or content; accents ignored.")
    category: PracticeCategory | None = None
    status: PracticeStatus | None = None
    locality_id: int | None = None


class PracticeIn(Schema):
    origin_unit_id: int = Field(description="The unit proposing it; you must be able to edit it.")
    title: str
    summary: str
    category: PracticeCategory
    problem: str = ""
    approach: str = ""
    results: str = ""
    locality_id: int | None = None
    started_on: datetime.date | None = None


class PracticeActionIn(Schema):
    note: str = Field("", description="recognise: the recognition (decision, award).")
    unit_id: int | None = Field(None, description="adopt: the unit taking the model up.")
    adopted_on: datetime.date | None = Field(None, description="adopt: not in the future.")
    adaptation: str = Field("", description="adopt: how it was adapted.")
    results: str = Field("", description="adopt: the results there.")
    unit_ids: list[int] = Field([], description="ask: the units asked to replicate it.")
    due_on: datetime.date | None = Field(None, description="ask: the tasks' due date.")
