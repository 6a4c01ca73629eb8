"""Reads of reports and cases shared by pages, the API, Open311 and other apps."""

import datetime
import math
import re
import statistics
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from mandate.core.counts import cached
from mandate.core.db import unindexed
from mandate.core.text import fold
from mandate.grassroots.models import Case, CaseEvent, Category, Contact, Report
from mandate.org.geo import neighbours
from mandate.org.models import Locality, Unit, User

DUPLICATE_WINDOW_DAYS = 14
DUPLICATE_MIN_SCORE = 0.12
AGE_BANDS = [(0, 7), (8, 30), (31, 90), (91, None)]
_WORD = re.compile(r"\w+", re.UNICODE)


def member_unit_ids(user: User) -> list[int]:
    return list(
        Unit.objects.filter(memberships__user=user, memberships__is_active=True).values_list(
            "pk", flat=True
        )
    )


def joinable_cases(*, user: User) -> QuerySet[Case]:
    """Open cases a new report may join: those the user sees, and those reported from
    the user's own units (a commune's reporter adds to the matters their commune raised)."""
    own = Case.objects.open().filter(origin_unit_id__in=member_unit_ids(user))
    return Case.objects.visible_to(user).open() | own


def similar_open_cases(
    *,
    user: User,
    category: Category,
    locality: Locality,
    summary: str,
    as_of: datetime.date,
    limit: int = 5,
) -> list[tuple[Case, float]]:
    """Likely duplicates of a new report: open cases of the same category in the same or a
    neighbouring commune, reported on in the last 14 days, ranked by how alike the texts
    are (shared words, ignoring diacritics). Each with its score from 0 to 1."""
    places = neighbours(locality)
    candidates = (
        joinable_cases(user=user)
        .filter(
            category=category,
            locality_id__in=places,
            last_reported_on__gte=as_of - datetime.timedelta(days=DUPLICATE_WINDOW_DAYS),
        )
        .select_related("locality", "unit")
        .order_by("-last_reported_on", "-pk")[:200]
    )
    words = _words(summary)
    scored = []
    for case in candidates:
        score = _likeness(words, _words(case.search_text))
        if case.locality_id == locality.pk:
            score += 0.05  # the same commune makes the same matter likelier
        if score >= DUPLICATE_MIN_SCORE or not words:
            scored.append((case, min(round(score, 2), 1.0)))
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return scored[:limit]


def _words(text: str) -> set[str]:
    return {word for word in _WORD.findall(fold(text)) if len(word) > 1}


def _likeness(first: set[str], second: set[str]) -> float:
    """Shared words over the shorter text's words: a short report matches a long title."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


# Lists -----------------------------------------------------------------------


CASE_LIST_RELATED = ("category", "locality", "unit")


def cases_for(*, user: User) -> QuerySet[Case]:
    return Case.objects.visible_to(user).select_related(*CASE_LIST_RELATED)


def case_count(*, cases: QuerySet[Case]) -> int:
    """A list's number of cases, for its paginator: kept until any case changes."""
    return cached("count", cases, None, lambda: cases.order_by().count())


class CasePaginator(Paginator):
    """A list of cases, paged fast whatever its size: the count comes from the cache, and
    a page is read in two steps, the ids of the page first (sorted and cut on the sort
    columns alone, from an index where there is one), then those rows with their joins."""

    @cached_property
    def count(self) -> int:
        return case_count(cases=self.object_list)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # The ids come from the scoped, filtered list: their rows are read by id alone,
        # so that a text search or a filter is not run a second time.
        rows = Case.objects.dangerously_unscoped().select_related(*CASE_LIST_RELATED).in_bulk(ids)
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def reports_by(*, user: User) -> QuerySet[Report]:
    """What one person filed, newest first, with the state of each report's case."""
    return (
        Report.objects.filter(reported_by=user)
        .select_related("case", "category", "locality")
        .order_by("-created_at", "-pk")
    )


def with_case_visibility(reports: QuerySet[Report], *, user: User) -> QuerySet[Report]:
    """Each report's `case_visible`: whether the user may open its case (a reporter's
    report may be routed to an agency whose cases the reporter cannot read)."""
    visible = Case.objects.visible_to(user).filter(pk=OuterRef("case_id"))
    return reports.annotate(case_visible=Exists(visible))


def case_reports(*, case: Case, user: User) -> QuerySet[Report]:
    return (
        Report.objects.visible_to(user)
        .filter(case=case)
        .select_related("reporting_unit", "locality", "category", "photo")
        .order_by("observed_on", "pk")
    )


