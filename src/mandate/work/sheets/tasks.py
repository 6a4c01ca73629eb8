"""A plan's tasks in Excel: the template, the all-or-nothing import, the export of any list."""

import datetime
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from mandate.core import workbooks
from mandate.core.imports import ImportRefused, ImportSummary, RowError
from mandate.core.text import fold
from mandate.core.workbooks import date_of, dmy, text_of
from mandate.directives.selectors import documents_for
from mandate.org.models import Unit, User
from mandate.work.models import Bucket, Plan, Task
from mandate.work.sheets.vocabulary import (
    BUCKET_WORDS,
    CHOICE_ERROR,
    CONTENT,
    COORDINATING,
    DOCUMENTS,
    DUE,
    EXPORT_COLUMNS,
    EXPORT_WIDTHS,
    KEY,
    KEY_READ,
    KEY_WORDS,
    LEAD,
    LOCAL_NOTE,
    METHOD,
    OUTPUT,
    OVERDUE_WORD,
    RECURRENCE,
    RECURRENCE_READ,
    RECURRENCE_WORDS,
    START,
    STATUS_WORDS,
    TASK_COLUMNS,
    TASK_GUIDE,
    TASK_NOTES,
    TASK_REQUIRED,
    TASK_WIDTHS,
)

_SPACES = re.compile(r"\s+")
TEMPLATE_ROWS = 2000  # how far down the drop-downs of the template reach

# The template and the export ------------------------------------------------


