"""The council page, the decision and its documents, the register and revocation,
blocking conditions."""

import datetime

import pytest
from django.urls import reverse

from mandate.honours import services
from mandate.honours.models import Award, BlockingCondition, CouncilVote, Nomination
from tests.honours.conftest import SIGNED, approve_and_notice, decide, rate, staff, to_council

Status = Nomination.Status

# The tests read the messages in English; test_vietnamese.py reads them in Vietnamese.
pytestmark = pytest.mark.usefixtures("english_readers")


@pytest.fixture
def in_council(world, award_round, titles):
    people = [world.olga, *staff(world.commune_a, 3, "ld")]
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


def council_url(name, award_round, **kwargs):
    return reverse(name, kwargs={"pk": award_round.pk, **kwargs})


def test_the_council_page_is_for_the_organisers_leaders(
    world, award_round, in_council, client_for, django_assert_max_num_queries
):
    url = council_url("honours:council", award_round)
    client = client_for(world.lena)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert len(response.context["rows"]) == 4
    assert client_for(world.alice).get(url).status_code == 403
    assert client_for(world.charlie).get(url).status_code == 403  # shared down, not a leader


def test_a_vote_is_recorded_and_an_impossible_one_refused(
    world, award_round, in_council, client_for, in_english
):
    nomination = in_council[0]
    url = council_url("honours:council-vote", award_round, nomination_pk=nomination.pk)
    client = client_for(world.lena)
    data = {"members_total": 9, "votes_for": 9, "votes_against": 0, "abstentions": 0}
    assert client.post(url, data).status_code == 302
    assert CouncilVote.objects.get().votes_for == 9
    response = client.post(url, data | {"votes_for": 10})
    assert "more than the council" in response.content.decode()


def test_approve_publish_and_decide(world, award_round, in_council, client_for):
    client = client_for(world.lena)
    ids = [n.pk for n in in_council]
    assert (
        client.post(
            council_url("honours:council-approve", award_round), {"nominations": ids}
        ).status_code
        == 302
    )
    assert client.post(council_url("honours:council-publish", award_round)).status_code == 302
    response = client.post(
        council_url("honours:council-decide", award_round),
        {
            "number": "12/QĐ-BTG",
            "signed_on": SIGNED.isoformat(),
            "signer_name": "Lê Thị Lan",
            "signer_position": "Trưởng ban",
            "issuing_authority": "Ban Tuyên giáo",
            "nominations": ids,
        },
    )
    decision = in_council[0].round.decisions.get()
    assert response["Location"] == reverse("honours:decision-detail", args=[decision.pk])
    assert Award.objects.count() == 4
    page = client_for(world.alice).get(reverse("honours:decision-detail", args=[decision.pk]))
    assert page.context["total"] == 4 and len(page.context["awards"]) == 4


def test_approving_over_the_cap_is_refused_with_the_numbers(
    world, award_round, titles, client_for, in_english
):
    people = [world.olga, *staff(world.commune_a, 3, "ld")]
    rate(world, award_round, world.commune_a, people)
    services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    to_council(world, award_round)
    advanced = list(Nomination.objects.all())
    services.approve(nominations=advanced[:1], by=world.lena)
    # One grassroots fighter on an approved base of one advanced worker: 15 % of 1 is 0.
    services.move_round(award_round=award_round, to="nominating", by=world.lena)
    fighter = services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=[advanced[0].person],
        by=world.alice,
        draft=True,
    )[0]
    Nomination.objects.filter(pk=fighter.pk).update(status=Status.COUNCIL_REVIEW)
    to_council(world, award_round)
    response = client_for(world.lena).post(
        council_url("honours:council-approve", award_round), {"nominations": [fighter.pk]}
    )
    body = response.content.decode()
    assert 'id="council-errors"' in body and "15 %" in body and "maximum of 0" in body
    fighter.refresh_from_db()
    assert fighter.status == Status.COUNCIL_REVIEW


def test_return_needs_a_reason(world, award_round, in_council, client_for, in_english):
    nomination = in_council[0]
    client = client_for(world.lena)
    url = council_url(
        "honours:council-move", award_round, nomination_pk=nomination.pk, action="return"
    )
    assert "Give the reason" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Bổ sung hồ sơ"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Status.RETURNED
    reject = council_url(
        "honours:council-move", award_round, nomination_pk=in_council[1].pk, action="reject"
    )
    assert client.post(reject, {"reason": "Không đủ tiêu chuẩn"}).status_code == 302


# Decision, register, revocation ----------------------------------------------------


@pytest.fixture
def decided(world, award_round, in_council):
    noticed = approve_and_notice(world, award_round, in_council)
    return decide(world, award_round, noticed)


def test_the_decision_documents_download(world, decided, client_for):
    client = client_for(world.alice)
    for name in ["honours:decision-docx", "honours:decision-certificates"]:
        response = client.get(reverse(name, args=[decided.pk]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "12-qd-btgdvtu" in response["Content-Disposition"].lower()
        assert response.content[:2] == b"PK"


def test_the_register_shows_and_revocation_strikes_through(
    world, decided, titles, client_for, in_english
):
    url = reverse("honours:register-person", args=[world.olga.pk])
    body = client_for(world.olga).get(url).content.decode()
    assert titles.ldtt.name_en in body and "<del>" not in body
    award = Award.objects.get(person=world.olga)
    revoke = reverse("honours:award-revoke", args=[award.pk])
    client_for(world.alice).post(revoke, {"reason": "Khai man"})  # not the deciding unit
    award.refresh_from_db()
    assert award.revoked_at is None
    client_for(world.lena).post(revoke, {"reason": "Khai man thành tích"})
    body = client_for(world.olga).get(url).content.decode()
    assert "<del>" in body and "Khai man thành tích" in body


def test_the_unit_register_lists_members_awards(world, decided, client_for):
    response = client_for(world.alice).get(
        reverse("honours:register-unit", args=[world.commune_a.pk])
    )
    assert len(response.context["page"]) == 4 and response.context["collective"] == []
    assert (
        client_for(world.charlie)
        .get(reverse("honours:register-person", args=[world.olga.pk]))
        .status_code
        == 404
    )


# Blocking conditions ----------------------------------------------------------------


def test_an_officer_records_and_ends_a_condition(world, client_for):
    client = client_for(world.olga)
    response = client.post(
        reverse("honours:condition-list"),
        {
            "unit": world.commune_a.pk,
            "person": world.olga.pk,
            "kind": "complaint",
            "starts_on": "2025-06-01",
            "note": "Đơn khiếu nại",
        },
    )
    assert response.status_code == 302
    condition = BlockingCondition.objects.get()
    client.post(reverse("honours:condition-end", args=[condition.pk]), {"ends_on": "2025-07-01"})
    condition.refresh_from_db()
    assert condition.ends_on == datetime.date(2025, 7, 1)
    assert (
        client_for(world.charlie)
        .get(reverse("honours:condition-list"))
        .context["page"]
        .paginator.count
        == 0
    )


def test_a_condition_for_a_unit_one_cannot_write_is_refused(world, client_for):
    response = client_for(world.charlie).post(
        reverse("honours:condition-list"),
        {"unit": world.commune_a.pk, "kind": "complaint", "starts_on": "2025-06-01", "note": "x"},
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not BlockingCondition.objects.exists()
