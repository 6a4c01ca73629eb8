"""Campaigns of a unit's period, with their completion and acknowledgement."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from mandate.observances.models import Campaign, CampaignTarget
from mandate.org.models import Unit, User
from mandate.reviews.selectors.common import Period, percent
from mandate.work.models import Task

CAMPAIGNS_LISTED = 20


@dataclass
class CampaignRow:
    """One campaign, with the tasks and target units of the unit's subtree only."""

    campaign: Campaign
    organised: bool  # by the unit or a unit below it (else: one the unit carries out)
    tasks: int = 0
    done: int = 0
    targets: int = 0
    acknowledged: int = 0

    @property
    def completion(self) -> int | None:
        return percent(self.done, self.tasks)

    @property
    def acknowledgement(self) -> int | None:
        return percent(self.acknowledged, self.targets)


@dataclass
class CampaignFigures:
    count: int
    organised: int
    tasks: int
    done: int
    targets: int
    acknowledged: int
    rows: list[CampaignRow]  # the first CAMPAIGNS_LISTED, the unit's own first

    @property
    def completion(self) -> int | None:
        return percent(self.done, self.tasks)

    @property
    def acknowledgement(self) -> int | None:
        return percent(self.acknowledged, self.targets)


def campaign_figures(
    *, user: User, unit: Unit, period: Period, limit: int = CAMPAIGNS_LISTED
) -> CampaignFigures:
    """Campaigns held in the period (launched or closed) that the unit's subtree organised
    or was asked to carry out; their completion (tasks done of the subtree's tasks) and
    acknowledgement (target units of the subtree that acknowledged the guidance)."""
    units = unit.subtree()
    organised = Q(unit__in=units)
    campaigns = (
        Campaign.objects.visible_to(user)
        .filter(
            occurs_on__gte=period.start,
            occurs_on__lte=period.end,
            status__in=[Campaign.Status.LAUNCHED, Campaign.Status.CLOSED],
        )
        .filter(
            organised
            | Q(pk__in=CampaignTarget.objects.filter(unit__in=units).values("campaign_id"))
        )
        .order_by()
    )
    counts = campaigns.aggregate(count=Count("pk"), organised=Count("pk", filter=organised))
    tasks = Task.objects.visible_to(user).filter(lead_unit__in=units).order_by()
    targets = CampaignTarget.objects.visible_to(user).filter(unit__in=units).order_by()
    # A period holds a few dozen campaigns: by their ids, the databases count through the
    # campaign index; as a subquery SQLite walked every task of the subtree first.
    held = list(campaigns.values_list("pk", flat=True))
    task_totals = tasks.filter(campaign__in=held).aggregate(
        tasks=Count("pk"), done=Count("pk", filter=Q(status=Task.Status.DONE))
    )
    target_totals = targets.filter(campaign__in=held).aggregate(
        targets=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
    )
    own = Unit.objects.filter(pk=OuterRef("unit_id"), path__startswith=unit.path)
    listed = list(
        campaigns.select_related("unit")
        .annotate(is_organised=Exists(own))
        .order_by("-is_organised", "-occurs_on", "-pk")[:limit]
    )
    rows = {
        campaign.pk: CampaignRow(campaign=campaign, organised=campaign.is_organised)
        for campaign in listed
    }
    for row in (
        tasks.filter(campaign__in=list(rows))
        .values("campaign_id")
        .annotate(tasks=Count("pk"), done=Count("pk", filter=Q(status=Task.Status.DONE)))
    ):
        rows[row["campaign_id"]].tasks, rows[row["campaign_id"]].done = row["tasks"], row["done"]
    for row in (
        targets.filter(campaign__in=list(rows))
        .values("campaign_id")
        .annotate(
            targets=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
        )
    ):
        rows[row["campaign_id"]].targets = row["targets"]
        rows[row["campaign_id"]].acknowledged = row["acknowledged"]
    return CampaignFigures(**counts, **task_totals, **target_totals, rows=list(rows.values()))
