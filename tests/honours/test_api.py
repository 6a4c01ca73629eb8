"""The honours API: the titles and their rules, rounds read below their organiser,
nominations and their moves through the services (422 with the reason when refused,
409 on a stale edit), the checks, the register; 404 outside the caller's units."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from openapi_spec_validator import validate

import tests.api.conftest
from mandate.honours import services
from mandate.honours.models import Award, AwardRound, Nomination, Rating, Title
from mandate.org.models import Role
from mandate.org.services import issue_token
from tests.conftest import member
from tests.honours.conftest import YEAR, approve_and_notice, decide, rate, staff, to_council

Status = Nomination.Status


class Api(tests.api.conftest.Api):
    prefix = "/api/honours"


@pytest.fixture
def api_as(db):
    def for_user(user) -> Api:
        _record, token = issue_token(user=user, name="tests")
        return Api(Client(HTTP_AUTHORIZATION=f"Bearer {token}"))

    return for_user


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["items"]]


def ok(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def proposed(world, award_round, titles) -> list[Nomination]:
    """olga and alice, rated excellent, proposed by commune_a as advanced workers."""
    rate(world, award_round, world.commune_a, [world.olga, world.alice])
    return services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.olga, world.alice],
        by=world.alice,
    )


@pytest.fixture
def at_council(world, award_round, proposed) -> list[Nomination]:
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    to_council(world, award_round)
    return proposed


@pytest.fixture
def awarded(world, award_round, at_council) -> list[Award]:
    decide(world, award_round, approve_and_notice(world, award_round, at_council))
    return list(Award.objects.order_by("id"))


def speaks_english(*people) -> None:
    """Answers in English: the API speaks each caller's own language."""
    for person in people:
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])


def commune_round(world) -> AwardRound:
    """A round commune_a organises: neither the department's other units nor commune_b
    take part in it."""
    created = services.create_round(
        unit=world.commune_a,
        name="Bình xét thi đua xã Quảng Thành năm 2025",
        year=YEAR,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        by=world.alice,
    )
    return services.move_round(award_round=created, to=AwardRound.Status.NOMINATING, by=world.alice)


# Titles --------------------------------------------------------------------------------


def test_anonymous_callers_get_401(world):
    for path in ("titles", "rounds", "awards"):
        assert Client().get(f"/api/honours/{path}").status_code == 401


def test_titles_in_force_come_with_their_rules_and_dossier(world, api_as, titles):
    body = ok(api_as(world.charlie).get("/titles"))
    by_code = {title["code"]: title for title in body}
    fighter = by_code["chien-si-thi-dua-co-so"]
    assert fighter["name"] == "Chiến sĩ thi đua cơ sở" and fighter["reward_multiplier"]
    cap = next(rule for rule in fighter["rules"] if rule["kind"] == "cap_share_of")
    assert cap["other_title"]["code"] == "lao-dong-tien-tien"
    assert float(cap["percent"]) == 15 and "91/2017" in cap["legal_basis"]
    assert [item["name"] for item in fighter["dossier"]][0] == "Báo cáo thành tích"
    collective = ok(api_as(world.charlie).get("/titles", {"collective": "true"}))
    assert {title["beneficiary"] for title in collective} == {"collective", "any"}
    assert ok(api_as(world.charlie).get("/titles", {"on": "2023-06-01"})) == []


def test_a_rule_out_of_force_that_day_is_left_out(world, api_as, titles):
    titles.cstdcs.rules.filter(kind="cap_share_of").update(valid_to=datetime.date(2025, 12, 31))
    day = {"on": "2026-03-01"}
    fighter = next(
        t for t in ok(api_as(world.olga).get("/titles", day)) if t["id"] == titles.cstdcs.pk
    )
    assert "cap_share_of" not in {rule["kind"] for rule in fighter["rules"]}


# Rounds --------------------------------------------------------------------------------


