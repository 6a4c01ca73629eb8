"""The demo province's early warning: counts from the seeded reports, the daily runs
around each injected hot spot and the insurance campaign, and the alerts walked through
what the units did about them.

Detection runs as `mandate tick` would have: every category on the reference date, and,
to keep seeding quick, only the category concerned on the fourth and the last day of each
hot spot and on three days of the province-wide insurance campaign (which must raise no
alert). The units have done
something about each alert but the newest (DISMISSED and `_walk`): two dismissed with
their reason, one escalated to a task, one to a case, one under review.
"""

import datetime
from collections.abc import Callable

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mandate.earlywarning import counts, services
from mandate.earlywarning.detection import detect
from mandate.earlywarning.models import Alert
from mandate.grassroots.demo import HOT_SPOTS, INSURANCE_CAMPAIGN
from mandate.grassroots.models import Case, Category
from mandate.grassroots.services.common import INTAKE_ROLES
from mandate.org.models import Membership
from mandate.work.demo import REFERENCE_DATE

DAY = datetime.timedelta(days=1)


def runs() -> list[tuple[datetime.date, str | None]]:
    """(day, category code or None for all) of the demo's detection runs, oldest first."""
    planned = [(REFERENCE_DATE, None)]
    for spot in HOT_SPOTS:
        planned += [(spot.first + 3 * DAY, spot.category), (spot.last, spot.category)]
    first, last = INSURANCE_CAMPAIGN
    planned += [(day, "social-policy") for day in (first + 7 * DAY, first + 20 * DAY, last)]
    return sorted((run for run in planned if run[0] <= REFERENCE_DATE), key=lambda run: run[0])


def seed(*, rng, log: Callable[[str], None]) -> list:
    cells = counts.rebuild()
    log(_("Report counts by commune, topic and day: %(count)s") % {"count": cells})
    categories = {category.code: category for category in Category.objects.all()}
    found = 0
    for day, code in runs():
        chosen = [categories[code]] if code else None
        found += sum(run.findings for run in detect(day=day, categories=chosen, announce=False))
    alerts = list(
        Alert.objects.dangerously_unscoped()
        .select_related("category", "centre")
        .order_by("first_detected_on", "pk")
    )
    log(
        _("Early warning: %(alerts)s alerts from %(found)s findings")
        % {"alerts": len(alerts), "found": found}
    )
    _walk(alerts)
    for alert in alerts:
        log(
            _("Alert: %(category)s around %(place)s, %(start)s–%(end)s, once in %(days)s days")
            % {
                "category": alert.category.name,
                "place": alert.centre.name,
                "start": alert.window_start.strftime("%d/%m/%Y"),
                "end": alert.window_end.strftime("%d/%m/%Y"),
                "days": number_format(alert.peak_recurrence_days, 0, force_grouping=True),
            }
        )
    return []


# What each unit did about its hot spot's alert; the newest is still new.
DISMISSED = {
    "nuoc-thai-thuy-san": (
        Alert.DismissReason.HANDLED,
        "Các phản ánh đã được gộp vào vụ việc của đặc khu; đoàn kiểm tra liên ngành đã xử lý.",
    ),
    "ngap-ung-vinh-bao": (
        Alert.DismissReason.EXPLAINED,
        "Do đợt mưa lớn kéo dài cuối tháng 9; trạm bơm đã vận hành hết công suất.",
    ),
}
FALSE_ALARM_NOTE = "Vài phản ánh lẻ tẻ, không cùng một vụ việc; tiếp tục theo dõi."


def _walk(alerts: list[Alert]) -> None:
    for alert in alerts:
        person = _intake_officer_of(alert)
        spot = _hot_spot_of(alert)
        key = spot.key if spot else None
        if person is None or (spot and spot.ongoing):
            continue
        alert.refresh_from_db()
        if key in DISMISSED:
            reason, note = DISMISSED[key]
            services.dismiss(alert, version=alert.version, by=person, reason=reason, note=note)
        elif key == "duong-ven-bien":
            services.escalate_to_task(alert, version=alert.version, by=person)
        elif key == "gia-vai-thieu":
            services.review(alert, version=alert.version, by=person)
        elif key == "sot-xuat-huyet":
            case = _case_of(alert)
            services.escalate_to_case(alert, version=alert.version, by=person, case=case)
        else:
            services.dismiss(
                alert,
                version=alert.version,
                by=person,
                reason=Alert.DismissReason.CHANCE,
                note=FALSE_ALARM_NOTE,
            )


def _hot_spot_of(alert: Alert):
    for spot in HOT_SPOTS:
        if (
            spot.category == alert.category.code
            and spot.first <= alert.last_detected_on <= spot.last + 14 * DAY
        ):
            return spot
    return None


def _intake_officer_of(alert: Alert):
    """The unit's leader, or its officer where it has none (commune units)."""
    membership = (
        Membership.objects.dangerously_unscoped()
        .filter(unit_id=alert.unit_id, role__in=INTAKE_ROLES, is_active=True)
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    return membership.user if membership else None


def _case_of(alert: Alert) -> Case | None:
    """The busiest open case of the hot spot's reports, which the unit follows it up in;
    None (a new case for the alert) when they are all settled."""
    return (
        Case.objects.dangerously_unscoped()
        .open()
        .filter(
            category_id=alert.category_id,
            locality__in=alert.localities.all(),
            opened_on__lte=alert.window_end,
            last_reported_on__gte=alert.window_start,
        )
        .order_by("-report_count", "pk")
        .first()
    )
