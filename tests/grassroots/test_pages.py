"""The grassroots pages: the report form, my reports, a unit's cases, one case and its
actions, the overview; scope, privacy of contacts, stale edits and query bounds."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.core.counts import cached
from mandate.grassroots import selectors, services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, CaseEvent, Contact, Report, ReportPhoto
from mandate.grassroots.scrub import REDACTED
from tests.factories import UnitFactory
from tests.work.conftest import tiny_png

TODAY = datetime.date(2026, 5, 15)
SUMMARY = "Nước thải từ xưởng mạ chảy ra kênh thôn Đông, gọi anh Ba 0912 345 678"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded photos go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def today(time_machine) -> datetime.date:
    time_machine.move_to(
        datetime.datetime(2026, 5, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=True
    )
    return TODAY


def file(places, user, **overrides) -> Report:
    raw = {
        "category": places.environment.code,
        "locality": places.a.code,
        "observed_on": "14/05/2026",
        "severity": "3",
        "people_affected": "40",
        "summary": SUMMARY,
    } | overrides
    draft = Intake(user, today=TODAY).clean(raw)
    return services.file_report(draft=draft, by=user, channel="web")


def form_data(places, **overrides) -> dict:
    return {
        "locality": str(places.a.pk),
        "category": str(places.environment.pk),
        "observed_on": "2026-05-14",
        "severity": "3",
        "people_affected": "40",
        "summary": SUMMARY,
    } | overrides


def english(client):
    client.post("/language/", {"language": "en"})
    return client


@pytest.fixture
def case(world, places) -> Case:
    report = file(places, world.rita, contact_name="Nguyễn Văn Ba", contact_phone="0912 345 678")
    return report.case


def body_of(response) -> str:
    return response.content.decode()


# Filing a report -------------------------------------------------------------------------


def test_a_reporter_files_a_report_that_is_redacted_and_routed(world, places, client_for):
    client = english(client_for(world.rita))
    form = client.get("/grassroots/report/")
    assert form.status_code == 200
    assert f'<option value="{places.a.pk}" selected>' in body_of(form)  # her only commune
    response = client.post(
        "/grassroots/report/",
        form_data(places, contact_name="Nguyễn Văn Ba", contact_phone="0912 345 678"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/grassroots/mine/"
    report = Report.objects.get()
    assert REDACTED in report.summary and "0912" not in report.summary
    assert report.case.unit == world.commune_a and report.channel == Report.Channel.WEB
    assert Contact.objects.get(report=report).phone == "0912 345 678"
    body = body_of(response)
    assert f"Your report was filed as case no. {report.case_id}." in body
    assert "Personal details were removed from the text 1 time." in body
    assert "0912 345 678" not in body


def test_bad_input_comes_back_on_its_fields_and_files_nothing(world, places, client_for):
    client = english(client_for(world.rita))
    response = client.post(
        "/grassroots/report/",
        form_data(places, locality=str(places.b.pk), severity="", summary="ngắn"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["locality"] == [f"“{places.b.pk}” is not a commune you report on."]
    assert errors["severity"] == ["This field is required."]
    assert errors["summary"] == ["Describe the matter in at least 10 characters."]
    assert not Report.objects.exists()
    assert 'value="ngắn"' not in body_of(response)  # a textarea keeps it as text
    assert "ngắn</textarea>" in body_of(response)


def test_a_bad_contact_is_said_in_the_contact_fieldset(world, places, client_for):
    client = english(client_for(world.rita))
    response = client.post("/grassroots/report/", form_data(places, contact_email="not an address"))
    assert response.context["form"].errors["contact"] == ["Enter a valid email address."]
    assert not Report.objects.exists()


def test_a_photo_is_kept_and_shown_only_within_scope(world, places, client_for):
    client = client_for(world.rita)
    photo = SimpleUploadedFile("kenh.png", tiny_png(), content_type="image/png")
    response = client.post("/grassroots/report/", form_data(places) | {"photo": photo})
    assert response.status_code == 302
    stored = ReportPhoto.objects.get()
    assert stored.name == "kenh.png" and stored.content_type == "image/png"
    page = body_of(client_for(world.alice).get(f"/grassroots/cases/{stored.report.case_id}/"))
    assert f'src="/grassroots/photos/{stored.pk}/"' in page
    assert client_for(world.alice).get(f"/grassroots/photos/{stored.pk}/").status_code == 200
    assert client_for(world.charlie).get(f"/grassroots/photos/{stored.pk}/").status_code == 404


def test_a_file_that_is_not_a_photo_is_refused(world, places, client_for):
    client = english(client_for(world.rita))
    fake = SimpleUploadedFile("kenh.png", b"MZ not a picture", content_type="image/png")
    response = client.post("/grassroots/report/", form_data(places) | {"photo": fake})
    assert response.status_code == 200
    assert "does not look like a .png file" in body_of(response)
    assert not Report.objects.exists()


def test_similar_open_cases_are_suggested(world, places, case, client_for):
    client = client_for(world.rita)
    url = "/grassroots/report/similar/"
    alike = client.get(
        url,
        {
            "category": places.environment.pk,
            "locality": places.a.pk,
            "summary": "nước thải xưởng mạ chảy ra kênh",
        },
        headers={"HX-Request": "true"},
    )
    body = body_of(alike)
    assert f'name="case" id="case-{case.pk}" value="{case.pk}"' in body
    assert case.title in body and "<html" not in body
    other = client.get(url, {"category": places.land.pk, "locality": places.a.pk, "summary": "x"})
    assert f'value="{case.pk}"' not in body_of(other)
    assert body_of(client.get(url)).strip() == ""  # nothing chosen yet
    outside = client.get(url, {"category": places.environment.pk, "locality": places.b.pk})
    assert body_of(outside).strip() == ""  # not a commune she reports on


def test_a_report_may_join_a_suggested_case(world, places, case, client_for):
    client = english(client_for(world.rita))
    response = client.post(
        "/grassroots/report/", form_data(places, case=str(case.pk), severity="4"), follow=True
    )
    assert f"Your report was added to case no. {case.pk}." in body_of(response)
    case.refresh_from_db()
    assert case.report_count == 2 and case.severity == 4


def test_joining_a_case_of_another_category_is_refused_on_the_form(world, places, case, client_for):
    client = english(client_for(world.rita))
    data = form_data(places, case=str(case.pk), category=str(places.land.pk))
    response = client.post("/grassroots/report/", data)
    assert response.context["form"].errors["case"] == ["This case is about another category."]
    assert Report.objects.count() == 1


def test_someone_without_a_commune_is_told_so(world, client_for):
    outsider = UnitFactory(name="Hội Nông dân", parent=world.root)
    from tests.factories import MembershipFactory

    member = MembershipFactory(unit=outsider, role="reporter").user
    body = body_of(english(client_for(member)).get("/grassroots/report/"))
    assert "nowhere you can report on" in body and 'id="report-form"' not in body


# My reports --------------------------------------------------------------------------------


def test_my_reports_show_each_case_status_and_resolution(world, places, case, client_for):
    services.resolve(case=case, version=1, by=world.olga, text="Đã yêu cầu xưởng dừng xả thải")
    file(places, world.lena, locality=places.b.code, summary="Việc của người khác ở xã Hòa Bình")
    body = body_of(english(client_for(world.rita)).get("/grassroots/mine/"))
    assert "Đã yêu cầu xưởng dừng xả thải" in body
    assert "Resolved" in body
    assert f'href="/grassroots/cases/{case.pk}/"' in body
    assert "Việc của người khác" not in body


def test_a_report_routed_out_of_the_reporters_sight_is_listed_without_a_link(
    world, places, client_for
):
    report = file(places, world.rita, category="land")  # land goes to the division
    body = body_of(english(client_for(world.rita)).get("/grassroots/mine/"))
    assert f"Case no. {report.case_id}" in body
    assert f'href="/grassroots/cases/{report.case_id}/"' not in body


# A unit's cases ----------------------------------------------------------------------------


def test_a_case_is_seen_by_its_unit_and_hidden_from_others(world, places, case, client_for):
    assert client_for(world.alice).get(f"/grassroots/cases/{case.pk}/").status_code == 200
    assert client_for(world.charlie).get(f"/grassroots/cases/{case.pk}/").status_code == 404
    listed = client_for(world.alice).get("/grassroots/cases/").context["page"]
    assert [row.pk for row in listed] == [case.pk]
    assert list(client_for(world.charlie).get("/grassroots/cases/").context["page"]) == []


@pytest.fixture
def cases(world, places, case) -> dict[str, Case]:
    """Five cases of the province with different statuses, ages and places."""
    land = file(places, world.lena, category="land", summary="Tranh chấp đất ruộng giữa hai hộ")
    near = file(
        places, world.lena, locality=places.a_near.code, summary="Đèn đường hỏng cả tháng nay"
    )
    b_case = file(places, world.lena, locality=places.b.code, summary="Trạm y tế thiếu thuốc")
    old = file(places, world.lena, summary="Chợ tạm lấn chiếm lòng đường liên xã")
    Case.objects.filter(pk=old.case_id).update(
        opened_on=TODAY - datetime.timedelta(days=100), due_on=TODAY - datetime.timedelta(days=70)
    )
    Case.objects.filter(pk=near.case_id).update(report_count=5, severity=4)
    services.resolve(case=b_case.case, version=1, by=world.lena, text="Đã bổ sung thuốc")
    return {
        "first": case,
        "land": land.case,
        "near": near.case,
        "b": b_case.case,
        "old": Case.objects.get(pk=old.case_id),
    }


def listed(client, **params) -> list[int]:
    return [case.pk for case in client.get("/grassroots/cases/", params).context["page"]]


def test_the_case_list_filters_and_sorts(world, places, cases, client_for):
    client = client_for(world.lena)
    ids = {name: case.pk for name, case in cases.items()}
    assert set(listed(client)) == set(ids.values())
    assert ids["b"] not in listed(client, status="open")
    assert listed(client, status="resolved") == [ids["b"]]
    assert listed(client, status="overdue") == [ids["old"]]
    assert listed(client, category=places.land.pk) == [ids["land"]]
    assert listed(client, locality=places.a_near.pk) == [ids["near"]]
    assert listed(client, unit=world.division.pk) == [ids["land"]]
    assert listed(client, status="open", age="91+") == [ids["old"]]
    assert ids["old"] not in listed(client, age="0-7")
    assert listed(client, q="den duong") == [ids["near"]]  # diacritics ignored
    assert listed(client, q=f"#{ids['land']}") == [ids["land"]]
    assert listed(client, sort="reports")[0] == ids["near"]
    assert listed(client, sort="severity")[0] == ids["near"]
    assert listed(client, sort="age")[0] == ids["old"]
    assert listed(client, sort="due")[0] == ids["old"]


def test_the_case_list_filters_by_opening_day_subtree_outcome_and_duplicates(
    world, places, cases, client_for
):
    client = client_for(world.lena)
    ids = {name: case.pk for name, case in cases.items()}
    month_ago = (TODAY - datetime.timedelta(days=30)).isoformat()
    assert listed(client, opened_to=month_ago) == [ids["old"]]
    assert set(listed(client, opened_from=month_ago)) == set(ids.values()) - {ids["old"]}
    assert listed(client, status="done") == [ids["b"]]  # resolved, closed since or not
    # The department's own cases, then with every unit below it.
    assert ids["land"] not in listed(client, unit=world.root.pk)
    assert set(listed(client, unit=world.root.pk, below="on")) == set(ids.values())
    services.close_unresolved(
        case=cases["near"],
        version=cases["near"].version,
        by=world.lena,
        reason="duplicate",
        text="Trùng",
        duplicate_of=cases["first"],
    )
    assert ids["near"] in listed(client)
    assert ids["near"] not in listed(client, no_duplicates="on")


def test_a_filter_that_is_not_understood_is_said_and_ignored(world, cases, client_for):
    client = english(client_for(world.lena))
    response = client.get("/grassroots/cases/", {"status": "lost", "category": "999"})
    assert "Some filters were not understood" in body_of(response)
    assert len(response.context["page"]) == len(cases)


def test_the_case_list_pages_with_htmx_and_links_each_page(world, places, client_for):
    for number in range(30):
        file(places, world.lena, summary=f"Phản ánh số {number} về rác thải ven đường")
    client = client_for(world.lena)
    rows = client.get("/grassroots/cases/", {"page": "2"}, headers={"HX-Request": "true"})
    body = body_of(rows)
    assert body.lstrip().startswith('<div id="rows">') and "<html" not in body
    assert len(rows.context["page"]) == 5 and rows.context["page"].paginator.num_pages == 2


def test_the_page_count_is_cached_until_a_case_changes(world, places, case, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    calls = []

    def count():
        calls.append(1)
        return Case.objects.count()

    cases = Case.objects.visible_to(world.alice)
    assert cached("count", cases, None, count) == 1
    assert cached("count", cases, None, count) == 1
    assert len(calls) == 1
    services.acknowledge(case=case, version=1, by=world.olga)
    assert cached("count", cases, None, count) == 1
    assert len(calls) == 2  # the case changed: counted again
    file(places, world.rita, summary="Một việc mới hẳn ở thôn Đông")
    assert cached("count", cases, None, count) == 2


# One case ----------------------------------------------------------------------------------


def test_the_case_page_shows_facts_reports_timeline_and_history(world, case, client_for):
    services.acknowledge(case=case, version=1, by=world.olga, text="Đã tiếp nhận")
    body = body_of(english(client_for(world.alice)).get(f"/grassroots/cases/{case.pk}/"))
    for text in (
        case.title,
        world.commune_a.name,
        "Đã tiếp nhận",
        "Acknowledged",
        "14/06/2026",  # the deadline: 30 days from 15/05/2026
        'id="history-title"',
        REDACTED,
    ):
        assert text in body, text


@pytest.mark.parametrize(
    ("who", "sees"),
    [("alice", True), ("olga", True), ("lena", False), ("victor", False), ("rita", False)],
)
def test_contacts_are_shown_only_to_the_receiving_units_intake_officers(
    world, case, client_for, who, sees
):
    body = body_of(client_for(getattr(world, who)).get(f"/grassroots/cases/{case.pk}/"))
    assert ("0912 345 678" in body) is sees
    assert ("Nguyễn Văn Ba" in body) is sees
    assert ('id="contacts"' in body) is sees


def test_actions_are_offered_only_to_those_who_may_act(world, case, client_for):
    action = f'action="/grassroots/cases/{case.pk}/acknowledge/"'
    assert action in body_of(client_for(world.olga).get(f"/grassroots/cases/{case.pk}/"))
    viewer = body_of(client_for(world.victor).get(f"/grassroots/cases/{case.pk}/"))
    assert action not in viewer and "/note/" not in viewer
    assert (
        client_for(world.victor)
        .post(f"/grassroots/cases/{case.pk}/acknowledge/", {"version": 1})
        .status_code
        == 403
    )
    assert (
        client_for(world.alice)
        .post(f"/grassroots/cases/{case.pk}/explode/", {"version": 1})
        .status_code
        == 404
    )
    assert (
        client_for(world.charlie)
        .post(f"/grassroots/cases/{case.pk}/acknowledge/", {"version": 1})
        .status_code
        == 404
    )
    assert Case.objects.get(pk=case.pk).status == Case.Status.NEW


def test_a_case_is_worked_through_to_closed(world, case, client_for):
    client = client_for(world.olga)
    url = f"/grassroots/cases/{case.pk}/"
    steps = [
        ("acknowledge", {"version": 1}, Case.Status.ACKNOWLEDGED),
        ("start", {"version": 2}, Case.Status.IN_PROGRESS),
        ("resolve", {"version": 3, "text": "Xưởng đã dừng xả thải"}, Case.Status.RESOLVED),
        ("close", {"version": 4}, Case.Status.CLOSED),
    ]
    for action, data, status in steps:
        response = client.post(f"{url}{action}/", data)
        assert response.status_code == 302, action
        assert Case.objects.get(pk=case.pk).status == status
    reopened = client.post(f"{url}reopen/", {"version": 5, "text": "Xưởng xả thải lại"})
    assert reopened.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.IN_PROGRESS
    body = body_of(client.get(url))
    assert "Xưởng đã dừng xả thải" in body and "Xưởng xả thải lại" in body


def test_a_stale_version_is_refused_and_changes_nothing(world, case, client_for):
    services.acknowledge(case=case, version=1, by=world.olga)
    world.alice.preferred_language = "en"
    world.alice.save()
    client = client_for(world.alice)
    response = client.post(
        f"/grassroots/cases/{case.pk}/resolve/", {"version": 1, "text": "Đã xử lý xong"}
    )
    assert response.status_code == 409
    body = body_of(response)
    assert "This case was changed by someone else meanwhile." in body
    assert 'id="stale-alert"' in body and "Nothing was changed." in body
    assert "Đã xử lý xong</textarea>" in body  # her input is kept
    assert 'name="version" value="2"' in body  # on the current version, to act again
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.status == Case.Status.ACKNOWLEDGED and fresh.resolution == ""


def test_a_refusal_is_shown_on_the_form_in_the_users_language(world, case, client_for):
    world.olga.preferred_language = "en"
    world.olga.save()
    client = client_for(world.olga)
    response = client.post(f"/grassroots/cases/{case.pk}/resolve/", {"version": 1, "text": ""})
    assert response.status_code == 200
    assert "Say how the matter was resolved." in body_of(response)
    assert '<details class="mb-2" open>' in body_of(response)
    closing = client.post(f"/grassroots/cases/{case.pk}/close/", {"version": 1})
    assert "cannot be closed" in body_of(closing)
    assert Case.objects.get(pk=case.pk).status == Case.Status.NEW


def test_a_case_is_referred_to_another_unit(world, case, client_for):
    client = client_for(world.alice)
    response = client.post(
        f"/grassroots/cases/{case.pk}/refer/",
        {"version": 1, "to_unit": world.commune_b.pk, "text": "Kênh thuộc địa bàn xã Hòa Bình"},
    )
    assert response.status_code == 302
    referred = Case.objects.get(pk=case.pk)
    assert referred.unit == world.commune_b and referred.status == Case.Status.REFERRED
    # commune_a reported it: its people still read it, but no longer act on it.
    page = body_of(client.get(f"/grassroots/cases/{case.pk}/"))
    assert "Kênh thuộc địa bàn xã Hòa Bình" in page and "/acknowledge/" not in page
    assert client_for(world.charlie).get(f"/grassroots/cases/{case.pk}/").status_code == 200


def test_a_duplicate_is_closed_into_the_case_that_carries_on(world, places, case, client_for):
    twin = file(places, world.lena, summary="Kênh thôn Đông lại có nước thải xưởng mạ").case
    client = english(client_for(world.alice))
    url = f"/grassroots/cases/{twin.pk}/close_unresolved/"
    unknown = client.post(
        url, {"version": 1, "reason": "duplicate", "duplicate_of": 99999, "text": "Trùng"}
    )
    assert "There is no case no. 99999 that you can see." in body_of(unknown)
    response = client.post(
        url, {"version": 1, "reason": "duplicate", "duplicate_of": case.pk, "text": "Trùng vụ việc"}
    )
    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.status == Case.Status.CLOSED_UNRESOLVED and twin.duplicate_of_id == case.pk
    assert Case.objects.get(pk=case.pk).report_count == 2


def test_a_case_is_corrected_and_routed_again(world, places, case, client_for):
    response = client_for(world.alice).post(
        f"/grassroots/cases/{case.pk}/correct/",
        {
            "version": 1,
            "category": places.land.pk,
            "locality": places.a.pk,
            "text": "Thực chất là tranh chấp đất",
        },
    )
    assert response.status_code == 302
    corrected = Case.objects.get(pk=case.pk)
    assert corrected.category == places.land and corrected.unit == world.division


def test_a_note_is_added_to_the_timeline(world, case, client_for):
    client = english(client_for(world.olga))
    empty = client.post(f"/grassroots/cases/{case.pk}/note/", {"text": " "})
    assert "Write the note." in body_of(empty)
    response = client.post(f"/grassroots/cases/{case.pk}/note/", {"text": "Đã gọi chủ xưởng"})
    assert response.status_code == 302
    assert case.events.filter(kind=CaseEvent.Kind.NOTE, text="Đã gọi chủ xưởng").exists()


# The overview and the home page -------------------------------------------------------------


def test_the_overview_counts_open_cases_and_links_each_figure(world, places, cases, client_for):
    response = english(client_for(world.lena)).get("/grassroots/")
    assert response.status_code == 200
    assert response.context["totals"] == {"open": 4, "overdue": 1, "escalated": 0}
    body = body_of(response)
    assert f'href="/grassroots/cases/?status=open&amp;unit={world.commune_a.pk}"' in body
    assert f'href="/grassroots/cases/?status=open&amp;category={places.land.pk}"' in body
    assert f'href="/grassroots/cases/?status=open&amp;locality={places.a.pk}"' in body
    assert 'href="/grassroots/cases/?status=open&amp;age=91%2B"' in body
    assert 'href="/grassroots/cases/?status=overdue"' in body
    data = json.loads(re.search(r'id="overview-data"[^>]*>(.*?)</script>', body, re.S)[1])
    assert {row["label"] for row in data["units"]} == {world.commune_a.name, world.division.name}
    assert sum(row["count"] for row in data["ages"]) == 4


def test_the_overview_folds_a_long_table_under_its_chart(world, places, cases, client_for):
    def unit_table_folded() -> bool:
        body = body_of(english(client_for(world.lena)).get("/grassroots/"))
        return "<summary" in body and "The figures of all 14 units" in body

    assert not unit_table_folded()  # two units: the table stays open
    for number in range(12):
        report = file(places, world.lena, summary=f"Phản ánh số {number} về rác thải ven đường")
        unit = UnitFactory(parent=world.root)
        Case.objects.filter(pk=report.case_id).update(unit=unit)
    cache.clear()
    assert unit_table_folded()


def test_the_overview_keeps_to_the_content_security_policy(world, cases, client_for):
    body = body_of(client_for(world.lena).get("/grassroots/"))
    assert "style=" not in body
    scripts = re.findall(r"<script([^>]*)>", body)
    assert scripts and all("src=" in attrs or "application/json" in attrs for attrs in scripts)
    assert "vendor/chartjs-4.5.1/chart.umd.min.js" in body
    assert "grassroots/overview.js" in body


def test_the_dot_plot_places_communes_by_their_centroid(world, places, cases, client_for):
    plot = client_for(world.lena).get("/grassroots/").context["dot_plot"]
    dots = {dot["id"]: dot for dot in plot["dots"]}
    a, b = dots[places.a.pk], dots[places.b.pk]
    assert b["x"] > a["x"] and b["y"] < a["y"]  # Hòa Bình lies north-east of Quảng Thành
    assert a["count"] == 3 and a["r"] > dots[places.a_near.pk]["r"]  # first, land, old
    assert b["count"] == 0 and b["colour"] == "#adb5bd"  # its only case is resolved
    body = body_of(client_for(world.lena).get("/grassroots/"))
    assert f'cx="{a["x"]}"' in body  # no decimal comma, whatever the language


def test_an_island_far_out_at_sea_is_drawn_in_a_box_beside_the_dot_plot():
    def commune(pk, lat, lon, count=1) -> dict:
        return {"locality_id": pk, "locality__name": f"Xã {pk}", "count": count} | {
            "locality__lat": lat,
            "locality__lon": lon,
        }

    # Twelve communes on a 0.3° grid around Hải Phòng, and Bạch Long Vĩ 150 km out.
    mainland = [commune(n, 20.7 + 0.1 * (n % 4), 106.5 + 0.1 * (n // 4)) for n in range(12)]
    island = commune(99, 20.13, 107.72, count=5)

    plot = selectors.dot_plot(by_locality=[*mainland, island])
    box, dots = plot["inset"], {dot["id"]: dot for dot in plot["dots"]}
    assert box["label"] == "Xã 99"
    assert box["x"] < dots[99]["x"] < box["x"] + box["size"]
    assert box["y"] < dots[99]["y"] < box["y"] + box["size"]
    mainland_x = [dots[n]["x"] for n in range(12)]
    assert max(mainland_x) < box["x"]  # the rest keep the plot to themselves
    assert max(mainland_x) - min(mainland_x) > plot["width"] / 2

    assert selectors.dot_plot(by_locality=mainland)["inset"] is None
    assert selectors.dot_plot(by_locality=[*mainland[:5], island])["inset"] is None  # too few


def test_the_overview_shows_only_what_the_reader_may_see(world, places, cases, client_for):
    response = client_for(world.charlie).get("/grassroots/")
    assert response.context["totals"]["open"] == 0
    assert world.commune_a.name not in body_of(response)


def test_the_home_page_counts_my_open_and_overdue_cases(world, cases, client_for):
    body = body_of(english(client_for(world.lena)).get("/"))
    assert "Open: 4" in body and "Overdue: 1" in body
    assert 'href="/grassroots/report/"' in body


def test_navigation_marks_the_current_entry_only(world, client_for):
    entries = client_for(world.rita).get("/grassroots/report/").context["nav_entries"]
    active = [str(entry["label"]) for entry in entries if entry["active"]]
    urls = {entry["url"]: entry["active"] for entry in entries}
    assert urls["/grassroots/report/"] is True and urls["/grassroots/"] is False
    assert len(active) == 1


# Speed ---------------------------------------------------------------------------------------


def test_pages_run_a_bounded_number_of_queries(
    world, places, client_for, django_assert_max_num_queries
):
    for number in range(30):
        place = places.a if number % 2 else places.a_near
        report = file(
            places,
            world.lena,
            locality=place.code,
            category="land" if number % 3 else "environment",
            summary=f"Phản ánh số {number} về nước thải ven đường",
            contact_phone="0912345678",
        )
        if number % 5 == 0:
            services.add_note(case=report.case, by=world.lena, text=f"Ghi chú {number}")
    case = Case.objects.filter(unit=world.commune_a).last()  # with a contact and notes
    for user in (world.lena, world.alice):
        client = client_for(user)
        for url, params in (
            ("/grassroots/cases/", {}),
            ("/grassroots/cases/", {"status": "open", "sort": "due", "q": "nuoc", "page": "2"}),
            ("/grassroots/cases/", {"category": places.land.pk, "locality": places.a.pk}),
            ("/grassroots/", {}),
            (f"/grassroots/cases/{case.pk}/", {}),
            ("/grassroots/mine/", {}),
            ("/grassroots/report/", {}),
        ):
            with django_assert_max_num_queries(15):
                assert client.get(url, params).status_code == 200, url


# Administration ------------------------------------------------------------------------------


def test_the_admin_screens_open_and_keep_contacts_apart(world, case, client_for):
    client = client_for(world.admin)
    report = case.reports.get()
    for url in (
        "/admin/grassroots/category/",
        "/admin/grassroots/routingrule/",
        "/admin/grassroots/case/",
        f"/admin/grassroots/case/{case.pk}/change/",
        "/admin/grassroots/report/",
        f"/admin/grassroots/report/{report.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "0912 345 678" not in body_of(response), url
    contacts = client.get("/admin/grassroots/contact/")
    assert contacts.status_code == 200 and "Nguyễn Văn Ba" in body_of(contacts)
