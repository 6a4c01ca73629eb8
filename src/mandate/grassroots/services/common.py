"""What the filing and workflow services share."""

from django.utils.translation import gettext as _

from mandate.grassroots.models import Case
from mandate.org.models import Role

INTAKE_ROLES = [Role.LEADER, Role.OFFICER]
CONTACT_KEYS = ("name", "phone", "email", "address")
TITLE_LENGTH = 120


class StaleCase(Exception):
    """Someone acted on the case since this page was opened; nothing was written."""

    def __init__(self, case: Case):
        super().__init__(
            _("This case was changed by someone else meanwhile. Reload it and try again.")
        )
        self.case = case


def title_from(summary: str) -> str:
    """The start of the first report's summary, cut at a word."""
    if len(summary) <= TITLE_LENGTH:
        return summary
    return summary[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",.;: ") + "…"
