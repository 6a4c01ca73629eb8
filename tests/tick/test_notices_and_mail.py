"""Notices and their e-mails: once per key, immediate or digest or none, in each one's language."""

import datetime

from django.utils.translation import gettext as _

from mandate.core.models import Notification
from mandate.core.notifications import notify, reminder_threshold, send_digests
from mandate.work.models import TaskUpdate
from tests.factories import DocumentFactory, ReviewMilestoneFactory


def day(month: int, number: int) -> datetime.date:
    return datetime.date(2026, month, number)


def test_running_the_round_twice_sends_nothing_twice(world, task_of, tick, mailoutbox):
    world.olga.notification_mode = "digest"
    world.olga.save()
    task_of(due_on=day(7, 8))  # reminder due on 01/07
    task_of(due_on=day(6, 30))  # overdue on 01/07
    silent = task_of(due_on=day(6, 10))  # escalated on 01/07
    TaskUpdate.objects.create(task=silent, reported_on=day(6, 1), percent=5, text="Mới bắt đầu")
    ReviewMilestoneFactory(
        document=DocumentFactory(unit=world.root),
        responsible_unit=world.commune_a,
        due_on=day(7, 2),
    )
    tick(day(7, 1))
    notices, mails = Notification.objects.count(), len(mailoutbox)
    assert set(Notification.objects.values_list("kind", flat=True)) == {
        "task-reminder",
        "task-overdue",
        "task-escalation",
        "review-reminder",
    }
    assert mails == notices - Notification.objects.filter(user=world.olga).count() + 1
    tick(day(7, 1))
    tick(day(7, 1))
    assert Notification.objects.count() == notices
    assert len(mailoutbox) == mails


def test_immediate_readers_get_one_email_per_notice(world, task_of, tick, mailoutbox):
    task = task_of()
    tick(day(6, 23))
    to_alice = [mail for mail in mailoutbox if mail.to == ["alice@example.org"]]
    assert len(to_alice) == 1
    assert task.content in to_alice[0].subject
    assert f"https://mandate.example.vn/work/tasks/{task.pk}/" in to_alice[0].body
    assert Notification.objects.get(user=world.alice).emailed_at is not None


def test_digest_readers_get_one_email_with_every_notice(world, task_of, tick, mailoutbox):
    world.olga.notification_mode = "digest"
    world.olga.save()
    first, second = task_of(), task_of(due_on=day(6, 24))
    tick(day(6, 23))
    to_olga = [mail for mail in mailoutbox if mail.to == ["olga@example.org"]]
    assert len(to_olga) == 1
    assert first.content in to_olga[0].body and second.content in to_olga[0].body
    assert f"/work/tasks/{first.pk}/" in to_olga[0].body
    assert not Notification.objects.filter(user=world.olga, emailed_at__isnull=True).exists()
    tick(day(6, 23))
    assert len([mail for mail in mailoutbox if mail.to == ["olga@example.org"]]) == 1


def test_no_email_for_those_who_chose_none(world, task_of, tick, mailoutbox):
    world.olga.notification_mode = "none"
    world.olga.save()
    task_of()
    tick(day(6, 23))
    assert Notification.objects.filter(user=world.olga).count() == 1
    assert [mail.to for mail in mailoutbox] == [["alice@example.org"]]
    assert send_digests() == 0


def test_a_notice_speaks_its_readers_language(world, task_of, tick):
    world.olga.preferred_language = "en"
    world.olga.save()
    task = task_of()
    tick(day(6, 23))
    notice = Notification.objects.get(user=world.olga)
    assert notice.title == f"Due in 7 days: {task.content}"
    assert notice.body == (
        f"The task “{task.content}” led by {world.commune_a.name} is due on 30/06/2026."
    )


def test_notify_renders_the_message_in_each_recipients_language(world):
    languages = {world.alice: "vi", world.olga: "en", world.charlie: "fr"}
    for person, language in languages.items():
        person.preferred_language = language
        person.save()
    notify(
        users=list(languages),
        kind="test",
        key="test:1",
        message=lambda: (_("Home"), _("My profile")),
    )
    titles = dict(Notification.objects.values_list("user__username", "title"))
    assert titles == {"alice": "Trang chủ", "olga": "Home", "charlie": "Accueil"}


def test_notify_twice_with_one_key_records_once(world, mailoutbox):
    for _round in range(2):
        created = notify(
            users=[world.alice, world.alice],
            kind="test",
            key="test:2",
            message=lambda: ("Tiêu đề\ncó xuống dòng", "Nội dung"),
            url="/work/tasks/1/",
        )
    assert created == 0
    assert Notification.objects.filter(user=world.alice).count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Tiêu đề có xuống dòng"


def test_the_reminder_threshold_catches_up_missed_days():
    thresholds = [7, 1]
    assert [reminder_threshold(days, thresholds) for days in (9, 8, 7, 4, 2, 1, 0)] == [
        None,
        None,
        7,
        7,
        7,
        1,
        1,
    ]
    assert reminder_threshold(-1, thresholds) is None
    assert reminder_threshold(3, []) is None
