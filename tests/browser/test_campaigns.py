"""Issue 6's campaign scenario, in a real browser.

A leader creates the 2 September campaign from a template for twenty commune units,
from the calendar's prefilled link; a commune officer sees the unit's tasks,
acknowledges the guidance and reports one task done with a photo; the leader's
campaign page shows the state of all twenty.
"""

import pytest
from playwright.sync_api import expect

from mandate.observances.models import Campaign
from mandate.org.models import Unit
from tests.browser.test_signin import sign_in
from tests.browser.test_work_programme import PNG
from tests.factories import UnitFactory

pytestmark = pytest.mark.browser


def test_a_campaign_for_twenty_units(
    page, browser, live_server, transactional_db, world, template, guidance, tmp_path
):
    communes = [world.commune_a, world.commune_b] + [
        UnitFactory(
            name=f"Đảng ủy xã Chiến Dịch {number:02}", kind=Unit.Kind.COMMUNE, parent=world.root
        )
        for number in range(18)
    ]
    sign_in(page, live_server, "lena")

    page.goto(f"{live_server.url}/observances/campaigns/new/?observance=national-day&year=2027")
    page.select_option("#id_unit", str(world.root.pk))
    page.select_option("#id_template", str(template.pk))
    page.select_option("#id_guidance", str(guidance.pk))
    page.locator("#id_all_of_kind_commune").check()  # ticks every commune unit
    expect(page.locator("input[name=target_units]:checked")).to_have_count(len(communes))
    with page.expect_navigation():
        page.locator("button[name=launch]").click()

    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.LAUNCHED
    assert campaign.title == "Kỷ niệm 82 năm Quốc khánh (1945–2027)"
    # Each commune: the unit's plan, the banners and the report (82 is not a round year).
    assert campaign.tasks.count() == 3 * len(communes)
    expect(page.locator("#campaign-targets tbody tr")).to_have_count(len(communes))
    expect(page.locator("[data-total=acknowledged]")).to_have_text("0")

    # A commune officer sees the unit's tasks, acknowledges and reports one done.
    officer = browser.new_context(locale="vi-VN").new_page()
    sign_in(officer, live_server, "olga")
    officer.goto(f"{live_server.url}/work/tasks/")
    expect(officer.locator("#rows tbody tr")).to_have_count(3)
    officer.goto(f"{live_server.url}/observances/campaigns/{campaign.pk}/")
    expect(officer.locator("#campaign-targets tbody tr")).to_have_count(1)  # its own row
    officer.fill("#campaign-acknowledge textarea", "Đã phổ biến đến 12 chi bộ")
    with officer.expect_navigation():
        officer.locator("#campaign-acknowledge button[type=submit]").click()
    first = campaign.tasks.filter(lead_unit=world.commune_a).order_by("due_on").first()
    officer.goto(f"{live_server.url}/work/tasks/{first.pk}/")
    expect(officer.get_by_text(campaign.title).first).to_be_visible()
    officer.fill("#id_percent", "100")
    officer.fill("#id_text", "Đảng ủy xã đã ban hành kế hoạch tuyên truyền")
    photo = tmp_path / "ke-hoach.png"
    photo.write_bytes(PNG)
    officer.set_input_files("#id_files", str(photo))
    with officer.expect_navigation():
        officer.locator("form[action$='/updates/'] button[type=submit]").click()
    officer.context.close()

    # The leader's page shows all twenty: one acknowledged, one task done, one file.
    page.goto(f"{live_server.url}/observances/campaigns/{campaign.pk}/")
    expect(page.locator("#campaign-targets tbody tr")).to_have_count(len(communes))
    expect(page.locator("[data-total=acknowledged]")).to_have_text("1")
    expect(page.locator("[data-total=done_on_time]")).to_have_text("1")
    expect(page.locator("[data-total=pending_in_time]")).to_have_text(str(3 * 20 - 1))
    expect(page.locator("[data-total=evidence]")).to_have_text("1")
    row = page.locator(f"#campaign-targets tr[data-unit='{world.commune_a.pk}']")
    expect(row).to_contain_text("Đã phổ biến đến 12 chi bộ")
    other = page.locator(f"#campaign-targets tr[data-unit='{world.commune_b.pk}']")
    expect(other).to_contain_text("Chưa")  # not yet acknowledged
