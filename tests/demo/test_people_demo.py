"""The seeded demo's training records and good models: the department's requirements,
realistic gaps (three officers of `truongphong`'s division short of intermediate political
theory), about thirty models in every status, adopted and asked replications."""

import pytest

from mandate.org.models import Unit, User
from mandate.people import selectors
from mandate.people.models import Practice, Replication, Requirement, Subject, TrainingRecord
from mandate.work.demo import REFERENCE_DATE
from mandate.work.models import Task

pytestmark = pytest.mark.django_db


def user(username: str) -> User:
    return User.objects.dangerously_unscoped().get(username=username)


def practices():
    return Practice.objects.dangerously_unscoped()


def test_the_department_sets_the_requirements(demo):
    requirements = Requirement.objects.dangerously_unscoped()
    root = Unit.objects.dangerously_unscoped().get(parent__isnull=True)
    assert set(requirements.values_list("unit", flat=True)) == {root.pk}
    heads = requirements.filter(position="Trưởng phòng")
    assert set(heads.values_list("subject", "min_level")) == {
        (Subject.POLITICAL_THEORY, 3),
        (Subject.STATE_MANAGEMENT, 2),
    }
    assert requirements.get(position="Chuyên viên", subject=Subject.POLITICAL_THEORY).min_level == 2
    assert requirements.filter(unit_kind=Unit.Kind.COMMUNE, min_level=2).exists()


def test_truongphong_sees_exactly_three_officers_short_of_intermediate_theory(demo):
    head = user("truongphong")
    division = head.memberships.get().unit
    gaps = selectors.gaps(unit=division, user=head, as_of=REFERENCE_DATE)
    theory = [
        gap
        for gap in gaps
        if gap.requirement.subject == Subject.POLITICAL_THEORY
        and gap.person.position == "Chuyên viên"
    ]
    assert len(theory) == 3
    assert {gap.held_level for gap in theory} == {1, None}
    # One of them is studying for it: the course is recorded, not completed.
    studying = TrainingRecord.objects.dangerously_unscoped().filter(
        person__in=[gap.person for gap in theory], finished_on__isnull=True
    )
    assert studying.count() == 1
    assert head not in {gap.person for gap in gaps if gap.requirement.position == "Trưởng phòng"}


def test_records_are_realistic_and_gaps_exist_across_the_province(demo):
    records = TrainingRecord.objects.dangerously_unscoped()
    assert records.count() > 300
    assert records.filter(institution="Học viện Chính trị quốc gia Hồ Chí Minh").exists()
    assert records.filter(institution="Trường Chính trị Tô Hiệu", level=2).exists()
    assert not records.filter(finished_on__gt=REFERENCE_DATE).exists()
    lanhdao = user("lanhdao")
    root = lanhdao.memberships.get().unit
    gaps = selectors.gaps(unit=root, user=lanhdao, as_of=REFERENCE_DATE)
    subjects = {gap.requirement.subject for gap in gaps}
    assert {Subject.POLITICAL_THEORY, Subject.DIGITAL} <= subjects
    assert 20 < len(gaps) < 200  # gaps, not a province without training


def test_about_thirty_models_in_every_status(demo):
    assert 28 <= practices().count() <= 35
    statuses = dict(
        (status, practices().filter(status=status).count()) for status in Practice.Status.values
    )
    assert all(statuses.values())
    kinds = set(practices().values_list("origin_unit__kind", flat=True))
    assert {Unit.Kind.COMMUNE, Unit.Kind.MASS_ORGANISATION, Unit.Kind.AGENCY} <= kinds
    for practice in practices().filter(status=Practice.Status.RECOGNISED):
        assert practice.recognised_on <= REFERENCE_DATE and practice.recognition_note
        assert practice.reviewed_on <= practice.recognised_on
    assert practices().filter(title__startswith="Dân vận khéo").exists()


def test_recognised_models_spread_adopted_and_asked(demo):
    replications = Replication.objects.dangerously_unscoped()
    adopted = replications.filter(status=Replication.Status.ADOPTED)
    assert adopted.count() >= 30
    assert not adopted.filter(adopted_on__gt=REFERENCE_DATE).exists()
    assert set(replications.values_list("practice__status", flat=True)) == {
        Practice.Status.RECOGNISED
    }
    asked = replications.filter(task__isnull=False)
    assert asked.filter(status=Replication.Status.ASKED).exists()
    assert asked.filter(status=Replication.Status.ADOPTED).exists()
    for replication in asked.select_related("task"):
        assert replication.task.lead_unit_id == replication.unit_id
        done = replication.status == Replication.Status.ADOPTED
        assert (replication.task.status == Task.Status.DONE) == done
    commune = user("canbo.xa").memberships.get().unit
    assert asked.filter(unit=commune, status=Replication.Status.ASKED).exists()


def test_a_commune_officer_reads_recognised_models_but_not_others_proposals(demo):
    officer = user("canbo.xa")
    visible = Practice.objects.visible_to(officer)
    commune = officer.memberships.get().unit
    assert visible.filter(status=Practice.Status.RECOGNISED).count() == (
        practices().filter(status=Practice.Status.RECOGNISED).count()
    )
    unrecognised = visible.exclude(status=Practice.Status.RECOGNISED)
    assert set(unrecognised.values_list("origin_unit", flat=True)) == {commune.pk}
