"""The alert workflow: review, escalate to a case or a task, dismiss, reopen.

Each move is checked against the alert's status, the actor (leaders and officers of
the alert's unit or above: `editable_by`) and the version the decision was made on; a
stale version raises StaleAlert and writes nothing. Pages and the API call these alone.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.earlywarning.models import Alert
from mandate.grassroots.models import Case, CaseEvent
from mandate.grassroots.services import title_from
from mandate.org.models import User
from mandate.work.services import create_task

# Communes named in a title before "and N more".
NAMED_COMMUNES = 3

Status = Alert.Status

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[list[str], str]] = {
    "review": ([Status.NEW], Status.REVIEWING),
    "escalate_case": ([Status.NEW, Status.REVIEWING], Status.ESCALATED),
    "escalate_task": ([Status.NEW, Status.REVIEWING], Status.ESCALATED),
    "dismiss": ([Status.NEW, Status.REVIEWING], Status.DISMISSED),
    "reopen": ([Status.DISMISSED], Status.REVIEWING),
}

ACTION_LABELS: dict[str, Callable[[], str]] = {
    "review": lambda: _("taken under review"),
    "escalate_case": lambda: _("escalated to a case"),
    "escalate_task": lambda: _("escalated to a task"),
    "dismiss": lambda: _("dismissed"),
    "reopen": lambda: _("reopened"),
}


class StaleAlert(Exception):
    """Someone acted on the alert since this page was opened; nothing was written."""

    def __init__(self, alert: Alert):
        super().__init__(
            _("This alert was changed by someone else meanwhile. Reload it and try again.")
        )
        self.alert = alert


def allowed_actions(alert: Alert) -> list[str]:
    """The moves the alert's status allows (the caller checks who may act)."""
    return [name for name, (sources, _target) in TRANSITIONS.items() if alert.status in sources]


def can_act(*, alert: Alert, user: User) -> bool:
    return Alert.objects.editable_by(user).filter(pk=alert.pk).exists()


def _locked(alert: Alert, *, version: int, by: User) -> Alert:
    current = (
        Alert.objects.editable_by(by)
        .select_for_update(of=("self",))
        .select_related("category", "centre", "unit")
        .filter(pk=alert.pk)
        .first()
    )
    if current is None:
        raise ValidationError(_("You cannot act on this alert."))
    if current.version != version:
        raise StaleAlert(current)
    return current


def _move(
    name: str,
    *,
    alert: Alert,
    version: int,
    by: User,
    change: Callable[[Alert], None] | None = None,
) -> Alert:
    """Lock the alert, check the move, apply `change`, then save it as the next version."""
    sources, target = TRANSITIONS[name]
    alert = _locked(alert, version=version, by=by)
    if alert.status not in sources:
        raise ValidationError(
            _("An alert that is “%(status)s” cannot be %(action)s.")
            % {"status": alert.get_status_display(), "action": ACTION_LABELS[name]()}
        )
    if change:
        change(alert)
    alert.status = target
    alert.handled_by = by
    alert.version += 1
    alert._history_user = by
    alert.save()
    return alert


@transaction.atomic
def review(alert: Alert, *, version: int, by: User) -> Alert:
    """Someone is looking into the alert."""
    return _move("review", alert=alert, version=version, by=by)


@transaction.atomic
def escalate_to_case(
    alert: Alert, *, version: int, by: User, case: Case | None = None, note: str = ""
) -> Alert:
    """Hand the hot spot to the grassroots workflow: a new case for the alert's unit, or an
    open case the actor can see (its timeline says so)."""
    if case is not None and not Case.objects.visible_to(by).open().filter(pk=case.pk).exists():
        message = _("There is no open case no. %(number)s that you can see.")
        raise ValidationError({"case": message % {"number": case.pk}})

    def link(current: Alert) -> None:
        current.case = case or _open_case(current, by=by)
        current.note = note.strip() or current.note
        if case is not None:
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.NOTE,
                actor=by,
                text=_("Early-warning alert no. %(alert)s was linked to this case.")
                % {"alert": current.pk},
            )

    return _move("escalate_case", alert=alert, version=version, by=by, change=link)


