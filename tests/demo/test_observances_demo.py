"""The seeded demo's communication campaigns: every status in 2025 and 2026, the four
buckets, acknowledgements, guidance, and a campaign under way for the commune officer."""

from collections import defaultdict

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from mandate.core.models import Notification
from mandate.directives.models import Document
from mandate.observances.demo import COMMUNES_FORMED_ON
from mandate.observances.models import Campaign, CampaignTarget, Observance
from mandate.org.models import Unit, User
from mandate.work.demo import REFERENCE_DATE
from mandate.work.models import Bucket, Task, TaskUpdate

pytestmark = pytest.mark.django_db
Status = Campaign.Status
UNDER_WAY = [Status.LAUNCHED, Status.CLOSED]


def campaigns():
    return Campaign.objects.dangerously_unscoped()


def campaign_tasks():
    return Task.objects.dangerously_unscoped().filter(campaign__isnull=False)


def test_campaigns_of_2025_and_2026_in_every_status(demo):
    statuses = defaultdict(set)
    for occurs_on, status in campaigns().values_list("occurs_on", "status"):
        statuses[occurs_on.year].add(status)
    assert statuses[2025] == {Status.CLOSED, Status.CANCELLED}
    assert statuses[2026] == set(Status.values)
    assert statuses[2027] == {Status.DRAFT}  # Tết Đinh Mùi being planned
    assert campaigns().filter(status=Status.LAUNCHED).count() >= 3
    assert campaigns().filter(observance__isnull=True, status=Status.CLOSED).exists()  # one-off
    for campaign in campaigns().filter(status__in=[Status.CLOSED, Status.CANCELLED]):
        assert campaign.summary and campaign.closed_on
    for campaign in campaigns().exclude(status=Status.DRAFT):
        if campaign.launched_on:
            assert campaign.launched_on < campaign.occurs_on
            assert campaign.launched_on < (campaign.closed_on or REFERENCE_DATE) <= REFERENCE_DATE


def test_round_years_of_2025_are_marked_and_get_their_extra_steps(demo):
    reunification = campaigns().filter(observance__key="reunification")
    big = reunification.get(occurs_on__year=2025)
    ordinary = reunification.get(occurs_on__year=2026)
    assert (big.anniversary, big.is_round, ordinary.is_round) == (50, True, False)
    assert campaigns().get(observance__key="national-day", occurs_on__year=2025).anniversary == 80
    assert big.tasks.filter(content__contains="hội thảo").exists()
    assert not ordinary.tasks.filter(content__contains="hội thảo").exists()


def test_hai_phong_liberation_day_is_a_provincial_observance_of_the_department(demo):
    observance = Observance.objects.get(key="hai-phong-liberation")
    assert (observance.day, observance.month, observance.founding_year) == (13, 5, 1955)
    assert observance.level == Observance.Level.PROVINCIAL
    assert observance.owner_unit.parent_id is None
    assert observance.campaigns.get(occurs_on__year=2025).anniversary == 70


def test_targets_are_city_bodies_and_communes_once_the_communes_exist(demo):
    for campaign in campaigns().annotate(
        targets_count=Count("targets"),
        communes=Count("targets", filter=Q(targets__unit__kind=Unit.Kind.COMMUNE)),
    ):
        if campaign.created_at.date() < COMMUNES_FORMED_ON:  # planned before they existed
            assert campaign.communes == 0, campaign
            assert 4 <= campaign.targets_count <= 10
        else:
            assert campaign.communes >= 10, campaign
            assert campaign.targets_count <= 30


def test_tasks_of_campaigns_under_way_fall_in_all_four_buckets(demo):
    under_way = campaign_tasks().filter(campaign__status=Status.LAUNCHED)
    counts = under_way.bucket_counts(REFERENCE_DATE)
    assert all(counts[bucket] > 0 for bucket in Bucket), counts
    closed = campaign_tasks().filter(campaign__status=Status.CLOSED).bucket_counts(REFERENCE_DATE)
    assert closed[Bucket.DONE_ON_TIME] > closed[Bucket.DONE_LATE] > 0
    assert closed[Bucket.PENDING_IN_TIME] == 0


