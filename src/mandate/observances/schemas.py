"""The calendar API's schemas: what goes in and out of /api/observances/."""

import datetime
from typing import Literal

from ninja import Field, Schema

from mandate.core.api import ErrorOut, UnitRef
from mandate.directives.api import DocumentRef
from mandate.observances.calendar import Occurrence
from mandate.observances.models import Campaign, Observance
from mandate.observances.selectors import TargetProgress
from mandate.work.models import Bucket
from mandate.work.schemas import BucketCountOut
from mandate.work.selectors import bucket_rows

CalendarKind = Literal[tuple(Observance.CalendarKind.values)]
Level = Literal[tuple(Observance.Level.values)]
Importance = Literal[tuple(Observance.Importance.values)]
CampaignStatus = Literal[tuple(Campaign.Status.values)]

ERRORS = {404: ErrorOut, 422: ErrorOut}


# The calendar ------------------------------------------------------------------------


class ObservanceRef(Schema):
    id: int
    key: str
    name: str = Field(description="The Vietnamese name.")
    label: str = Field(description="The name in the caller's language.")
    calendar: CalendarKind
    level: Level
    importance: Importance


class ObservanceOut(ObservanceRef):
    name_en: str
    name_fr: str
    month: int
    day: int = Field(description="A day of the solar or lunar month, as `calendar` says.")
    is_leap_month: bool
    founding_year: int | None = Field(description="Anniversaries are counted from it.")
    first_year: int | None
    last_year: int | None
    owner_unit: UnitRef | None = Field(description="The unit that added a local observance.")
    notes: str


class OccurrenceOut(Schema):
    observance: ObservanceRef
    date: datetime.date = Field(description="The Gregorian date in the year asked for.")
    anniversary: int | None = Field(description="Years since the founding year.")
    anniversary_label: str
    is_round: bool = Field(description="A 5-year anniversary.")
    is_decade: bool = Field(description="A 10-year anniversary.")
    is_major: bool = Field(description="A 25- or 50-year anniversary.")

    @staticmethod
    def resolve_observance(occurrence: Occurrence) -> Observance:
        return occurrence.observance


class ObservanceFilters(Schema):
    level: Level | None = None
    calendar: CalendarKind | None = None


class OccurrenceFilters(Schema):
    year: int | None = Field(None, description="1901 to 2099; this year if left out.")
    level: Level | None = None


# Campaigns ---------------------------------------------------------------------------


class TemplateRef(Schema):
    id: int
    name: str


class CampaignOut(Schema):
    id: int
    title: str
    unit: UnitRef = Field(description="The organising unit.")
    observance: ObservanceRef | None = Field(description="Empty for a one-off event.")
    occurs_on: datetime.date = Field(description="The date celebrated.")
    anniversary: int | None
    is_round: bool
    status: CampaignStatus
    status_label: str
    launched_on: datetime.date | None
    closed_on: datetime.date | None
    template_id: int | None
    target_count: int = Field(description="Every target unit, including those you cannot read.")
    version: int

    @staticmethod
    def resolve_status_label(campaign: Campaign) -> str:
        return campaign.get_status_display()


class TargetOut(Schema):
    """A target unit the caller may read: its acknowledgement and its campaign tasks."""

    unit: UnitRef
    acknowledged_at: datetime.datetime | None
    acknowledged_by: str | None
    note: str
    tasks: int
    buckets: list[BucketCountOut] = Field(description="Its campaign tasks by bucket, today.")
    evidence: int = Field(description="Files posted with its progress updates.")
    last_report_on: datetime.date | None
    is_late: bool
    is_done: bool

    @staticmethod
    def resolve_unit(row: TargetProgress):
        return row.target.unit

    @staticmethod
    def resolve_acknowledged_at(row: TargetProgress) -> datetime.datetime | None:
        return row.target.acknowledged_at

    @staticmethod
    def resolve_acknowledged_by(row: TargetProgress) -> str | None:
        by = row.target.acknowledged_by
        return by.full_name if by else None

    @staticmethod
    def resolve_note(row: TargetProgress) -> str:
        return row.target.note

    @staticmethod
    def resolve_buckets(row: TargetProgress) -> list[dict]:
        return bucket_rows(row.buckets)


class TotalsOut(Schema):
    targets: int = Field(description="The target units you may read.")
    acknowledged: int
    evidence: int
    buckets: list[BucketCountOut]

    @staticmethod
    def resolve_buckets(totals: dict) -> list[dict]:
        return bucket_rows({bucket: totals[bucket] for bucket in Bucket.values})


class CampaignDetailOut(CampaignOut):
    template: TemplateRef | None
    guidance: DocumentRef | None = Field(
        alias="visible_guidance", description="Empty when you cannot read the document."
    )
    summary: str = Field(description="The results when closed, the reason when cancelled.")
    as_of: datetime.date
    targets: list[TargetOut] = Field(alias="progress_rows")
    totals: TotalsOut
    acknowledgeable: list[UnitRef] = Field(
        alias="acknowledgeable_units",
        description="The target units you may acknowledge for now.",
    )
    created_at: datetime.datetime
    updated_at: datetime.datetime


class CampaignFilters(Schema):
    year: int | None = Field(None, description="Campaigns whose date falls in this year.")
    status: CampaignStatus | None = None


class CampaignIn(Schema):
    """An occasion (an observance by id or key, and a year) or a one-off event (a title
    and a date); `launch` writes the target units' tasks in the same transaction."""

    unit_id: int = Field(description="The organising unit; you must lead it or a unit above.")
    observance_id: int | None = None
    observance_key: str | None = Field(None, description="Instead of `observance_id`.")
    year: int | None = Field(None, description="The observance's year; this year if left out.")
    title: str = Field("", description="Required for a one-off event; drawn from the observance.")
    event_on: datetime.date | None = Field(None, description="A one-off event's date.")
    template_id: int | None = Field(None, description="Required to launch.")
    target_unit_ids: list[int] = Field(description="The organising unit or units below it.")
    guidance_id: int | None = Field(None, description="A guiding document you can read.")
    launch: bool = False


class CampaignActionIn(Schema):
    unit_id: int | None = Field(None, description="acknowledge: the unit acknowledging.")
    note: str = Field("", description="acknowledge: a note kept with the acknowledgement.")
    summary: str = Field("", description="close: the results (required).")
    reason: str = Field("", description="cancel: why it is called off (required).")
