"""Progress updates through the API: list, JSON report, multipart report with evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.work.models import Evidence, Task, TaskUpdate
from mandate.work.services import post_update

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_report_progress(world, api_as, programme):
    task = programme.running_task
    response = api_as(world.olga).post(
        f"/work/tasks/{task.pk}/updates",
        {"reported_on": "2026-05-30", "percent": 65, "text": "Đã tuyên truyền ở 5 thôn"},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["percent"], body["author"], body["evidence"]) == (65, world.olga.full_name, [])
    task.refresh_from_db()
    assert (task.progress, task.version) == (65, 2)


def test_a_report_from_the_future_is_refused(world, api_as, programme):
    response = api_as(world.olga).post(
        f"/work/tasks/{programme.running_task.pk}/updates",
        {"reported_on": "2026-06-15", "percent": 65, "text": "Sắp làm"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reported_on"
    assert not TaskUpdate.objects.exists()


def test_report_with_evidence_files(world, client_for, programme):
    task = programme.running_task
    response = client_for(world.olga).post(
        f"/api/work/tasks/{task.pk}/updates/upload",
        {
            "reported_on": "2026-05-30",
            "percent": "100",
            "text": "Hoàn thành",
            "evidence": [SimpleUploadedFile("anh.png", PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 201, response.content
    evidence = response.json()["evidence"]
    assert [(item["name"], item["is_image"]) for item in evidence] == [("anh.png", True)]
    task.refresh_from_db()
    assert task.status == Task.Status.DONE


def test_a_disguised_file_is_refused_and_nothing_is_kept(world, client_for, programme):
    response = client_for(world.olga).post(
        f"/api/work/tasks/{programme.running_task.pk}/updates/upload",
        {
            "reported_on": "2026-05-30",
            "percent": "50",
            "text": "Ảnh",
            "evidence": [SimpleUploadedFile("anh.png", b"MZ\x90\x00 not a picture")],
        },
    )
    assert response.status_code == 422
    assert "anh.png" in response.json()["detail"]
    assert not TaskUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_updates_are_listed_newest_first_and_paginated(
    world, api_as, programme, django_assert_max_num_queries
):
    task = programme.running_task
    for day in range(1, 31):
        post_update(
            task=Task.objects.get(pk=task.pk),
            reported_on=task.due_on.replace(month=5, day=day),
            percent=day,
            text=f"Báo cáo ngày {day}",
            by=world.olga,
        )
    api = api_as(world.olga)
    with django_assert_max_num_queries(8):
        body = api.get(f"/work/tasks/{task.pk}/updates", {"page_size": 20}).json()
    assert body["count"] == 30
    assert [item["percent"] for item in body["items"][:2]] == [30, 29]
    assert len(body["items"]) == 20
