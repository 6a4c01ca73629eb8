"""The standard campaign templates seeded after migrate."""

import pytest

from mandate.observances.catalogue import TEMPLATES, ensure_templates
from mandate.observances.models import CampaignStep, CampaignTemplate

pytestmark = pytest.mark.django_db
NAMES = [row.name for row in TEMPLATES]


def test_the_standard_templates_are_seeded_after_migrate():
    assert set(NAMES) <= set(CampaignTemplate.objects.values_list("name", flat=True))
    suggested = dict(
        CampaignTemplate.objects.filter(name__in=NAMES).values_list("name", "observance__key")
    )
    assert suggested["Tuyên truyền Cách mạng Tháng Tám và Quốc khánh 2/9"] == "national-day"
    assert suggested["Tuyên truyền kỷ niệm Ngày thành lập Đảng 3/2"] == "party-founding"
    assert suggested["Tuyên truyền đón Tết Nguyên đán"] == "tet"
    assert suggested["Tuyên truyền ngày lễ lớn"] is None


def test_every_step_is_valid_and_every_template_has_a_key_step():
    steps = CampaignStep.objects.filter(template__name__in=NAMES).select_related("template")
    assert steps.count() == sum(len(row.steps) for row in TEMPLATES)
    for step in steps:
        step.full_clean()
    for template in CampaignTemplate.objects.filter(name__in=NAMES):
        assert template.steps.filter(is_key=True).exists(), template
        assert template.steps.filter(offset_days__gt=0).exists(), template  # a report after


def test_the_generic_template_adds_steps_in_round_years_only():
    generic = CampaignTemplate.objects.get(name="Tuyên truyền ngày lễ lớn")
    round_only = generic.steps.filter(applies=CampaignStep.Applies.ROUND)
    assert {step.offset_days for step in round_only} == {-30, 15}
    assert generic.steps.filter(applies=CampaignStep.Applies.ALWAYS, unit_kinds=["commune"])


def test_seeding_twice_adds_nothing_and_keeps_edits():
    edited = CampaignTemplate.objects.get(name="Tuyên truyền đón Tết Nguyên đán")
    edited.steps.filter(offset_days=7).update(content="Báo cáo trước mùng 10 tháng Giêng")
    CampaignTemplate.objects.filter(name="Tuyên truyền ngày lễ lớn").update(is_active=False)
    ensure_templates()
    ensure_templates()
    assert CampaignTemplate.objects.filter(name__in=NAMES).count() == len(NAMES)
    assert edited.steps.filter(content="Báo cáo trước mùng 10 tháng Giêng").exists()
    assert not CampaignTemplate.objects.get(name="Tuyên truyền ngày lễ lớn").is_active
