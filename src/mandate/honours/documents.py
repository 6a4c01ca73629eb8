"""The papers of emulation and commendation as .docx (core.documents draws them): the
decision with its annexed list of awardees, the certificates, and a nominee's achievement
report. They are records of the province, so they are written in Vietnamese whatever the
reader's language; the titles' names, legal bases and multipliers are read from the rules
(TitleRule, Title), never written here.
"""

import datetime
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from mandate.core.documents import (
    PARTY,
    SIGNING_PREFIXES,
    STATE,
    FormalDocument,
    Heading,
    Signature,
    certificates,
    heading_from_issuer,
)
from mandate.core.documents import Award as Certificate
from mandate.directives.services import issuing_profile
from mandate.honours.evidence import Evidence, draft_achievement_report, evidence_for
from mandate.honours.models import Decision, Nomination, Title
from mandate.org.models import Unit
from mandate.work.models import Bucket

TEXT_WIDTH_CM = 16.5  # A4 portrait between the 30 and 15 mm margins
ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
# The texts a decision cites, as the titles' `legal_basis` names them (Law, decrees, the
# province's own rules), in the order a decision cites them.
REFERENCES = [
    re.compile(r"Luật\s[^;()]*?\bsố\s*\d+/\d{4}/QH\d+"),
    re.compile(r"Nghị định\s(?:số\s)?\d+/\d{4}/NĐ-CP"),
    re.compile(r"(?:Quyết định|Quy chế|Quy định)\s[^;()]*?\bsố\s*\d+/\d{4}/QĐ-UBND"),
    re.compile(r"[Qq]uy chế thi đua, khen thưởng của tỉnh"),
]
REWARD_DECREE = re.compile(r"mức thưởng:\s*(Nghị định\s(?:số\s)?\d+/\d{4}/NĐ-CP)")
PARTY_NUMBER = re.compile(r"^\s*(?:số\s*:?\s*)?\d+-", re.IGNORECASE)


# The issuer --------------------------------------------------------------------------


def issuer_heading(unit: Unit, on: datetime.date, *, name: str, number: str = "") -> Heading:
    """The heading of the profile in force on `on` for the unit, or for the nearest unit
    above it that has one; failing all, `name` in the profile the number is written in."""
    if profile := issuing_profile(unit=unit, on=on):
        return heading_from_issuer(profile)
    place = unit.locality.name if unit.locality_id else "……"
    profile = PARTY if PARTY_NUMBER.match(number) else STATE
    return Heading(profile=profile, issuer_name=name.upper(), place_name=place)


def _signature(decision: Decision, profile: str) -> Signature:
    """A deputy signs for the head: "Phó Trưởng ban" is "K/T TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN"."""
    position = decision.signer_position.strip()
    authority = ""
    if position.lower().startswith("phó "):
        authority = f"{SIGNING_PREFIXES[profile]['deputy']} {position[4:].strip().upper()}"
    return Signature(position=position.upper(), name=decision.signer_name, authority=authority)


# Words and figures ---------------------------------------------------------------------


def _date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def money(amount: int) -> str:
    """2340000 -> "2.340.000": how Vietnamese writes amounts."""
    return f"{amount:,}".replace(",", ".")


def multiplier_text(value: Decimal) -> str:
    """0.30 -> "0,3"; 1.00 -> "1"."""
    return f"{value.normalize():f}".replace(".", ",")


def base_salary(on: datetime.date) -> int | None:
    """The base salary (mức lương cơ sở, VND a month) in force on `on`, from the setting
    MANDATE_BASE_SALARY: an amount, or {valid from: amount}. None when not set."""
    value = getattr(settings, "MANDATE_BASE_SALARY", None)
    if not value:
        return None
    if not isinstance(value, dict):
        return int(value)
    dated = sorted(
        (datetime.date.fromisoformat(str(start)), int(amount)) for start, amount in value.items()
    )
    in_force = [amount for start, amount in dated if start <= on]
    return in_force[-1] if in_force else None


def title_phrase(title: Title) -> str:
    """ "danh hiệu “Lao động tiên tiến”" for a title, "Giấy khen" for a form."""
    if title.kind == Title.Kind.EMULATION_TITLE:
        return f"danh hiệu “{title.name}”"
    return title.name


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(nominations: list[Nomination]) -> str:
    people = sum(1 for nomination in nominations if not nomination.is_collective)
    collectives = len(nominations) - people
    parts = [f"{people} cá nhân" if people else "", f"{collectives} tập thể" if collectives else ""]
    return " và ".join(part for part in parts if part)


def _period(award_round) -> str:
    if award_round.recurrence == Title.Recurrence.ANNUAL:
        return f"năm {award_round.year}"
    return f"trong {award_round.name[:1].lower()}{award_round.name[1:]}"


