"""Filing reports: one at a time from the form, the API and Open311, or in bulk from imports."""

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice, repeat
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.bulk import (
    Insert,
    Inserted,
    NewIds,
    WriteBehind,
    copy_statement,
    history_statement,
    roomy_sqlite_cache,
)
from mandate.core.notifications import notify
from mandate.core.search import text_index_in_bulk
from mandate.core.text import fold
from mandate.core.uploads import check_upload
from mandate.grassroots.intake import Draft
from mandate.grassroots.models import Case, CaseEvent, Contact, Report, ReportPhoto
from mandate.grassroots.routing import Router
from mandate.grassroots.selectors import joinable_cases
from mandate.grassroots.services.common import CONTACT_KEYS, INTAKE_ROLES, title_from
from mandate.grassroots.signals import reports_changed
from mandate.org.models import Unit, User
from mandate.org.selectors import members_of

# Drafts written together by a bulk filing: enough for consecutive rows to be neighbours
# in the case indexes (25,000 do as well as 100,000 there), few enough that the writing
# starts early and overlaps the checking of the rest.
BULK_CHUNK = 25_000
# The first is smaller, so that writing starts soon.
FIRST_CHUNK = 5_000

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
    reports_changed.send(
        Report, cells=[(report.category_id, report.locality_id, report.observed_on)]
    )
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


def _open_case(draft: Draft, *, unit_id: int, by: User | None) -> Case:
    case = Case(**_case_row(draft, unit_id, by.pk if by else None))
    case._history_user = by
    case.save()
    return case


def _new_report(draft: Draft, *, case: Case, by: User | None, channel: str) -> Report:
    return Report(**_report_row(draft, case.pk, case.unit_id, by.pk if by else None, channel))


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


def file_reports_in_bulk(drafts: Iterable[Draft], *, by: User | None, channel: str) -> int:
    """Store many checked reports in one transaction: each opens its own case unless it
    names an open one of the same category. The intake officers get one notice per unit
    for the whole import.

    Rows are plain values, not model instances: building 100,000 instances and having
    bulk_create prepare each of their values costs ten times the INSERTs themselves.
    The drafts may come lazily, as an import checks its rows: each chunk's cases,
    reports and contacts are written on a second thread (`WriteBehind`) while the next
    chunk is checked and made into rows, with ids chosen beforehand (`NewIds`). Within
    a chunk, reports go in order of category and commune, so that consecutive rows
    land side by side in the case indexes: a third less work for SQLite than the
    file's order. History rows, "opened" entries and the search index are copied in
    SQL at the end.
    """
    router = Router()
    by_id = by.pk if by else None
    channel = str(channel)
    joined: dict[int, Case] = {}
    joining: list[dict] = []
    cells: set[tuple] = set()
    by_unit: dict[int, list[_CaseRef]] = defaultdict(list)
    filed = 0
    with transaction.atomic(), roomy_sqlite_cache(), text_index_in_bulk(Case):
        now = timezone.now()
        case_ids, report_ids = NewIds(Case), NewIds(Report)
        stamps = {"created_at": now, "updated_at": now}
        cases, reports = Insert(Case, constants=stamps), Insert(Report, constants=stamps)
        contacts = Insert(Contact, constants={"created_at": now})
        pending = iter(drafts)
        sizes = chain([FIRST_CHUNK], repeat(BULK_CHUNK))
        with WriteBehind() as writer:
            while part := sorted(islice(pending, next(sizes)), key=_neighbours):
                wanted = {draft.case_id for draft in part if draft.case_id} - joined.keys()
                if wanted:
                    writer.wait()  # the connection is this thread's again
                    joined.update(_cases_to_join(wanted, part, by=by))
                case_rows, report_rows, contact_rows = _rows_of(
                    part,
                    ids=(case_ids, report_ids),
                    joined=joined,
                    router=router,
                    by_id=by_id,
                    channel=channel,
                )
                for statement in chain(
                    cases.statements(case_rows),
                    reports.statements(report_rows),
                    contacts.statements(contact_rows),
                    _copies(case_rows, report_rows, now=now, by_id=by_id),
                ):
                    writer.execute(*statement)
                for case in case_rows:
                    by_unit[case["unit_id"]].append(_CaseRef(case["id"], case["title"]))
                joining += [report for report in report_rows if report["case_id"] in joined]
                cells.update(
                    (r["category_id"], r["locality_id"], r["observed_on"]) for r in report_rows
                )
                filed += len(part)
        _join_in_bulk(joined, joining, by=by)
        reports_changed.send(Report, cells=cells)
        transaction.on_commit(
            lambda: [_announce_new_cases(unit, refs) for unit, refs in by_unit.items()]
        )
    return filed


