"""Exporting a filtered task list to .xlsx: the filtered rows, and nothing outside the scope."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from mandate.work import sheets
from mandate.work.models import Task
from tests.factories import PlanFactory, TaskFactory
from tests.sheets.helpers import read_sheet


def make_tasks(world, documents):
    plan_a = PlanFactory(unit=world.commune_a)
    key = TaskFactory(
        plan=plan_a,
        content="Tuyên truyền Chỉ thị 35 tại xã",
        is_key=True,
        start_on=datetime.date(2026, 2, 1),
        due_on=datetime.date(2026, 3, 31),
        recurrence=Task.Recurrence.QUARTERLY,
        progress=40,
        status=Task.Status.IN_PROGRESS,
    )
    key.coordinating_units.set([world.hamlet_a])
    key.source_documents.set([documents["35-CT/TW"]])
    other = TaskFactory(
        plan=plan_a, lead_unit=world.hamlet_a, content="Họp chi bộ thôn", due_on="2026-09-30"
    )
    foreign = TaskFactory(
        plan=PlanFactory(unit=world.commune_b), content="Việc riêng của xã Hòa Bình", is_key=True
    )
    return key, other, foreign


@time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
def test_export_holds_the_filtered_rows_only(world, documents, client_for):
    key, other, foreign = make_tasks(world, documents)

    response = client_for(world.olga).get(reverse("work:task-export"), {"is_key": "on"})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read_sheet(response.content)
    assert list(header) == sheets.EXPORT_COLUMNS
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Nội dung nhiệm vụ"] == "Tuyên truyền Chỉ thị 35 tại xã"
    assert row["Hạn hoàn thành"].date() == datetime.date(2026, 3, 31)
    assert row["Ngày bắt đầu"].date() == datetime.date(2026, 2, 1)
    assert row["Đơn vị chủ trì"] == world.commune_a.name
    assert row["Đơn vị phối hợp"] == world.hamlet_a.name
    assert row["Văn bản căn cứ"] == "35-CT/TW"
    assert row["Nhiệm vụ trọng tâm"] == "x"
    assert row["Lặp lại"] == "hằng quý"
    assert row["Trạng thái"] == "Quá hạn"
    assert row["Tiến độ (%)"] == 40
    assert row["Xếp loại"] == "Chưa hoàn thành, quá hạn"
    assert row["Mã nhiệm vụ"] == key.pk


def test_export_shows_nothing_outside_the_users_scope(world, documents, client_for):
    key, other, foreign = make_tasks(world, documents)

    charlie = read_sheet(client_for(world.charlie).get(reverse("work:task-export")).content)
    olga = read_sheet(client_for(world.olga).get(reverse("work:task-export")).content)

    assert [row[-1] for row in charlie[1:]] == [foreign.pk]
    assert sorted(row[-1] for row in olga[1:]) == sorted([key.pk, other.pk])
    # A foreign lead unit in the filter does not widen the scope.
    foreign_filter = {"lead_unit": world.commune_a.pk}
    charlie = read_sheet(
        client_for(world.charlie).get(reverse("work:task-export"), foreign_filter).content
    )
    assert all(row[-1] == foreign.pk for row in charlie[1:])


def test_an_export_reimports_as_a_template(world, documents, plan):
    key, other, _foreign = make_tasks(world, documents)
    exported = sheets.export_tasks(Task.objects.filter(pk__in=[key.pk, other.pk]))

    summary = sheets.import_plan_tasks(plan=plan, data=exported, by=world.lena)

    assert summary.created == 2
    copy = plan.tasks.get(content=key.content)
    assert copy.recurrence == Task.Recurrence.QUARTERLY and copy.is_key
    assert list(copy.source_documents.all()) == [documents["35-CT/TW"]]


def test_export_runs_a_bounded_number_of_queries(world, documents, django_assert_max_num_queries):
    make_tasks(world, documents)
    for n in range(30):
        TaskFactory(plan=PlanFactory(unit=world.commune_a), content=f"Việc {n}")

    with django_assert_max_num_queries(6):
        sheets.export_tasks(Task.objects.all())
