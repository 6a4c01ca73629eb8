"""Task detail and its actions: updates with evidence, cascades, coordination requests."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.work import services
from mandate.work.models import Evidence, Task, TaskUpdate
from tests.factories import DocumentFactory, PlanFactory, TaskFactory, UnitFactory
from tests.work.conftest import tiny_png

DAY = datetime.date


@pytest.fixture
def task(plan) -> Task:
    return TaskFactory(
        plan=plan,
        content="Tuyên truyền Nghị quyết Đại hội Đảng bộ xã",
        method="Hội nghị, loa truyền thanh",
        expected_output="Báo cáo kết quả",
        start_on=DAY(2026, 2, 1),
        due_on=DAY(2026, 6, 30),
    )


@pytest.fixture
def key_task(world, today) -> Task:
    """A key task of the department, ready to be cascaded to the communes."""
    plan = PlanFactory(unit=world.root, title="Kế hoạch của Ban năm 2026")
    return TaskFactory(plan=plan, content="Tuyên truyền biển đảo", is_key=True)


def photo(name: str = "hop-thon.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


def english(client):
    client.post("/language/", {"language": "en"})
    return client


def test_task_detail_shows_all_fields_documents_and_history(world, task, client_for):
    directive = DocumentFactory(unit=world.root, symbol="35-CT/TU", title="Chỉ thị số 35")
    task.source_documents.add(directive)
    services.update_task(task=task, version=task.version, by=world.olga, local_note="Ghi chú")
    body = client_for(world.olga).get(f"/work/tasks/{task.pk}/").content.decode()
    for text in ("Hội nghị, loa truyền thanh", "Báo cáo kết quả", "01/02/2026", "30/06/2026"):
        assert text in body
    assert f'href="/documents/{directive.pk}/"' in body
    assert "<ins>Ghi chú</ins>" in body  # the history


def test_a_progress_update_with_a_photo_moves_the_task_and_keeps_the_photo(world, task, client_for):
    client = client_for(world.olga)
    response = client.post(
        f"/work/tasks/{task.pk}/updates/",
        {
            "reported_on": "10/05/2026",
            "percent": "50",
            "text": "Đã tổ chức 3 hội nghị",
            "files": [photo()],
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.progress, task.status) == (50, Task.Status.IN_PROGRESS)
    evidence = Evidence.objects.get()
    assert (evidence.name, evidence.content_type) == ("hop-thon.png", "image/png")
    body = client.get(f"/work/tasks/{task.pk}/").content.decode()
    assert f'<img class="evidence-thumb rounded border" src="/work/evidence/{evidence.pk}/"' in body
    download = client.get(f"/work/evidence/{evidence.pk}/")
    assert b"".join(download.streaming_content) == tiny_png()
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("inline")


def test_a_hundred_percent_update_completes_the_task(world, task, client_for):
    client_for(world.olga).post(
        f"/work/tasks/{task.pk}/updates/",
        {"reported_on": "14/05/2026", "percent": "100", "text": "Xong"},
    )
    task.refresh_from_db()
    assert (task.status, task.completed_on) == (Task.Status.DONE, DAY(2026, 5, 14))


def test_a_file_of_a_forbidden_type_is_refused_and_nothing_changes(world, task, client_for):
    client = english(client_for(world.olga))
    response = client.post(
        f"/work/tasks/{task.pk}/updates/",
        {
            "reported_on": "10/05/2026",
            "percent": "50",
            "text": "Kèm tệp lạ",
            "files": [photo(), SimpleUploadedFile("virus.exe", b"MZ\x90\x00")],
        },
    )
    assert response.status_code == 200
    assert "“virus.exe”: files of this type are not accepted" in response.content.decode()
    assert "Kèm tệp lạ" in response.content.decode()  # the text typed is kept
    assert not TaskUpdate.objects.exists() and not Evidence.objects.exists()
    task.refresh_from_db()
    assert (task.progress, task.status, task.version) == (0, Task.Status.NOT_STARTED, 1)


def test_a_photo_that_is_not_one_is_refused(world, task, client_for):
    client = english(client_for(world.olga))
    response = client.post(
        f"/work/tasks/{task.pk}/updates/",
        {
            "reported_on": "10/05/2026",
            "percent": "20",
            "text": "Ảnh",
            "files": [SimpleUploadedFile("anh.png", b"MZ not a picture")],
        },
    )
    assert "does not look like a .png file" in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_an_update_dated_in_the_future_is_refused(world, task, client_for):
    response = english(client_for(world.olga)).post(
        f"/work/tasks/{task.pk}/updates/",
        {"reported_on": "20/05/2026", "percent": "20", "text": "Sớm quá"},
    )
    assert response.context["update_form"].errors["reported_on"] == [
        "The report date is in the future."
    ]
    assert not TaskUpdate.objects.exists()


def test_a_viewer_sees_the_task_but_cannot_report(world, task, client_for):
    client = client_for(world.victor)
    body = client.get(f"/work/tasks/{task.pk}/").content.decode()
    assert f"/work/tasks/{task.pk}/updates/" not in body
    assert f"/work/tasks/{task.pk}/edit/" not in body
    client.post(
        f"/work/tasks/{task.pk}/updates/",
        {"reported_on": "10/05/2026", "percent": "20", "text": "Không được"},
    )
    assert not TaskUpdate.objects.exists()


def test_a_leader_cascades_and_each_commune_sees_only_its_own_child(world, key_task, client_for):
    lena = client_for(world.lena)
    assert "/cascade/" in lena.get(f"/work/tasks/{key_task.pk}/").content.decode()
    response = lena.post(
        f"/work/tasks/{key_task.pk}/cascade/",
        {"units": [world.commune_a.pk, world.commune_b.pk]},
    )
    assert response.status_code == 302
    children = {child.lead_unit: child for child in key_task.children.all()}
    assert set(children) == {world.commune_a, world.commune_b}

    olga = client_for(world.olga)
    mine = olga.get("/work/tasks/").context["page"]
    assert [task.pk for task in mine] == [children[world.commune_a].pk]
    assert olga.get(f"/work/tasks/{children[world.commune_b].pk}/").status_code == 404
    assert olga.get(f"/work/tasks/{key_task.pk}/").status_code == 404


def test_the_lead_unit_sees_the_childrens_progress_rolled_up(world, key_task, client_for):
    children = services.cascade_task(
        task=key_task, units=[world.commune_a, world.commune_b], by=world.lena
    )
    services.post_update(
        task=children[0], reported_on=DAY(2026, 5, 10), percent=50, text="Nửa", by=world.olga
    )
    response = client_for(world.lena).get(f"/work/tasks/{key_task.pk}/")
    assert response.context["rollup"]["mean_progress"] == 25
    body = response.content.decode()
    assert f'href="/work/tasks/{children[0].pk}/"' in body
    assert "10/05/2026" in body  # the child's last update


def test_an_officer_cannot_cascade(world, task, client_for):
    client = english(client_for(world.olga))
    assert "/cascade/" not in client.get(f"/work/tasks/{task.pk}/").content.decode()
    response = client.post(f"/work/tasks/{task.pk}/cascade/", {"units": [world.hamlet_a.pk]})
    assert response.context["form"].non_field_errors() == [
        "Only a leader of the lead unit can cascade its tasks."
    ]
    assert not task.children.exists()


def test_a_coordination_request_goes_to_another_unit(world, task, client_for):
    response = client_for(world.olga).post(
        f"/work/tasks/{task.pk}/coordinate/",
        {"unit": world.commune_b.pk, "content": "Cử người hỗ trợ hội nghị", "due_on": "01/06/2026"},
    )
    assert response.status_code == 302
    request = Task.objects.get(parent=task)
    assert (request.lead_unit, request.origin) == (world.commune_b, Task.Origin.COORDINATION)
    charlie = client_for(world.charlie)
    assert [t.pk for t in charlie.get("/work/tasks/").context["page"]] == [request.pk]
    body = charlie.get(f"/work/tasks/{request.pk}/").content.decode()
    assert "Cử người hỗ trợ hội nghị" in body
    assert task.content not in body  # the asking unit's own task stays out of his reach
    # The asking unit follows the request but cannot open it.
    olga_view = client_for(world.olga).get(f"/work/tasks/{task.pk}/").content.decode()
    assert "Cử người hỗ trợ hội nghị" in olga_view
    assert f'href="/work/tasks/{request.pk}/"' not in olga_view


def test_a_coordination_request_without_a_due_date_is_refused(world, task, client_for):
    response = client_for(world.olga).post(
        f"/work/tasks/{task.pk}/coordinate/", {"unit": world.commune_b.pk, "content": "Hỗ trợ"}
    )
    assert response.context["form"].errors["due_on"]
    assert not Task.objects.filter(parent=task).exists()


def test_evidence_of_another_unit_is_404(world, task, client_for):
    services.post_update(
        task=task,
        reported_on=DAY(2026, 5, 1),
        percent=10,
        text="Ảnh",
        files=[photo()],
        by=world.olga,
    )
    evidence = Evidence.objects.get()
    assert client_for(world.charlie).get(f"/work/evidence/{evidence.pk}/").status_code == 404


def test_task_detail_runs_a_bounded_number_of_queries(
    world, key_task, client_for, django_assert_max_num_queries
):
    key_task.source_documents.set(DocumentFactory.create_batch(3, unit=world.root))
    key_task.coordinating_units.set([world.division, world.commune_b])
    units = [UnitFactory(name=f"Xã thêm {number}", parent=world.root) for number in range(32)]
    children = services.cascade_task(task=key_task, units=units, by=world.lena)
    services.post_update(
        task=children[0], reported_on=DAY(2026, 5, 1), percent=30, text="Một", by=world.lena
    )
    for day in range(1, 32):
        services.post_update(
            task=key_task,
            reported_on=DAY(2026, 3, day),
            percent=day,
            text=f"Báo cáo ngày {day}",
            files=[photo(f"anh-{day}.png")],
            by=world.lena,
        )
    client = client_for(world.lena)
    with django_assert_max_num_queries(15):
        response = client.get(f"/work/tasks/{key_task.pk}/")
    assert response.status_code == 200
    assert response.context["rollup"]["count"] == 32
    assert len(response.context["updates"]) == 25
    for url in (
        f"/work/tasks/{children[0].pk}/",
        f"/work/tasks/{key_task.pk}/edit/",
        f"/work/tasks/{key_task.pk}/cascade/",
        f"/work/tasks/{key_task.pk}/coordinate/",
    ):
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


def test_evidence_whose_file_is_gone_is_404(world, task, client_for):
    update = TaskUpdate.objects.create(
        task=task, reported_on=DAY(2026, 5, 1), percent=5, text="x", author=world.olga
    )
    evidence = Evidence.objects.create(
        update=update, file="evidence/gone.png", name="gone.png", size=1, content_type="image/png"
    )
    assert client_for(world.olga).get(f"/work/evidence/{evidence.pk}/").status_code == 404
