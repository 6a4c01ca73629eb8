"""The task routes: scoped lists with every filter, detail with roll-up, create, edit
with the version check (409 on a stale save), cascade and coordination requests."""

import datetime

import pytest
from django.utils import translation

from mandate.work import services
from mandate.work.models import Task
from tests.factories import TaskFactory


def contents(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["content"] for item in response.json()["items"]]


def test_list_shows_only_tasks_in_scope(world, api_as, programme):
    assert contents(api_as(world.charlie).get("/work/tasks")) == ["Nhiệm vụ của xã Hòa Bình"]
    assert len(contents(api_as(world.olga).get("/work/tasks"))) == 3


def test_list_items_carry_what_a_client_needs(world, api_as, programme):
    item = api_as(world.olga).get("/work/tasks", {"sort": "due"}).json()["items"][1]
    with translation.override("vi"):
        overdue = translation.gettext("Overdue")  # derived from the dates, never stored
    assert item == {
        "id": programme.overdue_task.pk,
        "content": "Tuyên truyền phòng chống cháy rừng",
        "lead_unit": {"id": world.hamlet_a.pk, "name": world.hamlet_a.name},
        "due_on": "2026-05-15",
        "status": "not_started",
        "display_status": overdue,
        "bucket": "pending_overdue",
        "progress": 0,
        "version": 1,
        "is_key": False,
        "origin": "plan",
        "plan_id": programme.plan.pk,
        "parent_id": None,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "chuyen doi so"}, ["Tuyên truyền chuyển đổi số đến từng hộ gia đình"]),
        ({"bucket": "pending_overdue"}, ["Tuyên truyền phòng chống cháy rừng"]),
        ({"bucket": "done_on_time"}, ["Tổ chức hội nghị quán triệt Nghị quyết"]),
        ({"status": "in_progress"}, ["Tuyên truyền chuyển đổi số đến từng hộ gia đình"]),
        ({"is_key": "true"}, ["Tổ chức hội nghị quán triệt Nghị quyết"]),
        (
            {"due_from": "2026-04-01", "due_to": "2026-06-30"},
            ["Tuyên truyền phòng chống cháy rừng"],
        ),
        (
            {"sort": "-progress"},
            [
                "Tổ chức hội nghị quán triệt Nghị quyết",
                "Tuyên truyền chuyển đổi số đến từng hộ gia đình",
                "Tuyên truyền phòng chống cháy rừng",
            ],
        ),
        # As of 01/05/2026 the hamlet's task was still within its deadline.
        ({"bucket": "pending_overdue", "as_of": "2026-05-01"}, []),
    ],
)
def test_list_filters(world, api_as, programme, params, expected):
    assert contents(api_as(world.olga).get("/work/tasks", params)) == expected


def test_list_filters_by_lead_unit_plan_and_parent(world, api_as, programme):
    api = api_as(world.lena)
    by_unit = contents(api.get("/work/tasks", {"lead_unit": world.hamlet_a.pk}))
    assert by_unit == ["Tuyên truyền phòng chống cháy rừng"]
    assert contents(api.get("/work/tasks", {"plan": programme.other_plan.pk})) == [
        "Nhiệm vụ của xã Hòa Bình"
    ]
    child = TaskFactory(
        plan=None, parent=programme.running_task, lead_unit=world.hamlet_a, content="Việc con"
    )
    assert contents(api.get("/work/tasks", {"parent": programme.running_task.pk})) == [
        child.content
    ]


def test_filtering_by_a_unit_outside_scope_is_refused(world, api_as, programme):
    response = api_as(world.charlie).get("/work/tasks", {"lead_unit": world.commune_a.pk})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lead_unit"


def test_list_is_paginated_in_a_bounded_number_of_queries(
    world, api_as, programme, django_assert_max_num_queries
):
    for number in range(60):
        TaskFactory(plan=programme.plan, content=f"Nhiệm vụ thêm {number}")
    api = api_as(world.olga)
    with django_assert_max_num_queries(7):
        body = api.get("/work/tasks", {"page": 2, "lead_unit": world.commune_a.pk}).json()
    assert body["count"] == 62
    assert len(body["items"]) == 12


def test_detail_rolls_up_the_children(world, api_as, programme):
    services.cascade_task(task=programme.running_task, units=[world.hamlet_a], by=world.alice)
    response = api_as(world.olga).get(f"/work/tasks/{programme.running_task.pk}")
    body = response.json()
    assert response.status_code == 200
    assert body["children"][0]["lead_unit"]["id"] == world.hamlet_a.pk
    assert body["children"][0]["origin"] == "cascade"
    assert body["rollup"]["count"] == 1
    assert body["rollup"]["mean_progress"] == 0
    assert body["as_of"] == "2026-06-01"


def test_outsider_gets_404_on_every_task_route(world, api_as, programme):
    api = api_as(world.charlie)
    base = f"/work/tasks/{programme.running_task.pk}"
    assert api.get(base).status_code == 404
    assert api.patch(base, {"version": 1, "progress": 90}).status_code == 404
    assert api.patch(base, {}).status_code == 404  # a bad body does not give it away
    assert api.post(f"{base}/cascade", {"unit_ids": [world.commune_b.pk]}).status_code == 404
    assert api.post(f"{base}/coordination", {}).status_code == 404
    assert api.get(f"{base}/updates").status_code == 404
    assert api.post(f"{base}/updates", {}).status_code == 404
    programme.running_task.refresh_from_db()
    assert programme.running_task.version == 1


