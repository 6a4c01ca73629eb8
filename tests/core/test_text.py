import pytest

from mandate.core.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quảng Ninh", "quang ninh"),
        ("Đà Nẵng", "da nang"),
        ("  Thừa   Thiên\tHuế ", "thua thien hue"),
        ("ĐẶC KHU Bạch Long Vĩ", "dac khu bach long vi"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_drops_diacritics_case_and_extra_spaces(text, folded):
    assert fold(text) == folded


def test_query_words_are_folded():
    assert search_terms("Hải  phòng") == ["hai", "phong"]
