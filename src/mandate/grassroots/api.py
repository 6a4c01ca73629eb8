"""The JSON face of grassroots reports and cases: file, list, read, act on the workflow.

Every object comes through `visible_to(request.auth)` (404 outside the caller's units);
every write goes through `grassroots.services`, which checks `editable_by`. Reports are
checked by `Intake`, the one validation every channel shares. An action carries the
case `version` it was decided on; a stale one answers 409 with the case as it is now.
A citizen's contact is stored on the way in and never read back by any route here.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from mandate.core.api import CHOICE_ERROR, ErrorOut, pick
from mandate.grassroots import selectors, services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, Category, Report
from mandate.grassroots.schemas import (
    ERRORS,
    ActionIn,
    CaseDetailOut,
    CaseFilters,
    CaseOut,
    CategoryOut,
    ReportDetailOut,
    ReportFilters,
    ReportIn,
    ReportOut,
    StaleCaseOut,
)
from mandate.org.models import Locality, Unit, User

router = Router()


# Categories -------------------------------------------------------------------------


@router.get("/categories", response=list[CategoryOut], tags=["grassroots categories"])
def category_list(request):
    """The topics a report may be about; `code` is the Open311 service code."""
    return Category.objects.filter(is_active=True)


# Reports ----------------------------------------------------------------------------


def reports_for(user: User) -> QuerySet[Report]:
    return Report.objects.visible_to(user).select_related(
        "case__unit", "category", "locality", "reporting_unit", "reported_by", "photo"
    )


@router.get("/reports", response=list[ReportOut], tags=["grassroots reports"])
@paginate(PageNumberPagination, page_size=50)
def report_list(request, filters: Query[ReportFilters]):
    """The reports the caller may read, newest first."""
    reports = reports_for(request.auth).order_by("-created_at", "-pk")
    if filters.case:
        reports = reports.filter(case_id=filters.case)
    if filters.category:
        reports = reports.filter(category__code=filters.category)
    if filters.locality:
        reports = reports.filter(locality__code=filters.locality)
    if filters.channel:
        reports = reports.filter(channel=filters.channel)
    if filters.mine:
        reports = reports.filter(reported_by=request.auth)
    if filters.observed_from:
        reports = reports.filter(observed_on__gte=filters.observed_from)
    if filters.observed_to:
        reports = reports.filter(observed_on__lte=filters.observed_to)
    return reports


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, 404: ErrorOut},
    tags=["grassroots reports"],
)
def report_detail(request, report_id: int):
    return get_object_or_404(reports_for(request.auth), pk=report_id)


@router.post(
    "/reports", response={201: ReportDetailOut, 422: ErrorOut}, tags=["grassroots reports"]
)
def report_create(request, payload: ReportIn):
    """File a report: it joins the open case it names, or opens a case routed to the unit
    that must resolve it. Every faulty field is named in one 422 answer."""
    user = request.auth
    draft = Intake(user).clean(payload.dict())
    report = services.file_report(draft=draft, by=user, channel=Report.Channel.API)
    return Status(201, get_object_or_404(reports_for(user), pk=report.pk))


# Cases ------------------------------------------------------------------------------


@router.get("/cases", response=list[CaseOut], tags=["grassroots cases"])
@paginate(PageNumberPagination, page_size=50)
def case_list(request, filters: Query[CaseFilters]):
    cases = selectors.cases_for(user=request.auth).search(filters.q)
    if filters.status:
        cases = cases.with_status(filters.status)
    if filters.open is not None:
        statuses = Case.OPEN_STATUSES if filters.open else Case.FINISHED_STATUSES
        cases = cases.filter(status__in=statuses)
    if filters.overdue:
        cases = cases.overdue(timezone.localdate())
    if filters.category:
        cases = cases.filter(category__code=filters.category)
    if filters.locality:
        cases = cases.filter(locality__code=filters.locality)
    if filters.unit and filters.below:
        unit = Unit.objects.visible_to(request.auth).filter(pk=filters.unit).first()
        cases = cases.filter(unit__in=unit.subtree()) if unit else cases.none()
    elif filters.unit:
        cases = cases.filter(unit_id=filters.unit)
    if filters.opened_from:
        cases = cases.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to:
        cases = cases.filter(opened_on__lte=filters.opened_to)
    if filters.no_duplicates:
        cases = cases.exclude(close_reason=Case.CloseReason.DUPLICATE)
    return cases


@router.get(
    "/cases/{case_id}", response={200: CaseDetailOut, 404: ErrorOut}, tags=["grassroots cases"]
)
def case_detail(request, case_id: int):
    return _case(request.auth, case_id)


@router.post(
    "/cases/{case_id}/actions",
    response={200: CaseDetailOut, 409: StaleCaseOut, **ERRORS},
    tags=["grassroots cases"],
    description=(
        "Take one workflow step: `acknowledge`, `start`, `refer` (with `to_unit_id`), "
        "`resolve`, `close`, `close_unresolved` (with `reason`, and `duplicate_of_id` for a "
        "duplicate), `reopen`, `correct` (with `category` and/or `locality`), or add a "
        "`note`. Send the `version` the decision was made on: if someone acted on the case "
        "since, nothing is written and the answer is 409 with the case as it is now. A move "
        "the case's status does not allow, or one the caller may not make, is a 422."
    ),
)
def case_action(request, case_id: int, payload: ActionIn):
    user = request.auth
    case = get_object_or_404(Case.objects.visible_to(user), pk=case_id)
    try:
        _act(case, payload, user)
    except services.StaleCase as stale:
        return Status(409, {"detail": str(stale), "current": _case(user, case.pk)})
    return _case(user, case.pk)


def _act(case: Case, payload: ActionIn, user: User) -> None:
    common = {"case": case, "version": payload.version, "by": user, "text": payload.text}
    match payload.action:
        case "note":  # a note changes nothing on the case, so it cannot be stale
            services.add_note(case=case, by=user, text=payload.text)
        case "refer":
            # Referral sends a matter to whichever agency must deal with it, in any branch.
            units = Unit.objects.dangerously_unscoped().filter(is_active=True)
            to_unit = pick(units, payload.to_unit_id, field="to_unit_id")
            services.refer(**common, to_unit=_required(to_unit, field="to_unit_id"))
        case "resolve":
            services.resolve(**common, on=payload.resolved_on)
        case "close_unresolved":
            duplicate = pick(
                Case.objects.visible_to(user), payload.duplicate_of_id, field="duplicate_of_id"
            )
            services.close_unresolved(**common, reason=payload.reason or "", duplicate_of=duplicate)
        case "correct":
            services.correct(
                **common,
                category=_by_code(
                    Category.objects.filter(is_active=True), payload.category, field="category"
                ),
                locality=_by_code(
                    Locality.objects.filter(children__isnull=True),
                    payload.locality,
                    field="locality",
                ),
            )
        case _:
            # the steps that need nothing but the version and a text
            services.ACTIONS[payload.action](**common)


def _required(value, *, field: str):
    if value is None:
        raise ValidationError({field: _("This field is required.")})
    return value


def _by_code(queryset: QuerySet, code: str | None, *, field: str):
    if not code:
        return None
    found = queryset.filter(code=code).first()
    if found is None:
        raise ValidationError({field: _(CHOICE_ERROR)})
    return found


def _case(user: User, case_id: int) -> Case:
    case = get_object_or_404(
        selectors.cases_for(user=user).select_related("origin_unit"), pk=case_id
    )
    case.report_rows = list(selectors.case_reports(case=case, user=user))
    case.event_rows = list(selectors.case_events(case=case, user=user))
    case.action_names = (
        [*services.allowed_actions(case), "note"] if services.can_act(case=case, user=user) else []
    )
    return case
