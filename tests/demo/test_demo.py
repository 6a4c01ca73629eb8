"""The seeded demo: documents, plans, tasks in every state, cascades, updates; always the same."""

import datetime
import io
from collections import defaultdict

import pytest
from django.core.management import call_command

from mandate.directives import numbering
from mandate.directives.models import (
    Document,
    IssuerProfile,
    NumberSeries,
    Profile,
    ReviewMilestone,
)
from mandate.org.demo import DEMO_USERNAMES
from mandate.org.models import Locality, Role, Unit, User
from mandate.work.demo import REFERENCE_DATE
from mandate.work.models import Bucket, Plan, Task, TaskUpdate
from tests.demo.cleanup import empty_the_database

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


def tasks():
    return Task.objects.dangerously_unscoped()


def documents():
    return Document.objects.dangerously_unscoped().select_related("document_type")


def test_the_province_its_communes_and_people(demo):
    assert Locality.objects.filter(parent__code="31").count() == 114
    communes = Unit.objects.dangerously_unscoped().filter(kind=Unit.Kind.COMMUNE)
    assert communes.count() == 114
    assert not communes.filter(locality__isnull=True).exists()
    assert 280 <= User.objects.count() <= 320
    for username in DEMO_USERNAMES:
        assert username in demo


def test_demo_logins_hold_one_role_each(demo):
    roles = dict(
        User.objects.filter(
            username__in=["lanhdao", "chuyenvien", "congtacvien", "quansat"]
        ).values_list("username", "memberships__role")
    )
    assert roles == {
        "lanhdao": Role.LEADER,
        "chuyenvien": Role.OFFICER,
        "congtacvien": Role.REPORTER,
        "quansat": Role.VIEWER,
    }
    assert User.objects.get(username="admin").is_superuser


def test_documents_of_both_profiles_carry_valid_numbers(demo):
    profiles = set()
    for document in documents():
        kind = document.document_type
        parsed = numbering.parse(document.symbol, profile=kind.profile, type_code=kind.code)
        profiles.add(kind.profile)
        if document.series_id:
            assert parsed.number == document.number
    assert profiles == {Profile.PARTY, Profile.STATE}
    assert 25 <= documents().count() <= 40
    for symbol in ("57-NQ/TW", "100-KL/TW", "17-CT/TW", "167-HD/BTGTW", "12/KH-UBND"):
        assert documents().filter(symbol=symbol).exists()


def test_the_department_numbers_its_own_documents_from_its_series(demo):
    issued = defaultdict(list)
    for document in documents().filter(series__isnull=False).order_by("issued_on", "pk"):
        issued[document.series_id].append(document.number)
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in issued.values())
    symbols = set(documents().values_list("symbol", flat=True))
    assert {"01-KH/BTGDVTU", "02-KH/BTGDVTU", "01-HD/BTGDVTU", "01/KH-SVHTTDL"} <= symbols
    department = IssuerProfile.objects.dangerously_unscoped().get(abbreviation="BTGDVTU")
    assert department.term_starts_on == datetime.date(2025, 10, 15)
    assert NumberSeries.objects.filter(profile=Profile.STATE).count() == 2  # one per year


def test_documents_are_in_force_expired_or_replaced(demo):
    statuses = set(documents().values_list("status", flat=True))
    assert statuses == set(Document.Status.values)
    for document in documents().filter(status=Document.Status.REPLACED):
        assert document.replaced_by is not None
        assert document.replaced_by.issued_on > document.issued_on


def test_review_milestones_are_done_upcoming_and_recurring(demo):
    milestones = ReviewMilestone.objects.dangerously_unscoped()
    assert milestones.filter(done_on__isnull=False).exists()
    assert milestones.filter(done_on__isnull=True, due_on__gte=TODAY).exists()
    assert milestones.filter(done_on__isnull=True, due_on__lt=TODAY).exists()
    assert {kind for kind in milestones.values_list("kind", flat=True)} == {
        "preliminary",
        "final",
    }
    recurring = milestones.get(repeat_every_months=12, previous__isnull=False)
    assert recurring.previous.done_on is not None
    assert recurring.due_on.year == recurring.previous.due_on.year + 1


def test_plans_of_2025_and_2026_some_approved_some_drafts(demo):
    plans = Plan.objects.dangerously_unscoped()
    root = Unit.objects.dangerously_unscoped().get(abbreviation="BTGDVTU")
    for year in (2025, 2026):
        plan = plans.get(unit=root, period_start=datetime.date(year, 1, 1))
        assert plan.status == Plan.Status.APPROVED
        assert plan.source_documents.exists()
        assert plan.tasks.count() > 30
    assert plans.filter(status=Plan.Status.DRAFT, period_start__year=2026).exists()
    assert plans.filter(unit__kind=Unit.Kind.COMMUNE).count() >= 3
    assert plans.filter(unit__kind=Unit.Kind.DIVISION).exists()


