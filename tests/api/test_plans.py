"""The plan routes: scoped lists with filters, detail with bucket counts, create."""

import datetime

from mandate.work.models import Plan
from tests.factories import PlanFactory


def titles(response) -> set[str]:
    return {item["title"] for item in response.json()["items"]}


def test_list_shows_only_plans_in_scope(world, api_as, programme):
    assert titles(api_as(world.charlie).get("/work/plans")) == {programme.other_plan.title}
    assert titles(api_as(world.lena).get("/work/plans")) == {
        programme.plan.title,
        programme.other_plan.title,
    }


def test_list_filters_by_unit_and_year(world, api_as, programme):
    older = PlanFactory(
        unit=world.commune_a,
        title="Kế hoạch năm 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    api = api_as(world.lena)
    assert titles(api.get("/work/plans", {"year": 2025})) == {older.title}
    assert titles(api.get("/work/plans", {"unit": world.commune_b.pk})) == {
        programme.other_plan.title
    }
    item = api.get("/work/plans", {"unit": world.commune_a.pk, "year": 2026}).json()["items"][0]
    assert item["task_count"] == 3
    assert item["unit"] == {"id": world.commune_a.pk, "name": world.commune_a.name}


def test_detail_counts_tasks_by_bucket_as_of_a_date(world, api_as, programme):
    api = api_as(world.olga)
    today = api.get(f"/work/plans/{programme.plan.pk}").json()
    assert today["as_of"] == "2026-06-01"
    assert {row["bucket"]: row["count"] for row in today["buckets"]} == {
        "done_on_time": 1,
        "done_late": 0,
        "pending_in_time": 1,
        "pending_overdue": 1,
    }
    in_march = api.get(f"/work/plans/{programme.plan.pk}", {"as_of": "2026-03-01"}).json()
    assert {row["bucket"]: row["count"] for row in in_march["buckets"]}["pending_in_time"] == 3


def test_outsider_gets_404(world, api_as, programme):
    assert api_as(world.charlie).get(f"/work/plans/{programme.plan.pk}").status_code == 404


def test_create_a_plan_from_documents(world, api_as, programme):
    response = api_as(world.alice).post(
        "/work/plans",
        {
            "unit_id": world.commune_a.pk,
            "title": "Kế hoạch năm 2027",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "source_document_ids": [programme.directive.pk],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["source_documents"] == [
        {"id": programme.directive.pk, "symbol": "35-CT/TU", "title": programme.directive.title}
    ]
    assert body["status"] == "draft"
    assert Plan.objects.get(pk=body["id"]).created_by == world.alice


def test_a_plan_ending_before_it_starts_is_refused(world, api_as):
    response = api_as(world.alice).post(
        "/work/plans",
        {
            "unit_id": world.commune_a.pk,
            "title": "Kế hoạch ngược",
            "period_start": "2027-12-31",
            "period_end": "2027-01-01",
        },
    )
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["period_end"]
    assert not Plan.objects.filter(title="Kế hoạch ngược").exists()


def test_a_plan_cannot_cite_a_document_outside_scope(world, api_as, programme):
    response = api_as(world.charlie).post(
        "/work/plans",
        {
            "unit_id": world.commune_b.pk,
            "title": "Kế hoạch mượn",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "source_document_ids": [programme.commune_document.pk],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "source_document_ids"
