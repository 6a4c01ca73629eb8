"""Every write to guiding documents, their numbers, files and review milestones."""

import datetime
import mimetypes
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mandate.core.uploads import check_upload
from mandate.directives import numbering
from mandate.directives.models import (
    Document,
    DocumentFile,
    DocumentType,
    IssuerProfile,
    NumberSeries,
    Profile,
    ReviewMilestone,
)
from mandate.org.models import Unit, User


@dataclass(frozen=True)
class DocumentData:
    document_type: DocumentType
    symbol: str
    issuer: str
    issued_on: datetime.date
    title: str
    effective_on: datetime.date | None = None
    summary: str = ""
    body: str = ""


def _editable_unit(unit: Unit, by: User) -> None:
    if not Unit.objects.editable_by(by).filter(pk=unit.pk).exists():
        raise ValidationError(_("You cannot register documents for this unit."))


@transaction.atomic
def register_document(*, unit: Unit, data: DocumentData, by: User) -> Document:
    """Register a document issued elsewhere (or earlier), checking its number's notation."""
    _editable_unit(unit, by)
    symbol = numbering.normalise(data.symbol)
    numbering.parse(symbol, profile=data.document_type.profile, type_code=data.document_type.code)
    document = Document(unit=unit, created_by=by, **{**data.__dict__, "symbol": symbol})
    document.full_clean()
    document._history_user = by
    document.save()
    return document


def issuing_profile(
    *, unit: Unit, on: datetime.date, climb_through: set[str] | None = None
) -> IssuerProfile | None:
    """The profile in force on `on` of the unit or, failing one, of the nearest unit above
    it, climbing only out of units of the kinds in `climb_through` (every kind when None):
    the annual review climbs out of divisions only, a decision out of any unit."""
    current: Unit | None = unit
    while current is not None:
        try:
            return issuer_profile(unit=current, on=on)
        except ValidationError:
            if climb_through is not None and current.kind not in climb_through:
                return None
            current = current.parent
    return None


def issuer_profile(*, unit: Unit, on: datetime.date) -> IssuerProfile:
    profile = (
        IssuerProfile.objects.dangerously_unscoped()
        .filter(unit=unit, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-valid_from")
        .first()
    )
    if profile is None:
        raise ValidationError(
            _("%(unit)s has no issuer profile valid on %(date)s.")
            % {"unit": unit, "date": on.strftime("%d/%m/%Y")}
        )
    return profile


def _series_for(unit: Unit, document_type: DocumentType, on: datetime.date) -> NumberSeries:
    """Party: one series per type per committee term. State: one per calendar year."""
    profile = issuer_profile(unit=unit, on=on)
    if profile.profile != document_type.profile:
        raise ValidationError(_("This document type belongs to the other profile."))
    if profile.profile == Profile.PARTY:
        start = profile.term_starts_on or profile.valid_from
        series_type, end = document_type, None
    else:
        start, end = datetime.date(on.year, 1, 1), datetime.date(on.year, 12, 31)
        series_type = None
    series, _created = NumberSeries.objects.get_or_create(
        unit=unit,
        profile=profile.profile,
        document_type=series_type,
        period_start=start,
        defaults={"period_end": end},
    )
    return series


@transaction.atomic
def issue_document(
    *,
    unit: Unit,
    document_type: DocumentType,
    issued_on: datetime.date,
    title: str,
    summary: str = "",
    body: str = "",
    by: User,
) -> Document:
    """A document the unit issues itself: the next number of its series, never reused."""
    _editable_unit(unit, by)
    profile = issuer_profile(unit=unit, on=issued_on)
    series = NumberSeries.objects.select_for_update().get(
        pk=_series_for(unit, document_type, issued_on).pk
    )
    series.last_number += 1
    series.save(update_fields=["last_number"])
    symbol = numbering.compose(
        profile=profile.profile,
        number=series.last_number,
        type_code=document_type.code,
        abbreviation=profile.abbreviation,
    )
    document = Document(
        unit=unit,
        document_type=document_type,
        symbol=symbol,
        number=series.last_number,
        series=series,
        issuer=profile.issuer_name,
        issued_on=issued_on,
        title=title,
        summary=summary,
        body=body,
        created_by=by,
    )
    document.full_clean()
    document._history_user = by
    document.save()
    return document


@transaction.atomic
def update_document(*, document: Document, by: User, **changes) -> Document:
    _editable_unit(document.unit, by)
    if "symbol" in changes:
        changes["symbol"] = numbering.normalise(changes["symbol"])
    for field, value in changes.items():
        setattr(document, field, value)
    numbering.parse(
        document.symbol,
        profile=document.document_type.profile,
        type_code=document.document_type.code,
    )
    if document.status == Document.Status.REPLACED and document.replaced_by is None:
        raise ValidationError({"replaced_by": _("Say which document replaces this one.")})
    if document.replaced_by_id == document.pk:
        raise ValidationError({"replaced_by": _("A document cannot replace itself.")})
    document.full_clean()
    document._history_user = by
    document.save()
    return document


@transaction.atomic
def attach_file(*, document: Document, upload, by: User) -> DocumentFile:
    _editable_unit(document.unit, by)
    content_type = check_upload(upload)
    return DocumentFile.objects.create(
        document=document,
        file=upload,
        name=upload.name[:255],
        size=upload.size,
        content_type=content_type or mimetypes.guess_type(upload.name)[0] or "",
        uploaded_by=by,
    )


@transaction.atomic
def add_milestone(
    *,
    document: Document,
    kind: str,
    due_on: datetime.date,
    responsible_unit: Unit,
    title: str = "",
    repeat_every_months: int | None = None,
    by: User,
) -> ReviewMilestone:
    _editable_unit(document.unit, by)
    milestone = ReviewMilestone(
        document=document,
        kind=kind,
        due_on=due_on,
        title=title,
        responsible_unit=responsible_unit,
        repeat_every_months=repeat_every_months,
    )
    milestone.full_clean()
    milestone._history_user = by
    milestone.save()
    return milestone


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):  # 31 January + 1 month is 28/29 February
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def complete_milestone(
    *, milestone: ReviewMilestone, done_on: datetime.date, by: User
) -> ReviewMilestone | None:
    """Mark a review done; a recurring one schedules its next occurrence, once."""
    if not ReviewMilestone.objects.editable_by(by).filter(pk=milestone.pk).exists():
        raise ValidationError(_("Only the responsible unit can complete this review."))
    milestone.done_on = done_on
    milestone._history_user = by
    milestone.save(update_fields=["done_on", "updated_at"])
    return schedule_next_milestone(milestone=milestone)


def schedule_next_milestone(*, milestone: ReviewMilestone) -> ReviewMilestone | None:
    """The next occurrence of a done recurring review, made once (`previous` is one-to-one)."""
    if not milestone.repeat_every_months or milestone.done_on is None:
        return None
    try:
        with transaction.atomic():
            return ReviewMilestone.objects.create(
                document_id=milestone.document_id,
                kind=milestone.kind,
                title=milestone.title,
                due_on=add_months(milestone.due_on, milestone.repeat_every_months),
                responsible_unit_id=milestone.responsible_unit_id,
                repeat_every_months=milestone.repeat_every_months,
                previous=milestone,
            )
    except IntegrityError:
        return None
