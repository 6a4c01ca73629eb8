"""The demo province's guiding documents: issuer profiles, documents and review milestones.

Central documents are real: number, issuing body, date and subject. Where the exact
wording of a title was not checked against the text, the title is a plain description of
its subject (no quotation marks). Documents of Hải Phòng's party committee and People's
Committee, and the department's own, are invented for the demo; the department's and
the Department of Culture's own numbers come from their series through issue_document().
"""

import datetime
import random
from collections.abc import Callable

from django.utils.translation import gettext as _

from mandate.directives.models import Document, DocumentType, IssuerProfile, Profile
from mandate.directives.services import (
    DocumentData,
    add_milestone,
    complete_milestone,
    issue_document,
    register_document,
    update_document,
)
from mandate.org.models import Role, Unit, User

D = datetime.date
PRELIMINARY, FINAL = "preliminary", "final"

# (type code, number and symbol, issuer, issued on, title, status)
CENTRAL = [
    (
        "NQ",
        "57-NQ/TW",
        "Bộ Chính trị",
        D(2024, 12, 22),
        "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
        "số quốc gia",
    ),
    # ⚠️ the day of issue of 80-NQ/TW (January 2026) was not checked against the text.
    ("NQ", "80-NQ/TW", "Bộ Chính trị", D(2026, 1, 7), "Nghị quyết về phát triển văn hóa Việt Nam"),
    (
        "KL",
        "100-KL/TW",
        "Ban Bí thư",
        D(2014, 8, 18),
        "Kết luận về đổi mới, nâng cao chất lượng công tác nắm bắt, nghiên cứu dư luận xã hội",
    ),
    ("CT", "17-CT/TW", "Ban Bí thư", D(2007, 10, 15), "Chỉ thị về công tác tuyên truyền miệng"),
    (
        "HD",
        "167-HD/BTGTW",
        "Ban Tuyên giáo Trung ương",
        D(2015, 12, 26),
        "Hướng dẫn đổi mới, nâng cao chất lượng công tác nắm bắt, nghiên cứu dư luận xã hội",
    ),
    (
        "CT",
        "05-CT/TW",
        "Bộ Chính trị",
        D(2016, 5, 15),
        "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "KL",
        "01-KL/TW",
        "Bộ Chính trị",
        D(2021, 5, 18),
        "Kết luận về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
    ),
    (
        "NQ",
        "35-NQ/TW",
        "Bộ Chính trị",
        D(2018, 10, 22),
        "Nghị quyết về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các "
        "quan điểm sai trái, thù địch trong tình hình mới",
    ),
    (
        "NQ",
        "25-NQ/TW",
        "Ban Chấp hành Trung ương",
        D(2013, 6, 3),
        "Nghị quyết về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận "
        "trong tình hình mới",
    ),
    (
        "NQ",
        "33-NQ/TW",
        "Ban Chấp hành Trung ương",
        D(2014, 6, 9),
        "Nghị quyết về xây dựng và phát triển văn hóa, con người Việt Nam đáp ứng yêu cầu "
        "phát triển bền vững đất nước",
    ),
    (
        "KL",
        "114-KL/TW",
        "Ban Bí thư",
        D(2015, 7, 14),
        "Kết luận về nâng cao chất lượng, hiệu quả công tác dân vận của cơ quan nhà nước các cấp",
    ),
    (
        "QĐ",
        "23-QĐ/TW",
        "Bộ Chính trị",
        D(2021, 7, 30),
        "Quyết định ban hành Quy chế công tác dân vận của hệ thống chính trị",
    ),
]

