"""The case workflow: each move checked against the status, the actor and the version."""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.grassroots.models import Case, CaseEvent, Category, Report
from mandate.grassroots.routing import Router
from mandate.grassroots.services.common import StaleCase
from mandate.grassroots.services.filing import _announce_new_cases
from mandate.grassroots.signals import reports_changed
from mandate.org.models import Locality, Unit, User

# The case workflow -------------------------------------------------------------

# action -> (statuses it may start from, status it leads to, the timeline entry)
TRANSITIONS: dict[str, tuple[list[str], str, str]] = {
    "acknowledge": (
        [Case.Status.NEW, Case.Status.REFERRED],
        Case.Status.ACKNOWLEDGED,
        CaseEvent.Kind.ACKNOWLEDGED,
    ),
    "start": (
        [Case.Status.NEW, Case.Status.ACKNOWLEDGED, Case.Status.REFERRED],
        Case.Status.IN_PROGRESS,
        CaseEvent.Kind.STARTED,
    ),
    "refer": (Case.OPEN_STATUSES, Case.Status.REFERRED, CaseEvent.Kind.REFERRED),
    "resolve": (Case.OPEN_STATUSES, Case.Status.RESOLVED, CaseEvent.Kind.RESOLVED),
    "close": ([Case.Status.RESOLVED], Case.Status.CLOSED, CaseEvent.Kind.CLOSED),
    "close_unresolved": (
        Case.OPEN_STATUSES,
        Case.Status.CLOSED_UNRESOLVED,
        CaseEvent.Kind.CLOSED_UNRESOLVED,
    ),
    "reopen": (Case.FINISHED_STATUSES, Case.Status.IN_PROGRESS, CaseEvent.Kind.REOPENED),
}


def allowed_actions(case: Case) -> list[str]:
    """The workflow actions the case's status allows (the caller checks who may act)."""
    actions = [
        name for name, (sources, _to, _kind) in TRANSITIONS.items() if case.status in sources
    ]
    if case.is_open:
        actions.append("correct")
    return actions


def can_act(*, case: Case, user: User) -> bool:
    return Case.objects.editable_by(user).filter(pk=case.pk).exists()


def _locked(case: Case, *, version: int, by: User) -> Case:
    current = (
        Case.objects.editable_by(by)
        .select_for_update(of=("self",))
        .select_related("unit", "category")
        .filter(pk=case.pk)
        .first()
    )
    if current is None:
        raise ValidationError(_("You cannot act on this case."))
    if current.version != version:
        raise StaleCase(current)
    return current


def _transition(
    name: str,
    *,
    case: Case,
    version: int,
    by: User,
    text: str = "",
    change: Callable[[Case], None] | None = None,
    event: dict | None = None,
) -> Case:
    sources, target, kind = TRANSITIONS[name]
    case = _locked(case, version=version, by=by)
    if case.status not in sources:
        raise ValidationError(
            _("A case that is “%(status)s” cannot be %(action)s.")
            % {"status": case.get_status_display(), "action": ACTION_LABELS[name]()}
        )
    if change:
        change(case)
    case.status = target
    case.version += 1
    case._history_user = by
    case.save()
    CaseEvent.objects.create(case=case, kind=kind, actor=by, text=text.strip(), **(event or {}))
    return case


ACTION_LABELS: dict[str, Callable[[], str]] = {
    "acknowledge": lambda: _("acknowledged"),
    "start": lambda: _("started"),
    "refer": lambda: _("referred"),
    "resolve": lambda: _("resolved"),
    "close": lambda: _("closed"),
    "close_unresolved": lambda: _("closed without resolution"),
    "reopen": lambda: _("reopened"),
}


def _required(text: str, message: str) -> str:
    if not (text or "").strip():
        raise ValidationError({"text": message})
    return text


@transaction.atomic
def acknowledge(*, case: Case, version: int, by: User, text: str = "") -> Case:
    return _transition("acknowledge", case=case, version=version, by=by, text=text)


@transaction.atomic
def start(*, case: Case, version: int, by: User, text: str = "") -> Case:
    return _transition("start", case=case, version=version, by=by, text=text)


@transaction.atomic
def refer(*, case: Case, version: int, by: User, to_unit: Unit, text: str) -> Case:
    _required(text, _("Say why the case is referred."))
    if to_unit.pk == case.unit_id:
        raise ValidationError({"to_unit": _("The case is already with this unit.")})
    from_unit_id = case.unit_id

    def move(current: Case) -> None:
        current.unit = to_unit
        current.escalated_on = None

    case = _transition(
        "refer",
        case=case,
        version=version,
        by=by,
        text=text,
        change=move,
        event={"from_unit_id": from_unit_id, "to_unit": to_unit},
    )
    transaction.on_commit(lambda: _announce_new_cases(to_unit.pk, [case]))
    return case


@transaction.atomic
def resolve(
    *, case: Case, version: int, by: User, text: str, on: datetime.date | None = None
) -> Case:
    _required(text, _("Say how the matter was resolved."))

    def settle(current: Case) -> None:
        current.resolution = text.strip()
        current.resolved_on = on or timezone.localdate()

    return _transition("resolve", case=case, version=version, by=by, text=text, change=settle)


@transaction.atomic
def close(*, case: Case, version: int, by: User, text: str = "") -> Case:
    def shut(current: Case) -> None:
        current.closed_on = timezone.localdate()

    return _transition("close", case=case, version=version, by=by, text=text, change=shut)


