"""Time the work programme's pages on 200,000 tasks and 1,000,000 updates (issue 3, Speed).

Targets: at most 15 SQL queries a page and a 95th percentile under 150 ms on SQLite.
The database is built once by bench/generate.py and kept in var/bench/ (delete the
folder to rebuild it). Signed in with Django's test client as the department's leader
(who sees every task) and as a commune officer, each page is fetched a few times to
warm up, then 50 times; the SQL queries of one more request are counted.

    python bench/bench_pages.py
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

SECTION = "Work programme pages (200,000 tasks, 1,000,000 updates)"
REQUESTS = 50
WARM_UP = 3
TARGET_QUERIES = 15
TARGET_P95_MS = 150
PAGES = ("work:my-tasks", "work:plan-detail", "work:task-detail")


def prepare() -> dict:
    """Settings for the cached database; build it first if it is missing or incomplete."""
    data_dir = Path(os.environ.setdefault("MANDATE_DATA_DIR", str(ROOT / "var" / "bench")))
    data_dir.mkdir(parents=True, exist_ok=True)
    from bench import generate

    generate.setup_django()
    summary = data_dir / "generated.json"
    if not summary.exists():
        for leftover in data_dir.glob("mandate.sqlite3*"):
            leftover.unlink()  # an interrupted build
        print(f"Building the benchmark database in {data_dir} (a minute or two)…", flush=True)
        generate.generate()
    return json.loads(summary.read_text())


def check_pages() -> None:
    from django.urls import NoReverseMatch, reverse

    missing = []
    for name in PAGES:
        try:
            reverse(name) if name == "work:my-tasks" else reverse(name, args=[1])
        except NoReverseMatch:
            missing.append(name)
    if missing:
        raise SystemExit(
            f"The pages {', '.join(missing)} do not exist yet (no such URL name): "
            "this benchmark measures them once the work programme's views are in place."
        )


def measure(client, url: str) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.common import median, percentile

    # The first request finds the counts cache empty for this list: timed on its own.
    cache.clear()
    started = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - started) * 1000
    for _n in range(WARM_UP):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
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


def pages(summary: dict) -> list[tuple[str, str, str]]:
    """(who, what, URL) of every measured page."""
    from django.urls import reverse

    objects = summary["objects"]
    tasks = reverse("work:my-tasks")
    plan = reverse("work:plan-detail", args=[objects["department_plan"]])
    commune_plan = reverse("work:plan-detail", args=[objects["commune_plan"]])
    return [
        ("leader", "task list, page 1", tasks),
        ("leader", "task list, page 100", f"{tasks}?page=100"),
        ("leader", "task list, last page", f"{tasks}?page=last"),
        ("leader", "task list, status in progress", f"{tasks}?status=in_progress"),
        ("leader", "task list, bucket overdue", f"{tasks}?bucket=pending_overdue"),
        ("leader", "task list, search “quán triệt”", f"{tasks}?q=qu%C3%A1n+tri%E1%BB%87t"),
        ("leader", "task list, key tasks, latest first", f"{tasks}?is_key=on&sort=-due"),
        ("leader", "task list, one commune", f"{tasks}?lead_unit={objects['commune_unit']}"),
        ("leader", "plan (2,500 tasks), table", plan),
        ("leader", "plan, table, page 50", f"{plan}?page=50"),
        ("leader", "plan, timeline", f"{plan}?view=timeline"),
        (
            "leader",
            "task detail (114 children, 150 updates)",
            reverse("work:task-detail", args=[objects["big_task"]]),
        ),
        ("commune officer", "task list, page 1", tasks),
        ("commune officer", "task list, bucket overdue", f"{tasks}?bucket=pending_overdue"),
        ("commune officer", "plan (450 tasks), table", commune_plan),
        ("commune officer", "plan, timeline", f"{commune_plan}?view=timeline"),
        (
            "commune officer",
            "task detail (cascaded task)",
            reverse("work:task-detail", args=[objects["commune_task"]]),
        ),
    ]


def main() -> None:
    summary = prepare()
    check_pages()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.common import record
    from mandate.org.models import User

    setup_test_environment()  # lets the test client's host in
    clients = {}
    for who, username in (("leader", "lanhdao"), ("commune officer", "canbo.xa")):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(username=username))

    rows, misses = [], 0
    for who, what, url in pages(summary):
        result = measure(clients[who], url)
        good = result["queries"] <= TARGET_QUERIES and result["p95"] < TARGET_P95_MS
        misses += not good
        rows.append(
            f"| {who} | {what} | `{url}` | {result['first']:.0f} | {result['p50']:.0f} "
            f"| {result['p95']:.0f} | {result['queries']} | {'✓' if good else '✗'} |"
        )
        print(rows[-1], flush=True)
        for milliseconds, sql in result["slowest"]:
            print(f"    {milliseconds:7.1f} ms  {sql[:400]}", flush=True)

    generated = summary["timings"]
    body = (
        f"{summary['tasks']:,} tasks ({summary['cascaded']:,} cascaded to communes, "
        f"{summary['coordination']:,} coordination requests) in {summary['plans']} plans, "
        f"{summary['updates']:,} progress updates, 130 units (generator: "
        f"`bench/generate.py`, {generated['total']:.0f} s). SQLite default, Django's test "
        f"client, {WARM_UP} warm-up requests then {REQUESTS} timed ones per page; queries "
        "counted on one more request. The leader belongs to the department (sees every "
        "task); the commune officer sees one commune's tasks. Task lists keep their counts "
        "(buckets, pages) in the cache until any task changes; “first” is the request that "
        "finds the cache empty, before the warm-up.\n\n"
        f"Targets: ≤ {TARGET_QUERIES} queries and p95 < {TARGET_P95_MS} ms per page; "
        f"{len(rows) - misses} of {len(rows)} pages meet both.\n\n"
        "| user | page | URL | first ms | p50 ms | p95 ms | queries | target |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n"
    )
    record(SECTION, body, "python bench/bench_pages.py")
    print(body)


if __name__ == "__main__":
    main()
