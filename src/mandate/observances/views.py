"""The communication calendar: a year's holidays and anniversaries, and a public
iCalendar feed of them. Observances are public calendar facts, so no unit scope."""

import datetime
from itertools import groupby

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from mandate.observances import selectors
from mandate.observances.calendar import Occurrence
from mandate.observances.models import Observance

# lunar-vn's range (1900–2100), with a year's margin for lunar dates of the year before.
FIRST_YEAR, LAST_YEAR = 1901, 2099
FEED_YEARS = 2


@login_required
@require_safe
def observance_index(request):
    return redirect("observances:year", year=timezone.localdate().year)


@login_required
@require_safe
def observance_year(request, year: int):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    level = request.GET.get("level", "")
    if level not in Observance.Level.values:
        level = ""
    found = selectors.year_occurrences(year, level=level)
    context = {
        "year": year,
        "level": level,
        "levels": Observance.Level.choices,
        "months": [
            (datetime.date(year, month, 1), list(items))
            for month, items in groupby(found, key=lambda occurrence: occurrence.date.month)
        ],
        "round": selectors.round_anniversaries(found),
    }
    return render(request, "observances/year.html", context)


@require_safe
def observance_feed(request):
    """Public: the next two years of national and local calendar facts, no personal data."""
    this_year = timezone.localdate().year
    calendar = Calendar()
    calendar.add("prodid", "-//Mandate//Mandate communication calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Mandate: communication calendar"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for year in range(this_year, this_year + FEED_YEARS):
        for occurrence in selectors.year_occurrences(year):
            calendar.add_component(_event(occurrence))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="observances.ics"'
    return response


def _event(occurrence: Occurrence) -> Event:
    observance = occurrence.observance
    summary = observance.label
    if occurrence.anniversary_label:
        summary = f"{summary} ({occurrence.anniversary_label})"
    event = Event()
    event.add("uid", f"{observance.key}-{occurrence.date.year}@mandate")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", occurrence.date)
    event.add("dtend", occurrence.date + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event
