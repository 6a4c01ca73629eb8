"""The cycle of a round: pledges, ratings, proposals, council, notice, upward, decision,
the register, revocation; who may do each step and which moves are refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mandate.honours import selectors, services
from mandate.honours.models import Award, AwardRound, Nomination, NominationStep, Rating
from tests.honours.conftest import (
    SIGNED,
    YEAR,
    approve_and_notice,
    decide,
    pdf,
    rate,
    staff,
    to_council,
)

Status = Nomination.Status

# The tests read the messages in English; test_vietnamese.py reads them in Vietnamese.
pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def advanced(world, award_round, titles):
    """olga and five colleagues of commune_a proposed as advanced workers, sent to council."""
    people = [world.olga, *staff(world.commune_a, 5, "ld")]
    rate(world, award_round, world.commune_a, people)
    nominations = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    to_council(world, award_round)
    return nominations


def test_after_the_decision_each_awardees_register_shows_the_title(
    world, award_round, titles, advanced
):
    noticed = approve_and_notice(world, award_round, advanced)
    decision = decide(world, award_round, noticed)
    assert decision.awards.count() == 6
    register = list(selectors.awards_of_person(person=world.olga, user=world.alice))
    assert [(award.title, award.year, award.decision) for award in register] == [
        (titles.ldtt, YEAR, decision)
    ]
    assert all(n.status == Status.DECIDED for n in Nomination.objects.filter(round=award_round))
    award_round.refresh_from_db()
    assert award_round.status == AwardRound.Status.DECIDED


def test_every_step_keeps_its_actor_and_time(world, award_round, advanced):
    noticed = approve_and_notice(world, award_round, advanced)
    decide(world, award_round, noticed)
    steps = list(selectors.steps_of(nomination=advanced[0]))
    assert [(step.from_status, step.to_status) for step in steps] == [
        ("", Status.PROPOSED),
        (Status.PROPOSED, Status.COUNCIL_REVIEW),
        (Status.COUNCIL_REVIEW, Status.APPROVED),
        (Status.APPROVED, Status.NOTICED),
        (Status.NOTICED, Status.DECIDED),
    ]
    assert [step.actor for step in steps] == [world.alice] * 2 + [world.lena] * 3
    assert advanced[0].history.count() >= 4


def test_illegal_moves_are_refused(world, award_round, advanced):
    with pytest.raises(ValidationError, match="cannot become"):
        services.submit_proposals(nominations=advanced[:1], by=world.alice)
    noticed = approve_and_notice(world, award_round, advanced)
    with pytest.raises(ValidationError, match="cannot become"):
        services.return_nomination(nomination=noticed[0], reason="Bổ sung", by=world.lena)
    with pytest.raises(ValidationError, match="decided within the unit"):
        services.submit_upward(nominations=noticed[:1], by=world.lena)


def test_a_form_above_the_rounds_authority_goes_upward_before_its_decision(
    world, award_round, titles
):
    rate(world, award_round, world.commune_a, [world.alice, world.olga])
    services.rate_unit(
        award_round=award_round, unit=world.commune_a, rating=Rating.EXCELLENT, by=world.lena
    )
    members = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.alice, world.olga],
        by=world.alice,
    )
    (flag_bearer,) = services.propose(
        award_round=award_round,
        title=titles.ttldtt,
        unit=world.root,
        nominees=[world.commune_a],
        by=world.lena,
    )
    (certificate,) = services.propose(
        award_round=award_round,
        title=titles.giay_khen,
        unit=world.root,
        nominees=[world.division],
        by=world.lena,
    )
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    services.submit_to_council(award_round=award_round, unit=world.root, by=world.lena)
    to_council(world, award_round)
    noticed = approve_and_notice(world, award_round, [*members, flag_bearer, certificate])
    decision = decide(world, award_round, noticed)
    assert {award.unit for award in decision.awards.filter(person__isnull=True)} == {
        world.commune_a,
        world.division,
    }
    assert list(selectors.awards_of_unit(unit=world.commune_a, user=world.lena)) == [
        Award.objects.get(title=titles.ttldtt)
    ]


def test_a_provincial_title_is_submitted_upward_with_its_dossier(world, award_round, titles):
    rate(world, award_round, world.commune_a, [world.alice, world.olga])
    services.rate_unit(
        award_round=award_round, unit=world.commune_a, rating=Rating.EXCELLENT, by=world.lena
    )
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.alice, world.olga],
        by=world.alice,
    )
    services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=staff(world.commune_a, 5, "z"),
        by=world.alice,
        draft=True,
    )
    (excellent,) = services.propose(
        award_round=award_round,
        title=titles.ttldxs,
        unit=world.root,
        nominees=[world.commune_a],
        by=world.lena,
    )
    drafts = list(Nomination.objects.filter(status=Status.DRAFT))
    rate(world, award_round, world.commune_a, [d.person for d in drafts])
    services.submit_proposals(nominations=drafts, by=world.alice)
    for unit, leader in [(world.commune_a, world.alice), (world.root, world.lena)]:
        services.submit_to_council(award_round=award_round, unit=unit, by=leader)
    to_council(world, award_round)
    noticed = approve_and_notice(world, award_round, list(Nomination.objects.all()))
    in_unit = [n for n in noticed if n.pk != excellent.pk]
    decide(world, award_round, in_unit)
    excellent.refresh_from_db()
    with pytest.raises(ValidationError, match="Submitted upward"):
        decide(world, award_round, [excellent], number="30/QĐ-UBND")
    with pytest.raises(ValidationError, match="the dossier lacks"):
        services.submit_upward(nominations=[excellent], by=world.lena)
    for row in selectors.dossier_of(nomination=excellent)[:-1]:
        services.attach_files(
            nomination=excellent, files=[pdf()], dossier_item=row["item"], by=world.lena
        )
    services.submit_upward(nominations=[excellent], by=world.lena, files=[pdf("to-trinh.pdf")])
    decision = decide(world, award_round, [excellent], number="30/QĐ-UBND")
    assert decision.awards.get().unit == world.commune_a


def test_an_approved_list_never_exceeds_a_cap(world, award_round, titles):
    people = staff(world.commune_a, 8, "cap")
    rate(world, award_round, world.commune_a, people)
    advanced = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )
    fighters = services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=people[:1],
        by=world.alice,
    )
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    to_council(world, award_round)
    # The council approves the fighter but only two advanced workers: 15 % of 2 is 0.
    with pytest.raises(ValidationError, match="maximum of 0"):
        services.approve(nominations=[*advanced[:2], *fighters], by=world.lena)
    assert not Nomination.objects.filter(status=Status.APPROVED).exists()
    assert len(services.approve(nominations=[*advanced, *fighters], by=world.lena)) == 9


def test_returned_nominations_come_back_after_completion(world, award_round, advanced):
    returned = services.return_nomination(
        nomination=advanced[0], reason="Bổ sung báo cáo thành tích", by=world.lena
    )
    assert returned.status == Status.RETURNED
    services.update_achievement(
        nomination=returned, text="Hoàn thành xuất sắc", version=returned.version, by=world.alice
    )
    (again,) = services.submit_proposals(nominations=[returned], by=world.alice)
    assert again.status == Status.PROPOSED and again.achievement == "Hoàn thành xuất sắc"


def test_a_stale_edit_of_the_achievement_report_is_refused(world, award_round, titles):
    rate(world, award_round, world.commune_a, [world.olga])
    (nomination,) = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
        draft=True,
    )
    services.update_achievement(nomination=nomination, text="Lần 1", version=1, by=world.alice)
    with pytest.raises(services.StaleNomination):
        services.update_achievement(nomination=nomination, text="Lần 2", version=1, by=world.alice)
    nomination.refresh_from_db()
    assert nomination.achievement == "Lần 1"


def test_revocation_keeps_the_row_and_says_why(world, award_round, advanced):
    noticed = approve_and_notice(world, award_round, advanced)
    decide(world, award_round, noticed)
    award = Award.objects.get(person=world.olga)
    with pytest.raises(ValidationError, match="leader of the unit that decided"):
        services.revoke(award=award, reason="Kê khai không trung thực", by=world.alice)
    services.revoke(award=award, reason="Kê khai không trung thực", by=world.lena)
    award.refresh_from_db()
    assert award.is_revoked and award.revocation_reason == "Kê khai không trung thực"
    assert Nomination.objects.get(person=world.olga).status == Status.REVOKED
    with pytest.raises(ValidationError, match="already been revoked"):
        services.revoke(award=award, reason="Lần nữa", by=world.lena)
    assert not Award.objects.standing().filter(person=world.olga).exists()


def test_only_the_units_leader_proposes(world, award_round, titles):
    for outsider in (world.olga, world.charlie):
        with pytest.raises(ValidationError, match="Only a leader"):
            services.propose(
                award_round=award_round,
                title=titles.ldtt,
                unit=world.commune_a,
                nominees=[world.olga],
                by=outsider,
            )
    with pytest.raises(ValidationError, match="Not in"):
        services.propose(
            award_round=award_round,
            title=titles.ldtt,
            unit=world.commune_a,
            nominees=[world.charlie],
            by=world.alice,
        )
    with pytest.raises(ValidationError, match="not awarded to this kind"):
        services.propose(
            award_round=award_round,
            title=titles.ldtt,
            unit=world.commune_a,
            nominees=[world.hamlet_a],
            by=world.alice,
        )


def test_a_nominee_is_proposed_once_per_title(world, award_round, titles):
    kwargs = dict(award_round=award_round, title=titles.ldtt, unit=world.commune_a,
                  nominees=[world.olga], by=world.alice)  # fmt: skip
    services.propose(**kwargs)
    with pytest.raises(ValidationError, match="Already nominated"):
        services.propose(**kwargs)


def test_only_the_councils_leaders_act_for_it(world, award_round, advanced):
    with pytest.raises(ValidationError, match="organising unit"):
        services.approve(nominations=advanced, by=world.alice)
    with pytest.raises(ValidationError, match="organising unit"):
        services.record_vote(nomination=advanced[0], members_total=9, votes_for=9, by=world.alice)


def test_votes_cannot_exceed_the_council(world, award_round, advanced):
    with pytest.raises(ValidationError, match="more than the council"):
        services.record_vote(
            nomination=advanced[0], members_total=9, votes_for=8, votes_against=2, by=world.lena
        )


def test_a_vote_keeps_its_minutes(world, award_round, advanced):
    services.record_vote(
        nomination=advanced[0],
        members_total=9,
        votes_for=9,
        by=world.lena,
        files=[pdf("bien-ban.pdf")],
    )
    step = NominationStep.objects.filter(nomination=advanced[0]).last()
    assert [file.name for file in step.files.all()] == ["bien-ban.pdf"]


def test_a_decision_needs_its_number_and_signer(world, award_round, advanced):
    noticed = approve_and_notice(world, award_round, advanced)
    with pytest.raises(ValidationError) as refused:
        services.decide(
            award_round=award_round,
            nominations=noticed,
            number=" ",
            signed_on=SIGNED,
            signer_name="",
            signer_position="Trưởng ban",
            issuing_authority="Ban",
            by=world.lena,
        )
    assert set(refused.value.message_dict) == {"number", "signer_name"}
    assert not Award.objects.exists()


def test_pledges_are_registered_and_replaced(world, titles):
    award_round = services.create_round(
        unit=world.root,
        name="Thi đua năm 2026",
        year=2026,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        by=world.lena,
    )
    services.register_pledge(
        award_round=award_round, unit=world.commune_a, titles=[titles.ttldtt], by=world.olga
    )
    pledge = services.register_pledge(
        award_round=award_round, unit=world.commune_a, titles=[titles.ttldxs], by=world.alice
    )
    assert list(pledge.titles.all()) == [titles.ttldxs]
    own = services.register_pledge(
        award_round=award_round,
        unit=world.commune_a,
        person=world.rita,
        titles=[titles.ldtt],
        by=world.rita,
    )
    assert own.person == world.rita
    with pytest.raises(ValidationError):
        services.register_pledge(
            award_round=award_round, unit=world.commune_a, titles=[titles.ldtt], by=world.charlie
        )
    assert selectors.pledges_for(user=world.charlie, award_round=award_round).count() == 0


def test_ratings_are_for_members_only(world, award_round):
    with pytest.raises(ValidationError, match="Not members"):
        services.rate_members(
            award_round=award_round,
            unit=world.commune_a,
            ratings={world.charlie: Rating.GOOD},
            by=world.alice,
        )


def test_another_units_people_do_not_see_the_nominations(world, award_round, advanced):
    assert selectors.nominations_for(user=world.charlie, award_round=award_round).count() == 0
    assert selectors.nominations_for(user=world.alice, award_round=award_round).count() == 6
    assert selectors.rounds_for(user=world.charlie).count() == 1  # the round is shared down


def test_the_round_moves_only_forward_through_its_stages(world, award_round):
    with pytest.raises(ValidationError, match="cannot become"):
        services.move_round(award_round=award_round, to=AwardRound.Status.CLOSED, by=world.lena)
    with pytest.raises(ValidationError, match="leader of the organising unit"):
        services.move_round(
            award_round=award_round, to=AwardRound.Status.COUNCIL_REVIEW, by=world.alice
        )


def test_missing_dossier_items_are_read_for_many_nominations_in_two_queries(
    world, award_round, titles, django_assert_num_queries
):
    first, second = services.propose(
        award_round=award_round,
        title=titles.ttldxs,
        unit=world.root,
        nominees=[world.commune_a, world.commune_b],
        by=world.lena,
        draft=True,
    )
    required = services.missing_dossier_items(first)
    assert required
    services.attach_files(nomination=first, files=[pdf()], dossier_item=required[0], by=world.lena)
    with django_assert_num_queries(2):
        missing = services.missing_dossier_items_of([first, second])
    assert missing[first.pk] == required[1:]
    assert missing[second.pk] == required
    assert services.missing_dossier_items(second) == required
