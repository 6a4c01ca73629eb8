"""Decisions and their documents, the register of awards (of a person, of a unit),
revocation, and the conditions (discipline, complaint, inspection) that block an award.

Everything is fetched through `visible_to(request.user)` (a 404 otherwise) and written
through services.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mandate.core.forms import add_service_errors
from mandate.honours import documents, selectors, services
from mandate.honours.forms_council import ConditionForm, EndConditionForm, RevokeForm
from mandate.honours.models import Award, BlockingCondition, Decision
from mandate.org.models import Unit, User
from mandate.org.selectors import can_lead

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_SIZE = 50


def _decision(request, pk: int) -> Decision:
    decisions = Decision.objects.visible_to(request.user).select_related("round__unit")
    return get_object_or_404(decisions, pk=pk)


@login_required
@require_safe
def decision_detail(request, pk: int):
    decision = _decision(request, pk)
    awards = (
        Award.objects.visible_to(request.user)
        .filter(decision=decision)
        .select_related("title", "person", "unit")
        .order_by("title__sort_order", "person__search_text", "unit__search_text")
    )
    context = {
        "decision": decision,
        "awards": awards,
        "total": decision.awards.count(),
        "leads": can_lead(user=request.user, unit=decision.round.unit),
    }
    return render(request, "honours/decision_detail.html", context)


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


def _file_name(prefix: str, decision: Decision) -> str:
    # slugify drops Đ (it has no decomposition): spell it D, as file names usually do.
    number = decision.number.replace("/", "-").replace("Đ", "D").replace("đ", "d")
    return f"{prefix}-{slugify(number) or decision.pk}"


@login_required
@require_safe
def decision_docx(request, pk: int):
    decision = _decision(request, pk)
    return _docx(documents.decision_docx(decision), _file_name("quyet-dinh", decision))


@login_required
@require_safe
def decision_certificates(request, pk: int):
    decision = _decision(request, pk)
    try:
        content = documents.certificates_docx(decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("honours:decision-detail", pk=decision.pk)
    return _docx(content, _file_name("giay-chung-nhan", decision))


# The register --------------------------------------------------------------------------


def _by_year(awards) -> list[tuple[int, list[Award]]]:
    years: dict[int, list[Award]] = {}
    for award in awards:
        years.setdefault(award.year, []).append(award)
    return list(years.items())


@login_required
@require_safe
def register_person(request, pk: int):
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    awards = selectors.awards_of_person(person=person, user=request.user).select_related(
        "decision__round__unit"
    )
    context = {
        "person": person,
        "years": _by_year(awards),
        "revoke_form": RevokeForm(),
    }
    return render(request, "honours/register_person.html", context)


@login_required
@require_safe
def register_unit(request, pk: int):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    awards = selectors.awards_of_unit(unit=unit, user=request.user, with_members=True)
    context = {
        "unit": unit,
        "collective": [award for award in awards if award.person_id is None],
        "page": Paginator(awards.filter(person__isnull=False), PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
    }
    return render(request, "honours/register_unit.html", context)


@login_required
@require_POST
def award_revoke(request, pk: int):
    award = get_object_or_404(Award.objects.visible_to(request.user), pk=pk)
    form = RevokeForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"reason": "", "reference": ""}
    try:
        services.revoke(award=award, **data, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The award was revoked."))
    if award.person_id:
        return redirect("honours:register-person", pk=award.person_id)
    return redirect("honours:register-unit", pk=award.unit_id)


# Blocking conditions -------------------------------------------------------------------


@login_required
def condition_list(request):
    form = ConditionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_blocking_condition(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The condition was recorded."))
            return redirect("honours:condition-list")
    conditions = selectors.blocking_conditions_for(user=request.user)
    page = Paginator(conditions, PAGE_SIZE).get_page(request.GET.get("page"))
    editable = set(
        BlockingCondition.objects.editable_by(request.user)
        .filter(pk__in=[condition.pk for condition in page])
        .values_list("pk", flat=True)
    )
    context = {
        "page": page,
        "form": form,
        "can_record": form.fields["unit"].queryset.exists(),
        "editable": editable,
        "today": timezone.localdate(),
    }
    return render(request, "honours/condition_list.html", context)


@login_required
@require_POST
def condition_end(request, pk: int):
    condition = get_object_or_404(BlockingCondition.objects.visible_to(request.user), pk=pk)
    form = EndConditionForm(request.POST)
    if form.is_valid():
        try:
            services.end_blocking_condition(
                condition=condition, ends_on=form.cleaned_data["ends_on"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The condition was ended."))
    else:
        messages.error(request, _("Give the date the condition ended."))
    return redirect("honours:condition-list")
