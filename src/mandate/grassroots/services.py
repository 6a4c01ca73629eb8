"""Every write to grassroots reports and cases: filing, importing, and the case workflow."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.notifications import Notice, notify, notify_all
from mandate.core.uploads import check_upload
from mandate.grassroots.intake import Draft
from mandate.grassroots.models import Case, CaseEvent, Category, Contact, Report, ReportPhoto
from mandate.grassroots.routing import Router
from mandate.grassroots.selectors import joinable_cases
from mandate.org.models import Locality, Role, Unit, User
from mandate.org.selectors import members_of

INTAKE_ROLES = [Role.LEADER, Role.OFFICER]
TITLE_LENGTH = 120


class StaleCase(Exception):
    """Someone acted on the case since this page was opened; nothing was written."""

    def __init__(self, case: Case):
        super().__init__(
            _("This case was changed by someone else meanwhile. Reload it and try again.")
        )
        self.case = case


def title_from(summary: str) -> str:
    """The start of the first report's summary, cut at a word."""
    if len(summary) <= TITLE_LENGTH:
        return summary
    return summary[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",.;: ") + "…"


# Filing ----------------------------------------------------------------------


@transaction.atomic
def file_report(*, draft: Draft, by: User, channel: str, photo=None) -> Report:
    """Store one checked report: it joins the open case it names, or opens a new one."""
    if photo is not None:
        content_type = check_upload(photo)
        if not content_type.startswith("image/"):
            raise ValidationError({"photo": _("The photo must be a JPEG, PNG or WebP image.")})
    if draft.case_id:
        case = (
            joinable_cases(user=by).select_for_update(of=("self",)).filter(pk=draft.case_id).first()
        )
        if case is None:
            raise ValidationError({"case": _("This case is not open to new reports.")})
        if case.category_id != draft.category.pk:
            raise ValidationError({"case": _("This case is about another category.")})
    else:
        case = _open_case(
            draft, unit_id=Router().unit_id(draft.category.pk, draft.locality.pk), by=by
        )
    report = _new_report(draft, case=case, by=by, channel=channel)
    report._history_user = by
    report.save()
    if draft.contact:
        Contact.objects.create(report=report, **draft.contact)
    if photo is not None:
        ReportPhoto.objects.create(
            report=report, file=photo, name=photo.name, size=photo.size, content_type=content_type
        )
    if draft.case_id:
        _join(case, report, by=by)
    else:
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.OPENED, actor=by, to_unit=case.unit)
        transaction.on_commit(lambda: _announce_new_cases(case.unit_id, [case]))
    return report


def _open_case(draft: Draft, *, unit_id: int, by: User | None, save: bool = True) -> Case:
    case = Case(
        title=title_from(draft.summary),
        category=draft.category,
        locality=draft.locality,
        unit_id=unit_id,
        origin_unit_id=draft.reporting_unit_id or unit_id,
        severity=draft.severity,
        people_affected=draft.people_affected,
        report_count=1,
        opened_on=draft.received_on,
        last_reported_on=draft.observed_on,
        due_on=draft.received_on + datetime.timedelta(days=draft.category.deadline_days),
        opened_by=by,
    )
    if save:
        case._history_user = by
        case.save()
    else:
        case.refresh_search_text()  # bulk_create skips save()
    return case


def _new_report(draft: Draft, *, case: Case, by: User | None, channel: str) -> Report:
    return Report(
        case=case,
        category=draft.category,
        locality=draft.locality,
        observed_on=draft.observed_on,
        received_on=draft.received_on,
        severity=draft.severity,
        people_affected=draft.people_affected,
        summary=draft.summary,
        redactions=draft.redactions,
        channel=channel,
        reporting_unit_id=draft.reporting_unit_id or case.unit_id,
        reported_by=by,
        lat=draft.lat,
        lon=draft.lon,
    )


def _join(case: Case, report: Report, *, by: User) -> None:
    case.report_count += 1
    case.last_reported_on = max(case.last_reported_on, report.observed_on)
    case.severity = max(case.severity, report.severity)
    case.people_affected = max(case.people_affected, report.people_affected)
    case.version += 1
    case._history_user = by
    case.save()
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.REPORT_ADDED,
        actor=by,
        text=_("Report from %(unit)s on %(date)s.")
        % {"unit": report.reporting_unit.name, "date": report.observed_on.strftime("%d/%m/%Y")},
    )


