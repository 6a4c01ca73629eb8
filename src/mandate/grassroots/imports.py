"""Grassroots reports from a CSV or Excel file: every row or none (DESIGN.md rule 2).

Each row becomes the raw mapping `Intake.clean` takes and is checked by the one Intake
the web form, the API and Open311 use. `services.file_reports_in_bulk` writes the good
rows in one transaction while the next are read and checked; a bad row anywhere rolls
it all back, and the refusal names every bad row. Headers may be the template's
Vietnamese ones (or a few common variants) or the English field names, in any order,
case and accents aside. The template is an interchange format: its headers and guide
are Vietnamese whatever the interface language; error reasons follow the user's.
"""

import csv
import datetime
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from mandate.core.imports import ImportRefused, RowError
from mandate.core.text import fold
from mandate.core.workbooks import (
    HEADER_SEARCH_ROWS,
    MAX_UNPACKED_BYTES,
    UnreadableSheet,
    add_guide,
    style_header,
    workbook_bytes,
)
from mandate.grassroots import services
from mandate.grassroots.intake import Draft, Intake, case_number
from mandate.grassroots.models import Report
from mandate.grassroots.selectors import joinable_cases
from mandate.org.models import User

# Larger than other uploads (core.uploads allows 10 MB): 20 MB of CSV is ~100,000 reports.
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
# Rows checked before the good ones among them go to be written (see checked_drafts).
CHECK_CHUNK = 5_000
SUFFIXES = (".csv", ".xlsx")
# Excel keeps a commune code typed as a number without its leading zeros ("00031" -> 31).
LOCALITY_CODE_DIGITS = 5

# field -> the template's header first, then other headers read as the same column.
COLUMNS: dict[str, tuple[str, ...]] = {
    "category": ("Lĩnh vực", "Lĩnh vực phản ánh", "Loại phản ánh"),
    "locality": ("Xã/phường", "Xã, phường", "Mã xã", "Địa bàn"),
    "observed_on": ("Ngày phát hiện", "Ngày xảy ra"),
    "received_on": ("Ngày tiếp nhận", "Ngày nhận"),
    "severity": ("Mức độ", "Mức độ nghiêm trọng"),
    "people_affected": ("Số người ảnh hưởng", "Số người bị ảnh hưởng"),
    "summary": ("Nội dung", "Nội dung phản ánh", "Tóm tắt"),
    "case": ("Mã vụ việc", "Vụ việc"),
    "contact_name": ("Họ tên người phản ánh", "Người phản ánh"),
    "contact_phone": ("Điện thoại người phản ánh", "Số điện thoại"),
    "contact_email": ("Email người phản ánh", "Thư điện tử"),
    "contact_address": ("Địa chỉ người phản ánh",),
    "lat": ("Vĩ độ", "latitude"),
    "lon": ("Kinh độ", "longitude"),
}
REQUIRED = ("category", "observed_on", "severity", "summary")
CONTACTS = ("contact_phone", "contact_email", "contact_name", "contact_address")

