"""The campaign pages: the list, planning a campaign, one campaign with each target unit's
progress, the moves on it, and the templates campaigns are planned from.

Campaigns are fetched through `visible_to(request.user)` (a 404 otherwise) and written
through services.py; a refusal from a service comes back on the form, in the reader's
language, and nothing changes. Templates are province-wide plans, read by everyone and
edited in the administration.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mandate.core.forms import add_service_errors
from mandate.directives.models import Document
from mandate.observances import selectors, services
from mandate.observances.forms import ACTION_FORMS, CampaignFilter, CampaignForm
from mandate.observances.models import Campaign, CampaignTemplate, Observance
from mandate.org.models import Unit
from mandate.org.selectors import can_lead
from mandate.work.models import Bucket, Task
from mandate.work.selectors import bucket_rows

PAGE_SIZE = 25


def _list_template(request, template: str) -> str:
    return f"{template}#rows" if request.htmx and not request.htmx.boosted else template


@login_required
@require_safe
def campaign_list(request):
    filters = CampaignFilter(request.GET)
    campaigns = selectors.campaigns_for(request.user, **filters.arguments())
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    for campaign in page:
        campaign.anniversary_label = selectors.anniversary_label(campaign)
    context = {
        "filters": filters,
        "page": page,
        "can_plan": selectors.can_plan_campaigns(request.user),
    }
    return render(request, _list_template(request, "observances/campaign_list.html"), context)


# Planning ----------------------------------------------------------------------------------


def _prefill(request) -> dict:
    """?observance=<key>&year=<year>, as the calendar's "Plan a campaign" links give."""
    observance = Observance.objects.filter(
        key=request.GET.get("observance", ""), is_active=True
    ).first()
    if observance is None:
        return {}
    initial = {"occasion": CampaignForm.OBSERVANCE, "observance": observance}
    if request.GET.get("year", "").isdigit():
        initial["year"] = int(request.GET["year"])
    return initial


@login_required
def campaign_create(request):
    form = CampaignForm(request.POST or None, user=request.user, initial=_prefill(request))
    if request.method == "POST" and form.is_valid():
        launch = "launch" in request.POST
        try:
            campaign = services.create_campaign(**form.arguments(), by=request.user, launch=launch)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The campaign was launched: every target unit has its tasks.")
                if launch
                else _("The campaign was saved as a draft."),
            )
            return redirect("observances:campaign-detail", pk=campaign.pk)
    context = {"form": form, "can_plan": selectors.can_plan_campaigns(request.user)}
    return render(request, "observances/campaign_form.html", context)


# One campaign ------------------------------------------------------------------------------


def _campaign(request, pk: int) -> Campaign:
    visible_documents = Document.objects.visible_to(request.user)
    campaigns = (
        Campaign.objects.visible_to(request.user)
        .select_related("unit", "observance", "template", "guidance__document_type", "created_by")
        .annotate(guidance_visible=Exists(visible_documents.filter(pk=OuterRef("guidance_id"))))
    )
    return get_object_or_404(campaigns, pk=pk)


def _action_forms(request, campaign: Campaign, leads: bool) -> dict:
    """The moves this user may make now; the services decide, these only offer."""
    status, names = campaign.status, []
    if leads and status == Campaign.Status.DRAFT:
        names += ["launch", "targets", "cancel"]
    if status == Campaign.Status.LAUNCHED:
        names.append("acknowledge")
        if leads:
            names += ["targets", "close", "cancel"]
    forms = {name: ACTION_FORMS[name](campaign=campaign, user=request.user) for name in names}
    if "acknowledge" in forms and not forms["acknowledge"].units:
        del forms["acknowledge"]
    return forms


def _campaign_page(request, campaign: Campaign, *, bound=None):
    """The campaign page; `bound` is the move just posted, with its errors and input."""
    today = timezone.localdate()
    leads = can_lead(user=request.user, unit=campaign.unit)
    forms = _action_forms(request, campaign, leads)
    if bound is not None:
        forms[bound.action] = bound
    progress = selectors.campaign_progress(campaign, user=request.user, as_of=today)
    totals = selectors.campaign_totals(progress)
    tasks = (
        Task.objects.visible_to(request.user)
        .filter(campaign=campaign)
        .select_related("lead_unit")
        .order_by("due_on", "lead_unit__search_text", "pk")
    )
    context = {
        "campaign": campaign,
        "anniversary_label": selectors.anniversary_label(campaign),
        "today": today,
        "action_forms": forms,
        "totals": totals,
        "buckets": bucket_rows(totals),
        "rows": [(row, [row.buckets[bucket] for bucket in Bucket.values]) for row in progress],
        "tasks": Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page")),
        "evidence": selectors.campaign_evidence(campaign, user=request.user),
        # The preview names every target unit: only for the organisers, who read them all.
        "planned": _planned(campaign, today) if leads else [],
    }
    return render(request, "observances/campaign_detail.html", context)


def _planned(campaign: Campaign, today) -> list:
    if campaign.status != Campaign.Status.DRAFT:
        return []
    planned = services.planned_tasks(campaign, launched_on=today)
    return sorted(planned, key=lambda item: (item.due_on, item.step.pk))


@login_required
@require_safe
def campaign_detail(request, pk: int):
    return _campaign_page(request, _campaign(request, pk))


SERVICES = {
    "launch": services.launch_campaign,
    "acknowledge": services.acknowledge,
    "targets": services.set_targets,
    "close": services.close_campaign,
    "cancel": services.cancel_campaign,
}


@login_required
@require_POST
def campaign_action(request, pk: int, action: str):
    campaign = _campaign(request, pk)
    if action not in ACTION_FORMS:
        raise Http404
    form = ACTION_FORMS[action](request.POST, campaign=campaign, user=request.user)
    if form.is_valid():
        try:
            SERVICES[action](campaign=campaign, by=request.user, **form.arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _done_message(action))
            return redirect("observances:campaign-detail", pk=campaign.pk)
    messages.error(request, _("Nothing was changed: see the message by the form."))
    return _campaign_page(request, campaign, bound=form)


def _done_message(action: str) -> str:
    return {
        "launch": lambda: _("The campaign was launched: every target unit has its tasks."),
        "acknowledge": lambda: _("The guidance was acknowledged."),
        "targets": lambda: _("The target units were saved."),
        "close": lambda: _("The campaign was closed with its results."),
        "cancel": lambda: _("The campaign was called off; its unfinished tasks are cancelled."),
    }[action]()


# Templates ---------------------------------------------------------------------------------


@login_required
@require_safe
def template_list(request):
    templates = (
        CampaignTemplate.objects.select_related("observance")
        .annotate(step_count=Count("steps"))
        .order_by("-is_active", "name")
    )
    return render(request, "observances/template_list.html", {"plans": templates})


@login_required
@require_safe
def template_detail(request, pk: int):
    plan = get_object_or_404(CampaignTemplate.objects.select_related("observance"), pk=pk)
    steps = list(plan.steps.all())
    kinds = dict(Unit.Kind.choices)
    for step in steps:
        step.kind_labels = [kinds.get(kind, kind) for kind in step.unit_kinds or []]
        step.distance = abs(step.offset_days)
    context = {"plan": plan, "steps": steps}
    return render(request, "observances/template_detail.html", context)