# Invented documents of the city (profile, type code, symbol, issuer, issued on, title, status)
CITY = [
    (
        Profile.PARTY,
        "KH",
        "25-KH/TU",
        "Thành ủy Hải Phòng",
        D(2025, 2, 20),
        "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa "
        "học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        Document.Status.IN_FORCE,
    ),
    (
        Profile.STATE,
        "KH",
        "150/KH-UBND",
        "Ủy ban nhân dân thành phố Hải Phòng",
        D(2025, 3, 28),
        "Kế hoạch tổ chức các hoạt động kỷ niệm 70 năm Ngày giải phóng Hải Phòng "
        "(13/5/1955 - 13/5/2025)",
        Document.Status.EXPIRED,
    ),
    (
        Profile.PARTY,
        "CT",
        "08-CT/TU",
        "Thành ủy Hải Phòng",
        D(2025, 12, 26),
        "Chỉ thị về lãnh đạo tổ chức đón Tết Nguyên đán Bính Ngọ 2026 vui tươi, lành mạnh, "
        "an toàn, tiết kiệm",
        Document.Status.EXPIRED,
    ),
    (
        Profile.STATE,
        "KH",
        "12/KH-UBND",
        "Ủy ban nhân dân thành phố Hải Phòng",
        D(2026, 1, 16),
        "Kế hoạch chuyển đổi số thành phố Hải Phòng năm 2026",
        Document.Status.IN_FORCE,
    ),
    (
        Profile.PARTY,
        "CTr",
        "05-CTr/TU",
        "Thành ủy Hải Phòng",
        D(2026, 3, 30),
        "Chương trình hành động của Thành ủy thực hiện Nghị quyết số 80-NQ/TW của Bộ Chính trị "
        "về phát triển văn hóa Việt Nam",
        Document.Status.IN_FORCE,
    ),
    (
        Profile.STATE,
        "",
        "3120/UBND-VX",
        "Ủy ban nhân dân thành phố Hải Phòng",
        D(2026, 10, 2),
        "V/v tổ chức các hoạt động hưởng ứng Ngày Văn hóa Việt Nam 24/11/2026",
        Document.Status.IN_FORCE,
    ),
]

# The department's own documents, in order of issue: their numbers come from the series.
DEPARTMENT = [
    (
        "KH",
        D(2025, 10, 20),
        "Kế hoạch tuyên truyền kết quả Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025 - 2030",
        Document.Status.EXPIRED,
    ),
    (
        "KH",
        D(2025, 11, 5),
        "Kế hoạch tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        Document.Status.EXPIRED,
    ),
    (
        "HD",
        D(2025, 11, 20),
        "Hướng dẫn học tập, quán triệt, tuyên truyền Nghị quyết Đại hội đại biểu Đảng bộ thành "
        "phố nhiệm kỳ 2025 - 2030",
        Document.Status.IN_FORCE,
    ),
    (
        "KH",
        D(2025, 12, 15),
        "Kế hoạch công tác tuyên giáo và dân vận năm 2026",
        Document.Status.IN_FORCE,
    ),
    (
        "HD",
        D(2025, 12, 22),
        "Hướng dẫn tuyên truyền các ngày lễ lớn, sự kiện lịch sử, chính trị quan trọng năm 2026",
        Document.Status.IN_FORCE,
    ),
    (
        "KH",
        D(2026, 1, 8),
        "Kế hoạch thực hiện công tác nắm bắt, tổng hợp dư luận xã hội năm 2026",
        Document.Status.IN_FORCE,
    ),
    (
        "KH",
        D(2026, 1, 15),
        "Kế hoạch tổ chức hội nghị báo cáo viên thành phố năm 2026",
        Document.Status.IN_FORCE,
    ),
    (
        "HD",
        D(2026, 2, 10),
        "Hướng dẫn xây dựng, nhân rộng mô hình “Dân vận khéo” năm 2026",
        Document.Status.REPLACED,
    ),
    (
        "KH",
        D(2026, 3, 20),
        "Kế hoạch triển khai phong trào “Bình dân học vụ số” trong hệ thống chính trị thành phố",
        Document.Status.IN_FORCE,
    ),
    (
        "HD",
        D(2026, 5, 15),
        "Hướng dẫn tiêu chí, quy trình công nhận mô hình “Dân vận khéo” năm 2026 (thay thế "
        "Hướng dẫn số 03-HD/BTGDVTU)",
        Document.Status.IN_FORCE,
    ),
    (
        "BC",
        D(2026, 7, 10),
        "Báo cáo sơ kết công tác tuyên giáo và dân vận 6 tháng đầu năm 2026",
        Document.Status.IN_FORCE,
    ),
    (
        "KH",
        D(2026, 10, 5),
        "Kế hoạch tổ chức các hoạt động hưởng ứng Ngày Văn hóa Việt Nam (24/11) năm 2026",
        Document.Status.IN_FORCE,
    ),
]