# The template's example row; left unchanged in a file, it is refused, not imported.
SAMPLE_CATEGORY, SAMPLE_SEVERITY, SAMPLE_PEOPLE = "environment", 2, 40
SAMPLE_SUMMARY = "Ví dụ: nước thải từ cơ sở sản xuất chảy ra kênh thủy lợi thôn Đông, bốc mùi"
GUIDE = [
    ("Lĩnh vực", True, "Mã hoặc tên lĩnh vực, xem sheet “Danh mục”."),
    ("Xã/phường", True, "Mã hoặc tên xã, phường mà anh/chị được báo cáo, xem sheet “Danh mục”."),
    ("Ngày phát hiện", True, "Ngày kiểu Excel hoặc chữ dạng dd/mm/yyyy; không sau hôm nay."),
    ("Ngày tiếp nhận", False, "dd/mm/yyyy; để trống là hôm nay; không trước ngày phát hiện."),
    ("Mức độ", True, "Số từ 1 (nhẹ) đến 4 (rất nghiêm trọng)."),
    ("Số người ảnh hưởng", False, "Số nguyên, ước lượng; để trống là 0."),
    (
        "Nội dung",
        True,
        "Mô tả sự việc (10 đến 2000 ký tự). Số điện thoại, số CCCD/CMND, email"
        " trong nội dung được tự động ẩn.",
    ),
    (
        "Mã vụ việc",
        False,
        "Để trống để mở vụ việc mới; ghi mã một vụ việc đang mở cùng lĩnh vực"
        " để gộp phản ánh vào vụ việc đó.",
    ),
    (
        "Họ tên / Điện thoại / Email / Địa chỉ người phản ánh",
        False,
        "Chỉ để liên hệ lại; lưu riêng, chỉ cán bộ tiếp nhận xem được, tự xóa 90 ngày sau khi"
        " vụ việc kết thúc.",
    ),
    (
        "Vĩ độ, Kinh độ",
        False,
        "Tọa độ nơi xảy ra; khi để trống cột Xã/phường, hệ thống tìm xã gần nhất.",
    ),
]
NOTES = [
    "Dòng 1 là dòng tiêu đề: giữ nguyên tên các cột. Mỗi dòng tiếp theo là một phản ánh.",
    "Dòng thứ 2 là ví dụ: sửa lại hoặc xóa đi trước khi nhập (dòng ví dụ để nguyên sẽ bị từ chối).",
    "Tệp .xlsx hoặc .csv (UTF-8), tối đa 20 MB và 100.000 dòng.",
    "Tệp được nhập trọn vẹn hoặc không nhập gì: nếu có dòng sai, hệ thống liệt kê mọi dòng sai"
    " (số dòng, cột, lý do) và không nhập dòng nào. Sửa các dòng đó rồi tải lên lại.",
]


def _header_key(text) -> str:
    """A header as typed: case, accents, "(*)", "_" and spaces around "/" do not matter."""
    key = fold(str(text or "")).replace("(*)", "").replace("(bat buoc)", "").replace("*", "")
    key = key.replace("_", " ").replace(" / ", "/").replace("/ ", "/").replace(" /", "/")
    return " ".join(key.split())


HEADERS: dict[str, str] = {
    _header_key(name): field for field, names in COLUMNS.items() for name in (field, *names)
}


@dataclass
class Columns:
    """Where each field is in the file, and its header as the file spells it."""

    positions: dict[str, int]
    headers: dict[str, str]

    @classmethod
    def find(cls, header: Iterable) -> "Columns | None":
        positions, headers = {}, {}
        for index, text in enumerate(header):
            field = HEADERS.get(_header_key(text))
            if field and field not in positions:
                positions[field] = index
                headers[field] = str(text).strip()
        has_place = "locality" in positions or {"lat", "lon"} <= positions.keys()
        if has_place and all(field in positions for field in REQUIRED):
            return cls(positions, headers)
        return None

    def header(self, field: str) -> str:
        if field == "contact":  # Intake checks the phone and e-mail together
            return " / ".join(self.headers[name] for name in CONTACTS[:2] if name in self.headers)
        if field == "locality" and field not in self.headers:
            return " / ".join(self.headers[name] for name in ("lat", "lon"))
        return self.headers.get(field, "")

    def row(self, values) -> dict:
        width = len(values)
        raw = {
            field: values[index] if index < width else None
            for field, index in self.positions.items()
        }
        if "locality" in raw:
            raw["locality"] = _locality_code(raw["locality"])
        return raw


def missing_header() -> UnreadableSheet:
    names = ", ".join(f"“{COLUMNS[field][0]}”" for field in ("category", "locality", *REQUIRED[1:]))
    return UnreadableSheet(
        _(
            "No header row with the columns %(columns)s was found. "
            "Download the template and keep its first row as it is."
        )
        % {"columns": names}
    )


# Reading -----------------------------------------------------------------------


def read_file(data: bytes, *, filename: str) -> tuple[Columns, list[tuple[int, dict]]]:
    """The columns found and (row number as a spreadsheet shows it, raw values) of every
    non-blank row."""
    columns, rows = read_rows(data, filename=filename)
    return columns, list(rows)


