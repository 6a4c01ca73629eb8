"""Training records in Excel: the import template, the all-or-nothing import, the export.

Headers and words are Vietnamese, as the sheets people exchange are; a subject or a level
is read from its Vietnamese word, its English label or its code/number."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from mandate.core import workbooks
from mandate.core.imports import ImportRefused, RowError
from mandate.core.text import fold
from mandate.core.workbooks import date_of, text_of
from mandate.org.models import Unit, User
from mandate.people import services
from mandate.people.models import LEVELS, Subject, TrainingRecord
from mandate.people.selectors import training_people

PERSON = "Người học"
POSITION = "Chức vụ"
UNIT = "Đơn vị"
SUBJECT = "Lĩnh vực"
LEVEL = "Trình độ"
COURSE = "Khóa học, văn bằng"
INSTITUTION = "Cơ sở đào tạo"
STARTED = "Từ ngày"
FINISHED = "Đến ngày"
RESULT = "Kết quả"
NUMBER = "Số chứng chỉ"
COLUMNS = [PERSON, UNIT, SUBJECT, LEVEL, COURSE, INSTITUTION, STARTED, FINISHED, RESULT, NUMBER]
REQUIRED = [PERSON, UNIT, SUBJECT, COURSE]
WIDTHS = [30, 35, 22, 22, 45, 30, 12, 12, 16, 16]
# The import columns and the person's position: an export imports again as it is.
EXPORT_COLUMNS = [PERSON, POSITION, *COLUMNS[1:]]
EXPORT_WIDTHS = [30, 22, *WIDTHS[1:]]
FIELD_COLUMNS = {
    "subject": SUBJECT,
    "level": LEVEL,
    "course": COURSE,
    "institution": INSTITUTION,
    "started_on": STARTED,
    "finished_on": FINISHED,
    "result": RESULT,
    "certificate_number": NUMBER,
}

SUBJECT_WORDS = {
    Subject.POLITICAL_THEORY: "Lý luận chính trị",
    Subject.STATE_MANAGEMENT: "Quản lý nhà nước",
    Subject.JOURNALISM: "Báo chí, truyền thông",
    Subject.DIGITAL: "Tin học, kỹ năng số",
    Subject.LANGUAGE: "Ngoại ngữ",
    Subject.OTHER: "Khác",
}
GENERIC_WORDS = {1: "Cơ bản", 2: "Trung cấp", 3: "Nâng cao"}
LEVEL_WORDS = {
    Subject.POLITICAL_THEORY: {1: "Sơ cấp", 2: "Trung cấp", 3: "Cao cấp", 4: "Cử nhân"},
    Subject.STATE_MANAGEMENT: {1: "Chuyên viên", 2: "Chuyên viên chính", 3: "Chuyên viên cao cấp"},
}

GUIDE = [
    (PERSON, True, "Tên đăng nhập hoặc họ và tên của cán bộ, đúng như trong hệ thống."),
    (UNIT, True, "Tên đơn vị lưu hồ sơ; cán bộ phải là thành viên của đơn vị này."),
    (SUBJECT, True, "Một trong: " + "; ".join(SUBJECT_WORDS.values()) + "."),
    (
        LEVEL,
        False,
        "Lý luận chính trị: Sơ cấp, Trung cấp, Cao cấp, Cử nhân. Quản lý nhà nước: Chuyên "
        "viên, Chuyên viên chính, Chuyên viên cao cấp. Lĩnh vực khác: Cơ bản, Trung cấp, "
        "Nâng cao. Có thể ghi số bậc (1, 2, 3...). Để trống nếu khóa học không có trình độ.",
    ),
    (COURSE, True, "Tên khóa học, lớp bồi dưỡng hoặc văn bằng."),
    (INSTITUTION, False, "Trường, học viện hoặc đơn vị tổ chức."),
    (STARTED, False, "Ngày kiểu Excel hoặc chữ dạng dd/mm/yyyy."),
    (FINISHED, False, "Ngày hoàn thành; để trống nếu khóa học chưa kết thúc."),
    (RESULT, False, "Xếp loại, điểm..."),
    (NUMBER, False, "Số hiệu chứng chỉ, văn bằng."),
]
NOTES = [
    "Mỗi dòng là một khóa học hoặc văn bằng của một cán bộ.",
    "Nếu có dòng sai, không dòng nào được nhập; trang nhập sẽ liệt kê từng lỗi theo dòng và cột.",
]


# The template and the export --------------------------------------------------


def training_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đào tạo, bồi dưỡng"
    workbooks.style_header(sheet, COLUMNS, WIDTHS, required=REQUIRED)
    workbooks.add_guide(workbook, GUIDE, NOTES)
    return workbooks.workbook_bytes(workbook)


def level_word(subject: str, level: int | None) -> str:
    if not level:
        return ""
    return LEVEL_WORDS.get(subject, GENERIC_WORDS).get(level, str(level))


def export_training(records: QuerySet[TrainingRecord]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đào tạo, bồi dưỡng")
    workbooks.streamed_header(sheet, EXPORT_COLUMNS, EXPORT_WIDTHS)
    for record in records.select_related("person", "unit").iterator(chunk_size=2000):
        sheet.append(
            [
                str(record.person),
                record.person.position,
                record.unit.name,
                SUBJECT_WORDS.get(record.subject, record.subject),
                level_word(record.subject, record.level),
                record.course,
                record.institution,
                workbooks.date_cell(sheet, record.started_on),
                workbooks.date_cell(sheet, record.finished_on),
                record.result,
                record.certificate_number,
            ]
        )
    return workbooks.workbook_bytes(workbook)


# The import --------------------------------------------------------------------


class _People:
    """The units whose records `by` keeps, by folded name, and their members."""

    def __init__(self, by: User):
        self.units: dict[str, dict[int, Unit]] = defaultdict(dict)
        self.members: dict[int, list[User]] = defaultdict(list)
        for person, unit in training_people(user=by):
            for label in filter(None, (unit.name, unit.abbreviation)):
                self.units[fold(label)][unit.pk] = unit
            self.members[unit.pk].append(person)

    def unit(self, label: str) -> list[Unit]:
        return list(self.units.get(fold(label), {}).values())

    def person(self, unit: Unit, label: str) -> list[User]:
        people = self.members[unit.pk]
        by_username = [p for p in people if p.username.casefold() == label.casefold()]
        return by_username or [p for p in people if fold(p.full_name) == fold(label)]


def _subjects() -> dict[str, str]:
    words = {}
    for subject, label in Subject.choices:
        for word in (subject, label, SUBJECT_WORDS[subject]):
            words[fold(str(word))] = subject
    return words


@dataclass
class _Row:
    number: int
    person: User
    unit: Unit
    fields: dict


class _RowCheck:
    """Reads one row, noting every problem instead of stopping at the first."""

    def __init__(self, number: int, values: dict, people: _People, subjects: dict[str, str]):
        self.number, self.values, self.people, self.subjects = number, values, people, subjects
        self.errors: list[RowError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str) -> str:
        text = text_of(self.values.get(column))
        if column in REQUIRED and not text:
            self.error(column, _("is required"))
        return text

    def date(self, column: str):
        try:
            return date_of(self.values.get(column))
        except (ValueError, TypeError):
            self.error(column, _("is not a date: write it as dd/mm/yyyy"))
            return None

    def unit(self) -> Unit | None:
        label = self.text(UNIT)
        if not label:
            return None
        found = self.people.unit(label)
        if len(found) != 1:
            message = (
                _("several units are called “%(name)s”")
                if found
                else _("you keep no training records for a unit called “%(name)s”")
            )
            self.error(UNIT, message % {"name": label})
            return None
        return found[0]

    def person(self, unit: Unit | None) -> User | None:
        label = self.text(PERSON)
        if not label or unit is None:
            return None
        found = self.people.person(unit, label)
        if len(found) != 1:
            message = (
                _("several people of %(unit)s are called “%(name)s”: write the username")
                if found
                else _("nobody called “%(name)s” is a member of %(unit)s")
            )
            self.error(PERSON, message % {"name": label, "unit": unit})
            return None
        return found[0]

    def subject(self) -> str:
        label = self.text(SUBJECT)
        if label and fold(label) not in self.subjects:
            self.error(
                SUBJECT,
                _("“%(value)s” is not a subject; write one of: %(choices)s")
                % {"value": label, "choices": "; ".join(SUBJECT_WORDS.values())},
            )
            return ""
        return self.subjects.get(fold(label), "")

    def level(self, subject: str) -> int | None:
        label = self.text(LEVEL)
        if not label or not subject:
            return None
        if label.isdigit():
            return int(label)  # the service says whether the subject has this rung
        ladder = LEVEL_WORDS.get(subject, GENERIC_WORDS)
        words = {fold(word): level for level, word in ladder.items()}
        words.update({fold(str(name)): level for level, name in LEVELS[subject]})
        if fold(label) not in words:
            self.error(LEVEL, _("“%(value)s” is not a level of this subject") % {"value": label})
        return words.get(fold(label))

    def read(self) -> _Row | None:
        unit = self.unit()
        person = self.person(unit)
        subject = self.subject()
        fields = {
            "subject": subject,
            "level": self.level(subject),
            "course": self.text(COURSE),
            "institution": self.text(INSTITUTION),
            "started_on": self.date(STARTED),
            "finished_on": self.date(FINISHED),
            "result": self.text(RESULT),
            "certificate_number": self.text(NUMBER),
        }
        if self.errors or person is None or unit is None:
            return None
        try:
            services.check_training(TrainingRecord(person=person, **fields))
        except ValidationError as refused:
            for field, messages in refused.message_dict.items():
                for message in messages:
                    self.error(FIELD_COLUMNS.get(field, ""), message)
            return None
        return _Row(self.number, person, unit, fields)


def import_training(*, data: bytes, by: User) -> int:
    """Every row of the sheet as a training record, or none: ImportRefused lists each
    bad row's number, column and reason."""
    people, subjects = _People(by), _subjects()
    rows, errors = [], []
    for number, values in workbooks.read_rows(data, COLUMNS, REQUIRED):
        check = _RowCheck(number, values, people, subjects)
        row = check.read()
        errors += check.errors
        if row is not None:
            rows.append(row)
    if errors:
        raise ImportRefused(errors)
    if not rows:
        raise workbooks.UnreadableSheet(_("The sheet has no rows to import."))
    with transaction.atomic():
        for row in rows:
            try:
                services.record_training(person=row.person, unit=row.unit, by=by, **row.fields)
            except ValidationError as refused:  # a change between the check and the write
                error = RowError(row.number, "", " ".join(refused.messages))
                raise ImportRefused([error]) from refused
    return len(rows)
