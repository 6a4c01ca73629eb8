"""What every section shares: the period, the unit's subtree, the units a reader may pick."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from mandate.org.models import Membership, Unit, User


@dataclass(frozen=True)
class Period:
    """A closed range of days, usually a calendar year."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def of_year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def is_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def as_of(self, today: datetime.date) -> datetime.date:
        """The reporting date: the period's last day, or today while it runs."""
        return min(today, self.end)

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as [start, end) aware datetimes in the local time zone."""
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        after = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return start, after


def units_for(*, user: User) -> QuerySet[Unit]:
    """The units whose dashboard the user may open: those they see, higher ones first."""
    return Unit.objects.visible_to(user).filter(is_active=True).in_tree_order()


def default_unit(*, user: User) -> Unit | None:
    """The user's main unit (the highest of their memberships), else the first they see."""
    membership = (
        Membership.objects.filter(user=user, is_active=True, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__depth", "unit__search_text")
        .first()
    )
    return membership.unit if membership else units_for(user=user).first()


def covers_scope(*, user: User, unit: Unit) -> bool:
    """Whether the unit's subtree is everything the user sees: an unfiltered list is then
    exactly the unit's (the lists filter by one unit, not by a subtree)."""
    return not Unit.objects.visible_to(user).exclude(path__startswith=unit.path).exists()


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None
