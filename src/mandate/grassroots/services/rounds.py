"""The daily round of `mandate tick`: escalating overdue cases, erasing old contacts."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from mandate.core.notifications import Notice, notify_all
from mandate.grassroots.models import Case, CaseEvent, Contact
from mandate.org.models import Role
from mandate.org.selectors import members_by_unit

# Daily round -------------------------------------------------------------------


def escalate_overdue(*, today: datetime.date) -> int:
    """Each overdue open case goes to the leaders of the unit above its unit, once.

    `escalated_on` is set in the same transaction as the notice, so a second run the
    same day (or any later day) finds nothing new to escalate. Reopening, referring or
    re-routing a case clears it, so the case may be escalated again; the notice's key
    names the unit and the due date, so nobody hears twice of the same lapse.
    """
    with transaction.atomic():
        cases = list(
            Case.objects.dangerously_unscoped()
            .overdue(today)
            .filter(escalated_on__isnull=True)
            .select_related("unit")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        above = {case.pk: case.unit.parent_id or case.unit_id for case in cases}
        leaders = members_by_unit(unit_ids=set(above.values()), roles=[Role.LEADER])
        notices = []
        for case in cases:
            case.escalated_on = today
            case._history_user = None
            case.save(update_fields=["escalated_on", "updated_at"])
            notices.append(
                Notice(
                    users=leaders.get(above[case.pk], []),
                    kind="case-escalated",
                    key=f"case-escalated:{case.pk}:{case.unit_id}:{case.due_on.isoformat()}",
                    message=_escalation_message(case),
                    url=reverse("grassroots:case-detail", args=[case.pk]),
                )
            )
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.ESCALATED,
                from_unit_id=case.unit_id,
                to_unit_id=above[case.pk],
                text=_("Overdue since %(date)s.") % {"date": case.due_on.strftime("%d/%m/%Y")},
            )
            for case in cases
        )
        notify_all(notices)
    return len(cases)


def _escalation_message(case: Case):
    def message() -> tuple[str, str]:
        return (
            _("Overdue grassroots case #%(case)s at %(unit)s: %(title)s")
            % {"case": case.pk, "unit": case.unit.name, "title": case.title},
            _("It was due on %(date)s.") % {"date": case.due_on.strftime("%d/%m/%Y")},
        )

    return message


CONTACT_RETENTION_DAYS = 90


def erase_old_contacts(*, today: datetime.date) -> int:
    """Citizens' contacts are kept only while they may be needed for follow-up: until
    CONTACT_RETENTION_DAYS after the case was finished (closed, or else resolved).

    Counted from the case's own dates, not from its last change: a note or an
    escalation on a finished case does not extend the retention.
    """
    cutoff = today - datetime.timedelta(days=CONTACT_RETENTION_DAYS)
    finished = Q(report__case__closed_on__lte=cutoff) | Q(
        report__case__closed_on__isnull=True, report__case__resolved_on__lte=cutoff
    )
    old = Contact.objects.filter(finished, report__case__status__in=Case.FINISHED_STATUSES)
    count, _detail = old.delete()
    return count
