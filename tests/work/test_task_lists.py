"""My tasks and a unit's tasks: scope, filters, buckets, sorting, htmx, bounded queries."""

import datetime

import pytest

from mandate.work.models import Task
from tests.factories import PlanFactory, TaskFactory, UnitFactory

DAY = datetime.date


@pytest.fixture
def tasks_in_every_bucket(world, plan):
    """As of 15/05/2026: done on time, done late, pending, two overdue and a cancelled one."""
    done = Task.Status.DONE
    return {
        "on_time": TaskFactory(
            plan=plan,
            content="Hoàn thành đúng hạn",
            due_on=DAY(2026, 3, 31),
            status=done,
            completed_on=DAY(2026, 3, 1),
            progress=100,
        ),
        "late": TaskFactory(
            plan=plan,
            content="Hoàn thành trễ hạn",
            due_on=DAY(2026, 4, 10),
            status=done,
            completed_on=DAY(2026, 4, 20),
            progress=100,
        ),
        "pending": TaskFactory(plan=plan, content="Đang trong hạn", due_on=DAY(2026, 6, 30)),
        "overdue": TaskFactory(
            plan=plan,
            content="Quá hạn thứ nhất",
            due_on=DAY(2026, 5, 1),
            progress=35,
            status=Task.Status.IN_PROGRESS,
        ),
        "overdue_key": TaskFactory(
            plan=plan, content="Quá hạn trọng tâm", due_on=DAY(2026, 4, 1), is_key=True
        ),
        "cancelled": TaskFactory(
            plan=plan, content="Đã hủy", due_on=DAY(2026, 4, 1), status=Task.Status.CANCELLED
        ),
    }


def counts(response) -> dict:
    return {row["bucket"]: row["count"] for row in response.context["buckets"]}


def test_my_tasks_shows_only_the_tasks_of_my_units(world, plan, client_for):
    TaskFactory(plan=plan, content="Việc của xã Quảng Thành")
    TaskFactory(plan=PlanFactory(unit=world.commune_b), content="Việc của xã Hòa Bình")
    body = client_for(world.olga).get("/work/tasks/").content.decode()
    assert "Việc của xã Quảng Thành" in body
    assert "Việc của xã Hòa Bình" not in body


def test_bucket_summary_counts_the_four_buckets_as_of_today(
    world, tasks_in_every_bucket, client_for
):
    response = client_for(world.alice).get("/work/tasks/")
    assert counts(response) == {
        "done_on_time": 1,
        "done_late": 1,
        "pending_in_time": 1,
        "pending_overdue": 2,
    }
    assert "15/05/2026" in response.content.decode()


def test_each_bucket_count_links_to_the_list_filtered_by_that_bucket(
    world, tasks_in_every_bucket, client_for
):
    client = client_for(world.alice)
    body = client.get("/work/tasks/", {"is_key": "on"}).content.decode()
    assert 'href="?is_key=on&amp;bucket=pending_overdue"' in body
    overdue = client.get("/work/tasks/", {"bucket": "pending_overdue"})
    assert [task.content for task in overdue.context["page"]] == [
        "Quá hạn trọng tâm",
        "Quá hạn thứ nhất",
    ]
    # The summary still counts every bucket of the list, so the other links stay useful.
    assert counts(overdue)["done_late"] == 1


def test_the_summary_counts_what_the_other_filters_keep(world, tasks_in_every_bucket, client_for):
    response = client_for(world.alice).get("/work/tasks/", {"is_key": "on"})
    assert counts(response) == {
        "done_on_time": 0,
        "done_late": 0,
        "pending_in_time": 0,
        "pending_overdue": 1,
    }


def test_an_overdue_task_shows_a_red_overdue_badge(world, tasks_in_every_bucket, client_for):
    client = client_for(world.alice)
    client.post("/language/", {"language": "en"})
    body = client.get("/work/tasks/", {"q": "qua han thu nhat"}).content.decode()
    assert '<span class="badge text-bg-danger">Overdue</span>' in body
    assert "01/05/2026" in body  # dd/mm/yyyy
    assert 'class="progress-bar progress-step-4' in body  # 35 % rounds to the 40 % step


def test_search_ignores_diacritics_and_sort_is_applied(world, tasks_in_every_bucket, client_for):
    client = client_for(world.alice)
    found = client.get("/work/tasks/", {"q": "hoan thanh"}).context["page"]
    assert {task.content for task in found} == {"Hoàn thành đúng hạn", "Hoàn thành trễ hạn"}
    latest_first = client.get("/work/tasks/", {"sort": "-due"}).context["page"]
    assert latest_first[0].content == "Đang trong hạn"