@transaction.atomic
def close_unresolved(
    *,
    case: Case,
    version: int,
    by: User,
    reason: str,
    text: str,
    duplicate_of: Case | None = None,
) -> Case:
    if reason not in {
        Case.CloseReason.NOT_OURS,
        Case.CloseReason.NO_ACTION,
        Case.CloseReason.DUPLICATE,
    }:
        raise ValidationError({"reason": _("Choose why the case is closed without resolution.")})
    _required(text, _("Explain the reason to those who reported the matter."))
    if reason == Case.CloseReason.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == case.pk:
            raise ValidationError({"duplicate_of": _("Name the case this one duplicates.")})
        if not duplicate_of.is_open:
            raise ValidationError({"duplicate_of": _("That case is no longer open.")})

    def shut(current: Case) -> None:
        current.close_reason = reason
        current.duplicate_of = duplicate_of if reason == Case.CloseReason.DUPLICATE else None
        if current.duplicate_of:
            current.report_count = 0  # its reports move to the case that carries on
        current.closed_on = timezone.localdate()
        current.resolution = text.strip()

    case = _transition(
        "close_unresolved", case=case, version=version, by=by, text=text, change=shut
    )
    if case.duplicate_of_id:
        _merge_into(case, case.duplicate_of, by=by)
    return case


def _merge_into(duplicate: Case, target: Case, *, by: User) -> None:
    """The duplicate's reports join the case that carries on."""
    moved = list(duplicate.reports.all())
    duplicate.reports.update(case=target)
    target = Case.objects.select_for_update(of=("self",)).get(pk=target.pk)
    target.report_count += len(moved)
    target.last_reported_on = max([target.last_reported_on, *(r.observed_on for r in moved)])
    target.severity = max([target.severity, *(r.severity for r in moved)])
    target.people_affected = max([target.people_affected, *(r.people_affected for r in moved)])
    target.version += 1
    target._history_user = by
    target.save()
    CaseEvent.objects.create(
        case=target,
        kind=CaseEvent.Kind.REPORT_ADDED,
        actor=by,
        text=_("%(count)s reports joined from duplicate case #%(case)s.")
        % {"count": len(moved), "case": duplicate.pk},
    )


@transaction.atomic
def reopen(*, case: Case, version: int, by: User, text: str) -> Case:
    _required(text, _("Say why the case is reopened."))

    def revive(current: Case) -> None:
        today = timezone.localdate()
        current.due_on = today + datetime.timedelta(days=current.category.deadline_days)
        current.resolved_on = current.closed_on = current.escalated_on = None
        current.close_reason, current.duplicate_of = "", None

    return _transition("reopen", case=case, version=version, by=by, text=text, change=revive)


@transaction.atomic
def add_note(*, case: Case, by: User, text: str) -> CaseEvent:
    _required(text, _("Write the note."))
    if not can_act(case=case, user=by):
        raise ValidationError(_("You cannot act on this case."))
    return CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.NOTE, actor=by, text=text.strip()
    )


@transaction.atomic
def correct(
    *,
    case: Case,
    version: int,
    by: User,
    category: Category | None = None,
    locality: Locality | None = None,
    text: str = "",
) -> Case:
    """Correct an open case's category or locality; it is routed again and the deadline
    follows the new category. A new responsible unit is notified."""
    case = _locked(case, version=version, by=by)
    if not case.is_open:
        raise ValidationError(_("Only an open case can be corrected."))
    category = category or case.category
    locality = locality or case.locality
    if category.pk == case.category_id and locality.pk == case.locality_id:
        raise ValidationError(_("Nothing to correct: the category and locality are unchanged."))
    old_unit, old_locality_id = case.unit, case.locality_id
    changes = []
    moved = list(case.reports.values_list("category_id", "locality_id", "observed_on"))
    if category.pk != case.category_id:
        changes.append(_("category: %(old)s → %(new)s") % {"old": case.category, "new": category})
        case.reports.update(category=category)
    if locality.pk != case.locality_id:
        changes.append(_("locality: %(old)s → %(new)s") % {"old": case.locality, "new": locality})
        case.reports.filter(locality_id=old_locality_id).update(locality=locality)
    case.category, case.locality = category, locality
    moved += case.reports.values_list("category_id", "locality_id", "observed_on")
    reports_changed.send(Report, cells=moved)
    case.due_on = case.opened_on + datetime.timedelta(days=category.deadline_days)
    case.unit_id = Router().unit_id(category.pk, locality.pk)
    rerouted = case.unit_id != old_unit.pk
    if rerouted:
        case.escalated_on = None
        case.status = Case.Status.NEW
    case.version += 1
    case._history_user = by
    case.save()
    note = "; ".join(changes) + (f". {text.strip()}" if text.strip() else "")
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.REROUTED,
        actor=by,
        from_unit=old_unit,
        to_unit_id=case.unit_id,
        text=note,
    )
    if rerouted:
        transaction.on_commit(lambda: _announce_new_cases(case.unit_id, [case]))
    return case


# Every workflow step by its name, as the case page and the API call them.
ACTIONS: dict[str, Callable[..., Case]] = {
    "acknowledge": acknowledge,
    "start": start,
    "refer": refer,
    "resolve": resolve,
    "close": close,
    "close_unresolved": close_unresolved,
    "reopen": reopen,
    "correct": correct,
}
