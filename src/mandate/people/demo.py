# ruff: noqa: E501 -- Vietnamese titles and summaries are long; one per line reads as a table.
"""The demo province's training records, the department's requirements, and about thirty
good models with the places they spread to.

The department requires advanced political theory and principal state management of its
division heads, intermediate political theory of its officers and of the communes'
officers, and basic digital skills of every leader and officer. The staff's records leave
realistic gaps: in the propaganda division (the demo login `truongphong`'s) exactly
three officers lack intermediate political theory.

Rows are bulk-created for speed, dated no later than REFERENCE_DATE and kept as the
services would leave them; requests to replicate carry their work-programme task.
"""

import datetime
import random
from collections.abc import Callable

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from mandate.org.models import Membership, Role, Unit, User
from mandate.people.models import Practice, Replication, Requirement, Subject, TrainingRecord
from mandate.work.demo import REFERENCE_DATE
from mandate.work.models import Task, TaskUpdate

D = datetime.date
DAY = datetime.timedelta(days=1)
TRUONGPHONG_DIVISION = "TTBCXB"
THEORY, STATE, DIGITAL = Subject.POLITICAL_THEORY, Subject.STATE_MANAGEMENT, Subject.DIGITAL
JOURNALISM, LANGUAGE = Subject.JOURNALISM, Subject.LANGUAGE

BASIS_89 = "Quy định số 89-QĐ/TW ngày 04/8/2017 về khung tiêu chuẩn chức danh, định hướng khung tiêu chí đánh giá cán bộ lãnh đạo, quản lý các cấp"
BASIS_214 = "Quy định số 214-QĐ/TW ngày 02/01/2020 về khung tiêu chuẩn chức danh, tiêu chí đánh giá cán bộ thuộc diện Trung ương quản lý"
BASIS_DIGITAL = "Kế hoạch số 04-KH/BTGDVTU về chuyển đổi số trong công tác tuyên giáo và dân vận"
VALID_FROM = D(2025, 7, 1)

# (position, role, kind of unit, subject, level, legal basis, note)
REQUIREMENTS = [
    ("Trưởng phòng", "", "", THEORY, 3, BASIS_89, "Cao cấp lý luận chính trị hoặc cử nhân chính trị."),
    ("Trưởng phòng", "", "", STATE, 2, BASIS_89, "Chuyên viên chính hoặc tương đương trở lên."),
    ("Chánh Văn phòng", "", "", THEORY, 3, BASIS_89, ""),
    ("Chuyên viên", "", "", THEORY, 2, BASIS_214, "Trung cấp lý luận chính trị - hành chính trở lên."),
    ("Chuyên viên", "", "", STATE, 1, BASIS_214, "Bồi dưỡng ngạch chuyên viên."),
    ("", Role.OFFICER, Unit.Kind.COMMUNE, THEORY, 2, BASIS_89, "Cán bộ chuyên trách cấp xã."),
    ("", Role.LEADER, "", DIGITAL, 1, BASIS_DIGITAL, "Kỹ năng số cơ bản cho mọi cán bộ."),
    ("", Role.OFFICER, "", DIGITAL, 1, BASIS_DIGITAL, "Kỹ năng số cơ bản cho mọi cán bộ."),
]  # fmt: skip

