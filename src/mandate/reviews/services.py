"""What the year-end review writes: next year's draft plan, drawn from its "direction for
next year" (unfinished key tasks, reviews of guiding documents, round anniversaries).

Every row is written through mandate.work.services, so the plan's own rules (the period,
the lead unit below the plan's unit, the audit trail) hold for the draft as for any plan.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mandate.directives.models import ReviewMilestone
from mandate.observances.calendar import Occurrence
from mandate.observances.models import CampaignTemplate
from mandate.org.models import Unit, User
from mandate.org.selectors import can_lead
from mandate.reviews.annual.content import round_anniversaries_of
from mandate.work import services as work
from mandate.work.models import Plan, Task

# How long before an occurrence its communication plan is due when no campaign template
# is suggested for the observance (the catalogue's own "plan" step is 45 days ahead).
DEFAULT_LEAD_DAYS = 45
UNFINISHED = [Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS]


def next_year_plan_title(*, year: int) -> str:
    """The draft's title for the review of `year`, in the active language."""
    # Translators: "Chương trình công tác năm 2027 (dự thảo từ tổng kết năm 2026)".
    return _("Work programme for %(next)s (draft from the review of %(year)s)") % {
        "next": year + 1,
        "year": year,
    }


def existing_next_year_plan(*, unit: Unit, year: int, by: User) -> Plan | None:
    """The plan already drafted from this review, whatever its title has become."""
    return (
        Plan.objects.visible_to(by)
        .filter(unit=unit, drafted_from_review_of=year)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def draft_next_year_plan(*, unit: Unit, year: int, by: User) -> Plan:
    """A DRAFT plan of `unit` for `year` + 1 drawn from the review of `year`, for a leader
    of the unit to edit and approve on the plan's page. Made once per unit and year."""
    if not can_lead(user=by, unit=unit):
        raise ValidationError(_("Only a leader of the unit can draft its next year's plan."))
    existing = existing_next_year_plan(unit=unit, year=year, by=by)
    if existing is not None:
        url = reverse("work:plan-detail", args=[existing.pk])
        raise ValidationError(
            _("A plan was already drafted from the review of %(year)s: %(url)s"),
            code="exists",
            params={"year": year, "url": url, "plan": existing},
        )
    # The plan is a document of the unit: written in the site's language, not the reader's.
    with translation.override(settings.LANGUAGE_CODE):
        plan = work.create_plan(
            unit=unit,
            title=next_year_plan_title(year=year),
            period_start=datetime.date(year + 1, 1, 1),
            period_end=datetime.date(year + 1, 12, 31),
            drafted_from_review_of=year,
            by=by,
        )
        for task in carried_over_tasks(unit=unit, year=year, by=by):
            _carry_over(task, plan=plan, by=by)
        for milestone in milestones_due(unit=unit, year=year + 1, by=by):
            _review_task(milestone, plan=plan, by=by)
        anniversaries = round_anniversaries_of(unit=unit, year=year + 1)
        offsets = template_offsets(anniversaries)
        for occurrence in anniversaries:
            lead = offsets.get(occurrence.observance.pk, DEFAULT_LEAD_DAYS)
            _anniversary_task(occurrence, lead_days=lead, plan=plan, by=by)
    return plan


# What the draft carries ---------------------------------------------------------------


def carried_over_tasks(*, unit: Unit, year: int, by: User) -> list[Task]:
    """Key tasks of the subtree due in `year`, not done nor cancelled, that `by` sees. A
    task cascaded from one carried over is left out: its parent brings it back."""
    tasks = list(
        Task.objects.visible_to(by)
        .filter(
            is_key=True,
            due_on__year=year,
            lead_unit__in=unit.subtree(),
            status__in=UNFINISHED,
        )
        .select_related("lead_unit")
        .prefetch_related("source_documents", "coordinating_units")
        .order_by("due_on", "pk")
    )
    carried = {task.pk for task in tasks}
    return [task for task in tasks if task.parent_id not in carried]


def milestones_due(*, unit: Unit, year: int, by: User):
    """Reviews of guiding documents the subtree must hold in `year`, not yet held."""
    return (
        ReviewMilestone.objects.visible_to(by)
        .filter(responsible_unit__in=unit.subtree(), due_on__year=year, done_on__isnull=True)
        .select_related("document", "responsible_unit")
        .order_by("due_on", "pk")
    )


def template_offsets(found: list[Occurrence]) -> dict[int, int]:
    """Observance pk -> days ahead of its first step, from the campaign template suggested
    for it (the oldest active one with a step before the date)."""
    templates = (
        CampaignTemplate.objects.filter(
            observance__in=[occurrence.observance.pk for occurrence in found], is_active=True
        )
        .annotate(first_step=Min("steps__offset_days"))
        .filter(first_step__lt=0)
        .order_by("-pk")  # the oldest last, so that it wins below
        .values_list("observance_id", "first_step")
    )
    return {observance: -first_step for observance, first_step in templates}


def _carry_over(task: Task, *, plan: Plan, by: User) -> Task:
    note = _("Carried over from task #%(pk)s of %(year)s, due %(due)s.") % {
        "pk": task.pk,
        "year": task.due_on.year,
        "due": task.due_on.strftime("%d/%m/%Y"),
    }
    return work.create_task(
        plan=plan,
        lead_unit=task.lead_unit,
        content=task.content,
        method=task.method,
        expected_output=task.expected_output,
        due_on=_a_year_later(task.due_on),
        is_key=True,
        local_note="\n".join(filter(None, [note, task.local_note])),
        source_documents=task.source_documents.all(),
        coordinating_units=task.coordinating_units.all(),
        by=by,
    )


def _review_task(milestone: ReviewMilestone, *, plan: Plan, by: User) -> Task:
    symbol = milestone.document.symbol
    if milestone.kind == ReviewMilestone.Kind.FINAL:
        content = _("Final review of the implementation of %(symbol)s") % {"symbol": symbol}
    else:
        content = _("Preliminary review of the implementation of %(symbol)s") % {"symbol": symbol}
    return work.create_task(
        plan=plan,
        lead_unit=milestone.responsible_unit,
        content=content,
        due_on=milestone.due_on,
        is_key=True,
        source_documents=[milestone.document],
        by=by,
    )


def _anniversary_task(occurrence: Occurrence, *, lead_days: int, plan: Plan, by: User) -> Task:
    # Translators: %(anniversary)s is already "kỷ niệm 80 năm" in Vietnamese, so:
    # "Xây dựng kế hoạch tuyên truyền %(anniversary)s %(observance)s".
    content = _("Draw up the communication plan for the %(anniversary)s of %(observance)s") % {
        "anniversary": occurrence.anniversary_label,
        "observance": occurrence.observance.label,
    }
    due_on = occurrence.date - datetime.timedelta(days=lead_days)
    return work.create_task(
        plan=plan,
        lead_unit=plan.unit,
        content=content,
        due_on=max(due_on, plan.period_start),  # an early-January day: due on the 1st
        is_key=True,
        local_note=_("For %(date)s.") % {"date": occurrence.date.strftime("%d/%m/%Y")},
        by=by,
    )


def _a_year_later(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29/02
        return day.replace(year=day.year + 1, day=28)
