"""Issue 4's grassroots scenario, in a real browser.

A reporter files a report from a phone-sized screen, with a phone number in the text;
the stored summary is redacted and the case goes to her commune's unit; its leader sees
it in her list of cases and on the overview's charts (drawn under the strict CSP);
an officer of another commune gets a 404.

UI strings may change or gain translations, so the assertions hold on element ids,
URLs and data, not on translated text.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mandate.grassroots.models import Report
from mandate.grassroots.scrub import REDACTED
from tests.browser.test_signin import sign_in

pytestmark = pytest.mark.browser

PHONE = "0912 345 678"
SUMMARY = f"Nước thải xưởng mạ chảy ra kênh thôn Đông, cần xử lý gấp, liên hệ anh Ba {PHONE}"


def csp_violations(page) -> list[str]:
    """Console errors the browser reports for blocked scripts or styles."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def test_reporter_files_from_a_phone_and_the_case_reaches_her_commune(
    page, browser, live_server, transactional_db, world, places
):
    blocked = csp_violations(page)
    sign_in(page, live_server, "rita")  # sign_in looks for the user menu, folded on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/grassroots/report/")
    # Nothing wider than the screen: the form is usable without scrolling sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.locator("#id_locality")).to_have_value(str(places.a.pk))  # her only commune
    page.select_option("#id_category", str(places.environment.pk))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.fill("#id_observed_on", yesterday.isoformat())
    page.locator("#id_severity_2").check()  # 3: serious
    page.fill("#id_people_affected", "40")
    page.fill("#id_summary", SUMMARY)
    expect(page.locator("#similar")).to_contain_text(re.compile(r"\S"))  # htmx answered
    page.fill("#id_contact_name", "Nguyễn Văn Ba")
    page.fill("#id_contact_phone", PHONE)
    submit = page.locator("#report-form button[type=submit]")
    box = submit.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # a full-width button on a phone
    with page.expect_navigation():
        submit.click()
    expect(page).to_have_url(f"{live_server.url}/grassroots/mine/")
    expect(page.locator(".alert-success")).to_be_visible()

    report = Report.objects.select_related("case__unit").get()
    assert PHONE not in report.summary and "0912" not in report.summary
    assert REDACTED in report.summary and report.redactions == 1
    assert report.case.unit == world.commune_a
    expect(page.locator("#rows")).to_contain_text(REDACTED)
    expect(page.locator("#rows")).not_to_contain_text(PHONE)
    assert blocked == []

    # The commune's leader sees it in her cases, and on the overview's charts.
    leader = browser.new_context(locale="vi-VN").new_page()
    blocked_for_leader = csp_violations(leader)
    sign_in(leader, live_server, "alice")
    leader.goto(f"{live_server.url}/grassroots/cases/?status=open")
    rows = leader.locator("#rows tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(str(report.case_id))
    expect(rows.first.locator("a")).to_have_attribute(
        "href", f"/grassroots/cases/{report.case_id}/"
    )
    leader.goto(f"{live_server.url}/grassroots/cases/{report.case_id}/")
    expect(leader.locator("#contacts")).to_contain_text(PHONE)  # her unit's intake officer
    leader.goto(f"{live_server.url}/grassroots/")
    expect(leader.locator("#total-open")).to_have_text("1")
    leader.wait_for_function("() => window.Chart && Chart.getChart('chart-units') !== undefined")
    expect(leader.locator(f'.dot-plot a[href$="locality={places.a.pk}"]')).to_have_count(1)
    assert blocked_for_leader == []
    leader.context.close()

    # An officer of another commune cannot open it.
    outsider = browser.new_context(locale="vi-VN").new_page()
    sign_in(outsider, live_server, "charlie")
    response = outsider.goto(f"{live_server.url}/grassroots/cases/{report.case_id}/")
    assert response.status == 404
    outsider.goto(f"{live_server.url}/grassroots/cases/")
    expect(outsider.locator("#rows")).not_to_contain_text(REDACTED)
    outsider.context.close()
