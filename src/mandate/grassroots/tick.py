"""The grassroots part of `mandate tick`: overdue cases escalated, old citizen contacts erased.

Both are idempotent: an escalated case is marked with the day it was escalated and is
not escalated again until it is reopened, referred or re-routed; an erased contact is gone.
"""

import datetime
from collections.abc import Callable

from django.utils.translation import gettext as _

from mandate.grassroots.services import erase_old_contacts, escalate_overdue


def run(*, today: datetime.date, log: Callable[[str], object]) -> None:
    escalated = escalate_overdue(today=today)
    erased = erase_old_contacts(today=today)
    log(
        _("Grassroots: %(escalated)s overdue cases escalated, %(erased)s citizen contacts erased.")
        % {"escalated": escalated, "erased": erased}
    )