def test_a_round_is_read_by_every_unit_below_its_organiser(world, api_as, award_round):
    mine = commune_round(world)
    assert set(ids(api_as(world.olga).get("/rounds"))) == {award_round.pk, mine.pk}
    assert ids(api_as(world.charlie).get("/rounds")) == [award_round.pk]
    assert ids(api_as(world.lena).get("/rounds", {"unit_id": world.commune_a.pk})) == [mine.pk]
    assert ids(api_as(world.lena).get("/rounds", {"status": "open"})) == []
    assert api_as(world.charlie).get(f"/rounds/{mine.pk}").status_code == 404
    assert api_as(world.lena).get("/rounds", {"status": "sleeping"}).status_code == 422


def test_a_rounds_detail_counts_what_the_caller_may_read(world, api_as, award_round, awarded):
    body = ok(api_as(world.alice).get(f"/rounds/{award_round.pk}"))
    assert body["status"] == "decided" and body["unit"]["id"] == world.root.pk
    (count,) = body["counts"]
    assert (count["title"], count["decided"], count["total"]) == ("Lao động tiên tiến", 2, 2)
    assert [decision["number"] for decision in body["decisions"]] == ["12/QĐ-BTGDVTU"]
    outsider = ok(api_as(world.charlie).get(f"/rounds/{award_round.pk}"))
    assert outsider["counts"] == [] and len(outsider["decisions"]) == 1


# Nominations ---------------------------------------------------------------------------


def test_nominations_are_scoped_and_filtered(world, api_as, award_round, titles, proposed):
    bao = member("bao", "Bùi Văn Bảo", world.commune_b, Role.LEADER)
    theirs = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_b,
        nominees=[world.charlie],
        by=bao,
        draft=True,
    )
    path = f"/rounds/{award_round.pk}/nominations"
    assert set(ids(api_as(world.alice).get(path))) == {n.pk for n in proposed}
    assert ids(api_as(world.charlie).get(path)) == [theirs[0].pk]
    lena = api_as(world.lena)
    assert len(ids(lena.get(path))) == 3
    assert ids(lena.get(path, {"status": "draft"})) == [theirs[0].pk]
    assert ids(lena.get(path, {"unit_id": world.commune_b.pk})) == [theirs[0].pk]
    assert len(ids(lena.get(path, {"title": "lao-dong-tien-tien"}))) == 3
    assert ids(lena.get(path, {"title": "giay-khen"})) == []


def test_nomination_list_takes_a_fixed_number_of_queries(
    world, api_as, award_round, titles, django_assert_max_num_queries
):
    people = staff(world.commune_a, 8, "cb")
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )
    api = api_as(world.alice)
    with django_assert_max_num_queries(10):
        assert len(ids(api.get(f"/rounds/{award_round.pk}/nominations"))) == 8