# subject -> level -> (course, institutions, months it lasts)
COURSES = {
    THEORY: {
        1: ("Sơ cấp lý luận chính trị", ["Trung tâm Chính trị quận Lê Chân", "Trung tâm Chính trị huyện Thủy Nguyên", "Trung tâm Chính trị huyện An Dương"], 3),
        2: ("Trung cấp lý luận chính trị - hành chính", ["Trường Chính trị Tô Hiệu"], 10),
        3: ("Cao cấp lý luận chính trị", ["Học viện Chính trị quốc gia Hồ Chí Minh", "Học viện Chính trị khu vực I", "Học viện Báo chí và Tuyên truyền"], 18),
        4: ("Cử nhân chính trị chuyên ngành Công tác tư tưởng", ["Học viện Báo chí và Tuyên truyền"], 48),
    },
    STATE: {
        1: ("Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", ["Trường Chính trị Tô Hiệu"], 2),
        2: ("Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên chính", ["Học viện Hành chính và Quản trị công", "Trường Chính trị Tô Hiệu"], 2),
        3: ("Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên cao cấp", ["Học viện Chính trị quốc gia Hồ Chí Minh"], 3),
    },
    DIGITAL: {
        1: ("Bồi dưỡng kỹ năng số cơ bản cho cán bộ, công chức (Bình dân học vụ số)", ["Sở Khoa học và Công nghệ Hải Phòng", "Trường Chính trị Tô Hiệu"], 1),
        2: ("Ứng dụng trí tuệ nhân tạo và mạng xã hội trong công tác tuyên truyền", ["Học viện Báo chí và Tuyên truyền", "Trung tâm Chuyển đổi số thành phố"], 1),
    },
    JOURNALISM: {
        1: ("Bồi dưỡng nghiệp vụ tuyên truyền, báo chí cho cán bộ tuyên giáo", ["Học viện Báo chí và Tuyên truyền"], 1),
        2: ("Bồi dưỡng kỹ năng xử lý khủng hoảng truyền thông và phát ngôn", ["Học viện Báo chí và Tuyên truyền", "Hội Nhà báo thành phố Hải Phòng"], 1),
    },
    LANGUAGE: {
        2: ("Tiếng Anh bậc 3 (B1) theo Khung năng lực ngoại ngữ 6 bậc", ["Trường Đại học Hải Phòng"], 4),
    },
}  # fmt: skip
RESULTS = ["Xuất sắc", "Giỏi", "Giỏi", "Khá", "Khá", "Khá", "Trung bình khá"]

# The staff's ladders by position: (political theory, state management) they usually hold.
SENIOR = {"Trưởng Ban", "Phó Trưởng Ban", "Ủy viên Ban Thường vụ Thành ủy"}
HEADS = {"Trưởng phòng", "Chánh Văn phòng", "Giám đốc", "Chủ tịch", "Tổng Biên tập"}

