"""Reads of the calendar and of campaigns: a year's occurrences, its round
anniversaries, a campaign's progress unit by unit."""

import calendar as stdlib_calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from mandate.core.scoping import grants_for
from mandate.observances.calendar import Occurrence, occurrences
from mandate.observances.models import Campaign, CampaignTarget, Observance
from mandate.org.models import Membership, Role, Unit
from mandate.work.models import Bucket, Evidence, Task, TaskUpdate, bucket_conditions


def year_occurrences(year: int, *, level: str = "") -> list[Occurrence]:
    # Every observance is a public calendar fact: national, provincial and local
    # ones alike are readable by any signed-in user (and by the public feed).
    observances = Observance.objects.filter(is_active=True).select_related("owner_unit")
    if level:
        observances = observances.filter(level=level)
    return occurrences(year, observances)


def round_anniversaries(found: list[Occurrence]) -> list[Occurrence]:
    """The year's 5-year anniversaries, major first, then decades, then by date."""
    return sorted(
        (occurrence for occurrence in found if occurrence.is_round),
        key=lambda occurrence: (not occurrence.is_major, not occurrence.is_decade, occurrence.date),
    )


# Campaigns -------------------------------------------------------------------


def campaigns_for(user, *, year: int | None = None, status: str = "") -> QuerySet[Campaign]:
    campaigns = Campaign.objects.visible_to(user).select_related("unit", "observance", "guidance")
    if year:
        campaigns = campaigns.filter(occurs_on__year=year)
    if status:
        campaigns = campaigns.filter(status=status)
    # The aggregate drops Meta.ordering: say it again so pages never overlap.
    return campaigns.annotate(target_count=Count("targets", distinct=True)).order_by(
        "-occurs_on", "-pk"
    )


@dataclass
class TargetProgress:
    """One target unit's state in a campaign: acknowledgement, its tasks by bucket, evidence."""

    target: CampaignTarget
    buckets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Bucket.values, 0))
    evidence: int = 0
    last_report_on: datetime.date | None = None

    @property
    def tasks(self) -> int:
        return sum(self.buckets.values())

    @property
    def is_late(self) -> bool:
        return bool(self.buckets[Bucket.PENDING_OVERDUE] or self.buckets[Bucket.DONE_LATE])

    @property
    def is_done(self) -> bool:
        return self.tasks > 0 and self.tasks == (
            self.buckets[Bucket.DONE_ON_TIME] + self.buckets[Bucket.DONE_LATE]
        )


def campaign_progress(campaign: Campaign, *, user, as_of: datetime.date) -> list[TargetProgress]:
    """The target units the user may read, each with its task buckets and evidence,
    in three grouped queries. A commune sees its own row; the organisers see all."""
    rows = {
        target.unit_id: TargetProgress(target)
        for target in CampaignTarget.objects.visible_to(user)
        .filter(campaign=campaign)
        .select_related("unit", "acknowledged_by")
        .order_by("unit__kind", "unit__search_text")
    }
    conditions = bucket_conditions(as_of)
    counts = (
        Task.objects.filter(campaign=campaign, lead_unit_id__in=list(rows))
        .values("lead_unit_id")
        .annotate(
            **{bucket: Count("pk", filter=condition) for bucket, condition in conditions.items()}
        )
        .order_by()
    )
    for row in counts:
        progress = rows.get(row["lead_unit_id"])
        if progress is not None:
            progress.buckets = {bucket: row[bucket] for bucket in Bucket.values}
    reports = (
        TaskUpdate.objects.filter(task__campaign=campaign, task__lead_unit_id__in=list(rows))
        .values("task__lead_unit_id")
        .annotate(evidence=Count("evidence"), last=Max("reported_on"))
        .order_by()
    )
    for row in reports:
        progress = rows.get(row["task__lead_unit_id"])
        if progress is not None:
            progress.evidence, progress.last_report_on = row["evidence"], row["last"]
    return list(rows.values())


def campaign_totals(progress: list[TargetProgress]) -> dict[str, int]:
    totals = dict.fromkeys(Bucket.values, 0)
    for row in progress:
        for bucket, count in row.buckets.items():
            totals[bucket] += count
    totals["targets"] = len(progress)
    totals["acknowledged"] = sum(1 for row in progress if row.target.acknowledged_at)
    totals["evidence"] = sum(row.evidence for row in progress)
    return totals


