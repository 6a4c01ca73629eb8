"""The early-warning part of `mandate tick`: the day's detection, once a day.

A category already run for the day is skipped, and a rerun would find the same anyway.
"""

import datetime
from collections.abc import Callable

from django.utils.translation import gettext as _

from mandate.earlywarning.detection import detect


def run(*, today: datetime.date, log: Callable[[str], object]) -> None:
    runs = detect(day=today, skip_done=True)
    log(
        _("Early warning: %(runs)s categories scanned, %(found)s findings above the threshold.")
        % {"runs": len(runs), "found": sum(run.findings for run in runs)}
    )