def case_events(*, case: Case, user: User) -> QuerySet[CaseEvent]:
    """A case's timeline, oldest first."""
    return (
        CaseEvent.objects.visible_to(user)
        .filter(case=case)
        .select_related("actor", "from_unit", "to_unit")
        .order_by("at", "pk")
    )


def contacts_of(*, reports: list[Report]) -> dict[int, Contact]:
    """The citizens' contacts of these reports by report id. The caller has checked
    `intake.can_see_contact` first: contacts are for the receiving unit's intake officers."""
    contacts = Contact.objects.filter(report_id__in=[report.pk for report in reports])
    return {contact.report_id: contact for contact in contacts}


def home_figures(*, user: User, as_of: datetime.date) -> dict[str, int]:
    """The open, new and overdue cases the user can see, for the home page: one query,
    answered from the (status, due_on) index for a province-wide reader."""
    return (
        Case.objects.visible_to(user)
        .open()
        .order_by()
        .aggregate(
            open=Count("pk"),
            new=Count("pk", filter=Q(status=Case.Status.NEW)),
            overdue=Count("pk", filter=Q(due_on__lt=as_of)),
        )
    )


def age_band_of(days: int) -> str:
    for low, high in AGE_BANDS:
        if high is None or days <= high:
            return f"{low}-{high}" if high is not None else f"{low}+"
    return ""


# The overview ------------------------------------------------------------------


def overview(*, user: User, as_of: datetime.date) -> dict:
    """Open cases by agency, age, category and locality.

    One grouped query over the open cases the user can see, kept in the cache until any
    case changes (core.counts); the names of units, categories and localities are read
    afresh, so renaming one shows at once.
    """
    open_cases = Case.objects.visible_to(user).open().order_by()
    figures = cached("overview", open_cases, as_of, lambda: _overview_figures(open_cases, as_of))
    units = dict(
        Unit.objects.filter(pk__in=[row["unit_id"] for row in figures["by_unit"]]).values_list(
            "pk", "name"
        )
    )
    categories = {category.pk: category for category in Category.objects.all()}
    places = {
        place.pk: place
        for place in Locality.objects.filter(
            pk__in=[row["locality_id"] for row in figures["by_locality"]]
        ).only("name", "lat", "lon", "parent_id")
    }
    by_unit = [
        {**row, "unit__name": units[row["unit_id"]]}
        for row in figures["by_unit"]
        if row["unit_id"] in units
    ]
    by_category = [
        {**row, "category": categories[row["category_id"]]}
        for row in figures["by_category"]
        if row["category_id"] in categories
    ]
    by_locality = [
        {
            **row,
            "locality__name": places[row["locality_id"]].name,
            "locality__lat": places[row["locality_id"]].lat,
            "locality__lon": places[row["locality_id"]].lon,
            "locality__parent_id": places[row["locality_id"]].parent_id,
        }
        for row in figures["by_locality"]
        if row["locality_id"] in places
    ]
    return {
        "totals": figures["totals"],
        "ages": figures["ages"],
        "by_unit": sorted(by_unit, key=lambda row: (-row["count"], fold(row["unit__name"]))),
        "by_category": by_category,
        "by_locality": sorted(
            by_locality, key=lambda row: (-row["count"], fold(row["locality__name"]))
        ),
    }


