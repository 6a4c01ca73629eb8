"""The methods calibrated on null tables, then measured on planted outbreaks.

Each method is reduced to its replicate-free daily signals: the clusters (scans) or
communes (tail test, EARS C2) it would report today, each with its statistic. A day
alarms when a signal's statistic exceeds the method's threshold, and the alarmed communes
are those of every such signal. The threshold is set on null years (the background with
its campaign, no outbreak) so that a category alarms on one day a year: the daily maxima
pooled over categories and years, exceeded on at most 1 day in 365.

In production a scan alerts when its Monte Carlo p-value is at most 1/365, that is when
its statistic passes the (1 - 1/365) quantile of the day's replicate maxima, a threshold
on the same statistic; the calibration takes that quantile from the generator's null
instead of the method's own, so every method is compared at the same true false-alarm
rate whatever its null model and its number of replicates. `critical_values` shows how
far apart the two are.
"""

import math
from dataclasses import dataclass

import numpy as np

from bench.detection import generator
from bench.detection.generator import OUTBREAK_DAYS, SCANNED, STUDY_DAYS, WINDOW_DAYS, Setting
from mandate.earlywarning import methods

METHODS = ("permutation", "poisson_scan", "poisson_tail", "ears_c2")
# What production alerts on (`detection.find`): a finding of any of the three.
PRODUCTION_SET = ("permutation", "poisson_scan", "poisson_tail")
ANY = "any"
# The production set calibrated together, so that their union alarms on one day per
# category-year, two ways: one quantile level for the three (JOINT), or the tail test at its
# own threshold and the scans as low as the budget it leaves allows (FIRST). A rule's
# methods' outcomes are kept as "<method>@<rule>".
JOINT = "any_joint"
FIRST = "any_first"
COMBINED = (JOINT, FIRST)
NAMES = {
    "permutation": "permutation scan",
    "poisson_scan": "Poisson scan",
    "poisson_tail": "per-commune tail test",
    "ears_c2": "EARS C2",
    ANY: "any of the three (as production)",
    JOINT: "any of the three, jointly calibrated",
    FIRST: "any of the three, tail test first",
}


def member(method: str, rule: str) -> str:
    """The name a combined rule's method's outcomes are kept under."""
    return f"{method}@{rule}"


ALARMS_PER_YEAR = 1
PRODUCTION_RECURRENCE_DAYS = 365  # `earlywarning.models.DEFAULT_RECURRENCE_DAYS`
EARS_DEFAULT_THRESHOLD = 3.0  # `methods.ears_c2`'s own
PRIOR_COUNT = 0.5  # `methods.poisson_scan`'s own

Signal = tuple[float, tuple[int, ...]]


def signals(method: str, window: np.ndarray, neighbours: np.ndarray) -> list[Signal]:
    """(statistic, communes) of what the method finds on the window's last day."""
    if method == "permutation":
        found = methods.permutation_scan(window, neighbours, days=WINDOW_DAYS, replicates=0)
    elif method == "poisson_scan":
        found = methods.poisson_scan(window, neighbours, days=WINDOW_DAYS, replicates=0)
    elif method == "poisson_tail":
        found = methods.poisson_tail(window, days=WINDOW_DAYS)
    else:
        found = methods.ears_c2(window[:, -methods.EARS_LAG - 1 :], threshold=-math.inf)
    return [(finding.statistic, finding.communes) for finding in found]


def window_of(counts: np.ndarray, day: int) -> np.ndarray:
    """The study window ending on ``day``: the 365 days the daily run reads."""
    return counts[:, day - STUDY_DAYS + 1 : day + 1]


def alarmed(found: list[Signal], threshold: float) -> set[int]:
    """The communes of every signal above the threshold."""
    return {commune for value, communes in found if value > threshold for commune in communes}


def alarm_sets(
    found: dict[str, list[list[Signal]]], thresholds: dict[str, float]
) -> dict[str, list[set[int]]]:
    """Each method's alarmed communes day after day, and ANY's: those of the production
    set's methods together, each at its own threshold."""
    sets = {m: [alarmed(day, thresholds[m]) for day in found[m]] for m in thresholds}
    if all(m in sets for m in PRODUCTION_SET):
        together = zip(*(sets[m] for m in PRODUCTION_SET), strict=True)
        sets[ANY] = [set().union(*day) for day in together]
    return sets


def alarm_counts(sets: dict[str, list[set[int]]]) -> dict[str, tuple[int, int]]:
    """(alarm days, alerts) of each method's alarmed communes."""
    return {m: (sum(map(bool, days)), alerts(days)) for m, days in sets.items()}


# Calibration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NullYear:
    """What each method found on each scanned day of an outbreak-free table, and the
    largest statistic of each day (0: nothing)."""

    found: dict[str, list[list[Signal]]]
    maxima: dict[str, np.ndarray]


