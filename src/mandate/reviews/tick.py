"""The reviews part of `mandate tick`: background jobs lost when the server stopped are
marked failed, so that their pages stop waiting (idempotent: a failed job stays so)."""

import datetime
from collections.abc import Callable

from django.utils.translation import gettext as _

from mandate.reviews.jobs import expire_lost_jobs


def run(*, today: datetime.date, log: Callable[[str], object]) -> None:
    log(_("Reviews: %(count)s lost background jobs marked failed.") % {"count": expire_lost_jobs()})
