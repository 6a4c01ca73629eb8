"""The seeded demo's emulation and commendation: the department's 2025 round decided with
a spread of titles and every cap respected, the register, an upward refusal, a return
and a revocation with their reasons; the 2026 round before the council with one nominee
under a pending complaint; nothing dated after the reference date; the same every time."""

import datetime
import random
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from mandate.honours import demo as honours_demo
from mandate.honours import selectors
from mandate.honours.checks import check_round
from mandate.honours.models import (
    Award,
    AwardRound,
    BlockingCondition,
    CouncilVote,
    Decision,
    Nomination,
    NominationFile,
    NominationStep,
    Pledge,
    Rating,
    TaskRating,
    TitleRule,
)
from mandate.org.models import Role, Unit, User
from mandate.work.demo import REFERENCE_DATE
from tests.demo.cleanup import empty_honours

pytestmark = pytest.mark.django_db
Status = Nomination.Status
END_OF_REFERENCE_DAY = datetime.datetime.combine(
    REFERENCE_DATE, datetime.time(23, 59), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
)


def user(username: str) -> User:
    return User.objects.dangerously_unscoped().get(username=username)


def the_round(year: int) -> AwardRound:
    return AwardRound.objects.dangerously_unscoped().get(year=year)


def nominations(year: int):
    return Nomination.objects.dangerously_unscoped().filter(round__year=year)


def test_the_2025_round_is_decided_with_a_spread_of_titles(demo):
    award_round = the_round(2025)
    root = Unit.objects.dangerously_unscoped().get(parent__isnull=True)
    assert award_round.unit == root
    assert award_round.name == "Bình xét thi đua, khen thưởng năm 2025"
    assert award_round.status == AwardRound.Status.DECIDED
    assert award_round.notice_published_at.date() == datetime.date(2026, 1, 12)
    decided = Counter(
        nominations(2025).filter(status=Status.DECIDED).values_list("title__code", flat=True)
    )
    assert decided["lao-dong-tien-tien"] >= 25
    assert 3 <= decided["chien-si-thi-dua-co-so"] <= 4
    assert decided["chien-si-thi-dua-tinh"] == 1
    assert 2 <= decided["tap-the-lao-dong-tien-tien"] <= 5
    assert decided["tap-the-lao-dong-xuat-sac"] == 1
    assert decided["giay-khen"] >= 1 and decided["bang-khen-chu-tich-ubnd-tinh"] == 1
    numbers = set(Decision.objects.dangerously_unscoped().values_list("number", flat=True))
    assert {"125-QĐ/BTGDVTU", "126-QĐ/BTGDVTU", "412/QĐ-UBND"} <= numbers
    assert Pledge.objects.dangerously_unscoped().filter(round=award_round).count() >= 6


def test_every_member_is_rated_mostly_good(demo):
    for year in (2025, 2026):
        ratings = TaskRating.objects.dangerously_unscoped().filter(
            round__year=year, person__isnull=False
        )
        counted = Counter(ratings.values_list("rating", flat=True))
        assert counted[Rating.GOOD] > counted[Rating.EXCELLENT] > counted[Rating.COMPLETED] > 0
        staff = User.objects.dangerously_unscoped().filter(
            memberships__unit__kind=Unit.Kind.DIVISION,
            memberships__role__in=[Role.LEADER, Role.OFFICER],
        )
        assert set(staff) <= {rating.person for rating in ratings.select_related("person")}
    assert (
        Counter(
            TaskRating.objects.dangerously_unscoped()
            .filter(round__year=2025)
            .values_list("rating", flat=True)
        )[Rating.NOT_COMPLETED]
        == 1
    )


def test_the_2025_approved_lists_meet_every_rule_and_cap(demo):
    failures = check_round(the_round(2025), approved_only=True)
    assert not [failure for failure in failures if failure.code == TitleRule.Kind.CAP_SHARE_OF]
    assert failures == []


def test_awardees_registers_show_their_titles(demo):
    officer = user("chuyenvien")
    register = list(selectors.awards_of_person(person=officer, user=officer))
    assert [(award.title.code, award.year) for award in register] == [("lao-dong-tien-tien", 2025)]
    assert register[0].decision.number == "125-QĐ/BTGDVTU"
    commune = user("canbo.xa")
    assert [
        award.title.code for award in selectors.awards_of_person(person=commune, user=commune)
    ] == ["giay-khen"]
    fighter = nominations(2025).get(title__code="chien-si-thi-dua-tinh").person
    held = {
        (award.title.code, award.year)
        for award in selectors.awards_of_person(person=fighter, user=user("lanhdao"))
    }
    assert {("chien-si-thi-dua-co-so", year) for year in (2022, 2023, 2024, 2025)} <= held
    assert ("chien-si-thi-dua-tinh", 2025) in held
    vote = CouncilVote.objects.dangerously_unscoped().get(
        nomination__person=fighter, nomination__title__code="chien-si-thi-dua-tinh"
    )
    assert vote.approval_percent >= vote.threshold_percent == 90