def _references(titles: Iterable[Title]) -> list[str]:
    """The texts the titles' legal bases cite, each once, Law first."""
    found: dict[str, str] = {}
    for pattern in REFERENCES:
        for title in titles:
            for match in pattern.finditer(title.legal_basis):
                text = _capitalised(match.group(0))
                found.setdefault(text.replace("số ", "").casefold(), text)
    return list(found.values())


# The decision ------------------------------------------------------------------------


def _awardees(decision: Decision, *, standing_only: bool = False) -> list[Nomination]:
    nominations = decision.nominations.select_related(
        "title", "round", "unit", "person", "nominee_unit", "nominee_unit__parent", "award__unit"
    )
    if standing_only:  # a revoked award gets no certificate
        nominations = nominations.filter(status=Nomination.Status.DECIDED)
    return list(
        nominations.order_by(
            "title__sort_order", "title__code", "unit__search_text", "person__full_name", "id"
        )
    )


def _by_title(nominations: list[Nomination]) -> list[tuple[Title, list[Nomination]]]:
    return [
        (group[0].title, group)
        for group in (list(rows) for _id, rows in groupby(nominations, key=lambda n: n.title_id))
    ]


def decision_title(decision: Decision, titles: list[Title]) -> str:
    """ "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm 2025" and its kin."""
    kinds = {title.kind for title in titles}
    if kinds == {Title.Kind.EMULATION_TITLE}:
        what = "tặng danh hiệu thi đua"
    elif kinds == {Title.Kind.COMMENDATION}:
        what = f"tặng {titles[0].name}" if len(titles) == 1 else "khen thưởng"
    else:
        what = "tặng danh hiệu thi đua và hình thức khen thưởng"
    return f"Về việc {what} {_period(decision.round)}"


def decision_docx(decision: Decision) -> bytes:
    """The decision, its articles, signature and recipients, then the annexed list."""
    unit = decision.round.unit
    awardees = _awardees(decision)
    groups = _by_title(awardees)
    titles = [title for title, _rows in groups]
    heading = issuer_heading(
        unit, decision.signed_on, name=decision.issuing_authority, number=decision.number
    )
    document = FormalDocument(
        heading,
        number=decision.number,
        issued_on=decision.signed_on,
        kind="QUYẾT ĐỊNH",
        title=decision_title(decision, titles),
    )
    authority = decision.issuing_authority.strip()
    document.paragraph(authority.upper(), bold=True, align="center", indent=False)
    bases = [f"chức năng, nhiệm vụ, quyền hạn của {authority}", *_references(titles)]
    for basis in bases:
        document.paragraph(f"Căn cứ {basis};", italic=True)
    document.paragraph(f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {unit.name},", italic=True)
    document.paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False)
    _article_one(document, groups)
    _article_two(document, decision, groups)
    proposers = sorted({nomination.unit.name for nomination in awardees})
    document.paragraph(
        "Quyết định có hiệu lực kể từ ngày ký. "
        + (f"Thủ trưởng các đơn vị: {', '.join(proposers)}; " if proposers else "")
        + "các cá nhân, tập thể có tên tại Điều 1 và các cơ quan, đơn vị liên quan chịu "
        "trách nhiệm thi hành Quyết định này.",
        lead="Điều 3. ",
    )
    document.sign(
        _signature(decision, heading.profile),
        recipients=["Như Điều 3", f"Hội đồng Thi đua - Khen thưởng {unit.name}", "Lưu: VT"],
    )
    document.annex(
        "DANH SÁCH",
        f"(Kèm theo Quyết định số {decision.number} ngày {_date(decision.signed_on)} "
        f"của {authority})",
    )
    for index, (title, rows) in enumerate(groups):
        number = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        document.heading(f"{number}. {title_phrase(title).upper()} ({_count(rows)})")
        _annex_tables(document, rows)
    return document.to_bytes()


def _article_one(document: FormalDocument, groups) -> None:
    document.paragraph(
        "Tặng danh hiệu thi đua, hình thức khen thưởng cho các cá nhân, tập thể có tên "
        "trong danh sách kèm theo Quyết định này, gồm:",
        lead="Điều 1. ",
    )
    for index, (title, rows) in enumerate(groups):
        end = "." if index == len(groups) - 1 else ";"
        document.paragraph(f"- {_capitalised(title_phrase(title))}: {_count(rows)}{end}")