def read_rows(data: bytes, *, filename: str) -> tuple[Columns, Iterator[tuple[int, dict]]]:
    """The columns found, then each non-blank row as it is read: (row number as a
    spreadsheet shows it, raw values). A file that cannot be read at all is refused
    here; one of more than MAX_ROWS rows when its row MAX_ROWS + 1 comes."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableSheet(
            _("Only .xlsx and .csv files can be imported: save the sheet as one and try again.")
        )
    if len(data) > MAX_IMPORT_BYTES:
        raise UnreadableSheet(
            _("“%(name)s” is larger than %(limit)s MB.")
            % {"name": filename, "limit": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    columns, rows = _read_csv(data) if suffix == ".csv" else _read_xlsx(data)
    return columns, _at_most(MAX_ROWS, columns, rows)


def _at_most(limit: int, columns: Columns, rows: Iterator[tuple[int, list]]):
    for count, (number, values) in enumerate(rows):
        if count == limit:
            raise UnreadableSheet(
                _("The sheet has more than %(count)s rows; split it into several files.")
                % {"count": limit}
            )
        yield number, columns.row(values)


def _read_csv(data: bytes) -> tuple[Columns, Iterator[tuple[int, list]]]:
    text = _decode(data)
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = max(",;\t", key=first_line.count)  # Excel in Vietnamese saves with ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    columns = Columns.find(header or [])
    if columns is None:
        raise missing_header()
    rows = (
        (number, values) for number, values in enumerate(reader, start=2) if "".join(values).strip()
    )
    return columns, rows


def _decode(data: bytes) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableSheet(
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8” and try again.")
        ) from None
    # Text typed on a Mac may come decomposed; stored text is composed, like the web form's.
    return unicodedata.normalize("NFC", text)


def _read_xlsx(data: bytes) -> tuple[Columns, Iterator[tuple[int, list]]]:
    workbook = _open_workbook(data)
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()  # some writers record a wrong used range
        rows = sheet.iter_rows(values_only=True)
        for number, header in enumerate(rows, start=1):
            columns = Columns.find(header)
            if columns is not None:
                return columns, _xlsx_rows(workbook, rows, number)
            if number >= HEADER_SEARCH_ROWS:
                break
    workbook.close()
    raise missing_header()


def _open_workbook(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile:
        unpacked = None
    if unpacked is None:
        raise UnreadableSheet(
            _("The file is not a valid Excel workbook (.xlsx). Save it as .xlsx and try again.")
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableSheet(_("The workbook is too large once unpacked."))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged file can fail anywhere inside openpyxl
        raise UnreadableSheet(
            _("The file is not a valid Excel workbook (.xlsx). Save it as .xlsx and try again.")
        ) from error


def _xlsx_rows(workbook, rows, header_number: int):
    try:
        for number, values in enumerate(rows, start=header_number + 1):
            values = [_cell(value) for value in values]
            if any(value != "" for value in values):
                yield number, values
    finally:
        workbook.close()


def _cell(value):
    """Excel's values as the Intake reads them: whole numbers without ".0", text stripped."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value
    return str(value)


def _locality_code(value):
    """A commune code that lost its leading zeros in Excel gets them back."""
    if isinstance(value, str) and value.isdigit() and len(value) < LOCALITY_CODE_DIGITS:
        return value.zfill(LOCALITY_CODE_DIGITS)
    return value


# Checking and writing ------------------------------------------------------------


def import_reports(file, *, filename: str, by: User, today: datetime.date | None = None) -> int:
    """Every row of the file becomes a report, or, if any row is wrong, none does.

    `file` is the file's bytes or a binary file object. Raises ImportRefused listing
    each bad row with its number, column and reason (UnreadableSheet, a kind of it,
    when the file as a whole cannot be read). Returns the number of reports filed.
    Rows are written while the rows after them are still being checked; a bad row
    anywhere rolls the whole transaction back.
    """
    data = _bytes_of(file)
    intake = Intake(by, today=today)
    if not intake.localities:
        raise UnreadableSheet(_("You report on no commune, so you cannot import reports."))
    columns, rows = read_rows(data, filename=filename)
    first = next(rows, None)
    if first is None:
        raise UnreadableSheet(_("The file has no reports: fill in one report per row."))
    rows = chain([first], rows)
    cases = {}
    if "case" in columns.positions:
        # The cases rows name are looked up before any row is written: from then on the
        # connection is the writing thread's. Such a file is read whole first.
        rows = list(rows)
        cases = _named_cases(rows, by=by)
    drafts = checked_drafts(rows, columns=columns, intake=intake, cases=cases)
    return services.file_reports_in_bulk(drafts, by=by, channel=Report.Channel.IMPORT)


