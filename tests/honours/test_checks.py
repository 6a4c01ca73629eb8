"""The checks read the title's rule rows: caps, prerequisites, shares, blocking conditions,
the council's vote; each failure says what fails and why, with the figures."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mandate.honours import services
from mandate.honours.checks import cap_for, check_nomination, check_round, percent_text
from mandate.honours.models import BlockingCondition, Nomination, Rating, TitleRule
from tests.honours.conftest import YEAR, rate, staff, to_council


@pytest.fixture
def forty(world, award_round, titles):
    """Forty people of commune_a rated excellent and proposed as Lao động tiên tiến."""
    people = staff(world.commune_a, 40, "cb")
    rate(world, award_round, world.commune_a, people)
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )
    return people


def propose_fighters(world, award_round, titles, people):
    return services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )


def test_ten_fighters_out_of_forty_advanced_workers_exceed_the_cap(
    world, award_round, titles, forty
):
    propose_fighters(world, award_round, titles, forty[:10])
    with translation.override("vi"):
        failures = check_round(award_round, unit=world.commune_a)
    (failure,) = failures
    assert failure.code == TitleRule.Kind.CAP_SHARE_OF and failure.unit == world.commune_a
    # The titles' names are data (Vietnamese); the sentence is a translatable message.
    assert "Chiến sĩ thi đua cơ sở: 10" in failure.message
    assert "6 (15 % " in failure.message and "40 Lao động tiên tiến" in failure.message


def test_the_cap_message_is_in_the_users_language(world, award_round, titles, forty, in_english):
    propose_fighters(world, award_round, titles, forty[:10])
    (failure,) = check_round(award_round)
    assert failure.message == (
        "Grassroots Emulation Fighter: 10 nominations exceed the maximum of 6 "
        "(15 % of 40 Advanced Worker)."
    )


def test_the_council_refuses_a_list_over_the_cap_until_it_fits(world, award_round, titles, forty):
    fighters = propose_fighters(world, award_round, titles, forty[:10])
    with pytest.raises(ValidationError) as refused:
        services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    assert any("6 (15 %" in message for message in refused.value.messages)
    assert not Nomination.objects.filter(status=Nomination.Status.COUNCIL_REVIEW).exists()
    for nomination in fighters[6:]:
        services.withdraw(nomination=nomination, by=world.alice, reason="Vượt tỷ lệ")
    sent = services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    assert len(sent) == 46


def test_six_fighters_fit(world, award_round, titles, forty):
    propose_fighters(world, award_round, titles, forty[:6])
    assert check_round(award_round) == []


def test_the_cap_is_the_rule_row_not_a_constant(world, award_round, titles, forty):
    propose_fighters(world, award_round, titles, forty[:8])
    assert len(check_round(award_round)) == 1
    TitleRule.objects.filter(title=titles.cstdcs, kind=TitleRule.Kind.CAP_SHARE_OF).update(
        percent=Decimal(20)
    )
    assert check_round(award_round) == []


def test_a_rule_out_of_force_for_the_period_is_not_applied(world, award_round, titles, forty):
    propose_fighters(world, award_round, titles, forty[:8])
    TitleRule.objects.filter(title=titles.cstdcs, kind=TitleRule.Kind.CAP_SHARE_OF).update(
        valid_to=datetime.date(2024, 12, 31)
    )
    assert check_round(award_round) == []


def test_a_fighter_needs_excellent_completion_and_the_advanced_worker_title(
    world, award_round, titles, in_english
):
    (good, unrated) = staff(world.commune_a, 2, "x")
    rate(world, award_round, world.commune_a, [good], Rating.GOOD)
    nominations = propose_fighters(world, award_round, titles, [good, unrated])
    messages = [failure.message for failure in check_nomination(nominations[0])]
    assert any("rated “Good task completion”" in message for message in messages)
    assert any("must hold Advanced Worker 1 consecutive" in message for message in messages)
    assert any("no task rating" in f.message for f in check_nomination(nominations[1]))


def test_a_provincial_fighter_needs_three_consecutive_grassroots_fighter_years(
    world, award_round, titles, in_english
):
    services.rate_members(
        award_round=award_round,
        unit=world.commune_a,
        ratings={world.olga: Rating.EXCELLENT},
        by=world.alice,
    )
    services.record_earlier_award(
        title=titles.cstdcs,
        year=YEAR - 1,
        unit=world.commune_a,
        person=world.olga,
        reference="QĐ 5/2025",
        by=world.alice,
    )
    for title in (titles.ldtt, titles.cstdcs, titles.cstd_tinh):
        services.propose(
            award_round=award_round,
            title=title,
            unit=world.commune_a,
            nominees=[world.olga],
            by=world.alice,
        )
    provincial = Nomination.objects.get(title=titles.cstd_tinh)
    (failure,) = check_nomination(provincial)
    assert failure.code == TitleRule.Kind.PREREQUISITE and "missing: 2023." in failure.message
    services.record_earlier_award(
        title=titles.cstdcs,
        year=YEAR - 2,
        unit=world.commune_a,
        person=world.olga,
        reference="QĐ 3/2024",
        by=world.alice,
    )
    assert check_nomination(provincial) == []


def test_a_blocking_condition_bars_the_nominee(world, award_round, titles, in_english):
    rate(world, award_round, world.commune_a, [world.olga])
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    services.record_blocking_condition(
        unit=world.commune_a,
        person=world.olga,
        kind=BlockingCondition.Kind.COMPLAINT,
        starts_on=datetime.date(2025, 11, 3),
        note="Đơn khiếu nại đang xem xét",
        by=world.olga,
    )
    (failure,) = check_nomination(nomination)
    assert failure.code == "no_blocking" and "Pending complaint" in failure.message


def test_a_discipline_over_before_the_period_does_not_count(world, award_round, titles):
    rate(world, award_round, world.commune_a, [world.olga])
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    services.record_blocking_condition(
        unit=world.commune_a,
        person=world.olga,
        kind=BlockingCondition.Kind.DISCIPLINE,
        starts_on=datetime.date(2023, 6, 1),
        ends_on=datetime.date(2024, 6, 1),
        note="Khiển trách",
        by=world.alice,
    )
    assert check_nomination(nomination) == []


@pytest.fixture
def collective(world, award_round, titles):
    """commune_a: alice, olga and ten staff rated; nine advanced workers proposed of twelve."""
    people = [world.alice, world.olga, *staff(world.commune_a, 10, "tt")]
    rate(world, award_round, world.commune_a, people)
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people[:9],
        by=world.alice,
    )
    services.rate_unit(
        award_round=award_round, unit=world.commune_a, rating=Rating.EXCELLENT, by=world.lena
    )
    return people


def test_an_excellent_collective_needs_its_shares_and_a_fighter(
    world, award_round, titles, collective, in_english
):
    last = Nomination.objects.get(person=collective[8])
    services.withdraw(nomination=last, by=world.alice, reason="Chuyển công tác")
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ttldxs,
        unit=world.root,
        nominees=[world.commune_a],
        by=world.lena,
    )
    messages = [failure.message for failure in check_nomination(nomination)]
    assert len(messages) == 2
    assert any("8 of 12 members hold Advanced Worker; at least 70 %" in m for m in messages)
    assert any("0 member(s) hold Grassroots Emulation Fighter; at least 1" in m for m in messages)
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[collective[8]],
        by=world.alice,
    )
    services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=[collective[0]],
        by=world.alice,
    )
    assert check_nomination(nomination) == []


def test_an_excellent_collective_needs_every_member_to_complete_tasks(
    world, award_round, titles, collective, in_english
):
    rate(world, award_round, world.commune_a, [collective[-1]], Rating.NOT_COMPLETED)
    services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=[collective[0]],
        by=world.alice,
    )
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ttldxs,
        unit=world.root,
        nominees=[world.commune_a],
        by=world.lena,
    )
    (failure,) = check_nomination(nomination)
    assert "11 of 12 members are rated “Task completion” or better; at least 100 %" in str(failure)


def test_a_disciplined_member_bars_the_advanced_collective(
    world, award_round, titles, collective, in_english
):
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ttldtt,
        unit=world.root,
        nominees=[world.commune_a],
        by=world.lena,
    )
    assert check_nomination(nomination) == []
    services.record_blocking_condition(
        unit=world.commune_a,
        person=collective[5],
        kind=BlockingCondition.Kind.DISCIPLINE,
        starts_on=datetime.date(2025, 3, 1),
        note="Cảnh cáo",
        by=world.alice,
    )
    (failure,) = check_nomination(nomination)
    assert failure.code == "no_member_discipline" and "1 member(s)" in failure.message


def test_the_council_vote_must_reach_the_rules_threshold(world, award_round, titles, in_english):
    colleagues = staff(world.commune_a, 6, "dn")  # seven advanced workers: room for one fighter
    rate(world, award_round, world.commune_a, [world.olga, *colleagues])
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=colleagues,
        by=world.alice,
    )
    for year in (YEAR - 2, YEAR - 1):
        services.record_earlier_award(
            title=titles.cstdcs,
            year=year,
            unit=world.commune_a,
            person=world.olga,
            reference=f"QĐ {year}",
            by=world.alice,
        )
    for title in (titles.ldtt, titles.cstdcs, titles.cstd_tinh):
        services.propose(
            award_round=award_round,
            title=title,
            unit=world.commune_a,
            nominees=[world.olga],
            by=world.alice,
        )
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    to_council(world, award_round)
    provincial = Nomination.objects.get(title=titles.cstd_tinh)
    vote = services.record_vote(
        nomination=provincial, members_total=10, votes_for=8, votes_against=2, by=world.lena
    )
    assert vote.threshold_percent == 90
    everyone = list(Nomination.objects.all())
    with pytest.raises(ValidationError) as refused:
        services.approve(nominations=everyone, by=world.lena)
    assert "8 of 10 council members in favour (80 %); at least 90 % needed" in str(refused.value)
    assert not Nomination.objects.filter(status=Nomination.Status.APPROVED).exists()
    services.record_vote(nomination=provincial, members_total=10, votes_for=9, by=world.lena)
    assert len(services.approve(nominations=everyone, by=world.lena)) == 9


@pytest.mark.parametrize(
    ("base", "percent", "cap"), [(40, 15, 6), (39, 15, 5), (7, 15, 1), (0, 15, 0), (10, 100, 10)]
)
def test_a_cap_rounds_down(base, percent, cap):
    assert cap_for(base, Decimal(percent)) == cap


def test_percentages_are_written_as_people_write_them():
    assert percent_text(Decimal("15.00")) == "15"
    assert percent_text(Decimal("12.50")) == "12.5"
