"""Emulation titles and forms of commendation with their rules as rows (never constants),
award rounds, pledges, task ratings, nominations and their steps, council votes,
decisions, the register of awards and the conditions that block an award.

A package split by subject; every name is importable from here, as before the split.
"""

# nomination_upload_to stays importable from here: migration 0001 names it
# `mandate.honours.models.nomination_upload_to`.
from mandate.honours.models.nominations import (
    CouncilVote,
    Nomination,
    NominationFile,
    NominationStep,
    nomination_upload_to,
)
from mandate.honours.models.register import Award, AwardQuerySet, BlockingCondition, Decision
from mandate.honours.models.rounds import AwardRound, Pledge, TaskRating
from mandate.honours.models.rules import (
    LEVEL_RANK,
    RATING_RANK,
    Dated,
    DossierItem,
    Level,
    Rating,
    Title,
    TitleRule,
    in_force,
)

__all__ = [
    "LEVEL_RANK",
    "RATING_RANK",
    "Award",
    "AwardQuerySet",
    "AwardRound",
    "BlockingCondition",
    "CouncilVote",
    "Dated",
    "Decision",
    "DossierItem",
    "Level",
    "Nomination",
    "NominationFile",
    "NominationStep",
    "Pledge",
    "Rating",
    "TaskRating",
    "Title",
    "TitleRule",
    "in_force",
    "nomination_upload_to",
]
