"""Leak-walk entries for the Excel sheets of the work programme (see tests/leaks.py)."""

from tests.factories import PlanFactory, TaskFactory

FOREIGN = {
    "work:plan-import": lambda world: {"pk": world.extra["sheets_plan"].pk},
    "work:progress-sheet": lambda world: {"pk": world.commune_a.pk},
}

# The walk reads parameterless pages as text; these answer with a zipped .xlsx, which it
# cannot read. The export's scope is pinned by tests/sheets/test_export.py instead.
EXEMPT = {
    "work:task-template": "the blank import template: column headers and guidance, no data",
    "work:task-export": "binary .xlsx; scoped through tasks_for, pinned in tests/sheets",
}


def populate(world) -> list[str]:
    plan = PlanFactory(unit=world.commune_a, title="Kế hoạch nhập từ Excel của xã Quảng Thành")
    task = TaskFactory(plan=plan, content="Nhiệm vụ bí mật trong bảng tính xã Quảng Thành")
    world.extra["sheets_plan"] = plan
    return [plan.title, task.content]
