"""A token-authenticated API client and a small programme under the `world` cast.

commune_a has a plan with three tasks (one done on time, one overdue at hamlet_a,
one in progress) and a state-profile document; the department has a party directive
every unit below sees; commune_b, charlie's, has a plan with one task and a document.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client

from mandate.directives.models import DocumentType
from mandate.org.services import issue_token
from mandate.work.models import Task
from tests.factories import DocumentFactory, PlanFactory, TaskFactory

NOW = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def today(time_machine) -> datetime.date:
    """Every API test runs on 01/06/2026."""
    time_machine.move_to(NOW, tick=False)
    return TODAY


class Api:
    """Paths relative to `prefix` (/api); bodies sent as JSON."""

    prefix = "/api"

    def __init__(self, client: Client):
        self.client = client

    def get(self, path: str, params: dict | None = None):
        return self.client.get(f"{self.prefix}{path}", params or {})

    def post(self, path: str, body: dict | None = None):
        return self.client.post(f"{self.prefix}{path}", body or {}, content_type="application/json")

    def patch(self, path: str, body: dict | None = None):
        return self.client.patch(
            f"{self.prefix}{path}", body or {}, content_type="application/json"
        )


@pytest.fixture
def api_as(db):
    """An API client authenticated by a fresh personal token of the given user."""

    def for_user(user) -> Api:
        _record, token = issue_token(user=user, name="tests")
        return Api(Client(HTTP_AUTHORIZATION=f"Bearer {token}"))

    return for_user


@dataclass
class Programme:
    directive: object
    commune_document: object
    other_document: object
    plan: object
    done_task: Task
    overdue_task: Task
    running_task: Task
    other_plan: object
    other_task: Task


@pytest.fixture
def programme(world) -> Programme:
    state_plan_type = DocumentType.objects.get(profile="state", code="KH")
    directive = DocumentFactory(
        unit=world.root,
        symbol="35-CT/TU",
        title="Chỉ thị về tăng cường công tác tuyên truyền miệng",
        issued_on=datetime.date(2025, 11, 3),
    )
    commune_document = DocumentFactory(
        unit=world.commune_a,
        document_type=state_plan_type,
        symbol="12/KH-UBND",
        issuer="Ủy ban nhân dân xã Quảng Thành",
        title="Kế hoạch chuyển đổi số xã Quảng Thành",
        issued_on=datetime.date(2026, 2, 10),
    )
    other_document = DocumentFactory(
        unit=world.commune_b, symbol="7-CT/ĐU", title="Chỉ thị của Đảng ủy xã Hòa Bình"
    )
    plan = PlanFactory(unit=world.commune_a, title="Kế hoạch công tác năm 2026 xã Quảng Thành")
    other_plan = PlanFactory(unit=world.commune_b, title="Kế hoạch công tác năm 2026 xã Hòa Bình")
    return Programme(
        directive=directive,
        commune_document=commune_document,
        other_document=other_document,
        plan=plan,
        done_task=TaskFactory(
            plan=plan,
            content="Tổ chức hội nghị quán triệt Nghị quyết",
            due_on=datetime.date(2026, 3, 31),
            status=Task.Status.DONE,
            completed_on=datetime.date(2026, 3, 20),
            progress=100,
            is_key=True,
        ),
        overdue_task=TaskFactory(
            plan=plan,
            lead_unit=world.hamlet_a,
            content="Tuyên truyền phòng chống cháy rừng",
            due_on=datetime.date(2026, 5, 15),
        ),
        running_task=TaskFactory(
            plan=plan,
            content="Tuyên truyền chuyển đổi số đến từng hộ gia đình",
            due_on=datetime.date(2026, 9, 30),
            status=Task.Status.IN_PROGRESS,
            progress=40,
        ),
        other_plan=other_plan,
        other_task=TaskFactory(plan=other_plan, content="Nhiệm vụ của xã Hòa Bình"),
    )
