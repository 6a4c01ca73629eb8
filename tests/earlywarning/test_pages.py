"""The alert pages: the list and its filters, one alert with its chart, map, reports and
actions, the alerts on the grassroots overview, the case page and the home page; scope,
stale moves and query bounds."""

import datetime
import json
import re

import pytest

from mandate.earlywarning import services
from mandate.earlywarning.models import Alert
from mandate.grassroots.models import Case
from mandate.work.models import Task
from tests.earlywarning.conftest import TODAY, make_alert


def english(client):
    client.post("/language/", {"language": "en"})
    return client


def body_of(response) -> str:
    return response.content.decode()


def listed(client, **params) -> list[int]:
    return [alert.pk for alert in client.get("/earlywarning/", params).context["page"]]


# The list -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "olga", "victor", "lena", "rita"])
def test_the_units_readers_see_the_alert(world, alert, client_for, who):
    client = client_for(getattr(world, who))
    assert listed(client) == [alert.pk]
    assert client.get(f"/earlywarning/alerts/{alert.pk}/").status_code == 200


def test_an_outsider_sees_no_alert_of_another_commune(world, alert, client_for):
    client = client_for(world.charlie)
    assert listed(client) == []
    assert client.get(f"/earlywarning/alerts/{alert.pk}/").status_code == 404
    assert (
        client.post(f"/earlywarning/alerts/{alert.pk}/review/", {"version": 1}).status_code == 404
    )


def test_the_list_reads_plainly(world, alert, client_for):
    body = body_of(english(client_for(world.alice)).get("/earlywarning/"))
    for text in (
        "1 in 2,400 days",
        "09/05/2026 – 15/05/2026",
        "Xã Quảng Hải, Xã Quảng Thành",
        "4.0",
        "14 <small",
        ">New</span>",
        f'href="/earlywarning/alerts/{alert.pk}/"',
    ):
        assert text in body, text


def test_the_list_filters(world, places, alert, client_for):
    old = make_alert(
        world,
        places,
        category=places.land,
        method=Alert.Method.POISSON_TAIL,
        status=Alert.Status.DISMISSED,
        last_detected_on=TODAY - datetime.timedelta(days=40),
        localities=[places.a_near],
    )
    client = client_for(world.lena)
    assert listed(client) == [alert.pk, old.pk]
    assert listed(client, status="open") == [alert.pk]
    assert listed(client, status="dismissed") == [old.pk]
    assert listed(client, category=places.land.pk) == [old.pk]
    assert listed(client, method="poisson_tail") == [old.pk]
    assert listed(client, locality=places.a.pk) == [alert.pk]
    assert listed(client, locality=places.a_near.pk) == [alert.pk, old.pk]
    assert listed(client, since="2026-05-01") == [alert.pk]
    assert listed(client, until="2026-05-01") == [old.pk]
    odd = english(client).get("/earlywarning/", {"status": "lost"})
    assert "Some filters were not understood" in body_of(odd)
    assert len(odd.context["page"]) == 2


def test_the_list_pages_with_htmx(world, places, client_for):
    for _number in range(27):
        make_alert(world, places)
    rows = client_for(world.alice).get(
        "/earlywarning/", {"page": "2"}, headers={"HX-Request": "true"}
    )
    body = body_of(rows)
    assert body.lstrip().startswith('<div id="rows">') and "<html" not in body
    assert len(rows.context["page"]) == 2


# One alert ----------------------------------------------------------------------------------


