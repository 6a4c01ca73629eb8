# ruff: noqa: E501 -- Vietnamese task texts are long; the catalogue keeps one per line.
"""The demo province's work programme: plans of 2025 and 2026, a few hundred tasks.

The department's yearly programmes, its 2025-2030 plan for Resolution 57-NQ/TW, plans
of a division and of three communes; key tasks cascaded to communes, coordination
requests to agencies, monthly and quarterly recurring tasks, and progress updates.

Dates are fixed. Updates are never dated after REFERENCE_DATE, so that on any day
after it none is in the future; tasks due later stay pending (some until 2030), so
every bucket has tasks as of the reference date and for years after it.
Rows are bulk-created for speed, kept as the services would leave them: progress is
the last update's percent, a 100 % update completes the task on its date, every
update or edit adds one to the version, and a done recurring task has its next
occurrence.
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from mandate.directives.models import Document
from mandate.directives.services import add_months
from mandate.org.models import Membership, Role, Unit, User
from mandate.work.models import Plan, Task, TaskUpdate
from mandate.work.services import RECURRENCE_MONTHS, approve_plan, create_plan

D = datetime.date
REFERENCE_DATE = D(2026, 11, 20)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MONTHLY, QUARTERLY = Task.Recurrence.MONTHLY, Task.Recurrence.QUARTERLY

M_PROPAGANDA = (
    "Hướng dẫn nội dung, khẩu hiệu tuyên truyền; trang trí cổ động trực quan; đăng tải tin, "
    "bài trên báo chí, trang thông tin điện tử và mạng xã hội; phát trên hệ thống truyền "
    "thanh cơ sở"
)
M_CONFERENCE = "Hội nghị trực tiếp kết hợp trực tuyến đến các điểm cầu xã, phường, đặc khu"
M_STUDY = "Hội nghị học tập, quán triệt; biên soạn tài liệu hỏi - đáp; sinh hoạt chi bộ chuyên đề"
M_ADVISE = "Khảo sát, tổng hợp báo cáo của các đơn vị; xin ý kiến các phòng; trình lãnh đạo Ban"
M_FOLLOW = "Theo dõi, đôn đốc; kiểm tra trực tiếp tại cơ sở; tổng hợp báo cáo định kỳ"
M_COMMUNE = "Lồng ghép trong sinh hoạt chi bộ, họp khu dân cư; phát trên loa truyền thanh cơ sở"
O_OUTLINE = "Đề cương tuyên truyền; báo cáo kết quả gửi Thường trực Thành ủy"
O_REPORT = "Báo cáo kết quả gửi Thường trực Thành ủy và Ban Tuyên giáo và Dân vận Trung ương"
O_DRAFT = "Dự thảo văn bản trình Ban Thường vụ Thành ủy"
O_COMMUNE = "Báo cáo kết quả gửi Ban Tuyên giáo và Dân vận Thành ủy"


@dataclass
class Spec:
    """One task of a plan, before it has dates of work, updates and children."""

    lead: str  # "" the department, a division's abbreviation, or "commune"
    start: datetime.date
    due: datetime.date
    content: str
    method: str = ""
    output: str = ""
    docs: tuple[str, ...] = ()
    key: bool = False
    cascade: int = 0
    coordination: tuple[tuple[str, str, datetime.date], ...] = ()
    recurrence: str = ""
    fate: str = ""  # "" drawn at random, or "cancelled", "overdue", "late", "done"


# The catalogue: one task per entry, laid out by hand to read as a table.
# fmt: off
def observances(y: int) -> list[Spec]:
    """The year's anniversaries; the department's propaganda follows them."""
    specs = [
        Spec("TTBCXB", D(y, 1, 5), D(y, 2, 3),
            f"Tuyên truyền kỷ niệm {y - 1930} năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/{y})",
            M_PROPAGANDA, O_OUTLINE, ("02-HD/BTGDVTU",) if y == 2026 else (),
            key=(y - 1930) % 5 == 0,
            coordination=(("SVHTTDL", f"Trang trí cổ động trực quan, tổ chức chương trình nghệ thuật mừng Đảng, mừng Xuân {y}", D(y, 1, 28)),)),
        Spec("TTBCXB", D(y, 3, 15), D(y, 4, 30),
            f"Tuyên truyền kỷ niệm {y - 1975} năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/{y}) và Ngày Quốc tế Lao động 1/5",
            M_PROPAGANDA, O_OUTLINE, key=(y - 1975) % 5 == 0),
        Spec("TTBCXB", D(y, 4, 10), D(y, 5, 13),
            f"Tuyên truyền kỷ niệm {y - 1955} năm Ngày giải phóng Hải Phòng (13/5/1955 - 13/5/{y})",
            M_PROPAGANDA, O_OUTLINE, ("150/KH-UBND",) if y == 2025 else (), key=(y - 1955) % 5 == 0),
        Spec("TTBCXB", D(y, 4, 20), D(y, 5, 19),
            f"Tuyên truyền kỷ niệm {y - 1890} năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/{y})",
            M_PROPAGANDA, O_OUTLINE, ("05-CT/TW",), key=(y - 1890) % 5 == 0),
        Spec("TTBCXB", D(y, 6, 20), D(y, 7, 27),
            f"Tuyên truyền kỷ niệm {y - 1947} năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/{y}); vận động Nhân dân thực hiện phong trào “Đền ơn đáp nghĩa”",
            M_PROPAGANDA, O_OUTLINE),
        Spec("TTBCXB", D(y, 7, 15), D(y, 9, 2),
            f"Tuyên truyền kỷ niệm {y - 1945} năm Cách mạng Tháng Tám thành công (19/8/1945 - 19/8/{y}) và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/{y})",
            M_PROPAGANDA, O_OUTLINE, key=(y - 1945) % 5 == 0,
            coordination=(("BPTTH", f"Sản xuất chuyên mục, phóng sự kỷ niệm {y - 1945} năm Cách mạng Tháng Tám và Quốc khánh 2/9", D(y, 8, 25)), ("SVHTTDL", f"Tổ chức chương trình nghệ thuật chào mừng Quốc khánh 2/9/{y} tại trung tâm thành phố", D(y, 8, 31)))),
        Spec("VP", D(y, 7, 1), D(y, 8, 1),
            f"Tổ chức các hoạt động kỷ niệm {y - 1930} năm Ngày truyền thống ngành Tuyên giáo của Đảng (01/8/1930 - 01/8/{y})",
            "Gặp mặt truyền thống; tọa đàm; thăm hỏi cán bộ lão thành ngành Tuyên giáo",
            "Chương trình gặp mặt; báo cáo kết quả"),
        Spec("VP", D(y, 9, 15), D(y, 10, 15),
            f"Tổ chức các hoạt động kỷ niệm {y - 1930} năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - 15/10/{y})",
            "Gặp mặt truyền thống; biểu dương mô hình “Dân vận khéo” tiêu biểu",
            "Chương trình gặp mặt; báo cáo kết quả"),
        Spec("ĐTCH", D(y, 10, 1), D(y, 11, 18),
            f"Phối hợp tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư, kỷ niệm {y - 1930} năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/{y})",
            "Hướng dẫn, dự Ngày hội tại các khu dân cư; tổng hợp kết quả",
            "Báo cáo kết quả gửi Thường trực Thành ủy",
            coordination=(("MTTQ", f"Hướng dẫn các khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {y}", D(y, 11, 10)),)),
    ]
    return specs


def routine(y: int) -> list[Spec]:
    """What the department does every year, recurring tasks included."""
    dlxh = ("100-KL/TW", "167-HD/BTGTW") + (("04-KH/BTGDVTU",) if y == 2026 else ())
    bcv = ("17-CT/TW",) + (("05-KH/BTGDVTU",) if y == 2026 else ())
    return [
        Spec("TTBCXB", D(y, 1, 1), D(y, 1, 25),
            "Tổng hợp, báo cáo tình hình tư tưởng, dư luận xã hội hằng tháng gửi Ban Thường vụ Thành ủy và Ban Tuyên giáo và Dân vận Trung ương",
            "Tổng hợp thông tin của cộng tác viên dư luận xã hội và các đảng ủy xã, phường, đặc khu",
            "Báo cáo tình hình tư tưởng, dư luận xã hội tháng", dlxh, recurrence=MONTHLY),
        Spec("TTBCXB", D(y, 1, 2), D(y, 1, 10),
            "Tổ chức hội nghị báo cáo viên thành phố định kỳ hằng tháng",
            M_CONFERENCE, "Thông báo nội dung hội nghị; tổng hợp ý kiến phản ánh của báo cáo viên",
            bcv, recurrence=MONTHLY),
        Spec("LLCT", D(y, 1, 1), D(y, 3, 31),
            "Theo dõi, đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng; báo cáo Ban Chỉ đạo 35 thành phố hằng quý",
            "Theo dõi thông tin trên không gian mạng; phối hợp các lực lượng nòng cốt; viết bài phản bác",
            "Báo cáo quý gửi Ban Chỉ đạo 35 thành phố", ("35-NQ/TW",), recurrence=QUARTERLY),
        Spec("TTBCXB", D(y, 1, 1), D(y, 12, 31),
            f"Định hướng thông tin tuyên truyền cho các cơ quan báo chí; chủ trì giao ban báo chí định kỳ năm {y}",
            "Giao ban báo chí hằng tháng; định hướng bằng văn bản khi có vấn đề nóng",
            "Thông báo kết luận giao ban báo chí"),
        Spec("VP", D(y, 6, 1), D(y, 7, 10),
            f"Xây dựng báo cáo sơ kết công tác tuyên giáo và dân vận 6 tháng đầu năm {y}",
            M_ADVISE, "Báo cáo sơ kết 6 tháng", ("03-KH/BTGDVTU",) if y == 2026 else ()),
        Spec("VP", D(y, 11, 1), D(y, 12, 20),
            f"Xây dựng báo cáo tổng kết công tác năm {y} và Chương trình công tác năm {y + 1} của Ban",
            M_ADVISE, f"Báo cáo tổng kết năm {y}; Chương trình công tác năm {y + 1}"),
        Spec("VP", D(y, 10, 15), D(y, 12, 25),
            f"Tổng kết công tác thi đua, khen thưởng năm {y} của Ban",
            "Họp Hội đồng thi đua - khen thưởng; bình xét danh hiệu thi đua",
            "Quyết định công nhận danh hiệu thi đua"),
        Spec("DVNN", D(y, 4, 15), D(y, 5, 31),
            f"Nắm tình hình hoạt động tôn giáo dịp Lễ Phật đản Phật lịch {y + 544}",
            "Phối hợp Ban Trị sự Giáo hội Phật giáo thành phố và các ngành liên quan nắm tình hình",
            "Báo cáo nhanh gửi Thường trực Thành ủy"),
        Spec("DVNN", D(y, 12, 1), D(y, 12, 31),
            f"Nắm tình hình, phối hợp hướng dẫn các hoạt động tôn giáo dịp Lễ Giáng sinh năm {y}",
            "Thăm, chúc mừng các cơ sở tôn giáo; nắm tình hình tại các giáo xứ",
            "Báo cáo nhanh gửi Thường trực Thành ủy"),
        Spec("DVNN", D(y, 3, 1), D(y, 9, 30),
            f"Theo dõi, đôn đốc việc thực hiện dân chủ ở cơ sở và việc tiếp xúc, đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm {y}",
            M_FOLLOW, "Báo cáo kết quả gửi Ban Thường vụ Thành ủy", ("114-KL/TW", "23-QĐ/TW"),
            coordination=(("COMMUNE", f"Báo cáo kết quả thực hiện dân chủ ở cơ sở và đối thoại với Nhân dân 9 tháng đầu năm {y}", D(y, 9, 15)),) if y == 2026 else ()),
        Spec("ĐTCH", D(y, 3, 1), D(y, 12, 15),
            f"Nắm tình hình tư tưởng đoàn viên, hội viên; phát huy vai trò giám sát và phản biện xã hội của Mặt trận Tổ quốc và các đoàn thể năm {y}",
            M_FOLLOW, "Báo cáo chuyên đề gửi Thường trực Thành ủy", ("25-NQ/TW",)),
    ]


def department_2025() -> list[Spec]:
    y = 2025
    return (
        observances(y)
        + routine(y)
        + [
            Spec("TTBCXB", D(y, 1, 2), D(y, 2, 15),
                "Tuyên truyền đón Tết Nguyên đán Ất Tỵ 2025 vui tươi, lành mạnh, an toàn, tiết kiệm; nắm bắt tâm trạng xã hội dịp Tết",
                M_PROPAGANDA, O_OUTLINE),
            Spec("", D(y, 5, 1), D(y, 10, 15),
                "Tuyên truyền đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
                M_PROPAGANDA, O_REPORT, key=True),
            Spec("", D(y, 7, 1), D(y, 9, 30),
                "Tuyên truyền về việc sắp xếp đơn vị hành chính và vận hành mô hình chính quyền địa phương hai cấp từ ngày 01/7/2025",
                "Biên soạn tài liệu hỏi - đáp; tuyên truyền trên truyền thanh cơ sở, trang thông tin điện tử và mạng xã hội; nắm bắt dư luận của Nhân dân",
                "Báo cáo kết quả tuyên truyền và tình hình dư luận sau sắp xếp", key=True,
                cascade=15,
                coordination=(("BPTTH", "Mở chuyên mục tuyên truyền về chính quyền địa phương hai cấp trên báo in, báo điện tử, phát thanh và truyền hình", D(y, 7, 31)),)),
            Spec("", D(y, 10, 20), D(y, 12, 31),
                "Tổ chức học tập, quán triệt, tuyên truyền Nghị quyết Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025 - 2030",
                M_STUDY,
                "100% tổ chức cơ sở đảng tổ chức học tập; báo cáo kết quả gửi Ban Thường vụ Thành ủy",
                ("01-KH/BTGDVTU", "01-HD/BTGDVTU"), key=True, cascade=20),
            Spec("KGVHVN", D(y, 2, 25), D(y, 6, 30),
                "Tuyên truyền, quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị và Kế hoạch số 25-KH/TU của Thành ủy",
                M_STUDY, O_REPORT, ("57-NQ/TW", "25-KH/TU"), key=True,
                coordination=(("SKHCN", "Cung cấp tài liệu, số liệu về khoa học, công nghệ và đổi mới sáng tạo của thành phố phục vụ tuyên truyền", D(y, 4, 15)),)),
            Spec("KGVHVN", D(y, 11, 1), D(y, 12, 15),
                "Tham mưu sơ kết 1 năm thực hiện Nghị quyết số 57-NQ/TW trong công tác tuyên giáo và dân vận",
                M_ADVISE, "Báo cáo sơ kết 1 năm", ("57-NQ/TW",)),
            Spec("DVNN", D(y, 6, 1), D(y, 9, 30),
                "Tham mưu sơ kết 10 năm thực hiện Kết luận số 114-KL/TW của Ban Bí thư về công tác dân vận của cơ quan nhà nước",
                M_ADVISE, "Báo cáo sơ kết 10 năm", ("114-KL/TW",)),
            Spec("ĐTCH", D(y, 4, 1), D(y, 8, 31),
                "Hướng dẫn, theo dõi việc sắp xếp, tinh gọn tổ chức bộ máy của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội thành phố",
                M_FOLLOW, "Báo cáo kết quả sắp xếp", ("23-QĐ/TW",),
                coordination=(("MTTQ", "Báo cáo tiến độ sắp xếp các tổ chức chính trị - xã hội trực thuộc", D(y, 7, 15)),)),
            Spec("TTBCXB", D(y, 7, 1), D(y, 10, 31),
                "Kiện toàn mạng lưới cộng tác viên dư luận xã hội sau sắp xếp đơn vị hành chính",
                "Hướng dẫn các đảng ủy xã, phường, đặc khu giới thiệu cộng tác viên; ban hành quyết định công nhận",
                "Danh sách cộng tác viên dư luận xã hội thành phố", ("100-KL/TW", "167-HD/BTGTW")),
            Spec("TTBCXB", D(y, 8, 1), D(y, 11, 30),
                "Xây dựng quy chế phối hợp cung cấp thông tin dư luận xã hội giữa Ban và các đảng ủy xã, phường, đặc khu",
                M_ADVISE, "Quy chế phối hợp", ("100-KL/TW",), fate="overdue"),
            Spec("LLCT", D(y, 3, 1), D(y, 6, 30),
                "Hướng dẫn học tập chuyên đề năm 2025 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                M_STUDY, "Hướng dẫn; báo cáo kết quả", ("05-CT/TW", "01-KL/TW")),
            Spec("LLCT", D(y, 3, 1), D(y, 9, 30),
                "Tổ chức Cuộc thi viết chính luận về bảo vệ nền tảng tư tưởng của Đảng năm 2025 cấp thành phố",
                "Phát động cuộc thi; thành lập Ban Tổ chức, Hội đồng giám khảo; tổng kết, trao giải",
                "Quyết định trao giải; tác phẩm gửi dự thi cấp Trung ương", ("35-NQ/TW",),
                coordination=(("TCTTH", "Cử giảng viên tham gia Hội đồng sơ khảo Cuộc thi viết chính luận năm 2025", D(y, 8, 15)),)),
            Spec("TTBCXB", D(y, 3, 1), D(y, 6, 30),
                "Tổ chức Hội thi báo cáo viên giỏi cấp thành phố năm 2025",
                "Hội thi hai vòng: sơ khảo tại cơ sở, chung khảo cấp thành phố",
                "Quyết định khen thưởng", ("17-CT/TW",), fate="cancelled"),
        ]
    )


def department_2026() -> list[Spec]:
    y = 2026
    return (
        observances(y)
        + routine(y)
        + [
            Spec("TTBCXB", D(y, 1, 10), D(y, 3, 5),
                "Tuyên truyền đón Tết Nguyên đán Bính Ngọ 2026 vui tươi, lành mạnh, an toàn, tiết kiệm; nắm bắt tâm trạng xã hội dịp Tết",
                M_PROPAGANDA, O_OUTLINE, ("08-CT/TU",)),
            Spec("", D(y, 2, 15), D(y, 6, 30),
                "Tổ chức học tập, quán triệt, tuyên truyền Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng đến cán bộ, đảng viên và Nhân dân",
                M_STUDY + "; " + M_CONFERENCE.lower(),
                "100% tổ chức cơ sở đảng tổ chức học tập; báo cáo kết quả gửi Ban Thường vụ Thành ủy",
                ("02-KH/BTGDVTU",), key=True, cascade=25),
            Spec("", D(y, 1, 10), D(y, 3, 31),
                "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031",
                M_PROPAGANDA, "Báo cáo kết quả công tác tuyên truyền bầu cử", ("03-KH/BTGDVTU",),
                key=True, cascade=15,
                coordination=(("BPTTH", "Mở chuyên mục “Bầu cử năm 2026” trên báo in, báo điện tử, phát thanh và truyền hình", D(y, 3, 10)),)),
            Spec("", D(y, 3, 20), D(y, 12, 15),
                "Triển khai phong trào “Bình dân học vụ số”; hướng dẫn cán bộ, đảng viên và Nhân dân sử dụng dịch vụ công trực tuyến và các ứng dụng số",
                "Thành lập tổ công nghệ số cộng đồng; mở lớp hướng dẫn kỹ năng số tại các khu dân cư",
                "Số người được hướng dẫn; báo cáo kết quả gửi Ban Chỉ đạo thành phố",
                ("57-NQ/TW", "06-KH/BTGDVTU", "12/KH-UBND"), key=True, cascade=15,
                coordination=(("SKHCN", "Cung cấp tài liệu, cử cán bộ hướng dẫn kỹ năng số cho tổ công nghệ số cộng đồng", D(y, 6, 30)),)),
            Spec("", D(y, 10, 5), D(y, 11, 30),
                "Tổ chức các hoạt động hưởng ứng Ngày Văn hóa Việt Nam (24/11) lần đầu tiên năm 2026",
                "Không gian văn hóa tại trung tâm và các xã, phường; tọa đàm; tuyên truyền trên báo chí, mạng xã hội",
                "Báo cáo kết quả gửi Thường trực Thành ủy",
                ("80-NQ/TW", "07-KH/BTGDVTU", "3120/UBND-VX"), key=True, cascade=12,
                coordination=(("SVHTTDL", "Chủ trì tổ chức chương trình nghệ thuật và không gian văn hóa tại trung tâm thành phố ngày 24/11/2026", D(y, 11, 24)), ("BPTTH", "Sản xuất phóng sự, tọa đàm về Ngày Văn hóa Việt Nam và Nghị quyết số 80-NQ/TW", D(y, 11, 20)))),
            Spec("", D(y, 2, 10), D(y, 10, 31),
                "Đẩy mạnh phong trào thi đua “Dân vận khéo”; xây dựng và nhân rộng mô hình “Dân vận khéo” ở cơ sở năm 2026",
                "Hướng dẫn tiêu chí; khảo sát, công nhận và biểu dương mô hình tiêu biểu",
                "Danh sách mô hình được công nhận; báo cáo kết quả",
                ("25-NQ/TW", "03-HD/BTGDVTU", "04-HD/BTGDVTU"), key=True, cascade=10),
            Spec("KGVHVN", D(y, 1, 20), D(y, 3, 31),
                "Tham mưu Ban Thường vụ Thành ủy ban hành Chương trình hành động thực hiện Nghị quyết số 80-NQ/TW của Bộ Chính trị",
                M_ADVISE, O_DRAFT, ("80-NQ/TW",), key=True),
            Spec("KGVHVN", D(y, 2, 1), D(y, 10, 31),
                "Tuyên truyền Nghị quyết số 57-NQ/TW; biểu dương mô hình chuyển đổi số tiêu biểu ở cơ sở",
                M_PROPAGANDA, O_REPORT, ("57-NQ/TW", "25-KH/TU")),
            Spec("KGVHVN", D(y, 4, 1), D(y, 9, 30),
                "Tham mưu triển khai Chương trình hành động của Thành ủy thực hiện Nghị quyết số 80-NQ/TW trong lĩnh vực văn hóa - văn nghệ",
                M_FOLLOW, "Báo cáo tiến độ gửi Ban Thường vụ Thành ủy", ("05-CTr/TU", "80-NQ/TW")),
            Spec("VP", D(y, 1, 15), D(y, 12, 31),
                "Chuyển đổi số trong hoạt động của Ban: số hóa văn bản, sử dụng chữ ký số và nền tảng quản lý nhiệm vụ",
                "Tập huấn cho cán bộ, công chức; cập nhật nhiệm vụ, tiến độ trên nền tảng",
                "100% văn bản đi, đến được xử lý trên môi trường số", ("57-NQ/TW", "12/KH-UBND")),
            Spec("TTBCXB", D(y, 4, 1), D(y, 9, 30),
                "Xây dựng cơ sở dữ liệu báo cáo viên, cộng tác viên dư luận xã hội trên nền tảng số",
                "Chuẩn hóa danh sách; cập nhật thông tin liên hệ, lĩnh vực phụ trách",
                "Cơ sở dữ liệu được đưa vào sử dụng", ("17-CT/TW", "100-KL/TW")),
            Spec("TTBCXB", D(y, 1, 15), D(y, 3, 31),
                "Kiện toàn đội ngũ báo cáo viên của Thành ủy nhiệm kỳ 2025 - 2030",
                "Rà soát, đề xuất danh sách; trình Ban Thường vụ Thành ủy quyết định",
                "Quyết định công nhận báo cáo viên", ("17-CT/TW", "05-KH/BTGDVTU")),
            Spec("TTBCXB", D(y, 7, 1), D(y, 10, 31),
                "Bồi dưỡng nghiệp vụ cho báo cáo viên, tuyên truyền viên cơ sở năm 2026",
                "Lớp bồi dưỡng tập trung 3 ngày tại Trường Chính trị Tô Hiệu",
                "Báo cáo kết quả; danh sách học viên", ("17-CT/TW",),
                coordination=(("TCTTH", "Bố trí giảng viên, hội trường cho lớp bồi dưỡng báo cáo viên, tuyên truyền viên cơ sở", D(y, 9, 15)),)),
            Spec("LLCT", D(y, 2, 20), D(y, 5, 15),
                "Tham mưu tổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                M_ADVISE, "Báo cáo tổng kết; đề xuất khen thưởng tập thể, cá nhân tiêu biểu",
                ("05-CT/TW", "01-KL/TW"), key=True, fate="late"),
            Spec("LLCT", D(y, 3, 1), D(y, 6, 30),
                "Hướng dẫn học tập chuyên đề năm 2026 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                M_STUDY, "Hướng dẫn; báo cáo kết quả", ("05-CT/TW",)),
            Spec("LLCT", D(y, 4, 1), D(y, 10, 31),
                "Tổ chức Cuộc thi viết chính luận về bảo vệ nền tảng tư tưởng của Đảng năm 2026 cấp thành phố",
                "Phát động cuộc thi; thành lập Ban Tổ chức, Hội đồng giám khảo; tổng kết, trao giải",
                "Quyết định trao giải; tác phẩm gửi dự thi cấp Trung ương", ("35-NQ/TW",),
                coordination=(("TCTTH", "Cử giảng viên tham gia Hội đồng sơ khảo Cuộc thi viết chính luận năm 2026", D(y, 9, 30)),)),
            Spec("LLCT", D(y, 3, 1), D(y, 11, 30),
                "Hướng dẫn biên soạn lịch sử đảng bộ xã, phường, đặc khu sau sắp xếp đơn vị hành chính",
                "Biên soạn hướng dẫn; tập huấn cho người biên soạn; thẩm định đề cương",
                "Hướng dẫn biên soạn; đề cương được thẩm định"),
            Spec("DVNN", D(y, 5, 1), D(y, 9, 30),
                "Công tác dân vận phục vụ giải phóng mặt bằng các dự án trọng điểm của thành phố",
                "Phối hợp chính quyền và Mặt trận đối thoại với hộ dân; nắm tâm tư, kiến nghị",
                "Báo cáo chuyên đề gửi Thường trực Thành ủy", ("25-NQ/TW", "114-KL/TW")),
            Spec("ĐTCH", D(y, 3, 1), D(y, 6, 30),
                "Hướng dẫn, theo dõi việc kiện toàn tổ chức Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội cấp xã",
                M_FOLLOW, "Báo cáo kết quả kiện toàn", ("23-QĐ/TW",)),
            Spec("ĐTCH", D(y, 6, 1), D(y, 8, 31),
                "Phối hợp định hướng hoạt động tình nguyện hè năm 2026 gắn với tuyên truyền chuyển đổi số",
                "Định hướng nội dung; theo dõi, biểu dương đội hình tiêu biểu", "Báo cáo kết quả",
                coordination=(("TĐ", "Tổ chức đội hình thanh niên tình nguyện hướng dẫn kỹ năng số cho Nhân dân", D(y, 8, 15)), ("HLHPN", "Lồng ghép tuyên truyền kỹ năng số trong sinh hoạt chi hội phụ nữ", D(y, 8, 15)))),
        ]
    )


def strategy_57() -> list[Spec]:
    return [
        Spec("KGVHVN", D(2025, 3, 1), D(2025, 6, 30),
            "Quán triệt Nghị quyết số 57-NQ/TW đến cán bộ, công chức của Ban và các cơ quan tham mưu",
            M_STUDY, "Báo cáo kết quả quán triệt", ("57-NQ/TW",)),
        Spec("VP", D(2025, 7, 1), D(2026, 6, 30),
            "Số hóa hồ sơ, tài liệu lưu trữ của Ban giai đoạn 2011 - 2025",
            "Thuê dịch vụ số hóa; kiểm tra chất lượng dữ liệu", "Kho tài liệu số hóa",
            ("57-NQ/TW",)),
        Spec("KGVHVN", D(2026, 1, 1), D(2027, 12, 31),
            "Xây dựng kho dữ liệu số về tài liệu tuyên truyền, đề cương báo cáo viên dùng chung cho cấp xã",
            "Chuẩn hóa, phân loại tài liệu; cập nhật thường xuyên", "Kho dữ liệu dùng chung",
            ("57-NQ/TW", "12/KH-UBND")),
        Spec("TTBCXB", D(2026, 6, 1), D(2028, 12, 31),
            "Ứng dụng công nghệ số trong tổng hợp số liệu dư luận xã hội (chỉ số liệu tổng hợp, không theo dõi cá nhân)",
            "Thử nghiệm tại 10 xã, phường; đánh giá, nhân rộng", "Báo cáo đánh giá thử nghiệm",
            ("57-NQ/TW", "100-KL/TW")),
        Spec("TTBCXB", D(2027, 10, 1), D(2027, 12, 15),
            "Sơ kết 3 năm thực hiện Nghị quyết số 57-NQ/TW trong công tác tuyên giáo và dân vận",
            M_ADVISE, "Báo cáo sơ kết 3 năm", ("57-NQ/TW",)),
        Spec("KGVHVN", D(2028, 1, 1), D(2030, 6, 30),
            "Đánh giá mức độ chuyển đổi số của các đảng ủy xã, phường, đặc khu trong công tác tuyên giáo và dân vận",
            M_FOLLOW, "Bộ chỉ số đánh giá; báo cáo kết quả", ("57-NQ/TW",)),
        Spec("", D(2030, 6, 1), D(2030, 11, 30),
            "Tổng kết thực hiện Nghị quyết số 57-NQ/TW giai đoạn 2025 - 2030 trong công tác tuyên giáo và dân vận",
            M_ADVISE, "Báo cáo tổng kết", ("57-NQ/TW",), key=True),
    ]


def propaganda_division(y: int) -> list[Spec]:
    specs = [
        Spec("TTBCXB", D(y, 1, 1), D(y, 12, 31),
            f"Theo dõi thông tin báo chí và mạng xã hội về các vấn đề nổi cộm của thành phố, báo cáo lãnh đạo Ban hằng tuần năm {y}",
            "Phân công chuyên viên theo dõi theo lĩnh vực; tổng hợp vào thứ Sáu hằng tuần",
            "Bản tin tổng hợp hằng tuần"),
        Spec("TTBCXB", D(y, 1, 1), D(y, 12, 20),
            f"Thẩm định đề cương tuyên truyền, tài liệu sinh hoạt chi bộ trước khi phát hành năm {y}",
            "Thẩm định trong 3 ngày làm việc kể từ khi nhận dự thảo", "Ý kiến thẩm định"),
        Spec("TTBCXB", D(y, 8, 1), D(y, 10, 31),
            f"Tập huấn nghiệp vụ cho cộng tác viên dư luận xã hội cấp xã năm {y}",
            "Tập huấn trực tiếp theo cụm xã, phường", "Danh sách học viên; báo cáo kết quả",
            ("167-HD/BTGTW",),
            coordination=(("TCTTH", f"Cử giảng viên tập huấn nghiệp vụ cộng tác viên dư luận xã hội năm {y}", D(y, 9, 15)),)),
    ]
    if y == 2025:
        specs += [
            Spec("TTBCXB", D(y, 8, 1), D(y, 11, 30),
                "Khảo sát hoạt động của hệ thống truyền thanh cơ sở sau sắp xếp đơn vị hành chính",
                "Phiếu khảo sát gửi các xã, phường, đặc khu; khảo sát thực tế 10 đơn vị",
                "Báo cáo khảo sát, đề xuất"),
            Spec("TTBCXB", D(y, 9, 1), D(y, 10, 15),
                "Biên soạn tài liệu hỏi - đáp về mô hình chính quyền địa phương hai cấp cho tuyên truyền viên cơ sở",
                "Biên soạn, xin ý kiến Sở Nội vụ; in và phát hành", "Tài liệu hỏi - đáp"),
        ]
    else:
        specs += [
            Spec("TTBCXB", D(y, 1, 1), D(y, 1, 20),
                "Biên soạn, phát hành Bản tin Thông tin nội bộ hằng tháng",
                "Biên tập, xin ý kiến lãnh đạo Ban; phát hành bản in và bản điện tử",
                "Bản tin tháng", recurrence=MONTHLY),
            Spec("TTBCXB", D(y, 6, 1), D(y, 9, 30),
                "Điều tra dư luận xã hội về việc vận hành mô hình chính quyền địa phương hai cấp sau một năm",
                "Phiếu hỏi tại 20 xã, phường; tổng hợp, phân tích số liệu",
                "Báo cáo kết quả điều tra gửi Thường trực Thành ủy", ("100-KL/TW", "04-KH/BTGDVTU"),
                fate="overdue"),
            Spec("TTBCXB", D(y, 4, 1), D(y, 6, 30),
                "Khảo sát nhu cầu tài liệu tuyên truyền của các xã, phường, đặc khu",
                "Phiếu khảo sát trực tuyến", "Báo cáo khảo sát", fate="cancelled"),
        ]
    return specs


def mass_mobilisation_division() -> list[Spec]:
    y = 2026
    return [
        Spec("DVNN", D(y, 3, 1), D(y, 8, 31),
            "Khảo sát, lựa chọn mô hình “Dân vận khéo” tiêu biểu để biểu dương năm 2026",
            "Khảo sát thực tế; lấy ý kiến Mặt trận và các đoàn thể", "Danh sách đề xuất biểu dương",
            ("04-HD/BTGDVTU",)),
        Spec("DVNN", D(y, 1, 1), D(y, 12, 31),
            "Nắm tình hình đời sống, tư tưởng của đồng bào có đạo ở các xã, phường có đông đồng bào theo đạo",
            M_FOLLOW, "Báo cáo quý"),
        Spec("DVNN", D(y, 5, 1), D(y, 10, 31),
            "Phối hợp Ủy ban Mặt trận Tổ quốc thành phố giám sát việc thực hiện dân chủ ở cơ sở",
            "Đoàn giám sát liên ngành tại 6 xã, phường", "Báo cáo kết quả giám sát", ("23-QĐ/TW",)),
        Spec("DVNN", D(y, 11, 1), D(y, 12, 20),
            "Tham mưu sơ kết công tác dân vận chính quyền năm 2026",
            M_ADVISE, "Báo cáo sơ kết", ("114-KL/TW",)),
        Spec("DVNN", D(y, 9, 1), D(y, 11, 15),
            "Chuẩn bị nội dung hội nghị đối thoại giữa Thường trực Thành ủy với Nhân dân năm 2026",
            "Tổng hợp kiến nghị của Nhân dân; đề xuất nội dung đối thoại",
            "Đề cương hội nghị đối thoại"),
    ]


MODELS = [
    "Ngõ phố văn minh, sạch đẹp",
    "Tổ công nghệ số cộng đồng",
    "Khu dân cư an toàn về an ninh, trật tự",
    "Vận động Nhân dân hiến đất mở rộng đường giao thông",
    "Chi hội phụ nữ tiết kiệm giúp nhau phát triển kinh tế",
    "Tuyến đường hoa nông thôn mới",
]


def commune(y: int, place: str, model: str) -> list[Spec]:
    def c(start: datetime.date, due: datetime.date, content: str, **kw) -> Spec:
        return Spec("commune", start, due,
                   content,
                   kw.pop("method", M_COMMUNE), O_COMMUNE, **kw)

    if y == 2025:
        return [
            c(D(y, 7, 1), D(y, 9, 30),
                "Tuyên truyền về mô hình chính quyền địa phương hai cấp trên hệ thống truyền thanh cơ sở và tại các khu dân cư"),
            c(D(y, 7, 15), D(y, 9, 30),
                f"Kiện toàn đội ngũ tuyên truyền viên, cộng tác viên dư luận xã hội của {place} sau sắp xếp",
                docs=("100-KL/TW",)),
            c(D(y, 9, 1), D(y, 11, 15),
                f"Tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội Đảng bộ {place} nhiệm kỳ 2025 - 2030 cho cán bộ, đảng viên",
                method=M_STUDY),
            c(D(y, 7, 1), D(y, 12, 31),
                "Nắm bắt tâm tư, nguyện vọng của Nhân dân; báo cáo tình hình dư luận xã hội gửi Ban Tuyên giáo và Dân vận Thành ủy trước ngày 20 hằng tháng",
                docs=("167-HD/BTGTW",)),
            c(D(y, 10, 1), D(y, 11, 18),
                f"Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư năm {y}"),
            c(D(y, 8, 1), D(y, 12, 15),
                f"Xây dựng mô hình “Dân vận khéo” “{model}”",
                docs=("25-NQ/TW",)),
        ]
    return [
        c(D(y, 1, 15), D(y, 3, 31),
            f"Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp trên địa bàn {place}"),
        c(D(y, 2, 20), D(y, 5, 31),
            "Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng cho cán bộ, đảng viên các chi bộ trực thuộc",
            method=M_STUDY),
        c(D(y, 5, 1), D(y, 8, 31),
            f"Tổ chức hội nghị đối thoại giữa Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân {place} với Nhân dân năm {y}",
            method="Hội nghị đối thoại trực tiếp tại nhà văn hóa khu dân cư"),
        c(D(y, 3, 1), D(y, 12, 15),
            "Hướng dẫn Nhân dân sử dụng dịch vụ công trực tuyến và ứng dụng định danh điện tử qua tổ công nghệ số cộng đồng",
            docs=("57-NQ/TW",)),
        c(D(y, 1, 1), D(y, 12, 31),
            f"Nắm bắt tâm tư, nguyện vọng của Nhân dân; báo cáo tình hình dư luận xã hội hằng tháng năm {y}",
            docs=("167-HD/BTGTW",)),
        c(D(y, 10, 1), D(y, 11, 18),
            f"Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư năm {y}"),
        c(D(y, 3, 1), D(y, 10, 31),
            f"Nhân rộng mô hình “Dân vận khéo” “{model}” ra các khu dân cư",
            docs=("25-NQ/TW",)),
    ]


# fmt: on


START = [
    "Đã xây dựng kế hoạch triển khai, phân công cán bộ theo dõi.",
    "Đã ban hành văn bản hướng dẫn, gửi các đơn vị liên quan.",
    "Đã họp thống nhất nội dung, phân công nhiệm vụ cho từng bộ phận.",
    "Đang xây dựng đề cương, dự thảo tài liệu; dự kiến trình lãnh đạo trong tuần tới.",
]
MIDDLE = [
    "Đã tổ chức {n} hội nghị với khoảng {m} lượt cán bộ, đảng viên tham dự.",
    "Đã đăng tải {n} tin, bài trên trang thông tin điện tử và các nền tảng mạng xã hội.",
    "Đã treo {n} băng rôn, khẩu hiệu; phát {m} lượt tin trên hệ thống truyền thanh cơ sở.",
    "Đã tổng hợp báo cáo của {n} đơn vị; một số đơn vị chưa gửi báo cáo, đang đôn đốc.",
    "Đã làm việc với các cơ quan phối hợp, thống nhất lịch triển khai.",
    "Đang hoàn thiện dự thảo sau khi tiếp thu ý kiến góp ý của các phòng.",
]
MIDDLE_COMMUNE = [
    "Đã quán triệt tại {n} chi bộ trực thuộc, khoảng {m} lượt đảng viên tham dự.",
    "Đã phát {m} lượt tin trên loa truyền thanh của {n} thôn, tổ dân phố.",
    "Đã họp {n} khu dân cư, ghi nhận {m} ý kiến, kiến nghị của Nhân dân.",
    "Đang đôn đốc các chi bộ gửi báo cáo; đã nhận {n} báo cáo.",
]
DONE = [
    "Hoàn thành; đã gửi báo cáo kết quả về Văn phòng Ban.",
    "Hoàn thành nhiệm vụ, báo cáo kết quả đã trình lãnh đạo Ban.",
    "Đã hoàn thành các nội dung theo kế hoạch; hồ sơ lưu tại đơn vị.",
    "Hoàn thành; kết quả tổng hợp đã gửi Thường trực Thành ủy.",
]
CANCELLED = (
    "Dừng thực hiện theo chỉ đạo của lãnh đạo Ban; nội dung được lồng ghép vào nhiệm vụ khác."
)
LOCAL_NOTES = [
    "Lồng ghép vào sinh hoạt chi bộ định kỳ hằng tháng.",
    "Phát trên loa truyền thanh vào khung giờ sáng và chiều.",
    "Phối hợp Ủy ban Mặt trận Tổ quốc xã tổ chức tại các khu dân cư.",
    "Ưu tiên các thôn, tổ dân phố mới sáp nhập.",
]


@dataclass
class Outcome:
    status: str
    completed_on: datetime.date | None = None
    updates: list[tuple[datetime.date, int, str]] = field(default_factory=list)


class _Programme:
    """Builds the tasks, updates and links in memory, then saves them in a few bulk inserts."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.units = list(Unit.objects.dangerously_unscoped().order_by("pk"))
        self.by_abbreviation = {unit.abbreviation: unit for unit in self.units if unit.abbreviation}
        self.root = next(unit for unit in self.units if unit.parent_id is None)
        self.communes = [unit for unit in self.units if unit.kind == Unit.Kind.COMMUNE]
        self.staff: dict[int, list[User]] = defaultdict(list)
        memberships = (
            Membership.objects.dangerously_unscoped()
            .filter(role__in=[Role.LEADER, Role.OFFICER])
            .select_related("user")
            .order_by("pk")
        )
        for membership in memberships:
            self.staff[membership.unit_id].append(membership.user)
        self.leader = User.objects.get(username="lanhdao")
        self.documents = {
            document.symbol: document
            for document in Document.objects.dangerously_unscoped().order_by("issued_on", "pk")
        }
        self.tasks: list[Task] = []
        self.updates: list[TaskUpdate] = []
        self.sources: list[tuple[Task, Document]] = []
        self.coordinating: list[tuple[Task, Unit]] = []

    # Dates and outcomes ---------------------------------------------------------

    def day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def outcome(self, start: datetime.date, due: datetime.date, fate: str = "") -> Outcome:
        rng, today = self.rng, REFERENCE_DATE
        if fate == "cancelled":
            return self.cancelled(start, min(due, today))
        if start > today:
            return Outcome(Task.Status.NOT_STARTED)
        draw = rng.random()
        if due < today:
            late_possible = due + datetime.timedelta(days=2) <= today
            stale = 0.03 if due < today - datetime.timedelta(days=150) else 0.12
            if fate == "overdue" or (not fate and draw > 1 - stale):
                return self.pending(start, min(today, due + datetime.timedelta(days=20)))
            if fate == "late" or (late_possible and draw < 0.1):
                finish = min(today, due + datetime.timedelta(days=rng.randint(2, 40)))
                return self.done(start, finish)
            if not fate and draw < 0.12:
                return self.cancelled(start, due)
            return self.done(start, self.day(max(start, due - datetime.timedelta(days=20)), due))
        if draw < 0.15 and (today - start).days > 14:
            return self.done(start, self.day(start + datetime.timedelta(days=7), today))
        if draw < 0.8:
            return self.pending(start, today)
        return Outcome(Task.Status.NOT_STARTED)

    def percents(self, count: int) -> list[int]:
        return sorted(self.rng.sample(range(10, 100, 10), count))

    def dates(self, first: datetime.date, last: datetime.date, count: int) -> list:
        return sorted(self.day(first, last) for _n in range(count))

    def text(self, percent: int, commune: bool) -> str:
        rng = self.rng
        if percent == 100:
            return rng.choice(DONE)
        if percent <= 30:
            return rng.choice(START)
        pool = MIDDLE_COMMUNE if commune else MIDDLE
        return rng.choice(pool).format(n=rng.randint(2, 30), m=rng.randint(40, 900))

    def done(self, start: datetime.date, finish: datetime.date) -> Outcome:
        count = self.rng.randint(0, 3)
        days = self.dates(start, finish, count) + [finish]
        return Outcome(
            Task.Status.DONE, finish, list(zip(days, self.percents(count) + [100], strict=True))
        )

    def pending(self, start: datetime.date, last: datetime.date) -> Outcome:
        count = self.rng.randint(1, 3)
        days = self.dates(start, last, count)
        return Outcome(
            Task.Status.IN_PROGRESS, None, list(zip(days, self.percents(count), strict=True))
        )

    def cancelled(self, start: datetime.date, last: datetime.date) -> Outcome:
        count = self.rng.randint(0, 1)
        days = self.dates(start, last, count + 1)
        percents = self.percents(count)
        steps = list(zip(days[:-1], percents, strict=True))
        # Why it was cancelled, reported after the cancelling edit: the status stays.
        explanation = (days[-1], percents[-1] if percents else 0, CANCELLED)
        return Outcome(Task.Status.CANCELLED, None, [*steps, explanation])

    # Tasks ----------------------------------------------------------------------------

    def author(self, unit: Unit) -> User:
        return self.rng.choice(self.staff.get(unit.pk) or [self.leader])

    def add(self, task: Task, result: Outcome, docs=()) -> Task:
        commune = task.lead_unit.kind == Unit.Kind.COMMUNE
        for reported_on, percent, *text in result.updates:
            self.updates.append(
                TaskUpdate(
                    task=task,
                    reported_on=reported_on,
                    percent=percent,
                    text=text[0] if text else self.text(percent, commune),
                    author=self.author(task.lead_unit),
                )
            )
        task.status, task.completed_on = result.status, result.completed_on
        task.progress = result.updates[-1][1] if result.updates else 0
        task.version = 1 + len(result.updates) + (result.status == Task.Status.CANCELLED)
        task.refresh_search_text()
        task._history_user = task.created_by
        self.tasks.append(task)
        self.sources += [(task, document) for document in docs]
        return task

    def unit_for(self, lead: str, plan: Plan) -> Unit:
        if lead == "commune":
            return plan.unit
        return self.by_abbreviation[lead] if lead else self.root

    def plan_tasks(self, plan: Plan, specs: list[Spec]) -> None:
        for spec in specs:
            unit = self.unit_for(spec.lead, plan)
            docs = [self.documents[symbol] for symbol in spec.docs]
            task = Task(
                plan=plan,
                origin=Task.Origin.PLAN,
                content=spec.content,
                method=spec.method,
                expected_output=spec.output,
                start_on=spec.start,
                due_on=spec.due,
                lead_unit=unit,
                is_key=spec.key,
                recurrence=spec.recurrence,
                created_by=self.author(unit) if unit != self.root else self.leader,
            )
            if spec.recurrence:
                self.occurrences(task, plan, docs)
                continue
            self.add(task, self.outcome(spec.start, spec.due, spec.fate), docs)
            if spec.cascade:
                self.cascade(task, spec.cascade, docs)
            for target, content, due_on in spec.coordination:
                self.coordinate(task, target, content, due_on, docs)

    def occurrences(self, task: Task, plan: Plan, docs) -> None:
        """A recurring task and the occurrences each completion scheduled (see services)."""
        months = RECURRENCE_MONTHS[task.recurrence]
        while True:
            # Past months were reported: a missed one would have stopped the series.
            fate = "done" if task.due_on < REFERENCE_DATE else ""
            self.add(task, self.outcome(task.start_on, task.due_on, fate), docs)
            due_on = add_months(task.due_on, months)
            if task.status != Task.Status.DONE or due_on > plan.period_end:
                return
            task = Task(
                plan=plan,
                origin=task.origin,
                content=task.content,
                method=task.method,
                expected_output=task.expected_output,
                start_on=add_months(task.start_on, months),
                due_on=due_on,
                lead_unit=task.lead_unit,
                is_key=task.is_key,
                recurrence=task.recurrence,
                previous=task,
                created_by=task.created_by,
            )

    def cascade(self, task: Task, count: int, docs) -> None:
        # The first commune (the demo's commune officer) always gets its share.
        units = [self.communes[0]] + self.rng.sample(self.communes[1:], count - 1)
        for unit in sorted(units, key=lambda unit: unit.pk):
            child = Task(
                parent=task,
                origin=Task.Origin.CASCADE,
                content=task.content,
                method=task.method,
                expected_output=task.expected_output,
                start_on=task.start_on,
                due_on=task.due_on,
                lead_unit=unit,
                is_key=task.is_key,
                local_note=self.rng.choice(LOCAL_NOTES) if self.rng.random() < 0.3 else "",
                created_by=self.leader,
            )
            self.add(child, self.outcome(task.start_on, task.due_on), docs)

    def coordinate(self, task: Task, target: str, content: str, due_on, docs) -> None:
        unit = self.communes[0] if target == "COMMUNE" else self.by_abbreviation[target]
        child = Task(
            parent=task,
            origin=Task.Origin.COORDINATION,
            content=content,
            due_on=due_on,
            lead_unit=unit,
            created_by=task.created_by,
        )
        start = min(due_on, max(task.start_on, due_on - datetime.timedelta(days=30)))
        self.add(child, self.outcome(start, due_on), docs)
        self.coordinating.append((task, unit))

    # Saving ------------------------------------------------------------------------

    def save(self) -> None:
        """Parents and previous occurrences first, so every reference has its key."""
        depth: dict[int, int] = {}
        for task in self.tasks:  # a task always comes after its parent and previous
            above = [ref for ref in (task.parent, task.previous) if ref is not None]
            depth[id(task)] = 1 + max((depth[id(ref)] for ref in above), default=-1)
        for level in sorted(set(depth.values())):
            batch = [task for task in self.tasks if depth[id(task)] == level]
            bulk_create_with_history(batch, Task, batch_size=500)
        TaskUpdate.objects.bulk_create(self.updates, batch_size=1000)
        Sources, Coordinating = Task.source_documents.through, Task.coordinating_units.through
        sources = sorted({(task.pk, document.pk) for task, document in self.sources})
        Sources.objects.bulk_create(
            [Sources(task_id=task_id, document_id=document_id) for task_id, document_id in sources]
        )
        Coordinating.objects.bulk_create(
            [
                Coordinating(task_id=task_id, unit_id=unit_id)
                for task_id, unit_id in sorted({(t.pk, u.pk) for t, u in self.coordinating})
            ]
        )


