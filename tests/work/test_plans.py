"""Plans: list, creation, detail as a table and a timeline, approval, locking."""

import datetime

import pytest

from mandate.work import services
from mandate.work.models import Plan, Task
from tests.factories import DocumentFactory, PlanFactory, TaskFactory, UnitFactory

DAY = datetime.date


def test_plan_list_shows_visible_plans_with_their_task_counts(world, plan, client_for):
    TaskFactory.create_batch(3, plan=plan)
    PlanFactory(unit=world.commune_b, title="Kế hoạch của xã Hòa Bình")
    response = client_for(world.olga).get("/work/plans/")
    body = response.content.decode()
    assert plan.title in body
    assert "Kế hoạch của xã Hòa Bình" not in body
    assert [row.task_count for row in response.context["page"]] == [3]


def test_a_plan_is_created_from_source_documents(world, client_for):
    directive = DocumentFactory(unit=world.root, title="Chỉ thị về tuyên truyền biển đảo")
    response = client_for(world.alice).post(
        "/work/plans/new/",
        {
            "unit": world.commune_a.pk,
            "title": "Kế hoạch năm 2026",
            "period_start": "01/01/2026",
            "period_end": "31/12/2026",
            "source_documents": [directive.pk],
        },
    )
    plan = Plan.objects.get(title="Kế hoạch năm 2026")
    assert response.status_code == 302
    assert response["Location"] == f"/work/plans/{plan.pk}/"
    assert list(plan.source_documents.all()) == [directive]
    assert plan.created_by == world.alice


def test_plan_form_offers_only_my_units_and_documents_i_can_see(world, client_for):
    DocumentFactory(unit=world.commune_b, title="Văn bản riêng của xã Hòa Bình")
    form = client_for(world.alice).get("/work/plans/new/").context["form"]
    assert set(form.fields["unit"].queryset) == {world.commune_a, world.hamlet_a}
    assert not form.fields["source_documents"].queryset.filter(unit=world.commune_b).exists()


def test_a_plan_for_a_unit_out_of_reach_or_ending_before_it_starts_is_refused(world, client_for):
    client = client_for(world.alice)
    foreign = client.post(
        "/work/plans/new/",
        {
            "unit": world.commune_b.pk,
            "title": "X",
            "period_start": "01/01/2026",
            "period_end": "31/12/2026",
        },
    )
    backwards = client.post(
        "/work/plans/new/",
        {
            "unit": world.commune_a.pk,
            "title": "Y",
            "period_start": "31/12/2026",
            "period_end": "01/01/2026",
        },
    )
    assert foreign.status_code == backwards.status_code == 200
    assert foreign.context["form"].errors["unit"]
    assert backwards.context["form"].errors
    assert not Plan.objects.exists()


def test_plan_detail_shows_header_documents_buckets_and_tasks(world, plan, client_for):
    directive = DocumentFactory(unit=world.root, symbol="35-CT/TU", title="Chỉ thị số 35")
    plan.source_documents.add(directive)
    TaskFactory(plan=plan, content="Tổ chức hội nghị quán triệt", due_on=DAY(2026, 3, 1))
    response = client_for(world.olga).get(f"/work/plans/{plan.pk}/")
    body = response.content.decode()
    assert "01/01/2026 – 31/12/2026" in body
    assert f'href="/documents/{directive.pk}/"' in body
    assert "Tổ chức hội nghị quán triệt" in body
    assert {row["bucket"]: row["count"] for row in response.context["buckets"]}[
        "pending_overdue"
    ] == 1


def test_timeline_view_draws_a_bar_per_task_coloured_by_bucket(world, plan, client_for):
    TaskFactory(
        plan=plan, content="Việc quá hạn", start_on=DAY(2026, 2, 1), due_on=DAY(2026, 3, 31)
    )
    TaskFactory(plan=plan, content="Việc cả năm", due_on=DAY(2026, 12, 31), progress=50)
    response = client_for(world.olga).get(f"/work/plans/{plan.pk}/", {"view": "timeline"})
    body = response.content.decode()
    bars = response.context["timeline"]["bars"]
    assert "<svg" in body and "Việc quá hạn" in body
    overdue, yearlong = bars
    assert overdue["colour"] == "#dc3545"
    assert yearlong["colour"] == "#0d6efd"
    # The year-long task starts with the plan and ends at the end of the axis.
    assert yearlong["x"] == 320 and yearlong["x"] + yearlong["width"] == 320 + 840
    assert yearlong["done_width"] == 420
    assert f'x="{overdue["x"]}"' in body  # no decimal comma, whatever the language
    assert [month["label"] for month in response.context["timeline"]["months"]][:2] == [
        "01/2026",
        "02/2026",
    ]