def test_the_alert_page_shows_facts_chart_map_reports_and_history(
    world, places, alert, counts, client_for
):
    from tests.grassroots.test_pages import file

    report = file(places, world.rita, summary="Khói lò gạch phủ kín xóm Đông mấy hôm nay")
    services.review(alert, version=1, by=world.olga)
    response = english(client_for(world.alice)).get(f"/earlywarning/alerts/{alert.pk}/")
    body = body_of(response)
    for text in (
        f"Alert no. {alert.pk}: Environment and pollution around Xã Quảng Thành",
        "14 reports from 09/05/2026 to 15/05/2026, where 3.5 were expected.",
        "1 in 2,400 days",
        "Space-time permutation scan",
        world.commune_a.name,
        "Under review",
        'id="chart-series"',
        '15/05/2026 <span class="visually-hidden">(in the window)</span></th>',
        'id="dots-title"',
        # 2 a day from the counts, but 14/05 recounted from its one real report
        "Xã Quảng Thành: 13 reports in the window",
        report.summary,
        f'href="/grassroots/cases/{report.case_id}/"',
        'id="history-title"',
        world.olga.full_name,
    ):
        assert text in body, text
    data = json.loads(re.search(r'id="alert-data"[^>]*>(.*?)</script>', body, re.S)[1])
    assert len(data["days"]) == 60
    assert data["days"][-1] == {"label": "15/05", "observed": 3, "expected": 1.0, "in_window": True}


def test_the_alert_page_keeps_to_the_content_security_policy(world, alert, counts, client_for):
    body = body_of(client_for(world.alice).get(f"/earlywarning/alerts/{alert.pk}/"))
    assert "style=" not in body
    scripts = re.findall(r"<script([^>]*)>", body)
    assert scripts and all("src=" in attrs or "application/json" in attrs for attrs in scripts)
    assert "vendor/chartjs-4.5.1/chart.umd.min.js" in body and "earlywarning/alert.js" in body


def test_actions_are_offered_only_to_those_who_may_act(world, alert, client_for):
    url = f"/earlywarning/alerts/{alert.pk}/"
    action = f'action="{url}review/"'
    assert action in body_of(client_for(world.olga).get(url))
    for reader in (world.victor, world.rita):
        assert action not in body_of(client_for(reader).get(url))
        assert client_for(reader).post(f"{url}review/", {"version": 1}).status_code == 403
    assert client_for(world.alice).post(f"{url}explode/", {"version": 1}).status_code == 404
    assert client_for(world.alice).get(f"{url}review/").status_code == 405
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.NEW


def test_an_alert_is_reviewed_dismissed_and_reopened(world, alert, client_for):
    client = english(client_for(world.olga))
    url = f"/earlywarning/alerts/{alert.pk}/"
    reviewed = client.post(f"{url}review/", {"version": 1}, follow=True)
    assert "The alert is under review." in body_of(reviewed)
    unexplained = client.post(f"{url}dismiss/", {"version": 2, "reason": "", "note": "Hội chợ"})
    assert unexplained.status_code == 200
    assert "Choose why the alert is dismissed." in body_of(unexplained)
    assert "Hội chợ</textarea>" in body_of(unexplained)
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.REVIEWING
    dismissed = client.post(
        f"{url}dismiss/", {"version": 2, "reason": "explained", "note": "Hội chợ"}, follow=True
    )
    assert "The alert was dismissed." in body_of(dismissed)
    assert "Explained by a known event" in body_of(dismissed)
    reopened = client.post(f"{url}reopen/", {"version": 3, "note": "Vẫn tăng"}, follow=True)
    assert "The alert was reopened for review." in body_of(reopened)
    fresh = Alert.objects.get(pk=alert.pk)
    assert (fresh.status, fresh.version, fresh.note) == ("reviewing", 4, "Vẫn tăng")


def test_a_move_the_status_does_not_allow_is_refused(world, places, client_for):
    alert = make_alert(world, places, status=Alert.Status.ESCALATED)
    client = english(client_for(world.olga))
    response = client.post(f"/earlywarning/alerts/{alert.pk}/review/", {"version": 1})
    assert response.status_code == 200
    assert "An alert that is “Escalated” cannot be taken under review." in body_of(response)
    assert Alert.objects.get(pk=alert.pk).version == 1


