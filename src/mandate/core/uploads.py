"""Limits on uploaded files (DESIGN.md rule 2): size and type, checked before anything is kept."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".mp4": "video/mp4",
}
# The first bytes of the binary formats, so a renamed executable is not taken for a photo.
MAGIC = {
    ".pdf": [b"%PDF"],
    ".png": [b"\x89PNG"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".webp": [b"RIFF"],
    ".docx": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".odt": [b"PK\x03\x04"],
    ".ods": [b"PK\x03\x04"],
    ".doc": [b"\xd0\xcf\x11\xe0"],
    ".xls": [b"\xd0\xcf\x11\xe0"],
}


def check_upload(upload) -> str:
    """The file's content type if it is allowed; otherwise a ValidationError saying why."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            _("“%(name)s”: files of this type are not accepted (allowed: %(types)s).")
            % {"name": upload.name, "types": ", ".join(sorted(ALLOWED_TYPES))}
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s MB.")
            % {"name": upload.name, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    head = upload.read(8)
    upload.seek(0)
    if suffix in MAGIC and not any(head.startswith(magic) for magic in MAGIC[suffix]):
        raise ValidationError(
            _("“%(name)s” does not look like a %(suffix)s file.")
            % {"name": upload.name, "suffix": suffix}
        )
    return ALLOWED_TYPES[suffix]
