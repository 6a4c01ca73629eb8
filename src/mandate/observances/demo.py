# ruff: noqa: E501 -- Vietnamese titles and summaries are long; one per line reads as a table.
"""The demo province's communication campaigns: 2025 and 2026, and Tết 2027 being planned.

The department plans, launches and closes its campaigns through the services, on the
dates given here; acknowledgements and progress reports are then dated after the fact,
as the work demo does with its tasks: reports are bulk-created, never after
REFERENCE_DATE, and each task is left as post_update would leave it (progress of the
last report, a 100 % report completes it on its date, one version per report).

Campaigns before 1 July 2025 target city-level bodies only: the commune party
committees of the demo were formed that day, when the two-tier local government began.

Launch notices are recorded in the application but no e-mail leaves: the demo people's
addresses are invented.
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import F
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from mandate.core.models import Notification
from mandate.directives.models import Document, DocumentType, Profile
from mandate.directives.services import (
    DocumentData,
    issue_document,
    register_document,
    update_document,
)
from mandate.observances.models import Campaign, CampaignTemplate, Observance
from mandate.observances.services import (
    acknowledge,
    add_local_observance,
    cancel_campaign,
    close_campaign,
    create_campaign,
    launch_campaign,
)
from mandate.org.models import Membership, Role, Unit, User
from mandate.work.demo import REFERENCE_DATE
from mandate.work.models import Task, TaskUpdate

D = datetime.date
DAY = datetime.timedelta(days=1)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
COMMUNES_FORMED_ON = D(2025, 7, 1)

# How a target unit behaves in a campaign: on time, late, or silent (no acknowledgement,
# no report on what is due).
PROMPT, LATE, SILENT = "prompt", "late", "silent"

GENERIC = "Tuyên truyền ngày lễ lớn"
TET = "Tuyên truyền đón Tết Nguyên đán"
NATIONAL_DAY = "Tuyên truyền Cách mạng Tháng Tám và Quốc khánh 2/9"
PARTY = "Tuyên truyền kỷ niệm Ngày thành lập Đảng 3/2"
EVENT = "Tuyên truyền sự kiện chính trị quan trọng (bầu cử, đại hội Đảng)"

MASS_ORGS = ("MTTQ", "TĐ", "HLHPN", "HND", "HCCB")
DEPARTMENT_ISSUER = "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng"

# Guidance of the previous committee term, registered with its own number:
# (symbol, issuer, issued on, title).
REGISTERED = [
    ("58-HD/BTGTU", "Ban Tuyên giáo Thành ủy Hải Phòng", D(2024, 12, 5),
     "Hướng dẫn tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025) và mừng Xuân Ất Tỵ 2025"),
    ("12-HD/BTGDVTU", DEPARTMENT_ISSUER, D(2025, 3, 5),
     "Hướng dẫn tuyên truyền kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025)"),
    ("16-HD/BTGDVTU", DEPARTMENT_ISSUER, D(2025, 3, 31),
     "Hướng dẫn tuyên truyền kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025)"),
    ("27-HD/BTGDVTU", DEPARTMENT_ISSUER, D(2025, 7, 10),
     "Hướng dẫn tuyên truyền kỷ niệm 80 năm Cách mạng Tháng Tám thành công (19/8/1945 - 19/8/2025) và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2025)"),
]  # fmt: skip
# Guidance of the current term, numbered from the department's series after the
# directives demo's own (so numbers follow dates): (key, issued on, title).
ISSUED = [
    ("quoc-khanh-2026", D(2026, 7, 15),
     "Hướng dẫn tuyên truyền kỷ niệm 81 năm Cách mạng Tháng Tám (19/8/1945 - 19/8/2026) và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2026)"),
    ("quan-doi-2026", D(2026, 11, 2),
     "Hướng dẫn tuyên truyền kỷ niệm 82 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2026) và 37 năm Ngày hội Quốc phòng toàn dân (22/12/1989 - 22/12/2026)"),
]  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """One campaign of the root department and what became of it."""

    title: str
    template: str
    observance: str  # the key; "" for a one-off event
    year: int
    planned_on: datetime.date
    targets: tuple[str, ...]  # city-level units by abbreviation
    communes: int = 0
    guidance: str = ""
    launched_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    cancelled_on: datetime.date | None = None
    summary: str = ""  # the results, or why it was called off
    event_on: datetime.date | None = None
    weights: tuple[float, float, float] = (0.8, 0.15, 0.05)  # prompt, late, silent
    first_commune: str = PROMPT  # the demo commune officer's unit


# fmt: off
CAMPAIGNS = [
    Spec("Tuyên truyền đón Tết Nguyên đán Ất Tỵ 2025", TET, "tet", 2025, D(2024, 12, 6),
         (*MASS_ORGS, "BPTTH", "SVHTTDL"), guidance="58-HD/BTGTU",
         launched_on=D(2024, 12, 9), closed_on=D(2025, 2, 20),
         summary="Các đơn vị triển khai đầy đủ kế hoạch; Mặt trận và các đoàn thể thăm hỏi, tặng quà gia đình chính sách, hộ nghèo chu đáo. Báo và Phát thanh, Truyền hình Hải Phòng mở chuyên mục “Mừng Đảng - Mừng Xuân”. Tình hình an ninh, trật tự dịp Tết ổn định; dư luận đồng tình với việc chăm lo Tết cho người nghèo."),
    Spec("Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)", PARTY, "party-founding", 2025, D(2024, 12, 9),
         (*MASS_ORGS, "BPTTH", "TCTTH", "LLCT"), guidance="58-HD/BTGTU",
         launched_on=D(2024, 12, 12), closed_on=D(2025, 3, 3),
         summary="Tổ chức hội thảo khoa học “95 năm Đảng Cộng sản Việt Nam lãnh đạo sự nghiệp cách mạng” tại Trường Chính trị Tô Hiệu; các cơ quan báo chí mở chuyên mục, đăng bài chính luận bảo vệ nền tảng tư tưởng của Đảng. Đoàn viên, hội viên sinh hoạt chuyên đề về Đảng."),
    Spec("Tuyên truyền kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025)", GENERIC, "reunification", 2025, D(2025, 3, 6),
         (*MASS_ORGS, "BPTTH", "SVHTTDL", "TCTTH", "LLCT"), guidance="12-HD/BTGDVTU",
         launched_on=D(2025, 3, 10), closed_on=D(2025, 5, 26),
         summary="Năm tròn 50 năm: triển lãm ảnh “Mùa Xuân đại thắng” và hội thảo khoa học về cuộc Tổng tiến công và nổi dậy mùa Xuân 1975; báo chí mở chuyên trang kỷ niệm. Dư luận xã hội phấn khởi, tự hào; không phát hiện thông tin xấu, độc lan truyền trên địa bàn."),
    Spec("Tuyên truyền kỷ niệm 70 năm Ngày giải phóng Hải Phòng (13/5/1955 - 13/5/2025)", GENERIC, "hai-phong-liberation", 2025, D(2025, 3, 28),
         ("MTTQ", "TĐ", "HLHPN", "HCCB", "BPTTH", "SVHTTDL", "LLCT"), guidance="150/KH-UBND",
         launched_on=D(2025, 3, 29), closed_on=D(2025, 6, 6),
         summary="Phối hợp Ủy ban nhân dân thành phố tổ chức các hoạt động kỷ niệm theo Kế hoạch số 150/KH-UBND; tọa đàm “Hải Phòng - 70 năm xây dựng và phát triển” với các nhân chứng lịch sử; trang trí cổ động trực quan tại các tuyến phố trung tâm."),
    Spec("Tuyên truyền kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025)", GENERIC, "ho-chi-minh-birthday", 2025, D(2025, 4, 1),
         (*MASS_ORGS, "BPTTH", "TCTTH", "LLCT"), guidance="16-HD/BTGDVTU",
         launched_on=D(2025, 4, 2), closed_on=D(2025, 6, 12),
         summary="Hội thảo khoa học về tư tưởng, đạo đức, phong cách Hồ Chí Minh; đoàn viên, hội viên tổ chức các hoạt động về nguồn, dâng hương tại các di tích lưu niệm Chủ tịch Hồ Chí Minh; báo chí tuyên truyền các tấm gương điển hình học tập và làm theo Bác."),
    Spec("Tuyên truyền kỷ niệm 95 năm Ngày truyền thống ngành Tuyên giáo của Đảng (01/8/1930 - 01/8/2025)", GENERIC, "communication-education-day", 2025, D(2025, 6, 10),
         ("MTTQ", "BPTTH", "TCTTH", "LLCT"), cancelled_on=D(2025, 7, 7),
         summary="Sau khi hợp nhất thành phố Hải Phòng và tỉnh Hải Dương (01/7/2025), Thường trực Thành ủy chỉ đạo tổ chức gặp mặt truyền thống chung của ngành Tuyên giáo và Dân vận; không ban hành kế hoạch tuyên truyền riêng."),
    Spec("Tuyên truyền kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2/9 (1945 - 2025)", NATIONAL_DAY, "national-day", 2025, D(2025, 7, 11),
         (*MASS_ORGS, "BPTTH", "SVHTTDL", "LLCT"), communes=14, guidance="27-HD/BTGDVTU",
         launched_on=D(2025, 7, 14), closed_on=D(2025, 10, 8), weights=(0.7, 0.22, 0.08),
         summary="Đợt tuyên truyền lớn đầu tiên của các đảng ủy xã, phường sau khi vận hành chính quyền địa phương hai cấp. Triển lãm “Hải Phòng - Hành trình độc lập, tự do, hạnh phúc” đón đông đảo Nhân dân tham quan; phần lớn hộ gia đình treo cờ Tổ quốc; nhiều chương trình văn nghệ chào mừng ở khu dân cư."),
    Spec("Tuyên truyền đón Tết Nguyên đán Bính Ngọ 2026", TET, "tet", 2026, D(2025, 12, 27),
         ("MTTQ", "HLHPN", "HND", "HCCB", "BPTTH"), communes=12, guidance="08-CT/TU",
         launched_on=D(2025, 12, 29), closed_on=D(2026, 3, 10),
         summary="Tuyên truyền Chỉ thị số 08-CT/TU sâu rộng trên loa truyền thanh cơ sở và báo chí; chăm lo Tết cho gia đình chính sách, hộ nghèo chu đáo. Số vụ sử dụng pháo nổ giảm so với Tết Ất Tỵ; tình hình an ninh, trật tự ổn định."),
    Spec("Tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)", PARTY, "party-founding", 2026, D(2025, 12, 22),
         ("TĐ", "BPTTH"), communes=12, guidance="02-HD/BTGDVTU",
         launched_on=D(2025, 12, 23), closed_on=D(2026, 2, 24),
         summary="Các đảng ủy xã, phường tổ chức trao Huy hiệu Đảng đợt 3/2 trang trọng; tuyên truyền kỷ niệm gắn với tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIV của Đảng."),
    # ⚠️ The election day (15 March 2026) is as announced; check it against the resolution.
    Spec("Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031", EVENT, "", 2026, D(2026, 1, 2),
         (*MASS_ORGS, "BPTTH"), communes=12, guidance="02-HD/BTGDVTU", event_on=D(2026, 3, 15),
         launched_on=D(2026, 1, 5), closed_on=D(2026, 4, 10),
         summary="Tuyên truyền bầu cử được triển khai sâu rộng đến từng khu dân cư; các xã, phường niêm yết danh sách cử tri, tiểu sử người ứng cử đúng quy định. Cuộc bầu cử diễn ra an toàn, dân chủ, đúng luật; dư luận đồng tình, tin tưởng."),
    Spec("Tuyên truyền kỷ niệm 51 năm Ngày giải phóng miền Nam, thống nhất đất nước và Ngày Quốc tế Lao động 1/5", GENERIC, "reunification", 2026, D(2026, 3, 9),
         ("TĐ", "HCCB", "BPTTH"), communes=12, guidance="02-HD/BTGDVTU",
         launched_on=D(2026, 3, 10), closed_on=D(2026, 5, 20),
         summary="Năm không tròn: tuyên truyền gọn nhẹ, thiết thực, lồng ghép kỷ niệm 71 năm Ngày giải phóng Hải Phòng và Ngày Quốc tế Lao động 1/5; các xã, phường trang trí cổ động trực quan, phát bài tuyên truyền trên loa truyền thanh."),
    Spec("Tuyên truyền kỷ niệm 71 năm Ngày giải phóng Hải Phòng (13/5/1955 - 13/5/2026)", GENERIC, "hai-phong-liberation", 2026, D(2026, 3, 23),
         ("TĐ", "BPTTH"), communes=10, guidance="02-HD/BTGDVTU",
         launched_on=D(2026, 3, 25), cancelled_on=D(2026, 4, 8),
         summary="Theo chỉ đạo của Thường trực Thành ủy, năm không tròn không tổ chức đợt tuyên truyền riêng; nội dung kỷ niệm 71 năm Ngày giải phóng Hải Phòng được lồng ghép vào đợt tuyên truyền kỷ niệm 51 năm Ngày giải phóng miền Nam, thống nhất đất nước."),
    Spec("Tuyên truyền kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2026)", GENERIC, "ho-chi-minh-birthday", 2026, D(2026, 4, 1),
         ("TĐ", "HLHPN", "BPTTH"), communes=12, guidance="02-HD/BTGDVTU",
         launched_on=D(2026, 4, 2), closed_on=D(2026, 6, 15), weights=(0.7, 0.2, 0.1),
         summary="Tuyên truyền gắn với tổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW; các chi bộ sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; báo chí giới thiệu các tập thể, cá nhân điển hình."),
    Spec("Tuyên truyền kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2/9 (1945 - 2026)", NATIONAL_DAY, "national-day", 2026, D(2026, 7, 15),
         ("MTTQ", "TĐ", "HCCB", "BPTTH"), communes=14, guidance="quoc-khanh-2026",
         launched_on=D(2026, 7, 16), weights=(0.6, 0.25, 0.15)),
    Spec("Tuyên truyền kỷ niệm 44 năm Ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2026)", GENERIC, "teachers-day", 2026, D(2026, 10, 2),
         ("TĐ", "HLHPN", "BPTTH"), communes=10, guidance="02-HD/BTGDVTU",
         launched_on=D(2026, 10, 5), weights=(0.65, 0.2, 0.15)),
    Spec("Tuyên truyền kỷ niệm 82 năm Ngày thành lập Quân đội nhân dân Việt Nam và 37 năm Ngày hội Quốc phòng toàn dân (22/12/2026)", GENERIC, "peoples-army", 2026, D(2026, 11, 2),
         ("TĐ", "HCCB", "BPTTH"), communes=14, guidance="quan-doi-2026",
         launched_on=D(2026, 11, 3), weights=(0.6, 0.2, 0.2), first_commune=SILENT),
    Spec("Tuyên truyền kỷ niệm 80 năm Ngày Toàn quốc kháng chiến (19/12/1946 - 19/12/2026)", GENERIC, "national-resistance", 2026, D(2026, 11, 16),
         ("HCCB", "BPTTH", "TCTTH", "LLCT"), communes=12),
    Spec("Tuyên truyền đón Tết Nguyên đán Đinh Mùi 2027", TET, "tet", 2027, D(2026, 11, 18),
         ("MTTQ", "HLHPN", "HND", "HCCB", "BPTTH"), communes=16),
]
# fmt: on

# Report texts by kind of step: (keyword in the step, while under way, when done).
# The first keyword found in the step's content decides; otherwise the unit's kind does.
TEXTS = [
    ("báo cáo kết quả", "Đang tổng hợp số liệu từ các chi bộ, khu dân cư để xây dựng báo cáo.",
     "Đã gửi báo cáo kết quả kèm số liệu, ảnh minh họa về Ban Tuyên giáo và Dân vận Thành ủy."),
    ("kế hoạch", "Đã dự thảo kế hoạch, đang trình lãnh đạo đơn vị.",
     "Đã ban hành kế hoạch, triển khai đến {n} chi bộ, tổ chức trực thuộc."),
    ("hội thảo", "Đã thống nhất đề cương, gửi giấy mời {n} nhà khoa học, nhân chứng lịch sử.",
     "Đã tổ chức với {n} tham luận, khoảng {m} đại biểu dự; kỷ yếu đang được biên tập."),
    ("triển lãm", "Đã sưu tầm {m} ảnh, tư liệu; đang hoàn thiện thiết kế trưng bày.",
     "Đã khai mạc triển lãm với {m} ảnh, tư liệu; đón khoảng {k} lượt khách tham quan."),
    ("khen thưởng", "Đã họp bình xét, dự kiến đề nghị khen thưởng {n} tập thể, cá nhân.",
     "Đã gửi tờ trình và hồ sơ đề nghị khen thưởng {n} tập thể, cá nhân tiêu biểu."),
    ("tặng quà", "Đã rà soát danh sách, dự kiến {m} suất quà cho gia đình chính sách, hộ nghèo.",
     "Đã thăm hỏi, tặng {m} suất quà cho gia đình chính sách, hộ nghèo, hộ cận nghèo."),
    ("pháo nổ", "Đã phát {m} lượt tin về quy định cấm pháo nổ trên loa truyền thanh.",
     "Hoàn thành; {k} hộ gia đình đã ký cam kết không sử dụng pháo nổ."),
    ("an ninh", "Đã phân công lịch trực Tết; phối hợp công an xã tuần tra tại các điểm lễ hội.",
     "Tình hình an ninh, trật tự dịp Tết ổn định, không xảy ra vụ việc phức tạp; đã gửi báo cáo nhanh."),
    ("huy hiệu", "Đã rà soát, lập danh sách {n} đảng viên đủ điều kiện trao Huy hiệu Đảng.",
     "Đã trao Huy hiệu Đảng cho {n} đảng viên, trong đó trao tại nhà cho đảng viên cao tuổi."),
    ("quán triệt", "Đã gửi đề cương, tài liệu tuyên truyền đến {n} chi bộ.",
     "Đã tổ chức hội nghị quán triệt cho khoảng {m} báo cáo viên, tuyên truyền viên cơ sở."),
    ("dư luận", "Đã tổng hợp ý kiến của {n} cộng tác viên dư luận xã hội.",
     "Đã gửi báo cáo nhanh: Nhân dân đồng tình, phấn khởi; không phát sinh vấn đề phức tạp."),
    ("băng rôn", "Đã treo {n} băng rôn tại trụ sở, nhà văn hóa; đang hoàn thiện pano ở trục đường chính.",
     "Hoàn thành; đã treo {n} băng rôn, khẩu hiệu; khoảng {p}% hộ gia đình treo cờ Tổ quốc."),
    ("văn nghệ", "Đã xây dựng chương trình, các khu dân cư đang tập luyện.",
     "Đã tổ chức {n} chương trình văn nghệ, thể thao ở khu dân cư, khoảng {k} lượt người tham gia."),
    (Unit.Kind.PRESS, "Đã đăng, phát {n} tin, bài; đang sản xuất phóng sự chuyên đề.",
     "Hoàn thành; đã đăng, phát {m} tin, bài, phóng sự trên báo in, báo điện tử, phát thanh, truyền hình."),
    (Unit.Kind.MASS_ORGANISATION, "Đã phát động đến {n} cơ sở hội; đang tổ chức các hoạt động.",
     "Đã tổ chức {n} hoạt động với khoảng {k} lượt đoàn viên, hội viên tham gia."),
    (Unit.Kind.COMMUNE, "Đã phát {m} lượt tin, bài trên loa truyền thanh của {n} thôn, tổ dân phố.",
     "Hoàn thành; phát {m} lượt tin, bài trên loa truyền thanh, đăng {n} tin trên trang thông tin điện tử của xã."),
    ("", "Đang triển khai theo kế hoạch.", "Hoàn thành nội dung được giao."),
]  # fmt: skip
NOTES = [
    "Đã nhận hướng dẫn, triển khai đến các chi bộ trực thuộc.",
    "Đã nhận; đơn vị sẽ lồng ghép vào sinh hoạt chi bộ tháng này.",
    "Đã nhận, phân công đồng chí Phó Bí thư phụ trách.",
]


@dataclass
class Outcome:
    status: str
    completed_on: datetime.date | None = None
    updates: tuple[tuple[datetime.date, int], ...] = ()


@contextmanager
def _without_email() -> Iterator[None]:
    """Launch notices stay in the application: the demo's addresses are invented."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        yield


