# ruff: noqa: E501 -- Vietnamese achievements and reasons are long; one per line reads as a table.
"""The demo province's emulation and commendation: the department's 2025 round, decided,
and its 2026 round before the council as of REFERENCE_DATE.

The department (the unit with legal personality) organises both rounds and proposes the
annual titles of its whole staff, so the 15 % cap of Chiến sĩ thi đua cơ sở is taken of
its whole list; each division's head rates the division's people, and divisions propose
thematic Giấy khen. 2025: pledges in January, ratings and proposals in December, the
council in January 2026, the notice, the department's decisions, three dossiers sent to
the city (one refused), the city's decisions in March, one award revoked in June.
2026: the city asked for an early review, to award at the year-end conference; the
council met on 18/11/2026, some votes are in, and a complaint lodged against a nominee
two days before makes that nomination fail its check.

Every write goes through the services, which validate and keep history; they read the
clock, so each event runs with the clock set to its day (see _on).
"""

import datetime
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.core import documents
from mandate.honours import services
from mandate.honours.checks import cap_for
from mandate.honours.models import (
    Award,
    AwardRound,
    BlockingCondition,
    DossierItem,
    Nomination,
    NominationFile,
    NominationStep,
    Pledge,
    Rating,
    TaskRating,
    Title,
)
from mandate.org.models import Membership, Role, Unit, User
from mandate.work.demo import REFERENCE_DATE

D = datetime.date
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EXCELLENT, GOOD = Rating.EXCELLENT, Rating.GOOD
COMPLETED, NOT_COMPLETED = Rating.COMPLETED, Rating.NOT_COMPLETED
LDTT, CSTDCS, CSTD_TINH = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"
TTLDTT, TTLDXS = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"
GIAY_KHEN, BANG_KHEN = "giay-khen", "bang-khen-chu-tich-ubnd-tinh"

DEPARTMENT = "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng"
CITY = "Ủy ban nhân dân thành phố Hải Phòng"
CITY_SIGNER = ("Phạm Đức Thịnh", "Phó Chủ tịch Ủy ban nhân dân thành phố")
HEADING = documents.Heading(
    profile=documents.PARTY,
    issuer_name="BAN TUYÊN GIÁO VÀ DÂN VẬN",
    parent_body="THÀNH ỦY HẢI PHÒNG",
    place_name="Hải Phòng",
    abbreviation="BTGDVTU",
)
COUNCIL_MEMBERS = 11
STAR_DIVISION = "LLCT"  # its deputy head is the city's emulation fighter of 2025
PLEDGE_NOTE = "Phấn đấu 100% cán bộ, công chức hoàn thành tốt nhiệm vụ trở lên, {share} đạt danh hiệu Lao động tiên tiến; có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở; không có cán bộ vi phạm kỷ luật."
PERSONAL_PLEDGE = "Hoàn thành xuất sắc nhiệm vụ được giao; có ít nhất một sáng kiến, giải pháp được Hội đồng sáng kiến của Ban công nhận."

