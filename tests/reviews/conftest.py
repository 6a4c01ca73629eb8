"""A small world whose every figure is known, for the year 2026, seen on 15/05/2026.

Key tasks (due in 2026):      on time  late  in time  overdue
    root (own)                                  1
    division                      1
    commune_a (own)               1      1      1        1
    hamlet_a                                             1
    commune_b                                            1
plus tasks that count nowhere: not key, due in 2025, cancelled.

Cases opened in 2026, routed to commune_a: environment in a (resolved on time),
environment in a_near (resolved late), land in a (open, overdue), land in a (open, in
time); one to commune_b (open); one of 2025 and one closed as a duplicate count nowhere.

Campaigns of 2026: the department's, targeting commune_a (acknowledged, 2 tasks, 1 done)
and commune_b (1 task); commune_b's own; commune_a's draft, which counts nowhere.

People: olga (officer of commune_a) completed a course in 2026 and lacks the digital
level commune_a requires of its officers. Good models: commune_a's recorded in 2026,
hamlet_a's recognised in 2026, adopted by hamlet_a and by commune_b in 2026; commune_a
asked to take up the department's. Awards of 2026: commune_a (collective) and olga.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from mandate.grassroots.models import Case
from mandate.honours.models import Award, Title
from mandate.observances.models import Campaign, CampaignTarget
from mandate.people.models import Practice, Replication, Requirement, Subject, TrainingRecord
from mandate.reviews.selectors import Period
from mandate.work.models import Task
from tests.factories import TaskFactory

TODAY = datetime.date(2026, 5, 15)
YEAR = Period.of_year(2026)


def day(month: int, date: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, date)


@pytest.fixture(autouse=True)
def today(time_machine) -> datetime.date:
    time_machine.move_to(
        datetime.datetime(2026, 5, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    )
    cache.clear()  # the counts of one test never answer another's
    return TODAY


def task(unit, *, due, done_on=None, key=True, **fields) -> Task:
    status = Task.Status.DONE if done_on else Task.Status.NOT_STARTED
    fields.setdefault("status", status)
    return TaskFactory(
        plan=None, lead_unit=unit, due_on=due, completed_on=done_on, is_key=key, **fields
    )


def case(unit, category, locality, *, opened, due, **fields) -> Case:
    return Case.objects.create(
        title=f"Vụ việc {category.code} {opened}",
        category=category,
        locality=locality,
        unit=unit,
        origin_unit=unit,
        opened_on=opened,
        last_reported_on=opened,
        due_on=due,
        **fields,
    )


@dataclass
class Figures:
    campaign: Campaign
    practice: Practice


@pytest.fixture
def figures(world, places) -> Figures:
    w = world
    task(w.root, due=day(9, 30))
    task(w.division, due=day(3, 31), done_on=day(3, 1))
    task(w.commune_a, due=day(3, 31), done_on=day(3, 20))
    task(w.commune_a, due=day(3, 31), done_on=day(4, 10))
    task(w.commune_a, due=day(9, 30))
    task(w.commune_a, due=day(4, 30), status=Task.Status.IN_PROGRESS)
    task(w.hamlet_a, due=day(5, 1))
    task(w.commune_b, due=day(2, 28))
    task(w.commune_a, due=day(4, 30), key=False)
    task(w.commune_a, due=day(12, 31, 2025))
    task(w.commune_a, due=day(4, 30), status=Task.Status.CANCELLED)

    land, environment = places.land, places.environment
    case(
        w.commune_a,
        environment,
        places.a,
        opened=day(2, 1),
        due=day(3, 3),
        status=Case.Status.RESOLVED,
        resolved_on=day(2, 20),
    )
    case(
        w.commune_a,
        environment,
        places.a_near,
        opened=day(2, 1),
        due=day(3, 3),
        status=Case.Status.CLOSED,
        resolved_on=day(3, 10),
        closed_on=day(3, 12),
    )
    case(w.commune_a, land, places.a, opened=day(4, 1), due=day(5, 1))
    case(w.commune_a, land, places.a, opened=day(5, 10), due=day(6, 9))
    case(w.commune_b, land, places.b, opened=day(3, 1), due=day(12, 1))
    case(w.commune_a, land, places.a, opened=day(12, 1, 2025), due=day(12, 31, 2025))
    case(
        w.commune_a,
        land,
        places.a,
        opened=day(4, 2),
        due=day(5, 2),
        status=Case.Status.CLOSED_UNRESOLVED,
        close_reason=Case.CloseReason.DUPLICATE,
        closed_on=day(4, 3),
    )

    launched = {"status": Campaign.Status.LAUNCHED, "occurs_on": day(9, 2)}
    campaign = Campaign.objects.create(title="Tuyên truyền Quốc khánh", unit=w.root, **launched)
    CampaignTarget.objects.create(
        campaign=campaign,
        unit=w.commune_a,
        acknowledged_at=datetime.datetime(2026, 5, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    CampaignTarget.objects.create(campaign=campaign, unit=w.commune_b)
    task(w.commune_a, due=day(8, 30), done_on=day(5, 1), key=False, campaign=campaign)
    task(w.commune_a, due=day(8, 30), key=False, campaign=campaign)
    task(w.commune_b, due=day(8, 30), key=False, campaign=campaign)
    Campaign.objects.create(title="Chiến dịch xã Hòa Bình", unit=w.commune_b, **launched)
    Campaign.objects.create(
        title="Chiến dịch nháp", unit=w.commune_a, status=Campaign.Status.DRAFT, occurs_on=day(9, 2)
    )

    TrainingRecord.objects.create(
        person=w.olga,
        unit=w.commune_a,
        subject=Subject.POLITICAL_THEORY,
        level=2,
        course="Trung cấp lý luận chính trị",
        finished_on=day(3, 1),
    )
    TrainingRecord.objects.create(
        person=w.alice,
        unit=w.commune_a,
        subject=Subject.DIGITAL,
        level=1,
        course="Tin học cơ bản",
        finished_on=day(6, 1, 2025),
    )
    Requirement.objects.create(
        unit=w.commune_a,
        role="officer",
        subject=Subject.DIGITAL,
        min_level=1,
        valid_from=day(1, 1, 2025),
    )

    practice = Practice.objects.create(
        title="Loa thôn Đông",
        summary="Tóm tắt",
        category=Practice.Category.PROPAGANDA,
        origin_unit=w.commune_a,
    )
    recognised = Practice.objects.create(
        title="Tổ hòa giải",
        summary="Tóm tắt",
        category=Practice.Category.MASS_MOBILISATION,
        origin_unit=w.hamlet_a,
        status=Practice.Status.RECOGNISED,
        recognised_on=day(4, 1),
    )
    departments = Practice.objects.create(
        title="Mô hình của Ban",
        summary="Tóm tắt",
        category=Practice.Category.DIGITAL,
        origin_unit=w.root,
        status=Practice.Status.RECOGNISED,
        recognised_on=day(6, 1, 2025),
    )
    Replication.objects.create(practice=practice, unit=w.hamlet_a, adopted_on=day(5, 1))
    Replication.objects.create(practice=recognised, unit=w.commune_b, adopted_on=day(5, 2))
    Replication.objects.create(
        practice=departments, unit=w.commune_a, status=Replication.Status.ASKED
    )

    titles = {title.code: title for title in Title.objects.all()}
    Award.objects.create(title=titles["tap-the-lao-dong-tien-tien"], year=2026, unit=w.commune_a)
    Award.objects.create(
        title=titles["lao-dong-tien-tien"], year=2026, unit=w.commune_a, person=w.olga
    )
    Award.objects.create(
        title=titles["lao-dong-tien-tien"],
        year=2026,
        unit=w.commune_a,
        person=w.alice,
        revoked_at=datetime.datetime(2026, 4, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    Award.objects.create(title=titles["lao-dong-tien-tien"], year=2025, unit=w.commune_a)
    Award.objects.create(title=titles["giay-khen"], year=2026, unit=w.commune_b)
    return Figures(campaign=campaign, practice=practice)
