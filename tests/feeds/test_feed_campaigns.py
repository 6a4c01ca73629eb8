"""The private feed's calendar days and campaigns: scoped to the owner, in their language."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from mandate.observances import services
from mandate.observances.models import Campaign, Observance


def feed(client, url: str) -> dict:
    """UID -> event, of a feed that icalendar parses."""
    response = client.get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def campaign_of(unit, title: str, occurs_on: datetime.date, **fields) -> Campaign:
    return Campaign.objects.create(title=title, unit=unit, occurs_on=occurs_on, **fields)


@pytest.fixture
def campaigns(world, today):
    return {
        "department": campaign_of(
            world.root,
            "Tuyên truyền kỷ niệm Quốc khánh",
            datetime.date(2026, 9, 2),
            status=Campaign.Status.LAUNCHED,
        ),
        "commune_a": campaign_of(
            world.commune_a, "Chiến dịch kín của xã Quảng Thành", datetime.date(2026, 9, 20)
        ),
        "hamlet_a": campaign_of(world.hamlet_a, "Ngày hội thôn Đông", datetime.date(2026, 10, 5)),
        "commune_b": campaign_of(
            world.commune_b, "Ngày hội đại đoàn kết xã Hòa Bình", datetime.date(2026, 11, 18)
        ),
        "cancelled": campaign_of(
            world.commune_a,
            "Chiến dịch đã hủy",
            datetime.date(2026, 9, 25),
            status=Campaign.Status.CANCELLED,
        ),
        "too_far": campaign_of(world.commune_a, "Chiến dịch năm 2028", datetime.date(2028, 1, 10)),
        "too_old": campaign_of(world.commune_a, "Chiến dịch năm ngoái", datetime.date(2025, 9, 2)),
    }


def campaign_uids(events: dict) -> set[str]:
    return {uid for uid in events if uid.startswith("campaign-")}


def uid_of(campaign: Campaign) -> str:
    return f"campaign-{campaign.pk}@mandate"


def test_the_feed_holds_the_campaigns_its_owner_may_read(world, campaigns, client, feed_url):
    events = feed(client, feed_url(world.alice))
    expected = {uid_of(campaigns[name]) for name in ("department", "commune_a", "hamlet_a")}
    assert campaign_uids(events) == expected  # not commune_b's, cancelled or out of the window
    event = events[uid_of(campaigns["department"])]
    assert str(event["SUMMARY"]) == "Tuyên truyền kỷ niệm Quốc khánh"
    assert event.decoded("DTSTART") == datetime.date(2026, 9, 2)
    assert event.decoded("DTEND") == datetime.date(2026, 9, 3)
    detail = reverse("observances:campaign-detail", kwargs={"pk": campaigns["department"].pk})
    assert str(event["URL"]).endswith(detail)
    assert "Ban Tuyên giáo và Dân vận Thử" in str(event["DESCRIPTION"])


def test_an_outsiders_feed_holds_no_campaign_of_commune_a(world, campaigns, client, feed_url):
    events = feed(client, feed_url(world.charlie))
    assert campaign_uids(events) == {
        uid_of(campaigns["department"]),
        uid_of(campaigns["commune_b"]),
    }
    body = client.get(feed_url(world.charlie)).content.decode()
    assert "Chiến dịch kín của xã Quảng Thành" not in body and world.commune_a.name not in body


def test_the_feed_holds_the_next_holidays_and_anniversaries(world, today, client, feed_url):
    events = feed(client, feed_url(world.olga))
    national_day = events["observance-national-day-20260902@mandate"]
    assert national_day.decoded("DTSTART") == datetime.date(2026, 9, 2)
    assert str(national_day["SUMMARY"]) == "Quốc khánh (kỷ niệm 81 năm)"
    assert str(national_day["URL"]).endswith(
        reverse("observances:month", kwargs={"year": 2026, "month": 9})
    )
    assert "observance-tet-20270206@mandate" in events  # Tết 2027, within the 400 days
    days = [event.decoded("DTSTART") for uid, event in events.items() if "observance-" in uid]
    assert min(days) >= today - datetime.timedelta(days=30)
    assert max(days) <= today + datetime.timedelta(days=400)
    assert "observance-national-day-20270902@mandate" not in events  # past the 400 days


def test_local_anniversaries_reach_their_units_and_those_above_them(world, today, client, feed_url):
    def local(unit, by, name):
        services.add_local_observance(unit=unit, by=by, name=name, month=8, day=19)
        return Observance.objects.get(name=name)

    commune_a = local(world.commune_a, world.alice, "Ngày truyền thống xã Quảng Thành")
    commune_b = local(world.commune_b, world.lena, "Ngày truyền thống xã Hòa Bình")
    province = local(world.root, world.lena, "Ngày giải phóng tỉnh")

    def keys(user) -> set[str]:
        uids = set(feed(client, feed_url(user)))
        return {
            observance.key
            for observance in (commune_a, commune_b, province)
            if f"observance-{observance.key}-20260819@mandate" in uids
        }

    assert keys(world.olga) == {commune_a.key, province.key}
    assert keys(world.charlie) == {commune_b.key, province.key}
    assert keys(world.lena) == {commune_a.key, commune_b.key, province.key}


def test_the_feed_speaks_its_owners_language(world, campaigns, client, feed_url):
    world.alice.preferred_language = "en"
    world.alice.save()
    events = feed(client, feed_url(world.alice))
    assert str(events["observance-national-day-20260902@mandate"]["SUMMARY"]) == (
        "National Day (81st anniversary)"
    )
    assert "Status: Under way." in str(events[uid_of(campaigns["department"])]["DESCRIPTION"])


def test_the_feed_runs_a_fixed_number_of_queries(
    world, campaigns, client, feed_url, django_assert_num_queries
):
    url = feed_url(world.alice)
    for number in range(10):
        campaign_of(world.commune_a, f"Chiến dịch {number}", datetime.date(2026, 7, 1 + number))
    # the owner, memberships, units, tasks, reviews, observances, campaigns
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