P, R, A = Practice.Status.PROPOSED, Practice.Status.REVIEWED, Practice.Status.RECOGNISED
C = Practice.Category
# (origin: "commune:<index>" or an abbreviation, category, status, since, title, summary,
# how it works, results)
PRACTICES = [
    ("commune:0", C.MASS_MOBILISATION, A, D(2025, 8, 1), "Dân vận khéo trong vận động hiến đất mở rộng đường liên thôn",
     "Cán bộ, đảng viên gương mẫu đi trước, họp dân từng xóm để bàn và tự quyết mức hiến đất, góp công.",
     "Họp chi bộ thống nhất chủ trương; tổ công tác đến từng hộ; công khai danh sách hiến đất trên loa và bảng tin thôn.",
     "4,2 km đường được mở rộng, 186 hộ hiến 9.800 m² đất, không có khiếu kiện."),
    ("commune:0", C.PROPAGANDA, A, D(2025, 9, 15), "Loa phát thanh thông minh kết nối ứng dụng điện thoại",
     "Hệ thống loa truyền thanh ứng dụng công nghệ IP, cán bộ thôn phát bản tin từ điện thoại.",
     "Thay 24 cụm loa có dây bằng loa IP; lịch phát sáng 6h và chiều 17h; bản tin ngắn 10 phút do cán bộ văn hóa biên tập.",
     "100% thôn có loa IP; thời lượng phát bản tin địa phương tăng gấp 3; chi phí bảo trì giảm 40%."),
    ("commune:3", C.DIGITAL, A, D(2025, 7, 20), "Zalo nhóm tổ dân phố nắm bắt dư luận xã hội",
     "Mỗi tổ dân phố một nhóm Zalo do tổ trưởng và bí thư chi bộ quản trị, đăng thông tin chính thống và tiếp nhận phản ánh.",
     "Quy chế nhóm rõ ràng; cộng tác viên dư luận tổng hợp phản ánh hằng tuần gửi Đảng ủy; trả lời công khai trong 3 ngày.",
     "38 nhóm, hơn 6.500 thành viên; 214 phản ánh được giải quyết trong năm 2025."),
    ("commune:5", C.CULTURE, A, D(2025, 7, 10), "Tổ tự quản vệ sinh môi trường và an ninh trật tự khu dân cư",
     "Các hộ liền kề tự quản việc giữ gìn vệ sinh, an ninh theo hương ước.",
     "Mỗi tổ 10-15 hộ, bầu tổ trưởng; họp tháng; treo biển cam kết; kết hợp với công an xã.",
     "Tỷ lệ thu gom rác đúng giờ đạt 98%; trộm cắp vặt giảm 60% so với năm trước."),
    ("HLHPN", C.MASS_MOBILISATION, A, D(2024, 3, 8), "Phụ nữ Hải Phòng 5 không 3 sạch gắn với chuyển đổi số",
     "Hội viên phụ nữ cùng thực hiện tiêu chí gia đình 5 không 3 sạch, hướng dẫn nhau dùng dịch vụ công trực tuyến.",
     "Chi hội chia nhóm 5 hội viên; hội viên trẻ kèm cặp hội viên cao tuổi dùng điện thoại thông minh.",
     "12.000 hội viên được hướng dẫn cài ứng dụng định danh điện tử VNeID."),
    ("TĐ", C.DIGITAL, A, D(2025, 3, 26), "Đội hình thanh niên tình nguyện hỗ trợ chuyển đổi số tại cộng đồng",
     "Đoàn viên hỗ trợ người dân làm thủ tục hành chính trực tuyến, thanh toán không dùng tiền mặt.",
     "Mỗi xã một tổ công nghệ số cộng đồng; trực tại bộ phận một cửa vào cuối tuần.",
     "Hơn 45.000 lượt người dân được hỗ trợ; 80% thủ tục được nộp trực tuyến tại các điểm có đội hình."),
    ("HND", C.MASS_MOBILISATION, A, D(2024, 9, 1), "Nông dân bán hàng trên sàn thương mại điện tử",
     "Hội Nông dân hướng dẫn hội viên đưa nông sản lên sàn và livestream bán hàng.",
     "Lớp tập huấn tại thôn; mỗi hợp tác xã một gian hàng; hội hỗ trợ chứng nhận OCOP.",
     "27 sản phẩm lên sàn, doanh thu trực tuyến năm 2025 đạt 6,3 tỷ đồng."),
    ("HCCB", C.PUBLIC_OPINION, A, D(2024, 7, 27), "Cựu chiến binh tham gia đấu tranh phản bác quan điểm sai trái trên mạng xã hội",
     "Tổ cựu chiến binh đăng tải, chia sẻ thông tin tích cực và phản bác luận điệu xuyên tạc.",
     "Tổ 20 hội viên am hiểu mạng xã hội; sinh hoạt chuyên đề hằng tháng với Ban Tuyên giáo và Dân vận.",
     "Hơn 1.200 bài viết, bình luận tích cực; phát hiện, báo cáo 35 tài khoản xuyên tạc."),
    ("MTTQ", C.MASS_MOBILISATION, A, D(2025, 1, 1), "Mặt trận lắng nghe dân nói qua mã QR tại nhà văn hóa",
     "Người dân quét mã QR để gửi ý kiến, kiến nghị đến Ban công tác Mặt trận khu dân cư.",
     "Dán mã QR tại nhà văn hóa, chợ, trường học; ý kiến chuyển thẳng đến xã và được trả lời công khai.",
     "1.860 ý kiến trong năm đầu, 92% được trả lời đúng hạn."),
    ("commune:8", C.PARTY_BUILDING, A, D(2025, 8, 15), "Sinh hoạt chi bộ chuyên đề trên nền tảng số",
     "Chi bộ thôn chuẩn bị tài liệu, biểu quyết và ghi biên bản sinh hoạt trên sổ tay đảng viên điện tử.",
     "Tài liệu gửi trước 3 ngày; đảng viên cao tuổi được đoàn viên hỗ trợ; chuyên đề do cấp ủy chọn theo quý.",
     "Tỷ lệ đảng viên phát biểu ý kiến tăng từ 30% lên 65%."),
    ("commune:12", C.CULTURE, A, D(2025, 9, 2), "Câu lạc bộ hát ca trù, hát đúm gắn với tuyên truyền nghị quyết",
     "Lồng ghép nội dung tuyên truyền vào các làn điệu dân ca địa phương trong sinh hoạt câu lạc bộ.",
     "Cán bộ văn hóa soạn lời mới; biểu diễn tại lễ hội làng và ngày hội đại đoàn kết.",
     "6 câu lạc bộ, 140 thành viên; 24 tiết mục mới được dàn dựng."),
    ("BPTTH", C.PROPAGANDA, A, D(2025, 2, 3), "Bản tin 60 giây thời sự trên nền tảng video ngắn",
     "Tin thời sự địa phương cắt ngắn dạng dọc, phát trên các nền tảng video ngắn.",
     "Tổ biên tập riêng; phụ đề đầy đủ; phát 3 khung giờ mỗi ngày.",
     "Trung bình 150.000 lượt xem mỗi ngày, 60% người xem dưới 35 tuổi."),
    ("SVHTTDL", C.CULTURE, A, D(2024, 10, 1), "Tủ sách cộng đồng tại nhà văn hóa thôn",
     "Tủ sách do nhân dân đóng góp, đặt tại nhà văn hóa, có mã QR mượn trả.",
     "Thư viện thành phố luân chuyển sách mỗi quý; đoàn viên quản lý tủ sách.",
     "210 tủ sách, hơn 42.000 đầu sách luân chuyển."),
    ("commune:15", C.PUBLIC_OPINION, A, D(2025, 7, 15), "Cà phê sáng với bí thư chi bộ",
     "Bí thư chi bộ gặp gỡ người dân mỗi sáng Chủ nhật để nghe ý kiến, giải đáp thắc mắc.",
     "Gặp tại quán cà phê đầu thôn; ghi chép ý kiến vào sổ; chuyển lên Đảng ủy các vấn đề vượt thẩm quyền.",
     "Giải quyết 48 vụ việc tại cơ sở, không có đơn thư vượt cấp."),
    ("commune:2", C.PROPAGANDA, R, D(2025, 10, 1), "Bảng tin điện tử tại chợ và bến xe",
     "Màn hình LED tại nơi đông người phát thông tin chính sách, cảnh báo lừa đảo.",
     "Kết nối với trung tâm điều hành của xã; nội dung được duyệt trước khi phát.", "Phục vụ khoảng 5.000 lượt người mỗi ngày."),
    ("commune:6", C.MASS_MOBILISATION, R, D(2025, 11, 1), "Ngày thứ Bảy dân vận",
     "Cán bộ, công chức xã cùng nhân dân làm đường, dọn vệ sinh, thăm hộ khó khăn vào thứ Bảy cuối tháng.",
     "Đảng ủy giao chỉ tiêu cho từng chi bộ; kết quả công khai trên nhóm Zalo thôn.", "11 đợt ra quân, 2.300 lượt người tham gia."),
    ("commune:9", C.DIGITAL, R, D(2026, 1, 5), "Trợ lý ảo trả lời thủ tục hành chính của xã",
     "Chatbot trên trang Zalo của xã trả lời câu hỏi thường gặp về thủ tục hành chính.",
     "Bộ 300 câu hỏi do bộ phận một cửa biên soạn; cập nhật hằng tháng.", "Trả lời tự động 70% câu hỏi."),
    ("HLHPN", C.CULTURE, R, D(2025, 6, 1), "Mô hình Mẹ đỡ đầu trẻ mồ côi",
     "Mỗi cơ sở hội nhận đỡ đầu trẻ mồ côi đến 18 tuổi.",
     "Hội viên góp quỹ; cán bộ hội thăm trẻ hằng tháng.", "156 trẻ được đỡ đầu."),
    ("TĐ", C.PROPAGANDA, R, D(2025, 12, 1), "Podcast Thanh niên Hải Phòng kể chuyện Đảng",
     "Chuỗi podcast kể chuyện lịch sử Đảng bộ thành phố qua giọng kể của đoàn viên.",
     "Mỗi tập 15 phút; kịch bản do Phòng Lý luận chính trị, Lịch sử Đảng thẩm định.", "32 tập, 80.000 lượt nghe."),
    ("commune:20", C.PARTY_BUILDING, R, D(2025, 9, 1), "Đảng viên phụ trách nhóm hộ",
     "Mỗi đảng viên nhận phụ trách 10-15 hộ, nắm tình hình và vận động thực hiện chủ trương.",
     "Sổ theo dõi nhóm hộ; báo cáo tại sinh hoạt chi bộ hằng tháng.", "100% hộ có đảng viên phụ trách."),
    ("HND", C.OTHER, R, D(2025, 4, 1), "Tổ hợp tác nuôi trồng thủy sản an toàn ven biển",
     "Nông dân liên kết nuôi ngao, tôm theo quy trình an toàn, bao tiêu sản phẩm.",
     "Hội làm cầu nối với doanh nghiệp; tập huấn kỹ thuật theo mùa vụ.", "Thu nhập bình quân tăng 25%."),
    ("DVNN", C.MASS_MOBILISATION, R, D(2025, 10, 15), "Dân vận chính quyền: công chức một cửa nói lời cảm ơn",
     "Bộ phận một cửa các xã áp dụng bộ quy tắc ứng xử, khảo sát hài lòng bằng máy tính bảng.",
     "Khảo sát sau mỗi giao dịch; kết quả công khai hằng tháng.", "Mức hài lòng đạt 96%."),
    ("commune:1", C.PUBLIC_OPINION, P, D(2026, 6, 1), "Hòm thư góp ý điện tử của khu dân cư",
     "Người dân gửi ý kiến qua biểu mẫu trực tuyến, cộng tác viên tổng hợp hằng tuần.", "", ""),
    ("commune:4", C.CULTURE, P, D(2026, 3, 1), "Sân chơi cuối tuần cho thiếu nhi tại nhà văn hóa",
     "Đoàn thanh niên tổ chức trò chơi dân gian, kể chuyện Bác Hồ cho thiếu nhi vào sáng Chủ nhật.", "", ""),
    ("commune:7", C.PROPAGANDA, P, D(2026, 7, 1), "Bản tin nông thôn mới phát qua loa và Zalo",
     "Bản tin 10 phút mỗi tuần về tiến độ xây dựng nông thôn mới kiểu mẫu.", "", ""),
    ("commune:0", C.DIGITAL, P, D(2026, 9, 1), "Bản đồ số điểm nóng dư luận của xã",
     "Cộng tác viên đánh dấu trên bản đồ số nơi phát sinh vụ việc được dư luận quan tâm.",
     "Dùng bản đồ số dùng chung của thành phố; cập nhật ngay khi có phản ánh.", ""),
    ("MTTQ", C.MASS_MOBILISATION, P, D(2026, 8, 15), "Ngôi nhà Đại đoàn kết xanh",
     "Xây nhà Đại đoàn kết cho hộ nghèo theo thiết kế tiết kiệm năng lượng.", "", ""),
    ("HCCB", C.CULTURE, P, D(2026, 5, 1), "Cựu chiến binh kể chuyện truyền thống tại trường học",
     "Hội viên kể chuyện chiến đấu tại các buổi chào cờ đầu tuần.", "", ""),
    ("SKHCN", C.DIGITAL, P, D(2026, 10, 1), "Điểm phát sóng wifi miễn phí tại nhà văn hóa thôn",
     "Lắp wifi miễn phí để người dân học kỹ năng số và tra cứu dịch vụ công.", "", ""),
    ("commune:11", C.PARTY_BUILDING, P, D(2026, 10, 20), "Chi bộ kiểu mẫu gắn với thôn văn hóa",
     "Chi bộ đăng ký tiêu chí kiểu mẫu, gắn trách nhiệm đảng viên với danh hiệu thôn văn hóa.", "", ""),
]  # fmt: skip