def file_reports_in_bulk(
    drafts: Sequence[Draft], *, by: User | None, channel: str, batch: int = 2000
) -> int:
    """Store many checked reports in one transaction: each opens its own case unless it
    names an open one. Rows, cases and timeline events are written in batches; the
    intake officers get one notice per unit for the whole import."""
    router = Router()
    joined = {draft.case_id for draft in drafts if draft.case_id}
    open_cases = {
        case.pk: case
        for case in (joinable_cases(user=by) if by else Case.objects.open()).filter(pk__in=joined)
    }
    missing = joined - open_cases.keys()
    if missing:
        raise ValidationError(
            _("These cases are not open to new reports: %(ids)s.")
            % {"ids": ", ".join(map(str, sorted(missing)))}
        )
    with transaction.atomic():
        new_cases = [
            _open_case(
                draft,
                unit_id=router.unit_id(draft.category.pk, draft.locality.pk),
                by=by,
                save=False,
            )
            for draft in drafts
            if not draft.case_id
        ]
        for start in range(0, len(new_cases), batch):
            Case.objects.bulk_create(new_cases[start : start + batch])
        fresh = iter(new_cases)
        reports = []
        for draft in drafts:
            case = open_cases[draft.case_id] if draft.case_id else next(fresh)
            reports.append(_new_report(draft, case=case, by=by, channel=channel))
        for start in range(0, len(reports), batch):
            Report.objects.bulk_create(reports[start : start + batch])
        CaseEvent.objects.bulk_create(
            [
                CaseEvent(case=case, kind=CaseEvent.Kind.OPENED, actor=by, to_unit_id=case.unit_id)
                for case in new_cases
            ],
            batch_size=batch,
        )
        for draft, report in zip(drafts, reports, strict=True):
            if draft.contact:
                Contact.objects.create(report=report, **draft.contact)
        for case_id in joined:
            added = [r for r in reports if r.case_id == case_id]
            Case.objects.filter(pk=case_id).update(
                report_count=F("report_count") + len(added),
                last_reported_on=max(
                    open_cases[case_id].last_reported_on, *(r.observed_on for r in added)
                ),
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
        by_unit = defaultdict(list)
        for case in new_cases:
            by_unit[case.unit_id].append(case)
        transaction.on_commit(
            lambda: [_announce_new_cases(unit, cases) for unit, cases in by_unit.items()]
        )
    return len(reports)


def _announce_new_cases(unit_id: int, cases: list[Case]) -> None:
    """Tell the unit's intake officers what has been routed to them."""
    unit = Unit.objects.get(pk=unit_id)
    officers = members_of(units=[unit], roles=INTAKE_ROLES)
    if len(cases) == 1:
        case = cases[0]
        notify(
            users=officers,
            kind="case-new",
            key=f"case-new:{case.pk}",
            message=lambda: (_("New grassroots case: %(title)s") % {"title": case.title}, ""),
            url=reverse("grassroots:case-detail", args=[case.pk]),
        )
        return
    first, last = min(c.pk for c in cases), max(c.pk for c in cases)
    notify(
        users=officers,
        kind="case-new",
        key=f"case-new:{first}-{last}",
        message=lambda: (
            ngettext(
                "%(count)s new grassroots case routed to your unit",
                "%(count)s new grassroots cases routed to your unit",
                len(cases),
            )
            % {"count": len(cases)},
            "",
        ),
        url=reverse("grassroots:case-list") + "?status=new",
    )


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
    if category.pk != case.category_id:
        changes.append(_("category: %(old)s → %(new)s") % {"old": case.category, "new": category})
        case.reports.update(category=category)
    if locality.pk != case.locality_id:
        changes.append(_("locality: %(old)s → %(new)s") % {"old": case.locality, "new": locality})
        case.reports.filter(locality_id=old_locality_id).update(locality=locality)
    case.category, case.locality = category, locality
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


# Daily round -------------------------------------------------------------------


def escalate_overdue(*, today: datetime.date) -> int:
    """Each overdue open case goes to the leaders of the unit above its unit, once.

    `escalated_on` is set in the same transaction as the notice, so a second run the
    same day (or any later day) finds nothing new to escalate.
    """
    escalated = 0
    overdue = (
        Case.objects.dangerously_unscoped()
        .overdue(today)
        .filter(escalated_on__isnull=True)
        .select_related("unit")
        .order_by("pk")
    )
    notices = []
    with transaction.atomic():
        for case in overdue.select_for_update(of=("self",)):
            above = case.unit.parent_id or case.unit_id
            leaders = list(members_of(units=[above], roles=[Role.LEADER]))
            case.escalated_on = today
            case._history_user = None
            case.save(update_fields=["escalated_on", "updated_at"])
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.ESCALATED,
                to_unit_id=above,
                text=_("Overdue since %(date)s.") % {"date": case.due_on.strftime("%d/%m/%Y")},
            )
            notices.append(
                Notice(
                    users=leaders,
                    kind="case-escalated",
                    key=f"case-escalated:{case.pk}:{today.isoformat()}",
                    message=_escalation_message(case),
                    url=reverse("grassroots:case-detail", args=[case.pk]),
                )
            )
            escalated += 1
        notify_all(notices)
    return escalated


def _escalation_message(case: Case):
    def message() -> tuple[str, str]:
        return (
            _("Overdue grassroots case #%(case)s at %(unit)s: %(title)s")
            % {"case": case.pk, "unit": case.unit.name, "title": case.title},
            _("It was due on %(date)s.") % {"date": case.due_on.strftime("%d/%m/%Y")},
        )

    return message


CONTACT_RETENTION_DAYS = 90


def erase_old_contacts(*, today: datetime.date) -> int:
    """Citizens' contacts are kept only while they may be needed for follow-up."""
    cutoff = today - datetime.timedelta(days=CONTACT_RETENTION_DAYS)
    finished = Contact.objects.filter(
        report__case__status__in=Case.FINISHED_STATUSES,
        report__case__updated_at__date__lt=cutoff,
    )
    count, _detail = finished.delete()
    return count
