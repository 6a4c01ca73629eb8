import datetime

import pytest

from mandate.directives.models import DocumentType, IssuerProfile


@pytest.fixture
def party_profile(world):
    return IssuerProfile.objects.create(
        unit=world.root,
        profile="party",
        abbreviation="BTGDVTU",
        issuer_name="BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY",
        parent_body="THÀNH ỦY HẢI PHÒNG",
        place_name="Hải Phòng",
        term_starts_on=datetime.date(2025, 10, 15),
        valid_from=datetime.date(2025, 7, 1),
    )


@pytest.fixture
def state_profile(world):
    return IssuerProfile.objects.create(
        unit=world.commune_a,
        profile="state",
        abbreviation="UBND",
        issuer_name="ỦY BAN NHÂN DÂN XÃ QUẢNG THÀNH",
        place_name="Quảng Thành",
        valid_from=datetime.date(2025, 7, 1),
    )


def document_type(profile: str, code: str) -> DocumentType:
    return DocumentType.objects.filter(profile=profile, code=code).first()
