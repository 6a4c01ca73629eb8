"""Calibrate and measure the hot-spot detection methods on synthetic counts (the detection
benchmark of the early-warning issue).

Targets, at one false alarm per category per year: at least 80 % power within 7 days and
a median detection of at most 5 days for a 6-commune cluster with 8 extra reports by day
3; the scans never worse than the per-commune test on a 1-commune outbreak; EARS C2
reported beside them. The full daily run for all 3,321 communes, 12 categories, a 365-day
window, K = 15, D = 14 and 999 replicates in under 3 minutes on 2 cores with a peak
memory under 2 GB; the demo province in under 5 seconds.

1. Null tables of the demo province (`detection/generator.py`: negative binomial counts on
   the real communes, weekdays, seasons, Tết, the October campaign): CALIBRATION_YEARS set
   each method's threshold, one more checks the false alarms it gives; October is scanned
   in CAMPAIGN_TABLES more, with the campaign and without; the scans' production rule
   (their Monte Carlo threshold) is computed on a sample of days.
2. Outbreaks of 1, 3, 6 and 12 communes, three shapes, four sizes, planted in REPETITIONS
   backgrounds, each scored against its outbreak-free copy (`detection/evaluation.py`).
3. The target cell again at the density the issue's brief quoted (0.07 reports per commune,
   category and day, about three times the demo's).
4. The daily run with the Monte Carlo, timed in a fresh process (`detection/runtime.py`),
   on a quiet day and on a busy one (an outbreak in every category, so that every scan
   draws all its replicates: the targets are judged on it).

    python bench/bench_detection.py            # about 7 minutes; writes bench/RESULTS.md
    python bench/bench_detection.py --quick    # a smoke run in about a minute; prints only
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

import numpy as np  # noqa: E402

from bench.common import record  # noqa: E402
from bench.detection import evaluation, generator, writeup  # noqa: E402
from bench.detection.evaluation import METHODS  # noqa: E402
from bench.detection.writeup import SCANS, TARGET_COMMUNES, TARGET_SIZE, Study  # noqa: E402

SECTION = "Hot-spot detection (synthetic counts)"
COMMAND = "python bench/bench_detection.py"
PROCESSES = 2
CALIBRATION_YEARS = 3
REPETITIONS = 60
CAMPAIGN_TABLES = 40
PRODUCTION_EVERY_DAYS = 21  # null days sampled for the scans' Monte Carlo threshold
PRODUCTION_CAMPAIGN_TABLES, PRODUCTION_CAMPAIGN_EVERY_DAYS = 6, 5
DENSE, DENSE_CALIBRATION_YEARS = 0.07, 2
DEMO_RUNS, NATIONAL_RUNS = 7, 2
# Seeds: null tables, October tables, outbreaks; the dense study has its own.
NULL_SEED, CAMPAIGN_SEED, OUTBREAK_SEED = 10_000, 30_000, 1_000_000
DENSE_NULL_SEED, DENSE_OUTBREAK_SEED = 50_000, 2_000_000


def null_seed(base: int, year: int, category: int) -> int:
    return base + 1000 * year + category


def calibrate(
    pool,
    setting: generator.Setting,
    *,
    base: int,
    years: int,
    repetitions: int,
    outbreak_seed: int,
    **scenarios,
) -> Study:
    """Thresholds from ``years`` null years, one more null year to check them, and the
    outbreaks scored at those thresholds."""
    categories = range(len(setting.categories))
    tasks = [(setting, c, null_seed(base, y, c)) for y in range(years + 1) for c in categories]
    found = pool.starmap(evaluation.null_year, tasks)
    calibration, validation = found[: -len(categories)], found[-len(categories) :]
    thresholds = {
        m: evaluation.threshold(np.concatenate([year.maxima[m] for year in calibration]))
        for m in METHODS
    }
    maxima = {
        m: np.concatenate([year.maxima[m] for year in calibration])
        for m in evaluation.PRODUCTION_SET
    }
    joint, level = evaluation.joint_thresholds(maxima)
    combined = {evaluation.JOINT: joint, evaluation.FIRST: evaluation.tail_first_thresholds(maxima)}
    print(f"thresholds at {setting.density:.3f}: {thresholds}", flush=True)
    print(f"combined rules at {setting.density:.3f}: {combined} (q = {level:.5f})", flush=True)
    task = partial(evaluation.repetition, setting, thresholds, combined=combined, **scenarios)
    seeds = [outbreak_seed + n for n in range(repetitions)]
    return Study(
        setting=setting,
        thresholds=thresholds,
        combined=combined,
        joint_level=level,
        calibration_days=len(calibration) * len(generator.SCANNED),
        validation=validation,
        repeated=pool.map(task, seeds, chunksize=1),
    )


def campaign_study(
    pool, communes, thresholds: dict[str, float], combined: dict[str, dict], tables: int
) -> dict:
    """Alarm days and alerts over October 2026 in social policy, in null tables with the
    campaign and as many without, at the calibrated, the production and the combined
    rules' thresholds."""
    result = {"months": tables, "calibrated": {}, "production": {}}
    result |= {rule: {} for rule in combined}
    for campaign in (True, False):
        setting = generator.build(communes, campaign=campaign)
        rules = evaluation.production_thresholds(setting)
        index = writeup.campaign_index(setting)
        tasks = [
            (
                setting,
                index,
                CAMPAIGN_SEED + n,
                [thresholds, rules, *combined.values()],
                generator.campaign_days(),
            )
            for n in range(tables)
        ]
        months = pool.starmap(evaluation.month_alarms, tasks)
        for position, key in enumerate(("calibrated", "production")):
            result[key][campaign] = {
                m: tuple(sum(month[position][m][i] for month in months) for i in (0, 1))
                for m in months[0][position]
            }
        for position, rule in enumerate(combined, start=2):
            result[rule][campaign] = tuple(
                sum(month[position][evaluation.ANY][i] for month in months) for i in (0, 1)
            )
    return result


