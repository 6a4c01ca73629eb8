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
from hypothesis import settings

from mandate.org.models import Role, Unit, User
from tests.factories import MembershipFactory, UnitFactory, UserFactory

# Property tests check what the code does, not how fast: on two busy cores an example can
# pass Hypothesis's 200 ms deadline and fail a run that is otherwise green.
settings.register_profile("mandate", deadline=None)
settings.load_profile("mandate")


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


@dataclass
class Places:
    """Localities under the cast, and the grassroots routing between them.

    province ── a (commune_a's commune) · a_near (2 km from a) · b (commune_b's, 50 km away)
    Rules: anything in a -> commune_a, anything in b -> commune_b, land anywhere in the
    province -> the division; other categories default to the department (root).
    """

    province: object
    a: object
    a_near: object
    b: object
    land: object
    environment: object


@pytest.fixture
def places(world) -> Places:
    from mandate.grassroots.models import Category, RoutingRule
    from mandate.org.models import Locality
    from tests.factories import LocalityFactory

    province = LocalityFactory(code="99", name="Thành phố Thử", kind=Locality.Kind.MUNICIPALITY)
    a = LocalityFactory(code="99001", name="Xã Quảng Thành", parent=province, lat=20.80, lon=106.60)
    a_near = LocalityFactory(
        code="99002", name="Xã Quảng Hải", parent=province, lat=20.81, lon=106.615
    )
    b = LocalityFactory(code="99003", name="Xã Hòa Bình", parent=province, lat=21.20, lon=106.90)
    for unit, locality in [
        (world.root, province),
        (world.division, province),
        (world.commune_a, a),
        (world.commune_b, b),
    ]:
        unit.locality = locality
        unit.save()
    Category.objects.update(default_unit=world.root)
    land = Category.objects.get(code="land")
    RoutingRule.objects.create(locality=a, unit=world.commune_a)
    RoutingRule.objects.create(locality=a_near, unit=world.commune_a)
    RoutingRule.objects.create(locality=b, unit=world.commune_b)
    RoutingRule.objects.create(category=land, locality=province, unit=world.division)
    return Places(
        province=province,
        a=a,
        a_near=a_near,
        b=b,
        land=land,
        environment=Category.objects.get(code="environment"),
    )
