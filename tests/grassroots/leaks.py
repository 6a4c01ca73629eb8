"""The grassroots pages in the leak walk: a case of commune_a with a report, a citizen's
contact, a photo and a note, which charlie (an officer of commune_b) must never reach."""

import datetime

from mandate.grassroots.models import Case, CaseEvent, Category, Contact, Report, ReportPhoto
from tests.factories import LocalityFactory


def _case(world):
    return {"pk": world.extra["case"].pk}


FOREIGN = {
    "grassroots:case-detail": _case,
    "grassroots:case-note": _case,
    "grassroots:case-action": lambda world: {"pk": world.extra["case"].pk, "action": "acknowledge"},
    "grassroots:report-photo": lambda world: {"pk": world.extra["photo"].pk},
}


def populate(world) -> list[str]:
    place = LocalityFactory(code="98001", name="Xã Thử Nghiệm Kín", lat=20.9, lon=106.7)
    world.commune_a.locality = place
    world.commune_a.save()
    category, _created = Category.objects.get_or_create(
        code="environment", defaults={"name": "Môi trường, ô nhiễm"}
    )
    day = datetime.date(2026, 5, 14)
    case = Case.objects.create(
        title="Vụ việc kín: xưởng mạ xả thải ra kênh thôn Đông",
        category=category,
        locality=place,
        unit=world.commune_a,
        origin_unit=world.hamlet_a,
        opened_on=day,
        last_reported_on=day,
        due_on=day + datetime.timedelta(days=30),
        report_count=1,
    )
    report = Report.objects.create(
        case=case,
        category=category,
        locality=place,
        observed_on=day,
        received_on=day,
        severity=3,
        summary="Báo cáo kín: nước thải màu xanh chảy qua ruộng nhà ông Tư",
        channel=Report.Channel.WEB,
        reporting_unit=world.hamlet_a,
        reported_by=world.rita,
    )
    contact = Contact.objects.create(
        report=report, name="Người dân Nguyễn Văn Kín", phone="0987 000 111"
    )
    # A stored name only: the walk never reads the file, it must answer 404 first.
    photo = ReportPhoto.objects.create(
        report=report,
        file="grassroots/2026/05/anh-kenh-thon-dong-kin.png",
        name="anh-kenh-thon-dong-kin.png",
        size=68,
        content_type="image/png",
    )
    note = CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.NOTE, actor=world.olga, text="Ghi chú kín: đã gặp chủ xưởng"
    )
    world.extra.update(case=case, report=report, photo=photo)
    return [case.title, report.summary, contact.name, contact.phone, photo.name, note.text]
