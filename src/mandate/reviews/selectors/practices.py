"""Good models of a unit's period and where they spread."""

from dataclasses import dataclass

from django.db.models import Count, Q

from mandate.org.models import Unit, User
from mandate.people.models import Practice, Replication
from mandate.reviews.selectors.common import Period


@dataclass
class PracticeRow:
    category: str
    label: str
    proposed: int
    recognised: int


@dataclass
class PracticeFigures:
    proposed: int  # good models of the subtree recorded in the period
    recognised: int  # ... recognised in the period
    adopted: int  # replications the subtree's units adopted in the period
    asked: int  # requests to the subtree's units to replicate, made in the period, still open
    spread: int  # units outside the subtree that adopted the subtree's models in the period
    by_category: list[PracticeRow]


def practice_figures(*, user: User, unit: Unit, period: Period) -> PracticeFigures:
    units = unit.subtree()
    start, after = period.moments()
    recorded = Q(created_at__gte=start, created_at__lt=after)
    recognised = Q(recognised_on__gte=period.start, recognised_on__lte=period.end)
    labels = dict(Practice.Category.choices)
    by_category = [
        PracticeRow(
            category=row["category"],
            label=str(labels.get(row["category"], row["category"])),
            proposed=row["proposed"],
            recognised=row["recognised"],
        )
        for row in Practice.objects.visible_to(user)
        .filter(origin_unit__in=units)
        .filter(recorded | recognised)
        .values("category")
        .annotate(proposed=Count("pk", filter=recorded), recognised=Count("pk", filter=recognised))
        .order_by("category")
    ]
    here = Q(unit__in=units)
    adopted = Q(
        status=Replication.Status.ADOPTED,
        adopted_on__gte=period.start,
        adopted_on__lte=period.end,
    )
    replications = (
        Replication.objects.visible_to(user)
        .filter(here | Q(practice__origin_unit__in=units))
        .order_by()
        .aggregate(
            adopted=Count("pk", filter=here & adopted),
            asked=Count(
                "pk",
                filter=here
                & Q(status=Replication.Status.ASKED, created_at__gte=start, created_at__lt=after),
            ),
            spread=Count("pk", filter=~here & adopted),
        )
    )
    return PracticeFigures(
        proposed=sum(row.proposed for row in by_category),
        recognised=sum(row.recognised for row in by_category),
        by_category=by_category,
        **replications,
    )
