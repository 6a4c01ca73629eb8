"""Hot-spot statistics on commune-by-day counts: two scans, a tail test and EARS C2, in numpy.

Nothing here knows about Django or the database: callers pass arrays and get `Finding`s.

Inputs. ``counts`` is an int array (N communes, T days) for one category, the study window,
ending today at column T-1. ``neighbours`` (N, K) comes from `zones`: row i is commune i, then
its nearest communes by centroid, padded with -1 past the radius; zone (i, k) is the first
k+1 entries of row i. Windows are the last w days, w = 1..days, all ending today.

Public API (each returns `Finding`s strongest first, unless said otherwise):

- ``zones(lat, lon, *, k, radius_km)``: the (N, K) neighbour table.
- ``zone_window_sums(x, neighbours)``: counts of every zone and window, and which zones are real.
- ``permutation_scan(...)``, ``permutation_statistic(...)``: space-time permutation scan.
  Kulldorff M, Heffernan R, Hartman J, Assunção R, Mostashari F (2005), "A space-time
  permutation scan statistic for disease outbreak detection", PLoS Medicine 2(3):e59.
- ``poisson_scan(...)``, ``poisson_scan_statistic(...)``: expectation-based Poisson scan.
  Neill DB (2009), "Expectation-based scan statistics for monitoring spatial time series
  data", International Journal of Forecasting 25(3):498-517.
- ``poisson_tail(...)``: a Poisson tail test per commune and window, Bonferroni-adjusted.
- ``ears_c2(...)``, ``ears_c2_series(...)``: C2 of the Early Aberration Reporting System.
  Hutwagner L, Thompson W, Seeman GM, Treadwell T (2003), "The bioterrorism preparedness and
  response Early Aberration Reporting System (EARS)", Journal of Urban Health 80(2 Suppl 1).

The ``*_statistic`` functions skip the Monte Carlo (for calibrating thresholds on null data).
Scan p-values are Monte Carlo ranks of a cluster's statistic among the replicates' maxima
(Dwass M (1957), Annals of Mathematical Statistics 28:181-187), or with ``gumbel=True`` the
survival function of a Gumbel fitted to those maxima by moments: Abrams AM, Kleinman K,
Kulldorff M (2010), "Gumbel based p-value approximations for spatial scan statistics",
International Journal of Health Geographics 9:61. The analysis runs daily, so a p-value p
recurs by chance once in 1/p days.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

EARTH_RADIUS_KM = 6371.0
EULER_GAMMA = 0.5772156649015329
# Zone-window cells scored per numpy call in the Monte Carlo loop: enough to amortise the
# call overhead, few enough that the temporaries stay in the CPU cache (the work is
# memory-bound; 2**15 was fastest for the national table on a 2 MB-L2 Xeon).
CELLS_PER_BLOCK = 1 << 15
# Rows of the distance matrix `zones` holds at once (512 x 3,321 floats nationally).
ZONE_ROWS_PER_BLOCK = 512
# The Poisson scan's baseline for a zone that holds every commune (nothing to compare with).
NO_OUTSIDE_BASELINE = 1e30
SMALLEST_P = float(np.finfo(float).tiny)
# Replicates beating the strongest cluster after which the Monte Carlo stops: its p-value
# is then at least 20/999, ten times any alert threshold (see _replicate_maxima).
SEQUENTIAL_EXCEEDANCES = 20

Rng = np.random.Generator | int | None


@dataclass(frozen=True)
class Finding:
    """One signal: a zone (or commune) with more cases than expected over its last days.

    ``communes`` are row indices of ``counts``, the zone's centre first. ``statistic`` is the
    log-likelihood ratio ("permutation"), Neill's score ("poisson_scan"), -log10 of the
    unadjusted p ("poisson_tail") or C2 ("ears_c2"). ``relative_risk`` is observed / expected
    for every method (for the permutation scan the "observed / expected" SaTScan prints, not
    Kulldorff's inside-over-outside ratio); it is infinite for an EARS finding whose baseline
    week was empty. ``p_value`` is Bonferroni-adjusted for "poisson_tail"; it and
    ``recurrence_days`` are None for EARS and for the replicate-free ``*_statistic`` functions.
    """

    method: str
    communes: tuple[int, ...]
    window_days: int
    observed: int
    expected: float
    relative_risk: float
    statistic: float
    p_value: float | None = None
    recurrence_days: float | None = None


# Zones and zone-window sums ----------------------------------------------------------------


def _haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (broadcasting)."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = phi2 - phi1, np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def zones(lat: np.ndarray, lon: np.ndarray, *, k: int = 15, radius_km: float = 20.0) -> np.ndarray:
    """The (N, k) neighbour table: each commune, then its nearest ones within the radius.

    ``k`` counts the commune itself, so the largest zone has k communes. Rows are padded with
    -1 when fewer are within ``radius_km``. A commune without a centroid (NaN) is a zone of its
    own and in no other zone; equal distances keep the lower index first.
    """
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    count = len(lat)
    table = np.full((count, k), -1, dtype=np.int64)
    width = min(k, count)
    for first in range(0, count, ZONE_ROWS_PER_BLOCK):
        rows = np.arange(first, min(first + ZONE_ROWS_PER_BLOCK, count))
        distance = _haversine_km(lat[rows, None], lon[rows, None], lat, lon)
        distance[np.isnan(distance)] = np.inf
        # The commune leads its own row even when another shares its centroid exactly.
        distance[np.arange(len(rows)), rows] = -1.0
        nearest = np.argsort(distance, axis=1, kind="stable")[:, :width]
        within = np.take_along_axis(distance, nearest, axis=1) <= radius_km
        table[rows, :width] = np.where(within, nearest, -1)
    return table


def _window_sums(x: np.ndarray) -> np.ndarray:
    """Sums over the last w days, w = 1..D, of x (..., D): [..., w-1] ends at column D-1."""
    return np.cumsum(x[..., ::-1], axis=-1, dtype=x.dtype)


def _zone_sums(windows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Zone totals (..., K, rows, D) of per-commune values (..., N, D).

    ``columns`` is the neighbour table transposed, (K, rows): this zone-size-major layout
    makes the running sum over zone sizes K - 1 additions of contiguous slabs, several times
    faster than a cumsum across the middle axis.
    """
    # Index -1 (padding) picks the zero row appended last: a padded zone repeats the sum of
    # the zone before it.
    padded = np.concatenate([windows, np.zeros_like(windows[..., :1, :])], axis=-2)
    sums = np.take(padded, columns, axis=-2)
    for k in range(1, len(columns)):
        sums[..., k, :, :] += sums[..., k - 1, :, :]
    return sums


def zone_window_sums(x: np.ndarray, neighbours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Counts of every zone and window, and the (N, K) mask of zones that are not padding.

    ``x`` is (..., N, D) with column D-1 today; the result is (..., N, K, D) in x's dtype,
    where [..., i, k, w-1] sums the first k+1 neighbours of i over the last w days. A padded
    zone repeats the previous sum; the mask is False there so it is not reported twice.
    """
    sums = _zone_sums(_window_sums(np.asarray(x)), np.asarray(neighbours).T)
    return np.moveaxis(sums, -3, -2), np.asarray(neighbours) >= 0


# Scan models: what the Monte Carlo loop needs to know about one scan ----------------------


@dataclass(frozen=True)
class _ScanModel:
    """One scan statistic, ready to score observed and replicate zone-window counts alike.

    ``observed`` holds the (N, D) counts of the scanned days; ``columns`` the transposed
    neighbour table (K, rows) of the zone centres worth scanning. ``scorer(rows)`` returns
    the score function of zone-window counts (..., K, rows, D) for that slice of rows, with
    its own contiguous copy of the constants: numpy is several times slower on strided
    slices. ``expected`` takes the counts of all rows; ``sample`` draws (size, N, D) null
    counts.
    """

    method: str
    observed: np.ndarray
    columns: np.ndarray
    scorer: Callable[[slice], Callable[[np.ndarray], np.ndarray]]
    expected: Callable[[np.ndarray], np.ndarray]
    sample: Callable[[np.random.Generator, int], np.ndarray]


def _study(counts: np.ndarray, days: int) -> tuple[np.ndarray, int]:
    """The counts as an int64 (N, T) array, and the number of scanned days (at most T)."""
    counts = np.asarray(counts, dtype=np.int64)
    return counts, max(1, min(days, counts.shape[1]))


def _labelled_counts(labels: np.ndarray, day_totals: np.ndarray, communes: int) -> np.ndarray:
    """(size, N, D) int32 counts of events given their communes (size, m), day after day.

    Event j of each replicate falls on the day whose block of ``day_totals`` holds position j.
    """
    size, days = len(labels), len(day_totals)
    day = np.repeat(np.arange(days), day_totals)
    cell = (np.arange(size)[:, None] * communes + labels) * days + day
    flat = np.bincount(cell.ravel(), minlength=size * communes * days)
    return flat.reshape(size, communes, days).astype(np.int32)


def _permutation_model(counts: np.ndarray, neighbours: np.ndarray, days: int) -> _ScanModel:
    """Kulldorff et al. (2005): expected counts from the commune and day margins.

    mu = C_Z * C_W / C and LLR = c ln(c/mu) + (C-c) ln((C-c)/(C-mu)) when c > mu, else 0.
    To score 999 replicates in seconds the LLR is computed as F[c] - c G - H with a table F
    over the integers c and per zone-window constants G, H (the same algebra, float32-safe
    because no large terms cancel):  F[c] = c ln c + (C-c) ln(1 - c/C),
    G = ln mu - ln(1 - mu/C),  H = C ln(1 - mu/C).
    """
    total = int(counts.sum())
    scale = max(total, 1)
    last = counts[:, -days:]
    day_totals = last.sum(axis=0)
    commune_totals = counts.sum(axis=1)
    zone_totals = _zone_sums(commune_totals[:, None].astype(float), neighbours.T)[..., 0]
    # A centre whose largest zone never had a case can never score: skip it.
    centres = np.flatnonzero(zone_totals[-1] > 0)
    mu = zone_totals[:, centres, None] * _window_sums(day_totals.astype(float)) / scale
    # mu = 0 or mu = C force c = mu, which the c > mu mask scores 0 whatever G and H are.
    scorable = (mu > 0) & (mu < total)
    shrink = np.log1p(-np.where(scorable, mu, 0.0) / scale)
    slope = np.where(scorable, np.log(np.where(scorable, mu, 1.0)) - shrink, 0.0)
    slope = slope.astype(np.float32)
    offset = (total * shrink).astype(np.float32)
    # For an integer c, c > mu exactly when c >= floor(mu) + 1.
    threshold = (np.floor(mu) + 1).astype(np.int32)
    c = np.arange(total + 1, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = c * np.log(c) + (total - c) * np.log1p(-c / scale)
    table[0], table[-1] = 0.0, total * math.log(scale)
    table = table.astype(np.float32)

    def scorer(rows: slice) -> Callable[[np.ndarray], np.ndarray]:
        slope_rows, offset_rows, threshold_rows = (
            np.ascontiguousarray(constant[:, rows]) for constant in (slope, offset, threshold)
        )

        def score(zone_counts: np.ndarray) -> np.ndarray:
            llr = np.take(table, zone_counts)
            llr -= zone_counts.astype(np.float32) * slope_rows
            llr -= offset_rows
            llr *= zone_counts >= threshold_rows
            return llr

        return score

    # Date shuffles keep both margins, so only which events land in the last days varies:
    # a uniform sample of the events, without replacement, split among the days in draw
    # order (the draw order is itself random).
    pool = np.repeat(np.arange(len(counts)), commune_totals)
    drawn = int(day_totals.sum())

    def sample(rng: np.random.Generator, size: int) -> np.ndarray:
        labels = np.stack([pool[rng.choice(total, drawn, replace=False)] for _ in range(size)])
        return _labelled_counts(labels, day_totals, len(counts))

    return _ScanModel(
        method="permutation",
        observed=last,
        columns=np.ascontiguousarray(neighbours[centres].T),
        scorer=scorer,
        expected=lambda zone_counts: np.broadcast_to(mu, zone_counts.shape),
        sample=sample,
    )


def _commune_shares(counts: np.ndarray, days: int, prior_count: float) -> np.ndarray:
    """Each commune's share of the category before the scanned days, with a pseudo-count.

    ``prior_count`` events are added to every commune (0.5: Jeffreys' half event), so a
    commune with no history keeps a small share rather than an infinite relative risk.
    """
    history = counts[:, : counts.shape[1] - days].sum(axis=1) + prior_count
    return history / history.sum()


def _outside_ratio(shares: np.ndarray) -> np.ndarray:
    """s / (1 - s), the expected count inside per count outside; inf with nothing outside."""
    outside = 1.0 - shares
    has_outside = outside > 1e-9
    return np.where(has_outside, shares / np.where(has_outside, outside, 1.0), np.inf)


def _poisson_model(
    counts: np.ndarray, neighbours: np.ndarray, days: int, prior_count: float
) -> _ScanModel:
    """Neill (2009) expectation-based Poisson scan, its baseline moving with the province.

    B = s_Z / (1 - s_Z) * (P_W - c + prior_count): the zone's historical share applied to the
    province's count outside the zone over the window, so a province-wide rise (a campaign)
    raises B too. The pseudo-count keeps B positive when every event of the window lies in
    the zone. Score = c ln(c/B) + B - c when c > B, else 0. A zone holding every commune has
    no outside to compare with and scores 0.
    """
    shares = _commune_shares(counts, days, prior_count)
    zone_shares = _zone_sums(shares[:, None], neighbours.T)[..., 0]
    last = counts[:, -days:]
    day_totals = last.sum(axis=0)
    province = _window_sums(day_totals) + prior_count
    # B = ratio * province - ratio * c with both factors spelled out cell by cell: numpy
    # broadcasting over the short day axis is several times slower than same-shape arrays.
    # A zone without an outside gets a huge finite B (never exceeded, and unlike an
    # infinite one it keeps the arithmetic free of NaN).
    ratio = _outside_ratio(zone_shares)[..., None]
    has_outside = np.isfinite(ratio)
    ratio_cells = np.where(has_outside, ratio, 0.0) * np.ones(days)
    province_cells = np.where(has_outside, ratio * province, NO_OUTSIDE_BASELINE)
    ratio_cells, province_cells = ratio_cells.astype(np.float32), province_cells.astype(np.float32)

    def expected(zone_counts: np.ndarray) -> np.ndarray:
        return province_cells - ratio_cells * zone_counts.astype(np.float32)

    def scorer(rows: slice) -> Callable[[np.ndarray], np.ndarray]:
        province_rows = np.ascontiguousarray(province_cells[:, rows])
        ratio_rows = np.ascontiguousarray(ratio_cells[:, rows])

        def score(zone_counts: np.ndarray) -> np.ndarray:
            c = zone_counts.astype(np.float32)
            baseline = province_rows - ratio_rows * c
            # max(c, 1) changes nothing but c = 0, where c ln(c/B) is 0 and would be NaN;
            # with no NaN about, multiplying by the mask is the fastest way to zero c <= B.
            value = c * np.log(np.maximum(c, 1) / baseline)
            value += baseline
            value -= c
            value *= c > baseline
            return value

        return score

    # Conditional on each day's province total, the null spreads it over the communes by
    # their shares: independent Poisson(s_z P_d) counts conditioned on their daily sums.
    drawn = int(day_totals.sum())

    def sample(rng: np.random.Generator, size: int) -> np.ndarray:
        labels = rng.choice(len(counts), size=(size, drawn), p=shares)
        return _labelled_counts(labels, day_totals, len(counts))

    return _ScanModel(
        method="poisson_scan",
        observed=last,
        columns=np.ascontiguousarray(neighbours.T),
        scorer=scorer,
        expected=expected,
        sample=sample,
    )


# The scan machinery both models share -----------------------------------------------------


def _disjoint_clusters(
    model: _ScanModel, scores: np.ndarray, max_clusters: int
) -> list[tuple[int, int, int]]:
    """(k, row, window index) of the best zones, greedily by score, sharing no commune.

    Each zone stands for its best window (the shortest among equals) and padding zones for
    nothing, so no cluster is reported twice; among equal scores the smaller zone wins.
    """
    best_window = scores.argmax(axis=-1)
    best = np.take_along_axis(scores, best_window[..., None], axis=-1)[..., 0]
    best = np.where(model.columns >= 0, best, 0)
    used = np.zeros(len(model.observed), dtype=bool)
    picked: list[tuple[int, int, int]] = []
    for flat in np.argsort(-best, axis=None, kind="stable").tolist():
        k, row = divmod(flat, best.shape[1])
        if best[k, row] <= 0 or len(picked) == max_clusters:
            break
        members = model.columns[: k + 1, row]
        if not used[members].any():
            used[members] = True
            picked.append((k, row, int(best_window[k, row])))
    return picked


def _replicate_maxima(
    model: _ScanModel, replicates: int, rng: np.random.Generator, *, observed: float
) -> np.ndarray:
    """The largest score of each null replicate, in bounded memory.

    Sequential Monte Carlo (Besag J, Clifford P (1991), "Sequential Monte Carlo
    p-values", Biometrika 78(2):301-304): once SEQUENTIAL_EXCEEDANCES replicates have
    beaten the observed statistic, its p-value is at least that many over the replicates
    drawn, far above any alert threshold, so drawing stops there. Quiet days, most days,
    cost a few dozen replicates; a cluster that may be significant still gets them all.
    """
    sizes, centres = model.columns.shape
    cells = sizes * model.observed.shape[1]
    batch = max(1, CELLS_PER_BLOCK // max(1, cells * centres))
    rows = max(1, CELLS_PER_BLOCK // cells)
    blocks = [slice(first, first + rows) for first in range(0, centres, rows)]
    scorers = [(model.columns[:, block], model.scorer(block)) for block in blocks]
    maxima = np.zeros(replicates)
    drawn = exceeded = 0
    while drawn < replicates and exceeded < SEQUENTIAL_EXCEEDANCES:
        size = min(batch, replicates - drawn)
        windows = _window_sums(model.sample(rng, size))
        best = maxima[drawn : drawn + size]
        for columns, score in scorers:
            scores = score(_zone_sums(windows, columns))
            np.maximum(best, scores.reshape(size, -1).max(axis=1), out=best)
        exceeded += int((best >= observed).sum())
        drawn += size
    return maxima[:drawn]


def _gumbel_survival(statistic: np.ndarray, maxima: np.ndarray) -> np.ndarray | None:
    """P(max > statistic) under a Gumbel fitted to the maxima by moments; None if degenerate."""
    scale = maxima.std(ddof=1) * math.sqrt(6) / math.pi if len(maxima) > 1 else 0.0
    if not scale > 0:
        return None
    location = maxima.mean() - EULER_GAMMA * scale
    survival = -np.expm1(-np.exp(-(statistic - location) / scale))
    # Far out the survival underflows to 0; keep it positive so the recurrence stays finite.
    return np.maximum(survival, SMALLEST_P)


def _scan_p_values(statistic: np.ndarray, maxima: np.ndarray, *, gumbel: bool) -> np.ndarray:
    """Monte Carlo rank p-values of each statistic, or Gumbel ones when asked and possible."""
    exceeding = (maxima[None, :] >= statistic[:, None]).sum(axis=1)
    ranked = (1 + exceeding) / (len(maxima) + 1)
    fitted = _gumbel_survival(statistic, maxima) if gumbel else None
    return ranked if fitted is None else fitted


def _scan_findings(
    model: _ScanModel, *, replicates: int, gumbel: bool, rng: Rng, max_clusters: int
) -> list[Finding]:
    """The disjoint clusters of a scan, strongest first, with p-values when replicates > 0."""
    zone_counts = _zone_sums(_window_sums(model.observed.astype(np.int32)), model.columns)
    scores = model.scorer(slice(None))(zone_counts)
    picked = _disjoint_clusters(model, scores, max_clusters)
    if not picked:
        return []  # quiet data: no cluster to test, so no replicates to draw
    statistic = np.array([scores[k, row, w] for k, row, w in picked], dtype=float)
    p_values: list[float | None] = [None] * len(picked)
    if replicates > 0:
        maxima = _replicate_maxima(
            model, replicates, np.random.default_rng(rng), observed=float(statistic.max())
        )
        # A Gumbel fitted to a sequential run's few replicates says little; its rank is exact.
        complete = len(maxima) == replicates
        p_values = [float(p) for p in _scan_p_values(statistic, maxima, gumbel=gumbel and complete)]
    expected = model.expected(zone_counts)
    findings = []
    for (k, row, w), value, p in zip(picked, statistic, p_values, strict=True):
        observed, mean = int(zone_counts[k, row, w]), float(expected[k, row, w])
        findings.append(
            Finding(
                method=model.method,
                communes=tuple(model.columns[: k + 1, row].tolist()),
                window_days=w + 1,
                observed=observed,
                expected=mean,
                relative_risk=observed / mean,
                statistic=float(value),
                p_value=p,
                recurrence_days=None if p is None else 1.0 / p,
            )
        )
    return findings


# The two scans ----------------------------------------------------------------------------


def permutation_scan(
    counts: np.ndarray,
    neighbours: np.ndarray,
    *,
    days: int = 14,
    replicates: int = 999,
    gumbel: bool = False,
    rng: Rng = None,
    max_clusters: int = 10,
) -> list[Finding]:
    """Space-time permutation scan: the most likely and secondary clusters, with p-values.

    Secondary clusters share no commune with a stronger one; each gets its own p-value
    against the same replicate maxima. ``replicates=0`` skips the Monte Carlo.
    """
    counts, days = _study(counts, days)
    model = _permutation_model(counts, np.asarray(neighbours), days)
    return _scan_findings(
        model, replicates=replicates, gumbel=gumbel, rng=rng, max_clusters=max_clusters
    )


def permutation_statistic(
    counts: np.ndarray, neighbours: np.ndarray, *, days: int = 14
) -> Finding | None:
    """The most likely permutation-scan cluster without Monte Carlo; None if no LLR > 0."""
    found = permutation_scan(counts, neighbours, days=days, replicates=0, max_clusters=1)
    return found[0] if found else None


def poisson_scan(
    counts: np.ndarray,
    neighbours: np.ndarray,
    *,
    days: int = 14,
    replicates: int = 999,
    gumbel: bool = False,
    rng: Rng = None,
    max_clusters: int = 10,
    prior_count: float = 0.5,
) -> list[Finding]:
    """Expectation-based Poisson scan: clusters above the moving baseline, with p-values.

    Reported like `permutation_scan`; ``prior_count`` is the pseudo-count per commune. The
    replicates take the historical shares as known: with a short history they run a little
    small (on simulated null data with 53 days of about one case a day per commune, 14%
    fell below 0.1; with 193 days, 10%).
    """
    counts, days = _study(counts, days)
    model = _poisson_model(counts, np.asarray(neighbours), days, prior_count)
    return _scan_findings(
        model, replicates=replicates, gumbel=gumbel, rng=rng, max_clusters=max_clusters
    )


def poisson_scan_statistic(
    counts: np.ndarray, neighbours: np.ndarray, *, days: int = 14, prior_count: float = 0.5
) -> Finding | None:
    """The highest-scoring Poisson-scan cluster without Monte Carlo; None if no score > 0."""
    found = poisson_scan(
        counts, neighbours, days=days, replicates=0, max_clusters=1, prior_count=prior_count
    )
    return found[0] if found else None


# Per-commune Poisson tail test --------------------------------------------------------------


def _log_factorial(k: np.ndarray) -> np.ndarray:
    """ln(k!) elementwise, computed once per distinct k (counts repeat a lot)."""
    distinct, inverse = np.unique(k, return_inverse=True)
    table = np.array([math.lgamma(value + 1.0) for value in distinct.tolist()])
    return table[inverse].reshape(np.shape(k))


def _poisson_log_tail(c: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """ln P(X >= c) for X ~ Poisson(mu), accurate far into the tail (no scipy needed).

    Above the mean it sums pmf(c) (1 + mu/(c+1) + mu^2/((c+1)(c+2)) + ...), in logs so tiny
    p-values do not underflow; at or below it, 1 - P(X <= c-1) loses nothing.
    """
    c, mu = np.broadcast_arrays(np.asarray(c, dtype=np.int64), np.asarray(mu, dtype=float))
    result = np.zeros(c.shape)
    upper, lower = (c > 0) & (c > mu), (c > 0) & (c <= mu)
    if upper.any():
        k, m = c[upper], mu[upper]
        log_pmf = k * np.log(m) - m - _log_factorial(k)
        result[upper] = log_pmf + np.log(_series_sum(m, k + 1.0, step=1.0, limit=None))
    if lower.any():
        k, m = c[lower] - 1, mu[lower]
        below = np.exp(k * np.log(m) - m - _log_factorial(k)) * _series_sum(
            1.0 / m, k.astype(float), step=-1.0, limit=k
        )
        result[lower] = np.log1p(-np.minimum(below, 1.0))
    return result


def _series_sum(
    factor: np.ndarray, first: np.ndarray, *, step: float, limit: np.ndarray | None
) -> np.ndarray:
    """1 + t1 + t2 + ..., elementwise, for the two Poisson series of `_poisson_log_tail`.

    Upward (step +1): t_n = t_(n-1) * factor / (first + n - 1). Downward (step -1):
    t_n = t_(n-1) * factor * (first - n + 1), at most ``limit`` terms. The ratios are below
    one in both uses, so each element stops once its term no longer changes its sum.
    """
    total, term = np.ones_like(factor), np.ones_like(factor)
    active = np.ones(factor.shape, dtype=bool)
    n = 0
    while active.any():
        position = first[active] + n * step
        ratio = factor[active] / position if step > 0 else factor[active] * position
        term[active] *= ratio
        total[active] += term[active]
        n += 1
        done = term[active] <= 1e-17 * total[active]
        if limit is not None:
            done |= n >= limit[active]
        active[np.flatnonzero(active)[done]] = False
    return total


def poisson_tail(
    counts: np.ndarray, *, days: int = 14, prior_count: float = 0.5, max_findings: int = 10
) -> list[Finding]:
    """Communes whose count over some last-w-days window is improbably high for the baseline.

    Expected = the Poisson scan's baseline for the commune alone; p = P(X >= c); each commune
    keeps its smallest p over the windows, Bonferroni-adjusted for all N x days tests.
    ``statistic`` is -log10 of the unadjusted p, finite even where p underflows.
    """
    counts, days = _study(counts, days)
    observed = _window_sums(counts[:, -days:])
    province = _window_sums(counts[:, -days:].sum(axis=0)) + prior_count
    ratio = _outside_ratio(_commune_shares(counts, days, prior_count))[:, None]
    expected = ratio * (province - observed)
    testable = np.isfinite(expected) & (observed > expected)
    log_p = np.zeros(observed.shape)  # p = 1 where nothing exceeds the baseline
    log_p[testable] = _poisson_log_tail(observed[testable], expected[testable])
    best = log_p.argmin(axis=1)
    communes = np.flatnonzero(log_p.min(axis=1) < 0)
    communes = communes[np.argsort(log_p[communes, best[communes]], kind="stable")][:max_findings]
    tests = counts.shape[0] * days
    findings = []
    for i in communes.tolist():
        w = int(best[i])
        # Clamped to the smallest normal float so the recurrence stays finite past underflow.
        p_adjusted = min(1.0, max(math.exp(log_p[i, w]) * tests, SMALLEST_P))
        findings.append(
            Finding(
                method="poisson_tail",
                communes=(i,),
                window_days=w + 1,
                observed=int(observed[i, w]),
                expected=float(expected[i, w]),
                relative_risk=float(observed[i, w] / expected[i, w]),
                statistic=float(-log_p[i, w] / math.log(10)),
                p_value=p_adjusted,
                recurrence_days=1.0 / p_adjusted,
            )
        )
    return findings


# EARS C2 ----------------------------------------------------------------------------------

# The last day against days t-9..t-3: seven days, after a two-day guard band.
EARS_BASELINE_DAYS = 7
EARS_GUARD_DAYS = 2
EARS_LAG = EARS_BASELINE_DAYS + EARS_GUARD_DAYS


def _c2_statistic(today: np.ndarray, baseline: np.ndarray, sd_floor: float) -> np.ndarray:
    """(x - mean) / max(sd, floor) over the baseline's last axis (sample sd, ddof=1).

    Sparse counts make the baseline sd 0 on most days; the floor (default 0.5) keeps C2
    finite, so one case after an empty week scores 2 and two cases score 4.
    """
    mean = baseline.mean(axis=-1)
    sd = np.maximum(baseline.std(axis=-1, ddof=1), sd_floor)
    return (today - mean) / sd


def ears_c2_series(counts: np.ndarray, *, sd_floor: float = 0.5) -> np.ndarray:
    """C2 of every commune on every day, (N, T) floats; NaN for the first nine days."""
    counts = np.asarray(counts, dtype=float)
    result = np.full(counts.shape, np.nan)
    if counts.shape[1] > EARS_LAG:
        baselines = sliding_window_view(counts, EARS_BASELINE_DAYS, axis=1)
        usable = baselines[:, : counts.shape[1] - EARS_LAG]
        result[:, EARS_LAG:] = _c2_statistic(counts[:, EARS_LAG:], usable, sd_floor)
    return result


def ears_c2(
    counts: np.ndarray, *, threshold: float = 3.0, sd_floor: float = 0.5, max_findings: int = 10
) -> list[Finding]:
    """Communes whose count today has C2 above ``threshold``, highest first."""
    counts = np.asarray(counts, dtype=float)
    if counts.shape[1] <= EARS_LAG:
        return []
    baseline = counts[:, -EARS_LAG - 1 : -EARS_GUARD_DAYS - 1]
    today = counts[:, -1]
    c2 = _c2_statistic(today, baseline, sd_floor)
    flagged = np.flatnonzero(c2 > threshold)
    flagged = flagged[np.argsort(-c2[flagged], kind="stable")][:max_findings]
    mean = baseline.mean(axis=1)
    return [
        Finding(
            method="ears_c2",
            communes=(i,),
            window_days=1,
            observed=int(today[i]),
            expected=float(mean[i]),
            relative_risk=float(today[i] / mean[i]) if mean[i] > 0 else math.inf,
            statistic=float(c2[i]),
        )
        for i in flagged.tolist()
    ]
