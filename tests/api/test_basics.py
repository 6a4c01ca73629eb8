"""Authentication, the error format and the OpenAPI document of the JSON API."""

from django.test import Client
from openapi_spec_validator import validate

from mandate.org.models import User

NEW_PATHS = {
    "/api/directives/documents",
    "/api/directives/documents/{document_id}",
    "/api/directives/documents/{document_id}/milestones",
    "/api/directives/document-types",
    "/api/work/plans",
    "/api/work/plans/{plan_id}",
    "/api/work/tasks",
    "/api/work/tasks/{task_id}",
    "/api/work/tasks/{task_id}/cascade",
    "/api/work/tasks/{task_id}/coordination",
    "/api/work/tasks/{task_id}/updates",
    "/api/work/tasks/{task_id}/updates/upload",
}


def test_token_authenticates(world, api_as):
    response = api_as(world.olga).get("/work/tasks")
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_a_bad_token_is_401(world):
    client = Client(HTTP_AUTHORIZATION="Bearer mdt_not-a-real-token")
    response = client.get("/api/work/tasks")
    assert response.status_code == 401
    assert response.json() == {"detail": "Cần đăng nhập hoặc mã truy cập API."}


def test_anonymous_callers_get_401_on_every_new_route(world, client, programme):
    for url in ("/api/directives/documents", f"/api/work/tasks/{programme.done_task.pk}"):
        assert client.get(url).status_code == 401
    assert client.post("/api/work/tasks", {}, content_type="application/json").status_code == 401


def test_session_writes_need_the_csrf_token(world, programme):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.olga)
    assert browser.get("/api/work/tasks").status_code == 200
    response = browser.post(
        f"/api/work/tasks/{programme.running_task.pk}/updates",
        {"reported_on": "2026-05-30", "percent": 50, "text": "Đã làm"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "detail" in response.json()
    assert not programme.running_task.updates.exists()


def test_missing_object_is_404_with_the_one_error_format(world, api_as):
    response = api_as(world.olga).get("/work/tasks/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_request_errors_name_the_field_in_the_callers_language(world, client_for, programme):
    olga = world.olga
    olga.preferred_language = "fr"
    olga.save()
    response = client_for(olga).post(
        "/api/work/tasks",
        {"lead_unit_id": world.commune_a.pk, "due_on": "31/02/2026"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert {"field": "content", "message": "Ce champ est obligatoire."} in body["errors"]
    assert {"field": "due_on", "message": "Saisissez une date valide."} in body["errors"]
    assert "content: Ce champ est obligatoire." in body["detail"]


def test_vietnamese_is_the_default_language_of_errors(world, api_as):
    response = api_as(world.olga).post("/work/tasks", {"lead_unit_id": world.commune_a.pk})
    assert {"field": "content", "message": "Trường này là bắt buộc."} in response.json()["errors"]


def test_openapi_document_validates_and_lists_the_new_routes(world, client_for):
    response = client_for(world.olga).get("/api/openapi.json")
    schema = response.json()
    validate(schema)
    assert NEW_PATHS <= set(schema["paths"])
    stale = schema["paths"]["/api/work/tasks/{task_id}"]["patch"]["responses"]["409"]
    assert stale["content"]["application/json"]["schema"]["$ref"].endswith("/StaleEditOut")
    assert {"documents", "plans", "tasks", "task updates"} <= {
        tag for path in schema["paths"].values() for op in path.values() for tag in op["tags"]
    }


def test_interactive_docs_render_for_a_signed_in_user(world, client_for):
    response = client_for(world.olga).get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_a_deactivated_persons_token_stops_working(world, api_as):
    api = api_as(world.olga)
    User.objects.filter(pk=world.olga.pk).update(is_active=False)
    assert api.get("/work/tasks").status_code == 401
