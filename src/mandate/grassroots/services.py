"""Every write to grassroots reports and cases: filing, importing, and the case workflow."""

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.notifications import Notice, notify, notify_all
from mandate.core.text import fold
from mandate.core.uploads import check_upload
from mandate.grassroots.intake import Draft
from mandate.grassroots.models import Case, CaseEvent, Category, Contact, Report, ReportPhoto
from mandate.grassroots.routing import Router
from mandate.grassroots.selectors import joinable_cases
from mandate.org.models import Locality, Role, Unit, User
from mandate.org.selectors import members_by_unit, members_of

INTAKE_ROLES = [Role.LEADER, Role.OFFICER]
CONTACT_KEYS = ("name", "phone", "email", "address")
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
    names an open one of the same category. Cases, reports, their history rows, timeline
    events and contacts are each written with one prepared INSERT per batch; the intake
    officers get one notice per unit for the whole import.

    Rows are plain values, not model instances: building 100,000 instances and having
    bulk_create prepare each of their values costs ten times the INSERTs themselves.
    """
    router = Router()
    by_id = by.pk if by else None
    with transaction.atomic(), _roomy_sqlite_cache():
        joined = _cases_to_join(drafts, by=by)
        now = timezone.now()
        fresh = [draft for draft in drafts if not draft.case_id]
        cases = [
            _case_row(draft, router.unit_id(draft.category.pk, draft.locality.pk), by_id)
            for draft in fresh
        ]
        case_ids = _insert_with_history(
            Case, cases, now=now, by_id=by_id, owner="opened_by_id", batch=batch
        )
        _insert_rows(
            CaseEvent,
            [
                {"case_id": pk, "to_unit_id": row["unit_id"]}
                for pk, row in zip(case_ids, cases, strict=True)
            ],
            constants={"kind": CaseEvent.Kind.OPENED, "at": now, "actor_id": by_id},
            batch=batch,
        )
        new_case = iter(zip(case_ids, cases, strict=True))
        reports = []
        for draft in drafts:
            case_id, unit_id = (
                (draft.case_id, joined[draft.case_id].unit_id) if draft.case_id else next(new_case)
            )
            reports.append(_report_row(draft, case_id, unit_id, by_id, str(channel)))
        report_ids = _insert_with_history(
            Report, reports, now=now, by_id=by_id, owner="reported_by_id", batch=batch
        )
        _insert_rows(
            Contact,
            [
                {"report_id": pk, **{name: draft.contact.get(name, "") for name in CONTACT_KEYS}}
                for draft, pk in zip(drafts, report_ids, strict=True)
                if draft.contact
            ],
            constants={"created_at": now},
            batch=batch,
        )
        _join_in_bulk(joined, [r for r in reports if r["case_id"] in joined], by=by)
        by_unit = defaultdict(list)
        for pk, row in zip(case_ids, cases, strict=True):
            by_unit[row["unit_id"]].append(_CaseRef(pk, row["title"]))
        transaction.on_commit(
            lambda: [_announce_new_cases(unit, refs) for unit, refs in by_unit.items()]
        )
    return len(reports)


@contextmanager
def _roomy_sqlite_cache(kib: int = 64 * 1024):
    """SQLite's default 2 MB page cache spills a large import's index pages to disk in
    mid-transaction; with 64 MB the writes of 100,000 reports take a third less time.
    Other databases size their buffers themselves."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-kib:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous:d}")


class _CaseRef(NamedTuple):
    """What the notice about new cases reads of each: enough, and cheap for 100,000."""

    pk: int
    title: str


def _case_row(draft: Draft, unit_id: int, by_id: int | None) -> dict:
    """`_open_case`'s case, as the values of its row."""
    title = title_from(draft.summary)
    return {
        "title": title,
        "search_text": _search_text(title),
        "category_id": draft.category.pk,
        "locality_id": draft.locality.pk,
        "unit_id": unit_id,
        "origin_unit_id": draft.reporting_unit_id or unit_id,
        "severity": draft.severity,
        "people_affected": draft.people_affected,
        "report_count": 1,
        "opened_on": draft.received_on,
        "last_reported_on": draft.observed_on,
        "due_on": draft.received_on + datetime.timedelta(days=draft.category.deadline_days),
        "opened_by_id": by_id,
    }


@functools.lru_cache(maxsize=20_000)
def _fold_word(word: str) -> str:
    return fold(word)


def _search_text(text: str) -> str:
    """`fold(text)`, a word at a time through a cache: titles share most of their words,
    and folding each title whole costs a fifth of a large import's time."""
    return " ".join(filter(None, map(_fold_word, text.split())))


def _report_row(draft: Draft, case_id: int, unit_id: int, by_id: int | None, channel: str) -> dict:
    """`_new_report`'s report, as the values of its row."""
    return {
        "case_id": case_id,
        "category_id": draft.category.pk,
        "locality_id": draft.locality.pk,
        "observed_on": draft.observed_on,
        "received_on": draft.received_on,
        "severity": draft.severity,
        "people_affected": draft.people_affected,
        "summary": draft.summary,
        "redactions": draft.redactions,
        "channel": channel,
        "reporting_unit_id": draft.reporting_unit_id or unit_id,
        "reported_by_id": by_id,
        "lat": draft.lat,
        "lon": draft.lon,
    }