def _overview_figures(open_cases: QuerySet[Case], as_of: datetime.date) -> dict:
    """The counts by unit x category x locality in one grouped query (one pass over the
    open cases, a few thousand groups at most), then added up by each dimension here."""
    bands = [age_condition(low, high, as_of) for low, high in AGE_BANDS]
    # Read off the (status, due_on, ...) index alone, which holds every column used here.
    # SQLite estimates the open statuses at half the table and, left to itself, walks an
    # index in the grouping's order instead, reading every case (seconds at a million);
    # grouping by the values behind a unary plus leaves it no such index to walk.
    keys = ("unit_id", "category_id", "locality_id")
    groups = (
        open_cases.values(**{f"{key}_key": unindexed(key) for key in keys})
        .annotate(
            count=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=as_of)),
            escalated=Count("pk", filter=Q(escalated_on__isnull=False)),
            **{f"band_{index}": Count("pk", filter=band) for index, band in enumerate(bands)},
        )
        .values_list(
            *(f"{key}_key" for key in keys),
            "count",
            "overdue",
            "escalated",
            *(f"band_{index}" for index in range(len(bands))),
        )
    )
    # Plain integers straight from the cursor: Django would convert each of some 20,000
    # values one by one, which costs a third of the query's own time.
    with connection.cursor() as cursor:
        cursor.execute(*groups.query.sql_with_params())
        columns = list(zip(*cursor.fetchall(), strict=True)) or [()] * (6 + len(bands))
    totals = [sum(column) for column in columns[3:]]  # open, overdue, escalated, each band
    by = ({}, {}, {})  # unit, category, locality -> [open, overdue]
    for dimension, keys_column in zip(by, columns[:3], strict=True):
        for key, open_, late in zip(keys_column, columns[3], columns[4], strict=True):
            sums = dimension.setdefault(key, [0, 0])
            sums[0] += open_
            sums[1] += late

    def ranked(dimension: dict, name: str) -> list[dict]:
        rows = [
            {name: key, "count": open_, "overdue": late} for key, (open_, late) in dimension.items()
        ]
        return sorted(rows, key=lambda row: (-row["count"], row[name]))

    return {
        "totals": {"open": totals[0], "overdue": totals[1], "escalated": totals[2]},
        "ages": [
            {"band": age_band_of(low), "low": low, "high": high, "count": totals[3 + index]}
            for index, (low, high) in enumerate(AGE_BANDS)
        ],
        "by_unit": ranked(by[0], "unit_id"),
        "by_category": ranked(by[1], "category_id"),
        "by_locality": ranked(by[2], "locality_id"),
    }


def age_condition(low: int, high: int | None, as_of: datetime.date) -> Q:
    """Cases opened between `low` and `high` days before `as_of` (no upper end: None)."""
    condition = Q(opened_on__lte=as_of - datetime.timedelta(days=low))
    if high is not None:
        condition &= Q(opened_on__gte=as_of - datetime.timedelta(days=high))
    return condition


def age_band(name: str) -> tuple[int, int | None] | None:
    """The (low, high) of an age band by its name ("8-30", "91+"), None if unknown."""
    for low, high in AGE_BANDS:
        if age_band_of(low) == name:
            return low, high
    return None


def _band_key(low: int, high: int | None) -> str:
    return f"age_{low}_{high if high is not None else 'more'}"


# The dot plot of the overview ------------------------------------------------------

