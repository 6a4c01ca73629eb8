"""Sign in through the real form, switch languages, open a unit: in a real browser.

UI strings may change or gain translations, so the assertions hold on the `lang`
attribute, URLs, element ids and data (unit names), not on translated text.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "password-for-tests"  # the factory's password


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("#content form button[type=submit]").click()
    # Signed in: the user menu is in the navbar and the login form is gone.
    expect(page.locator("#user-menu")).to_be_visible()
    expect(page.locator("#id_password")).to_have_count(0)


def switch_language(page, code: str) -> None:
    page.locator("#language-menu").click()
    choice = page.locator(f'button[name="language"][value="{code}"]')
    expect(choice).to_be_visible()
    with page.expect_navigation():
        choice.click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_sign_in_switch_language_and_open_a_unit(page, live_server, transactional_db, world):
    # The browser asks for English (locale en-US): the department still works in
    # Vietnamese until the person chooses otherwise.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert html_lang(page) == "vi"

    sign_in(page, live_server, "alice")
    expect(page).to_have_url(f"{live_server.url}/")
    assert html_lang(page) == "vi"

    switch_language(page, "en")
    expect(page).to_have_url(f"{live_server.url}/")  # back where the person was
    assert html_lang(page) == "en"
    world.alice.refresh_from_db()
    assert world.alice.preferred_language == "en"

    page.reload()
    assert html_lang(page) == "en"  # the choice sticks

    switch_language(page, "vi")
    assert html_lang(page) == "vi"

    page.locator('#main-nav a.nav-link[href="/units/"]').click()
    expect(page).to_have_url(f"{live_server.url}/units/")
    assert html_lang(page) == "vi"

    name = world.commune_a.name
    page.locator("#rows").get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/units/{world.commune_a.pk}/")
    expect(page.locator("h1")).to_contain_text(name)
    expect(page).to_have_title(re.compile(re.escape(name)))
    assert html_lang(page) == "vi"


def test_language_choice_before_sign_in_uses_the_cookie(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/accounts/login/")
    assert html_lang(page) == "vi"

    switch_language(page, "en")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert html_lang(page) == "en"


def test_outsider_gets_404_for_a_unit_outside_their_scope(
    page, live_server, transactional_db, world
):
    sign_in(page, live_server, "charlie")

    response = page.goto(f"{live_server.url}/units/{world.commune_a.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_text(world.commune_a.name)).to_have_count(0)

    # Their own unit opens.
    response = page.goto(f"{live_server.url}/units/{world.commune_b.pk}/")
    assert response is not None
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(world.commune_b.name)