def campaign_evidence(campaign: Campaign, *, user, limit: int = 30) -> QuerySet[Evidence]:
    """The latest files the user may read posted on the campaign's tasks, newest first."""
    return (
        Evidence.objects.visible_to(user)
        .filter(update__task__campaign=campaign)
        .select_related("update__task__lead_unit")
        .order_by("-update__reported_on", "-pk")[:limit]
    )


def acknowledgeable_targets(campaign: Campaign, user) -> QuerySet[CampaignTarget]:
    """The target units this user may acknowledge for, not yet acknowledged."""
    if campaign.status != Campaign.Status.LAUNCHED:
        return CampaignTarget.objects.none()
    return CampaignTarget.objects.filter(
        campaign=campaign,
        acknowledged_at__isnull=True,
        unit__in=acknowledging_units(user),
    ).select_related("unit")


def acknowledging_units(user) -> QuerySet[Unit]:
    """The units a person acknowledges guidance for: those where they are a leader or an
    officer themselves, not the units below them (the organisers do not answer for
    the communes)."""
    return Unit.objects.filter(
        memberships__user=user,
        memberships__role__in=[Role.LEADER, Role.OFFICER],
        memberships__is_active=True,
    )


# Calendar screens ------------------------------------------------------------

TASKS_PER_DAY = 3
# A province-wide reader sees every commune's campaign for 2/9: the calendar shows the
# first few (the highest units first) and links to the campaign list for the rest.
CAMPAIGNS_SHOWN = 3


