"""The review's annex as .xlsx: one sheet per table of the review, with its header row,
built by the same functions as the .docx tables so the two cannot differ. The table of
key tasks by unit keeps the units with no task, which the .docx leaves out."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook

from mandate.core.workbooks import style_header, workbook_bytes
from mandate.reviews.annual import tables
from mandate.reviews.annual.content import AnnualReview, Listed
from mandate.work.models import Bucket

SHEET_NAME_LIMIT = 31  # Excel's
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def summary_table(review: AnnualReview) -> tuple[list[str], list[list]]:
    """Every headline figure of the review, one per row."""
    figures = review.figures
    tasks, cases = figures.tasks.totals, figures.cases.totals
    campaigns, training = figures.campaigns, figures.training
    practices, awards = figures.practices, figures.awards
    rows = [
        [_("Unit"), str(review.unit)],
        [_("Year"), review.year],
        [_("As of"), tables.day(review.as_of)],
        *([f"{_('Key tasks')}: {bucket.label}", tasks.buckets[bucket]] for bucket in Bucket),
        [f"{_('Key tasks')}: {_('Total')}", tasks.total],
        [f"{_('Key tasks')}: {_('On time')}", tables.rate(tasks.on_time_rate)],
        [f"{_('Cases')}: {_('Received')}", cases.received],
        [f"{_('Cases')}: {_('Resolved')}", cases.resolved],
        [f"{_('Cases')}: {_('Resolved on time')}", cases.on_time],
        [f"{_('Cases')}: {_('Still open')}", cases.open],
        [f"{_('Cases')}: {_('Overdue')}", cases.overdue],
        [_("Campaigns"), campaigns.count],
        [_("Campaigns organised"), campaigns.organised],
        [_("Campaign tasks"), campaigns.tasks],
        [_("Campaign tasks done"), campaigns.done],
        [_("Target units"), campaigns.targets],
        [_("Guidance acknowledged"), campaigns.acknowledged],
        [_("People"), training.people],
        [_("Meeting every requirement"), tables.rate(training.coverage)],
        [_("Courses completed"), training.courses],
        [_("People trained"), training.trained],
        [_("Training gaps"), training.gaps],
        [_("People with gaps"), training.people_with_gaps],
        [_("Good models recorded"), practices.proposed],
        [_("Good models recognised"), practices.recognised],
        [_("Replications adopted"), practices.adopted],
        [_("Requests to replicate, still open"), practices.asked],
        [_("Taken up elsewhere"), practices.spread],
        [_("Awards to collectives"), awards.collective],
        [_("Awards to individuals"), awards.individual],
        [_("Awards"), awards.total],
    ]
    return [_("Figure"), _("Value")], rows


def _listed(table: tuple[list[str], list[list]], listed: Listed):
    header, body = table
    if listed.more:
        body = [
            *body,
            [
                ngettext("… and %(count)s more.", "… and %(count)s more.", listed.more)
                % {"count": listed.more}
            ],
        ]
    return header, body


def sheets(review: AnnualReview) -> list[tuple[str, tuple[list[str], list[list]]]]:
    cases = review.figures.cases
    return [
        (_("Summary"), summary_table(review)),
        (_("Key tasks by unit"), tables.task_table(review)),
        (_("By guiding document"), tables.document_table(review)),
        (_("Cases by category"), tables.case_table(cases.by_category, _("Category"), cases.totals)),
        (_("Cases by commune"), tables.case_table(cases.by_locality, _("Commune or ward"))),
        (_("Campaigns"), tables.campaign_table(review)),
        (_("Training"), tables.training_table(review)),
        (_("Good models"), tables.practice_table(review)),
        (_("Awards"), tables.award_table(review)),
        (
            _("Overdue key tasks"),
            _listed(tables.pending_table(review.overdue.items), review.overdue),
        ),
        (_("Late key tasks"), _listed(tables.late_table(review.late.items), review.late)),
        (
            _("Carried over"),
            _listed(tables.pending_table(review.carried_over.items), review.carried_over),
        ),
        (_("Reviews due"), _listed(tables.milestone_table(review), review.milestones)),
        (_("Round anniversaries"), tables.anniversary_table(review)),
    ]


def sheet_name(text: str) -> str:
    return _NOT_IN_SHEET_NAMES.sub(" ", text)[:SHEET_NAME_LIMIT].strip()


def review_xlsx(review: AnnualReview) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, body) in sheets(review):
        sheet = workbook.create_sheet(sheet_name(name))
        style_header(sheet, header, _widths(header, body))
        for row in body:
            sheet.append(row)
    return workbook_bytes(workbook)


def _widths(header: list[str], body: list[list]) -> list[int]:
    """Each column as wide as its longest text, within reason."""
    longest = [len(str(text)) for text in header]
    for row in body[:200]:
        for index, value in enumerate(row[: len(header)]):
            longest[index] = max(longest[index], len(str(value)))
    return [max(8, min(60, length + 2)) for length in longest]
