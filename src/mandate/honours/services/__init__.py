"""Every write of emulation and commendation, each in one transaction.

The cycle (DOMAIN.md §2.4): a unit organises a round; units and people pledge;
at the end each unit rates its members and proposes nominees; the proposing unit
sends its list to the council, which the checks refuse while a rule fails; the
council votes, approves (an approved list never exceeds a cap), returns or rejects;
the list is published; forms above the round's authority are submitted upward;
the decision writes the register. Every move of a nomination is a NominationStep
with its actor, time, note and attachments; Nomination.TRANSITIONS refuses the rest.

A package split by stage of the cycle; every service is importable from here.
"""

from mandate.honours.services._common import COUNCIL_STAGES, RoundStatus, Status
from mandate.honours.services.council import (
    approve,
    decide,
    goes_upward,
    missing_dossier_items,
    missing_dossier_items_of,
    publish_notice,
    record_vote,
    reject,
    return_nomination,
    submit_to_council,
    submit_upward,
)
from mandate.honours.services.nominations import (
    StaleNomination,
    attach_files,
    propose,
    submit_proposals,
    update_achievement,
    withdraw,
)
from mandate.honours.services.register import (
    end_blocking_condition,
    record_blocking_condition,
    record_earlier_award,
    revoke,
)
from mandate.honours.services.rounds import (
    create_round,
    move_round,
    rate_members,
    rate_unit,
    register_pledge,
)

__all__ = [
    "COUNCIL_STAGES",
    "RoundStatus",
    "StaleNomination",
    "Status",
    "approve",
    "attach_files",
    "create_round",
    "decide",
    "end_blocking_condition",
    "goes_upward",
    "missing_dossier_items",
    "missing_dossier_items_of",
    "move_round",
    "propose",
    "publish_notice",
    "rate_members",
    "rate_unit",
    "record_blocking_condition",
    "record_earlier_award",
    "record_vote",
    "register_pledge",
    "reject",
    "return_nomination",
    "revoke",
    "submit_proposals",
    "submit_to_council",
    "submit_upward",
    "update_achievement",
    "withdraw",
]
