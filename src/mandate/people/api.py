"""The JSON face of training records, requirements, gaps and good models.

Training records and requirements are unit-owned: each comes through
`visible_to(request.auth)` (404 outside the caller's units). A good model is read by its
origin unit's readers until it is recognised, then by the whole province. Every write
goes through `people.services`, which checks who may make it (422 when refused).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from mandate.core.api import ErrorOut, pick, pick_many
from mandate.org.models import Locality, Unit, User
from mandate.people import selectors, services
from mandate.people.models import Practice, Requirement
from mandate.people.schemas import (
    ERRORS,
    GapFilters,
    GapOut,
    PracticeActionIn,
    PracticeDetailOut,
    PracticeFilters,
    PracticeIn,
    PracticeOut,
    RequirementFilters,
    RequirementOut,
    TrainingRecordDetailOut,
    TrainingRecordFilters,
    TrainingRecordIn,
    TrainingRecordOut,
)

router = Router()


# Training records, requirements and gaps -------------------------------------------


@router.get("/training-records", response=list[TrainingRecordOut], tags=["training"])
@paginate(PageNumberPagination, page_size=50)
def training_record_list(request, filters: Query[TrainingRecordFilters]):
    """The records kept by the caller's units and the units below them."""
    records = selectors.training_records(user=request.auth)
    if filters.unit_id is not None:
        records = records.filter(unit_id=filters.unit_id)
    if filters.subject:
        records = records.filter(subject=filters.subject)
    if filters.person_id is not None:
        records = records.filter(person_id=filters.person_id)
    return records


@router.get(
    "/training-records/{record_id}",
    response={200: TrainingRecordDetailOut, 404: ErrorOut},
    tags=["training"],
)
def training_record_detail(request, record_id: int):
    return get_object_or_404(selectors.training_records(user=request.auth), pk=record_id)


@router.post(
    "/training-records", response={201: TrainingRecordDetailOut, **ERRORS}, tags=["training"]
)
def training_record_create(request, payload: TrainingRecordIn):
    user = request.auth
    person = pick(User.objects.visible_to(user), payload.person_id, field="person_id")
    unit = pick(Unit.objects.visible_to(user), payload.unit_id, field="unit_id")
    fields = payload.dict(exclude={"person_id", "unit_id"})
    record = services.record_training(person=person, unit=unit, by=user, **fields)
    return Status(201, get_object_or_404(selectors.training_records(user=user), pk=record.pk))


@router.get("/requirements", response=list[RequirementOut], tags=["training"])
@paginate(PageNumberPagination, page_size=50)
def requirement_list(request, filters: Query[RequirementFilters]):
    """The requirements of the caller's units, of the units above them and below them."""
    requirements = Requirement.objects.visible_to(request.auth).select_related("unit")
    if filters.subject:
        requirements = requirements.filter(subject=filters.subject)
    if filters.active is not None:
        requirements = requirements.filter(is_active=filters.active)
    return requirements


@router.get("/gaps", response={200: list[GapOut], 422: ErrorOut}, tags=["training"])
def gap_list(request, filters: Query[GapFilters]):
    """Who in the unit (and the units below it) misses a level their position requires;
    without a unit, in each of the caller's own units."""
    user = request.auth
    as_of = filters.as_of or timezone.localdate()
    if filters.unit_id is None:
        units = _own_units(user)
    else:
        units = [pick(Unit.objects.visible_to(user), filters.unit_id, field="unit_id")]
    return [gap for unit in units for gap in selectors.gaps(unit=unit, user=user, as_of=as_of)]


def _own_units(user: User) -> list[Unit]:
    """The units the user belongs to, leaving out those within another of them."""
    units = list(
        Unit.objects.visible_to(user)
        .filter(memberships__user=user, memberships__is_active=True)
        .distinct()
    )
    return [unit for unit in units if not any(o != unit and unit.is_within(o) for o in units)]


# Good models -------------------------------------------------------------------------


@router.get("/practices", response=list[PracticeOut], tags=["good models"])
@paginate(PageNumberPagination, page_size=50)
def practice_list(request, filters: Query[PracticeFilters]):
    """The recognised models of the whole province, and the caller's units' own."""
    practices = selectors.practices(user=request.auth).search(filters.q)
    if filters.category:
        practices = practices.filter(category=filters.category)
    if filters.status:
        practices = practices.filter(status=filters.status)
    if filters.locality_id is not None:
        practices = practices.filter(locality_id=filters.locality_id)
    return practices


@router.get(
    "/practices/{practice_id}", response={200: PracticeDetailOut, **ERRORS}, tags=["good models"]
)
def practice_detail(request, practice_id: int):
    return _practice(request.auth, practice_id)


@router.post("/practices", response={201: PracticeDetailOut, **ERRORS}, tags=["good models"])
def practice_create(request, payload: PracticeIn):
    """Propose a good model of one of the caller's units."""
    user = request.auth
    unit = pick(Unit.objects.visible_to(user), payload.origin_unit_id, field="origin_unit_id")
    locality = pick(Locality.objects.all(), payload.locality_id, field="locality_id")
    fields = payload.dict(exclude={"origin_unit_id", "locality_id"})
    practice = services.propose_practice(origin_unit=unit, by=user, locality=locality, **fields)
    return Status(201, _practice(user, practice.pk))


@router.post(
    "/practices/{practice_id}/{action}",
    response={200: PracticeDetailOut, **ERRORS},
    tags=["good models"],
    description=(
        "Move the good model on: `review` and `recognise` (with an optional `note`) by a "
        "leader of its origin unit or of a unit above it; `adopt` records that a unit "
        "(`unit_id`) took it up on `adopted_on`, with its `adaptation` and `results`; `ask` "
        "gives units the caller leads (`unit_ids`) a task to replicate a recognised model "
        "by `due_on`. Another action is a 404; a move the caller may not make is a 422. "
        "The answer is the model as it now is."
    ),
)
def practice_action(request, practice_id: int, action: str, payload: PracticeActionIn):
    user = request.auth
    practice = get_object_or_404(Practice.objects.visible_to(user), pk=practice_id)
    units = Unit.objects.visible_to(user)
    match action:
        case "review":
            services.review_practice(practice=practice, by=user)
        case "recognise":
            services.recognise_practice(practice=practice, by=user, note=payload.note)
        case "adopt":
            services.record_replication(
                practice=practice,
                unit=_required(pick(units, payload.unit_id, field="unit_id"), "unit_id"),
                by=user,
                adopted_on=_required(payload.adopted_on, "adopted_on"),
                adaptation=payload.adaptation,
                results=payload.results,
            )
        case "ask":
            services.ask_to_replicate(
                practice=practice,
                units=pick_many(units, payload.unit_ids, field="unit_ids"),
                due_on=_required(payload.due_on, "due_on"),
                by=user,
            )
        case _:
            raise Http404
    return _practice(user, practice.pk)


def _required(value, field: str):
    if value is None:
        raise ValidationError({field: _("This field is required.")})
    return value


def _practice(user: User, practice_id: int) -> Practice:
    """The model with its files and the replications the user may read."""
    practice = get_object_or_404(selectors.practices(user=user), pk=practice_id)
    practice.file_rows = list(practice.files.all())
    practice.replication_rows = list(selectors.spread(practice=practice, user=user))
    return practice
