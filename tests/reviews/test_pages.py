"""The dashboard page: who may open which unit's, what it shows, where its figures lead,
and a number of queries that does not grow with the data."""

import html
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mandate.grassroots.models import Case
from tests.factories import LocalityFactory, UnitFactory
from tests.reviews.conftest import case, day, task

URL = "/reviews/"


def hrefs(response) -> set[str]:
    return {
        html.unescape(href) for href in re.findall(r'href="([^"]+)"', response.content.decode())
    }


def test_a_leader_sees_the_province(world, figures, client_for):
    response = client_for(world.lena).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert world.root.name in body and "Tuyên truyền Quốc khánh" in body
    assert 'id="dashboard-data"' in body and 'id="chart-tasks"' in body
    assert response.context["figures"].tasks.totals.total == 8


def test_a_viewer_reads_the_dashboard_of_any_unit_below(world, figures, client_for):
    response = client_for(world.victor).get(URL, {"unit": world.commune_a.pk, "year": 2026})
    assert response.status_code == 200
    assert response.context["unit"] == world.commune_a
    assert response.context["figures"].cases.totals.received == 4


def test_an_outsider_gets_404_for_a_unit_they_do_not_see(world, figures, client_for):
    assert client_for(world.charlie).get(URL, {"unit": world.commune_a.pk}).status_code == 404
    assert client_for(world.alice).get(URL, {"unit": world.root.pk}).status_code == 404
    assert client_for(world.alice).get(URL, {"unit": "x"}).status_code == 404


def test_a_commune_officer_sees_only_their_commune(world, figures, client_for):
    response = client_for(world.olga).get(URL)
    assert response.context["unit"] == world.commune_a
    choices = [unit for unit, _label in response.context["form"].fields["unit"].choices]
    assert [choice.value for choice in choices] == [world.commune_a.pk, world.hamlet_a.pk]
    body = response.content.decode()
    assert world.commune_b.name not in body and "Chiến dịch xã Hòa Bình" not in body


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize(
    "query",
    [{"year": "abc"}, {"start": "2026-05-01"}, {"start": "2026-05-01", "end": "2026-04-01"}],
)
def test_a_wrong_period_is_said_and_the_current_year_shown(world, figures, client_for, query):
    response = client_for(world.alice).get(URL, query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["figures"].period.start == day(1, 1)


def test_a_range_of_days(world, figures, client_for):
    response = client_for(world.alice).get(URL, {"start": "2026-01-01", "end": "2026-04-05"})
    found = response.context["figures"]
    assert found.period.end == day(4, 5) and found.tasks.totals.total == 2


def test_task_counts_open_the_task_list_that_counts_the_same(world, figures, client_for):
    client = client_for(world.lena)
    response = client.get(URL, {"unit": world.root.pk, "year": 2026})
    rows = {(e["row"].unit.pk, e["row"].own): e for e in response.context["task_rows"]}
    period = "due_from=2026-01-01&due_to=2026-12-31"
    commune_b = rows[(world.commune_b.pk, False)]
    overdue = commune_b["cells"][3]["url"]
    assert overdue == (
        f"/work/tasks/?is_key=on&{period}&bucket=pending_overdue&lead_unit={world.commune_b.pk}"
    )
    assert overdue.replace("&", "&amp;") in response.content.decode()
    # commune_a has a hamlet: no list picks both, so its name opens its own dashboard.
    commune_a = rows[(world.commune_a.pk, False)]
    assert not commune_a["url"] and commune_a["dashboard"] == (
        f"/reviews/?unit={world.commune_a.pk}&year=2026"
    )
    # lena sees the whole province: the totals are the list without a unit.
    totals = response.context["task_totals"]
    assert totals["url"] == f"/work/tasks/?is_key=on&{period}"
    for entry in [*rows.values(), totals]:
        for cell in entry["cells"]:
            if cell["url"]:
                listed = client.get(cell["url"]).context["page"].paginator.count
                assert listed == cell["count"], cell["url"]


def test_case_figures_open_the_case_list(world, figures, places, client_for):
    client = client_for(world.alice)
    response = client.get(URL, {"unit": world.hamlet_a.pk})
    assert (
        response.context["case_totals"]["open"]
        == f"/grassroots/cases/?unit={world.hamlet_a.pk}&status=open"
    )
    response = client.get(URL)  # commune_a has a hamlet and alice sees only that subtree
    links = hrefs(response)
    assert "/grassroots/cases/?status=overdue" in links
    assert f"/grassroots/cases/?category={places.land.pk}&status=open" in links
    assert f"/grassroots/cases/?locality={places.a.pk}" in links
    # The case list has no date filter (the page says so): it adds 2025's overdue case.
    listed = client.get("/grassroots/cases/?status=overdue").context["page"].paginator.count
    assert listed == response.context["figures"].cases.totals.overdue + 1
    assert f"/people/training/gaps/?unit={world.commune_a.pk}" in links
    assert f"/observances/campaigns/{figures.campaign.pk}/" in links


def test_a_province_leader_gets_no_case_links_for_a_commune_with_units_below(
    world, figures, client_for
):
    response = client_for(world.lena).get(URL, {"unit": world.commune_a.pk})
    assert response.context["case_totals"]["open"] == ""
    assert not any(link.startswith("/grassroots/cases/") for link in hrefs(response))


def test_the_dashboard_runs_a_bounded_number_of_queries(world, figures, places, client_for):
    def queries(user) -> int:
        client = client_for(user)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = {user: queries(user) for user in (world.lena, world.alice)}
    for number in range(4):  # more units, tasks, cases, localities of every kind
        unit = UnitFactory(name=f"Xã Mới {number}", kind="commune", parent=world.root)
        place = LocalityFactory(code=f"98{number:03}", name=f"Xã Mới {number}")
        for month in range(1, 7):
            task(unit, due=day(month, 10), done_on=day(month, 9) if month % 2 else None)
            task(world.hamlet_a, due=day(month, 11))
            case(unit, places.land, place, opened=day(month, 1), due=day(month, 20))
            case(world.commune_a, places.environment, place, opened=day(month, 2), due=day(7, 1))
    assert Case.objects.count() > 50
    after = {user: queries(user) for user in (world.lena, world.alice)}
    assert after == before
    assert max(after.values()) <= 40
