"""The seeded demo's grassroots reports and cases: volumes, rhythm, hot spots, privacy,
and cases kept exactly as the services would leave them."""

import datetime
import random
import re
from collections import Counter, defaultdict

import pytest
from django.db.models import Count, F, Max, Sum

from mandate.earlywarning.models import Alert, DailyCount, DetectionRun
from mandate.grassroots import demo as grassroots
from mandate.grassroots.models import Case, CaseEvent, Category, Contact, Report, RoutingRule
from mandate.grassroots.routing import Router
from mandate.grassroots.scrub import REDACTED, scrub
from mandate.org.models import Locality, Membership, Unit, User
from mandate.work.demo import REFERENCE_DATE

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
# The timeline entry each status is reached by (escalations, notes and reports change none).
STATUS_AFTER = {
    CaseEvent.Kind.OPENED: Case.Status.NEW,
    CaseEvent.Kind.ACKNOWLEDGED: Case.Status.ACKNOWLEDGED,
    CaseEvent.Kind.STARTED: Case.Status.IN_PROGRESS,
    CaseEvent.Kind.REFERRED: Case.Status.REFERRED,
    CaseEvent.Kind.RESOLVED: Case.Status.RESOLVED,
    CaseEvent.Kind.CLOSED: Case.Status.CLOSED,
    CaseEvent.Kind.CLOSED_UNRESOLVED: Case.Status.CLOSED_UNRESOLVED,
    CaseEvent.Kind.REOPENED: Case.Status.IN_PROGRESS,
}
TRANSITIONS = set(STATUS_AFTER) - {CaseEvent.Kind.OPENED}


def cases():
    return Case.objects.dangerously_unscoped()


def reports():
    return Report.objects.dangerously_unscoped()


def timelines() -> dict[int, list[tuple]]:
    events = defaultdict(list)
    rows = CaseEvent.objects.dangerously_unscoped().order_by("at", "id")
    for row in rows.values_list("case_id", "kind", "at", "from_unit_id", "to_unit_id"):
        events[row[0]].append(row[1:])
    return events


def test_routing_sends_each_matter_to_the_most_specific_unit(demo):
    router = Router()
    unit = Unit.objects.dangerously_unscoped()
    land, environment, health = (
        Category.objects.get(code=c) for c in ("land", "environment", "health")
    )
    town = Locality.objects.get(name="Xã Tiên Lãng")
    project = Locality.objects.get(name=grassroots.PROJECT_COMMUNES[0])
    commune_unit = unit.get(locality=town, kind=Unit.Kind.COMMUNE)
    assert router.unit_id(environment.pk, town.pk) == commune_unit.pk  # any category, commune
    assert router.unit_id(land.pk, town.pk) == unit.get(abbreviation="DVNN").pk  # land, city
    assert router.unit_id(health.pk, town.pk) == unit.get(abbreviation="KGVHVN").pk
    project_unit = unit.get(locality=project, kind=Unit.Kind.COMMUNE)
    assert router.unit_id(land.pk, project.pk) == project_unit.pk  # land, commune
    assert not Category.objects.filter(default_unit__isnull=True).exists()
    communes = Locality.objects.filter(children__isnull=True, parent__isnull=False).count()
    assert RoutingRule.objects.count() == communes + len(grassroots.CITY_RULES) + 3


def test_two_years_of_reports_most_opening_their_own_case(demo):
    assert 18_000 <= reports().count() <= 22_000
    assert 15_000 <= cases().count() <= 20_000
    assert reports().aggregate(last=Max("received_on"))["last"] == REFERENCE_DATE
    assert not reports().filter(observed_on__lt=grassroots.FIRST_DAY).exists()
    assert not reports().filter(received_on__gt=REFERENCE_DATE).exists()
    assert not reports().filter(observed_on__gt=F("received_on")).exists()
    single = cases().filter(report_count=1).count()
    assert single > 0.8 * cases().count()
    assert cases().filter(report_count__gte=5).exists()  # the hot spots' matters


def test_cases_are_in_every_status_with_every_reason(demo):
    statuses = Counter(cases().values_list("status", flat=True))
    assert set(statuses) == set(Case.Status.values), statuses
    open_share = sum(statuses[s] for s in Case.OPEN_STATUSES) / cases().count()
    assert 0.02 < open_share < 0.1  # most matters of two years are settled
    reasons = set(cases().filter(status="unresolved").values_list("close_reason", flat=True))
    assert reasons == {"not_ours", "no_action", "duplicate"}
    assert not cases().exclude(status="unresolved").exclude(close_reason="").exists()
    kinds = set(CaseEvent.objects.dangerously_unscoped().values_list("kind", flat=True))
    assert kinds >= set(CaseEvent.Kind.values) - {CaseEvent.Kind.REROUTED}


