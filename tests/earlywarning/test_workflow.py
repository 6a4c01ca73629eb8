"""The alert workflow: legal moves, refused ones, who may act, stale versions, escalation
to a case or a task; and the reads behind the alert page."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mandate.earlywarning import selectors, services
from mandate.earlywarning.models import Alert
from mandate.grassroots.models import Case, CaseEvent
from mandate.work.models import Task
from tests.earlywarning.conftest import TODAY, make_alert


def test_an_alert_is_reviewed_then_dismissed_and_reopened(world, alert):
    alert = services.review(alert, version=1, by=world.olga)
    assert (alert.status, alert.version, alert.handled_by) == ("reviewing", 2, world.olga)
    alert = services.dismiss(alert, version=2, by=world.alice, reason="explained", note="Lễ hội")
    assert alert.status == Alert.Status.DISMISSED and alert.dismiss_reason == "explained"
    assert alert.note == "Lễ hội" and alert.handled_by == world.alice
    alert = services.reopen(alert, version=3, by=world.olga, note="Lại tăng")
    assert alert.status == Alert.Status.REVIEWING and alert.dismiss_reason == ""
    assert alert.version == 4
    users = list(alert.history.order_by("history_id").values_list("history_user", flat=True))
    assert users == [None, world.olga.pk, world.alice.pk, world.olga.pk]


@pytest.mark.parametrize(
    ("status", "action", "arguments", "message"),
    [
        ("reviewing", "review", {}, "cannot be taken under review"),
        ("escalated", "review", {}, "cannot be taken under review"),
        ("escalated", "dismiss", {"reason": "chance"}, "cannot be dismissed"),
        ("dismissed", "escalate_case", {}, "cannot be escalated to a case"),
        ("dismissed", "escalate_task", {}, "cannot be escalated to a task"),
        ("new", "reopen", {}, "cannot be reopened"),
        ("escalated", "reopen", {}, "cannot be reopened"),
    ],
)
def test_moves_the_status_does_not_allow_are_refused(
    world, places, in_english, status, action, arguments, message
):
    alert = make_alert(world, places, status=status)
    with pytest.raises(ValidationError, match=message):
        services.ACTIONS[action](alert, version=1, by=world.olga, **arguments)
    fresh = Alert.objects.get(pk=alert.pk)
    assert fresh.status == status and fresh.version == 1
    assert not Case.objects.exists() and not Task.objects.exists()


def test_a_dismissal_needs_a_reason(world, alert, in_english):
    with pytest.raises(ValidationError) as refused:
        services.dismiss(alert, version=1, by=world.olga, reason="", note="Không rõ")
    assert refused.value.message_dict == {"reason": ["Choose why the alert is dismissed."]}
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.NEW


def test_a_stale_version_changes_nothing(world, alert, in_english):
    services.review(alert, version=1, by=world.olga)
    with pytest.raises(services.StaleAlert, match="changed by someone else") as stale:
        services.dismiss(alert, version=1, by=world.alice, reason="chance")
    assert stale.value.alert.version == 2
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.REVIEWING


def test_only_leaders_and_officers_of_the_unit_or_above_act(world, alert, in_english):
    for reader in (world.victor, world.rita, world.charlie):
        with pytest.raises(ValidationError, match="You cannot act on this alert."):
            services.review(alert, version=1, by=reader)
    assert Alert.objects.get(pk=alert.pk).version == 1
    assert services.review(alert, version=1, by=world.lena).status == Alert.Status.REVIEWING


def test_escalating_opens_a_case_for_the_responsible_unit(world, places, alert, in_english):
    alert = services.escalate_to_case(alert, version=1, by=world.olga, note="Cần xử lý")
    case = alert.case
    assert alert.status == Alert.Status.ESCALATED and alert.note == "Cần xử lý"
    assert case.title == "Hot spot: Environment and pollution in Xã Quảng Thành, Xã Quảng Hải"
    assert (case.category, case.locality) == (places.environment, places.a)
    assert (case.unit, case.origin_unit, case.opened_by) == (
        world.commune_a,
        world.commune_a,
        world.olga,
    )
    assert case.status == Case.Status.NEW and case.opened_on == TODAY
    assert case.last_reported_on == TODAY
    assert case.due_on == TODAY + datetime.timedelta(days=places.environment.deadline_days)
    assert case.history.get().history_user == world.olga
    opened = case.events.get()
    assert opened.kind == CaseEvent.Kind.OPENED and opened.to_unit == world.commune_a
    assert opened.text.startswith(f"Opened from early-warning alert no. {alert.pk}: 14 reports")
    assert list(case.alerts.all()) == [alert]


def test_escalating_may_link_an_open_case_the_actor_sees(world, places, alert, in_english):
    other = make_alert(world, places, centre=places.a_near)
    case = services.escalate_to_case(other, version=1, by=world.olga).case
    linked = services.escalate_to_case(alert, version=1, by=world.alice, case=case)
    assert linked.case == case and Case.objects.count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.NOTE).get().text == (
        f"Early-warning alert no. {alert.pk} was linked to this case."
    )
    assert set(case.alerts.all()) == {alert, other}


def test_a_case_the_actor_cannot_see_or_that_is_finished_is_refused(
    world, places, alert, in_english
):
    hidden = make_alert(world, places, unit=world.commune_b, centre=places.b)
    foreign = services.escalate_to_case(hidden, version=1, by=world.charlie).case
    with pytest.raises(ValidationError) as refused:
        services.escalate_to_case(alert, version=1, by=world.olga, case=foreign)
    assert refused.value.message_dict == {
        "case": [f"There is no open case no. {foreign.pk} that you can see."]
    }
    Case.objects.filter(pk=foreign.pk).update(status=Case.Status.CLOSED)
    with pytest.raises(ValidationError):
        services.escalate_to_case(alert, version=1, by=world.lena, case=foreign)
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.NEW


def test_escalating_to_a_task_gives_the_unit_a_task(world, places, alert, in_english):
    alert = services.escalate_to_task(alert, version=1, by=world.olga)
    task = alert.task
    assert alert.status == Alert.Status.ESCALATED
    assert task.lead_unit == world.commune_a and task.plan is None
    assert (
        task.content
        == "Check the hot spot: Environment and pollution in Xã Quảng Thành, Xã Quảng Hải"
    )
    assert task.due_on == TODAY + datetime.timedelta(days=places.environment.deadline_days)
    assert task.method.startswith("Early warning: 14 reports") and task.created_by == world.olga
    assert Task.objects.visible_to(world.alice).filter(pk=task.pk).exists()
    assert not Task.objects.visible_to(world.charlie).filter(pk=task.pk).exists()


def test_a_task_may_be_worded_and_dated_by_the_actor(world, alert, in_english):
    with pytest.raises(ValidationError, match="cannot be due in the past"):
        services.escalate_to_task(
            alert, version=1, by=world.olga, due_on=TODAY - datetime.timedelta(days=1)
        )
    due = TODAY + datetime.timedelta(days=5)
    task = services.escalate_to_task(
        alert, version=1, by=world.olga, content="Gặp chủ xưởng gạch", due_on=due
    ).task
    assert (task.content, task.due_on) == ("Gặp chủ xưởng gạch", due)


def test_many_communes_are_named_up_to_three(world, places, in_english):
    from tests.factories import LocalityFactory

    more = [LocalityFactory(name=f"Xã Phụ {n}", parent=places.province) for n in range(3)]
    alert = make_alert(world, places, localities=[places.a, places.a_near, *more])
    assert services.communes_text(alert) == "Xã Quảng Thành, Xã Phụ 0, Xã Phụ 1 and 2 more"


# The reads behind the alert page ------------------------------------------------------


def test_the_series_sets_observed_against_the_communes_usual_share(world, alert, counts):
    series = selectors.alert_series(alert, days=30)
    days = series["days"]
    assert len(days) == 30 and days[-1]["day"] == TODAY
    assert series["share"] == pytest.approx(0.25)
    # Before the window: a's 1 report against 1/3 x b's 3 expected.
    assert days[0] == {
        "day": TODAY - datetime.timedelta(days=29),
        "observed": 1,
        "expected": 1.0,
        "in_window": False,
    }
    # In the window: a and a_near's 3 reports against b's 3 x 1/3.
    assert days[-1] == {"day": TODAY, "observed": 3, "expected": 1.0, "in_window": True}
    assert (series["observed"], series["expected"]) == (21, 7.0)


def test_the_series_reaches_back_to_a_long_window_and_copes_without_history(world, places):
    long = make_alert(world, places, window_start=TODAY - datetime.timedelta(days=89))
    series = selectors.alert_series(long, days=60)
    assert len(series["days"]) == 90 and series["share"] == 0
    assert {row["expected"] for row in series["days"]} == {0}


def test_the_reports_behind_an_alert_are_its_category_communes_and_window(world, places, alert):
    from tests.grassroots.test_pages import file

    inside = file(places, world.rita, summary="Khói lò gạch phủ kín xóm Đông mấy hôm nay")
    file(places, world.lena, locality=places.b.code, summary="Khói ở xã Hòa Bình, nơi khác")
    file(places, world.lena, category="land", summary="Tranh chấp đất ruộng ở thôn Đông")
    file(places, world.lena, observed_on="01/04/2026", summary="Khói lò gạch từ đầu tháng tư")
    assert [r.pk for r in selectors.alert_reports(alert, world.alice)] == [inside.pk]
    assert selectors.alert_reports(alert, world.alice)[0].case_visible
    assert selectors.alert_reports(alert, world.charlie) == []


def test_the_dot_plot_colours_the_alerts_communes_only(world, places, alert, counts):
    plot = selectors.alert_dot_plot(alert)
    dots = {dot["id"]: dot for dot in plot["dots"]}
    assert dots[places.a.pk]["in_alert"] and dots[places.a.pk]["count"] == 14
    assert dots[places.a_near.pk]["count"] == 7
    assert not dots[places.b.pk]["in_alert"] and dots[places.b.pk]["colour"] == "#adb5bd"
