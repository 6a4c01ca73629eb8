"""The year page and the public feed."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from mandate.observances.models import Observance


def english(client):
    client.post("/language/", {"language": "en"})
    return client


def test_index_redirects_to_this_year(world, client_for, time_machine):
    time_machine.move_to("2026-03-01")
    response = client_for(world.charlie).get(reverse("observances:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("observances:year", kwargs={"year": 2026})


def test_anonymous_is_sent_to_sign_in(db, client):
    response = client.get(reverse("observances:year", kwargs={"year": 2026}))
    assert response.status_code == 302 and "login" in response["Location"]


def test_year_2026_in_english_lists_lunar_days_with_weekdays(world, client_for, in_english):
    body = english(client_for(world.olga)).get(reverse("observances:year", kwargs={"year": 2026}))
    text = body.content.decode()
    assert "Lunar New Year" in text
    assert "Tuesday, 17/02/2026" in text
    assert "Sunday, 26/04/2026" in text
    assert "Hùng Kings&#x27; Commemoration" in text
    assert "80th anniversary" in text  # First General Election
    assert "Vietnam Culture Day" in text  # from 2026


def test_year_2026_in_vietnamese_by_default(world, client_for):
    text = (
        client_for(world.olga)
        .get(reverse("observances:year", kwargs={"year": 2026}))
        .content.decode()
    )
    assert "Tết Nguyên đán" in text
    assert "17/02/2026" in text
    assert "Giỗ Tổ Hùng Vương" in text
    assert "26/04/2026" in text
    assert "Thứ 3, 17/02/2026" in text  # a Tuesday, as Django names it in Vietnamese
    assert "kỷ niệm 80 năm" in text  # the First General Election, 6/1/1946
    assert "Lịch tuyên truyền năm 2026" in text


def test_culture_day_is_absent_before_2026(world, client_for, in_english):
    text = (
        english(client_for(world.olga))
        .get(reverse("observances:year", kwargs={"year": 2025}))
        .content.decode()
    )
    assert "Vietnam Culture Day" not in text


def test_2030_lists_the_party_centenary_first_among_round_anniversaries(
    world, client_for, in_english
):
    response = english(client_for(world.olga)).get(
        reverse("observances:year", kwargs={"year": 2030})
    )
    first = response.context["round"][0]
    assert first.is_major and first.anniversary == 100
    party = next(o for o in response.context["round"] if o.observance.key == "party-founding")
    assert party.is_major
    text = response.content.decode()
    assert "100th anniversary" in text
    assert "Major anniversary" in text
    assert text.index("Round anniversaries in 2030") < text.index(
        "Communist Party of Vietnam founding"
    )


def test_level_filter(world, client_for):
    Observance.objects.create(
        key="commune-founding",
        name="Ngày thành lập xã Thử",
        day=5,
        month=7,
        founding_year=1946,
        level="local",
        owner_unit=world.commune_a,
    )
    client = client_for(world.charlie)
    url = reverse("observances:year", kwargs={"year": 2026})
    local = client.get(url, {"level": "local"}).content.decode()
    assert "Ngày thành lập xã Thử" in local and "Tết Nguyên đán" not in local
    everything = client.get(url, {"level": "nonsense"}).content.decode()
    assert "Ngày thành lập xã Thử" in everything and "Tết Nguyên đán" in everything


def test_year_out_of_range_is_404(world, client_for):
    assert client_for(world.olga).get("/observances/1800/").status_code == 404


def test_year_page_queries_are_bounded(world, client_for, django_assert_max_num_queries):
    client = client_for(world.olga)
    with django_assert_max_num_queries(12):
        client.get(reverse("observances:year", kwargs={"year": 2026}))


def _events(client) -> dict:
    response = client.get(reverse("observances:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.django_db
def test_public_feed_holds_two_years_with_stable_uids(client, time_machine, in_english):
    time_machine.move_to("2029-06-01")
    events = _events(english(client))
    tet = events["tet-2030@mandate"]
    assert tet.decoded("DTSTART") == datetime.date(2030, 2, 2)
    assert tet.decoded("DTEND") == datetime.date(2030, 2, 3)
    assert str(tet["SUMMARY"]) == "Lunar New Year"
    party = events["party-founding-2030@mandate"]
    assert str(party["SUMMARY"]) == "Communist Party of Vietnam founding (100th anniversary)"
    assert "trade-union-2029@mandate" in events
    assert not any(uid.endswith("-2031@mandate") or uid.endswith("-2028@mandate") for uid in events)
    assert _events(client).keys() == events.keys()