ADAPTATIONS = [
    "Áp dụng tại {place}, điều chỉnh cho phù hợp địa bàn có nhiều hộ làm nghề biển.",
    "Giao Đoàn Thanh niên xã chủ trì, Hội Phụ nữ phối hợp.",
    "Triển khai thí điểm ở 3 thôn trước khi nhân rộng toàn xã.",
    "Kết hợp với sinh hoạt chi bộ thôn hằng tháng.",
    "Dùng kinh phí xã hội hóa, không sử dụng ngân sách.",
]
REPLICATED_RESULTS = [
    "Bước đầu được nhân dân đồng tình hưởng ứng.",
    "Sau 3 tháng, 85% hộ tham gia.",
    "Được Đảng ủy xã sơ kết, đề nghị duy trì thường xuyên.",
    "",
]


def seed(*, rng: random.Random, log: Callable[[str], None]) -> list:
    root = Unit.objects.dangerously_unscoped().get(parent__isnull=True)
    leader = User.objects.dangerously_unscoped().get(username="lanhdao")
    requirements = _requirements(root)
    records = _records(rng)
    practices = _practices(rng, leader)
    replications, asked = _replications(rng, practices, leader)
    log(_("Training requirements: %(count)s") % {"count": len(requirements)})
    log(_("Training records: %(count)s") % {"count": len(records)})
    log(_("Good models: %(count)s") % {"count": len(practices)})
    log(_("Replications: %(count)s") % {"count": replications})
    log(_("Requests to replicate: %(count)s") % {"count": asked})
    return []


