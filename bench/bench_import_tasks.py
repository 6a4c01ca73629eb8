"""Import a 5,000-row task sheet into a plan (issue 3, Speed: under 20 s on SQLite).

Builds a fresh SQLite database in a temporary directory: a department with 120 units
below it (divisions, agencies, communes), 40 guiding documents and a leader; writes a
5,000-row sheet with openpyxl; then times `work.sheets.import_plan_tasks` three times,
each into a fresh plan, and records median, min and max in bench/RESULTS.md.

    python bench/bench_import_tasks.py
"""

import datetime
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

ROWS = 5_000
UNITS = 120
RUNS = 3
TARGET_SECONDS = 20


def setup_django(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "mandate.settings"
    os.environ["MANDATE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # the SQLite default is what the target is about
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build_world(rng: random.Random):
    from mandate.directives.models import Document, DocumentType
    from mandate.org.models import Membership, Role, Unit, User
    from mandate.org.services import save_new_unit

    root = save_new_unit(unit=Unit(name="Ban Tuyên giáo và Dân vận Tỉnh ủy", kind="department"))
    kinds = ["division", "agency", "commune"]
    units = [
        save_new_unit(
            unit=Unit(
                name=f"Đơn vị trực thuộc số {n:03d}",
                abbreviation=f"DV{n:03d}",
                kind=kinds[n % 3],
                parent=root,
            )
        )
        for n in range(UNITS)
    ]
    leader = User.objects.create_user(username="bench", full_name="Người đo", email="b@example.org")
    Membership.objects.create(user=leader, unit=root, role=Role.LEADER)
    kind = DocumentType.objects.get(profile="party", code="CT")
    symbols = [f"{n}-CT/TU" for n in range(1, 41)]
    for symbol in symbols:
        Document.objects.create(
            unit=root,
            document_type=kind,
            symbol=symbol,
            issuer="Ban Thường vụ Tỉnh ủy",
            issued_on=datetime.date(2025, 12, 1),
            title=f"Chỉ thị {symbol}",
        )
    return root, units, leader, symbols


def build_sheet(rng: random.Random, root, units, symbols) -> bytes:
    from openpyxl import Workbook

    from mandate.work.sheets import TASK_COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhiệm vụ")
    sheet.append(TASK_COLUMNS)
    recurrences = ["", "", "", "hằng tháng", "hằng quý", "hằng năm"]
    for n in range(ROWS):
        due = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(30, 365))
        lead = rng.choice(units)
        partners = rng.sample(units, rng.randrange(0, 4))
        sheet.append(
            [
                f"Tuyên truyền, quán triệt nhiệm vụ số {n} trong cán bộ, đảng viên và nhân dân",
                "Hội nghị, tọa đàm, tuyên truyền trên báo chí",
                "Báo cáo kết quả thực hiện",
                due - datetime.timedelta(days=30),
                due if n % 2 else due.strftime("%d/%m/%Y"),
                lead.abbreviation if n % 3 else lead.name,
                "; ".join(unit.name for unit in partners),
                "; ".join(rng.sample(symbols, rng.randrange(1, 3))),
                "x" if n % 7 == 0 else "",
                "Vận dụng phù hợp với điều kiện địa phương" if n % 5 == 0 else "",
                rng.choice(recurrences),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    rng = random.Random(20260101)
    with tempfile.TemporaryDirectory(prefix="mandate-bench-") as data_dir:
        setup_django(data_dir)
        from bench.common import median, record
        from mandate.work.models import Task
        from mandate.work.services import create_plan
        from mandate.work.sheets import import_plan_tasks

        root, units, leader, symbols = build_world(rng)
        data = build_sheet(rng, root, units, symbols)
        timings = []
        for run in range(RUNS):
            plan = create_plan(
                unit=root,
                title=f"Kế hoạch năm 2026, lần đo {run + 1}",
                period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 12, 31),
                by=leader,
            )
            started = time.perf_counter()
            summary = import_plan_tasks(plan=plan, data=data, by=leader)
            timings.append(time.perf_counter() - started)
            assert summary.created == ROWS == Task.objects.filter(plan=plan).count()
            assert plan.tasks.model.history.filter(plan_id=plan.pk).count() == ROWS
            print(f"run {run + 1}: {timings[-1]:.2f} s")

    verdict = "meets" if max(timings) < TARGET_SECONDS else "MISSES"
    body = (
        f"A {ROWS:,}-row .xlsx sheet ({len(data) / 1024:.0f} KiB; {UNITS + 1} units, "
        f"{len(symbols)} guiding documents, up to 3 coordinating units and 2 documents "
        "per row) imported into a fresh plan with `work.sheets.import_plan_tasks` on the "
        f"SQLite default, {RUNS} runs: reading, checking every row, and writing tasks, "
        "their links and their history rows in one transaction.\n\n"
        "| median | min | max | target |\n"
        "| --- | --- | --- | --- |\n"
        f"| {median(timings):.2f} s | {min(timings):.2f} s | {max(timings):.2f} s "
        f"| < {TARGET_SECONDS} s ({verdict}) |\n"
    )
    record("Import 5,000 tasks from .xlsx", body, "python bench/bench_import_tasks.py")
    print(body)


if __name__ == "__main__":
    main()
