"""The national calendar, present after every migrate (editable after).

Source: DOMAIN.md §3.2 (the master table). The founding year is the "base year"
anniversaries are counted from; lunar festivals have none. The major days
("ngày lễ lớn") are those Decree 145/2013/NĐ-CP lists. The sector's two traditional
days (1/8 Tuyên giáo, 15/10 Dân vận) and the paid holidays are "important".
Vietnam Culture Day (24/11) is observed from 2026 (Resolution 80-NQ/TW).

Rows are matched by `key`: existing rows are never overwritten, so an
administrator's edits stand, and running it twice adds nothing.
"""

from dataclasses import dataclass

SOLAR, LUNAR = "solar", "lunar"
NORMAL, IMPORTANT, MAJOR = "normal", "important", "major"


@dataclass(frozen=True)
class Row:
    key: str
    day: int
    month: int
    name: str
    name_en: str
    name_fr: str
    founding_year: int | None = None
    calendar: str = SOLAR
    importance: str = NORMAL
    first_year: int | None = None
    notes: str = ""


OBSERVANCES = [
    Row("new-year", 1, 1, "Tết Dương lịch", "New Year's Day", "Jour de l'An",
        importance=IMPORTANT, notes="Ngày nghỉ lễ."),
    Row("first-general-election", 6, 1, "Tổng tuyển cử đầu tiên bầu Quốc hội",
        "First General Election", "Premières élections générales", 1946),
    Row("tet", 1, 1, "Tết Nguyên đán", "Lunar New Year", "Nouvel An lunaire",
        calendar=LUNAR, importance=MAJOR, notes="Nghỉ 5 ngày; chương trình «Tết vì người nghèo»."),
    Row("lantern-festival", 15, 1, "Rằm tháng Giêng / Ngày Thơ Việt Nam",
        "Lantern Festival / Vietnam Poetry Day", "Fête des lanternes / Journée de la poésie",
        calendar=LUNAR),
    Row("party-founding", 3, 2, "Ngày thành lập Đảng Cộng sản Việt Nam",
        "Communist Party of Vietnam founding", "Fondation du Parti communiste du Vietnam",
        1930, importance=MAJOR),
    Row("doctors-day", 27, 2, "Ngày Thầy thuốc Việt Nam", "Vietnamese Doctors' Day",
        "Journée des médecins vietnamiens", 1955),
    Row("border-guard-day", 3, 3, "Ngày truyền thống Bộ đội Biên phòng", "Border Guard Day",
        "Journée des gardes-frontières", 1959, notes="Cũng là Ngày Biên phòng toàn dân."),
    Row("womens-day", 8, 3, "Ngày Quốc tế Phụ nữ", "International Women's Day",
        "Journée internationale des femmes", 1910),
    Row("hung-kings", 10, 3, "Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration",
        "Commémoration des rois Hùng", calendar=LUNAR, importance=MAJOR,
        notes="Ngày nghỉ lễ từ năm 2007."),
    Row("youth-union", 26, 3, "Ngày thành lập Đoàn TNCS Hồ Chí Minh",
        "Ho Chi Minh Communist Youth Union", "Union de la jeunesse communiste Hô Chi Minh", 1931),
    Row("sports-day", 27, 3, "Ngày Thể thao Việt Nam", "Vietnam Sports Day",
        "Journée du sport vietnamien", 1946),
    Row("book-day", 21, 4, "Ngày Sách và Văn hóa đọc Việt Nam", "Book and Reading Culture Day",
        "Journée du livre et de la lecture", 2014),
    Row("reunification", 30, 4, "Ngày Giải phóng miền Nam, thống nhất đất nước",
        "Reunification Day", "Jour de la Réunification", 1975, importance=MAJOR,
        notes="Ngày nghỉ lễ."),
    Row("labour-day", 1, 5, "Ngày Quốc tế Lao động", "International Labour Day",
        "Fête internationale du travail", 1886, importance=IMPORTANT, notes="Ngày nghỉ lễ."),
    Row("dien-bien-phu", 7, 5, "Chiến thắng Điện Biên Phủ", "Điện Biên Phủ Victory",
        "Victoire de Diên Biên Phu", 1954, importance=MAJOR),
    Row("young-pioneers", 15, 5, "Ngày thành lập Đội TNTP Hồ Chí Minh",
        "Ho Chi Minh Young Pioneers", "Pionniers Hô Chi Minh", 1941),
    Row("ho-chi-minh-birthday", 19, 5, "Ngày sinh Chủ tịch Hồ Chí Minh",
        "President Hồ Chí Minh's birthday", "Anniversaire du président Hô Chi Minh", 1890,
        importance=MAJOR),
    Row("buddha-birthday", 15, 4, "Lễ Phật đản", "Buddha's Birthday", "Anniversaire de Bouddha",
        calendar=LUNAR, notes="Công tác dân vận, tôn giáo."),
    Row("childrens-day", 1, 6, "Ngày Quốc tế Thiếu nhi", "International Children's Day",
        "Journée internationale de l'enfance", 1950),
    Row("uncle-ho-departure", 5, 6, "Ngày Bác Hồ ra đi tìm đường cứu nước",
        "Hồ Chí Minh leaves to find a way to save the nation",
        "Départ de Hô Chi Minh pour sauver la nation", 1911),
    Row("press-day", 21, 6, "Ngày Báo chí Cách mạng Việt Nam",
        "Vietnamese Revolutionary Press Day", "Journée de la presse révolutionnaire", 1925),
    Row("family-day", 28, 6, "Ngày Gia đình Việt Nam", "Vietnamese Family Day",
        "Journée de la famille vietnamienne", 2001),
    Row("martyrs-day", 27, 7, "Ngày Thương binh – Liệt sĩ", "War Invalids and Martyrs Day",
        "Journée des invalides et des martyrs", 1947),
    Row("trade-union", 28, 7, "Ngày thành lập Công đoàn Việt Nam", "Vietnam Trade Union",
        "Fondation de la Confédération du travail", 1929),
    Row("communication-education-day", 1, 8, "Ngày truyền thống ngành Tuyên giáo của Đảng",
        "Party Communication-Education sector day",
        "Journée traditionnelle de la propagande et de l'éducation du Parti", 1930,
        importance=IMPORTANT, notes="Ban Cổ động và Tuyên truyền, 1/8/1930."),
    Row("ullambana", 15, 7, "Lễ Vu Lan", "Ullambana", "Fête d'Ullambana", calendar=LUNAR),
    Row("august-revolution", 19, 8,
        "Cách mạng Tháng Tám; Ngày truyền thống Công an nhân dân",
        "August Revolution; People's Public Security",
        "Révolution d'Août ; Journée de la Sécurité publique", 1945, importance=MAJOR),
    Row("national-day", 2, 9, "Quốc khánh", "National Day", "Fête nationale", 1945,
        importance=MAJOR, notes="Nghỉ 2 ngày; cũng là ngày mất của Chủ tịch Hồ Chí Minh (1969)."),
    Row("southern-resistance", 23, 9, "Nam Bộ kháng chiến", "Southern Resistance Day",
        "Journée de la résistance du Sud", 1945),
    Row("capital-liberation", 10, 10, "Giải phóng Thủ đô; Ngày Chuyển đổi số quốc gia",
        "Liberation of the Capital; National Digital Transformation Day",
        "Libération de la capitale ; Journée de la transformation numérique", 1954,
        notes="Ngày Chuyển đổi số quốc gia từ năm 2022."),
    Row("entrepreneurs-day", 13, 10, "Ngày Doanh nhân Việt Nam", "Vietnam Entrepreneurs' Day",
        "Journée des entrepreneurs vietnamiens", 2004),
    Row("farmers-union", 14, 10, "Ngày thành lập Hội Nông dân Việt Nam", "Vietnam Farmers' Union",
        "Fondation de l'Union des paysans du Vietnam", 1930),
    Row("mass-mobilisation-day", 15, 10,
        "Ngày truyền thống công tác Dân vận của Đảng / Ngày Dân vận",
        "Party Mass Mobilisation Day", "Journée de la mobilisation des masses du Parti", 1930,
        importance=IMPORTANT,
        notes="Ngành hợp nhất có hai ngày truyền thống (1/8 và 15/10)."),
    Row("mid-autumn", 15, 8, "Tết Trung thu", "Mid-Autumn Festival", "Fête de la mi-automne",
        calendar=LUNAR, notes="Các chương trình cho thiếu nhi."),
    Row("womens-union", 20, 10, "Ngày thành lập Hội LHPN Việt Nam",
        "Vietnam Women's Union / Vietnamese Women's Day",
        "Fondation de l'Union des femmes / Journée des femmes vietnamiennes", 1930),
    Row("law-day", 9, 11, "Ngày Pháp luật Việt Nam", "Vietnam Law Day",
        "Journée du droit vietnamien", 2013),
    Row("fatherland-front", 18, 11,
        "Ngày thành lập MTTQ Việt Nam – Ngày hội Đại đoàn kết toàn dân tộc",
        "Vietnam Fatherland Front / National Great Unity Day",
        "Fondation du Front de la Patrie / Journée de la grande union nationale", 1930,
        notes="Ngày hội ở khu dân cư."),
    Row("teachers-day", 20, 11, "Ngày Nhà giáo Việt Nam", "Vietnamese Teachers' Day",
        "Journée des enseignants vietnamiens", 1982),
    Row("cultural-heritage-day", 23, 11, "Ngày Di sản Văn hóa Việt Nam", "Cultural Heritage Day",
        "Journée du patrimoine culturel", 1945, notes="Sắc lệnh 65."),
    Row("culture-day", 24, 11, "Ngày Văn hóa Việt Nam", "Vietnam Culture Day",
        "Journée de la culture vietnamienne", 1946, importance=IMPORTANT, first_year=2026,
        notes="Ngày nghỉ lễ từ năm 2026 (Nghị quyết 80-NQ/TW)."),
    Row("veterans-association", 6, 12, "Ngày thành lập Hội Cựu chiến binh Việt Nam",
        "Veterans' Association", "Fondation de l'Association des anciens combattants", 1989),
    Row("national-resistance", 19, 12, "Ngày Toàn quốc kháng chiến", "National Resistance Day",
        "Journée de la résistance nationale", 1946),
    Row("peoples-army", 22, 12,
        "Ngày thành lập QĐND Việt Nam; Ngày hội Quốc phòng toàn dân",
        "Vietnam People's Army; All-People's National Defence Day",
        "Fondation de l'Armée populaire ; Journée de la défense nationale", 1944,
        notes="Ngày hội Quốc phòng toàn dân từ năm 1989."),
    Row("hanoi-dien-bien-phu-air", 30, 12, "Chiến thắng «Hà Nội – Điện Biên Phủ trên không»",
        "“Điện Biên Phủ in the air” victory", "Victoire du « Diên Biên Phu aérien »", 1972),
    Row("kitchen-gods", 23, 12, "Tết ông Công ông Táo", "Kitchen Gods' Day",
        "Fête des génies du foyer", calendar=LUNAR),
]  # fmt: skip


def ensure_observances(sender=None, using: str = "default", **kwargs) -> None:
    from mandate.observances.models import Observance

    existing = set(Observance.objects.using(using).values_list("key", flat=True))
    Observance.objects.using(using).bulk_create(
        [
            Observance(
                key=row.key,
                name=row.name,
                name_en=row.name_en,
                name_fr=row.name_fr,
                calendar=row.calendar,
                month=row.month,
                day=row.day,
                founding_year=row.founding_year,
                first_year=row.first_year,
                importance=row.importance,
                notes=row.notes,
            )
            for row in OBSERVANCES
            if row.key not in existing
        ]
    )
