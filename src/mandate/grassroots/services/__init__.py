"""Every write to grassroots reports and cases: filing, the case workflow, the daily round."""

from mandate.grassroots.services.common import INTAKE_ROLES, StaleCase, title_from
from mandate.grassroots.services.filing import file_report, file_reports_in_bulk
from mandate.grassroots.services.rounds import (
    CONTACT_RETENTION_DAYS,
    erase_old_contacts,
    escalate_overdue,
)
from mandate.grassroots.services.workflow import (
    ACTION_LABELS,
    ACTIONS,
    TRANSITIONS,
    acknowledge,
    add_note,
    allowed_actions,
    can_act,
    close,
    close_unresolved,
    correct,
    refer,
    reopen,
    resolve,
    start,
)

__all__ = [
    "ACTIONS",
    "ACTION_LABELS",
    "CONTACT_RETENTION_DAYS",
    "INTAKE_ROLES",
    "TRANSITIONS",
    "StaleCase",
    "acknowledge",
    "add_note",
    "allowed_actions",
    "can_act",
    "close",
    "close_unresolved",
    "correct",
    "escalate_overdue",
    "erase_old_contacts",
    "file_report",
    "file_reports_in_bulk",
    "refer",
    "reopen",
    "resolve",
    "start",
    "title_from",
]
