"""The API routes of documents, plans, tasks and progress updates, for the leak walk."""

import datetime

from mandate.work.models import TaskUpdate
from tests.factories import DocumentFactory, PlanFactory, TaskFactory


def populate(world) -> list[str]:
    document = DocumentFactory(unit=world.commune_a, title="Chỉ thị mật của xã Quảng Thành")
    plan = PlanFactory(unit=world.commune_a, title="Kế hoạch riêng của xã Quảng Thành")
    task = TaskFactory(plan=plan, content="Nhiệm vụ kín của xã Quảng Thành")
    update = TaskUpdate.objects.create(
        task=task,
        reported_on=datetime.date(2026, 1, 15),
        percent=30,
        text="Báo cáo nội bộ của xã Quảng Thành",
    )
    world.extra.update(api_document=document, api_plan=plan, api_task=task, api_update=update)
    return [document.title, plan.title, task.content, update.text]


def _document(world) -> dict:
    return {"document_id": world.extra["api_document"].pk}


def _task(world) -> dict:
    return {"task_id": world.extra["api_task"].pk}


FOREIGN = {
    "api:document_detail": _document,
    "api:document_edit": _document,
    "api:milestone_create": _document,
    "api:plan_detail": lambda world: {"plan_id": world.extra["api_plan"].pk},
    "api:task_detail": _task,
    "api:task_edit": _task,
    "api:task_cascade": _task,
    "api:task_coordination": _task,
    "api:task_update_list": _task,
    "api:task_update_create": _task,
    "api:task_update_upload": _task,
}
