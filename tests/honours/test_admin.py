"""The admin edits titles with their rules and dossiers, and lists every honours row."""

import pytest
from django.urls import reverse

from mandate.honours import services
from tests.honours.conftest import approve_and_notice, decide, rate, to_council

MODELS = [
    "title",
    "titlerule",
    "awardround",
    "nomination",
    "councilvote",
    "decision",
    "award",
    "blockingcondition",
    "pledge",
    "taskrating",
]


@pytest.fixture
def decided(world, award_round, titles):
    rate(world, award_round, world.commune_a, [world.olga])
    nominations = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    to_council(world, award_round)
    services.record_vote(nomination=nominations[0], members_total=5, votes_for=5, by=world.lena)
    decide(world, award_round, approve_and_notice(world, award_round, nominations))
    return nominations[0]


@pytest.mark.parametrize("model", MODELS)
def test_administrators_see_every_row(world, decided, client_for, model):
    client = client_for(world.admin)
    page = client.get(reverse(f"admin:honours_{model}_changelist"), {"q": "a"})
    assert page.status_code == 200
    assert client.get(reverse(f"admin:honours_{model}_add")).status_code == 200


def test_a_title_opens_with_its_rules_and_dossier(world, titles, client_for):
    page = client_for(world.admin).get(
        reverse("admin:honours_title_change", args=[titles.cstd_tinh.pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nghị định 91/2017" in text and "Báo cáo thành tích" in text


def test_a_nomination_opens_with_its_steps(world, decided, client_for):
    page = client_for(world.admin).get(
        reverse("admin:honours_nomination_change", args=[decided.pk])
    )
    assert page.status_code == 200
    assert "12/QĐ-BTGDVTU" in page.content.decode()


def test_the_admin_is_for_staff_only(world, client_for):
    page = client_for(world.lena).get(reverse("admin:honours_title_changelist"))
    assert page.status_code == 302
