"""Campaign fixtures: a template of four steps and a guidance document of the department."""

import pytest

from mandate.observances.models import CampaignStep, CampaignTemplate, Observance
from mandate.org.models import Unit
from tests.factories import DocumentFactory


@pytest.fixture
def template(db) -> CampaignTemplate:
    plan = CampaignTemplate.objects.create(
        name="Tuyên truyền Quốc khánh 2/9",
        observance=Observance.objects.get(key="national-day"),
    )
    CampaignStep.objects.create(
        template=plan,
        offset_days=-45,
        content="Ban hành kế hoạch tuyên truyền của đơn vị",
        expected_output="Kế hoạch được ký ban hành",
        is_key=True,
    )
    CampaignStep.objects.create(
        template=plan,
        offset_days=-10,
        content="Treo băng rôn, khẩu hiệu tại trụ sở và nơi công cộng",
        method="Trực quan",
        unit_kinds=[Unit.Kind.COMMUNE],
    )
    CampaignStep.objects.create(
        template=plan,
        offset_days=-20,
        content="Tổ chức hội thảo khoa học nhân dịp năm tròn",
        applies=CampaignStep.Applies.ROUND,
    )
    CampaignStep.objects.create(
        template=plan,
        offset_days=7,
        content="Báo cáo kết quả tuyên truyền",
        expected_output="Báo cáo kèm ảnh",
    )
    return plan


@pytest.fixture
def guidance(world):
    return DocumentFactory(unit=world.root, symbol="15-HD/BTGDVTU", title="Hướng dẫn tuyên truyền")