def test_tasks_and_reports_are_dated_after_the_launch_and_never_in_the_future(demo):
    for campaign in campaigns().filter(status__in=UNDER_WAY):
        last = campaign.closed_on or REFERENCE_DATE
        for task in campaign.tasks.all():
            assert task.start_on == campaign.launched_on
            assert task.due_on >= campaign.launched_on
            assert task.completed_on is None or task.completed_on <= last
        reports = TaskUpdate.objects.filter(task__campaign=campaign)
        assert not reports.filter(reported_on__lt=campaign.launched_on).exists()
        assert not reports.filter(reported_on__gt=last).exists()
    assert TaskUpdate.objects.filter(task__campaign__isnull=False).count() > 300
    assert not campaign_tasks().filter(campaign__status=Status.DRAFT).exists()


def test_most_targets_acknowledged_the_guidance_some_did_not(demo):
    targets = CampaignTarget.objects.dangerously_unscoped().select_related("campaign")
    asked = targets.filter(campaign__launched_on__isnull=False)
    acknowledged = asked.filter(acknowledged_at__isnull=False)
    assert 0.6 < acknowledged.count() / asked.count() < 0.97
    assert not targets.filter(campaign__launched_on__isnull=True, acknowledged_at__isnull=False)
    for target in acknowledged:
        day = timezone.localtime(target.acknowledged_at).date()
        assert target.campaign.launched_on <= day <= (target.campaign.closed_on or REFERENCE_DATE)
        assert target.acknowledged_by is not None


def test_guidance_is_attached_and_cited_by_every_task(demo):
    launched = campaigns().filter(launched_on__isnull=False)
    assert not launched.filter(guidance__isnull=True).exists()
    for campaign in launched:
        uncited = campaign.tasks.exclude(source_documents=campaign.guidance)
        assert not uncited.exists(), campaign
    department = Document.objects.dangerously_unscoped().filter(symbol__endswith="/BTGDVTU")
    guidance = department.filter(
        campaigns__isnull=False, title__startswith="Hướng dẫn tuyên truyền"
    )
    assert guidance.distinct().count() >= 4
    assert guidance.filter(series__isnull=False).exists()  # numbered from the series


def test_a_cancelled_campaign_leaves_no_open_task(demo):
    for campaign in campaigns().filter(status=Status.CANCELLED):
        assert campaign.closed_on < REFERENCE_DATE
        open_tasks = campaign.tasks.exclude(status__in=[Task.Status.DONE, Task.Status.CANCELLED])
        assert not open_tasks.exists()
    cancelled_after_launch = campaigns().get(status=Status.CANCELLED, launched_on__isnull=False)
    assert cancelled_after_launch.tasks.filter(status=Task.Status.DONE).exists()


def test_the_commune_officer_has_a_campaign_to_acknowledge_and_report_on(demo):
    officer = User.objects.get(username="canbo.xa")
    visible = Campaign.objects.visible_to(officer)
    assert visible.filter(status=Status.LAUNCHED).count() >= 3
    waiting = CampaignTarget.objects.editable_by(officer).filter(
        campaign__status=Status.LAUNCHED, acknowledged_at__isnull=True
    )
    assert waiting.exists()
    open_tasks = Task.objects.editable_by(officer).filter(
        campaign__status=Status.LAUNCHED,
        status__in=[Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS],
    )
    assert open_tasks.filter(due_on__gte=REFERENCE_DATE).exists()
    notices = Notification.objects.filter(user=officer, kind="campaign-launched")
    assert notices.filter(read_at__isnull=True).exists()
    assert notices.filter(read_at__isnull=False).exists()


def test_launch_notices_are_dated_and_no_email_was_sent(demo):
    notices = Notification.objects.filter(kind="campaign-launched")
    assert notices.exists()
    assert not notices.filter(emailed_at__isnull=False).exists()
    assert not notices.filter(created_at__date__gt=REFERENCE_DATE).exists()
