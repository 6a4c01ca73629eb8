"""A day's detection: for each category, the scans of `methods` over the province's
communes, and an alert for every finding rarer than the category's threshold.

An ongoing cluster keeps its alert: a finding that shares a commune with an alert of the
same category detected in the last `days` days updates that alert (the day's strongest
finding wins) instead of opening another. The random draws of the Monte Carlo replicates
are seeded by the day and the category, so running a day again finds the same and
changes nothing.
"""

import datetime
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mandate.core.notifications import notify
from mandate.earlywarning import methods
from mandate.earlywarning.models import (
    DEFAULT_RECURRENCE_DAYS,
    Alert,
    DailyCount,
    DetectionRun,
    Threshold,
)
from mandate.grassroots.models import Category
from mandate.grassroots.routing import Router
from mandate.grassroots.services.common import INTAKE_ROLES
from mandate.org.models import Locality, Unit
from mandate.org.selectors import members_of


@dataclass(frozen=True)
class Parameters:
    """Zones of each commune and its nearest neighbours (up to `neighbours`, within
    `radius_km`), windows of 1 to `days` days ending on the day, expectations from a
    `study_days` window, `replicates` Monte Carlo replicates (a Gumbel tail if `gumbel`),
    the categories shared among `workers` processes."""

    neighbours: int = 15
    radius_km: float = 20.0
    days: int = 14
    study_days: int = 365
    replicates: int = 999
    gumbel: bool = False
    workers: int = 2

    @classmethod
    def from_settings(cls) -> "Parameters":
        return cls(**getattr(settings, "EARLY_WARNING", {}))


@dataclass(frozen=True)
class Communes:
    """The communes scanned, in matrix row order, and their zones."""

    ids: np.ndarray
    neighbours: np.ndarray
    row_of: dict[int, int]

    @classmethod
    def load(cls, parameters: Parameters) -> "Communes":
        rows = list(
            Locality.objects.filter(parent__isnull=False, lat__isnull=False, lon__isnull=False)
            .filter(children__isnull=True)
            .order_by("pk")
            .values_list("pk", "lat", "lon")
        )
        array = np.array(rows, dtype=float).reshape(-1, 3)
        ids = array[:, 0].astype(np.int64)
        return cls(
            ids=ids,
            neighbours=methods.zones(
                array[:, 1], array[:, 2], k=parameters.neighbours, radius_km=parameters.radius_km
            ),
            row_of={int(pk): row for row, pk in enumerate(ids)},
        )


Progress = Callable[[Category], object]
# Which method's finding describes an alert when several find the same cluster on a day:
# the scans outline clusters of communes, the tail test single communes. Their recurrence
# intervals are not comparable (the scans' are bounded by the replicates, the tail test's
# Bonferroni bound is not), so they are not what decides.
METHOD_RANK = {
    Alert.Method.PERMUTATION: 0,
    Alert.Method.POISSON_SCAN: 1,
    Alert.Method.POISSON_TAIL: 2,
}


def detect(
    *,
    day: datetime.date,
    categories: Iterable[Category] | None = None,
    parameters: Parameters | None = None,
    skip_done: bool = False,
    announce: bool = True,
    progress: Progress | None = None,
) -> list[DetectionRun]:
    """Run the day for each category (all active ones by default); the runs.

    With `skip_done`, a category already run for the day is left alone (`mandate tick`).
    Without `announce`, new alerts notify nobody (the demo, which replays past days).
    """
    parameters = parameters or Parameters.from_settings()
    categories = list(categories or Category.objects.filter(is_active=True).order_by("code"))
    if skip_done:
        done = set(DetectionRun.objects.filter(day=day).values_list("category_id", flat=True))
        categories = [category for category in categories if category.pk not in done]
    if not categories:
        return []
    communes = Communes.load(parameters)
    thresholds = dict(Threshold.objects.values_list("category_id", "recurrence_days"))
    router = Router()
    tables = [
        study_counts(
            category_id=category.pk, communes=communes, last_day=day, days=parameters.study_days
        )
        for category in categories
    ]
    jobs = [
        (counts, communes.neighbours, parameters, (day, category.pk))
        for category, counts in zip(categories, tables, strict=True)
    ]
    runs = []
    for category, counts, (findings, seconds) in zip(
        categories, tables, _find_all(jobs, workers=parameters.workers), strict=True
    ):
        runs.append(
            _record_run(
                day=day,
                category=category,
                counts=counts,
                findings=findings,
                seconds=seconds,
                communes=communes,
                parameters=parameters,
                threshold=thresholds.get(category.pk, DEFAULT_RECURRENCE_DAYS),
                router=router,
                announce=announce,
            )
        )
        if progress:
            progress(category)
    return runs