def test_a_stale_version_is_refused_and_changes_nothing(world, alert, client_for):
    services.review(alert, version=1, by=world.alice)
    world.olga.preferred_language = "en"
    world.olga.save()
    response = client_for(world.olga).post(
        f"/earlywarning/alerts/{alert.pk}/dismiss/",
        {"version": 1, "reason": "chance", "note": "Chỉ là ngẫu nhiên"},
    )
    assert response.status_code == 409
    body = body_of(response)
    assert 'id="stale-alert"' in body and "Nothing was changed." in body
    assert "This alert was changed by someone else meanwhile." in body
    assert "Chỉ là ngẫu nhiên</textarea>" in body  # the input is kept
    assert 'name="version" value="2"' in body  # on the current version, to act again
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.REVIEWING


def test_escalating_to_a_new_case_links_both_ways(world, alert, client_for):
    client = english(client_for(world.olga))
    response = client.post(f"/earlywarning/alerts/{alert.pk}/escalate_case/", {"version": 1})
    case = Case.objects.get()
    assert response.status_code == 302
    page = body_of(client.get(f"/earlywarning/alerts/{alert.pk}/"))
    assert f"The alert was escalated to case no. {case.pk}." in page
    assert f'href="/grassroots/cases/{case.pk}/"' in page
    case_page = body_of(client.get(f"/grassroots/cases/{case.pk}/"))
    assert 'id="case-alerts"' in case_page
    assert f'href="/earlywarning/alerts/{alert.pk}/"' in case_page
    assert f"Opened from early-warning alert no. {alert.pk}" in case_page
    assert client_for(world.charlie).get(f"/grassroots/cases/{case.pk}/").status_code == 404


def test_escalating_to_an_existing_case_names_it(world, places, alert, client_for):
    from tests.grassroots.test_pages import file

    case = file(places, world.rita, summary="Khói lò gạch phủ kín xóm Đông mấy hôm nay").case
    client = english(client_for(world.olga))
    url = f"/earlywarning/alerts/{alert.pk}/escalate_case/"
    unknown = client.post(url, {"version": 1, "case": 99999})
    assert "There is no case no. 99999 that you can see." in body_of(unknown)
    assert client.post(url, {"version": 1, "case": case.pk}).status_code == 302
    assert Alert.objects.get(pk=alert.pk).case == case and Case.objects.count() == 1


def test_escalating_to_a_task_puts_it_in_the_work_programme(world, alert, client_for):
    client = english(client_for(world.olga))
    form = body_of(client.get(f"/earlywarning/alerts/{alert.pk}/"))
    assert "Check the hot spot: Environment and pollution in Xã Quảng Thành" in form
    response = client.post(
        f"/earlywarning/alerts/{alert.pk}/escalate_task/",
        {"version": 1, "content": "Kiểm tra lò gạch thôn Đông", "due_on": "2026-05-30"},
        follow=True,
    )
    task = Task.objects.get()
    assert f"The alert was escalated to a task of {world.commune_a.name}." in body_of(response)
    assert (task.content, task.due_on) == ("Kiểm tra lò gạch thôn Đông", datetime.date(2026, 5, 30))
    assert f'href="/work/tasks/{task.pk}/"' in body_of(response)
    tasks = body_of(client_for(world.alice).get("/work/tasks/"))
    assert "Kiểm tra lò gạch thôn Đông" in tasks
    assert "Kiểm tra lò gạch thôn Đông" not in body_of(
        client_for(world.charlie).get("/work/tasks/")
    )


# Elsewhere: the grassroots overview, the home page, the navigation ---------------------------


def test_the_grassroots_overview_lists_the_open_alerts(world, places, alert, client_for):
    closed = make_alert(world, places, status=Alert.Status.DISMISSED)
    body = body_of(english(client_for(world.alice)).get("/grassroots/"))
    assert 'id="open-alerts"' in body
    assert f'href="/earlywarning/alerts/{alert.pk}/"' in body
    assert f'href="/earlywarning/alerts/{closed.pk}/"' not in body
    assert 'href="/earlywarning/?status=open"' in body
    outsider = body_of(client_for(world.charlie).get("/grassroots/"))
    assert f'href="/earlywarning/alerts/{alert.pk}/"' not in outsider