def _requirements(root: Unit) -> list[Requirement]:
    rows = [
        Requirement(
            unit=root,
            position=position,
            role=role,
            unit_kind=kind,
            subject=subject,
            min_level=level,
            legal_basis=basis,
            note=note,
            valid_from=VALID_FROM,
        )
        for position, role, kind, subject, level, basis, note in REQUIREMENTS
    ]
    return bulk_create_with_history(rows, Requirement)


# Training records ----------------------------------------------------------------------


def _records(rng: random.Random) -> list[TrainingRecord]:
    memberships = list(
        Membership.objects.filter(role__in=[Role.LEADER, Role.OFFICER, Role.VIEWER])
        .select_related("user", "unit")
        .order_by("unit_id", "pk")  # not the path: its ids sort as text
    )
    division_officers = [
        membership
        for membership in memberships
        if membership.unit.abbreviation == TRUONGPHONG_DIVISION
        and membership.user.position == "Chuyên viên"
    ]
    # Three of the division's officers miss the intermediate level: one holds the
    # elementary level, one is still studying, one has no course at all.
    short = dict(zip(division_officers[-3:], ["elementary", "studying", "none"], strict=True))
    records: list[TrainingRecord] = []
    for membership in memberships:
        theory, state = _ladder(rng, membership)
        if membership in short:
            theory = None
            if short[membership] == "elementary":
                theory = 1
            elif short[membership] == "studying":
                records.append(_record(rng, membership, THEORY, 2, ongoing=True))
        elif membership in division_officers:
            theory = max(theory or 2, 2)
        if theory:
            records.append(_record(rng, membership, THEORY, theory))
        if state:
            records.append(_record(rng, membership, STATE, state))
        if rng.random() < 0.85 or membership in division_officers:
            digital = 2 if rng.random() < 0.2 else 1
            records.append(_record(rng, membership, DIGITAL, digital))
        if membership.unit.abbreviation in ("TTBCXB", "BPTTH") or rng.random() < 0.15:
            records.append(_record(rng, membership, JOURNALISM, rng.choice([1, 2])))
        if rng.random() < 0.2:
            records.append(_record(rng, membership, LANGUAGE, 2))
    return bulk_create_with_history(records, TrainingRecord, batch_size=500)


