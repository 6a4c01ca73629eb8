"""Campaigns: planning, launching into tasks, acknowledging, closing and cancelling."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mandate.core.models import Notification
from mandate.observances import selectors, services
from mandate.observances.models import Campaign, Observance
from mandate.org.models import Unit
from mandate.work.models import Bucket, Task
from mandate.work.services import post_update
from tests.factories import UnitFactory

LAUNCH = datetime.date(2026, 7, 1)


@pytest.fixture
def national_day():
    return Observance.objects.get(key="national-day")


def plan(world, template, national_day, *, year=2026, targets=None, **extra):
    return services.create_campaign(
        unit=world.root,
        by=world.lena,
        observance=national_day,
        year=year,
        template=template,
        target_units=targets or [world.commune_a, world.commune_b, world.division],
        **extra,
    )


def test_a_campaign_takes_its_date_and_anniversary_from_the_occurrence(
    world, template, national_day
):
    campaign = plan(world, template, national_day, year=2025)
    assert campaign.occurs_on == datetime.date(2025, 9, 2)
    assert campaign.anniversary == 80 and campaign.is_round
    assert campaign.status == Campaign.Status.DRAFT
    assert campaign.title == "Kỷ niệm 80 năm Quốc khánh (1945–2025)"
    assert campaign.tasks.count() == 0


def test_launch_writes_each_units_steps_in_one_go(world, template, national_day, guidance):
    campaign = plan(world, template, national_day, guidance=guidance)  # 2026: 81st, not round
    tasks = services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    by_unit = {}
    for task in tasks:
        by_unit.setdefault(task.lead_unit, []).append(task)
    # Communes get the banners step; the division does not; the round-year step is left out.
    assert len(by_unit[world.commune_a]) == 3 and len(by_unit[world.division]) == 2
    assert all(task.origin == Task.Origin.CAMPAIGN for task in tasks)
    assert {task.campaign_id for task in tasks} == {campaign.pk}
    assert all(list(task.source_documents.all()) == [guidance] for task in tasks)
    report = next(task for task in tasks if task.content.startswith("Báo cáo"))
    assert report.due_on == datetime.date(2026, 9, 9)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.LAUNCHED and campaign.launched_on == LAUNCH


def test_a_round_year_adds_the_round_steps(world, template, national_day):
    campaign = plan(world, template, national_day, year=2025)
    tasks = services.launch_campaign(campaign=campaign, by=world.lena, on=datetime.date(2025, 6, 1))
    assert sum("hội thảo" in task.content for task in tasks) == 3


def test_a_step_already_past_is_due_on_the_launch_day(world, template, national_day):
    campaign = plan(world, template, national_day)
    late = datetime.date(2026, 8, 1)  # the -45 day step fell on 18/07
    tasks = services.launch_campaign(campaign=campaign, by=world.lena, on=late)
    assert min(task.due_on for task in tasks) == late


def test_launch_tells_the_target_units(world, template, national_day):
    campaign = plan(world, template, national_day)
    services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    told = set(
        Notification.objects.filter(kind="campaign-launched").values_list(
            "user__username", flat=True
        )
    )
    assert {"alice", "olga", "charlie"} <= told and "rita" not in told


def test_create_and_launch_at_once_leaves_nothing_when_the_launch_fails(
    world, template, national_day
):
    launched = plan(world, template, national_day, launch=True, on=LAUNCH)
    assert launched.status == Campaign.Status.LAUNCHED and launched.tasks.count() == 8
    template.steps.update(unit_kinds=[Unit.Kind.PRESS])  # no target is a press body
    with pytest.raises(ValidationError):
        plan(world, template, national_day, launch=True, on=LAUNCH)
    assert Campaign.objects.count() == 1


def test_launching_twice_is_refused(world, template, national_day):
    campaign = plan(world, template, national_day)
    services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    with pytest.raises(ValidationError):
        services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    assert Task.objects.filter(campaign=campaign).count() == 8


def test_only_a_leader_above_plans_campaigns(world, template, national_day):
    with pytest.raises(ValidationError):
        services.create_campaign(
            unit=world.root,
            by=world.olga,
            observance=national_day,
            year=2026,
            template=template,
            target_units=[world.commune_a],
        )
    assert not Campaign.objects.exists()


def test_targets_must_be_below_the_organiser(world, template, national_day):
    outsider = UnitFactory(name="Đơn vị ngoài")
    with pytest.raises(ValidationError) as raised:
        services.create_campaign(
            unit=world.commune_a,
            by=world.alice,
            observance=national_day,
            year=2026,
            template=template,
            target_units=[world.hamlet_a, outsider],
        )
    assert "Đơn vị ngoài" in str(raised.value)
    assert not Campaign.objects.exists()


def test_a_one_off_event_needs_a_name_and_a_date(world, template):
    with pytest.raises(ValidationError) as raised:
        services.create_campaign(
            unit=world.root, by=world.lena, template=template, target_units=[world.commune_a]
        )
    assert set(raised.value.message_dict) == {"title", "event_on"}
    campaign = services.create_campaign(
        unit=world.root,
        by=world.lena,
        template=template,
        target_units=[world.commune_a],
        title="Bầu cử đại biểu Quốc hội khóa XVI",
        event_on=datetime.date(2026, 3, 15),
    )
    assert campaign.observance is None and not campaign.is_round


def test_acknowledgement_by_the_units_own_people_once(world, template, national_day):
    campaign = plan(world, template, national_day)
    with pytest.raises(ValidationError):  # a draft is not yet sent
        services.acknowledge(campaign=campaign, unit=world.commune_a, by=world.olga)
    services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    with pytest.raises(ValidationError):
        services.acknowledge(campaign=campaign, unit=world.commune_a, by=world.charlie)
    target = services.acknowledge(
        campaign=campaign, unit=world.commune_a, by=world.olga, note="Đã phổ biến"
    )
    assert target.acknowledged_by == world.olga and target.note == "Đã phổ biến"
    with pytest.raises(ValidationError):
        services.acknowledge(campaign=campaign, unit=world.commune_a, by=world.alice)


def test_progress_shows_buckets_and_evidence_per_unit(world, template, national_day, time_machine):
    time_machine.move_to("2026-08-20")
    campaign = plan(world, template, national_day)
    services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    first = campaign.tasks.filter(lead_unit=world.commune_a).order_by("due_on").first()
    post_update(
        task=first,
        reported_on=datetime.date(2026, 7, 10),
        percent=100,
        text="Đã ban hành",
        by=world.olga,
    )
    services.acknowledge(campaign=campaign, unit=world.commune_a, by=world.olga)
    as_of = datetime.date(2026, 8, 25)  # banners (23/08) overdue, report (09/09) in time
    rows = {
        row.target.unit: row
        for row in selectors.campaign_progress(campaign, user=world.lena, as_of=as_of)
    }
    a = rows[world.commune_a]
    assert a.buckets[Bucket.DONE_ON_TIME] == 1
    assert a.buckets[Bucket.PENDING_OVERDUE] == 1 and a.is_late
    assert a.buckets[Bucket.PENDING_IN_TIME] == 1
    assert a.last_report_on == datetime.date(2026, 7, 10)
    assert rows[world.commune_b].buckets[Bucket.DONE_ON_TIME] == 0
    totals = selectors.campaign_totals(list(rows.values()))
    assert totals["targets"] == 3 and totals["acknowledged"] == 1
    # A commune reads its own row only.
    own = selectors.campaign_progress(campaign, user=world.charlie, as_of=as_of)
    assert [row.target.unit for row in own] == [world.commune_b]


def test_close_needs_a_summary_and_cancel_cancels_open_tasks(world, template, national_day):
    campaign = plan(world, template, national_day)
    services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    with pytest.raises(ValidationError):
        services.close_campaign(campaign=campaign, by=world.lena, summary=" ")
    with pytest.raises(ValidationError):
        services.cancel_campaign(campaign=campaign, by=world.alice, reason="Hoãn")
    services.cancel_campaign(campaign=campaign, by=world.lena, reason="Hoãn theo chỉ đạo")
    assert set(campaign.tasks.values_list("status", flat=True)) == {Task.Status.CANCELLED}
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CANCELLED
    with pytest.raises(ValidationError):
        services.close_campaign(campaign=campaign, by=world.lena, summary="x")


def test_units_added_to_a_launched_campaign_get_their_tasks(world, template, national_day):
    campaign = plan(world, template, national_day, targets=[world.commune_a])
    services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    with pytest.raises(ValidationError):
        services.set_targets(campaign=campaign, target_units=[world.commune_b], by=world.lena)
    services.set_targets(
        campaign=campaign, target_units=[world.commune_a, world.commune_b], by=world.lena
    )
    assert campaign.tasks.filter(lead_unit=world.commune_b).count() == 3


def test_a_unit_adds_a_local_anniversary(world):
    observance = services.add_local_observance(
        unit=world.commune_a,
        by=world.olga,
        name="Ngày giải phóng xã Quảng Thành",
        month=4,
        day=25,
        founding_year=1947,
    )
    assert observance.level == Observance.Level.LOCAL and observance.owner_unit == world.commune_a
    with pytest.raises(ValidationError):
        services.add_local_observance(
            unit=world.commune_a, by=world.charlie, name="X", month=1, day=1
        )
    with pytest.raises(ValidationError):
        services.add_local_observance(
            unit=world.commune_a, by=world.olga, name="Ngày sai", month=2, day=30
        )
