"""Next year's draft plan, drawn from the review of 2026 for commune_a (seen on 15/05/2026):
carried-over key tasks, reviews of guiding documents due in 2027, round anniversaries."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mandate.directives.models import ReviewMilestone
from mandate.observances.models import CampaignStep, CampaignTemplate, Observance
from mandate.reviews.annual.content import round_anniversaries_of
from mandate.reviews.services import draft_next_year_plan
from mandate.work.models import Plan, Task
from tests.factories import DocumentFactory, ReviewMilestoneFactory
from tests.reviews.conftest import day, task

URL = reverse("reviews:next-year-plan")


@dataclass
class Review:
    pending: Task
    in_progress: Task
    cascaded: Task


@pytest.fixture
def review(world) -> Review:
    w = world
    pending = task(w.commune_a, due=day(4, 30), content="Tuyên truyền Nghị quyết 57")
    in_progress = task(
        w.hamlet_a,
        due=day(9, 30),
        content="Củng cố loa truyền thanh thôn",
        method="Hội nghị",
        expected_output="Loa hoạt động",
        local_note="Ưu tiên thôn Đông",
        status=Task.Status.IN_PROGRESS,
    )
    cascaded = task(w.hamlet_a, due=day(4, 30), content="Tuyên truyền NQ 57 ở thôn", parent=pending)
    task(w.commune_a, due=day(3, 31), done_on=day(3, 20), content="Đã xong")
    task(w.commune_a, due=day(3, 31), status=Task.Status.CANCELLED, content="Đã hủy")
    task(w.commune_a, due=day(3, 31), key=False, content="Không trọng tâm")
    task(w.commune_a, due=day(12, 31, 2025), content="Của năm trước")
    task(w.commune_b, due=day(3, 31), content="Của xã Hòa Bình")
    return Review(pending=pending, in_progress=in_progress, cascaded=cascaded)


def local_observance(unit, key: str, month: int, date: int, founded: int) -> Observance:
    return Observance.objects.create(
        key=key,
        name=f"Ngày truyền thống {key}",
        month=month,
        day=date,
        founding_year=founded,
        level=Observance.Level.LOCAL,
        owner_unit=unit,
    )


def test_draft_carries_over_unfinished_key_tasks_of_the_subtree(world, review):
    plan = draft_next_year_plan(unit=world.commune_a, year=2026, by=world.alice)

    assert plan.status == Plan.Status.DRAFT
    assert plan.unit == world.commune_a
    assert (plan.period_start, plan.period_end) == (day(1, 1, 2027), day(12, 31, 2027))
    assert "2027" in plan.title and "2026" in plan.title
    carried = {t.content: t for t in plan.tasks.filter(local_note__contains="#")}
    assert set(carried) == {"Tuyên truyền Nghị quyết 57", "Củng cố loa truyền thanh thôn"}
    loudspeakers = carried["Củng cố loa truyền thanh thôn"]
    assert loudspeakers.due_on == day(9, 30, 2027)
    assert loudspeakers.lead_unit == world.hamlet_a
    assert (loudspeakers.method, loudspeakers.expected_output) == ("Hội nghị", "Loa hoạt động")
    assert f"#{review.in_progress.pk}" in loudspeakers.local_note
    assert "Ưu tiên thôn Đông" in loudspeakers.local_note
    assert loudspeakers.is_key and loudspeakers.status == Task.Status.NOT_STARTED
    assert carried["Tuyên truyền Nghị quyết 57"].due_on == day(4, 30, 2027)


def test_draft_has_a_task_per_review_milestone_due_next_year(world, review):
    document = DocumentFactory(unit=world.root, symbol="35-CT/TU")
    preliminary = ReviewMilestoneFactory(
        document=document, responsible_unit=world.commune_a, due_on=day(6, 30, 2027)
    )
    ReviewMilestoneFactory(
        document=document,
        kind=ReviewMilestone.Kind.FINAL,
        responsible_unit=world.hamlet_a,
        due_on=day(11, 15, 2027),
    )
    ReviewMilestoneFactory(
        document=document, responsible_unit=world.commune_b, due_on=day(6, 30, 2027)
    )
    ReviewMilestoneFactory(
        document=document, responsible_unit=world.commune_a, due_on=day(6, 30, 2028)
    )
    ReviewMilestoneFactory(
        document=document,
        responsible_unit=world.commune_a,
        due_on=day(3, 1, 2027),
        done_on=day(5, 1),
    )

    plan = draft_next_year_plan(unit=world.commune_a, year=2026, by=world.alice)

    reviews = list(plan.tasks.filter(content__contains="35-CT/TU").order_by("due_on"))
    assert [(t.due_on, t.lead_unit) for t in reviews] == [
        (day(6, 30, 2027), world.commune_a),
        (day(11, 15, 2027), world.hamlet_a),
    ]
    assert list(reviews[0].source_documents.all()) == [preliminary.document]
    assert reviews[0].content != reviews[1].content  # preliminary, then final


def test_draft_has_a_task_per_round_anniversary_due_ahead_of_it(world, review):
    templated = local_observance(world.commune_a, "xa-quang-thanh", 3, 15, 1977)  # 50th in 2027
    early = local_observance(world.hamlet_a, "thon-dong", 1, 10, 2017)  # 10th, in January
    plain = local_observance(world.commune_a, "chi-bo-xa", 8, 20, 2007)  # 20th, no template
    local_observance(world.commune_b, "xa-hoa-binh", 3, 15, 1977)  # another commune's day
    local_observance(world.commune_a, "khong-tron", 3, 15, 1978)  # 49th: not round
    template = CampaignTemplate.objects.create(
        name="Kỷ niệm ngày thành lập xã", observance=templated
    )
    CampaignStep.objects.create(template=template, offset_days=-60, content="Xây dựng kế hoạch")
    CampaignStep.objects.create(template=template, offset_days=5, content="Báo cáo")

    plan = draft_next_year_plan(unit=world.commune_a, year=2026, by=world.alice)

    anniversaries = plan.tasks.filter(content__contains="Ngày truyền thống")
    due = {t.content.rsplit(" ", 1)[-1]: t.due_on for t in anniversaries}
    assert due == {
        "xa-quang-thanh": day(3, 15, 2027) - datetime.timedelta(days=60),  # the template's
        "thon-dong": day(1, 1, 2027),  # 45 days before 10/01 falls in 2026
        "chi-bo-xa": day(8, 20, 2027) - datetime.timedelta(days=45),
    }
    assert {t.lead_unit for t in anniversaries} == {world.commune_a}
    expected = round_anniversaries_of(unit=world.commune_a, year=2027)
    assert {plain, early, templated} <= {o.observance for o in expected}
    carried = plan.tasks.filter(local_note__contains="#").count()
    assert plan.tasks.count() == carried + len(expected)  # the national ones too


def test_running_it_twice_is_refused(world, review):
    plan = draft_next_year_plan(unit=world.commune_a, year=2026, by=world.alice)
    assert plan.drafted_from_review_of == 2026
    Plan.objects.filter(pk=plan.pk).update(title="Chương trình công tác năm 2027")  # renamed

    with pytest.raises(ValidationError) as refused:
        draft_next_year_plan(unit=world.commune_a, year=2026, by=world.alice)

    assert refused.value.code == "exists"
    assert reverse("work:plan-detail", args=[plan.pk]) in refused.value.messages[0]
    assert Plan.objects.dangerously_unscoped().count() == 1


def test_a_non_leader_is_refused_and_nothing_is_written(world, review):
    tasks = Task.objects.dangerously_unscoped().count()

    with pytest.raises(ValidationError):
        draft_next_year_plan(unit=world.commune_a, year=2026, by=world.olga)

    assert not Plan.objects.dangerously_unscoped().exists()
    assert Task.objects.dangerously_unscoped().count() == tasks


def test_a_failing_task_writes_nothing(world, review, monkeypatch):
    from mandate.reviews import services

    def broken(*args, **kwargs):
        raise ValidationError("broken")

    monkeypatch.setattr(services, "_review_task", broken)
    ReviewMilestoneFactory(responsible_unit=world.commune_a, due_on=day(6, 30, 2027))

    with pytest.raises(ValidationError):
        draft_next_year_plan(unit=world.commune_a, year=2026, by=world.alice)

    assert not Plan.objects.dangerously_unscoped().exists()


# The dashboard's button -----------------------------------------------------------------


def test_the_button_shows_to_the_unit_leaders_only(world, client_for):
    query = {"unit": world.commune_a.pk, "year": 2026}
    leader = client_for(world.alice).get(reverse("reviews:dashboard"), query)
    assert 'id="next-year-plan"' in leader.content.decode()
    officer = client_for(world.olga).get(reverse("reviews:dashboard"), query)
    assert 'id="next-year-plan"' not in officer.content.decode()


def test_the_button_drafts_the_plan_and_opens_it(world, review, client_for):
    client = client_for(world.alice)

    response = client.post(URL, {"unit": world.commune_a.pk, "year": 2026})

    plan = Plan.objects.dangerously_unscoped().get()
    assert response.status_code == 302
    assert response.url == reverse("work:plan-detail", args=[plan.pk])
    assert client.get(response.url).status_code == 200
    again = client.post(URL, {"unit": world.commune_a.pk, "year": 2026})
    assert again.url == reverse("work:plan-detail", args=[plan.pk])
    assert Plan.objects.dangerously_unscoped().count() == 1


def test_an_officer_is_sent_back_to_the_dashboard(world, review, client_for):
    response = client_for(world.olga).post(URL, {"unit": world.commune_a.pk, "year": 2026})

    assert response.status_code == 302
    assert response.url.startswith(reverse("reviews:dashboard"))
    assert not Plan.objects.dangerously_unscoped().exists()


def test_outsider_gets_404(world, review, client_for):
    client = client_for(world.charlie)

    assert client.post(URL, {"unit": world.commune_a.pk, "year": 2026}).status_code == 404
    assert client.get(URL, {"unit": world.commune_a.pk}).status_code == 405
    assert not Plan.objects.dangerously_unscoped().exists()
