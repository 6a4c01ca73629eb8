"""In-app notices and their e-mails, each sent once: `mandate tick` may run twice safely.

A notice is identified by a key per user ("task-overdue:42:2026-11-30"); notifying
again with the same key does nothing, so a command may run twice a day safely.
Text is rendered in each recipient's own language.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mandate.core.models import Notification

Message = Callable[[], tuple[str, str]]  # () -> (title, body), called in the recipient's language


def notify(*, users: Iterable, kind: str, key: str, message: Message, url: str = "") -> int:
    """Record a notice for each user who has not had this key yet; e-mail the immediate ones."""
    created = 0
    for user in users:
        with translation.override(user.preferred_language):
            title, body = message()
        try:
            with transaction.atomic():
                notice = Notification.objects.create(
                    user=user, kind=kind, key=key, title=title[:300], body=body, url=url
                )
        except IntegrityError:
            continue  # already notified under this key
        created += 1
        if user.notification_mode == "immediate" and user.email:
            _send(user, title, f"{body}\n\n{_absolute(url)}".strip())
            notice.emailed_at = timezone.now()
            notice.save(update_fields=["emailed_at"])
    return created


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


def _send(user, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)


def _absolute(url: str) -> str:
    return f"{settings.MANDATE_BASE_URL}{url}" if url.startswith("/") else url
