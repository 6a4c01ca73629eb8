"""The document types of both profiles, from DOMAIN.md §1 (Decree 30 Phụ lục III; HD 36)."""

from django.db import migrations

STATE = [
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định"), ("CT", "Chỉ thị"), ("QC", "Quy chế"),
    ("QyĐ", "Quy định"), ("TC", "Thông cáo"), ("TB", "Thông báo"), ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"), ("KH", "Kế hoạch"), ("PA", "Phương án"), ("ĐA", "Đề án"),
    ("DA", "Dự án"), ("BC", "Báo cáo"), ("BB", "Biên bản"), ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"), ("CĐ", "Công điện"), ("BGN", "Bản ghi nhớ"), ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"), ("GM", "Giấy mời"), ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"), ("PG", "Phiếu gửi"), ("PC", "Phiếu chuyển"), ("PB", "Phiếu báo"),
    ("", "Công văn"),
]
PARTY = [
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định"), ("CT", "Chỉ thị"), ("KL", "Kết luận"),
    ("QC", "Quy chế"), ("QĐi", "Quy định"), ("TT", "Thông tri"), ("HD", "Hướng dẫn"),
    ("CV", "Công văn"), ("BC", "Báo cáo"), ("KH", "Kế hoạch"), ("QH", "Quy hoạch"),
    ("CTr", "Chương trình"), ("TB", "Thông báo"), ("TTr", "Tờ trình"), ("ĐA", "Đề án"),
    ("PA", "Phương án"), ("BB", "Biên bản"), ("GM", "Giấy mời"), ("GGT", "Giấy giới thiệu"),
]
# Kinds that give direction; the others (minutes, invitations...) are not offered by default.
GUIDING = {"NQ", "QĐ", "CT", "KL", "QC", "QĐi", "QyĐ", "TT", "HD", "KH", "CTr", "ĐA", "TB"}


def fill(apps, schema_editor):
    DocumentType = apps.get_model("directives", "DocumentType")
    for profile, rows in (("state", STATE), ("party", PARTY)):
        for code, name in rows:
            DocumentType.objects.get_or_create(
                profile=profile, code=code, name=name,
                defaults={"is_guiding": code in GUIDING},
            )


def empty(apps, schema_editor):
    apps.get_model("directives", "DocumentType").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directives", "0001_initial")]
    operations = [migrations.RunPython(fill, empty)]
