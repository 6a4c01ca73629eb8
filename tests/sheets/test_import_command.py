import datetime

import pytest
from django.core.management import CommandError, call_command

from mandate.work.models import Task
from tests.sheets.helpers import task_row, workbook_bytes


def test_command_imports_a_sheet_as_a_person(world, plan, tmp_path, capsys):
    path = tmp_path / "nhiem-vu.xlsx"
    path.write_bytes(
        workbook_bytes(
            [
                task_row(
                    content="Hội nghị báo cáo viên quý I",
                    due=datetime.date(2026, 3, 31),
                    lead=world.root.name,
                ),
                task_row(
                    content="Tuyên truyền kỷ niệm 2/9",
                    due=datetime.date(2026, 9, 2),
                    lead=world.commune_a.name,
                ),
            ]
        )
    )
    call_command("import_tasks", str(path), plan=plan.pk, username="lena")
    assert Task.objects.filter(plan=plan).count() == 2
    assert "2" in capsys.readouterr().out


def test_command_refuses_bad_rows_and_imports_nothing(world, plan, tmp_path, capsys):
    path = tmp_path / "nhiem-vu.xlsx"
    path.write_bytes(
        workbook_bytes(
            [
                task_row(content="", due=datetime.date(2026, 3, 31), lead=world.root.name),
                task_row(content="Hội thi", due="31/02/2026", lead="Đơn vị không có"),
            ]
        )
    )
    with pytest.raises(CommandError):
        call_command("import_tasks", str(path), plan=plan.pk, username="lena")
    assert len(capsys.readouterr().err.strip().splitlines()) >= 3
    assert not Task.objects.exists()


def test_command_checks_the_person_can_see_the_plan(world, plan, tmp_path):
    path = tmp_path / "nhiem-vu.xlsx"
    path.write_bytes(workbook_bytes([]))
    with pytest.raises(CommandError):
        call_command("import_tasks", str(path), plan=plan.pk, username="charlie")
