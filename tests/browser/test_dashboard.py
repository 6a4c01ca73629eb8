"""The dashboard in a real browser: the department's leader opens last year's dashboard,
follows the overdue figure to the task list that counts the same, comes back and
downloads the annual review, whose .docx carries the same figures.

Last year, not this one: every task due then is past its deadline whatever today's date,
so the figures hold on any day without moving the clock (a moved clock would also
expire the session cookie in the browser, which keeps the real time). Assertions hold
on ids, data attributes and numbers, not on translated text.
"""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document as open_docx
from playwright.sync_api import expect

from mandate.work.models import Task
from tests.browser.test_signin import sign_in
from tests.reviews.conftest import task

pytestmark = pytest.mark.browser

# Key tasks due last year, as the dashboard counts them (in time is 0: all are past).
BUCKETS = {"done_on_time": 2, "done_late": 1, "pending_in_time": 0, "pending_overdue": 3}
TOTAL = 6


def build_year(world, year: int) -> None:
    def day(month: int, date: int) -> datetime.date:
        return datetime.date(year, month, date)

    task(world.root, due=day(3, 31), done_on=day(3, 20))
    task(world.commune_b, due=day(6, 30), done_on=day(6, 1))
    task(world.division, due=day(4, 30), done_on=day(5, 10))
    task(world.commune_a, due=day(6, 30), status=Task.Status.IN_PROGRESS)
    task(world.hamlet_a, due=day(10, 15))
    task(world.commune_b, due=day(9, 30))
    # Counted nowhere: not key, cancelled, due the year after.
    task(world.commune_b, due=day(8, 31), key=False)
    task(world.commune_a, due=day(8, 31), status=Task.Status.CANCELLED)
    task(world.commune_a, due=datetime.date(year + 1, 12, 31))


def test_a_leader_follows_a_figure_and_downloads_the_review(
    page, live_server, transactional_db, world
):
    year = timezone.localdate().year - 1
    build_year(world, year)
    sign_in(page, live_server, "lena")

    dashboard = f"{live_server.url}/reviews/?unit={world.root.pk}&year={year}"
    page.goto(dashboard)
    for bucket, count in BUCKETS.items():
        expect(page.locator(f"#tasks-{bucket}")).to_have_text(str(count))
    totals = page.locator("#table-tasks tfoot td")
    expect(totals).to_have_text([*(str(n) for n in BUCKETS.values()), str(TOTAL), "33%"])
    row = page.locator("#table-tasks tbody tr", has_text=world.commune_b.name)
    expect(row.locator("td")).to_have_text(["1", "0", "0", "1", "2", "50%"])

    # The overdue figure opens the task list of those very tasks.
    with page.expect_navigation():
        page.locator("#tasks-pending_overdue a").click()
    assert "bucket=pending_overdue" in page.url and f"due_from={year}-01-01" in page.url
    expect(page.locator("#rows tbody tr")).to_have_count(BUCKETS["pending_overdue"])
    expect(page.locator("#rows [data-bucket=pending_overdue]")).to_have_text("3")

    page.go_back()
    expect(page).to_have_url(dashboard)
    with page.expect_download() as download_info:
        page.locator("#annual-review a[href*='annual.docx']").click()
    download = download_info.value
    stem = f"bao-cao-tong-ket-{year}-ban-tuyen-giao-va-dan-van-thu"  # the root's name, folded
    assert download.suggested_filename == f"{stem}.docx"
    document = open_docx(io.BytesIO(download.path().read_bytes()))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert [*(str(n) for n in BUCKETS.values()), str(TOTAL)] in [cells[1:6] for cells in rows]
