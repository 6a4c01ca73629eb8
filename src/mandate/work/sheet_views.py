"""Pages that hand out and take in Excel sheets of tasks; the sheet work is in work.sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from mandate.core.forms import SheetForm
from mandate.core.imports import ImportRefused
from mandate.org.models import Unit
from mandate.org.selectors import memberships_of
from mandate.work import sheets
from mandate.work.filters import TaskFilter
from mandate.work.models import Plan
from mandate.work.selectors import tasks_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def task_template(request):
    return _xlsx(sheets.task_template(), "mau-nhap-nhiem-vu.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request, pk: int):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    form = SheetForm(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            summary = sheets.import_plan_tasks(plan=plan, data=data, by=request.user)
        except ImportRefused as error:
            refused = error
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = summary.created
            message = ngettext(
                "%(count)s task was imported into the plan.",
                "%(count)s tasks were imported into the plan.",
                count,
            )
            messages.success(request, message % {"count": count})
            return redirect("work:plan-detail", pk=plan.pk)
    context = {"plan": plan, "form": form, "refused": refused}
    return render(request, "work/sheets/plan_import.html", context)


@login_required
@require_GET
def task_export(request):
    filterset = TaskFilter(request.GET, queryset=tasks_for(user=request.user), user=request.user)
    filename = f"nhiem-vu-{timezone.localdate():%Y%m%d}.xlsx"
    return _xlsx(sheets.export_tasks(filterset.qs), filename)


@login_required
@require_GET
def progress_sheet(request, pk: int):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    tasks = sheets.open_tasks_of(unit=unit, user=request.user)
    filename = f"bao-cao-tien-do-{unit.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    return _xlsx(sheets.progress_sheet(tasks), filename)


@login_required
@require_http_methods(["GET", "POST"])
def progress_import(request):
    form = SheetForm(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            count = sheets.import_progress(data=form.cleaned_data["file"].read(), by=request.user)
        except ImportRefused as error:
            refused = error
        else:
            message = ngettext(
                "%(count)s progress update was posted.",
                "%(count)s progress updates were posted.",
                count,
            )
            messages.success(request, message % {"count": count})
            return redirect("work:progress-import")
    units = dict.fromkeys(membership.unit for membership in memberships_of(user=request.user))
    context = {"form": form, "refused": refused, "units": list(units)}
    return render(request, "work/sheets/progress_import.html", context)
