"""calendar.py: lunar conversion (DOMAIN.md §3.4) and anniversary numbers (§3.3)."""

import datetime

import pytest

from mandate.observances.calendar import english_ordinal, occurrences
from mandate.observances.models import Observance

LUNAR_VECTORS = {
    # year: Tết 1/1, Rằm tháng Giêng 15/1, Giỗ Tổ 10/3, Trung thu 15/8
    2025: ("29/01", "12/02", "07/04", "06/10"),
    2026: ("17/02", "03/03", "26/04", "25/09"),
    2027: ("06/02", "20/02", "16/04", "15/09"),
    2028: ("26/01", "09/02", "04/04", "03/10"),
    2029: ("13/02", "27/02", "23/04", "22/09"),
    2030: ("02/02", "16/02", "12/04", "12/09"),
    2031: ("23/01", "06/02", "01/04", "01/10"),
}
LUNAR_KEYS = ("tet", "lantern-festival", "hung-kings", "mid-autumn")


def solar(key: str, day: int, month: int, founding_year: int | None = None, **fields):
    return Observance(
        key=key, name=key, day=day, month=month, founding_year=founding_year, **fields
    )


def lunar(key: str, day: int, month: int, **fields):
    return Observance(key=key, name=key, day=day, month=month, calendar="lunar", **fields)


def by_key(year: int, observances) -> dict:
    return {occurrence.observance.key: occurrence for occurrence in occurrences(year, observances)}


@pytest.mark.parametrize("year", sorted(LUNAR_VECTORS))
def test_lunar_dates_follow_the_vietnamese_calendar(year):
    observances = [lunar("tet", 1, 1), lunar("lantern-festival", 15, 1)]
    observances += [lunar("hung-kings", 10, 3), lunar("mid-autumn", 15, 8)]
    found = by_key(year, observances)
    dates = tuple(found[key].date.strftime("%d/%m") for key in LUNAR_KEYS)
    assert dates == LUNAR_VECTORS[year]


def test_tet_2030_is_the_vietnamese_not_the_chinese_date():
    assert by_key(2030, [lunar("tet", 1, 1)])["tet"].date == datetime.date(2030, 2, 2)


def test_a_leap_month_date_occurs_only_in_a_year_with_that_leap_month():
    # 2025 (lunar Ất Tỵ) has a leap sixth month; 2026 has none.
    leap = lunar("leap", 15, 6, is_leap_month=True)
    assert [o.date for o in occurrences(2025, [leap])] == [datetime.date(2025, 8, 8)]
    assert occurrences(2026, [leap]) == []


def test_late_lunar_dates_fall_in_the_next_gregorian_year():
    found = occurrences(2026, [lunar("kitchen-gods", 23, 12)])
    assert [o.date for o in found] == [datetime.date(2026, 2, 10)]


def test_party_founding_2030_is_the_100th_round_and_major():
    party = by_key(2030, [solar("party", 3, 2, 1930)])["party"]
    assert party.date == datetime.date(2030, 2, 3)
    assert party.anniversary == 100
    assert party.is_round and party.is_decade and party.is_major


def test_first_general_election_2026_is_the_80th_round_not_major():
    election = by_key(2026, [solar("election", 6, 1, 1946)])["election"]
    assert election.anniversary == 80
    assert election.is_round and election.is_decade and not election.is_major


def test_a_75th_is_major_and_a_95th_only_round():
    found = by_key(2029, [solar("dbp", 7, 5, 1954), solar("youth", 26, 3, 1934)])
    assert found["dbp"].anniversary == 75 and found["dbp"].is_major
    assert found["dbp"].is_round and not found["dbp"].is_decade
    assert found["youth"].anniversary == 95 and not found["youth"].is_major


def test_a_lunar_observance_has_no_anniversary():
    tet = by_key(2030, [lunar("tet", 1, 1)])["tet"]
    assert tet.anniversary is None
    assert not (tet.is_round or tet.is_decade or tet.is_major)
    assert tet.anniversary_label == ""


def test_inactive_out_of_range_and_unfounded_observances_are_skipped():
    observances = [
        solar("culture", 24, 11, 1946, first_year=2026),
        solar("retired", 1, 3, 1950, last_year=2025),
        solar("off", 2, 3, 1950, is_active=False),
        solar("future", 3, 3, 2028),
    ]
    assert set(by_key(2025, observances)) == {"retired"}
    assert set(by_key(2026, observances)) == {"culture"}
    assert set(by_key(2028, observances)) == {"culture", "future"}


def test_occurrences_are_sorted_by_date():
    found = occurrences(2026, [solar("b", 2, 9, 1945), solar("a", 3, 2, 1930), lunar("t", 1, 1)])
    assert [o.observance.key for o in found] == ["a", "t", "b"]


def test_29_february_occurs_in_leap_years_only():
    leap_day = solar("leap-day", 29, 2, 2000)
    assert len(occurrences(2028, [leap_day])) == 1
    assert occurrences(2026, [leap_day]) == []


def test_anniversary_label_in_english(in_english):
    found = by_key(2030, [solar("party", 3, 2, 1930), solar("x", 1, 1, 2009)])
    assert found["party"].anniversary_label == "100th anniversary"
    assert found["x"].anniversary_label == "21st anniversary"


@pytest.mark.parametrize(
    ("n", "ordinal"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (11, "11th"),
        (12, "12th"),
        (113, "113th"),
        (122, "122nd"),
    ],
)
def test_english_ordinal(n, ordinal):
    assert english_ordinal(n) == ordinal
