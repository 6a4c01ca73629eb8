"""Figures and Markdown tables from the repetitions of `evaluation`."""

import math
import statistics
from collections import defaultdict

from bench.detection import generator
from bench.detection.evaluation import (
    ANY,
    COMBINED,
    METHODS,
    NAMES,
    PRODUCTION_SET,
    Outcome,
    Repetition,
    member,
)

HORIZONS = (3, 7, 14)
Key = tuple[int, str, float, str]  # cluster size, shape, size, method


def by_scenario(repetitions: list[Repetition]) -> dict[Key, list[Outcome]]:
    """The outcomes of each scenario and method, in repetition order; with ANY's, the first
    day any method of the production set detected (its precision and recall unscored)."""
    cells: dict[Key, list[Outcome]] = defaultdict(list)
    for repetition in repetitions:
        for outcome in repetition.outcomes:
            cells[(outcome.communes, outcome.shape, outcome.size, outcome.method)].append(outcome)
    for communes, shape, size, method in list(cells):
        if method != PRODUCTION_SET[0]:
            continue
        members = {ANY: PRODUCTION_SET}
        for rule in COMBINED:
            if (communes, shape, size, member(method, rule)) in cells:
                members[rule] = tuple(member(m, rule) for m in PRODUCTION_SET)
        for name, parts in members.items():
            together = zip(*(cells[(communes, shape, size, m)] for m in parts), strict=True)
            for outcomes in together:
                days = [o.day for o in outcomes if o.day is not None]
                first = min(days, default=None)
                cells[(communes, shape, size, name)].append(
                    Outcome(communes, shape, size, name, first, math.nan, math.nan)
                )
    return cells


def power(outcomes: list[Outcome], days: int) -> float:
    return sum(o.day is not None and o.day <= days for o in outcomes) / len(outcomes)


def median_day(outcomes: list[Outcome]) -> float:
    """The median day of detection, an undetected outbreak counting as never (inf)."""
    return statistics.median(math.inf if o.day is None else o.day for o in outcomes)


def median_detected(outcomes: list[Outcome]) -> float:
    days = [o.day for o in outcomes if o.day is not None]
    return statistics.median(days) if days else math.nan


def mean_of(outcomes: list[Outcome], field: str) -> float:
    values = [getattr(o, field) for o in outcomes if o.day is not None]
    return sum(values) / len(values) if values else math.nan


def days_text(value: float) -> str:
    if math.isnan(value):
        return "–"
    return "> 14" if math.isinf(value) else f"{value:g}"


def percent(value: float) -> str:
    return "–" if math.isnan(value) else f"{100 * value:.0f}"


def power_table(cells: dict[Key, list[Outcome]], cluster_sizes: tuple[int, ...]) -> str:
    """Rows: cluster x shape x size; per method: power by day 3/7/14 (%) · median day."""
    rules = tuple(rule for rule in COMBINED if any(key[3] == rule for key in cells))
    shown = (*METHODS, ANY, *rules)
    head = "| communes | shape | extra by day 3 | " + " | ".join(NAMES[m] for m in shown)
    lines = [head + " |", "| --- " * (3 + len(shown)) + "|"]
    for count in cluster_sizes:
        for shape in generator.SHAPES:
            for size in generator.SIZES:
                row = [str(count), shape, f"{size:g}"]
                for method in shown:
                    outcomes = cells[(count, shape, size, method)]
                    row.append(f"{powers(outcomes)} · {days_text(median_day(outcomes))}")
                lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def accuracy_table(cells: dict[Key, list[Outcome]], cluster_sizes: tuple[int, ...]) -> str:
    """Rows: cluster x size (shapes pooled); per method: precision / recall (%) of the
    communes alarmed on the detection day, over the detected outbreaks."""
    head = "| communes | extra by day 3 | " + " | ".join(NAMES[m] for m in METHODS)
    lines = [head + " |", "| --- " * (2 + len(METHODS)) + "|"]
    for count in cluster_sizes:
        for size in generator.SIZES:
            row = [str(count), f"{size:g}"]
            for method in METHODS:
                pooled = [o for s in generator.SHAPES for o in cells[(count, s, size, method)]]
                precision, recall = mean_of(pooled, "precision"), mean_of(pooled, "recall")
                row.append(f"{percent(precision)} / {percent(recall)}")
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def sign_test(worse: int, better: int) -> float:
    """Two-sided exact p of a paired sign test on the discordant pairs."""
    n = worse + better
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(worse, better) + 1)) / 2**n
    return min(1.0, 2 * tail)


def paired(
    cells: dict[Key, list[Outcome]], key: tuple, method: str, other: str, days: int
) -> tuple[int, int]:
    """Outbreaks ``other`` detected within ``days`` and ``method`` did not, and the reverse
    (the same outbreaks: the repetitions line up)."""
    mine, theirs = cells[(*key, method)], cells[(*key, other)]
    hit = [o.day is not None and o.day <= days for o in mine]
    their_hit = [o.day is not None and o.day <= days for o in theirs]
    lost = sum(t and not m for m, t in zip(hit, their_hit, strict=True))
    won = sum(m and not t for m, t in zip(hit, their_hit, strict=True))
    return lost, won


def powers(outcomes: list[Outcome]) -> str:
    """Power by day 3/7/14 in percent, as "50/80/95"."""
    return "/".join(percent(power(outcomes, h)) for h in HORIZONS)
