import datetime
import io
import struct
import time
import zlib

import pytest
from docx import Document as open_docx
from docx.shared import Cm, Pt

from mandate.core import documents
from mandate.core.documents import (
    Award,
    FormalDocument,
    Heading,
    Signature,
    certificates,
    heading_from_issuer,
    number_line,
    place_and_date,
)
from mandate.directives.models import IssuerProfile, Profile
from tests.office import pdf_pages, to_pdf

DAY = datetime.date(2026, 1, 15)
PARTY_HEADING = Heading(
    profile=documents.PARTY,
    parent_body="TỈNH ỦY HẢI PHÒNG",
    issuer_name="BAN TUYÊN GIÁO VÀ DÂN VẬN",
    place_name="Hải Phòng",
    abbreviation="BTGDVTU",
)
STATE_HEADING = Heading(
    profile=documents.STATE,
    parent_body="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
    issuer_name="SỞ VĂN HÓA VÀ THỂ THAO",
    place_name="Hải Phòng",
    abbreviation="SVHTT",
)
PARTY_SIGNATURE = Signature(
    authority="T/M BAN THƯỜNG VỤ", position="PHÓ TRƯỞNG BAN", name="Nguyễn Văn An"
)
STATE_SIGNATURE = Signature(authority="KT. GIÁM ĐỐC", position="PHÓ GIÁM ĐỐC", name="Trần Thị Bình")
AWARDS = [
    Award(
        name=f"Ông Nguyễn Văn {letter}",
        details="Chuyên viên Phòng Tuyên truyền",
        reason="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
    )
    for letter in "ABC"
]


