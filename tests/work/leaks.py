"""The work programme's pages in the leak walk: a plan, a task, an update and a photo
of commune_a, which charlie (an officer of commune_b) must never reach."""

import datetime

from mandate.work.models import Evidence, TaskUpdate
from tests.factories import PlanFactory, TaskFactory


def _task(world):
    return {"pk": world.extra["task"].pk}


def _plan(world):
    return {"pk": world.extra["plan"].pk}


FOREIGN = {
    "work:task-detail": _task,
    "work:task-edit": _task,
    "work:task-update-post": _task,
    "work:task-cascade": _task,
    "work:task-coordinate": _task,
    "work:unit-tasks": lambda world: {"pk": world.commune_a.pk},
    "work:plan-detail": _plan,
    "work:plan-approve": _plan,
    "work:plan-reopen": _plan,
    "work:task-create": _plan,
    "work:evidence-file": lambda world: {"pk": world.extra["evidence"].pk},
}


def populate(world) -> list[str]:
    plan = PlanFactory(unit=world.commune_a, title="Kế hoạch riêng của xã Quảng Thành")
    task = TaskFactory(
        plan=plan, content="Nhiệm vụ kín: vận động bà con thôn Đông hiến đất", is_key=True
    )
    update = TaskUpdate.objects.create(
        task=task,
        reported_on=datetime.date(2026, 2, 1),
        percent=40,
        text="Đã họp riêng với trưởng thôn Đông",
        author=world.olga,
    )
    # A stored name only: the walk never reads the file, it must answer 404 first.
    evidence = Evidence.objects.create(
        update=update,
        file="evidence/2026/02/anh-hop-thon-dong.png",
        name="anh-hop-thon-dong.png",
        size=68,
        content_type="image/png",
    )
    world.extra.update(plan=plan, task=task, update=update, evidence=evidence)
    return [plan.title, task.content, update.text, evidence.name]
