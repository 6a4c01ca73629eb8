"""Reads of guiding documents shared by pages, the API, reviews and other apps."""

from django.db.models import QuerySet

from mandate.directives.models import Document, DocumentType, ReviewMilestone


def documents_for(*, user) -> QuerySet[Document]:
    return Document.objects.visible_to(user).select_related("document_type", "unit")


def guiding_types() -> QuerySet[DocumentType]:
    return DocumentType.objects.filter(is_guiding=True).order_by("profile", "name")


def milestones_of(*, document: Document) -> QuerySet[ReviewMilestone]:
    # The milestones of a visible document are part of it, whichever unit is responsible.
    return (
        ReviewMilestone.objects.dangerously_unscoped()
        .filter(document=document)
        .select_related("responsible_unit")
        .order_by("due_on")
    )


def upcoming_milestones(*, user, until) -> QuerySet[ReviewMilestone]:
    """Open reviews the user's units are responsible for, due up to `until`."""
    return (
        ReviewMilestone.objects.visible_to(user)
        .filter(done_on__isnull=True, due_on__lte=until)
        .select_related("document", "responsible_unit")
        .order_by("due_on")
    )