def test_overdue_open_cases_are_escalated_once_the_day_after(demo):
    overdue = cases().overdue(REFERENCE_DATE)
    assert overdue.count() >= 20
    events = timelines()
    for case in overdue:
        assert case.escalated_on is not None
        escalations = [e for e in events[case.pk] if e[0] == CaseEvent.Kind.ESCALATED]
        assert escalations[-1][1].astimezone(grassroots.TZ).date() == case.escalated_on
        assert case.escalated_on > case.due_on
    assert not cases().open().filter(due_on__gte=REFERENCE_DATE, escalated_on__isnull=False)


def test_cases_are_reopened_and_some_settled_again(demo):
    events = timelines()
    reopened = [
        pk for pk, timeline in events.items() if CaseEvent.Kind.REOPENED in {e[0] for e in timeline}
    ]
    assert len(reopened) >= 50
    statuses = dict(cases().filter(pk__in=reopened).values_list("pk", "status"))
    assert Case.Status.IN_PROGRESS in statuses.values()
    assert Case.Status.CLOSED in statuses.values()


def test_report_counts_and_dates_agree_with_the_reports(demo):
    counted = {
        row["case_id"]: row
        for row in reports()
        .values("case_id")
        .annotate(count=Count("pk"), last=Max("observed_on"), worst=Max("severity"))
    }
    duplicates = 0
    # A case opened from an early-warning alert has no report of its own.
    from_alerts = Alert.objects.dangerously_unscoped().values_list("case_id", flat=True)
    for case in cases().exclude(pk__in=from_alerts.filter(case__report_count=0)):
        mine = counted.get(case.pk)
        if case.close_reason == Case.CloseReason.DUPLICATE:
            # Closing as a duplicate moves the reports to the case that carries on.
            assert mine is None and case.duplicate_of_id is not None and case.report_count == 0
            assert case.duplicate_of.opened_on <= case.opened_on
            duplicates += 1
            continue
        assert mine is not None and case.report_count == mine["count"], case.pk
        assert case.last_reported_on == mine["last"]
        assert case.severity == mine["worst"]
    assert duplicates >= 100


def test_timelines_match_each_case_state(demo):
    events = timelines()
    end_of_reference_day = datetime.datetime.combine(
        REFERENCE_DATE + DAY, datetime.time(), grassroots.TZ
    )
    # Early warning's demo acts on its alerts as it is seeded, after the reference day, and
    # those steps are the services' (tests/earlywarning); these are the grassroots demo's.
    from_alerts = Alert.objects.dangerously_unscoped().values_list("case_id", flat=True)
    for case in cases().exclude(pk__in=from_alerts.filter(case__isnull=False)):
        timeline = events[case.pk]
        assert timeline[0][0] == CaseEvent.Kind.OPENED
        assert timeline[-1][1] < end_of_reference_day
        kinds = [kind for kind, *_rest in timeline]
        transitions = [kind for kind in kinds if kind in STATUS_AFTER]
        assert STATUS_AFTER[transitions[-1]] == case.status, case.pk
        changes = sum(kind in TRANSITIONS or kind == CaseEvent.Kind.REPORT_ADDED for kind in kinds)
        assert case.version == 1 + changes, case.pk
        assert case.updated_at == timeline[-1][1]
        referrals = [e for e in timeline if e[0] == CaseEvent.Kind.REFERRED]
        assert case.unit_id == (referrals[-1][3] if referrals else timeline[0][3])
        if case.status in Case.OPEN_STATUSES:
            assert case.resolved_on is None and case.closed_on is None
        elif case.status == Case.Status.RESOLVED:
            assert case.resolved_on and not case.closed_on and case.resolution
        elif case.status == Case.Status.CLOSED:
            assert case.resolved_on <= case.closed_on
        else:
            assert case.closed_on and case.resolution and not case.resolved_on


def test_summaries_hold_no_personal_identifiers_and_show_the_redactions(demo):
    digits = re.compile(r"\d(?:[\s.\-()]?\d){8,}")
    for summary in reports().values_list("summary", flat=True):
        assert scrub(summary)[1] == 0, summary
        assert not digits.search(summary), summary
    redacted = reports().filter(redactions__gt=0)
    assert redacted.count() >= 200
    assert all(REDACTED in summary for summary in redacted.values_list("summary", flat=True))
    assert not reports().filter(redactions=0, summary__contains=REDACTED).exists()


def test_hot_spots_stand_out_and_the_last_is_still_running(demo):
    assert any((REFERENCE_DATE - spot.last).days <= 3 for spot in grassroots.HOT_SPOTS)
    for spot in grassroots.HOT_SPOTS:
        here = reports().filter(category__code=spot.category, locality__name__in=spot.communes)
        during = here.filter(observed_on__range=(spot.first, spot.last)).count()
        before = here.filter(observed_on__range=(spot.first - 56 * DAY, spot.first - DAY)).count()
        days = (spot.last - spot.first).days + 1
        assert during >= spot.reports
        assert during / days > 8 * max(before, 1) / 56, spot.key


