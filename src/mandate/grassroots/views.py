"""The grassroots pages: filing a report, my reports, a unit's cases, one case, the overview.

Every view fetches through `visible_to(request.user)` (a 404 otherwise), checks a
report with `Intake.clean` like every other channel, and writes through services.py;
a refusal from a service comes back on the form, in the reader's language, and
nothing changes.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from mandate.core.forms import add_service_errors
from mandate.earlywarning.selectors import case_alerts, open_alerts
from mandate.grassroots import selectors, services
from mandate.grassroots.forms import ACTION_FORMS, CaseFilter, NoteForm, ReportForm
from mandate.grassroots.intake import Intake, can_see_contact, reportable_localities
from mandate.grassroots.models import Case, Category, Report, ReportPhoto
from mandate.org.selectors import history_of

PAGE_SIZE = 25


def _list_template(request, template: str) -> str:
    return f"{template}#rows" if request.htmx and not request.htmx.boosted else template


# Filing a report -------------------------------------------------------------------------


@login_required
def report_create(request):
    intake = Intake(request.user)
    form = ReportForm(request.POST or None, request.FILES or None, intake=intake)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.file_report(
                draft=form.draft,
                by=request.user,
                channel=Report.Channel.WEB,
                photo=form.cleaned_data["photo"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _filed_message(report, joined=bool(form.draft.case_id)))
            return redirect("grassroots:my-reports")
    context = {
        "form": form,
        "can_report": bool(intake.localities) and bool(intake.categories),
        "suggestions": _suggestions(request, request.POST) if form.is_bound else None,
        "chosen_case": request.POST.get("case", ""),
        "retention_days": services.CONTACT_RETENTION_DAYS,
    }
    return render(request, "grassroots/report_form.html", context)


def _filed_message(report: Report, *, joined: bool) -> str:
    if joined:
        message = _("Your report was added to case no. %(case)s.") % {"case": report.case_id}
    else:
        message = _("Your report was filed as case no. %(case)s.") % {"case": report.case_id}
    if report.redactions:
        message += " " + ngettext(
            "Personal details were removed from the text %(count)s time.",
            "Personal details were removed from the text %(count)s times.",
            report.redactions,
        ) % {"count": report.redactions}
    return message


@login_required
@require_GET
def report_similar(request):
    """The open cases a report being written may be about (an htmx fragment)."""
    context = {
        "suggestions": _suggestions(request, request.GET),
        "chosen_case": request.GET.get("case", ""),
    }
    return render(request, "grassroots/report_form.html#similar", context)


def _suggestions(request, data) -> list[tuple[Case, float]] | None:
    """Likely duplicates once the category and the commune are chosen; None before."""
    category_id, locality_id = data.get("category", ""), data.get("locality", "")
    if not (category_id.isdigit() and locality_id.isdigit()):
        return None
    category = Category.objects.filter(is_active=True, pk=category_id).first()
    locality = reportable_localities(request.user).get(int(locality_id))
    if category is None or locality is None:
        return None
    return selectors.similar_open_cases(
        user=request.user,
        category=category,
        locality=locality,
        summary=data.get("summary", ""),
        as_of=timezone.localdate(),
    )


@login_required
def my_reports(request):
    reports = selectors.with_case_visibility(
        selectors.reports_by(user=request.user).select_related("photo"), user=request.user
    )
    context = {
        "page": Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page")),
        "today": timezone.localdate(),
    }
    return render(request, _list_template(request, "grassroots/my_reports.html"), context)


# A unit's cases ----------------------------------------------------------------------------


@login_required
def case_list(request):
    today = timezone.localdate()
    filterset = CaseFilter(
        request.GET, queryset=selectors.cases_for(user=request.user), user=request.user, as_of=today
    )
    # A province holds hundreds of thousands of cases: the page count is cached.
    paginator = selectors.CasePaginator(filterset.qs, PAGE_SIZE)
    context = {
        "filter": filterset,
        "page": paginator.get_page(request.GET.get("page")),
        "today": today,
    }
    return render(request, _list_template(request, "grassroots/case_list.html"), context)


# One case ----------------------------------------------------------------------------------


def _case(request, pk: int) -> Case:
    cases = (
        selectors.cases_for(user=request.user)
        .select_related("origin_unit", "duplicate_of", "opened_by")
        .annotate(editable=Exists(Case.objects.editable_by(request.user).filter(pk=OuterRef("pk"))))
    )
    return get_object_or_404(cases, pk=pk)


def _case_page(request, case: Case, *, bound=None, stale: str = "", status: int = 200):
    """The case page; `bound` is the action form just posted, with its errors and input."""
    reports = list(selectors.case_reports(case=case, user=request.user))
    contacts = None  # None: not for this reader; [] : none was left
    if can_see_contact(user=request.user, case=case):
        found = selectors.contacts_of(reports=reports)
        contacts = [(report, found[report.pk]) for report in reports if report.pk in found]
    actions = services.allowed_actions(case) if case.editable else []
    forms = {name: ACTION_FORMS[name](case=case, user=request.user) for name in actions}
    note_form = NoteForm()
    if isinstance(bound, NoteForm):
        note_form = bound
    elif bound is not None:
        forms[bound.action] = bound
    context = {
        "case": case,
        "today": timezone.localdate(),
        "reports": reports,
        "contacts": contacts,
        "events": selectors.case_events(case=case, user=request.user),
        "history": history_of(case),
        "alerts": case_alerts(case=case, user=request.user),
        "action_forms": forms,
        "note_form": note_form,
        "stale": stale,
    }
    return render(request, "grassroots/case_detail.html", context, status=status)


@login_required
def case_detail(request, pk: int):
    return _case_page(request, _case(request, pk))


@login_required
@require_POST
def case_action(request, pk: int, action: str):
    case = _case(request, pk)
    if action not in ACTION_FORMS:
        raise Http404
    if not case.editable:
        raise PermissionDenied
    form = ACTION_FORMS[action](request.POST, case=case, user=request.user)
    if form.is_valid():
        try:
            services.ACTIONS[action](case=case, by=request.user, **form.arguments())
        except services.StaleCase as error:
            return _stale(request, action, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _done_message(action))
            return redirect("grassroots:case-detail", pk=case.pk)
    return _case_page(request, case, bound=form)


def _stale(request, action: str, error: "services.StaleCase"):
    """The case as it is now, the refusal said plainly, and the input kept on a form based
    on the current version: acting again is a choice made after seeing what changed."""
    case = _case(request, error.case.pk)
    data = request.POST.copy()
    data["version"] = case.version
    form = None
    if action in services.allowed_actions(case):
        form = ACTION_FORMS[action](data, case=case, user=request.user)
        form.is_valid()
    return _case_page(request, case, bound=form, stale=str(error), status=409)


def _done_message(action: str) -> str:
    return {
        "acknowledge": _("The case was acknowledged."),
        "start": _("Work on the case has started."),
        "refer": _("The case was referred."),
        "resolve": _("The case was resolved."),
        "close": _("The case was closed."),
        "close_unresolved": _("The case was closed without resolution."),
        "reopen": _("The case was reopened."),
        "correct": _("The case was corrected."),
    }[action]


@login_required
@require_POST
def case_note(request, pk: int):
    case = _case(request, pk)
    if not case.editable:
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(case=case, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was added to the timeline."))
            return redirect("grassroots:case-detail", pk=case.pk)
    return _case_page(request, case, bound=form)


@login_required
def report_photo(request, pk: int):
    photo = get_object_or_404(ReportPhoto.objects.visible_to(request.user), pk=pk)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as missing:  # the row outlived its file (a restore, a purge)
        raise Http404 from missing
    return FileResponse(handle, filename=photo.name, content_type=photo.content_type)


# The overview ------------------------------------------------------------------------------


@login_required
def overview(request):
    today = timezone.localdate()
    figures = selectors.overview(user=request.user, as_of=today)
    context = {
        **figures,
        "today": today,
        "dot_plot": selectors.dot_plot(by_locality=figures["by_locality"]),
        "chart_data": _chart_data(figures),
        "open_alerts": open_alerts(user=request.user),
    }
    return render(request, "grassroots/overview.html", context)


def _chart_data(figures: dict) -> dict:
    """What overview.js draws: labels, counts and the filtered list each bar opens."""
    cases = reverse("grassroots:case-list")

    def bars(rows, label, query):
        return [
            {
                "label": str(label(row)),
                "count": row["count"],
                "overdue": row.get("overdue", 0),
                "url": f"{cases}?{urlencode({'status': 'open', **query(row)})}",
            }
            for row in rows
        ]

    return {
        "labels": {
            "in_time": _("Open, in time"),
            "overdue": _("Open, overdue"),
            "open": _("Open cases"),
        },
        "units": bars(
            figures["by_unit"][:15], lambda r: r["unit__name"], lambda r: {"unit": r["unit_id"]}
        ),
        "ages": bars(
            figures["ages"],
            lambda r: _("%(band)s days") % {"band": r["band"]},
            lambda r: {"age": r["band"]},
        ),
        "categories": bars(
            figures["by_category"],
            lambda r: r["category"],
            lambda r: {"category": r["category_id"]},
        ),
        "localities": bars(
            figures["by_locality"][:15],
            lambda r: r["locality__name"],
            lambda r: {"locality": r["locality_id"]},
        ),
    }