def test_a_leader_proposes_through_the_service(world, api_as, award_round, titles):
    body = {"title": "lao-dong-tien-tien", "unit_id": world.commune_a.pk}
    response = api_as(world.alice).post(
        f"/rounds/{award_round.pk}/nominations", body | {"person_ids": [world.olga.pk]}
    )
    assert response.status_code == 201, response.content
    (created,) = response.json()
    assert (created["person"]["id"], created["status"]) == (world.olga.pk, "proposed")
    assert created["title"]["code"] == "lao-dong-tien-tien"
    draft = api_as(world.lena).post(
        f"/rounds/{award_round.pk}/nominations",
        {"title": "giay-khen", "unit_id": world.root.pk, "unit_ids": [world.division.pk]}
        | {"draft": True},
    )
    assert draft.status_code == 201 and draft.json()[0]["nominee_unit"]["id"] == world.division.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "hero-of-labour"}, "title"),
        ({"unit_id": 999999}, "unit_id"),
        ({"person_ids": [999999]}, "person_ids"),
    ],
)
def test_bad_proposals_are_refused_with_the_field(
    world, api_as, award_round, titles, change, field
):
    body = {"title": "lao-dong-tien-tien", "unit_id": world.commune_a.pk}
    body |= {"person_ids": [world.olga.pk]} | change
    response = api_as(world.alice).post(f"/rounds/{award_round.pk}/nominations", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not Nomination.objects.exists()


def test_an_officer_cannot_propose(world, api_as, award_round, titles):
    speaks_english(world.olga)
    response = api_as(world.olga).post(
        f"/rounds/{award_round.pk}/nominations",
        {
            "title": "lao-dong-tien-tien",
            "unit_id": world.commune_a.pk,
            "person_ids": [world.olga.pk],
        },
    )
    assert response.status_code == 422
    assert "Only a leader of the unit can propose nominees." in response.json()["detail"]


def test_a_nomination_reads_with_its_evidence_failures_and_steps(
    world, api_as, award_round, titles
):
    (unrated,) = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    body = ok(api_as(world.alice).get(f"/nominations/{unrated.pk}"))
    assert body["person"]["full_name"] == world.olga.full_name
    assert [step["to_status"] for step in body["steps"]] == ["proposed"]
    assert body["steps"][0]["actor"]["id"] == world.alice.pk
    (failure,) = body["failures"]
    assert failure["code"] == "min_task_rating" and failure["nomination_id"] == unrated.pk
    assert world.olga.full_name in failure["message"]
    evidence = body["evidence"]
    assert (evidence["period_start"], evidence["task_total"]) == ("2025-01-01", 0)
    assert evidence["on_time_rate"] is None and evidence["earlier_awards"] == []
    assert body["vote"] is None and body["dossier"][-1]["item"] is None
    assert api_as(world.charlie).get(f"/nominations/{unrated.pk}").status_code == 404
    assert api_as(world.alice).get("/nominations/999999").status_code == 404


def test_the_council_moves_a_nomination_to_approval(world, api_as, award_round, proposed):
    olga, alice_nomination = proposed
    submitted = ok(api_as(world.alice).post(f"/nominations/{olga.pk}/submit"))
    assert submitted["status"] == "council"
    assert Nomination.objects.get(pk=alice_nomination.pk).status == Status.COUNCIL_REVIEW
    to_council(world, award_round)
    lena = api_as(world.lena)
    vote = {"members_total": 9, "votes_for": 8, "votes_against": 1, "voted_on": "2026-01-10"}
    voted = ok(lena.post(f"/nominations/{olga.pk}/vote", vote))
    assert (voted["vote"]["votes_for"], voted["status"]) == (8, "council")
    approved = ok(lena.post(f"/nominations/{olga.pk}/approve", {"note": "Nhất trí"}))
    assert approved["status"] == "approved"
    assert [s["to_status"] for s in approved["steps"]] == ["proposed", "council", "approved"]
    returned = ok(lena.post(f"/nominations/{alice_nomination.pk}/return", {"reason": "Bổ sung"}))
    assert returned["status"] == "returned" and returned["steps"][-1]["note"] == "Bổ sung"
    again = ok(api_as(world.alice).post(f"/nominations/{alice_nomination.pk}/propose"))
    assert again["status"] == "proposed"
    withdrawn = api_as(world.alice).post(
        f"/nominations/{alice_nomination.pk}/withdraw", {"reason": "Chuyển công tác"}
    )
    assert ok(withdrawn)["status"] == "withdrawn"


def test_refused_moves_are_422_and_change_nothing(world, api_as, award_round, at_council):
    speaks_english(world.alice, world.lena)
    olga = at_council[0]
    alice = api_as(world.alice)
    refused = alice.post(f"/nominations/{olga.pk}/approve")
    assert refused.status_code == 422
    assert "Only a leader of the organising unit" in refused.json()["detail"]
    no_reason = api_as(world.lena).post(f"/nominations/{olga.pk}/reject", {"reason": " "})
    assert (no_reason.status_code, no_reason.json()["detail"]) == (422, "Give the reason.")
    no_count = api_as(world.lena).post(f"/nominations/{olga.pk}/vote", {"votes_for": 3})
    assert no_count.json()["errors"] == [
        {"field": "members_total", "message": "This field is required."}
    ]
    resubmitted = alice.post(f"/nominations/{olga.pk}/submit")
    assert resubmitted.status_code == 422 and "only a proposed" in resubmitted.json()["detail"]
    assert Nomination.objects.get(pk=olga.pk).status == Status.COUNCIL_REVIEW
    rejected = ok(api_as(world.lena).post(f"/nominations/{olga.pk}/reject", {"reason": "Thiếu"}))
    assert rejected["status"] == "rejected"


def test_a_list_over_the_cap_is_refused_with_the_figures(world, api_as, award_round, titles):
    speaks_english(world.alice)
    people = staff(world.commune_a, 10, "cb")
    rate(world, award_round, world.commune_a, people, Rating.EXCELLENT)
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )
    fighters = services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=people[:2],
        by=world.alice,
    )
    response = api_as(world.alice).post(f"/nominations/{fighters[0].pk}/submit")
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Grassroots Emulation Fighter: 2 nominations exceed the maximum of 1 "
        "(15 % of 10 Advanced Worker)."
    )
    assert not Nomination.objects.filter(status=Status.COUNCIL_REVIEW).exists()
    checks = ok(api_as(world.alice).get(f"/rounds/{award_round.pk}/checks"))
    assert [(c["code"], c["unit"]["id"]) for c in checks] == [("cap_share_of", world.commune_a.pk)]
    assert ok(api_as(world.charlie).get(f"/rounds/{award_round.pk}/checks")) == []
    only_b = {"unit_id": world.commune_b.pk}
    assert ok(api_as(world.lena).get(f"/rounds/{award_round.pk}/checks", only_b)) == []


