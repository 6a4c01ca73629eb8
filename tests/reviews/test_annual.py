"""The year-end review: the .docx in the issuer's layout with the dashboard's very figures,
its .xlsx annex, the command that writes both, the download for the dashboard's reader,
and what LibreOffice makes of the file. The small world is tests/reviews/conftest.py's."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation
from docx import Document as open_docx
from openpyxl import load_workbook

from mandate.directives.models import IssuerProfile, Profile
from mandate.observances.models import Observance
from mandate.reviews import selectors
from mandate.reviews.annual import annual_review, review_docx, review_xlsx
from mandate.work.models import Bucket, Task
from tests.factories import (
    DocumentFactory,
    PlanFactory,
    ReviewMilestoneFactory,
    TaskFactory,
    UnitFactory,
)
from tests.office import pdf_pages, to_pdf
from tests.reviews.conftest import YEAR, day, task

URL_DOCX = "/reviews/annual.docx"
URL_XLSX = "/reviews/annual.xlsx"


@pytest.fixture
def party_profile(world) -> IssuerProfile:
    return IssuerProfile.objects.create(
        unit=world.root,
        profile=Profile.PARTY,
        abbreviation="BTGDVTU",
        issuer_name="BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY",
        parent_body="TỈNH ỦY THỬ",
        place_name="Hải Phòng",
        valid_from=datetime.date(2025, 7, 1),
    )


def english_review(world, unit=None, user=None):
    with translation.override("en"):
        review = annual_review(user=user or world.lena, unit=unit or world.root, year=2026)
        return review, review_docx(review), review_xlsx(review)


def texts(document) -> list[str]:
    """Every paragraph of the body and of every table cell, in order."""
    found = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            found += [cell.text for cell in row.cells]
    return found


def table_headed(document, first: str) -> list[list[str]]:
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == first:
            return rows
    raise AssertionError(f"no table headed {first!r}")


def sheet_rows(workbook, name: str) -> list[list]:
    return [list(row) for row in workbook[name].iter_rows(values_only=True)]


# The .docx ---------------------------------------------------------------------------


def test_the_review_has_the_party_heading_and_every_section(world, figures, party_profile):
    _review, data, _annex = english_review(world)
    document = open_docx(io.BytesIO(data))
    body = "\n".join(texts(document))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body and "CỘNG HÒA XÃ HỘI" not in body
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY" in body and "TỈNH ỦY THỬ" in body
    assert "Số ….-BC/BTGDVTU" in body
    assert "Hải Phòng, ngày 15 tháng 5 năm 2026" in body
    assert "Nơi nhận:" in body
    for title in [
        "REPORT",
        "Review of the work of 2026 and the direction for 2027",
        "I. RESULTS OF 2026",
        "1. Key tasks",
        "2. Results by guiding document",
        "3. The grassroots picture",
        "4. Communication campaigns",
        "5. Training",
        "6. Good models",
        "7. Emulation and commendation",
        "II. SHORTCOMINGS AND LIMITATIONS",
        "III. DIRECTION AND TASKS FOR 2027",
    ]:
        assert title in body, title
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    assert len(document.inline_shapes) >= 2  # the charts of tasks, cases and awards


def test_a_state_body_gets_the_state_heading(world, figures):
    agency = UnitFactory(name="Sở Văn hóa Thử", kind="agency", parent=world.root)
    IssuerProfile.objects.create(
        unit=agency,
        profile=Profile.STATE,
        abbreviation="SVHTT",
        issuer_name="SỞ VĂN HÓA VÀ THỂ THAO",
        parent_body="ỦY BAN NHÂN DÂN TỈNH THỬ",
        place_name="Hải Phòng",
        valid_from=datetime.date(2025, 7, 1),
    )
    _review, data, _annex = english_review(world, unit=agency)
    body = "\n".join(texts(open_docx(io.BytesIO(data))))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body and "ĐẢNG CỘNG SẢN" not in body
    assert "Số: …./BC-SVHTT" in body


def test_the_figures_are_the_dashboards(world, figures, party_profile):
    review, data, _annex = english_review(world)
    board = selectors.dashboard(user=world.lena, unit=world.root, period=YEAR)
    document = open_docx(io.BytesIO(data))
    tasks = board.tasks.totals
    assert tasks.total == 8
    assert table_headed(document, "Unit")[-1] == [
        "Total",
        *(str(tasks.buckets[bucket]) for bucket in Bucket.values),
        str(tasks.total),
        f"{tasks.on_time_rate}%",
    ]
    cases = board.cases.totals
    assert table_headed(document, "Category")[-1] == [
        "Total",
        *map(str, [cases.received, cases.resolved, cases.on_time, cases.open, cases.overdue]),
    ]
    awards = board.awards
    assert table_headed(document, "Title or form of commendation")[-1] == [
        "Total",
        *map(str, [awards.collective, awards.individual, awards.total]),
    ]
    body = "\n".join(texts(document))
    campaigns, training, practices = board.campaigns, board.training, board.practices
    assert f"campaign tasks done: {campaigns.done} of {campaigns.tasks}" in body
    assert f"Courses completed in 2026: {training.courses}, by {training.trained} people" in body
    assert f"Good models recorded in 2026: {practices.proposed}; recognised:" in body
    assert review.overdue.total == tasks.buckets[Bucket.PENDING_OVERDUE]
    assert len(review.overdue.items) == 3 and all(t.is_overdue for t in review.overdue.items)
    assert review.late.total == 1 and review.late.items[0].completed_on == day(4, 10)


def test_tasks_count_under_their_own_documents_else_their_plans(world, figures):
    own_source = DocumentFactory(unit=world.root, symbol="35-CT/TU")
    plan_source = DocumentFactory(unit=world.root, symbol="36-CT/TU")
    task(world.commune_a, due=day(6, 30)).source_documents.add(own_source)
    plan = PlanFactory(unit=world.division)
    plan.source_documents.add(plan_source)
    TaskFactory(
        plan=plan,
        lead_unit=world.division,
        is_key=True,
        due_on=day(3, 31),
        status=Task.Status.DONE,
        completed_on=day(3, 1),
    )
    review, data, annex = english_review(world)
    rows = {row.document.symbol if row.document else None: row for row in review.by_document}
    assert (rows["35-CT/TU"].tasks, rows["35-CT/TU"].done) == (1, 0)
    assert (rows["36-CT/TU"].tasks, rows["36-CT/TU"].on_time) == (1, 1)
    assert rows[None].tasks == 8  # the conftest's key tasks cite no document
    assert sum(row.tasks for row in review.by_document) == review.figures.tasks.totals.total
    sheet = sheet_rows(load_workbook(io.BytesIO(annex)), "By guiding document")
    assert sheet[0][:2] == ["Guiding document", "Key tasks"]
    assert [row[1] for row in sheet[1:]] == [row.tasks for row in review.by_document]


def test_shortcomings_and_direction_come_from_the_data(world, figures):
    source = DocumentFactory(unit=world.root, symbol="35-CT/TU")
    ReviewMilestoneFactory(
        document=source, responsible_unit=world.commune_a, due_on=day(3, 1, 2027)
    )
    ReviewMilestoneFactory(
        document=source, responsible_unit=world.commune_b, due_on=day(4, 1, 2027)
    )
    ReviewMilestoneFactory(document=source, responsible_unit=world.commune_a, due_on=day(3, 1))
    for key, owner in [("xa-a", world.commune_a), ("xa-b", world.commune_b)]:
        Observance.objects.create(
            key=f"ngay-thanh-lap-{key}",
            name=f"Ngày thành lập {owner.name}",
            month=9,
            day=1,
            founding_year=2007,
            level=Observance.Level.LOCAL,
            owner_unit=owner,
        )
    review, data, _annex = english_review(world, unit=world.commune_a, user=world.alice)
    assert [milestone.due_on for milestone in review.milestones.items] == [day(3, 1, 2027)]
    names = [found.observance.name for found in review.anniversaries]
    assert f"Ngày thành lập {world.commune_a.name}" in names
    assert f"Ngày thành lập {world.commune_b.name}" not in names
    board = review.figures.tasks.totals.buckets
    assert (
        review.carried_over.total == board[Bucket.PENDING_OVERDUE] + board[Bucket.PENDING_IN_TIME]
    )
    assert [row.overdue for row in review.overdue_categories] == [1]  # land in a
    body = "\n".join(texts(open_docx(io.BytesIO(data))))
    assert "3. Round anniversaries of 2027" in body and "20th anniversary" in body
    assert "1. Unfinished tasks to carry over" in body and "35-CT/TU" in body
    assert world.commune_b.name not in body


# The .xlsx annex ---------------------------------------------------------------------


def test_the_annex_has_a_sheet_per_table_with_the_same_numbers(world, figures, party_profile):
    review, _data, annex = english_review(world)
    workbook = load_workbook(io.BytesIO(annex))
    assert {"Summary", "Key tasks by unit", "Cases by category", "Awards"} <= set(
        workbook.sheetnames
    )
    summary = dict(row[:2] for row in sheet_rows(workbook, "Summary")[1:])
    board = review.figures
    assert summary["Key tasks: Total"] == board.tasks.totals.total == 8
    assert summary["Key tasks: Pending, overdue"] == board.tasks.totals.buckets["pending_overdue"]
    assert summary["Cases: Received"] == board.cases.totals.received == 5
    assert summary["Awards"] == board.awards.total
    units = sheet_rows(workbook, "Key tasks by unit")
    assert units[0][0] == "Unit" and units[-1][0] == "Total"
    assert len(units) == 1 + len(board.tasks.rows) + 1  # every unit, idle ones too
    assert units[-1][5] == board.tasks.totals.total


# The command -------------------------------------------------------------------------


def test_the_command_writes_the_review_and_its_annex(world, figures, party_profile, tmp_path):
    target = tmp_path / "review.docx"
    out = io.StringIO()
    call_command(
        "review", "annual", year=2026, unit=world.root.pk, output=target, verbosity=0, stdout=out
    )
    assert open_docx(target).paragraphs and load_workbook(tmp_path / "review.xlsx").sheetnames
    assert "review.xlsx" in out.getvalue()


def test_the_command_refuses_a_reader_who_does_not_see_the_unit(world, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "review",
            "annual",
            unit=world.commune_a.pk,
            username="charlie",
            output=tmp_path / "r.docx",
            verbosity=0,
        )
    assert not (tmp_path / "r.docx").exists()


# The download ------------------------------------------------------------------------


def test_a_leader_downloads_the_review_and_its_annex(world, figures, party_profile, client_for):
    client = client_for(world.lena)
    response = client.get(URL_DOCX, {"unit": world.root.pk, "year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="bao-cao-tong-ket-2026-' in response["Content-Disposition"]
    assert open_docx(io.BytesIO(response.content)).paragraphs
    annex = client.get(URL_XLSX, {"unit": world.root.pk, "year": 2026})
    assert annex.status_code == 200 and load_workbook(io.BytesIO(annex.content)).sheetnames


def test_the_dashboard_offers_the_review_of_its_unit_and_year(world, figures, client_for):
    response = client_for(world.alice).get("/reviews/", {"unit": world.hamlet_a.pk, "year": 2025})
    body = response.content.decode()
    assert f"{URL_DOCX}?unit={world.hamlet_a.pk}&amp;year=2025" in body
    assert f"{URL_XLSX}?unit={world.hamlet_a.pk}&amp;year=2025" in body


def test_an_outsider_gets_404_for_a_unit_they_do_not_see(world, figures, client_for):
    client = client_for(world.charlie)
    for url in (URL_DOCX, URL_XLSX):
        assert client.get(url, {"unit": world.commune_a.pk, "year": 2026}).status_code == 404
        assert client.get(url, {"unit": "x"}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL_DOCX).status_code == 302


# LibreOffice -------------------------------------------------------------------------


def test_libreoffice_converts_the_review_to_pdf(world, figures, party_profile, tmp_path):
    """The review opens in LibreOffice (skipped without it, except on CI)."""
    _review, data, _annex = english_review(world)
    pdf = to_pdf(tmp_path, {"review": data})["review"]
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) >= 2
