"""The notifications page: one's own notices only, opening marks read, mark all read."""

import re

import pytest
from django.urls import reverse

from mandate.core.models import Notification


def notice_for(user, number: int, **fields) -> Notification:
    fields.setdefault("url", f"/work/tasks/{number}/")
    return Notification.objects.create(
        user=user, kind="test", key=f"test:{number}", title=f"Thông báo số {number}", **fields
    )


def numbers(page: str) -> list[int]:
    return [int(number) for number in re.findall(r"Thông báo số (\d+)", page)]


@pytest.fixture
def notices(world):
    return [notice_for(world.alice, number) for number in range(1, 4)]


def test_the_list_shows_ones_own_notices_newest_first_unread_marked(world, notices, client_for):
    notice_for(world.charlie, 99)
    notices[0].read_at = notices[0].created_at
    notices[0].save()
    page = client_for(world.alice).get(reverse("core:notification-list")).content.decode()
    titles = [n.title for n in notices]
    assert page.index(titles[2]) < page.index(titles[1]) < page.index(titles[0])
    assert "Thông báo số 99" not in page
    assert page.count("list-group-item-primary") == 2


def test_the_list_is_paginated(world, client_for):
    for number in range(30):
        notice_for(world.alice, number)
    client = client_for(world.alice)
    first = client.get(reverse("core:notification-list")).content.decode()
    second = client.get(reverse("core:notification-list") + "?page=2").content.decode()
    assert numbers(first) == list(range(29, 4, -1))
    assert numbers(second) == [4, 3, 2, 1, 0]


def test_opening_a_notice_marks_it_read_and_follows_it(world, notices, client_for):
    response = client_for(world.alice).get(reverse("core:notification-open", args=[notices[1].pk]))
    assert response.status_code == 302 and response["Location"] == "/work/tasks/2/"
    notices[1].refresh_from_db()
    assert notices[1].read_at is not None
    assert Notification.objects.filter(user=world.alice, read_at__isnull=True).count() == 2


def test_another_persons_notice_is_a_404(world, notices, client_for):
    client = client_for(world.charlie)
    url = reverse("core:notification-open", args=[notices[0].pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    notices[0].refresh_from_db()
    assert notices[0].read_at is None


def test_a_notice_never_redirects_off_site(world, client_for):
    notice = notice_for(world.alice, 7, url="https://evil.example/phish")
    response = client_for(world.alice).get(reverse("core:notification-open", args=[notice.pk]))
    assert response["Location"] == reverse("core:notification-list")


def test_mark_all_read_touches_only_ones_own(world, notices, client_for):
    other = notice_for(world.charlie, 99)
    client = client_for(world.alice)
    assert client.get(reverse("core:notification-read-all")).status_code == 405
    response = client.post(reverse("core:notification-read-all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=world.alice, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_the_navbar_bell_counts_unread_notices(world, notices, client_for):
    client = client_for(world.alice)
    page = client.get(reverse("org:profile")).content.decode()
    assert reverse("core:notification-list") in page
    assert 'text-bg-danger">3<' in page
    client.post(reverse("core:notification-read-all"))
    page = client.get(reverse("org:profile")).content.decode()
    assert "text-bg-danger" not in page


def test_the_pages_need_a_sign_in(world, notices, client):
    for url in (
        reverse("core:notification-list"),
        reverse("core:notification-open", args=[notices[0].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
