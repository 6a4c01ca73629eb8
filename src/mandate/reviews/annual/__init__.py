"""The year-end review of a unit: its content (content.py), the .docx (document.py) and
the .xlsx annex (annex.py)."""

import re

from mandate.core.text import fold
from mandate.org.models import Unit
from mandate.reviews.annual.annex import review_xlsx
from mandate.reviews.annual.content import STEPS, AnnualReview, annual_review
from mandate.reviews.annual.document import review_docx

__all__ = ["STEPS", "AnnualReview", "annual_review", "file_stem", "review_docx", "review_xlsx"]


def file_stem(unit: Unit, year: int) -> str:
    """ "bao-cao-tong-ket-2025-ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong" (ASCII)."""
    name = re.sub(r"[^a-z0-9]+", "-", fold(unit.name)).strip("-")[:60].rstrip("-")
    return f"bao-cao-tong-ket-{year}-{name or unit.pk}"