def png(width: int = 40, height: int = 20) -> bytes:
    """A small gradient PNG, written by hand so the tests need no imaging library."""
    rows = b"".join(
        b"\x00" + b"".join(bytes([x * 6 % 256, y * 12 % 256, 160]) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def decision(heading: Heading, number: str, signature: Signature) -> bytes:
    document = FormalDocument(
        heading,
        number=number,
        issued_on=DAY,
        kind="QUYẾT ĐỊNH",
        title="Về việc khen thưởng thành tích năm 2025",
    )
    document.paragraph("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;", italic=True)
    document.paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False)
    document.paragraph("Tặng Giấy khen cho 03 cá nhân (có danh sách kèm theo).", lead="Điều 1. ")
    document.heading("I. KẾT QUẢ", level=1)
    document.heading("a) Báo chí", level=3)
    document.table(
        ["STT", "Họ và tên", "Đơn vị"],
        [[1, "Nguyễn Văn A", "Phòng Tuyên truyền"], [2, "Lê Thị B", None]],
        widths_cm=[1.5, 7, 8],
        align=["center", "left", "left"],
    )
    document.image(png(), width_cm=12, caption="Biểu đồ 1. Tin bài theo tháng")
    document.sign(signature, recipients=["Như Điều 3", "- Thường trực Tỉnh ủy;", "Lưu: VT, TH."])
    document.annex("DANH SÁCH", f"(Kèm theo Quyết định số {number})")
    return document.to_bytes()


@pytest.fixture
def party_docx():
    return open_docx(io.BytesIO(decision(PARTY_HEADING, "12-QĐ/BTGDVTU", PARTY_SIGNATURE)))


@pytest.fixture
def state_docx():
    return open_docx(io.BytesIO(decision(STATE_HEADING, "12/QĐ-SVHTT", STATE_SIGNATURE)))


def mm(*lengths) -> tuple[int, ...]:
    """Lengths in whole millimetres: .docx stores them in twentieths of a point."""
    return tuple(round(length.mm) for length in lengths)


def texts(cell) -> list[str]:
    return [paragraph.text for paragraph in cell.paragraphs if paragraph.text]


def runs_of(cell, text: str):
    return next(p for p in cell.paragraphs if p.text == text).runs


def all_runs(document):
    for paragraph in document.paragraphs:
        yield from paragraph.runs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield from paragraph.runs


def test_party_heading_has_the_motto_on_the_right_and_a_star_under_the_body(party_docx):
    heading = party_docx.tables[0]
    assert texts(heading.cell(0, 0)) == ["TỈNH ỦY HẢI PHÒNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"]
    assert texts(heading.cell(0, 1)) == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    motto = runs_of(heading.cell(0, 1), "ĐẢNG CỘNG SẢN VIỆT NAM")[0]
    assert motto.bold and motto.underline
    assert texts(heading.cell(1, 0)) == ["Số 12-QĐ/BTGDVTU"]
    assert texts(heading.cell(1, 1)) == ["Hải Phòng, ngày 15 tháng 01 năm 2026"]
    assert heading.cell(1, 1).paragraphs[0].runs[0].italic


def test_state_heading_has_the_national_name_and_motto(state_docx):
    heading = state_docx.tables[0]
    left = heading.cell(0, 0)
    assert texts(left) == ["ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "SỞ VĂN HÓA VÀ THỂ THAO"]
    assert not runs_of(left, "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")[0].bold
    assert runs_of(left, "SỞ VĂN HÓA VÀ THỂ THAO")[0].bold
    assert texts(heading.cell(0, 1)) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert runs_of(heading.cell(0, 1), "Độc lập - Tự do - Hạnh phúc")[0].underline
    assert texts(heading.cell(1, 0)) == ["Số: 12/QĐ-SVHTT"]
    # The short rule under the issuing body: a bordered empty paragraph.
    assert "w:pBdr" in left._tc.xml


def test_title_follows_the_heading_in_bold_capitals(state_docx):
    bold = [p.text for p in state_docx.paragraphs if p.runs and p.runs[0].bold]
    assert bold[:2] == ["QUYẾT ĐỊNH", "Về việc khen thưởng thành tích năm 2025"]


@pytest.mark.parametrize(
    ("profile", "symbol", "printed"),
    [
        (documents.PARTY, "12-QĐ/BTGDVTU", "Số 12-QĐ/BTGDVTU"),
        (documents.PARTY, "Số 05-KH/BTGDVTU", "Số 05-KH/BTGDVTU"),
        (documents.STATE, "12/QĐ-UBND", "Số: 12/QĐ-UBND"),
        (documents.STATE, "Số: 1234/UBND-VX", "Số: 1234/UBND-VX"),
    ],
)
def test_number_line_follows_the_profile_and_never_doubles_so(profile, symbol, printed):
    assert number_line(profile, symbol) == printed


@pytest.mark.parametrize(
    ("day", "printed"),
    [
        (datetime.date(2026, 2, 5), "Huế, ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 4, 9), "Huế, ngày 09 tháng 4 năm 2026"),
        (datetime.date(2026, 12, 25), "Huế, ngày 25 tháng 12 năm 2026"),
    ],
)
def test_date_pads_days_below_ten_and_the_first_two_months(day, printed):
    assert place_and_date("Huế", day) == printed


def test_every_run_is_times_new_roman(party_docx):
    runs = [run for run in all_runs(party_docx) if run.text]
    assert runs
    assert {run.font.name for run in runs} == {"Times New Roman"}
    assert party_docx.styles["Normal"].font.name == "Times New Roman"
    body = [p for p in party_docx.paragraphs if p.text.startswith("Căn cứ")][0]
    assert body.runs[0].font.size == Pt(14)


@pytest.mark.parametrize("fixture", ["party_docx", "state_docx"])
def test_page_is_a4_portrait_with_the_margins_of_the_rules(fixture, request):
    section = request.getfixturevalue(fixture).sections[0]
    assert mm(section.page_width, section.page_height) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert mm(*margins) == (20, 20, 30, 15)
    # Page numbers in the top margin, but not on the first page.
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_table_has_a_bold_header_borders_widths_and_the_rows(state_docx):
    table = next(t for t in state_docx.tables if t.cell(0, 0).text == "STT")
    assert table.style.name == "Table Grid"
    assert [cell.text for cell in table.rows[0].cells] == ["STT", "Họ và tên", "Đơn vị"]
    assert all(cell.paragraphs[0].runs[0].bold for cell in table.rows[0].cells)
    assert [[cell.text for cell in row.cells] for row in table.rows[1:]] == [
        ["1", "Nguyễn Văn A", "Phòng Tuyên truyền"],
        ["2", "Lê Thị B", ""],
    ]
    assert mm(*(column.width for column in table.columns)) == (15, 70, 80)
    assert "w:tblHeader" in table.rows[0]._tr.xml


def test_table_refuses_a_row_of_the_wrong_length():
    document = FormalDocument(STATE_HEADING, number="1/BC-SVHTT", issued_on=DAY, kind="BÁO CÁO")
    with pytest.raises(ValueError, match="Row 1"):
        document.table(["A", "B"], [["only one"]])


def test_image_is_embedded_at_the_given_width(state_docx):
    [shape] = state_docx.inline_shapes
    assert shape.width == Cm(12)
    images = [part for part in state_docx.part.package.parts if part.content_type == "image/png"]
    assert [part.blob for part in images] == [png()]
    assert "Biểu đồ 1. Tin bài theo tháng" in [p.text for p in state_docx.paragraphs]


def test_state_signature_and_recipients(state_docx):
    block = next(t for t in state_docx.tables if "Nơi nhận:" in t.cell(0, 0).text)
    recipients, signature = block.cell(0, 0), block.cell(0, 1)
    assert texts(recipients) == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Thường trực Tỉnh ủy;",
        "- Lưu: VT, TH.",
    ]
    label = recipients.paragraphs[0].runs[0]
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))
    assert recipients.paragraphs[1].runs[0].font.size == Pt(11)
    assert texts(signature) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"]
    assert all(p.runs[0].bold for p in signature.paragraphs if p.text)


