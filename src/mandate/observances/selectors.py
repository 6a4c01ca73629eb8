"""Reads of the calendar: a year's occurrences, its round anniversaries."""

from mandate.observances.calendar import Occurrence, occurrences
from mandate.observances.models import Observance


def year_occurrences(year: int, *, level: str = "") -> list[Occurrence]:
    # Every observance is a public calendar fact: national, provincial and local
    # ones alike are readable by any signed-in user (and by the public feed).
    observances = Observance.objects.filter(is_active=True).select_related("owner_unit")
    if level:
        observances = observances.filter(level=level)
    return occurrences(year, observances)


def round_anniversaries(found: list[Occurrence]) -> list[Occurrence]:
    """The year's 5-year anniversaries, major first, then decades, then by date."""
    return sorted(
        (occurrence for occurrence in found if occurrence.is_round),
        key=lambda occurrence: (not occurrence.is_major, not occurrence.is_decade, occurrence.date),
    )
