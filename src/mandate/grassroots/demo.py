# ruff: noqa: E501 -- Vietnamese report texts are long; the catalogue keeps one per line.
"""The demo province's grassroots reports: routing, two years of reports, their cases.

Routing: each category has a default unit; a rule per commune sends every matter there
to the commune's party committee; three city-wide category rules beat it (land and
religion go to the state-agencies division, health to the science and education
division); and land in the three communes of the coastal-road project goes back to each
commune, which beats the city-wide land rule: the most specific rule wins.

Reports: about 20,000 from 21/11/2024 to the work programme's reference date
(20/11/2026). Fewer on weekends and holidays; topics follow the seasons (flooding and
roads in the rainy months, prices before Tết, festivals after it, health in summer,
school fees in August, public services after the 1 July 2025 reform; social policy doubled
everywhere during the province-wide campaign of October 2026 on social and health
insurance, a rise early warning must not mistake for a local hot spot); six hot spots
(HOT_SPOTS) add a burst on one matter in one to three neighbouring communes, the last
one still growing on the reference date. About one report in thirty has a phone number,
a national ID number or an e-mail address typed in, which the scrubber hides.

Who files: there were no commune units before the two-level local government of
1 July 2025, so until then the department's public-opinion division entered what the
former districts' collaborators sent; from then on each commune's collaborator and
officer file their own.

Cases: a report opens a case, or joins an open one of the same category and commune
reported on in the last 14 days. Each case is then walked through the workflow up to the
reference date as the services would do it: acknowledged, started, referred, resolved,
closed, closed without resolution (each reason; a duplicate hands its reports to the case
it duplicates), reopened, escalated the day after its deadline while still open. Rows
are bulk-created and kept as the services leave them: version, report count, last report
date, deadline, resolved/closed/escalated dates, timeline events; history rows: a case's
at opening and with its state on the reference date, a report's as filed.

Deterministic: only the given random generator is used.
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from mandate.core.text import fold
from mandate.grassroots.demo_texts import (
    ACKNOWLEDGEMENTS,
    CLOSINGS,
    FOLLOW_UPS,
    IDENTIFIERS,
    NOTES,
    PROJECTS,
    REFERRALS,
    REOPENINGS,
    RESOLUTIONS,
    STARTS,
    TEMPLATES,
    UNRESOLVED,
    VILLAGES,
)
from mandate.grassroots.models import Case, CaseEvent, Category, Contact, Report, RoutingRule
from mandate.grassroots.routing import Router
from mandate.grassroots.scrub import scrub
from mandate.grassroots.services import title_from
from mandate.org.demo import GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, SURNAMES
from mandate.org.models import Locality, Membership, Role, Unit, User
from mandate.work.demo import REFERENCE_DATE

D = datetime.date
DAY = datetime.timedelta(days=1)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DAY = REFERENCE_DATE - 729 * DAY
REFORM_DAY = D(2025, 7, 1)  # two-level local government: the commune units exist from here
BACKGROUND_REPORTS = 19_700  # expected; the hot spots add their own
TET = (D(2025, 1, 29), D(2026, 2, 17))
HOLIDAYS = {
    D(2025, 1, 1), D(2025, 4, 7), D(2025, 4, 30), D(2025, 5, 1), D(2025, 9, 1), D(2025, 9, 2),
    D(2026, 1, 1), D(2026, 4, 26), D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 1), D(2026, 9, 2),
}  # fmt: skip
WEEKDAY = (1.15, 1.1, 1.05, 1.05, 1.0, 0.45, 0.3)  # Monday first
JOIN_WINDOW_DAYS = 14
# The province-wide month of communication on social and health insurance: reports on
# social policy double in every commune at once.
INSURANCE_CAMPAIGN = (D(2026, 10, 1), D(2026, 10, 31))


@dataclass(frozen=True)
class HotSpot:
    """A burst of reports on one matter in a few neighbouring communes."""

    key: str
    category: str
    communes: tuple[str, ...]
    first: datetime.date
    last: datetime.date
    reports: int
    templates: tuple[str, ...]
    ongoing: bool = False  # still growing on the last day, instead of rising and falling


# fmt: off
HOT_SPOTS = (
    HotSpot("nuoc-thai-thuy-san", "environment", ("Đặc khu Cát Hải",), D(2025, 8, 4), D(2025, 8, 15), 42, (
        "Người dân {area} phản ánh nước thải từ cơ sở chế biến thủy sản xả trực tiếp ra kênh, bốc mùi hôi thối, cá nuôi trong đầm chết hàng loạt.",
        "Nước thải chế biến thủy sản tiếp tục xả ra bãi triều gần {area}; các hộ nuôi ngao lo ngại thiệt hại.",
        "Mùi hôi từ các cơ sở chế biến thủy sản ảnh hưởng sinh hoạt của các hộ dân {area}, nhất là ban đêm.",
        "Bà con {area} đề nghị kiểm tra hệ thống xử lý nước thải của các cơ sở chế biến thủy sản, làm rõ nguyên nhân nước kênh đổi màu.",
    )),
    HotSpot("ngap-ung-vinh-bao", "infrastructure", ("Xã Vĩnh Bảo", "Xã Vĩnh Thịnh", "Xã Vĩnh Hải"), D(2025, 9, 22), D(2025, 10, 3), 48, (
        "Mưa lớn kéo dài khiến nhiều tuyến đường {area} ngập sâu 40-50 cm, nước rút chậm do trạm bơm tiêu úng chưa vận hành hết công suất.",
        "Hàng chục ha lúa mùa sắp thu hoạch tại {area} bị ngập úng; bà con đề nghị khơi thông kênh tiêu.",
        "Cống tiêu qua {area} bị bồi lấp, rác ùn ứ khiến nước không thoát được, nhiều hộ dân bị ngập trong nhà.",
        "Bờ kênh đoạn qua {area} bị sạt lở sau mưa lớn, đe dọa tuyến đường liên thôn.",
    )),
    HotSpot("duong-ven-bien", "land", ("Xã Kiến Hải", "Xã Kiến Hưng", "Phường Nam Đồ Sơn"), D(2026, 3, 9), D(2026, 3, 22), 55, (
        "Các hộ dân {area} có đất nông nghiệp bị thu hồi cho dự án đường ven biển cho rằng đơn giá bồi thường thấp hơn giá chuyển nhượng thực tế, đề nghị xem xét lại.",
        "Người dân {area} phản ánh việc kiểm đếm cây cối, hoa màu trên đất thu hồi cho dự án đường ven biển chưa đầy đủ.",
        "Bà con {area} chưa đồng tình với vị trí khu tái định cư của dự án đường ven biển, đề nghị tổ chức đối thoại.",
        "Nhiều hộ {area} đã bàn giao mặt bằng cho dự án đường ven biển nhưng chưa nhận đủ tiền hỗ trợ chuyển đổi nghề.",
        "Người nuôi trồng thủy sản {area} đề nghị làm rõ chính sách hỗ trợ khi đầm nuôi bị thu hồi cho dự án đường ven biển.",
    )),
    HotSpot("gia-vai-thieu", "prices", ("Xã Thanh Hà", "Xã Hà Tây", "Xã Hà Nam"), D(2026, 6, 8), D(2026, 6, 19), 40, (
        "Giá vải thiều tại các điểm thu mua {area} giảm mạnh, chỉ còn 8.000-10.000 đồng/kg, nhiều hộ trồng vải lo thua lỗ.",
        "Thương lái ép giá vải thiều, nhiều hộ dân {area} không bán được hàng, vải chín rụng tại vườn.",
        "Nông dân {area} đề nghị hỗ trợ kết nối tiêu thụ, sơ chế, sấy vải thiều khi sản lượng tăng cao.",
        "Các điểm thu mua vải thiều tại {area} ùn tắc, người trồng vải phải chờ nhiều giờ để bán.",
    )),
    HotSpot("sot-xuat-huyet", "health", ("Phường Lê Chân", "Phường An Biên", "Phường Gia Viên"), D(2026, 9, 14), D(2026, 9, 25), 50, (
        "Tại {area} xuất hiện nhiều ca sốt xuất huyết, người dân đề nghị sớm phun hóa chất diệt muỗi.",
        "Nhiều dụng cụ chứa nước, lốp xe cũ tại {area} là nơi muỗi sinh sản; người dân đề nghị tổ chức chiến dịch diệt bọ gậy.",
        "Người dân {area} lo lắng khi số ca sốt xuất huyết tăng, đề nghị trạm y tế thông tin cách phòng bệnh.",
        "Bệnh nhân sốt xuất huyết ở {area} phải chờ lâu khi khám tại bệnh viện tuyến thành phố do quá tải.",
    )),
    HotSpot("mui-hoi-bai-rac", "environment", ("Phường Hải An", "Phường Đông Hải"), D(2026, 11, 9), D(2026, 11, 20), 44, (
        "Người dân {area} phản ánh mùi hôi nồng nặc từ khu xử lý chất thải rắn lan vào khu dân cư, kéo dài nhiều ngày.",
        "Xe chở rác ra vào khu xử lý chất thải rắn làm rơi vãi rác, nước rỉ rác trên tuyến đường qua {area}.",
        "Mùi hôi từ khu xử lý chất thải rắn tăng vào buổi tối, nhiều hộ {area} phải đóng kín cửa.",
        "Cử tri {area} đề nghị kiểm tra việc xử lý nước rỉ rác và phun chế phẩm khử mùi tại khu xử lý chất thải rắn.",
    ), ongoing=True),
)

# Routing: the unit a category goes to without a rule, the city-wide category rules, and
# the communes of the coastal-road project where land matters stay with the commune.
DEFAULT_UNITS = {
    "land": "DVNN", "environment": "MTTQ", "prices": "ĐTCH", "public-services": "DVNN",
    "infrastructure": "DVNN", "health": "KGVHVN", "education": "KGVHVN",
    "social-policy": "MTTQ", "order-safety": "DVNN", "culture-religion": "DVNN", "other": "VP",
}
CITY_RULES = {"land": "DVNN", "culture-religion": "DVNN", "health": "KGVHVN"}
PROJECT_COMMUNES = ("Xã Kiến Hải", "Xã Kiến Hưng", "Phường Nam Đồ Sơn")
# Where a unit passes a matter it cannot settle ("commune": the commune's own unit).
REFER_TO = {
    "land": ("commune", "DVNN"), "environment": ("MTTQ", "HND"), "prices": ("ĐTCH", "HND", "HLHPN"),
    "public-services": ("DVNN",), "infrastructure": ("DVNN",), "health": ("commune", "HLHPN"),
    "education": ("KGVHVN", "TĐ"), "social-policy": ("MTTQ", "HCCB"), "order-safety": ("DVNN",),
    "culture-religion": ("SVHTTDL", "commune"), "other": ("VP",),
}

SHARES = {
    "land": 13, "environment": 15, "prices": 11, "public-services": 10, "infrastructure": 14,
    "health": 7, "education": 7, "social-policy": 9, "order-safety": 8, "culture-religion": 3,
    "other": 3,
}


def _near_tet(day: datetime.date, before: int, after: int) -> bool:
    return any(-before <= (day - tet).days <= after for tet in TET)


SEASONS: dict[str, Callable[[datetime.date], bool]] = {
    "rain": lambda d: 7 <= d.month <= 10,
    "summer": lambda d: 5 <= d.month <= 9,
    "tet": lambda d: _near_tet(d, 40, 3),
    "festival": lambda d: _near_tet(d, 0, 45),
    "school": lambda d: (d.month == 8 and d.day >= 10) or d.month == 9,
    "exam": lambda d: d.month in (5, 6),
    "harvest": lambda d: d.month in (6, 10),
    "lychee": lambda d: d.month == 6 or (d.month == 7 and d.day <= 10),
    "reform": lambda d: REFORM_DAY <= d <= D(2026, 3, 31),
    "insurance-campaign": lambda d: INSURANCE_CAMPAIGN[0] <= d <= INSURANCE_CAMPAIGN[1],
}
SEASONAL = {
    "infrastructure": (("rain", 2.0),), "health": (("summer", 1.7),),
    "prices": (("tet", 2.2), ("lychee", 1.3)), "order-safety": (("tet", 1.5),),
    "culture-religion": (("festival", 2.5),), "education": (("school", 2.0), ("exam", 1.4)),
    "environment": (("harvest", 1.4),), "public-services": (("reform", 1.6),),
    "social-policy": (("reform", 1.3), ("insurance-campaign", 2.0)),
}

# fmt: on


# The simulation's rows, before they are saved ---------------------------------------


@dataclass(eq=False)
class _Report:
    category: Category
    locality: Locality
    observed_on: datetime.date
    received_on: datetime.date
    at: datetime.datetime
    severity: int
    people: int
    template: str
    area: str
    hot_spot: HotSpot | None
    user_id: int = 0
    unit_id: int = 0
    channel: str = Report.Channel.WEB
    summary: str = ""
    redactions: int = 0
    lat: float | None = None
    lon: float | None = None
    case_id: int = 0
    row: dict | None = None


@dataclass(eq=False)
class _Case:
    first: _Report
    unit_id: int
    deadline: int
    reports: list[_Report] = field(default_factory=list)
    # (at, kind, actor id, from unit id, to unit id, text)
    events: list[tuple] = field(default_factory=list)
    status: str = Case.Status.NEW
    close_reason: str = ""
    duplicate_of: "_Case | None" = None
    due_on: datetime.date = REFERENCE_DATE
    resolved_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    escalated_on: datetime.date | None = None
    escalate_from: datetime.date = REFERENCE_DATE
    resolution: str = ""
    version: int = 1
    report_count: int = 1
    last_reported_on: datetime.date = REFERENCE_DATE
    severity: int = 1
    people: int = 0
    last_at: datetime.datetime | None = None
    # Days from which the case was open to new reports, and until which (None: still open).
    spans: list[list] = field(default_factory=list)
    row: dict | None = None

    def open_on(self, day: datetime.date) -> bool:
        return any(start <= day and (end is None or day < end) for start, end in self.spans)


@dataclass
class _Commune:
    locality: Locality
    unit: Unit
    place: str  # as written mid-sentence: "xã Tiên Lãng", "phường Lê Chân"
    areas: list[str]
    market: str
    school: str
    project: str
    weight: float
    leaning: dict[str, float]  # each commune's own mix of topics
    filers: list[tuple[int, float]]  # (user id, weight): its collaborator and its officer


class GrassrootsDemo:
    """Builds routing, reports, cases and timelines in memory, then saves them in bulk."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.categories = {category.code: category for category in Category.objects.all()}
        units = list(Unit.objects.dangerously_unscoped().order_by("pk"))
        self.units = {unit.pk: unit for unit in units}
        self.by_abbreviation = {unit.abbreviation: unit for unit in units if unit.abbreviation}
        self.root = next(unit for unit in units if unit.parent_id is None)
        self.staff: dict[int, list[int]] = defaultdict(list)
        reporters: dict[int, list[int]] = defaultdict(list)
        memberships = Membership.objects.dangerously_unscoped().order_by("pk")
        for unit_id, user_id, role in memberships.values_list("unit_id", "user_id", "role"):
            if role in (Role.LEADER, Role.OFFICER):
                self.staff[unit_id].append(user_id)
            elif role == Role.REPORTER:
                reporters[unit_id].append(user_id)
        self.division = self.by_abbreviation["TTBCXB"]  # the public-opinion division
        self.communes: list[_Commune] = []
        self.commune_of: dict[int, _Commune] = {}
        for unit in units:
            if unit.kind == Unit.Kind.COMMUNE and unit.locality_id:
                commune = self._commune(unit, reporters[unit.pk])
                self.communes.append(commune)
                self.commune_of[unit.locality_id] = commune
        self.localities = {commune.locality.name: commune.locality for commune in self.communes}
        self.reports: list[_Report] = []
        self.cases: list[_Case] = []
        self.merges: list[tuple[datetime.date, _Case, _Case]] = []

    def _commune(self, unit: Unit, reporters: list[int]) -> _Commune:
        rng, locality = self.rng, unit.locality
        kind, _space, bare = locality.name.partition(" ")
        if kind == "Đặc":  # "Đặc khu Cát Hải"
            kind, _space, bare = "Đặc khu", "", bare.removeprefix("khu ")
        ward = kind == "Phường"
        if ward:
            areas = [f"tổ dân phố số {n}" for n in rng.sample(range(1, 30), 6)]
        else:
            areas = [f"thôn {name}" for name in rng.sample(VILLAGES, 6)]
        filers = [(user, 0.7) for user in reporters] + [(user, 0.3) for user in self.staff[unit.pk]]
        return _Commune(
            locality=locality,
            unit=unit,
            place=f"{kind.lower()} {bare}",
            areas=areas,
            market=f"chợ {rng.choice([bare, *VILLAGES[:8]])}",
            school=f"Trường {rng.choice(['Tiểu học', 'Trung học cơ sở', 'Mầm non'])} {bare}",
            project=f"{rng.choice(PROJECTS)} {bare}",
            weight=rng.lognormvariate(0, 0.45) * (1.4 if ward else 1.0),
            leaning={code: rng.lognormvariate(0, 0.35) for code in SHARES},
            filers=filers,
        )

    # Routing -------------------------------------------------------------------------

    def configure_routing(self) -> int:
        admin = User.objects.get(username="admin")
        for code, abbreviation in DEFAULT_UNITS.items():
            category = self.categories[code]
            category.default_unit = self.by_abbreviation[abbreviation]
            category._history_user = admin
            category.save()
        province = self.root.locality
        rules = [
            RoutingRule(
                category=None,
                locality=commune.locality,
                unit=commune.unit,
                note=f"Mọi vấn đề phát sinh tại {commune.place} do {commune.unit.name} chủ trì giải quyết.",
            )
            for commune in self.communes
        ]
        for code, abbreviation in CITY_RULES.items():
            unit = self.by_abbreviation[abbreviation]
            rules.append(
                RoutingRule(
                    category=self.categories[code],
                    locality=province,
                    unit=unit,
                    note=f"{self.categories[code].name}: {unit.name} tham mưu giải quyết trên toàn thành phố.",
                )
            )
        for name in PROJECT_COMMUNES:
            commune = self.commune_of[self.localities[name].pk]
            rules.append(
                RoutingRule(
                    category=self.categories["land"],
                    locality=commune.locality,
                    unit=commune.unit,
                    note="Địa bàn dự án đường ven biển: Hội đồng bồi thường cấp xã giải quyết.",
                )
            )
        for rule in rules:
            rule._history_user = admin
        bulk_create_with_history(rules, RoutingRule, batch_size=500)
        self.router = Router()
        return len(rules)

    # Drawing the reports ---------------------------------------------------------------

    def day_weights(self, day: datetime.date) -> dict[str, float]:
        """Expected share of each category's reports on a day, before scaling."""
        factor = WEEKDAY[day.weekday()]
        if _near_tet(day, 2, 4):
            factor *= 0.2
        elif day in HOLIDAYS:
            factor *= 0.35
        factor *= 0.85 if day < REFORM_DAY else 1.1  # the communes' own networks file more
        weights = {}
        for code, share in SHARES.items():
            weight = share * factor
            for season, multiplier in SEASONAL.get(code, ()):
                if SEASONS[season](day):
                    weight *= multiplier
            weights[code] = weight
        return weights

    def draw_reports(self) -> None:
        rng = self.rng
        days = [FIRST_DAY + n * DAY for n in range((REFERENCE_DATE - FIRST_DAY).days + 1)]
        weights = [self.day_weights(day) for day in days]
        scale = BACKGROUND_REPORTS / sum(sum(w.values()) for w in weights)
        codes = list(SHARES)
        commune_weights = {
            code: [c.weight * c.leaning[code] for c in self.communes] for code in codes
        }
        for day, weight in zip(days, weights, strict=True):
            expected = scale * sum(weight.values())
            count = max(0, round(rng.gauss(expected, expected**0.5)))
            for code in rng.choices(codes, weights=[weight[c] for c in codes], k=count):
                commune = rng.choices(self.communes, weights=commune_weights[code])[0]
                self.reports.append(self._report(code, commune, day, self._template(code, day)))
        for spot in HOT_SPOTS:
            self._hot_spot(spot)
        self.reports.sort(key=lambda report: report.at)

    def _template(self, code: str, day: datetime.date) -> str:
        seasonal = [text for season, text in TEMPLATES[code] if season and SEASONS[season](day)]
        if seasonal and self.rng.random() < 0.6:
            return self.rng.choice(seasonal)
        return self.rng.choice([text for season, text in TEMPLATES[code] if not season])

    def _hot_spot(self, spot: HotSpot) -> None:
        rng = self.rng
        days = [spot.first + n * DAY for n in range((spot.last - spot.first).days + 1)]
        if spot.ongoing:
            shape = [n + 1 for n in range(len(days))]
        else:
            shape = [min(n + 1, len(days) - n) for n in range(len(days))]
        communes = [self.commune_of[self.localities[name].pk] for name in spot.communes]
        places = [2.0] + [1.0] * (len(communes) - 1)  # the first commune is where it starts
        for day in rng.choices(days, weights=shape, k=spot.reports):
            commune = rng.choices(communes, weights=places)[0]
            report = self._report(spot.category, commune, day, rng.choice(spot.templates), spot)
            self.reports.append(report)

    def _report(
        self,
        code: str,
        commune: _Commune,
        day: datetime.date,
        template: str,
        spot: HotSpot | None = None,
    ) -> _Report:
        rng = self.rng
        lag = rng.choices((0, 1, 2, 3, 5), weights=(55, 25, 10, 6, 4))[0]
        received = min(REFERENCE_DATE, day + lag * DAY)
        before_reform = received < REFORM_DAY
        hour = rng.randint(7 * 60 + 30, (17 if before_reform else 21) * 60)
        at = datetime.datetime.combine(received, datetime.time(hour // 60, hour % 60), TZ)
        weights = (10, 35, 40, 15) if spot else (30, 42, 22, 6)
        severity = rng.choices((1, 2, 3, 4), weights=weights)[0]
        people = {1: (1, 20), 2: (5, 120), 3: (20, 600), 4: (100, 3000)}[severity]
        report = _Report(
            category=self.categories[code],
            locality=commune.locality,
            observed_on=day,
            received_on=received,
            at=at,
            severity=severity,
            people=rng.randint(*people),
            template=template,
            area=rng.choice(commune.areas),
            hot_spot=spot,
        )
        if before_reform:
            report.user_id = rng.choice(self.staff[self.division.pk])
            report.unit_id = self.division.pk
        else:
            users, weights = zip(*commune.filers, strict=True)
            report.user_id = rng.choices(users, weights=weights)[0]
            report.unit_id = commune.unit.pk
            report.channel = rng.choices(
                (Report.Channel.WEB, Report.Channel.API, Report.Channel.OPEN311),
                weights=(76, 18, 6),
            )[0]
        if rng.random() < 0.3 and commune.locality.lat is not None:
            report.lat = round(commune.locality.lat + rng.uniform(-0.012, 0.012), 5)
            report.lon = round(commune.locality.lon + rng.uniform(-0.012, 0.012), 5)
        return report

    def _text(self, report: _Report, follow_up: bool) -> None:
        """The summary as typed, then as stored: scrubbed of personal identifiers."""
        rng = self.rng
        commune = self.commune_of[report.locality.pk]
        fill = {
            "area": report.area,
            "place": commune.place,
            "market": commune.market,
            "school": commune.school,
            "project": commune.project,
            "n": rng.randint(2, 14),
            "phone": _phone(rng),
        }
        text = _capitalised(report.template.format(**fill))
        if follow_up:
            text += rng.choice(FOLLOW_UPS)
        if rng.random() < 0.03:
            identifier = rng.choice(IDENTIFIERS)
            text += " " + identifier.format(
                phone=_phone(rng), cccd=_national_id(rng), email=_email(rng)
            )
        report.summary, report.redactions = scrub(text)

    # Filing: each report opens a case or joins one ---------------------------------------

    def file(self) -> None:
        rng = self.rng
        open_cases: dict[tuple[int, int], list[_Case]] = defaultdict(list)
        for report in self.reports:
            key = (report.category.pk, report.locality.pk)
            candidates = [
                case
                for case in reversed(open_cases[key])
                if case.last_reported_on >= report.observed_on - JOIN_WINDOW_DAYS * DAY
                and case.open_on(report.received_on)
                and report.unit_id in (case.first.unit_id, case.unit_id)
            ]
            joins = 0.55 if report.hot_spot else 0.25
            if candidates and rng.random() < joins:
                self._join(candidates[0], report)
                continue
            duplicate_of = candidates[0] if candidates and rng.random() < 0.08 else None
            if duplicate_of:
                report.template = duplicate_of.first.template
            self._text(report, follow_up=False)
            case = self._open(report)
            self._live(case, self._plan(case, duplicate_of))
            open_cases[key].append(case)
        self._merge_duplicates()

    def _open(self, report: _Report) -> _Case:
        unit_id = self.router.unit_id(report.category.pk, report.locality.pk)
        deadline = report.category.deadline_days
        case = _Case(
            first=report,
            unit_id=unit_id,
            deadline=deadline,
            reports=[report],
            due_on=report.received_on + deadline * DAY,
            escalate_from=report.received_on + (deadline + 1) * DAY,
            last_reported_on=report.observed_on,
            severity=report.severity,
            people=report.people,
            last_at=report.at,
            spans=[[report.received_on, None]],
        )
        case.events.append((report.at, CaseEvent.Kind.OPENED, report.user_id, None, unit_id, ""))
        self.cases.append(case)
        return case

    def _join(self, case: _Case, report: _Report) -> None:
        report.template = case.first.template
        report.area = case.first.area
        self._text(report, follow_up=True)
        case.reports.append(report)
        case.report_count += 1
        case.version += 1
        case.last_reported_on = max(case.last_reported_on, report.observed_on)
        case.severity = max(case.severity, report.severity)
        case.people = max(case.people, report.people)
        at = max(report.at, case.first.at + datetime.timedelta(minutes=10))
        report.at = at
        unit = self.units[report.unit_id].name
        text = f"Phản ánh của {unit} ngày {report.observed_on:%d/%m/%Y}."
        case.events.append((at, CaseEvent.Kind.REPORT_ADDED, report.user_id, None, None, text))

    # A case's life ---------------------------------------------------------------------

    def _plan(self, case: _Case, duplicate_of: _Case | None) -> list[tuple]:
        """What happens to the case, day by day, whether or not it is past the reference date."""
        rng, clock = self.rng, _Clock(self.rng, case.first.received_on)
        opened, deadline = case.first.received_on, case.deadline
        code = case.first.category.code
        if duplicate_of is not None:
            day = clock.after(1, 6)
            if duplicate_of.open_on(day):
                reason, text = Case.CloseReason.DUPLICATE, UNRESOLVED[Case.CloseReason.DUPLICATE][0]
                return [(day, "unresolved", {"reason": reason, "text": text, "of": duplicate_of})]
        neglected = rng.random() < 0.012
        steps = [
            (
                clock.after(*((deadline + 3, deadline + 30) if neglected else (0, 3))),
                "acknowledge",
                {},
            )
        ]
        if rng.random() < 0.1 and (target := self._referral_target(case)):
            steps.append((clock.after(1, 5), "refer", {"to": target}))
            slow = rng.random() < 0.25
            steps.append((clock.after(*((6, 25) if slow else (1, 4))), "acknowledge", {}))
        draw = rng.random()
        for limit, reason, days in (
            (0.03, Case.CloseReason.NOT_OURS, (2, 10)),
            (0.055, Case.CloseReason.NO_ACTION, (7, 40)),
        ):
            if draw < limit:
                text = rng.choice(UNRESOLVED[reason])
                return [
                    *steps,
                    (clock.after(*days), "unresolved", {"reason": reason, "text": text}),
                ]
        if rng.random() < 0.6:
            steps.append((clock.after(1, 6), "start", {"text": rng.choice(STARTS)}))
        if rng.random() < 0.25:
            steps.append((clock.after(1, 10), "note", {"text": rng.choice(NOTES)}))
        if draw < 0.085:  # stuck long past its deadline
            finish = opened + (deadline + rng.randint(25, 150)) * DAY
        elif draw < 0.2:  # late
            finish = opened + (deadline + rng.randint(1, 30)) * DAY
        else:
            finish = opened + rng.randint(max(2, deadline // 5), deadline) * DAY
        steps.append((clock.at_least(finish), "resolve", {"text": self._resolution(code)}))
        if rng.random() < 0.9:
            steps.append((clock.after(2, 12), "close", {"text": rng.choice(CLOSINGS)}))
        if rng.random() < 0.035:
            steps.append((clock.after(7, 60), "reopen", {"text": rng.choice(REOPENINGS)}))
            if rng.random() < 0.75:
                steps.append((clock.after(5, 30), "resolve", {"text": self._resolution(code)}))
                steps.append((clock.after(2, 10), "close", {"text": rng.choice(CLOSINGS)}))
        return steps

    def _resolution(self, code: str) -> str:
        return self.rng.choice(RESOLUTIONS[code]).format(n=self.rng.randint(3, 40))

    def _referral_target(self, case: _Case) -> int | None:
        targets = []
        for name in REFER_TO[case.first.category.code]:
            if name == "commune":
                unit_id = self.commune_of[case.first.locality.pk].unit.pk
            else:
                unit_id = self.by_abbreviation[name].pk
            if unit_id != case.unit_id:
                targets.append(unit_id)
        return self.rng.choice(targets) if targets else None

    def _live(self, case: _Case, steps: list[tuple]) -> None:
        """Apply the steps up to the reference date, escalating as `mandate tick` would."""
        for day, action, extra in steps:
            if day > REFERENCE_DATE:
                break
            self._escalate(case, until=day)
            getattr(self, f"_{action}")(case, day, **extra)
        self._escalate(case, until=REFERENCE_DATE)

    def _event(self, case: _Case, day: datetime.date, kind: str, text: str = "", **units) -> None:
        minutes = self.rng.randint(7 * 60 + 30, 17 * 60)
        at = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), TZ)
        if at <= case.last_at:
            at = case.last_at + datetime.timedelta(minutes=self.rng.randint(5, 90))
        case.last_at = at
        actor = self.rng.choice(self.staff[case.unit_id] or self.staff[self.root.pk])
        case.events.append((at, kind, actor, units.get("from_unit"), units.get("to_unit"), text))

    def _transition(self, case: _Case, day: datetime.date, status: str, kind: str, text="") -> None:
        self._event(case, day, kind, text)
        case.status = status
        case.version += 1

    def _escalate(self, case: _Case, *, until: datetime.date) -> None:
        day = case.escalate_from
        if case.status in Case.OPEN_STATUSES and case.escalated_on is None and day <= until:
            at = datetime.datetime.combine(day, datetime.time(6, 0), TZ)
            at = max(at, case.last_at + datetime.timedelta(minutes=1))
            case.last_at = at
            above = self.units[case.unit_id].parent_id or case.unit_id
            text = f"Quá hạn từ ngày {case.due_on:%d/%m/%Y}."
            case.events.append((at, CaseEvent.Kind.ESCALATED, None, case.unit_id, above, text))
            case.escalated_on = day

    def _acknowledge(self, case: _Case, day: datetime.date) -> None:
        text = self.rng.choice(ACKNOWLEDGEMENTS)
        self._transition(case, day, Case.Status.ACKNOWLEDGED, CaseEvent.Kind.ACKNOWLEDGED, text)

    def _start(self, case: _Case, day: datetime.date, text: str) -> None:
        self._transition(case, day, Case.Status.IN_PROGRESS, CaseEvent.Kind.STARTED, text)

    def _note(self, case: _Case, day: datetime.date, text: str) -> None:
        self._event(case, day, CaseEvent.Kind.NOTE, text)

    def _refer(self, case: _Case, day: datetime.date, to: int) -> None:
        text = self.rng.choice(REFERRALS).format(unit=self.units[to].name)
        self._event(case, day, CaseEvent.Kind.REFERRED, text, from_unit=case.unit_id, to_unit=to)
        case.unit_id, case.status, case.version = to, Case.Status.REFERRED, case.version + 1
        case.escalated_on = None  # refer() clears it; the next daily round may escalate again
        case.escalate_from = max(case.due_on, day) + DAY

    def _resolve(self, case: _Case, day: datetime.date, text: str) -> None:
        self._transition(case, day, Case.Status.RESOLVED, CaseEvent.Kind.RESOLVED, text)
        case.resolution, case.resolved_on = text, day
        case.spans[-1][1] = day

    def _close(self, case: _Case, day: datetime.date, text: str) -> None:
        self._transition(case, day, Case.Status.CLOSED, CaseEvent.Kind.CLOSED, text)
        case.closed_on = day

    def _unresolved(self, case: _Case, day: datetime.date, reason: str, text: str, of=None):
        kind = CaseEvent.Kind.CLOSED_UNRESOLVED
        self._transition(case, day, Case.Status.CLOSED_UNRESOLVED, kind, text)
        case.close_reason, case.resolution, case.closed_on = reason, text, day
        case.spans[-1][1] = day
        if of is not None:
            case.duplicate_of = of
            self.merges.append((day, case, of))

    def _reopen(self, case: _Case, day: datetime.date, text: str) -> None:
        self._transition(case, day, Case.Status.IN_PROGRESS, CaseEvent.Kind.REOPENED, text)
        case.due_on = day + case.deadline * DAY
        case.escalate_from = case.due_on + DAY
        case.resolved_on = case.closed_on = case.escalated_on = None
        case.close_reason = ""
        case.spans.append([day, None])

    def _merge_duplicates(self) -> None:
        """A duplicate's reports join the case that carries on, as close_unresolved does."""
        for _day, duplicate, target in sorted(self.merges, key=lambda merge: merge[1].last_at):
            moved, duplicate.reports = duplicate.reports, []
            target.reports += moved
            target.report_count += len(moved)
            target.last_reported_on = max(
                [target.last_reported_on, *(r.observed_on for r in moved)]
            )
            target.severity = max([target.severity, *(r.severity for r in moved)])
            target.people = max([target.people, *(r.people for r in moved)])
            duplicate.report_count = 0
            target.version += 1
            at = duplicate.last_at + datetime.timedelta(minutes=1)
            joined = (duplicate, len(moved))  # the text names the duplicate once it has a number
            target.events.append((at, CaseEvent.Kind.REPORT_ADDED, None, None, None, joined))

    # Saving --------------------------------------------------------------------------

    def save(self) -> None:
        rows = _Rows()
        for case in self.cases:
            case.row = self._case_row(case, rows.next_id(Case))
        for case in self.cases:
            if case.duplicate_of is not None:
                case.row["duplicate_of_id"] = case.duplicate_of.row["id"]
        rows.insert(Case, [case.row for case in self.cases])
        self.reports.sort(key=lambda report: report.at)  # joins may have moved a few later
        for report in self.reports:
            report.row = self._report_row(report, rows.next_id(Report))
        rows.insert(Report, [report.row for report in self.reports])
        rows.insert(
            CaseEvent,
            [self._event_row(case, *event) for case in self.cases for event in case.events],
        )
        self._history(rows)
        rows.reset_sequences()
        Contact.objects.bulk_create(self._contacts())

    def _case_row(self, case: _Case, pk: int) -> dict:
        first = case.first
        title = title_from(first.summary)
        for report in case.reports:
            report.case_id = pk
        return {
            "id": pk,
            "title": title,
            "search_text": fold(title),  # as Searchable.save() keeps it
            "category_id": first.category.pk,
            "locality_id": first.locality.pk,
            "unit_id": case.unit_id,
            "origin_unit_id": first.unit_id,
            "status": case.status,
            "close_reason": case.close_reason,
            "severity": case.severity,
            "people_affected": case.people,
            "report_count": case.report_count,
            "opened_on": first.received_on,
            "last_reported_on": case.last_reported_on,
            "due_on": case.due_on,
            "resolved_on": case.resolved_on,
            "closed_on": case.closed_on,
            "resolution": case.resolution,
            "escalated_on": case.escalated_on,
            "version": case.version,
            "opened_by_id": first.user_id,
            "created_at": first.at,
            "updated_at": max(event[0] for event in case.events),
        }

    def _report_row(self, report: _Report, pk: int) -> dict:
        return {
            "id": pk,
            "case_id": report.case_id,
            "category_id": report.category.pk,
            "locality_id": report.locality.pk,
            "observed_on": report.observed_on,
            "received_on": report.received_on,
            "severity": report.severity,
            "people_affected": report.people,
            "summary": report.summary,
            "redactions": report.redactions,
            "channel": report.channel,
            "reporting_unit_id": report.unit_id,
            "reported_by_id": report.user_id,
            "lat": report.lat,
            "lon": report.lon,
            "created_at": report.at,
            "updated_at": report.at,
        }

    def _event_row(self, case: _Case, at, kind, actor, from_unit, to_unit, text) -> dict:
        if isinstance(text, tuple):  # a duplicate's reports joined: name it by its number
            duplicate, count = text
            text = f"{count} phản ánh được gộp từ vụ việc trùng #{duplicate.row['id']}."
        return {
            "case_id": case.row["id"],
            "kind": kind,
            "at": at,
            "actor_id": actor,
            "from_unit_id": from_unit,
            "to_unit_id": to_unit,
            "text": text,
        }

    def _history(self, rows: "_Rows") -> None:
        """Cases: one row at opening with the state then, one with the state on the
        reference date if it changed since. Reports: one row as filed."""
        history = []
        for case in self.cases:
            state = case.row
            history.append(
                {
                    **state,
                    "unit_id": case.events[0][4],
                    "status": Case.Status.NEW,
                    "close_reason": "",
                    "resolution": "",
                    "version": 1,
                    "report_count": 1,
                    "last_reported_on": case.first.observed_on,
                    "severity": case.first.severity,
                    "people_affected": case.first.people,
                    "due_on": case.first.received_on + case.deadline * DAY,
                    "resolved_on": None,
                    "closed_on": None,
                    "escalated_on": None,
                    "duplicate_of_id": None,
                    "updated_at": state["created_at"],
                    "history_date": case.first.at,
                    "history_user_id": case.first.user_id,
                    "history_type": "+",
                }
            )
            if state["updated_at"] != state["created_at"]:
                last = max(case.events, key=lambda event: event[0])
                history.append(
                    {
                        **state,
                        "history_date": last[0],
                        "history_user_id": last[2],
                        "history_type": "~",
                    }
                )
        rows.insert(Case.history.model, history)
        rows.insert(
            Report.history.model,
            [
                {
                    **report.row,
                    "history_date": report.at,
                    "history_user_id": report.user_id,
                    "history_type": "+",
                }
                for report in self.reports
            ],
        )

    def _contacts(self) -> list[Contact]:
        """A few citizens left a contact for follow-up on recent reports (fictional)."""
        rng = self.rng
        recent = [
            report
            for report in self.reports
            if report.received_on > REFERENCE_DATE - 45 * DAY
            and report.channel == Report.Channel.WEB
        ]
        contacts = []
        for report in rng.sample(recent, min(60, len(recent))):
            female = rng.random() < 0.5
            name = " ".join(
                (
                    rng.choice(SURNAMES),
                    rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                    rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
                )
            )
            commune = self.commune_of[report.locality.pk]
            contacts.append(
                Contact(
                    report_id=report.row["id"],
                    name=name,
                    phone=f"09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                    email=_email(rng) if rng.random() < 0.2 else "",
                    address=_capitalised(f"{report.area}, {commune.place}"),
                )
            )
        return contacts


class _Clock:
    """The days of a case's life: each step after the one before, on a working day mostly."""

    def __init__(self, rng: random.Random, day: datetime.date):
        self.rng, self.day = rng, day

    def after(self, low: int, high: int) -> datetime.date:
        return self.at_least(self.day + self.rng.randint(low, high) * DAY)

    def at_least(self, day: datetime.date) -> datetime.date:
        day = max(day, self.day)
        if day.weekday() >= 5 and self.rng.random() < 0.8:
            day += (7 - day.weekday()) * DAY
        self.day = day
        return day


class _Rows:
    """Inserts with executemany, values adapted as the ORM would.

    bulk_create would stamp the present into created_at (the demo's rows carry their own
    dates) and prepares each of the demo's 150,000 values in Python: seconds, not tenths.
    Cases and reports get their ids here, so that the rows that refer to them can be
    written without reading them back; the sequences are moved past them at the end.
    """

    BATCH = 5000

    def __init__(self):
        self.ids: dict[type, int] = {}
        self.models: list[type] = []
        self.moments: dict = {}
        self.adapt_moment = connection.ops.adapt_datetimefield_value

    def next_id(self, model) -> int:
        if model not in self.ids:
            self.ids[model] = model.objects.aggregate(last=Max("pk"))["last"] or 0
            self.models.append(model)
        self.ids[model] += 1
        return self.ids[model]

    def insert(self, model, rows: list[dict]) -> None:
        fields = [
            field
            for field in model._meta.concrete_fields
            if not field.primary_key or model in self.ids
        ]
        table, quote = model._meta.db_table, connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})"  # noqa: S608 -- names from the model
        defaults = {field.attname: field.get_default() for field in fields}
        values = [[row.get(name, default) for name, default in defaults.items()] for row in rows]
        for index, column in enumerate(fields):
            if adapt := self._adapter(column):
                for row in values:
                    row[index] = adapt(row[index])
        with connection.cursor() as cursor:
            for start in range(0, len(values), self.BATCH):
                cursor.executemany(sql, values[start : start + self.BATCH])

    def _adapter(self, column) -> Callable | None:
        kind = column.get_internal_type()
        if kind == "DateTimeField":
            return self._moment
        if kind == "DateField":
            return connection.ops.adapt_datefield_value
        return None

    def _moment(self, value: datetime.datetime | None):
        """The same moments come back in several tables: adapt each once."""
        if value not in self.moments:
            self.moments[value] = self.adapt_moment(value)
        return self.moments[value]

    def reset_sequences(self) -> None:
        """PostgreSQL's sequences must move past the ids given here (SQLite needs nothing)."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(sql)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _phone(rng: random.Random) -> str:
    digits = f"{rng.choice('35789')}{rng.randint(10_000_000, 99_999_999)}"
    return rng.choice(
        (
            f"0{digits[:3]} {digits[3:6]} {digits[6:]}",
            f"0{digits[:3]}.{digits[3:6]}.{digits[6:]}",
            f"0{digits}",
            f"+84 {digits[:3]} {digits[3:6]} {digits[6:]}",
            f"(0225) 3{digits[:3]} {digits[3:6]}",
        )
    )


def _national_id(rng: random.Random) -> str:
    return f"031{rng.randint(0, 3)}{rng.randint(60, 99)}{rng.randint(0, 999_999):06d}"


def _email(rng: random.Random) -> str:
    return (
        f"{rng.choice(('phananh', 'nguoidan', 'cutri', 'hodan'))}{rng.randint(10, 999)}@example.com"
    )


def seed(*, rng: random.Random, log: Callable[[str], None]) -> list:
    grassroots = GrassrootsDemo(rng)
    rules = grassroots.configure_routing()
    log(_("Routing rules: %(count)s") % {"count": rules})
    grassroots.draw_reports()
    grassroots.file()
    grassroots.save()
    statuses = defaultdict(int)
    for case in grassroots.cases:
        statuses[case.status] += 1
    log(_("Grassroots reports: %(count)s") % {"count": len(grassroots.reports)})
    log(
        _("Cases: %(count)s (%(open)s open)")
        % {
            "count": len(grassroots.cases),
            "open": sum(statuses[status] for status in Case.OPEN_STATUSES),
        }
    )
    for spot in HOT_SPOTS:
        log(
            _("Hot spot: %(category)s in %(communes)s, %(first)s–%(last)s (%(count)s reports)")
            % {
                "category": grassroots.categories[spot.category].name,
                "communes": ", ".join(spot.communes),
                "first": spot.first.strftime("%d/%m/%Y"),
                "last": spot.last.strftime("%d/%m/%Y"),
                "count": spot.reports,
            }
        )
    return []
