"""Training records and good models in the leak walk: commune_a's records, its
proposed (not yet recognised) model and its replications must never reach charlie.

Sections: populate() and the API entries (people/api.py); training pages
(people/training_views.py); good model pages (people/practice_views.py).
"""

import datetime

from mandate.org.models import Unit
from mandate.people.models import Practice, Replication, Requirement, Subject, TrainingRecord

FOREIGN = {}
EXEMPT = {}

# Training pages ------------------------------------------------------------------


def _record(world) -> dict:
    return {"pk": world.extra["training_record"].pk}


def _certificate(world) -> dict:
    """The record with a certificate on file, so only the scope can refuse it."""
    record = world.extra["training_record"]
    TrainingRecord.objects.filter(pk=record.pk).update(certificate="certificates/2026/kin.pdf")
    return {"pk": record.pk}


FOREIGN.update(
    {
        "people:training-person": lambda world: {"pk": world.olga.pk},
        "people:training-edit": _record,
        "people:training-delete": _record,
        "people:training-certificate": _certificate,
    }
)
# The walk reads parameterless pages as text and cannot read a zipped .xlsx.
EXEMPT.update(
    {
        "people:training-template": "the blank import template: headers and guidance, no data",
        "people:training-export": "binary .xlsx; scoped through training_list, pinned in "
        "tests/people/test_training_sheets.py",
    }
)

# Good model pages ----------------------------------------------------------------


def _practice(world) -> dict:
    return {"pk": world.extra["practice"].pk}


def _practice_file(world) -> dict:
    from mandate.people.models import PracticeFile

    stored = PracticeFile.objects.create(
        practice=world.extra["practice"],
        file="practices/2026/05/loa-thon-dong.png",
        name="loa-thon-dong.png",
        size=1,
        content_type="image/png",
    )
    return {"pk": stored.pk}


FOREIGN.update(
    {
        "people:practice-detail": _practice,
        "people:practice-edit": _practice,
        "people:practice-file": _practice_file,
        "people:practice-action": lambda world: _practice(world) | {"action": "adopt"},
    }
)

# API routes ------------------------------------------------------------------------


def _api_record(world) -> dict:
    return {"record_id": world.extra["training_record"].pk}


def _api_practice(world) -> dict:
    return {"practice_id": world.extra["practice"].pk}


FOREIGN.update(
    {
        "api:training_record_detail": _api_record,
        "api:practice_detail": _api_practice,
        "api:practice_action": lambda world: _api_practice(world) | {"action": "review"},
    }
)


def populate(world) -> list[str]:
    """commune_a's training record of olga, its proposed model replicated by its hamlet,
    and its requirement for its own officers."""
    world.extra["training_record"] = TrainingRecord.objects.create(
        person=world.olga,
        unit=world.commune_a,
        subject=Subject.POLITICAL_THEORY,
        level=2,
        course="Khóa học kín: trung cấp lý luận chính trị khóa Đông",
        institution="Trường Chính trị Tô Hiệu",
        started_on=datetime.date(2024, 3, 1),
        finished_on=datetime.date(2025, 1, 15),
    )
    practice = Practice.objects.create(
        title="Mô hình kín: loa truyền thanh thôn Đông",
        summary="Tóm tắt kín của mô hình",
        category=Practice.Category.PROPAGANDA,
        origin_unit=world.commune_a,
        status=Practice.Status.PROPOSED,
    )
    world.extra["practice"] = practice
    world.extra["replication"] = Replication.objects.create(
        practice=practice,
        unit=world.hamlet_a,
        adopted_on=datetime.date(2026, 5, 1),
        adaptation="Cách làm kín: phát loa vào giờ cơm tối ở thôn Đông",
    )
    world.extra["requirement"] = Requirement.objects.create(
        unit=world.commune_a,
        unit_kind=Unit.Kind.OTHER,
        subject=Subject.DIGITAL,
        min_level=1,
        note="Ghi chú kín: bí thư chi bộ thôn Đông phải học tin học",
        valid_from=datetime.date(2025, 1, 1),
    )
    return [
        "Khóa học kín: trung cấp lý luận chính trị khóa Đông",
        "Mô hình kín: loa truyền thanh thôn Đông",
        "Cách làm kín: phát loa vào giờ cơm tối ở thôn Đông",
        "Ghi chú kín: bí thư chi bộ thôn Đông phải học tin học",
    ]
