"""The benchmark's section of bench/RESULTS.md: what was simulated, the tables, a verdict
per target."""

import os
from dataclasses import dataclass

import numpy as np

from bench.detection import evaluation, generator, report
from bench.detection.evaluation import (
    ANY,
    COMBINED,
    FIRST,
    JOINT,
    METHODS,
    NAMES,
    PRODUCTION_SET,
    NullYear,
    Repetition,
    alarm_counts,
    alarm_sets,
)

SCANS = ("permutation", "poisson_scan")
TARGET_COMMUNES, TARGET_SIZE, TARGET_POWER, TARGET_MEDIAN_DAYS = 6, 8, 0.8, 5
TARGET_NATIONAL_S, TARGET_DEMO_S, TARGET_MEMORY_MIB = 180, 5, 2048


@dataclass(frozen=True)
class Study:
    """One density's thresholds, the null year that checks them, and the outbreaks."""

    setting: generator.Setting
    thresholds: dict[str, float]
    combined: dict[str, dict[str, float]]  # JOINT's and FIRST's thresholds
    joint_level: float  # JOINT's common quantile level
    calibration_days: int
    validation: list[NullYear]
    repeated: list[Repetition]


def campaign_index(setting: generator.Setting) -> int:
    return [c.code for c in setting.categories].index(generator.CAMPAIGN_CATEGORY)


# False alarms -----------------------------------------------------------------------------

ROWS = (*METHODS, ANY, *COMBINED)


def study_null_counts(study: Study) -> dict:
    """`null_counts` at the calibrated thresholds, with each combined rule's at its own."""
    counts = null_counts(study.validation, study.thresholds)
    for rule in COMBINED:
        counts[rule] = null_counts(study.validation, study.combined[rule])[ANY]
    return counts


def rule_text(study: Study, rule: str) -> str:
    """A combined rule's thresholds (JOINT's with its quantile level)."""
    limits = ", ".join(f"{NAMES[m]} {study.combined[rule][m]:.2f}" for m in PRODUCTION_SET)
    return f"q = {study.joint_level:.5f}: {limits}" if rule == JOINT else limits


def null_counts(validation: list[NullYear], thresholds: dict[str, float]) -> dict:
    """(alarm days, alerts, category-days) of each method on the null year."""
    totals: dict[str, tuple[int, int, int]] = {}
    for year in validation:
        days = len(year.maxima["permutation"])
        for m, (alarm_days, alerts) in alarm_counts(alarm_sets(year.found, thresholds)).items():
            before = totals.get(m, (0, 0, 0))
            totals[m] = (before[0] + alarm_days, before[1] + alerts, before[2] + days)
    return totals


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def rate(alarm_days: int, alerts: int, days: int) -> str:
    """Alarm days per category-year, and the counts."""
    return f"{alarm_days * 365 / days:.2f} ({plural(alarm_days, 'day')}, {plural(alerts, 'alert')})"


def october(counts: dict) -> str:
    """Alarm days and alerts over the tables' Octobers, with the campaign / without."""
    return " / ".join(
        f"{plural(days, 'day')}, {plural(alerts, 'alert')}"
        for days, alerts in (counts[True], counts[False])
    )


