"""An award round of 2025 organised by the department, taking nominations, and helpers
that bring people and nominations to where a test needs them."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.honours import services
from mandate.honours.models import AwardRound, Nomination, Rating, Title
from mandate.org.models import Role, Unit, User
from tests.factories import MembershipFactory, UserFactory

YEAR = 2025
START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
SIGNED = datetime.date(2026, 1, 20)


@dataclass
class Titles:
    ldtt: Title
    cstdcs: Title
    cstd_tinh: Title
    ttldtt: Title
    ttldxs: Title
    co: Title
    giay_khen: Title


@pytest.fixture
def titles(db) -> Titles:
    by_code = {title.code: title for title in Title.objects.all()}
    return Titles(
        ldtt=by_code["lao-dong-tien-tien"],
        cstdcs=by_code["chien-si-thi-dua-co-so"],
        cstd_tinh=by_code["chien-si-thi-dua-tinh"],
        ttldtt=by_code["tap-the-lao-dong-tien-tien"],
        ttldxs=by_code["tap-the-lao-dong-xuat-sac"],
        co=by_code["co-thi-dua-tinh"],
        giay_khen=by_code["giay-khen"],
    )


@pytest.fixture
def award_round(world) -> AwardRound:
    """The department's 2025 round, past pledges, taking ratings and nominations."""
    created = services.create_round(
        unit=world.root,
        name="Bình xét thi đua, khen thưởng năm 2025",
        year=YEAR,
        period_start=START,
        period_end=END,
        by=world.lena,
    )
    return services.move_round(award_round=created, to=AwardRound.Status.NOMINATING, by=world.lena)


def staff(unit: Unit, count: int, prefix: str) -> list[User]:
    people = []
    for number in range(count):
        person = UserFactory(
            username=f"{prefix}{number}", full_name=f"Nguyễn Văn {prefix} {number}"
        )
        MembershipFactory(user=person, unit=unit, role=Role.OFFICER)
        people.append(person)
    return people


def rate(world, award_round, unit, people, rating=Rating.EXCELLENT, by=None):
    return services.rate_members(
        award_round=award_round,
        unit=unit,
        ratings=dict.fromkeys(people, rating),
        by=by or world.alice,
    )


def to_council(world, award_round) -> AwardRound:
    return services.move_round(
        award_round=award_round, to=AwardRound.Status.COUNCIL_REVIEW, by=world.lena
    )


def approve_and_notice(world, award_round, nominations: list[Nomination]) -> list[Nomination]:
    services.approve(nominations=nominations, by=world.lena)
    return services.publish_notice(award_round=award_round, by=world.lena)


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def decide(world, award_round, nominations, number="12/QĐ-BTGDVTU"):
    return services.decide(
        award_round=award_round,
        nominations=nominations,
        number=number,
        signed_on=SIGNED,
        signer_name="Lê Thị Lan",
        signer_position="Trưởng ban",
        issuing_authority="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        by=world.lena,
    )


@pytest.fixture
def english_readers(world):
    """The cast reads the pages in English, for tests that read the messages (the
    interface's default is Vietnamese)."""
    User.objects.filter(pk__in=[world.lena.pk, world.alice.pk, world.olga.pk]).update(
        preferred_language="en"
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Dossier files go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
