"""The review milestones' part of `mandate tick`: reminders, overdue notices, recurrence.

A review milestone shows up in its responsible unit's deadlines like a task: its
leaders and officers are reminded before the due date and told once when it passes.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.notifications import Notice, notify_all, reminder_notices
from mandate.directives.models import ReviewMilestone
from mandate.directives.services import schedule_next_milestone
from mandate.org.models import Role, User
from mandate.org.selectors import members_by_unit

# As for tasks: an overdue notice missed on its day is still sent this many days late.
OVERDUE_CATCH_UP_DAYS = 7


def run(*, today: datetime.date, log: Callable[[str], object]) -> None:
    recurring = schedule_recurring()
    reminders = send_reminders(today=today)
    overdue = send_overdue_notices(today=today)
    log(
        _(
            "Review milestones: %(recurring)s new recurring occurrences, "
            "%(reminders)s reminders, %(overdue)s overdue notices."
        )
        % {"recurring": recurring, "reminders": reminders, "overdue": overdue}
    )


def schedule_recurring() -> int:
    """Each done recurring review has its next one, even when marked done in the admin.

    `complete_milestone` schedules it as the review is completed; this covers the
    reviews whose `done_on` was set by any other path.
    """
    done = (
        ReviewMilestone.objects.dangerously_unscoped()
        .filter(done_on__isnull=False, repeat_every_months__gt=0, next__isnull=True)
        .order_by("due_on", "pk")
    )
    return sum(1 for milestone in done if schedule_next_milestone(milestone=milestone) is not None)


def send_reminders(*, today: datetime.date) -> int:
    thresholds = settings.MANDATE_REMINDER_DAYS
    if not thresholds:
        return 0
    milestones = _open_milestones(
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=max(thresholds))
    )
    people = _responsible_people(milestones)
    notices = reminder_notices(
        milestones,
        today=today,
        kind="review-reminder",
        people=people,
        unit_id=lambda milestone: milestone.responsible_unit_id,
        message=_reminder,
        url=milestone_url,
    )
    return notify_all(notices)


def send_overdue_notices(*, today: datetime.date) -> int:
    milestones = _open_milestones(
        due_on__lt=today,
        due_on__gte=today - datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS),
    )
    people = _responsible_people(milestones)
    return notify_all(
        Notice(
            users=people.get(milestone.responsible_unit_id, []),
            kind="review-overdue",
            key=f"review-overdue:{milestone.pk}:{milestone.due_on}",
            message=_overdue(milestone),
            url=milestone_url(milestone),
        )
        for milestone in milestones
    )


def milestone_url(milestone: ReviewMilestone) -> str:
    return f"/documents/{milestone.document_id}/"


def _open_milestones(**filters) -> list[ReviewMilestone]:
    return list(
        ReviewMilestone.objects.dangerously_unscoped()
        .filter(done_on__isnull=True, **filters)
        .select_related("document", "responsible_unit")
        .order_by("due_on", "pk")
    )


def _responsible_people(milestones: list[ReviewMilestone]) -> dict[int, list[User]]:
    return members_by_unit(
        unit_ids={milestone.responsible_unit_id for milestone in milestones},
        roles=[Role.LEADER, Role.OFFICER],
    )


def _values(milestone: ReviewMilestone) -> dict:
    return {
        "review": Truncator(str(milestone)).chars(120),
        "document": Truncator(str(milestone.document)).chars(160),
        "unit": milestone.responsible_unit,
        "date": date_format(milestone.due_on, "SHORT_DATE_FORMAT"),
    }


def _reminder(milestone: ReviewMilestone, days_left: int) -> Callable[[], tuple[str, str]]:
    def message() -> tuple[str, str]:
        values = {**_values(milestone), "days": days_left}
        if days_left == 0:
            title = _("Review due today: %(review)s") % values
        else:
            title = (
                ngettext(
                    "Review due in %(days)s day: %(review)s",
                    "Review due in %(days)s days: %(review)s",
                    days_left,
                )
                % values
            )
        body = _("%(review)s of %(document)s, the responsibility of %(unit)s, is due on %(date)s.")
        return title, body % values

    return message


def _overdue(milestone: ReviewMilestone) -> Callable[[], tuple[str, str]]:
    def message() -> tuple[str, str]:
        values = _values(milestone)
        body = _(
            "%(review)s of %(document)s, the responsibility of %(unit)s, was due on %(date)s "
            "and is not done."
        )
        return _("Review overdue: %(review)s") % values, body % values

    return message
