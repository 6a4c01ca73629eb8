"""Awards of a unit's period, from the register, by title."""

from dataclasses import dataclass

from django.db.models import Count, Q

from mandate.honours.models import Award, Title
from mandate.org.models import Unit, User
from mandate.reviews.selectors.common import Period


@dataclass
class AwardRow:
    title: Title
    collective: int
    individual: int

    @property
    def total(self) -> int:
        return self.collective + self.individual


@dataclass
class AwardFigures:
    years: list[int]
    rows: list[AwardRow]

    @property
    def collective(self) -> int:
        return sum(row.collective for row in self.rows)

    @property
    def individual(self) -> int:
        return sum(row.individual for row in self.rows)

    @property
    def total(self) -> int:
        return self.collective + self.individual


def award_figures(*, user: User, unit: Unit, period: Period) -> AwardFigures:
    """Awards of the period's year(s) in the register, not revoked, to the subtree's units
    or their people, by title in the catalogue's order."""
    groups = list(
        Award.objects.visible_to(user)
        .standing()
        .filter(unit__in=unit.subtree(), year__in=period.years)
        .values("title_id")
        .annotate(
            collective=Count("pk", filter=Q(person__isnull=True)),
            individual=Count("pk", filter=Q(person__isnull=False)),
        )
        .order_by()
    )
    titles = Title.objects.in_bulk([group["title_id"] for group in groups])
    rows = [
        AwardRow(
            title=titles[group["title_id"]],
            collective=group["collective"],
            individual=group["individual"],
        )
        for group in groups
    ]
    rows.sort(key=lambda row: (row.title.sort_order, row.title.code))
    return AwardFigures(years=period.years, rows=rows)
