"""Training of a unit's people: coverage, courses completed in the period, gaps."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from mandate.org.models import Membership, Unit, User
from mandate.people import selectors as people_selectors
from mandate.people.models import Subject, TrainingRecord
from mandate.reviews.selectors.common import Period, percent


@dataclass
class SubjectRow:
    subject: str
    label: str
    courses: int
    people: int


@dataclass
class TrainingFigures:
    people: int  # active people with an active membership in the subtree
    trained: int  # people with a course completed in the period
    courses: int  # courses completed in the period
    gaps: int  # missing levels that requirements in force ask of positions, at the end
    people_with_gaps: int
    by_subject: list[SubjectRow]

    @property
    def coverage(self) -> int | None:
        """People who hold every level their position requires, in percent."""
        return percent(self.people - self.people_with_gaps, self.people)


def training_figures(
    *, user: User, unit: Unit, period: Period, as_of: datetime.date | None = None
) -> TrainingFigures:
    """People in the unit's subtree, the courses they completed in the period (records
    kept by the subtree's units) and the gaps against the requirements as of `as_of`."""
    as_of = as_of or period.as_of(timezone.localdate())
    units = unit.subtree()
    people = (
        Membership.objects.visible_to(user)
        .filter(is_active=True, user__is_active=True, unit__in=units)
        .aggregate(people=Count("user_id", distinct=True))["people"]
    )
    records = TrainingRecord.objects.visible_to(user).filter(
        unit__in=units, finished_on__gte=period.start, finished_on__lte=period.end
    )
    done = records.order_by().aggregate(
        courses=Count("pk"), trained=Count("person_id", distinct=True)
    )
    labels = dict(Subject.choices)
    by_subject = [
        SubjectRow(
            subject=row["subject"],
            label=str(labels.get(row["subject"], row["subject"])),
            courses=row["courses"],
            people=row["people"],
        )
        for row in records.values("subject")
        .annotate(courses=Count("pk"), people=Count("person_id", distinct=True))
        .order_by("-courses", "subject")
    ]
    # The gap rules (position, role, kind of unit, ladders) live in people.selectors.
    found = people_selectors.gaps(unit=unit, user=user, as_of=as_of)
    return TrainingFigures(
        people=people,
        trained=done["trained"],
        courses=done["courses"],
        gaps=len(found),
        people_with_gaps=len({gap.person.pk for gap in found}),
        by_subject=by_subject,
    )
