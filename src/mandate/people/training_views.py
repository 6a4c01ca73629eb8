"""The training pages: records and their certificates, the Excel import and export, the
requirements of positions, and the gap report that becomes training tasks.

Records are fetched through `visible_to(request.user)` (a 404 otherwise) and written
through people/services.py; a refusal comes back on the form and nothing changes."""

import mimetypes
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mandate.core.forms import SheetForm
from mandate.core.imports import ImportRefused
from mandate.org.models import Unit, User
from mandate.org.selectors import can_lead, led_units, memberships_of
from mandate.people import selectors, services, sheets
from mandate.people.forms_training import GapUnitForm, RequirementForm, TrainingFilter, TrainingForm
from mandate.people.models import Requirement, Subject, TrainingRecord, level_label

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _list_template(request, template: str) -> str:
    return f"{template}#rows" if request.htmx and not request.htmx.boosted else template


# Records ------------------------------------------------------------------------------


@login_required
@require_safe
def training_index(request):
    filters = TrainingFilter(request.GET, user=request.user)
    records = selectors.training_list(user=request.user, **filters.arguments())
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "query": request.GET.urlencode(),
        "can_keep": Unit.objects.editable_by(request.user).exists(),
    }
    return render(request, _list_template(request, "people/training_list.html"), context)


@login_required
@require_safe
def training_person(request, pk: int):
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    records = list(selectors.training_records(user=request.user).filter(person=person))
    held = selectors.held_levels(records=records)
    levels = [
        (label, level_label(subject, held[subject]))
        for subject, label in Subject.choices
        if subject in held
    ]
    context = {"person": person, "records": records, "levels": levels}
    return render(request, "people/training_person.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request):
    form = TrainingForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person, unit = form.person_and_unit()
        try:
            record = services.record_training(
                person=person,
                unit=unit,
                by=request.user,
                certificate=form.cleaned_data["certificate"],
                **form.training_fields(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The training record was saved."))
            return redirect("people:training-person", pk=record.person_id)
    return render(request, "people/training_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request, pk: int):
    record = get_object_or_404(
        TrainingRecord.objects.visible_to(request.user).select_related("person", "unit"), pk=pk
    )
    form = TrainingForm(
        request.POST or None, request.FILES or None, user=request.user, record=record
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_training(
                record=record,
                by=request.user,
                certificate=form.cleaned_data["certificate"],
                **form.training_fields(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The training record was saved."))
            return redirect("people:training-person", pk=record.person_id)
    return render(request, "people/training_form.html", {"form": form, "record": record})


@login_required
@require_POST
def training_delete(request, pk: int):
    record = get_object_or_404(TrainingRecord.objects.visible_to(request.user), pk=pk)
    try:
        services.delete_training(record=record, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The training record was deleted."))
    return redirect("people:training-person", pk=record.person_id)


@login_required
@require_safe
def training_certificate(request, pk: int):
    record = get_object_or_404(
        TrainingRecord.objects.visible_to(request.user).exclude(certificate=""), pk=pk
    )
    try:
        handle = record.certificate.open("rb")
    except FileNotFoundError as missing:  # the row outlived its file (a restore, a purge)
        raise Http404 from missing
    name = Path(record.certificate.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type.startswith("image/") or content_type == "application/pdf"
    return FileResponse(handle, as_attachment=not inline, filename=name, content_type=content_type)


# Excel --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def training_import(request):
    form = SheetForm(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            count = sheets.import_training(data=form.cleaned_data["file"].read(), by=request.user)
        except ImportRefused as error:
            refused = error
        else:
            message = ngettext(
                "%(count)s training record was imported.",
                "%(count)s training records were imported.",
                count,
            )
            messages.success(request, message % {"count": count})
            return redirect("people:training-index")
    return render(request, "people/training_import.html", {"form": form, "refused": refused})


@login_required
@require_safe
def training_template(request):
    return _xlsx(sheets.training_template(), "mau-nhap-dao-tao.xlsx")


@login_required
@require_safe
def training_export(request):
    filters = TrainingFilter(request.GET, user=request.user)
    records = selectors.training_list(user=request.user, **filters.arguments())
    return _xlsx(sheets.export_training(records), f"dao-tao-{timezone.localdate():%Y%m%d}.xlsx")


# Requirements -------------------------------------------------------------------------


@login_required
@require_safe
def requirement_list(request):
    requirements = Requirement.objects.visible_to(request.user).select_related("unit")
    context = {
        "requirements": requirements,
        "can_set": led_units(request.user).exists(),
    }
    return render(request, "people/requirement_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def requirement_create(request):
    if not led_units(request.user).exists():
        messages.error(request, _("Only a leader of a unit can set training requirements."))
        return redirect("people:requirement-list")
    form = RequirementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_requirement(
                unit=form.cleaned_data["unit"], by=request.user, **form.requirement_fields()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The requirement was saved."))
            return redirect("people:requirement-list")
    return render(request, "people/requirement_form.html", {"form": form})


# The gap report -----------------------------------------------------------------------


def _report_unit(request, form: GapUnitForm) -> Unit | None:
    if form.is_bound and form.is_valid() and form.cleaned_data["unit"]:
        return form.cleaned_data["unit"]
    first = memberships_of(user=request.user).first()
    return first.unit if first else form.fields["unit"].queryset.first()


@login_required
@require_safe
def training_gaps(request):
    form = GapUnitForm(request.GET or None, user=request.user)
    unit = _report_unit(request, form)
    today = timezone.localdate()
    found = selectors.gaps(unit=unit, user=request.user, as_of=today) if unit else []
    context = {
        "form": form,
        "unit": unit,
        "sections": selectors.gaps_by_requirement(found),
        "gap_count": len(found),
        "can_plan": unit is not None and can_lead(user=request.user, unit=unit),
        "years": [today.year, today.year + 1],
    }
    return render(request, "people/gaps.html", context)


def _pairs(values: list[str]) -> set[tuple[int, int]]:
    pairs = set()
    for value in values:
        person, _colon, requirement = value.partition(":")
        if person.isdigit() and requirement.isdigit():
            pairs.add((int(person), int(requirement)))
    return pairs


@login_required
@require_POST
def training_gaps_plan(request):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=request.POST.get("unit"))
    today = timezone.localdate()
    year = request.POST.get("year", "")
    year = int(year) if year in {str(today.year), str(today.year + 1)} else today.year
    back = f"{reverse('people:training-gaps')}?unit={unit.pk}"
    pairs = _pairs(request.POST.getlist("gap"))
    chosen = selectors.chosen_gaps(unit=unit, user=request.user, as_of=today, pairs=pairs)
    if not chosen:
        messages.warning(request, _("Tick the gaps to put into the training plan."))
        return redirect(back)
    try:
        tasks = services.plan_training(unit=unit, year=year, gaps=chosen, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    message = ngettext(
        "%(count)s training task was made for %(year)s.",
        "%(count)s training tasks were made for %(year)s.",
        len(tasks),
    ) % {"count": len(tasks), "year": year}
    link = reverse("work:unit-tasks", kwargs={"pk": unit.pk})
    messages.success(
        request, format_html('{} <a href="{}">{}</a>', message, link, _("See the tasks"))
    )
    return redirect(back)
