"""Formal Vietnamese administrative documents as .docx: party (HD 36) and state (Decree 30).

The layout rules are those of DOMAIN.md §1 (see docs/documents.md). The writer prints the
Vietnamese it is given; only the fixed words of the legal formats ("Số", "ngày ... tháng ...
năm ...", "Nơi nhận:") are its own, and they are not translated: they are part of the format.
"""

import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

# The values of directives.models.Profile; core may not import a domain app.
PARTY = "party"
STATE = "state"
FONT = "Times New Roman"
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Signing on behalf (TM.), as deputy (KT.), by order (TL.), by authority (TUQ.): §1.1, §1.2.
SIGNING_PREFIXES = {
    PARTY: {"on_behalf": "T/M", "deputy": "K/T", "by_order": "T/L", "authorised": "T/UQ"},
    STATE: {"on_behalf": "TM.", "deputy": "KT.", "by_order": "TL.", "authorised": "TUQ."},
}
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_NUMBER_PREFIX = re.compile(r"^\s*số\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Rules:
    """Sizes (pt) and measures of one profile, each within the range its text allows.

    The defaults are Decree 30/2020 Phụ lục I (DOMAIN.md §1.1): heading 12-13, body 13-14,
    "Nơi nhận:" 12 bold italic over a list in 11, A4 margins 20/20/30/15 mm.
    """

    motto: float = 12  # the national name; ĐẢNG CỘNG SẢN VIỆT NAM in the party profile
    national_motto: float = 13  # Độc lập - Tự do - Hạnh phúc
    parent: float = 12
    issuer: float = 12
    number: float = 13
    date: float = 14
    kind: float = 14
    title: float = 14
    body: float = 14
    table: float = 13
    recipients_label: float = 12
    recipients: float = 11
    recipients_separator: str = ";"
    heading_columns_cm: tuple[float, float] = (6.0, 10.5)
    margins_mm: tuple[int, int, int, int] = (20, 20, 30, 15)  # top, bottom, left, right
    first_line_indent_cm: float = 1.27
    paragraph_after_pt: float = 6
    line_spacing: float = 1.15


STATE_RULES = Rules()
# HD 36-HD/VPTW (DOMAIN.md §1.2, sizes marked ⚠️ there): the party heading 15, the kind 16,
# the rest 14; "Nơi nhận:" underlined in 14 over a list in 12, separated by ",".
PARTY_RULES = Rules(
    motto=15,
    parent=14,
    issuer=14,
    number=14,
    kind=16,
    recipients_label=14,
    recipients=12,
    recipients_separator=",",
    heading_columns_cm=(8.2, 8.3),
)
RULES = {PARTY: PARTY_RULES, STATE: STATE_RULES}


@dataclass(frozen=True)
class Heading:
    """Who issues the document, as printed in its heading block."""

    profile: str  # PARTY or STATE
    issuer_name: str  # "BAN TUYÊN GIÁO VÀ DÂN VẬN", "SỞ VĂN HÓA VÀ THỂ THAO"
    place_name: str  # "Hải Phòng"
    parent_body: str = ""  # "TỈNH ỦY HẢI PHÒNG", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    abbreviation: str = ""  # "BTGDVTU", "UBND": the tail of the number and symbol

    def __post_init__(self) -> None:
        if self.profile not in RULES:
            raise ValueError(f"Unknown document profile {self.profile!r}")


class IssuerLike(Protocol):
    """What heading_from_issuer reads: directives.models.IssuerProfile has it."""

    profile: str
    issuer_name: str
    parent_body: str
    place_name: str
    abbreviation: str


def heading_from_issuer(issuer: IssuerLike) -> Heading:
    return Heading(
        profile=str(issuer.profile),
        issuer_name=issuer.issuer_name,
        parent_body=issuer.parent_body,
        place_name=issuer.place_name,
        abbreviation=issuer.abbreviation,
    )


@dataclass(frozen=True)
class Signature:
    """The signature block: "T/M BAN THƯỜNG VỤ" / "PHÓ BÍ THƯ" / "Nguyễn Văn A".

    `authority` is empty when the head signs in their own name (see SIGNING_PREFIXES).
    """

    position: str
    name: str
    authority: str = ""


def number_line(profile: str, symbol: str) -> str:
    """ "Số 12-QĐ/BTGDVTU" (party) or "Số: 12/QĐ-UBND" (state); a given "Số" is not doubled."""
    symbol = _NUMBER_PREFIX.sub("", symbol).strip()
    return f"Số: {symbol}" if profile == STATE else f"Số {symbol}"


def place_and_date(place: str, day: datetime.date) -> str:
    """ "Hải Phòng, ngày 05 tháng 02 năm 2026": days 1-9 and months 1-2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


class FormalDocument:
    """A document on A4 paper: heading block, kind and title, body, signature, recipients.

    Add the body in reading order, then call sign() and to_bytes(). An annex (the list of
    awardees of a decision) comes after sign(), opened with annex().
    """

    def __init__(
        self,
        heading: Heading,
        *,
        number: str,
        issued_on: datetime.date,
        kind: str,
        title: str = "",
    ) -> None:
        self.issuer = heading
        self.rules = RULES[heading.profile]
        self.docx = _new_document(self.rules, landscape=False)
        self.docx.core_properties.title = f"{kind} {title}".strip()
        self.docx.core_properties.author = heading.issuer_name
        _page_numbers(self.docx, size=self.rules.body)
        self._heading_block(number, issued_on)
        self._title_block(kind, title)

    # The parts every document has ------------------------------------------------------

    def _heading_block(self, number: str, issued_on: datetime.date) -> None:
        rules, heading = self.rules, self.issuer
        table = _layout_table(self.docx, rows=2, widths_cm=rules.heading_columns_cm)
        left, right = table.cell(0, 0), table.cell(0, 1)
        if heading.parent_body:
            _line(left, heading.parent_body, size=rules.parent)
        _line(left, heading.issuer_name, size=rules.issuer, bold=True)
        if heading.profile == PARTY:
            _line(left, "*", size=rules.issuer)
            _line(right, PARTY_MOTTO, size=rules.motto, bold=True, underline=True)
        else:
            width = min(_text_cm(heading.issuer_name, rules.issuer), rules.heading_columns_cm[0])
            _rule(left, length_cm=width * 0.4, within_cm=rules.heading_columns_cm[0])
            _line(right, NATIONAL_NAME, size=rules.motto, bold=True)
            _line(right, NATIONAL_MOTTO, size=rules.national_motto, bold=True, underline=True)
        number_text = number_line(heading.profile, number)
        _line(table.cell(1, 0), number_text, size=rules.number, before=6)
        date = place_and_date(heading.place_name, issued_on)
        _line(table.cell(1, 1), date, size=rules.date, italic=True, before=6)
        _space(self.docx, rules.body)

    def _title_block(self, kind: str, title: str) -> None:
        rules = self.rules
        _line(self.docx, kind, size=rules.kind, bold=True)
        if title:
            _line(self.docx, title, size=rules.title, bold=True)
        if self.issuer.profile == PARTY:
            _line(self.docx, "-----", size=rules.title)
        else:
            width = min(_text_cm(title or kind, rules.title, em=0.5), _text_width_cm(rules))
            _rule(self.docx, length_cm=width * 0.4, within_cm=_text_width_cm(rules))
        _space(self.docx, rules.body)

    # The body ----------------------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        lead: str = "",
        bold: bool = False,
        italic: bool = False,
        align: str = "justify",
        indent: bool = True,
    ) -> None:
        """A body paragraph; `lead` is printed bold before the text ("Điều 1. ")."""
        paragraph = _body_paragraph(self.docx, self.rules, align=align, indent=indent)
        if lead:
            _run(paragraph, lead, size=self.rules.body, bold=True, italic=italic)
        _run(paragraph, text, size=self.rules.body, bold=bold, italic=italic)

    def heading(self, text: str, *, level: int = 1) -> None:
        """A section heading, numbered by the caller: "I. ...", "1. ...", "a) ..."."""
        if level not in (1, 2, 3):
            raise ValueError("A heading level is 1 (I.), 2 (1.) or 3 (a)).")
        self.paragraph(text, bold=True, italic=level == 3)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths_cm: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
    ) -> None:
        """A bordered table; the bold header row repeats on every page it runs over."""
        columns = len(header)
        widths = list(widths_cm or [_text_width_cm(self.rules) / columns] * columns)
        aligns = list(align or ["left"] * columns)
        if len(widths) != columns or len(aligns) != columns:
            raise ValueError("widths_cm and align need one value per column.")
        for row_index, row in enumerate(rows, start=1):
            if len(row) != columns:
                raise ValueError(f"Row {row_index} has {len(row)} cells, not {columns}.")
        table = _layout_table(self.docx, rows=len(rows) + 1, widths_cm=widths, style="Table Grid")
        size = self.rules.table
        # One pass over the rows: python-docx's table.cell(r, c) walks the whole table
        # each time, which made a 60-row table take seconds.
        table_rows = iter(table.rows)
        header_row = next(table_rows)
        _repeat_as_header(header_row)
        for cell, text in zip(header_row.cells, header, strict=True):
            _line(cell, text, size=size, bold=True)
        for table_row, row in zip(table_rows, rows, strict=True):
            for cell, value, alignment in zip(table_row.cells, row, aligns, strict=True):
                _line(cell, "" if value is None else str(value), size=size, align=alignment)
        _space(self.docx, self.rules.body)

    def image(self, png: bytes, *, width_cm: float, caption: str = "") -> None:
        """A picture (a chart) centred at the given width, with an optional italic caption."""
        paragraph = _line(self.docx, "", size=self.rules.body)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        if caption:
            _line(self.docx, caption, size=self.rules.table, italic=True)
        _space(self.docx, self.rules.body)

    def page_break(self) -> None:
        self.docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def annex(self, title: str, subtitle: str = "") -> None:
        """A new page opened by a centred title: "DANH SÁCH" / "(Kèm theo Quyết định số ...)"."""
        opening = _line(self.docx, title, size=self.rules.kind, bold=True)
        opening.paragraph_format.page_break_before = True
        if subtitle:
            _line(self.docx, subtitle, size=self.rules.title, italic=True)
        _space(self.docx, self.rules.body)

    # The end ------------------------------------------------------------------------------

    def sign(self, signature: Signature, *, recipients: Sequence[str] = ()) -> None:
        """Recipients on the left, the signature block on the right, side by side."""
        rules = self.rules
        width = _text_width_cm(rules)
        table = _layout_table(self.docx, rows=1, widths_cm=(width * 0.45, width * 0.55))
        _keep_together(table.rows[0])
        left, right = table.cell(0, 0), table.cell(0, 1)
        if recipients:
            party = self.issuer.profile == PARTY
            label = _line(left, "Nơi nhận:", size=rules.recipients_label, align="left")
            label.runs[0].bold, label.runs[0].italic = not party, not party
            label.runs[0].underline = party
            for text in _recipient_lines(recipients, rules.recipients_separator):
                _line(left, text, size=rules.recipients, align="left")
        else:
            _line(left, "", size=rules.recipients)
        _signature(right, signature, size=rules.body)

    def to_bytes(self) -> bytes:
        return _bytes(self.docx)


# Certificates --------------------------------------------------------------------------


@dataclass(frozen=True)
class Award:
    """One awardee: the name in large letters, then details and the reason for the award."""

    name: str
    reason: str
    details: str = ""  # position and unit: "Chuyên viên Phòng Tuyên truyền"


def certificates(
    *,
    heading: Heading,
    kind: str,
    awarding_body: str,
    issued_on: datetime.date,
    signature: Signature,
    awards: Sequence[Award],
    decision: str = "",
) -> bytes:
    """One landscape A4 page per awardee ("GIẤY KHEN", "BẰNG KHEN"), in one .docx file.

    `awarding_body` is printed above the kind ("BAN THƯỜNG VỤ TỈNH ỦY HẢI PHÒNG");
    `decision` bottom left ("Quyết định số 12-QĐ/BTGDVTU ngày 15/01/2026").
    """
    if not awards:
        raise ValueError("A certificate needs at least one awardee.")
    rules = RULES[heading.profile]
    document = _new_document(rules, landscape=True, margins_mm=(20, 15, 25, 25))
    document.core_properties.title = kind
    document.core_properties.author = heading.issuer_name
    for index, award in enumerate(awards):
        _certificate(document, rules, heading, kind, awarding_body, award, new_page=index > 0)
        _certificate_footer(document, rules, heading, issued_on, signature, decision)
    return _bytes(document)


def _certificate(document, rules, heading, kind, awarding_body, award, *, new_page) -> None:
    if heading.profile == PARTY:
        first = _line(document, PARTY_MOTTO, size=rules.motto, bold=True, underline=True)
    else:
        first = _line(document, NATIONAL_NAME, size=13, bold=True)
        _line(document, NATIONAL_MOTTO, size=14, bold=True, underline=True)
    if new_page:
        first.paragraph_format.page_break_before = True
    _line(document, awarding_body, size=16, bold=True, before=24)
    _line(document, kind, size=40, bold=True, before=18)
    _line(document, "Tặng", size=16, italic=True, before=12)
    _line(document, award.name, size=26, bold=True, before=6)
    if award.details:
        _line(document, award.details, size=16, before=6)
    reason = _line(document, award.reason, size=16, italic=True, before=6)
    reason.paragraph_format.left_indent = reason.paragraph_format.right_indent = Cm(2)
    _space(document, 24)


def _certificate_footer(document, rules, heading, issued_on, signature, decision) -> None:
    table = _layout_table(document, rows=1, widths_cm=(12.0, 12.5))
    _keep_together(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(left, decision, size=12, align="left")
    date = place_and_date(heading.place_name, issued_on)
    _line(right, date, size=rules.date, italic=True)
    _signature(right, signature, size=rules.body)


# Building blocks ------------------------------------------------------------------------


def _new_document(rules: Rules, *, landscape: bool, margins_mm=None):
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    top, bottom, left, right = margins_mm or rules.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    _default_font(document, size=rules.body)
    return document


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _default_font(document, *, size: float) -> None:
    """Times New Roman everywhere: the template's theme fonts would otherwise win."""
    run_defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    properties = run_defaults.find(qn("w:rPr"))
    fonts = properties.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    _set_fonts(properties)
    language = properties.find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(size)
    _set_fonts(normal.element.get_or_add_rPr())


def _set_fonts(run_properties) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)


