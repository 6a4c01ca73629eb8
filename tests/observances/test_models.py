"""Observance validation and the seeded national calendar."""

import pytest
from django.core.exceptions import ValidationError

from mandate.observances.catalogue import OBSERVANCES, ensure_observances
from mandate.observances.models import Observance


def build(**fields) -> Observance:
    return Observance(**{"key": "x", "name": "Ngày thử", "month": 1, "day": 1} | fields)


def errors(observance: Observance) -> set[str]:
    with pytest.raises(ValidationError) as raised:
        observance.full_clean()
    return set(raised.value.message_dict)


@pytest.mark.django_db
def test_30_february_is_refused():
    assert errors(build(month=2, day=30)) == {"day"}


@pytest.mark.django_db
def test_month_13_is_refused():
    assert "day" in errors(build(month=13, day=1))


@pytest.mark.django_db
def test_29_february_is_a_valid_rule():
    build(month=2, day=29).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("month", "day", "field"), [(13, 1, "month"), (0, 1, "month"), (1, 31, "day")]
)
def test_lunar_day_and_month_are_bounded(month, day, field):
    assert field in errors(build(calendar="lunar", month=month, day=day))


@pytest.mark.django_db
def test_lunar_day_30_is_accepted():
    build(calendar="lunar", month=12, day=30).full_clean()


@pytest.mark.django_db
def test_a_solar_date_cannot_be_in_a_leap_month():
    assert errors(build(is_leap_month=True)) == {"is_leap_month"}


@pytest.mark.django_db
def test_founding_year_in_the_future_is_refused(time_machine):
    time_machine.move_to("2026-05-01")
    assert errors(build(founding_year=2027)) == {"founding_year"}
    build(founding_year=2026).full_clean()


@pytest.mark.django_db
def test_last_year_before_first_year_is_refused():
    assert errors(build(first_year=2030, last_year=2026)) == {"last_year"}


@pytest.mark.django_db
def test_the_national_calendar_is_seeded_after_migrate():
    assert Observance.objects.count() == len(OBSERVANCES)
    party = Observance.objects.get(key="party-founding")
    assert (party.day, party.month, party.founding_year, party.importance) == (3, 2, 1930, "major")
    assert Observance.objects.get(key="culture-day").first_year == 2026
    tet = Observance.objects.get(key="tet")
    assert tet.calendar == "lunar" and tet.founding_year is None
    majors = set(Observance.objects.filter(importance="major").values_list("key", flat=True))
    assert majors == {
        "tet",
        "party-founding",
        "hung-kings",
        "reunification",
        "dien-bien-phu",
        "ho-chi-minh-birthday",
        "august-revolution",
        "national-day",
    }


@pytest.mark.django_db
def test_seeding_twice_adds_nothing_and_keeps_edits():
    Observance.objects.filter(key="press-day").update(name_en="Press Day (edited)")
    ensure_observances()
    ensure_observances()
    assert Observance.objects.count() == len(OBSERVANCES)
    assert Observance.objects.get(key="press-day").name_en == "Press Day (edited)"


def test_catalogue_rows_are_valid_dates_with_unique_keys():
    keys = [row.key for row in OBSERVANCES]
    assert len(keys) == len(set(keys))
    for row in OBSERVANCES:
        build(
            key=row.key,
            calendar=row.calendar,
            month=row.month,
            day=row.day,
            founding_year=row.founding_year,
        ).clean()
