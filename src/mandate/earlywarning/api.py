"""The JSON face of early-warning alerts: list, read, and act on them.

Every alert comes through `visible_to(request.auth)` (404 outside the caller's units);
every move goes through `earlywarning.services`, which checks `editable_by` (a reader
who may not act gets a 422 saying so). A move carries the alert `version` it was
decided on; a stale one answers 409 with the alert as it is now.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from mandate.core.api import ErrorOut, pick
from mandate.earlywarning import selectors, services
from mandate.earlywarning.models import Alert
from mandate.earlywarning.schemas import (
    ERRORS,
    AlertAction,
    AlertActionIn,
    AlertDetailOut,
    AlertFilters,
    AlertOut,
    StaleAlertOut,
)
from mandate.grassroots.models import Case
from mandate.org.models import User

router = Router()
API_FIELDS = {"case": "case_id"}


@router.get("/alerts", response=list[AlertOut], tags=["early-warning alerts"])
@paginate(PageNumberPagination, page_size=50)
def alert_list(request, filters: Query[AlertFilters]):
    """The alerts the caller may read, the latest detected first."""
    alerts = selectors.filter_alerts(
        selectors.alerts_for(request.auth),
        status=filters.status,
        method=filters.method,
        since=filters.since,
        until=filters.until,
    )
    if filters.category:
        alerts = alerts.filter(category__code=filters.category)
    if filters.locality:
        alerts = alerts.filter(localities__code=filters.locality)
    return alerts


@router.get(
    "/alerts/{alert_id}",
    response={200: AlertDetailOut, 404: ErrorOut},
    tags=["early-warning alerts"],
)
def alert_detail(request, alert_id: int):
    return _alert(request.auth, alert_id)


@router.post(
    "/alerts/{alert_id}/{action}",
    response={200: AlertDetailOut, 409: StaleAlertOut, **ERRORS},
    tags=["early-warning alerts"],
    description=(
        "Move the alert on: `review` (new to under review), `escalate_case` (a new "
        "grassroots case for the responsible unit, or the open case `case_id`), "
        "`escalate_task` (a task for the responsible unit, with an optional `content` and "
        "`due_on`), `dismiss` (with a `reason`), `reopen` (a dismissed alert back under "
        "review). Send the `version` the decision was made on: if someone acted on the "
        "alert since, nothing is written and the answer is 409 with the alert as it is "
        "now. A move the alert's status does not allow, or one the caller may not make, "
        "is a 422."
    ),
)
def alert_action(request, alert_id: int, action: AlertAction, payload: AlertActionIn):
    user = request.auth
    alert = get_object_or_404(Alert.objects.visible_to(user), pk=alert_id)
    arguments = _arguments(action, payload, user)
    try:
        services.ACTIONS[action](alert, by=user, version=payload.version, **arguments)
    except services.StaleAlert as stale:
        return Status(409, {"detail": str(stale), "current": _alert(user, alert.pk)})
    except ValidationError as error:
        raise _in_api_fields(error) from error
    return _alert(user, alert.pk)


def _arguments(action: str, payload: AlertActionIn, user: User) -> dict:
    """The service's keyword arguments beyond the alert, the actor and the version."""
    match action:
        case "escalate_case":
            case = pick(Case.objects.visible_to(user), payload.case_id, field="case_id")
            return {"case": case, "note": payload.note}
        case "escalate_task":
            return {"content": payload.content, "due_on": payload.due_on, "note": payload.note}
        case "dismiss":
            return {"reason": payload.reason or "", "note": payload.note}
        case "reopen":
            return {"note": payload.note}
        case _:
            return {}


def _in_api_fields(error: ValidationError) -> ValidationError:
    """The service names the case `case`; the API calls it `case_id`."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {API_FIELDS.get(field, field): errors for field, errors in error.error_dict.items()}
    )


def _alert(user: User, alert_id: int) -> Alert:
    alert = get_object_or_404(selectors.alerts_for(user).select_related("handled_by"), pk=alert_id)
    alert.series_rows = selectors.alert_series(alert)["days"]
    alert.action_names = (
        services.allowed_actions(alert) if services.can_act(alert=alert, user=user) else []
    )
    return alert
