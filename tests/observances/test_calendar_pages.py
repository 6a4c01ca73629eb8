"""The month and year pages with the reader's campaigns and tasks, and the local form."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from mandate.observances import services
from mandate.observances.models import Campaign, Observance
from tests.factories import TaskFactory
from tests.leaks import populate

NATIONAL_DAY = datetime.date(2026, 9, 2)


def month_url(year: int, month: int) -> str:
    return reverse("observances:month", kwargs={"year": year, "month": month})


def year_url(year: int) -> str:
    return reverse("observances:year", kwargs={"year": year})


def english(client):
    client.post("/language/", {"language": "en"})
    return client


def task_of(unit, due_on: datetime.date, content: str, **fields):
    return TaskFactory(plan=None, lead_unit=unit, due_on=due_on, content=content, **fields)


def day_of(response, day: datetime.date):
    return next(d for week in response.context["weeks"] for d in week if d.date == day)


@pytest.fixture
def national_day(db) -> Observance:
    return Observance.objects.get(key="national-day")


@pytest.fixture
def cast(world, template, national_day):
    """The department's launched National Day campaign (for both communes), commune_a's own event,
    commune_b's own event, a cancelled one, and tasks due in September 2026."""
    department = services.create_campaign(
        unit=world.root,
        by=world.lena,
        observance=national_day,
        year=2026,
        template=template,
        target_units=[world.commune_a, world.commune_b],
    )
    # Launched: the communes below see a department's campaign once it is under way.
    services.launch_campaign(campaign=department, by=world.lena, on=datetime.date(2026, 7, 1))
    department.refresh_from_db()
    commune_a = services.create_campaign(
        unit=world.commune_a,
        by=world.alice,
        template=None,
        title="Chiến dịch xã A: lễ hội làng Đông",
        event_on=datetime.date(2026, 9, 20),
        target_units=[world.hamlet_a],
    )
    commune_b = Campaign.objects.create(
        title="Chiến dịch xã B: ngày hội đại đoàn kết",
        unit=world.commune_b,
        occurs_on=datetime.date(2026, 9, 21),
    )
    cancelled = Campaign.objects.create(
        title="Chiến dịch đã hủy",
        unit=world.root,
        occurs_on=datetime.date(2026, 9, 22),
        status=Campaign.Status.CANCELLED,
    )
    return {
        "department": department,
        "commune_a": commune_a,
        "commune_b": commune_b,
        "cancelled": cancelled,
        "hamlet_task": task_of(world.hamlet_a, datetime.date(2026, 9, 10), "Việc của thôn Đông"),
        "commune_b_task": task_of(
            world.commune_b, datetime.date(2026, 9, 10), "Việc của xã Hòa Bình"
        ),
        "cancelled_task": task_of(
            world.commune_a,
            datetime.date(2026, 9, 11),
            "Việc đã hủy của xã A",
            status="cancelled",
        ),
    }


# The month page -------------------------------------------------------------------


def test_month_shows_national_day_with_vietnamese_weekdays(world, client_for):
    response = client_for(world.olga).get(month_url(2026, 9))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Quốc khánh" in text
    assert "Thứ 4, 02/09/2026" in text  # the day's label in the list a phone shows
    weekdays = [day.date for day in response.context["weeks"][0]]
    assert weekdays[0].weekday() == 0 and weekdays[0] == datetime.date(2026, 8, 31)
    assert text.index("Thứ 2") < text.index("Chủ nhật")  # the header runs Monday to Sunday
    national_day = day_of(response, NATIONAL_DAY)
    assert [o.observance.key for o in national_day.occurrences] == ["national-day"]
    assert national_day.occurrences[0].anniversary == 81


def test_february_2026_holds_tet_on_the_17th(world, client_for):
    response = client_for(world.charlie).get(month_url(2026, 2))
    tet = day_of(response, datetime.date(2026, 2, 17))
    assert "tet" in {occurrence.observance.key for occurrence in tet.occurrences}
    assert "Tết Nguyên đán" in response.content.decode()


def test_month_in_english_names_the_weekdays_in_english(world, client_for):
    text = english(client_for(world.olga)).get(month_url(2026, 9)).content.decode()
    assert "Wednesday, 02/09/2026" in text and "National Day" in text
    assert "September 2026" in text


