"""In-app notices and their e-mails, each sent once: `mandate tick` may run twice safely.

A notice is identified by a key per user ("task-overdue:42:2026-11-30"); notifying
again with the same key does nothing, so a command may run twice a day safely.
Text is rendered in each recipient's own language.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mandate.core.models import Notification

Message = Callable[[], tuple[str, str]]  # () -> (title, body), called in the recipient's language


def notify(*, users: Iterable, kind: str, key: str, message: Message, url: str = "") -> int:
    """Record a notice for each user who has not had this key yet; e-mail the immediate ones."""
    users = list(users)
    # One query finds who already has the key, so a second run renders and writes nothing.
    already = set(
        Notification.objects.filter(key=key, user__in=[user.pk for user in users]).values_list(
            "user_id", flat=True
        )
    )
    created = 0
    for user in users:
        if user.pk in already:
            continue
        already.add(user.pk)  # the same person reached through two memberships
        with translation.override(user.preferred_language):
            title, body = message()
        try:
            with transaction.atomic():
                notice = Notification.objects.create(
                    user=user, kind=kind, key=key, title=title[:300], body=body, url=url
                )
        except IntegrityError:
            continue  # notified under this key by a concurrent run
        created += 1
        if user.notification_mode == "immediate" and user.email:
            _send(user, title, f"{body}\n\n{_absolute(url)}".strip())
            notice.emailed_at = timezone.now()
            notice.save(update_fields=["emailed_at"])
    return created


@dataclass(frozen=True)
class Notice:
    """One notice for several people, as `notify()` takes it; a round sends many at once."""

    users: list
    kind: str
    key: str
    message: Message
    url: str = ""


def notify_all(notices: Iterable[Notice]) -> int:
    """`notify()` each notice, after looking up in bulk who already has which key.

    A daily round sees the same thousands of overdue tasks every day: this answers
    "already sent" for all of them in a few queries instead of one per task.
    """
    notices = list(notices)
    sent = _sent_pairs({notice.key for notice in notices})
    created = 0
    for notice in notices:
        fresh = [user for user in notice.users if (user.pk, notice.key) not in sent]
        if fresh:
            created += notify(
                users=fresh,
                kind=notice.kind,
                key=notice.key,
                message=notice.message,
                url=notice.url,
            )
    return created


def reminder_threshold(days_left: int, thresholds: Iterable[int]) -> int | None:
    """Which reminder is due for a deadline `days_left` days away, if any.

    The nearest threshold at or above `days_left`: with 7 and 1, a deadline 7 to 2
    days away gets "the 7-day reminder", 1 or 0 days away "the 1-day reminder". A day
    on which tick did not run is caught up the next day, and never twice: the key of
    the notice names the threshold.
    """
    candidates = [days for days in thresholds if days >= days_left >= 0]
    return min(candidates) if candidates else None


def reminder_notices(
    items: Iterable,
    *,
    today,
    kind: str,
    people: dict,
    unit_id: Callable,
    message: Callable,
    url: Callable,
) -> list["Notice"]:
    """A reminder for each item (a task, a review) whose due date has reached a threshold.

    `people` maps a unit id to the people to remind, `unit_id(item)` names the item's
    unit, `message(item, days_left)` and `url(item)` give the notice's text and link.
    """
    notices = []
    for item in items:
        days_left = (item.due_on - today).days
        threshold = reminder_threshold(days_left, settings.MANDATE_REMINDER_DAYS)
        if threshold is None:
            continue
        notices.append(
            Notice(
                users=people.get(unit_id(item), []),
                kind=kind,
                key=f"{kind}:{item.pk}:{item.due_on}:{threshold}",
                message=message(item, days_left),
                url=url(item),
            )
        )
    return notices


def _sent_pairs(keys: set[str], chunk: int = 500) -> set[tuple[int, str]]:
    keys_list = sorted(keys)
    pairs: set[tuple[int, str]] = set()
    for start in range(0, len(keys_list), chunk):
        pairs.update(
            Notification.objects.filter(key__in=keys_list[start : start + chunk]).values_list(
                "user_id", "key"
            )
        )
    return pairs


def send_digests() -> int:
    """One e-mail per digest reader with every notice not yet e-mailed; returns e-mails sent."""
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, user__notification_mode="digest", user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict = {}
    for notice in pending:
        by_user.setdefault(notice.user, []).append(notice)
    for user, notices in by_user.items():
        with translation.override(user.preferred_language):
            subject = _("Mandate: %(count)s new notices") % {"count": len(notices)}
            lines = [
                f"- {n.title}\n  {_absolute(n.url)}" if n.url else f"- {n.title}" for n in notices
            ]
        _send(user, subject, "\n".join(lines))
        Notification.objects.filter(pk__in=[n.pk for n in notices]).update(
            emailed_at=timezone.now()
        )
    return len(by_user)


# Reading ----------------------------------------------------------------------


def notices_of(*, user) -> QuerySet[Notification]:
    """A person's own notices, newest first: nobody reads anyone else's."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(*, notice: Notification) -> None:
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _send(user, subject: str, body: str) -> None:
    subject = " ".join(subject.split())  # a line break in a header is refused
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)


def _absolute(url: str) -> str:
    return f"{settings.MANDATE_BASE_URL}{url}" if url.startswith("/") else url
