"""The year-end review as a .docx in the issuer's layout (core.documents draws it).

The words are the reader's (gettext, English msgids); the formal parts (heading block,
"Số", place and date, "Nơi nhận:") are the writer's. Every figure is read from the
AnnualReview, whose figures are the dashboard's.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandate.core.documents import FormalDocument
from mandate.reviews.annual.content import AnnualReview
from mandate.reviews.annual.tables import (
    anniversary_table,
    award_chart,
    award_table,
    blank_number,
    campaign_table,
    case_chart,
    case_table,
    day,
    document_table,
    late_table,
    milestone_table,
    pending_table,
    practice_table,
    rate,
    task_chart,
    task_table,
    title,
    training_table,
)
from mandate.work.models import Bucket

TEXT_WIDTH_CM = 16.5  # A4 portrait between the 30 and 15 mm margins
CHART_WIDTH_CM = 15.5
# Units in the printed table (the annex has them all): a long table is hard to read, and
# core.documents fills a table cell by cell in quadratic time.
TABLE_UNITS = 25


def review_docx(review: AnnualReview) -> bytes:
    document = FormalDocument(
        review.heading,
        number=blank_number(review.heading),
        issued_on=review.generated_on,
        kind=_("REPORT"),
        title=title(review),
    )
    _opening(document, review)
    document.heading("I. " + _("RESULTS OF %(year)s") % {"year": review.year})
    for section in (_tasks, _documents, _cases, _campaigns, _training, _practices, _awards):
        section(document, review)
    document.heading("II. " + _("SHORTCOMINGS AND LIMITATIONS"))
    _late_work(document, review)
    _unresolved(document, review)
    document.heading("III. " + _("DIRECTION AND TASKS FOR %(year)s") % {"year": review.next_year})
    _direction(document, review)
    document.sign(review.signature, recipients=recipients(review))
    return document.to_bytes()


def _opening(document: FormalDocument, review: AnnualReview) -> None:
    document.paragraph(
        _(
            "%(unit)s reviews its work in %(year)s and sets out the direction for %(next)s. "
            "The figures are those of the platform for %(unit)s and the units below it, as of "
            "%(as_of)s; the annex (.xlsx) holds the tables they come from."
        )
        % {
            "unit": review.unit,
            "year": review.year,
            "next": review.next_year,
            "as_of": day(review.as_of),
        }
    )


def _table(document, table, widths: list[float], numbers_from: int = 1) -> None:
    header, body = table
    align = ["left"] * numbers_from + ["center"] * (len(header) - numbers_from)
    document.table(header, body, widths_cm=widths, align=align)


def _chart(document, png: bytes | None, caption: str) -> None:
    if png:
        document.image(png, width_cm=CHART_WIDTH_CM, caption=caption)


def _tasks(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("1. " + _("Key tasks"), level=2)
    tasks = review.figures.tasks
    totals = tasks.totals
    if not totals.total:
        document.paragraph(_("No key task was due in %(year)s.") % {"year": review.year})
        return
    document.paragraph(
        ngettext(
            "In %(year)s, %(total)s key task was due: %(on_time)s done on time (%(rate)s), "
            "%(late)s done late, %(in_time)s pending within the deadline and %(overdue)s "
            "pending past it, as of %(as_of)s.",
            "In %(year)s, %(total)s key tasks were due: %(on_time)s done on time (%(rate)s), "
            "%(late)s done late, %(in_time)s pending within the deadline and %(overdue)s "
            "pending past it, as of %(as_of)s.",
            totals.total,
        )
        % {
            "year": review.year,
            "total": totals.total,
            "on_time": totals.buckets[Bucket.DONE_ON_TIME],
            "rate": rate(totals.on_time_rate),
            "late": totals.buckets[Bucket.DONE_LATE],
            "in_time": totals.buckets[Bucket.PENDING_IN_TIME],
            "overdue": totals.buckets[Bucket.PENDING_OVERDUE],
            "as_of": day(tasks.as_of),
        }
    )
    table = task_table(review, limit=TABLE_UNITS)
    _table(document, table, [5.0, 1.85, 1.85, 1.85, 1.85, 1.6, 2.5])
    if len(table[1]) - 1 < len(tasks.rows):
        document.paragraph(
            _("The annex lists every unit, those without a key task due in the year too."),
            italic=True,
        )
    _chart(document, task_chart(review), _("Chart 1: key tasks by unit and where they stand"))


def _documents(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("2. " + _("Results by guiding document"), level=2)
    if not review.by_document:
        document.paragraph(_("No key task was due in %(year)s.") % {"year": review.year})
        return
    document.paragraph(
        _(
            "Key tasks by the guiding document they carry out (the task's own source "
            "documents, else those of its plan); a task drawn from several documents counts "
            "under each."
        )
    )
    _table(document, document_table(review, limit=TABLE_UNITS), [8.5, 2.0, 2.0, 2.0, 2.0])


def _cases(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("3. " + _("The grassroots picture"), level=2)
    cases = review.figures.cases
    totals = cases.totals
    document.paragraph(
        _(
            "Cases received from the grassroots in %(year)s: %(received)s; resolved: "
            "%(resolved)s, of which %(on_time)s on time (%(rate)s); still open: %(open)s, "
            "of which %(overdue)s overdue."
        )
        % {
            "year": review.year,
            "received": totals.received,
            "resolved": totals.resolved,
            "on_time": totals.on_time,
            "rate": rate(totals.on_time_rate),
            "open": totals.open,
            "overdue": totals.overdue,
        }
    )
    if not totals.received:
        return
    places = [row for row in cases.by_locality if row.key is not None][:3]
    if places:
        document.paragraph(
            _("The communes and wards with the most cases: %(places)s.")
            % {"places": ", ".join(f"{row.label} ({row.received})" for row in places)}
        )
    table = case_table(cases.by_category, _("Category"), totals)
    _table(document, table, [5.0, 2.0, 2.0, 2.5, 2.5, 2.5])
    _chart(document, case_chart(review), _("Chart 2: grassroots cases by category and outcome"))


def _campaigns(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("4. " + _("Communication campaigns"), level=2)
    campaigns = review.figures.campaigns
    document.paragraph(
        _(
            "Campaigns held: %(count)s, of which %(organised)s organised by the unit or a unit "
            "below it; campaign tasks done: %(done)s of %(tasks)s (%(completion)s); guidance "
            "acknowledged by %(acknowledged)s of %(targets)s target units (%(rate)s)."
        )
        % {
            "count": campaigns.count,
            "organised": campaigns.organised,
            "done": campaigns.done,
            "tasks": campaigns.tasks,
            "completion": rate(campaigns.completion),
            "acknowledged": campaigns.acknowledged,
            "targets": campaigns.targets,
            "rate": rate(campaigns.acknowledgement),
        }
    )
    if campaigns.rows:
        _table(document, campaign_table(review), [5.3, 3.5, 2.2, 1.3, 1.3, 1.5, 1.4], 2)


def _training(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("5. " + _("Training"), level=2)
    training = review.figures.training
    document.paragraph(
        _(
            "People in the unit and the units below it: %(people)s; %(coverage)s meet every "
            "training requirement of their position. Courses completed in %(year)s: "
            "%(courses)s, by %(trained)s people. Missing levels at the end of the year: "
            "%(gaps)s, for %(with_gaps)s people."
        )
        % {
            "people": training.people,
            "coverage": rate(training.coverage),
            "year": review.year,
            "courses": training.courses,
            "trained": training.trained,
            "gaps": training.gaps,
            "with_gaps": training.people_with_gaps,
        }
    )
    if training.by_subject:
        _table(document, training_table(review), [10.5, 3.0, 3.0])


def _practices(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("6. " + _("Good models"), level=2)
    practices = review.figures.practices
    document.paragraph(
        _(
            "Good models recorded in %(year)s: %(proposed)s; recognised: %(recognised)s. "
            "Replications adopted by the unit and the units below it: %(adopted)s; requests "
            "to replicate still open: %(asked)s; the unit's models taken up elsewhere: "
            "%(spread)s."
        )
        % {
            "year": review.year,
            "proposed": practices.proposed,
            "recognised": practices.recognised,
            "adopted": practices.adopted,
            "asked": practices.asked,
            "spread": practices.spread,
        }
    )
    if practices.by_category:
        _table(document, practice_table(review), [10.5, 3.0, 3.0])


def _awards(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("7. " + _("Emulation and commendation"), level=2)
    awards = review.figures.awards
    document.paragraph(
        _(
            "Awards of %(year)s in the register: %(total)s, %(collective)s to collectives "
            "and %(individual)s to individuals."
        )
        % {
            "year": review.year,
            "total": awards.total,
            "collective": awards.collective,
            "individual": awards.individual,
        }
    )
    if awards.rows:
        _table(document, award_table(review), [9.0, 2.5, 2.5, 2.5])
        _chart(document, award_chart(review), _("Chart 3: awards by title"))


def more_line(document: FormalDocument, count: int) -> None:
    """ "… and N more." under a list cut short (the directive review's too)."""
    if count:
        document.paragraph(
            ngettext("… and %(count)s more.", "… and %(count)s more.", count) % {"count": count},
            italic=True,
        )


def _late_work(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("1. " + _("Overdue and late key tasks"), level=2)
    overdue, late = review.overdue, review.late
    document.paragraph(
        _(
            "Key tasks still pending past their deadline on %(as_of)s: %(overdue)s; key tasks "
            "done after their deadline: %(late)s."
        )
        % {"as_of": day(review.as_of), "overdue": overdue.total, "late": late.total}
    )
    if overdue.items:
        document.heading("a) " + _("Overdue"), level=3)
        table = pending_table(overdue.items)
        _table(document, table, [1.1, 7.9, 3.8, 2.2, 1.5], 2)
        more_line(document, overdue.more)
    if late.items:
        document.heading("b) " + _("Done late, the latest first"), level=3)
        _table(document, late_table(late.items), [1.1, 6.4, 3.4, 2.1, 2.1, 1.4], 2)
        more_line(document, late.more)


def _unresolved(document: FormalDocument, review: AnnualReview) -> None:
    document.heading("2. " + _("Unresolved grassroots cases"), level=2)
    totals = review.figures.cases.totals
    document.paragraph(
        _("Cases of %(year)s still open: %(open)s, of which %(overdue)s past their deadline.")
        % {"year": review.year, "open": totals.open, "overdue": totals.overdue}
    )
    categories = review.overdue_categories
    if categories:
        document.paragraph(
            _("Most overdue cases concern: %(categories)s.")
            % {"categories": ", ".join(f"{row.label} ({row.overdue})" for row in categories)}
        )


def _direction(document: FormalDocument, review: AnnualReview) -> None:
    carried = review.carried_over
    document.heading("1. " + _("Unfinished tasks to carry over"), level=2)
    document.paragraph(
        ngettext(
            "%(count)s key task of %(year)s was not finished on %(as_of)s and carries over "
            "to %(next)s.",
            "%(count)s key tasks of %(year)s were not finished on %(as_of)s and carry over "
            "to %(next)s.",
            carried.total,
        )
        % {
            "count": carried.total,
            "year": review.year,
            "as_of": day(review.as_of),
            "next": review.next_year,
        }
    )
    if carried.items:
        _table(document, pending_table(carried.items), [1.1, 7.9, 3.8, 2.2, 1.5], 2)
        more_line(document, carried.more)
    document.heading(
        "2. " + _("Reviews of guiding documents due in %(year)s") % {"year": review.next_year},
        level=2,
    )
    milestones = review.milestones
    if milestones.items:
        _table(document, milestone_table(review), [2.2, 8.3, 2.5, 3.5], 0)
        more_line(document, milestones.more)
    else:
        document.paragraph(_("No review of a guiding document is due."))
    document.heading(
        "3. " + _("Round anniversaries of %(year)s") % {"year": review.next_year}, level=2
    )
    if review.anniversaries:
        document.paragraph(
            _("Communication plans and campaigns should be prepared for these anniversaries.")
        )
        _table(document, anniversary_table(review), [2.5, 10.0, 4.0], 0)
    else:
        document.paragraph(_("No round anniversary falls in the year."))
    _other_tasks(document, review)


def _other_tasks(document: FormalDocument, review: AnnualReview) -> None:
    figures = review.figures
    lines = []
    if figures.cases.totals.open:
        lines.append(
            _("Resolve the %(open)s grassroots cases still open, the %(overdue)s overdue first.")
            % {"open": figures.cases.totals.open, "overdue": figures.cases.totals.overdue}
        )
    if figures.training.gaps:
        lines.append(
            _("Close the %(gaps)s training gaps of %(people)s people.")
            % {"gaps": figures.training.gaps, "people": figures.training.people_with_gaps}
        )
    if figures.practices.asked:
        lines.append(
            _("Answer the %(asked)s requests to replicate good models.")
            % {"asked": figures.practices.asked}
        )
    if lines:
        document.heading("4. " + _("Other tasks"), level=2)
        for line in lines:
            document.paragraph(f"- {line}")


def recipients(review: AnnualReview) -> list[str]:
    unit = review.unit
    found = []
    if unit.parent_id:
        found.append(_("%(unit)s (for reporting)") % {"unit": unit.parent})
    else:
        found.append(_("The standing committee (for reporting)"))
    found.append(_("The leaders of the unit"))
    if review.has_children:
        found.append(_("The units below"))
    found.append(_("Archive: office"))
    return found