def test_month_shows_the_readers_campaigns_and_tasks_due(world, cast, client_for):
    response = client_for(world.olga).get(month_url(2026, 9))
    text = response.content.decode()
    assert day_of(response, NATIONAL_DAY).campaigns == [cast["department"]]
    assert day_of(response, datetime.date(2026, 9, 20)).campaigns == [cast["commune_a"]]
    assert reverse("observances:campaign-detail", kwargs={"pk": cast["commune_a"].pk}) in text
    assert "Việc của thôn Đông" in text
    assert reverse("work:task-detail", kwargs={"pk": cast["hamlet_task"].pk}) in text
    # commune_b's, the cancelled campaign and the cancelled task are not olga's to see
    assert "Chiến dịch xã B" not in text and "Việc của xã Hòa Bình" not in text
    assert "Chiến dịch đã hủy" not in text and "Việc đã hủy của xã A" not in text


def test_month_hides_commune_a_from_charlie(world, cast, client_for):
    response = client_for(world.charlie).get(month_url(2026, 9))
    text = response.content.decode()
    assert day_of(response, NATIONAL_DAY).campaigns == [cast["department"]]  # shared down
    assert "Chiến dịch xã B" in text and "Việc của xã Hòa Bình" in text
    assert "Chiến dịch xã A" not in text and "Việc của thôn Đông" not in text


@pytest.mark.parametrize(
    "url",
    [month_url(2026, 9), month_url(2026, 8), year_url(2026)],
)
def test_an_outsider_sees_none_of_the_leak_walks_secrets(world, client_for, url):
    secrets = populate(world)  # commune_a's secret campaign of 02/09/2026, its task of 28/08
    text = client_for(world.charlie).get(url).content.decode()
    assert not [secret for secret in secrets if secret in text]


def test_a_unit_outside_the_readers_scope_is_ignored(world, cast, client_for):
    response = client_for(world.charlie).get(month_url(2026, 9), {"unit": world.commune_a.pk})
    assert response.status_code == 200
    assert response.context["filters"].chosen_unit is None
    text = response.content.decode()
    assert "Việc của thôn Đông" not in text and world.commune_a.name not in text


def test_level_filter_keeps_only_that_levels_days(world, client_for):
    services.add_local_observance(
        unit=world.commune_a,
        by=world.alice,
        name="Ngày giải phóng xã Quảng Thành",
        month=9,
        day=5,
        founding_year=1947,
    )
    client = client_for(world.olga)
    local = client.get(month_url(2026, 9), {"level": "local"}).content.decode()
    assert "Ngày giải phóng xã Quảng Thành" in local and "Quốc khánh" not in local
    national = client.get(month_url(2026, 9), {"level": "national"}).content.decode()
    assert "Ngày giải phóng xã Quảng Thành" not in national and "Quốc khánh" in national


def test_unit_filter_narrows_tasks_and_campaigns_to_that_unit(world, cast, client_for):
    client = client_for(world.lena)
    everything = client.get(month_url(2026, 9)).content.decode()
    assert "Việc của thôn Đông" in everything and "Việc của xã Hòa Bình" in everything
    response = client.get(month_url(2026, 9), {"unit": world.commune_b.pk})
    text = response.content.decode()
    assert "Việc của xã Hòa Bình" in text and "Việc của thôn Đông" not in text
    # the department's campaign targets commune_b; commune_a's own does not
    assert day_of(response, NATIONAL_DAY).campaigns == [cast["department"]]
    assert "Chiến dịch xã B" in text and "Chiến dịch xã A" not in text
    subtree = client.get(month_url(2026, 9), {"unit": world.commune_a.pk}).content.decode()
    assert "Việc của thôn Đông" in subtree  # hamlet_a is below commune_a
    assert "Chiến dịch xã A" in subtree and "Chiến dịch xã B" not in subtree


def test_a_busy_day_shows_three_tasks_and_links_to_the_rest(world, client_for):
    day = datetime.date(2026, 9, 15)
    for number in range(5):
        task_of(world.commune_a, day, f"Nhiệm vụ ngày 15 số {number}", is_key=number == 4)
    client = client_for(world.alice)
    response = client.get(month_url(2026, 9), {"unit": world.commune_a.pk})
    busy = day_of(response, day)
    assert busy.task_count == 5 and len(busy.tasks) == 3 and busy.more_tasks == 2
    assert busy.tasks[0].content == "Nhiệm vụ ngày 15 số 4"  # key tasks first
    text = response.content.decode()
    more = (
        f"{reverse('work:my-tasks')}?due_from=2026-09-15&amp;due_to=2026-09-15"
        f"&amp;lead_unit={world.commune_a.pk}"
    )
    assert more in text
    listed = client.get(
        reverse("work:my-tasks"),
        {"due_from": "2026-09-15", "due_to": "2026-09-15", "lead_unit": world.commune_a.pk},
    )
    assert "Nhiệm vụ ngày 15 số 0" in listed.content.decode()


