"""The grassroots API's schemas: what goes in and out of /api/grassroots/.

No schema here carries a citizen's contact: `Contact` rows are written on the way in
and never read back by the API (Decree 13/2023, DESIGN.md rule 4).
"""

import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from mandate.core.api import ErrorOut, UnitRef
from mandate.grassroots.models import Case, CaseEvent, Report

CaseStatus = Literal[tuple(Case.Status.values)]
CloseReason = Literal[tuple(value for value in Case.CloseReason.values if value)]
Channel = Literal[tuple(Report.Channel.values)]
EventKind = Literal[tuple(CaseEvent.Kind.values)]
# The workflow services, by name; "note" adds to the timeline without changing the case.
Action = Literal[
    "acknowledge",
    "start",
    "refer",
    "resolve",
    "close",
    "close_unresolved",
    "reopen",
    "correct",
    "note",
]

ERRORS = {404: ErrorOut, 422: ErrorOut}


class CategoryRef(Schema):
    id: int
    code: str = Field(description="The Open311 service code.")
    name: str = Field(alias="label", description="In the caller's language.")


class CategoryOut(CategoryRef):
    description: str
    keywords: str
    deadline_days: int = Field(description="Days a case of this category has to be resolved.")


class LocalityRef(Schema):
    id: int
    code: str
    name: str


class CaseRef(Schema):
    id: int
    title: str
    status: CaseStatus
    unit: UnitRef


class ReportOut(Schema):
    id: int
    case: CaseRef
    category: CategoryRef
    locality: LocalityRef
    observed_on: datetime.date
    received_on: datetime.date
    severity: int
    people_affected: int
    summary: str = Field(description="As stored: personal identifiers already redacted.")
    redactions: int
    channel: Channel
    created_at: datetime.datetime


class ReportDetailOut(ReportOut):
    reporting_unit: UnitRef
    reported_by: str | None = Field(None, alias="reported_by.full_name")
    lat: float | None
    lon: float | None
    photo_url: str | None = None

    @staticmethod
    def resolve_photo_url(report: Report) -> str | None:
        try:
            photo = report.photo
        except Report.photo.RelatedObjectDoesNotExist:
            return None
        return reverse("grassroots:report-photo", args=[photo.pk])


class CaseReportOut(Schema):
    """A report as its case shows it: what was seen, where, by which unit."""

    id: int
    locality: LocalityRef
    observed_on: datetime.date
    severity: int
    people_affected: int
    summary: str
    channel: Channel
    reporting_unit: UnitRef


class EventOut(Schema):
    kind: EventKind
    label: str
    at: datetime.datetime
    actor: str | None = Field(None, alias="actor.full_name")
    from_unit: UnitRef | None
    to_unit: UnitRef | None
    text: str

    @staticmethod
    def resolve_label(event: CaseEvent) -> str:
        return event.get_kind_display()


class CaseOut(Schema):
    id: int
    title: str
    status: CaseStatus
    status_label: str
    category: CategoryRef
    locality: LocalityRef
    unit: UnitRef = Field(description="The unit that must resolve the matter.")
    severity: int
    people_affected: int
    report_count: int
    opened_on: datetime.date
    last_reported_on: datetime.date
    due_on: datetime.date
    is_overdue: bool
    version: int = Field(description="Send it back with an action; see the actions route.")

    @staticmethod
    def resolve_status_label(case: Case) -> str:
        return case.get_status_display()


class CaseDetailOut(CaseOut):
    origin_unit: UnitRef = Field(description="The unit the first report came from.")
    resolution: str
    close_reason: str
    duplicate_of_id: int | None
    resolved_on: datetime.date | None
    closed_on: datetime.date | None
    escalated_on: datetime.date | None
    actions: list[str] = Field(
        alias="action_names", description="The actions the caller may take now."
    )
    reports: list[CaseReportOut] = Field(alias="report_rows")
    timeline: list[EventOut] = Field(alias="event_rows")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class StaleCaseOut(Schema):
    detail: str
    current: CaseDetailOut


class ReportFilters(Schema):
    case: int | None = Field(None, description="Reports of this case.")
    category: str | None = Field(None, description="A service code.")
    locality: str | None = Field(None, description="A locality code.")
    channel: Channel | None = None
    mine: bool = Field(False, description="Only the reports the caller filed.")
    observed_from: datetime.date | None = None
    observed_to: datetime.date | None = None


class CaseFilters(Schema):
    q: str = Field("", description="Words of the title; accents are ignored.")
    status: CaseStatus | None = None
    open: bool | None = Field(None, description="true: open cases; false: finished ones.")
    overdue: bool = Field(False, description="Open cases past their due date.")
    category: str | None = Field(None, description="A service code.")
    locality: str | None = Field(None, description="A locality code.")
    unit: int | None = Field(None, description="Cases this unit must resolve.")
    below: bool = Field(False, description="With `unit`: also the units below it.")
    opened_from: datetime.date | None = Field(None, description="Opened on or after this day.")
    opened_to: datetime.date | None = Field(None, description="Opened on or before this day.")
    no_duplicates: bool = Field(False, description="Leave out cases closed as duplicates.")


class ReportIn(Schema):
    """One report. Every field is checked by the same rules as the web form, and all the
    faults are answered at once; the summary is scrubbed of phone numbers, ID numbers
    and e-mail addresses before it is stored."""

    category: int | str | None = Field(None, description="Id, service code or name.")
    locality: int | str | None = Field(
        None, description="Id, code or name of a commune you report on; or give lat and lon."
    )
    lat: float | str | None = None
    lon: float | str | None = None
    observed_on: str | None = Field(None, description="YYYY-MM-DD or dd/mm/yyyy.")
    received_on: str | None = Field(None, description="Today if left out.")
    severity: int | str | None = Field(None, description="1 (low) to 4 (very serious).")
    people_affected: int | str | None = None
    summary: str | None = None
    case: int | str | None = Field(None, description="An open case this report adds to.")
    contact_name: str | None = Field(None, description="Kept apart; never returned.")
    contact_phone: str | None = Field(None, description="Kept apart; never returned.")
    contact_email: str | None = Field(None, description="Kept apart; never returned.")
    contact_address: str | None = Field(None, description="Kept apart; never returned.")


class ActionIn(Schema):
    """One step of the workflow. `version` is the case's, as last read: if someone acted
    on the case since, nothing is written and the answer is 409."""

    action: Action
    version: int
    text: str = Field("", description="Required to refer, resolve, close unresolved, reopen.")
    to_unit_id: int | None = Field(None, description="refer: the unit the case goes to.")
    reason: CloseReason | None = Field(None, description="close_unresolved: why.")
    duplicate_of_id: int | None = Field(
        None, description="close_unresolved as duplicate: the case that carries on."
    )
    resolved_on: datetime.date | None = Field(None, description="resolve: today if left out.")
    category: str | None = Field(None, description="correct: the right service code.")
    locality: str | None = Field(None, description="correct: the right locality code.")
