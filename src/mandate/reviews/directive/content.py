"""What the implementation review of one guiding document says, read for one reader.

A task implements the document when its own source documents cite it or, citing none,
its plan does: the rule of the annual review's "by guiding document" table
(annual/content.py), so the two agree. Only tasks led in the reviewing unit's subtree
count, cancelled ones never. Figures are grouped aggregates in SQL, one row per lead unit.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from mandate.directives.models import Document, ReviewMilestone
from mandate.directives.selectors import milestones_of
from mandate.org.models import Membership, Unit, User
from mandate.reviews.annual.content import LISTED, Listed, task_lists
from mandate.reviews.selectors import TaskRow, units_for
from mandate.work.models import Plan, Task, bucket_conditions

PRELIMINARY = ReviewMilestone.Kind.PRELIMINARY
FINAL = ReviewMilestone.Kind.FINAL


@dataclass
class DirectiveReview:
    document: Document
    unit: Unit  # the reviewing unit: its subtree's tasks are counted
    kind: str  # PRELIMINARY or FINAL
    as_of: datetime.date
    totals: TaskRow
    rows: list[TaskRow]  # one per lead unit with tasks, higher units first
    direct: int  # tasks citing the document themselves (the others through their plan)
    milestones: list[ReviewMilestone]
    overdue: Listed  # pending past the deadline, the oldest deadline first
    late: Listed  # done after the deadline, the latest first
    unfinished: Listed  # pending, overdue or not, by deadline

    @property
    def through_plans(self) -> int:
        return self.totals.total - self.direct

    @property
    def next_milestones(self) -> list[ReviewMilestone]:
        return [milestone for milestone in self.milestones if milestone.done_on is None]

    @property
    def is_preliminary(self) -> bool:
        return self.kind == PRELIMINARY


def directive_review(
    *,
    user: User,
    document: Document,
    unit: Unit,
    kind: str | None = None,
    today: datetime.date | None = None,
    listed: int = LISTED,
) -> DirectiveReview:
    """The review of `document`'s implementation in `unit`'s subtree, as `user` sees it.

    `kind` None: preliminary when the next open milestone is a preliminary review."""
    as_of = today or timezone.localdate()
    tasks = implementing_tasks(user=user, document=document, unit=unit)
    totals, rows, direct = _by_lead_unit(tasks, document=document, unit=unit, as_of=as_of)
    milestones = list(milestones_of(document=document))
    if kind not in (PRELIMINARY, FINAL):
        upcoming = [milestone for milestone in milestones if milestone.done_on is None]
        kind = PRELIMINARY if upcoming and upcoming[0].kind == PRELIMINARY else FINAL
    overdue, late, unfinished = task_lists(
        tasks.select_related("lead_unit"), totals.buckets, as_of, listed
    )
    return DirectiveReview(
        document=document,
        unit=unit,
        kind=kind,
        as_of=as_of,
        totals=totals,
        rows=rows,
        direct=direct,
        milestones=milestones,
        overdue=overdue,
        late=late,
        unfinished=unfinished,
    )


def implementing_tasks(*, user: User, document: Document, unit: Unit):
    """The tasks carrying out `document` that `user` sees, led in `unit`'s subtree."""
    own = Task.source_documents.through.objects
    cites_any = Exists(own.filter(task=OuterRef("pk")))
    plan_cites = Exists(
        Plan.source_documents.through.objects.filter(plan=OuterRef("plan_id"), document=document)
    )
    return (
        Task.objects.visible_to(user)
        .filter(_cites(document) | (~cites_any & plan_cites), lead_unit__in=unit.subtree())
        .exclude(status=Task.Status.CANCELLED)
        .order_by()
    )


def _cites(document: Document) -> Exists:
    own = Task.source_documents.through.objects
    return Exists(own.filter(task=OuterRef("pk"), document=document))


def _by_lead_unit(
    tasks, *, document: Document, unit: Unit, as_of: datetime.date
) -> tuple[TaskRow, list[TaskRow], int]:
    conditions = bucket_conditions(as_of).items()
    counts = {bucket: Count("pk", filter=condition) for bucket, condition in conditions}
    groups = list(
        tasks.alias(cites=_cites(document))
        .values("lead_unit_id")
        .annotate(**counts, direct=Count("pk", filter=Q(cites=True)))
    )
    # The ids come from tasks the reader sees, so their lead units are theirs to name.
    units = Unit.objects.dangerously_unscoped().filter(pk__in=[g["lead_unit_id"] for g in groups])
    by_unit = {group["lead_unit_id"]: group for group in groups}
    totals = TaskRow(unit=unit)
    rows = []
    for lead in units.in_tree_order():
        row = TaskRow(unit=lead)
        row.add(by_unit[lead.pk])
        totals.add(by_unit[lead.pk])
        rows.append(row)
    return totals, rows, sum(group["direct"] for group in groups)


# The reviewing unit -----------------------------------------------------------------------


def reviewing_unit(*, user: User, document: Document) -> Unit | None:
    """The user's highest unit that sees the document (the document's unit, one above it or
    one below it); failing that, the document's own unit when the user sees it."""
    memberships = (
        Membership.objects.filter(user=user, is_active=True, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__depth", "unit__search_text")
    )
    kept = document.unit.path
    for membership in memberships:
        path = membership.unit.path
        if path.startswith(kept) or kept.startswith(path):
            return membership.unit
    return units_for(user=user).filter(pk=document.unit_id).first()