def test_a_day_of_many_campaigns_shows_the_first_three(world, national_day, client_for):
    for number in range(5):
        unit = world.root if number == 4 else world.commune_b
        Campaign.objects.create(
            title=f"Chiến dịch Quốc khánh số {number}",
            unit=unit,
            observance=national_day,
            occurs_on=NATIONAL_DAY,
        )
    more = f"{reverse('observances:campaign-list')}?year=2026"
    response = client_for(world.lena).get(month_url(2026, 9))
    shown = day_of(response, NATIONAL_DAY).campaigns_shown
    assert shown[0].title == "Chiến dịch Quốc khánh số 4"  # the department's first
    assert len(shown) == 3 and more in response.content.decode()
    year = client_for(world.lena).get(year_url(2026)).content.decode()
    assert more in year and "Chiến dịch Quốc khánh số 3" not in year


@pytest.mark.parametrize("path", ["/observances/2026/13/", "/observances/2026/0/"])
def test_a_month_that_does_not_exist_is_404(world, client_for, path):
    assert client_for(world.olga).get(path).status_code == 404


def test_a_year_out_of_range_is_404(world, client_for):
    assert client_for(world.olga).get(month_url(1800, 5)).status_code == 404


def test_previous_and_next_cross_the_year_boundary(world, client_for):
    client = client_for(world.olga)
    january = client.get(month_url(2026, 1), {"level": "national"}).content.decode()
    assert f'href="{month_url(2025, 12)}?level=national" rel="prev"' in january
    assert f'href="{month_url(2026, 2)}?level=national" rel="next"' in january
    assert f'href="{year_url(2026)}?level=national"' in january
    december = client.get(month_url(2026, 12)).content.decode()
    assert f'href="{month_url(2027, 1)}" rel="next"' in december
    assert f'href="{month_url(2026, 11)}" rel="prev"' in december


def test_anonymous_is_sent_to_sign_in(db, client):
    response = client.get(month_url(2026, 9))
    assert response.status_code == 302 and "login" in response["Location"]


def test_month_page_queries_do_not_grow_with_the_data(
    world, cast, client_for, django_assert_max_num_queries
):
    for number in range(30):
        task_of(world.commune_a, datetime.date(2026, 9, 1 + number % 28), f"Việc {number}")
    client = client_for(world.lena)
    # session, user, memberships, units, the chosen unit, observances, campaigns, tasks,
    # unread notices, the unit filter's options
    with django_assert_max_num_queries(10):
        assert client.get(month_url(2026, 9), {"unit": world.root.pk}).status_code == 200


# The year page --------------------------------------------------------------------


def plan_link(key: str, year: int) -> str:
    return f"{reverse('observances:campaign-create')}?observance={key}&amp;year={year}"


@pytest.mark.parametrize(("name", "sees"), [("alice", True), ("lena", True), ("olga", False)])
def test_only_leaders_see_plan_a_campaign(world, client_for, name, sees):
    text = client_for(getattr(world, name)).get(year_url(2026)).content.decode()
    assert (plan_link("national-day", 2026) in text) is sees


def test_year_lists_the_readers_campaigns_beside_their_occurrence(world, cast, client_for):
    response = client_for(world.olga).get(year_url(2026))
    september = next(month for month in response.context["months"] if month.first_day.month == 9)
    row = next(row for row in september.rows if row.occurrence.observance.key == "national-day")
    assert row.campaigns == [cast["department"]]
    assert september.other_campaigns == [cast["commune_a"]]  # a one-off event
    text = response.content.decode()
    assert "Chiến dịch xã A" in text and "Chiến dịch xã B" not in text
    assert "Chiến dịch đã hủy" not in text
    assert f'href="{month_url(2026, 9)}"' in text  # month headings open the month


def test_year_hides_commune_a_campaigns_from_charlie(world, cast, client_for):
    text = client_for(world.charlie).get(year_url(2026)).content.decode()
    assert "Chiến dịch xã B" in text and "Chiến dịch xã A" not in text


def test_year_unit_filter(world, cast, client_for):
    client = client_for(world.lena)
    text = client.get(year_url(2026), {"unit": world.commune_b.pk}).content.decode()
    assert "Chiến dịch xã B" in text and "Chiến dịch xã A" not in text
    assert f'href="{month_url(2026, 9)}?unit={world.commune_b.pk}"' in text
    assert f'href="{year_url(2027)}?unit={world.commune_b.pk}"' in text


