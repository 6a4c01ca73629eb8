"""The early-warning API's schemas: what goes in and out of /api/earlywarning/."""

import datetime
from typing import Literal

from ninja import Field, Schema

from mandate.core.api import ErrorOut, UnitRef
from mandate.earlywarning.models import Alert
from mandate.earlywarning.services import ACTIONS
from mandate.grassroots.schemas import CategoryRef, LocalityRef

AlertStatus = Literal[tuple(Alert.Status.values)]
AlertMethod = Literal[tuple(Alert.Method.values)]
DismissReason = Literal[tuple(value for value in Alert.DismissReason.values if value)]
AlertAction = Literal[tuple(ACTIONS)]

ERRORS = {404: ErrorOut, 422: ErrorOut}


class AlertOut(Schema):
    id: int
    status: AlertStatus
    status_label: str
    method: AlertMethod
    method_label: str
    category: CategoryRef
    centre: LocalityRef = Field(description="The commune the cluster is centred on.")
    localities: list[LocalityRef] = Field(description="Every commune of the cluster.")
    unit: UnitRef = Field(description="The unit responsible for following the alert up.")
    first_detected_on: datetime.date
    last_detected_on: datetime.date
    window_start: datetime.date
    window_end: datetime.date
    observed: int = Field(description="Reports in the communes within the window.")
    expected: float = Field(description="Reports expected there in that window.")
    relative_risk: float
    statistic: float
    p_value: float | None
    recurrence_days: float = Field(
        description="A finding this strong turns up by chance once in this many daily runs."
    )
    peak_recurrence_days: float
    case_id: int | None = Field(description="The grassroots case it was escalated to.")
    task_id: int | None = Field(description="The task it was escalated to.")
    version: int = Field(description="Send it back with an action; see the action routes.")

    @staticmethod
    def resolve_status_label(alert: Alert) -> str:
        return alert.get_status_display()

    @staticmethod
    def resolve_method_label(alert: Alert) -> str:
        return alert.get_method_display()


class SeriesDayOut(Schema):
    day: datetime.date
    observed: int
    expected: float
    in_window: bool


class AlertDetailOut(AlertOut):
    dismiss_reason: str
    note: str
    handled_by: str | None = Field(None, alias="handled_by.full_name")
    actions: list[str] = Field(
        alias="action_names", description="The actions the caller may take now."
    )
    series: list[SeriesDayOut] = Field(
        alias="series_rows",
        description="Reports in the communes each day up to the window's end, and the "
        "number expected from their usual share of the province's reports.",
    )
    created_at: datetime.datetime
    updated_at: datetime.datetime


class StaleAlertOut(Schema):
    detail: str
    current: AlertDetailOut


class AlertFilters(Schema):
    status: AlertStatus | Literal["open"] | None = Field(
        None, description="A status, or `open` for new and under review."
    )
    category: str | None = Field(None, description="A service code.")
    method: AlertMethod | None = None
    locality: str | None = Field(None, description="A locality code: alerts including it.")
    since: datetime.date | None = Field(None, description="Last detected on or after.")
    until: datetime.date | None = Field(None, description="Last detected on or before.")


class AlertActionIn(Schema):
    """One move of an alert. `version` is the alert's, as last read: if someone acted on
    it since, nothing is written and the answer is 409."""

    version: int
    case_id: int | None = Field(
        None, description="escalate_case: an open case to link; a new case when left out."
    )
    content: str = Field("", description="escalate_task: the task; drawn from the alert if empty.")
    due_on: datetime.date | None = Field(
        None, description="escalate_task: the category's deadline from today if left out."
    )
    reason: DismissReason | None = Field(None, description="dismiss: why (required).")
    note: str = Field("", description="A comment kept on the alert.")
