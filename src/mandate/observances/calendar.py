"""Each year's occurrences of the observances: the Gregorian date and the anniversary.

Pure logic, no queries. Lunar dates are converted with `lunar-vn` for the Vietnamese
calendar (UTC+7), which differs from the Chinese one in some years (Tết 2030 is
02/02 in Vietnam, 03/02 in China: DOMAIN.md §4.3).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lunar_vn import SUPPORTED_YEAR_RANGE, convert_lunar_to_solar, solar_to_lunar

from mandate.observances.models import Observance

# The years the calendar answers for: lunar-vn's range (1900–2100), with a year's margin
# for the lunar dates of the year before and after.
FIRST_YEAR, LAST_YEAR = 1901, 2099


@dataclass(frozen=True)
class Occurrence:
    observance: Observance
    date: datetime.date
    # n = year − founding year (DOMAIN.md §3.3); None for lunar festivals, which have
    # no founding year, and in the founding year itself.
    anniversary: int | None

    @property
    def is_round(self) -> bool:
        """A "năm tròn" in the loose sense: every 5 years (lẻ 5 or tròn chục)."""
        return self.anniversary is not None and self.anniversary % 5 == 0

    @property
    def is_decade(self) -> bool:
        """ "Năm chẵn" / "tròn chục" of Decree 145/2013: 10, 20, 30 … years."""
        return self.anniversary is not None and self.anniversary % 10 == 0

    @property
    def is_major(self) -> bool:
        """DOMAIN.md §3.3: flag `n in {50, 100, …}` and `n % 25 == 0` as "big"."""
        n = self.anniversary
        return n is not None and (n % 50 == 0 or n % 25 == 0)

    @property
    def anniversary_label(self) -> str:
        """ "100th anniversary", in the reader's language ("kỷ niệm 100 năm")."""
        if self.anniversary is None:
            return ""
        # Both names are given so a translation may use the plain number (hence no
        # python-format check, which wants every name of the translation in the msgid).
        # xgettext:no-python-format
        return _("%(ordinal)s anniversary") % {
            "ordinal": english_ordinal(self.anniversary),
            "number": self.anniversary,
        }


def english_ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def occurrences(year: int, observances: Iterable[Observance]) -> list[Occurrence]:
    """Every occurrence in the Gregorian `year`, by date; inactive observances, those
    outside their first/last year and those not yet founded are left out."""
    found = []
    for observance in observances:
        if not observance.observed_in(year):
            continue
        if observance.founding_year and year < observance.founding_year:
            continue
        for day in _dates_in(year, observance):
            found.append(Occurrence(observance, day, _anniversary(year, observance)))
    found.sort(key=lambda occurrence: (occurrence.date, occurrence.observance.key))
    return found


def _anniversary(year: int, observance: Observance) -> int | None:
    if not observance.founding_year or year <= observance.founding_year:
        return None
    return year - observance.founding_year


def _dates_in(year: int, observance: Observance) -> list[datetime.date]:
    if not observance.is_lunar:
        try:
            return [datetime.date(year, observance.month, observance.day)]
        except ValueError:  # 29/02 outside a leap year
            return []
    # A lunar date of lunar year L falls in Gregorian L or, for the last months, L + 1:
    # 23/12 lunar of the previous lunar year is in this January or February.
    days = []
    for lunar_year in (year - 1, year):
        day = _lunar_to_solar(observance, lunar_year)
        if day is not None and day.year == year:
            days.append(day)
    return days


def _lunar_to_solar(observance: Observance, lunar_year: int) -> datetime.date | None:
    if not SUPPORTED_YEAR_RANGE[0] <= lunar_year <= SUPPORTED_YEAR_RANGE[1]:
        return None
    try:
        day = convert_lunar_to_solar(
            observance.day, observance.month, lunar_year, int(observance.is_leap_month)
        )
    except ValueError:  # the year's leap month is another one
        return None
    found = solar_to_lunar(day)
    if found.leap != observance.is_leap_month:
        return None  # lunar-vn ignores the leap flag in a year without a leap month
    if found.day != observance.day:
        # Day 30 of a 29-day month lands on the next month's 1st: keep the month's last day.
        day -= datetime.timedelta(days=1)
    return day
