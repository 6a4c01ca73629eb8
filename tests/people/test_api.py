"""The people API: scoped training records, requirements and gaps, good models open to
the province once recognised; each write through the services (422 when refused,
nothing written), 404 outside the caller's units."""

import datetime

import pytest
from django.test import Client

import tests.api.conftest
from mandate.org.services import issue_token
from mandate.people import services
from mandate.people.models import Practice, Replication, Subject, TrainingRecord
from mandate.work.models import Task

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def today(time_machine) -> datetime.date:
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
    return TODAY


class Api(tests.api.conftest.Api):
    prefix = "/api/people"


@pytest.fixture
def api_as(db):
    def for_user(user) -> Api:
        _record, token = issue_token(user=user, name="tests")
        return Api(Client(HTTP_AUTHORIZATION=f"Bearer {token}"))

    return for_user


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["items"]]


def record(person, unit, by, **fields) -> TrainingRecord:
    return services.record_training(
        person=person,
        unit=unit,
        by=by,
        **{
            "subject": Subject.POLITICAL_THEORY,
            "level": 2,
            "course": "Trung cấp lý luận chính trị - hành chính",
            "institution": "Trường Chính trị Tô Hiệu",
            "finished_on": datetime.date(2024, 1, 15),
        }
        | fields,
    )


def practice(unit, by, **fields) -> Practice:
    return services.propose_practice(
        origin_unit=unit,
        by=by,
        **{
            "title": "Loa phát thanh thông minh",
            "summary": "Loa truyền thanh ứng dụng công nghệ số",
            "category": Practice.Category.DIGITAL,
        }
        | fields,
    )


@pytest.fixture
def olga_record(world) -> TrainingRecord:
    return record(world.olga, world.commune_a, world.alice)


@pytest.fixture
def proposed(world) -> Practice:
    return practice(world.commune_a, world.olga)


@pytest.fixture
def recognised(world) -> Practice:
    model = practice(world.commune_a, world.olga, title="Dân vận khéo ở thôn Đông")
    return services.recognise_practice(practice=model, by=world.lena, note="Bằng khen")


# Training records ----------------------------------------------------------------------


def test_anonymous_callers_get_401(world):
    for path in ("training-records", "requirements", "gaps", "practices"):
        assert Client().get(f"/api/people/{path}").status_code == 401


def test_training_records_are_scoped_and_filtered(world, api_as, olga_record):
    theirs = record(world.charlie, world.commune_b, world.charlie)
    digital = record(
        world.olga, world.commune_a, world.alice, subject=Subject.DIGITAL, level=1, course="Tin học"
    )
    assert set(ids(api_as(world.alice).get("/training-records"))) == {olga_record.pk, digital.pk}
    assert ids(api_as(world.charlie).get("/training-records")) == [theirs.pk]
    lena = api_as(world.lena)
    assert len(ids(lena.get("/training-records"))) == 3
    assert ids(lena.get("/training-records", {"unit_id": world.commune_b.pk})) == [theirs.pk]
    assert ids(lena.get("/training-records", {"subject": "digital"})) == [digital.pk]
    assert set(ids(lena.get("/training-records", {"person_id": world.olga.pk}))) == {
        olga_record.pk,
        digital.pk,
    }
    assert lena.get("/training-records", {"subject": "cooking"}).status_code == 422


def test_training_record_list_takes_a_fixed_number_of_queries(
    world, api_as, django_assert_max_num_queries
):
    for number in range(5):
        record(world.olga, world.commune_a, world.alice, course=f"Khóa {number}")
    api = api_as(world.alice)
    with django_assert_max_num_queries(8):
        assert len(ids(api.get("/training-records"))) == 5


def test_a_record_reads_with_its_labels_and_is_404_outside(world, api_as, olga_record):
    body = api_as(world.alice).get(f"/training-records/{olga_record.pk}").json()
    assert body["person"]["id"] == world.olga.pk
    assert (body["subject"], body["level"], body["has_certificate"]) == (
        "political_theory",
        2,
        False,
    )
    assert body["level_label"]
    response = api_as(world.charlie).get(f"/training-records/{olga_record.pk}")
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert api_as(world.alice).get("/training-records/999999").status_code == 404


