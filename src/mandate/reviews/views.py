"""The dashboard of a unit and a period: every figure from reviews.selectors, each with the
list it counts (reviews.links) and, for the charts, the same numbers as JSON."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mandate.org.selectors import can_lead
from mandate.reviews import selectors
from mandate.reviews.forms import DashboardForm
from mandate.reviews.links import Links
from mandate.work.models import Bucket
from mandate.work.selectors import BUCKET_COLOURS


def bucket_legend() -> list[dict]:
    """The four buckets with their labels and the colours the work app draws them in."""
    return [
        {"value": bucket.value, "label": bucket.label, "colour": BUCKET_COLOURS[bucket]}
        for bucket in Bucket
    ]


@login_required
@require_safe
def dashboard(request):
    form = DashboardForm(request.GET or None, user=request.user)
    if form.is_bound and form.has_error("unit"):
        raise Http404  # a unit the reader does not see is one that does not exist
    unit = (form.cleaned_data.get("unit") if form.is_bound else None) or selectors.default_unit(
        user=request.user
    )
    if unit is None:
        return render(request, "reviews/dashboard.html", {"form": form, "unit": None})
    today = timezone.localdate()
    period = form.period(today=today)
    if not form.is_bound:
        form = DashboardForm(initial={"unit": unit, "year": period.start.year}, user=request.user)
    figures = selectors.dashboard(user=request.user, unit=unit, period=period)
    links = Links(
        unit=unit,
        period=period,
        whole_scope=selectors.covers_scope(user=request.user, unit=unit),
        has_children=figures.tasks.totals.has_children,
        today=today,
    )
    context = {"form": form, "unit": unit, "figures": figures, "links": links}
    context["can_lead"] = can_lead(user=request.user, unit=unit)  # drafts next year's plan
    context.update(_tables(figures, links))
    context["chart_data"] = _chart_data(figures, context)
    return render(request, "reviews/dashboard.html", context)


def _tables(figures: selectors.Dashboard, links: Links) -> dict:
    """The rows of each table with the link of each figure."""
    key_only = figures.tasks.key_only
    cases = figures.cases
    return {
        "task_rows": [links.task_row(row, key_only=key_only) for row in figures.tasks.rows],
        "task_totals": links.task_row(figures.tasks.totals, key_only=key_only),
        "case_totals": links.case_row(cases.totals),
        "case_categories": [links.case_row(row, "category") for row in cases.by_category],
        "case_localities": [links.case_row(row, "locality") for row in cases.by_locality],
        "campaign_rows": [
            {"row": row, "tasks_url": links.campaign_tasks(row.campaign)}
            for row in figures.campaigns.rows
        ],
        "buckets": bucket_legend(),
    }


def _chart_data(figures: selectors.Dashboard, tables: dict) -> dict:
    """What dashboard.js draws, from the very numbers of the tables: one entry per chart."""
    others = _("Others")

    def case_chart(rows: list[dict]) -> dict:
        return {
            "labels": [entry["row"].label or others for entry in rows],
            "urls": [entry.get("received", "") for entry in rows],
            "datasets": [
                _series(_("Resolved on time"), "#198754", [e["row"].on_time for e in rows]),
                _series(
                    _("Resolved late"),
                    "#20c997",
                    [e["row"].resolved - e["row"].on_time for e in rows],
                ),
                _series(
                    _("Open, in time"), "#0d6efd", [e["row"].open - e["row"].overdue for e in rows]
                ),
                _series(_("Open, overdue"), "#dc3545", [e["row"].overdue for e in rows]),
            ],
        }

    unit_rows = [entry for entry in tables["task_rows"] if entry["row"].total]
    awards = figures.awards.rows
    return {
        "tasks": {
            "labels": [
                _("%(unit)s (own tasks)") % {"unit": entry["row"].unit}
                if entry["row"].own
                else str(entry["row"].unit)
                for entry in unit_rows
            ],
            "urls": [entry["url"] for entry in unit_rows],
            "datasets": [
                _series(
                    str(bucket["label"]),
                    bucket["colour"],
                    [entry["row"].buckets[bucket["value"]] for entry in unit_rows],
                )
                for bucket in tables["buckets"]
            ],
        },
        "categories": case_chart(tables["case_categories"]),
        "localities": case_chart(tables["case_localities"]),
        "awards": {
            "labels": [row.title.label for row in awards],
            "urls": [],
            "datasets": [
                _series(_("Collectives"), "#6f42c1", [row.collective for row in awards]),
                _series(_("Individuals"), "#fd7e14", [row.individual for row in awards]),
            ],
        },
    }


def _series(label: str, colour: str, data: list[int]) -> dict:
    return {"label": str(label), "backgroundColor": colour, "data": data}