def test_a_stale_achievement_report_is_409(world, api_as, award_round, proposed):
    olga = proposed[0]
    alice = api_as(world.alice)
    first = alice.patch(f"/nominations/{olga.pk}", {"achievement": "Báo cáo", "version": 1})
    assert ok(first)["achievement"] == "Báo cáo" and first.json()["version"] == 2
    stale = alice.patch(f"/nominations/{olga.pk}", {"achievement": "Cũ", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["achievement"] == "Báo cáo"
    assert Nomination.objects.get(pk=olga.pk).achievement == "Báo cáo"


def test_unknown_actions_are_404_and_outsiders_get_404_before_422(
    world, api_as, award_round, proposed
):
    olga = proposed[0]
    assert api_as(world.alice).post(f"/nominations/{olga.pk}/crown").status_code == 404
    charlie = api_as(world.charlie)
    assert charlie.post(f"/nominations/{olga.pk}/withdraw", {"reason": "x"}).status_code == 404
    assert (
        charlie.post(f"/nominations/{olga.pk}/vote", {"members_total": "many"}).status_code == 404
    )
    assert charlie.patch(f"/nominations/{olga.pk}", {"version": "x"}).status_code == 404
    mine = commune_round(world)
    body = {"title": "lao-dong-tien-tien", "unit_id": world.commune_b.pk}
    assert charlie.post(f"/rounds/{mine.pk}/nominations", body).status_code == 404
    assert charlie.get(f"/rounds/{mine.pk}/nominations").status_code == 404
    assert charlie.get(f"/rounds/{mine.pk}/checks").status_code == 404


# The register --------------------------------------------------------------------------


def test_the_register_is_scoped_and_filtered(world, api_as, titles, awarded):
    earlier = services.record_earlier_award(
        title=titles.ldtt,
        year=2023,
        unit=world.commune_b,
        person=world.charlie,
        reference="Quyết định số 5/QĐ-UBND ngày 10/01/2024",
        by=member("bao", "Bùi Văn Bảo", world.commune_b, Role.LEADER),
    )
    alice = api_as(world.alice)
    assert set(ids(alice.get("/awards"))) == {award.pk for award in awarded}
    assert ids(api_as(world.charlie).get("/awards")) == [earlier.pk]
    lena = api_as(world.lena)
    assert len(ids(lena.get("/awards"))) == 3
    olga_award = next(award for award in awarded if award.person == world.olga)
    assert ids(lena.get("/awards", {"person_id": world.olga.pk})) == [olga_award.pk]
    assert ids(lena.get("/awards", {"year": 2023})) == [earlier.pk]
    assert ids(lena.get("/awards", {"unit_id": world.commune_b.pk})) == [earlier.pk]
    assert len(ids(lena.get("/awards", {"title": "lao-dong-tien-tien"}))) == 3
    assert ids(lena.get("/awards", {"title": "giay-khen"})) == []
    row = next(row for row in ok(alice.get("/awards"))["items"] if row["id"] == olga_award.pk)
    assert row["decision"]["number"] == "12/QĐ-BTGDVTU" and row["is_revoked"] is False


def test_the_deciding_leader_revokes_an_award(world, api_as, awarded):
    speaks_english(world.alice)
    award = awarded[0]
    refused = api_as(world.alice).post(f"/awards/{award.pk}/revoke", {"reason": "Kê khai sai"})
    assert refused.status_code == 422
    assert "Only a leader of the unit that decided the award" in refused.json()["detail"]
    assert (
        api_as(world.charlie).post(f"/awards/{award.pk}/revoke", {"reason": "x"}).status_code == 404
    )
    body = {"reason": "Kê khai không trung thực", "reference": "Quyết định số 20-QĐ/BTGDVTU"}
    revoked = ok(api_as(world.lena).post(f"/awards/{award.pk}/revoke", body))
    assert revoked["is_revoked"] and revoked["revocation_reason"] == body["reason"]
    assert Nomination.objects.get(award=award).status == Status.REVOKED
    assert ids(api_as(world.lena).get("/awards", {"revoked": "true"})) == [award.pk]
    assert award.pk not in ids(api_as(world.lena).get("/awards", {"revoked": "false"}))


# The API as a whole --------------------------------------------------------------------


def test_openapi_document_validates_and_lists_the_honours_routes(world, client_for):
    schema = client_for(world.olga).get("/api/openapi.json").json()
    validate(schema)
    assert {
        "/api/honours/titles",
        "/api/honours/rounds",
        "/api/honours/rounds/{round_id}",
        "/api/honours/rounds/{round_id}/checks",
        "/api/honours/rounds/{round_id}/nominations",
        "/api/honours/nominations/{nomination_id}",
        "/api/honours/nominations/{nomination_id}/{action}",
        "/api/honours/awards",
        "/api/honours/awards/{award_id}/revoke",
    } <= set(schema["paths"])
    stale = schema["paths"]["/api/honours/nominations/{nomination_id}"]["patch"]["responses"]
    assert stale["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/StaleNominationOut"
    )


def foreign_objects(world) -> dict:
    """commune_a's own round, its nomination of olga and olga's earlier award: what the
    leak walk's API entries point charlie at (see the report of the API's leak entries)."""
    award_round = commune_round(world)
    (nomination,) = services.propose(
        award_round=award_round,
        title=Title.objects.get(code="lao-dong-tien-tien"),
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    award = services.record_earlier_award(
        title=nomination.title,
        year=2024,
        unit=world.commune_a,
        person=world.olga,
        reference="Quyết định số 3/QĐ-UBND",
        by=world.alice,
    )
    return {"round_id": award_round.pk, "nomination_id": nomination.pk, "award_id": award.pk}


ROUTES = {
    "api:round_detail": ["round_id"],
    "api:round_checks": ["round_id"],
    "api:nomination_list": ["round_id"],
    "api:nomination_create": ["round_id"],
    "api:nomination_detail": ["nomination_id"],
    "api:nomination_edit": ["nomination_id"],
    "api:nomination_action": ["nomination_id", "action"],
    "api:award_revoke": ["award_id"],
}


def test_an_outsider_reaches_none_of_commune_as_honours(world, client):
    """The leak walk's rule for each route with an id, as charlie signed in by session."""
    objects = foreign_objects(world) | {"action": "withdraw"}
    client.force_login(world.charlie)
    for name, params in ROUTES.items():
        url = reverse(name, kwargs={param: objects[param] for param in params})
        statuses = {client.get(url).status_code, client.post(url).status_code}
        assert statuses <= {404, 405} and 404 in statuses, (name, statuses)
    for path in ("titles", "rounds", "awards"):
        body = client.get(f"/api/honours/{path}").content.decode()
        assert "Quảng Thành" not in body and world.olga.full_name not in body