def test_htmx_switch_to_the_timeline_returns_only_the_rows(world, plan, client_for):
    TaskFactory(plan=plan)
    response = client_for(world.olga).get(
        f"/work/plans/{plan.pk}/", {"view": "timeline"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="rows">') and "<svg" in body


@pytest.mark.parametrize("view", ["table", "timeline"])
def test_plan_detail_runs_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries, view
):
    plan = PlanFactory(unit=world.root)
    plan.source_documents.set(DocumentFactory.create_batch(3, unit=world.root))
    for number in range(40):
        unit = UnitFactory(name=f"Xã thêm {number}", parent=world.root)
        TaskFactory(plan=plan, lead_unit=unit, start_on=DAY(2026, 2, 1), progress=number)
    client = client_for(world.lena)
    with django_assert_max_num_queries(15):
        response = client.get(f"/work/plans/{plan.pk}/", {"view": view})
    assert response.status_code == 200
    assert len(response.context["page"]) == 25


def test_only_leaders_see_approve_and_only_leaders_can_approve(world, plan, client_for):
    approve = f"/work/plans/{plan.pk}/approve/"
    assert approve not in client_for(world.olga).get(f"/work/plans/{plan.pk}/").content.decode()
    response = client_for(world.olga).post(approve, follow=True)
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT
    assert any(message.level_tag == "error" for message in response.context["messages"])

    alice = client_for(world.alice)
    assert approve in alice.get(f"/work/plans/{plan.pk}/").content.decode()
    alice.post(approve)
    plan.refresh_from_db()
    assert plan.is_locked and plan.approved_by == world.alice
    assert f"/work/plans/{plan.pk}/reopen/" in alice.get(f"/work/plans/{plan.pk}/").content.decode()
    alice.post(f"/work/plans/{plan.pk}/reopen/")
    assert not Plan.objects.get(pk=plan.pk).is_locked


def test_a_task_is_added_to_a_draft_plan(world, plan, client_for):
    response = client_for(world.olga).post(
        f"/work/plans/{plan.pk}/tasks/new/",
        {
            "content": "Tuyên truyền kỷ niệm 80 năm Quốc khánh",
            "lead_unit": world.hamlet_a.pk,
            "start_on": "01/08/2026",
            "due_on": "02/09/2026",
            "is_key": "on",
        },
    )
    task = Task.objects.get(plan=plan)
    assert response["Location"] == f"/work/tasks/{task.pk}/"
    assert (task.lead_unit, task.is_key, task.created_by) == (world.hamlet_a, True, world.olga)


def test_a_task_due_outside_the_plan_is_refused_with_a_clear_message(world, plan, client_for):
    client = client_for(world.olga)
    client.post("/language/", {"language": "en"})
    response = client.post(
        f"/work/plans/{plan.pk}/tasks/new/",
        {"content": "Việc năm sau", "lead_unit": world.commune_a.pk, "due_on": "15/01/2027"},
    )
    assert response.status_code == 200
    assert "outside the plan&#x27;s period (01/01/2026 to 31/12/2026)" in response.content.decode()
    assert not Task.objects.exists()


def test_a_locked_plan_refuses_new_tasks(world, plan, client_for):
    services.approve_plan(plan=plan, by=world.alice)
    client = client_for(world.olga)
    client.post("/language/", {"language": "en"})
    detail = client.get(f"/work/plans/{plan.pk}/").content.decode()
    assert f'href="/work/plans/{plan.pk}/tasks/new/"' not in detail
    assert "disabled" in client.get(f"/work/plans/{plan.pk}/tasks/new/").content.decode()
    response = client.post(
        f"/work/plans/{plan.pk}/tasks/new/",
        {"content": "Việc thêm", "lead_unit": world.commune_a.pk, "due_on": "01/06/2026"},
    )
    assert response.context["form"].non_field_errors() == [
        "The plan is approved and locked: reopen it first."
    ]
    assert not Task.objects.exists()