def can_plan_campaigns(user) -> bool:
    """A leader of some unit (campaigns are planned by leaders: services.create_campaign)."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, role=Role.LEADER, is_active=True, unit__is_active=True
    ).exists()


def can_add_local_observances(user) -> bool:
    return Unit.objects.editable_by(user).exists()


def feed_occurrences(user, *, start: datetime.date, end: datetime.date) -> list[Occurrence]:
    """The occurrences for a person's own calendar: every national and provincial day, and
    the local anniversaries of their units, of the units below and of the units above them.
    (A province's hundreds of communes each add their own: the others' would drown the rest.)
    """
    relevant = (
        ~Q(level=Observance.Level.LOCAL)
        | Q(owner_unit__isnull=True)
        | Q(owner_unit__in=Unit.objects.visible_to(user))
        | Q(owner_unit_id__in=grants_for(user).ancestor_unit_ids)
    )
    observances = Observance.objects.filter(relevant, is_active=True).select_related("owner_unit")
    found = []
    for year in range(start.year, end.year + 1):
        found += [o for o in occurrences(year, observances) if start <= o.date <= end]
    return found


def calendar_campaigns(
    user, *, start: datetime.date, end: datetime.date, unit: Unit | None = None
) -> QuerySet[Campaign]:
    """The campaigns the user may read celebrated between the dates, cancelled ones left
    out; with a unit, those organised in its subtree or targeting a unit of it."""
    campaigns = (
        Campaign.objects.visible_to(user)
        .exclude(status=Campaign.Status.CANCELLED)
        .filter(occurs_on__range=(start, end))
        .select_related("unit", "observance")
        .order_by("occurs_on", "unit__depth", "pk")
    )
    if unit is not None:
        targeted = CampaignTarget.objects.filter(
            campaign=OuterRef("pk"), unit__path__startswith=unit.path
        )
        campaigns = campaigns.filter(Q(unit__path__startswith=unit.path) | Exists(targeted))
    return campaigns


def calendar_tasks(
    user, *, start: datetime.date, end: datetime.date, unit: Unit | None = None
) -> QuerySet[Task]:
    """The first TASKS_PER_DAY tasks due each day (open ones first, key ones first), each
    carrying `day_total`, the number due that day: one query of at most 3 rows a day,
    however many tasks a province-wide leader can see."""
    tasks = (
        Task.objects.visible_to(user)
        .exclude(status=Task.Status.CANCELLED)
        .filter(due_on__range=(start, end))
    )
    if unit is not None:
        tasks = tasks.filter(lead_unit__path__startswith=unit.path)
    done_last = Case(When(status=Task.Status.DONE, then=Value(1)), default=Value(0))
    return (
        tasks.annotate(
            day_rank=Window(
                RowNumber(),
                partition_by=F("due_on"),
                order_by=[done_last.asc(), F("is_key").desc(), F("pk").asc()],
            ),
            day_total=Window(Count("pk"), partition_by=F("due_on")),
        )
        .filter(day_rank__lte=TASKS_PER_DAY)
        .select_related("lead_unit")
        .only("content", "due_on", "status", "is_key", "progress", "lead_unit__name")
        .order_by("due_on", "day_rank")
    )


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    occurrences: list[Occurrence] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    task_count: int = 0

    @property
    def more_tasks(self) -> int:
        return self.task_count - len(self.tasks)

    @property
    def campaigns_shown(self) -> list[Campaign]:
        return self.campaigns[:CAMPAIGNS_SHOWN]

    @property
    def more_campaigns(self) -> int:
        return max(len(self.campaigns) - CAMPAIGNS_SHOWN, 0)

    @property
    def is_empty(self) -> bool:
        return not (self.occurrences or self.campaigns or self.tasks)


def month_calendar(
    user, *, year: int, month: int, level: str = "", unit: Unit | None = None
) -> list[list[CalendarDay]]:
    """The month's weeks, Monday first, each day with its occurrences, the user's
    campaigns and tasks due; the days of the neighbouring months stay empty."""
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = {day: CalendarDay(day, day.month == month) for week in weeks for day in week}
    start = datetime.date(year, month, 1)
    end = datetime.date(year, month, stdlib_calendar.monthrange(year, month)[1])
    for occurrence in year_occurrences(year, level=level):
        if occurrence.date.month == month:
            days[occurrence.date].occurrences.append(occurrence)
    for campaign in calendar_campaigns(user, start=start, end=end, unit=unit):
        days[campaign.occurs_on].campaigns.append(campaign)
    for task in calendar_tasks(user, start=start, end=end, unit=unit):
        days[task.due_on].tasks.append(task)
        days[task.due_on].task_count = task.day_total
    return [[days[day] for day in week] for week in weeks]


@dataclass
class CalendarRow:
    occurrence: Occurrence
    campaigns: list[Campaign] = field(default_factory=list)

    @property
    def campaigns_shown(self) -> list[Campaign]:
        return self.campaigns[:CAMPAIGNS_SHOWN]

    @property
    def more_campaigns(self) -> int:
        return max(len(self.campaigns) - CAMPAIGNS_SHOWN, 0)


@dataclass
class CalendarMonth:
    first_day: datetime.date
    rows: list[CalendarRow] = field(default_factory=list)
    # One-off events, and campaigns whose date no longer matches their observance's.
    other_campaigns: list[Campaign] = field(default_factory=list)


def year_calendar(
    user, found: list[Occurrence], *, year: int, level: str = "", unit: Unit | None = None
) -> list[CalendarMonth]:
    """The months holding an occurrence or a campaign, each campaign next to its occurrence."""
    months = {month: CalendarMonth(datetime.date(year, month, 1)) for month in range(1, 13)}
    rows = {}
    for occurrence in found:
        row = rows[occurrence.observance.pk, occurrence.date] = CalendarRow(occurrence)
        months[occurrence.date.month].rows.append(row)
    campaigns = calendar_campaigns(
        user, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31), unit=unit
    )
    for campaign in campaigns:
        row = rows.get((campaign.observance_id, campaign.occurs_on))
        if row is not None:
            row.campaigns.append(campaign)
        elif not level or (campaign.observance and campaign.observance.level == level):
            months[campaign.occurs_on.month].other_campaigns.append(campaign)
    return [month for month in months.values() if month.rows or month.other_campaigns]


def anniversary_label(campaign: Campaign) -> str:
    """ "81st anniversary" in the reader's language, as the calendar says it; empty for
    an event or a festival without a founding year."""
    if campaign.anniversary is None:
        return ""
    occurrence = Occurrence(campaign.observance, campaign.occurs_on, campaign.anniversary)
    return occurrence.anniversary_label
