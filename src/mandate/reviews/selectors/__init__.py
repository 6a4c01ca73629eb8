"""The figures of one unit over one period, section by section: what the dashboard shows
and what the year-end review writes.

Every function is a pure read for one reader: rows come only through
`Model.objects.visible_to(user)`, and "the unit" always means the unit and every unit
below it (its subtree, chosen in SQL by path). Figures are counted in SQL, by grouped
aggregates; Python only adds up the grouped rows (a few per unit, category, locality or
title), never the records themselves. The two big tables (tasks, cases) keep their
grouped counts in core.counts' cache, which a change to the table invalidates.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from mandate.org.models import Unit, User
from mandate.reviews.selectors.awards import AwardFigures, AwardRow, award_figures
from mandate.reviews.selectors.campaigns import CampaignFigures, CampaignRow, campaign_figures
from mandate.reviews.selectors.cases import CaseFigures, CaseRow, case_figures
from mandate.reviews.selectors.common import Period, covers_scope, default_unit, units_for
from mandate.reviews.selectors.practices import PracticeFigures, PracticeRow, practice_figures
from mandate.reviews.selectors.tasks import TaskFigures, TaskRow, task_figures
from mandate.reviews.selectors.training import SubjectRow, TrainingFigures, training_figures

__all__ = [
    "AwardFigures",
    "AwardRow",
    "CampaignFigures",
    "CampaignRow",
    "CaseFigures",
    "CaseRow",
    "Dashboard",
    "Period",
    "PracticeFigures",
    "PracticeRow",
    "SubjectRow",
    "TaskFigures",
    "TaskRow",
    "TrainingFigures",
    "award_figures",
    "campaign_figures",
    "case_figures",
    "covers_scope",
    "dashboard",
    "default_unit",
    "practice_figures",
    "task_figures",
    "training_figures",
    "units_for",
]

# Everything -------------------------------------------------------------------------------


@dataclass
class Dashboard:
    unit: Unit
    period: Period
    as_of: datetime.date
    tasks: TaskFigures
    cases: CaseFigures
    campaigns: CampaignFigures
    training: TrainingFigures
    practices: PracticeFigures
    awards: AwardFigures


def dashboard(
    *, user: User, unit: Unit, period: Period, as_of: datetime.date | None = None
) -> Dashboard:
    """Every section for one unit and period, as of one reporting date."""
    as_of = as_of or period.as_of(timezone.localdate())
    where = {"user": user, "unit": unit, "period": period}
    return Dashboard(
        unit=unit,
        period=period,
        as_of=as_of,
        tasks=task_figures(**where, as_of=as_of),
        cases=case_figures(**where, as_of=as_of),
        campaigns=campaign_figures(**where),
        training=training_figures(**where, as_of=as_of),
        practices=practice_figures(**where),
        awards=award_figures(**where),
    )
