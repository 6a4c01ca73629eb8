"""The interface's default language: a Vietnamese leader reads the refusals in Vietnamese."""

import pytest
from django.core.exceptions import ValidationError

from mandate.honours import services
from tests.honours.test_pages import proposed, unit_url  # noqa: F401 (a fixture)


def test_the_cap_refusal_is_in_vietnamese(world, award_round, titles, proposed, client_for):  # noqa: F811
    services.propose(
        award_round=award_round,
        title=titles.cstdcs,
        unit=world.commune_a,
        nominees=[world.olga],
        by=world.alice,
    )
    client = client_for(world.alice)
    body = client.post(unit_url("honours:round-submit", award_round, world.commune_a))
    text = body.content.decode()
    assert "1 đề nghị, vượt mức tối đa 0 (15 % của 4" in text
    assert "Chiến sĩ thi đua cơ sở" in text


def test_a_second_proposal_is_refused_in_vietnamese(world, award_round, titles, proposed):  # noqa: F811
    with pytest.raises(ValidationError) as refusal:
        services.propose(
            award_round=award_round,
            title=titles.ldtt,
            unit=world.commune_a,
            nominees=[world.olga],
            by=world.alice,
        )
    assert refusal.value.messages == [
        "Đã được đề nghị danh hiệu này trong đợt xét: Phạm Văn Ổn · Lao động tiên tiến."
    ]