def test_a_few_hundred_tasks_in_every_status(demo):
    # The work programme's own; campaign tasks are counted by the campaigns' demo test.
    assert 300 <= tasks().filter(campaign__isnull=True).count() <= 400
    assert set(tasks().values_list("status", flat=True)) == set(Task.Status.values)
    assert tasks().filter(is_key=True).count() >= 10
    assert not tasks().filter(search_text="").exists()
    assert not tasks().filter(method="", origin=Task.Origin.PLAN).exists()


@pytest.mark.parametrize("as_of", [TODAY, datetime.date(2027, 6, 30), datetime.date(2029, 1, 1)])
def test_tasks_fall_in_all_four_buckets(demo, as_of):
    counts = tasks().bucket_counts(as_of)
    assert all(counts[bucket] > 0 for bucket in Bucket), counts


def test_key_tasks_are_cascaded_to_commune_units(demo):
    parents = tasks().filter(children__origin=Task.Origin.CASCADE).distinct()
    assert parents.count() >= 5
    for parent in parents:
        children = parent.children.filter(origin=Task.Origin.CASCADE)
        assert 10 <= children.count() <= 30
        assert parent.is_key
        assert not children.exclude(lead_unit__kind=Unit.Kind.COMMUNE).exists()
        assert not children.filter(plan__isnull=False).exists()
        assert set(children.values_list("content", flat=True)) == {parent.content}
    statuses = set(tasks().filter(origin=Task.Origin.CASCADE).values_list("status", flat=True))
    assert len(statuses) >= 3


def test_coordination_requests_go_to_other_units(demo):
    requests = tasks().filter(origin=Task.Origin.COORDINATION).select_related("parent")
    assert requests.count() >= 10
    for request in requests:
        assert request.lead_unit != request.parent.lead_unit
        assert request.parent.coordinating_units.filter(pk=request.lead_unit_id).exists()


def test_the_commune_officer_sees_tasks_of_the_commune(demo):
    officer = User.objects.get(username="canbo.xa")
    visible = Task.objects.visible_to(officer)
    assert visible.filter(origin=Task.Origin.CASCADE).count() >= 5
    assert visible.filter(origin=Task.Origin.COORDINATION).exists()
    assert visible.filter(plan__isnull=False).exists()
    assert visible.count() < tasks().count() / 4


def test_updates_agree_with_their_tasks(demo):
    updates = defaultdict(list)
    for update in TaskUpdate.objects.dangerously_unscoped().order_by("reported_on", "id"):
        updates[update.task_id].append(update)
    assert sum(map(len, updates.values())) >= 500
    for task in tasks():
        mine = updates[task.pk]
        assert task.progress == (mine[-1].percent if mine else 0)
        assert task.version == 1 + len(mine) + (task.status == Task.Status.CANCELLED)
        assert [u.percent for u in mine] == sorted(u.percent for u in mine)
        assert all(update.reported_on <= REFERENCE_DATE <= TODAY for update in mine)
        if task.status == Task.Status.DONE:
            assert mine[-1].percent == 100
            assert task.completed_on == mine[-1].reported_on
        else:
            assert task.completed_on is None
            assert not [u for u in mine if u.percent == 100]
        if task.status == Task.Status.NOT_STARTED:
            assert not mine


def test_recurring_tasks_follow_one_another(demo):
    recurring = tasks().filter(recurrence=Task.Recurrence.MONTHLY)
    assert recurring.count() >= 30
    for task in recurring.filter(previous__isnull=False).select_related("previous"):
        assert task.previous.status == Task.Status.DONE
        assert task.content == task.previous.content
        assert task.due_on > task.previous.due_on
    assert recurring.filter(previous__isnull=True).count() >= 3


def fingerprint() -> tuple[list, list, list, list]:
    task_rows = sorted(
        tasks().values_list(
            "lead_unit__name",
            "plan__title",
            "parent__content",
            "origin",
            "content",
            "method",
            "expected_output",
            "start_on",
            "due_on",
            "status",
            "progress",
            "completed_on",
            "version",
            "local_note",
        ),
        key=repr,
    )
    update_rows = sorted(
        TaskUpdate.objects.dangerously_unscoped().values_list(
            "task__content", "task__lead_unit__name", "reported_on", "percent", "text"
        ),
        key=repr,
    )
    document_rows = sorted(documents().values_list("symbol", "title", "status"), key=repr)
    people = sorted(User.objects.dangerously_unscoped().values_list("username", "full_name"))
    return task_rows, update_rows, document_rows, people


def test_the_demo_is_the_same_every_time(demo):
    first = fingerprint()
    empty_the_database()
    call_command("seed", demo=True, stdout=io.StringIO())
    assert fingerprint() == first
