"""The calendar API: public observances and occurrences, scoped campaigns, each write
through the services (422 when refused, nothing written), 404 outside the caller's units."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from openapi_spec_validator import validate

import tests.api.conftest
from mandate.observances import services
from mandate.observances.models import Campaign, CampaignTarget, Observance
from mandate.org.services import issue_token
from mandate.work.models import Task
from tests.factories import DocumentFactory

TODAY = datetime.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def today(time_machine) -> datetime.date:
    time_machine.move_to(
        datetime.datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    )
    return TODAY


class Api(tests.api.conftest.Api):
    prefix = "/api/observances"


@pytest.fixture
def api_as(db):
    """An API client authenticated by a fresh personal token of the given user."""

    def for_user(user) -> Api:
        _record, token = issue_token(user=user, name="tests")
        return Api(Client(HTTP_AUTHORIZATION=f"Bearer {token}"))

    return for_user


def english(user):
    user.preferred_language = "en"
    user.save()
    return user


def ids(response) -> list[int]:
    assert response.status_code == 200
    return [row["id"] for row in response.json()["items"]]


@pytest.fixture
def village_festival(world, template) -> Campaign:
    """commune_a's own draft for its hamlet, which charlie (commune_b) must not reach."""
    return services.create_campaign(
        unit=world.commune_a,
        by=world.alice,
        target_units=[world.hamlet_a],
        template=template,
        title="Lễ hội làng Đông",
        event_on=datetime.date(2026, 8, 15),
    )


@pytest.fixture
def national_day(world, template, guidance) -> Campaign:
    """The department's launched campaign for 2/9, targeting both communes."""
    campaign = services.create_campaign(
        unit=world.root,
        by=world.lena,
        observance=Observance.objects.get(key="national-day"),
        year=2026,
        template=template,
        target_units=[world.commune_a, world.commune_b],
        guidance=guidance,
    )
    services.launch_campaign(campaign=campaign, by=world.lena)
    return campaign


# The calendar ------------------------------------------------------------------------


def test_token_authenticates_and_anonymous_callers_get_401(world, api_as):
    assert api_as(world.charlie).get("/observances").status_code == 200
    anonymous = Client()
    for path in ("observances", "occurrences", "campaigns"):
        assert anonymous.get(f"/api/observances/{path}").status_code == 401
    bad_token = Client(HTTP_AUTHORIZATION="Bearer mdt_nope")
    assert bad_token.get("/api/observances/campaigns").status_code == 401


def test_observances_filter_by_level_and_calendar(world, api_as):
    api = api_as(world.charlie)
    lunar = {row["key"] for row in api.get("/observances", {"calendar": "lunar"}).json()}
    assert {"tet", "hung-kings"} <= lunar and "national-day" not in lunar
    national = api.get("/observances", {"level": "national"}).json()
    assert all(row["level"] == "national" for row in national)
    party = next(row for row in national if row["key"] == "party-founding")
    assert (party["day"], party["month"], party["founding_year"]) == (3, 2, 1930)
    assert api.get("/observances", {"level": "galactic"}).status_code == 422


def test_occurrences_of_2026_put_the_lunar_days_on_their_dates(world, api_as):
    rows = api_as(world.charlie).get("/occurrences", {"year": 2026}).json()
    dates = {row["observance"]["key"]: row["date"] for row in rows}
    assert dates["tet"] == "2026-02-17"
    assert dates["hung-kings"] == "2026-04-26"
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)


def test_2030_marks_the_party_founding_as_its_major_centenary(world, api_as):
    rows = api_as(english(world.charlie)).get("/occurrences", {"year": 2030}).json()
    party = next(row for row in rows if row["observance"]["key"] == "party-founding")
    assert party["date"] == "2030-02-03"
    assert party["anniversary"] == 100
    assert party["is_round"] and party["is_decade"] and party["is_major"]
    assert party["anniversary_label"] == "100th anniversary"
    assert party["observance"]["label"] == "Communist Party of Vietnam founding"


def test_occurrences_default_to_this_year_and_filter_by_level(world, api_as):
    rows = api_as(world.charlie).get("/occurrences", {"level": "national"}).json()
    assert rows and all(row["date"].startswith("2026-") for row in rows)
    assert {row["observance"]["level"] for row in rows} == {"national"}


@pytest.mark.parametrize("year", [1900, 2100])
def test_years_outside_the_calendar_are_422(world, api_as, year):
    response = api_as(english(world.charlie)).get("/occurrences", {"year": year})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "year", "message": "Choose a year between 1901 and 2099."}
    ]


