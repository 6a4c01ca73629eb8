"""Fill a fresh SQLite database with the demo organisation, 200,000 tasks and 1,000,000 updates.

The organisation (Hải Phòng's 114 communes, the department, its divisions and agencies,
about 300 people) and the guiding documents come from the demo seed; the work programme
is written with raw bulk inserts (executemany through Django's connection, in
transactions), deterministic for a given seed:

- a plan per unit and year (2025, 2026): 260 plans;
- the department's plans hold 2,500 tasks each, 200 of them key tasks cascaded to all
  114 communes; divisions 1,500 tasks a plan, agencies 1,000, communes 450;
- coordination requests from the divisions' tasks to agencies and communes;
- 1,000,000 progress updates, never after the demo's reference date, consistent with
  their tasks (progress = last percent, 100 % completes the task, version = 1 + updates);
- one history row per task, as bulk_create_with_history would leave.

    MANDATE_DATA_DIR=var/bench python bench/generate.py

Writes `generated.json` next to the database: counts, timings and the ids of the
objects the page benchmark opens.
"""

import datetime
import json
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

TASKS = 200_000
UPDATES = 1_000_000
SEED = 20_261_127
BATCH = 20_000
YEARS = (2025, 2026)
PLAN_SIZES = {"department": 2_500, "division": 1_500, "agency": 1_000, "commune": 450}
KEY_TASKS_PER_DEPARTMENT_PLAN = 200
BIG_TASK_UPDATES = 150  # the task the detail page benchmark opens
STAMP = "2026-01-05 01:00:00"  # created_at / updated_at of generated rows (UTC)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    os.environ.setdefault("MANDATE_HTTPS", "false")
    os.environ.setdefault("MANDATE_MANIFEST_STATIC", "false")
    os.environ.pop("DATABASE_URL", None)  # the targets are about the SQLite default
    import django

    django.setup()


def _log(message: str) -> None:
    print(message, flush=True)


