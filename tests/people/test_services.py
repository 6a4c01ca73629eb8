"""Training records, requirements and gaps, the training plan, good models and replication."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mandate.people import selectors, services
from mandate.people.models import Practice, Replication, Subject, TrainingRecord
from mandate.work.models import Task
from tests.people.conftest import AS_OF


def record(person, unit, by, **fields):
    return services.record_training(
        person=person,
        unit=unit,
        by=by,
        **{
            "subject": Subject.POLITICAL_THEORY,
            "level": 2,
            "course": "Trung cấp lý luận chính trị - hành chính",
            "institution": "Trường Chính trị Tô Hiệu",
            "started_on": datetime.date(2023, 3, 1),
            "finished_on": datetime.date(2024, 1, 15),
        }
        | fields,
    )


def test_a_record_is_kept_by_the_persons_unit(world):
    kept = record(world.olga, world.commune_a, world.alice)
    assert kept.level_label.startswith("Intermediate") or kept.level_label.startswith("Trung")
    with pytest.raises(ValidationError):  # charlie cannot write commune_a's records
        record(world.olga, world.commune_a, world.charlie)
    with pytest.raises(ValidationError):  # olga is not a member of commune_b
        record(world.olga, world.commune_b, world.lena)
    assert TrainingRecord.objects.count() == 1


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"level": 9}, "level"),
        ({"finished_on": datetime.date(2022, 1, 1)}, "finished_on"),
        ({"finished_on": datetime.date(2099, 1, 1)}, "finished_on"),
        ({"course": ""}, "course"),
    ],
)
def test_bad_records_are_refused_with_the_field(world, fields, field):
    with pytest.raises(ValidationError) as raised:
        record(world.olga, world.commune_a, world.alice, **fields)
    assert field in raised.value.message_dict
    assert not TrainingRecord.objects.exists()


def test_gaps_list_who_misses_the_required_level_since_when(world, staff, theory_requirement):
    record(staff[1], world.commune_a, world.alice)  # intermediate: meets the requirement
    record(staff[2], world.commune_a, world.alice, level=1, course="Sơ cấp")
    found = selectors.gaps(unit=world.commune_a, user=world.alice, as_of=AS_OF)
    assert {gap.person for gap in found} == {staff[0], staff[2]}
    elementary = next(gap for gap in found if gap.person == staff[2])
    assert elementary.held_level == 1
    assert elementary.since >= datetime.date(2025, 1, 1)
    # The department sees commune_b's officer too; charlie sees only his own unit.
    assert world.charlie in {
        g.person for g in selectors.gaps(unit=world.root, user=world.lena, as_of=AS_OF)
    }
    assert (
        selectors.gaps(unit=world.commune_b, user=world.charlie, as_of=AS_OF)[0].person
        == world.charlie
    )


def test_a_training_plan_makes_one_task_per_gap_once(world, staff, theory_requirement):
    found = selectors.gaps(unit=world.commune_a, user=world.alice, as_of=AS_OF)
    tasks = services.plan_training(unit=world.commune_a, year=2027, gaps=found, by=world.alice)
    assert len(tasks) == 3
    assert all(task.due_on == datetime.date(2027, 12, 31) for task in tasks)
    assert all(task.lead_unit == world.commune_a for task in tasks)
    assert "Phạm Văn Ổn" in tasks[0].content or any("Phạm Văn Ổn" in t.content for t in tasks)
    again = services.plan_training(
        unit=world.commune_a,
        year=2027,
        gaps=selectors.gaps(unit=world.commune_a, user=world.alice, as_of=AS_OF),
        by=world.alice,
    )
    assert again == [] and Task.objects.count() == 3
    with pytest.raises(ValidationError):
        services.plan_training(unit=world.commune_a, year=2027, gaps=found, by=world.olga)


def propose(world, **fields):
    return services.propose_practice(
        origin_unit=world.commune_a,
        by=world.olga,
        **{
            "title": "Loa phát thanh thông minh ở thôn",
            "summary": "Bản tin 15 phút mỗi tối qua loa thông minh điều khiển bằng điện thoại",
            "results": "92% hộ nghe được bản tin; phản ánh của dân tăng 40%",
            "category": Practice.Category.PROPAGANDA,
        }
        | fields,
    )


def test_a_proposed_model_stays_with_its_unit_until_recognised(world):
    practice = propose(world)
    assert not Practice.objects.visible_to(world.charlie).filter(pk=practice.pk).exists()
    with pytest.raises(ValidationError):
        services.recognise_practice(practice=practice, by=world.olga)
    services.recognise_practice(practice=practice, by=world.lena, note="Khen thưởng năm 2026")
    assert Practice.objects.visible_to(world.charlie).filter(pk=practice.pk).exists()
    assert Practice.objects.search("loa phat thanh").filter(pk=practice.pk).exists()


def test_a_leader_asks_units_to_replicate_and_they_adopt(world):
    practice = propose(world)
    due = datetime.date(2099, 6, 30)
    with pytest.raises(ValidationError):  # not recognised yet
        services.ask_to_replicate(
            practice=practice, units=[world.commune_b], due_on=due, by=world.lena
        )
    practice = services.recognise_practice(practice=practice, by=world.lena)
    asked = services.ask_to_replicate(
        practice=practice,
        units=[world.commune_b, world.division, world.commune_a],
        due_on=due,
        by=world.lena,
    )
    assert {replication.unit for replication in asked} == {world.commune_b, world.division}
    assert all(replication.task.due_on == due for replication in asked)
    adopted = services.record_replication(
        practice=practice,
        unit=world.commune_b,
        by=world.charlie,
        adopted_on=datetime.date(2026, 5, 1),
        adaptation="Dùng loa của nhà văn hóa thôn",
    )
    assert adopted.status == Replication.Status.ADOPTED and adopted.task_id is not None
    # The origin unit follows where its model spread; charlie sees his own replication.
    assert selectors.spread(practice=practice, user=world.alice).count() == 2
    assert list(selectors.spread(practice=practice, user=world.charlie)) == [adopted]
    with pytest.raises(ValidationError):
        services.ask_to_replicate(
            practice=practice, units=[world.commune_b], due_on=due, by=world.alice
        )
