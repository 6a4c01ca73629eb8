"""The admin lists every training record, requirement and good model, with its filters."""

import datetime

import pytest
from django.urls import reverse

from mandate.people.models import Practice, Replication, Requirement, Subject, TrainingRecord


@pytest.fixture
def rows(world):
    TrainingRecord.objects.create(
        person=world.olga,
        unit=world.commune_a,
        subject=Subject.DIGITAL,
        level=1,
        course="Kỹ năng số cơ bản",
        finished_on=datetime.date(2025, 5, 1),
    )
    Requirement.objects.create(
        unit=world.root, position="Chuyên viên", subject="digital", min_level=1
    )
    practice = Practice.objects.create(
        title="Tổ tự quản", summary="Tự quản", category="culture", origin_unit=world.commune_a
    )
    Replication.objects.create(practice=practice, unit=world.commune_b)


@pytest.mark.parametrize("model", ["trainingrecord", "requirement", "practice", "plannedtraining"])
def test_administrators_see_every_row(world, rows, client_for, model):
    client = client_for(world.admin)
    page = client.get(reverse(f"admin:people_{model}_changelist"), {"q": "a"})
    assert page.status_code == 200
    assert client.get(reverse(f"admin:people_{model}_add")).status_code == 200


def test_a_model_opens_with_its_replications(world, rows, client_for):
    practice = Practice.objects.dangerously_unscoped().get()
    page = client_for(world.admin).get(reverse("admin:people_practice_change", args=[practice.pk]))
    assert page.status_code == 200
    assert "Hòa Bình" in page.content.decode()
