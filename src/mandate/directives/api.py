"""The JSON face of guiding documents: search, read, register, amend, schedule reviews.

Every object comes through `visible_to(request.auth)` (404 outside the caller's units);
every write goes through `directives.services`, which checks `editable_by`.
"""

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from mandate.core.api import ErrorOut, UnitRef, pick, refuse_nulls
from mandate.directives import selectors, services
from mandate.directives.models import Document, DocumentType, Profile, ReviewMilestone
from mandate.org.models import Unit

router = Router(tags=["documents"])

# Pydantic turns these into OpenAPI enums; Django's TextChoices keep the source of truth.
DocumentStatus = Literal[tuple(Document.Status.values)]
ProfileCode = Literal[tuple(Profile.values)]
MilestoneKind = Literal[tuple(ReviewMilestone.Kind.values)]


class DocumentRef(Schema):
    id: int
    symbol: str
    title: str


# Schemas ----------------------------------------------------------------------------


class DocumentTypeOut(Schema):
    id: int
    profile: ProfileCode
    code: str
    name: str


class DocumentOut(Schema):
    id: int
    symbol: str
    display_number: str
    document_type: DocumentTypeOut
    unit: UnitRef
    issuer: str
    issued_on: datetime.date
    effective_on: datetime.date | None
    title: str
    summary: str
    status: DocumentStatus
    replaced_by_id: int | None
    updated_at: datetime.datetime


class MilestoneOut(Schema):
    id: int
    kind: MilestoneKind
    title: str
    due_on: datetime.date
    responsible_unit: UnitRef
    done_on: datetime.date | None
    repeat_every_months: int | None


class DocumentFileOut(Schema):
    id: int
    name: str
    size: int
    content_type: str


class DocumentDetailOut(DocumentOut):
    body: str
    milestones: list[MilestoneOut] = Field(alias="milestone_rows")
    files: list[DocumentFileOut] = Field(alias="file_rows")


class DocumentFilters(Schema):
    q: str = Field("", description="Words of the number, title or text; accents are ignored.")
    document_type: str | None = Field(None, description="Type abbreviation, e.g. CT or KH.")
    profile: ProfileCode | None = None
    status: DocumentStatus | None = None
    year: int | None = Field(None, description="Year of issue.")


class DocumentIn(Schema):
    unit_id: int = Field(description="The unit that keeps the document.")
    document_type_id: int
    symbol: str = Field(description="Number and symbol, e.g. 35-CT/TW or 12/KH-UBND.")
    issuer: str
    issued_on: datetime.date
    title: str
    effective_on: datetime.date | None = None
    summary: str = ""
    body: str = ""


class DocumentPatch(Schema):
    """Only the fields sent are changed."""

    document_type_id: int | None = None
    symbol: str | None = None
    issuer: str | None = None
    issued_on: datetime.date | None = None
    effective_on: datetime.date | None = None
    title: str | None = None
    summary: str | None = None
    body: str | None = None
    status: DocumentStatus | None = None
    replaced_by_id: int | None = None


class MilestoneIn(Schema):
    kind: MilestoneKind
    due_on: datetime.date
    responsible_unit_id: int
    title: str = ""
    repeat_every_months: int | None = Field(None, ge=1, le=120)


# Routes -----------------------------------------------------------------------------

ERRORS = {404: ErrorOut, 422: ErrorOut}


@router.get("/documents", response=list[DocumentOut])
@paginate(PageNumberPagination, page_size=50)
def document_list(request, filters: Query[DocumentFilters]):
    documents = selectors.documents_for(user=request.auth).search(filters.q)
    if filters.document_type is not None:
        documents = documents.filter(document_type__code=filters.document_type)
    if filters.profile:
        documents = documents.filter(document_type__profile=filters.profile)
    if filters.status:
        documents = documents.filter(status=filters.status)
    if filters.year:
        documents = documents.filter(issued_on__year=filters.year)
    return documents


@router.get("/document-types", response=list[DocumentTypeOut])
def document_type_list(request):
    return selectors.guiding_types()


@router.get("/documents/{document_id}", response={200: DocumentDetailOut, 404: ErrorOut})
def document_detail(request, document_id: int):
    return _detail(request, document_id)


@router.post("/documents", response={201: DocumentDetailOut, 422: ErrorOut})
def document_create(request, payload: DocumentIn):
    user = request.auth
    data = payload.dict()
    unit = pick(Unit.objects.visible_to(user), data.pop("unit_id"), field="unit_id")
    document_type = pick(
        DocumentType.objects.all(), data.pop("document_type_id"), field="document_type_id"
    )
    document = services.register_document(
        unit=unit,
        data=services.DocumentData(document_type=document_type, **data),
        by=user,
    )
    return Status(201, _detail(request, document.pk))


@router.patch("/documents/{document_id}", response={200: DocumentDetailOut, **ERRORS})
def document_edit(request, document_id: int, payload: DocumentPatch):
    user = request.auth
    document = get_object_or_404(selectors.documents_for(user=user), pk=document_id)
    changes = payload.dict(exclude_unset=True)
    refuse_nulls(changes, nullable={"effective_on", "replaced_by_id"})
    if "document_type_id" in changes:
        changes["document_type"] = pick(
            DocumentType.objects.all(), changes.pop("document_type_id"), field="document_type_id"
        )
    if "replaced_by_id" in changes:
        changes["replaced_by"] = pick(
            Document.objects.visible_to(user), changes.pop("replaced_by_id"), field="replaced_by_id"
        )
    services.update_document(document=document, by=user, **changes)
    return _detail(request, document.pk)


@router.post("/documents/{document_id}/milestones", response={201: MilestoneOut, **ERRORS})
def milestone_create(request, document_id: int, payload: MilestoneIn):
    user = request.auth
    document = get_object_or_404(Document.objects.visible_to(user), pk=document_id)
    data = payload.dict()
    unit = pick(
        Unit.objects.visible_to(user), data.pop("responsible_unit_id"), field="responsible_unit_id"
    )
    milestone = services.add_milestone(document=document, responsible_unit=unit, by=user, **data)
    return Status(201, milestone)


def _detail(request, document_id: int) -> Document:
    document = get_object_or_404(selectors.documents_for(user=request.auth), pk=document_id)
    document.milestone_rows = list(selectors.milestones_of(document=document))
    document.file_rows = list(document.files.all())
    return document