def _at(day: datetime.date, hour: int = 8, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


class _Demo:
    def __init__(self, rng: random.Random):
        self.rng = rng
        units = list(Unit.objects.dangerously_unscoped().order_by("pk"))
        self.root = next(unit for unit in units if unit.parent_id is None)
        self.by_abbreviation = {unit.abbreviation: unit for unit in units if unit.abbreviation}
        self.communes = [unit for unit in units if unit.kind == Unit.Kind.COMMUNE]
        self.leader = User.objects.get(username="lanhdao")
        self.staff: dict[int, list[User]] = defaultdict(list)
        memberships = (
            Membership.objects.dangerously_unscoped()
            .filter(role__in=[Role.LEADER, Role.OFFICER])
            .select_related("user")
            .order_by("pk")
        )
        for membership in memberships:
            self.staff[membership.unit_id].append(membership.user)
        self.templates = {template.name: template for template in CampaignTemplate.objects.all()}
        self.observances = {observance.key: observance for observance in Observance.objects.all()}
        self.documents: dict[str, Document] = {}
        self.tasks = 0

    # Setting up ---------------------------------------------------------------------

    def add_local_observance(self) -> None:
        self.observances["hai-phong-liberation"] = add_local_observance(
            unit=self.root,
            by=self.leader,
            key="hai-phong-liberation",
            name="Ngày giải phóng Hải Phòng",
            name_en="Hải Phòng Liberation Day",
            name_fr="Libération de Hải Phòng",
            month=5,
            day=13,
            founding_year=1955,
            level=Observance.Level.PROVINCIAL,
            importance=Observance.Importance.IMPORTANT,
            notes="Hải Phòng được giải phóng ngày 13/5/1955.",
        )

    def add_guidance(self) -> None:
        kind = DocumentType.objects.get(profile=Profile.PARTY, code="HD")
        for symbol, issuer, issued_on, title in REGISTERED:
            data = DocumentData(
                document_type=kind,
                symbol=symbol,
                issuer=issuer,
                issued_on=issued_on,
                effective_on=issued_on,
                title=title,
                summary="Nội dung, khẩu hiệu tuyên truyền; hình thức, tiến độ; chế độ báo cáo.",
            )
            document = register_document(unit=self.root, data=data, by=self.leader)
            # The anniversary is past: the guidance has done its work.
            self.documents[symbol] = update_document(
                document=document, by=self.leader, status=Document.Status.EXPIRED
            )
        for key, issued_on, title in ISSUED:
            self.documents[key] = issue_document(
                unit=self.root,
                document_type=kind,
                issued_on=issued_on,
                title=title,
                summary="Nội dung, khẩu hiệu tuyên truyền; hình thức, tiến độ; chế độ báo cáo.",
                by=self.leader,
            )
        for symbol in ("150/KH-UBND", "08-CT/TU", "02-HD/BTGDVTU"):
            self.documents[symbol] = Document.objects.dangerously_unscoped().get(symbol=symbol)

    # One campaign ---------------------------------------------------------------------

    def build(self, spec: Spec) -> Campaign:
        targets = self.targets(spec)
        campaign = create_campaign(
            unit=self.root,
            by=self.leader,
            target_units=targets,
            template=self.templates[spec.template],
            observance=self.observances.get(spec.observance),
            year=spec.year,
            title=spec.title,
            event_on=spec.event_on,
            guidance=self.documents.get(spec.guidance),
        )
        last = spec.planned_on
        if spec.launched_on:
            with _without_email():  # the notices stay, dated below; the addresses are invented
                tasks = launch_campaign(campaign=campaign, by=self.leader, on=spec.launched_on)
            self.tasks += len(tasks)
            horizon = min(REFERENCE_DATE, spec.closed_on or spec.cancelled_on or REFERENCE_DATE)
            profiles = self.profiles(spec, targets)
            self.acknowledge(campaign, targets, profiles, spec.launched_on, horizon)
            self.report(tasks, profiles, horizon)
            self.date_notices(campaign, spec.launched_on)
            last = horizon
        if spec.closed_on:
            close_campaign(
                campaign=campaign,
                by=self.leader,
                summary=self.summary(spec, campaign),
                on=spec.closed_on,
            )
        if spec.cancelled_on:
            cancel_campaign(
                campaign=campaign, by=self.leader, reason=spec.summary, on=spec.cancelled_on
            )
        Campaign.objects.filter(pk=campaign.pk).update(
            created_at=_at(spec.planned_on), updated_at=_at(last, 16)
        )
        return campaign

    def targets(self, spec: Spec) -> list[Unit]:
        units = [self.by_abbreviation[abbreviation] for abbreviation in spec.targets]
        if spec.communes:
            # The first commune (the demo's commune officer) takes part in every one.
            units += [self.communes[0], *self.rng.sample(self.communes[1:], spec.communes - 1)]
        return units

    def profiles(self, spec: Spec, targets: list[Unit]) -> dict[int, str]:
        drawn = self.rng.choices([PROMPT, LATE, SILENT], weights=spec.weights, k=len(targets))
        profiles = {unit.pk: profile for unit, profile in zip(targets, drawn, strict=True)}
        if spec.communes:
            profiles[self.communes[0].pk] = spec.first_commune
        if spec.closed_on is None:
            # A campaign under way has someone late and someone silent, whatever the draw.
            others = [unit.pk for unit in targets if unit != self.communes[0]]
            profiles[others[-1]], profiles[others[-2]] = SILENT, LATE
        return profiles

    def acknowledge(self, campaign, targets, profiles, launched_on, horizon) -> None:
        rng = self.rng
        for unit in targets:
            profile = profiles[unit.pk]
            if profile == SILENT or rng.random() < 0.06:
                continue
            day = launched_on + DAY * (
                rng.randint(0, 3) if profile == PROMPT else rng.randint(4, 12)
            )
            if day > horizon:
                continue
            note = rng.choice(NOTES) if rng.random() < 0.3 else ""
            at = _at(day, rng.randint(7, 16), rng.randint(0, 59))
            acknowledge(campaign=campaign, unit=unit, by=self.author(unit), note=note, at=at)

    def author(self, unit: Unit) -> User:
        return self.rng.choice(self.staff.get(unit.pk) or [self.leader])

    # Reports --------------------------------------------------------------------------

    def report(self, tasks: list[Task], profiles: dict[int, str], horizon) -> None:
        updates = []
        for task in tasks:
            outcome = self.outcome(task, profiles[task.lead_unit_id], horizon)
            for reported_on, percent in outcome.updates:
                updates.append(
                    TaskUpdate(
                        task=task,
                        reported_on=reported_on,
                        percent=percent,
                        text=self.text(task, percent),
                        author=self.author(task.lead_unit),
                    )
                )
            task.status, task.completed_on = outcome.status, outcome.completed_on
            task.progress = outcome.updates[-1][1] if outcome.updates else 0
            task.version = 1 + len(outcome.updates)
        TaskUpdate.objects.bulk_create(updates, batch_size=1000)
        Task.objects.bulk_update(
            tasks, ["status", "completed_on", "progress", "version"], batch_size=500
        )

    def outcome(self, task: Task, profile: str, horizon: datetime.date) -> Outcome:
        rng, start, due = self.rng, task.start_on, task.due_on
        if start > horizon:
            return Outcome(Task.Status.NOT_STARTED)
        if due <= horizon:
            if profile == PROMPT:
                return self.done(start, self.day(max(start, due - 7 * DAY), due))
            if profile == LATE and due + 2 * DAY <= horizon:
                return self.done(start, self.day(due + 2 * DAY, min(due + 20 * DAY, horizon)))
            if profile == SILENT and rng.random() < 0.6:
                return Outcome(Task.Status.NOT_STARTED)
            return self.pending(start, min(due, horizon))
        # Not due yet: some finish early, most are under way or not begun.
        draw = rng.random()
        if profile == PROMPT and draw < 0.35 and (horizon - start).days >= 3:
            return self.done(start, self.day(start + DAY, horizon))
        if profile != SILENT and draw < 0.8:
            return self.pending(start, horizon)
        return Outcome(Task.Status.NOT_STARTED)

    def day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + DAY * self.rng.randint(0, max(0, (last - first).days))

    def done(self, start: datetime.date, finish: datetime.date) -> Outcome:
        count = self.rng.randint(0, 2) if finish > start else 0
        days = sorted(self.day(start, finish - DAY) for _n in range(count))
        percents = sorted(self.rng.sample(range(20, 100, 10), count))
        steps = (*zip(days, percents, strict=True), (finish, 100))
        return Outcome(Task.Status.DONE, finish, steps)

    def pending(self, start: datetime.date, last: datetime.date) -> Outcome:
        count = self.rng.randint(1, 2)
        days = sorted(self.day(start, last) for _n in range(count))
        percents = sorted(self.rng.sample(range(10, 90, 10), count))
        return Outcome(Task.Status.IN_PROGRESS, None, tuple(zip(days, percents, strict=True)))

    def text(self, task: Task, percent: int) -> str:
        content, kind = task.content.lower(), task.lead_unit.kind
        # The last row, keyed "", matches every step.
        under_way, done = next(texts for key, *texts in TEXTS if key == kind or key in content)
        rng = self.rng
        numbers = {"n": rng.randint(3, 30), "m": rng.randint(40, 600)}
        numbers |= {"k": rng.randint(200, 3000), "p": rng.randint(85, 99)}
        return (done if percent == 100 else under_way).format(**numbers)

    def summary(self, spec: Spec, campaign: Campaign) -> str:
        """The results as written in the spec, and who was late, as the data says."""
        tasks = Task.objects.dangerously_unscoped().filter(campaign=campaign)
        late = tasks.filter(completed_on__gt=F("due_on")).values("lead_unit").distinct()
        missing = tasks.filter(
            status__in=[Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS],
            due_on__lt=spec.closed_on,
        )
        missing = missing.values("lead_unit").distinct()
        remarks = []
        if count := late.count():
            remarks.append(f"{count} đơn vị thực hiện chậm so với yêu cầu")
        if count := missing.count():
            remarks.append(f"{count} đơn vị chưa báo cáo kết quả, đề nghị tiếp tục đôn đốc")
        if not remarks:
            return spec.summary
        return f"{spec.summary} Hạn chế: {'; '.join(remarks)}."

    def date_notices(self, campaign: Campaign, launched_on: datetime.date) -> None:
        """The launch notices were sent that day; those of a month ago have been read."""
        notices = Notification.objects.filter(key=f"campaign-launched:{campaign.pk}")
        notices.update(created_at=_at(launched_on, 9), emailed_at=None)
        if launched_on < REFERENCE_DATE - 30 * DAY:
            notices.update(read_at=_at(launched_on + DAY, 8))


def seed(*, rng: random.Random, log: Callable[[str], None]) -> list:
    demo = _Demo(rng)
    demo.add_local_observance()
    demo.add_guidance()
    for spec in CAMPAIGNS:
        demo.build(spec)
    log(_("Campaigns: %(count)s") % {"count": len(CAMPAIGNS)})
    log(_("Campaign tasks: %(count)s") % {"count": demo.tasks})
    return []