DOT_WIDTH = 640
DOT_MAX_HEIGHT = 520
DOT_MARGIN = 24
DOT_MAX_RADIUS = 18
DOT_MIN_RADIUS = 4
DOT_EMPTY_RADIUS = 2.5
DOT_EMPTY_COLOUR = "#adb5bd"
# A sequential palette (ColorBrewer YlOrRd), light for few open cases, dark for many.
DOT_COLOURS = ["#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
# Communes this many times farther from the centre than the median commune are islands
# far out at sea (Bạch Long Vĩ: 150 km off Hải Phòng, 7 times the median): they are drawn
# in a box beside the plot, as printed maps do, so as not to shrink the rest to a corner.
DOT_FAR_OFF = 4
DOT_INSET = 72


def dot_plot(*, by_locality: list[dict], width: int = DOT_WIDTH) -> dict:
    """Geometry of an SVG dot plot: each commune at its centroid, sized and coloured by
    its open cases, over the communes around them that have none (grey).

    Longitude and latitude are projected equirectangularly (a degree of longitude
    shortened by the cosine of the mean latitude), which is true enough for a province.
    Larger dots come first, so that smaller ones stay on top and can be pointed at.
    """
    counted = {
        row["locality_id"]: row for row in by_locality if row.get("locality__lat") is not None
    }
    parents = {
        row["locality__parent_id"] for row in counted.values() if row.get("locality__parent_id")
    }
    around = (
        Locality.objects.filter(parent_id__in=parents)
        .exclude(pk__in=list(counted))
        .exclude(lat=None)
        .exclude(lon=None)
        .values_list("pk", "name", "lat", "lon")
        if parents
        else []
    )
    points = [
        {
            "id": pk,
            "name": row["locality__name"],
            "lat": row["locality__lat"],
            "lon": row["locality__lon"],
            "count": row["count"],
        }
        for pk, row in counted.items()
    ] + [
        {"id": pk, "name": name, "lat": lat, "lon": lon, "count": 0}
        for pk, name, lat, lon in around
    ]
    if not points:
        return {"dots": [], "width": width, "height": 0, "legend": [], "inset": None}
    shrink = math.cos(math.radians(sum(point["lat"] for point in points) / len(points)))
    far = _far_off(points, shrink)
    near = [point for point in points if point["id"] not in far]
    aside = DOT_INSET + DOT_MARGIN if far else 0
    # As wide as the space allows, unless that makes the plot taller than DOT_MAX_HEIGHT.
    fitted, extent_x, extent_y = _fit(
        near, shrink, width - 2 * DOT_MARGIN - aside, DOT_MAX_HEIGHT - 2 * DOT_MARGIN
    )
    width = round(extent_x + 2 * DOT_MARGIN + aside)
    height = round(max(extent_y, DOT_INSET + DOT_MARGIN if far else 0) + 2 * DOT_MARGIN)
    place = {pk: (DOT_MARGIN + x, DOT_MARGIN + y) for pk, (x, y) in fitted.items()}
    inset = None
    if far:
        box_x, box_y = width - DOT_MARGIN - DOT_INSET, height - DOT_MARGIN - DOT_INSET
        label = ", ".join(sorted(point["name"] for point in far.values()))
        inset = {"x": box_x, "y": box_y, "size": DOT_INSET, "label": label}
        # On a scale of their own, centred in the box, a dot's largest radius from its edge.
        room = DOT_INSET - 2 * DOT_MAX_RADIUS
        fitted, extent_x, extent_y = _fit(list(far.values()), shrink, room, room)
        left = box_x + DOT_MAX_RADIUS + (room - extent_x) / 2
        top = box_y + DOT_MAX_RADIUS + (room - extent_y) / 2
        place |= {pk: (left + x, top + y) for pk, (x, y) in fitted.items()}
    most = max(point["count"] for point in points) or 1
    dots = []
    for point in sorted(points, key=lambda point: -point["count"]):
        count = point["count"]
        x, y = place[point["id"]]
        dots.append(
            {
                **point,
                "x": round(x, 1),
                "y": round(y, 1),
                "r": round(
                    DOT_MIN_RADIUS + (DOT_MAX_RADIUS - DOT_MIN_RADIUS) * math.sqrt(count / most), 1
                )
                if count
                else DOT_EMPTY_RADIUS,
                "colour": _dot_colour(count, most),
            }
        )
    return {
        "dots": dots,
        "width": width,
        "height": height,
        "legend": _dot_legend(most),
        "inset": inset,
    }


def _far_off(points: list[dict], shrink: float) -> dict[int, dict]:
    """The points far out from the rest (DOT_FAR_OFF), by id; none unless they are a
    few (a tenth at most) among enough points (ten) for a median to mean something."""
    if len(points) < 10:
        return {}
    centre_x = statistics.median(point["lon"] * shrink for point in points)
    centre_y = statistics.median(point["lat"] for point in points)
    distance = {
        point["id"]: math.hypot(point["lon"] * shrink - centre_x, point["lat"] - centre_y)
        for point in points
    }
    typical = statistics.median(distance.values())
    far = {point["id"]: point for point in points if distance[point["id"]] > DOT_FAR_OFF * typical}
    return far if len(far) <= len(points) // 10 else {}


def _fit(
    points: list[dict], shrink: float, room_x: float, room_y: float
) -> tuple[dict[int, tuple[float, float]], float, float]:
    """Each point's place, from the top left, projected equirectangularly on the largest
    scale that fits a room_x x room_y box; and the width and height they take. A single
    point takes none."""
    west, north = min(p["lon"] for p in points), max(p["lat"] for p in points)
    span_x = (max(p["lon"] for p in points) - west) * shrink
    span_y = north - min(p["lat"] for p in points)
    scale = min(
        (room / span for room, span in ((room_x, span_x), (room_y, span_y)) if span), default=0
    )
    places = {
        p["id"]: ((p["lon"] - west) * shrink * scale, (north - p["lat"]) * scale) for p in points
    }
    return places, span_x * scale, span_y * scale


def _dot_colour(count: int, most: int) -> str:
    if not count:
        return DOT_EMPTY_COLOUR
    step = min(len(DOT_COLOURS) - 1, int(len(DOT_COLOURS) * (count - 1) / max(most, 1)))
    return DOT_COLOURS[step]


def _dot_legend(most: int) -> list[dict]:
    """The colour classes as ranges of open cases (fewer classes when the counts are small).

    Count c takes colour step int(steps * (c - 1) / most): step s holds the counts from
    ceil(s * most / steps) + 1 to ceil((s + 1) * most / steps).
    """
    steps = len(DOT_COLOURS)
    legend = [{"colour": DOT_EMPTY_COLOUR, "low": 0, "high": 0}]
    for step, colour in enumerate(DOT_COLOURS):
        low = math.ceil(step * most / steps) + 1
        high = math.ceil((step + 1) * most / steps)
        if low <= high:
            legend.append({"colour": colour, "low": low, "high": high})
    return legend
