"""What every all-or-nothing import answers with: each bad row, its number, column and why."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    number: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(number)s, %(column)s: %(message)s") % {
            "number": self.number,
            "column": self.column,
            "message": self.message,
        }


class ImportRefused(Exception):
    """A file with bad rows: nothing was written; `errors` lists every problem of every row."""

    def __init__(self, errors: list[RowError]):
        rows = len({error.number for error in errors})
        super().__init__(
            _("%(rows)s bad rows (%(errors)s problems); nothing was imported.")
            % {"rows": rows, "errors": len(errors)}
        )
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
