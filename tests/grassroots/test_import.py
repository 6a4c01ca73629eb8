"""Importing grassroots reports from CSV and Excel: all rows or none, every bad row named."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from mandate.core.imports import ImportRefused
from mandate.core.models import Notification
from mandate.core.text import fold
from mandate.grassroots import imports, services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, CaseEvent, Contact, Report
from mandate.grassroots.scrub import REDACTED
from mandate.grassroots.services import filing
from mandate.org.models import Role
from tests.factories import LocalityFactory, MembershipFactory, UserFactory

TODAY = datetime.date(2026, 5, 15)
HEADER = ["Lĩnh vực", "Xã/phường", "Ngày phát hiện", "Ngày tiếp nhận", "Mức độ"]
HEADER += ["Số người ảnh hưởng", "Nội dung", "Mã vụ việc", "Điện thoại người phản ánh"]


def row(places, **values) -> list:
    """One row of the Vietnamese template, good unless told otherwise."""
    good = {
        "category": "environment",
        "locality": places.a.code,
        "observed_on": "10/05/2026",
        "received_on": "11/05/2026",
        "severity": "2",
        "people": "30",
        "summary": "Nước thải xưởng mạ chảy ra kênh thôn Đông, gọi anh Ba 0912 345 678",
        "case": "",
        "phone": "",
    }
    return list((good | values).values())


def csv_file(rows, header=HEADER, delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_file(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Danh sách phản ánh tháng 5"])  # a title line above the header
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(data: bytes, user, filename="phan-anh.csv") -> int:
    return imports.import_reports(data, filename=filename, by=user, today=TODAY)


def refused(data: bytes, user, filename="phan-anh.csv") -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRefused) as caught:
        run(data, user, filename)
    return [(error.number, error.column, error.message) for error in caught.value.errors]


# Reading the files -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_csv_with_vietnamese_headers_is_imported_scrubbed_and_routed(world, places):
    rows = [row(places), row(places, locality=places.b.code, category="land", phone="0987654321")]
    assert run(csv_file(rows), world.lena) == 2
    # An import writes its rows in order of category and commune, not the file's.
    first, second = Report.objects.get(locality=places.a), Report.objects.get(locality=places.b)
    assert "0912" not in first.summary and REDACTED in first.summary
    assert first.redactions == 1 and first.channel == Report.Channel.IMPORT
    assert first.observed_on == datetime.date(2026, 5, 10)
    assert first.received_on == datetime.date(2026, 5, 11)
    assert (first.severity, first.people_affected) == (2, 30)
    assert first.case.unit == world.commune_a and second.case.unit == world.division
    assert first.case.due_on == datetime.date(2026, 5, 11) + datetime.timedelta(days=30)
    assert first.case.search_text and first.reported_by == world.lena
    assert first.reporting_unit == world.root
    assert Contact.objects.get().phone == "0987654321"
    assert Contact.objects.get().report == second
    assert [event.kind for event in first.case.events.all()] == [CaseEvent.Kind.OPENED]
    # The audit trail has each created row, as if it had been filed one by one.
    assert (
        first.history.get().history_type == "+" and first.history.get().history_user == world.lena
    )
    assert first.case.history.get().history_user == world.lena
    # History rows and "opened" entries are copied from the new rows in SQL: each is
    # its own row's.
    for report in (first, second):
        snapshot, case_snapshot = report.history.get(), report.case.history.get()
        assert (snapshot.summary, snapshot.case_id) == (report.summary, report.case_id)
        assert (case_snapshot.title, case_snapshot.unit_id, case_snapshot.history_type) == (
            report.case.title,
            report.case.unit_id,
            "+",
        )
        opened = report.case.events.get()
        assert (opened.to_unit_id, opened.actor) == (report.case.unit_id, world.lena)


@pytest.mark.django_db
def test_an_excel_sheet_with_real_dates_and_numbers_is_imported(world, places):
    leading_zero = LocalityFactory(code="00042", name="Phường Số Không", parent=places.province)
    rows = [
        [
            "Môi trường, ô nhiễm",  # a category by its name
            42,  # Excel dropped the code's leading zeros
            datetime.datetime(2026, 5, 10),  # noqa: DTZ001 -- Excel's dates are naive
            datetime.date(2026, 5, 12),
            3.0,
            120,
            "Khói từ lò gạch thôn Bắc làm nhiều hộ bị ho",
        ],
        [
            "land",
            "xa quang thanh",  # a commune by its name, without accents
            "10/05/2026",
            None,
            1,
            None,
            "Tranh chấp ranh giới đất giữa hai hộ ở xóm Trại",
        ],
    ]
    assert run(xlsx_file(rows), world.lena, filename="phan-anh.XLSX") == 2
    smoke, land = Report.objects.get(severity=3), Report.objects.get(severity=1)
    assert smoke.locality == leading_zero and smoke.severity == 3 and smoke.people_affected == 120
    assert smoke.received_on == datetime.date(2026, 5, 12)
    assert land.locality == places.a and land.received_on == TODAY and land.people_affected == 0


@pytest.mark.django_db
def test_english_field_names_and_semicolons_are_read_too(world, places):
    header = ["category", "locality", "observed_on", "severity", "summary", "contact_email"]
    values = ["health", places.a.code, "2026-05-01", "4", "Ổ dịch sốt xuất huyết ở tổ 5"]
    data = csv_file([[*values, "ba@example.org"]], header=header, delimiter=";")
    assert run(data, world.olga) == 1
    report = Report.objects.get()
    assert report.locality == places.a and report.severity == 4
    assert Contact.objects.get(report=report).email == "ba@example.org"


# All or nothing -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_file_with_bad_rows_writes_nothing_and_names_every_bad_row(world, places, in_english):
    rows = [
        row(places),
        row(places, category="weather", severity="9"),
        row(places),
        row(places, observed_on="31/02/2026", summary="ngắn"),
        row(places, observed_on="20/05/2026", received_on="12/05/2026"),
    ]
    errors = refused(csv_file(rows), world.olga)
    assert errors == [
        (3, "Lĩnh vực", "“weather” is not a report category."),
        (3, "Mức độ", "Enter a number from 1 to 4."),
        (5, "Ngày phát hiện", "Enter a valid date."),
        (5, "Nội dung", "Describe the matter in at least 10 characters."),
        (6, "Ngày phát hiện", "The date is in the future."),
    ]
    assert not Report.objects.exists() and not Case.objects.exists()


@pytest.mark.django_db
def test_a_reporter_may_import_only_for_their_own_commune(world, places, in_english):
    bob = UserFactory(username="bob", full_name="Bùi Văn Bảo")
    MembershipFactory(user=bob, unit=world.commune_b, role=Role.REPORTER)
    rows = [row(places, locality=places.b.code), row(places), row(places, locality="99002")]
    errors = refused(csv_file(rows), bob)
    assert errors == [
        (3, "Xã/phường", f"“{places.a.code}” is not a commune you report on."),
        (4, "Xã/phường", "“99002” is not a commune you report on."),
    ]
    assert run(csv_file([rows[0]]), bob) == 1
    assert Report.objects.get().reporting_unit == world.commune_b


@pytest.mark.django_db
def test_a_viewer_cannot_import(world, places, in_english):
    with pytest.raises(ImportRefused, match="You report on no commune"):
        run(csv_file([row(places)]), world.victor)


@pytest.mark.django_db
def test_the_templates_example_row_is_refused(world, places, in_english):
    errors = refused(csv_file([row(places, summary=imports.SAMPLE_SUMMARY)]), world.olga)
    assert errors == [
        (2, "Nội dung", "This is the template's example row: replace it or delete it.")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"a,b\n1,2\n", "phan-anh.txt", "Only .xlsx and .csv files can be imported"),
        (b"L\xe3nh v\xf5c,N\xf4i dung\n", "phan-anh.csv", "is not UTF-8 text"),
        ("Lĩnh vực,Nội dung\nx,y\n".encode(), "phan-anh.csv", "No header row with the columns"),
        (b"PK\x03\x04 broken", "phan-anh.xlsx", "not a valid Excel workbook"),
        (b"not a zip", "phan-anh.xlsx", "not a valid Excel workbook"),
        (",".join(HEADER).encode() + b"\n\n,,,\n", "phan-anh.csv", "The file has no reports"),
    ],
)
def test_an_unreadable_file_is_refused_as_a_whole(
    world, places, in_english, data, filename, message
):
    errors = refused(data, world.olga, filename)
    assert len(errors) == 1 and errors[0][0] == 0 and message in errors[0][2]


@pytest.mark.django_db
def test_files_over_the_limits_are_refused(world, places, in_english, monkeypatch):
    data = csv_file([row(places)] * 3)
    monkeypatch.setattr(imports, "MAX_IMPORT_BYTES", len(data) - 1)
    assert "is larger than" in refused(data, world.olga)[0][2]
    monkeypatch.setattr(imports, "MAX_IMPORT_BYTES", 20 * 1024 * 1024)
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    monkeypatch.setattr(imports, "CHECK_CHUNK", 1)
    monkeypatch.setattr(filing, "FIRST_CHUNK", 1)  # the first row goes to be written first
    assert "more than 2 rows" in refused(data, world.olga)[0][2]
    assert not Report.objects.exists() and not Case.objects.exists()


@pytest.mark.django_db
def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet(world, places, in_english):
    rows = [row(places), ["", "", "", "", ""], row(places, severity="0")]
    assert refused(xlsx_file(rows), world.olga, "x.xlsx") == [
        (5, "Mức độ", "Enter a number from 1 to 4.")  # title line, header, two rows, a blank
    ]


# Joining cases ----------------------------------------------------------------------------


@pytest.fixture
def open_case(world, places) -> Case:
    draft = Intake(world.rita, today=TODAY).clean(
        {
            "category": "environment",
            "locality": places.a.code,
            "observed_on": "2026-05-02",
            "severity": 1,
            "people_affected": 10,
            "summary": "Mùi hôi từ kênh thôn Đông vào buổi tối",
        }
    )
    return services.file_report(draft=draft, by=world.rita, channel="web").case


@pytest.mark.django_db
def test_rows_naming_an_open_case_join_it(world, places, open_case):
    rows = [
        row(places, case=str(open_case.pk), severity="3", people="80"),
        row(places, case=str(open_case.pk), observed_on="12/05/2026", received_on=""),
        row(places),
    ]
    assert run(csv_file(rows), world.olga) == 3
    open_case.refresh_from_db()
    assert open_case.report_count == 3 and open_case.reports.count() == 3
    assert (open_case.severity, open_case.people_affected) == (3, 80)
    assert open_case.last_reported_on == datetime.date(2026, 5, 12)
    assert open_case.version == 2
    kinds = list(open_case.events.values_list("kind", flat=True))
    assert kinds == ["opened", "report", "report"]
    assert Case.objects.count() == 2  # the third row opened its own


@pytest.mark.django_db
def test_a_case_that_cannot_be_joined_is_a_row_error(world, places, open_case, in_english):
    closed = services.close_unresolved(
        case=open_case, version=1, by=world.olga, reason="no_action", text="Không xử lý được"
    )
    rows = [
        row(places, case=str(closed.pk)),
        row(places, case="999999"),
        row(places, case="abc"),
    ]
    assert refused(csv_file(rows), world.olga) == [
        (2, "Mã vụ việc", "This case is not open to new reports."),
        (3, "Mã vụ việc", "This case is not open to new reports."),
        (4, "Mã vụ việc", "Enter a whole number."),
    ]


@pytest.mark.django_db
def test_a_case_of_another_category_or_out_of_reach_is_a_row_error(
    world, places, open_case, in_english
):
    charlie_case = imports.import_reports(
        csv_file([row(places, locality=places.b.code)]), filename="b.csv", by=world.charlie
    )
    assert charlie_case == 1
    other = Case.objects.get(locality=places.b)
    rows = [row(places, case=str(open_case.pk), category="land"), row(places, case=str(other.pk))]
    assert refused(csv_file(rows), world.olga) == [
        (2, "Mã vụ việc", "This case is about another category."),
        (3, "Mã vụ việc", "This case is not open to new reports."),
    ]


@pytest.fixture
def small_chunks(monkeypatch):
    """Rows checked and written a few at a time, as those of a 100,000-row file are."""
    monkeypatch.setattr(imports, "CHECK_CHUNK", 2)
    monkeypatch.setattr(filing, "FIRST_CHUNK", 1)
    monkeypatch.setattr(filing, "BULK_CHUNK", 3)


@pytest.mark.django_db
def test_rows_in_many_chunks_are_each_filed_once(world, places, open_case, small_chunks):
    rows = [row(places, locality=places.b.code, category="land") for _n in range(4)]
    rows += [row(places, case=str(open_case.pk), severity="4")]  # in a later chunk
    rows += [row(places, phone=f"09876543{n:02d}") for n in range(3)]
    assert run(csv_file(rows), world.lena) == 8
    open_case.refresh_from_db()
    assert (open_case.report_count, open_case.severity, open_case.version) == (2, 4, 2)
    new_cases = Case.objects.exclude(pk=open_case.pk)
    assert new_cases.count() == 7 and Report.objects.count() == 9
    for case in new_cases:
        (report,) = case.reports.all()
        assert case.history.get().history_type == "+" and report.history.get().case_id == case.pk
        assert [event.kind for event in case.events.all()] == [CaseEvent.Kind.OPENED]
    assert sorted(contact.phone for contact in Contact.objects.all()) == [
        f"09876543{n:02d}" for n in range(3)
    ]
    assert {contact.report.locality for contact in Contact.objects.all()} == {places.a}


@pytest.mark.django_db
def test_a_bad_row_after_rows_already_written_leaves_nothing_behind(
    world, places, small_chunks, monkeypatch, in_english
):
    sent = []  # the statements given to the writing thread
    execute = filing.WriteBehind.execute
    monkeypatch.setattr(
        filing.WriteBehind,
        "execute",
        lambda self, sql, params: (sent.append(sql), execute(self, sql, params)),
    )
    rows = [row(places) for _n in range(6)] + [row(places, severity="9"), row(places)]
    assert refused(csv_file(rows), world.olga) == [
        (8, "Mức độ", "Enter a number from 1 to 4."),
    ]
    assert sent  # the first rows had gone to be written before row 8 was read
    assert not Case.objects.exists() and not Report.objects.exists()
    assert not Case.history.exists() and not CaseEvent.objects.exists()


@pytest.mark.django_db
def test_the_import_runs_a_bounded_number_of_queries(world, places, django_assert_max_num_queries):
    for size in (5, 60):
        rows = [row(places, phone="0987654321" if n % 2 else "") for n in range(size)]
        with django_assert_max_num_queries(40):
            assert run(csv_file(rows), world.olga) == size


@pytest.mark.django_db
def test_each_responsible_unit_hears_once_of_its_new_cases(
    world, places, django_capture_on_commit_callbacks
):
    rows = [row(places)] * 3 + [row(places, locality=places.b.code)]
    with django_capture_on_commit_callbacks(execute=True):
        run(csv_file(rows), world.lena)
    notices = Notification.objects.filter(kind="case-new").order_by("user__username")
    assert [notice.user.username for notice in notices] == ["alice", "charlie", "olga"]
    assert notices.get(user=world.alice).url.endswith("?status=new")  # one for the three


@given(st.text())
def test_the_bulk_writers_search_text_is_the_folded_title(text):
    assert filing._search_text(text) == fold(text)


# The command -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_imports_a_file_as_a_person(world, places, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDATE_LANGUAGE", "en")
    observed = (timezone.localdate() - datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    path = tmp_path / "phan-anh.csv"
    path.write_bytes(csv_file([row(places, observed_on=observed, received_on="")] * 2))
    out = io.StringIO()
    call_command("import_reports", str(path), "--as", "olga", stdout=out)
    assert out.getvalue().strip() == "2 reports imported."
    assert Report.objects.filter(reported_by=world.olga).count() == 2


@pytest.mark.django_db
def test_the_command_lists_every_bad_row_and_fails(world, places, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDATE_LANGUAGE", "en")
    path = tmp_path / "phan-anh.xlsx"
    path.write_bytes(xlsx_file([row(places, severity="x"), row(places, locality=places.b.code)]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 bad rows"):
        call_command("import_reports", str(path), "--as", "olga", stderr=err)
    assert err.getvalue().splitlines() == [
        "row 3, Mức độ: Enter a whole number.",
        f"row 4, Xã/phường: “{places.b.code}” is not a commune you report on.",
    ]
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_person(world, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDATE_LANGUAGE", "en")
    path = tmp_path / "x.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="No person with the user name nobody"):
        call_command("import_reports", str(path), "--as", "nobody")


# The web page ------------------------------------------------------------------------------


def upload(client, data: bytes, name: str):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("grassroots:report-import"), {"file": file})


@pytest.mark.django_db
def test_the_page_imports_a_file_and_says_how_many(world, places, client_for):
    client = client_for(world.olga)
    assert client.get(reverse("grassroots:report-import")).status_code == 200
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = upload(client, csv_file([row(places, observed_on=today, received_on="")]), "a.csv")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "1" in page.content.decode() and Report.objects.count() == 1
    assert [str(message) for message in page.context["messages"]]


@pytest.mark.django_db
def test_the_page_lists_the_rows_of_a_refused_file(world, places, client_for):
    bob = UserFactory(username="bob", full_name="Bùi Văn Bảo")
    MembershipFactory(user=bob, unit=world.commune_b, role=Role.REPORTER)
    client = client_for(bob)
    today = timezone.localdate().strftime("%d/%m/%Y")
    rows = [
        row(places, locality=places.b.code, observed_on=today, received_on=""),
        row(places, observed_on=today, received_on=""),
    ]
    response = upload(client, xlsx_file(rows), "b.xlsx")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="import-errors"' in page and places.a.code in page
    assert [(error.number, error.column) for error in response.context["errors"]] == [
        (4, "Xã/phường")
    ]
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_page_refuses_other_file_types(world, places, client_for):
    response = upload(client_for(world.olga), b"%PDF-1.4", "phan-anh.pdf")
    assert response.status_code == 200 and response.context["form"].errors["file"]


@pytest.mark.django_db
def test_viewers_and_people_without_a_commune_are_told_they_cannot_import(
    world, places, client_for
):
    for person in (world.victor, UserFactory(username="nobody")):
        client = client_for(person)
        page = client.get(reverse("grassroots:report-import"))
        assert page.status_code == 200 and not page.context["may_import"]
        assert b'type="file"' not in page.content
        file = io.BytesIO(csv_file([row(places)]))
        file.name = "a.csv"
        assert client.post(reverse("grassroots:report-import"), {"file": file}).status_code == 200
        template = client.get(reverse("grassroots:report-import-template"))
        assert template.status_code == 302
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_template_lists_the_categories_and_only_the_communes_one_reports_on(
    world, places, client_for
):
    response = client_for(world.rita).get(reverse("grassroots:report-import-template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Phản ánh", "Danh mục", "Hướng dẫn"]
    sheet = workbook["Phản ánh"]
    header = [cell.value for cell in sheet[1]]
    assert header[:8] == HEADER[:8]
    example = [cell.value for cell in sheet[2]]
    assert example[0] == "environment" and example[1] == places.a.code
    assert example[6] == imports.SAMPLE_SUMMARY
    lists = workbook["Danh mục"]
    codes = {row[4] for row in lists.iter_rows(min_row=2, values_only=True)}
    assert codes - {None, ""} == {places.a.code}  # not b, which rita does not report on
    categories = {row[0] for row in lists.iter_rows(min_row=2, values_only=True)}
    assert {"land", "environment"} <= categories


@pytest.mark.django_db
def test_the_filled_in_template_imports_back(world, places, client_for):
    content = client_for(world.olga).get(reverse("grassroots:report-import-template")).content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Phản ánh"]
    sheet["G2"] = "Đường liên thôn sụt lún sau mưa lớn, xe máy khó đi"
    buffer = io.BytesIO()
    workbook.save(buffer)
    count = imports.import_reports(buffer.getvalue(), filename="mau.xlsx", by=world.olga)
    assert count == 1
    assert Report.objects.get().locality == places.a


@pytest.mark.django_db
def test_rows_copied_after_a_bulk_insert_are_its_own_only(world, places):
    """copy_rows reads back what the insert marked (above the last id, created at its
    instant, by its author): a row another person wrote in between is not copied."""
    from mandate.core.bulk import Inserted, copy_rows, insert_rows

    intake = Intake(world.lena, today=TODAY)
    draft = intake.clean(dict(zip(imports.COLUMNS, row(places)[:7], strict=False)))
    now = timezone.now()
    before = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for by in (world.lena, world.rita, world.lena):
        case = filing._case_row(draft, world.commune_a.pk, by.pk)
        insert_rows(Case, [case], constants={"created_at": now, "updated_at": now})
    mine = Inserted(Case, before, now, "opened_by_id", world.lena.pk)
    lena_ids = list(
        Case.objects.filter(opened_by=world.lena).order_by("pk").values_list("pk", flat=True)
    )
    assert len(lena_ids) == 2
    copy_rows(
        CaseEvent,
        mine,
        columns={"case_id": "id", "to_unit_id": "unit_id"},
        constants={"kind": CaseEvent.Kind.OPENED, "at": now, "actor_id": world.lena.pk},
    )
    events = CaseEvent.objects.order_by("pk")
    assert [event.case_id for event in events] == lena_ids
    assert {(event.to_unit, event.actor, event.text) for event in events} == {
        (world.commune_a, world.lena, "")
    }
    # No author at all is a mark too.
    copy_rows(
        CaseEvent,
        Inserted(Case, before, now, "opened_by_id", None),
        columns={"case_id": "id"},
        constants={"kind": CaseEvent.Kind.OPENED, "at": now},
    )
    assert CaseEvent.objects.count() == 2
