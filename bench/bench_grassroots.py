"""Time the grassroots module on 1,000,000 reports (issue 4, Speed).

Targets, on SQLite: the case list and the overview at most 15 SQL queries and a 95th
percentile under 200 ms; the duplicate suggestion under 100 ms; a 100,000-row CSV import
at 20,000 reports a second or more.

The database is built once by bench/generate_grassroots.py in var/bench-grassroots/
(delete the folder to rebuild it). Pages go through Django's test client, signed in as
the department's leader (who sees every case) and as a commune officer: the cache is
emptied and one request timed ("first"), a few more warm up, then REQUESTS are timed
and the SQL queries of one more are counted; the slowest queries of each page are
printed with their plans. The duplicate suggestion is timed through
`selectors.similar_open_cases` for open cases of every commune, and through the page
that serves it. The import runs five times in a transaction rolled back after each.

    python bench/bench_grassroots.py
"""

import csv
import datetime
import io
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

SECTION = "Grassroots reports and cases (1,000,000 reports)"
REQUESTS = 30
UNCACHED_REQUESTS = 10
WARM_UP = 3
TARGET_QUERIES = 15
TARGET_P95_MS = 200
TARGET_SIMILAR_MS = 100
SIMILAR_CALLS = 120
IMPORT_ROWS = 100_000
IMPORT_RUNS = 5
TARGET_IMPORT_RATE = 20_000
COMMAND = "python bench/bench_grassroots.py"
SEARCH = "?q=n%C6%B0%E1%BB%9Bc+th%E1%BA%A3i"  # “nước thải”


def prepare() -> dict:
    """Settings for the cached database; build it first if it is missing or incomplete."""
    default = ROOT / "var" / "bench-grassroots"
    data_dir = Path(os.environ.setdefault("MANDATE_DATA_DIR", str(default)))
    data_dir.mkdir(parents=True, exist_ok=True)
    from bench import generate_grassroots

    generate_grassroots.setup_django()
    summary = data_dir / "generated.json"
    if not summary.exists():
        for leftover in data_dir.glob("mandate.sqlite3*"):
            leftover.unlink()  # an interrupted build
        print(f"Building the benchmark database in {data_dir} (a few minutes)…", flush=True)
        generate_grassroots.generate()
    else:
        from django.core.management import call_command

        from mandate.core.db import refresh_statistics

        # Indexes added since the database was built are created here, as on a server.
        call_command("migrate", verbosity=0)
        refresh_statistics()
    return json.loads(summary.read_text())


# Pages ---------------------------------------------------------------------------------


class Recorder:
    """Each SQL statement of a request with its bound parameters and time, so that the
    plan printed is the one SQLite chose for the statement as sent: with `?` parameters
    it may not be the plan of the same SQL with the values written in (a partial index,
    for one, is never used for `status IN (?, ?)`)."""

    def __init__(self):
        self.calls: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.calls.append(((time.perf_counter() - started) * 1000, sql, params))


def measure(client, url: str) -> dict:
    from django.core.cache import cache
    from django.db import connection

    from bench.common import median, percentile

    cache.clear()  # the first request finds no cached counts: timed on its own
    started = time.perf_counter()
    response = client.get(url)
    first = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    for _n in range(WARM_UP):
        client.get(url)
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        client.get(url)
    timings = []
    for _n in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "first": first,
        "p50": median(timings),
        "p95": percentile(timings, 0.95),
        "queries": len(recorder.calls),
        "slowest": sorted(recorder.calls, key=lambda call: -call[0])[:2],
    }


