"""The implementation review of a guiding document as a .docx, in the reviewing unit's
issuer layout and signed by its head: the annual review's heading and signer (reused
from reviews.annual), its task tables, and a chart drawn by reviews.charts."""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.documents import FormalDocument
from mandate.core.text import fold
from mandate.org.models import User
from mandate.reviews import charts
from mandate.reviews.annual.content import issuer_heading, signer
from mandate.reviews.annual.document import more_line
from mandate.reviews.annual.tables import (
    blank_number,
    bucket_header,
    day,
    late_table,
    pending_table,
    rate,
    short,
)
from mandate.reviews.directive.content import DirectiveReview
from mandate.reviews.selectors import TaskRow
from mandate.work.models import Bucket

CHART_WIDTH_CM = 15.5
TABLE_UNITS = 25  # lead units in the printed table and chart; the others in one row


def document_name(review: DirectiveReview) -> str:
    document = review.document
    return _("%(type)s No. %(symbol)s") % {
        "type": document.document_type.name,
        "symbol": document.symbol,
    }


def title(review: DirectiveReview) -> str:
    if review.is_preliminary:
        text = _("Preliminary review of the implementation of %(document)s")
    else:
        text = _("Final review of the implementation of %(document)s")
    return text % {"document": document_name(review)}


def file_name(review: DirectiveReview) -> str:
    """ "bao-cao-so-ket-35-ct-tw.docx" (ASCII)."""
    stem = "bao-cao-so-ket" if review.is_preliminary else "bao-cao-tong-ket"
    symbol = re.sub(r"[^a-z0-9]+", "-", fold(review.document.symbol)).strip("-")
    return f"{stem}-{symbol or review.document.pk}.docx"


def review_docx(
    review: DirectiveReview, *, user: User, today: datetime.date | None = None
) -> bytes:
    today = today or timezone.localdate()
    heading = issuer_heading(review.unit, today)
    document = FormalDocument(
        heading,
        number=blank_number(heading),
        issued_on=today,
        kind=_("REPORT"),
        title=title(review),
    )
    _document_and_tasks(document, review)
    _results(document, review)
    _shortcomings(document, review)
    _next_steps(document, review)
    document.sign(
        signer(user=user, unit=review.unit, profile=heading.profile), recipients=_recipients(review)
    )
    return document.to_bytes()


def _document_and_tasks(document: FormalDocument, review: DirectiveReview) -> None:
    source = review.document
    document.heading("I. " + _("THE DOCUMENT AND HOW IT WAS PUT INTO TASKS"))
    document.paragraph(
        _("%(document)s of %(issuer)s, issued on %(issued)s: %(title)s.")
        % {
            "document": document_name(review),
            "issuer": source.issuer,
            "issued": day(source.issued_on),
            "title": source.title,
        }
    )
    totals = review.totals
    if not totals.total:
        document.paragraph(
            _("%(unit)s and the units below it have no task carrying out this document yet.")
            % {"unit": review.unit}
        )
        return
    document.paragraph(
        ngettext(
            "%(unit)s and the units below it put it into %(total)s task, led by %(units)s "
            "unit(s): %(direct)s citing the document itself and %(plans)s through a plan "
            "that cites it.",
            "%(unit)s and the units below it put it into %(total)s tasks, led by %(units)s "
            "unit(s): %(direct)s citing the document itself and %(plans)s through a plan "
            "that cites it.",
            totals.total,
        )
        % {
            "unit": review.unit,
            "total": totals.total,
            "units": len(review.rows),
            "direct": review.direct,
            "plans": review.through_plans,
        }
    )


def _results(document: FormalDocument, review: DirectiveReview) -> None:
    document.heading("II. " + _("RESULTS BY UNIT"))
    totals = review.totals
    document.paragraph(
        _(
            "As of %(as_of)s: %(on_time)s done on time (%(rate)s), %(late)s done late, "
            "%(in_time)s pending within the deadline and %(overdue)s pending past it."
        )
        % {
            "as_of": day(review.as_of),
            "on_time": totals.buckets[Bucket.DONE_ON_TIME],
            "rate": rate(totals.on_time_rate),
            "late": totals.buckets[Bucket.DONE_LATE],
            "in_time": totals.buckets[Bucket.PENDING_IN_TIME],
            "overdue": totals.buckets[Bucket.PENDING_OVERDUE],
        }
    )
    if not totals.total:
        return
    rows = _printed_rows(review)
    header = [_("Unit"), *bucket_header(), _("Total"), _("On time")]
    body = [_unit_cells(label, row) for label, row in rows]
    body.append(_unit_cells(_("Total"), totals))
    align = ["left"] + ["center"] * (len(header) - 1)
    document.table(header, body, widths_cm=[5.0, 1.85, 1.85, 1.85, 1.85, 1.6, 2.5], align=align)
    png = charts.stacked_bars(
        [label for label, _row in rows],
        [
            charts.Series(
                str(bucket.label),
                charts.BUCKET_COLOURS[bucket],
                [row.buckets[bucket] for _label, row in rows],
            )
            for bucket in Bucket
        ],
    )
    document.image(
        png, width_cm=CHART_WIDTH_CM, caption=_("Chart: tasks by lead unit and where they stand")
    )


