"""Workbooks built and read in memory for the sheet tests."""

import io

from openpyxl import Workbook, load_workbook

from mandate.work.sheets import TASK_COLUMNS


def workbook_bytes(rows: list[list], columns: list[str] | None = None) -> bytes:
    """A one-sheet workbook: the header row, then the rows as given."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(TASK_COLUMNS if columns is None else columns)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def task_row(**values) -> list:
    """A row of the task sheet from keyword values named after the columns' positions."""
    names = [
        "content",
        "method",
        "output",
        "start",
        "due",
        "lead",
        "coordinating",
        "documents",
        "key",
        "note",
        "recurrence",
    ]
    unknown = set(values) - set(names)
    assert not unknown, unknown
    return [values.get(name) for name in names]


def read_sheet(data: bytes, title: str | None = None) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[title] if title else workbook.worksheets[0]
    return list(sheet.iter_rows(values_only=True))