def null_year(
    setting: Setting, category: int, seed: int, days: range | list[int] = SCANNED
) -> NullYear:
    """Every method on every scanned day (or the given ones) of a category's null table."""
    counts = setting.draw(category, np.random.default_rng(seed))
    found: dict[str, list[list[Signal]]] = {method: [] for method in METHODS}
    for day in days:
        window = window_of(counts, day)
        for method in METHODS:
            found[method].append(signals(method, window, setting.neighbours))
    maxima = {
        method: np.array([max((value for value, _c in day), default=0.0) for day in days_found])
        for method, days_found in found.items()
    }
    return NullYear(found, maxima)


def threshold(maxima: np.ndarray) -> float:
    """The value exceeded on at most ALARMS_PER_YEAR days in 365 of these daily maxima."""
    allowed = int(len(maxima) * ALARMS_PER_YEAR / 365)
    return float(np.sort(maxima)[::-1][allowed])


def joint_thresholds(maxima: dict[str, np.ndarray]) -> tuple[dict[str, float], float]:
    """One quantile level q for the production set's daily maxima (each method's threshold
    its own maxima's q quantile, as `threshold` takes it), the lowest such that the union of
    the three alarms on at most ALARMS_PER_YEAR days in 365; found by bisection on the rank.
    Returns the thresholds and q."""
    days = len(maxima[PRODUCTION_SET[0]])
    allowed = int(days * ALARMS_PER_YEAR / 365)
    ordered = {m: np.sort(maxima[m])[::-1] for m in PRODUCTION_SET}

    def at(rank: int) -> dict[str, float]:
        return {m: float(ordered[m][rank]) for m in PRODUCTION_SET}

    def union_days(rank: int) -> int:
        limits = at(rank)
        return int(np.any([maxima[m] > limits[m] for m in PRODUCTION_SET], axis=0).sum())

    low, high = 0, allowed  # union_days(0) is 0; union_days grows with the rank
    while low < high:
        middle = (low + high + 1) // 2
        if union_days(middle) <= allowed:
            low = middle
        else:
            high = middle - 1
    return at(low), 1 - low / days


def tail_first_thresholds(maxima: dict[str, np.ndarray]) -> dict[str, float]:
    """The tail test at its own threshold, and the two scans at one quantile level of their
    daily maxima, the lowest such that the union of the three still alarms on at most
    ALARMS_PER_YEAR days in 365. By construction the union detects every outbreak the tail
    test alone detects; the scans are given only the false alarms the tail test leaves
    (the days it alarms on already, and what its threshold's ties leave unspent)."""
    days = len(maxima["poisson_tail"])
    allowed = int(days * ALARMS_PER_YEAR / 365)
    tail = threshold(maxima["poisson_tail"])
    scans = [m for m in PRODUCTION_SET if m != "poisson_tail"]
    ordered = {m: np.sort(maxima[m])[::-1] for m in scans}
    tail_days = maxima["poisson_tail"] > tail

    def union_days(rank: int) -> int:
        scan_days = np.any([maxima[m] > ordered[m][rank] for m in scans], axis=0)
        return int((tail_days | scan_days).sum())

    rank = 0  # the scans' largest maxima: they add no alarm day
    while rank < allowed and union_days(rank + 1) <= allowed:
        rank += 1
    return {"poisson_tail": tail, **{m: float(ordered[m][rank]) for m in scans}}


def alerts(days: list[set[int]]) -> int:
    """Alerts a run of days' alarmed communes make when, as in `detection.record`, an alarm
    sharing a commune with one of the last WINDOW_DAYS days continues that alert instead of
    opening one."""
    last_alarmed: dict[int, int] = {}
    count = 0
    for day, hit in enumerate(days):
        if hit and not any(day - last_alarmed.get(c, -WINDOW_DAYS - 1) <= WINDOW_DAYS for c in hit):
            count += 1
        last_alarmed.update(dict.fromkeys(hit, day))
    return count


def production_thresholds(setting: Setting) -> dict[str, float]:
    """The replicate-free rules production (or EARS) would alarm by, where there is one:
    the tail test's Bonferroni p at most 1/365 is -log10 p above log10(365 N D)."""
    tests = len(setting.communes) * WINDOW_DAYS
    return {
        "poisson_tail": math.log10(PRODUCTION_RECURRENCE_DAYS * tests),
        "ears_c2": EARS_DEFAULT_THRESHOLD,
    }


def critical_values(setting: Setting, category: int, seed: int, days: list[int]) -> dict:
    """Each scan's production threshold on some days of a null table, and its statistic.

    Production alerts when p = (1 + #maxima >= s) / (R + 1) <= 1/365, which for R = 999 is
    s above the second largest of the replicates' maxima: that is the day's threshold. The
    maxima come from `methods`' own Monte Carlo (private: the public scans keep them to
    themselves), drawn from a generator seeded by the day and category as production's is.
    """
    counts = setting.draw(category, np.random.default_rng(seed))
    models = {
        "permutation": lambda x: methods._permutation_model(x, setting.neighbours, WINDOW_DAYS),
        "poisson_scan": lambda x: methods._poisson_model(
            x, setting.neighbours, WINDOW_DAYS, PRIOR_COUNT
        ),
    }
    # p <= 1/365 allows floor((R + 1) / 365 - 1) maxima at or above the statistic: one.
    allowed = math.floor((generator.REPLICATES + 1) / PRODUCTION_RECURRENCE_DAYS - 1)
    # The sequential Monte Carlo stops once enough replicates beat ``observed``: never here.
    result: dict[str, list[tuple[float, float]]] = {method: [] for method in models}
    for day in days:
        window = window_of(counts, day)
        for method, model in models.items():
            rng = np.random.default_rng([day, category])
            maxima = methods._replicate_maxima(
                model(window), generator.REPLICATES, rng, observed=math.inf
            )
            statistic = max((v for v, _c in signals(method, window, setting.neighbours)), default=0)
            result[method].append((float(np.sort(maxima)[::-1][allowed]), statistic))
    return result


