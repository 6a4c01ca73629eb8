"""The work programme's part of `mandate tick`: recurring tasks, reminders, overdue, escalation.

Every notice has a key naming the task, its due date and the occasion, so running the
round twice sends nothing twice, and moving a due date starts its reminders afresh.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.notifications import Notice, notify_all, reminder_notices
from mandate.org.models import Role
from mandate.org.selectors import members_by_unit
from mandate.work.models import Bucket, Task, bucket_conditions
from mandate.work.services import RECURRENCE_MONTHS, schedule_next_occurrence

# An overdue notice missed because tick did not run is still sent this many days late;
# older overdue tasks are left to the escalation, not announced as news.
OVERDUE_CATCH_UP_DAYS = 7
# A series that fell far behind catches up at most this many occurrences per run.
MAX_CATCH_UP_OCCURRENCES = 36


def run(*, today: datetime.date, log: Callable[[str], object]) -> None:
    recurring = schedule_recurring(today=today)
    reminders = send_reminders(today=today)
    overdue = send_overdue_notices(today=today)
    escalations = send_escalations(today=today)
    log(
        _(
            "Tasks: %(recurring)s new recurring occurrences, %(reminders)s reminders, "
            "%(overdue)s overdue notices, %(escalations)s escalations."
        )
        % {
            "recurring": recurring,
            "reminders": reminders,
            "overdue": overdue,
            "escalations": escalations,
        }
    )


def schedule_recurring(*, today: datetime.date) -> int:
    """Give each recurring task whose due date has passed its next occurrence, catching up.

    A cancelled occurrence ends its series. Done occurrences got their next one when
    they were completed; this covers the ones left pending and those edited elsewhere.
    """
    due = (
        Task.objects.dangerously_unscoped()
        .filter(recurrence__in=list(RECURRENCE_MONTHS), due_on__lt=today)
        .filter(next_occurrence__isnull=True)
        .filter(Q(plan__isnull=True) | Q(plan__period_end__gt=F("due_on")))
        .exclude(status=Task.Status.CANCELLED)
        .select_related("plan")
    )
    created = 0
    for task in due:
        with transaction.atomic():
            made, following = 0, schedule_next_occurrence(task=task)
            while following is not None:
                made += 1
                if following.due_on >= today or made >= MAX_CATCH_UP_OCCURRENCES:
                    break  # the rest of a long backlog follows on the next run
                following = schedule_next_occurrence(task=following)
        created += made
    return created


def send_reminders(*, today: datetime.date) -> int:
    thresholds = settings.MANDATE_REMINDER_DAYS
    if not thresholds:
        return 0
    tasks = _tasks(
        bucket_conditions(today)[Bucket.PENDING_IN_TIME],
        due_on__lte=today + datetime.timedelta(days=max(thresholds)),
    )
    people = members_by_unit(
        unit_ids={task.lead_unit_id for task in tasks}, roles=[Role.LEADER, Role.OFFICER]
    )
    notices = reminder_notices(
        tasks,
        today=today,
        kind="task-reminder",
        people=people,
        unit_id=lambda task: task.lead_unit_id,
        message=_reminder,
        url=task_url,
    )
    return notify_all(notices)


def send_overdue_notices(*, today: datetime.date) -> int:
    tasks = _tasks(
        bucket_conditions(today)[Bucket.PENDING_OVERDUE],
        due_on__gte=today - datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS),
    )
    people = members_by_unit(
        unit_ids={task.lead_unit_id for task in tasks}, roles=[Role.LEADER, Role.OFFICER]
    )
    return notify_all(
        Notice(
            users=people.get(task.lead_unit_id, []),
            kind="task-overdue",
            key=f"task-overdue:{task.pk}:{task.due_on}",
            message=_overdue(task),
            url=task_url(task),
        )
        for task in tasks
    )


def send_escalations(*, today: datetime.date) -> int:
    """To the lead unit's leaders: overdue, and no progress update for the set number of days.

    The silence counts from the last update, or from the due date if that is later (an
    overdue task has that many days to report before its leaders hear of it). Each spell
    of silence is escalated once: the key names the date it began.
    """
    cutoff = today - datetime.timedelta(days=settings.MANDATE_ESCALATION_DAYS)
    tasks = list(
        Task.objects.dangerously_unscoped()
        .filter(bucket_conditions(today)[Bucket.PENDING_OVERDUE], due_on__lte=cutoff)
        .annotate(last_reported_on=Max("updates__reported_on"))
        .filter(Q(last_reported_on__isnull=True) | Q(last_reported_on__lte=cutoff))
        .select_related("lead_unit")
        .order_by("due_on", "pk")
    )
    leaders = members_by_unit(unit_ids={task.lead_unit_id for task in tasks}, roles=[Role.LEADER])
    notices = []
    for task in tasks:
        silent_since = max(task.last_reported_on or task.due_on, task.due_on)
        notices.append(
            Notice(
                users=leaders.get(task.lead_unit_id, []),
                kind="task-escalation",
                key=f"task-escalation:{task.pk}:{task.due_on}:{silent_since}",
                message=_escalation(task, today),
                url=task_url(task),
            )
        )
    return notify_all(notices)


def task_url(task: Task) -> str:
    return f"/work/tasks/{task.pk}/"


def _tasks(condition: Q, **filters) -> list[Task]:
    return list(
        Task.objects.dangerously_unscoped()
        .filter(condition, **filters)
        .select_related("lead_unit")
        .order_by("due_on", "pk")
    )


# Messages: called by notify() inside each recipient's language. ---------------


def _values(task: Task) -> dict:
    return {
        "task": Truncator(" ".join(task.content.split())).chars(120),
        "unit": task.lead_unit,
        "date": date_format(task.due_on, "SHORT_DATE_FORMAT"),
    }


def _reminder(task: Task, days_left: int) -> Callable[[], tuple[str, str]]:
    def message() -> tuple[str, str]:
        values = {**_values(task), "days": days_left}
        if days_left == 0:
            title = _("Due today: %(task)s") % values
        else:
            title = (
                ngettext(
                    "Due in %(days)s day: %(task)s", "Due in %(days)s days: %(task)s", days_left
                )
                % values
            )
        return title, _("The task “%(task)s” led by %(unit)s is due on %(date)s.") % values

    return message


def _overdue(task: Task) -> Callable[[], tuple[str, str]]:
    def message() -> tuple[str, str]:
        values = _values(task)
        return (
            _("Overdue: %(task)s") % values,
            _("The task “%(task)s” led by %(unit)s was due on %(date)s and is not done.") % values,
        )

    return message


def _escalation(task: Task, today: datetime.date) -> Callable[[], tuple[str, str]]:
    def message() -> tuple[str, str]:
        values = _values(task)
        body = _("The task “%(task)s” led by %(unit)s was due on %(date)s and is not done.")
        if task.last_reported_on:
            days = (today - task.last_reported_on).days
            since = ngettext(
                "Its last progress update was on %(last)s, %(days)s day ago.",
                "Its last progress update was on %(last)s, %(days)s days ago.",
                days,
            ) % {"last": date_format(task.last_reported_on, "SHORT_DATE_FORMAT"), "days": days}
        else:
            since = _("It has had no progress update.")
        return _("Overdue with no progress: %(task)s") % values, f"{body % values} {since}"

    return message
