"""A person's private iCalendar feed: their units' open task due dates and review
milestones, the communication calendar's days and the campaigns they may read.

Calendar programs cannot sign in, so the secret token in the URL is the credential:
an unknown token is a 404, and resetting the token from the profile page kills the
old address. What the feed holds is exactly what `visible_to(owner)` gives.
"""

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from mandate.directives.models import ReviewMilestone
from mandate.observances import selectors as calendar_selectors
from mandate.observances.calendar import Occurrence
from mandate.observances.models import Campaign
from mandate.org.models import User
from mandate.work.models import Bucket, Task, bucket_conditions

PAST_DAYS = 30
FUTURE_DAYS = 400


@require_safe
@never_cache
def calendar_feed(request, token: str):
    owner = get_object_or_404(
        User.objects.dangerously_unscoped(), calendar_token=token, is_active=True
    )
    today = timezone.localdate()
    window = (
        today - datetime.timedelta(days=PAST_DAYS),
        today + datetime.timedelta(days=FUTURE_DAYS),
    )
    with translation.override(owner.preferred_language):
        calendar = _calendar(owner)
        for task in _open_tasks(owner, today, window):
            calendar.add_component(_task_event(task))
        for milestone in _open_milestones(owner, window):
            calendar.add_component(_milestone_event(milestone))
        start, end = window
        for occurrence in calendar_selectors.feed_occurrences(owner, start=start, end=end):
            calendar.add_component(_occurrence_event(occurrence))
        for campaign in calendar_selectors.calendar_campaigns(owner, start=start, end=end):
            calendar.add_component(_campaign_event(campaign))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mandate.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


def _open_tasks(owner: User, today: datetime.date, window: tuple) -> QuerySet[Task]:
    buckets = bucket_conditions(today)
    return (
        Task.objects.visible_to(owner)
        .filter(buckets[Bucket.PENDING_IN_TIME] | buckets[Bucket.PENDING_OVERDUE])
        .filter(due_on__range=window)
        .select_related("lead_unit")
        .order_by("due_on", "pk")
    )


def _open_milestones(owner: User, window: tuple) -> QuerySet[ReviewMilestone]:
    return (
        ReviewMilestone.objects.visible_to(owner)
        .filter(done_on__isnull=True, due_on__range=window)
        .select_related("document", "responsible_unit")
        .order_by("due_on", "pk")
    )


def _calendar(owner: User) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Mandate//Mandate work calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Mandate: deadlines of %(name)s") % {"name": owner})
    calendar.add(
        "x-wr-caldesc",
        _(
            "Due dates of your units' open tasks and reviews, holidays and anniversaries, "
            "and your units' campaigns."
        ),
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Hints for how often to fetch again (Outlook and Apple read the first, Google ignores both).
    calendar.add("x-published-ttl", "PT6H")
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    return calendar


def _all_day(*, uid: str, day: datetime.date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", f"{description}\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    return event


def _task_event(task: Task) -> Event:
    url = f"{settings.MANDATE_BASE_URL}/work/tasks/{task.pk}/"
    content = " ".join(task.content.split())
    details = _("Lead unit: %(unit)s. Progress: %(progress)s%%.") % {
        "unit": task.lead_unit,
        "progress": task.progress,
    }
    event = _all_day(
        uid=f"task-{task.pk}@mandate",
        day=task.due_on,
        summary=_("Due: %(task)s") % {"task": Truncator(content).chars(150)},
        description=f"{content}\n{details}",
        url=url,
    )
    event.add("sequence", task.version)
    event.add("last-modified", task.updated_at)
    return event


def _milestone_event(milestone: ReviewMilestone) -> Event:
    url = f"{settings.MANDATE_BASE_URL}/documents/{milestone.document_id}/"
    event = _all_day(
        uid=f"milestone-{milestone.pk}@mandate",
        day=milestone.due_on,
        summary=_("Review due: %(review)s") % {"review": Truncator(str(milestone)).chars(150)},
        description=_("%(document)s. Responsible unit: %(unit)s.")
        % {"document": milestone.document, "unit": milestone.responsible_unit},
        url=url,
    )
    event.add("last-modified", milestone.updated_at)
    return event


def _occurrence_event(occurrence: Occurrence) -> Event:
    observance, day = occurrence.observance, occurrence.date
    summary = observance.label
    if occurrence.anniversary_label:
        summary = f"{summary} ({occurrence.anniversary_label})"
    path = reverse("observances:month", kwargs={"year": day.year, "month": day.month})
    description = observance.get_level_display()
    if observance.owner_unit_id:
        description = f"{description}: {observance.owner_unit}"
    event = _all_day(
        # The date, not the year: a lunar date can fall twice in one Gregorian year.
        uid=f"observance-{observance.key}-{day:%Y%m%d}@mandate",
        day=day,
        summary=summary,
        description=description,
        url=f"{settings.MANDATE_BASE_URL}{path}",
    )
    event.add("last-modified", observance.updated_at)
    return event


def _campaign_event(campaign: Campaign) -> Event:
    path = reverse("observances:campaign-detail", kwargs={"pk": campaign.pk})
    event = _all_day(
        uid=f"campaign-{campaign.pk}@mandate",
        day=campaign.occurs_on,
        summary=campaign.title,
        description=_("Campaign of %(unit)s. Status: %(status)s.")
        % {"unit": campaign.unit, "status": campaign.get_status_display()},
        url=f"{settings.MANDATE_BASE_URL}{path}",
    )
    event.add("sequence", campaign.version)
    event.add("last-modified", campaign.updated_at)
    return event