def _open_case(alert: Alert, *, by: User) -> Case:
    today = timezone.localdate()
    case = Case(
        title=title_from(
            _("Hot spot: %(category)s in %(communes)s")
            % {"category": alert.category, "communes": communes_text(alert)}
        ),
        category=alert.category,
        locality=alert.centre,
        unit=alert.unit,
        origin_unit=alert.unit,
        status=Case.Status.NEW,
        opened_on=today,
        last_reported_on=alert.window_end,
        due_on=today + datetime.timedelta(days=alert.category.deadline_days),
        opened_by=by,
    )
    case._history_user = by
    case.save()
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.OPENED,
        actor=by,
        to_unit=alert.unit,
        text=_("Opened from early-warning alert no. %(alert)s: %(facts)s")
        % {"alert": alert.pk, "facts": facts_text(alert)},
    )
    return case


@transaction.atomic
def escalate_to_task(
    alert: Alert,
    *,
    version: int,
    by: User,
    content: str = "",
    due_on: datetime.date | None = None,
    note: str = "",
) -> Alert:
    """A task for the alert's unit, outside any plan, to check the hot spot on the ground.
    Its content and due date default to the alert's and the category's deadline."""
    today = timezone.localdate()
    if due_on is not None and due_on < today:
        raise ValidationError({"due_on": _("The task cannot be due in the past.")})

    def assign(current: Alert) -> None:
        current.task = create_task(
            plan=None,
            lead_unit=current.unit,
            content=content.strip() or task_title(current),
            due_on=due_on or today + datetime.timedelta(days=current.category.deadline_days),
            method=_(
                "Early warning: %(facts)s Check the matter on the ground, find its cause "
                "and report what was done."
            )
            % {"facts": facts_text(current)},
            by=by,
        )
        current.note = note.strip() or current.note

    return _move("escalate_task", alert=alert, version=version, by=by, change=assign)


@transaction.atomic
def dismiss(alert: Alert, *, version: int, by: User, reason: str, note: str = "") -> Alert:
    """Not a matter to act on, for a stated reason."""
    reasons = {value for value in Alert.DismissReason.values if value}
    if reason not in reasons:
        raise ValidationError({"reason": _("Choose why the alert is dismissed.")})

    def settle(current: Alert) -> None:
        current.dismiss_reason = reason
        current.note = note.strip()

    return _move("dismiss", alert=alert, version=version, by=by, change=settle)


@transaction.atomic
def reopen(alert: Alert, *, version: int, by: User, note: str = "") -> Alert:
    """A dismissed alert goes back under review."""

    def revive(current: Alert) -> None:
        current.dismiss_reason = Alert.DismissReason.NONE
        current.note = note.strip()

    return _move("reopen", alert=alert, version=version, by=by, change=revive)


# Every move by its name, as the alert page and the API call them.
ACTIONS: dict[str, Callable[..., Alert]] = {
    "review": review,
    "escalate_case": escalate_to_case,
    "escalate_task": escalate_to_task,
    "dismiss": dismiss,
    "reopen": reopen,
}


# The words a case or task drawn from an alert carries ---------------------------------


def communes_text(alert: Alert) -> str:
    """ "Xã A, Xã B, Xã C and 2 more": the alert's communes, the centre first."""
    names = sorted(
        (place.name for place in alert.localities.all() if place.pk != alert.centre_id),
        key=str.casefold,
    )
    names.insert(0, alert.centre.name)
    shown = ", ".join(names[:NAMED_COMMUNES])
    rest = len(names) - NAMED_COMMUNES
    if rest <= 0:
        return shown
    return ngettext("%(names)s and %(count)s more", "%(names)s and %(count)s more", rest) % {
        "names": shown,
        "count": rest,
    }


def facts_text(alert: Alert) -> str:
    return _(
        "%(observed)s reports of “%(category)s” in %(communes)s from %(start)s to %(end)s, "
        "where %(expected)s were expected."
    ) % {
        "observed": alert.observed,
        "category": alert.category,
        "communes": communes_text(alert),
        "start": alert.window_start.strftime("%d/%m/%Y"),
        "end": alert.window_end.strftime("%d/%m/%Y"),
        "expected": number_format(alert.expected, 1),
    }


def task_title(alert: Alert) -> str:
    return title_from(
        _("Check the hot spot: %(category)s in %(communes)s")
        % {"category": alert.category, "communes": communes_text(alert)}
    )
