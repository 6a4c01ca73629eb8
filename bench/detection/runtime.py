"""The daily run, timed: the calls of `earlywarning.detection.find` (both scans with 999
replicates from one generator seeded by the day and category, then the tail test) and
EARS C2, on each category's 365-day table.

Run as a module so that its peak memory is its own, not the benchmark's; it prints one
JSON line:

    python -m bench.detection.runtime demo --runs 5 --processes 2
    python -m bench.detection.runtime national --runs 2 --processes 2 --busy

The scans' Monte Carlo stops early when the strongest cluster is plainly not significant
(`methods.SEQUENTIAL_EXCEEDANCES`), so a quiet day (no outbreak) costs far less than a
busy one (`--busy`: an outbreak in every category, every scan drawing its 999 replicates).

With one process the categories run one after the other; with more they go to a pool of
forked processes started inside the timed run, as `detection.detect` shares them among
`Parameters.workers` (here the workers inherit the tables instead of receiving copies).
Peak memory is the peak resident set of the main process plus that of each worker: an
upper bound, as the forked workers share the pages they inherited.
"""

import argparse
import datetime
import json
import multiprocessing
import os
import resource
import statistics
import time

import numpy as np

from bench.detection import generator
from bench.detection.generator import REPLICATES, SERIES_DAYS, STUDY_DAYS, WINDOW_DAYS
from mandate.earlywarning import methods

DAY = generator.FIRST_DAY + datetime.timedelta(days=SERIES_DAYS - 1)
NATIONAL_CATEGORIES = 12
TABLE_SEED = 365
BUSY_COMMUNES, BUSY_OUTBREAK, BUSY_DAYS = 6, 16, 5

# The national tables and zones, set before the pool forks so the workers inherit them.
_tables: list[np.ndarray] = []
_neighbours = np.zeros((0, 0), dtype=np.int64)


def daily_run(
    counts: np.ndarray, neighbours: np.ndarray, category: int
) -> tuple[dict[str, float], int]:
    """Seconds each method takes on one category's table, and how many of the two scans
    drew all their replicates."""
    rng = np.random.default_rng([DAY.toordinal(), category])
    options = {"days": WINDOW_DAYS, "replicates": REPLICATES, "rng": rng}
    seconds = {}
    started = time.perf_counter()
    permutation = methods.permutation_scan(counts, neighbours, **options)
    seconds["permutation"], started = time.perf_counter() - started, time.perf_counter()
    poisson = methods.poisson_scan(counts, neighbours, **options)
    seconds["poisson_scan"], started = time.perf_counter() - started, time.perf_counter()
    methods.poisson_tail(counts, days=WINDOW_DAYS)
    seconds["poisson_tail"], started = time.perf_counter() - started, time.perf_counter()
    methods.ears_c2(counts)
    seconds["ears_c2"] = time.perf_counter() - started
    return seconds, _complete(permutation) + _complete(poisson)


def _complete(findings: list[methods.Finding]) -> bool:
    """Whether a scan drew all its replicates. The Monte Carlo stops early once
    SEQUENTIAL_EXCEEDANCES replicates beat the strongest cluster, which leaves its p-value at
    least that many plus one over the replicates drawn; a p-value below that over R + 1
    means none stopped it (quiet data, without a cluster, draws none)."""
    early = getattr(methods, "SEQUENTIAL_EXCEEDANCES", None)
    if not findings or early is None:
        return bool(findings)
    return findings[0].p_value < (early + 1) / (REPLICATES + 1)


def tables(setting: generator.Setting, *, busy: bool) -> list[np.ndarray]:
    """Each category's last 365 days, from a fixed seed. A busy day has an outbreak in
    every category (BUSY_OUTBREAK extra reports by day 3 in BUSY_COMMUNES communes, for the
    last BUSY_DAYS days), so that the scans' Monte Carlo runs in full, as it does whenever
    a cluster may be significant; a quiet day has none."""
    rng = np.random.default_rng(TABLE_SEED)
    first = SERIES_DAYS - STUDY_DAYS
    drawn = [
        setting.draw(category, rng, start=first) for category in range(len(setting.categories))
    ]
    if busy:
        for category, table in enumerate(drawn):
            centre = int(rng.integers(len(setting.communes)))
            drawn[category] = generator.plant(
                table,
                communes=generator.cluster(setting, centre, BUSY_COMMUNES),
                weights=setting.weights[category],
                expected=generator.profile("step", BUSY_OUTBREAK),
                onset=STUDY_DAYS - BUSY_DAYS,
                rng=rng,
            )
    return drawn


def peak_kib() -> int:
    """This process's peak resident set. Linux's `getrusage` carries the parent's over a
    fork and exec (the benchmark's own hundreds of MiB), the VmHWM of /proc does not."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _category(category: int) -> tuple[dict[str, float], int, float, int, int]:
    cpu_started = time.process_time()
    seconds, complete = daily_run(_tables[category], _neighbours, category)
    return seconds, complete, time.process_time() - cpu_started, os.getpid(), peak_kib()


def measure(setting: generator.Setting, runs: int, processes: int, busy: bool) -> dict:
    """Every category's daily run, ``runs`` times, in this process or a pool."""
    global _tables, _neighbours
    _tables, _neighbours = tables(setting, busy=busy), setting.neighbours
    walls, cpu, per_method, worker_peaks, complete = [], [], {}, [], 0
    for _run in range(runs):
        started = time.perf_counter()
        if processes == 1:
            results = [_category(category) for category in range(len(_tables))]
        else:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                results = pool.map(_category, range(len(_tables)), chunksize=1)
        walls.append(time.perf_counter() - started)
        cpu.append(sum(result[2] for result in results))
        complete = sum(result[1] for result in results)
        peaks: dict[int, int] = {}
        for seconds, _complete, _cpu, pid, kib in results:
            if pid != os.getpid():
                peaks[pid] = max(kib, peaks.get(pid, 0))
            for method, value in seconds.items():
                per_method.setdefault(method, []).append(value)
        worker_peaks.append(sum(peaks.values()))
    result = summary(setting, (walls, cpu, processes), per_method, peak_kib(), worker_peaks)
    return {**result, "busy": busy, "complete_scans": complete, "scans": 2 * len(_tables)}


def summary(
    setting: generator.Setting,
    timings: tuple[list[float], list[float], int],
    per_method: dict[str, list[float]],
    main_kib: int,
    worker_kib: list[int],
) -> dict:
    return {
        "communes": len(setting.communes),
        "categories": len(_tables),
        "days": _tables[0].shape[1],
        "reports": int(sum(int(table.sum()) for table in _tables)),
        "zone_size": float((setting.neighbours >= 0).sum(axis=1).mean()),
        "walls": timings[0],
        "cpu": timings[1],
        "processes": timings[2],
        "per_category": {m: statistics.median(values) for m, values in per_method.items()},
        "main_mib": main_kib / 1024,
        "workers_mib": max(worker_kib, default=0) / 1024,
        "peak_mib": (main_kib + max(worker_kib, default=0)) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=("demo", "national"))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--busy", action="store_true", help="an outbreak in every category")
    arguments = parser.parse_args()
    if arguments.which == "demo":
        setting = generator.build(generator.load_communes(generator.DEMO_PROVINCE))
    else:
        communes = generator.load_communes(None)
        setting = generator.build(communes, categories=NATIONAL_CATEGORIES)
    print(json.dumps(measure(setting, arguments.runs, arguments.processes, arguments.busy)))


if __name__ == "__main__":
    main()
