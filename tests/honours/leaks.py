"""Emulation and commendation in the leak walk: commune_a's own round (organised by
commune_a, so not shared down to charlie), olga's nomination and its file, the council,
the decision and its documents, olga's award and her blocking condition must never
reach charlie.

Sections: pages (honours/views_*.py), API routes (honours/api.py), populate().
"""

import datetime

from mandate.honours.models import (
    Award,
    AwardRound,
    BlockingCondition,
    Decision,
    Nomination,
    NominationFile,
    Title,
)

FOREIGN = {}
EXEMPT = {}


def _round(world) -> dict:
    return {"pk": world.extra["honours_round"].pk}


def _round_unit(world) -> dict:
    return _round(world) | {"unit_pk": world.commune_a.pk}


def _nomination(world) -> dict:
    return {"pk": world.extra["honours_nomination"].pk}


def _in_council(world) -> dict:
    return _round(world) | {"nomination_pk": world.extra["honours_nomination"].pk}


def _decision(world) -> dict:
    return {"pk": world.extra["honours_decision"].pk}


def _file(world) -> dict:
    stored = NominationFile.objects.create(
        nomination=world.extra["honours_nomination"],
        file="honours/2026/01/bao-cao-kin.pdf",
        name="bao-cao-kin.pdf",
        size=1,
        content_type="application/pdf",
    )
    return {"pk": stored.pk}


FOREIGN.update(
    {
        "honours:round-detail": _round,
        "honours:round-move": _round,
        "honours:round-pledge": _round,
        "honours:round-rate-unit": _round,
        "honours:round-unit": _round_unit,
        "honours:round-rate": _round_unit,
        "honours:round-propose": _round_unit,
        "honours:round-submit": _round_unit,
        "honours:nomination-detail": _nomination,
        "honours:nomination-achievement": _nomination,
        "honours:nomination-files": _nomination,
        "honours:nomination-withdraw": _nomination,
        "honours:nomination-propose": _nomination,
        "honours:nomination-file": _file,
        "honours:council": _round,
        "honours:council-vote": _in_council,
        "honours:council-approve": _round,
        "honours:council-move": lambda world: _in_council(world) | {"action": "return"},
        "honours:council-publish": _round,
        "honours:council-upward": _round,
        "honours:council-decide": _round,
        "honours:decision-detail": _decision,
        "honours:decision-docx": _decision,
        "honours:decision-certificates": _decision,
        "honours:register-person": lambda world: {"pk": world.olga.pk},
        "honours:register-unit": lambda world: {"pk": world.commune_a.pk},
        "honours:award-revoke": lambda world: {"pk": world.extra["honours_award"].pk},
        "honours:condition-end": lambda world: {"pk": world.extra["honours_condition"].pk},
    }
)


def populate(world) -> list[str]:
    """commune_a's own 2025 round with olga nominated and decided, her award and a
    pending complaint about her."""
    title = Title.objects.get(code="lao-dong-tien-tien")
    award_round = AwardRound.objects.create(
        name="Đợt bình xét kín của xã Quảng Thành",
        year=2025,
        unit=world.commune_a,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=AwardRound.Status.DECIDED,
    )
    decision = Decision.objects.create(
        round=award_round,
        number="99/QĐ-KIN",
        signed_on=datetime.date(2026, 1, 10),
        signer_name="Người ký kín",
        signer_position="Bí thư",
        issuing_authority="Đảng ủy xã Quảng Thành",
    )
    nomination = Nomination.objects.create(
        round=award_round,
        title=title,
        unit=world.commune_a,
        person=world.olga,
        status=Nomination.Status.DECIDED,
        achievement="Báo cáo thành tích kín của Ổn",
        decision=decision,
    )
    award = Award.objects.create(
        title=title,
        year=2025,
        person=world.olga,
        unit=world.commune_a,
        decision=decision,
        nomination=nomination,
    )
    condition = BlockingCondition.objects.create(
        kind=BlockingCondition.Kind.COMPLAINT,
        unit=world.commune_a,
        person=world.olga,
        starts_on=datetime.date(2025, 6, 1),
        note="Đơn khiếu nại kín về Ổn",
    )
    world.extra.update(
        honours_round=award_round,
        honours_decision=decision,
        honours_nomination=nomination,
        honours_award=award,
        honours_condition=condition,
    )
    return [
        "Đợt bình xét kín của xã Quảng Thành",
        "99/QĐ-KIN",
        "Báo cáo thành tích kín của Ổn",
        "Đơn khiếu nại kín về Ổn",
    ]


# API routes (honours/api.py) ---------------------------------------------------------


def _api_round(world) -> dict:
    return {"round_id": world.extra["honours_round"].pk}


def _api_nomination(world) -> dict:
    return {"nomination_id": world.extra["honours_nomination"].pk}


FOREIGN.update(
    {
        "api:round_detail": _api_round,
        "api:round_checks": _api_round,
        "api:nomination_list": _api_round,
        "api:nomination_create": _api_round,
        "api:nomination_detail": _api_nomination,
        "api:nomination_edit": _api_nomination,
        "api:nomination_action": lambda world: _api_nomination(world) | {"action": "withdraw"},
        "api:award_revoke": lambda world: {"award_id": world.extra["honours_award"].pk},
    }
)
