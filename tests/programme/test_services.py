"""The work programme's services: the rules of plans, tasks, cascades and updates."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.work import services
from mandate.work.models import Bucket, Plan, Task
from mandate.work.selectors import rollup
from tests.factories import PlanFactory, TaskFactory, UnitFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(
        datetime.datetime(2026, 11, 27, 9, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def plan(world):
    return services.create_plan(
        unit=world.root,
        title="Kế hoạch năm 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        by=world.lena,
    )


def task_in(plan, world, **fields):
    values = {
        "lead_unit": world.root,
        "content": "Tổ chức hội nghị báo cáo viên",
        "due_on": datetime.date(2026, 12, 15),
    }
    return services.create_task(plan=plan, by=world.lena, **{**values, **fields})


def test_task_dates_must_fit_the_plan(world, plan):
    with pytest.raises(ValidationError, match="outside the plan"):
        task_in(plan, world, due_on=datetime.date(2027, 1, 5))
    with pytest.raises(ValidationError, match="before it starts"):
        task_in(plan, world, start_on=datetime.date(2026, 12, 20))
    assert not Task.objects.exists()


def test_lead_unit_must_sit_under_the_plan_unit(world):
    commune_plan = PlanFactory(unit=world.commune_a)
    with pytest.raises(ValidationError, match="lead unit"):
        services.create_task(
            plan=commune_plan,
            lead_unit=world.commune_b,
            content="X",
            due_on=datetime.date(2026, 5, 1),
            by=world.lena,
        )


def test_locked_plan_refuses_new_tasks_and_planning_changes(world, plan):
    task = task_in(plan, world)
    services.approve_plan(plan=plan, by=world.lena)
    with pytest.raises(ValidationError, match="locked"):
        task_in(plan, world)
    with pytest.raises(ValidationError, match="locked"):
        services.update_task(
            task=task, version=task.version, by=world.lena, due_on=datetime.date(2026, 12, 30)
        )
    noted = services.update_task(
        task=task, version=task.version, by=world.lena, local_note="Vận dụng tại các xã ven biển"
    )
    assert noted.version == task.version + 1


def test_only_a_leader_approves(world, plan):
    with pytest.raises(ValidationError):
        services.approve_plan(plan=plan, by=world.olga)
    assert services.approve_plan(plan=plan, by=world.lena).status == Plan.Status.APPROVED


def test_a_stale_edit_is_refused_and_says_what_changed(world, plan):
    task = task_in(plan, world)
    opened = task.version
    services.update_task(task=task, version=opened, by=world.lena, content="Nội dung mới")
    with pytest.raises(services.StaleEdit) as stale:
        services.update_task(task=task, version=opened, by=world.lena, content="Nội dung khác")
    assert Task.objects.get(pk=task.pk).content == "Nội dung mới"
    changed = {change["name"]: change for change in stale.value.changes}
    assert changed["content"]["new"] == "Nội dung mới"
    assert changed["content"]["by"] == world.lena


def test_cascade_makes_one_child_per_unit_once(world, plan):
    task = task_in(plan, world, is_key=True)
    children = services.cascade_task(
        task=task, units=[world.commune_a, world.commune_b], by=world.lena
    )
    assert {child.lead_unit for child in children} == {world.commune_a, world.commune_b}
    assert services.cascade_task(task=task, units=[world.commune_a], by=world.lena) == []
    assert Task.objects.visible_to(world.olga).get().lead_unit == world.commune_a


def test_cascade_needs_a_leader_and_units_below(world, plan):
    task = task_in(plan, world)
    with pytest.raises(ValidationError):
        services.cascade_task(task=task, units=[world.commune_a], by=world.olga)
    commune_task = task_in(plan, world, lead_unit=world.commune_a)
    with pytest.raises(ValidationError, match="below"):
        services.cascade_task(task=commune_task, units=[world.commune_b], by=world.lena)


def test_coordination_request_reaches_a_unit_outside_the_tree(world):
    commune_plan = PlanFactory(unit=world.commune_b)
    task = services.create_task(
        plan=commune_plan,
        lead_unit=world.commune_b,
        content="Hội thi",
        due_on=datetime.date(2026, 12, 20),
        by=world.charlie,
    )
    child = services.request_coordination(
        task=task,
        unit=world.commune_a,
        content="Cử đội tham gia hội thi",
        due_on=datetime.date(2026, 12, 10),
        by=world.charlie,
    )
    assert child.origin == Task.Origin.COORDINATION
    assert Task.objects.visible_to(world.alice).get() == child
    assert world.commune_a in task.coordinating_units.all()


def test_update_moves_progress_and_completes_at_100(world, plan):
    task = task_in(plan, world, lead_unit=world.commune_a)
    photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    services.post_update(
        task=task,
        reported_on=TODAY,
        percent=50,
        text="Đã tổ chức 2 buổi",
        files=[photo],
        by=world.olga,
    )
    task.refresh_from_db()
    assert (task.progress, task.status) == (50, Task.Status.IN_PROGRESS)
    assert task.updates.get().evidence.get().is_image
    services.post_update(
        task=task, reported_on=TODAY, percent=100, text="Hoàn thành", by=world.olga
    )
    task.refresh_from_db()
    assert (task.status, task.completed_on) == (Task.Status.DONE, TODAY)


def test_bad_update_changes_nothing(world, plan):
    task = task_in(plan, world, lead_unit=world.commune_a)
    exe = SimpleUploadedFile("anh.png", b"MZ\x90", content_type="image/png")
    with pytest.raises(ValidationError):
        services.post_update(
            task=task, reported_on=TODAY, percent=50, text="x", files=[exe], by=world.olga
        )
    with pytest.raises(ValidationError):
        services.post_update(
            task=task,
            reported_on=TODAY + datetime.timedelta(days=1),
            percent=120,
            text="",
            by=world.olga,
        )
    with pytest.raises(ValidationError):
        services.post_update(task=task, reported_on=TODAY, percent=10, text="x", by=world.rita)
    task.refresh_from_db()
    assert (task.progress, task.updates.count(), task.version) == (0, 0, 1)


def test_recurring_task_makes_its_next_occurrence_once(world, plan):
    task = task_in(
        plan,
        world,
        lead_unit=world.commune_a,
        recurrence="monthly",
        due_on=datetime.date(2026, 10, 31),
        start_on=datetime.date(2026, 10, 1),
    )
    services.post_update(
        task=task, reported_on=TODAY, percent=100, text="Đã gửi báo cáo", by=world.olga
    )
    following = Task.objects.get(previous=task)
    assert (following.start_on, following.due_on) == (
        datetime.date(2026, 11, 1),
        datetime.date(2026, 11, 30),
    )
    assert services.schedule_next_occurrence(task=task) is None
    december = services.schedule_next_occurrence(task=following)
    assert december.due_on == datetime.date(2026, 12, 30)
    assert services.schedule_next_occurrence(task=december) is None  # past the plan's end


def test_buckets_in_sql_agree_with_the_task_rule(world):
    as_of = datetime.date(2026, 6, 30)
    unit = UnitFactory(parent=world.root)
    rows = [
        ("done", datetime.date(2026, 6, 1), datetime.date(2026, 5, 30), Bucket.DONE_ON_TIME),
        ("done", datetime.date(2026, 6, 1), datetime.date(2026, 6, 5), Bucket.DONE_LATE),
        ("done", datetime.date(2026, 8, 1), datetime.date(2026, 7, 5), Bucket.PENDING_IN_TIME),
        ("in_progress", datetime.date(2026, 6, 30), None, Bucket.PENDING_IN_TIME),
        ("not_started", datetime.date(2026, 6, 29), None, Bucket.PENDING_OVERDUE),
        ("done", datetime.date(2026, 6, 1), datetime.date(2026, 7, 2), Bucket.PENDING_OVERDUE),
        ("cancelled", datetime.date(2026, 1, 1), None, None),
    ]
    for status, due_on, completed_on, _bucket in rows:
        TaskFactory(plan__unit=unit, status=status, due_on=due_on, completed_on=completed_on)
    tasks = Task.objects.order_by("pk")
    assert [task.bucket(as_of) for task in tasks] == [row[3] for row in rows]
    assert Task.objects.bucket_counts(as_of) == {
        Bucket.DONE_ON_TIME: 1,
        Bucket.DONE_LATE: 1,
        Bucket.PENDING_IN_TIME: 2,
        Bucket.PENDING_OVERDUE: 2,
    }


def test_overdue_is_derived_from_the_dates(world, plan):
    task = task_in(plan, world, due_on=datetime.date(2026, 11, 1))
    assert task.status == Task.Status.NOT_STARTED
    assert task.is_overdue
    assert task.display_status != task.get_status_display()


def test_rollup_counts_children(world, plan):
    task = task_in(plan, world)
    first, second = services.cascade_task(
        task=task, units=[world.commune_a, world.commune_b], by=world.lena
    )
    services.post_update(task=first, reported_on=TODAY, percent=100, text="Xong", by=world.olga)
    figures = rollup(task=task, as_of=TODAY)
    assert (figures["count"], figures["done"], figures["mean_progress"]) == (2, 1, 50)
    assert figures[Bucket.DONE_ON_TIME] == 1


@pytest.fixture(autouse=True)
def _messages_in_english(in_english):
    """These tests read the services' messages, written in English."""