def test_the_home_page_counts_my_open_alerts(world, places, alert, client_for):
    make_alert(world, places, status=Alert.Status.REVIEWING)
    body = body_of(english(client_for(world.alice)).get("/"))
    assert "Open alerts: 2" in body and "New: 1" in body
    assert "Open alerts:" not in body_of(english(client_for(world.charlie)).get("/"))


def test_navigation_leads_to_the_alerts(world, client_for):
    entries = client_for(world.olga).get("/earlywarning/").context["nav_entries"]
    active = [entry["url"] for entry in entries if entry["active"]]
    assert active == ["/earlywarning/"]


# Speed and administration --------------------------------------------------------------------


def test_pages_run_a_bounded_number_of_queries(
    world, places, counts, client_for, django_assert_max_num_queries
):
    from tests.grassroots.test_pages import file

    for number in range(12):
        file(places, world.rita, summary=f"Phản ánh số {number} về khói lò gạch thôn Đông")
    alerts = [make_alert(world, places) for _number in range(20)]
    services.escalate_to_case(alerts[0], version=1, by=world.olga)
    services.review(alerts[1], version=1, by=world.olga)
    services.dismiss(alerts[1], version=2, by=world.olga, reason="chance")
    case = Alert.objects.get(pk=alerts[0].pk).case
    for user in (world.lena, world.alice):
        client = client_for(user)
        for url, params in (
            ("/earlywarning/", {}),
            ("/earlywarning/", {"status": "open", "locality": places.a.pk, "page": "1"}),
            (f"/earlywarning/alerts/{alerts[0].pk}/", {}),
            (f"/earlywarning/alerts/{alerts[1].pk}/", {}),
            ("/grassroots/", {}),
            (f"/grassroots/cases/{case.pk}/", {}),
        ):
            with django_assert_max_num_queries(15):
                assert client.get(url, params).status_code == 200, url


def test_the_admin_screens_open(world, alert, client_for):
    from mandate.earlywarning.models import DetectionRun, Threshold

    Threshold.objects.create(category=alert.category, recurrence_days=730)
    run = DetectionRun.objects.create(
        day=TODAY, category=alert.category, started_at="2026-05-15T02:00:00+07:00"
    )
    client = client_for(world.admin)
    for url in (
        "/admin/earlywarning/alert/",
        f"/admin/earlywarning/alert/{alert.pk}/change/",
        "/admin/earlywarning/threshold/",
        "/admin/earlywarning/detectionrun/",
        f"/admin/earlywarning/detectionrun/{run.pk}/change/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/earlywarning/alert/add/").status_code == 403
    response = client.post(
        f"/admin/earlywarning/alert/{alert.pk}/change/", {"note": "Ghi chú quản trị"}
    )
    assert response.status_code == 302
    fresh = Alert.objects.get(pk=alert.pk)
    assert (fresh.note, fresh.version, fresh.status) == ("Ghi chú quản trị", 2, "new")


def test_the_timeline_says_who_moved_the_alert_and_what_detection_added(world, alert, client_for):
    services.review(alert, version=1, by=world.olga)
    services.dismiss(alert, version=2, by=world.alice, reason="data", note="Nhập trùng")
    services.reopen(alert, version=3, by=world.olga, note="Không phải nhập trùng")
    alert.refresh_from_db()
    alert.observed, alert.last_detected_on = 18, TODAY
    alert.save()  # detection finds it again: nobody's name on it
    services.escalate_to_case(alert, version=4, by=world.alice)
    case = Alert.objects.get(pk=alert.pk).case
    body = body_of(english(client_for(world.victor)).get(f"/earlywarning/alerts/{alert.pk}/"))
    timeline = " ".join(body[body.index('id="history-title"') :].split())
    for text in (
        "detection · raised the alert",
        f"{world.olga.full_name} · Under review",
        "Data entry error",
        "Nhập trùng",
        "Không phải nhập trùng",
        "Detected again: 18 reports from 09/05/2026 to 15/05/2026",
        f'href="/grassroots/cases/{case.pk}/"',
    ):
        assert text in timeline, text