# Reading campaigns -------------------------------------------------------------------


def test_the_campaign_list_is_scoped(world, village_festival, national_day, api_as):
    assert ids(api_as(world.olga).get("/campaigns")) == [national_day.pk, village_festival.pk]
    assert ids(api_as(world.lena).get("/campaigns")) == [national_day.pk, village_festival.pk]
    assert ids(api_as(world.charlie).get("/campaigns")) == [national_day.pk]


def test_the_campaign_list_filters_by_year_and_status(
    world, village_festival, national_day, api_as
):
    api = api_as(world.alice)
    assert ids(api.get("/campaigns", {"status": "draft"})) == [village_festival.pk]
    assert ids(api.get("/campaigns", {"status": "launched"})) == [national_day.pk]
    assert ids(api.get("/campaigns", {"year": 2025})) == []
    assert api.get("/campaigns", {"status": "lost"}).status_code == 422
    row = api.get("/campaigns", {"status": "launched"}).json()["items"][0]
    assert row["observance"]["key"] == "national-day" and row["anniversary"] == 81
    assert (row["target_count"], row["unit"]["id"]) == (2, world.root.pk)


def test_outsider_gets_404_on_a_campaign_of_another_unit(world, village_festival, api_as):
    outsider = api_as(world.charlie)
    url = f"/campaigns/{village_festival.pk}"
    assert outsider.get(url).status_code == 404
    assert outsider.post(f"{url}/launch").status_code == 404
    assert outsider.post(f"{url}/explode").status_code == 404
    assert outsider.post(f"{url}/close", {"summary": ["not", "text"]}).status_code == 404
    assert api_as(world.olga).get("/campaigns/999999").status_code == 404
    village_festival.refresh_from_db()
    assert village_festival.status == Campaign.Status.DRAFT


def test_the_detail_shows_the_targets_the_caller_may_read(world, national_day, guidance, api_as):
    Task.objects.filter(campaign=national_day, lead_unit=world.commune_a).update(
        status=Task.Status.DONE, completed_on=TODAY, progress=100
    )
    body = api_as(world.olga).get(f"/campaigns/{national_day.pk}").json()
    assert body["status"] == "launched" and body["as_of"] == "2026-07-01"
    assert body["guidance"]["id"] == guidance.pk
    assert body["template"]["name"] == "Tuyên truyền Quốc khánh 2/9"
    assert [target["unit"]["id"] for target in body["targets"]] == [world.commune_a.pk]
    target = body["targets"][0]
    counts = {row["bucket"]: row["count"] for row in target["buckets"]}
    assert counts == {
        "done_on_time": 3,
        "done_late": 0,
        "pending_in_time": 0,
        "pending_overdue": 0,
    }
    assert target["tasks"] == 3 and target["is_done"] and not target["is_late"]
    assert body["totals"]["targets"] == 1 and body["target_count"] == 2
    assert body["acknowledgeable"] == [{"id": world.commune_a.pk, "name": world.commune_a.name}]
    everything = api_as(world.lena).get(f"/campaigns/{national_day.pk}").json()
    assert len(everything["targets"]) == 2
    totals = {row["bucket"]: row["count"] for row in everything["totals"]["buckets"]}
    assert totals["done_on_time"] == 3 and totals["pending_in_time"] == 3


def test_a_guidance_the_reader_cannot_open_is_left_out(world, template, api_as):
    secret = DocumentFactory(unit=world.commune_b, title="Hướng dẫn riêng của xã Hòa Bình")
    campaign = services.create_campaign(
        unit=world.root,
        by=world.lena,
        target_units=[world.commune_a],
        template=template,
        title="Hội nghị báo cáo viên",
        event_on=datetime.date(2026, 8, 1),
        guidance=secret,
        launch=True,
    )
    assert api_as(world.olga).get(f"/campaigns/{campaign.pk}").json()["guidance"] is None
    assert api_as(world.lena).get(f"/campaigns/{campaign.pk}").json()["guidance"]["id"] == secret.pk


def test_the_list_runs_the_same_queries_whatever_its_length(
    world, template, api_as, django_assert_max_num_queries
):
    for number in range(20):
        services.create_campaign(
            unit=world.commune_a,
            by=world.alice,
            target_units=[world.commune_a, world.hamlet_a],
            template=template,
            title=f"Sự kiện {number}",
            event_on=datetime.date(2026, 8, 1),
        )
    api = api_as(world.olga)
    with django_assert_max_num_queries(8):
        assert len(ids(api.get("/campaigns"))) == 20