def _ladder(rng: random.Random, membership: Membership) -> tuple[int | None, int | None]:
    """The political theory and state management levels a person usually holds; about
    one in seven falls short of what their position requires."""
    position, short = membership.user.position, rng.random() < 0.15
    if position in SENIOR:
        return rng.choice([3, 3, 4]), 3
    if position in HEADS:
        return (2 if short else 3), (1 if short else rng.choice([2, 2, 3]))
    if position.startswith(("Phó Trưởng phòng", "Phó Chánh")):
        return rng.choice([2, 3]), rng.choice([1, 2])
    if membership.role == Role.OFFICER:
        return (1 if short else rng.choice([2, 2, 2, 3])), (None if short else 1)
    return rng.choice([None, 1]), None


def _record(
    rng: random.Random, membership: Membership, subject: str, level: int, ongoing: bool = False
) -> TrainingRecord:
    course, institutions, months = COURSES[subject][level]
    if ongoing:
        started = D(2026, 3, 2)
        finished = None
    else:
        finished = D(rng.randint(2008, 2025), rng.randint(1, 12), rng.randint(1, 28))
        started = finished - datetime.timedelta(days=30 * months)
    record = TrainingRecord(
        person=membership.user,
        unit=membership.unit,
        subject=subject,
        level=level,
        course=course,
        institution=rng.choice(institutions),
        started_on=started,
        finished_on=finished,
        result="" if ongoing else rng.choice(RESULTS),
        certificate_number="" if ongoing else f"{rng.randint(100, 9999):04d}/{finished.year}",
    )
    record.refresh_search_text()
    return record