def _bytes_of(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    data = file.read(MAX_IMPORT_BYTES + 1)  # never more than the limit into memory
    return data.encode() if isinstance(data, str) else data


def checked_drafts(
    rows: Iterable[tuple[int, dict]], *, columns: Columns, intake: Intake, cases: dict[int, int]
) -> Iterator[Draft]:
    """The draft of each row, a chunk of rows at a time as they are read, for writing
    while the next chunk is read and checked. After a bad row no more drafts come,
    though every row is still checked; at the end, ImportRefused names every bad row.
    No query runs here: the rows before are being written on the same connection
    (`cases` is `_named_cases`)."""
    errors: list[RowError] = []
    rows = iter(rows)
    while chunk := list(islice(rows, CHECK_CHUNK)):
        drafts, found = check_rows(chunk, columns=columns, intake=intake)
        errors += found + _check_cases(drafts, columns=columns, cases=cases)
        if not errors:
            yield from (draft for _number, draft in drafts)
    if errors:
        raise ImportRefused(sorted(errors, key=lambda error: error.number))


def check_rows(
    rows: list[tuple[int, dict]], *, columns: Columns, intake: Intake
) -> tuple[list[tuple[int, Draft]], list[RowError]]:
    """Each row through the Intake: its draft, or its errors under the file's headers."""
    drafts, errors = [], []
    clean = intake.clean
    for number, raw in rows:
        if raw.get("summary") == SAMPLE_SUMMARY:
            errors.append(
                RowError(
                    number,
                    columns.header("summary"),
                    _("This is the template's example row: replace it or delete it."),
                )
            )
            continue
        try:
            drafts.append((number, clean(raw)))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors += [RowError(number, columns.header(field), text) for text in messages]
    return drafts, errors


def _named_cases(rows: list[tuple[int, dict]], *, by: User) -> dict[int, int]:
    """The category of each case the rows name that is open to this person's reports.
    A value that is not a number is left to the row's check."""
    wanted = sorted({number for _row, raw in rows if (number := case_number(raw.get("case")))})
    categories = {}
    for start in range(0, len(wanted), 500):
        chunk = joinable_cases(user=by).filter(pk__in=wanted[start : start + 500])
        categories.update(chunk.values_list("pk", "category_id"))
    return categories


def _check_cases(
    drafts: list[tuple[int, Draft]], *, columns: Columns, cases: dict[int, int]
) -> list[RowError]:
    """Rows naming a case may join it only if it is open to this person and of their category."""
    errors = []
    for number, draft in drafts:
        if not draft.case_id:
            continue
        if draft.case_id not in cases:
            message = _("This case is not open to new reports.")
        elif cases[draft.case_id] != draft.category.pk:
            message = _("This case is about another category.")
        else:
            continue
        errors.append(RowError(number, columns.header("case"), message))
    return errors


# The template --------------------------------------------------------------------


def report_template(*, user: User) -> bytes:
    """The .xlsx template: the headers and an example row, the categories and communes
    this person may use, and a guide to each column."""
    intake = Intake(user)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phản ánh"
    headers = [names[0] for names in COLUMNS.values()]
    required = [COLUMNS[field][0] for field in ("category", "locality", *REQUIRED[1:])]
    style_header(sheet, headers, [24, 24, 15, 15, 9, 12, 70, 12, 24, 18, 24, 30, 10, 10], required)
    first = next(iter(intake.localities.values()), None)
    today = intake.today
    sheet.append(
        [
            SAMPLE_CATEGORY,
            first.code if first else "",
            today - datetime.timedelta(days=1),
            today,
            SAMPLE_SEVERITY,
            SAMPLE_PEOPLE,
            SAMPLE_SUMMARY,
        ]
    )
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
        if isinstance(cell.value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
    _lists(workbook, intake)
    add_guide(workbook, GUIDE, NOTES)
    return workbook_bytes(workbook)


def _lists(workbook: Workbook, intake: Intake) -> None:
    sheet = workbook.create_sheet("Danh mục")
    sheet.append(["Mã lĩnh vực", "Lĩnh vực", "Hạn giải quyết (ngày)", "", "Mã xã", "Xã, phường"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (18, 45, 12, 3, 10, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    categories = [(c.code, c.name, c.deadline_days) for c in intake.categories]
    localities = [(place.code, place.name) for place in intake.localities.values()]
    for index in range(max(len(categories), len(localities))):
        category = categories[index] if index < len(categories) else ("", "", "")
        locality = localities[index] if index < len(localities) else ("", "")
        sheet.append([*category, "", *locality])