def _page_numbers(document, *, size: float) -> None:
    """Arabic page numbers centred in the top margin, none on the first page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    field.append(_run(paragraph, "1", size=size)._r)  # the shown value until Word updates it
    paragraph._p.append(field)


def _run(
    paragraph: Paragraph, text: str, *, size: float, bold=False, italic=False, underline=False
):
    run = paragraph.add_run(text)
    run.font.name, run.font.size = FONT, Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    _set_fonts(run._r.get_or_add_rPr())
    return run


def _line(
    container,
    text: str,
    *,
    size: float,
    bold=False,
    italic=False,
    underline=False,
    align: str = "center",
    before: float = 0,
) -> Paragraph:
    """One tight paragraph, centred unless told: the heading and signature lines."""
    paragraph = container.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.alignment = ALIGN[align]
    paragraph_format.space_before, paragraph_format.space_after = Pt(before), Pt(0)
    paragraph_format.line_spacing = 1.0
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    else:
        _set_mark_size(paragraph, size)
    return paragraph


def _body_paragraph(document, rules: Rules, *, align: str, indent: bool) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.alignment = ALIGN[align]
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(rules.paragraph_after_pt)
    paragraph_format.line_spacing = rules.line_spacing
    if indent:
        paragraph_format.first_line_indent = Cm(rules.first_line_indent_cm)
    return paragraph


def _space(container, size: float) -> None:
    _line(container, "", size=size)


def _set_mark_size(paragraph: Paragraph, size: float) -> None:
    """An empty paragraph is as tall as its paragraph mark: size the mark."""
    properties = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        mark.append(element)
    properties.append(mark)


def _rule(container, *, length_cm: float, within_cm: float) -> None:
    """A short centred solid line: the bottom border of an empty paragraph, indented in."""
    paragraph = _line(container, "", size=2)
    paragraph.paragraph_format.space_before = Pt(3)  # clear of the descenders above
    side = Cm(max(within_cm - length_cm, 0) / 2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"val": "single", "sz": "6", "space": "1", "color": "000000"}.items():
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"
    )


def _layout_table(document, *, rows: int, widths_cm: Sequence[float], style=None) -> Table:
    """A table of fixed column widths whose cells start empty (no default paragraph)."""
    table = document.add_table(rows=rows, cols=len(widths_cm))
    table.style = style
    table.autofit = False
    if style is None:
        _no_side_margins(table)
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            _clear(cell)
    return table


def _no_side_margins(table: Table) -> None:
    """A borderless layout table lines up with the page margins, as the rules draw it."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _clear(cell: _Cell) -> None:
    # Each cell is then filled with at least one paragraph, as Word requires.
    for paragraph in cell.paragraphs:
        cell._tc.remove(paragraph._p)


