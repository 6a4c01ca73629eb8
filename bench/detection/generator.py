"""Synthetic report counts: commune x category x day tables on the real communes' centroids,
and outbreaks planted in them.

The background of category c in commune i on day t is negative binomial with mean

    level_c * season_c(t) * weekday(t) * tet(t) * campaign_c(t) * weight_ci

and variance mean + mean**2 / DISPERSION (numpy's ``negative_binomial(n=DISPERSION,
p=DISPERSION / (DISPERSION + mean))``): reports come in bunches, several people writing
about the same matter on the same day. ``weight_ci`` is a commune's size (lognormal, wards
larger) times its leaning towards the category (lognormal), with mean 1 over the communes;
``level_c`` makes the category's share of REPORTS_PER_CELL reports per commune, category
and day on average over the two years, as in the demo province (the campaign on top). The
calendar is the demo's: 21/11/2024 to 20/11/2026, with both Tết and the October 2026
insurance campaign.

An outbreak adds Poisson extra reports to a cluster (a commune and its nearest ones), a
given number by its third day, spread over the cluster's communes in proportion to their
weights. Everything is drawn from the generator passed in: a seed gives the same tables.
"""

import datetime
import math
import sqlite3
from dataclasses import dataclass
from importlib import resources

import numpy as np

from mandate.earlywarning import methods

FIRST_DAY = datetime.date(2024, 11, 21)
SERIES_DAYS = 730  # two years, the demo's; detection looks at the second
STUDY_DAYS = 365
# The days whose detection is scored: each has a full 365-day study window behind it.
SCANNED = range(SERIES_DAYS - STUDY_DAYS, SERIES_DAYS)
DEMO_PROVINCE = "31"  # Hải Phòng, the demo province: 114 communes
# Production defaults (`detection.Parameters`): zones of up to 15 communes within 20 km,
# windows of 1-14 days, 999 replicates.
NEIGHBOURS, RADIUS_KM, WINDOW_DAYS, REPLICATES = 15, 20.0, 14, 999

