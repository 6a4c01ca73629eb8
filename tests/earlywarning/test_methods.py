"""The statistics of `mandate.earlywarning.methods` against hand arithmetic and simulations.

Pure numpy: no database. The small table most tests use (3 communes, 5 days, scanning the
last 2 days, so the first 3 days are the Poisson scan's history):

    commune 0:  1 1 0 1 3     total 6, history 2
    commune 1:  1 1 1 1 0     total 4, history 3
    commune 2:  1 0 1 0 3     total 5, history 2
    day total:  3 2 2 2 6     C = 15; today 6, last two days 8
"""

import math

import numpy as np
import pytest

from mandate.earlywarning import methods

TABLE = np.array([[1, 1, 0, 1, 3], [1, 1, 1, 1, 0], [1, 0, 1, 0, 3]])
# Zones: {0}, {0, 2}; {1}, {1, 2}; {2}, {2, 0}.
TABLE_NEIGHBOURS = np.array([[0, 2], [1, 2], [2, 0]])


def line_of_communes(count: int, *, spacing_degrees: float = 0.05) -> np.ndarray:
    """Zones of communes strung along the equator 5.6 km apart (k=5, 20 km)."""
    lon = np.arange(count) * spacing_degrees
    return methods.zones(np.zeros(count), lon, k=5, radius_km=20.0)