# The Department of Culture, Sports and Tourism numbers per calendar year (Decree 30).
CULTURE = [
    (
        D(2025, 8, 12),
        "Kế hoạch tổ chức các hoạt động văn hóa, văn nghệ chào mừng 80 năm Cách mạng Tháng Tám "
        "và Quốc khánh 2/9",
        Document.Status.EXPIRED,
    ),
    (
        D(2026, 1, 20),
        "Kế hoạch tổ chức các hoạt động văn hóa, thể thao mừng Đảng, mừng Xuân Bính Ngọ 2026",
        Document.Status.EXPIRED,
    ),
    (
        D(2026, 10, 12),
        "Kế hoạch tổ chức Ngày Văn hóa Việt Nam 24/11/2026 trên địa bàn thành phố",
        Document.Status.IN_FORCE,
    ),
]

SUMMARIES = {
    "NQ": "Quán triệt, cụ thể hóa thành chương trình, kế hoạch của cấp ủy; định kỳ sơ kết, "
    "tổng kết.",
    "KL": "Tiếp tục thực hiện, bổ sung nhiệm vụ, giải pháp phù hợp với tình hình mới.",
    "CT": "Yêu cầu các cấp ủy, tổ chức đảng lãnh đạo, chỉ đạo thực hiện nghiêm túc.",
    "HD": "Hướng dẫn nội dung, hình thức, tiến độ thực hiện và chế độ báo cáo.",
    "KH": "Mục đích, yêu cầu; nội dung, hình thức; tiến độ; phân công thực hiện; chế độ báo cáo.",
    "BC": "Kết quả thực hiện, hạn chế, nguyên nhân; phương hướng, nhiệm vụ thời gian tới.",
}


def _types() -> dict[tuple[str, str], DocumentType]:
    return {(kind.profile, kind.code): kind for kind in DocumentType.objects.all()}


def _leader_of(unit: Unit) -> User:
    return (
        User.objects.dangerously_unscoped()
        .filter(memberships__unit=unit, memberships__role=Role.LEADER)
        .order_by("pk")
        .first()
    )


def seed(*, rng: random.Random, log: Callable[[str], None]) -> list:
    units = {unit.abbreviation: unit for unit in Unit.objects.dangerously_unscoped()}
    department, culture = units["BTGDVTU"], units["SVHTTDL"]
    leader = User.objects.get(username="lanhdao")
    IssuerProfile.objects.create(
        unit=department,
        profile=Profile.PARTY,
        abbreviation="BTGDVTU",
        issuer_name="BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY",
        parent_body="THÀNH ỦY HẢI PHÒNG",
        place_name="Hải Phòng",
        term_starts_on=D(2025, 10, 15),  # the day the city party congress closed
        valid_from=D(2025, 7, 1),
    )
    IssuerProfile.objects.create(
        unit=culture,
        profile=Profile.STATE,
        abbreviation="SVHTTDL",
        issuer_name="SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        parent_body="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
        place_name="Hải Phòng",
        valid_from=D(2025, 7, 1),
    )
    types = _types()
    documents = _register(department, leader, types)
    documents |= _issue(department, culture, leader, types)
    _set_statuses(documents, leader)
    milestones = _milestones(documents, units, leader)
    log(_("Guiding documents: %(count)s") % {"count": len(documents)})
    log(_("Review milestones: %(count)s") % {"count": milestones})
    return []


def _register(unit: Unit, by: User, types) -> dict[str, Document]:
    documents = {}
    for code, symbol, issuer, issued_on, title in CENTRAL:
        data = DocumentData(
            document_type=types[(Profile.PARTY, code)],
            symbol=symbol,
            issuer=issuer,
            issued_on=issued_on,
            effective_on=issued_on,
            title=title,
            summary=SUMMARIES.get(code, ""),
        )
        documents[symbol] = register_document(unit=unit, data=data, by=by)
    for profile, code, symbol, issuer, issued_on, title, _status in CITY:
        data = DocumentData(
            document_type=types[(profile, code)],
            symbol=symbol,
            issuer=issuer,
            issued_on=issued_on,
            effective_on=issued_on,
            title=title,
            summary=SUMMARIES.get(code, ""),
        )
        documents[symbol] = register_document(unit=unit, data=data, by=by)
    return documents


def _issue(department: Unit, culture: Unit, by: User, types) -> dict[str, Document]:
    documents = {}
    for code, issued_on, title, _status in DEPARTMENT:
        document = issue_document(
            unit=department,
            document_type=types[(Profile.PARTY, code)],
            issued_on=issued_on,
            title=title,
            summary=SUMMARIES.get(code, ""),
            by=by,
        )
        documents[document.symbol] = document
    director = _leader_of(culture)
    for issued_on, title, _status in CULTURE:
        document = issue_document(
            unit=culture,
            document_type=types[(Profile.STATE, "KH")],
            issued_on=issued_on,
            title=title,
            summary=SUMMARIES["KH"],
            by=director,
        )
        documents[f"{document.symbol}@{issued_on.year}"] = document
    return documents


