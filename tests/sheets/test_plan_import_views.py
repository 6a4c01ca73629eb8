"""The plan import page: upload, the error table, limits and scope."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandate.core.uploads import MAX_UPLOAD_BYTES
from mandate.work.models import Plan, Task
from tests.factories import PlanFactory
from tests.sheets.helpers import task_row, workbook_bytes


def upload(data: bytes, name: str = "nhiem-vu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_the_form_offers_the_template(world, plan, client_for):
    response = client_for(world.lena).get(reverse("work:plan-import", kwargs={"pk": plan.pk}))

    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert reverse("work:task-template") in body


def test_a_good_sheet_imports_and_goes_back_to_the_plan(world, plan, client_for):
    rows = [
        task_row(content=f"Nhiệm vụ {n}", due="30/06/2026", lead=world.root.name) for n in range(3)
    ]
    response = client_for(world.lena).post(
        reverse("work:plan-import", kwargs={"pk": plan.pk}),
        {"file": upload(workbook_bytes(rows))},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/work/plans/{plan.pk}/"
    assert plan.tasks.count() == 3


def test_bad_rows_are_listed_and_nothing_is_imported(world, plan, client_for):
    rows = [
        task_row(content="Nhiệm vụ tốt", due="30/06/2026", lead=world.root.name),
        task_row(content="Sai hạn", due="30/06/2030", lead=world.root.name),
        task_row(content=None, due="30/06/2026", lead=world.root.name),
        task_row(content="Sai đơn vị", due="30/06/2026", lead="Không tồn tại"),
    ]
    world.lena.preferred_language = "en"
    world.lena.save()
    response = client_for(world.lena).post(
        reverse("work:plan-import", kwargs={"pk": plan.pk}),
        {"file": upload(workbook_bytes(rows))},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "3 bad rows" in body
    table = body[body.index('id="import-errors"') :]
    for number, column in [(3, "Hạn hoàn thành"), (4, "Nội dung nhiệm vụ"), (5, "Đơn vị chủ trì")]:
        assert f'<td class="text-end">{number}</td>\n        <td>{column}</td>' in table
    assert "no unit is called “Không tồn tại”" in body
    assert not plan.tasks.exists()


def test_a_locked_plan_is_refused(world, plan, client_for):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    rows = [task_row(content="a", due="30/06/2026", lead=world.root.name)]
    client = client_for(world.lena)
    url = reverse("work:plan-import", kwargs={"pk": plan.pk})

    assert 'type="file"' not in client.get(url).content.decode()
    response = client.post(url, {"file": upload(workbook_bytes(rows))})
    assert response.status_code == 200
    assert not plan.tasks.exists()


def test_a_viewer_is_told_and_nothing_is_imported(world, plan, client_for):
    rows = [task_row(content="a", due="30/06/2026", lead=world.root.name)]
    response = client_for(world.victor).post(
        reverse("work:plan-import", kwargs={"pk": plan.pk}), {"file": upload(workbook_bytes(rows))}
    )
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert not plan.tasks.exists()


def test_an_outsiders_plan_is_404(world, client_for):
    plan = PlanFactory(unit=world.commune_a)
    rows = [task_row(content="a", due="30/06/2026", lead=world.commune_a.name)]
    client = client_for(world.charlie)
    url = reverse("work:plan-import", kwargs={"pk": plan.pk})

    assert client.get(url).status_code == 404
    assert client.post(url, {"file": upload(workbook_bytes(rows))}).status_code == 404
    assert not Task.objects.filter(plan=plan).exists()


def test_only_xlsx_files_are_accepted(world, plan, client_for):
    world.lena.preferred_language = "en"
    world.lena.save()
    response = client_for(world.lena).post(
        reverse("work:plan-import", kwargs={"pk": plan.pk}),
        {"file": upload(b"content,due\n", name="nhiem-vu.csv")},
    )
    assert response.status_code == 200
    assert "Only Excel .xlsx files are accepted" in response.content.decode()


def test_a_renamed_file_is_refused(world, plan, client_for):
    world.lena.preferred_language = "en"
    world.lena.save()
    response = client_for(world.lena).post(
        reverse("work:plan-import", kwargs={"pk": plan.pk}),
        {"file": upload(b"MZ\x90\x00 an executable", name="nhiem-vu.xlsx")},
    )
    assert "does not look like a .xlsx file" in response.content.decode()


def test_files_over_the_size_limit_are_refused(world, plan, client_for):
    world.lena.preferred_language = "en"
    world.lena.save()
    big = b"PK\x03\x04" + b"\0" * MAX_UPLOAD_BYTES
    response = client_for(world.lena).post(
        reverse("work:plan-import", kwargs={"pk": plan.pk}), {"file": upload(big)}
    )
    assert "is larger than 10 MB" in response.content.decode()
    assert not plan.tasks.exists()


def test_an_unreadable_workbook_gets_one_clear_error(world, plan, client_for):
    world.lena.preferred_language = "en"
    world.lena.save()
    response = client_for(world.lena).post(
        reverse("work:plan-import", kwargs={"pk": plan.pk}),
        {"file": upload(b"PK\x03\x04 a damaged archive")},
    )
    body = response.content.decode()
    assert "The file is not a valid Excel workbook (.xlsx)" in body
    assert 'id="import-errors"' not in body
