import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from mandate.directives import services
from mandate.directives.models import Document, ReviewMilestone
from tests.directives.conftest import document_type
from tests.factories import DocumentFactory

ISSUED = datetime.date(2026, 3, 2)


def data(**overrides) -> services.DocumentData:
    values = {
        "document_type": document_type("party", "CT"),
        "symbol": "Số 35-CT/TW",
        "issuer": "Ban Bí thư",
        "issued_on": datetime.date(2024, 6, 1),
        "title": "Chỉ thị về tăng cường công tác tuyên truyền",
    }
    return services.DocumentData(**{**values, **overrides})


def test_registered_document_keeps_its_normalised_number(world):
    document = services.register_document(unit=world.root, data=data(), by=world.lena)
    assert document.symbol == "35-CT/TW"
    assert document.display_number == "Số 35-CT/TW"
    assert Document.objects.search("tang cuong tuyen truyen").get() == document
    assert Document.objects.search("35-ct/tw").get() == document


def test_a_number_in_the_wrong_notation_changes_nothing(world):
    with pytest.raises(ValidationError):
        services.register_document(unit=world.root, data=data(symbol="35/CT-TW"), by=world.lena)
    assert not Document.objects.exists()


def test_only_writers_of_the_unit_register(world):
    with pytest.raises(ValidationError):
        services.register_document(unit=world.root, data=data(), by=world.charlie)
    with pytest.raises(ValidationError):
        services.register_document(unit=world.commune_a, data=data(), by=world.rita)


def test_issued_numbers_follow_the_party_series_per_type(world, party_profile):
    plan_type, guide_type = document_type("party", "KH"), document_type("party", "HD")
    first = services.issue_document(
        unit=world.root,
        document_type=plan_type,
        issued_on=ISSUED,
        title="Kế hoạch 1",
        by=world.lena,
    )
    second = services.issue_document(
        unit=world.root,
        document_type=plan_type,
        issued_on=ISSUED,
        title="Kế hoạch 2",
        by=world.lena,
    )
    guide = services.issue_document(
        unit=world.root,
        document_type=guide_type,
        issued_on=ISSUED,
        title="Hướng dẫn 1",
        by=world.lena,
    )
    assert [first.symbol, second.symbol, guide.symbol] == [
        "01-KH/BTGDVTU",
        "02-KH/BTGDVTU",
        "01-HD/BTGDVTU",
    ]
    assert first.issuer == party_profile.issuer_name


def test_state_numbers_restart_each_calendar_year(world, state_profile):
    kind = document_type("state", "KH")
    december = services.issue_document(
        unit=world.commune_a,
        document_type=kind,
        issued_on=datetime.date(2025, 12, 30),
        title="A",
        by=world.alice,
    )
    january = services.issue_document(
        unit=world.commune_a,
        document_type=kind,
        issued_on=datetime.date(2026, 1, 2),
        title="B",
        by=world.alice,
    )
    assert (december.symbol, january.symbol) == ("01/KH-UBND", "01/KH-UBND")
    assert december.series != january.series


def test_a_deleted_document_never_frees_its_number(world, party_profile):
    kind = document_type("party", "KH")
    first = services.issue_document(
        unit=world.root, document_type=kind, issued_on=ISSUED, title="A", by=world.lena
    )
    first.delete()
    again = services.issue_document(
        unit=world.root, document_type=kind, issued_on=ISSUED, title="B", by=world.lena
    )
    assert again.symbol == "02-KH/BTGDVTU"


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_never_share_a_number(world, party_profile):
    kind = document_type("party", "KH")
    symbols, errors = [], []

    def issue(index: int) -> None:
        try:
            document = services.issue_document(
                unit=world.root,
                document_type=kind,
                issued_on=ISSUED,
                title=f"K{index}",
                by=world.lena,
            )
            symbols.append(document.symbol)
        except Exception as error:  # noqa: BLE001 -- any failure fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(symbols)) == 6


def test_issuing_without_a_profile_is_a_clear_error(world):
    with pytest.raises(ValidationError, match="issuer profile"):
        services.issue_document(
            unit=world.division,
            document_type=document_type("party", "KH"),
            issued_on=ISSUED,
            title="A",
            by=world.lena,
        )


def test_replaced_needs_the_replacing_document(world):
    old, new = DocumentFactory(unit=world.root), DocumentFactory(unit=world.root)
    with pytest.raises(ValidationError):
        services.update_document(document=old, status="replaced", by=world.lena)
    services.update_document(
        document=Document.objects.get(pk=old.pk), status="replaced", replaced_by=new, by=world.lena
    )
    assert Document.objects.get(pk=old.pk).replaced_by == new


def test_files_are_checked_before_they_are_kept(world):
    document = DocumentFactory(unit=world.root)
    pdf = SimpleUploadedFile("chi-thi.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    services.attach_file(document=document, upload=pdf, by=world.lena)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError, match="does not look like"):
        services.attach_file(document=document, upload=fake, by=world.lena)
    script = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="not accepted"):
        services.attach_file(document=document, upload=script, by=world.lena)
    assert document.files.count() == 1


def test_a_recurring_review_schedules_its_next_once(world):
    document = DocumentFactory(unit=world.root)
    milestone = services.add_milestone(
        document=document,
        kind=ReviewMilestone.Kind.PRELIMINARY,
        due_on=datetime.date(2026, 1, 31),
        responsible_unit=world.commune_a,
        repeat_every_months=12,
        by=world.lena,
    )
    following = services.complete_milestone(
        milestone=milestone, done_on=datetime.date(2026, 1, 20), by=world.alice
    )
    assert following.due_on == datetime.date(2027, 1, 31)
    again = services.complete_milestone(
        milestone=ReviewMilestone.objects.get(pk=milestone.pk),
        done_on=datetime.date(2026, 1, 21),
        by=world.alice,
    )
    assert again is None
    assert ReviewMilestone.objects.count() == 2


def test_only_the_responsible_unit_completes_a_review(world):
    milestone = services.add_milestone(
        document=DocumentFactory(unit=world.root),
        kind=ReviewMilestone.Kind.FINAL,
        due_on=datetime.date(2026, 12, 31),
        responsible_unit=world.commune_a,
        by=world.lena,
    )
    with pytest.raises(ValidationError):
        services.complete_milestone(milestone=milestone, done_on=ISSUED, by=world.charlie)


def test_add_months_keeps_the_end_of_the_month():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)


@pytest.fixture(autouse=True)
def _messages_in_english(in_english):
    """These tests read the services' messages, written in English."""