def test_early_warning_finds_each_hot_spot_and_not_the_campaign(demo):
    """Each injected hot spot is an alert on its topic, in its communes, during it; the
    province-wide insurance campaign raises none; the units have acted on the older ones."""
    alerts = Alert.objects.dangerously_unscoped().select_related("category")
    for spot in grassroots.HOT_SPOTS:
        found = [
            alert
            for alert in alerts.filter(
                category__code=spot.category,
                first_detected_on__range=(spot.first, spot.last),
            )
            if set(alert.localities.values_list("name", flat=True)) & set(spot.communes)
        ]
        assert len(found) == 1, spot.key
        alert = found[0]
        assert alert.window_start >= spot.first - 3 * DAY and alert.window_end <= spot.last
        assert alert.observed > 3 * alert.expected and alert.peak_recurrence_days >= 365
    first, last = grassroots.INSURANCE_CAMPAIGN
    assert not alerts.filter(
        category__code="social-policy", last_detected_on__range=(first, last)
    ).exists()
    assert DetectionRun.objects.filter(day__range=(first, last)).count() == 3
    assert set(alerts.values_list("status", flat=True)) == set(Alert.Status.values)
    escalated = alerts.filter(status=Alert.Status.ESCALATED)
    assert (
        escalated.filter(case__isnull=False).exists()
        and escalated.filter(task__isnull=False).exists()
    )
    assert alerts.get(status=Alert.Status.NEW).last_detected_on == REFERENCE_DATE
    assert DailyCount.objects.aggregate(total=Sum("count"))["total"] == reports().count()


def test_reports_follow_the_week_and_the_seasons(demo):
    by_day = Counter(reports().values_list("observed_on", flat=True))
    weekdays, weekends = Counter(), Counter()
    for day, count in by_day.items():
        (weekends if day.weekday() >= 5 else weekdays)[day] = count
    weekday_mean = sum(weekdays.values()) / len(weekdays)
    assert weekday_mean > 1.8 * sum(weekends.values()) / len(weekends)

    def share(code: str, months: set[int]) -> float:
        during = reports().filter(observed_on__month__in=months)
        return during.filter(category__code=code).count() / during.count()

    rainy, dry = {7, 8, 9, 10}, {12, 1, 2, 3}
    assert share("infrastructure", rainy) > 1.4 * share("infrastructure", dry)
    assert share("health", {5, 6, 7, 8, 9}) > 1.3 * share("health", {11, 12, 1, 2})
    before_tet = reports().filter(
        observed_on__range=(grassroots.TET[1] - 35 * DAY, grassroots.TET[1])
    )
    prices = before_tet.filter(category__code="prices").count() / before_tet.count()
    assert prices > 1.5 * share("prices", {3, 4, 5, 9, 10, 11})


def test_reports_are_filed_by_the_commune_network_after_the_reform(demo):
    members = set(Membership.objects.dangerously_unscoped().values_list("user_id", "unit_id"))
    communes = dict(
        Unit.objects.dangerously_unscoped()
        .filter(kind=Unit.Kind.COMMUNE)
        .values_list("locality_id", "pk")
    )
    division = Unit.objects.dangerously_unscoped().get(abbreviation="TTBCXB")
    rows = reports().values_list(
        "received_on", "locality_id", "reporting_unit_id", "reported_by_id"
    )
    for received_on, locality_id, unit_id, user_id in rows:
        expected = communes[locality_id] if received_on >= grassroots.REFORM_DAY else division.pk
        assert unit_id == expected and (user_id, unit_id) in members
    channels = set(reports().values_list("channel", flat=True))
    assert channels == {"web", "api", "open311"}


def test_a_few_fictional_contacts_on_recent_reports(demo):
    contacts = Contact.objects.select_related("report")
    assert 20 <= contacts.count() <= 100
    for contact in contacts:
        assert contact.report.received_on > REFERENCE_DATE - 45 * DAY
        assert contact.name and contact.phone and contact.address[0].isupper()


def test_the_commune_officer_sees_the_communes_cases(demo):
    officer = User.objects.get(username="canbo.xa")
    visible = Case.objects.visible_to(officer)
    assert 30 <= visible.count() < cases().count() / 20
    assert visible.filter(status__in=Case.OPEN_STATUSES).exists()


def test_cases_have_their_history(demo):
    history = Case.history.model.objects
    assert history.filter(history_type="+").count() == cases().count()
    first = history.filter(history_type="+").order_by("history_date").first()
    assert first.status == Case.Status.NEW and first.version == 1


def simulate(seed: int) -> list[tuple]:
    """The reports and cases drawn from one generator state, without saving them."""
    builder = grassroots.GrassrootsDemo(random.Random(seed))
    builder.router = Router()
    builder.draw_reports()
    builder.file()
    return [
        (c.first.summary, c.status, c.version, c.report_count, c.unit_id, c.events[-1][:3])
        for c in builder.cases
    ]


def test_the_same_generator_state_gives_the_same_reports_and_cases(demo):
    assert simulate(7) == simulate(7)