ACHIEVEMENTS = {
    LDTT: "Hoàn thành tốt nhiệm vụ được giao năm {year}; chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước; đoàn kết, tích cực tham gia các phong trào thi đua của Ban.",
    CSTDCS: "Hoàn thành xuất sắc nhiệm vụ năm {year}; chủ trì tham mưu {work}; có sáng kiến “{idea}” được Hội đồng sáng kiến của Ban công nhận, áp dụng hiệu quả.",
    CSTD_TINH: "Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2023-2025); chủ nhiệm đề tài khoa học cấp thành phố “Giải pháp nâng cao hiệu quả đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng ở Hải Phòng”, được Hội đồng khoa học thành phố nghiệm thu, ứng dụng rộng rãi.",
    TTLDTT: "Hoàn thành tốt nhiệm vụ năm {year}; phong trào thi đua thường xuyên, hiệu quả; từ 70% cán bộ, công chức đạt danh hiệu Lao động tiên tiến; không có cán bộ vi phạm kỷ luật; nội bộ đoàn kết.",
    TTLDXS: "Hoàn thành xuất sắc nhiệm vụ năm 2025; tham mưu tổ chức thành công Hội thảo khoa học “95 năm Đảng Cộng sản Việt Nam lãnh đạo sự nghiệp cách mạng”; 100% cán bộ hoàn thành tốt nhiệm vụ trở lên, có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở và Chiến sĩ thi đua thành phố.",
    BANG_KHEN: "Có thành tích xuất sắc trong công tác tuyên truyền kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước, 70 năm Ngày giải phóng Hải Phòng và 80 năm Cách mạng Tháng Tám, Quốc khánh 2/9 năm 2025.",
}
WORKS = [
    "xây dựng Đề cương tuyên truyền kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2/9",
    "tổng hợp tình hình dư luận xã hội hằng tháng báo cáo Ban Thường vụ Thành ủy",
    "hướng dẫn các đảng ủy xã, phường học tập, quán triệt nghị quyết sau sắp xếp đơn vị hành chính",
    "tổ chức Cuộc thi tìm hiểu lịch sử Đảng bộ thành phố trên mạng xã hội",
    "xây dựng chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]
IDEAS = [
    "Bản tin dư luận xã hội điện tử gửi cấp ủy hằng tuần",
    "Sổ tay tuyên truyền viên trên điện thoại thông minh",
    "Bản đồ số theo dõi điểm nóng dư luận ở cơ sở",
    "Quy trình phối hợp xử lý thông tin xấu, độc trên không gian mạng",
    "Bộ câu hỏi trắc nghiệm trực tuyến về nghị quyết cho đảng viên",
]
LOW_NOTES = {
    COMPLETED: "Một số nhiệm vụ hoàn thành chậm so với kế hoạch.",
    NOT_COMPLETED: "Không hoàn thành 2/6 nhiệm vụ trọng tâm được giao; đã kiểm điểm trước tập thể phòng.",
}


@contextmanager
def _on(day: datetime.date, hour: int = 9, minute: int = 0) -> Iterator[datetime.datetime]:
    """Run what follows as on that day: the services read the clock for deadlines, signed
    and voted dates, timestamps and history. A step's and a file's time is a field default
    (bound before any change to the clock), so those written here are re-dated after."""
    if day > REFERENCE_DATE:
        raise ValueError(f"The demo's events happen by {REFERENCE_DATE}, not on {day}.")
    moment = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)
    steps = NominationStep.objects.dangerously_unscoped()
    files = NominationFile.objects.dangerously_unscoped()
    last_step = steps.aggregate(last=Max("pk"))["last"] or 0
    last_file = files.aggregate(last=Max("pk"))["last"] or 0
    real_now = timezone.now
    timezone.now = lambda: moment
    try:
        yield moment
    finally:
        timezone.now = real_now
    steps.filter(pk__gt=last_step).update(at=moment)
    files.filter(pk__gt=last_file).update(uploaded_at=moment)


