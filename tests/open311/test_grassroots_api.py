"""The grassroots JSON API: file a report, read reports and cases in scope, act on a case
with its version (409 when stale), and never a citizen's contact in any answer."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from mandate.grassroots import services
from mandate.grassroots.models import Case, Contact, Report
from mandate.grassroots.scrub import REDACTED

CONTACT = {
    "contact_name": "Nguyễn Văn Ba",
    "contact_phone": "0987 111 222",
    "contact_email": "ba.nguyen@example.vn",
    "contact_address": "Số 7 ngõ Hòe, thôn Đông",
}


def report_body(places, **overrides) -> dict:
    return {
        "category": "environment",
        "locality": places.a.code,
        "observed_on": "30/05/2026",
        "severity": 3,
        "people_affected": 40,
        "summary": "Nước thải xưởng mạ chảy ra kênh thôn Đông, gọi anh Ba 0912 345 678",
        **CONTACT,
        **overrides,
    }


@pytest.fixture
def filed(world, places, api_as) -> dict:
    """The answer to rita filing one report through the API."""
    response = api_as(world.rita).post("/reports", report_body(places))
    assert response.status_code == 201, response.content
    return response.json()


def no_contact(response) -> None:
    text = json.dumps(response.json(), ensure_ascii=False)
    leaked = [value for value in CONTACT.values() if value in text]
    assert not leaked and "0987111222" not in text and "contact" not in text, text


# Filing -----------------------------------------------------------------------------


def test_a_report_is_filed_scrubbed_and_routed(world, places, api_as):
    response = api_as(world.rita).post("/reports", report_body(places))
    assert response.status_code == 201, response.content
    no_contact(response)
    body = response.json()
    assert REDACTED in body["summary"] and "0912" not in body["summary"]
    assert body["redactions"] == 1 and body["channel"] == "api"
    assert body["category"]["code"] == "environment"
    assert body["locality"] == {"id": places.a.pk, "code": "99001", "name": places.a.name}
    assert body["case"]["unit"] == {"id": world.commune_a.pk, "name": world.commune_a.name}
    assert body["observed_on"] == "2026-05-30" and body["reported_by"] == world.rita.full_name
    contact = Contact.objects.get(report_id=body["id"])
    assert contact.phone == "0987 111 222"  # kept apart, for the receiving unit only


def test_bad_input_names_every_field_at_once_and_writes_nothing(world, places, api_as, in_english):
    world.rita.preferred_language = "en"
    world.rita.save()
    response = api_as(world.rita).post(
        "/reports",
        report_body(places, category="nothing", severity=9, summary="", locality=places.b.code),
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"category", "severity", "summary", "locality"}
    assert {
        "field": "locality",
        "message": "“99003” is not a commune you report on.",
    } in response.json()["errors"]
    assert not Report.objects.exists() and not Contact.objects.exists()


def test_a_report_may_join_an_open_case(world, places, api_as, filed):
    response = api_as(world.olga).post(
        "/reports", report_body(places, case=filed["case"]["id"], severity=4)
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=filed["case"]["id"])
    assert case.report_count == 2 and case.severity == 4


# Reading reports --------------------------------------------------------------------


def test_reports_are_listed_in_scope(world, places, api_as, filed):
    def ids(user, **params) -> list[int]:
        response = api_as(user).get("/reports", params)
        assert response.status_code == 200, response.content
        no_contact(response)
        return [item["id"] for item in response.json()["items"]]

    assert ids(world.rita) == [filed["id"]]
    assert ids(world.alice) == [filed["id"]]
    assert ids(world.lena) == [filed["id"]]
    assert ids(world.charlie) == []
    assert ids(world.alice, category="land") == []
    assert ids(world.alice, locality="99001", channel="api") == [filed["id"]]
    assert ids(world.alice, mine=True) == []
    assert ids(world.alice, observed_from="2026-05-31") == []
    assert ids(world.alice, case=filed["case"]["id"]) == [filed["id"]]


def test_a_report_is_read_by_those_in_scope_only(world, api_as, filed):
    response = api_as(world.olga).get(f"/reports/{filed['id']}")
    assert response.status_code == 200
    no_contact(response)
    assert response.json()["summary"] == filed["summary"]
    assert api_as(world.charlie).get(f"/reports/{filed['id']}").status_code == 404
    assert api_as(world.charlie).get("/reports/999999").status_code == 404


# Cases ------------------------------------------------------------------------------


def test_cases_are_listed_in_scope_with_filters(world, places, api_as, filed):
    api_as(world.lena).post(
        "/reports",
        report_body(
            places, category="land", locality="99002", summary="Tranh chấp ranh giới đất ruộng"
        ),
    )

    def titles(user, **params) -> list[str]:
        response = api_as(user).get("/cases", params)
        assert response.status_code == 200, response.content
        no_contact(response)
        return [item["unit"]["name"] for item in response.json()["items"]]

    assert titles(world.lena) == [world.division.name, world.commune_a.name]
    assert titles(world.alice) == [world.commune_a.name]
    assert titles(world.charlie) == []
    assert titles(world.lena, category="land") == [world.division.name]
    assert titles(world.lena, locality="99001") == [world.commune_a.name]
    assert titles(world.lena, unit=world.division.pk) == [world.division.name]
    assert titles(world.lena, status="new", open=True) == [
        world.division.name,
        world.commune_a.name,
    ]
    assert titles(world.lena, open=False) == []
    assert titles(world.lena, status="closed") == []  # a finished status (with_status)
    assert titles(world.lena, q="nuoc thai") == [world.commune_a.name]
    assert titles(world.lena, unit=world.root.pk) == []
    assert titles(world.lena, unit=world.root.pk, below=True) == [
        world.division.name,
        world.commune_a.name,
    ]
    assert titles(world.alice, unit=world.root.pk, below=True) == []  # a unit alice can't see
    day = Case.objects.dangerously_unscoped().values_list("opened_on", flat=True).first()
    assert len(titles(world.lena, opened_from=day.isoformat(), opened_to=day.isoformat())) == 2
    assert titles(world.lena, opened_to="2000-01-01") == []
    assert len(titles(world.lena, no_duplicates=True)) == 2


def test_a_case_shows_its_reports_and_timeline(world, api_as, filed):
    response = api_as(world.alice).get(f"/cases/{filed['case']['id']}")
    assert response.status_code == 200
    no_contact(response)
    case = response.json()
    assert case["version"] == 1 and case["status"] == "new"
    assert [report["id"] for report in case["reports"]] == [filed["id"]]
    assert [event["kind"] for event in case["timeline"]] == ["opened"]
    assert "acknowledge" in case["actions"] and "note" in case["actions"]
    assert "close" not in case["actions"]
    as_reporter = api_as(world.rita).get(f"/cases/{filed['case']['id']}").json()
    assert as_reporter["actions"] == []  # a reporter reads her commune's cases, never acts


def test_charlie_gets_404_on_every_case_route(world, api_as, filed):
    api = api_as(world.charlie)
    case_id = filed["case"]["id"]
    assert api.get(f"/cases/{case_id}").status_code == 404
    # 404 before the body is even read: a 422 would confirm the case exists.
    assert api.post(f"/cases/{case_id}/actions", {"action": "fly"}).status_code == 404
    assert (
        api.post(f"/cases/{case_id}/actions", {"action": "note", "version": 1}).status_code == 404
    )
    assert Case.objects.get(pk=case_id).events.count() == 1


# Actions ----------------------------------------------------------------------------


def test_an_action_moves_the_case_and_bumps_its_version(world, api_as, filed):
    api = api_as(world.olga)
    case_id = filed["case"]["id"]
    response = api.post(
        f"/cases/{case_id}/actions", {"action": "acknowledge", "version": 1, "text": "Đã nhận"}
    )
    assert response.status_code == 200, response.content
    no_contact(response)
    case = response.json()
    assert case["status"] == "acknowledged" and case["version"] == 2
    assert [event["kind"] for event in case["timeline"]] == ["opened", "acknowledged"]
    assert case["timeline"][-1]["actor"] == world.olga.full_name
    resolved = api.post(
        f"/cases/{case_id}/actions",
        {"action": "resolve", "version": 2, "text": "Đã nạo vét kênh", "resolved_on": "2026-05-31"},
    ).json()
    assert resolved["status"] == "resolved" and resolved["resolution"] == "Đã nạo vét kênh"
    assert resolved["resolved_on"] == "2026-05-31"


def test_a_stale_action_is_409_and_changes_nothing(world, api_as, filed):
    case_id = filed["case"]["id"]
    services.acknowledge(case=Case.objects.get(pk=case_id), version=1, by=world.alice)
    response = api_as(world.olga).post(
        f"/cases/{case_id}/actions", {"action": "start", "version": 1}
    )
    assert response.status_code == 409
    body = response.json()
    with translation.override("vi"):
        assert body["detail"] == str(services.StaleCase(Case.objects.get(pk=case_id)))
    assert body["current"]["status"] == "acknowledged" and body["current"]["version"] == 2
    assert Case.objects.get(pk=case_id).status == Case.Status.ACKNOWLEDGED


def test_an_illegal_or_incomplete_action_is_422(world, api_as, filed, in_english):
    world.olga.preferred_language = "en"
    world.olga.save()
    api = api_as(world.olga)
    case_id = filed["case"]["id"]
    closing = api.post(f"/cases/{case_id}/actions", {"action": "close", "version": 1})
    assert closing.status_code == 422
    assert "cannot be closed" in closing.json()["detail"]
    resolving = api.post(f"/cases/{case_id}/actions", {"action": "resolve", "version": 1})
    assert resolving.status_code == 422
    assert [error["field"] for error in resolving.json()["errors"]] == ["text"]
    referring = api.post(f"/cases/{case_id}/actions", {"action": "refer", "version": 1})
    assert [error["field"] for error in referring.json()["errors"]] == ["to_unit_id"]
    unknown = api.post(f"/cases/{case_id}/actions", {"action": "fly", "version": 1})
    assert unknown.status_code == 422
    assert Case.objects.get(pk=case_id).status == Case.Status.NEW


def test_a_reader_who_may_not_act_is_refused(world, api_as, filed):
    response = api_as(world.victor).post(
        f"/cases/{filed['case']['id']}/actions", {"action": "acknowledge", "version": 1}
    )
    assert response.status_code == 422
    assert Case.objects.get(pk=filed["case"]["id"]).status == Case.Status.NEW


def test_refer_correct_note_and_close_unresolved(world, places, api_as, filed):
    api = api_as(world.alice)
    case_id = filed["case"]["id"]
    noted = api.post(f"/cases/{case_id}/actions", {"action": "note", "version": 1, "text": "Ghi"})
    assert noted.json()["timeline"][-1]["kind"] == "note" and noted.json()["version"] == 1
    corrected = api.post(
        f"/cases/{case_id}/actions", {"action": "correct", "version": 1, "category": "land"}
    ).json()
    assert corrected["category"]["code"] == "land"
    assert corrected["unit"]["id"] == world.division.pk  # land goes to the division
    lena = api_as(world.lena)
    referred = lena.post(
        f"/cases/{case_id}/actions",
        {"action": "refer", "version": 2, "to_unit_id": world.commune_b.pk, "text": "Thuộc xã B"},
    ).json()
    assert referred["status"] == "referred" and referred["unit"]["id"] == world.commune_b.pk
    closed = lena.post(
        f"/cases/{case_id}/actions",
        {
            "action": "close_unresolved",
            "version": 3,
            "reason": "no_action",
            "text": "Hết thẩm quyền",
        },
    ).json()
    assert closed["status"] == "unresolved" and closed["close_reason"] == "no_action"
    bad_code = lena.post(
        f"/cases/{case_id}/actions", {"action": "correct", "version": 4, "locality": "00000"}
    )
    assert [error["field"] for error in bad_code.json()["errors"]] == ["locality"]


def test_categories_list_the_service_codes(world, places, api_as):
    response = api_as(world.charlie).get("/categories")
    assert response.status_code == 200
    codes = [category["code"] for category in response.json()]
    assert "land" in codes and "environment" in codes


def test_the_openapi_document_lists_the_grassroots_routes(world, client_for):
    paths = set(client_for(world.olga).get("/api/openapi.json").json()["paths"])
    assert {
        "/api/grassroots/categories",
        "/api/grassroots/reports",
        "/api/grassroots/reports/{report_id}",
        "/api/grassroots/cases",
        "/api/grassroots/cases/{case_id}",
        "/api/grassroots/cases/{case_id}/actions",
    } <= paths


@pytest.mark.parametrize("path", ["/reports", "/cases"])
def test_lists_run_the_same_queries_whatever_their_length(
    world, places, api_as, path, django_assert_num_queries
):
    filer, reader = api_as(world.rita), api_as(world.alice)
    filer.post("/reports", report_body(places))
    reader.get(path)  # the token is marked used once a minute: warm it up
    with CaptureQueriesContext(connection) as one:
        assert len(reader.get(path).json()["items"]) == 1
    count = len(one)  # now: the next request empties the log it reads from
    for _number in range(3):
        filer.post("/reports", report_body(places))
    with django_assert_num_queries(count):
        assert len(reader.get(path).json()["items"]) == 4