# Planning and launching --------------------------------------------------------------


def test_create_and_launch_writes_every_units_tasks(world, template, guidance, api_as):
    response = api_as(world.lena).post(
        "/campaigns",
        {
            "unit_id": world.root.pk,
            "observance_key": "national-day",
            "year": 2026,
            "template_id": template.pk,
            "target_unit_ids": [world.commune_a.pk, world.commune_b.pk, world.division.pk],
            "guidance_id": guidance.pk,
            "launch": True,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "launched" and body["launched_on"] == "2026-07-01"
    assert body["occurs_on"] == "2026-09-02" and body["anniversary"] == 81
    campaign = Campaign.objects.get(pk=body["id"])
    assert campaign.tasks.count() == 8
    assert campaign.tasks.filter(lead_unit=world.commune_a).count() == 3
    tasks = sum(target["tasks"] for target in body["targets"])
    assert tasks == 8 and body["totals"]["targets"] == 3


def test_a_one_off_event_is_planned_as_a_draft(world, template, api_as):
    observance = Observance.objects.get(key="party-founding")
    centenary = {
        "unit_id": world.commune_a.pk,
        "observance_id": observance.pk,
        "year": 2030,
        "template_id": template.pk,
        "target_unit_ids": [world.hamlet_a.pk],
    }
    by_id = api_as(world.alice).post("/campaigns", centenary).json()
    assert (by_id["occurs_on"], by_id["anniversary"], by_id["is_round"]) == (
        "2030-02-03",
        100,
        True,
    )
    response = api_as(world.alice).post(
        "/campaigns",
        {
            "unit_id": world.commune_a.pk,
            "title": "Đại hội Đảng bộ xã",
            "event_on": "2026-10-05",
            "target_unit_ids": [world.commune_a.pk, world.hamlet_a.pk],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["observance"], body["anniversary"]) == ("draft", None, None)
    assert body["title"] == "Đại hội Đảng bộ xã" and body["template"] is None
    assert not Task.objects.filter(campaign_id=body["id"]).exists()


def plan_body(world, template, **changes) -> dict:
    body = {
        "unit_id": world.commune_a.pk,
        "observance_key": "national-day",
        "year": 2026,
        "template_id": template.pk,
        "target_unit_ids": [world.commune_a.pk, world.hamlet_a.pk],
        "launch": True,
    }
    return {key: value for key, value in (body | changes).items() if value is not None}


@pytest.mark.parametrize(
    ("who", "changes", "field", "message"),
    [
        ("alice", {"unit_id": "commune_b"}, "unit_id", "Select a valid choice."),
        ("alice", {"target_unit_ids": ["hamlet_a", "commune_b"]}, "target_unit_ids", "Select"),
        ("lena", {"target_unit_ids": ["root"]}, "__all__", "A campaign can only target"),
        ("alice", {"target_unit_ids": []}, "__all__", "Choose at least one target unit."),
        ("alice", {"template_id": 999999}, "template_id", "Select a valid choice."),
        ("alice", {"guidance_id": "secret"}, "guidance_id", "Select a valid choice."),
        ("alice", {"observance_key": "no-such-day"}, "observance_key", "Select a valid choice."),
        ("alice", {"observance_id": 1}, "observance_key", "Give the observance by its id"),
        ("alice", {"year": 2100}, "year", "Choose a year between 1901 and 2099."),
        ("alice", {"event_on": "2026-09-02"}, "event_on", "Leave the date out"),
        ("alice", {"observance_key": None, "event_on": "2026-09-02"}, "title", "Name the event"),
        ("alice", {"template_id": None}, "__all__", "Choose a template before launching."),
        ("olga", {}, "__all__", "Only a leader of the unit can plan its campaigns."),
        ("charlie", {}, "unit_id", "Select a valid choice."),
    ],
)
def test_refused_plans_are_422_and_write_nothing(
    world, template, api_as, who, changes, field, message
):
    secret = DocumentFactory(unit=world.commune_b, title="Văn bản của xã Hòa Bình")
    named = {"secret": secret.pk} | {
        name: getattr(world, name).pk for name in ("root", "commune_a", "hamlet_a", "commune_b")
    }

    def resolve(value):
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return named.get(value, value) if isinstance(value, str) else value

    changes = {key: resolve(value) for key, value in changes.items()}
    response = api_as(english(getattr(world, who))).post(
        "/campaigns", plan_body(world, template, **changes)
    )
    assert response.status_code == 422
    body = response.json()
    if field == "__all__":
        assert body["detail"].startswith(message)
    else:
        assert [error["field"] for error in body["errors"]] == [field]
        assert body["errors"][0]["message"].startswith(message)
    assert not Campaign.objects.exists() and not Task.objects.exists()


def test_a_launch_with_nothing_to_do_leaves_no_draft_behind(world, template, api_as):
    template.steps.update(unit_kinds=["press"])
    response = api_as(english(world.alice)).post("/campaigns", plan_body(world, template))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("No step of the template applies")
    assert not Campaign.objects.exists() and not CampaignTarget.objects.exists()


# Moving a campaign on ----------------------------------------------------------------


def test_a_draft_is_launched_through_the_api(world, village_festival, api_as):
    response = api_as(world.alice).post(f"/campaigns/{village_festival.pk}/launch")
    assert response.status_code == 200
    assert response.json()["status"] == "launched"
    assert village_festival.tasks.filter(lead_unit=world.hamlet_a).count() == 2
    again = api_as(english(world.alice)).post(f"/campaigns/{village_festival.pk}/launch")
    assert again.status_code == 422
    assert again.json()["detail"] == "The campaign has already been launched."


def test_a_target_unit_acknowledges_once(world, national_day, api_as):
    api = api_as(english(world.olga))
    url = f"/campaigns/{national_day.pk}/acknowledge"
    body = api.post(url, {"unit_id": world.commune_a.pk, "note": "Đã nhận hướng dẫn"}).json()
    target = body["targets"][0]
    assert target["acknowledged_by"] == world.olga.full_name
    assert target["note"] == "Đã nhận hướng dẫn" and target["acknowledged_at"]
    assert body["totals"]["acknowledged"] == 1 and body["acknowledgeable"] == []
    again = api.post(url, {"unit_id": world.commune_a.pk})
    assert again.status_code == 422
    assert again.json()["detail"] == "Your unit has already acknowledged."
    missing = api.post(url, {})
    assert missing.json()["errors"] == [{"field": "unit_id", "message": "This field is required."}]


def test_one_cannot_acknowledge_for_another_unit(world, national_day, api_as):
    api = api_as(english(world.charlie))
    url = f"/campaigns/{national_day.pk}/acknowledge"
    response = api.post(url, {"unit_id": world.commune_a.pk})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unit_id"
    victor = api_as(english(world.victor)).post(url, {"unit_id": world.commune_a.pk})
    assert victor.json()["detail"] == "Only the unit's leaders and officers can acknowledge for it."
    assert not CampaignTarget.objects.filter(acknowledged_at__isnull=False).exists()


def test_a_campaign_is_closed_with_its_results(world, national_day, api_as):
    api = api_as(english(world.lena))
    url = f"/campaigns/{national_day.pk}/close"
    empty = api.post(url, {"summary": "  "})
    assert empty.status_code == 422
    assert empty.json()["detail"] == "Sum up the results before closing."
    closed = api.post(url, {"summary": "Treo 120 băng rôn"}).json()
    assert (closed["status"], closed["summary"], closed["closed_on"]) == (
        "closed",
        "Treo 120 băng rôn",
        "2026-07-01",
    )


def test_cancelling_needs_a_reason_and_a_leader(world, national_day, api_as):
    url = f"/campaigns/{national_day.pk}/cancel"
    officer = api_as(english(world.olga)).post(url, {"reason": "Hoãn"})
    assert officer.status_code == 422
    assert officer.json()["detail"].startswith("Only a leader of the organising unit")
    cancelled = api_as(world.lena).post(url, {"reason": "Hoãn theo chỉ đạo"}).json()
    assert cancelled["status"] == "cancelled"
    assert not national_day.tasks.exclude(status=Task.Status.CANCELLED).exists()


def test_an_unknown_action_is_404(world, national_day, api_as):
    response = api_as(world.lena).post(f"/campaigns/{national_day.pk}/explode")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_session_writes_need_the_csrf_token(world, village_festival):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    url = f"/api/observances/campaigns/{village_festival.pk}"
    assert browser.get(url).status_code == 200
    response = browser.post(f"{url}/launch", {}, content_type="application/json")
    assert response.status_code == 403
    assert not village_festival.tasks.exists()


def test_the_openapi_document_lists_the_routes(world, client_for):
    schema = client_for(world.olga).get("/api/openapi.json").json()
    validate(schema)
    assert {
        "/api/observances/observances",
        "/api/observances/occurrences",
        "/api/observances/campaigns",
        "/api/observances/campaigns/{campaign_id}",
        "/api/observances/campaigns/{campaign_id}/{action}",
    } <= set(schema["paths"])
