"""What every app's API router shares: one error format, unit references, scoped picks."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Schema


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """Every error the API answers: a sentence in the caller's language, and per-field detail."""

    detail: str
    errors: list[FieldErrorOut] = []


class UnitRef(Schema):
    id: int
    name: str


def pick(queryset: QuerySet, pk: int | None, *, field: str):
    """The row `pk` of a scoped queryset, or a field error: missing and hidden read the same."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _(CHOICE_ERROR)})
    return found


def pick_many(queryset: QuerySet, pks: list[int], *, field: str) -> list:
    found = list(queryset.filter(pk__in=pks))
    if len(found) != len(set(pks)):
        raise ValidationError({field: _(CHOICE_ERROR)})
    return found


# Django's own message, so it reads in every language Django ships.
CHOICE_ERROR = "Select a valid choice. That choice is not one of the available choices."


def refuse_nulls(changes: dict, *, nullable: set[str]) -> None:
    """A PATCH may leave a field out, but may not empty one the record cannot do without."""
    empty = [field for field, value in changes.items() if value is None and field not in nullable]
    if empty:
        raise ValidationError({field: _("This field cannot be null.") for field in empty})