def test_year_links_to_the_local_form_for_those_who_can_add(world, client_for):
    add = reverse("observances:local-create")
    assert add in client_for(world.olga).get(year_url(2026)).content.decode()
    assert add not in client_for(world.victor).get(year_url(2026)).content.decode()


def test_year_page_queries_stay_bounded_with_campaigns(
    world, cast, client_for, django_assert_max_num_queries
):
    client = client_for(world.alice)
    with django_assert_max_num_queries(12):
        assert client.get(year_url(2026), {"unit": world.commune_a.pk}).status_code == 200


# The local observance form ------------------------------------------------------------


def local_form(world, **changes) -> dict:
    return {
        "unit": world.commune_a.pk,
        "name": "Ngày thành lập Đảng bộ xã Quảng Thành",
        "name_en": "Quang Thanh commune Party founding",
        "calendar": "solar",
        "month": 3,
        "day": 12,
        "founding_year": 1948,
        "level": "local",
        "importance": "important",
        **changes,
    }


def test_an_officer_adds_a_local_anniversary(world, client_for):
    client = client_for(world.olga)
    form = client.get(reverse("observances:local-create"))
    assert list(form.context["form"].fields["unit"].queryset) == [
        world.commune_a,
        world.hamlet_a,
    ]
    response = client.post(reverse("observances:local-create"), local_form(world))
    assert response.status_code == 302
    added = Observance.objects.get(name="Ngày thành lập Đảng bộ xã Quảng Thành")
    assert added.owner_unit == world.commune_a and added.level == "local"
    assert added.importance == "important" and added.founding_year == 1948
    assert added.key.startswith(f"u{world.commune_a.pk}-03-12")
    text = client.get(year_url(2026)).content.decode()
    assert "Ngày thành lập Đảng bộ xã Quảng Thành" in text and "kỷ niệm 78 năm" in text


def test_a_lunar_anniversary_in_a_leap_month(world, client_for):
    client = client_for(world.alice)
    data = local_form(world, calendar="lunar", month=6, day=10, is_leap_month="on")
    assert client.post(reverse("observances:local-create"), data).status_code == 302
    assert Observance.objects.get(name=data["name"]).is_leap_month


def test_30_february_is_refused_in_the_readers_language(world, client_for):
    client = english(client_for(world.olga))
    before = Observance.objects.count()
    data = local_form(world, month=2, day=30)
    response = client.post(reverse("observances:local-create"), data)
    assert response.status_code == 200
    assert "30/2 is not a date." in response.content.decode()
    assert Observance.objects.count() == before


def test_a_unit_one_cannot_edit_is_refused(world, client_for):
    before = Observance.objects.count()
    response = client_for(world.olga).post(
        reverse("observances:local-create"), local_form(world, unit=world.commune_b.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert Observance.objects.count() == before


@pytest.mark.parametrize("name", ["rita", "victor"])
def test_reporters_and_viewers_cannot_add(world, client_for, name):
    client = client_for(getattr(world, name))
    page = client.get(reverse("observances:local-create"))
    assert page.status_code == 200 and not page.context["can_add"]
    before = Observance.objects.count()
    client.post(reverse("observances:local-create"), local_form(world))
    assert Observance.objects.count() == before


def test_a_future_founding_year_is_refused(world, client_for, time_machine):
    time_machine.move_to("2026-06-01")
    response = client_for(world.olga).post(
        reverse("observances:local-create"), local_form(world, founding_year=2030)
    )
    assert response.context["form"].errors["founding_year"]


# The public feed ------------------------------------------------------------------------


def test_a_lunar_date_falling_twice_in_a_year_keeps_both_events(world, client, time_machine):
    time_machine.move_to("2026-06-01")
    observance = services.add_local_observance(
        unit=world.commune_a,
        by=world.alice,
        name="Lễ tất niên làng Đông",
        calendar="lunar",
        month=12,
        day=1,
    )
    calendar = Calendar.from_ical(client.get(reverse("observances:feed")).content)
    days = {
        str(event["UID"]): event.decoded("DTSTART")
        for event in calendar.walk("VEVENT")
        if str(event["UID"]).startswith(observance.key)
    }
    # 1/12 of lunar 2026 is 08/01/2027; 1/12 of lunar 2027 is 28/12/2027
    assert days[f"{observance.key}-2027@mandate"] == datetime.date(2027, 1, 8)
    assert days[f"{observance.key}-20271228@mandate"] == datetime.date(2027, 12, 28)