def test_party_recipients_are_underlined_and_separated_by_commas(party_docx):
    block = next(t for t in party_docx.tables if "Nơi nhận:" in t.cell(0, 0).text)
    label = block.cell(0, 0).paragraphs[0].runs[0]
    assert label.underline and not label.bold
    assert texts(block.cell(0, 0))[1:] == [
        "- Như Điều 3,",
        "- Thường trực Tỉnh ủy,",
        "- Lưu: VT, TH.",
    ]
    assert texts(block.cell(0, 1))[0] == "T/M BAN THƯỜNG VỤ"


def test_annex_opens_a_new_page(party_docx):
    annex = next(p for p in party_docx.paragraphs if p.text == "DANH SÁCH")
    assert annex.paragraph_format.page_break_before


def test_heading_is_built_from_an_issuer_profile():
    issuer = IssuerProfile(
        profile=Profile.PARTY,
        abbreviation="BTGDVTU",
        issuer_name="BAN TUYÊN GIÁO VÀ DÂN VẬN",
        parent_body="TỈNH ỦY HẢI PHÒNG",
        place_name="Hải Phòng",
    )
    assert heading_from_issuer(issuer) == PARTY_HEADING
    assert {Profile.PARTY, Profile.STATE} == set(documents.RULES)


def test_an_unknown_profile_or_heading_level_is_refused():
    with pytest.raises(ValueError):
        Heading(profile="church", issuer_name="X", place_name="Y")
    document = FormalDocument(PARTY_HEADING, number="1-BC/BTGDVTU", issued_on=DAY, kind="BÁO CÁO")
    with pytest.raises(ValueError):
        document.heading("x", level=4)


def certificate_bytes(heading: Heading = PARTY_HEADING) -> bytes:
    return certificates(
        heading=heading,
        kind="GIẤY KHEN",
        awarding_body="BAN THƯỜNG VỤ TỈNH ỦY HẢI PHÒNG",
        issued_on=DAY,
        signature=PARTY_SIGNATURE,
        awards=AWARDS,
        decision="Quyết định số 12-QĐ/BTGDVTU",
    )


def test_certificates_are_landscape_pages_one_per_awardee():
    document = open_docx(io.BytesIO(certificate_bytes()))
    section = document.sections[0]
    assert mm(section.page_width, section.page_height) == (297, 210)
    lines = [p.text for p in document.paragraphs]
    assert lines.count("GIẤY KHEN") == 3
    assert [line for line in lines if line.startswith("Ông ")] == [a.name for a in AWARDS]
    starts = [p for p in document.paragraphs if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert [p.paragraph_format.page_break_before for p in starts] == [None, True, True]
    assert len(document.tables) == 3
    assert "Hải Phòng, ngày 15 tháng 01 năm 2026" in texts(document.tables[0].cell(0, 1))


def test_state_certificate_carries_the_national_motto():
    lines = [p.text for p in open_docx(io.BytesIO(certificate_bytes(STATE_HEADING))).paragraphs]
    assert lines[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def test_certificates_need_an_awardee():
    with pytest.raises(ValueError):
        certificates(
            heading=STATE_HEADING,
            kind="BẰNG KHEN",
            awarding_body="CHỦ TỊCH ỦY BAN NHÂN DÂN",
            issued_on=DAY,
            signature=STATE_SIGNATURE,
            awards=[],
        )


# LibreOffice -------------------------------------------------------------------------


def test_libreoffice_converts_both_layouts_to_pdf(tmp_path):
    """What a reader's office suite does with our files: one conversion, both documents."""
    started = time.monotonic()
    pdfs = to_pdf(
        tmp_path,
        {
            "decision": decision(STATE_HEADING, "12/QĐ-SVHTT", STATE_SIGNATURE),
            "certificates": certificate_bytes(),
        },
    )
    print(f"LibreOffice converted two documents in {time.monotonic() - started:.1f} s")
    assert pdfs["decision"].startswith(b"%PDF")
    assert pdf_pages(pdfs["decision"]) >= 2  # the annex opens a page of its own
    assert pdf_pages(pdfs["certificates"]) == len(AWARDS)
