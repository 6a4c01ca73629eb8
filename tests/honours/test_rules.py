"""The catalogue: titles, rules and dossiers seeded from DOMAIN.md as editable data."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mandate.honours.catalogue import TITLES, ensure_titles
from mandate.honours.models import DossierItem, Title, TitleRule
from mandate.honours.selectors import rules_of, titles_in_force
from tests.honours.conftest import END

Kind = TitleRule.Kind


def test_every_title_of_the_catalogue_is_seeded_with_its_reward(titles):
    assert Title.objects.count() == len(TITLES)
    assert titles.ldtt.reward_multiplier == Decimal("0.3")
    assert titles.cstdcs.reward_multiplier == Decimal("1.0")
    assert titles.cstd_tinh.reward_multiplier == Decimal("3.0")
    assert titles.ttldxs.reward_multiplier == Decimal("1.5")
    assert titles.co.reward_multiplier is None  # not settled: left for the administrator
    assert titles.cstd_tinh.deciding_level == "province" and titles.ldtt.deciding_level == "unit"
    assert all(title.legal_basis for title in Title.objects.all())


def test_the_fighters_cap_is_fifteen_percent_of_advanced_workers(titles):
    cap = TitleRule.objects.get(title=titles.cstdcs, kind=Kind.CAP_SHARE_OF)
    assert (cap.other_title, cap.percent) == (titles.ldtt, Decimal(15))
    assert "91/2017" in cap.legal_basis


def test_the_excellent_collectives_rules(titles):
    rules = {rule.kind: rule for rule in rules_of(title=titles.ttldxs, on=END)}
    assert rules[Kind.MEMBERS_RATING_SHARE].percent == 100
    assert rules[Kind.MEMBERS_SHARE].percent == 70
    assert (rules[Kind.MEMBERS_WITH].other_title, rules[Kind.MEMBERS_WITH].count) == (
        titles.cstdcs,
        1,
    )


def test_the_provincial_fighter_needs_three_years_and_ninety_percent(titles):
    rules = {rule.kind: rule for rule in rules_of(title=titles.cstd_tinh, on=END)}
    assert (rules[Kind.PREREQUISITE].other_title, rules[Kind.PREREQUISITE].count) == (
        titles.cstdcs,
        3,
    )
    assert rules[Kind.COUNCIL_APPROVAL].percent == 90
    assert DossierItem.objects.filter(title=titles.cstd_tinh, is_required=True).count() == 4


def test_seeding_again_adds_nothing_and_keeps_edits(titles):
    Title.objects.filter(pk=titles.cstdcs.pk).update(name="CSTĐ cơ sở (sửa)")
    TitleRule.objects.filter(title=titles.cstdcs, kind=Kind.CAP_SHARE_OF).update(percent=10)
    counts = (Title.objects.count(), TitleRule.objects.count(), DossierItem.objects.count())
    ensure_titles()
    assert (Title.objects.count(), TitleRule.objects.count(), DossierItem.objects.count()) == counts
    assert Title.objects.get(pk=titles.cstdcs.pk).name == "CSTĐ cơ sở (sửa)"
    assert TitleRule.objects.get(title=titles.cstdcs, kind=Kind.CAP_SHARE_OF).percent == 10


def test_a_deleted_title_comes_back_with_its_rules(titles):
    titles.giay_khen.nominations.all().delete()
    titles.giay_khen.delete()
    ensure_titles()
    assert TitleRule.objects.filter(title__code="giay-khen").count() == 1


def test_a_rule_needs_its_parameters(titles):
    rule = TitleRule(title=titles.cstdcs, kind=Kind.CAP_SHARE_OF, other_title=titles.ldtt)
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert set(refused.value.message_dict) == {"percent"}


def test_a_title_reads_in_the_users_language_with_vietnamese_as_the_data(titles):
    with translation.override("fr"):
        assert titles.ldtt.label == "Travailleur avancé"
    with translation.override("vi"):
        assert titles.ldtt.label == "Lao động tiên tiến"


def test_titles_in_force_for_individuals_and_collectives(titles):
    individual = set(titles_in_force(on=END, collective=False))
    assert titles.ldtt in individual and titles.giay_khen in individual
    assert titles.ttldtt not in individual
    titles.ldtt.valid_to = END.replace(year=2024)
    titles.ldtt.save()
    assert titles.ldtt not in titles_in_force(on=END)
