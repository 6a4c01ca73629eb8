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
    # commune_a has a hamlet: its figures open the list of both, its name its dashboard.
    commune_a = rows[(world.commune_a.pk, False)]
    assert commune_a["url"] == (
        f"/work/tasks/?is_key=on&{period}&bucket=counted&lead_unit={world.commune_a.pk}&below=on"
    )
    assert commune_a["dashboard"] == f"/reviews/?unit={world.commune_a.pk}&year=2026"
    # The totals: every task of the subtree in the four buckets (cancelled ones in none).
    totals = response.context["task_totals"]
    assert totals["url"] == (
        f"/work/tasks/?is_key=on&{period}&bucket=counted&lead_unit={world.root.pk}&below=on"
    )
    entries = [*rows.values(), totals]
    _assert_lists_count_the_same(
        client,
        [cell for entry in entries for cell in entry["cells"]]
        + [{"url": entry["url"], "count": entry["row"].total} for entry in entries],
    )


def _assert_lists_count_the_same(client, cells) -> None:
    followed = 0
    for cell in cells:
        assert cell["url"], cell
        listed = client.get(cell["url"]).context["page"].paginator.count
        assert listed == cell["count"], cell["url"]
        followed += 1
    assert followed


def _case_cells(response) -> list[dict]:
    """Each linked figure of the case tables as {"url", "count"}."""
    cells = []
    entries = [response.context["case_totals"], *response.context["case_categories"]]
    for entry in entries + response.context["case_localities"]:
        for name, count in (
            ("received", entry["row"].received),
            ("resolved", entry["row"].resolved),
            ("open", entry["row"].open),
            ("overdue", entry["row"].overdue),
        ):
            if entry.get(name):
                cells.append({"url": entry[name], "count": count})
    return cells


def test_case_figures_open_the_case_list_that_counts_the_same(world, figures, places, client_for):
    client = client_for(world.alice)
    opened = "opened_from=2026-01-01&opened_to=2026-12-31&no_duplicates=on"
    response = client.get(URL, {"unit": world.hamlet_a.pk})
    assert (
        response.context["case_totals"]["open"]
        == f"/grassroots/cases/?unit={world.hamlet_a.pk}&{opened}&status=open"
    )
    response = client.get(URL)  # commune_a, with its hamlet
    links = hrefs(response)
    unit = f"unit={world.commune_a.pk}&below=on"
    assert f"/grassroots/cases/?{unit}&{opened}&status=overdue" in links
    assert f"/grassroots/cases/?{unit}&{opened}&status=open&category={places.land.pk}" in links
    assert f"/grassroots/cases/?{unit}&{opened}&locality={places.a.pk}" in links
    # 2025's overdue case and the duplicate are in neither the figures nor the lists.
    _assert_lists_count_the_same(client, _case_cells(response))
    assert f"/people/training/gaps/?unit={world.commune_a.pk}" in links
    assert f"/observances/campaigns/{figures.campaign.pk}/" in links


def test_a_province_leader_follows_a_commune_with_units_below_to_its_cases(
    world, figures, client_for
):
    client = client_for(world.lena)
    response = client.get(URL, {"unit": world.commune_a.pk})
    assert response.context["case_totals"]["open"].startswith(
        f"/grassroots/cases/?unit={world.commune_a.pk}&below=on&"
    )
    _assert_lists_count_the_same(client, _case_cells(response))


def test_once_the_period_is_over_cases_received_link_and_tasks_as_of_its_end(
    world, figures, client_for
):
    response = client_for(world.lena).get(URL, {"unit": world.commune_a.pk, "year": 2025})
    totals = response.context["case_totals"]
    assert totals["received"] and not (totals["resolved"] or totals["open"] or totals["overdue"])
    # The task list reckons the buckets on the period's last day, as the dashboard does.
    tasks = response.context["task_totals"]
    assert all("as_of=2025-12-31" in cell["url"] for cell in tasks["cells"])
    assert "chỉ số vụ việc tiếp nhận có liên kết" in response.content.decode()


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
    # Nothing cached: the task and case figures take a grouped query a month each.
    assert max(after.values()) <= 36 + 2 * 12
