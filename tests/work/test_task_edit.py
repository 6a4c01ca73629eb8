"""Editing a task: optimistic locking (a stale save is refused and shows what changed),
validation from the services, and the plan's lock."""

import datetime

import pytest

from mandate.work import services
from mandate.work.models import Task
from tests.factories import DocumentFactory, TaskFactory

DAY = datetime.date


@pytest.fixture
def task(plan) -> Task:
    return TaskFactory(
        plan=plan,
        content="Tuyên truyền Nghị quyết",
        start_on=DAY(2026, 2, 1),
        due_on=DAY(2026, 6, 30),
    )


def form_data(task: Task, **changes) -> dict:
    data = {
        "content": task.content,
        "method": task.method,
        "expected_output": task.expected_output,
        "lead_unit": task.lead_unit_id,
        "start_on": task.start_on.strftime("%d/%m/%Y") if task.start_on else "",
        "due_on": task.due_on.strftime("%d/%m/%Y"),
        "recurrence": task.recurrence,
        "local_note": task.local_note,
        "status": task.status,
        "progress": task.progress,
        "completed_on": "",
        "version": task.version,
    }
    return {**data, **changes}


def test_the_edit_form_carries_the_version(world, task, client_for):
    body = client_for(world.olga).get(f"/work/tasks/{task.pk}/edit/").content.decode()
    assert '<input type="hidden" name="version" value="1"' in body


def test_an_edit_is_saved_and_recorded(world, task, client_for):
    response = client_for(world.olga).post(
        f"/work/tasks/{task.pk}/edit/",
        form_data(task, content="Tuyên truyền Nghị quyết Đại hội", is_key="on"),
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.content, task.is_key, task.version) == ("Tuyên truyền Nghị quyết Đại hội", True, 2)
    assert task.history.first().history_user == world.olga


def test_a_stale_save_is_refused_shows_what_changed_and_keeps_both_versions(
    world, task, client_for
):
    opened = form_data(task)
    services.update_task(
        task=task,
        version=task.version,
        by=world.alice,
        content="Nội dung do chị Ánh sửa",
        status=Task.Status.IN_PROGRESS,
    )
    client = client_for(world.olga)
    client.post("/language/", {"language": "en"})
    response = client.post(
        f"/work/tasks/{task.pk}/edit/", {**opened, "content": "Nội dung do anh Ổn sửa"}
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this task while you were editing it" in body
    changes = {change["name"]: change for change in response.context["stale"]}
    assert changes["content"]["old"] == "Tuyên truyền Nghị quyết"
    assert changes["content"]["new"] == "Nội dung do chị Ánh sửa"
    assert changes["status"]["new"] == Task.Status.IN_PROGRESS.label  # a label, not a code
    assert changes["content"]["by"] == world.alice
    assert "<ins>Nội dung do chị Ánh sửa</ins>" in body and world.alice.full_name in body
    assert "Nội dung do anh Ổn sửa</textarea>" in body  # the input is kept
    task.refresh_from_db()
    assert (task.content, task.version) == ("Nội dung do chị Ánh sửa", 2)  # nothing overwritten

    # Saving again, now knowingly, applies the second person's version.
    form = response.context["form"]
    assert form["version"].value() == 2
    client.post(f"/work/tasks/{task.pk}/edit/", {**opened, "content": "Bản cuối", "version": 2})
    assert Task.objects.get(pk=task.pk).content == "Bản cuối"


def test_a_due_date_outside_the_plan_is_a_form_error_and_changes_nothing(world, task, client_for):
    client = client_for(world.olga)
    client.post("/language/", {"language": "en"})
    response = client.post(f"/work/tasks/{task.pk}/edit/", form_data(task, due_on="10/01/2027"))
    assert response.status_code == 200
    assert "outside the plan" in response.context["form"].errors["due_on"][0]
    task.refresh_from_db()
    assert (task.due_on, task.version) == (DAY(2026, 6, 30), 1)


def test_a_task_of_a_locked_plan_keeps_its_planning_fields(world, plan, task, client_for):
    services.approve_plan(plan=plan, by=world.alice)
    client = client_for(world.olga)
    form = client.get(f"/work/tasks/{task.pk}/edit/").context["form"]
    assert form.fields["content"].disabled and form.fields["due_on"].disabled
    assert not form.fields["local_note"].disabled
    client.post(
        f"/work/tasks/{task.pk}/edit/",
        form_data(task, content="Đổi nội dung", local_note="Làm theo cách của xã"),
    )
    task.refresh_from_db()
    assert (task.content, task.local_note) == ("Tuyên truyền Nghị quyết", "Làm theo cách của xã")


def test_a_viewer_cannot_edit(world, task, client_for):
    client = client_for(world.victor)
    response = client.post(f"/work/tasks/{task.pk}/edit/", form_data(task, content="Không"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Task.objects.get(pk=task.pk).content == "Tuyên truyền Nghị quyết"


def test_documents_the_editor_cannot_see_stay_linked(world, task, client_for):
    theirs = DocumentFactory(unit=world.commune_b, title="Văn bản của xã Hòa Bình")
    ours = DocumentFactory(unit=world.root, title="Chỉ thị của Ban")
    task.source_documents.set([theirs])
    client_for(world.olga).post(
        f"/work/tasks/{task.pk}/edit/", {**form_data(task), "source_documents": [ours.pk]}
    )
    assert set(Task.objects.get(pk=task.pk).source_documents.all()) == {theirs, ours}
