"""The early-warning API: scoped lists and reads, each move with its version (409 when
stale, 422 when refused), 404 for anything outside the caller's units."""

import datetime

import pytest
from openapi_spec_validator import validate

from mandate.earlywarning import services
from mandate.earlywarning.models import Alert
from mandate.grassroots.models import Case
from mandate.work.models import Task
from tests.earlywarning.conftest import TODAY, make_alert


def ids(response) -> list[int]:
    assert response.status_code == 200
    return [row["id"] for row in response.json()["items"]]


def english(user):
    user.preferred_language = "en"
    user.save()
    return user


def test_the_list_is_scoped(world, alert, api_as):
    assert ids(api_as(world.alice).get("/alerts")) == [alert.pk]
    assert ids(api_as(world.victor).get("/alerts")) == [alert.pk]
    assert ids(api_as(world.charlie).get("/alerts")) == []


def test_the_list_filters(world, places, alert, api_as):
    other = make_alert(
        world,
        places,
        category=places.land,
        method=Alert.Method.POISSON_SCAN,
        status=Alert.Status.ESCALATED,
        last_detected_on=TODAY - datetime.timedelta(days=20),
        localities=[places.a_near],
    )
    api = api_as(world.lena)
    assert ids(api.get("/alerts", {"status": "open"})) == [alert.pk]
    assert ids(api.get("/alerts", {"status": "escalated"})) == [other.pk]
    assert ids(api.get("/alerts", {"category": "land"})) == [other.pk]
    assert ids(api.get("/alerts", {"method": "poisson_scan"})) == [other.pk]
    assert ids(api.get("/alerts", {"locality": places.a.code})) == [alert.pk]
    assert ids(api.get("/alerts", {"since": "2026-05-10"})) == [alert.pk]
    assert ids(api.get("/alerts", {"until": "2026-05-10"})) == [other.pk]
    assert api.get("/alerts", {"status": "lost"}).status_code == 422


def test_an_alert_reads_with_its_series_and_the_callers_actions(
    world, places, alert, counts, api_as
):
    body = api_as(world.olga).get(f"/alerts/{alert.pk}").json()
    assert body["status"] == "new" and body["version"] == 1
    assert body["category"]["code"] == "environment" and body["centre"]["code"] == places.a.code
    assert {place["code"] for place in body["localities"]} == {places.a.code, places.a_near.code}
    assert body["unit"] == {"id": world.commune_a.pk, "name": world.commune_a.name}
    assert body["recurrence_days"] == 2400 and body["case_id"] is None
    assert body["actions"] == ["review", "escalate_case", "escalate_task", "dismiss"]
    assert len(body["series"]) == 60
    assert body["series"][-1] == {
        "day": "2026-05-15",
        "observed": 3,
        "expected": 1.0,
        "in_window": True,
    }
    assert api_as(world.victor).get(f"/alerts/{alert.pk}").json()["actions"] == []
    assert api_as(world.charlie).get(f"/alerts/{alert.pk}").status_code == 404


def test_each_move_answers_the_alert_as_it_now_is(world, alert, api_as):
    api = api_as(world.olga)
    reviewed = api.post(f"/alerts/{alert.pk}/review", {"version": 1})
    assert reviewed.status_code == 200
    assert (reviewed.json()["status"], reviewed.json()["version"]) == ("reviewing", 2)
    dismissed = api.post(
        f"/alerts/{alert.pk}/dismiss", {"version": 2, "reason": "handled", "note": "Đã có vụ việc"}
    )
    assert dismissed.json()["dismiss_reason"] == "handled"
    assert dismissed.json()["handled_by"] == world.olga.full_name
    reopened = api.post(f"/alerts/{alert.pk}/reopen", {"version": 3})
    assert reopened.json()["status"] == "reviewing"
    task = api.post(f"/alerts/{alert.pk}/escalate_task", {"version": 4, "due_on": "2026-06-01"})
    assert task.status_code == 200 and task.json()["status"] == "escalated"
    assert Task.objects.get(pk=task.json()["task_id"]).due_on == datetime.date(2026, 6, 1)


