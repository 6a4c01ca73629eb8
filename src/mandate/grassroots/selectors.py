"""Reads of reports and cases shared by pages, the API, Open311 and other apps."""

import datetime
import re

from django.db.models import Count, Q, QuerySet

from mandate.core.text import fold
from mandate.grassroots.models import Case, Category, Report
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


def cases_for(*, user: User) -> QuerySet[Case]:
    return Case.objects.visible_to(user).select_related("category", "locality", "unit")


def reports_by(*, user: User) -> QuerySet[Report]:
    """What one person filed, newest first, with the state of each report's case."""
    return (
        Report.objects.filter(reported_by=user)
        .select_related("case", "category", "locality")
        .order_by("-created_at", "-pk")
    )


def case_reports(*, case: Case, user: User) -> QuerySet[Report]:
    return (
        Report.objects.visible_to(user)
        .filter(case=case)
        .select_related("reporting_unit", "locality", "category", "photo")
        .order_by("observed_on", "pk")
    )


def age_band_of(days: int) -> str:
    for low, high in AGE_BANDS:
        if high is None or days <= high:
            return f"{low}-{high}" if high is not None else f"{low}+"
    return ""


# The overview ------------------------------------------------------------------


def overview(*, user: User, as_of: datetime.date) -> dict:
    """Open cases by agency, age, category and locality: one aggregate query each."""
    open_cases = Case.objects.visible_to(user).open().order_by()
    totals = open_cases.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=as_of)),
        escalated=Count("pk", filter=Q(escalated_on__isnull=False)),
    )
    ages = open_cases.aggregate(
        **{
            _band_key(low, high): Count(
                "pk",
                filter=Q(opened_on__lte=as_of - datetime.timedelta(days=low))
                & (
                    Q(opened_on__gte=as_of - datetime.timedelta(days=high))
                    if high is not None
                    else Q()
                ),
            )
            for low, high in AGE_BANDS
        }
    )
    by_unit = list(
        open_cases.values("unit_id", "unit__name")
        .annotate(count=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=as_of)))
        .order_by("-count", "unit__name")
    )
    by_category = list(
        open_cases.values("category_id")
        .annotate(count=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=as_of)))
        .order_by("-count")
    )
    categories = {category.pk: category for category in Category.objects.all()}
    for row in by_category:
        row["category"] = categories[row["category_id"]]
    by_locality = list(
        open_cases.values("locality_id", "locality__name", "locality__lat", "locality__lon")
        .annotate(count=Count("pk"))
        .order_by("-count", "locality__name")
    )
    return {
        "totals": totals,
        "ages": [
            {
                "band": age_band_of(low),
                "low": low,
                "high": high,
                "count": ages[_band_key(low, high)],
            }
            for low, high in AGE_BANDS
        ],
        "by_unit": by_unit,
        "by_category": by_category,
        "by_locality": by_locality,
    }


def _band_key(low: int, high: int | None) -> str:
    return f"age_{low}_{high if high is not None else 'more'}"