def _set_statuses(documents: dict[str, Document], by: User) -> None:
    wanted = {title: status for *_rest, title, status in CITY + DEPARTMENT + CULTURE}
    replacement = documents["04-HD/BTGDVTU"]
    for document in documents.values():
        status = wanted.get(document.title, Document.Status.IN_FORCE)
        if status == Document.Status.REPLACED:
            update_document(document=document, by=by, status=status, replaced_by=replacement)
        elif status != document.status:
            update_document(document=document, by=by, status=status)


# (document key, kind, title, due on, responsible unit, done on, repeat every months)
MILESTONES = [
    (
        "57-NQ/TW",
        PRELIMINARY,
        "Sơ kết 1 năm thực hiện Nghị quyết số 57-NQ/TW trong công tác tuyên giáo và dân vận",
        D(2025, 12, 15),
        "KGVHVN",
        D(2025, 12, 12),
        None,
    ),
    (
        "57-NQ/TW",
        PRELIMINARY,
        "Sơ kết 3 năm thực hiện Nghị quyết số 57-NQ/TW",
        D(2027, 12, 15),
        "KGVHVN",
        None,
        None,
    ),
    (
        "57-NQ/TW",
        FINAL,
        "Tổng kết thực hiện Nghị quyết số 57-NQ/TW giai đoạn 2025 - 2030",
        D(2030, 11, 30),
        "BTGDVTU",
        None,
        None,
    ),
    (
        "100-KL/TW",
        PRELIMINARY,
        "Báo cáo kết quả thực hiện Kết luận số 100-KL/TW hằng năm",
        D(2025, 12, 20),
        "TTBCXB",
        D(2025, 12, 18),
        12,
    ),
    (
        "05-CT/TW",
        FINAL,
        "Tổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW",
        D(2026, 5, 10),
        "LLCT",
        D(2026, 5, 8),
        None,
    ),
    (
        "114-KL/TW",
        PRELIMINARY,
        "Sơ kết 10 năm thực hiện Kết luận số 114-KL/TW",
        D(2025, 9, 30),
        "DVNN",
        D(2025, 9, 26),
        None,
    ),
    (
        "80-NQ/TW",
        PRELIMINARY,
        "Sơ kết 1 năm thực hiện Nghị quyết số 80-NQ/TW",
        D(2027, 1, 15),
        "KGVHVN",
        None,
        None,
    ),
    (
        "03-KH/BTGDVTU",
        PRELIMINARY,
        "Sơ kết 6 tháng thực hiện Kế hoạch công tác tuyên giáo và dân vận năm 2026",
        D(2026, 6, 30),
        "VP",
        D(2026, 7, 3),
        None,
    ),
    (
        "03-KH/BTGDVTU",
        FINAL,
        "Tổng kết thực hiện Kế hoạch công tác tuyên giáo và dân vận năm 2026",
        D(2026, 12, 15),
        "VP",
        None,
        None,
    ),
    (
        "25-KH/TU",
        PRELIMINARY,
        "Báo cáo sơ kết thực hiện Kế hoạch số 25-KH/TU tại cơ sở",
        D(2026, 10, 31),
        "COMMUNE",
        None,
        None,
    ),
    (
        "02/KH-SVHTTDL@2026",
        FINAL,
        "Báo cáo kết quả tổ chức Ngày Văn hóa Việt Nam năm 2026",
        D(2026, 12, 5),
        "SVHTTDL",
        None,
        None,
    ),
]


def _milestones(documents: dict[str, Document], units: dict[str, Unit], by: User) -> int:
    first_commune = (
        Unit.objects.dangerously_unscoped().filter(kind=Unit.Kind.COMMUNE).order_by("pk").first()
    )
    count = 0
    for key, kind, title, due_on, unit_key, done_on, repeat in MILESTONES:
        milestone = add_milestone(
            document=documents[key],
            kind=kind,
            due_on=due_on,
            title=title,
            responsible_unit=first_commune if unit_key == "COMMUNE" else units[unit_key],
            repeat_every_months=repeat,
            by=by,
        )
        count += 1
        if done_on:
            # A yearly review schedules its next occurrence when it is done.
            count += complete_milestone(milestone=milestone, done_on=done_on, by=by) is not None
    return count