def test_key_tasks_carry_a_badge(world, tasks_in_every_bucket, client_for):
    client = client_for(world.alice)
    client.post("/language/", {"language": "en"})
    body = client.get("/work/tasks/", {"is_key": "on"}).content.decode()
    assert "Key task</span>" in body


def test_htmx_filtering_gets_only_the_rows(world, tasks_in_every_bucket, client_for):
    response = client_for(world.alice).get(
        "/work/tasks/", {"bucket": "done_late"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="rows">')
    assert "<html" not in body
    assert "Hoàn thành trễ hạn" in body
    assert "Đang trong hạn" not in body


def test_no_page_uses_inline_styles(world, tasks_in_every_bucket, plan, client_for):
    client = client_for(world.alice)
    for url in (
        "/work/tasks/",
        f"/work/units/{world.commune_a.pk}/tasks/",
        "/work/plans/",
        f"/work/plans/{plan.pk}/",
        f"/work/plans/{plan.pk}/?view=timeline",
        f"/work/tasks/{tasks_in_every_bucket['overdue'].pk}/",
    ):
        assert "style=" not in client.get(url).content.decode(), url


def test_unit_tasks_lists_only_the_tasks_that_unit_leads(world, plan, client_for):
    TaskFactory(plan=plan, content="Việc của xã")
    TaskFactory(plan=plan, lead_unit=world.hamlet_a, content="Việc của chi bộ thôn")
    client = client_for(world.alice)
    page = client.get(f"/work/units/{world.hamlet_a.pk}/tasks/").context["page"]
    assert [task.content for task in page] == ["Việc của chi bộ thôn"]


def test_the_task_list_picks_a_unit_with_the_units_below_it(world, plan, client_for):
    TaskFactory(plan=plan, lead_unit=world.commune_a, content="Việc của xã")
    TaskFactory(plan=plan, lead_unit=world.hamlet_a, content="Việc của chi bộ thôn")
    TaskFactory(plan=plan, lead_unit=world.commune_b, content="Việc của xã khác")
    client = client_for(world.lena)

    def contents(**params) -> set[str]:
        return {task.content for task in client.get("/work/tasks/", params).context["page"]}

    assert contents(lead_unit=world.commune_a.pk) == {"Việc của xã"}
    assert contents(lead_unit=world.commune_a.pk, below="on") == {
        "Việc của xã",
        "Việc của chi bộ thôn",
    }
    TaskFactory(
        plan=plan, lead_unit=world.commune_b, content="Việc đã hủy", status=Task.Status.CANCELLED
    )
    assert "Việc đã hủy" in contents(lead_unit=world.commune_b.pk)
    assert contents(lead_unit=world.commune_b.pk, bucket="counted") == {"Việc của xã khác"}


def test_the_task_list_reckons_buckets_on_a_past_day(world, plan, client_for):
    TaskFactory(
        plan=plan,
        lead_unit=world.commune_a,
        content="Nộp muộn",
        due_on=datetime.date(2025, 12, 15),
        status=Task.Status.DONE,
        completed_on=datetime.date(2026, 1, 10),
    )
    client = client_for(world.lena)

    def listed(**params) -> list[str]:
        response = client.get("/work/tasks/", {"lead_unit": world.commune_a.pk, **params})
        return [task.content for task in response.context["page"]]

    assert listed(bucket="done_late") == ["Nộp muộn"]
    assert listed(bucket="pending_overdue", as_of="2025-12-31") == ["Nộp muộn"]
    assert listed(bucket="done_late", as_of="2025-12-31") == []


def test_unit_tasks_of_a_unit_out_of_reach_is_404(world, client_for):
    assert (
        client_for(world.charlie).get(f"/work/units/{world.commune_a.pk}/tasks/").status_code == 404
    )


def test_task_lists_run_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    plan = PlanFactory(unit=world.root)
    for number in range(40):
        unit = UnitFactory(name=f"Xã thêm {number}", parent=world.root)
        TaskFactory(plan=plan, lead_unit=unit, is_key=number % 3 == 0)
    client = client_for(world.lena)
    for url, params in (
        ("/work/tasks/", {}),
        ("/work/tasks/", {"bucket": "pending_in_time", "sort": "unit", "page": "2"}),
        (f"/work/units/{world.root.pk}/tasks/", {}),
    ):
        with django_assert_max_num_queries(15):
            assert client.get(url, params).status_code == 200


def test_a_filter_that_is_not_understood_is_said_and_ignored(world, plan, client_for):
    TaskFactory(plan=plan, content="Việc vẫn hiện")
    client = client_for(world.alice)
    client.post("/language/", {"language": "en"})
    response = client.get("/work/tasks/", {"due_from": "not a date"})
    body = response.content.decode()
    assert "Some filters were not understood" in body
    assert "Việc vẫn hiện" in body