def plan_of(sql: str, params) -> list[str]:
    """SQLite's plan for a statement and its parameters."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return [row[-1] for row in cursor.fetchall()]
    except Exception as error:  # noqa: BLE001 -- a plan is a help, never a failure
        return [f"(no plan: {error})"]


def objects() -> dict:
    """The ids the pages are opened with: a busy commune, a category, a division."""
    from django.db.models import Count

    from mandate.grassroots.models import Case, Category
    from mandate.org.models import Unit

    busiest = (
        Case.objects.dangerously_unscoped()
        .open()
        .values("locality_id")
        .annotate(count=Count("pk"))
        .order_by("-count", "locality_id")
        .first()
    )
    return {
        "locality": busiest["locality_id"],
        "land": Category.objects.get(code="land").pk,
        "environment": Category.objects.get(code="environment").pk,
        "division": Unit.objects.dangerously_unscoped().get(abbreviation="DVNN").pk,
    }


def pages(ids: dict) -> list[tuple[str, str, str]]:
    """(who, what, URL) of every measured page."""
    from django.urls import reverse

    cases, overview = reverse("grassroots:case-list"), reverse("grassroots:overview")
    both = f"status=open&category={ids['environment']}&locality={ids['locality']}"
    return [
        ("leader", "case list, page 1", cases),
        ("leader", "case list, page 1,000", f"{cases}?page=1000"),
        ("leader", "case list, page 30,000", f"{cases}?page=30000"),
        ("leader", "case list, open", f"{cases}?status=open"),
        ("leader", "case list, open and overdue", f"{cases}?status=overdue"),
        ("leader", "case list, new", f"{cases}?status=new"),
        ("leader", "case list, closed, oldest first", f"{cases}?status=closed&sort=age"),
        ("leader", "case list, one category", f"{cases}?category={ids['land']}"),
        ("leader", "case list, one commune", f"{cases}?locality={ids['locality']}"),
        ("leader", "case list, one unit, open", f"{cases}?unit={ids['division']}&status=open"),
        ("leader", "case list, open, commune and category", f"{cases}?{both}"),
        ("leader", "case list, older than 90 days", f"{cases}?age=91%2B"),
        ("leader", "case list, most reports first", f"{cases}?sort=reports"),
        ("leader", "case list, most severe first", f"{cases}?sort=severity"),
        ("leader", "case list, open, due first", f"{cases}?status=open&sort=due"),
        ("leader", "case list, search “nước thải”", f"{cases}{SEARCH}"),
        ("leader", "overview", overview),
        ("commune officer", "case list, page 1", cases),
        ("commune officer", "case list, open", f"{cases}?status=open"),
        ("commune officer", "overview", overview),
    ]


def bench_pages(clients: dict, ids: dict) -> tuple[list[str], int]:
    rows, misses = [], 0
    for who, what, url in pages(ids):
        result = measure(clients[who], url)
        good = result["queries"] <= TARGET_QUERIES and result["p95"] < TARGET_P95_MS
        misses += not good
        rows.append(
            f"| {who} | {what} | `{url}` | {result['first']:.0f} | {result['p50']:.0f} "
            f"| {result['p95']:.0f} | {result['queries']} | {'✓' if good else '✗'} |"
        )
        print(rows[-1], flush=True)
        for milliseconds, sql, params in result["slowest"]:
            if milliseconds > 10:
                print(f"    {milliseconds:7.1f} ms  {sql[:300]}  {params!r:.120}", flush=True)
                for step in plan_of(sql, params):
                    print(f"               plan: {step}", flush=True)
    return rows, misses


# The duplicate suggestion --------------------------------------------------------------


def similar_samples(rng: random.Random) -> list[tuple]:
    """(user, category, locality, summary) for reports about recent open matters."""
    from mandate.grassroots import demo
    from mandate.grassroots.models import Case
    from mandate.org.models import Membership, Role, User

    recent = demo.REFERENCE_DATE - datetime.timedelta(days=10)
    cases = list(
        Case.objects.dangerously_unscoped()
        .open()
        .filter(last_reported_on__gte=recent)
        .select_related("category", "locality")
        .order_by("pk")
    )
    officers = {
        membership.unit.locality_id: membership.user
        for membership in Membership.objects.dangerously_unscoped()
        .filter(role=Role.OFFICER, unit__kind="commune")
        .select_related("user", "unit")
    }
    division_officer = User.objects.get(username="chuyenvien")
    leader = User.objects.get(username="lanhdao")
    samples = []
    for case in rng.sample(cases, min(SIMILAR_CALLS, len(cases))):
        words = case.title.split()
        summary = " ".join(rng.sample(words, max(3, len(words) // 2)))
        # The commune's officer, a division's officer (who sees only the division's
        # cases), the department's leader (who sees every case).
        user = rng.choice((officers[case.locality_id], division_officer, leader))
        samples.append((user, case.category, case.locality, summary))
    return samples


def bench_similar(samples: list[tuple]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.common import median, percentile
    from mandate.grassroots import demo, selectors

    timings, found, queries, by_user = [], 0, [], {}
    for user, category, locality, summary in samples:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            hits = selectors.similar_open_cases(
                user=user,
                category=category,
                locality=locality,
                summary=summary,
                as_of=demo.REFERENCE_DATE,
            )
            timings.append((time.perf_counter() - started) * 1000)
        by_user.setdefault(_who(user), []).append(timings[-1])
        found += bool(hits)
        queries.append(captured.captured_queries)
    slowest = max(range(len(timings)), key=timings.__getitem__)
    return {
        "p50": median(timings),
        "p95": percentile(timings, 0.95),
        "max": max(timings),
        "found": found,
        "calls": len(timings),
        "queries": max(len(q) for q in queries),
        "slowest": sorted(queries[slowest], key=lambda q: -float(q["time"]))[:2],
        "by_user": {
            who: (median(values), percentile(values, 0.95)) for who, values in by_user.items()
        },
    }


def _who(user) -> str:
    if user.username == "lanhdao":
        return "department leader"
    if user.username == "chuyenvien":
        return "division officer"
    return "commune officer"


def bench_uncached(clients: dict) -> list[str]:
    """Pages whose figures are cached until any case changes, with a case changed before
    each request, as when reports and actions keep coming in."""
    from django.urls import reverse
    from django.utils import timezone

    from bench.common import median, percentile
    from mandate.grassroots.models import Case

    touched = Case.objects.dangerously_unscoped().order_by("pk").values_list("pk", flat=True)[0]
    rows = []
    for who, what, url in (
        ("leader", "overview", reverse("grassroots:overview")),
        ("leader", "case list, page 1", reverse("grassroots:case-list")),
        ("leader", "case list, open", reverse("grassroots:case-list") + "?status=open"),
        ("leader", "case list, search “nước thải”", reverse("grassroots:case-list") + SEARCH),
        ("commune officer", "overview", reverse("grassroots:overview")),
    ):
        timings = []
        for _n in range(UNCACHED_REQUESTS):
            Case.objects.filter(pk=touched).update(updated_at=timezone.now())
            started = time.perf_counter()
            clients[who].get(url)
            timings.append((time.perf_counter() - started) * 1000)
        good = percentile(timings, 0.95) < TARGET_P95_MS
        rows.append(
            f"| {who} | {what} | `{url}` | {median(timings):.0f} "
            f"| {percentile(timings, 0.95):.0f} | {'✓' if good else '✗'} |"
        )
        print(rows[-1], flush=True)
    return rows


def bench_similar_page(client, samples: list[tuple]) -> dict:
    from django.urls import reverse
    from django.utils.http import urlencode

    from bench.common import median, percentile

    url = reverse("grassroots:report-similar")
    timings = []
    for _user, category, locality, summary in samples[: REQUESTS * 2]:
        query = urlencode({"category": category.pk, "locality": locality.pk, "summary": summary})
        started = time.perf_counter()
        response = client.get(f"{url}?{query}")
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    return {"p50": median(timings), "p95": percentile(timings, 0.95), "url": url}


# The import ----------------------------------------------------------------------------


def import_file(rng: random.Random) -> bytes:
    """A 100,000-row CSV with the template's Vietnamese headers: every commune, every
    category, dates of the last two months, a few contacts."""
    from mandate.grassroots import demo, imports
    from mandate.grassroots.models import Category
    from mandate.org.models import Locality

    communes = list(
        Locality.objects.filter(children__isnull=True, parent__isnull=False).order_by("code")
    )
    codes = list(Category.objects.order_by("code").values_list("code", flat=True))
    texts = [text for pool in demo.TEMPLATES.values() for _season, text in pool]
    fields = ["category", "locality", "observed_on", "received_on", "severity"]
    fields += ["people_affected", "summary", "contact_phone"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([imports.COLUMNS[name][0] for name in fields])
    last = demo.REFERENCE_DATE
    for _n in range(IMPORT_ROWS):
        observed = last - datetime.timedelta(days=rng.randint(1, 60))
        received = observed + datetime.timedelta(days=rng.randint(0, 2))
        summary = rng.choice(texts).format(
            area=f"thôn {rng.choice(demo.VILLAGES)}",
            place="xã",
            market="chợ",
            school="trường",
            project="dự án",
            n=rng.randint(2, 9),
            phone="0912 345 678",
        )
        writer.writerow(
            [
                rng.choice(codes),
                rng.choice(communes).code,
                observed.strftime("%d/%m/%Y"),
                received.strftime("%d/%m/%Y"),
                rng.randint(1, 4),
                rng.randint(0, 300),
                summary[:110].rsplit(" ", 1)[0],
                f"09{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.02 else "",
            ]
        )
    data = buffer.getvalue().encode("utf-8")
    if len(data) > imports.MAX_IMPORT_BYTES:
        raise SystemExit(f"The import file is {len(data):,} bytes, over the upload limit.")
    return data


def bench_import(data: bytes) -> dict:
    from django.db import transaction

    from bench.common import median
    from mandate.grassroots import imports
    from mandate.org.models import User

    officer = User.objects.get(username="chuyenvien")  # a division: reports on every commune
    timings = []
    for _run in range(IMPORT_RUNS):
        with transaction.atomic():
            started = time.perf_counter()
            filed = imports.import_reports(data, filename="phan-anh.csv", by=officer)
            timings.append(time.perf_counter() - started)
            transaction.set_rollback(True)  # the next run starts from the same database
        if filed != IMPORT_ROWS:
            raise SystemExit(f"{filed} of {IMPORT_ROWS} reports imported")
    return {
        "median": median(timings),
        "min": min(timings),
        "max": max(timings),
        "rate": IMPORT_ROWS / median(timings),
        "bytes": len(data),
    }


def import_phases(data: bytes) -> dict:
    """Where an import's time goes: reading the file, checking the rows, writing them."""
    from django.db import transaction

    from mandate.grassroots import imports, services
    from mandate.grassroots.intake import Intake
    from mandate.grassroots.models import Report
    from mandate.org.models import User

    officer = User.objects.get(username="chuyenvien")
    phases = {}
    started = time.perf_counter()
    columns, rows = imports.read_file(data, filename="phan-anh.csv")
    phases["read"] = time.perf_counter() - started
    started = time.perf_counter()
    drafts, errors = imports.check_rows(rows, columns=columns, intake=Intake(officer))
    phases["check"] = time.perf_counter() - started
    with transaction.atomic():
        started = time.perf_counter()
        services.file_reports_in_bulk(
            [draft for _number, draft in drafts], by=officer, channel=Report.Channel.IMPORT
        )
        phases["write"] = time.perf_counter() - started
        transaction.set_rollback(True)
    return phases


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
    rng = random.Random(20261127)
    ids = objects()

    load = os.getloadavg()
    page_rows, misses = bench_pages(clients, ids)
    uncached_rows = bench_uncached(clients)

    samples = similar_samples(rng)
    similar = bench_similar(samples)
    similar_page = bench_similar_page(clients["leader"], samples)
    similar_good = similar["p95"] < TARGET_SIMILAR_MS
    print(f"similar_open_cases: {similar}", flush=True)
    print(f"report-similar page: {similar_page}", flush=True)

    data = import_file(rng)
    imported = bench_import(data)
    phases = import_phases(data)
    import_good = imported["rate"] >= TARGET_IMPORT_RATE
    print(f"import: {imported} phases: {phases}", flush=True)

    generated = summary["timings"]
    statuses = summary["statuses"]
    open_count = sum(statuses.get(s, 0) for s in ("new", "acknowledged", "in_progress", "referred"))
    body = (
        f"{summary['reports']:,} reports in {summary['cases']:,} cases ({open_count:,} open, "
        f"{summary['events']:,} timeline events), 114 communes, 130 units (generator: "
        f"`bench/generate_grassroots.py`, {generated['total']:.0f} s). SQLite default.\n\n"
        "**Pages.** Django's test client; the leader belongs to the department (sees every "
        "case), the commune officer to one commune. Per page: the cache emptied and one "
        f"request timed (“first”), {WARM_UP} warm-up requests, {REQUESTS} timed; queries "
        f"counted on one more. Targets: ≤ {TARGET_QUERIES} queries and p95 < "
        f"{TARGET_P95_MS} ms; {len(page_rows) - misses} of {len(page_rows)} pages meet both."
        "\n\n| user | page | URL | first ms | p50 ms | p95 ms | queries | target |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(page_rows) + "\n\n"
        "The overview and the lists' counts are cached until any case changes, which in use "
        "is all the time (every report filed, every action). The same pages with a case "
        f"changed before each of {UNCACHED_REQUESTS} requests:\n\n"
        "| user | page | URL | p50 ms | p95 ms | target |\n| --- | --- | --- | --- | --- | --- |\n"
        + "\n".join(uncached_rows)
        + "\n\n"
        f"**Duplicate suggestion.** `selectors.similar_open_cases` for {similar['calls']} "
        "reports about open matters reported on in the last 10 days, each by the commune's "
        "officer, a division's officer or the department's leader (a third each): "
        + "; ".join(
            f"{who} p50 {p50:.1f} ms, p95 {p95:.1f} ms"
            for who, (p50, p95) in sorted(similar["by_user"].items())
        )
        + f"; all: p50 {similar['p50']:.1f} ms, p95 {similar['p95']:.1f} ms, max "
        f"{similar['max']:.1f} ms, at most {similar['queries']} queries; a likely duplicate "
        f"found for {similar['found']} of them (target p95 < {TARGET_SIMILAR_MS} ms: "
        f"{'meets' if similar_good else 'misses'}). The page `{similar_page['url']}` (an "
        f"htmx fragment) for the department's leader: p50 {similar_page['p50']:.0f} ms, "
        f"p95 {similar_page['p95']:.0f} ms.\n\n"
        f"**Import.** `grassroots.imports.import_reports` of a {IMPORT_ROWS:,}-row CSV "
        f"({imported['bytes'] / 1024 / 1024:.1f} MiB, the template's headers, every commune "
        "and category) by a division's officer, into this database, "
        f"{IMPORT_RUNS} runs each rolled back: median {imported['median']:.1f} s "
        f"(min {imported['min']:.1f}, max {imported['max']:.1f}), "
        f"**{imported['rate']:,.0f} reports/s** (target ≥ {TARGET_IMPORT_RATE:,}: "
        f"{'meets' if import_good else 'misses'}). The import writes each chunk of rows on a "
        "second thread while it checks the next; one more run with the phases one after "
        f"another: reading the file {phases['read']:.1f} s, checking the rows "
        f"{phases['check']:.1f} s, writing {phases['write']:.1f} s. Notifications are sent "
        "after commit, so the rolled-back runs leave them out.\n\n"
        f"Load average while measuring: {load[0]:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (2 cores shared with other jobs).\n"
    )
    record(SECTION, body, COMMAND)
    print(body)


if __name__ == "__main__":
    main()
