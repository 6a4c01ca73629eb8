"""The grassroots API routes and Open311 in the leak walk: a case of commune_a with one
report filed through Open311 and its citizen's contact, which charlie (an officer of
commune_b) must never reach."""

import datetime

from mandate.grassroots.models import Case, Category, Contact, Report
from mandate.org.models import Locality
from tests.factories import LocalityFactory

DAY = datetime.date(2026, 2, 3)


def populate(world) -> list[str]:
    # The walk's world has no localities; another app's entries may already have set one.
    locality = world.commune_a.locality
    if locality is None:
        locality = LocalityFactory(code="97001", name="Xã Thử Rò Rỉ", kind=Locality.Kind.COMMUNE)
        world.commune_a.locality = locality
        world.commune_a.save()
    category = Category.objects.get(code="environment")
    case = Case.objects.create(
        title="Vụ kín: khói lò gạch thôn Đông",
        category=category,
        locality=locality,
        unit=world.commune_a,
        origin_unit=world.commune_a,
        opened_on=DAY,
        last_reported_on=DAY,
        due_on=DAY + datetime.timedelta(days=30),
        resolution="Phương án kín của xã Quảng Thành",
    )
    report = Report.objects.create(
        case=case,
        category=category,
        locality=locality,
        observed_on=DAY,
        received_on=DAY,
        severity=3,
        summary="Báo cáo kín: lò gạch thôn Đông đốt vỏ trấu ban đêm",
        channel=Report.Channel.OPEN311,
        reporting_unit=world.commune_a,
        reported_by=world.rita,
    )
    contact = Contact.objects.create(
        report=report, name="Lương Thị Kín", phone="0977 654 321", email="kin@example.vn"
    )
    world.extra.update(open311_case=case, open311_report=report)
    return [
        case.title,
        case.resolution,
        report.summary,
        contact.name,
        contact.phone,
        contact.email,
    ]


def _case(world) -> dict:
    return {"case_id": world.extra["open311_case"].pk}


def _report(world) -> dict:
    return {"report_id": world.extra["open311_report"].pk}


FOREIGN = {
    "api:report_detail": _report,
    "api:case_detail": _case,
    "api:case_action": _case,
    # Walked signed in: reads accept the session, and answer 404 outside its scope.
    "open311:request-detail": lambda world: {
        "request_id": world.extra["open311_report"].pk,
        "fmt": "json",
    },
}

EXEMPT = {
    "open311:services": "the public list of report categories (Open311 services)",
    "open311:service-definition": "a public category's form fields; no reports, no units",
    "open311:requests": (
        "only the caller's visible reports (Report.objects.visible_to); a POST files a new "
        "one; tests/open311 pins that charlie's key lists none of commune_a's"
    ),
}
