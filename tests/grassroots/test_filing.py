"""Filing reports: one validation, scrubbed text, routing, joining open cases."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mandate.grassroots import services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, CaseEvent, Contact, Report, RoutingRule
from mandate.grassroots.scrub import REDACTED

TODAY = datetime.date(2026, 5, 15)


def raw(places, **overrides):
    values = {
        "category": places.environment.code,
        "locality": places.a.code,
        "observed_on": "14/05/2026",
        "severity": "3",
        "people_affected": "40",
        "summary": "Nước thải từ xưởng mạ chảy ra kênh thôn Đông, gọi anh Ba 0912 345 678",
    }
    return values | overrides


def file(places, user, **overrides):
    draft = Intake(user, today=TODAY).clean(raw(places, **overrides))
    return services.file_report(draft=draft, by=user, channel="web")


@pytest.mark.django_db
def test_a_report_is_stored_redacted_and_routed_to_its_commune(world, places):
    report = file(places, world.rita)
    assert "0912" not in report.summary and REDACTED in report.summary
    assert report.redactions == 1
    assert report.reporting_unit == world.commune_a
    case = report.case
    assert case.unit == world.commune_a and case.status == Case.Status.NEW
    assert case.due_on == TODAY + datetime.timedelta(days=places.environment.deadline_days)
    assert list(case.events.values_list("kind", flat=True)) == [CaseEvent.Kind.OPENED]
    assert Case.objects.visible_to(world.alice).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(world.charlie).filter(pk=case.pk).exists()
    assert Report.objects.visible_to(world.rita).filter(pk=report.pk).exists()
    assert not Report.objects.visible_to(world.charlie).filter(pk=report.pk).exists()


@pytest.mark.django_db
def test_the_most_specific_rule_wins(world, places):
    land = file(places, world.rita, category="land")
    assert land.case.unit == world.division  # land anywhere in the province
    other = file(places, world.lena, locality=places.b.code, category="health")
    assert other.case.unit == world.commune_b


@pytest.mark.django_db
def test_bad_input_names_every_field_and_writes_nothing(world, places, in_english):
    with pytest.raises(ValidationError) as caught:
        Intake(world.rita, today=TODAY).clean(
            raw(
                places,
                category="x",
                locality=places.b.code,
                severity="7",
                summary="",
                observed_on="32/1/2026",
            )
        )
    errors = caught.value.message_dict
    assert set(errors) == {"category", "locality", "severity", "summary", "observed_on"}
    assert errors["locality"] == ["“99003” is not a commune you report on."]
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_a_report_may_join_an_open_case(world, places):
    first = file(places, world.rita)
    second = file(places, world.rita, case=str(first.case_id), severity="4")
    case = Case.objects.get(pk=first.case_id)
    assert second.case_id == case.pk and case.report_count == 2 and case.severity == 4
    assert case.version == 2


@pytest.mark.django_db
def test_contact_is_kept_apart(world, places):
    report = file(places, world.rita, contact_name="Nguyễn Văn Ba", contact_phone="0912345678")
    assert Contact.objects.get(report=report).phone == "0912345678"
    assert "0912345678" not in report.summary


@pytest.mark.django_db
def test_an_overlong_contact_is_refused_not_cut(world, places, in_english):
    with pytest.raises(ValidationError) as caught:
        Intake(world.rita, today=TODAY).clean(raw(places, contact_phone="0912 345 678 " * 5))
    assert caught.value.message_dict["contact"] == ["Keep the contact's phone under 30 characters."]


@pytest.mark.django_db
def test_one_rule_per_category_and_locality_any_included(world, places):
    for duplicate in (
        {"locality": places.a},  # any category in a: already there
        {"category": places.land, "locality": places.province},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            RoutingRule.objects.create(unit=world.division, **duplicate)
    RoutingRule.objects.create(category=places.land, unit=world.division)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutingRule.objects.create(category=places.land, unit=world.root)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutingRule.objects.create(unit=world.root)  # neither: would override everything
