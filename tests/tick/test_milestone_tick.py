"""`mandate tick` for review milestones: the responsible unit's deadlines and reminders."""

import datetime

from mandate.core.models import Notification
from mandate.directives.models import ReviewMilestone
from tests.factories import DocumentFactory, ReviewMilestoneFactory


def day(month: int, number: int) -> datetime.date:
    return datetime.date(2026, month, number)


def recipients(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def milestone_for(world, **fields) -> ReviewMilestone:
    # The department registers the directive; commune_a must review it.
    document = DocumentFactory(unit=world.root)
    return ReviewMilestoneFactory(document=document, responsible_unit=world.commune_a, **fields)


def test_the_responsible_unit_is_reminded_7_and_1_days_before(world, tick):
    milestone = milestone_for(world)
    tick(day(6, 23))
    tick(day(6, 24))
    assert recipients("review-reminder") == ["alice", "olga"]  # not lena, who registered it
    tick(day(6, 29))
    assert recipients("review-reminder") == ["alice", "alice", "olga", "olga"]
    notice = Notification.objects.filter(kind="review-reminder").first()
    assert notice.url == f"/documents/{milestone.document_id}/"
    assert milestone.title in notice.title


def test_an_overdue_review_is_announced_once(world, tick):
    milestone_for(world)
    tick(day(6, 30))
    assert recipients("review-overdue") == []
    tick(day(7, 1))
    tick(day(7, 2))
    assert recipients("review-overdue") == ["alice", "olga"]


def test_a_done_review_gets_no_reminder(world, tick):
    milestone_for(world, done_on=day(6, 20))
    for moment in (day(6, 23), day(6, 29), day(7, 1)):
        tick(moment)
    assert not Notification.objects.exists()


def test_a_recurring_review_marked_done_in_the_admin_gets_its_next_once(world, tick):
    milestone = milestone_for(world, repeat_every_months=6, done_on=day(6, 25))
    tick(day(7, 1))
    tick(day(7, 2))
    following = ReviewMilestone.objects.get(previous=milestone)
    assert following.due_on == day(12, 30)
    assert following.responsible_unit == world.commune_a
    assert following.repeat_every_months == 6 and following.done_on is None
    assert ReviewMilestone.objects.count() == 2


def test_an_open_or_one_off_review_is_not_repeated(world, tick):
    milestone_for(world, repeat_every_months=12)  # not done yet
    milestone_for(world, done_on=day(6, 1))  # done, but one-off
    tick(day(7, 15))
    assert ReviewMilestone.objects.count() == 2