def false_alarm_table(study: Study, campaign: dict, production: dict) -> str:
    rules = evaluation.production_thresholds(study.setting)
    months = campaign["months"]
    paired_days = len(study.repeated) * generator.OUTBREAK_DAYS
    calibrated = study_null_counts(study)
    own_rules = null_counts(study.validation, rules)
    lines = [
        "| method | threshold | null year: alarm days per category-year (alarm days, "
        f"alerts) | October in {months} tables with the campaign / without ({months * 31:,} "
        f"category-days each: {months * 31 / 365:.1f} alarm days at one a year) | "
        "outbreak-free copies: alarm days | production rule: threshold | production rule: "
        "null year | production rule: October with the campaign / without |",
        "| --- " * 8 + "|",
    ]
    for m in ROWS:
        paired = sum(r.null_alarm_days[m] for r in study.repeated)
        row = [
            NAMES[m],
            "each its own"
            if m == ANY
            else rule_text(study, m)
            if m in COMBINED
            else f"{study.thresholds[m]:.2f}",
            rate(*calibrated[m]),
            october(
                campaign[m]
                if m in COMBINED
                else {c: campaign["calibrated"][c][m] for c in (True, False)}
            ),
            f"{paired} in {paired_days:,} ({paired * 365 / paired_days:.2f} a year)",
        ]
        if m in rules:
            row += [f"{rules[m]:.2f}", rate(*own_rules[m])]
            row.append(october({c: campaign["production"][c][m] for c in (True, False)}))
        elif m in SCANS:
            ordinary, campaign_days = production["ordinary"][m], production["campaign"][m]
            low, middle, high = np.percentile([c for c, _s in ordinary], [5, 50, 95])
            alarms = sum(s > c for c, s in ordinary)
            row += [
                f"Monte Carlo: median {middle:.2f} (5–95 %: {low:.2f}–{high:.2f})",
                f"{alarms * 365 / len(ordinary):.2f} ({alarms} of {len(ordinary)} days sampled)",
                f"{sum(s > c for c, s in campaign_days)} of {len(campaign_days)} days sampled",
            ]
        else:
            row += ["–", "–", "–"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


# Outbreaks --------------------------------------------------------------------------------


def target_rows(cells: dict, label: str) -> tuple[list[str], dict[str, bool]]:
    """Power within 7 days and the median day for the target cell, by method and shape."""
    rows, meets = [], {}
    for m in ROWS:
        good = True
        for shape in generator.SHAPES:
            outcomes = cells[(TARGET_COMMUNES, shape, TARGET_SIZE, m)]
            within7, median = report.power(outcomes, 7), report.median_day(outcomes)
            good &= within7 >= TARGET_POWER and median <= TARGET_MEDIAN_DAYS
            rows.append(
                f"| {label} | {NAMES[m]} | {shape} | {report.percent(within7)} % | "
                f"{report.days_text(median)} | "
                f"{report.days_text(report.median_detected(outcomes))} |"
            )
        meets[m] = good
    return rows, meets


COMPARED = (*SCANS, *COMBINED)  # against the separately calibrated tail test


def one_commune_rows(
    cells: dict, sizes: tuple[float, ...], label: str
) -> tuple[list[str], dict[tuple[str, int], list[int]]]:
    """Each scan against the tail test on 1-commune outbreaks: power by day 3/7/14 and,
    within 7 days, the outbreaks one caught and the other missed; and those pooled over the
    cells, by scan and horizon."""
    rows, pooled = [], {(m, h): [0, 0] for m in COMPARED for h in report.HORIZONS}
    for shape in generator.SHAPES:
        for size in sizes:
            key = (1, shape, size)
            row = [label, shape, f"{size:g}", report.powers(cells[(*key, "poisson_tail")])]
            for m in COMPARED:
                row.append(report.powers(cells[(*key, m)]))
                for h in report.HORIZONS:
                    lost, won = report.paired(cells, key, m, "poisson_tail", h)
                    pooled[(m, h)][0] += lost
                    pooled[(m, h)][1] += won
                lost, won = report.paired(cells, key, m, "poisson_tail", 7)
                row.append(f"{lost} / {won}")
            rows.append("| " + " | ".join(row) + " |")
    return rows, pooled


def never_worse(pooled: dict[str, dict], cells_count: int) -> str:
    """The verdict per scan: behind the tail test, pooled over the cells, at any horizon
    with a sign test p below 0.05 is a miss."""
    parts = []
    for m in COMPARED:
        figures, behind, significant = [], False, False
        for label, counts in pooled.items():
            text = []
            for h in report.HORIZONS:
                lost, won = counts[(m, h)]
                p = report.sign_test(lost, won)
                behind |= lost > won
                significant |= lost > won and p < 0.05
                text.append(f"day {h}: {lost} lost, {won} won (p = {p:.2g})")
            figures.append(f"at {label}, " + ", ".join(text))
        verdict = "misses" if significant else "meets within noise" if behind else "meets"
        parts.append(f"{NAMES[m]} {verdict} ({'; '.join(figures)})")
    parts.append(
        f"{NAMES[ANY]} meets by construction (the tail test at its own threshold is one of "
        "the three: it loses no outbreak to it)"
    )
    return (
        "; ".join(parts)
        + f". Lost / won: 1-commune outbreaks, pooled over the {cells_count} shape × size "
        "cells, that the tail test detected by that day and the scan (or the combined "
        "rule) did not / the reverse, with a two-sided sign test (approximate: the cells of "
        "a repetition share its background)"
    )


def dense_text(dense: Study, meets: dict[str, bool]) -> str:
    counts = study_null_counts(dense)
    return (
        f"At {dense.setting.density:g} reports per commune, category and day (recalibrated on "
        f"{dense.calibration_days:,} category-days: thresholds "
        + ", ".join(f"{NAMES[m]} {dense.thresholds[m]:.2f}" for m in METHODS)
        + f"; jointly calibrated, {rule_text(dense, JOINT)}"
        + f"; tail test first, {rule_text(dense, FIRST)}"
        + f"; alarm days per category-year on its own null year of {counts[ANY][2]:,} "
        "category-days: "
        + ", ".join(f"{NAMES[m]} {rate(*counts[m])}" for m in ROWS)
        + ") the target cell is met by "
        + (", ".join(NAMES[m] for m in ROWS if meets[m]) or "no method")
        + ".\n\n"
    )


# Runtime --------------------------------------------------------------------------------


RUNS = {
    "demo": ("the demo province, a quiet day", TARGET_DEMO_S),
    "demo_busy": ("the demo province, a busy day", TARGET_DEMO_S),
    "demo_busy_serial": ("the demo province, a busy day, 1 process", TARGET_DEMO_S),
    "national": ("all 3,321 communes, a quiet day", TARGET_NATIONAL_S),
    "national_busy": ("all 3,321 communes, a busy day", TARGET_NATIONAL_S),
}


def runtime_rows(runs: dict[str, dict | None]) -> list[str]:
    rows = []
    for key, (label, target) in RUNS.items():
        result = runs[key]
        if result is None:
            continue
        walls, per = result["walls"], result["per_category"]
        median = float(np.median(walls))
        good = median < target and result["peak_mib"] < TARGET_MEMORY_MIB
        rows.append(
            f"| {label} | {result['communes']:,} × {result['categories']} × {result['days']} "
            f"({result['reports']:,} reports, zones of {result['zone_size']:.1f} communes) | "
            f"{result['complete_scans']} of {result['scans']} | "
            f"{result['processes']} | {median:.1f} s ({', '.join(f'{w:.1f}' for w in walls)}) "
            f"| {float(np.median(result['cpu'])):.1f} s | "
            + " / ".join(f"{per[m]:.3f}" for m in METHODS)
            + f" | {result['peak_mib']:,.0f} MiB | {result['load'][0]:.1f} → "
            f"{result['load'][1]:.1f} | < {target} s, < 2 GB: {'meets' if good else 'misses'} |"
        )
    return rows


def runtime_verdicts(runs: dict[str, dict | None]) -> list[str]:
    """The targets, judged on a busy day (every scan drawing its 999 replicates) with 2
    processes, as `detection.detect` shares the categories (`Parameters.workers`)."""
    verdicts = []
    for busy, quiet in (("national_busy", "national"), ("demo_busy", "demo")):
        result, (label, target) = runs[busy], RUNS[busy]
        if result is None:
            verdicts.append(f"- **Daily run, {label}:** not measured (--quick).")
            continue
        median = float(np.median(result["walls"]))
        good = median < target and result["peak_mib"] < TARGET_MEMORY_MIB
        verdicts.append(
            f"- **Daily run, {label}** (< {target} s, < 2 GB): {median:.1f} s (median of "
            f"{len(result['walls'])}, fastest {min(result['walls']):.1f} s), "
            f"{result['peak_mib']:,.0f} MiB, load average {result['load'][0]:.1f}: "
            f"{'meets' if good else 'misses'} (a quiet day: "
            f"{float(np.median(runs[quiet]['walls'])):.1f} s)."
        )
    return verdicts


# The section ------------------------------------------------------------------------------


def write_up(
    *,
    main: Study,
    dense: Study | None,
    campaign: dict,
    production: dict,
    runs: dict[str, dict | None],
    timing: tuple[float, float, float],
) -> str:
    setting = main.setting
    cells = report.by_scenario(main.repeated)
    target, meets = target_rows(cells, f"{setting.density:.3f}")
    single, pooled = one_commune_rows(cells, generator.SIZES, f"{setting.density:.3f}")
    pooled_by_density = {f"{setting.density:.3f}": pooled}
    dense_part = ""
    if dense is not None:
        dense_cells = report.by_scenario(dense.repeated)
        dense_target, dense_meets = target_rows(dense_cells, f"{dense.setting.density:g}")
        dense_single, dense_pooled = one_commune_rows(
            dense_cells, (TARGET_SIZE,), f"{dense.setting.density:g}"
        )
        target, single = target + dense_target, single + dense_single
        pooled_by_density[f"{dense.setting.density:g}"] = dense_pooled
        dense_part = dense_text(dense, dense_meets)
    verdicts = [
        f"- **{TARGET_COMMUNES}-commune cluster, {TARGET_SIZE} extra reports by day 3** "
        f"(≥ 80 % within 7 days and a median of at most {TARGET_MEDIAN_DAYS} days, on every "
        f"shape, at the demo's density): "
        + "; ".join(f"{NAMES[m]} {'meets' if meets[m] else 'misses'}" for m in ROWS)
        + ".",
        "- **Never worse than the per-commune test on a 1-commune outbreak:** "
        f"{never_worse(pooled_by_density, len(generator.SHAPES) * len(generator.SIZES))}.",
        "- **EARS C2 reported beside them:** in every table.",
        *runtime_verdicts(runs),
    ]
    ears_at_least = float(np.nextafter(main.thresholds["ears_c2"], 0))
    expected = setting.levels[:, generator.SCANNED].sum() * len(setting.communes)
    zone = (setting.neighbours >= 0).sum(axis=1).mean()
    sampled = len(production["ordinary"]["permutation"])
    return (
        "Synthetic counts on the real centroids of the demo province's 114 communes "
        "(Hải Phòng, `vietnamadminunits`), `bench/detection/generator.py`: per category, "
        "commune and day a negative binomial count (variance = mean + mean², numpy's "
        "`negative_binomial(n=1, p=1/(1+mean))`: reports come in bunches) whose mean is the "
        "category's level × a cosine season × the weekday (Mon 1.15 … Sun 0.3) × 0.2 from two "
        "days before to four after Tết (29/01/2025, 17/02/2026) × the commune's weight "
        "(lognormal, σ 0.45, × 1.4 for wards, times a lognormal leaning per category, σ 0.35), "
        "× 2 for social policy in every commune through October 2026 (the province-wide "
        "campaign). The level is the demo's: 20,000 reports over 730 days, 114 communes and "
        f"11 categories, **{setting.density:.3f} reports per commune, category and day** "
        f"({expected:,.0f} expected in the scored year). (The issue's brief put the demo at "
        "0.07; that is 3.2 times its real density, so the target cell is measured at 0.07 "
        "too.) Two years are drawn, 21/11/2024–20/11/2026; each day of the second is scanned "
        "on its 365-day window with production's parameters: zones of up to K = 15 communes "
        f"within 20 km (mean {zone:.1f}), windows of 1–14 days.\n\n"
        "**Calibration.** Each method is reduced to its replicate-free statistic: "
        "`permutation_scan` and `poisson_scan` with `replicates=0` (all their disjoint "
        "clusters), `poisson_tail` (−log10 of each commune's p), `ears_c2` (each commune's C2 "
        "today). A day alarms when a finding's statistic exceeds the method's threshold, set "
        f"on null tables (the background with its campaign, no outbreak; "
        f"{main.calibration_days:,} category-days) so that it is exceeded on at most one day "
        "in 365: one false alarm per category per year. **Power is measured with these "
        "statistics, without Monte Carlo.** In production a scan alerts when 1/p ≥ 365 days, "
        "p being its statistic's rank among the 999 replicates' maxima: on a given day that is "
        "the statistic passing the (1 − 1/365) quantile of the day's null maxima, a threshold "
        "on the same statistic. The calibration takes that quantile from the generator's null "
        "(overdispersed, seasonal, with the campaign) instead of the method's own, one "
        "constant for every day: the methods are compared at the same true false-alarm rate "
        "whatever their null models and replicates. An independent null year checks the "
        "thresholds; alarm days come in runs (a chance cluster stays in the 14-day windows), "
        "so the alerts they would make (an alarm sharing a commune with one of the last 14 "
        "days continues its alert, as `detection.record` does) are counted too. October 2026 "
        "is scanned in more null tables of social policy, with the campaign and without it. "
        "The production rules on the same tables: the tail test's Bonferroni p ≤ 1/365, "
        "EARS's C2 > 3, and for the scans each day's own Monte Carlo threshold (999 "
        f"replicates) on {sampled} days sampled from the null year and on days of October in "
        "tables with the campaign. “Any of the three” is what production alerts on: a finding "
        "of either scan or the tail test, here each at its own calibrated threshold, so its "
        "false alarms add up. “Jointly calibrated” is the same union with the three "
        "thresholds taken at one common quantile level q of each method's null daily maxima, "
        "q (found by bisection) the lowest whose union alarms on at most one day per "
        "category-year on the calibration tables. “Tail test first” is the same union with "
        "the tail test at its own calibrated threshold and the two scans at one common "
        "quantile level, the lowest that keeps the union at one alarm day per category-year "
        "on the calibration tables: the scans get only the false alarms the tail test leaves, "
        "and the union detects every outbreak the tail test alone detects. The combined "
        "rules' methods are scored on the outbreaks at those thresholds.\n\n"
        + false_alarm_table(main, campaign, production)
        + "\n\n"
        "EARS C2 is discrete on counts this sparse (one report after an empty week scores 2, "
        "two score 4, three 6), so no threshold gives exactly one alarm day a year: "
        f"C2 ≥ {main.thresholds['ears_c2']:g} instead of > would alarm "
        + rate(*null_counts(main.validation, {"ears_c2": ears_at_least})["ears_c2"])
        + " per category-year on the null year.\n\n"
        "**Targets.**\n\n" + "\n".join(verdicts) + "\n\n"
        f"**Outbreaks.** {len(main.repeated)} repetitions: a category, a centre commune and "
        "an onset day in the scored year drawn at random, a background drawn; in copies of "
        "it every scenario is planted: the centre and its 0, 2, 5 or 11 nearest communes (the "
        "order of `methods.zones`), a step (the same extra each day), a ramp (growing "
        "linearly) or an exponential (doubling every 2 days), sized by the extra reports "
        "expected by day 3 (2, 4, 8, 16), drawn Poisson per commune and day and shared in "
        "proportion to the communes' weights. Days 1 (the onset) to 14 are scanned; an "
        "outbreak is detected on the first day a finding above the threshold shares a commune "
        "with it. The outbreak-free copy is scanned over the same days (its false alarms are "
        "in the table above).\n\n"
        "The target cell, by shape (median day: an outbreak not detected within 14 days "
        "counts as never; the last column is the median among those detected):\n\n"
        "| density | method | shape | power within 7 days | median day | median day, "
        "detected |\n| --- | --- | --- | --- | --- | --- |\n"
        + "\n".join(target)
        + "\n\n"
        + dense_part
        + "Power by day 3/7/14 (%) · median day of detection (undetected counting as never):"
        "\n\n" + report.power_table(cells, generator.CLUSTER_SIZES) + "\n\n"
        "Precision / recall (%) of the communes alarmed on the detection day (every finding "
        "above the threshold that day; the tail test and EARS report at most 10 communes), "
        "over the detected outbreaks, shapes pooled:\n\n"
        + report.accuracy_table(cells, generator.CLUSTER_SIZES)
        + "\n\n"
        "The scans against the per-commune tail test on 1-commune outbreaks: power by day "
        "3/7/14 (%) and, within 7 days, the outbreaks the tail test caught and the scan missed "
        "/ the reverse (the same outbreaks):\n\n"
        "| density | shape | extra by day 3 | tail test | permutation scan | lost / won | "
        "Poisson scan | lost / won | any of the three, jointly calibrated | lost / won | "
        "any of the three, tail test first | lost / won |\n"
        + "| --- " * 12
        + "|\n"
        + "\n".join(single)
        + "\n\n"
        "**Daily run with the Monte Carlo** (`bench/detection/runtime.py`, in a fresh process): "
        "the calls of `detection.find` (both scans with 999 replicates, then the tail test) "
        "and EARS C2 on every category's 365-day table, the categories shared among 2 forked "
        "processes started inside the timed run, as `detection.detect` shares them "
        "(`Parameters.workers`, 2 by default); the demo also in one process. The scans' Monte "
        "Carlo stops early once 20 replicates beat the strongest cluster (sequential Monte "
        "Carlo, `methods.SEQUENTIAL_EXCEEDANCES`): a quiet day (the null tables) costs a few "
        "dozen replicates, a busy one (an outbreak of 16 extra reports by day 3 in 6 communes, "
        "onset 5 days before, in every category) all 999 in every scan; the targets are "
        "judged on the busy day. Peak memory: the "
        "peak resident set (VmHWM) of the main process plus each worker's, an upper bound "
        "since the workers share what they inherit. Reading the counts from the database is "
        "not timed. CPU time below wall time × processes means the machine's other jobs took "
        "the cores; equal to it with a high load average, that they slowed the memory-bound "
        "scans down (shared caches)."
        "\n\n| run | table | scans with all 999 replicates | processes | wall time, median "
        "(runs) | CPU time | seconds per category: permutation / Poisson scan / tail / EARS | "
        "peak memory | load average | target |\n"
        + "| --- " * 10
        + "|\n"
        + "\n".join(runtime_rows(runs))
        + "\n\n"
        f"Simulation and calibration {timing[0]:.0f} s on 2 processes, {timing[1]:.0f} s in "
        f"all; load average {timing[2]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
        "(2 cores shared with other jobs).\n"
    )