def _copies(
    cases: list[dict], reports: list[dict], *, now: datetime.datetime, by_id: int | None
) -> Iterator[tuple[str, list]]:
    """What follows from a chunk's new cases and reports, copied from them in SQL: the
    "created" history row of each, and each case's "opened" entry."""
    if cases:
        new_cases = Inserted(
            Case, cases[0]["id"] - 1, now, "opened_by_id", by_id, last_id=cases[-1]["id"]
        )
        yield history_statement(Case, new_cases, by_id=by_id)
        yield copy_statement(
            CaseEvent,
            new_cases,
            columns={"case_id": "id", "to_unit_id": "unit_id"},
            constants={"kind": CaseEvent.Kind.OPENED, "at": now, "actor_id": by_id},
        )
    if reports:
        new_reports = Inserted(
            Report, reports[0]["id"] - 1, now, "reported_by_id", by_id, last_id=reports[-1]["id"]
        )
        yield history_statement(Report, new_reports, by_id=by_id)


def _neighbours(draft: Draft) -> tuple[int, int]:
    return draft.category.id, draft.locality.id


def _rows_of(
    drafts: list[Draft],
    *,
    ids: tuple[NewIds, NewIds],
    joined: dict[int, Case],
    router: Router,
    by_id: int | None,
    channel: str,
) -> tuple[list[dict], list[dict], list[dict]]:
    """The rows a chunk of drafts writes: its new cases, its reports and their contacts."""
    case_ids, report_ids = ids
    fresh = iter(case_ids.take(sum(1 for draft in drafts if not draft.case_id)))
    cases, reports, contacts = [], [], []
    for draft, report_id in zip(drafts, report_ids.take(len(drafts)), strict=True):
        if draft.case_id:
            case_id, unit_id = draft.case_id, joined[draft.case_id].unit_id
        else:
            case_id, unit_id = next(fresh), router.unit_id(draft.category.id, draft.locality.id)
            cases.append({"id": case_id, **_case_row(draft, unit_id, by_id)})
        reports.append({"id": report_id, **_report_row(draft, case_id, unit_id, by_id, channel)})
        if draft.contact:
            contact = {name: draft.contact.get(name, "") for name in CONTACT_KEYS}
            contacts.append({"report_id": report_id, **contact})
    return cases, reports, contacts


class _CaseRef(NamedTuple):
    """What the notice about new cases reads of each: enough, and cheap for 100,000."""

    pk: int
    title: str


def _case_row(draft: Draft, unit_id: int, by_id: int | None) -> dict:
    """A new case's values, for one report (`_open_case`) or many (bulk)."""
    title = title_from(draft.summary)
    return {
        "title": title,
        "search_text": _search_text(title),
        "category_id": draft.category.id,
        "locality_id": draft.locality.id,
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
    """A report's values, for one report (`_new_report`) or many (bulk)."""
    return {
        "case_id": case_id,
        "category_id": draft.category.id,
        "locality_id": draft.locality.id,
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


def _cases_to_join(
    wanted: set[int], drafts: Sequence[Draft], *, by: User | None
) -> dict[int, Case]:
    """The open cases the drafts name, locked; refused unless each is open and of the
    draft's category (the import checks this row by row first, with row numbers)."""
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
        if draft.case_id in found and found[draft.case_id].category_id != draft.category.pk:
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