# Good models and their spread ------------------------------------------------------------


def _practices(rng: random.Random, leader: User) -> list[Practice]:
    units = Unit.objects.dangerously_unscoped()
    communes = list(units.filter(kind=Unit.Kind.COMMUNE).select_related("locality").order_by("pk"))
    by_abbreviation = {unit.abbreviation: unit for unit in units if unit.abbreviation}
    practices = []
    for origin, category, status, since, title, summary, approach, results in PRACTICES:
        if origin.startswith("commune:"):
            unit = communes[int(origin.split(":")[1])]
        else:
            unit = by_abbreviation[origin]
        practice = Practice(
            title=title,
            summary=summary,
            approach=approach,
            results=results,
            category=category,
            origin_unit=unit,
            locality=unit.locality if unit.kind == Unit.Kind.COMMUNE else None,
            started_on=since,
            status=status,
        )
        if status != P:
            practice.reviewed_by, practice.version = leader, 2
            practice.reviewed_on = min(since + DAY * rng.randint(60, 120), REFERENCE_DATE)
        if status == A:
            practice.recognised_by, practice.version = leader, 3
            practice.recognised_on = min(practice.reviewed_on + DAY * 30, REFERENCE_DATE)
            practice.recognition_note = (
                f"Công nhận mô hình hay, cách làm sáng tạo theo Quyết định số "
                f"{rng.randint(100, 400)}-QĐ/BTGDVTU ngày {practice.recognised_on:%d/%m/%Y}."
            )
        practice.refresh_search_text()
        practices.append(practice)
    return bulk_create_with_history(practices, Practice)


