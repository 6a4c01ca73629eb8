"""Issue 7's good model scenario, in a real browser.

An officer records a good model with a photo; a leader of the department recognises
it and asks the five other communes to replicate it; the model's page shows the five with their
progress; a commune officer reports progress on his task and records the adoption, and
the model's page shows both. Assertions hold on ids, data attributes and the data typed
in, not on translated text (the interface is in Vietnamese by default).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mandate.org.models import Unit
from mandate.people.models import Practice, Replication
from tests.browser.test_signin import sign_in
from tests.browser.test_work_programme import PNG
from tests.factories import UnitFactory

pytestmark = pytest.mark.browser

TITLE = "Loa phát thanh thông minh ở khu dân cư"


def test_a_good_model_recognised_and_replicated(
    page, browser, live_server, transactional_db, world, tmp_path
):
    communes = [world.commune_b] + [
        UnitFactory(name=f"Xã Nhân Rộng {number}", kind=Unit.Kind.COMMUNE, parent=world.root)
        for number in range(4)
    ]  # commune_a is the origin: the five others are asked

    # An officer of commune_a records the model with a photo.
    officer = browser.new_context(locale="vi-VN").new_page()
    sign_in(officer, live_server, "olga")
    officer.goto(f"{live_server.url}/people/models/")
    with officer.expect_navigation():
        officer.locator("#practice-new").click()
    officer.fill("#id_title", TITLE)
    officer.select_option("#id_category", "propaganda")
    officer.fill("#id_summary", "Bản tin phát qua loa kết nối mạng, điều khiển bằng điện thoại.")
    officer.fill("#id_results", "95% hộ dân nghe được bản tin mỗi tối")
    photo = tmp_path / "loa.png"
    photo.write_bytes(PNG)
    officer.set_input_files("#id_files", str(photo))
    with officer.expect_navigation():
        officer.locator("#practice-form button[type=submit]").click()
    practice = Practice.objects.get()
    assert practice.origin_unit == world.commune_a  # olga's unit, offered first
    expect(officer.locator("#practice-title")).to_have_text(TITLE)
    expect(officer.locator("#practice-files img")).to_have_count(1)
    officer.context.close()

    # The department's leader recognises it and asks five units to replicate it.
    sign_in(page, live_server, "lena")
    page.goto(f"{live_server.url}/people/models/{practice.pk}/")
    page.locator("#practice-recognise").locator("xpath=..").locator("summary").click()
    page.fill("#id_recognise_note", "Quyết định số 12/QĐ-BTG")
    with page.expect_navigation():
        page.locator("#practice-recognise button[type=submit]").click()
    expect(page.locator("#practice-title")).to_be_visible()
    expect(page.locator("[data-status=recognised]").first).to_be_visible()
    expect(page.locator("#practice-history")).to_contain_text("Quyết định số 12/QĐ-BTG")

    page.locator("#practice-ask").locator("xpath=..").locator("summary").click()
    page.locator("#id_ask_all_communes").check()
    expect(page.locator("#practice-ask input[data-commune]:checked")).to_have_count(5)
    due = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("#id_ask_due_on", due.isoformat())
    with page.expect_navigation():
        page.locator("#practice-ask button[type=submit]").click()
    rows = page.locator("#practice-spread tbody tr")
    expect(rows).to_have_count(5)
    for unit in communes:
        row = page.locator(f"#practice-spread tr[data-unit='{unit.pk}']")
        expect(row).to_have_attribute("data-status", "asked")
        expect(row.locator("[data-progress]")).to_have_text("0%")
        expect(row.locator("[data-bucket=pending_in_time]")).to_be_visible()

    # charlie (commune_b) reports progress on his task, then records the adoption.
    charlie = browser.new_context(locale="vi-VN").new_page()
    sign_in(charlie, live_server, "charlie")
    task = Replication.objects.get(unit=world.commune_b).task
    charlie.goto(f"{live_server.url}/people/models/{practice.pk}/")
    with charlie.expect_navigation():
        charlie.locator(f"#practice-spread tr[data-unit='{world.commune_b.pk}'] a").click()
    assert charlie.url.endswith(f"/work/tasks/{task.pk}/")
    charlie.fill("#id_percent", "60")
    charlie.fill("#id_text", "Đã lắp 4 cụm loa ở 4 thôn")
    with charlie.expect_navigation():
        charlie.locator("form[action$='/updates/'] button[type=submit]").click()

    charlie.goto(f"{live_server.url}/people/models/{practice.pk}/")
    charlie.locator("#practice-adopt").locator("xpath=..").locator("summary").click()
    charlie.fill("#id_adopt_adopted_on", timezone.localdate().isoformat())
    charlie.fill("#id_adopt_adaptation", "Phát thêm bản tin tiếng dân tộc")
    charlie.fill("#id_adopt_results", "80% hộ dân nghe được")
    with charlie.expect_navigation():
        charlie.locator("#practice-adopt button[type=submit]").click()
    mine = charlie.locator(f"#practice-spread tr[data-unit='{world.commune_b.pk}']")
    expect(mine).to_have_attribute("data-status", "adopted")
    charlie.context.close()

    # The leader's page shows the adoption, its results and the task's progress.
    page.reload()
    row = page.locator(f"#practice-spread tr[data-unit='{world.commune_b.pk}']")
    expect(row).to_have_attribute("data-status", "adopted")
    expect(row).to_contain_text("80% hộ dân nghe được")
    expect(row.locator("[data-progress]")).to_have_text("60%")
    expect(page.locator("#practice-spread tr[data-status=asked]")).to_have_count(4)
