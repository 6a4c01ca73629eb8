"""The work programme's panel of the home page: my units' tasks by bucket and what is due soon."""

import datetime

from django.utils import timezone

from mandate.work.models import Task
from mandate.work.selectors import bucket_counts, bucket_rows, tasks_for


def panels(*, user) -> list[dict]:
    today = timezone.localdate()
    tasks = tasks_for(user=user)
    open_tasks = tasks.exclude(status__in=[Task.Status.DONE, Task.Status.CANCELLED])
    due_soon = open_tasks.filter(due_on__lte=today + datetime.timedelta(days=14)).order_by(
        "due_on"
    )[:10]
    return [
        {
            "template": "work/home_panel.html",
            "buckets": bucket_rows(bucket_counts(tasks=tasks, as_of=today)),
            "due_soon": list(due_soon),
            "today": today,
        }
    ]
