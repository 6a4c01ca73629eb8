"""The titles and forms of commendation, their rules and dossiers, present after every
migrate (editable after, in the admin).

Source: DOMAIN.md §2.2-2.5 (Law 06/2022/QH15, Decrees 98/2023 and 152/2025). Several
figures there are marked unsure (the 15 % cap carried over from Decree 91/2017, the
70 % share, the 90 % council vote): they are rows with their legal basis and dates,
so a province corrects them without touching code.

Titles are matched by `code`: an existing title is never overwritten and its rules
and dossier are only written when the title itself is new, so an administrator's
edits stand and running this twice adds nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREE_98 = "Nghị định 98/2023/NĐ-CP"
DECREE_152 = "Nghị định 152/2025/NĐ-CP"
LAW_IN_FORCE = datetime.date(2024, 1, 1)

# Rule kinds, as TitleRule.Kind stores them.
MIN_RATING, PREREQUISITE, CAP = "min_task_rating", "prerequisite", "cap_share_of"
MEMBERS_SHARE, MEMBERS_RATING, MEMBERS_WITH = "members_share", "members_rating", "members_with"
NO_BLOCKING, NO_MEMBER_DISCIPLINE, COUNCIL = (
    "no_blocking",
    "no_member_discipline",
    "council_approval",
)


@dataclass(frozen=True)
class Rule:
    kind: str
    other: str = ""
    count: int | None = None
    percent: str | None = None
    rating: str = ""
    legal_basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class Item:
    name: str
    form: str = ""
    is_required: bool = True
    copies: int = 1


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    name_en: str
    name_fr: str
    kind: str
    beneficiary: str
    level: str
    multiplier: str | None
    decided_by: str
    criteria: str
    legal_basis: str
    rules: tuple[Rule, ...] = ()
    dossier: tuple[Item, ...] = ()
    recurrence: str = "annual"
    valid_from: datetime.date = LAW_IN_FORCE


ACHIEVEMENT_REPORT = Item("Báo cáo thành tích", f"Phụ lục I {DECREE_98}")
COUNCIL_MINUTES = Item("Biên bản họp Hội đồng Thi đua - Khen thưởng kèm kết quả bỏ phiếu kín")
SUBMISSION = Item("Tờ trình kèm danh sách đề nghị", f"Mẫu 01 Phụ lục I {DECREE_98}")
NO_BLOCK = Rule(
    NO_BLOCKING,
    legal_basis=f"{DECREE_152} (không khen khi đang bị kỷ luật, "
    "thanh tra, kiểm tra hoặc có khiếu nại, tố cáo chưa giải quyết)",
)

TITLES = [
    Row("lao-dong-tien-tien", "Lao động tiên tiến", "Advanced Worker", "Travailleur avancé",
        "title", "individual", "unit", "0.3",
        "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân; Chủ tịch UBND cấp xã",
        "Hoàn thành tốt nhiệm vụ trở lên; có tinh thần tự lực, tự cường, đoàn kết, "
        "tương trợ, tích cực tham gia phong trào thi đua.",
        f"{LAW}, Điều 24 và Điều 80; mức thưởng: {DECREE_152}",
        rules=(Rule(MIN_RATING, rating="good", legal_basis=f"{LAW}, Điều 24"), NO_BLOCK)),
    Row("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter",
        "Combattant d'émulation de base", "title", "individual", "unit", "1.0",
        "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân; thủ trưởng cơ quan chuyên môn "
        "cấp tỉnh và tương đương",
        "Đạt tiêu chuẩn Lao động tiên tiến; hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến "
        "được công nhận ở cơ sở, đề tài khoa học được nghiệm thu.",
        f"{LAW}, Điều 23 và Điều 80; mức thưởng: {DECREE_152}",
        rules=(
            Rule(PREREQUISITE, "lao-dong-tien-tien", count=1, legal_basis=f"{LAW}, Điều 23"),
            Rule(MIN_RATING, rating="excellent", legal_basis=f"{LAW}, Điều 23"),
            Rule(CAP, "lao-dong-tien-tien", percent="15",
                 legal_basis="Nghị định 91/2017/NĐ-CP (tỷ lệ 15 %); cần đối chiếu "
                 f"{DECREE_98} và {DECREE_152}",
                 note="Không quá 15 % số cá nhân đạt Lao động tiên tiến của đơn vị."),
            NO_BLOCK),
        dossier=(ACHIEVEMENT_REPORT, Item("Minh chứng sáng kiến hoặc đề tài khoa học được công "
                                          "nhận", is_required=False))),
    Row("chien-si-thi-dua-tinh", "Chiến sĩ thi đua cấp tỉnh", "Provincial Emulation Fighter",
        "Combattant d'émulation provincial", "title", "individual", "province", "3.0",
        "Chủ tịch UBND tỉnh",
        "Tiêu biểu xuất sắc trong số những cá nhân có 3 lần liên tục đạt danh hiệu Chiến sĩ "
        "thi đua cơ sở; có sáng kiến, đề tài khoa học có hiệu quả, phạm vi ảnh hưởng cấp tỉnh.",
        f"{LAW}, Điều 22; mức thưởng: {DECREE_152}",
        rules=(
            Rule(PREREQUISITE, "chien-si-thi-dua-co-so", count=3, legal_basis=f"{LAW}, Điều 22",
                 note="Ba năm liên tục đến năm xét."),
            Rule(COUNCIL, percent="90",
                 legal_basis="Nghị định 91/2017/NĐ-CP (bỏ phiếu kín, từ 90 % tổng số thành viên "
                 "Hội đồng); cần đối chiếu văn bản hiện hành"),
            NO_BLOCK),
        dossier=(SUBMISSION, ACHIEVEMENT_REPORT, COUNCIL_MINUTES,
                 Item("Quyết định công nhận sáng kiến hoặc đề tài khoa học cấp tỉnh"))),
    Row("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "Advanced Collective",
        "Collectif avancé", "title", "collective", "unit", "0.8",
        "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân; thủ trưởng cơ quan chuyên môn "
        "cấp tỉnh",
        "Hoàn thành tốt nhiệm vụ; phong trào thi đua thường xuyên, hiệu quả; từ 70 % cá nhân "
        "đạt Lao động tiên tiến; không có cá nhân bị kỷ luật từ cảnh cáo trở lên; nội bộ "
        "đoàn kết.",
        f"{LAW}, Điều 28 và Điều 80; tỷ lệ 70 %: quy chế của cơ quan, cần đối chiếu quy định "
        "của tỉnh",
        rules=(
            Rule(MIN_RATING, rating="good"),
            Rule(MEMBERS_SHARE, "lao-dong-tien-tien", percent="70",
                 legal_basis="Quy chế thi đua, khen thưởng (Văn phòng Chính phủ 2024: ≥ 70 %); "
                 "luật cũ: > 50 %"),
            Rule(NO_MEMBER_DISCIPLINE, note="Kỷ luật từ cảnh cáo trở lên."),
            NO_BLOCK)),
    Row("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", "Excellent Collective",
        "Collectif excellent", "title", "collective", "province", "1.5", "Chủ tịch UBND tỉnh",
        "Hoàn thành xuất sắc nhiệm vụ; phong trào thi đua thiết thực, hiệu quả; 100 % cá nhân "
        "hoàn thành nhiệm vụ, từ 70 % đạt Lao động tiên tiến; có cá nhân đạt Chiến sĩ thi đua "
        "cơ sở; nội bộ đoàn kết, gương mẫu chấp hành.",
        f"{LAW}, Điều 27; mức thưởng: {DECREE_152}",
        rules=(
            Rule(MIN_RATING, rating="excellent", legal_basis=f"{LAW}, Điều 27"),
            Rule(MEMBERS_RATING, rating="completed", percent="100", legal_basis=f"{LAW}, Điều 27"),
            Rule(MEMBERS_SHARE, "lao-dong-tien-tien", percent="70", legal_basis=f"{LAW}, Điều 27"),
            Rule(MEMBERS_WITH, "chien-si-thi-dua-co-so", count=1, legal_basis=f"{LAW}, Điều 27"),
            Rule(NO_MEMBER_DISCIPLINE),
            NO_BLOCK),
        dossier=(SUBMISSION, ACHIEVEMENT_REPORT)),
    Row("co-thi-dua-tinh", "Cờ thi đua của UBND tỉnh", "Provincial Emulation Flag",
        "Drapeau d'émulation provincial", "title", "collective", "province", None,
        "Chủ tịch UBND tỉnh",
        "Tập thể tiêu biểu xuất sắc, dẫn đầu khối, cụm thi đua, được suy tôn; trong số các "
        "tập thể đạt Tập thể lao động xuất sắc.",
        f"{LAW}; mức thưởng: {DECREE_152} (cần đối chiếu)",
        rules=(Rule(PREREQUISITE, "tap-the-lao-dong-xuat-sac", count=1), NO_BLOCK),
        dossier=(SUBMISSION, ACHIEVEMENT_REPORT,
                 Item("Biên bản bình xét, suy tôn của khối, cụm thi đua"))),
    Row("giay-khen", "Giấy khen", "Certificate of Merit", "Certificat de mérite",
        "commendation", "any", "unit", None,
        "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân; thủ trưởng cơ quan chuyên môn "
        "cấp tỉnh; Chủ tịch UBND cấp xã",
        "Cá nhân, tập thể có thành tích trong thực hiện nhiệm vụ, phong trào thi đua hoặc "
        "thành tích đột xuất; chi tiết theo quy chế của tỉnh.",
        f"{LAW}, Điều 80; mức thưởng: {DECREE_152} (cần đối chiếu)",
        rules=(NO_BLOCK,), recurrence="ad_hoc"),
    Row("bang-khen-chu-tich-ubnd-tinh", "Bằng khen của Chủ tịch UBND tỉnh",
        "Certificate of Merit of the Provincial Chair", "Diplôme d'honneur du président "
        "provincial", "commendation", "any", "province", None, "Chủ tịch UBND tỉnh",
        "Gương mẫu chấp hành; có thành tích xuất sắc được bình xét trong phong trào thi đua "
        "hoặc thành tích đột xuất; chi tiết theo quy chế của tỉnh.",
        f"{LAW}; quy chế thi đua, khen thưởng của tỉnh",
        rules=(NO_BLOCK,), dossier=(SUBMISSION, ACHIEVEMENT_REPORT), recurrence="ad_hoc"),
]  # fmt: skip


def ensure_titles(sender=None, using: str = "default", **kwargs) -> None:
    """Add each title whose code is missing, then the rules and dossiers of the new ones."""
    from mandate.honours.models import DossierItem, Title, TitleRule

    titles = Title.objects.using(using)
    existing = set(titles.values_list("code", flat=True))
    new = [row for row in TITLES if row.code not in existing]
    if not new:
        return
    titles.bulk_create(
        Title(
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            name_fr=row.name_fr,
            kind=row.kind,
            beneficiary=row.beneficiary,
            recurrence=row.recurrence,
            decided_by=row.decided_by,
            deciding_level=row.level,
            criteria=row.criteria,
            legal_basis=row.legal_basis,
            valid_from=row.valid_from,
            reward_multiplier=Decimal(row.multiplier) if row.multiplier else None,
            sort_order=(TITLES.index(row) + 1) * 10,
        )
        for row in new
    )
    ids = dict(titles.values_list("code", "pk"))
    TitleRule.objects.using(using).bulk_create(
        TitleRule(
            title_id=ids[row.code],
            kind=rule.kind,
            other_title_id=ids.get(rule.other) if rule.other else None,
            count=rule.count,
            percent=Decimal(rule.percent) if rule.percent else None,
            rating=rule.rating,
            legal_basis=rule.legal_basis or row.legal_basis,
            note=rule.note,
            valid_from=row.valid_from,
            sort_order=order,
        )
        for row in new
        for order, rule in enumerate(row.rules)
    )
    DossierItem.objects.using(using).bulk_create(
        DossierItem(
            title_id=ids[row.code],
            name=item.name,
            form=item.form,
            copies=item.copies,
            is_required=item.is_required,
            sort_order=order,
        )
        for row in new
        for order, item in enumerate(row.dossier)
    )
