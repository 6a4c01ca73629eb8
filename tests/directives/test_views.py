import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.directives.models import Document, ReviewMilestone
from tests.directives.conftest import document_type
from tests.factories import DocumentFactory, TaskFactory


def form(**overrides) -> dict:
    values = {
        "unit": "",
        "document_type": document_type("party", "CT").pk,
        "symbol": "Số 35-CT/TW",
        "issuer": "Ban Bí thư",
        "issued_on": "2024-06-01",
        "title": "Chỉ thị về công tác dân vận",
        "summary": "",
        "body": "",
    }
    return {**values, **overrides}


def test_register_a_document_with_a_file(world, client_for):
    client = client_for(world.lena)
    pdf = SimpleUploadedFile(
        "ct35.pdf", "%PDF-1.4 chỉ thị".encode(), content_type="application/pdf"
    )
    response = client.post("/documents/new/", {**form(unit=world.root.pk), "files": [pdf]})
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{document.pk}/"
    assert document.files.get().name == "ct35.pdf"
    page = client.get(response["Location"]).content.decode()
    assert "Số 35-CT/TW" in page
    assert "ct35.pdf" in page


def test_a_bad_number_is_explained_and_nothing_is_saved(world, client_for):
    response = client_for(world.lena).post(
        "/documents/new/", form(unit=world.root.pk, symbol="35/CT-TW")
    )
    assert response.status_code == 200
    assert "35-CT/TW" in response.content.decode()  # the example of the right notation
    assert not Document.objects.exists()


def test_a_bad_file_refuses_the_whole_registration(world, client_for):
    fake = SimpleUploadedFile("ct35.pdf", b"not a pdf", content_type="application/pdf")
    response = client_for(world.lena).post(
        "/documents/new/", {**form(unit=world.root.pk), "files": [fake]}
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_register_search_ignores_diacritics_and_matches_numbers(world, client_for):
    DocumentFactory(unit=world.root, symbol="57-NQ/TW", title="Nghị quyết về đột phá khoa học")
    DocumentFactory(unit=world.root, symbol="80-NQ/TW", title="Nghị quyết về phát triển văn hóa")
    client = client_for(world.lena)
    by_title = client.get("/documents/", {"q": "dot pha khoa hoc"}).content.decode()
    assert "57-NQ/TW" in by_title
    assert "80-NQ/TW" not in by_title
    by_number = client.get("/documents/", {"q": "80-nq"}).content.decode()
    assert "80-NQ/TW" in by_number
    assert "57-NQ/TW" not in by_number


def test_units_below_see_the_department_documents_but_not_the_reverse(world, client_for):
    department = DocumentFactory(unit=world.root, title="Hướng dẫn của Ban")
    commune = DocumentFactory(unit=world.commune_a, title="Kế hoạch của xã Quảng Thành")
    olga = client_for(world.olga)
    assert olga.get(f"/documents/{department.pk}/").status_code == 200
    assert olga.get(f"/documents/{commune.pk}/").status_code == 200
    charlie_list = client_for(world.charlie).get("/documents/").content.decode()
    assert "Hướng dẫn của Ban" in charlie_list
    assert "Kế hoạch của xã Quảng Thành" not in charlie_list


def test_document_page_lists_the_tasks_that_implement_it(world, client_for):
    document = DocumentFactory(unit=world.root)
    task = TaskFactory(
        plan__unit=world.commune_a,
        content="Tuyên truyền chỉ thị ở thôn Đông",
        due_on=datetime.date(2026, 3, 1),
    )
    task.source_documents.add(document)
    page = client_for(world.lena).get(f"/documents/{document.pk}/").content.decode()
    assert "Tuyên truyền chỉ thị ở thôn Đông" in page


def test_issue_gives_the_next_number(world, client_for, party_profile):
    client = client_for(world.lena)
    values = {
        "unit": world.root.pk,
        "document_type": document_type("party", "KH").pk,
        "issued_on": "2026-03-02",
        "title": "Kế hoạch tuyên truyền",
        "summary": "",
    }
    client.post("/documents/issue/", values)
    client.post("/documents/issue/", values)
    assert sorted(Document.objects.values_list("symbol", flat=True)) == [
        "01-KH/BTGDVTU",
        "02-KH/BTGDVTU",
    ]


def test_milestone_is_scheduled_and_completed(world, client_for):
    document = DocumentFactory(unit=world.root)
    client_for(world.lena).post(
        f"/documents/{document.pk}/milestones/",
        {
            "kind": "preliminary",
            "title": "Sơ kết 1 năm",
            "due_on": "2026-12-15",
            "responsible_unit": world.commune_a.pk,
            "repeat_every_months": 12,
        },
    )
    milestone = ReviewMilestone.objects.get()
    client_for(world.alice).post(f"/documents/milestones/{milestone.pk}/complete/")
    assert ReviewMilestone.objects.get(pk=milestone.pk).done_on is not None
    assert ReviewMilestone.objects.filter(previous=milestone).exists()


def test_document_list_runs_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    for number in range(40):
        DocumentFactory(unit=world.root, symbol=f"{number + 1}-KL/TW")
    client = client_for(world.lena)
    with django_assert_max_num_queries(10):
        assert client.get("/documents/").status_code == 200


def test_file_download_is_scoped(world, client_for):
    document = DocumentFactory(unit=world.commune_a)
    client_for(world.alice).post(
        f"/documents/{document.pk}/files/",
        {"files": [SimpleUploadedFile("a.pdf", b"%PDF-1.4", content_type="application/pdf")]},
    )
    stored = document.files.get()
    assert client_for(world.alice).get(f"/documents/files/{stored.pk}/").status_code == 200
    assert client_for(world.charlie).get(f"/documents/files/{stored.pk}/").status_code == 404
