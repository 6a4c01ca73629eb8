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


# Standard campaign templates ----------------------------------------------------------
#
# Plans of steps a department commonly sends down for a major day (Decree 145/2013
# distinguishes round years, DOMAIN.md §3.3). Matched by name: a template whose name
# exists is left as it is, so an administrator's edits stand; one deleted comes back at
# the next migrate, so retiring a template means deactivating it.
ALL = ()  # a step for every kind of target unit
COMMUNE, PRESS, MASS_ORG, AGENCY, DIVISION = "commune", "press", "mass_org", "agency", "division"
ALWAYS, ROUND = "always", "round"


@dataclass(frozen=True)
class Step:
    offset_days: int
    content: str
    method: str = ""
    expected_output: str = ""
    unit_kinds: tuple[str, ...] = ALL
    applies: str = ALWAYS
    is_key: bool = False


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    steps: tuple[Step, ...]
    observance: str = ""  # the key of the observance it is suggested for


# fmt: off
PLAN = Step(
    -45, "Xây dựng, ban hành kế hoạch tuyên truyền của đơn vị theo hướng dẫn của cấp trên",
    "Cụ thể hóa nội dung hướng dẫn phù hợp với đặc điểm của đơn vị; phân công cán bộ phụ trách",
    "Kế hoạch được ký ban hành, gửi Ban Tuyên giáo và Dân vận Thành ủy", is_key=True)
SEMINAR = Step(
    -30, "Tổ chức hội thảo khoa học, tọa đàm hoặc triển lãm ảnh, tư liệu chuyên đề nhân dịp "
    "kỷ niệm năm tròn",
    "Phối hợp Trường Chính trị, Bảo tàng thành phố; mời nhà khoa học, nhân chứng lịch sử",
    "Hội thảo hoặc triển lãm được tổ chức; kỷ yếu, tin, bài phản ánh trên báo chí",
    (AGENCY, DIVISION), ROUND)
PRESS_COVERAGE = Step(
    -15, "Mở chuyên trang, chuyên mục; tăng thời lượng tin, bài, phóng sự tuyên truyền trên báo "
    "in, báo điện tử, phát thanh, truyền hình",
    "Theo đề cương tuyên truyền; đăng, phát trước, trong và sau ngày kỷ niệm",
    "Số tin, bài, phóng sự đã đăng, phát; chuyên trang, chuyên mục", (PRESS,))
LOUDSPEAKERS = Step(
    -15, "Tuyên truyền trên hệ thống loa truyền thanh cơ sở, trang thông tin điện tử và nhóm "
    "mạng xã hội của xã, phường, đặc khu",
    "Phát bài theo đề cương vào khung giờ sáng, chiều; lồng ghép trong sinh hoạt chi bộ, họp "
    "khu dân cư",
    "Số lượt tin, bài phát trên loa; số tin, bài đăng trên trang thông tin điện tử", (COMMUNE,))
MEMBERS = Step(
    -15, "Tuyên truyền trong đoàn viên, hội viên; tổ chức các hoạt động chào mừng phù hợp với "
    "đối tượng",
    "Lồng ghép trong sinh hoạt chi đoàn, chi hội; thi tìm hiểu, văn nghệ, thể thao; trang mạng "
    "xã hội của tổ chức",
    "Số hoạt động, số lượt đoàn viên, hội viên tham gia", (MASS_ORG,))
BANNERS = Step(
    -10, "Treo cờ Tổ quốc, băng rôn, khẩu hiệu; trang trí cổ động trực quan tại trụ sở, nhà văn "
    "hóa và các trục đường chính",
    "Dùng khẩu hiệu theo hướng dẫn; vận động hộ gia đình treo cờ Tổ quốc",
    "Số băng rôn, khẩu hiệu, pano; ảnh chụp tại các điểm chính", (COMMUNE,))
REPORT = Step(
    7, "Báo cáo kết quả tuyên truyền gửi Ban Tuyên giáo và Dân vận Thành ủy",
    "Báo cáo bằng văn bản kèm số liệu, ảnh minh họa; gửi qua nền tảng",
    "Báo cáo kết quả", is_key=True)
COMMENDATION = Step(
    15, "Bình xét, đề nghị khen thưởng tập thể, cá nhân có thành tích tiêu biểu trong các hoạt "
    "động kỷ niệm",
    "Bình xét tại đơn vị; hoàn thiện hồ sơ theo quy định về thi đua, khen thưởng",
    "Tờ trình và hồ sơ đề nghị khen thưởng", (COMMUNE, MASS_ORG), ROUND)