def _insert_with_history(
    model, rows: list[dict], *, now, by_id: int | None, owner: str, batch: int = 2000
) -> list[int]:
    """Insert the rows, then their "created" history rows; the new ids, in row order.

    The ids are read back by what marks this import's rows (created at this instant by
    this person, above the largest id before it), in id order, which is insertion order
    on every database; a count that does not match aborts the transaction.
    """
    if not rows:
        return []
    before = model._default_manager.aggregate(last=Max("pk"))["last"] or 0
    _insert_rows(model, rows, constants={"created_at": now, "updated_at": now}, batch=batch)
    ids = list(
        model._default_manager.filter(pk__gt=before, created_at=now, **{owner: by_id})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(ids) != len(rows):
        raise RuntimeError(f"{model.__name__}: {len(rows)} rows written, {len(ids)} read back")
    history = model.history.model
    _insert_rows(
        history,
        [{**row, "id": pk} for pk, row in zip(ids, rows, strict=True)],
        constants={
            "created_at": now,
            "updated_at": now,
            "history_date": now,
            "history_type": "+",
            "history_user_id": by_id,
        },
        batch=batch,
    )
    return ids


def _insert_rows(model, rows: list[dict], *, constants: dict, batch: int = 2000) -> None:
    """One prepared INSERT for many rows (executemany). Every row has the same keys; the
    other columns take `constants`, else the field's default, prepared once through the
    field. Row values go to the driver as they are (int, text, date, float, None), which
    every Django backend adapts."""
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    given = [field for field in fields if field.attname in rows[0]]
    fixed = [field for field in fields if field.attname not in rows[0]]
    values = tuple(
        field.get_db_prep_save(constants.get(field.attname, field.get_default()), connection)
        for field in fixed
    )
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 -- names from the model
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in given + fixed),
        ", ".join(["%s"] * (len(given) + len(fixed))),
    )
    names = [field.attname for field in given]
    pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, [pick(row) + values for row in rows[start : start + batch]])


def _cases_to_join(drafts: Sequence[Draft], *, by: User | None) -> dict[int, Case]:
    """The open cases the drafts name, locked; refused unless each is open and of the
    draft's category (the import checks this row by row first, with row numbers)."""
    wanted = {draft.case_id for draft in drafts if draft.case_id}
    if not wanted:
        return {}
    cases = (joinable_cases(user=by) if by else Case.objects.open()).select_for_update(of=("self",))
    found = {case.pk: case for case in cases.filter(pk__in=wanted)}
    missing = wanted - found.keys()
    if missing:
        raise ValidationError(
            {
                "case": _("These cases are not open to new reports: %(ids)s.")
                % {"ids": ", ".join(map(str, sorted(missing)))}
            }
        )
    for draft in drafts:
        if draft.case_id and found[draft.case_id].category_id != draft.category.pk:
            raise ValidationError({"case": _("This case is about another category.")})
    return found


def _join_in_bulk(cases: dict[int, Case], reports: list[dict], *, by: User | None) -> None:
    """What `_join` does for one report, for many: each case saved once, with its history."""
    if not reports:
        return
    units = dict(
        Unit.objects.filter(pk__in={r["reporting_unit_id"] for r in reports}).values_list(
            "pk", "name"
        )
    )
    for report in reports:
        case = cases[report["case_id"]]
        case.report_count += 1
        case.last_reported_on = max(case.last_reported_on, report["observed_on"])
        case.severity = max(case.severity, report["severity"])
        case.people_affected = max(case.people_affected, report["people_affected"])
    for case in cases.values():
        case.version += 1
        case._history_user = by
        case.save()
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case_id=report["case_id"],
                kind=CaseEvent.Kind.REPORT_ADDED,
                actor=by,
                text=_("Report from %(unit)s on %(date)s.")
                % {
                    "unit": units.get(report["reporting_unit_id"], ""),
                    "date": report["observed_on"].strftime("%d/%m/%Y"),
                },
            )
            for report in reports
        ]
    )


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
    same day (or any later day) finds nothing new to escalate. Reopening, referring or
    re-routing a case clears it, so the case may be escalated again; the notice's key
    names the unit and the due date, so nobody hears twice of the same lapse.
    """
    with transaction.atomic():
        cases = list(
            Case.objects.dangerously_unscoped()
            .overdue(today)
            .filter(escalated_on__isnull=True)
            .select_related("unit")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        above = {case.pk: case.unit.parent_id or case.unit_id for case in cases}
        leaders = members_by_unit(unit_ids=set(above.values()), roles=[Role.LEADER])
        notices = []
        for case in cases:
            case.escalated_on = today
            case._history_user = None
            case.save(update_fields=["escalated_on", "updated_at"])
            notices.append(
                Notice(
                    users=leaders.get(above[case.pk], []),
                    kind="case-escalated",
                    key=f"case-escalated:{case.pk}:{case.unit_id}:{case.due_on.isoformat()}",
                    message=_escalation_message(case),
                    url=reverse("grassroots:case-detail", args=[case.pk]),
                )
            )
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.ESCALATED,
                from_unit_id=case.unit_id,
                to_unit_id=above[case.pk],
                text=_("Overdue since %(date)s.") % {"date": case.due_on.strftime("%d/%m/%Y")},
            )
            for case in cases
        )
        notify_all(notices)
    return len(cases)


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
    """Citizens' contacts are kept only while they may be needed for follow-up: until
    CONTACT_RETENTION_DAYS after the case was finished (closed, or else resolved).

    Counted from the case's own dates, not from its last change: a note or an
    escalation on a finished case does not extend the retention.
    """
    cutoff = today - datetime.timedelta(days=CONTACT_RETENTION_DAYS)
    finished = Q(report__case__closed_on__lte=cutoff) | Q(
        report__case__closed_on__isnull=True, report__case__resolved_on__lte=cutoff
    )
    old = Contact.objects.filter(finished, report__case__status__in=Case.FINISHED_STATUSES)
    count, _detail = old.delete()
    return count
