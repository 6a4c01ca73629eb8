"""Evidence from the platform's own data, for a person and for a collective, and the
achievement report drafted from it."""

import datetime

import pytest
from django.utils import timezone

from mandate.grassroots.models import Case, CaseEvent, Category
from mandate.honours import services
from mandate.honours.evidence import draft_achievement_report, evidence_for
from mandate.honours.models import BlockingCondition
from mandate.people.models import Practice, Replication, Subject, TrainingRecord
from mandate.work.models import Bucket, Task, TaskUpdate
from tests.factories import LocalityFactory, TaskFactory
from tests.honours.conftest import YEAR, rate

D = datetime.date


def task(world, *, by, due, done=None, key=False, unit=None):
    return TaskFactory(
        plan=None,
        lead_unit=unit or world.commune_a,
        due_on=due,
        is_key=key,
        created_by=by,
        status=Task.Status.DONE if done else Task.Status.IN_PROGRESS,
        completed_on=done,
        content=f"Nhiệm vụ hạn {due:%d/%m}",
    )


@pytest.fixture
def olga_nominated(world, award_round, titles):
    rate(world, award_round, world.commune_a, [world.olga])
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    return nomination


def test_a_nominee_with_two_overdue_key_tasks_shows_them(world, olga_nominated):
    late_one = task(world, by=world.olga, due=D(2025, 3, 31), key=True)
    late_two = task(world, by=world.olga, due=D(2025, 9, 30), key=True)
    task(world, by=world.olga, due=D(2025, 5, 31))  # overdue but not key
    task(world, by=world.olga, due=D(2025, 4, 30), done=D(2025, 4, 20), key=True)
    reported = task(world, by=world.alice, due=D(2025, 6, 30), done=D(2025, 7, 15))
    TaskUpdate.objects.create(
        task=reported, reported_on=D(2025, 7, 15), percent=100, text="Xong", author=world.olga
    )
    task(world, by=world.olga, due=D(2024, 12, 31))  # before the period
    task(world, by=world.alice, due=D(2025, 8, 31), key=True)  # someone else's

    evidence = evidence_for(olga_nominated)

    assert [row.pk for row in evidence.overdue_key_tasks] == [late_one.pk, late_two.pk]
    assert evidence.buckets == {
        Bucket.DONE_ON_TIME: 1,
        Bucket.DONE_LATE: 1,
        Bucket.PENDING_IN_TIME: 0,
        Bucket.PENDING_OVERDUE: 3,
    }
    assert evidence.on_time_rate == 20.0
    report = draft_achievement_report(olga_nominated, evidence)
    assert "Nhiệm vụ trọng tâm quá hạn: Nhiệm vụ hạn 31/03 (hạn 31/03/2025)" in report
    assert "Nhiệm vụ trọng tâm quá hạn: Nhiệm vụ hạn 30/09 (hạn 30/09/2025)" in report
    assert "tỷ lệ đúng hạn 20 %" in report


def test_earlier_titles_trainings_models_and_conditions_are_listed(world, titles, olga_nominated):
    services.record_earlier_award(
        title=titles.ldtt,
        year=YEAR - 1,
        unit=world.commune_a,
        person=world.olga,
        reference="QĐ 7/QĐ-BTGDVTU",
        by=world.alice,
    )
    TrainingRecord.objects.create(
        person=world.olga,
        unit=world.commune_a,
        subject=Subject.DIGITAL,
        level=1,
        course="Kỹ năng số",
        finished_on=D(2025, 5, 1),
    )
    TrainingRecord.objects.create(
        person=world.olga,
        unit=world.commune_a,
        subject=Subject.LANGUAGE,
        level=1,
        course="Tiếng Anh",
        finished_on=D(2023, 5, 1),
    )
    practice = Practice.objects.create(
        title="Tổ tự quản",
        summary="Tự quản",
        category="culture",
        origin_unit=world.commune_a,
        created_by=world.olga,
        status=Practice.Status.RECOGNISED,
        recognised_on=D(2025, 6, 1),
    )
    Replication.objects.create(practice=practice, unit=world.commune_b, adopted_on=D(2025, 8, 1))
    services.record_blocking_condition(
        unit=world.commune_a,
        person=world.olga,
        kind=BlockingCondition.Kind.INSPECTION,
        starts_on=D(2025, 10, 1),
        note="Đang kiểm tra",
        by=world.alice,
    )

    evidence = evidence_for(olga_nominated)

    assert [(award.year, award.title_vi) for award in evidence.earlier_awards] == [
        (YEAR - 1, "Lao động tiên tiến")
    ]
    assert evidence.trainings_completed == ["Kỹ năng số"]
    assert (evidence.practices_originated, evidence.practices_recognised) == (1, 1)
    assert evidence.replications_elsewhere == 1
    assert [condition.kind for condition in evidence.blocking_conditions] == ["inspection"]
    report = draft_achievement_report(olga_nominated, evidence)
    assert "Năm 2024: Lao động tiên tiến (QĐ 7/QĐ-BTGDVTU)" in report
    assert "Kỹ năng số" in report and "Tiếng Anh" not in report


def test_a_collectives_evidence_covers_its_cases_and_units_below(world, award_round, titles):
    locality = LocalityFactory()
    category = Category.objects.first()
    for resolved, due in [(D(2025, 3, 1), D(2025, 3, 10)), (D(2025, 4, 20), D(2025, 4, 10))]:
        case = Case.objects.create(
            title="Ô nhiễm",
            category=category,
            locality=locality,
            unit=world.hamlet_a,
            origin_unit=world.hamlet_a,
            status=Case.Status.RESOLVED,
            opened_on=D(2025, 2, 1),
            last_reported_on=D(2025, 2, 1),
            due_on=due,
            resolved_on=resolved,
        )
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.RESOLVED, actor=world.olga)
    task(world, by=world.alice, due=D(2025, 2, 28), done=D(2025, 2, 1), unit=world.hamlet_a)
    task(world, by=world.charlie, due=D(2025, 2, 28), unit=world.commune_b)
    services.rate_unit(award_round=award_round, unit=world.commune_a, rating="good", by=world.lena)
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ttldtt,
        unit=world.root,
        nominees=[world.commune_a],
        by=world.lena,
    )

    evidence = evidence_for(nomination)

    assert (evidence.cases_resolved, evidence.cases_resolved_on_time) == (2, 1)
    assert evidence.buckets[Bucket.DONE_ON_TIME] == 1 and evidence.task_total == 1
    assert evidence.is_collective
    assert "Tập thể: Đảng ủy xã Quảng Thành" in draft_achievement_report(nomination)


def test_evidence_reads_a_fixed_number_of_queries(
    world, olga_nominated, django_assert_max_num_queries
):
    for month in range(1, 13):
        task(world, by=world.olga, due=D(2025, month, 28), key=True)
    olga_nominated.refresh_from_db()
    with django_assert_max_num_queries(16):
        evidence = evidence_for(olga_nominated)
    assert len(evidence.overdue_key_tasks) == 12
    assert evidence.as_of == min(timezone.localdate(), D(2025, 12, 31))
