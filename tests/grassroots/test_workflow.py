"""The case workflow: legal moves, honest closures, referral, correction, stale edits."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mandate.grassroots import services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, CaseEvent, Report
from mandate.grassroots.selectors import similar_open_cases

TODAY = datetime.date(2026, 5, 15)


@pytest.fixture
def case(world, places):
    draft = Intake(world.rita, today=TODAY).clean(
        {
            "category": "environment",
            "locality": places.a.code,
            "observed_on": "2026-05-14",
            "severity": 2,
            "summary": "Bãi rác tự phát cạnh chợ Quảng Thành bốc mùi, chưa được thu gom",
        }
    )
    return services.file_report(draft=draft, by=world.rita, channel="web").case


def kinds(case):
    return list(case.events.values_list("kind", flat=True))


@pytest.mark.django_db
def test_a_case_goes_from_new_to_closed(world, case):
    case = services.acknowledge(case=case, version=1, by=world.olga)
    case = services.start(case=case, version=2, by=world.olga, text="Đã giao tổ vệ sinh")
    case = services.resolve(case=case, version=3, by=world.olga, text="Đã thu gom, rắc vôi")
    assert case.resolution == "Đã thu gom, rắc vôi" and case.resolved_on
    case = services.close(case=case, version=4, by=world.alice)
    assert case.status == Case.Status.CLOSED and case.closed_on
    assert kinds(case) == ["opened", "acknowledged", "started", "resolved", "closed"]
    assert case.history.count() == 5


@pytest.mark.django_db
def test_illegal_moves_are_refused(world, case, in_english):
    with pytest.raises(ValidationError, match="cannot be closed"):
        services.close(case=case, version=1, by=world.olga)
    assert Case.objects.get(pk=case.pk).status == Case.Status.NEW


@pytest.mark.django_db
def test_a_stale_version_changes_nothing(world, case):
    services.acknowledge(case=case, version=1, by=world.olga)
    with pytest.raises(services.StaleCase):
        services.start(case=case, version=1, by=world.alice)
    assert Case.objects.get(pk=case.pk).status == Case.Status.ACKNOWLEDGED


@pytest.mark.django_db
def test_only_the_responsible_subtree_acts(world, case):
    for outsider in (world.charlie, world.rita, world.victor):
        with pytest.raises(ValidationError):
            services.acknowledge(case=case, version=1, by=outsider)
    services.acknowledge(case=case, version=1, by=world.lena)  # the department, above


@pytest.mark.django_db
def test_closing_without_resolution_needs_an_honest_reason(world, case, places, in_english):
    with pytest.raises(ValidationError):
        services.close_unresolved(case=case, version=1, by=world.olga, reason="", text="x")
    with pytest.raises(ValidationError):
        services.close_unresolved(case=case, version=1, by=world.olga, reason="not_ours", text="")
    case = services.close_unresolved(
        case=case, version=1, by=world.olga, reason="not_ours", text="Thuộc thẩm quyền Sở"
    )
    assert case.status == Case.Status.CLOSED_UNRESOLVED and case.close_reason == "not_ours"
    case = services.reopen(case=case, version=2, by=world.alice, text="Người dân phản ánh lại")
    assert case.status == Case.Status.IN_PROGRESS and not case.close_reason
    assert case.due_on > TODAY


@pytest.mark.django_db
def test_a_duplicate_hands_its_reports_to_the_case_that_carries_on(world, case, places):
    draft = Intake(world.lena, today=TODAY).clean(
        {
            "category": "environment",
            "locality": places.a_near.code,
            "observed_on": "2026-05-15",
            "severity": 4,
            "summary": "Rác tồn đọng cạnh chợ Quảng Thành, mùi hôi",
        }
    )
    other = services.file_report(draft=draft, by=world.lena, channel="web").case
    services.close_unresolved(
        case=other, version=1, by=world.olga, reason="duplicate", text="Trùng", duplicate_of=case
    )
    case.refresh_from_db()
    other.refresh_from_db()
    assert case.report_count == 2 and case.severity == 4 and other.report_count == 0
    assert Report.objects.filter(case=case).count() == 2


@pytest.mark.django_db
def test_referral_moves_the_case_and_keeps_the_trail(world, case):
    case = services.refer(
        case=case, version=1, by=world.olga, to_unit=world.division, text="Cần phòng xử lý"
    )
    assert case.unit == world.division and case.status == Case.Status.REFERRED
    event = case.events.get(kind=CaseEvent.Kind.REFERRED)
    assert (event.from_unit, event.to_unit) == (world.commune_a, world.division)
    # commune_a raised it, so it still reads it, but no longer acts on it
    assert Case.objects.visible_to(world.olga).filter(pk=case.pk).exists()
    assert not Case.objects.editable_by(world.olga).filter(pk=case.pk).exists()


@pytest.mark.django_db
def test_correcting_the_category_reroutes_and_resets_the_deadline(world, case, places):
    case = services.correct(case=case, version=1, by=world.olga, category=places.land)
    assert case.unit == world.division and case.status == Case.Status.NEW
    assert case.due_on == case.opened_on + datetime.timedelta(days=places.land.deadline_days)
    assert set(case.reports.values_list("category", flat=True)) == {places.land.pk}
    assert case.events.filter(kind=CaseEvent.Kind.REROUTED, to_unit=world.division).exists()


@pytest.mark.django_db
def test_likely_duplicates_are_suggested(world, case, places):
    found = similar_open_cases(
        user=world.rita,
        category=places.environment,
        locality=places.a_near,
        summary="rác cạnh chợ Quảng Thành bốc mùi",
        as_of=TODAY,
    )
    assert [hit for hit, _score in found] == [case]
    far = similar_open_cases(
        user=world.lena,
        category=places.environment,
        locality=places.b,
        summary="rác cạnh chợ Quảng Thành bốc mùi",
        as_of=TODAY,
    )
    assert far == []
    later = similar_open_cases(
        user=world.rita,
        category=places.environment,
        locality=places.a,
        summary="rác cạnh chợ Quảng Thành bốc mùi",
        as_of=TODAY + datetime.timedelta(days=20),
    )
    assert later == []
