"""The communication calendar: a year's and a month's holidays and anniversaries, with
the reader's campaigns and tasks beside them, a unit's own anniversaries, and a public
iCalendar feed. Observances are public calendar facts, read by everyone; campaigns and
tasks come only through `visible_to(request.user)` (in selectors.py)."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from icalendar import Calendar, Event

from mandate.core.forms import add_service_errors
from mandate.observances import selectors, services
from mandate.observances.calendar import FIRST_YEAR, LAST_YEAR, Occurrence
from mandate.observances.forms_calendar import CalendarFilterForm, LocalObservanceForm

FEED_YEARS = 2


@login_required
@require_safe
def observance_index(request):
    return redirect("observances:year", year=timezone.localdate().year)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


@login_required
@require_safe
def observance_year(request, year: int):
    _check_year(year)
    filters = CalendarFilterForm(request.GET, user=request.user)
    found = selectors.year_occurrences(year, level=filters.chosen_level)
    context = {
        "year": year,
        "filters": filters,
        "query": filters.query(),
        "months": selectors.year_calendar(
            request.user, found, year=year, level=filters.chosen_level, unit=filters.chosen_unit
        ),
        "round": selectors.round_anniversaries(found),
        "can_plan": selectors.can_plan_campaigns(request.user),
        "can_add_local": selectors.can_add_local_observances(request.user),
    }
    return render(request, "observances/year.html", context)


@login_required
@require_safe
def observance_month(request, year: int, month: int):
    _check_year(year)
    if not 1 <= month <= 12:
        raise Http404
    filters = CalendarFilterForm(request.GET, user=request.user)
    first_day = datetime.date(year, month, 1)
    weeks = selectors.month_calendar(
        request.user, year=year, month=month, level=filters.chosen_level, unit=filters.chosen_unit
    )
    previous = first_day - datetime.timedelta(days=1)
    following = first_day + datetime.timedelta(days=31)
    context = {
        "first_day": first_day,
        "weeks": weeks,
        "is_empty": all(day.is_empty for week in weeks for day in week),
        "weekdays": [day.date for day in weeks[0]],
        "previous": previous if previous.year >= FIRST_YEAR else None,
        "next": following.replace(day=1) if following.year <= LAST_YEAR else None,
        "filters": filters,
        "query": filters.query(),
        "today": timezone.localdate(),
    }
    return render(request, "observances/month.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def local_observance_create(request):
    form = LocalObservanceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            observance = services.add_local_observance(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was added to the communication calendar.") % {"name": observance},
            )
            return redirect("observances:year", year=timezone.localdate().year)
    context = {"form": form, "can_add": selectors.can_add_local_observances(request.user)}
    return render(request, "observances/local_form.html", context)


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
        uids: set[str] = set()
        for occurrence in selectors.year_occurrences(year):
            uid = f"{occurrence.observance.key}-{year}@mandate"
            if uid in uids:
                # A lunar date of the 11th or 12th month can fall in both January and
                # December: the second one needs its own UID, or it replaces the first.
                uid = f"{occurrence.observance.key}-{occurrence.date:%Y%m%d}@mandate"
            uids.add(uid)
            calendar.add_component(_event(occurrence, uid))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="observances.ics"'
    return response


def _event(occurrence: Occurrence, uid: str) -> Event:
    observance = occurrence.observance
    summary = observance.label
    if occurrence.anniversary_label:
        summary = f"{summary} ({occurrence.anniversary_label})"
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", occurrence.date)
    event.add("dtend", occurrence.date + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event
