"""The catalogue of document types of both profiles (DOMAIN.md §1: Decree 30 Phụ lục III; HD 36).

Kept present by `ensure_document_types()` after every migrate and every test flush,
as Django keeps content types: the register cannot work without them.
"""

STATE = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
    ("", "Công văn"),
]
PARTY = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("QC", "Quy chế"),
    ("QĐi", "Quy định"),
    ("TT", "Thông tri"),
    ("HD", "Hướng dẫn"),
    ("CV", "Công văn"),
    ("BC", "Báo cáo"),
    ("KH", "Kế hoạch"),
    ("QH", "Quy hoạch"),
    ("CTr", "Chương trình"),
    ("TB", "Thông báo"),
    ("TTr", "Tờ trình"),
    ("ĐA", "Đề án"),
    ("PA", "Phương án"),
    ("BB", "Biên bản"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
]
# Kinds that give direction; the others (minutes, invitations...) are not offered by default.
GUIDING = {"NQ", "QĐ", "CT", "KL", "QC", "QĐi", "QyĐ", "TT", "HD", "KH", "CTr", "ĐA", "TB"}


def ensure_document_types(**kwargs) -> None:
    """Add any missing type of the catalogue; types an administrator added stay as they are."""
    from mandate.directives.models import DocumentType

    existing = set(DocumentType.objects.values_list("profile", "code", "name"))
    DocumentType.objects.bulk_create(
        DocumentType(profile=profile, code=code, name=name, is_guiding=code in GUIDING)
        for profile, rows in (("state", STATE), ("party", PARTY))
        for code, name in rows
        if (profile, code, name) not in existing
    )
