"""The emulation and commendation path, in a real browser: a commune leader rates her
members and proposes them as advanced workers, submits the list; the department's
leader records the council's votes, approves, publishes the notice and records the
decision; the awardee's register shows the title and the decision's .docx downloads.
Assertions hold on ids, data attributes and data, not on translated text.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mandate.honours import services
from mandate.honours.models import Award, AwardRound, Nomination, Title
from tests.browser.test_signin import sign_in

pytestmark = pytest.mark.browser


def test_from_nomination_to_decision(page, browser, live_server, transactional_db, world):
    award_round = services.create_round(
        unit=world.root,
        name="Bình xét thi đua năm 2025",
        year=2025,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        by=world.lena,
    )
    services.move_round(award_round=award_round, to=AwardRound.Status.NOMINATING, by=world.lena)
    ldtt = Title.objects.get(code="lao-dong-tien-tien")
    base = f"{live_server.url}/honours/rounds/{award_round.pk}"

    # alice, leader of commune_a, rates olga and herself, proposes both, submits the list.
    leader = browser.new_context(locale="vi-VN").new_page()
    sign_in(leader, live_server, "alice")
    leader.goto(f"{base}/")
    with leader.expect_navigation():
        leader.locator(f"#my-units a[data-unit='{world.commune_a.pk}']").click()
    with leader.expect_navigation():
        leader.locator("#rate-link").click()
    leader.select_option(f"#id_rating_{world.olga.pk}", "excellent")
    leader.select_option(f"#id_rating_{world.alice.pk}", "good")
    with leader.expect_navigation():
        leader.locator("#rating-form button[type=submit]").click()
    with leader.expect_navigation():
        leader.locator("#propose-link").click()
    leader.select_option("#id_title", str(ldtt.pk))
    leader.locator(f"#propose-form input[name=people][value='{world.olga.pk}']").check()
    leader.locator(f"#propose-form input[name=people][value='{world.alice.pk}']").check()
    with leader.expect_navigation():
        leader.locator("#propose-form button[type=submit]").click()
    expect(leader.locator("#nominations tbody tr")).to_have_count(2)
    expect(leader.locator("#checks-passed")).to_be_visible()
    with leader.expect_navigation():
        leader.locator("#submit-form button[type=submit]").click()
    expect(leader.locator("#nominations [data-status=council]")).to_have_count(2)
    leader.context.close()

    # lena convenes the council, records the votes, approves, publishes and decides.
    sign_in(page, live_server, "lena")
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.locator("[data-move=council]").click()
    with page.expect_navigation():
        page.locator("#council-link").click()
    for nomination in Nomination.objects.filter(round=award_round):
        row = page.locator(f"#council-table tr[data-nomination='{nomination.pk}']")
        row.locator("summary").click()
        row.locator("input[name=members_total]").fill("9")
        row.locator("input[name=votes_for]").fill("8")
        with page.expect_navigation():
            row.locator(".vote-form button[type=submit]").click()
        expect(
            page.locator(f"#council-table tr[data-nomination='{nomination.pk}'] [data-vote]")
        ).to_have_text("8/9")
    with page.expect_navigation():
        page.locator("#approve-form button[type=submit]").click()
    expect(page.locator("#council-table [data-status=approved]")).to_have_count(2)
    with page.expect_navigation():
        page.locator("#publish-form button[type=submit]").click()
    expect(page.locator("#council-table [data-status=noticed]")).to_have_count(2)
    page.fill("#id_number", "15/QĐ-BTGDV")
    page.fill("#id_signed_on", timezone.localdate().isoformat())
    page.fill("#id_signer_name", "Lê Thị Lan")
    page.fill("#id_signer_position", "Trưởng ban")
    page.fill("#id_issuing_authority", "Ban Tuyên giáo và Dân vận Tỉnh ủy")
    with page.expect_navigation():
        page.locator("#decide-form button[type=submit]").click()
    expect(page.locator("#decision-number")).to_contain_text("15/QĐ-BTGDV")
    expect(page.locator("#awardees tbody tr")).to_have_count(2)
    assert Award.objects.filter(person=world.olga, title=ldtt, year=2025).exists()

    with page.expect_download() as download:
        page.locator("#decision-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(2) == b"PK"

    # olga's register shows the title.
    page.goto(f"{live_server.url}/honours/register/people/{world.olga.pk}/")
    expect(page.locator("#awards-2025 [data-title]")).to_have_text(ldtt.label)
