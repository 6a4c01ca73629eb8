"""The early-warning pages and API routes in the leak walk: an alert of commune_a with a
note and the task it was escalated to, which charlie (an officer of commune_b) must never
reach."""

import datetime

from mandate.earlywarning.models import Alert
from mandate.grassroots.models import Category
from mandate.work.models import Task
from tests.factories import LocalityFactory

DAY = datetime.date(2026, 4, 20)


def _alert(world) -> dict:
    return {"pk": world.extra["alert"].pk}


def _api_alert(world) -> dict:
    return {"alert_id": world.extra["alert"].pk}


FOREIGN = {
    "earlywarning:alert-detail": _alert,
    "earlywarning:alert-action": lambda world: _alert(world) | {"action": "review"},
    "api:alert_detail": _api_alert,
    "api:alert_action": lambda world: _api_alert(world) | {"action": "review"},
}


def populate(world) -> list[str]:
    place = LocalityFactory(code="96001", name="Xã Cảnh Báo Thử", lat=20.85, lon=106.65)
    category, _created = Category.objects.get_or_create(
        code="environment", defaults={"name": "Môi trường, ô nhiễm"}
    )
    task = Task.objects.create(
        lead_unit=world.commune_a,
        content="Nhiệm vụ kín: kiểm tra điểm nóng khói bụi thôn Đông",
        due_on=DAY + datetime.timedelta(days=30),
    )
    alert = Alert.objects.create(
        category=category,
        centre=place,
        unit=world.commune_a,
        method=Alert.Method.POISSON_TAIL,
        status=Alert.Status.ESCALATED,
        first_detected_on=DAY,
        last_detected_on=DAY,
        window_start=DAY - datetime.timedelta(days=6),
        window_end=DAY,
        observed=9,
        expected=1.2,
        relative_risk=7.5,
        statistic=12.0,
        recurrence_days=5000,
        peak_recurrence_days=5000,
        task=task,
        note="Ghi chú kín: xưởng gạch thôn Đông đốt lò ban đêm",
    )
    alert.localities.set([place])
    world.extra.update(alert=alert)
    return [alert.note, task.content]
