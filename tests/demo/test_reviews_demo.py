"""The acceptance of the year-end review, on the demo: the department's 2025 review opens
in LibreOffice, with the party heading, the dashboard's figures and the charts."""

import io

import pytest
from django.utils import translation
from docx import Document as open_docx

from mandate.org.models import Unit, User
from mandate.reviews import selectors
from mandate.reviews.annual import annual_review, review_docx
from mandate.work.models import Bucket
from tests.office import pdf_pages, to_pdf

pytestmark = pytest.mark.django_db


def test_the_2025_review_opens_with_the_party_heading_the_figures_and_the_charts(demo, tmp_path):
    department = Unit.objects.dangerously_unscoped().get(parent__isnull=True)
    leader = User.objects.get(username="lanhdao")
    with translation.override("vi"):
        review = annual_review(user=leader, unit=department, year=2025)
        data = review_docx(review)
    board = selectors.dashboard(user=leader, unit=department, period=selectors.Period.of_year(2025))
    document = open_docx(io.BytesIO(data))
    heading = document.tables[0]
    heading_text = " ".join(cell.text for row in heading.rows for cell in row.cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in heading_text
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in heading_text.upper()
    tasks = board.tasks.totals
    assert tasks.total > 100  # the demo's key tasks of 2025
    totals = [
        [cell.text for cell in table.rows[-1].cells]
        for table in document.tables
        if table.rows[-1].cells[0].text == "Tổng cộng"
    ]
    assert [
        *(str(tasks.buckets[bucket]) for bucket in Bucket.values),
        str(tasks.total),
    ] in [row[1:6] for row in totals]
    assert review.figures.cases.totals.received == board.cases.totals.received > 0
    assert len(document.inline_shapes) >= 3  # the charts
    pdf = to_pdf(tmp_path, {"review": data})["review"]
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) >= 5