TEMPLATES = [
    Template(
        "Tuyên truyền ngày lễ lớn",
        "Kế hoạch mẫu cho các ngày lễ lớn, sự kiện lịch sử (Nghị định 145/2013/NĐ-CP): các "
        "bước của mọi năm, thêm hội thảo, triển lãm và khen thưởng vào năm tròn.",
        (PLAN, SEMINAR, PRESS_COVERAGE, LOUDSPEAKERS, MEMBERS, BANNERS, REPORT, COMMENDATION),
    ),
    Template(
        "Tuyên truyền đón Tết Nguyên đán",
        "Đón Tết vui tươi, lành mạnh, an toàn, tiết kiệm: thăm hỏi, tặng quà gia đình chính "
        "sách, tuyên truyền cấm pháo nổ, bảo đảm an ninh, trật tự, nắm dư luận dịp Tết.",
        (
            Step(-40, "Xây dựng kế hoạch tuyên truyền, tổ chức đón Tết Nguyên đán vui tươi, "
                 "lành mạnh, an toàn, tiết kiệm",
                 "Cụ thể hóa chỉ thị của Thành ủy và hướng dẫn của Ban; phân công trực Tết",
                 "Kế hoạch được ký ban hành; lịch trực Tết", is_key=True),
            Step(-20, "Tuyên truyền quy định cấm sản xuất, mua bán, tàng trữ, sử dụng trái phép "
                 "pháo nổ; an toàn giao thông, phòng chống cháy nổ dịp Tết",
                 "Phát trên loa truyền thanh cơ sở; ký cam kết không sử dụng pháo nổ tại khu dân "
                 "cư, trường học",
                 "Số lượt phát thanh; số hộ gia đình ký cam kết", (COMMUNE,)),
            Step(-20, "Mở chuyên mục “Mừng Đảng - Mừng Xuân”; phản ánh không khí đón Tết và việc "
                 "chăm lo Tết cho người nghèo, gia đình chính sách",
                 "Tin, bài, phóng sự trên báo in, báo điện tử, phát thanh, truyền hình",
                 "Chuyên mục; số tin, bài, phóng sự", (PRESS,)),
            Step(-10, "Trang trí cổ động trực quan mừng Đảng, mừng Xuân; treo cờ Tổ quốc, băng "
                 "rôn, khẩu hiệu",
                 "Dùng khẩu hiệu theo hướng dẫn; vận động hộ gia đình treo cờ Tổ quốc",
                 "Số băng rôn, khẩu hiệu, pano; ảnh chụp tại các điểm chính", (COMMUNE,)),
            Step(-7, "Thăm hỏi, tặng quà gia đình chính sách, người có công, hộ nghèo, hộ cận "
                 "nghèo; hưởng ứng chương trình “Tết vì người nghèo”",
                 "Phối hợp Ủy ban Mặt trận Tổ quốc và các đoàn thể; vận động doanh nghiệp, nhà "
                 "hảo tâm",
                 "Danh sách gia đình được thăm hỏi; số suất quà và tổng giá trị",
                 (COMMUNE, MASS_ORG), is_key=True),
            Step(-5, "Bảo đảm an ninh, trật tự, an toàn các hoạt động đón Tết, đón Giao thừa và "
                 "lễ hội đầu Xuân; nắm tình hình tư tưởng, dư luận xã hội dịp Tết",
                 "Phối hợp công an xã; phân công trực Tết; báo cáo nhanh khi có vụ việc",
                 "Báo cáo nhanh tình hình trước, trong và sau Tết", (COMMUNE,)),
            Step(7, "Báo cáo kết quả tuyên truyền, tổ chức đón Tết và tình hình dư luận xã hội "
                 "dịp Tết",
                 "Báo cáo bằng văn bản kèm số liệu; gửi qua nền tảng",
                 "Báo cáo gửi Ban Tuyên giáo và Dân vận Thành ủy chậm nhất ngày mùng 8 tháng "
                 "Giêng", is_key=True),
        ),
        observance="tet",
    ),
    Template(
        "Tuyên truyền Cách mạng Tháng Tám và Quốc khánh 2/9",
        "Kỷ niệm Cách mạng Tháng Tám (19/8) và Quốc khánh (2/9) trong một đợt; năm tròn thêm "
        "triển lãm, chương trình nghệ thuật và khen thưởng.",
        (
            PLAN,
            Step(-30, "Tổ chức triển lãm ảnh, tư liệu “Hải Phòng - Hành trình độc lập, tự do, "
                 "hạnh phúc” và tọa đàm về ý nghĩa Tuyên ngôn Độc lập",
                 "Phối hợp Bảo tàng thành phố, Thư viện thành phố; trưng bày tại trung tâm và "
                 "trực tuyến",
                 "Triển lãm được khai mạc; số lượt khách tham quan", (AGENCY, DIVISION), ROUND),
            Step(-20, "Tuyên truyền ý nghĩa lịch sử Cách mạng Tháng Tám và Quốc khánh 2/9; thành "
                 "tựu của đất nước và thành phố trên báo chí",
                 "Chuyên trang kỷ niệm; phóng sự, tọa đàm trên sóng phát thanh, truyền hình",
                 "Số tin, bài, phóng sự đã đăng, phát", (PRESS,)),
            Step(-15, "Tuyên truyền về Tuyên ngôn Độc lập, ý nghĩa lịch sử Cách mạng Tháng Tám "
                 "và Quốc khánh trên loa truyền thanh cơ sở và trong sinh hoạt chi bộ",
                 "Phát bài theo đề cương vào khung giờ sáng, chiều; lồng ghép trong họp khu dân "
                 "cư",
                 "Số lượt tin, bài phát trên loa; số chi bộ sinh hoạt chuyên đề", (COMMUNE,)),
            MEMBERS,
            Step(-7, "Vận động hộ gia đình treo cờ Tổ quốc; treo băng rôn, khẩu hiệu chào mừng "
                 "Quốc khánh",
                 "Trưởng thôn, tổ trưởng tổ dân phố vận động từng hộ",
                 "Tỷ lệ hộ gia đình treo cờ; ảnh chụp tại các trục đường chính", (COMMUNE,),
                 is_key=True),
            Step(-3, "Tổ chức chương trình văn nghệ, hoạt động thể thao, vui chơi ở khu dân cư "
                 "chào mừng năm tròn Quốc khánh",
                 "Phối hợp Mặt trận và các đoàn thể xã; ưu tiên nhà văn hóa khu dân cư",
                 "Số chương trình, số lượt người tham gia", (COMMUNE,), ROUND),
            REPORT,
            COMMENDATION,
        ),
        observance="national-day",
    ),
    Template(
        "Tuyên truyền kỷ niệm Ngày thành lập Đảng 3/2",
        "Mừng Đảng, mừng Xuân: tuyên truyền truyền thống của Đảng và Đảng bộ thành phố, trao "
        "Huy hiệu Đảng đợt 3/2; năm tròn thêm hội thảo và khen thưởng.",
        (
            PLAN,
            Step(-30, "Tổ chức hội thảo khoa học về vai trò lãnh đạo của Đảng; trưng bày tư liệu "
                 "lịch sử Đảng bộ thành phố",
                 "Phối hợp Trường Chính trị Tô Hiệu; mời nhà khoa học, cán bộ lão thành",
                 "Kỷ yếu hội thảo; trưng bày tư liệu", (AGENCY, DIVISION), ROUND),
            Step(-20, "Tuyên truyền truyền thống vẻ vang của Đảng; đấu tranh phản bác các quan "
                 "điểm sai trái, thù địch xuyên tạc lịch sử Đảng",
                 "Chuyên mục “Mừng Đảng - Mừng Xuân”; bài chính luận trên báo in, báo điện tử",
                 "Số tin, bài, phóng sự, bài chính luận", (PRESS,)),
            Step(-15, "Tuyên truyền lịch sử Đảng và Đảng bộ địa phương trong sinh hoạt chi bộ, "
                 "trên loa truyền thanh cơ sở",
                 "Sinh hoạt chi bộ chuyên đề; phát bài theo đề cương của Ban",
                 "Số chi bộ sinh hoạt chuyên đề; số lượt phát thanh", (COMMUNE,)),
            Step(-15, "Sinh hoạt chính trị chuyên đề về Đảng trong đoàn viên, hội viên; giới "
                 "thiệu đoàn viên, hội viên ưu tú để Đảng xem xét kết nạp",
                 "Lồng ghép trong sinh hoạt chi đoàn, chi hội", "Số buổi sinh hoạt; số người "
                 "được giới thiệu", (MASS_ORG,)),
            Step(-10, "Treo cờ Đảng, cờ Tổ quốc, băng rôn, khẩu hiệu mừng Đảng, mừng Xuân",
                 "Dùng khẩu hiệu theo hướng dẫn", "Ảnh chụp tại trụ sở và các trục đường chính",
                 (COMMUNE,)),
            Step(-1, "Tổ chức lễ trao Huy hiệu Đảng đợt 3/2 cho đảng viên",
                 "Lễ trao trang trọng tại hội trường đảng ủy; trao tại nhà cho đảng viên cao "
                 "tuổi, ốm đau",
                 "Danh sách đảng viên được trao Huy hiệu; ảnh buổi lễ", (COMMUNE,)),
            REPORT,
            COMMENDATION,
        ),
        observance="party-founding",
    ),
    Template(
        "Tuyên truyền sự kiện chính trị quan trọng (bầu cử, đại hội Đảng)",
        "Một sự kiện không theo lịch năm: cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân, "
        "đại hội Đảng các cấp, hội nghị Trung ương.",
        (
            Step(-60, "Xây dựng kế hoạch tuyên truyền sự kiện; thành lập tổ tuyên truyền của đơn "
                 "vị", "Phân công cán bộ phụ trách từng nội dung, địa bàn",
                 "Kế hoạch được ký ban hành; quyết định thành lập tổ tuyên truyền", is_key=True),
            Step(-45, "Tổ chức hội nghị quán triệt nội dung tuyên truyền cho báo cáo viên, tuyên "
                 "truyền viên cơ sở", "Hội nghị trực tiếp kết hợp trực tuyến",
                 "Số hội nghị; số lượt báo cáo viên, tuyên truyền viên tham dự", (COMMUNE,)),
            Step(-30, "Mở chuyên trang, chuyên mục về sự kiện; đăng tải thông tin chính thống, "
                 "kịp thời", "Tin, bài, phóng sự; tọa đàm trên sóng phát thanh, truyền hình",
                 "Chuyên trang, chuyên mục; số tin, bài", (PRESS,)),
            Step(-30, "Tuyên truyền về sự kiện trên loa truyền thanh cơ sở, trang thông tin điện "
                 "tử và tại hội nghị khu dân cư; niêm yết tài liệu theo quy định",
                 "Phát bài theo đề cương; niêm yết danh sách, tài liệu tại nhà văn hóa khu dân cư",
                 "Số lượt phát thanh; số điểm niêm yết", (COMMUNE,)),
            Step(-20, "Vận động đoàn viên, hội viên tham gia, hưởng ứng sự kiện", "Lồng ghép "
                 "trong sinh hoạt chi đoàn, chi hội; thông tin trên mạng xã hội của tổ chức",
                 "Số buổi sinh hoạt; số lượt đoàn viên, hội viên được tuyên truyền", (MASS_ORG,)),
            Step(-14, "Treo băng rôn, khẩu hiệu, pano, áp phích tuyên truyền về sự kiện",
                 "Dùng khẩu hiệu theo hướng dẫn; ưu tiên nơi đông người qua lại",
                 "Số băng rôn, khẩu hiệu, pano, áp phích", (COMMUNE,)),
            Step(-7, "Nắm bắt tình hình tư tưởng, dư luận xã hội về sự kiện; báo cáo nhanh những "
                 "vấn đề phát sinh", "Qua cộng tác viên dư luận xã hội và họp khu dân cư",
                 "Báo cáo nhanh tình hình dư luận xã hội", (COMMUNE, MASS_ORG)),
            Step(10, "Báo cáo kết quả công tác tuyên truyền sự kiện", "Báo cáo bằng văn bản kèm "
                 "số liệu, ảnh minh họa; gửi qua nền tảng", "Báo cáo kết quả", is_key=True),
        ),
    ),
]
# fmt: on


def ensure_templates(sender=None, using: str = "default", **kwargs) -> None:
    """Add each standard template whose name is missing, with its steps."""
    from mandate.observances.models import CampaignStep, CampaignTemplate, Observance

    existing = set(CampaignTemplate.objects.using(using).values_list("name", flat=True))
    observances = dict(Observance.objects.using(using).values_list("key", "pk"))
    for row in TEMPLATES:
        if row.name in existing:
            continue
        template = CampaignTemplate.objects.using(using).create(
            name=row.name,
            description=row.description,
            observance_id=observances.get(row.observance),
        )
        CampaignStep.objects.using(using).bulk_create(
            CampaignStep(
                template=template,
                offset_days=step.offset_days,
                content=step.content,
                method=step.method,
                expected_output=step.expected_output,
                unit_kinds=list(step.unit_kinds),
                applies=step.applies,
                is_key=step.is_key,
            )
            for step in row.steps
        )
