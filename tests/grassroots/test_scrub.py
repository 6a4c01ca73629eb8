"""The scrubber (DESIGN.md rule 4): no phone, ID number or e-mail gets through, whatever
surrounds it; what is plainly not about a person (dates, years, amounts, counts) stays."""

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mandate.grassroots.scrub import REDACTED, scrub

# Text around the identifiers: anything but digits (which would join the number) and
# "@" (which would make an e-mail address of it).
around = st.text(st.characters(exclude_categories=("Nd", "Cs"), exclude_characters="@"))
# Between two identifiers, at least one character that is not a separator: numbers
# separated only by spaces, dots or dashes cannot be told apart from one grouped number.
between = around.filter(lambda text: re.search(r"[^\s.\-()+]", text))


def grouped(number: str) -> st.SearchStrategy[str]:
    """The digits cut into groups joined by the separators people type in numbers."""
    separators = st.sampled_from([" ", ".", "-", " - ", ". ", "  "])

    @st.composite
    def build(draw) -> str:
        cuts = sorted(draw(st.sets(st.integers(1, len(number) - 1), max_size=len(number) // 2)))
        pieces = [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]
        return "".join(piece + draw(separators) for piece in pieces[:-1]) + pieces[-1]

    return build()


def digit_string(length: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=length, max_size=length)


@st.composite
def mobile(draw) -> tuple[str, str]:
    """(as written, its digits): 0 / 84 / +84 / (+84) and nine digits, grouped anyhow."""
    rest = draw(digit_string(9))
    prefix = draw(st.sampled_from(["0", "84", "+84", "(+84)", "+84 ", "(+84) ", "84-", "84."]))
    body = draw(st.one_of(st.just(rest), grouped(rest)))
    if prefix == "0":
        body = draw(st.one_of(st.just("0" + rest), grouped("0" + rest)))
        return body, "0" + rest
    return prefix + body, re.sub(r"\D", "", prefix) + rest


@st.composite
def landline(draw) -> tuple[str, str]:
    """(0225) 3842 123, 024 3825 1234, 0225.3842.123: 0, an area code, 11 digits in all."""
    area = "2" + draw(digit_string(draw(st.integers(1, 2))))
    local = draw(digit_string(10 - len(area)))
    shape = draw(st.sampled_from(["({a}) {l}", "({a}){l}", "0{a} {l}", "0{a}.{l}", "0{a}-{l}"]))
    shape = shape.replace("({a})", "(0{a})")
    written = shape.format(a=area, l=draw(st.one_of(st.just(local), grouped(local))))
    return written, "0" + area + local


@st.composite
def id_number(draw) -> tuple[str, str]:
    """A 9-digit identity card or 12-digit citizen ID, contiguous or in groups of spaces."""
    number = draw(digit_string(draw(st.sampled_from([9, 12]))))
    size = draw(st.sampled_from([3, 4]))
    spaced = " ".join(number[start : start + size] for start in range(0, len(number), size))
    return draw(st.sampled_from([number, spaced])), number


identifiers = st.one_of(mobile(), landline(), id_number())


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


@settings(max_examples=300)
@given(before=around, identifier=identifiers, after=around)
@example(before="sđt", identifier=("0912345678", "0912345678"), after="gọi sau")
@example(before="ĐT:", identifier=("(+84) 912 345 678", "84912345678"), after="")
@example(before="bàn ", identifier=("(0225) 3842 123", "02253842123"), after=".")
@example(before="CCCD số", identifier=("001 203 004 567", "001203004567"), after="cấp")
def test_no_identifier_gets_through_whatever_surrounds_it(before, identifier, after):
    written, number = identifier
    text, count = scrub(before + written + after)
    assert number not in digits_of(text)
    assert not re.search(r"\d", text), text  # not even part of it
    assert count == 1


@settings(max_examples=200)
@given(
    pieces=st.lists(st.tuples(between, identifiers), min_size=1, max_size=5),
    start=around,
)
def test_the_count_is_the_number_of_identifiers(pieces, start):
    original = start + "".join(gap + written for gap, (written, _number) in pieces)
    text, count = scrub(original)
    assert count == len(pieces)
    assert not re.search(r"\d", text)
    assert text.count(REDACTED) >= len(pieces)


@given(before=around, address=st.emails(), after=around)
@example(before="email ", address="nguyen.van-a+tin@gmail.com", after=", gửi chiều nay")
def test_email_addresses_are_removed(before, address, after):
    text, count = scrub(f"{before} {address} {after}")
    assert address not in text
    assert "@" not in text
    assert count == 1


@settings(max_examples=300)
@given(st.text())
def test_any_text_is_scrubbed_without_error_and_scrubbing_again_finds_nothing(original):
    text, count = scrub(original)
    assert isinstance(text, str) and count >= 0
    assert scrub(text) == (text, 0)


def test_empty_text():
    assert scrub("") == ("", 0)
    assert scrub(None) == ("", 0)


@pytest.mark.parametrize(
    "kept",
    [
        "Họp dân ngày 15/03/2024 tại nhà văn hóa thôn",
        "Từ ngày 15.03.2024 đường bị ngập",
        "Kế hoạch giai đoạn 2024-2025 chưa triển khai",
        "Giai đoạn 2024 - 2025",
        "Mỗi hộ phải nộp 1.500.000 đồng",
        "Dự án bồi thường 1.500.000.000 đồng cho 120 hộ",
        "Khoảng 120 hộ bị ảnh hưởng, 35 người phải sơ tán",
        "Quốc lộ 5, km 47+300, tổ 12",
    ],
)
def test_what_is_plainly_not_about_a_person_is_kept(kept):
    assert scrub(kept) == (kept, 0)


@pytest.mark.parametrize(
    ("original", "expected", "count"),
    [
        ("sđt0912345678 gọi sau", f"sđt{REDACTED} gọi sau", 1),
        ("Liên hệ (+84) 912 345 678.", f"Liên hệ {REDACTED}.", 1),
        ("Số máy bàn (0225) 3842 123", f"Số máy bàn {REDACTED}", 1),
        ("CCCD 001203004567 và CMND 123 456 789", f"CCCD {REDACTED} và CMND {REDACTED}", 2),
        ("Gửi về ba.nguyen@gmail.com nhé", f"Gửi về {REDACTED} nhé", 1),
        ("ngày 15.03.2024 gọi 0987.654.321", f"ngày 15.03.2024 gọi {REDACTED}", 1),
    ],
)
def test_what_is_removed(original, expected, count):
    assert scrub(original) == (expected, count)
