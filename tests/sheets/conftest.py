import datetime

import pytest

from tests.factories import DocumentFactory, PlanFactory


@pytest.fixture
def plan(world):
    """The department's 2026 plan; lena leads the department and imports into it."""
    return PlanFactory(
        unit=world.root,
        title="Kế hoạch công tác tuyên giáo năm 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def documents(world):
    return {
        "35-CT/TW": DocumentFactory(unit=world.root, symbol="35-CT/TW"),
        "12/KH-UBND": DocumentFactory(unit=world.root, symbol="12/KH-UBND"),
    }
