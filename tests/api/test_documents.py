"""The guiding-document routes: scoped lists, filters, detail, register, amend, reviews."""

import datetime

from mandate.directives.models import Document, DocumentType, ReviewMilestone
from tests.factories import DocumentFactory


def symbols(response) -> set[str]:
    return {item["symbol"] for item in response.json()["items"]}


def test_list_shows_only_documents_in_scope(world, api_as, programme):
    # The department's directive reaches every unit below it; a sibling's does not.
    assert symbols(api_as(world.olga).get("/directives/documents")) == {"35-CT/TU", "12/KH-UBND"}
    assert symbols(api_as(world.charlie).get("/directives/documents")) == {"35-CT/TU", "7-CT/ĐU"}


def test_search_ignores_diacritics(world, api_as, programme):
    response = api_as(world.olga).get("/directives/documents", {"q": "chuyen doi so"})
    assert symbols(response) == {"12/KH-UBND"}


def test_filters_by_type_status_and_year(world, api_as, programme):
    api = api_as(world.olga)
    assert symbols(api.get("/directives/documents", {"document_type": "KH"})) == {"12/KH-UBND"}
    assert symbols(api.get("/directives/documents", {"year": 2025})) == {"35-CT/TU"}
    assert symbols(api.get("/directives/documents", {"profile": "party"})) == {"35-CT/TU"}
    Document.objects.filter(pk=programme.directive.pk).update(status=Document.Status.EXPIRED)
    assert symbols(api.get("/directives/documents", {"status": "expired"})) == {"35-CT/TU"}
    assert api.get("/directives/documents", {"status": "lost"}).status_code == 422


def test_list_is_paginated(world, api_as, programme):
    for number in range(3):
        DocumentFactory(unit=world.commune_a, title=f"Hướng dẫn số {number}")
    response = api_as(world.olga).get("/directives/documents", {"page": 2, "page_size": 2})
    body = response.json()
    assert body["count"] == 5
    assert len(body["items"]) == 2
    assert set(body["items"][0]) >= {"id", "symbol", "display_number", "document_type", "unit"}


def test_list_runs_a_bounded_number_of_queries(
    world, api_as, programme, django_assert_max_num_queries
):
    for number in range(30):
        DocumentFactory(unit=world.commune_a, title=f"Hướng dẫn số {number}")
    api = api_as(world.olga)
    with django_assert_max_num_queries(6):
        assert len(api.get("/directives/documents").json()["items"]) == 32


def test_detail_carries_milestones(world, api_as, programme):
    ReviewMilestone.objects.create(
        document=programme.directive,
        kind=ReviewMilestone.Kind.PRELIMINARY,
        due_on=datetime.date(2026, 11, 30),
        responsible_unit=world.commune_a,
    )
    response = api_as(world.olga).get(f"/directives/documents/{programme.directive.pk}")
    body = response.json()
    assert response.status_code == 200
    assert body["display_number"] == "Số 35-CT/TU"
    assert body["milestones"][0]["kind"] == "preliminary"
    assert body["milestones"][0]["responsible_unit"]["id"] == world.commune_a.pk


def test_outsider_gets_404(world, api_as, programme):
    api = api_as(world.charlie)
    url = f"/directives/documents/{programme.commune_document.pk}"
    assert api.get(url).status_code == 404
    assert api.patch(url, {"title": "Đổi tên"}).status_code == 404
    assert api.patch(url, {"title": 12345678}).status_code == 404  # even with a bad body
    assert api.post(f"{url}/milestones", {}).status_code == 404


def new_document(world, **fields) -> dict:
    kind = DocumentType.objects.get(profile="state", code="KH")
    return {
        "unit_id": world.commune_a.pk,
        "document_type_id": kind.pk,
        "symbol": "Số: 15/KH-UBND",
        "issuer": "Ủy ban nhân dân xã Quảng Thành",
        "issued_on": "2026-05-20",
        "title": "Kế hoạch tuyên truyền kỷ niệm Ngày Quốc khánh",
        **fields,
    }


def test_register_a_document(world, api_as):
    response = api_as(world.olga).post("/directives/documents", new_document(world))
    assert response.status_code == 201
    body = response.json()
    assert body["symbol"] == "15/KH-UBND"
    assert body["display_number"] == "Số: 15/KH-UBND"
    assert Document.objects.get(pk=body["id"]).created_by == world.olga


def test_a_badly_written_number_is_refused_with_a_message(world, api_as):
    response = api_as(world.olga).post(
        "/directives/documents", new_document(world, symbol="15-KH/UBND")
    )
    assert response.status_code == 422
    assert "15-KH/UBND" in response.json()["detail"]
    assert not Document.objects.exists()


def test_cannot_register_for_a_unit_outside_scope(world, api_as):
    response = api_as(world.charlie).post("/directives/documents", new_document(world))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unit_id"
    assert not Document.objects.exists()


def test_amend_a_document(world, api_as, programme):
    api = api_as(world.olga)
    url = f"/directives/documents/{programme.commune_document.pk}"
    response = api.patch(url, {"title": "Kế hoạch chuyển đổi số (sửa đổi)", "summary": "Tóm tắt"})
    assert response.status_code == 200
    assert response.json()["title"] == "Kế hoạch chuyển đổi số (sửa đổi)"
    replaced = api.patch(url, {"status": "replaced"})
    assert replaced.status_code == 422
    assert replaced.json()["errors"][0]["field"] == "replaced_by"
    assert api.patch(url, {"title": None}).status_code == 422
    programme.commune_document.refresh_from_db()
    assert programme.commune_document.status == Document.Status.IN_FORCE


def test_a_commune_cannot_amend_the_departments_directive(world, api_as, programme):
    response = api_as(world.olga).patch(
        f"/directives/documents/{programme.directive.pk}", {"title": "Sửa"}
    )
    assert response.status_code == 422
    programme.directive.refresh_from_db()
    assert programme.directive.title != "Sửa"


def test_schedule_a_review(world, api_as, programme):
    response = api_as(world.alice).post(
        f"/directives/documents/{programme.commune_document.pk}/milestones",
        {"kind": "final", "due_on": "2026-12-15", "responsible_unit_id": world.hamlet_a.pk},
    )
    assert response.status_code == 201
    assert response.json()["responsible_unit"]["name"] == world.hamlet_a.name
    assert programme.commune_document.milestones.count() == 1


def test_document_types_are_listed(world, api_as):
    types = api_as(world.olga).get("/directives/document-types").json()
    assert {"profile": "party", "code": "CT"} in [
        {"profile": kind["profile"], "code": kind["code"]} for kind in types
    ]
