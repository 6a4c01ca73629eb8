"""Training records in Excel: the template, the all-or-nothing import, the scoped export."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mandate.core.imports import ImportRefused
from mandate.people import services, sheets
from mandate.people.models import Subject, TrainingRecord


def workbook_bytes(rows: list[list], columns: list[str] = sheets.COLUMNS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(person, unit, **values) -> list:
    """A row in the template's column order; the course and subject have defaults."""
    values = {
        "subject": "Lý luận chính trị",
        "level": "Trung cấp",
        "course": "Trung cấp lý luận chính trị",
        "institution": "Trường Chính trị tỉnh",
        "started": "01/03/2023",
        "finished": "15/01/2024",
        "result": "Khá",
        "number": "TC-01",
    } | values
    return [person, unit, *values.values()]


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("dao-tao.xlsx", data, content_type="application/octet-stream")


def read_sheet(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))


def test_the_template_has_the_columns_and_a_guide(world, client_for):
    response = client_for(world.alice).get(reverse("people:training-template"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert list(next(workbook.worksheets[0].iter_rows(values_only=True))) == sheets.COLUMNS
    assert "Hướng dẫn" in workbook.sheetnames


def test_the_import_page_links_the_template(world, client_for):
    body = client_for(world.alice).get(reverse("people:training-import")).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert reverse("people:training-template") in body


def test_a_good_file_imports_every_row(world, client_for, staff):
    unit = world.commune_a.name
    rows = [
        row("olga", unit),  # by username
        row("Nguyễn Văn Cán 0", unit, subject="quan ly nha nuoc", level="Chuyên viên chính"),
        row("nguyen van can 1", unit.upper(), subject="digital", level=2, finished=None),
    ]
    response = client_for(world.alice).post(
        reverse("people:training-import"), {"file": upload(workbook_bytes(rows))}
    )
    assert response.status_code == 302
    assert TrainingRecord.objects.count() == 3
    olga = TrainingRecord.objects.get(person=world.olga)
    assert (olga.subject, olga.level, olga.finished_on) == (
        Subject.POLITICAL_THEORY,
        2,
        datetime.date(2024, 1, 15),
    )
    assert TrainingRecord.objects.get(person=staff[1]).level == 2
    assert TrainingRecord.objects.get(person=staff[2]).finished_on is None


def test_bad_rows_are_listed_and_nothing_is_imported(world, client_for, staff):
    world.alice.preferred_language = "en"
    world.alice.save()
    unit = world.commune_a.name
    rows = [
        row("olga", unit),  # good
        row("charlie", world.commune_b.name),  # a unit alice does not keep
        row("Không Ai", unit),  # nobody of that name
        row("olga", unit, subject="Bơi lội", course=None),  # two problems
        row("olga", unit, level="Cử nhân", started="31/02/2023"),
        row("olga", unit, level=7),
        row("olga", unit, finished="01/01/2099"),
    ]
    response = client_for(world.alice).post(
        reverse("people:training-import"), {"file": upload(workbook_bytes(rows))}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "6 bad rows" in body
    table = body[body.index('id="import-errors"') :]
    for number, column in [
        (3, sheets.UNIT),
        (4, sheets.PERSON),
        (5, sheets.SUBJECT),
        (5, sheets.COURSE),
        (6, sheets.STARTED),
        (7, sheets.LEVEL),
        (8, sheets.FINISHED),
    ]:
        assert f'<td class="text-end">{number}</td>\n        <td>{column}</td>' in table
    assert not TrainingRecord.objects.exists()


def test_a_file_without_the_header_is_refused(world, in_english):
    data = workbook_bytes([["olga"]], columns=["Tên"])
    with pytest.raises(ImportRefused) as refused:
        sheets.import_training(data=data, by=world.alice)
    assert "No header row" in str(refused.value)


def test_an_outsider_cannot_import_into_a_foreign_unit(world, in_english):
    data = workbook_bytes([row("olga", world.commune_a.name)])
    with pytest.raises(ImportRefused) as refused:
        sheets.import_training(data=data, by=world.charlie)
    assert refused.value.errors[0].column == sheets.UNIT
    assert not TrainingRecord.objects.exists()


def test_the_export_holds_the_visible_rows_only(world, client_for):
    for person, unit, by in [
        (world.olga, world.commune_a, world.alice),
        (world.charlie, world.commune_b, world.charlie),
    ]:
        services.record_training(
            person=person,
            unit=unit,
            by=by,
            subject=Subject.POLITICAL_THEORY,
            level=1,
            course=f"Sơ cấp của {person.username}",
            finished_on=datetime.date(2024, 1, 1),
        )
    response = client_for(world.charlie).get(reverse("people:training-export"))
    assert response.status_code == 200
    rows = read_sheet(response.content)
    assert list(rows[0]) == sheets.EXPORT_COLUMNS
    assert [r[0] for r in rows[1:]] == [world.charlie.full_name]
    assert rows[1][3:5] == ("Lý luận chính trị", "Sơ cấp")

    filtered = client_for(world.lena).get(
        reverse("people:training-export"), {"unit": world.commune_a.pk}
    )
    assert [r[0] for r in read_sheet(filtered.content)[1:]] == [world.olga.full_name]


def test_an_export_imports_again(world):
    services.record_training(
        person=world.olga,
        unit=world.commune_a,
        by=world.alice,
        subject=Subject.STATE_MANAGEMENT,
        level=3,
        course="Chuyên viên cao cấp",
        finished_on=datetime.date(2024, 1, 1),
    )
    exported = sheets.export_training(TrainingRecord.objects.visible_to(world.alice))
    TrainingRecord.objects.all().delete()
    assert sheets.import_training(data=exported, by=world.alice) == 1
    record = TrainingRecord.objects.get()
    assert (record.person, record.subject, record.level) == (
        world.olga,
        Subject.STATE_MANAGEMENT,
        3,
    )
