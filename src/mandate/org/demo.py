"""The demo province's organisation: Hải Phòng's communes, the department, its
divisions, agencies, commune units and about 300 fictional people.

Deterministic: the same random seed gives the same province on every machine.
"""

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from mandate.core.text import fold
from mandate.org.localities import package_rows
from mandate.org.models import Locality, Membership, Role, Unit, User
from mandate.org.services import create_unit, import_localities

PROVINCE_CODE = "31"
DEMO_PASSWORD = "demo-mandate-2026"  # noqa: S105 -- printed for the demo on purpose

DIVISIONS = [
    ("Văn phòng Ban", "VP"),
    ("Phòng Tuyên truyền, Báo chí - Xuất bản", "TTBCXB"),
    ("Phòng Khoa giáo, Văn hóa - Văn nghệ", "KGVHVN"),
    ("Phòng Lý luận chính trị, Lịch sử Đảng", "LLCT"),
    ("Phòng Dân vận các cơ quan Nhà nước, Dân tộc và Tôn giáo", "DVNN"),
    ("Phòng Đoàn thể và các Hội", "ĐTCH"),
]
AGENCIES = [
    ("Báo và Phát thanh, Truyền hình Hải Phòng", "BPTTH", Unit.Kind.PRESS),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", Unit.Kind.AGENCY),
    ("Sở Khoa học và Công nghệ", "SKHCN", Unit.Kind.AGENCY),
    ("Trường Chính trị Tô Hiệu", "TCTTH", Unit.Kind.AGENCY),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "MTTQ", Unit.Kind.MASS_ORGANISATION),
    ("Thành đoàn Hải Phòng", "TĐ", Unit.Kind.MASS_ORGANISATION),
    ("Hội Liên hiệp Phụ nữ thành phố", "HLHPN", Unit.Kind.MASS_ORGANISATION),
    ("Hội Nông dân thành phố", "HND", Unit.Kind.MASS_ORGANISATION),
    ("Hội Cựu chiến binh thành phố", "HCCB", Unit.Kind.MASS_ORGANISATION),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
    "Đinh",
    "Trịnh",
    "Mạc",
    "Lương",
    "Cao",
    "Tạ",
    "Hà",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Anh", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thùy", "Hồng", "Phương", "Kim", "Mai"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Long",
    "Mạnh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Trang",
    "Yến",
]

