"""Time the dashboard and the annual review on 200,000 tasks and 1,000,000 reports.

Targets, on SQLite: the dashboard answers under 300 ms; the annual review's .docx is
generated in under 10 s.

One database holds both: bench/generate.py's work programme (the demo organisation and
documents, 200,000 tasks, 1,000,000 updates), then bench/generate_grassroots.py's
reports drawn for that same organisation (its routing, 1,000,000 reports, their cases
and timelines). It is built once in var/bench-reviews/ (delete the folder to rebuild
it). The tasks and updates are generate.py's fixed sizes (its plans hold 200,000 tasks,
and every task with updates keeps at least two); the reports can be fewer for a
quick run:

    python bench/bench_reviews.py
    BENCH_REPORTS=100000 python bench/bench_reviews.py

The dashboard goes through Django's test client for the department's leader (the whole
department) and a commune officer: the cache emptied and one request timed ("first"),
a few more warm up, then REQUESTS are timed and the SQL queries of one more are counted.
Its task and case figures are cached until a task or a case changes, so the leader's
page is timed again with a task changed before each request. The annual review is
timed through the functions `mandate review annual` calls (`annual_review`, then
`review_docx` and `review_xlsx`), RUNS times each, the cache emptied before each run.
"""

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

REPORTS = int(os.environ.get("BENCH_REPORTS", 1_000_000))
SECTION = "Dashboard and annual review (200,000 tasks, 1,000,000 reports)"
REQUESTS = 20
UNCACHED_REQUESTS = 10
WARM_UP = 3
RUNS = 3
TARGET_DASHBOARD_MS = 300
TARGET_DOCX_S = 10
YEAR = 2026  # the demo's reference year, the "current year" of the generated data
REFERENCE_MONTH = "11/2026"  # the month of the demo's reference day, where rows change


def prepare() -> dict:
    """Settings for the cached database; build it first if it is missing, incomplete or
    holds another number of reports."""
    default = ROOT / "var" / "bench-reviews"
    data_dir = Path(os.environ.setdefault("MANDATE_DATA_DIR", str(default)))
    data_dir.mkdir(parents=True, exist_ok=True)
    from bench import generate

    generate.setup_django()
    summary = data_dir / "generated.json"
    if summary.exists() and json.loads(summary.read_text())["sizes"]["reports"] != REPORTS:
        summary.unlink()  # built with another number of reports
    if not summary.exists():
        for leftover in data_dir.glob("mandate.sqlite3*"):
            leftover.unlink()  # an interrupted build
        print(f"Building the benchmark database in {data_dir} (several minutes)…", flush=True)
        work = generate.generate()
        (data_dir / "generated.json").unlink()  # written by generate(): not complete yet
        grassroots = add_reports(reports=REPORTS)
        summary.write_text(
            json.dumps(
                {"sizes": {"reports": REPORTS}, "work": work, "grassroots": grassroots}, indent=2
            )
        )
    else:
        from django.core.management import call_command

        from mandate.core.db import refresh_statistics

        # Indexes added since the database was built are created here, as on a server.
        call_command("migrate", verbosity=0)
        refresh_statistics()
    return json.loads(summary.read_text())


def add_reports(*, reports: int) -> dict:
    """generate_grassroots.generate() without its organisation, which generate.generate()
    has already seeded: its routing, reports, cases and timelines, loaded the same way."""
    from collections import defaultdict

    from django.db import connection, transaction

    from bench.generate import Insert, write
    from bench.generate_grassroots import (
        EVENT_COLUMNS,
        REPORT_COLUMNS,
        SEED,
        Reports,
        drop_indexes,
    )
    from mandate.core.db import refresh_statistics
    from mandate.grassroots.demo import GrassrootsDemo
    from mandate.grassroots.models import Case, CaseEvent, Report

    started = time.perf_counter()
    rng = random.Random(SEED)
    with transaction.atomic():
        builder = GrassrootsDemo(rng)
        builder.configure_routing()
    drawn = Reports(rng, builder, reports=reports)
    drawn.build()
    case_insert = Insert(Case, skip=())
    statuses: dict[str, int] = defaultdict(int)
    case_rows, event_rows = [], []
    for case in drawn.cases:
        row = drawn.outcome(case)
        statuses[row["status"]] += 1
        event_rows += [(*event, row["id"]) for event in row.pop("events")]
        case_rows.append(case_insert.row(row))
    drawn.cases = []
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA journal_mode=MEMORY")
        indexes = drop_indexes(cursor, [Case, Report, CaseEvent])
    with transaction.atomic(), connection.cursor() as cursor:
        write(cursor, case_insert, case_rows)
        write(cursor, Insert(Report, skip=(), columns=REPORT_COLUMNS), drawn.report_rows)
        write(cursor, Insert(CaseEvent, columns=EVENT_COLUMNS), event_rows)
        for sql in indexes:
            cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    refresh_statistics()
    return {
        "reports": len(drawn.report_rows),
        "cases": len(case_rows),
        "events": len(event_rows),
        "statuses": dict(sorted(statuses.items())),
        "seconds": round(time.perf_counter() - started, 1),
    }