def month_alarms(
    setting: Setting, category: int, seed: int, limits: list[dict[str, float]], days: range
) -> list[dict[str, tuple[int, int]]]:
    """Alarm days and alerts over some days of a null table, for each set of thresholds."""
    found = null_year(setting, category, seed, days).found
    return [alarm_counts(alarm_sets(found, thresholds)) for thresholds in limits]


# Outbreaks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One method on one planted outbreak: the day it was detected (1 = the onset day, None
    = not within the 14 days) and the precision and recall of that day's alarmed communes."""

    communes: int
    shape: str
    size: float
    method: str
    day: int | None
    precision: float
    recall: float


@dataclass(frozen=True)
class Repetition:
    """A background with outbreaks of every scenario planted in copies of it, and the
    alarms of its outbreak-free copy over the same 14 days."""

    category: int
    centre: int
    onset: int
    outcomes: list[Outcome]
    null_alarm_days: dict[str, int]


def repetition(
    setting: Setting,
    thresholds: dict[str, float],
    seed: int,
    *,
    combined: dict[str, dict[str, float]] | None = None,
    cluster_sizes: tuple[int, ...] = generator.CLUSTER_SIZES,
    sizes: tuple[float, ...] = generator.SIZES,
) -> Repetition:
    """Draw a background, a centre, an onset day in the scanned year, and score every method
    on every cluster size x shape x size planted there."""
    rng = np.random.default_rng(seed)
    category = int(rng.integers(len(setting.categories)))
    background = setting.draw(category, rng)
    centre = int(rng.integers(len(setting.communes)))
    onset = int(rng.integers(SCANNED.start, SCANNED.stop - OUTBREAK_DAYS + 1))
    outcomes = []
    for count in cluster_sizes:
        communes = generator.cluster(setting, centre, count)
        for shape in generator.SHAPES:
            for size in sizes:
                planted = generator.plant(
                    background,
                    communes=communes,
                    weights=setting.weights[category],
                    expected=generator.profile(shape, size),
                    onset=onset,
                    rng=rng,
                )
                for method in METHODS:
                    limits = [thresholds[method]]
                    names = [method]
                    for rule, limit in (combined or {}).items():
                        if method in limit:
                            limits.append(limit[method])
                            names.append(member(method, rule))
                    results = first_detections(
                        method, planted, set(communes.tolist()), onset, limits, setting
                    )
                    for name, (day, precision, recall) in zip(names, results, strict=True):
                        outcomes.append(Outcome(count, shape, size, name, day, precision, recall))
    quiet = null_alarms(background, onset, thresholds, setting)
    for rule, limit in (combined or {}).items():
        quiet[rule] = null_alarms(background, onset, limit, setting)[ANY]
    return Repetition(category, centre, onset, outcomes, quiet)


def first_detection(
    method: str, counts: np.ndarray, outbreak: set[int], onset: int, limit: float, setting: Setting
) -> tuple[int | None, float, float]:
    """The first of the 14 days from the onset whose alarmed communes touch the outbreak,
    and the precision and recall of those communes; (None, nan, nan) if none does."""
    return first_detections(method, counts, outbreak, onset, [limit], setting)[0]


def first_detections(
    method: str,
    counts: np.ndarray,
    outbreak: set[int],
    onset: int,
    limits: list[float],
    setting: Setting,
) -> list[tuple[int | None, float, float]]:
    """`first_detection` at each of several thresholds, scanning each day once."""
    results: list[tuple[int | None, float, float] | None] = [None] * len(limits)
    for offset in range(OUTBREAK_DAYS):
        found = signals(method, window_of(counts, onset + offset), setting.neighbours)
        for position, limit in enumerate(limits):
            if results[position] is not None:
                continue
            hit = alarmed(found, limit)
            if hit & outbreak:
                right = len(hit & outbreak)
                results[position] = (offset + 1, right / len(hit), right / len(outbreak))
        if all(result is not None for result in results):
            break
    return [(None, math.nan, math.nan) if r is None else r for r in results]


def null_alarms(
    background: np.ndarray, onset: int, thresholds: dict[str, float], setting: Setting
) -> dict[str, int]:
    """Days among the 14 from the onset on which the outbreak-free copy alarms."""
    days = range(onset, onset + OUTBREAK_DAYS)
    found = {
        m: [signals(m, window_of(background, day), setting.neighbours) for day in days]
        for m in thresholds
    }
    counts = alarm_counts(alarm_sets(found, thresholds))
    return {m: alarm_days for m, (alarm_days, _alerts) in counts.items()}
