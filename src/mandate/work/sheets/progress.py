"""Many progress updates at once: a unit's open tasks out as a sheet, the filled sheet back in."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from mandate.core import workbooks
from mandate.core.imports import ImportRefused, RowError
from mandate.core.workbooks import date_of, is_blank, text_of
from mandate.org.models import Unit, User
from mandate.work import services
from mandate.work.models import Task
from mandate.work.sheets.vocabulary import (
    CODE,
    PERCENT,
    PERCENT_ERROR,
    PROGRESS_COLUMNS,
    PROGRESS_GUIDE,
    PROGRESS_NOTES,
    PROGRESS_REQUIRED,
    PROGRESS_WIDTHS,
    REPORT,
    REPORTED_ON,
)


def open_tasks_of(*, unit: Unit, user: User) -> QuerySet[Task]:
    """The tasks a unit leads and has not finished, as the user may see them."""
    return (
        Task.objects.visible_to(user)
        .filter(lead_unit=unit)
        .exclude(status__in=[Task.Status.DONE, Task.Status.CANCELLED])
        .order_by("due_on", "id")
    )


def progress_sheet(tasks: QuerySet[Task]) -> bytes:
    """The tasks with empty report columns, for posting many progress updates at once."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo tiến độ"
    workbooks.style_header(
        sheet, PROGRESS_COLUMNS, PROGRESS_WIDTHS, required=(CODE, PERCENT, REPORT)
    )
    sheet.freeze_panes = "B2"
    for task in tasks.only("id", "content", "due_on", "progress").iterator(chunk_size=2000):
        sheet.append([task.pk, task.content, task.due_on, task.progress])
        for column in (3, 5):
            sheet.cell(row=sheet.max_row, column=column).number_format = workbooks.DATE_FORMAT
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
    percent.error = PERCENT_ERROR
    sheet.add_data_validation(percent)
    percent.add(f"F2:F{max(sheet.max_row, 2)}")
    workbooks.add_guide(workbook, PROGRESS_GUIDE, PROGRESS_NOTES)
    return workbooks.workbook_bytes(workbook)


@dataclass(frozen=True)
class _Report:
    number: int
    task_id: int
    reported_on: datetime.date
    percent: int
    text: str


def _percent(value) -> int:
    number = float(text_of(value).rstrip("%").strip())  # ValueError for words
    if not number.is_integer() or not 0 <= number <= 100:
        raise ValueError(number)
    return int(number)


def _check_report(
    number: int, values: dict, today: datetime.date
) -> tuple[_Report | None, list[RowError]]:
    """One row's report, or every problem of the row; the task's access is checked later."""
    errors = []
    task_id, reported_on, percent = 0, today, 0

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    try:
        task_id = int(text_of(values.get(CODE)))
    except ValueError:
        error(CODE, _("is not a task code"))
    try:
        reported_on = date_of(values.get(REPORTED_ON)) or today
    except ValueError:
        error(REPORTED_ON, _("is not a date (write dd/mm/yyyy)"))
    else:
        if reported_on > today:
            error(REPORTED_ON, _("is in the future"))
    try:
        percent = _percent(values.get(PERCENT))
    except ValueError:
        error(PERCENT, _("must be a whole number from 0 to 100"))
    text = text_of(values.get(REPORT))
    if not text:
        error(REPORT, _("say what was done"))
    if errors:
        return None, errors
    return _Report(number, task_id, reported_on, percent, text), []


def _check_access(reports: list[_Report], by: User) -> list[RowError]:
    codes = [report.task_id for report in reports]
    visible = set(Task.objects.visible_to(by).filter(pk__in=codes).values_list("pk", flat=True))
    editable = set(Task.objects.editable_by(by).filter(pk__in=codes).values_list("pk", flat=True))
    errors, seen = [], set()
    for report in reports:
        # A task the user cannot see is answered like one that does not exist.
        if report.task_id not in visible:
            errors.append(RowError(report.number, CODE, _("no task has this code")))
        elif report.task_id not in editable:
            errors.append(RowError(report.number, CODE, _("you cannot report on this task")))
        elif report.task_id in seen:
            errors.append(RowError(report.number, CODE, _("appears twice in the sheet")))
        seen.add(report.task_id)
    return errors


def import_progress(*, data: bytes, by: User) -> int:
    """One progress update per filled row, through post_update: every row, or none if one is wrong.

    Rows whose three report columns are blank are skipped; a blank date means today.
    """
    today = timezone.localdate()
    filled = [
        (number, values)
        for number, values in workbooks.read_rows(data, PROGRESS_COLUMNS, PROGRESS_REQUIRED)
        if not all(is_blank(values.get(column)) for column in (REPORTED_ON, PERCENT, REPORT))
    ]
    if not filled:
        raise workbooks.UnreadableSheet(_("No row of the sheet has a progress report filled in."))
    reports, errors = [], []
    for number, values in filled:
        report, row_errors = _check_report(number, values, today)
        errors += row_errors
        if report is not None:
            reports.append(report)
    errors += _check_access(reports, by)
    if errors:
        raise ImportRefused(sorted(errors, key=lambda error: error.number))
    with transaction.atomic():
        tasks = Task.objects.editable_by(by).in_bulk([report.task_id for report in reports])
        for report in reports:
            _post(report, tasks[report.task_id], by)
    return len(reports)


def _post(report: _Report, task: Task, by: User) -> None:
    try:
        services.post_update(
            task=task,
            reported_on=report.reported_on,
            percent=report.percent,
            text=report.text,
            by=by,
        )
    except ValidationError as error:  # changed since the check: the whole sheet is refused
        message = " ".join(error.messages)
        raise ImportRefused([RowError(report.number, CODE, message)]) from error