# The merged department and communes were formed on 1 July 2025 (DOMAIN.md §4).
UNITS_FORMED = datetime.datetime(2025, 7, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit: str
    full_name: str


class _People:
    """Makes unique fictional people and their memberships, then saves them in bulk."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.password = make_password(DEMO_PASSWORD)
        self.users: list[User] = []
        self.memberships: list[tuple[int, Unit, str]] = []
        self.names: set[str] = set()

    def full_name(self) -> str:
        while True:
            female = self.rng.random() < 0.5
            name = " ".join(
                [
                    self.rng.choice(SURNAMES),
                    self.rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                    self.rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
                ]
            )
            if name not in self.names:
                self.names.add(name)
                return name

    def add(self, unit: Unit, role: str, position: str, username: str = "") -> User:
        full_name = self.full_name()
        username = username or f"{fold(full_name).replace(' ', '.')}.{len(self.users) + 1}"
        user = User(
            username=username,
            full_name=full_name,
            position=position,
            email=f"{username}@example.org",
            password=self.password,
            phone=f"0900{len(self.users) + 1:06d}",
        )
        user.refresh_search_text()
        self.users.append(user)
        self.memberships.append((len(self.users) - 1, unit, role))
        return user

    def save(self) -> None:
        bulk_create_with_history(self.users, User, batch_size=500)
        saved = {user.username: user for user in User.objects.dangerously_unscoped()}
        memberships = [
            Membership(user=saved[self.users[index].username], unit=unit, role=role)
            for index, unit, role in self.memberships
        ]
        bulk_create_with_history(memberships, Membership, batch_size=500)
        # Everyone took up their post when the merged units were formed, not on the day
        # the demo was seeded (the training gap report counts "missing since" from it).
        Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(
            created_at=UNITS_FORMED
        )


def seed(*, rng: random.Random, log) -> list[DemoLogin]:
    summary = import_localities(raw_rows=package_rows(PROVINCE_CODE))
    log(_("Localities: %(count)s") % {"count": summary.created})
    province = Locality.objects.get(code=PROVINCE_CODE)
    root = create_unit(
        name="Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        abbreviation="BTGDVTU",
        kind=Unit.Kind.DEPARTMENT,
        locality=province,
        email="btgdv@example.org",
        address="Số 10 Lạch Tray, Hải Phòng",
    )
    divisions = [
        create_unit(
            name=name, abbreviation=abbr, kind=Unit.Kind.DIVISION, parent=root, locality=province
        )
        for name, abbr in DIVISIONS
    ]
    agencies = [
        create_unit(name=name, abbreviation=abbr, kind=kind, parent=root, locality=province)
        for name, abbr, kind in AGENCIES
    ]
    communes = [
        create_unit(
            # "Xã Tiên Lãng" becomes "Đảng ủy xã Tiên Lãng", as the unit writes its own name.
            name=f"Đảng ủy {locality.name[0].lower()}{locality.name[1:]}",
            kind=Unit.Kind.COMMUNE,
            parent=root,
            locality=locality,
        )
        for locality in Locality.objects.filter(parent=province).order_by("name")
    ]
    log(_("Units: %(count)s") % {"count": 1 + len(divisions) + len(agencies) + len(communes)})

    people = _People(rng)
    admin = User(
        username="admin",
        full_name="Quản trị hệ thống",
        email="admin@example.org",
        is_staff=True,
        is_superuser=True,
        password=people.password,
    )
    admin.refresh_search_text()
    people.users.append(admin)
    people.add(root, Role.LEADER, "Trưởng Ban", username="lanhdao")
    for _n in range(2):
        people.add(root, Role.LEADER, "Phó Trưởng Ban")
    people.add(root, Role.VIEWER, "Ủy viên Ban Thường vụ Thành ủy", username="quansat")
    people.add(root, Role.VIEWER, "Ủy viên Ban Thường vụ Thành ủy")
    for number, division in enumerate(divisions):
        head = "Chánh Văn phòng" if number == 0 else "Trưởng phòng"
        people.add(division, Role.LEADER, head, username="truongphong" if number == 1 else "")
        people.add(
            division,
            Role.LEADER,
            head.replace("Chánh", "Phó Chánh").replace("Trưởng", "Phó Trưởng"),
        )
        for staff in range(rng.randint(3, 5)):
            people.add(
                division,
                Role.OFFICER,
                "Chuyên viên",
                username="chuyenvien" if number == 1 and staff == 0 else "",
            )
    for agency in agencies:
        people.add(
            agency,
            Role.LEADER,
            "Giám đốc"
            if agency.kind == Unit.Kind.AGENCY
            else "Chủ tịch"
            if agency.kind == Unit.Kind.MASS_ORGANISATION
            else "Tổng Biên tập",
        )
        people.add(agency, Role.OFFICER, "Chuyên viên")
    for number, commune in enumerate(communes):
        first = number == 0
        people.add(
            commune,
            Role.OFFICER,
            "Phó Trưởng ban Xây dựng Đảng",
            username="canbo.xa" if first else "",
        )
        people.add(
            commune,
            Role.REPORTER,
            "Cộng tác viên dư luận xã hội",
            username="congtacvien" if first else "",
        )
    people.save()
    log(_("People: %(count)s") % {"count": len(people.users)})
    return existing_logins()


DEMO_USERNAMES = [
    "admin",
    "lanhdao",
    "truongphong",
    "chuyenvien",
    "canbo.xa",
    "congtacvien",
    "quansat",
]


def existing_logins() -> list[DemoLogin]:
    """One demo login per role, read back from the database."""
    users = {
        user.username: user
        for user in User.objects.dangerously_unscoped()
        .filter(username__in=DEMO_USERNAMES)
        .prefetch_related("memberships__unit")
    }
    logins = []
    for username in DEMO_USERNAMES:
        if (user := users.get(username)) is None:
            continue
        membership = next(iter(user.memberships.all()), None)
        logins.append(
            DemoLogin(
                username=username,
                role=membership.get_role_display() if membership else _("administrator"),
                unit=membership.unit.name if membership else "—",
                full_name=user.full_name,
            )
        )
    return logins
