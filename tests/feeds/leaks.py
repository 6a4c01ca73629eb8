"""Leak-walk entries for the notifications pages and the calendar feed."""

from mandate.core.models import Notification

SECRET_TITLE = "Nhắc việc bí mật của đồng chí Ánh"


def alice_notice(world) -> Notification:
    notice, _created = Notification.objects.get_or_create(
        user=world.alice,
        key="leak-walk:alice",
        defaults={"kind": "test", "title": SECRET_TITLE, "url": "/"},
    )
    world.extra["alice_notice"] = notice
    return notice


def populate(world) -> list[str]:
    alice_notice(world)
    return [SECRET_TITLE]


FOREIGN = {
    "core:notification-open": lambda world: {"pk": alice_notice(world).pk},
}

EXEMPT = {
    "work:calendar-feed": "authenticated by the secret token in the URL; tests/feeds pin its scope",
}
