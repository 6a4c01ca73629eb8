"""Posting many progress updates at once from a unit's sheet."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from mandate.core.imports import ImportRefused
from mandate.work import sheets
from mandate.work.models import Task, TaskUpdate
from tests.factories import PlanFactory, TaskFactory
from tests.sheets.helpers import read_sheet, workbook_bytes


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))


@pytest.fixture
def tasks(world):
    plan = PlanFactory(unit=world.commune_a)
    return [
        TaskFactory(plan=plan, content=f"Nhiệm vụ của xã số {n}", due_on=f"2026-0{6 + n}-30")
        for n in range(3)
    ]


def filled(data: bytes, reports: dict[int, tuple]) -> bytes:
    """The downloaded sheet with report cells filled in on the given data rows (0 = first)."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    for index, (reported_on, percent, text) in reports.items():
        sheet.cell(row=index + 2, column=5, value=reported_on)
        sheet.cell(row=index + 2, column=6, value=percent)
        sheet.cell(row=index + 2, column=7, value=text)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_sheet_lists_the_units_open_tasks(world, tasks, client_for):
    Task.objects.filter(pk=tasks[2].pk).update(status=Task.Status.DONE)
    TaskFactory(plan=PlanFactory(unit=world.commune_b), content="Việc của xã khác")

    response = client_for(world.olga).get(
        reverse("work:progress-sheet", kwargs={"pk": world.commune_a.pk})
    )

    assert response.status_code == 200
    header, *rows = read_sheet(response.content)
    assert list(header) == sheets.PROGRESS_COLUMNS
    assert [row[0] for row in rows] == [tasks[0].pk, tasks[1].pk]
    assert rows[0][1] == tasks[0].content and rows[0][2].date() == datetime.date(2026, 6, 30)
    assert rows[0][3:] == (0, None, None, None)


def test_an_outsiders_unit_is_404(world, client_for):
    url = reverse("work:progress-sheet", kwargs={"pk": world.commune_a.pk})
    assert client_for(world.charlie).get(url).status_code == 404


def test_a_round_trip_posts_one_update_per_filled_row(world, tasks, client_for):
    client = client_for(world.olga)
    sheet = client.get(reverse("work:progress-sheet", kwargs={"pk": world.commune_a.pk})).content
    data = filled(
        sheet,
        {
            0: ("08/05/2026", 50, "Đã tổ chức hội nghị quán triệt"),
            2: (None, 100, "Đã hoàn thành, có báo cáo"),
        },
    )

    response = client.post(
        reverse("work:progress-import"), {"file": SimpleUploadedFile("tien-do.xlsx", data)}
    )

    assert response.status_code == 302
    first, second, third = (Task.objects.get(pk=task.pk) for task in tasks)
    assert (first.progress, first.status, first.version) == (50, Task.Status.IN_PROGRESS, 2)
    assert second.progress == 0 and not second.updates.exists()
    assert (third.progress, third.status) == (100, Task.Status.DONE)
    assert third.completed_on == datetime.date(2026, 5, 10)
    update = first.updates.get()
    assert (update.reported_on, update.percent, update.author) == (
        datetime.date(2026, 5, 8),
        50,
        world.olga,
    )
    assert first.history.count() == 2


def test_a_bad_row_refuses_the_whole_sheet(world, tasks):
    foreign = TaskFactory(plan=PlanFactory(unit=world.commune_b))
    rows = [
        [tasks[0].pk, None, None, None, "08/05/2026", 60, "Đã làm"],
        [tasks[1].pk, None, None, None, "20/05/2026", 120, ""],
        [foreign.pk, None, None, None, "08/05/2026", 10, "Đã làm"],
        ["abc", None, None, None, "ngày mai", "nửa", "Đã làm"],
        [tasks[0].pk, None, None, None, None, 70, "Lần nữa"],
        [tasks[2].pk, None, None, None, None, None, None],
    ]
    data = workbook_bytes(rows, columns=sheets.PROGRESS_COLUMNS)

    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_progress(data=data, by=world.olga)

    assert [(e.number, e.column, e.message) for e in refused.value.errors] == [
        (3, "Ngày báo cáo", "is in the future"),
        (3, "Tiến độ mới (%)", "must be a whole number from 0 to 100"),
        (3, "Nội dung báo cáo", "say what was done"),
        (4, "Mã nhiệm vụ", "no task has this code"),
        (5, "Mã nhiệm vụ", "is not a task code"),
        (5, "Ngày báo cáo", "is not a date (write dd/mm/yyyy)"),
        (5, "Tiến độ mới (%)", "must be a whole number from 0 to 100"),
        (6, "Mã nhiệm vụ", "appears twice in the sheet"),
    ]
    assert not TaskUpdate.objects.exists()
    assert Task.objects.get(pk=tasks[0].pk).progress == 0


def test_a_viewer_cannot_report(world, tasks):
    data = workbook_bytes(
        [[tasks[0].pk, None, None, None, "08/05/2026", 60, "Đã làm"]],
        columns=sheets.PROGRESS_COLUMNS,
    )
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_progress(data=data, by=world.victor)
    assert [error.message for error in refused.value.errors] == ["you cannot report on this task"]
    assert not TaskUpdate.objects.exists()


def test_a_percentage_typed_as_a_percent_reads_as_one(world, tasks):
    workbook_data = workbook_bytes(
        [[tasks[0].pk, None, None, None, None, 0.5, "Đã làm một nửa"]],
        columns=sheets.PROGRESS_COLUMNS,
    )
    workbook = load_workbook(io.BytesIO(workbook_data))
    workbook.worksheets[0]["F2"].number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert sheets.import_progress(data=buffer.getvalue(), by=world.olga) == 1
    assert Task.objects.get(pk=tasks[0].pk).progress == 50


def test_the_import_page_shows_the_errors(world, tasks, client_for):
    world.olga.preferred_language = "en"
    world.olga.save()
    data = workbook_bytes(
        [[tasks[0].pk, None, None, None, "08/05/2026", 101, "Đã làm"]],
        columns=sheets.PROGRESS_COLUMNS,
    )
    client = client_for(world.olga)

    page = client.get(reverse("work:progress-import")).content.decode()
    response = client.post(
        reverse("work:progress-import"), {"file": SimpleUploadedFile("tien-do.xlsx", data)}
    )

    assert reverse("work:progress-sheet", kwargs={"pk": world.commune_a.pk}) in page
    assert response.status_code == 200
    assert "must be a whole number from 0 to 100" in response.content.decode()
    assert not TaskUpdate.objects.exists()
