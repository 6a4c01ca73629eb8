"""What the year-end review says, read for one reader: the dashboard's figures (the very
same selector call, so the two never disagree) and the few lists a written review adds.

Every read goes through `visible_to(user)`; "the unit" is the unit and every unit below
it. Lists are cut at LISTED rows and say how many more there are; the counts they are
cut from are the dashboard's, so "and 12 more" adds up to the figure printed above.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from mandate.core.documents import (
    PARTY,
    SIGNING_PREFIXES,
    STATE,
    Heading,
    Signature,
    heading_from_issuer,
)
from mandate.directives.models import Document, ReviewMilestone
from mandate.directives.services import issuing_profile
from mandate.observances.calendar import Occurrence, occurrences
from mandate.observances.models import Observance
from mandate.observances.selectors import round_anniversaries
from mandate.org.models import Membership, Role, Unit, User
from mandate.reviews import selectors
from mandate.reviews.selectors.common import percent
from mandate.work.models import Bucket, Task, bucket_conditions

LISTED = 10  # tasks listed in each list of the review; the rest are counted
MILESTONES_LISTED = 30
# Kinds of unit whose documents follow the party layout when they have no issuer profile:
# the department, its divisions and the communes' party committees (DOMAIN.md §0).
PARTY_KINDS = {Unit.Kind.DEPARTMENT, Unit.Kind.DIVISION, Unit.Kind.COMMUNE}


@dataclass
class DocumentRow:
    """Key tasks drawn from one guiding document (`document` None: from none)."""

    document: Document | None
    buckets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Bucket.values, 0))

    @property
    def tasks(self) -> int:
        return sum(self.buckets.values())

    @property
    def done(self) -> int:
        return self.buckets[Bucket.DONE_ON_TIME] + self.buckets[Bucket.DONE_LATE]

    @property
    def on_time(self) -> int:
        return self.buckets[Bucket.DONE_ON_TIME]

    @property
    def on_time_rate(self) -> int | None:
        return percent(self.on_time, self.tasks)

    def add(self, counts: dict) -> None:
        for bucket in Bucket.values:
            self.buckets[bucket] += counts[bucket]


@dataclass
class Listed:
    """The first rows of a list and how many more it has."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


def task_lists(
    tasks, buckets: dict[str, int], as_of: datetime.date, limit: int = LISTED
) -> tuple[Listed, Listed, Listed]:
    """The overdue (oldest deadline first), late (latest first) and unfinished (by deadline)
    tasks among `tasks`, each cut at `limit` and counted from `buckets` (their figures)."""
    conditions = bucket_conditions(as_of)
    overdue, in_time = conditions[Bucket.PENDING_OVERDUE], conditions[Bucket.PENDING_IN_TIME]
    lateness = ExpressionWrapper(F("completed_on") - F("due_on"), output_field=DurationField())

    def listed(condition, total: int, *order) -> Listed:
        return Listed(items=list(tasks.filter(condition).order_by(*order)[:limit]), total=total)

    return (
        listed(overdue, buckets[Bucket.PENDING_OVERDUE], "due_on", "pk"),
        listed(conditions[Bucket.DONE_LATE], buckets[Bucket.DONE_LATE], lateness.desc(), "pk"),
        listed(
            overdue | in_time,
            buckets[Bucket.PENDING_OVERDUE] + buckets[Bucket.PENDING_IN_TIME],
            "due_on",
            "pk",
        ),
    )


@dataclass
class AnnualReview:
    unit: Unit
    year: int
    generated_on: datetime.date
    figures: selectors.Dashboard
    by_document: list[DocumentRow]
    overdue: Listed  # key tasks pending past their deadline at the reporting date
    late: Listed  # key tasks done after their deadline, the latest first
    carried_over: Listed  # key tasks not done at the reporting date
    milestones: Listed  # reviews of guiding documents due next year, not done
    anniversaries: list[Occurrence]  # next year's round anniversaries
    heading: Heading
    signature: Signature
    has_children: bool = False

    @property
    def next_year(self) -> int:
        return self.year + 1

    @property
    def as_of(self) -> datetime.date:
        return self.figures.as_of

    @property
    def overdue_categories(self) -> list[selectors.CaseRow]:
        """The categories with cases still open past their deadline, most first."""
        rows = [row for row in self.figures.cases.by_category if row.overdue]
        return sorted(rows, key=lambda row: (-row.overdue, row.label))[:5]


STEPS = 3  # annual_review calls `progress` this many times


def annual_review(
    *,
    user: User,
    unit: Unit,
    year: int,
    today: datetime.date | None = None,
    progress: Callable[[], None] = lambda: None,
) -> AnnualReview:
    """The review of `unit`'s year as `user` sees it, as of the year's end (or today)."""
    today = today or timezone.localdate()
    period = selectors.Period.of_year(year)
    figures = selectors.dashboard(user=user, unit=unit, period=period)
    progress()
    tasks = _key_tasks(user=user, unit=unit, period=period)
    as_of = figures.as_of
    by_document = tasks_by_document(user=user, tasks=tasks, as_of=as_of)
    overdue, late, carried_over = task_lists(tasks, figures.tasks.totals.buckets, as_of)
    progress()
    heading = issuer_heading(unit, today)
    review = AnnualReview(
        unit=unit,
        year=year,
        generated_on=today,
        figures=figures,
        by_document=by_document,
        overdue=overdue,
        late=late,
        carried_over=carried_over,
        milestones=next_milestones(user=user, unit=unit, year=year + 1),
        anniversaries=round_anniversaries_of(unit=unit, year=year + 1),
        heading=heading,
        signature=signer(user=user, unit=unit, profile=heading.profile),
        has_children=figures.tasks.totals.has_children,
    )
    progress()
    return review