def _find_all(jobs: list[tuple], *, workers: int) -> Iterator[tuple[list, float]]:
    """Each category's findings and the seconds they took, in order; the scans are pure
    numpy, so with several workers forked processes share the categories out."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_find_job, jobs)
        return
    with multiprocessing.get_context("fork").Pool(min(workers, len(jobs))) as pool:
        yield from pool.imap(_find_job, jobs)


def _find_job(job: tuple) -> tuple[list, float]:
    counts, neighbours, parameters, seed = job
    clock = time.perf_counter()
    findings = find(counts, neighbours, parameters=parameters, seed=seed)
    return findings, time.perf_counter() - clock


def study_counts(
    *, category_id: int, communes: Communes, last_day: datetime.date, days: int
) -> np.ndarray:
    """The commune x day counts of a category, the last column being `last_day` (one query)."""
    first_day = last_day - datetime.timedelta(days=days - 1)
    counts = np.zeros((len(communes.ids), days), dtype=np.int32)
    cells = DailyCount.objects.filter(
        category_id=category_id, day__range=(first_day, last_day)
    ).values_list("locality_id", "day", "count")
    for locality_id, cell_day, count in cells:
        row = communes.row_of.get(locality_id)
        if row is not None:
            counts[row, (cell_day - first_day).days] = count
    return counts


def _record_run(
    *,
    day: datetime.date,
    category: Category,
    counts: np.ndarray,
    findings: list[methods.Finding],
    seconds: float,
    communes: Communes,
    parameters: Parameters,
    threshold: int,
    router: Router,
    announce: bool,
) -> DetectionRun:
    strong = [f for f in findings if f.recurrence_days and f.recurrence_days >= threshold]
    with transaction.atomic():
        for finding in strong:
            record(
                finding,
                day=day,
                category=category,
                communes=communes,
                router=router,
                days=parameters.days,
                announce=announce,
            )
        run, _created = DetectionRun.objects.update_or_create(
            day=day,
            category=category,
            defaults={
                "started_at": timezone.now(),
                "seconds": round(seconds, 3),
                "reports": int(counts.sum()),
                "parameters": {**asdict(parameters), "threshold_days": threshold},
                "findings": len(strong),
            },
        )
    return run


def find(
    counts: np.ndarray,
    neighbours: np.ndarray,
    *,
    parameters: Parameters,
    seed: tuple[datetime.date, int],
) -> list[methods.Finding]:
    """The findings of the alerting methods, by method in the order of METHOD_RANK and
    strongest first within each. The two scans draw from one generator seeded by the day
    and category, so a rerun draws the same replicates."""
    day, category_id = seed
    rng = np.random.default_rng([day.toordinal(), category_id])
    options = {
        "days": parameters.days,
        "replicates": parameters.replicates,
        "gumbel": parameters.gumbel,
        "rng": rng,
    }
    return [
        *methods.permutation_scan(counts, neighbours, **options),
        *methods.poisson_scan(counts, neighbours, **options),
        *methods.poisson_tail(counts, days=parameters.days),
    ]


# Alerts ----------------------------------------------------------------------


def record(
    finding: methods.Finding,
    *,
    day: datetime.date,
    category: Category,
    communes: Communes,
    router: Router,
    days: int,
    announce: bool = True,
) -> Alert:
    """Open an alert for the finding, or update the one of the cluster it continues: an
    alert of the category sharing a commune with it, detected in the last `days` days."""
    locality_ids = [int(communes.ids[row]) for row in finding.communes]
    values = _alert_values(finding, day=day)
    alert = (
        Alert.objects.dangerously_unscoped()
        .filter(
            category=category,
            last_detected_on__gte=day - datetime.timedelta(days=days),
            last_detected_on__lte=day,
            localities__in=locality_ids,
        )
        .order_by("-last_detected_on", "-id")
        .first()
    )
    if alert is None:
        alert = Alert.objects.create(
            category=category,
            centre_id=locality_ids[0],
            unit_id=router.unit_id(category.pk, locality_ids[0]),
            first_detected_on=day,
            peak_recurrence_days=values["recurrence_days"],
            **values,
        )
        alert.localities.set(locality_ids)
        if announce:
            transaction.on_commit(lambda: _announce(alert))
        return alert
    if alert.last_detected_on == day and METHOD_RANK[alert.method] <= METHOD_RANK[finding.method]:
        return alert  # a finding of a method that describes clusters better holds it today
    values["peak_recurrence_days"] = max(alert.peak_recurrence_days, values["recurrence_days"])
    changed = {name: value for name, value in values.items() if getattr(alert, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(alert, name, value)
        alert.save()
    if set(alert.localities.values_list("pk", flat=True)) != set(locality_ids):
        alert.localities.set(locality_ids)
    return alert


def _alert_values(finding: methods.Finding, *, day: datetime.date) -> dict:
    return {
        "method": finding.method,
        "last_detected_on": day,
        "window_start": day - datetime.timedelta(days=finding.window_days - 1),
        "window_end": day,
        "observed": int(finding.observed),
        "expected": round(float(finding.expected), 3),
        "relative_risk": round(float(finding.relative_risk), 3),
        "statistic": round(float(finding.statistic), 4),
        "p_value": None if finding.p_value is None else round(float(finding.p_value), 8),
        "recurrence_days": round(float(finding.recurrence_days), 1),
    }


def _announce(alert: Alert) -> None:
    """The responsible unit's leaders and officers hear of a new alert."""
    unit = Unit.objects.get(pk=alert.unit_id)
    category = alert.category

    def message() -> tuple[str, str]:
        return (
            _("Early warning: reports on %(category)s are rising around %(place)s")
            % {"category": category.label, "place": alert.centre.name},
            _(
                "%(observed)s reports from %(start)s to %(end)s where %(expected).1f were "
                "expected; a rise this strong happens by chance about once in %(days)s days."
            )
            % {
                "observed": alert.observed,
                "start": alert.window_start.strftime("%d/%m/%Y"),
                "end": alert.window_end.strftime("%d/%m/%Y"),
                "expected": alert.expected,
                "days": number_format(alert.recurrence_days, 0, force_grouping=True),
            },
        )

    notify(
        users=members_of(units=[unit], roles=INTAKE_ROLES),
        kind="alert-new",
        key=f"alert-new:{alert.pk}",
        message=message,
        url=reverse("earlywarning:alert-detail", args=[alert.pk]),
    )