def _at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 8, 30, tzinfo=TZ)


# The plans of the department and its divisions: (unit, "" for the department; title;
# period; source documents; approved at, None for a draft; the tasks).
# fmt: off
PLANS = [
    ("", "Chương trình công tác năm 2025 của Ban Tuyên giáo và Dân vận Thành ủy", D(2025, 1, 1), D(2025, 12, 31),
     ("57-NQ/TW", "100-KL/TW", "17-CT/TW", "05-CT/TW", "35-NQ/TW"), _at(2025, 1, 8), department_2025),
    ("", "Chương trình công tác năm 2026 của Ban Tuyên giáo và Dân vận Thành ủy", D(2026, 1, 1), D(2026, 12, 31),
     ("03-KH/BTGDVTU", "02-HD/BTGDVTU", "04-KH/BTGDVTU", "05-KH/BTGDVTU", "80-NQ/TW", "57-NQ/TW"),
     _at(2026, 1, 20), department_2026),
    ("", "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW trong công tác tuyên giáo và dân vận giai đoạn 2025 - 2030",
     D(2025, 3, 1), D(2030, 12, 31), ("57-NQ/TW", "25-KH/TU"), _at(2025, 3, 14), strategy_57),
    ("TTBCXB", "Kế hoạch công tác năm 2025 của Phòng Tuyên truyền, Báo chí - Xuất bản", D(2025, 1, 1), D(2025, 12, 31),
     ("100-KL/TW", "17-CT/TW"), _at(2025, 1, 15), lambda: propaganda_division(2025)),
    ("TTBCXB", "Kế hoạch công tác năm 2026 của Phòng Tuyên truyền, Báo chí - Xuất bản", D(2026, 1, 1), D(2026, 12, 31),
     ("03-KH/BTGDVTU", "04-KH/BTGDVTU"), _at(2026, 1, 9), lambda: propaganda_division(2026)),
    ("DVNN", "Kế hoạch công tác năm 2026 của Phòng Dân vận các cơ quan Nhà nước, Dân tộc và Tôn giáo",
     D(2026, 1, 1), D(2026, 12, 31), ("03-KH/BTGDVTU", "25-NQ/TW"), None, mass_mobilisation_division),
]
# The communes' plans: the second half of 2025 (they were formed on 1 July 2025) and 2026.
COMMUNE_PLANS = [
    (2025, "Chương trình công tác 6 tháng cuối năm 2025 của Đảng ủy {place}", D(2025, 7, 1), _at(2025, 7, 20)),
    (2026, "Chương trình công tác năm 2026 của Đảng ủy {place}", D(2026, 1, 1), _at(2025, 12, 20)),
]
# fmt: on