def test_a_record_is_created_through_the_service(world, api_as):
    body = {
        "person_id": world.olga.pk,
        "unit_id": world.commune_a.pk,
        "subject": "state_management",
        "level": 1,
        "course": "Bồi dưỡng ngạch chuyên viên",
        "institution": "Trường Chính trị Tô Hiệu",
        "finished_on": "2025-06-30",
    }
    response = api_as(world.alice).post("/training-records", body)
    assert response.status_code == 201, response.content
    created = TrainingRecord.objects.get(pk=response.json()["id"])
    assert (created.created_by, created.unit) == (world.alice, world.commune_a)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"level": 9}, "level"),
        ({"finished_on": "2099-01-01"}, "finished_on"),
        ({"unit_id": 999999}, "unit_id"),
        ({"subject": "cooking"}, "subject"),
    ],
)
def test_bad_records_are_refused_with_the_field(world, api_as, in_english, change, field):
    body = {
        "person_id": world.olga.pk,
        "unit_id": world.commune_a.pk,
        "subject": "political_theory",
        "level": 2,
        "course": "Trung cấp lý luận chính trị",
    } | change
    response = api_as(world.alice).post("/training-records", body)
    assert response.status_code == 422
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not TrainingRecord.objects.exists()


def test_an_outsider_cannot_write_another_units_records(world, api_as):
    body = {
        "person_id": world.charlie.pk,
        "unit_id": world.commune_a.pk,
        "subject": "digital",
        "course": "Tin học",
    }
    response = api_as(world.charlie).post("/training-records", body)
    assert response.status_code == 422
    assert not TrainingRecord.objects.exists()


# Requirements and gaps -----------------------------------------------------------------


def test_requirements_reach_the_units_below(world, api_as, theory_requirement):
    rows = api_as(world.charlie).get("/requirements").json()["items"]
    assert [row["id"] for row in rows] == [theory_requirement.pk]
    assert rows[0]["min_level"] == 2 and rows[0]["min_level_label"]
    assert ids(api_as(world.charlie).get("/requirements", {"subject": "digital"})) == []


def test_gaps_of_a_unit_and_422_for_a_foreign_one(world, api_as, staff, theory_requirement):
    record(staff[1], world.commune_a, world.alice)
    rows = api_as(world.alice).get("/gaps", {"unit_id": world.commune_a.pk}).json()
    assert {row["person"]["id"] for row in rows} == {staff[0].pk, staff[2].pk}
    assert rows[0]["requirement"]["id"] == theory_requirement.pk
    assert rows[0]["held_level"] is None and rows[0]["planned_task_id"] is None
    own = api_as(world.alice).get("/gaps").json()  # the caller's own units
    assert {row["person"]["id"] for row in own} == {staff[0].pk, staff[2].pk}
    foreign = api_as(world.charlie).get("/gaps", {"unit_id": world.commune_a.pk})
    assert foreign.status_code == 422
    assert [row["person"]["id"] for row in api_as(world.charlie).get("/gaps").json()] == [
        world.charlie.pk
    ]


# Good models ---------------------------------------------------------------------------


def test_a_proposed_model_stays_with_its_unit_a_recognised_one_reaches_all(
    world, api_as, proposed, recognised
):
    assert set(ids(api_as(world.alice).get("/practices"))) == {proposed.pk, recognised.pk}
    assert ids(api_as(world.charlie).get("/practices")) == [recognised.pk]
    assert api_as(world.charlie).get(f"/practices/{proposed.pk}").status_code == 404
    assert api_as(world.charlie).get(f"/practices/{recognised.pk}").status_code == 200


def test_practices_are_searched_and_filtered(world, api_as, proposed, recognised, places):
    Practice.objects.filter(pk=proposed.pk).update(locality=places.a)
    api = api_as(world.alice)
    assert ids(api.get("/practices", {"q": "dan van kheo"})) == [recognised.pk]
    assert ids(api.get("/practices", {"status": "proposed"})) == [proposed.pk]
    assert ids(api.get("/practices", {"category": "culture"})) == []
    assert ids(api.get("/practices", {"locality_id": places.a.pk})) == [proposed.pk]
    assert api.get("/practices", {"status": "famous"}).status_code == 422