def _printed_rows(review: DirectiveReview) -> list[tuple[str, TaskRow]]:
    """The lead units in tree order; past TABLE_UNITS, the busiest, then the others as one."""
    if len(review.rows) <= TABLE_UNITS:
        return [(str(row.unit), row) for row in review.rows]
    kept = sorted(review.rows, key=lambda row: -row.total)[: TABLE_UNITS - 1]
    others = TaskRow(unit=review.unit)
    for row in review.rows:
        if row not in kept:
            others.add(row.buckets)
    printed = [(str(row.unit), row) for row in review.rows if row in kept]
    return [*printed, (_("Other units"), others)]


def _unit_cells(label: str, row: TaskRow) -> list:
    return [
        label,
        *(row.buckets[bucket] for bucket in Bucket.values),
        row.total,
        rate(row.on_time_rate),
    ]


def _shortcomings(document: FormalDocument, review: DirectiveReview) -> None:
    document.heading("III. " + _("SHORTCOMINGS AND LIMITATIONS"))
    overdue, late = review.overdue, review.late
    document.paragraph(
        _(
            "Tasks still pending past their deadline on %(as_of)s: %(overdue)s; tasks done "
            "after their deadline: %(late)s."
        )
        % {"as_of": day(review.as_of), "overdue": overdue.total, "late": late.total}
    )
    if overdue.items:
        document.heading("1. " + _("Overdue"), level=2)
        _task_table(document, pending_table(overdue.items), [1.1, 7.9, 3.8, 2.2, 1.5])
        more_line(document, overdue.more)
    if late.items:
        document.heading("2. " + _("Done late, the latest first"), level=2)
        _task_table(document, late_table(late.items), [1.1, 6.4, 3.4, 2.1, 2.1, 1.4])
        more_line(document, late.more)


def _next_steps(document: FormalDocument, review: DirectiveReview) -> None:
    document.heading("IV. " + _("NEXT STEPS"))
    unfinished = review.unfinished
    document.heading("1. " + _("Unfinished tasks"), level=2)
    document.paragraph(
        ngettext(
            "%(count)s task is not finished; the lead units carry it on to the end.",
            "%(count)s tasks are not finished; the lead units carry them on to the end.",
            unfinished.total,
        )
        % {"count": unfinished.total}
    )
    if unfinished.items:
        _task_table(document, pending_table(unfinished.items), [1.1, 7.9, 3.8, 2.2, 1.5])
        more_line(document, unfinished.more)
    document.heading("2. " + _("The next reviews"), level=2)
    upcoming = review.next_milestones
    if not upcoming:
        document.paragraph(_("No further review of this document is scheduled."))
        return
    header = [_("Due"), _("Review"), _("Responsible unit")]
    body = [
        [
            day(milestone.due_on),
            short(milestone.title or milestone.get_kind_display()),
            str(milestone.responsible_unit),
        ]
        for milestone in upcoming
    ]
    document.table(header, body, widths_cm=[2.5, 8.5, 5.5], align=["center", "left", "left"])


def _task_table(document: FormalDocument, table, widths: list[float]) -> None:
    header, body = table
    align = ["center", "left", "left"] + ["center"] * (len(header) - 3)
    document.table(header, body, widths_cm=widths, align=align)


def _recipients(review: DirectiveReview) -> list[str]:
    unit = review.unit
    if unit.parent_id:
        found = [_("%(unit)s (for reporting)") % {"unit": unit.parent}]
    else:
        found = [_("The standing committee (for reporting)")]
    found.append(_("The leaders of the unit"))
    if any(row.unit != unit for row in review.rows):
        found.append(_("The units below"))
    found.append(_("Archive: office"))
    return found