def seed(*, rng: random.Random, log: Callable[[str], None]) -> list:
    programme = _Programme(rng)
    plans = []
    for unit_key, title, start, end, docs, approved_at, tasks in PLANS:
        unit = programme.by_abbreviation[unit_key] if unit_key else programme.root
        plans.append((_plan(programme, unit, title, start, end, docs), tasks(), approved_at))
    # The demo's commune officer's commune, and two more; the 2026 plans of those two are drafts.
    communes = [programme.communes[0]] + rng.sample(programme.communes[1:], 2)
    for number, (unit, model) in enumerate(zip(communes, rng.sample(MODELS, 3), strict=True)):
        # Mid-sentence Vietnamese writes "xã Quảng Thành", "phường Lê Chân".
        name = unit.locality.name if unit.locality else unit.name
        place = name[0].lower() + name[1:]
        for year, title, start, approved_at in COMMUNE_PLANS:
            docs = ("03-KH/BTGDVTU",) if year == 2026 else ()
            plan = _plan(programme, unit, title.format(place=place), start, D(year, 12, 31), docs)
            approved = year == 2025 or number == 0
            plans.append((plan, commune(year, place, model), approved_at if approved else None))
    for plan, specs, _approved_at in plans:
        programme.plan_tasks(plan, specs)
    programme.save()
    for plan, _specs, approved_at in plans:
        if approved_at:
            approve_plan(plan=plan, by=programme.leader)
            Plan.objects.filter(pk=plan.pk).update(approved_at=approved_at)
    log(_("Plans: %(count)s") % {"count": len(plans)})
    log(_("Tasks: %(count)s") % {"count": len(programme.tasks)})
    log(_("Progress updates: %(count)s") % {"count": len(programme.updates)})
    return []


def _plan(programme: _Programme, unit: Unit, title: str, start, end, docs) -> Plan:
    by = programme.leader if unit == programme.root else programme.author(unit)
    return create_plan(
        unit=unit,
        title=title,
        period_start=start,
        period_end=end,
        source_documents=[programme.documents[symbol] for symbol in docs],
        by=by,
    )
