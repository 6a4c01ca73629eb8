"""The campaign pages: the list, planning (draft or launch), one campaign's progress and
the moves on it, and the templates."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandate.observances import services
from mandate.observances.models import Campaign, CampaignStep, CampaignTemplate, Observance
from mandate.org.models import Unit
from mandate.work.models import Task
from mandate.work.services import post_update
from tests.factories import UnitFactory

LAUNCH = datetime.date(2026, 7, 1)


@pytest.fixture
def national_day():
    return Observance.objects.get(key="national-day")


@pytest.fixture
def on_launch_day(time_machine):
    time_machine.move_to(datetime.datetime(2026, 7, 1, 9, tzinfo=datetime.UTC))


def english(client):
    client.post("/language/", {"language": "en"})
    return client


def plan(world, template, national_day, *, unit=None, by=None, targets=None, **extra):
    return services.create_campaign(
        unit=unit or world.root,
        by=by or world.lena,
        observance=national_day,
        year=2026,
        template=template,
        target_units=targets or [world.commune_a, world.commune_b, world.division],
        **extra,
    )


def launched(world, template, national_day, **extra) -> Campaign:
    campaign = plan(world, template, national_day, **extra)
    services.launch_campaign(campaign=campaign, by=world.lena, on=LAUNCH)
    campaign.refresh_from_db()
    return campaign


def detail(campaign) -> str:
    return reverse("observances:campaign-detail", kwargs={"pk": campaign.pk})


def action(campaign, name: str) -> str:
    return reverse("observances:campaign-action", kwargs={"pk": campaign.pk, "action": name})


def form_data(world, template, national_day, **changes) -> dict:
    data = {
        "unit": world.root.pk,
        "occasion": "observance",
        "observance": national_day.pk if national_day else "",
        "year": 2026,
        "title": "",
        "event_on": "",
        "template": template.pk,
        "target_units": [world.commune_a.pk, world.commune_b.pk],
        "guidance": "",
    }
    data.update(changes)
    return data


# The list ----------------------------------------------------------------------------------


def test_list_shows_only_the_campaigns_in_scope(world, template, national_day, client_for):
    plan(
        world,
        template,
        national_day,
        unit=world.commune_a,
        by=world.alice,
        targets=[world.hamlet_a],
        title="Tuyên truyền riêng của xã Quảng Thành",
    )
    plan(world, template, national_day, title="Tuyên truyền toàn tỉnh", launch=True)
    plan(world, template, national_day, title="Dự thảo của Ban")
    url = reverse("observances:campaign-list")
    charlie = client_for(world.charlie).get(url).content.decode()
    assert "Tuyên truyền toàn tỉnh" in charlie  # the department's, shared down once launched
    assert "Dự thảo của Ban" not in charlie  # a draft stays with its organisers
    assert "Tuyên truyền riêng của xã Quảng Thành" not in charlie
    olga = client_for(world.olga).get(url).content.decode()
    assert "Tuyên truyền riêng của xã Quảng Thành" in olga


def test_list_filters_by_year_and_status(world, template, national_day, client_for):
    plan(world, template, national_day, title="Năm nay")
    old = services.create_campaign(
        unit=world.root,
        by=world.lena,
        observance=national_day,
        year=2025,
        template=template,
        target_units=[world.commune_a],
        title="Năm ngoái",
    )
    services.cancel_campaign(campaign=old, by=world.lena, reason="Hoãn")
    client = client_for(world.lena)
    url = reverse("observances:campaign-list")
    this_year = client.get(url, {"year": 2026}).content.decode()
    assert "Năm nay" in this_year and "Năm ngoái" not in this_year
    cancelled = client.get(url, {"status": "cancelled"}).content.decode()
    assert "Năm ngoái" in cancelled and "Năm nay" not in cancelled
    ignored = client.get(url, {"year": "abc", "status": "nonsense"})
    assert ignored.status_code == 200 and "Năm ngoái" in ignored.content.decode()


def test_list_row_shows_date_anniversary_unit_and_targets(
    world, template, national_day, client_for
):
    services.create_campaign(
        unit=world.root,
        by=world.lena,
        observance=national_day,
        year=2025,
        template=template,
        target_units=[world.commune_a, world.commune_b],
    )
    body = english(client_for(world.lena)).get(reverse("observances:campaign-list"))
    text = body.content.decode()
    assert "02/09/2025" in text and "80th anniversary" in text and "Round decade" in text
    assert world.root.name in text and "Draft" in text
    assert '<td class="text-end">2</td>' in text


def test_only_leaders_see_the_new_campaign_button(world, client_for):
    url = reverse("observances:campaign-list")
    assert 'id="campaign-new"' in client_for(world.alice).get(url).content.decode()
    assert 'id="campaign-new"' not in client_for(world.olga).get(url).content.decode()


# Planning ----------------------------------------------------------------------------------


def test_create_as_draft(world, template, national_day, guidance, client_for):
    data = form_data(world, template, national_day, guidance=guidance.pk, draft="1")
    response = client_for(world.lena).post(reverse("observances:campaign-create"), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(campaign)
    assert campaign.status == Campaign.Status.DRAFT and campaign.guidance == guidance
    assert campaign.occurs_on == datetime.date(2026, 9, 2) and campaign.anniversary == 81
    assert set(campaign.target_units.all()) == {world.commune_a, world.commune_b}
    assert not campaign.tasks.exists()


def test_create_and_launch_for_twenty_units(
    world, template, national_day, client_for, on_launch_day
):
    communes = [
        UnitFactory(name=f"Đảng ủy xã Thử {n:02}", kind=Unit.Kind.COMMUNE, parent=world.root)
        for n in range(20)
    ]
    data = form_data(world, template, national_day, target_units=[unit.pk for unit in communes])
    data["launch"] = "1"
    response = client_for(world.lena).post(reverse("observances:campaign-create"), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert campaign.status == Campaign.Status.LAUNCHED and campaign.launched_on == LAUNCH
    # Plan, banners and report for every commune (81st: not a round year).
    assert Task.objects.filter(campaign=campaign).count() == 60
    assert set(campaign.tasks.values_list("lead_unit", flat=True)) == {u.pk for u in communes}


def test_a_kind_box_chooses_every_unit_of_that_kind(world, template, national_day, client_for):
    extra = UnitFactory(name="Đảng ủy xã Thử", kind=Unit.Kind.COMMUNE, parent=world.root)
    data = form_data(world, template, national_day, target_units=[], all_of_kind=["commune"])
    client_for(world.lena).post(reverse("observances:campaign-create"), data)
    targets = set(Campaign.objects.get().target_units.all())
    assert targets == {world.commune_a, world.commune_b, extra}


def test_the_form_offers_kinds_and_units_below_the_leaders_units(world, client_for):
    body = client_for(world.alice).get(reverse("observances:campaign-create")).content.decode()
    assert world.commune_a.name in body and world.hamlet_a.name in body
    assert world.commune_b.name not in body and world.root.name not in body
    assert 'name="all_of_kind" value="commune"' in body


def test_errors_come_back_in_english_and_nothing_is_saved(world, template, client_for):
    client = english(client_for(world.lena))
    data = form_data(world, template, None, occasion="event", observance="", draft="1")
    response = client.post(reverse("observances:campaign-create"), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Give the date of the event." in text
    assert "Name the event the campaign is for." in text
    assert not Campaign.objects.exists()


def test_errors_come_back_in_vietnamese_by_default(world, template, national_day, client_for):
    data = form_data(world, template, national_day, unit="", draft="1")
    response = client_for(world.lena).post(reverse("observances:campaign-create"), data)
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_day_on_the_calendar_must_be_chosen(world, template, client_for, in_english):
    data = form_data(world, template, None, observance="", draft="1")
    response = english(client_for(world.lena)).post(reverse("observances:campaign-create"), data)
    assert "Choose the day on the calendar." in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_refused_launch_saves_nothing(world, national_day, client_for, on_launch_day):
    press_only = CampaignTemplate.objects.create(name="Chỉ cho báo chí")
    CampaignStep.objects.create(
        template=press_only, offset_days=-5, content="Đăng bài", unit_kinds=[Unit.Kind.PRESS]
    )
    data = form_data(world, press_only, national_day, launch="1")
    response = english(client_for(world.lena)).post(reverse("observances:campaign-create"), data)
    assert "No step of the template applies to the chosen units" in response.content.decode()
    assert not Campaign.objects.exists() and not Task.objects.exists()


def test_targets_outside_the_organising_unit_are_refused(world, template, national_day, client_for):
    data = form_data(world, template, national_day, unit=world.division.pk, draft="1")
    response = english(client_for(world.lena)).post(reverse("observances:campaign-create"), data)
    assert "A campaign can only target the organising unit" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_non_leader_cannot_plan(world, template, national_day, client_for):
    client = client_for(world.olga)
    page = client.get(reverse("observances:campaign-create")).content.decode()
    assert 'id="campaign-not-leader"' in page
    data = form_data(
        world, template, national_day, unit=world.commune_a.pk, target_units=[world.hamlet_a.pk]
    )
    response = client.post(reverse("observances:campaign-create"), data)
    assert response.status_code == 200 and not Campaign.objects.exists()


def test_the_calendar_link_prefills_the_occasion_and_template(
    world, template, national_day, client_for
):
    # The template suggested for the day is chosen: here the only active one.
    CampaignTemplate.objects.exclude(pk=template.pk).update(is_active=False)
    url = reverse("observances:campaign-create") + "?observance=national-day&year=2026"
    body = client_for(world.lena).get(url).content.decode()
    assert f'<option value="{national_day.pk}" selected>' in body
    assert 'name="year" value="2026"' in body
    assert f'<option value="{template.pk}" selected>' in body
    assert re.search(r'value="observance"[^>]*checked', body)


# One campaign ------------------------------------------------------------------------------


def test_detail_shows_buckets_acknowledgement_and_tasks(
    world, template, national_day, guidance, client_for, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 8, 25, 9, tzinfo=datetime.UTC))
    campaign = launched(world, template, national_day, guidance=guidance)
    first = campaign.tasks.filter(lead_unit=world.commune_a).order_by("due_on").first()
    post_update(
        task=first, reported_on=datetime.date(2026, 7, 10), percent=100, text="Xong", by=world.olga
    )
    services.acknowledge(campaign=campaign, unit=world.commune_a, by=world.olga, note="Đã nhận")
    text = english(client_for(world.lena)).get(detail(campaign)).content.decode()
    for label in ["Done on time", "Done late", "Pending, within deadline", "Pending, overdue"]:
        assert label in text
    assert "Đã nhận" in text and world.olga.full_name in text
    assert '<span data-total="acknowledged">1</span>' in text
    assert '<span data-total="done_on_time">1</span>' in text
    assert '<span data-total="targets">3</span>' in text
    assert "10/07/2026" in text  # last report
    assert reverse("work:task-detail", kwargs={"pk": first.pk}) in text
    assert reverse("directives:document-detail", kwargs={"pk": guidance.pk}) in text
    assert reverse("work:unit-tasks", kwargs={"pk": world.commune_a.pk}) in text


def test_a_commune_reads_its_own_row_only(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    text = client_for(world.charlie).get(detail(campaign)).content.decode()
    assert world.commune_b.name in text
    assert world.commune_a.name not in text and world.division.name not in text


def test_a_draft_previews_its_tasks_for_the_organisers_only(
    world, template, national_day, client_for, on_launch_day
):
    campaign = plan(world, template, national_day)
    text = client_for(world.lena).get(detail(campaign)).content.decode()
    assert 'id="campaign-planned"' in text and "Treo băng rôn" in text
    assert 'id="campaign-launch"' in text
    charlie = client_for(world.charlie).get(detail(campaign)).content.decode()
    assert 'id="campaign-planned"' not in charlie and 'id="campaign-launch"' not in charlie


def test_launch_from_the_page(world, template, national_day, client_for, on_launch_day):
    campaign = plan(world, template, national_day)
    response = client_for(world.lena).post(action(campaign, "launch"))
    assert response.status_code == 302 and response["Location"] == detail(campaign)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.LAUNCHED and campaign.tasks.count() == 8


def test_a_draft_changes_its_target_units_from_the_page(world, template, national_day, client_for):
    campaign = plan(world, template, national_day)
    client = client_for(world.lena)
    page = client.get(detail(campaign)).content.decode()
    assert 'id="campaign-change-targets"' in page
    assert page.count('name="target_units"') and page.count(" checked") >= 3  # the current ones
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # the page's forms and tables each have their own id
    response = client.post(action(campaign, "targets"), {"target_units": [world.hamlet_a.pk]})
    assert response.status_code == 302 and response["Location"] == detail(campaign)
    assert list(campaign.targets.values_list("unit", flat=True)) == [world.hamlet_a.pk]
    # None ticked: refused, and the targets stay as they were.
    refused = client.post(action(campaign, "targets"), {})
    assert "Chọn ít nhất một đơn vị được giao." in refused.content.decode()
    assert list(campaign.targets.values_list("unit", flat=True)) == [world.hamlet_a.pk]
    assert (
        'id="campaign-change-targets"'
        not in client_for(world.olga).get(detail(campaign)).content.decode()
    )


def test_a_launched_campaign_adds_units_who_get_their_tasks_at_once(
    world, template, national_day, client_for
):
    campaign = launched(world, template, national_day)
    before = campaign.tasks.count()
    client = client_for(world.lena)
    kept = [world.commune_a.pk, world.commune_b.pk, world.division.pk]
    response = client.post(
        action(campaign, "targets"), {"target_units": [*kept, world.hamlet_a.pk]}
    )
    assert response.status_code == 302
    assert campaign.tasks.filter(lead_unit=world.hamlet_a).exists()
    assert campaign.tasks.count() > before
    # Dropping a unit whose tasks are under way is refused.
    client.post(action(campaign, "targets"), {"target_units": [world.commune_a.pk]})
    assert campaign.targets.count() == 4


def test_a_unit_acknowledges_the_guidance(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    client = client_for(world.olga)
    page = client.get(detail(campaign)).content.decode()
    assert 'id="campaign-acknowledge"' in page
    response = client.post(
        action(campaign, "acknowledge"), {"unit": world.commune_a.pk, "note": "Đã phổ biến"}
    )
    assert response.status_code == 302
    target = campaign.targets.get(unit=world.commune_a)
    assert target.acknowledged_by == world.olga and target.note == "Đã phổ biến"
    assert 'id="campaign-acknowledge"' not in client.get(detail(campaign)).content.decode()


def test_a_second_acknowledgement_is_refused(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    services.acknowledge(campaign=campaign, unit=world.commune_a, by=world.alice, note="Lần đầu")
    response = english(client_for(world.olga)).post(
        action(campaign, "acknowledge"), {"unit": world.commune_a.pk, "note": "Lần hai"}
    )
    assert response.status_code == 200
    assert "Your unit has already acknowledged." in response.content.decode()
    target = campaign.targets.get(unit=world.commune_a)
    assert target.acknowledged_by == world.alice and target.note == "Lần đầu"


def test_close_needs_a_summary(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    client = english(client_for(world.lena))
    refused = client.post(action(campaign, "close"), {"summary": "  "})
    assert "Sum up the results before closing." in refused.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.LAUNCHED
    response = client.post(action(campaign, "close"), {"summary": "Treo 40 băng rôn"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED and campaign.summary == "Treo 40 băng rôn"
    assert "Treo 40 băng rôn" in client.get(detail(campaign)).content.decode()


def test_cancel_calls_off_the_open_tasks(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    response = client_for(world.lena).post(action(campaign, "cancel"), {"reason": "Hoãn"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CANCELLED
    assert set(campaign.tasks.values_list("status", flat=True)) == {Task.Status.CANCELLED}


def test_a_unit_cannot_acknowledge_for_another(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    response = english(client_for(world.charlie)).post(
        action(campaign, "acknowledge"), {"unit": world.commune_a.pk}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert campaign.targets.get(unit=world.commune_a).acknowledged_at is None


def test_only_the_organisers_close(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    client = english(client_for(world.alice))
    assert 'id="campaign-close"' not in client.get(detail(campaign)).content.decode()
    response = client.post(action(campaign, "close"), {"summary": "Xong"})
    assert "Only a leader of the organising unit" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.LAUNCHED


def test_an_unknown_action_is_404_and_a_get_is_405(world, template, national_day, client_for):
    campaign = launched(world, template, national_day)
    client = client_for(world.lena)
    assert client.post(action(campaign, "delete")).status_code == 404
    assert client.get(action(campaign, "close")).status_code == 405


def test_an_outsider_gets_404(world, template, national_day, client_for):
    campaign = plan(
        world,
        template,
        national_day,
        unit=world.commune_a,
        by=world.alice,
        targets=[world.hamlet_a],
    )
    client = client_for(world.charlie)
    assert client.get(detail(campaign)).status_code == 404
    assert client.post(action(campaign, "cancel"), {"reason": "x"}).status_code == 404
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


def test_the_detail_page_runs_the_same_queries_for_many_units(
    world, template, national_day, client_for, django_assert_max_num_queries
):
    communes = [
        UnitFactory(name=f"Đảng ủy xã Thử {n:02}", kind=Unit.Kind.COMMUNE, parent=world.root)
        for n in range(20)
    ]
    few = launched(world, template, national_day)
    many = launched(world, template, national_day, targets=communes)
    client = client_for(world.lena)
    client.get(detail(few))  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        client.get(detail(few))
    assert len(small.captured_queries) <= 20
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(detail(many))
    assert response.status_code == 200 and "Đảng ủy xã Thử 19" in response.content.decode()


def test_the_list_runs_a_bounded_number_of_queries(
    world, template, national_day, client_for, django_assert_max_num_queries
):
    for year in (2024, 2025, 2026):
        services.create_campaign(
            unit=world.root,
            by=world.lena,
            observance=national_day,
            year=year,
            template=template,
            target_units=[world.commune_a, world.commune_b],
        )
    client = client_for(world.lena)
    client.get(reverse("observances:campaign-list"))
    with django_assert_max_num_queries(10):
        client.get(reverse("observances:campaign-list"))


def test_the_filters_answer_with_the_rows_to_htmx(world, template, national_day, client_for):
    plan(world, template, national_day, title="Tuyên truyền toàn tỉnh")
    response = client_for(world.lena).get(
        reverse("observances:campaign-list"), {"year": 2026}, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="rows">') and "Tuyên truyền toàn tỉnh" in text


# Templates ---------------------------------------------------------------------------------


def test_template_pages_list_the_steps(world, template, client_for):
    client = english(client_for(world.charlie))
    listing = client.get(reverse("observances:template-list")).content.decode()
    assert template.name in listing
    text = client.get(
        reverse("observances:template-detail", kwargs={"pk": template.pk})
    ).content.decode()
    assert "45 days before" in text and "7 days after" in text
    assert "Commune unit" in text and "Round anniversaries only" in text
    assert "Key task" in text
    assert reverse("admin:observances_campaigntemplate_change", args=[template.pk]) not in text


def test_staff_get_a_link_to_edit_the_template(world, template, client_for):
    text = (
        client_for(world.admin)
        .get(reverse("observances:template-detail", kwargs={"pk": template.pk}))
        .content.decode()
    )
    assert reverse("admin:observances_campaigntemplate_change", args=[template.pk]) in text


def test_an_unknown_template_is_404(world, client_for):
    url = reverse("observances:template-detail", kwargs={"pk": 999999})
    assert client_for(world.lena).get(url).status_code == 404


def test_a_units_row_links_to_its_tasks_in_this_campaign_only(
    world, template, national_day, client_for
):
    campaign = launched(world, template, national_day)
    Task.objects.create(lead_unit=world.commune_a, content="Việc thường xuyên khác", due_on=LAUNCH)
    client = client_for(world.lena)
    url = f"{reverse('work:unit-tasks', args=[world.commune_a.pk])}?campaign={campaign.pk}"
    assert url in client.get(detail(campaign)).content.decode().replace("&amp;", "&")
    text = client.get(url).content.decode()
    assert "Treo băng rôn" in text and "Việc thường xuyên khác" not in text
