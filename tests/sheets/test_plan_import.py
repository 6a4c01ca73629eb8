"""Importing a plan's tasks: all rows or none; every bad row with its number, column, reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mandate.core.imports import ImportRefused
from mandate.work import sheets
from mandate.work.models import Plan, Task
from tests.factories import PlanFactory
from tests.sheets.helpers import task_row, workbook_bytes


def good_rows(world, count: int) -> list[list]:
    leads = [world.root.name, "Phòng Tuyên truyền", world.commune_a.name, "chi bo thon dong"]
    recurrences = ["", "hằng tháng", "Hằng quý", "hằng năm"]
    return [
        task_row(
            content=f"Tuyên truyền kỷ niệm ngày lễ lớn, đợt {n}",
            method="Hội nghị quán triệt" if n % 2 else None,
            output="Báo cáo kết quả",
            start=datetime.date(2026, 2, 1) if n % 3 else "01/02/2026",
            due=datetime.date(2026, 3, 1 + n % 28) if n % 2 else f"{1 + n % 28:02d}/09/2026",
            lead=leads[n % 4],
            coordinating=f"{world.commune_b.name}; {world.division.name}" if n % 5 == 0 else None,
            documents="35-CT/TW; Số: 12/KH-UBND" if n % 2 else "35-CT/TW",
            key="x" if n % 3 == 0 else ("có" if n % 3 == 1 else None),
            note="Gắn với phong trào thi đua của xã" if n % 4 == 0 else None,
            recurrence=recurrences[n % 4],
        )
        for n in range(count)
    ]


def test_a_good_sheet_of_fifty_rows_imports_fifty_tasks(world, plan, documents):
    summary = sheets.import_plan_tasks(
        plan=plan, data=workbook_bytes(good_rows(world, 50)), by=world.lena
    )

    assert summary.created == 50
    tasks = list(
        plan.tasks.order_by("id").prefetch_related("coordinating_units", "source_documents")
    )
    assert len(tasks) == 50
    first, second = tasks[0], tasks[1]
    assert first.lead_unit == world.root and first.is_key and first.recurrence == ""
    assert first.due_on == datetime.date(2026, 9, 1) and first.start_on == datetime.date(2026, 2, 1)
    assert second.lead_unit == world.division and second.is_key is True
    assert second.recurrence == Task.Recurrence.MONTHLY
    assert second.due_on == datetime.date(2026, 3, 2) and second.method == "Hội nghị quán triệt"
    assert tasks[2].is_key is False and tasks[2].recurrence == Task.Recurrence.QUARTERLY
    assert tasks[3].lead_unit == world.hamlet_a and tasks[3].recurrence == Task.Recurrence.YEARLY
    assert {unit.pk for unit in tasks[10].coordinating_units.all()} == {
        world.commune_b.pk,
        world.division.pk,
    }
    # The lead unit of task 5 is the division: it does not coordinate its own task too.
    assert [unit.pk for unit in tasks[5].coordinating_units.all()] == [world.commune_b.pk]
    assert {d.symbol for d in second.source_documents.all()} == {"35-CT/TW", "12/KH-UBND"}
    assert [d.symbol for d in first.source_documents.all()] == ["35-CT/TW"]
    assert tasks[4].local_note == "Gắn với phong trào thi đua của xã"
    assert all(task.created_by == world.lena and task.origin == Task.Origin.PLAN for task in tasks)
    assert sum(task.is_key for task in tasks) == 34


def test_imported_tasks_keep_history_and_search_text(world, plan, documents):
    rows = [task_row(content="Quán triệt Nghị quyết", due="30/06/2026", lead=world.root.name)]
    sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.lena)

    task = plan.tasks.get()
    assert task.search_text == "quan triet nghi quyet"
    record = task.history.get()
    assert record.history_type == "+" and record.history_user == world.lena
    assert Task.objects.search("nghi quyet").filter(pk=task.pk).exists()


def test_a_sheet_with_three_bad_rows_imports_nothing_and_lists_all_three(world, plan, documents):
    rows = good_rows(world, 10)
    rows[1] = task_row(content="Nhiệm vụ A", due="31/12/2027", lead=world.root.name)
    rows[4] = task_row(content=None, due="15/05/2026", lead="Đơn vị không có")
    rows[7] = task_row(content="Nhiệm vụ C", due="hôm nay", lead=world.root.name, key="không rõ")

    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.lena)

    found = {(error.number, error.column) for error in refused.value.errors}
    assert found == {
        (3, "Hạn hoàn thành"),
        (6, "Nội dung nhiệm vụ"),
        (6, "Đơn vị chủ trì"),
        (9, "Hạn hoàn thành"),
        (9, "Nhiệm vụ trọng tâm"),
    }
    assert "3 bad rows" in str(refused.value)
    assert not Task.objects.filter(plan=plan).exists()


def test_every_kind_of_bad_row_says_why(world, plan, documents):
    rows = [
        task_row(content="a", due="01/07/2026", lead=world.root.name, start="02/07/2026"),
        task_row(content="b", due="31/12/2025", lead=world.root.name),
        task_row(content="c", due="31/02/2026", lead=world.root.name),
        task_row(content="d", due="01/07/2026", lead=world.root.name, documents="99-CT/TW"),
        task_row(content="e", due="01/07/2026", lead=world.root.name, recurrence="hằng tuần"),
        task_row(content="f", due="01/07/2026", lead=world.root.name, coordinating="Không ai"),
        task_row(content="g", due=None, lead=None),
    ]
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.lena)

    reasons = {(error.number, error.column): error.message for error in refused.value.errors}
    assert reasons == {
        (2, "Ngày bắt đầu"): "is after the due date (01/07/2026)",
        (3, "Hạn hoàn thành"): "is outside the plan's period (01/01/2026 to 31/12/2026)",
        (4, "Hạn hoàn thành"): "is not a date (write dd/mm/yyyy)",
        (5, "Văn bản căn cứ"): "no document numbered “99-CT/TW” in the register",
        (6, "Lặp lại"): "must be blank or one of: “hằng tháng”, “hằng quý”, “hằng năm”",
        (7, "Đơn vị phối hợp"): "no unit is called “Không ai”",
        (8, "Hạn hoàn thành"): "is required",
        (8, "Đơn vị chủ trì"): "is required",
    }


def test_lead_unit_must_be_the_plans_unit_or_below_it(world, documents):
    plan = PlanFactory(unit=world.commune_a)
    rows = [
        task_row(content="a", due="01/07/2026", lead=world.hamlet_a.name),
        task_row(content="b", due="01/07/2026", lead=world.root.name),
        task_row(content="c", due="01/07/2026", lead=world.commune_b.name),
    ]
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.lena)

    assert [(error.number, error.message) for error in refused.value.errors] == [
        (3, f"“{world.root.name}” is not the plan's unit or below it"),
        (4, f"“{world.commune_b.name}” is not the plan's unit or below it"),
    ]


def test_units_outside_the_importers_scope_are_unknown(world, documents):
    plan = PlanFactory(unit=world.commune_a)
    rows = [task_row(content="a", due="01/07/2026", lead="Xã", coordinating=world.commune_b.name)]
    rows[0][5] = world.commune_a.name
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.olga)

    assert [error.message for error in refused.value.errors] == [
        f"no unit is called “{world.commune_b.name}”"
    ]


def test_blank_rows_are_skipped_and_numbers_stay_as_the_sheet_shows(world, plan):
    rows = [
        task_row(content="a", due="01/07/2026", lead=world.root.name),
        [None] * 11,
        ["   "] + [None] * 10,
        task_row(content="b", due="1/7/2026", lead=world.root.name),
        task_row(content="c", due="32/07/2026", lead=world.root.name),
    ]
    with pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.lena)
    assert [error.number for error in refused.value.errors] == [6]

    sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows[:4]), by=world.lena)
    assert plan.tasks.count() == 2


def test_columns_may_come_in_any_order_under_a_title_line(world, plan):
    columns = ["Đơn vị chủ trì", "hạn hoàn thành (*)", "NỘI DUNG NHIỆM VỤ"]
    data = workbook_bytes(
        [columns, [world.root.name, "30/06/2026", "Tổ chức tọa đàm"]],
        columns=["Kế hoạch nhiệm vụ năm 2026"],
    )
    sheets.import_plan_tasks(plan=plan, data=data, by=world.lena)

    task = plan.tasks.get()
    assert (task.content, task.due_on, task.lead_unit) == (
        "Tổ chức tọa đàm",
        datetime.date(2026, 6, 30),
        world.root,
    )


def test_a_locked_plan_is_refused(world, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    plan.refresh_from_db()
    rows = [task_row(content="a", due="01/07/2026", lead=world.root.name)]

    with pytest.raises(ValidationError):
        sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.lena)
    assert not plan.tasks.exists()


def test_a_viewer_cannot_import(world, plan):
    rows = [task_row(content="a", due="01/07/2026", lead=world.root.name)]
    with pytest.raises(ValidationError):
        sheets.import_plan_tasks(plan=plan, data=workbook_bytes(rows), by=world.victor)
    assert not plan.tasks.exists()


def test_a_file_that_is_not_a_workbook_is_refused_with_one_error(world, plan):
    with pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=b"PK\x03\x04 not really", by=world.lena)
    assert len(refused.value.errors) == 1
    assert "not a valid Excel workbook" in str(refused.value)


def test_a_sheet_without_the_required_headers_is_refused_with_one_error(world, plan):
    data = workbook_bytes([["a", "b"]], columns=["Nội dung nhiệm vụ", "Ghi chú"])
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=data, by=world.lena)
    assert len(refused.value.errors) == 1
    assert "Hạn hoàn thành" in str(refused.value) and "template" in str(refused.value)


def test_a_sheet_with_no_tasks_is_refused(world, plan):
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        sheets.import_plan_tasks(plan=plan, data=sheets.task_template(), by=world.lena)
    assert str(refused.value) == "The sheet has no tasks: fill in one task per row."


@pytest.fixture(autouse=True)
def _messages_in_english(in_english):
    """These tests read the services' messages, written in English."""