def task_template() -> bytes:
    """The blank .xlsx template for a plan's tasks, with a sheet explaining each column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    workbooks.style_header(sheet, TASK_COLUMNS, TASK_WIDTHS, required=TASK_REQUIRED)
    _drop_down(sheet, KEY, KEY_WORDS)
    _drop_down(sheet, RECURRENCE, list(RECURRENCE_WORDS.values()))
    workbooks.add_guide(workbook, TASK_GUIDE, TASK_NOTES)
    return workbooks.workbook_bytes(workbook)


def _drop_down(sheet, column: str, values: list[str]) -> None:
    """A list to pick from, which still lets people leave the cell blank."""
    letter = get_column_letter(TASK_COLUMNS.index(column) + 1)
    validation = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True)
    validation.error = CHOICE_ERROR
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")


def export_tasks(tasks: QuerySet[Task]) -> bytes:
    """Any task list as .xlsx, read from the database in chunks and written as it streams."""
    today = timezone.localdate()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhiệm vụ")
    workbooks.streamed_header(sheet, EXPORT_COLUMNS, EXPORT_WIDTHS)
    rows = tasks.select_related("lead_unit").prefetch_related(
        "coordinating_units", "source_documents"
    )
    for task in rows.iterator(chunk_size=2000):
        sheet.append(_export_row(sheet, task, today))
    return workbooks.workbook_bytes(workbook)


def _export_row(sheet, task: Task, today: datetime.date) -> list:
    bucket = task.bucket(today)
    return [
        task.content,
        task.method,
        task.expected_output,
        workbooks.date_cell(sheet, task.start_on),
        workbooks.date_cell(sheet, task.due_on),
        task.lead_unit.name,
        "; ".join(unit.name for unit in task.coordinating_units.all()),
        "; ".join(document.symbol for document in task.source_documents.all()),
        "x" if task.is_key else "",
        task.local_note,
        RECURRENCE_WORDS.get(task.recurrence, ""),
        OVERDUE_WORD if bucket == Bucket.PENDING_OVERDUE else STATUS_WORDS[task.status],
        task.progress,
        BUCKET_WORDS.get(bucket, ""),
        task.pk,
    ]


# Names in the sheet to rows in the database ---------------------------------


def _plain(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


class _UnitNames:
    """Units by name or abbreviation: an exact match first, then one ignoring accents."""

    def __init__(self, units: Iterable[tuple[int, str, str]]):
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.folded: dict[str, set[int]] = defaultdict(set)
        for pk, name, abbreviation in units:
            for label in filter(None, (name, abbreviation)):
                self.exact[_plain(label)].add(pk)
                self.folded[fold(label)].add(pk)

    def find(self, label: str) -> set[int]:
        """The ids of the units so named: a copy, for callers to use up."""
        return set(self.exact.get(_plain(label)) or self.folded.get(fold(label)) or ())


def _symbol_key(text: str) -> str:
    """ "Số: 12/KH-UBND" and "12 / KH-UBND" name the same document; case stays (QyĐ ≠ QĐ)."""
    text = unicodedata.normalize("NFC", text).strip()
    text = re.sub(r"^(số|so)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return _SPACES.sub("", text)


@dataclass
class _Lookups:
    """Everything rows are checked against, read in a few queries before the first row."""

    plan: Plan
    lead_units: _UnitNames
    units: _UnitNames
    documents: dict[str, int]


def _lookups(plan: Plan, by: User) -> _Lookups:
    visible = Unit.objects.visible_to(by).filter(is_active=True)
    units = list(visible.values_list("id", "name", "abbreviation", "path"))
    in_plan = [unit[:3] for unit in units if unit[3].startswith(plan.unit.path)]
    plan_documents = set(plan.source_documents.values_list("id", flat=True))
    documents: dict[str, int] = {}
    # Where two documents share a number, the plan's own sources win, then the newest.
    ordered = documents_for(user=by).order_by("issued_on", "id").values_list("id", "symbol")
    for pk, symbol in sorted(ordered, key=lambda document: document[0] in plan_documents):
        documents[_symbol_key(symbol)] = pk
    return _Lookups(plan, _UnitNames(in_plan), _UnitNames(unit[:3] for unit in units), documents)


# Checking rows ---------------------------------------------------------------


@dataclass
class _TaskRow:
    task: Task
    coordinating: list[int]
    documents: list[int]


class _RowCheck:
    """Reads one row of the task sheet, noting every problem instead of stopping at the first."""

    def __init__(self, number: int, values: dict, lookups: _Lookups):
        self.number, self.values, self.lookups = number, values, lookups
        self.errors: list[RowError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str, required: bool = False) -> str:
        text = text_of(self.values.get(column))
        if required and not text:
            self.error(column, _("is required"))
        return text

    def date(self, column: str, required: bool = False) -> datetime.date | None:
        try:
            day = date_of(self.values.get(column))
        except ValueError:
            self.error(column, _("is not a date (write dd/mm/yyyy)"))
            return None
        if day is None and required:
            self.error(column, _("is required"))
        return day

    def dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        start, due = self.date(START), self.date(DUE, required=True)
        plan = self.lookups.plan
        if due and not plan.period_start <= due <= plan.period_end:
            self.error(
                DUE,
                _("is outside the plan's period (%(start)s to %(end)s)")
                % {"start": dmy(plan.period_start), "end": dmy(plan.period_end)},
            )
        if start and due and start > due:
            self.error(START, _("is after the due date (%(due)s)") % {"due": dmy(due)})
        return start, due

    def lead_unit(self) -> int | None:
        name = self.text(LEAD, required=True)
        if not name:
            return None
        found = self.lookups.lead_units.find(name)
        if len(found) == 1:
            return found.pop()
        if found:
            self.error(LEAD, _("several units are called “%(name)s”") % {"name": name})
        elif self.lookups.units.find(name):
            self.error(LEAD, _("“%(name)s” is not the plan's unit or below it") % {"name": name})
        else:
            self.error(LEAD, _("no unit is called “%(name)s”") % {"name": name})
        return None

    def coordinating_units(self) -> list[int]:
        found = []
        for name in re.split(r"[;\n]", self.text(COORDINATING)):
            if not (name := name.strip()):
                continue
            units = self.lookups.units.find(name)
            if len(units) == 1:
                found.append(units.pop())
            elif units:
                self.error(COORDINATING, _("several units are called “%(name)s”") % {"name": name})
            else:
                self.error(COORDINATING, _("no unit is called “%(name)s”") % {"name": name})
        return found

    def documents(self) -> list[int]:
        found = []
        for symbol in re.split(r"[;,\n]", self.text(DOCUMENTS)):
            if not (symbol := symbol.strip()):
                continue
            if (pk := self.lookups.documents.get(_symbol_key(symbol))) is not None:
                found.append(pk)
            else:
                message = _("no document numbered “%(symbol)s” in the register")
                self.error(DOCUMENTS, message % {"symbol": symbol})
        return found

    def is_key(self) -> bool:
        value = self.values.get(KEY)
        if isinstance(value, bool):  # TRUE / FALSE typed into Excel
            return value
        key = fold(text_of(value))
        if key not in KEY_READ:
            self.error(KEY, _("must be “x”, “có” or blank"))
        return KEY_READ.get(key, False)

    def recurrence(self) -> str:
        key = fold(self.text(RECURRENCE))
        if key not in RECURRENCE_READ:
            words = ", ".join(f"“{word}”" for word in RECURRENCE_WORDS.values())
            self.error(RECURRENCE, _("must be blank or one of: %(values)s") % {"values": words})
        return RECURRENCE_READ.get(key, Task.Recurrence.NONE)


def _check_task_row(
    number: int, values: dict, lookups: _Lookups, by: User
) -> tuple[_TaskRow | None, list[RowError]]:
    row = _RowCheck(number, values, lookups)
    content = row.text(CONTENT, required=True)
    start, due = row.dates()
    lead = row.lead_unit()
    coordinating, documents = row.coordinating_units(), row.documents()
    is_key, recurrence = row.is_key(), row.recurrence()
    if row.errors:
        return None, row.errors
    task = Task(
        plan=lookups.plan,
        origin=Task.Origin.PLAN,
        content=content,
        method=row.text(METHOD),
        expected_output=row.text(OUTPUT),
        start_on=start,
        due_on=due,
        lead_unit_id=lead,
        is_key=is_key,
        local_note=row.text(LOCAL_NOTE),
        recurrence=recurrence,
        created_by=by,
    )
    task.refresh_search_text()  # bulk_create bypasses save(), which keeps it otherwise
    coordinating = [pk for pk in dict.fromkeys(coordinating) if pk != lead]
    return _TaskRow(task, coordinating, list(dict.fromkeys(documents))), []


# The import ------------------------------------------------------------------


def _check_plan(plan: Plan, by: User) -> None:
    if not Plan.objects.editable_by(by).filter(pk=plan.pk).exists():
        raise ValidationError(_("You cannot add tasks to this plan."))
    if plan.is_locked:
        raise ValidationError(_("The plan is approved and locked: reopen it first."))


def import_plan_tasks(*, plan: Plan, data: bytes, by: User) -> ImportSummary:
    """Every row of the sheet becomes a task of the plan, or, if any row is wrong, none does.

    Rows are read and checked before the transaction opens, against units and documents
    read up front; the writes are a handful of bulk inserts, history rows included.
    """
    _check_plan(plan, by)
    raw_rows = workbooks.read_rows(data, TASK_COLUMNS, TASK_REQUIRED)
    if not raw_rows:
        raise workbooks.UnreadableSheet(_("The sheet has no tasks: fill in one task per row."))
    lookups = _lookups(plan, by)
    rows, errors = [], []
    for number, values in raw_rows:
        row, row_errors = _check_task_row(number, values, lookups, by)
        errors += row_errors
        if row is not None:
            rows.append(row)
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        # Checked again under the write lock: a leader may have approved it meanwhile.
        _check_plan(Plan.objects.select_for_update().get(pk=plan.pk), by)
        _create_tasks(rows, by)
    return ImportSummary(created=len(rows), updated=0, unchanged=0)


def _create_tasks(rows: list[_TaskRow], by: User) -> None:
    tasks = bulk_create_with_history(
        [row.task for row in rows], Task, batch_size=500, default_user=by
    )
    coordination = Task.coordinating_units.through
    sources = Task.source_documents.through
    pairs = list(zip(tasks, rows, strict=True))
    coordination.objects.bulk_create(
        [coordination(task_id=t.pk, unit_id=unit) for t, row in pairs for unit in row.coordinating],
        batch_size=1000,
    )
    sources.objects.bulk_create(
        [sources(task_id=t.pk, document_id=doc) for t, row in pairs for doc in row.documents],
        batch_size=1000,
    )