def _article_two(document: FormalDocument, decision: Decision, groups) -> None:
    """The reward: each title's multiplier × the base salary, where the rules set one."""
    salary = base_salary(decision.signed_on)
    decrees = [
        m.group(1) for title, _rows in groups for m in REWARD_DECREE.finditer(title.legal_basis)
    ]
    source = f"theo quy định tại {decrees[0]}" if decrees else "theo quy định hiện hành"
    document.paragraph(f"Tiền thưởng kèm theo thực hiện {source}:", lead="Điều 2. ")
    total = 0
    for title, rows in groups:
        name = _capitalised(title_phrase(title))
        if title.reward_multiplier is None:
            document.paragraph(f"- {name}: mức thưởng theo quy định hiện hành;")
            continue
        multiplier = multiplier_text(title.reward_multiplier)
        line = f"- {name}: {multiplier} lần mức lương cơ sở × {len(rows)}"
        if salary:
            each = int(title.reward_multiplier * salary)
            total += each * len(rows)
            line += f" = {money(each * len(rows))} đồng ({money(each)} đồng mỗi trường hợp)"
        document.paragraph(f"{line};")
    if salary:
        document.paragraph(
            f"Tổng số tiền thưởng: {money(total)} đồng (mức lương cơ sở {money(salary)} đồng)."
        )
    document.paragraph(
        f"Kinh phí khen thưởng chi từ quỹ thi đua, khen thưởng của {decision.round.unit.name}."
    )


def _annex_tables(document: FormalDocument, rows: list[Nomination]) -> None:
    people = [nomination for nomination in rows if not nomination.is_collective]
    collectives = [nomination for nomination in rows if nomination.is_collective]
    both = bool(people and collectives)
    if people:
        if both:
            document.heading("a) Cá nhân", level=3)
        document.table(
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            [
                [index, n.person.full_name or str(n.person), n.person.position, _unit_of(n).name]
                for index, n in enumerate(people, start=1)
            ],
            widths_cm=[1.4, 5.2, 4.1, 5.8],
            align=["center", "left", "left", "left"],
        )
    if collectives:
        if both:
            document.heading("b) Tập thể", level=3)
        document.table(
            ["STT", "Tên tập thể", "Trực thuộc"],
            [
                [index, n.nominee_unit.name, _parent_name(n.nominee_unit)]
                for index, n in enumerate(collectives, start=1)
            ],
            widths_cm=[1.4, 8.1, 7.0],
            align=["center", "left", "left"],
        )


def _unit_of(nomination: Nomination) -> Unit:
    """Where the awardee works: the register's unit (the deepest of theirs within the
    proposing unit), or the proposing unit for a nomination with no award row."""
    award = getattr(nomination, "award", None)
    return award.unit if award is not None else nomination.unit


def _parent_name(unit: Unit) -> str:
    return unit.parent.name if unit.parent_id else ""


# Certificates ------------------------------------------------------------------------


def certificate_kind(title: Title) -> str:
    """ "GIẤY CHỨNG NHẬN" for an emulation title; the form's own word for a commendation
    ("Bằng khen của Chủ tịch UBND tỉnh" prints "BẰNG KHEN")."""
    if title.kind == Title.Kind.EMULATION_TITLE:
        return "GIẤY CHỨNG NHẬN"
    return title.name.split(" của ")[0].upper()


def _certificate(nomination: Nomination) -> Certificate:
    title, period = nomination.title, _period(nomination.round)
    if title.kind == Title.Kind.EMULATION_TITLE:
        reason = f"Đã đạt danh hiệu “{title.name}” {period}"
    else:
        reason = f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ {period}"
    if nomination.is_collective:
        return Certificate(
            nomination.nominee_unit.name, reason, _parent_name(nomination.nominee_unit)
        )
    person = nomination.person
    details = ", ".join(part for part in (person.position, _unit_of(nomination).name) if part)
    return Certificate(person.full_name or str(person), reason, details)


def certificates_docx(decision: Decision) -> bytes:
    """One landscape page per standing award of the decision, grouped by kind of paper."""
    awardees = _awardees(decision, standing_only=True)
    if not awardees:
        raise ValidationError(_("No award of this decision stands: there is nothing to print."))
    heading = issuer_heading(
        decision.round.unit,
        decision.signed_on,
        name=decision.issuing_authority,
        number=decision.number,
    )
    kinds: dict[str, list[Certificate]] = {}
    for nomination in awardees:
        kinds.setdefault(certificate_kind(nomination.title), []).append(_certificate(nomination))
    files = [
        certificates(
            heading=heading,
            kind=kind,
            awarding_body=decision.issuing_authority.upper(),
            issued_on=decision.signed_on,
            signature=_signature(decision, heading.profile),
            awards=awards,
            decision=f"Quyết định số {decision.number} ngày {_date(decision.signed_on)}",
        )
        for kind, awards in kinds.items()
    ]
    return _joined(files)