def _replications(rng: random.Random, practices: list[Practice], leader: User) -> tuple[int, int]:
    """Recognised models adopted by communes of their own accord; three of them asked of
    communes by the department, each request with its task (one of them to the demo
    commune officer's commune)."""
    communes = list(
        Unit.objects.dangerously_unscoped()
        .filter(kind=Unit.Kind.COMMUNE)
        .select_related("locality")
        .order_by("pk")
    )
    recognised = [practice for practice in practices if practice.status == A]
    rows: list[Replication] = []
    taken: set[tuple[int, int]] = set()
    for practice in recognised:
        for unit in rng.sample(communes[1:], rng.randint(2, 6)):
            if unit == practice.origin_unit:
                continue
            taken.add((practice.pk, unit.pk))
            adopted_on = practice.recognised_on + DAY * rng.randint(20, 200)
            rows.append(_adopted(rng, practice, unit, min(adopted_on, REFERENCE_DATE)))
    tasks, updates, asked = [], [], []
    # (model, asked on, due on, how many communes); the last reaches communes[0].
    requests = [(recognised[2], D(2026, 3, 10), D(2026, 6, 30), 5), (recognised[5], D(2026, 8, 20), D(2026, 10, 31), 4), (recognised[3], D(2026, 10, 15), D(2026, 12, 31), 4)]  # fmt: skip
    for number, (practice, asked_on, due_on, count) in enumerate(requests):
        free = [unit for unit in communes if (practice.pk, unit.pk) not in taken]
        free = [unit for unit in free if unit != practice.origin_unit]
        units = rng.sample(free[1:], count - 1) + (
            [free[0]] if number == 2 else [rng.choice(free[1:])]
        )
        for unit in {unit.pk: unit for unit in units}.values():
            taken.add((practice.pk, unit.pk))
            task = Task(
                lead_unit=unit,
                content=f"Nhân rộng mô hình “{practice.title}” của {practice.origin_unit}",
                method="Khảo sát mô hình gốc, xây dựng kế hoạch, áp dụng thí điểm rồi nhân rộng",
                expected_output="Mô hình được áp dụng, kết quả cập nhật trên trang mô hình",
                origin=Task.Origin.REPLICATION,
                start_on=asked_on,
                due_on=due_on,
                created_by=leader,
            )
            # Requests of the spring were answered; those of late summer partly, on time or
            # not; the autumn's are still open.
            answered_on = asked_on + DAY * rng.randint(20, 120)
            replication = Replication(
                practice=practice, unit=unit, status=Replication.Status.ASKED, created_by=leader
            )
            if number == 0 or (number == 1 and rng.random() < 0.5):
                answered_on = min(answered_on, REFERENCE_DATE)
                replication = _adopted(rng, practice, unit, answered_on)
                replication.created_by = leader
                task.status, task.progress, task.completed_on = Task.Status.DONE, 100, answered_on
                task.version = 2
                updates.append((task, answered_on))
            task.refresh_search_text()
            tasks.append(task)
            asked.append((replication, task))
    bulk_create_with_history(tasks, Task, default_user=leader)
    TaskUpdate.objects.bulk_create(
        TaskUpdate(
            task=task,
            reported_on=on,
            percent=100,
            text="Đã triển khai nhân rộng mô hình, kết quả cập nhật trên trang mô hình.",
            author=leader,
        )
        for task, on in updates
    )
    for replication, task in asked:
        replication.task = task
    bulk_create_with_history(
        rows + [replication for replication, _task in asked], Replication, default_user=leader
    )
    return len(rows) + len(asked), len(asked)


def _adopted(rng: random.Random, practice: Practice, unit: Unit, on: datetime.date) -> Replication:
    place = unit.locality.name if unit.locality else unit.name
    return Replication(
        practice=practice,
        unit=unit,
        status=Replication.Status.ADOPTED,
        adopted_on=on,
        adaptation=rng.choice(ADAPTATIONS).format(place=place),
        results=rng.choice(REPLICATED_RESULTS),
    )