def test_replications_show_where_the_reader_may_look(world, api_as, recognised):
    services.record_replication(
        practice=recognised,
        unit=world.commune_b,
        by=world.charlie,
        adopted_on=TODAY,
        adaptation="Loa ở chợ xã",
    )
    services.record_replication(
        practice=recognised, unit=world.hamlet_a, by=world.alice, adopted_on=TODAY
    )
    seen_by_alice = api_as(world.alice).get(f"/practices/{recognised.pk}").json()
    # alice reads her hamlet's and, as the origin, commune_b's replication too.
    assert {row["unit"]["id"] for row in seen_by_alice["replications"]} == {
        world.commune_b.pk,
        world.hamlet_a.pk,
    }
    seen_by_charlie = api_as(world.charlie).get(f"/practices/{recognised.pk}").json()
    assert [row["unit"]["id"] for row in seen_by_charlie["replications"]] == [world.commune_b.pk]
    assert seen_by_charlie["recognition_note"] == "Bằng khen"


def test_a_model_is_proposed_through_the_service(world, api_as, places):
    body = {
        "origin_unit_id": world.commune_a.pk,
        "title": "Zalo nhóm tổ dân phố",
        "summary": "Nhóm Zalo để nắm dư luận",
        "category": "public_opinion",
        "locality_id": places.a.pk,
    }
    response = api_as(world.olga).post("/practices", body)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "proposed"
    assert response.json()["locality"]["code"] == places.a.code
    refused = api_as(world.charlie).post("/practices", body)
    assert refused.status_code == 422
    assert Practice.objects.count() == 1


def test_a_leader_reviews_then_recognises(world, api_as, proposed):
    assert api_as(world.olga).post(f"/practices/{proposed.pk}/review").status_code == 422
    reviewed = api_as(world.alice).post(f"/practices/{proposed.pk}/review")
    assert reviewed.json()["status"] == "reviewed"
    recognised = api_as(world.lena).post(
        f"/practices/{proposed.pk}/recognise", {"note": "Giấy khen của Ban"}
    )
    assert recognised.json()["status"] == "recognised"
    assert recognised.json()["recognition_note"] == "Giấy khen của Ban"
    assert api_as(world.alice).post(f"/practices/{proposed.pk}/review").status_code == 422


def test_a_unit_adopts_a_recognised_model(world, api_as, recognised, in_english):
    api = api_as(world.charlie)
    missing = api.post(f"/practices/{recognised.pk}/adopt", {"unit_id": world.commune_b.pk})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "adopted_on"
    adopted = api.post(
        f"/practices/{recognised.pk}/adopt",
        {"unit_id": world.commune_b.pk, "adopted_on": "2026-05-20", "results": "12 loa"},
    )
    assert adopted.status_code == 200, adopted.content
    replication = Replication.objects.get(practice=recognised)
    assert (replication.unit, replication.results) == (world.commune_b, "12 loa")
    foreign = api.post(
        f"/practices/{recognised.pk}/adopt",
        {"unit_id": world.hamlet_a.pk, "adopted_on": "2026-05-20"},
    )
    assert foreign.status_code == 422


def test_a_leader_asks_units_to_replicate(world, api_as, recognised):
    response = api_as(world.lena).post(
        f"/practices/{recognised.pk}/ask",
        {"unit_ids": [world.commune_b.pk], "due_on": "2026-09-30"},
    )
    assert response.status_code == 200, response.content
    asked = response.json()["replications"]
    assert [row["status"] for row in asked] == ["asked"]
    assert Task.objects.get(pk=asked[0]["task_id"]).lead_unit == world.commune_b
    refused = api_as(world.alice).post(
        f"/practices/{recognised.pk}/ask", {"unit_ids": [world.hamlet_a.pk], "due_on": "2020-01-01"}
    )
    assert refused.status_code == 422


def test_outsiders_get_404_before_422_and_unknown_actions_404(world, api_as, proposed):
    charlie = api_as(world.charlie)
    assert charlie.post(f"/practices/{proposed.pk}/review").status_code == 404
    bad_body = charlie.post(f"/practices/{proposed.pk}/ask", {"unit_ids": "many"})
    assert bad_body.status_code == 404
    assert api_as(world.alice).post(f"/practices/{proposed.pk}/publish").status_code == 404