def _repeat_as_header(row) -> None:
    _row_property(row, "w:tblHeader")


def _keep_together(row) -> None:
    """The signature block moves to the next page whole, never split from its name."""
    _row_property(row, "w:cantSplit")


def _row_property(row, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _signature(cell: _Cell, signature: Signature, *, size: float) -> None:
    if signature.authority:
        _line(cell, signature.authority, size=size, bold=True)
    _line(cell, signature.position, size=size, bold=True)
    for _ in range(4):  # room for the handwritten signature and the seal
        _line(cell, "", size=size)
    _line(cell, signature.name, size=size, bold=True)


def _recipient_lines(recipients: Sequence[str], separator: str) -> list[str]:
    """ "- Như Điều 3;" ... "- Lưu: VT, TH." whatever dashes or stops the caller wrote."""
    items = [text.strip().lstrip("-").strip().rstrip(";,.") for text in recipients]
    return [
        f"- {text}{'.' if index == len(items) - 1 else separator}"
        for index, text in enumerate(items)
    ]


def _text_width_cm(rules: Rules) -> float:
    """The width between the margins of an A4 portrait page."""
    _top, _bottom, left, right = rules.margins_mm
    return (210 - left - right) / 10


def _text_cm(text: str, size: float, *, em: float = 0.7) -> float:
    # An estimate (Times New Roman bold: capitals about 0.7 em wide, mixed case 0.5): enough
    # to size the short rule under a name, which Decree 30 wants 1/3 to 1/2 of the text.
    return len(text) * size * em / 72 * 2.54