def production_check(pool, setting: generator.Setting, every: int, tables: int) -> dict:
    """The scans' Monte Carlo threshold and statistic on days of the checking null year,
    and on days of October in tables with the campaign."""
    sampled = list(generator.SCANNED[::every])
    tasks = [
        (setting, c, null_seed(NULL_SEED, CALIBRATION_YEARS, c), sampled)
        for c in range(len(setting.categories))
    ]
    october = list(generator.campaign_days()[::PRODUCTION_CAMPAIGN_EVERY_DAYS])
    index = writeup.campaign_index(setting)
    tasks += [(setting, index, CAMPAIGN_SEED + n, october) for n in range(tables)]
    results = pool.starmap(evaluation.critical_values, tasks)
    split = len(setting.categories)
    return {
        part: {m: [pair for result in chunk for pair in result[m]] for m in SCANS}
        for part, chunk in (("ordinary", results[:split]), ("campaign", results[split:]))
    }


def runtime(which: str, runs: int, processes: int = 1, *, busy: bool = False) -> dict:
    """The timed daily runs, in a fresh interpreter so that the peak memory is theirs."""
    load = os.getloadavg()[0]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    finished = subprocess.run(  # noqa: S603 -- our own module, with our own interpreter
        [
            sys.executable,
            *("-m", "bench.detection.runtime", which),
            *("--runs", str(runs), "--processes", str(processes)),
            *(["--busy"] if busy else []),
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    result["load"] = (load, os.getloadavg()[0])
    print(f"{which}: {result}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the hot-spot detection methods.")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: fewer tables, no national run"
    )
    quick = parser.parse_args().quick
    clock, load = time.perf_counter(), os.getloadavg()[0]
    communes = generator.load_communes(generator.DEMO_PROVINCE)
    setting = generator.build(communes)
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        main_study = calibrate(
            pool,
            setting,
            base=NULL_SEED,
            years=1 if quick else CALIBRATION_YEARS,
            repetitions=6 if quick else REPETITIONS,
            outbreak_seed=OUTBREAK_SEED,
        )
        print(f"outbreaks done ({time.perf_counter() - clock:.0f} s)", flush=True)
        campaign = campaign_study(
            pool,
            communes,
            main_study.thresholds,
            main_study.combined,
            4 if quick else CAMPAIGN_TABLES,
        )
        production = production_check(
            pool,
            setting,
            every=91 if quick else PRODUCTION_EVERY_DAYS,
            tables=1 if quick else PRODUCTION_CAMPAIGN_TABLES,
        )
        print(f"campaign and production rule ({time.perf_counter() - clock:.0f} s)", flush=True)
        dense = None
        if not quick:
            dense = calibrate(
                pool,
                generator.build(communes, density=DENSE),
                base=DENSE_NULL_SEED,
                years=DENSE_CALIBRATION_YEARS,
                repetitions=REPETITIONS,
                outbreak_seed=DENSE_OUTBREAK_SEED,
                cluster_sizes=(1, TARGET_COMMUNES),
                sizes=(TARGET_SIZE,),
            )
    simulated = time.perf_counter() - clock
    demo_runs = 1 if quick else DEMO_RUNS
    runs = {
        "demo": runtime("demo", demo_runs, PROCESSES),
        "demo_busy": runtime("demo", demo_runs, PROCESSES, busy=True),
        "demo_busy_serial": runtime("demo", demo_runs, busy=True),
        "national": None if quick else runtime("national", NATIONAL_RUNS, PROCESSES),
        "national_busy": (
            None if quick else runtime("national", NATIONAL_RUNS, PROCESSES, busy=True)
        ),
    }
    body = writeup.write_up(
        main=main_study,
        dense=dense,
        campaign=campaign,
        production=production,
        runs=runs,
        timing=(simulated, time.perf_counter() - clock, load),
    )
    print(body)
    if quick:
        print("(--quick: bench/RESULTS.md left as it was)")
    else:
        record(SECTION, body, COMMAND)


if __name__ == "__main__":
    main()
