"""The cast every scope test uses.

The tree:      root (department)
               ├── division
               ├── commune_a ── hamlet_a
               └── commune_b

alice leads commune_a, olga is an officer of commune_a, rita a reporter there,
victor views the whole province, lena leads the department; charlie is an
officer of commune_b, the outsider to everything under commune_a.
"""

from dataclasses import dataclass, field

import pytest

from mandate.org.models import Role, Unit, User
from tests.factories import MembershipFactory, UnitFactory, UserFactory


@dataclass
class World:
    root: Unit
    division: Unit
    commune_a: Unit
    hamlet_a: Unit
    commune_b: Unit
    lena: User
    alice: User
    olga: User
    rita: User
    victor: User
    charlie: User
    admin: User
    # Objects other apps' fixtures and leak entries hang on the cast.
    extra: dict = field(default_factory=dict)


def member(username: str, full_name: str, unit: Unit, role: str) -> User:
    user = UserFactory(username=username, full_name=full_name)
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def world(db) -> World:
    root = UnitFactory(name="Ban Tuyên giáo và Dân vận Thử", kind=Unit.Kind.DEPARTMENT)
    division = UnitFactory(name="Phòng Tuyên truyền", parent=root)
    commune_a = UnitFactory(name="Đảng ủy xã Quảng Thành", kind=Unit.Kind.COMMUNE, parent=root)
    hamlet_a = UnitFactory(name="Chi bộ thôn Đông", kind=Unit.Kind.OTHER, parent=commune_a)
    commune_b = UnitFactory(name="Đảng ủy xã Hòa Bình", kind=Unit.Kind.COMMUNE, parent=root)
    return World(
        root=root,
        division=division,
        commune_a=commune_a,
        hamlet_a=hamlet_a,
        commune_b=commune_b,
        lena=member("lena", "Lê Thị Lan", root, Role.LEADER),
        alice=member("alice", "Trần Thị Ánh", commune_a, Role.LEADER),
        olga=member("olga", "Phạm Văn Ổn", commune_a, Role.OFFICER),
        rita=member("rita", "Đỗ Thị Rạng", commune_a, Role.REPORTER),
        victor=member("victor", "Vũ Văn Viễn", root, Role.VIEWER),
        charlie=member("charlie", "Cao Văn Chiến", commune_b, Role.OFFICER),
        admin=UserFactory(username="admin", full_name="Quản trị", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user: User):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def in_english():
    """Service messages in English, for tests that read them (the default is Vietnamese)."""
    from django.utils import translation

    with translation.override("en"):
        yield