# The dashboard -------------------------------------------------------------------------


def measure(client, url: str) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.common import median, percentile

    cache.clear()  # the first request finds no cached figures: timed on its own
    started = time.perf_counter()
    response = client.get(url)
    first = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    for _n in range(WARM_UP):
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = captured.captured_queries  # read now: the next request clears the log
    timings = []
    for _n in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    slowest = sorted(queries, key=lambda query: -float(query["time"]))[:3]
    return {
        "first": first,
        "p50": median(timings),
        "p95": percentile(timings, 0.95),
        "queries": len(queries),
        "slowest": [(float(query["time"]) * 1000, query["sql"]) for query in slowest],
    }


def pages() -> list[tuple[str, str, str]]:
    """(who, what, URL) of every measured page."""
    from django.urls import reverse

    from mandate.org.models import Unit

    dashboard = reverse("reviews:dashboard")
    root = Unit.objects.dangerously_unscoped().get(parent__isnull=True).pk
    return [
        ("leader", f"department, {YEAR}", f"{dashboard}?unit={root}&year={YEAR}"),
        ("leader", f"department, {YEAR - 1}", f"{dashboard}?unit={root}&year={YEAR - 1}"),
        ("leader", "default (own unit, this year)", dashboard),
        ("commune officer", "default (own commune, this year)", dashboard),
    ]


def bench_pages(clients: dict) -> tuple[list[str], int]:
    rows, misses = [], 0
    for who, what, url in pages():
        result = measure(clients[who], url)
        good = result["p95"] < TARGET_DASHBOARD_MS
        misses += not good
        rows.append(
            f"| {who} | {what} | `{url}` | {result['first']:.0f} | {result['p50']:.0f} "
            f"| {result['p95']:.0f} | {result['queries']} | {'✓' if good else '✗'} |"
        )
        print(rows[-1], flush=True)
        for milliseconds, sql in result["slowest"]:
            print(f"    {milliseconds:7.1f} ms  {sql[:300]}", flush=True)
    return rows, misses


def bench_uncached(client, url: str) -> dict:
    """The leader's page with a row changed before each request, as when updates and
    reports keep coming in: a key task due this month of the year shown, then a case
    opened this month, each touched before each of UNCACHED_REQUESTS requests. The
    figures of that month are computed again every time."""
    from django.utils import timezone

    from bench.common import median, percentile
    from mandate.grassroots.demo import REFERENCE_DATE
    from mandate.grassroots.models import Case
    from mandate.work.models import Task

    month = (REFERENCE_DATE.replace(day=1), REFERENCE_DATE)
    rows = {
        "task": (
            Task,
            Task.objects.dangerously_unscoped()
            .filter(is_key=True, due_on__range=month)
            .values_list("pk", flat=True)
            .first(),
        ),
        "case": (
            Case,
            Case.objects.dangerously_unscoped()
            .filter(opened_on__range=month)
            .values_list("pk", flat=True)
            .first(),
        ),
    }
    result = {}
    for what, (model, pk) in rows.items():
        if pk is None:
            raise SystemExit(f"No {what} of {month[0]:%m/%Y} to change.")
        client.get(url)  # the other figures cached, as in use
        timings = []
        for _n in range(UNCACHED_REQUESTS):
            model.objects.dangerously_unscoped().filter(pk=pk).update(updated_at=timezone.now())
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        result[what] = {"p50": median(timings), "p95": percentile(timings, 0.95)}
    return result


# The annual review ---------------------------------------------------------------------


def bench_annual(user) -> dict:
    """annual_review, review_docx and review_xlsx as `mandate review annual` calls them,
    each run with an empty cache."""
    from django.core.cache import cache

    from bench.common import median
    from mandate.reviews.annual import annual_review, review_docx, review_xlsx

    unit = user.memberships.get().unit
    phases: dict[str, list[float]] = {"content": [], "docx": [], "xlsx": []}
    sizes_written = {}
    for _run in range(RUNS):
        cache.clear()
        started = time.perf_counter()
        review = annual_review(user=user, unit=unit, year=YEAR)
        phases["content"].append(time.perf_counter() - started)
        started = time.perf_counter()
        sizes_written["docx"] = len(review_docx(review))
        phases["docx"].append(time.perf_counter() - started)
        started = time.perf_counter()
        sizes_written["xlsx"] = len(review_xlsx(review))
        phases["xlsx"].append(time.perf_counter() - started)
    totals = [c + d for c, d in zip(phases["content"], phases["docx"], strict=True)]
    return {
        "unit": str(unit),
        **{name: median(values) for name, values in phases.items()},
        "docx_total": median(totals),
        "docx_max": max(totals),
        "bytes": sizes_written,
    }