def _key_tasks(*, user: User, unit: Unit, period: selectors.Period):
    """The tasks selectors.task_figures counts: key, due in the period, led in the subtree."""
    return (
        Task.objects.visible_to(user)
        .filter(
            is_key=True,
            due_on__gte=period.start,
            due_on__lte=period.end,
            lead_unit__in=unit.subtree(),
        )
        .select_related("lead_unit")
        .order_by()
    )


# By source document ---------------------------------------------------------------------


def tasks_by_document(*, user: User, tasks, as_of: datetime.date) -> list[DocumentRow]:
    """Key tasks by the guiding document they carry out: the task's own source documents,
    else its plan's. A task drawn from two documents counts under each; one drawn from
    none (or from a document the reader does not see) in the row without a document."""
    through = Task.source_documents.through
    own = bucket_conditions(as_of, prefix="task__")
    groups = list(
        through.objects.filter(task__in=tasks.values("pk"))
        .values("document_id")
        .annotate(**{bucket: Count("pk", filter=q) for bucket, q in own.items()})
        .order_by()
    )
    conditions = bucket_conditions(as_of)
    groups += [
        {**group, "document_id": group.pop("plan__source_documents")}
        for group in tasks.filter(~Exists(through.objects.filter(task=OuterRef("pk"))))
        .values("plan__source_documents")
        .annotate(**{bucket: Count("pk", filter=q) for bucket, q in conditions.items()})
        .order_by()
    ]
    ids = {group["document_id"] for group in groups} - {None}
    documents = Document.objects.visible_to(user).select_related("document_type").in_bulk(ids)
    rows: dict[int | None, DocumentRow] = {}
    for group in groups:
        document = documents.get(group["document_id"])
        key = document.pk if document else None
        rows.setdefault(key, DocumentRow(document=document)).add(group)
    found = [row for row in rows.values() if row.tasks]
    return sorted(found, key=lambda row: (row.document is None, -row.tasks, str(row.document)))


# Next year ------------------------------------------------------------------------------


def next_milestones(*, user: User, unit: Unit, year: int) -> Listed:
    """Reviews (preliminary, final) of guiding documents the subtree must hold in `year`."""
    milestones = (
        ReviewMilestone.objects.visible_to(user)
        .filter(
            responsible_unit__in=unit.subtree(),
            due_on__year=year,
            done_on__isnull=True,
        )
        .select_related("document", "responsible_unit")
        .order_by("due_on", "pk")
    )
    items = list(milestones[:MILESTONES_LISTED])
    total = len(items) if len(items) < MILESTONES_LISTED else milestones.count()
    return Listed(items=items, total=total)


def round_anniversaries_of(*, unit: Unit, year: int) -> list[Occurrence]:
    """The year's round (5-year) anniversaries that concern the unit: national and
    provincial days, and the local ones of the unit, the units above it and below it."""
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    concerned = (
        ~Q(level=Observance.Level.LOCAL)
        | Q(owner_unit__isnull=True)
        | Q(owner_unit__in=unit.subtree())
        | Q(owner_unit_id__in=ancestors)
    )
    observances = Observance.objects.filter(concerned, is_active=True, founding_year__isnull=False)
    return round_anniversaries(occurrences(year, observances))


# Who issues and signs -------------------------------------------------------------------


def issuer_heading(unit: Unit, on: datetime.date) -> Heading:
    """The unit's issuer profile in force on `on`; a division issues under its
    department's. Without one, the unit's own name in the layout of its kind."""
    if profile := issuing_profile(unit=unit, on=on, climb_through={Unit.Kind.DIVISION}):
        return heading_from_issuer(profile)
    place = unit.locality.name if unit.locality_id else "……"
    profile = PARTY if unit.kind in PARTY_KINDS else STATE
    return Heading(profile=profile, issuer_name=unit.name.upper(), place_name=place)


def signer(*, user: User, unit: Unit, profile: str) -> Signature:
    """The unit's head signs; failing one, a deputy for the head; failing both, a blank."""
    leaders = list(
        Membership.objects.visible_to(user)
        .filter(unit=unit, role=Role.LEADER, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    heads = [m.user for m in leaders if not m.user.position.lower().startswith("phó ")]
    if heads:
        head = heads[0]
        return Signature(position=(head.position or "").upper(), name=head.full_name)
    if leaders:
        deputy = leaders[0].user
        head_position = deputy.position[4:].strip().upper()
        authority = f"{SIGNING_PREFIXES[profile]['deputy']} {head_position}"
        return Signature(
            position=deputy.position.upper(), name=deputy.full_name, authority=authority
        )
    return Signature(position="", name="")
