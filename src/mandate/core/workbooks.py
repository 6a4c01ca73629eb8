"""Reading and writing .xlsx workbooks, whatever the sheet holds."""

import datetime
import io
import re
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from mandate.core.imports import ImportRefused, RowError
from mandate.core.text import fold

MAX_ROWS = 10_000
# A 10 MB upload can inflate a thousandfold; refuse before openpyxl expands it.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# The header row may sit under a title line or two; it is looked for this far down.
HEADER_SEARCH_ROWS = 10
DATE_FORMAT = "DD/MM/YYYY"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")

_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class UnreadableSheet(ImportRefused):
    """The file as a whole is refused (not an .xlsx, no header row, no rows): one error."""

    def __init__(self, message: str):
        # Not ImportRefused's "N bad rows" summary: no row is at fault, the file is.
        Exception.__init__(self, message)
        self.errors = [RowError(0, "", message)]


# Writing ---------------------------------------------------------------------


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def style_header(sheet, columns: list[str], widths: list[int], required=()) -> None:
    """Bold, shaded (required columns in orange), wrapped first row; widths; frozen."""
    sheet.append(columns)
    for index, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.alignment = HEADER_FONT, HEADER_ALIGNMENT
        cell.fill = REQUIRED_FILL if column in required else HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def streamed_header(sheet, columns: list[str], widths: list[int]) -> None:
    """The same header on a write-only sheet, whose cells are styled before they are written."""
    cells = []
    for index, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = WriteOnlyCell(sheet, column)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        cells.append(cell)
    sheet.freeze_panes = "A2"
    sheet.append(cells)


def date_cell(sheet, value: datetime.date | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = DATE_FORMAT
    return cell


def add_guide(workbook: Workbook, rows: list[tuple[str, bool, str]], notes: list[str]) -> None:
    """A "Hướng dẫn" sheet: general notes, then each column, whether required, how to fill it."""
    sheet = workbook.create_sheet("Hướng dẫn")
    for letter, width in zip("ABC", (32, 10, 95), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(["Cách điền"])
    sheet["A1"].font = Font(bold=True, size=13)
    for note in notes:
        sheet.append([note])
    sheet.append([])
    sheet.append(["Cột", "Bắt buộc", "Cách ghi"])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for column, required, explanation in rows:
        sheet.append([column, "có" if required else "", explanation])


# Reading ---------------------------------------------------------------------


def _header_key(value) -> str:
    """A header as typed: case, accents, a (*) mark and "(bắt buộc)" do not matter."""
    text = fold(str(value or "")).replace("(*)", "").replace("(bat buoc)", "")
    return text.replace("*", "").strip()


def _cell_value(cell):
    value = cell.value
    # 50 % typed into Excel is stored as 0.5 with a percent format.
    if isinstance(value, int | float) and "%" in (cell.number_format or ""):
        return round(value * 100, 6)
    return value


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _open(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise UnreadableSheet(_("The workbook is too large once unpacked."))
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UnreadableSheet:
        raise
    except Exception as error:  # a damaged file can fail anywhere inside openpyxl
        raise UnreadableSheet(
            _("The file is not a valid Excel workbook (.xlsx). Save it as .xlsx and try again.")
        ) from error


def read_rows(data: bytes, columns: list[str], required: list[str]) -> list[tuple[int, dict]]:
    """(row number as the spreadsheet shows it, {column: value}) of every non-blank row.

    The header row is looked for in the first rows of each sheet, so a title line above
    it or a guide sheet placed first does no harm; the columns may come in any order.
    """
    workbook = _open(data)
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some writers record a wrong used range
            rows = sheet.iter_rows()
            for number, header in enumerate(rows, start=1):
                found = {_header_key(cell.value): index for index, cell in enumerate(header)}
                keys = {column: _header_key(column) for column in columns}
                positions = {column: found[key] for column, key in keys.items() if key in found}
                if all(column in positions for column in required):
                    return _data_rows(rows, number, positions)
                if number >= HEADER_SEARCH_ROWS:
                    break
    finally:
        workbook.close()
    raise UnreadableSheet(
        _(
            "No header row with the columns %(columns)s was found. "
            "Download the template and keep its first row as it is."
        )
        % {"columns": ", ".join(f"“{column}”" for column in required)}
    )


def _data_rows(rows, header_number: int, positions: dict[str, int]) -> list[tuple[int, dict]]:
    found = []
    for number, cells in enumerate(rows, start=header_number + 1):
        values = {
            column: _cell_value(cells[index]) if index < len(cells) else None
            for column, index in positions.items()
        }
        if all(is_blank(value) for value in values.values()):
            continue
        if len(found) == MAX_ROWS:
            raise UnreadableSheet(
                _("The sheet has more than %(count)s rows; split it into several files.")
                % {"count": MAX_ROWS}
            )
        found.append((number, values))
    return found


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def date_of(value) -> datetime.date | None:
    """A real Excel date or dd/mm/yyyy text; None when blank; ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = text_of(value)
    if not text:
        return None
    if match := _DATE_TEXT.match(text):
        day, month, year = map(int, match.groups())
    elif match := _ISO_DATE_TEXT.match(text):
        year, month, day = map(int, match.groups())
    else:
        raise ValueError(text)
    return datetime.date(year, month, day)


def dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