def test_bucket_counts_are_recounted_after_any_change(world, plan, settings):
    from django.core.cache import cache

    from mandate.work.selectors import bucket_counts, task_count

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    task = task_in(plan, world, due_on=datetime.date(2026, 11, 1))
    tasks = Task.objects.visible_to(world.lena)
    assert bucket_counts(tasks=tasks, as_of=TODAY)[Bucket.PENDING_OVERDUE] == 1
    with time_machine.travel(datetime.datetime(2026, 11, 27, 9, 1, tzinfo=datetime.UTC)):
        services.post_update(task=task, reported_on=TODAY, percent=100, text="Xong", by=world.lena)
    counts = bucket_counts(tasks=tasks, as_of=TODAY)
    assert (counts[Bucket.PENDING_OVERDUE], counts[Bucket.DONE_LATE]) == (0, 1)
    assert task_count(tasks=tasks) == 1
    task_in(plan, world)
    assert bucket_counts(tasks=tasks, as_of=TODAY)[Bucket.PENDING_IN_TIME] == 1
    assert task_count(tasks=tasks) == 2
    Task.objects.filter(pk=task.pk).delete()
    assert bucket_counts(tasks=tasks, as_of=TODAY)[Bucket.DONE_LATE] == 0
    assert bucket_counts(tasks=Task.objects.visible_to(world.rita), as_of=TODAY) == dict.fromkeys(
        Bucket, 0
    )
