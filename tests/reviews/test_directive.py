"""The implementation review of one guiding document: its figures by lead unit, the page,
the .docx, and the scope of both. The world is tests/conftest.py's, seen on 15/05/2026."""

import io

import pytest
from django.utils import translation
from docx import Document as open_docx

from mandate.directives.models import ReviewMilestone
from mandate.reviews.directive import FINAL, PRELIMINARY, directive_review, review_docx
from mandate.work.models import Bucket, Task
from tests.factories import DocumentFactory, PlanFactory, ReviewMilestoneFactory, TaskFactory
from tests.reviews.conftest import day, task


def url(document, suffix: str = "") -> str:
    return f"/reviews/directives/{document.pk}/{suffix}"


@pytest.fixture
def directive(world):
    """35-CT/TU of the department, carried out by:

    division   through its plan citing it, done late
    commune_a  citing it: one done on time, one overdue (and one cancelled, not counted)
    hamlet_a   citing it: pending within the deadline
    and not by: a task of the plan citing another document itself, commune_b's task of
    another document.
    """
    document = DocumentFactory(unit=world.root, symbol="35-CT/TU", title="Về công tác dân vận")
    other = DocumentFactory(unit=world.root, symbol="36-CT/TU")
    plan = PlanFactory(unit=world.division)
    plan.source_documents.add(document)
    in_plan = {"plan": plan, "lead_unit": world.division, "is_key": True}
    TaskFactory(**in_plan, due_on=day(3, 31), status=Task.Status.DONE, completed_on=day(4, 10))
    TaskFactory(**in_plan, due_on=day(9, 30)).source_documents.add(other)
    task(world.commune_a, due=day(3, 31), done_on=day(3, 20)).source_documents.add(document)
    task(world.commune_a, due=day(4, 30), content="Việc quá hạn của xã").source_documents.add(
        document
    )
    cancelled = task(world.commune_a, due=day(4, 30), status=Task.Status.CANCELLED)
    cancelled.source_documents.add(document)
    task(world.hamlet_a, due=day(9, 30)).source_documents.add(document)
    task(world.commune_b, due=day(2, 28)).source_documents.add(other)
    ReviewMilestoneFactory(document=document, kind=PRELIMINARY, due_on=day(6, 30))
    ReviewMilestoneFactory(
        document=document, kind=ReviewMilestone.Kind.FINAL, due_on=day(12, 31, 2027)
    )
    return document


def test_figures_by_lead_unit(world, directive):
    review = directive_review(user=world.lena, document=directive, unit=world.root)
    rows = {row.unit: row.buckets for row in review.rows}
    assert [row.unit for row in review.rows] == [world.division, world.commune_a, world.hamlet_a]
    assert rows[world.division][Bucket.DONE_LATE] == 1
    assert rows[world.commune_a][Bucket.DONE_ON_TIME] == 1
    assert rows[world.commune_a][Bucket.PENDING_OVERDUE] == 1
    assert rows[world.hamlet_a][Bucket.PENDING_IN_TIME] == 1
    assert (review.totals.total, review.direct, review.through_plans) == (4, 3, 1)
    assert review.totals.on_time_rate == 25
    assert review.kind == PRELIMINARY
    assert [t.content for t in review.overdue.items] == ["Việc quá hạn của xã"]
    assert review.late.total == 1 and review.unfinished.total == 2


def test_a_unit_reviews_its_own_subtree(world, directive):
    review = directive_review(user=world.alice, document=directive, unit=world.commune_a)
    assert [row.unit for row in review.rows] == [world.commune_a, world.hamlet_a]
    assert review.totals.total == 3


def test_kind_follows_the_next_open_milestone(world, directive):
    directive.milestones.filter(kind=PRELIMINARY).update(done_on=day(5, 1))
    review = directive_review(user=world.lena, document=directive, unit=world.root)
    assert review.kind == FINAL


def test_page_renders_for_a_leader(world, directive, client_for):
    response = client_for(world.lena).get(url(directive))
    assert response.status_code == 200
    body = response.content.decode()
    assert "35-CT/TU" in body and "Về công tác dân vận" in body
    assert 'id="chart-tasks"' in body and 'id="dashboard-data"' in body
    assert "Việc quá hạn của xã" in body
    assert f"/work/tasks/{directive.tasks.get(content='Việc quá hạn của xã').pk}/" in body


def test_the_document_page_links_to_the_review(world, directive, client_for):
    body = client_for(world.lena).get(f"/documents/{directive.pk}/").content.decode()
    assert url(directive) in body


def test_outsider_gets_404(world, client_for):
    kept = DocumentFactory(unit=world.commune_a, symbol="77-KH/ĐUQT")
    client = client_for(world.charlie)
    assert client.get(url(kept)).status_code == 404
    assert client.get(url(kept, "review.docx")).status_code == 404


def test_a_unit_the_reader_does_not_see_is_404(world, directive, client_for):
    client = client_for(world.charlie)
    assert client.get(url(directive), {"unit": world.commune_a.pk}).status_code == 404
    assert client.get(url(directive), {"unit": "x"}).status_code == 404


def test_outsider_sees_only_their_own_units_tasks(world, directive, client_for):
    body = client_for(world.charlie).get(url(directive)).content.decode()
    assert world.commune_a.name not in body and "Việc quá hạn của xã" not in body


def test_page_runs_a_bounded_number_of_queries(
    world, directive, client_for, django_assert_max_num_queries
):
    client = client_for(world.lena)
    for index in range(10):
        task(world.commune_b, due=day(3, 1 + index)).source_documents.add(directive)
    with django_assert_max_num_queries(16):
        assert client.get(url(directive)).status_code == 200


def texts(document) -> str:
    found = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            found += [cell.text for cell in row.cells]
    return "\n".join(found)


def test_the_docx_has_the_symbol_the_unit_table_and_a_chart(world, directive):
    with translation.override("en"):
        review = directive_review(user=world.lena, document=directive, unit=world.root)
        data = review_docx(review, user=world.lena)
    document = open_docx(io.BytesIO(data))
    body = texts(document)
    assert "Preliminary review of the implementation of" in body and "35-CT/TU" in body
    for heading in ["I. THE DOCUMENT", "II. RESULTS BY UNIT", "III. SHORTCOMINGS", "IV. NEXT"]:
        assert heading in body, heading
    units = next(t for t in document.tables if t.rows[0].cells[0].text == "Unit")
    assert [cell.text for cell in units.rows[-1].cells] == ["Total", "1", "1", "1", "1", "4", "25%"]
    assert len(document.inline_shapes) == 1


def test_the_docx_download_takes_the_kind(world, directive, client_for):
    response = client_for(world.lena).get(url(directive, "review.docx"), {"kind": "final"})
    assert response.status_code == 200
    assert "bao-cao-tong-ket-35-ct-tu.docx" in response["Content-Disposition"]
    open_docx(io.BytesIO(response.content))