class Insert:
    """INSERT of rows given as dicts of column values; missing columns take the field default."""

    def __init__(self, model, *, skip=("id",), columns: list[str] | None = None):
        fields = [field for field in model._meta.concrete_fields if field.column not in skip]
        if columns is not None:  # rows come as tuples in this order; the others are nullable
            by_column = {field.column: field for field in fields}
            fields = [by_column[column] for column in columns]
        self.table = model._meta.db_table
        self.columns = [field.column for field in fields]
        # "" for text fields, None for nullable ones and keys, the declared default otherwise.
        self.defaults = {field.column: field.get_default() for field in fields}

    def sql(self) -> str:
        names = ", ".join(f'"{column}"' for column in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        # Names come from the models, values go as parameters.
        return f'INSERT INTO "{self.table}" ({names}) VALUES ({marks})'  # noqa: S608

    def row(self, values: dict) -> tuple:
        return tuple(values.get(column, self.defaults[column]) for column in self.columns)


def write(cursor, insert: Insert, rows) -> int:
    """executemany in batches; `rows` yields tuples in `insert.columns` order."""
    sql, batch, count = insert.sql(), [], 0
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            cursor.executemany(sql, batch)
            count, batch = count + len(batch), []
    if batch:
        cursor.executemany(sql, batch)
        count += len(batch)
    return count


class Days:
    """ISO strings of day ordinals, computed once."""

    def __init__(self):
        first = datetime.date(2024, 1, 1).toordinal()
        self.base = first
        self.text = [
            datetime.date.fromordinal(first + offset).isoformat() for offset in range(365 * 8)
        ]

    def __call__(self, ordinal: int | None) -> str | None:
        return None if ordinal is None else self.text[ordinal - self.base]


def content_pool() -> dict[str, list[tuple[str, str, str]]]:
    """(content, method, output) of the demo's catalogue, by the kind of lead unit."""
    from mandate.work import demo

    department = demo.department_2025() + demo.department_2026() + demo.strategy_57()
    divisions = demo.propaganda_division(2025) + demo.propaganda_division(2026)
    divisions += demo.mass_mobilisation_division()
    communes = [
        spec
        for year in YEARS
        for model in demo.MODELS
        for spec in demo.commune(year, "{place}", model)
    ]
    as_rows = lambda specs: [(s.content, s.method, s.output) for s in specs]  # noqa: E731
    return {
        "department": as_rows(department),
        "division": as_rows(divisions + department),
        "agency": as_rows(divisions),
        "commune": as_rows(communes),
    }


class Programme:
    """The plans, tasks and updates, as rows, with the statuses the demo uses."""

    def __init__(self, rng: random.Random, *, units, staff, leader_id: int, documents):
        from mandate.core.text import fold
        from mandate.work import demo

        self.rng, self.fold, self.demo = rng, fold, demo
        self.days = Days()
        self.today = demo.REFERENCE_DATE.toordinal()
        self.units, self.staff, self.leader_id = units, staff, leader_id
        self.units_by_id = {unit["id"]: unit for unit in units}
        self.documents = documents
        self.pool = content_pool()
        self.folded: dict[str, str] = {}
        self.plans: list[dict] = []
        self.tasks: list[dict] = []
        self.update_counts: list[int] = []
        self.sources: list[tuple[int, int]] = []
        self.coordinating: list[tuple[int, int]] = []

    # Plans and tasks -------------------------------------------------------------

    def build(self, *, tasks: int) -> None:
        communes = [unit for unit in self.units if unit["kind"] == "commune"]
        for unit in self.units:
            for year in YEARS:
                self.plan(unit, year, communes)
        self.coordination(tasks - len(self.tasks))

    def kind_of(self, unit: dict) -> str:
        if unit["depth"] == 0:
            return "department"
        if unit["kind"] in ("division", "commune"):
            return unit["kind"]
        return "agency"

    def plan(self, unit: dict, year: int, communes: list[dict]) -> None:
        kind = self.kind_of(unit)
        draft = kind == "commune" and year == 2026 and unit["id"] % 3 == 0
        plan_id = len(self.plans) + 1
        self.plans.append(
            {
                "id": plan_id,
                "created_at": STAMP,
                "updated_at": STAMP,
                "title": f"Chương trình công tác năm {year} của {unit['name']}",
                "period_start": f"{year}-01-01",
                "period_end": f"{year}-12-31",
                "status": "draft" if draft else "approved",
                "approved_at": None if draft else f"{year - 1}-12-28 01:30:00",
                "approved_by_id": None if draft else self.leader_id,
                "created_by_id": self.author(unit["id"]),
                "unit_id": unit["id"],
            }
        )
        keys = KEY_TASKS_PER_DEPARTMENT_PLAN if kind == "department" else 0
        for number in range(PLAN_SIZES[kind]):
            task = self.task(unit, year, kind, plan_id=plan_id, is_key=number < keys)
            if number < keys:
                for commune in communes:
                    self.child(task, commune, "cascade")

    def task(self, unit: dict, year: int, kind: str, *, plan_id: int, is_key: bool) -> dict:
        rng = self.rng
        content, method, output = rng.choice(self.pool[kind])
        content = content.replace("{place}", unit["name"].removeprefix("Đảng ủy "))
        due = datetime.date(year, 1, 1).toordinal() + rng.randint(20, 364)
        start = max(datetime.date(year, 1, 1).toordinal(), due - rng.randint(10, 150))
        task = self.row(
            unit["id"],
            content,
            start,
            due,
            plan_id=plan_id,
            method=method,
            expected_output=output,
            is_key=is_key,
            origin="plan",
        )
        if self.documents and rng.random() < 0.7:
            self.sources.append((task["id"], rng.choice(self.documents)))
        return task

    def child(self, parent: dict, unit: dict, origin: str, content: str | None = None) -> dict:
        due = parent["_due"] if origin == "cascade" else parent["_due"] - self.rng.randint(5, 30)
        start = parent["_start"] if origin == "cascade" else due - 30
        child = self.row(
            unit["id"],
            content or parent["content"],
            start,
            due,
            parent_id=parent["id"],
            origin=origin,
            method=parent["method"] if origin == "cascade" else "",
            expected_output=parent["expected_output"] if origin == "cascade" else "",
            is_key=parent["is_key"] and origin == "cascade",
            start_on=self.days(start) if origin == "cascade" else None,
        )
        if origin == "coordination":
            self.coordinating.append((parent["id"], unit["id"]))
        return child

    def coordination(self, count: int) -> None:
        rng = self.rng
        targets = [unit for unit in self.units if self.kind_of(unit) in ("agency", "commune")]
        parents = [task for task in self.tasks if task["_kind"] == "division"]
        for parent in rng.sample(parents, count):
            unit = rng.choice(targets)
            content = f"Phối hợp thực hiện: {parent['content'][:200]}"
            self.child(parent, unit, "coordination", content)

    def row(self, unit_id: int, content: str, start: int, due: int, **fields) -> dict:
        status, completed, count = self.outcome(start, due)
        folded = self.folded.get(content) or self.folded.setdefault(content, self.fold(content))
        task = {
            "id": len(self.tasks) + 1,
            "created_at": STAMP,
            "updated_at": STAMP,
            "search_text": folded,
            "content": content,
            "start_on": self.days(start),
            "due_on": self.days(due),
            "lead_unit_id": unit_id,
            "status": status,
            "completed_on": self.days(completed),
            "created_by_id": self.author(unit_id),
            "_start": start,
            "_due": due,
            "_end": completed or min(self.today, due + 20),
            "_kind": self.kind_of(self.units_by_id[unit_id]),
            **fields,
        }
        self.tasks.append(task)
        self.update_counts.append(count)
        return task

    def outcome(self, start: int, due: int) -> tuple[str, int | None, int]:
        """Status, completion day and number of updates, as the demo draws them."""
        rng, today = self.rng, self.today
        if start > today:
            return "not_started", None, 0
        draw = rng.random()
        if due < today:
            if draw < 0.72:
                return "done", rng.randint(max(start, due - 20), due), rng.randint(2, 8)
            if draw < 0.84:
                return "done", min(today, due + rng.randint(2, 40)), rng.randint(2, 8)
            if draw < 0.86:
                return "cancelled", None, rng.randint(1, 2)
            if draw < 0.95:
                return "in_progress", None, rng.randint(1, 8)
            return "not_started", None, 0
        if draw < 0.15 and today - start > 14:
            return "done", rng.randint(start + 7, today), rng.randint(2, 8)
        if draw < 0.8:
            return "in_progress", None, rng.randint(1, 8)
        return "not_started", None, 0

    def author(self, unit_id: int) -> int:
        staff = self.staff.get(unit_id)
        return self.rng.choice(staff) if staff else self.leader_id

    # Updates ---------------------------------------------------------------------

    def balance(self, total: int, big_task_id: int) -> None:
        """Adjust the per-task update counts so that they add up to `total` exactly."""
        counts, rng = self.update_counts, self.rng
        counts[big_task_id - 1] = BIG_TASK_UPDATES
        self.tasks[big_task_id - 1].update(status="in_progress", completed_on=None)
        self.tasks[big_task_id - 1]["_end"] = self.today
        eligible = [index for index, count in enumerate(counts) if count > 0]
        difference = total - sum(counts)
        while difference:
            index = rng.choice(eligible)
            if difference > 0:
                counts[index] += 1
                difference -= 1
            elif counts[index] > 2:
                counts[index] -= 1
                difference += 1

    def updates(self, texts: list[str], done_texts: list[str]):
        """Rows of TaskUpdate; also sets each task's progress and version."""
        rng, days = self.rng, self.days
        randint, choice = rng.randint, rng.choice
        for task, count in zip(self.tasks, self.update_counts, strict=True):
            task["version"] = 1 + count + (task["status"] == "cancelled")
            if not count:
                task["progress"] = 0
                continue
            done = task["status"] == "done"
            first, last = task["_start"], max(task["_start"], task["_end"])
            steps = count - 1 if done else count
            dates = sorted(randint(first, last) for _n in range(steps))
            percents = sorted(randint(5, 95) for _n in range(steps))
            staff = self.staff.get(task["lead_unit_id"]) or [self.leader_id]
            for day, percent in zip(dates, percents, strict=True):
                yield (days(day), percent, choice(texts), STAMP, choice(staff), task["id"])
            if done:
                yield (days(last), 100, choice(done_texts), STAMP, choice(staff), task["id"])
                task["progress"] = 100
            else:
                task["progress"] = percents[-1]


def update_texts(rng: random.Random) -> tuple[list[str], list[str]]:
    from mandate.work import demo

    texts = list(demo.START)
    for template in demo.MIDDLE + demo.MIDDLE_COMMUNE:
        texts += [template.format(n=rng.randint(2, 30), m=rng.randint(40, 900)) for _n in range(20)]
    return texts, list(demo.DONE)


def seed_organisation(rng: random.Random) -> None:
    from django.db import transaction

    from mandate.directives import demo as directives_demo
    from mandate.org import demo as org_demo

    with transaction.atomic():
        org_demo.seed(rng=rng, log=_log)
        directives_demo.seed(rng=rng, log=_log)


def generate(*, tasks: int = TASKS, updates: int = UPDATES, seed: int = SEED) -> dict:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from mandate.directives.models import Document
    from mandate.org.models import Membership, Unit, User
    from mandate.work.models import Plan, Task, TaskUpdate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if Unit.objects.dangerously_unscoped().exists():
        raise SystemExit(f"{settings.DATABASES['default']['NAME']} is not empty; remove it first.")
    rng = random.Random(seed)
    seed_organisation(rng)
    timings = {"organisation": time.perf_counter() - started}

    units = list(
        Unit.objects.dangerously_unscoped().order_by("pk").values("id", "name", "kind", "depth")
    )
    staff = defaultdict(list)
    for unit_id, user_id in (
        Membership.objects.dangerously_unscoped()
        .filter(role__in=["leader", "officer"])
        .order_by("pk")
        .values_list("unit_id", "user_id")
    ):
        staff[unit_id].append(user_id)
    leader_id = User.objects.get(username="lanhdao").pk
    documents = list(
        Document.objects.dangerously_unscoped().order_by("pk").values_list("pk", flat=True)
    )

    mark = time.perf_counter()
    programme = Programme(rng, units=units, staff=staff, leader_id=leader_id, documents=documents)
    programme.build(tasks=tasks)
    root_id = units[0]["id"]
    department_plan = next(
        p for p in programme.plans if p["unit_id"] == root_id and p["period_start"] >= "2026"
    )
    big = next(
        t for t in programme.tasks if t["is_key"] and t.get("plan_id") == department_plan["id"]
    )
    programme.balance(updates, big["id"])
    texts, done_texts = update_texts(rng)
    update_rows = list(programme.updates(texts, done_texts))
    timings["build rows"] = time.perf_counter() - mark

    mark = time.perf_counter()
    history = Insert(Task.history.model, skip=("history_id",))
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB while writing
    with transaction.atomic(), connection.cursor() as cursor:
        write(cursor, Insert(Plan, skip=()), map(Insert(Plan, skip=()).row, programme.plans))
        task_insert = Insert(Task, skip=())
        write(cursor, task_insert, map(task_insert.row, programme.tasks))
        write(
            cursor,
            history,
            (
                history.row(
                    {
                        **task,
                        "history_date": STAMP,
                        "history_type": "+",
                        "history_user_id": task["created_by_id"],
                    }
                )
                for task in programme.tasks
            ),
        )
    timings["insert plans and tasks"] = time.perf_counter() - mark

    mark = time.perf_counter()
    columns = ["reported_on", "percent", "text", "created_at", "author_id", "task_id"]
    update_insert = Insert(TaskUpdate, columns=columns)
    with transaction.atomic(), connection.cursor() as cursor:
        written = write(cursor, update_insert, update_rows)
        links = [
            (Task.source_documents.through, "document_id", programme.sources),
            (Task.coordinating_units.through, "unit_id", programme.coordinating),
        ]
        for through, column, pairs in links:
            insert = Insert(through)
            rows = ({"task_id": task, column: other} for task, other in sorted(set(pairs)))
            write(cursor, insert, map(insert.row, rows))
    timings["insert updates"] = time.perf_counter() - mark
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    officer = User.objects.get(username="canbo.xa")
    commune_id = officer.memberships.get().unit_id
    commune_plan = next(
        p for p in programme.plans if p["unit_id"] == commune_id and p["period_start"] >= "2026"
    )
    commune_child = max(
        (t for t in programme.tasks if t["lead_unit_id"] == commune_id and t.get("parent_id")),
        key=lambda task: programme.update_counts[task["id"] - 1],
    )
    timings["total"] = time.perf_counter() - started
    summary = {
        "seed": seed,
        "plans": len(programme.plans),
        "tasks": len(programme.tasks),
        "updates": written,
        "cascaded": sum(1 for t in programme.tasks if t["origin"] == "cascade"),
        "coordination": sum(1 for t in programme.tasks if t["origin"] == "coordination"),
        "timings": {name: round(seconds, 1) for name, seconds in timings.items()},
        "objects": {
            "department_plan": department_plan["id"],
            "commune_plan": commune_plan["id"],
            "big_task": big["id"],
            "commune_task": commune_child["id"],
            "commune_unit": commune_id,
        },
    }
    # As `mandate seed` and `mandate tick` do after bulk writes: the planner's statistics.
    from mandate.core.db import refresh_statistics

    refresh_statistics()
    Path(settings.DATA_DIR, "generated.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    if not os.environ.get("MANDATE_DATA_DIR"):
        raise SystemExit("Set MANDATE_DATA_DIR to the directory of the database to fill.")
    setup_django()
    summary = generate()
    _log(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
