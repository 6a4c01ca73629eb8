"""The JSON face of the communication calendar and its campaigns.

Observances and their yearly occurrences are public calendar facts, the same for every
signed-in user. Campaigns are unit-owned: each comes through `visible_to(request.auth)`
(404 outside the caller's units) and every write goes through `observances.services`,
which checks who may plan, launch, acknowledge, close or cancel (422 when refused).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from mandate.core.api import CHOICE_ERROR, ErrorOut, pick, pick_many
from mandate.directives.models import Document
from mandate.observances import selectors, services
from mandate.observances.calendar import FIRST_YEAR, LAST_YEAR
from mandate.observances.models import Campaign, CampaignTemplate, Observance
from mandate.observances.schemas import (
    ERRORS,
    CampaignActionIn,
    CampaignDetailOut,
    CampaignFilters,
    CampaignIn,
    CampaignOut,
    ObservanceFilters,
    ObservanceOut,
    OccurrenceFilters,
    OccurrenceOut,
)
from mandate.org.models import Unit, User

router = Router()
ACTIONS = ("launch", "acknowledge", "close", "cancel")
# The services name the objects; the API names their ids.
API_FIELDS = {"template": "template_id", "guidance": "guidance_id"}


# The calendar ------------------------------------------------------------------------


@router.get("/observances", response=list[ObservanceOut], tags=["calendar"])
def observance_list(request, filters: Query[ObservanceFilters]):
    """Every observance in use: national days, and the units' local anniversaries."""
    observances = Observance.objects.filter(is_active=True).select_related("owner_unit")
    if filters.level:
        observances = observances.filter(level=filters.level)
    if filters.calendar:
        observances = observances.filter(calendar=filters.calendar)
    return observances


@router.get("/occurrences", response={200: list[OccurrenceOut], 422: ErrorOut}, tags=["calendar"])
def occurrence_list(request, filters: Query[OccurrenceFilters]):
    """A year's observances on their Gregorian dates (lunar ones converted), by date,
    with the anniversary each one marks."""
    year = filters.year or timezone.localdate().year
    _check_year(year)
    return selectors.year_occurrences(year, level=filters.level or "")


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        message = _("Choose a year between %(first)s and %(last)s.")
        raise ValidationError({"year": message % {"first": FIRST_YEAR, "last": LAST_YEAR}})


# Campaigns ---------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut], tags=["campaigns"])
@paginate(PageNumberPagination, page_size=50)
def campaign_list(request, filters: Query[CampaignFilters]):
    """The campaigns the caller may read: their units', and those of the units above."""
    return selectors.campaigns_for(request.auth, year=filters.year, status=filters.status or "")


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignDetailOut, 404: ErrorOut},
    tags=["campaigns"],
)
def campaign_detail(request, campaign_id: int):
    return _campaign(request.auth, campaign_id)


@router.post("/campaigns", response={201: CampaignDetailOut, 422: ErrorOut}, tags=["campaigns"])
def campaign_create(request, payload: CampaignIn):
    """Plan a campaign as a draft; with `launch`, also write the target units' tasks.
    A launch that fails leaves no draft behind."""
    user = request.auth
    occasion = _occasion(payload)
    unit = pick(Unit.objects.visible_to(user), payload.unit_id, field="unit_id")
    targets = pick_many(
        Unit.objects.visible_to(user), payload.target_unit_ids, field="target_unit_ids"
    )
    template = pick(CampaignTemplate.objects.all(), payload.template_id, field="template_id")
    guidance = pick(Document.objects.visible_to(user), payload.guidance_id, field="guidance_id")
    try:
        campaign = services.create_campaign(
            unit=unit,
            by=user,
            target_units=targets,
            template=template,
            guidance=guidance,
            launch=payload.launch,
            **occasion,
        )
    except ValidationError as error:
        raise _in_api_fields(error) from error
    return Status(201, _campaign(user, campaign.pk))


@router.post(
    "/campaigns/{campaign_id}/{action}",
    response={200: CampaignDetailOut, **ERRORS},
    tags=["campaigns"],
    description=(
        "Move the campaign on: `launch` (write every target unit's tasks and tell the "
        "units), `acknowledge` (a target unit's leader or officer confirms receiving the "
        "guidance: `unit_id`, an optional `note`), `close` (with a `summary` of the "
        "results), `cancel` (with a `reason`; unfinished tasks are cancelled). Another "
        "action is a 404. A move the campaign's status does not allow, or one the caller "
        "may not make, is a 422. The answer is the campaign as it now is."
    ),
)
def campaign_action(request, campaign_id: int, action: str, payload: CampaignActionIn):
    user = request.auth
    campaign = get_object_or_404(Campaign.objects.visible_to(user), pk=campaign_id)
    match action:
        case "launch":
            services.launch_campaign(campaign=campaign, by=user)
        case "acknowledge":
            services.acknowledge(
                campaign=campaign, unit=_acknowledging(user, payload), by=user, note=payload.note
            )
        case "close":
            services.close_campaign(campaign=campaign, by=user, summary=payload.summary)
        case "cancel":
            services.cancel_campaign(campaign=campaign, by=user, reason=payload.reason)
        case _:
            raise Http404
    return _campaign(user, campaign.pk)


def _occasion(payload: CampaignIn) -> dict:
    """The service's arguments naming what is celebrated: an occurrence or a one-off event."""
    if payload.observance_id is not None and payload.observance_key:
        message = _("Give the observance by its id or by its key, not both.")
        raise ValidationError({"observance_key": message})
    if payload.observance_key:
        observance = Observance.objects.filter(key=payload.observance_key).first()
        if observance is None:
            raise ValidationError({"observance_key": _(CHOICE_ERROR)})
    else:
        observance = pick(Observance.objects.all(), payload.observance_id, field="observance_id")
    if observance is None:
        return {"title": payload.title, "event_on": payload.event_on}
    if payload.event_on is not None:
        message = _("Leave the date out: it follows from the observance and the year.")
        raise ValidationError({"event_on": message})
    if payload.year is not None:
        _check_year(payload.year)
    return {"observance": observance, "year": payload.year, "title": payload.title}


def _acknowledging(user: User, payload: CampaignActionIn) -> Unit:
    if payload.unit_id is None:
        raise ValidationError({"unit_id": _("This field is required.")})
    return pick(Unit.objects.visible_to(user), payload.unit_id, field="unit_id")


def _in_api_fields(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {API_FIELDS.get(field, field): errors for field, errors in error.error_dict.items()}
    )


def _campaign(user: User, campaign_id: int) -> Campaign:
    """The campaign with the target units the user may read, their progress as of today,
    and the totals over those rows."""
    campaign = get_object_or_404(
        selectors.campaigns_for(user).select_related("template"), pk=campaign_id
    )
    campaign.as_of = timezone.localdate()
    campaign.progress_rows = selectors.campaign_progress(campaign, user=user, as_of=campaign.as_of)
    campaign.totals = selectors.campaign_totals(campaign.progress_rows)
    readable = Document.objects.visible_to(user).filter(pk=campaign.guidance_id).exists()
    campaign.visible_guidance = campaign.guidance if readable else None
    campaign.acknowledgeable_units = [
        target.unit for target in selectors.acknowledgeable_targets(campaign, user)
    ]
    return campaign
