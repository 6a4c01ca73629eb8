"""The register: earlier awards entered from paper, revocations, blocking conditions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.honours.models import Award, BlockingCondition, Title
from mandate.honours.services._common import Status, _is_member, _locked, _move, _require
from mandate.org.models import Unit, User
from mandate.org.selectors import can_lead

# The register -----------------------------------------------------------------------


@transaction.atomic
def record_earlier_award(
    *,
    title: Title,
    year: int,
    unit: Unit,
    by: User,
    person: User | None = None,
    reference: str,
) -> Award:
    """An award conferred before the platform, entered from the paper register."""
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can add to its register."))
    _require(bool(reference.strip()), _("Give the number and date of the decision."))
    _require(year <= timezone.localdate().year, _("The year is in the future."))
    _require(
        title.accepts(collective=person is None),
        _("%(title)s is not awarded to this kind of nominee.") % {"title": title.label},
    )
    award = Award(title=title, year=year, unit=unit, person=person, reference=reference.strip())
    award._history_user = by
    award.save()
    return award


@transaction.atomic
def revoke(*, award: Award, reason: str, by: User, reference: str = "") -> Award:
    """Withdraw an award (false declarations, forged records): the row stays, marked."""
    current = (
        Award.objects.select_for_update(of=("self",))
        .select_related("decision__round__unit", "unit")
        .get(pk=award.pk)
    )
    authority = current.decision.round.unit if current.decision_id else current.unit
    _require(
        can_lead(user=by, unit=authority),
        _("Only a leader of the unit that decided the award can revoke it."),
    )
    _require(current.revoked_at is None, _("This award has already been revoked."))
    _require(bool(reason.strip()), _("Give the reason for the revocation."))
    current.revoked_at, current.revoked_by = timezone.now(), by
    current.revocation_reason, current.revocation_reference = reason.strip(), reference.strip()
    current._history_user = by
    current.save()
    if current.nomination_id:
        (nomination,) = _locked([current.nomination])
        _move(nomination, Status.REVOKED, by, note=reason.strip())
    return current


# Blocking conditions ----------------------------------------------------------------


@transaction.atomic
def record_blocking_condition(
    *,
    unit: Unit,
    kind: str,
    starts_on: datetime.date,
    note: str,
    by: User,
    person: User | None = None,
    ends_on: datetime.date | None = None,
) -> BlockingCondition:
    """An officer records a discipline, a pending complaint or an inspection."""
    _require(
        Unit.objects.editable_by(by).filter(pk=unit.pk).exists(),
        _("You cannot record conditions for this unit."),
    )
    _require(person is None or _is_member(person, unit), _("This person is not in the unit."))
    condition = BlockingCondition(
        unit=unit,
        person=person,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
        recorded_by=by,
    )
    condition.full_clean()
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The condition ends before it starts.")})
    condition._history_user = by
    condition.save()
    return condition


@transaction.atomic
def end_blocking_condition(
    *, condition: BlockingCondition, ends_on: datetime.date, by: User
) -> BlockingCondition:
    """The discipline ran out, the complaint or inspection was settled."""
    current = BlockingCondition.objects.select_for_update().get(pk=condition.pk)
    _require(
        BlockingCondition.objects.editable_by(by).filter(pk=current.pk).exists(),
        _("You cannot record conditions for this unit."),
    )
    _require(ends_on >= current.starts_on, _("The condition ends before it starts."))
    current.ends_on = ends_on
    current._history_user = by
    current.save()
    return current
