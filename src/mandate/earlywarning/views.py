"""The alert pages: the list, one alert with its chart, map, reports and actions.

Every view fetches through `visible_to(request.user)` (a 404 otherwise) and writes
through services.py; a refusal from a service comes back on the form, in the reader's
language, and nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.core.forms import add_service_errors
from mandate.earlywarning import selectors, services
from mandate.earlywarning.forms import ACTION_FORMS, AlertFilter
from mandate.earlywarning.models import Alert

PAGE_SIZE = 25


def _list_template(request, template: str) -> str:
    return f"{template}#rows" if request.htmx and not request.htmx.boosted else template


@login_required
def alert_list(request):
    filterset = AlertFilter(request.GET, queryset=selectors.alerts_for(request.user))
    context = {
        "filter": filterset,
        "page": Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, _list_template(request, "earlywarning/alert_list.html"), context)


# One alert ---------------------------------------------------------------------------------


def _alert(request, pk: int) -> Alert:
    alerts = (
        selectors.alerts_for(request.user)
        .select_related("case", "task", "handled_by")
        .annotate(
            editable=Exists(Alert.objects.editable_by(request.user).filter(pk=OuterRef("pk")))
        )
    )
    return get_object_or_404(alerts, pk=pk)


def _alert_page(request, alert: Alert, *, bound=None, stale: str = "", status: int = 200):
    """The alert page; `bound` is the action form just posted, with its errors and input."""
    actions = services.allowed_actions(alert) if alert.editable else []
    forms = {name: ACTION_FORMS[name](alert=alert, user=request.user) for name in actions}
    if bound is not None:
        forms[bound.action] = bound
    series = selectors.alert_series(alert)
    context = {
        "alert": alert,
        "series": series,
        "chart_data": _chart_data(series),
        "dot_plot": selectors.alert_dot_plot(alert),
        "reports": selectors.alert_reports(alert, request.user),
        "reports_shown": selectors.REPORTS_SHOWN,
        "action_forms": forms,
        "timeline": selectors.alert_timeline(alert),
        "stale": stale,
    }
    return render(request, "earlywarning/alert_detail.html", context, status=status)


def _chart_data(series: dict) -> dict:
    """What alert.js draws: one bar of reports and one point expected per day."""
    return {
        "labels": {
            "observed": _("Reports in the communes"),
            "window": _("Reports in the alert's window"),
            "expected": _("Expected"),
        },
        "days": [
            {
                "label": row["day"].strftime("%d/%m"),
                "observed": row["observed"],
                "expected": row["expected"],
                "in_window": row["in_window"],
            }
            for row in series["days"]
        ],
    }


@login_required
def alert_detail(request, pk: int):
    return _alert_page(request, _alert(request, pk))


@login_required
@require_POST
def alert_action(request, pk: int, action: str):
    alert = _alert(request, pk)
    if action not in ACTION_FORMS:
        raise Http404
    if not alert.editable:
        raise PermissionDenied
    form = ACTION_FORMS[action](request.POST, alert=alert, user=request.user)
    if form.is_valid():
        try:
            done = services.ACTIONS[action](alert, by=request.user, **form.arguments())
        except services.StaleAlert as error:
            return _stale(request, action, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _done_message(action, done))
            return redirect("earlywarning:alert-detail", pk=alert.pk)
    return _alert_page(request, alert, bound=form)


def _stale(request, action: str, error: services.StaleAlert):
    """The alert as it is now, the refusal said plainly, and the input kept on a form based
    on the current version: acting again is a choice made after seeing what changed."""
    alert = _alert(request, error.alert.pk)
    form = None
    if action in services.allowed_actions(alert):
        data = request.POST.copy()
        data["version"] = alert.version
        form = ACTION_FORMS[action](data, alert=alert, user=request.user)
        form.is_valid()
    return _alert_page(request, alert, bound=form, stale=str(error), status=409)


def _done_message(action: str, alert: Alert) -> str:
    return {
        "review": lambda: _("The alert is under review."),
        "escalate_case": lambda: (
            _("The alert was escalated to case no. %(case)s.") % {"case": alert.case_id}
        ),
        "escalate_task": lambda: (
            _("The alert was escalated to a task of %(unit)s.") % {"unit": alert.unit}
        ),
        "dismiss": lambda: _("The alert was dismissed."),
        "reopen": lambda: _("The alert was reopened for review."),
    }[action]()
