"""The round pages, a unit's list and one nomination: who sees them, the forms' happy
and refused paths, the stale save of the achievement report, bounded queries."""

import pytest
from django.urls import reverse

from mandate.honours import services
from mandate.honours.models import AwardRound, Nomination, Pledge, Rating, TaskRating
from tests.honours.conftest import END, START, rate, staff

Status = Nomination.Status

# The tests read the messages in English; test_vietnamese.py reads them in Vietnamese.
pytestmark = pytest.mark.usefixtures("english_readers")


@pytest.fixture
def proposed(world, award_round, titles):
    """olga and three colleagues of commune_a rated excellent and proposed as LĐTT."""
    people = [world.olga, *staff(world.commune_a, 3, "ld")]
    rate(world, award_round, world.commune_a, people)
    return services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )


def unit_url(name, award_round, unit):
    return reverse(name, kwargs={"pk": award_round.pk, "unit_pk": unit.pk})


# Rounds ------------------------------------------------------------------------------


def test_the_round_list_shows_counts_in_few_queries(
    world, award_round, proposed, client_for, django_assert_max_num_queries
):
    client = client_for(world.lena)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("honours:round-list"))
    assert response.status_code == 200
    (row,) = response.context["page"]
    assert (row.live, row.in_council, row.decided) == (4, 0, 0)


def test_a_leader_organises_a_round(world, client_for):
    response = client_for(world.alice).post(
        reverse("honours:round-create"),
        {
            "unit": world.commune_a.pk,
            "name": "Bình xét năm 2025 của xã",
            "year": 2025,
            "recurrence": "annual",
            "level": "unit",
            "period_start": START.isoformat(),
            "period_end": END.isoformat(),
        },
    )
    award_round = AwardRound.objects.get()
    assert response["Location"] == reverse("honours:round-detail", args=[award_round.pk])
    assert award_round.unit == world.commune_a and award_round.created_by == world.alice


def test_a_round_ending_before_it_starts_is_refused(world, client_for):
    response = client_for(world.alice).post(
        reverse("honours:round-create"),
        {
            "unit": world.commune_a.pk,
            "name": "x",
            "year": 2025,
            "recurrence": "annual",
            "level": "unit",
            "period_start": END.isoformat(),
            "period_end": START.isoformat(),
        },
    )
    assert response.status_code == 200 and "period_end" in response.context["form"].errors
    assert not AwardRound.objects.exists()


def test_an_officer_cannot_organise_for_a_unit_he_does_not_lead(world, client_for):
    page = client_for(world.olga).get(reverse("honours:round-create"))
    assert not page.context["form"].fields["unit"].queryset.exists()


def test_the_round_page_shows_moves_to_its_leaders_only(world, award_round, client_for):
    url = reverse("honours:round-detail", args=[award_round.pk])
    lena = client_for(world.lena).get(url)
    assert [move.value for move in lena.context["moves"]] == ["council"]
    alice = client_for(world.alice).get(url)
    assert alice.status_code == 200 and alice.context["moves"] == []
    assert [unit for unit in alice.context["my_units"]][0] == world.commune_a


def test_the_leader_moves_the_round_and_others_are_refused(world, award_round, client_for):
    url = reverse("honours:round-move", args=[award_round.pk])
    client_for(world.alice).post(url, {"to": "council"}, follow=True)
    award_round.refresh_from_db()
    assert award_round.status == AwardRound.Status.NOMINATING
    client_for(world.lena).post(url, {"to": "council"})
    award_round.refresh_from_db()
    assert award_round.status == AwardRound.Status.COUNCIL_REVIEW


def test_a_unit_registers_a_pledge(world, titles, client_for):
    award_round = services.create_round(
        unit=world.root,
        name="Đợt 2026",
        year=2026,
        period_start=START,
        period_end=END,
        by=world.lena,
    )
    url = reverse("honours:round-pledge", args=[award_round.pk])
    response = client_for(world.alice).post(
        url, {"unit": world.commune_a.pk, "titles": [titles.ttldtt.pk], "note": "Phấn đấu"}
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.unit, list(pledge.titles.all())) == (world.commune_a, [titles.ttldtt])


def test_a_pledge_is_refused_once_the_round_nominates(world, award_round, titles, client_for):
    url = reverse("honours:round-pledge", args=[award_round.pk])
    response = client_for(world.alice).post(
        url, {"unit": world.commune_a.pk, "titles": [titles.ttldtt.pk]}
    )
    assert response.status_code == 200 and not Pledge.objects.exists()


def test_a_leader_rates_his_members(world, award_round, client_for):
    url = unit_url("honours:round-rate", award_round, world.commune_a)
    client = client_for(world.alice)
    form = client.get(url).context["form"]
    assert {person for person, _field in form.rows()} == {world.alice, world.olga, world.rita}
    response = client.post(url, {f"rating_{world.olga.pk}": Rating.EXCELLENT})
    assert response.status_code == 302
    assert TaskRating.objects.get().person == world.olga


def test_an_officer_cannot_rate(world, award_round, client_for):
    url = unit_url("honours:round-rate", award_round, world.commune_a)
    response = client_for(world.olga).post(url, {f"rating_{world.olga.pk}": Rating.EXCELLENT})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not TaskRating.objects.exists()


