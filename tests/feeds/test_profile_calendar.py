"""The calendar address on the profile page: created and reset by POST, never by a visit."""

from django.urls import reverse

from mandate.org.models import User


def test_visiting_the_profile_creates_no_address(world, client_for):
    response = client_for(world.alice).get(reverse("org:profile"))
    assert response.status_code == 200
    assert reverse("org:calendar-reset") in response.content.decode()
    world.alice.refresh_from_db()
    assert world.alice.calendar_token is None


def test_creating_the_address_shows_it_on_the_profile(world, client_for, settings):
    settings.MANDATE_BASE_URL = "https://mandate.example.vn"
    client = client_for(world.alice)
    response = client.post(reverse("org:calendar-reset"))
    assert response.status_code == 302
    world.alice.refresh_from_db()
    assert world.alice.calendar_token
    page = client.get(reverse("org:profile")).content.decode()
    assert f"https://mandate.example.vn/work/calendar/{world.alice.calendar_token}.ics" in page
    assert f"webcal://mandate.example.vn/work/calendar/{world.alice.calendar_token}.ics" in page


def test_resetting_the_address_kills_the_old_one(world, client_for):
    client = client_for(world.alice)
    client.post(reverse("org:calendar-reset"))
    old = User.objects.get(pk=world.alice.pk).calendar_token
    old_url = reverse("work:calendar-feed", kwargs={"token": old})
    assert client.get(old_url).status_code == 200
    client.post(reverse("org:calendar-reset"))
    new = User.objects.get(pk=world.alice.pk).calendar_token
    assert new != old
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("work:calendar-feed", kwargs={"token": new})).status_code == 200


def test_the_address_is_reset_only_by_post(world, client_for):
    client = client_for(world.alice)
    assert client.get(reverse("org:calendar-reset")).status_code == 405
    world.alice.refresh_from_db()
    assert world.alice.calendar_token is None


def test_anonymous_visitors_cannot_reset_an_address(world, client):
    response = client.post(reverse("org:calendar-reset"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
