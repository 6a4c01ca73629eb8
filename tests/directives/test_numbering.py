import pytest
from django.core.exceptions import ValidationError

from mandate.directives.models import Profile
from mandate.directives.numbering import compose, normalise, parse


@pytest.mark.parametrize(
    ("symbol", "profile", "type_code", "number"),
    [
        ("Số 35-CT/TW", Profile.PARTY, "CT", 35),
        ("100-KL/TW", Profile.PARTY, "KL", 100),
        ("12-KH/BTGDVTU", Profile.PARTY, "KH", 12),
        ("36-HD/VPTW", Profile.PARTY, "HD", 36),
        ("Số: 12/KH-UBND", Profile.STATE, "KH", 12),
        ("13/2023/NĐ-CP", Profile.STATE, "NĐ", 13),
        ("05/QyĐ-UBND", Profile.STATE, "QyĐ", 5),
        ("1234/UBND-VX", Profile.STATE, "", 1234),
    ],
)
def test_numbers_in_each_profile_are_read(symbol, profile, type_code, number):
    assert parse(symbol, profile=profile, type_code=type_code).number == number


@pytest.mark.parametrize(
    ("symbol", "profile", "type_code", "message"),
    [
        ("12/KH-UBND", Profile.PARTY, "KH", "35-CT/TW"),  # state notation for a party document
        ("35-CT/TW", Profile.STATE, "CT", "12/KH-UBND"),  # party notation for a state document
        ("05/QĐ-UBND", Profile.STATE, "QyĐ", "QĐ"),  # QĐ is not QyĐ: case and letters count
        ("12-KL/TW", Profile.PARTY, "CT", "KL"),
        ("KH-UBND", Profile.STATE, "KH", "12/KH-UBND"),
        ("", Profile.PARTY, "CT", "35-CT/TW"),
    ],
)
def test_wrong_notation_is_refused_with_an_example(symbol, profile, type_code, message):
    with pytest.raises(ValidationError) as error:
        parse(symbol, profile=profile, type_code=type_code)
    assert message in str(error.value)


def test_prefix_and_spaces_are_dropped():
    assert normalise("  Số:  12 / KH-UBND ") == "12/KH-UBND"


def test_numbers_below_ten_get_a_leading_zero():
    assert compose(profile=Profile.STATE, number=5, type_code="KH", abbreviation="UBND") == (
        "05/KH-UBND"
    )
    assert compose(profile=Profile.PARTY, number=12, type_code="KH", abbreviation="BTGDVTU") == (
        "12-KH/BTGDVTU"
    )
