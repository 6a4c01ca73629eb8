"""Reads of alerts for the pages, the API and other apps (the grassroots overview and case
page): lists, filters, an alert's daily series, the reports behind it and its map."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from mandate.earlywarning.models import Alert, DailyCount
from mandate.grassroots.models import Case, Category, Report
from mandate.grassroots.selectors import (
    DOT_COLOURS,
    DOT_MIN_RADIUS,
    dot_plot,
    with_case_visibility,
)
from mandate.org.models import Locality, User

OPEN = "open"  # the list's pseudo-status: new or under review
SERIES_DAYS = 60
BASELINE_DAYS = 365
REPORTS_SHOWN = 50
TIMELINE_LENGTH = 30
# What the timeline says changed; the rest (version, timestamps) is bookkeeping.
TIMELINE_FIELDS = (
    "status",
    "dismiss_reason",
    "note",
    "case_id",
    "task_id",
    "observed",
    "window_end",
    "recurrence_days",
)

# Lists -------------------------------------------------------------------------------


def alerts_for(user: User) -> QuerySet[Alert]:
    """The alerts the user may read, ready for a list: their communes in one more query."""
    communes = Locality.objects.only("id", "code", "name", "lat", "lon", "parent_id").order_by(
        "name"
    )
    return (
        Alert.objects.visible_to(user)
        .select_related("category", "centre", "unit")
        .prefetch_related(Prefetch("localities", queryset=communes))
    )


def filter_alerts(
    alerts: QuerySet[Alert],
    *,
    status: str | None = None,
    category: Category | None = None,
    method: str | None = None,
    locality: Locality | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[Alert]:
    """The list's filters. `status` may be "open" (new or under review); `since` and
    `until` bound the day the alert was last detected; `locality`: one of its communes."""
    if status == OPEN:
        alerts = alerts.filter(status__in=Alert.OPEN_STATUSES)
    elif status:
        alerts = alerts.filter(status=status)
    if category is not None:
        alerts = alerts.filter(category=category)
    if method:
        alerts = alerts.filter(method=method)
    if locality is not None:
        alerts = alerts.filter(localities=locality)
    if since:
        alerts = alerts.filter(last_detected_on__gte=since)
    if until:
        alerts = alerts.filter(last_detected_on__lte=until)
    return alerts


def open_alerts(*, user: User, limit: int = 5) -> list[Alert]:
    """The newest open alerts the user may read, for the grassroots overview: one query
    (their communes are not read; the centre names the place)."""
    return list(
        Alert.objects.visible_to(user)
        .filter(status__in=Alert.OPEN_STATUSES)
        .select_related("category", "centre")
        .order_by("-last_detected_on", "-id")[:limit]
    )


def case_alerts(*, case: Case, user: User) -> list[Alert]:
    """The alerts the user may read that were escalated to this case: one query."""
    return list(
        Alert.objects.visible_to(user)
        .filter(case=case)
        .only("id", "status", "window_start", "window_end")
        .order_by("-window_end", "-id")
    )


def home_figures(*, user: User) -> dict[str, int]:
    """The open and new alerts the user may read, for the home page: one query."""
    return (
        Alert.objects.visible_to(user)
        .filter(status__in=Alert.OPEN_STATUSES)
        .order_by()
        .aggregate(open=Count("pk"), new=Count("pk", filter=Q(status=Alert.Status.NEW)))
    )


# One alert ---------------------------------------------------------------------------


def _commune_ids(alert: Alert) -> list[int]:
    return [place.pk for place in alert.localities.all()]


def alert_series(alert: Alert, *, days: int = SERIES_DAYS) -> dict:
    """The reports of the alert's category in its communes, day by day over the `days`
    up to the end of its window, against the number expected each day.

    Expected: the communes' long-run share `p` of the province's reports of the category
    (over the BASELINE_DAYS before the window, so the rise itself does not raise it),
    applied to what the rest of the province reported that day:
    expected = p / (1 - p) x (province - communes). A day busy or quiet everywhere (a
    holiday, a storm) moves the expectation with it, as the space-time permutation scan
    reasons. Without a baseline the expectation is 0; when the communes hold every
    report (p = 1) it is their mean per day over the baseline.

    Two queries: the baseline's totals, and the days' totals grouped by day. The window
    of a Poisson alert may have been judged against another baseline; the chart shows
    the reports as they are, the facts beside it give the detection's own figures.
    """
    ids = _commune_ids(alert)
    end = alert.window_end
    start = min(alert.window_start, end - datetime.timedelta(days=days - 1))
    counts = DailyCount.objects.filter(category_id=alert.category_id).order_by()
    in_communes = Q(locality_id__in=ids)
    baseline = counts.filter(
        day__gte=alert.window_start - datetime.timedelta(days=BASELINE_DAYS),
        day__lt=alert.window_start,
    ).aggregate(total=Sum("count"), communes=Sum("count", filter=in_communes))
    total, own = baseline["total"] or 0, baseline["communes"] or 0
    share = own / total if total else 0.0
    by_day = {
        day: (province or 0, communes or 0)
        for day, province, communes in counts.filter(day__range=(start, end))
        .values("day")
        .annotate(province=Sum("count"), communes=Sum("count", filter=in_communes))
        .values_list("day", "province", "communes")
    }
    rows = []
    for offset in range((end - start).days + 1):
        day = start + datetime.timedelta(days=offset)
        province, observed = by_day.get(day, (0, 0))
        if share < 1:
            expected = share / (1 - share) * (province - observed)
        else:
            expected = own / BASELINE_DAYS
        rows.append(
            {
                "day": day,
                "observed": observed,
                "expected": round(expected, 2),
                "in_window": alert.window_start <= day <= end,
            }
        )
    window = [row for row in rows if row["in_window"]]
    return {
        "days": rows,
        "share": share,
        "share_percent": round(share * 100, 1),
        "baseline_days": BASELINE_DAYS,
        "observed": sum(row["observed"] for row in window),
        "expected": round(sum(row["expected"] for row in window), 1),
    }


def alert_reports(alert: Alert, user: User, *, limit: int = REPORTS_SHOWN) -> list[Report]:
    """The reports behind the alert that the user may read, newest first, `limit` at most:
    its category, in its communes, observed within its window. Each says whether the user
    may open its case (`case_visible`)."""
    reports = (
        Report.objects.visible_to(user)
        .filter(
            category_id=alert.category_id,
            locality_id__in=_commune_ids(alert),
            observed_on__range=(alert.window_start, alert.window_end),
        )
        .select_related("locality", "reporting_unit")
        .order_by("-observed_on", "-pk")
    )
    return list(with_case_visibility(reports, user=user)[:limit])


def alert_dot_plot(alert: Alert) -> dict:
    """The grassroots dot plot of the alert's communes, sized and coloured by their
    reports within the window, over the province's other communes in grey. A commune of
    the cluster without a report of its own still shows in colour: it is part of it."""
    places = list(alert.localities.all())
    reported = dict(
        DailyCount.objects.filter(
            category_id=alert.category_id,
            locality_id__in=[place.pk for place in places],
            day__range=(alert.window_start, alert.window_end),
        )
        .order_by()
        .values("locality_id")
        .annotate(reports=Sum("count"))
        .values_list("locality_id", "reports")
    )
    plot = dot_plot(
        by_locality=[
            {
                "locality_id": place.pk,
                "locality__name": place.name,
                "locality__lat": place.lat,
                "locality__lon": place.lon,
                "locality__parent_id": place.parent_id,
                "count": reported.get(place.pk, 0),
            }
            for place in places
        ]
    )
    members = {place.pk for place in places}
    for dot in plot["dots"]:
        dot["in_alert"] = dot["id"] in members
        if dot["in_alert"] and not dot["count"]:
            dot["colour"], dot["r"] = DOT_COLOURS[0], DOT_MIN_RADIUS
    return plot


def alert_timeline(alert: Alert, *, limit: int = TIMELINE_LENGTH) -> list[dict]:
    """What happened to the alert, newest first: each saved version with who saved it
    (nobody: the detection run) and which of TIMELINE_FIELDS it changed. One query: the
    record itself carries the status, reason, note and the ids of its case and task."""
    records = list(
        alert.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changed = {
            name
            for name in TIMELINE_FIELDS
            if older is None or getattr(newer, name) != getattr(older, name)
        }
        rows.append({"record": newer, "changed": changed, "created": older is None})
    return rows[:limit]