def test_create_a_task(world, api_as, programme):
    response = api_as(world.olga).post(
        "/work/tasks",
        {
            "plan_id": programme.plan.pk,
            "lead_unit_id": world.hamlet_a.pk,
            "content": "Tuyên truyền bầu cử",
            "due_on": "2026-10-31",
            "is_key": True,
            "source_document_ids": [programme.directive.pk],
            "coordinating_unit_ids": [world.division.pk],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["version"] == 1
    assert body["source_documents"][0]["symbol"] == "35-CT/TU"
    assert body["coordinating_units"] == [{"id": world.division.pk, "name": world.division.name}]
    assert Task.objects.get(pk=body["id"]).created_by == world.olga


def test_a_task_due_outside_its_plan_is_refused(world, api_as, programme):
    response = api_as(world.olga).post(
        "/work/tasks",
        {
            "plan_id": programme.plan.pk,
            "lead_unit_id": world.commune_a.pk,
            "content": "Nhiệm vụ trễ năm",
            "due_on": "2027-02-01",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "due_on"
    assert "31/12/2026" in response.json()["detail"]
    assert not Task.objects.filter(content="Nhiệm vụ trễ năm").exists()


def test_cannot_add_tasks_to_a_plan_outside_scope(world, api_as, programme):
    response = api_as(world.charlie).post(
        "/work/tasks",
        {
            "plan_id": programme.plan.pk,
            "lead_unit_id": world.commune_b.pk,
            "content": "Nhiệm vụ chen ngang",
            "due_on": "2026-10-31",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "plan_id"


def test_edit_a_task(world, api_as, programme):
    url = f"/work/tasks/{programme.running_task.pk}"
    response = api_as(world.olga).patch(
        url, {"version": 1, "progress": 60, "local_note": "Làm theo từng thôn"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["progress"]) == (2, 60)
    task = Task.objects.get(pk=programme.running_task.pk)
    assert task.local_note == "Làm theo từng thôn"


def test_a_stale_edit_is_refused_with_what_changed(world, api_as, programme):
    task = programme.running_task
    services.update_task(task=task, version=1, by=world.alice, progress=70, content="Nội dung mới")
    response = api_as(world.olga).patch(
        f"/work/tasks/{task.pk}", {"version": 1, "progress": 45, "status": "done"}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["detail"]
    changed = {change["field"]: (change["old"], change["new"]) for change in body["changes"]}
    assert changed["progress"] == (40, 70)
    assert changed["content"][1] == "Nội dung mới"
    assert body["current"]["version"] == 2
    assert body["current"]["progress"] == 70
    task.refresh_from_db()
    assert (task.version, task.progress, task.status) == (2, 70, Task.Status.IN_PROGRESS)


def test_an_edit_needs_the_version(world, api_as, programme):
    response = api_as(world.olga).patch(
        f"/work/tasks/{programme.running_task.pk}", {"progress": 45}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "version"


def test_an_edit_cannot_empty_a_required_field(world, api_as, programme):
    url = f"/work/tasks/{programme.running_task.pk}"
    response = api_as(world.olga).patch(url, {"version": 1, "due_on": None})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "due_on"
    bad = api_as(world.olga).patch(url, {"version": 1, "progress": 120})
    assert bad.status_code == 422
    assert Task.objects.get(pk=programme.running_task.pk).version == 1


def test_a_viewer_cannot_edit(world, api_as, programme):
    response = api_as(world.victor).patch(
        f"/work/tasks/{programme.running_task.pk}", {"version": 1, "progress": 90}
    )
    assert response.status_code == 422
    assert Task.objects.get(pk=programme.running_task.pk).progress == 40


def test_a_leader_cascades_a_task(world, api_as, programme):
    url = f"/work/tasks/{programme.running_task.pk}/cascade"
    response = api_as(world.alice).post(url, {"unit_ids": [world.hamlet_a.pk]})
    assert response.status_code == 201
    assert [child["lead_unit"]["id"] for child in response.json()] == [world.hamlet_a.pk]
    assert response.json()[0]["parent_id"] == programme.running_task.pk
    again = api_as(world.alice).post(url, {"unit_ids": [world.hamlet_a.pk]})
    assert again.json() == []  # a unit already holding one is skipped


def test_an_officer_cannot_cascade(world, api_as, programme):
    response = api_as(world.olga).post(
        f"/work/tasks/{programme.running_task.pk}/cascade", {"unit_ids": [world.hamlet_a.pk]}
    )
    assert response.status_code == 422
    assert not programme.running_task.children.exists()


def test_coordination_request_goes_to_another_unit(world, api_as, programme):
    response = api_as(world.olga).post(
        f"/work/tasks/{programme.running_task.pk}/coordination",
        {"unit_id": world.division.pk, "content": "Hỗ trợ tài liệu", "due_on": "2026-08-31"},
    )
    assert response.status_code == 201
    child = Task.objects.get(pk=response.json()["id"])
    assert (child.lead_unit, child.origin, child.parent) == (
        world.division,
        Task.Origin.COORDINATION,
        programme.running_task,
    )
    assert child.due_on == datetime.date(2026, 8, 31)
