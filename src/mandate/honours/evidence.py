"""What the platform's own data says about a nominee over the round's period, and the
achievement report drafted from it.

A task has a lead unit, not a person: a person's tasks are those they created or
reported progress on. A collective's are those its unit and the units below it led.
Every figure is an SQL aggregate; the lists (overdue key tasks, trainings, awards,
conditions) are short by nature.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from mandate.grassroots.models import Case, CaseEvent
from mandate.honours.models import Award, BlockingCondition, Nomination
from mandate.observances.models import CampaignTarget
from mandate.people.models import Practice, Replication, TrainingRecord
from mandate.work.models import Bucket, Task


@dataclass(frozen=True)
class OverdueTask:
    pk: int
    content: str
    due_on: datetime.date
    lead_unit: str


@dataclass(frozen=True)
class HeldAward:
    year: int
    title: str  # in the reader's language
    title_vi: str  # as the records write it
    reference: str


@dataclass(frozen=True)
class Condition:
    kind: str
    label: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    note: str


@dataclass
class Evidence:
    """The figures of item 3 of the honours issue, for one nomination."""

    nominee: str
    is_collective: bool
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date
    buckets: dict[str, int]
    overdue_key_tasks: list[OverdueTask]
    cases_resolved: int
    cases_resolved_on_time: int
    campaigns_carried_out: int
    campaigns_acknowledged: int
    trainings_completed: list[str]
    practices_originated: int
    practices_recognised: int
    replications_elsewhere: int
    replications_adopted: int
    earlier_awards: list[HeldAward]
    blocking_conditions: list[Condition] = field(default_factory=list)

    @property
    def task_total(self) -> int:
        return sum(self.buckets.values())

    @property
    def on_time_rate(self) -> float | None:
        """Tasks done on time among those whose deadline has passed or that are done."""
        judged = self.task_total - self.buckets.get(Bucket.PENDING_IN_TIME, 0)
        if not judged:
            return None
        return round(100 * self.buckets.get(Bucket.DONE_ON_TIME, 0) / judged, 1)

    @property
    def is_blocked(self) -> bool:
        return bool(self.blocking_conditions)


def _tasks(nomination: Nomination, start: datetime.date, end: datetime.date) -> QuerySet[Task]:
    tasks = Task.objects.dangerously_unscoped().filter(due_on__gte=start, due_on__lte=end)
    if nomination.is_collective:
        return tasks.filter(lead_unit__path__startswith=nomination.nominee_unit.path)
    person = nomination.person_id
    touched = Task.objects.dangerously_unscoped().filter(
        Q(created_by_id=person) | Q(updates__author_id=person)
    )
    return tasks.filter(pk__in=touched.values("pk"))


def evidence_for(nomination: Nomination, *, as_of: datetime.date | None = None) -> Evidence:
    """The nominee's record over the round's period, read as of the period's end (or
    today, while the period runs)."""
    award_round = nomination.round
    start, end = award_round.period_start, award_round.period_end
    as_of = as_of or min(timezone.localdate(), end)
    tasks = _tasks(nomination, start, end)
    overdue = (
        tasks.in_bucket(Bucket.PENDING_OVERDUE, as_of)
        .filter(is_key=True)
        .select_related("lead_unit")
        .order_by("due_on", "id")
    )
    campaigns = tasks.filter(campaign__isnull=False).aggregate(
        done=Count("campaign", distinct=True, filter=Q(status=Task.Status.DONE))
    )
    return Evidence(
        nominee=str(nomination.nominee),
        is_collective=nomination.is_collective,
        period_start=start,
        period_end=end,
        as_of=as_of,
        buckets={str(bucket): count for bucket, count in tasks.bucket_counts(as_of).items()},
        overdue_key_tasks=[
            OverdueTask(task.pk, task.content, task.due_on, str(task.lead_unit)) for task in overdue
        ],
        **_cases(nomination, start, end),
        campaigns_carried_out=campaigns["done"],
        campaigns_acknowledged=_acknowledged(nomination, start, end),
        trainings_completed=_trainings(nomination, start, end),
        **_practices(nomination, start, end),
        earlier_awards=_earlier_awards(nomination),
        blocking_conditions=_conditions(nomination, as_of=max(as_of, timezone.localdate())),
    )


def _cases(nomination: Nomination, start: datetime.date, end: datetime.date) -> dict:
    resolved = Case.objects.dangerously_unscoped().filter(
        status__in=[Case.Status.RESOLVED, Case.Status.CLOSED],
        resolved_on__gte=start,
        resolved_on__lte=end,
    )
    if nomination.is_collective:
        resolved = resolved.filter(unit__path__startswith=nomination.nominee_unit.path)
    else:
        resolved = resolved.filter(
            pk__in=CaseEvent.objects.dangerously_unscoped()
            .filter(kind=CaseEvent.Kind.RESOLVED, actor_id=nomination.person_id)
            .values("case_id")
        )
    counts = resolved.aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(resolved_on__lte=F("due_on")))
    )
    return {"cases_resolved": counts["total"], "cases_resolved_on_time": counts["on_time"]}


def _acknowledged(nomination: Nomination, start: datetime.date, end: datetime.date) -> int:
    targets = CampaignTarget.objects.dangerously_unscoped().filter(
        campaign__occurs_on__gte=start,
        campaign__occurs_on__lte=end,
        acknowledged_at__isnull=False,
    )
    if nomination.is_collective:
        return targets.filter(unit__path__startswith=nomination.nominee_unit.path).count()
    return targets.filter(acknowledged_by_id=nomination.person_id).count()


def _trainings(nomination: Nomination, start: datetime.date, end: datetime.date) -> list[str]:
    records = TrainingRecord.objects.dangerously_unscoped().filter(
        finished_on__gte=start, finished_on__lte=end
    )
    if nomination.is_collective:
        records = records.filter(unit__path__startswith=nomination.nominee_unit.path)
        # A unit's training is a count of courses finished, one line each would be a list
        # of its staff: the report names the courses once.
        return sorted(set(records.values_list("course", flat=True)))
    return list(records.filter(person_id=nomination.person_id).values_list("course", flat=True))


def _practices(nomination: Nomination, start: datetime.date, end: datetime.date) -> dict:
    practices = Practice.objects.dangerously_unscoped()
    if nomination.is_collective:
        own = practices.filter(origin_unit__path__startswith=nomination.nominee_unit.path)
    else:
        own = practices.filter(created_by_id=nomination.person_id)
    in_period = Q(created_at__date__gte=start, created_at__date__lte=end) | Q(
        recognised_on__gte=start, recognised_on__lte=end
    )
    figures = own.aggregate(
        originated=Count("pk", filter=in_period),
        recognised=Count(
            "pk",
            filter=Q(
                status=Practice.Status.RECOGNISED, recognised_on__gte=start, recognised_on__lte=end
            ),
        ),
    )
    adopted = Replication.objects.dangerously_unscoped().filter(
        status=Replication.Status.ADOPTED, adopted_on__gte=start, adopted_on__lte=end
    )
    elsewhere = adopted.filter(practice__in=own.values("pk"))
    taken_up = 0
    if nomination.is_collective:
        path = nomination.nominee_unit.path
        elsewhere = elsewhere.exclude(unit__path__startswith=path)
        taken_up = adopted.filter(unit__path__startswith=path).count()
    return {
        "practices_originated": figures["originated"],
        "practices_recognised": figures["recognised"],
        "replications_elsewhere": elsewhere.count(),
        "replications_adopted": taken_up,
    }


def _earlier_awards(nomination: Nomination) -> list[HeldAward]:
    awards = Award.objects.dangerously_unscoped().standing().filter(year__lt=nomination.round.year)
    if nomination.is_collective:
        awards = awards.filter(person__isnull=True, unit_id=nomination.nominee_unit_id)
    else:
        awards = awards.filter(person_id=nomination.person_id)
    return [
        HeldAward(
            award.year,
            award.title.label,
            award.title.name,
            award.decision.number if award.decision_id else award.reference,
        )
        for award in awards.select_related("title", "decision").order_by(
            "-year", "title__sort_order"
        )
    ]


def _conditions(nomination: Nomination, *, as_of: datetime.date) -> list[Condition]:
    conditions = (
        BlockingCondition.objects.dangerously_unscoped()
        .filter(starts_on__lte=as_of)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=nomination.round.period_start))
    )
    if nomination.is_collective:
        conditions = conditions.filter(person__isnull=True, unit_id=nomination.nominee_unit_id)
    else:
        conditions = conditions.filter(person_id=nomination.person_id)
    return [
        Condition(row.kind, str(row.get_kind_display()), row.starts_on, row.ends_on, row.note)
        for row in conditions.order_by("starts_on", "id")
    ]


# The achievement report ----------------------------------------------------------------


def _date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def draft_achievement_report(nomination: Nomination, evidence: Evidence | None = None) -> str:
    """A first draft of the nominee's achievement report (báo cáo thành tích), in
    Vietnamese whatever the reader's language: it is a record of the province."""
    figures = evidence or evidence_for(nomination)
    award_round, title = nomination.round, nomination.title
    buckets = figures.buckets
    who = "Tập thể" if figures.is_collective else "Họ và tên"
    lines = [
        "BÁO CÁO THÀNH TÍCH",
        f"Đề nghị tặng {title.name} năm {award_round.year}",
        "",
        "I. SƠ LƯỢC",
        f"- {who}: {figures.nominee}",
        f"- Đơn vị đề nghị: {nomination.unit}",
        "",
        f"II. THÀNH TÍCH ĐẠT ĐƯỢC (từ {_date(figures.period_start)} đến "
        f"{_date(figures.period_end)})",
        f"1. Thực hiện nhiệm vụ: {figures.task_total} nhiệm vụ, trong đó "
        f"{buckets.get(Bucket.DONE_ON_TIME, 0)} hoàn thành đúng hạn, "
        f"{buckets.get(Bucket.DONE_LATE, 0)} hoàn thành quá hạn, "
        f"{buckets.get(Bucket.PENDING_IN_TIME, 0)} đang thực hiện trong hạn, "
        f"{buckets.get(Bucket.PENDING_OVERDUE, 0)} quá hạn chưa hoàn thành"
        + (
            f"; tỷ lệ đúng hạn {figures.on_time_rate:g} %.".replace(".", ",", 1)
            if figures.on_time_rate is not None
            else "."
        ),
    ]
    for task in figures.overdue_key_tasks:
        lines.append(f"   - Nhiệm vụ trọng tâm quá hạn: {task.content} (hạn {_date(task.due_on)})")
    lines += [
        f"2. Giải quyết vụ việc ở cơ sở: {figures.cases_resolved} vụ việc đã giải quyết, "
        f"{figures.cases_resolved_on_time} đúng hạn.",
        f"3. Tuyên truyền: thực hiện {figures.campaigns_carried_out} đợt tuyên truyền"
        + (
            f", tiếp nhận {figures.campaigns_acknowledged} hướng dẫn."
            if figures.campaigns_acknowledged
            else "."
        ),
        "4. Học tập, bồi dưỡng: "
        + ("; ".join(figures.trainings_completed) if figures.trainings_completed else "không có")
        + ".",
        f"5. Mô hình hay, cách làm sáng tạo: {figures.practices_originated} mô hình, "
        f"{figures.practices_recognised} được công nhận, {figures.replications_elsewhere} "
        "lượt nhân rộng ở đơn vị khác"
        + (f"; áp dụng {figures.replications_adopted} mô hình." if figures.is_collective else "."),
        "",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    ]
    lines += [
        f"- Năm {award.year}: {award.title_vi}"
        + (f" ({award.reference})" if award.reference else "")
        for award in figures.earlier_awards
    ] or ["- Chưa có."]
    return "\n".join(lines)
