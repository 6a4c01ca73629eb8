"""The training pages: the list, one person's training, the record form, certificates,
requirements, and the gap report that becomes training tasks."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandate.people import services
from mandate.people.forms_training import TrainingForm
from mandate.people.models import PlannedTraining, Requirement, Subject, TrainingRecord
from mandate.work.models import Task
from tests.people.conftest import AS_OF

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def olga_record(world):
    return services.record_training(
        person=world.olga,
        unit=world.commune_a,
        by=world.alice,
        subject=Subject.POLITICAL_THEORY,
        level=2,
        course="Trung cấp lý luận chính trị - hành chính",
        institution="Trường Chính trị Tô Hiệu",
        started_on=datetime.date(2023, 3, 1),
        finished_on=datetime.date(2024, 1, 15),
        certificate=SimpleUploadedFile("bang.pdf", PDF, content_type="application/pdf"),
    )


@pytest.fixture
def charlie_record(world):
    return services.record_training(
        person=world.charlie,
        unit=world.commune_b,
        by=world.charlie,
        subject=Subject.DIGITAL,
        level=1,
        course="Kỹ năng số cơ bản",
        finished_on=datetime.date(2024, 5, 1),
    )


def form_data(world, **changes) -> dict:
    return {
        "who": f"{world.olga.pk}:{world.commune_a.pk}",
        "qualification": "political_theory:3",
        "course": "Cao cấp lý luận chính trị",
        "institution": "Học viện Chính trị quốc gia Hồ Chí Minh",
        "started_on": "2024-09-01",
        "finished_on": "2025-06-30",
        "result": "Khá",
        "certificate_number": "CC-123",
    } | changes


PAGES = [
    ("people:training-index", {}),
    ("people:training-create", {}),
    ("people:training-import", {}),
    ("people:requirement-list", {}),
    ("people:requirement-create", {}),
    ("people:training-gaps", {}),
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_pages_render_in_both_languages(
    world, client_for, olga_record, theory_requirement, name, kwargs, language
):
    world.alice.preferred_language = language
    world.alice.save()
    response = client_for(world.alice).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_persons_page_shows_the_levels_held(world, client_for, olga_record, language):
    world.alice.preferred_language = language
    world.alice.save()
    response = client_for(world.alice).get(
        reverse("people:training-person", kwargs={"pk": world.olga.pk})
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert olga_record.course in body
    assert 'id="levels-held"' in body
    assert reverse("people:training-certificate", kwargs={"pk": olga_record.pk}) in body


def test_the_list_shows_only_visible_records(world, client_for, olga_record, charlie_record):
    body = client_for(world.charlie).get(reverse("people:training-index")).content.decode()
    assert charlie_record.course in body
    assert olga_record.course not in body
    assert world.olga.full_name not in body

    body = client_for(world.lena).get(reverse("people:training-index")).content.decode()
    assert charlie_record.course in body and olga_record.course in body


def test_the_list_filters_by_unit_subject_and_person(
    world, client_for, olga_record, charlie_record
):
    client = client_for(world.lena)
    url = reverse("people:training-index")
    by_unit = client.get(url, {"unit": world.commune_b.pk}).content.decode()
    assert charlie_record.course in by_unit and olga_record.course not in by_unit
    by_subject = client.get(url, {"subject": Subject.POLITICAL_THEORY}).content.decode()
    assert olga_record.course in by_subject and charlie_record.course not in by_subject
    by_name = client.get(url, {"q": "pham van on"}).content.decode()  # no accents typed
    assert olga_record.course in by_name and charlie_record.course not in by_name


def test_the_list_answers_htmx_with_the_rows(world, client_for, olga_record):
    response = client_for(world.alice).get(reverse("people:training-index"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="rows">')
    assert olga_record.course in body


def test_the_list_takes_a_fixed_number_of_queries(
    world, client_for, olga_record, django_assert_max_num_queries
):
    for number in range(5):
        services.record_training(
            person=world.olga,
            unit=world.commune_a,
            by=world.alice,
            subject=Subject.OTHER,
            course=f"Lớp {number}",
        )
    client = client_for(world.alice)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("people:training-index")).status_code == 200


@pytest.mark.parametrize(
    "name", ["people:training-edit", "people:training-certificate", "people:training-delete"]
)
def test_outsider_gets_404_on_a_foreign_record(world, client_for, olga_record, name):
    client = client_for(world.charlie)
    url = reverse(name, kwargs={"pk": olga_record.pk})
    assert 404 in {client.get(url).status_code, client.post(url).status_code}
    assert TrainingRecord.objects.filter(pk=olga_record.pk).exists()


def test_outsider_gets_404_on_a_foreign_person(world, client_for):
    url = reverse("people:training-person", kwargs={"pk": world.olga.pk})
    assert client_for(world.charlie).get(url).status_code == 404


def test_the_certificate_is_served_to_readers(world, client_for, olga_record):
    url = reverse("people:training-certificate", kwargs={"pk": olga_record.pk})
    response = client_for(world.lena).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_record_without_a_certificate_has_none(world, client_for, charlie_record):
    url = reverse("people:training-certificate", kwargs={"pk": charlie_record.pk})
    assert client_for(world.charlie).get(url).status_code == 404


def test_the_person_picker_lists_only_the_units_one_keeps(world, client_for):
    body = client_for(world.charlie).get(reverse("people:training-create")).content.decode()
    assert world.charlie.full_name in body
    assert world.olga.full_name not in body


def test_create_saves_through_the_service(world, client_for):
    certificate = SimpleUploadedFile("bang.pdf", PDF, content_type="application/pdf")
    response = client_for(world.alice).post(
        reverse("people:training-create"), form_data(world, certificate=certificate)
    )
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert (record.person, record.unit, record.level) == (world.olga, world.commune_a, 3)
    assert record.certificate
    assert response["Location"] == reverse("people:training-person", kwargs={"pk": world.olga.pk})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"finished_on": "2099-01-01"}, "The completion date is in the future."),
        ({"finished_on": "2020-01-01"}, "The course ends before it starts."),
        ({"course": ""}, "This field is required."),
        ({"who": "999:999"}, "Select a valid choice."),
    ],
)
def test_form_errors_keep_nothing(world, client_for, in_english, changes, message):
    world.alice.preferred_language = "en"
    world.alice.save()
    response = client_for(world.alice).post(
        reverse("people:training-create"), form_data(world, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_a_file_of_a_refused_type_keeps_nothing(world, client_for):
    world.alice.preferred_language = "en"
    world.alice.save()
    script = SimpleUploadedFile("bang.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client_for(world.alice).post(
        reverse("people:training-create"), form_data(world, certificate=script)
    )
    assert response.status_code == 200
    assert "files of this type are not accepted" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_edit_changes_the_record(world, client_for, olga_record):
    data = form_data(world, qualification="political_theory:4", course="Cử nhân chính trị")
    del data["who"]
    response = client_for(world.alice).post(
        reverse("people:training-edit", kwargs={"pk": olga_record.pk}), data
    )
    assert response.status_code == 302
    olga_record.refresh_from_db()
    assert (olga_record.level, olga_record.course) == (4, "Cử nhân chính trị")
    assert olga_record.certificate  # kept when no new file is sent


def test_a_viewer_cannot_edit_or_delete(world, client_for, olga_record):
    client = client_for(world.victor)  # reads the province, writes nothing
    edit = reverse("people:training-edit", kwargs={"pk": olga_record.pk})
    data = form_data(world, course="Đổi tên")
    del data["who"]
    assert client.post(edit, data).status_code == 200
    client.post(reverse("people:training-delete", kwargs={"pk": olga_record.pk}))
    olga_record.refresh_from_db()
    assert olga_record.course != "Đổi tên"


def test_delete_removes_the_record(world, client_for, olga_record):
    response = client_for(world.alice).post(
        reverse("people:training-delete", kwargs={"pk": olga_record.pk})
    )
    assert response.status_code == 302
    assert not TrainingRecord.objects.exists()


# Requirements --------------------------------------------------------------------------


def test_requirements_shared_down_are_listed(world, client_for, theory_requirement):
    body = client_for(world.charlie).get(reverse("people:requirement-list")).content.decode()
    assert "chuyen vien" in body
    assert "Quy định 57-QĐ/TW" in body
    assert 'id="requirement-new"' not in body


def test_a_leader_sets_a_requirement(world, client_for):
    response = client_for(world.alice).post(
        reverse("people:requirement-create"),
        {
            "unit": world.commune_a.pk,
            "position": "Trưởng ban",
            "target": "state_management:2",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get()
    assert (requirement.unit, requirement.subject, requirement.min_level) == (
        world.commune_a,
        Subject.STATE_MANAGEMENT,
        2,
    )


def test_a_requirement_must_say_whom_it_concerns(world, client_for):
    world.alice.preferred_language = "en"
    world.alice.save()
    response = client_for(world.alice).post(
        reverse("people:requirement-create"),
        {"unit": world.commune_a.pk, "target": "political_theory:2", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "Say whom the requirement concerns" in response.content.decode()
    assert not Requirement.objects.exists()


def test_a_non_leader_cannot_set_requirements(world, client_for):
    client = client_for(world.olga)
    assert client.get(reverse("people:requirement-create")).status_code == 302
    client.post(
        reverse("people:requirement-create"),
        {
            "unit": world.commune_a.pk,
            "position": "x",
            "target": "political_theory:2",
            "valid_from": "2026-01-01",
        },
    )
    assert not Requirement.objects.exists()


# The gap report ------------------------------------------------------------------------


def plan(client, world, staff, theory_requirement, year=2026):
    return client.post(
        reverse("people:training-gaps-plan"),
        {
            "unit": world.commune_a.pk,
            "year": year,
            "gap": [f"{person.pk}:{theory_requirement.pk}" for person in staff],
        },
    )


@time_machine.travel(AS_OF, tick=False)
def test_a_leader_turns_the_gap_report_into_training_tasks(
    world, client_for, staff, theory_requirement
):
    """The acceptance scenario: the head opens the report, sees three officers missing the
    political theory level, and makes training tasks of them."""
    client = client_for(world.alice)
    body = client.get(reverse("people:training-gaps")).content.decode()
    for person in staff:
        assert person.full_name in body
    assert body.count('name="gap"') == 3
    assert world.charlie.full_name not in body

    response = plan(client, world, staff, theory_requirement)
    assert response.status_code == 302
    assert Task.objects.count() == 3
    assert PlannedTraining.objects.filter(year=2026).count() == 3
    followed = client.get(response["Location"]).content.decode()
    assert reverse("work:unit-tasks", kwargs={"pk": world.commune_a.pk}) in followed
    assert followed.count('name="gap"') == 0  # planned: links to the tasks instead
    task = Task.objects.first()
    assert reverse("work:task-detail", kwargs={"pk": task.pk}) in followed

    plan(client, world, staff, theory_requirement)
    assert Task.objects.count() == 3


@time_machine.travel(AS_OF, tick=False)
def test_only_the_ticked_gaps_are_planned(world, client_for, staff, theory_requirement):
    client = client_for(world.alice)
    plan(client, world, staff[:1], theory_requirement)
    assert list(PlannedTraining.objects.values_list("person", flat=True)) == [staff[0].pk]


@time_machine.travel(AS_OF, tick=False)
def test_posted_pairs_that_are_no_gaps_are_ignored(world, client_for, staff, theory_requirement):
    client = client_for(world.lena)
    response = client.post(
        reverse("people:training-gaps-plan"),
        {
            "unit": world.commune_a.pk,
            "year": 2026,
            # charlie is outside commune_a; alice holds no gap
            "gap": [f"{world.charlie.pk}:{theory_requirement.pk}", f"{world.alice.pk}:1"],
        },
    )
    assert response.status_code == 302
    assert not Task.objects.exists()


@time_machine.travel(AS_OF, tick=False)
def test_a_non_leader_cannot_plan(world, client_for, staff, theory_requirement):
    client = client_for(world.olga)
    body = client.get(reverse("people:training-gaps")).content.decode()
    assert 'name="gap"' not in body
    response = plan(client, world, staff, theory_requirement)
    assert response.status_code == 302
    assert not Task.objects.exists()


def test_an_outsider_cannot_plan_a_foreign_unit(world, client_for, staff, theory_requirement):
    response = plan(client_for(world.charlie), world, staff, theory_requirement)
    assert response.status_code == 404
    assert not Task.objects.exists()


def test_the_gap_report_refuses_a_foreign_unit(world, client_for, staff, theory_requirement):
    body = (
        client_for(world.charlie)
        .get(reverse("people:training-gaps"), {"unit": world.commune_a.pk})
        .content.decode()
    )
    assert world.olga.full_name not in body


def test_a_viewer_is_not_offered_to_add_records(world, client_for):
    body = client_for(world.victor).get(reverse("people:training-index")).content.decode()
    assert 'id="training-new"' not in body
    body = client_for(world.alice).get(reverse("people:training-index")).content.decode()
    assert 'id="training-new"' in body


def test_a_refused_subject_or_level_shows_on_the_qualification_field():
    form = TrainingForm({}, user=None, record=TrainingRecord(subject=Subject.POLITICAL_THEORY))
    form.is_valid()
    form.add_service_errors(
        ValidationError({"subject": "bad subject", "level": "bad level", "unit": "elsewhere"})
    )
    assert list(form.errors["qualification"])[-2:] == ["bad subject", "bad level"]
    assert "elsewhere" in form.non_field_errors()
