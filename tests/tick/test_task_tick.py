"""`mandate tick` for tasks: reminders, overdue notices, escalations, recurring tasks."""

import datetime

from django.utils import translation

from mandate.core.models import Notification
from mandate.org.models import User
from mandate.work import tick as work_tick
from mandate.work.models import Task, TaskUpdate
from tests.tick.conftest import DUE


def day(month: int, number: int) -> datetime.date:
    return datetime.date(2026, month, number)


def recipients(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_reminders_go_to_the_lead_units_leaders_and_officers_7_and_1_days_before(
    world, task_of, tick
):
    task = task_of()
    tick(day(6, 22))
    assert recipients("task-reminder") == []
    tick(day(6, 23))
    assert recipients("task-reminder") == ["alice", "olga"]  # not rita (reporter) nor lena
    tick(day(6, 24))
    tick(day(6, 28))
    assert Notification.objects.filter(kind="task-reminder").count() == 2
    tick(day(6, 29))
    assert recipients("task-reminder") == ["alice", "alice", "olga", "olga"]
    keys = set(Notification.objects.filter(kind="task-reminder").values_list("key", flat=True))
    assert keys == {
        f"task-reminder:{task.pk}:2026-06-30:7",
        f"task-reminder:{task.pk}:2026-06-30:1",
    }
    notice = Notification.objects.filter(kind="task-reminder").first()
    assert notice.url == f"/work/tasks/{task.pk}/"


def test_a_reminder_missed_on_its_day_is_caught_up_once(world, task_of, tick):
    User.objects.filter(username__in=["alice", "olga"]).update(preferred_language="en")
    task_of()
    tick(day(6, 26))  # tick did not run on 23/06
    tick(day(6, 27))
    assert recipients("task-reminder") == ["alice", "olga"]
    assert Notification.objects.filter(title__startswith="Due in 4 days").count() == 2


def test_done_and_cancelled_tasks_get_no_reminder_nor_overdue_notice(world, task_of, tick):
    task_of(status=Task.Status.DONE, completed_on=day(6, 1), progress=100)
    task_of(status=Task.Status.CANCELLED)
    for moment in (day(6, 23), day(6, 29), day(7, 1), day(7, 20)):
        tick(moment)
    assert not Notification.objects.exists()


def test_reminders_follow_a_moved_due_date(world, task_of, tick):
    task = task_of()
    tick(day(6, 23))
    Task.objects.filter(pk=task.pk).update(due_on=day(7, 15))
    tick(day(7, 8))
    assert recipients("task-reminder") == ["alice", "alice", "olga", "olga"]


def test_the_overdue_notice_goes_out_once(world, task_of, tick):
    task = task_of()
    tick(day(6, 30))
    assert recipients("task-overdue") == []  # due today is not overdue
    tick(day(7, 1))
    tick(day(7, 1))
    tick(day(7, 2))
    assert recipients("task-overdue") == ["alice", "olga"]
    notice = Notification.objects.get(kind="task-overdue", user=world.olga)
    assert notice.key == f"task-overdue:{task.pk}:2026-06-30"
    assert "30/06/2026" in notice.body


def test_a_long_overdue_task_is_not_announced_as_news(world, task_of, tick):
    task_of(due_on=day(3, 31))
    tick(day(6, 1))
    assert recipients("task-overdue") == []
    assert recipients("task-escalation") == ["alice"]


def test_escalation_to_the_leaders_after_n_days_without_update(world, task_of, tick):
    task_of()
    tick(day(7, 6))
    assert recipients("task-escalation") == []
    tick(day(7, 7))
    assert recipients("task-escalation") == ["alice"]  # leaders only
    tick(day(7, 8))
    tick(day(7, 30))
    assert recipients("task-escalation") == ["alice"]


def test_a_progress_update_restarts_the_escalation_clock(world, task_of, tick):
    task = task_of()
    TaskUpdate.objects.create(task=task, reported_on=day(7, 3), percent=40, text="Đã họp")
    tick(day(7, 7))
    assert recipients("task-escalation") == []
    tick(day(7, 10))
    assert recipients("task-escalation") == ["alice"]
    notice = Notification.objects.get(kind="task-escalation")
    assert "03/07/2026" in notice.body
    TaskUpdate.objects.create(task=task, reported_on=day(7, 12), percent=60, text="Đã làm thêm")
    tick(day(7, 18))
    tick(day(7, 19))
    assert recipients("task-escalation") == ["alice", "alice"]


def test_an_update_before_the_due_date_does_not_hasten_the_escalation(world, task_of, tick):
    task = task_of()
    TaskUpdate.objects.create(task=task, reported_on=day(5, 1), percent=10, text="Bắt đầu")
    tick(day(7, 1))
    assert recipients("task-escalation") == []
    tick(day(7, 7))
    assert recipients("task-escalation") == ["alice"]


def test_a_recurring_task_gets_its_next_occurrence_once(world, task_of, tick):
    task = task_of(due_on=day(3, 31), recurrence=Task.Recurrence.MONTHLY)
    tick(day(3, 31))
    assert not Task.objects.filter(previous=task).exists()
    tick(day(4, 1))
    tick(day(4, 1))
    tick(day(4, 2))
    following = Task.objects.get(previous=task)
    assert following.due_on == day(4, 30)
    assert following.recurrence == Task.Recurrence.MONTHLY
    assert Task.objects.count() == 2


def test_a_series_that_fell_behind_catches_up_to_today(world, task_of, tick):
    task_of(due_on=day(1, 15), recurrence=Task.Recurrence.MONTHLY)
    tick(day(4, 20))
    assert sorted(Task.objects.values_list("due_on", flat=True)) == [
        day(1, 15),
        day(2, 15),
        day(3, 15),
        day(4, 15),
        day(5, 15),
    ]
    tick(day(4, 21))
    assert Task.objects.count() == 5


def test_a_cancelled_occurrence_ends_its_series(world, task_of, tick):
    task_of(due_on=day(3, 31), recurrence=Task.Recurrence.MONTHLY, status=Task.Status.CANCELLED)
    tick(day(4, 5))
    assert Task.objects.count() == 1


def test_a_series_stops_at_the_end_of_its_plan(world, tick):
    from tests.factories import PlanFactory, TaskFactory

    plan = PlanFactory(unit=world.commune_a)
    TaskFactory(plan=plan, due_on=day(12, 15), recurrence=Task.Recurrence.MONTHLY)
    tick(datetime.date(2027, 1, 2))
    assert Task.objects.count() == 1


def test_the_round_logs_its_counts(world, task_of):
    task_of()
    lines = []
    with translation.override("en"):
        work_tick.run(today=day(6, 23), log=lines.append)
    assert lines == [
        "Tasks: 0 new recurring occurrences, 2 reminders, 0 overdue notices, 0 escalations."
    ]


def test_a_repeat_round_runs_a_fixed_number_of_queries(world, task_of, django_assert_num_queries):
    for unit in (world.commune_a, world.hamlet_a, world.commune_b, world.division):
        for offset in (1, 3, 7):
            task_of(unit=unit, due_on=DUE + datetime.timedelta(days=offset - 7))
    work_tick.send_reminders(today=day(6, 23))
    # tasks, people, their memberships, the keys already sent: whatever the number of tasks
    with django_assert_num_queries(4):
        assert work_tick.send_reminders(today=day(6, 23)) == 0


def test_a_long_backlog_is_caught_up_in_bounded_steps(world, task_of, monkeypatch):
    monkeypatch.setattr(work_tick, "MAX_CATCH_UP_OCCURRENCES", 2)
    task_of(due_on=day(1, 15), recurrence=Task.Recurrence.MONTHLY)
    assert work_tick.schedule_recurring(today=day(6, 20)) == 2  # February, March
    assert work_tick.schedule_recurring(today=day(6, 20)) == 2  # April, May
    assert work_tick.schedule_recurring(today=day(6, 20)) == 2  # June, and July to come
    assert work_tick.schedule_recurring(today=day(6, 20)) == 0
    assert Task.objects.count() == 7