def _docx(
    name: str, kind: str, title: str, number: str, day: datetime.date, body: list[str], signer: User
) -> SimpleUploadedFile:
    """A dossier document as the department prints it."""
    document = documents.FormalDocument(
        HEADING, number=number, issued_on=day, kind=kind, title=title
    )
    for text in body:
        document.paragraph(text)
    document.sign(
        documents.Signature(position="TRƯỞNG BAN", name=signer.full_name),
        recipients=["Sở Nội vụ thành phố", "Lưu Văn phòng Ban"],
    )
    return SimpleUploadedFile(
        name,
        document.to_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


class _Honours:
    def __init__(self, rng: random.Random):
        self.rng = rng
        units = Unit.objects.dangerously_unscoped()
        self.root = units.get(parent__isnull=True)
        self.divisions = list(
            units.filter(parent=self.root, kind=Unit.Kind.DIVISION).order_by("pk")
        )
        self.by_abbreviation = {unit.abbreviation: unit for unit in units.filter(parent=self.root)}
        self.leader = User.objects.get(username="lanhdao")
        self.titles = {title.code: title for title in Title.objects.all()}
        memberships = (
            Membership.objects.filter(role__in=[Role.LEADER, Role.OFFICER], is_active=True)
            .filter(unit__in=[self.root, *self.divisions])
            .select_related("user", "unit")
            .order_by("pk")
        )
        self.staff: dict[Unit, list[User]] = {unit: [] for unit in [self.root, *self.divisions]}
        self.unit_of: dict[User, Unit] = {}
        for membership in memberships:
            self.staff[membership.unit].append(membership.user)
            self.unit_of[membership.user] = membership.unit
        self.head = {division: self.staff[division][0] for division in self.divisions}
        star_division = self.by_abbreviation[STAR_DIVISION]
        self.star = self.staff[star_division][1]  # the deputy head
        vp = self.by_abbreviation["VP"]
        self.clerk, self.complained_of = self.staff[vp][2], self.staff[vp][-1]
        self.chuyenvien = User.objects.get(username="chuyenvien")
        self.returned_unit = self.by_abbreviation["BPTTH"]
        self.rounds: list[AwardRound] = []

    def people(self) -> list[User]:
        return [person for staff in self.staff.values() for person in staff]

    def division_of(self, person: User) -> Unit:
        return self.unit_of[person]

    # Rounds, pledges and ratings ----------------------------------------------------------

    def open_round(
        self, year: int, created_on: D, *, pledges_due: D, nominations_due: D, council_on: D
    ) -> AwardRound:
        with _on(created_on):
            award_round = services.create_round(
                unit=self.root,
                name=f"Bình xét thi đua, khen thưởng năm {year}",
                year=year,
                period_start=D(year, 1, 1),
                period_end=D(year, 12, 31),
                registration_deadline=pledges_due,
                nomination_deadline=nominations_due,
                council_date=council_on,
                by=self.leader,
            )
        self.rounds.append(award_round)
        return award_round

    def pledge(self, award_round: AwardRound, first_day: D, fighters: list[User]) -> None:
        ttldtt, ttldxs = self.titles[TTLDTT], self.titles[TTLDXS]
        for number, division in enumerate(self.divisions):
            star = division.abbreviation == STAR_DIVISION
            with _on(first_day + datetime.timedelta(days=2 * number), 10):
                services.register_pledge(
                    award_round=award_round,
                    unit=division,
                    titles=[ttldtt, ttldxs] if star else [ttldtt],
                    note=PLEDGE_NOTE.format(share="100%" if star else "từ 80%"),
                    by=self.head[division],
                )
        for number, person in enumerate(fighters):
            titles = [self.titles[LDTT], self.titles[CSTDCS]]
            if person == self.star and award_round.year == 2025:
                titles.append(self.titles[CSTD_TINH])
            with _on(first_day + datetime.timedelta(days=number + 3), 15):
                services.register_pledge(
                    award_round=award_round,
                    unit=self.division_of(person),
                    person=person,
                    titles=titles,
                    note=PERSONAL_PLEDGE,
                    by=person,
                )

    def draw_ratings(
        self,
        *,
        forced: dict[User, str],
        excellent: int,
        completed: int,
        not_completed: int,
        protected: set[User],
    ) -> dict[User, str]:
        """Mostly good, some excellent, a few completed, rarely not completed; `forced`
        people keep theirs and `protected` ones are never rated below good."""
        people = self.people()
        self.rng.shuffle(people)
        ratings = dict.fromkeys(people, GOOD) | forced
        free = [person for person in people if person not in forced]
        for person in free[:excellent]:
            ratings[person] = EXCELLENT
        low = [person for person in free[excellent:] if person not in protected]
        for person in low[:not_completed]:
            ratings[person] = NOT_COMPLETED
        for person in low[not_completed : not_completed + completed]:
            ratings[person] = COMPLETED
        return ratings

    def rate(self, award_round: AwardRound, ratings: dict[User, str], first_day: D) -> None:
        for number, (unit, staff) in enumerate(self.staff.items()):
            rater = self.leader if unit == self.root else self.head[unit]
            with _on(first_day + datetime.timedelta(days=number // 2), 14, 30):
                services.rate_members(
                    award_round=award_round,
                    unit=unit,
                    ratings={person: ratings[person] for person in staff},
                    notes={person: LOW_NOTES.get(ratings[person], "") for person in staff},
                    by=rater,
                )

    def rate_divisions(
        self, award_round: AwardRound, ratings: dict[User, str], day: D, excellent: Unit | None
    ) -> dict[Unit, str]:
        """The department rates each division: excellent for the best, good where the
        division's people did well, task completion otherwise."""
        rated = {}
        with _on(day, 16):
            for division in self.divisions:
                good = sum(ratings[person] in (GOOD, EXCELLENT) for person in self.staff[division])
                rating = GOOD if good * 10 >= 7 * len(self.staff[division]) else COMPLETED
                rated[division] = EXCELLENT if division == excellent else rating
                services.rate_unit(
                    award_round=award_round, unit=division, rating=rated[division], by=self.leader
                )
        return rated

    # Proposals --------------------------------------------------------------------------

    def propose(
        self,
        award_round: AwardRound,
        code: str,
        nominees: list,
        *,
        by: User | None = None,
        unit: Unit | None = None,
        achievement: str = "",
    ) -> list[Nomination]:
        if not nominees:
            return []
        return services.propose(
            award_round=award_round,
            title=self.titles[code],
            unit=unit or self.root,
            nominees=nominees,
            achievement=achievement or ACHIEVEMENTS.get(code, "").format(year=award_round.year),
            by=by or self.leader,
        )

    def fighters(self, award_round: AwardRound, people: list[User]) -> list[Nomination]:
        nominations = []
        for number, person in enumerate(people):
            text = ACHIEVEMENTS[CSTDCS].format(
                year=award_round.year,
                work=WORKS[number % len(WORKS)],
                idea=IDEAS[(number + award_round.year) % len(IDEAS)],
            )
            nominations += self.propose(award_round, CSTDCS, [person], achievement=text)
        return nominations

    def eligible_divisions(
        self, advanced: set[User], division_ratings: dict[Unit, str]
    ) -> list[Unit]:
        """Divisions rated good or better with at least 70 % of their people advanced."""
        return [
            division
            for division in self.divisions
            if division_ratings[division] in (GOOD, EXCELLENT)
            and sum(person in advanced for person in self.staff[division]) * 10
            >= 7 * len(self.staff[division])
        ]

    def vote(self, nomination: Nomination, day: D) -> None:
        """The secret ballot: everyone in favour, or one against or abstaining."""
        against, abstaining = self.rng.choice([(0, 0), (0, 0), (1, 0), (0, 1)])
        with _on(day, 10, 30):
            services.record_vote(
                nomination=nomination,
                members_total=COUNCIL_MEMBERS,
                votes_for=COUNCIL_MEMBERS - against - abstaining,
                votes_against=against,
                abstentions=abstaining,
                voted_on=day,
                by=self.leader,
            )

    # The 2025 round, decided ------------------------------------------------------------

    def round_2025(self) -> AwardRound:
        award_round = self.open_round(
            2025,
            D(2025, 1, 6),
            pledges_due=D(2025, 2, 28),
            nominations_due=D(2025, 12, 26),
            council_on=D(2026, 1, 9),
        )
        star_division = self.by_abbreviation[STAR_DIVISION]
        bang_khen_person = self.head[self.by_abbreviation["DVNN"]]
        forced = {
            self.star: EXCELLENT,
            self.chuyenvien: GOOD,
            bang_khen_person: GOOD,
            self.complained_of: COMPLETED,
        }
        ratings = self.draw_ratings(
            forced=forced,
            excellent=6,
            completed=3,
            not_completed=1,
            protected=set(self.staff[star_division]) | {self.clerk},
        )
        fighters = [self.star] + [
            person
            for person, rating in ratings.items()
            if rating == EXCELLENT and person != self.star
        ][:3]
        self.pledge(award_round, D(2025, 1, 13), fighters)
        self.earlier_awards(fighters)
        with _on(D(2025, 12, 1)):
            services.move_round(
                award_round=award_round, to=AwardRound.Status.NOMINATING, by=self.leader
            )
        self.rate(award_round, ratings, D(2025, 12, 15))
        division_ratings = self.rate_divisions(
            award_round, ratings, D(2025, 12, 22), excellent=star_division
        )

        good = [person for person, rating in ratings.items() if rating in (GOOD, EXCELLENT)]
        skipped = self.rng.choice(
            [
                p
                for p in good
                if p not in forced and p not in fighters and p not in self.staff[star_division]
            ]
        )
        advanced = [person for person in self.people() if person in good and person != skipped]
        # The cap holds even after the revocation below takes one advanced worker away.
        fighters = fighters[: cap_for(len(advanced) - 1, 15)]
        collectives = self.eligible_divisions(set(advanced), division_ratings)[:4]
        if star_division not in collectives:
            collectives.append(star_division)
        with _on(D(2025, 12, 24), 15):
            lists = [
                self.propose(award_round, LDTT, advanced),
                self.fighters(award_round, fighters),
                self.propose(award_round, CSTD_TINH, [self.star]),
                self.propose(award_round, TTLDTT, collectives),
                self.propose(award_round, TTLDXS, [star_division]),
                self.propose(
                    award_round,
                    GIAY_KHEN,
                    [self.returned_unit],
                    achievement="Có thành tích xuất sắc trong tuyên truyền kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2/9; sản xuất chuyên mục “Hải Phòng - Hành trình độc lập, tự do, hạnh phúc”.",
                ),
                self.propose(
                    award_round,
                    GIAY_KHEN,
                    [User.objects.get(username="canbo.xa")],
                    achievement="Có thành tích xuất sắc trong tuyên truyền vận hành chính quyền địa phương hai cấp và Đại hội Đảng bộ phường nhiệm kỳ 2025-2030.",
                ),
                self.propose(
                    award_round,
                    GIAY_KHEN,
                    self.staff_of(self.returned_unit)[1:],
                    achievement="Có nhiều tin, bài tuyên truyền về Đại hội Đảng bộ thành phố lần thứ XVII.",
                ),
                self.propose(award_round, BANG_KHEN, [self.by_abbreviation["TTBCXB"]]),
                self.propose(
                    award_round,
                    BANG_KHEN,
                    [bang_khen_person],
                    achievement="Hai năm liên tục hoàn thành tốt nhiệm vụ; tham mưu thực hiện Quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2025.",
                ),
            ]
        with _on(D(2025, 12, 26), 10):
            services.submit_to_council(
                award_round=award_round,
                unit=self.root,
                by=self.leader,
                note="Danh sách đề nghị sau họp bình xét của các phòng.",
            )
        with _on(D(2026, 1, 5)):
            services.move_round(
                award_round=award_round, to=AwardRound.Status.COUNCIL_REVIEW, by=self.leader
            )
        self.council_2025(award_round, lists)
        return award_round

    def staff_of(self, unit: Unit) -> list[User]:
        return list(
            User.objects.filter(memberships__unit=unit, memberships__is_active=True).order_by(
                "memberships__pk"
            )
        )

    def earlier_awards(self, fighters: list[User]) -> None:
        """The paper register, entered when the department began using the platform."""
        ldtt, cstdcs, ttldtt = self.titles[LDTT], self.titles[CSTDCS], self.titles[TTLDTT]
        rows = [(cstdcs, year, self.star) for year in (2022, 2023, 2024)]
        rows += [(ldtt, year, self.star) for year in (2022, 2023, 2024)]
        rows += [(ldtt, 2024, person) for person in fighters[1:]]
        rows += [(ttldtt, 2024, None)]
        with _on(D(2025, 1, 8), 11):
            for title, year, person in rows:
                unit = self.division_of(person) if person else self.by_abbreviation[STAR_DIVISION]
                number = {LDTT: 21, CSTDCS: 22, TTLDTT: 23}[title.code] + 10 * (year - 2022)
                services.record_earlier_award(
                    title=title,
                    year=year,
                    unit=unit,
                    person=person,
                    reference=f"Quyết định số {number}-QĐ/BTGTU ngày {15 + year - 2022:02d}/01/{year + 1} của Ban Tuyên giáo Thành ủy",
                    by=self.leader,
                )

    def council_2025(self, award_round: AwardRound, lists: list[list[Nomination]]) -> None:
        (
            advanced,
            fighters,
            city_fighter,
            collectives,
            excellent,
            press,
            commune_officer,
            returned,
            press_division,
            person_merit,
        ) = lists
        council_day = D(2026, 1, 9)
        for nomination in [*fighters, *city_fighter]:
            self.vote(nomination, council_day)
        with _on(council_day, 11):
            services.return_nomination(
                nomination=returned[0],
                reason="Đề nghị bổ sung báo cáo thành tích có xác nhận của Tổng Biên tập Báo và Phát thanh, Truyền hình Hải Phòng.",
                by=self.leader,
            )
            approved = [n for group in lists if group is not returned for n in group]
            services.approve(
                nominations=approved,
                by=self.leader,
                note="Hội đồng Thi đua - Khen thưởng của Ban họp ngày 09/01/2026 thống nhất đề nghị.",
            )
        with _on(D(2026, 1, 12), 8):
            services.publish_notice(
                award_round=award_round,
                by=self.leader,
                note="Niêm yết công khai danh sách tại trụ sở Ban và trên cổng thông tin nội bộ từ ngày 12/01/2026.",
            )
        with _on(D(2026, 1, 16), 9):
            services.withdraw(
                nomination=returned[0],
                by=self.leader,
                reason="Cơ quan chủ quản đề nghị xét khen thưởng tại Báo và Phát thanh, Truyền hình Hải Phòng.",
            )
        ours = [("125", advanced, "Về việc công nhận danh hiệu Lao động tiên tiến năm 2025"),
                ("126", fighters, "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025"),
                ("127", collectives, "Về việc công nhận danh hiệu Tập thể lao động tiên tiến năm 2025"),
                ("128", [*press, *commune_officer], "Về việc tặng Giấy khen năm 2025")]  # fmt: skip
        for number, nominations, note in ours:
            with _on(D(2026, 1, 20), 16):
                services.decide(
                    award_round=award_round,
                    nominations=nominations,
                    number=f"{number}-QĐ/BTGDVTU",
                    signed_on=D(2026, 1, 20),
                    signer_name=self.leader.full_name,
                    signer_position="Trưởng Ban",
                    issuing_authority=DEPARTMENT,
                    note=note,
                    by=self.leader,
                )
        upward = [*city_fighter, *excellent, *press_division, *person_merit]
        with _on(D(2026, 1, 23), 10):
            for nomination in upward:
                self.dossier(nomination, D(2026, 1, 23))
            services.submit_upward(
                nominations=upward,
                by=self.leader,
                note="Tờ trình số 18-TTr/BTGDVTU ngày 23/01/2026 gửi Sở Nội vụ thành phố.",
            )
        with _on(D(2026, 3, 6), 14):
            services.reject(
                nomination=person_merit[0],
                reason="Sở Nội vụ trả lời tại Công văn số 512/SNV-TĐKT ngày 05/3/2026: cá nhân chưa đủ tiêu chuẩn tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố (chưa có 02 năm liên tục hoàn thành xuất sắc nhiệm vụ).",
                by=self.leader,
            )
        city = [("412/QĐ-UBND", D(2026, 3, 18), [*city_fighter, *excellent], "Về việc tặng danh hiệu Chiến sĩ thi đua thành phố và Tập thể lao động xuất sắc năm 2025"),
                ("468/QĐ-UBND", D(2026, 3, 25), press_division, "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố")]  # fmt: skip
        for number, day, nominations, note in city:
            with _on(day, 17):
                services.decide(
                    award_round=award_round,
                    nominations=nominations,
                    number=number,
                    signed_on=day,
                    signer_name=CITY_SIGNER[0],
                    signer_position=CITY_SIGNER[1],
                    issuing_authority=CITY,
                    note=note,
                    by=self.leader,
                )
        self.revoke(advanced, fighters, collectives)

    def dossier(self, nomination: Nomination, day: D) -> None:
        nominee = nomination.nominee
        name = getattr(nominee, "full_name", None) or nominee.name
        body = {
            "Tờ trình": ("TỜ TRÌNH", f"Đề nghị tặng {nomination.title.name} năm 2025", "18-TTr/BTGDVTU", [f"Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng Ban Tuyên giáo và Dân vận Thành ủy ngày 09/01/2026, Ban đề nghị Chủ tịch Ủy ban nhân dân thành phố xét, tặng {nomination.title.name} cho {name}."]),
            "Báo cáo thành tích": ("BÁO CÁO", f"Thành tích đề nghị tặng {nomination.title.name} của {name}", "09-BC/BTGDVTU", [nomination.achievement]),
            "Biên bản": ("BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng Ban Tuyên giáo và Dân vận Thành ủy", "02-BB/BTGDVTU", [f"Hội đồng có {COUNCIL_MEMBERS} thành viên; kết quả bỏ phiếu kín đề nghị tặng {nomination.title.name} cho {name}: {nomination.vote.votes_for if hasattr(nomination, 'vote') else ''}/{COUNCIL_MEMBERS} phiếu đồng ý."]),
            "Quyết định": ("QUYẾT ĐỊNH", "Công nhận sáng kiến, đề tài khoa học có phạm vi ảnh hưởng cấp thành phố", "96-QĐ/BTGDVTU", ["Công nhận đề tài khoa học cấp thành phố “Giải pháp nâng cao hiệu quả đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng ở Hải Phòng” do Hội đồng khoa học thành phố nghiệm thu ngày 28/11/2025."]),
        }  # fmt: skip
        for number, item in enumerate(
            DossierItem.objects.filter(title_id=nomination.title_id, is_required=True).order_by(
                "sort_order"
            )
        ):
            kind, title, symbol, text = next(
                value for key, value in body.items() if item.name.startswith(key)
            )
            upload = _docx(
                f"ho-so-{nomination.pk}-{number + 1}.docx",
                kind,
                title,
                symbol,
                day,
                text,
                self.leader,
            )
            services.attach_files(
                nomination=nomination, files=[upload], dossier_item=item, by=self.leader
            )

    def revoke(
        self, advanced: list[Nomination], fighters: list[Nomination], collectives: list[Nomination]
    ) -> None:
        """One advanced worker's title withdrawn for a false declaration: someone with no
        other title of the year, whose division keeps its collective title without them."""
        holders = {
            unit: sum(n.person in staff for n in advanced) for unit, staff in self.staff.items()
        }
        honoured = {nomination.nominee_unit_id for nomination in collectives}
        honoured.add(self.by_abbreviation[STAR_DIVISION].pk)
        kept = {nomination.person_id for nomination in fighters} | {self.chuyenvien.pk}

        def may_lose(unit: Unit) -> bool:
            return unit.pk not in honoured or (holders[unit] - 1) * 10 >= 7 * len(self.staff[unit])

        candidates = [
            n for n in advanced if n.person_id not in kept and may_lose(self.division_of(n.person))
        ]
        award = Award.objects.dangerously_unscoped().get(nomination=self.rng.choice(candidates))
        with _on(D(2026, 6, 15), 15):
            services.revoke(
                award=award,
                reason="Qua xác minh đơn phản ánh, cá nhân đã kê khai không trung thực số tin, bài tuyên truyền trong báo cáo thành tích năm 2025; thu hồi danh hiệu và tiền thưởng theo quy định của Luật Thi đua, khen thưởng năm 2022.",
                reference="Quyết định số 187-QĐ/BTGDVTU ngày 15/6/2026",
                by=self.leader,
            )

    # The 2026 round, before the council ---------------------------------------------------

    def round_2026(self) -> AwardRound:
        award_round = self.open_round(
            2026,
            D(2026, 1, 7),
            pledges_due=D(2026, 2, 27),
            nominations_due=D(2026, 11, 10),
            council_on=D(2026, 11, 18),
        )
        forced = {
            self.star: EXCELLENT,
            self.chuyenvien: GOOD,
            self.complained_of: GOOD,
            self.clerk: GOOD,
        }
        ratings = self.draw_ratings(
            forced=forced, excellent=5, completed=4, not_completed=0, protected=set()
        )
        fighters = [self.star] + [
            person
            for person, rating in ratings.items()
            if rating == EXCELLENT and person != self.star
        ][:2]
        self.pledge(award_round, D(2026, 1, 12), fighters)
        with _on(D(2026, 10, 26)):
            services.move_round(
                award_round=award_round, to=AwardRound.Status.NOMINATING, by=self.leader
            )
        self.rate(award_round, ratings, D(2026, 10, 28))
        division_ratings = self.rate_divisions(award_round, ratings, D(2026, 11, 5), excellent=None)
        advanced = [person for person, rating in ratings.items() if rating in (GOOD, EXCELLENT)]
        advanced = [person for person in self.people() if person in advanced]
        fighters = fighters[: cap_for(len(advanced), 15)]
        propaganda = self.by_abbreviation["TTBCXB"]
        truongphong = self.head[propaganda]
        election = "Có thành tích xuất sắc trong tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031."
        with _on(D(2026, 11, 6), 15):
            self.propose(
                award_round,
                GIAY_KHEN,
                [self.chuyenvien, self.staff[propaganda][3]],
                unit=propaganda,
                by=truongphong,
                achievement=election,
            )
            self.propose(award_round, LDTT, advanced)
            fighters = self.fighters(award_round, fighters)
            self.propose(
                award_round, TTLDTT, self.eligible_divisions(set(advanced), division_ratings)[:3]
            )
        with _on(D(2026, 11, 10), 9):
            services.submit_to_council(award_round=award_round, unit=propaganda, by=truongphong)
            services.submit_to_council(
                award_round=award_round,
                unit=self.root,
                by=self.leader,
                note="Danh sách đề nghị sau họp bình xét của các phòng.",
            )
        associations = self.by_abbreviation["ĐTCH"]
        with _on(D(2026, 11, 10), 16):
            self.propose(
                award_round,
                GIAY_KHEN,
                [self.staff[associations][2]],
                unit=associations,
                by=self.head[associations],
                achievement="Tham mưu hướng dẫn tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2026 đạt kết quả tốt.",
            )
        with _on(D(2026, 11, 12)):
            services.move_round(
                award_round=award_round, to=AwardRound.Status.COUNCIL_REVIEW, by=self.leader
            )
        with _on(D(2026, 11, 16), 10):
            services.record_blocking_condition(
                unit=self.division_of(self.complained_of),
                person=self.complained_of,
                kind=BlockingCondition.Kind.COMPLAINT,
                starts_on=D(2026, 11, 14),
                note="Đơn tố cáo đề ngày 14/11/2026 phản ánh việc sử dụng kinh phí tổ chức hội nghị báo cáo viên; Ủy ban Kiểm tra Thành ủy đang xem xét, chưa có kết luận.",
                by=self.clerk,
            )
        for nomination in fighters[:2]:
            self.vote(nomination, D(2026, 11, 18))
        return award_round


def seed(*, rng: random.Random, log: Callable[[str], None]) -> list:
    honours = _Honours(rng)
    honours.round_2025()
    honours.round_2026()
    rounds = AwardRound.objects.dangerously_unscoped()
    nominations = Nomination.objects.dangerously_unscoped()
    awards = Award.objects.dangerously_unscoped()
    log(_("Award rounds: %(count)s") % {"count": rounds.count()})
    log(_("Pledges: %(count)s") % {"count": Pledge.objects.dangerously_unscoped().count()})
    log(_("Task ratings: %(count)s") % {"count": TaskRating.objects.dangerously_unscoped().count()})
    log(
        _("Nominations: %(count)s (%(decided)s decided)")
        % {
            "count": nominations.count(),
            "decided": nominations.filter(status=Nomination.Status.DECIDED).count(),
        }
    )
    log(
        _("Awards in the register: %(count)s (%(revoked)s revoked)")
        % {"count": awards.count(), "revoked": awards.filter(revoked_at__isnull=False).count()}
    )
    log(
        _("Blocking conditions: %(count)s")
        % {"count": BlockingCondition.objects.dangerously_unscoped().count()}
    )
    return []