# Putting it together -------------------------------------------------------------------


def main() -> None:
    summary = prepare()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.common import record
    from mandate.org.models import User

    setup_test_environment()  # lets the test client's host in
    clients = {}
    for who, username in (("leader", "lanhdao"), ("commune officer", "canbo.xa")):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(username=username))

    load = os.getloadavg()
    rows, misses = bench_pages(clients)
    main_url = pages()[0][2]
    uncached = bench_uncached(clients["leader"], main_url)
    print(f"uncached: {uncached}", flush=True)
    annual = bench_annual(User.objects.get(username="lanhdao"))
    print(f"annual: {annual}", flush=True)
    docx_good = annual["docx_total"] < TARGET_DOCX_S
    uncached_good = all(row["p95"] < TARGET_DASHBOARD_MS for row in uncached.values())

    work, grassroots = summary["work"], summary["grassroots"]
    full = REPORTS == 1_000_000
    measured = (
        "the issue's full size"
        if full
        else "**fewer reports than the issue's 1,000,000** (BENCH_REPORTS)"
    )
    body = (
        f"{work['tasks']:,} tasks ({work['cascaded']:,} cascaded to communes) in "
        f"{work['plans']} plans, {work['updates']:,} progress updates, "
        f"{grassroots['reports']:,} reports in {grassroots['cases']:,} cases, 130 units, in "
        f"one database: {measured} (generators: `bench/generate.py`, "
        f"{work['timings']['total']:.0f} s, then the reports of "
        f"`bench/generate_grassroots.py` for the same organisation, "
        f"{grassroots['seconds']:.0f} s). SQLite default.\n\n"
        "**Dashboard.** Django's test client; the leader belongs to the department (sees "
        "every task and case), the commune officer to one commune. Per page: the cache "
        f"emptied and one request timed (“first”), {WARM_UP} warm-up requests, {REQUESTS} "
        f"timed; queries counted on one more. Target: p95 < {TARGET_DASHBOARD_MS} ms; "
        f"{len(rows) - misses} of {len(rows)} pages meet it.\n\n"
        "| user | page | URL | first ms | p50 ms | p95 ms | queries | target |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
        "The task and case figures are cached until a task or a case changes, month by "
        "month: a change recounts the month of the row changed, and a version of each "
        "month (its rows and latest change, read off an index) is checked when the table "
        f"changed. The leader's {YEAR} page with a row of {REFERENCE_MONTH} changed before "
        f"each of {UNCACHED_REQUESTS} requests: a key task, p50 "
        f"{uncached['task']['p50']:.0f} ms, p95 {uncached['task']['p95']:.0f} ms; a "
        f"grassroots case, p50 {uncached['case']['p50']:.0f} ms, p95 "
        f"{uncached['case']['p95']:.0f} ms "
        f"({'meets' if uncached_good else 'misses'} the target).\n\n"
        f"**Annual review.** {annual['unit']}, {YEAR}, for the department's leader, as "
        "`mandate review annual` writes it, the cache emptied before each of "
        f"{RUNS} runs (medians): gathering the figures (`annual_review`) "
        f"{annual['content']:.2f} s, the .docx (`review_docx`) {annual['docx']:.2f} s, so "
        f"**{annual['docx_total']:.2f} s for the .docx** (slowest run "
        f"{annual['docx_max']:.2f} s; target < {TARGET_DOCX_S} s: "
        f"{'meets' if docx_good else 'misses'}); the .xlsx annex (`review_xlsx`) "
        f"{annual['xlsx']:.2f} s more. Files of {annual['bytes']['docx'] / 1024:.0f} KiB "
        f"and {annual['bytes']['xlsx'] / 1024:.0f} KiB.\n\n"
        "Only tasks, updates, reports and cases are generated at this size: the "
        "dashboard's campaigns, training, good models and awards sections count empty "
        "tables here.\n\n"
        f"Load average while measuring: {load[0]:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (2 cores shared with other jobs).\n"
    )
    command = "python bench/bench_reviews.py"
    if not full:
        command = f"BENCH_REPORTS={REPORTS} {command}"
    record(SECTION, body, command)
    print(body)


if __name__ == "__main__":
    main()
