import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.directives.models import DocumentFile, ReviewMilestone
from tests.factories import DocumentFactory

FOREIGN = {
    "directives:document-detail": lambda world: {"pk": world.extra["document"].pk},
    "directives:document-edit": lambda world: {"pk": world.extra["document"].pk},
    "directives:file-add": lambda world: {"pk": world.extra["document"].pk},
    "directives:milestone-add": lambda world: {"pk": world.extra["document"].pk},
    "directives:file-download": lambda world: {"pk": world.extra["document_file"].pk},
    "directives:milestone-complete": lambda world: {"pk": world.extra["milestone"].pk},
}


def populate(world) -> list[str]:
    """A document kept by commune_a (below charlie's reach), with a file and a review."""
    document = DocumentFactory(
        unit=world.commune_a, symbol="77-KH/ĐUQT", title="Kế hoạch bí mật của xã Quảng Thành"
    )
    world.extra["document"] = document
    world.extra["document_file"] = DocumentFile.objects.create(
        document=document,
        name="ke-hoach-quang-thanh.pdf",
        size=10,
        content_type="application/pdf",
        file=SimpleUploadedFile("ke-hoach-quang-thanh.pdf", b"%PDF-1.4"),
    )
    world.extra["milestone"] = ReviewMilestone.objects.create(
        document=document,
        kind="final",
        due_on=datetime.date(2026, 12, 1),
        responsible_unit=world.commune_a,
        title="Tổng kết riêng của Quảng Thành",
    )
    return [document.title, "ke-hoach-quang-thanh.pdf", "Tổng kết riêng của Quảng Thành"]