def _joined(files: list[bytes]) -> bytes:
    """One file of several certificate files (same writer, same styles): each next file's
    pages follow the first's, the first of them on a new page."""
    joined = open_docx(io.BytesIO(files[0]))
    body = joined.element.body
    section = body.find(qn("w:sectPr"))
    for data in files[1:]:
        other = open_docx(io.BytesIO(data)).element.body
        elements = [element for element in other if element.tag != qn("w:sectPr")]
        Paragraph(elements[0], None).paragraph_format.page_break_before = True
        for element in elements:
            section.addprevious(element)
    buffer = io.BytesIO()
    joined.save(buffer)
    return buffer.getvalue()


# The achievement report ----------------------------------------------------------------


def _blank_number(heading: Heading) -> str:
    """A number for the office to fill in by hand: "…./BC-UBND", "….-BC/BTGDVTU"."""
    if not heading.abbreviation:
        return "…."
    if heading.profile == PARTY:
        return f"….-BC/{heading.abbreviation}"
    return f"…./BC-{heading.abbreviation}"


def evidence_rows(evidence: Evidence) -> list[list[str]]:
    """The figures of the evidence, one row each, as the report's table prints them."""
    buckets = evidence.buckets
    rate = evidence.on_time_rate
    rows = [
        ["Tổng số nhiệm vụ", evidence.task_total],
        ["Hoàn thành đúng hạn", buckets.get(Bucket.DONE_ON_TIME, 0)],
        ["Hoàn thành quá hạn", buckets.get(Bucket.DONE_LATE, 0)],
        ["Đang thực hiện trong hạn", buckets.get(Bucket.PENDING_IN_TIME, 0)],
        ["Quá hạn chưa hoàn thành", buckets.get(Bucket.PENDING_OVERDUE, 0)],
        ["Tỷ lệ hoàn thành đúng hạn", "—" if rate is None else f"{rate:g} %".replace(".", ",")],
        ["Nhiệm vụ trọng tâm quá hạn", len(evidence.overdue_key_tasks)],
        ["Vụ việc ở cơ sở đã giải quyết", evidence.cases_resolved],
        ["Trong đó giải quyết đúng hạn", evidence.cases_resolved_on_time],
        ["Đợt tuyên truyền đã thực hiện", evidence.campaigns_carried_out],
        ["Hướng dẫn tuyên truyền đã tiếp nhận", evidence.campaigns_acknowledged],
        ["Khóa học, bồi dưỡng đã hoàn thành", len(evidence.trainings_completed)],
        ["Mô hình hay, cách làm sáng tạo", evidence.practices_originated],
        ["Mô hình được công nhận", evidence.practices_recognised],
        ["Lượt nhân rộng ở đơn vị khác", evidence.replications_elsewhere],
    ]
    if evidence.is_collective:
        rows.append(["Mô hình của nơi khác đã áp dụng", evidence.replications_adopted])
    rows.append(["Vướng kỷ luật, khiếu nại, thanh tra", len(evidence.blocking_conditions)])
    return [[label, str(value)] for label, value in rows]


def achievement_report_docx(nomination: Nomination) -> bytes:
    """The nominee's achievement report (báo cáo thành tích): the text kept on the
    nomination, or the draft made from the evidence, then the evidence as a table."""
    evidence = evidence_for(nomination)
    text = nomination.achievement.strip() or draft_achievement_report(nomination, evidence)
    today = timezone.localdate()
    heading = issuer_heading(nomination.unit, today, name=nomination.unit.name)
    title = nomination.title
    document = FormalDocument(
        heading,
        number=_blank_number(heading),
        issued_on=today,
        kind="BÁO CÁO THÀNH TÍCH",
        title=f"Đề nghị tặng {title_phrase(title)} {_period(nomination.round)}",
    )
    for line in text.splitlines():
        line = line.strip()
        if not line or line == "BÁO CÁO THÀNH TÍCH" or line.startswith("Đề nghị tặng"):
            continue  # the drafted text repeats the title block
        if re.match(r"^[IVX]+\.\s", line):
            document.heading(line)
        else:
            document.paragraph(line)
    document.heading(
        f"Số liệu trên nền tảng (từ {_date(evidence.period_start)} đến "
        f"{_date(evidence.period_end)}, tính đến {_date(evidence.as_of)})"
    )
    document.table(
        ["Chỉ tiêu", "Số liệu"],
        evidence_rows(evidence),
        widths_cm=[12.0, TEXT_WIDTH_CM - 12.0],
        align=["left", "center"],
    )
    if nomination.is_collective:
        signature = Signature(position="THỦ TRƯỞNG ĐƠN VỊ", name="")
    else:
        person = nomination.person
        signature = Signature(position="NGƯỜI BÁO CÁO THÀNH TÍCH", name=person.full_name)
    document.sign(signature)
    return document.to_bytes()
