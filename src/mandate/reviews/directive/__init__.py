"""The implementation review of one guiding document: every task that carries it out, by
lead unit and bucket (content.py), and the preliminary or final review report (document.py)."""

from mandate.reviews.directive.content import (
    FINAL,
    PRELIMINARY,
    DirectiveReview,
    directive_review,
    implementing_tasks,
    reviewing_unit,
)
from mandate.reviews.directive.document import file_name, review_docx

__all__ = [
    "FINAL",
    "PRELIMINARY",
    "DirectiveReview",
    "directive_review",
    "file_name",
    "implementing_tasks",
    "review_docx",
    "reviewing_unit",
]
