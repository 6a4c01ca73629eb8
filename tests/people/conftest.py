"""People fixtures: the world's staff with positions, and a requirement of the department."""

import datetime

import pytest

from mandate.org.models import Role
from mandate.people.models import Requirement, Subject
from tests.conftest import member

AS_OF = datetime.date(2026, 11, 20)


@pytest.fixture
def staff(world):
    """Three officers of commune_a and one of commune_b, all "Chuyên viên"."""
    people = [world.olga] + [
        member(f"officer{number}", f"Nguyễn Văn Cán {number}", world.commune_a, Role.OFFICER)
        for number in range(2)
    ]
    for person in [*people, world.charlie]:
        person.position = "Chuyên viên"
        person.save(update_fields=["position", "search_text"])
    return people


@pytest.fixture
def theory_requirement(world):
    return Requirement.objects.create(
        unit=world.root,
        position="chuyen vien",  # matched ignoring case and accents
        subject=Subject.POLITICAL_THEORY,
        min_level=2,
        legal_basis="Quy định 57-QĐ/TW",
        valid_from=datetime.date(2025, 1, 1),
    )