# The demo: ~20,000 reports over 730 days in 114 communes and 11 categories.
REPORTS_PER_CELL = 20_000 / (730 * 114 * 11)
DISPERSION = 1.0  # negative binomial size: variance = mean + mean**2
WEEKDAY = (1.15, 1.1, 1.05, 1.05, 1.0, 0.45, 0.3)  # Monday first, as the demo
TET = (datetime.date(2025, 1, 29), datetime.date(2026, 2, 17))
TET_DAYS, TET_FACTOR = range(-2, 5), 0.2  # two days before to four after, as the demo
CAMPAIGN_CATEGORY = "social-policy"
CAMPAIGN = (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
CAMPAIGN_FACTOR = 2.0  # every commune at once, for a month
WARD_FACTOR = 1.4  # urban wards (Phường) report more
COMMUNE_SIGMA, LEANING_SIGMA = 0.45, 0.35

# Outbreaks: clusters of these many communes, these shapes, these extra reports by day 3.
CLUSTER_SIZES = (1, 3, 6, 12)
SHAPES = ("step", "ramp", "exponential")
SIZES = (2, 4, 8, 16)
OUTBREAK_DAYS = 14
DOUBLING_DAYS = 2.0
SETTING_SEED = 20261120


@dataclass(frozen=True)
class Category:
    """A matter's share of the reports and its season: 1 + amplitude * cos, peaking on
    ``peak`` (a day of the year)."""

    code: str
    share: float
    amplitude: float
    peak: int


# The demo's eleven categories and shares, and a twelfth for the national run.
CATEGORIES = (
    Category("land", 13, 0.10, 74),
    Category("environment", 15, 0.25, 182),  # harvest burning, summer smells
    Category("prices", 11, 0.35, 20),  # before Tết
    Category("public-services", 10, 0.10, 244),
    Category("infrastructure", 14, 0.50, 244),  # the rainy season's floods and roads
    Category("health", 7, 0.35, 196),  # summer: dengue
    Category("education", 7, 0.40, 237),  # school fees in August
    Category("social-policy", 9, 0.10, 335),
    Category("order-safety", 8, 0.20, 32),
    Category("culture-religion", 3, 0.50, 60),  # festivals after Tết
    Category("other", 3, 0.0, 1),
    Category("labour", 6, 0.15, 91),
)
DEMO_CATEGORIES = 11


@dataclass(frozen=True)
class Communes:
    """Communes of the bundled `vietnamadminunits` data, in province and ward code order."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    province: np.ndarray
    ward: np.ndarray  # True for a Phường
    lat: np.ndarray
    lon: np.ndarray

    def __len__(self) -> int:
        return len(self.codes)


def load_communes(province: str | None = DEMO_PROVINCE) -> Communes:
    """One province's communes (None: all 3,321 of Vietnam), read as `org.localities` does."""
    database = resources.files("vietnamadminunits") / "data" / "dataset.db"
    columns = "provinceCode, wardCode, ward, wardType, wardLat, wardLon"
    where, parameters = ("", ()) if province is None else ("WHERE provinceCode = ?", (province,))
    query = f"SELECT {columns} FROM admin_units {where} ORDER BY provinceCode, wardCode"  # noqa: S608
    with resources.as_file(database) as path:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute(query, parameters).fetchall()
        finally:
            connection.close()
    return Communes(
        codes=tuple(row[1] for row in rows),
        names=tuple(row[2] for row in rows),
        province=np.array([row[0] for row in rows]),
        ward=np.array([row[3] == "Phường" for row in rows]),
        lat=np.array([row[4] for row in rows], dtype=float),
        lon=np.array([row[5] for row in rows], dtype=float),
    )


@dataclass(frozen=True)
class Setting:
    """What every table of a province shares: its communes and zones, each category's
    expected count per commune and day (``levels``, categories x days) and each commune's
    weight per category (``weights``, categories x communes, mean 1)."""

    communes: Communes
    categories: tuple[Category, ...]
    neighbours: np.ndarray  # the production zones: K = 15 within 20 km
    nearest: np.ndarray  # the 12 nearest communes of each, whatever the distance
    levels: np.ndarray
    weights: np.ndarray
    density: float

    @property
    def dates(self) -> list[datetime.date]:
        return [FIRST_DAY + datetime.timedelta(days=n) for n in range(SERIES_DAYS)]

    def draw(self, category: int, rng: np.random.Generator, *, start: int = 0) -> np.ndarray:
        """Background counts (communes, days start..729) of one category."""
        mean = self.weights[category][:, None] * self.levels[category][None, start:]
        counts = rng.negative_binomial(DISPERSION, DISPERSION / (DISPERSION + mean))
        return counts.astype(np.int32)


def build(
    communes: Communes,
    *,
    categories: int = DEMO_CATEGORIES,
    density: float = REPORTS_PER_CELL,
    campaign: bool = True,
) -> Setting:
    """The setting of a province (or the country), its weights drawn from a fixed seed;
    ``campaign=False`` leaves the campaign out (the rest is the same)."""
    chosen = CATEGORIES[:categories]
    rng = np.random.default_rng(SETTING_SEED)
    size = rng.lognormal(0.0, COMMUNE_SIGMA, len(communes))
    size *= np.where(communes.ward, WARD_FACTOR, 1.0)
    weights = size * rng.lognormal(0.0, LEANING_SIGMA, (len(chosen), len(communes)))
    weights /= weights.mean(axis=1, keepdims=True)
    return Setting(
        communes=communes,
        categories=chosen,
        neighbours=methods.zones(communes.lat, communes.lon, k=NEIGHBOURS, radius_km=RADIUS_KM),
        nearest=methods.zones(communes.lat, communes.lon, k=max(CLUSTER_SIZES), radius_km=1e9),
        levels=_levels(chosen, density, campaign),
        weights=weights,
        density=density,
    )


def _levels(categories: tuple[Category, ...], density: float, campaign: bool) -> np.ndarray:
    """Expected reports per commune and day of each category, calendar effects included;
    the campaign comes on top of the density."""
    dates = [FIRST_DAY + datetime.timedelta(days=n) for n in range(SERIES_DAYS)]
    common = np.array([WEEKDAY[day.weekday()] * _tet(day) for day in dates])
    year_day = np.array([day.timetuple().tm_yday for day in dates])
    during = np.zeros(SERIES_DAYS, dtype=bool)
    during[campaign_days()] = campaign
    total_share = sum(category.share for category in categories)
    levels = []
    for category in categories:
        season = 1 + category.amplitude * np.cos(2 * math.pi * (year_day - category.peak) / 365.25)
        shape = common * season
        target = density * len(categories) * category.share / total_share
        level = shape * target / shape.mean()
        if category.code == CAMPAIGN_CATEGORY:
            level *= np.where(during, CAMPAIGN_FACTOR, 1.0)
        levels.append(level)
    return np.array(levels)


def _tet(day: datetime.date) -> float:
    return TET_FACTOR if any((day - tet).days in TET_DAYS for tet in TET) else 1.0


def campaign_days() -> range:
    """Indexes of the campaign's days in the series."""
    return range((CAMPAIGN[0] - FIRST_DAY).days, (CAMPAIGN[1] - FIRST_DAY).days + 1)


# Outbreaks ----------------------------------------------------------------------------------


def profile(shape: str, size: float, days: int = OUTBREAK_DAYS) -> np.ndarray:
    """Expected extra reports on each day of an outbreak, ``size`` of them by day 3.

    Step: the same every day. Ramp: growing by the same amount each day (day n gets n
    parts). Exponential: doubling every DOUBLING_DAYS days.
    """
    day = np.arange(1, days + 1, dtype=float)
    if shape == "step":
        curve = np.ones(days)
    elif shape == "ramp":
        curve = day
    elif shape == "exponential":
        curve = 2.0 ** ((day - 1) / DOUBLING_DAYS)
    else:
        raise ValueError(shape)
    return curve * size / curve[:3].sum()


def cluster(setting: Setting, centre: int, communes: int) -> np.ndarray:
    """The centre and its nearest communes, in the order `methods.zones` lists them."""
    return setting.nearest[centre, :communes].copy()


def plant(
    background: np.ndarray,
    *,
    communes: np.ndarray,
    weights: np.ndarray,
    expected: np.ndarray,
    onset: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """A copy of the background with Poisson extra reports from day ``onset`` on, each day's
    expected extra shared among the communes in proportion to their weights."""
    share = weights[communes] / weights[communes].sum()
    days = min(len(expected), background.shape[1] - onset)
    extra = rng.poisson(share[:, None] * expected[None, :days]).astype(background.dtype)
    planted = background.copy()
    planted[communes, onset : onset + days] += extra
    return planted
