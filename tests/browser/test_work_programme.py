"""Issue 3's first acceptance scenario, in a real browser.

A leader registers a directive, makes the 2026 plan from it, imports 50 tasks from
the Excel template and cascades a key task to ten commune units; a commune officer
sees only its own child task and reports 50 % with a photo; the leader sees the
roll-up; an overdue task shows as overdue. Then two browsers edit one task.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from mandate.org.models import Unit
from mandate.work.models import Task
from tests.browser.test_signin import sign_in
from tests.factories import UnitFactory
from tests.sheets.helpers import task_row, workbook_bytes

pytestmark = pytest.mark.browser

KEY_TASK = "Tuyên truyền Chỉ thị 05 đến từng chi bộ"
OVERDUE_TASK = "Báo cáo sơ kết quý I"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def fifty_tasks(world) -> bytes:
    rows = [
        task_row(content=KEY_TASK, due=datetime.date(2026, 12, 20), lead=world.root.name, key="x"),
        task_row(content=OVERDUE_TASK, due=datetime.date(2026, 3, 31), lead=world.division.name),
    ]
    rows += [
        task_row(
            content=f"Nhiệm vụ thường xuyên số {number}",
            due=datetime.date(2026, 12, 31),
            lead=world.root.name,
        )
        for number in range(48)
    ]
    return workbook_bytes(rows)


def select_by_text(page, selector: str, text: str) -> None:
    option = page.locator(f"{selector} option", has_text=text).first
    page.select_option(selector, value=option.get_attribute("value"))


def test_leader_plans_cascades_and_follows_up(
    page, browser, live_server, transactional_db, world, tmp_path
):
    communes = [world.commune_a] + [
        UnitFactory(
            name=f"Đảng ủy xã Thử Nghiệm {number}", kind=Unit.Kind.COMMUNE, parent=world.root
        )
        for number in range(9)
    ]
    sign_in(page, live_server, "lena")

    # Register the directive.
    page.goto(f"{live_server.url}/documents/new/")
    select_by_text(page, "#id_unit", world.root.name)
    select_by_text(page, "#id_document_type", "Chỉ thị (CT)")
    page.fill("#id_symbol", "Số 05-CT/TU")
    page.fill("#id_issuer", "Ban Thường vụ Thành ủy")
    page.fill("#id_issued_on", "2026-01-10")
    page.fill("#id_title", "Chỉ thị về tăng cường công tác tuyên truyền năm 2026")
    with page.expect_navigation():
        page.locator("#content form button[type=submit]").click()
    expect(page.get_by_text("Số 05-CT/TU").first).to_be_visible()

    # The 2026 plan, from that directive.
    page.goto(f"{live_server.url}/work/plans/new/")
    select_by_text(page, "#id_unit", world.root.name)
    page.fill("#id_title", "Kế hoạch công tác tuyên giáo năm 2026")
    page.fill("#id_period_start", "2026-01-01")
    page.fill("#id_period_end", "2026-12-31")
    select_by_text(page, "#id_source_documents", "05-CT/TU")
    with page.expect_navigation():
        page.locator("#content form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/work/plans/\d+/$"))
    plan_url = page.url

    # Fifty tasks from the Excel template.
    sheet = tmp_path / "ke-hoach-2026.xlsx"
    sheet.write_bytes(fifty_tasks(world))
    page.goto(f"{plan_url}import/")
    page.set_input_files("input[type=file]", str(sheet))
    with page.expect_navigation():
        page.locator("#content form button[type=submit]").click()
    expect(page).to_have_url(plan_url)
    assert Task.objects.filter(plan__title="Kế hoạch công tác tuyên giáo năm 2026").count() == 50

    # Cascade the key task to ten commune units.
    key_task = Task.objects.get(content=KEY_TASK)
    page.goto(f"{live_server.url}/work/tasks/{key_task.pk}/cascade/")
    for commune in communes:
        page.get_by_label(commune.name, exact=True).check()
    with page.expect_navigation():
        page.locator("#content form button[type=submit]").click()
    assert key_task.children.count() == 10

    # A commune officer sees only its own child task and reports 50 % with a photo.
    officer = browser.new_context(locale="vi-VN").new_page()
    sign_in(officer, live_server, "olga")
    officer.goto(f"{live_server.url}/work/tasks/")
    rows = officer.locator("#rows tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(KEY_TASK)
    child = key_task.children.get(lead_unit=world.commune_a)
    officer.goto(f"{live_server.url}/work/tasks/{child.pk}/")
    officer.fill("#id_percent", "50")
    officer.fill("#id_text", "Đã tổ chức quán triệt tại 6/12 chi bộ")
    photo = tmp_path / "hoi-nghi.png"
    photo.write_bytes(PNG)
    officer.set_input_files("#id_files", str(photo))
    with officer.expect_navigation():
        officer.locator("form[action$='/updates/'] button[type=submit]").click()
    expect(officer.locator("img").first).to_be_visible()
    officer.context.close()

    # The leader sees the roll-up on the key task.
    page.goto(f"{live_server.url}/work/tasks/{key_task.pk}/")
    expect(page.locator("#children-title")).to_contain_text("10")
    expect(page.get_by_text(re.compile(r"\b5 ?%"))).to_have_count(1)  # mean of 50 and nine 0

    # An overdue task shows as overdue, in the list filtered to overdue tasks.
    page.goto(f"{live_server.url}/work/tasks/?bucket=pending_overdue")
    expect(page.locator("#rows")).to_contain_text(OVERDUE_TASK)
    expect(page.locator("#rows")).not_to_contain_text(KEY_TASK)


def test_second_save_of_the_same_task_is_refused(
    page, browser, live_server, transactional_db, world
):
    from tests.factories import PlanFactory, TaskFactory

    task = TaskFactory(
        plan=PlanFactory(unit=world.commune_a),
        lead_unit=world.commune_a,
        content="Hội nghị quán triệt nghị quyết",
    )
    first, second = page, browser.new_context(locale="vi-VN").new_page()
    sign_in(first, live_server, "alice")
    sign_in(second, live_server, "olga")
    for editor in (first, second):
        editor.goto(f"{live_server.url}/work/tasks/{task.pk}/edit/")
    first.fill("#id_content", "Hội nghị quán triệt nghị quyết (đã dời sang tháng 12)")
    with first.expect_navigation():
        first.locator("#content form button[type=submit]").click()
    second.fill("#id_content", "Hội nghị quán triệt nghị quyết tại hội trường xã")
    second.locator("#content form button[type=submit]").click()
    expect(second.locator(".alert-danger")).to_be_visible()
    expect(second.locator("#id_content")).to_have_value(
        "Hội nghị quán triệt nghị quyết tại hội trường xã"
    )  # what she typed is kept
    task.refresh_from_db()
    assert task.content == "Hội nghị quán triệt nghị quyết (đã dời sang tháng 12)"
    second.context.close()