def test_the_organiser_rates_a_collective(world, award_round, client_for):
    response = client_for(world.lena).post(
        reverse("honours:round-rate-unit", args=[award_round.pk]),
        {"unit": world.commune_a.pk, "rating": Rating.GOOD},
    )
    assert response.status_code == 302
    assert TaskRating.objects.get(person__isnull=True).unit == world.commune_a


# Proposing and the unit's list -------------------------------------------------------


def test_a_leader_proposes_members(world, award_round, titles, client_for):
    rate(world, award_round, world.commune_a, [world.olga])
    response = client_for(world.alice).post(
        unit_url("honours:round-propose", award_round, world.commune_a),
        {"title": titles.ldtt.pk, "people": [world.olga.pk]},
    )
    assert response["Location"] == unit_url("honours:round-unit", award_round, world.commune_a)
    assert Nomination.objects.get().status == Status.PROPOSED


def test_a_collective_title_for_people_is_refused(world, award_round, titles, client_for):
    response = client_for(world.alice).post(
        unit_url("honours:round-propose", award_round, world.commune_a),
        {"title": titles.ttldtt.pk, "people": [world.olga.pk]},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Nomination.objects.exists()


def test_the_list_shows_the_cap_failure_and_refuses_to_submit(
    world, award_round, titles, proposed, client_for, in_english
):
    services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    client = client_for(world.alice)
    page = client.get(unit_url("honours:round-unit", award_round, world.commune_a))
    body = page.content.decode()
    assert 'id="check-failures"' in body and "15 %" in body
    response = client.post(unit_url("honours:round-submit", award_round, world.commune_a))
    body = response.content.decode()
    assert 'id="submit-errors"' in body
    assert "1 nominations exceed the maximum of 0 (15 % of 4" in body
    assert not Nomination.objects.filter(status=Status.COUNCIL_REVIEW).exists()


def test_the_list_goes_to_the_council(world, award_round, proposed, client_for):
    response = client_for(world.alice).post(
        unit_url("honours:round-submit", award_round, world.commune_a)
    )
    assert response.status_code == 302
    assert set(Nomination.objects.values_list("status", flat=True)) == {Status.COUNCIL_REVIEW}


def test_a_leader_withdraws_a_nominee(world, award_round, proposed, client_for):
    nomination = proposed[0]
    client_for(world.alice).post(
        reverse("honours:nomination-withdraw", args=[nomination.pk]),
        {"withdraw-reason": "Để vừa chỉ tiêu"},
    )
    nomination.refresh_from_db()
    assert nomination.status == Status.WITHDRAWN


def test_the_unit_list_runs_few_queries(
    world, award_round, proposed, client_for, django_assert_max_num_queries
):
    client = client_for(world.alice)
    with django_assert_max_num_queries(20):
        response = client.get(unit_url("honours:round-unit", award_round, world.commune_a))
    assert len(response.context["nominations"]) == 4


# One nomination ----------------------------------------------------------------------


def test_the_nomination_page_shows_evidence_steps_and_dossier(
    world, award_round, proposed, client_for
):
    nomination = proposed[0]
    response = client_for(world.alice).get(
        reverse("honours:nomination-detail", args=[nomination.pk]), {"draft": "1"}
    )
    assert response.status_code == 200
    assert response.context["evidence"].nominee == str(nomination.nominee)
    assert "BÁO CÁO THÀNH TÍCH" in response.context["achievement_form"].initial["text"]
    assert [step.to_status for step in response.context["steps"]] == [Status.PROPOSED]


def test_the_report_saves_and_a_stale_save_keeps_the_text(
    world, award_round, proposed, client_for, in_english
):
    nomination = proposed[0]
    url = reverse("honours:nomination-achievement", args=[nomination.pk])
    client = client_for(world.alice)
    assert client.post(url, {"text": "Bản đầu", "version": 1}).status_code == 302
    response = client.post(url, {"text": "Bản của tôi", "version": 1})
    body = response.content.decode()
    assert "changed by someone else" in body and "Bản của tôi" in body
    nomination.refresh_from_db()
    assert nomination.achievement == "Bản đầu"


def test_a_dossier_file_is_attached(world, award_round, proposed, client_for):
    from tests.honours.conftest import pdf

    nomination = proposed[0]
    response = client_for(world.alice).post(
        reverse("honours:nomination-files", args=[nomination.pk]), {"files": [pdf()]}
    )
    assert response.status_code == 302
    stored = nomination.files.get()
    download = client_for(world.alice).get(reverse("honours:nomination-file", args=[stored.pk]))
    assert download.status_code == 200


@pytest.mark.parametrize(
    "name", ["honours:nomination-detail", "honours:round-detail", "honours:round-unit"]
)
def test_an_outsider_gets_404(world, proposed, client_for, name):
    nomination = proposed[0]
    kwargs = {
        "honours:nomination-detail": {"pk": nomination.pk},
        "honours:round-detail": {"pk": nomination.round_id},
        "honours:round-unit": {"pk": nomination.round_id, "unit_pk": world.commune_a.pk},
    }[name]
    response = client_for(world.charlie).get(reverse(name, kwargs=kwargs))
    expected = (
        200 if name == "honours:round-detail" else 404
    )  # the department's round is shared down
    assert response.status_code == expected
