"""The review's words, tables and charts, read from an AnnualReview: the .docx prints the
tables (document.py) and the .xlsx annex holds them (annex.py), so the two cannot differ."""

import datetime

from django.utils.translation import gettext as _

from mandate.core.documents import PARTY, Heading
from mandate.reviews import charts
from mandate.reviews.annual.content import AnnualReview, DocumentRow
from mandate.reviews.selectors import CaseRow, TaskRow
from mandate.work.models import Bucket, Task

CHART_ROWS = 15  # bars in a chart; the other units are added up in one bar
TITLE_CHARACTERS = 140
CASE_COLOURS = ("#198754", "#20c997", "#0d6efd", "#dc3545")


# Words and figures -----------------------------------------------------------------------


def rate(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def short(text: str, limit: int = TITLE_CHARACTERS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def blank_number(heading: Heading) -> str:
    """A number for the office to fill in when the leader signs: "….-BC/BTGDVTU"."""
    if not heading.abbreviation:
        return "…."
    if heading.profile == PARTY:
        return f"….-BC/{heading.abbreviation}"
    return f"…./BC-{heading.abbreviation}"


def task_row_label(row: TaskRow) -> str:
    return _("%(unit)s (own tasks)") % {"unit": row.unit} if row.own else str(row.unit)


def document_label(row: DocumentRow) -> str:
    if row.document is None:
        return _("No source document")
    return short(f"{row.document.symbol} – {row.document.title}")


def case_label(row: CaseRow) -> str:
    return row.label or _("Others")


def title(review: AnnualReview) -> str:
    return _("Review of the work of %(year)s and the direction for %(next)s") % {
        "year": review.year,
        "next": review.next_year,
    }


# The tables -----------------------------------------------------------------------------------


def bucket_header() -> list[str]:
    return [str(bucket.label) for bucket in Bucket]


def task_table(review: AnnualReview, *, limit: int | None = None) -> tuple[list[str], list]:
    """Key tasks by unit in the dashboard's order; with a `limit`, only the units with
    tasks, the `limit` with most of them, then one row adding up the others."""
    header = [_("Unit"), *bucket_header(), _("Total"), _("On time")]
    tasks = review.figures.tasks
    rows, rest = tasks.rows, []
    if limit is not None:
        busy = [row for row in rows if row.total]
        ranked = sorted(busy, key=lambda row: -row.total)
        kept = {id(row) for row in ranked[:limit]}
        rows = [row for row in busy if id(row) in kept]
        rest = [row for row in busy if id(row) not in kept]
    body = [[task_row_label(row), *_task_cells(row)] for row in rows]
    if rest:
        others = TaskRow(unit=review.unit)
        for row in rest:
            others.add(row.buckets)
        label = _("Other units (%(count)s)") % {"count": len(rest)}
        body.append([label, *_task_cells(others)])
    body.append([_("Total"), *_task_cells(tasks.totals)])
    return header, body


def _task_cells(row: TaskRow) -> list:
    return [*(row.buckets[bucket] for bucket in Bucket.values), row.total, rate(row.on_time_rate)]


def document_table(review: AnnualReview, *, limit: int | None = None):
    """Key tasks by guiding document, most first; with a `limit`, the others in one row."""
    header = [_("Guiding document"), _("Key tasks"), _("Done"), _("Done on time"), _("On time")]
    rows, rest = review.by_document, []
    if limit is not None and len(rows) > limit + 1:
        rows, rest = rows[:limit], rows[limit:]
    body = [_document_cells(document_label(row), row) for row in rows]
    if rest:
        others = DocumentRow(document=None)
        for row in rest:
            others.add(row.buckets)
        label = _("Other documents (%(count)s)") % {"count": len(rest)}
        body.append(_document_cells(label, others))
    return header, body


def _document_cells(label: str, row: DocumentRow) -> list:
    return [label, row.tasks, row.done, row.on_time, rate(row.on_time_rate)]


def case_table(rows: list[CaseRow], head: str, totals: CaseRow | None = None):
    header = [head, _("Received"), _("Resolved"), _("Resolved on time"), _("Still open")]
    header.append(_("Overdue"))
    body = [_case_cells(case_label(row), row) for row in rows]
    if totals is not None:
        body.append(_case_cells(_("Total"), totals))
    return header, body


def _case_cells(label: str, row: CaseRow) -> list:
    return [label, row.received, row.resolved, row.on_time, row.open, row.overdue]


def campaign_table(review: AnnualReview) -> tuple[list[str], list[list]]:
    header = [_("Campaign"), _("Organising unit"), _("Date celebrated")]
    header += [_("Tasks done"), _("Tasks"), _("Acknowledged"), _("Target units")]
    body = [
        [
            short(row.campaign.title),
            str(row.campaign.unit),
            day(row.campaign.occurs_on),
            row.done,
            row.tasks,
            row.acknowledged,
            row.targets,
        ]
        for row in review.figures.campaigns.rows
    ]
    return header, body


def training_table(review: AnnualReview) -> tuple[list[str], list[list]]:
    rows = review.figures.training.by_subject
    return [_("Subject"), _("Courses"), _("People")], [
        [row.label, row.courses, row.people] for row in rows
    ]


def practice_table(review: AnnualReview) -> tuple[list[str], list[list]]:
    rows = review.figures.practices.by_category
    return [_("Category"), _("Recorded"), _("Recognised")], [
        [row.label, row.proposed, row.recognised] for row in rows
    ]


def award_table(review: AnnualReview) -> tuple[list[str], list[list]]:
    awards = review.figures.awards
    body = [[row.title.label, row.collective, row.individual, row.total] for row in awards.rows]
    body.append([_("Total"), awards.collective, awards.individual, awards.total])
    return [
        _("Title or form of commendation"),
        _("Collectives"),
        _("Individuals"),
        _("Total"),
    ], body


def pending_table(tasks: list[Task]):
    header = [_("No."), _("Task"), _("Lead unit"), _("Due"), _("Progress")]
    body = [
        [index, short(task.content), str(task.lead_unit), day(task.due_on), f"{task.progress}%"]
        for index, task in enumerate(tasks, start=1)
    ]
    return header, body


def late_table(tasks: list[Task]):
    header = [_("No."), _("Task"), _("Lead unit"), _("Due"), _("Done on"), _("Days late")]
    body = [
        [
            index,
            short(task.content),
            str(task.lead_unit),
            day(task.due_on),
            day(task.completed_on),
            (task.completed_on - task.due_on).days,
        ]
        for index, task in enumerate(tasks, start=1)
    ]
    return header, body


def milestone_table(review: AnnualReview):
    header = [_("Due"), _("Guiding document"), _("Review"), _("Responsible unit")]
    body = [
        [
            day(milestone.due_on),
            short(f"{milestone.document.symbol} – {milestone.title or milestone.document.title}"),
            milestone.get_kind_display(),
            str(milestone.responsible_unit),
        ]
        for milestone in review.milestones.items
    ]
    return header, body


def anniversary_table(review: AnnualReview):
    header = [_("Date"), _("Day or event"), _("Anniversary")]
    body = [
        [day(found.date), found.observance.label, found.anniversary_label]
        for found in review.anniversaries
    ]
    return header, body


# The charts -----------------------------------------------------------------------------


def task_chart(review: AnnualReview) -> bytes | None:
    rows = sorted(
        (row for row in review.figures.tasks.rows if row.total), key=lambda row: -row.total
    )
    if not rows:
        return None
    shown, rest = rows[:CHART_ROWS], rows[CHART_ROWS:]
    labels = [task_row_label(row) for row in shown]
    values = {bucket: [row.buckets[bucket] for row in shown] for bucket in Bucket.values}
    if rest:
        labels.append(_("Other units"))
        for bucket in Bucket.values:
            values[bucket].append(sum(row.buckets[bucket] for row in rest))
    series = [
        charts.Series(str(bucket.label), charts.BUCKET_COLOURS[bucket], values[bucket])
        for bucket in Bucket
    ]
    return charts.stacked_bars(labels, series, title=_("Key tasks by unit"))


def case_chart(review: AnnualReview) -> bytes | None:
    rows = review.figures.cases.by_category
    if not rows:
        return None
    values = [
        [row.on_time for row in rows],
        [row.resolved - row.on_time for row in rows],
        [row.open - row.overdue for row in rows],
        [row.overdue for row in rows],
    ]
    names = [_("Resolved on time"), _("Resolved late"), _("Open, in time"), _("Open, overdue")]
    series = [
        charts.Series(name, colour, data)
        for name, colour, data in zip(names, CASE_COLOURS, values, strict=True)
    ]
    labels = [case_label(row) for row in rows]
    return charts.stacked_bars(labels, series, title=_("Grassroots cases by category"))


def award_chart(review: AnnualReview) -> bytes | None:
    rows = review.figures.awards.rows
    if not rows:
        return None
    series = [
        charts.Series(_("Collectives"), "#6f42c1", [row.collective for row in rows]),
        charts.Series(_("Individuals"), "#fd7e14", [row.individual for row in rows]),
    ]
    labels = [row.title.label for row in rows]
    return charts.stacked_bars(labels, series, title=_("Awards by title"))