def test_escalating_to_a_case_opens_or_links_one(world, places, alert, api_as):
    api = api_as(english(world.alice))
    opened = api.post(f"/alerts/{alert.pk}/escalate_case", {"version": 1}).json()
    case = Case.objects.get(pk=opened["case_id"])
    assert case.unit == world.commune_a and opened["status"] == "escalated"
    other = make_alert(world, places)
    hidden = make_alert(world, places, unit=world.commune_b, centre=places.b)
    foreign = services.escalate_to_case(hidden, version=1, by=world.charlie).case
    refused = api.post(f"/alerts/{other.pk}/escalate_case", {"version": 1, "case_id": foreign.pk})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "case_id"
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    closed = api.post(f"/alerts/{other.pk}/escalate_case", {"version": 1, "case_id": case.pk})
    assert closed.status_code == 422
    assert closed.json()["errors"] == [
        {"field": "case_id", "message": f"There is no open case no. {case.pk} that you can see."}
    ]
    Case.objects.filter(pk=case.pk).update(status=Case.Status.IN_PROGRESS)
    linked = api.post(f"/alerts/{other.pk}/escalate_case", {"version": 1, "case_id": case.pk})
    assert linked.json()["case_id"] == case.pk


def test_a_stale_move_is_409_and_changes_nothing(world, alert, api_as):
    services.review(alert, version=1, by=world.alice)
    response = api_as(english(world.olga)).post(
        f"/alerts/{alert.pk}/dismiss", {"version": 1, "reason": "chance"}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("This alert was changed by someone else meanwhile.")
    assert body["current"]["version"] == 2 and body["current"]["status"] == "reviewing"
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.REVIEWING


@pytest.mark.parametrize(
    ("action", "body", "detail"),
    [
        ("reopen", {"version": 1}, "An alert that is “New” cannot be reopened."),
        ("dismiss", {"version": 1}, "reason: Choose why the alert is dismissed."),
        ("dismiss", {"version": 1, "reason": "bored"}, "reason: Select a valid choice."),
        ("review", {}, "version: This field is required."),
        ("explode", {"version": 1}, "action: Select a valid choice."),
    ],
)
def test_bad_moves_are_422_in_the_callers_language(world, alert, api_as, action, body, detail):
    response = api_as(english(world.olga)).post(f"/alerts/{alert.pk}/{action}", body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(detail)
    assert Alert.objects.get(pk=alert.pk).version == 1


def test_readers_who_may_not_act_are_refused_and_outsiders_find_nothing(world, alert, api_as):
    refused = api_as(english(world.victor)).post(f"/alerts/{alert.pk}/review", {"version": 1})
    assert refused.status_code == 422
    assert refused.json()["detail"] == "You cannot act on this alert."
    outsider = api_as(world.charlie)
    assert outsider.post(f"/alerts/{alert.pk}/review", {"version": 1}).status_code == 404
    assert outsider.post(f"/alerts/{alert.pk}/explode", {}).status_code == 404  # not a 422
    assert api_as(world.olga).get("/alerts/999999").status_code == 404
    assert Alert.objects.get(pk=alert.pk).version == 1


def test_the_list_runs_the_same_queries_whatever_its_length(
    world, places, api_as, django_assert_max_num_queries
):
    api = api_as(world.lena)
    for _number in range(30):
        make_alert(world, places)
    with django_assert_max_num_queries(8):
        assert len(ids(api.get("/alerts"))) == 30


def test_the_openapi_document_lists_the_routes(world, client_for):
    schema = client_for(world.olga).get("/api/openapi.json").json()
    validate(schema)
    assert {
        "/api/earlywarning/alerts",
        "/api/earlywarning/alerts/{alert_id}",
        "/api/earlywarning/alerts/{alert_id}/{action}",
    } <= set(schema["paths"])