def planted_table(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """30 communes over 120 quiet days, communes 10-12 with 6 extra cases on each of the last 3."""
    counts = rng.poisson(0.3, size=(30, 120))
    counts[10:13, -3:] += 6
    return counts, line_of_communes(30)


# Zones and sums ---------------------------------------------------------------------------


def test_zones_list_nearest_first_and_pad_past_the_radius():
    # On the equator one degree of longitude is 111.19 km: 0.1 degree is 11.1 km.
    lon = np.array([0.0, 0.1, 0.25, 1.0])
    table = methods.zones(np.zeros(4), lon, k=3, radius_km=20.0)
    assert table.tolist() == [
        [0, 1, -1],  # commune 2 is 27.8 km away
        [1, 0, 2],  # 11.1 km, then 16.7 km
        [2, 1, -1],
        [3, -1, -1],  # 111 km from everyone
    ]


def test_zones_wider_than_the_communes_are_padded():
    table = methods.zones(np.zeros(2), np.array([0.0, 0.1]), k=4, radius_km=20.0)
    assert table.tolist() == [[0, 1, -1, -1], [1, 0, -1, -1]]


def test_commune_without_centroid_is_a_zone_of_its_own():
    table = methods.zones(np.array([0.0, np.nan, 0.0]), np.array([0.0, 0.0, 0.1]), k=3)
    assert table.tolist() == [[0, 2, -1], [1, -1, -1], [2, 0, -1]]


def test_zone_window_sums_match_a_brute_force_loop():
    rng = np.random.default_rng(3)
    x = rng.poisson(2.0, size=(2, 7, 5))  # two tables, 7 communes, 5 days
    neighbours = np.array([rng.permutation(7)[:4] for _ in range(7)])
    neighbours[:, 0] = np.arange(7)
    neighbours[2, 2:] = -1
    neighbours[5, 1:] = -1
    sums, valid = methods.zone_window_sums(x, neighbours)
    assert sums.shape == (2, 7, 4, 5)
    for table in range(2):
        for i in range(7):
            for k in range(4):
                members = [j for j in neighbours[i, : k + 1] if j >= 0]
                for w in range(1, 6):
                    expected = x[table, members, -w:].sum()
                    assert sums[table, i, k, w - 1] == expected
    assert valid.tolist() == (neighbours >= 0).tolist()


# Space-time permutation scan -------------------------------------------------------------


def test_permutation_llr_matches_hand_arithmetic():
    # Best zone-window: {0, 2} today. C_Z = 6 + 5 = 11, C_W = 6, mu = 11 * 6 / 15 = 4.4,
    # c = 3 + 3 = 6, so LLR = c ln(c/mu) + (C-c) ln((C-c)/(C-mu)):
    llr = 6 * math.log(6 / 4.4) + 9 * math.log(9 / 10.6)
    # Runners-up: {2} today (mu = 5 * 6 / 15 = 2, c = 3) and {0, 2} over two days
    # (mu = 11 * 8 / 15, c = 7).
    assert 3 * math.log(3 / 2) + 12 * math.log(12 / 13) < llr
    assert 7 * math.log(7 / (88 / 15)) + 8 * math.log(8 / (15 - 88 / 15)) < llr

    found = methods.permutation_statistic(TABLE, TABLE_NEIGHBOURS, days=2)

    assert found is not None
    assert found.communes == (0, 2)
    assert (found.window_days, found.observed) == (1, 6)
    assert found.expected == pytest.approx(4.4)
    assert found.relative_risk == pytest.approx(6 / 4.4)
    assert found.statistic == pytest.approx(llr, abs=1e-5)
    assert found.p_value is None


def test_permutation_llr_with_single_commune_zones():
    # Zones {0}, {1}, {2} only: {2} today wins, mu = 5 * 6 / 15 = 2 and c = 3 (against
    # {0} over two days: mu = 6 * 8 / 15 = 3.2, c = 4).
    llr = 3 * math.log(3 / 2) + 12 * math.log(12 / 13)
    assert 4 * math.log(4 / 3.2) + 11 * math.log(11 / 11.8) < llr

    found = methods.permutation_statistic(TABLE, np.array([[0], [1], [2]]), days=2)

    assert (found.communes, found.window_days) == ((2,), 1)
    assert found.statistic == pytest.approx(llr, abs=1e-5)


def test_permutation_p_value_is_a_monte_carlo_rank():
    counts, neighbours = planted_table(np.random.default_rng(1))
    findings = methods.permutation_scan(counts, neighbours, days=7, replicates=49, rng=2)
    for finding in findings:
        ranks = finding.p_value * 50
        assert ranks == pytest.approx(round(ranks))
        assert finding.recurrence_days == pytest.approx(1 / finding.p_value)


def test_secondary_clusters_share_no_commune_and_weaken():
    counts, neighbours = planted_table(np.random.default_rng(1))
    counts[25, -2:] += 5
    findings = methods.permutation_scan(counts, neighbours, days=7, replicates=19, rng=1)
    seen: set[int] = set()
    for finding in findings:
        assert not seen & set(finding.communes)
        seen |= set(finding.communes)
    statistics = [f.statistic for f in findings]
    assert statistics == sorted(statistics, reverse=True)
    assert all(s > 0 for s in statistics)
    assert 25 in findings[1].communes


# Expectation-based Poisson scan ----------------------------------------------------------


def test_poisson_scan_score_matches_hand_arithmetic():
    # History (first 3 days) plus half an event each: 2.5, 3.5, 2.5 of 8.5. Zone {0, 2}
    # has share 5/8.5, so B = 5/3.5 * (P_W - c + 0.5). Today P_W = 6 and c = 6: every event
    # is in the zone and B = 5/3.5 * 0.5.
    baseline = 5 / 3.5 * 0.5
    score = 6 * math.log(6 / baseline) + baseline - 6
    # Runner-up: the same zone over two days, c = 7 and B = 5/3.5 * (8 - 7 + 0.5).
    runner_up = 5 / 3.5 * 1.5
    assert 7 * math.log(7 / runner_up) + runner_up - 7 < score

    found = methods.poisson_scan_statistic(TABLE, TABLE_NEIGHBOURS, days=2)

    assert found.communes == (0, 2)
    assert (found.window_days, found.observed) == (1, 6)
    assert found.expected == pytest.approx(baseline)
    assert found.relative_risk == pytest.approx(6 / baseline)
    assert found.statistic == pytest.approx(score, abs=1e-5)


def test_poisson_scan_baseline_follows_a_province_wide_rise():
    # Every commune triples at once: the outside rises with the zone, so nothing stands out,
    # while the same rise in one zone alone does.
    rng = np.random.default_rng(5)
    counts = rng.poisson(2.0, size=(30, 120))
    counts[:, -7:] = rng.poisson(6.0, size=(30, 7))
    neighbours = line_of_communes(30)
    findings = methods.poisson_scan(counts, neighbours, days=7, replicates=99, rng=5)
    assert findings[0].p_value > 0.05
    counts[:, -7:] = rng.poisson(2.0, size=(30, 7))
    counts[10:13, -7:] = rng.poisson(6.0, size=(3, 7))
    findings = methods.poisson_scan(counts, neighbours, days=7, replicates=99, rng=5)
    assert findings[0].p_value == 0.01


# Calibration on null data and power on a planted cluster ----------------------------------


@pytest.mark.parametrize("scan", [methods.permutation_scan, methods.poisson_scan])
def test_scan_p_values_are_roughly_uniform_on_null_data(scan):
    rng = np.random.default_rng(11)
    p_values = []
    for _ in range(200):
        lat, lon = rng.uniform(0, 0.5, size=(2, 20))
        neighbours = methods.zones(lat, lon, k=5, radius_km=30.0)
        rates = rng.uniform(0.2, 2.0, size=20)
        counts = rng.poisson(rates[:, None], size=(20, 200))
        found = scan(counts, neighbours, days=7, replicates=99, rng=rng)
        p_values.append(found[0].p_value if found else 1.0)
    p_values = np.array(p_values)
    assert 0.04 <= (p_values <= 0.1).mean() <= 0.17
    assert 0.40 <= (p_values <= 0.5).mean() <= 0.60


@pytest.mark.parametrize("scan", [methods.permutation_scan, methods.poisson_scan])
def test_scan_finds_a_planted_cluster(scan):
    counts, neighbours = planted_table(np.random.default_rng(2))
    top = scan(counts, neighbours, days=7, replicates=199, rng=3)[0]
    assert set(top.communes) == {10, 11, 12}
    assert top.window_days == 3
    assert top.observed >= 54
    assert top.p_value == pytest.approx(1 / 200)
    assert top.recurrence_days == pytest.approx(200)


@pytest.mark.parametrize("scan", [methods.permutation_scan, methods.poisson_scan])
def test_gumbel_p_value_goes_below_one_over_replicates(scan):
    counts, neighbours = planted_table(np.random.default_rng(2))
    top = scan(counts, neighbours, days=7, replicates=99, gumbel=True, rng=3)[0]
    assert 0 < top.p_value < 1 / 100
    assert top.recurrence_days > 100


# Poisson tail -----------------------------------------------------------------------------


def test_poisson_tail_matches_hand_arithmetic():
    # Commune 0 has share 2.5/8.5, so B = 2.5/6 * (P_W - c + 0.5): today c = 3 against
    # 2.5/6 * 3.5, over two days c = 4 against 2.5/6 * 4.5. Commune 2 has the same share:
    # today c = 3 again, over two days c = 3 against 2.5/6 * 5.5.
    def tail(c, mu):
        """P(X >= c) = 1 - sum_{j<c} e^-mu mu^j / j!"""
        return 1 - sum(math.exp(-mu) * mu**j / math.factorial(j) for j in range(c))

    ratio = 2.5 / 6
    commune_0 = min(tail(3, ratio * 3.5), tail(4, ratio * 4.5))
    assert commune_0 == tail(4, ratio * 4.5)

    findings = methods.poisson_tail(TABLE, days=2)

    assert [f.communes for f in findings] == [(0,), (2,)]
    first, second = findings
    assert (first.window_days, first.observed) == (2, 4)
    assert first.expected == pytest.approx(ratio * 4.5)
    assert first.p_value == pytest.approx(commune_0 * 3 * 2)  # Bonferroni over 3 x 2 tests
    assert first.statistic == pytest.approx(-math.log10(commune_0))
    assert second.window_days == 1
    assert second.statistic == pytest.approx(-math.log10(tail(3, ratio * 3.5)))
    assert second.p_value == 1.0  # 6 x 0.18, capped


def test_poisson_tail_stays_finite_far_in_the_tail():
    counts = np.zeros((50, 60), dtype=int)
    counts[:, :-1] = 1
    counts[7, -1] = 400
    finding = methods.poisson_tail(counts, days=1)[0]
    assert finding.communes == (7,)
    assert math.isfinite(finding.statistic) and finding.statistic > 300
    assert 0 < finding.p_value < 1e-300
    assert math.isfinite(finding.recurrence_days)


def test_poisson_tail_flags_the_planted_cluster():
    counts, _ = planted_table(np.random.default_rng(2))
    findings = methods.poisson_tail(counts, days=7)
    assert {f.communes[0] for f in findings[:3]} == {10, 11, 12}
    assert all(f.p_value < 1e-6 for f in findings[:3])


# EARS C2 ----------------------------------------------------------------------------------


def test_ears_c2_matches_hand_arithmetic():
    # Baseline days t-9..t-3 = 1 2 3 1 2 3 2: mean 2, sample sd sqrt(4/6); today 6.
    counts = np.array([[1, 2, 3, 1, 2, 3, 2, 50, 50, 6]])
    c2 = (6 - 2) / math.sqrt(4 / 6)
    [finding] = methods.ears_c2(counts)
    assert finding.statistic == pytest.approx(c2)
    assert (finding.observed, finding.expected, finding.relative_risk) == (6, 2.0, 3.0)
    assert finding.p_value is None


def test_ears_c2_floors_the_sd_of_an_empty_week():
    counts = np.zeros((2, 10), dtype=int)
    counts[0, -1] = 2  # (2 - 0) / 0.5 = 4 > 3
    counts[1, -1] = 1  # (1 - 0) / 0.5 = 2
    [finding] = methods.ears_c2(counts)
    assert finding.communes == (0,)
    assert finding.statistic == pytest.approx(4.0)
    assert finding.relative_risk == math.inf


def test_ears_c2_flags_a_big_spike():
    counts = np.random.default_rng(4).poisson(1.0, size=(30, 60))
    counts[5, -1] += 15
    assert methods.ears_c2(counts)[0].communes == (5,)


def test_ears_c2_series_agrees_with_the_daily_call():
    counts = np.random.default_rng(6).poisson(1.5, size=(8, 40))
    series = methods.ears_c2_series(counts)
    assert np.isnan(series[:, :9]).all()
    for day in (9, 20, 39):
        daily = methods.ears_c2(counts[:, : day + 1], threshold=-np.inf, max_findings=8)
        for finding in daily:
            assert series[finding.communes[0], day] == pytest.approx(finding.statistic)


# Degenerate inputs ------------------------------------------------------------------------


def run_all(counts: np.ndarray, neighbours: np.ndarray, days: int = 7) -> list:
    return [
        methods.permutation_scan(counts, neighbours, days=days, replicates=9, rng=0),
        methods.poisson_scan(counts, neighbours, days=days, replicates=9, rng=0),
        methods.poisson_tail(counts, days=days),
        methods.ears_c2(counts),
    ]


@pytest.mark.filterwarnings("error")
def test_all_zeros_find_nothing():
    counts = np.zeros((10, 30), dtype=int)
    assert run_all(counts, line_of_communes(10)) == [[], [], [], []]
    assert methods.permutation_statistic(counts, line_of_communes(10)) is None
    assert methods.poisson_scan_statistic(counts, line_of_communes(10)) is None


@pytest.mark.filterwarnings("error")
def test_a_single_event_is_no_cluster():
    # C = 1: the zones holding the event expect it in full (mu = C), the others never had one.
    counts = np.zeros((5, 30), dtype=int)
    counts[2, -1] = 1
    neighbours = line_of_communes(5)
    permutation, poisson, tail, _ = run_all(counts, neighbours)
    assert permutation == []
    # Against a quiet history one event is some excess, but nothing like a signal.
    assert all(f.p_value > 0.1 for f in poisson + tail)


@pytest.mark.filterwarnings("error")
def test_one_commune_has_no_spatial_excess():
    counts = np.zeros((1, 30), dtype=int)
    counts[0, -1] = 9
    neighbours = methods.zones(np.zeros(1), np.zeros(1), k=15)
    permutation, poisson, tail, ears = run_all(counts, neighbours)
    # Alone, a commune is the whole province: the scans and the tail test compare it with
    # an outside that does not exist. EARS still sees the spike in time.
    assert (permutation, poisson, tail) == ([], [], [])
    assert ears[0].communes == (0,)


@pytest.mark.filterwarnings("error")
def test_zones_wider_than_the_province_still_scan():
    counts = np.random.default_rng(8).poisson(1.0, size=(4, 30))
    counts[1, -2:] += 8
    neighbours = methods.zones(np.zeros(4), np.arange(4) * 0.05, k=10)
    permutation, poisson, tail, _ = run_all(counts, neighbours)
    assert 1 in permutation[0].communes
    assert 1 in poisson[0].communes
    assert tail[0].communes == (1,)


@pytest.mark.filterwarnings("error")
def test_short_series_scan_what_there_is():
    counts = np.array([[0, 3], [1, 0], [0, 0]])
    neighbours = line_of_communes(3)
    run_all(counts, neighbours, days=14)
    assert methods.ears_c2(counts) == []
    assert np.isnan(methods.ears_c2_series(counts)).all()