def test_the_upward_dossiers_the_refusal_and_the_return_keep_their_reasons(demo):
    upward = nominations(2025).filter(steps__to_status=Status.SUBMITTED_UPWARD).distinct()
    assert upward.count() == 4
    for nomination in upward:
        assert nomination.files.count() >= 2
        assert all(file.name.endswith(".docx") for file in nomination.files.all())
    (rejected,) = nominations(2025).filter(status=Status.REJECTED)
    assert "Sở Nội vụ" in rejected.steps.get(to_status=Status.REJECTED).note
    (withdrawn,) = nominations(2025).filter(status=Status.WITHDRAWN)
    assert withdrawn.steps.get(to_status=Status.RETURNED).note.startswith("Đề nghị bổ sung")


def test_the_revoked_award_has_a_reason(demo):
    (award,) = Award.objects.dangerously_unscoped().filter(revoked_at__isnull=False)
    assert award.revocation_reason and award.revocation_reference
    assert award.nomination.status == Status.REVOKED
    assert award.revoked_by == user("lanhdao")


def test_the_2026_round_is_before_the_council_with_one_failing_check(demo):
    award_round = the_round(2026)
    assert award_round.status == AwardRound.Status.COUNCIL_REVIEW
    statuses = Counter(nominations(2026).values_list("status", flat=True))
    assert statuses[Status.COUNCIL_REVIEW] >= 30 and statuses[Status.PROPOSED] >= 1
    head = user("truongphong")
    proposed = nominations(2026).filter(created_by=head)
    assert proposed.count() >= 2
    assert set(proposed.values_list("unit", flat=True)) == {head.memberships.get().unit_id}
    assert CouncilVote.objects.dangerously_unscoped().filter(nomination__round=award_round).exists()
    (failure,) = check_round(award_round)
    assert failure.code == TitleRule.Kind.NO_BLOCKING_CONDITION
    (condition,) = BlockingCondition.objects.dangerously_unscoped().all()
    assert condition.kind == BlockingCondition.Kind.COMPLAINT and condition.ends_on is None
    assert failure.nomination.person == condition.person
    assert condition.recorded_by.memberships.get().role == Role.OFFICER


def test_nothing_is_dated_after_the_reference_date(demo):
    dated = [
        (AwardRound, "created_at"),
        (AwardRound, "notice_published_at"),
        (Pledge, "registered_at"),
        (TaskRating, "updated_at"),
        (Nomination, "updated_at"),
        (NominationStep, "at"),
        (NominationFile, "uploaded_at"),
        (Decision, "created_at"),
        (Award, "updated_at"),
        (BlockingCondition, "created_at"),
    ]
    for model, field in dated:
        assert (
            not model.objects.dangerously_unscoped()
            .filter(**{f"{field}__gt": END_OF_REFERENCE_DAY})
            .exists()
        ), (model, field)
    for model in (AwardRound, TaskRating, Nomination, Decision, Award, CouncilVote):
        assert not model.history.filter(history_date__gt=END_OF_REFERENCE_DAY).exists(), model
    assert not Decision.objects.dangerously_unscoped().filter(signed_on__gt=REFERENCE_DATE).exists()
    assert (
        not CouncilVote.objects.dangerously_unscoped().filter(voted_on__gt=REFERENCE_DATE).exists()
    )


def fingerprint() -> list:
    rows = [
        Nomination.objects.dangerously_unscoped().values_list(
            "round__year",
            "title__code",
            "unit__name",
            "person__username",
            "nominee_unit__name",
            "status",
            "version",
            "achievement",
        ),
        NominationStep.objects.dangerously_unscoped().values_list(
            "nomination__person__username", "nomination__title__code", "to_status", "at", "note"
        ),
        TaskRating.objects.dangerously_unscoped().values_list(
            "round__year", "unit__name", "person__username", "rating"
        ),
        Award.objects.dangerously_unscoped().values_list(
            "title__code", "year", "person__username", "unit__name", "reference", "revoked_at"
        ),
        CouncilVote.objects.dangerously_unscoped().values_list(
            "nomination__person__username", "votes_for", "voted_on"
        ),
    ]
    return [sorted(queryset, key=repr) for queryset in rows]


def test_the_honours_demo_is_the_same_every_time(demo):
    # Last of the module: the package's demo is replaced by two seeds of the same draw.
    prints = []
    for _time in range(2):
        empty_honours()
        honours_demo.seed(rng=random.Random(7), log=lambda line: None)
        prints.append(fingerprint())
    assert prints[0] == prints[1]
