"""A day's detection on the database: a planted cluster becomes one alert for the unit
that must act, an ongoing cluster keeps its alert, and running a day again changes nothing."""

import datetime
import io

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from mandate.core.models import Notification
from mandate.earlywarning.detection import Parameters, detect
from mandate.earlywarning.models import Alert, DailyCount, DetectionRun, Threshold
from mandate.grassroots.models import Category
from mandate.org.models import Locality
from tests.factories import LocalityFactory

TODAY = datetime.date(2026, 5, 15)
FAST = Parameters(replicates=199, study_days=120, days=7, neighbours=5)


@pytest.fixture
def province(world, places):
    """Sixteen communes on a 4 x 4 grid 4 km apart (a, a_near and b among them), a year
    of quiet environment reports, and a burst in a and a_near over the last three days."""
    communes = [places.a, places.a_near, places.b]
    for n in range(13):
        communes.append(
            LocalityFactory(code=f"9910{n:02d}", parent=places.province, name=f"Xã Lưới {n}")
        )
    for n, commune in enumerate(communes):
        commune.lat, commune.lon = 20.5 + 0.036 * (n // 4), 106.5 + 0.038 * (n % 4)
        commune.save()
    rng = np.random.default_rng(7)
    rows = []
    for commune in communes:
        for offset in range(FAST.study_days):
            count = int(rng.poisson(0.25))
            if count:
                rows.append((commune, TODAY - datetime.timedelta(days=offset), count))
    DailyCount.objects.bulk_create(
        DailyCount(category=places.environment, locality=c, day=d, count=n) for c, d, n in rows
    )
    Threshold.objects.create(category=places.environment, recurrence_days=150)
    return communes


def burst(places, day, extra=6):
    for commune in (places.a, places.a_near):
        cell, _created = DailyCount.objects.get_or_create(
            category=places.environment, locality=commune, day=day, defaults={"count": 0}
        )
        cell.count += extra
        cell.save()


def run(day):
    return detect(day=day, categories=[Category.objects.get(code="environment")], parameters=FAST)


@pytest.mark.django_db
def test_a_planted_cluster_raises_one_alert_for_the_responsible_unit(
    world, places, province, django_capture_on_commit_callbacks
):
    quiet = run(TODAY - datetime.timedelta(days=5))
    assert quiet[0].findings == 0 and not Alert.objects.dangerously_unscoped().exists()
    for offset in range(3):
        burst(places, TODAY - datetime.timedelta(days=offset))
    with django_capture_on_commit_callbacks(execute=True):
        runs = run(TODAY)
    assert runs[0].findings >= 1
    alert = Alert.objects.dangerously_unscoped().get()
    assert {places.a.pk, places.a_near.pk} <= set(alert.localities.values_list("pk", flat=True))
    assert alert.unit == world.commune_a and alert.status == Alert.Status.NEW
    assert alert.window_end == TODAY and alert.window_start >= TODAY - datetime.timedelta(days=6)
    assert alert.observed > alert.expected and alert.recurrence_days >= 150
    assert alert.first_detected_on == alert.last_detected_on == TODAY
    assert DetectionRun.objects.get(day=TODAY).parameters["replicates"] == FAST.replicates
    # Leaders and officers of the commune unit hear of it; other communes do not.
    told = set(
        Notification.objects.filter(kind="alert-new").values_list("user__username", flat=True)
    )
    assert {"alice", "olga"} <= told and "charlie" not in told


@pytest.mark.django_db
def test_running_a_day_again_changes_nothing(world, places, province):
    for offset in range(3):
        burst(places, TODAY - datetime.timedelta(days=offset))
    run(TODAY)
    alert = Alert.objects.dangerously_unscoped().get()
    before = (alert.updated_at, alert.version, alert.history.count(), Notification.objects.count())
    run(TODAY)
    alert.refresh_from_db()
    assert Alert.objects.dangerously_unscoped().count() == 1
    assert (
        alert.updated_at,
        alert.version,
        alert.history.count(),
        Notification.objects.count(),
    ) == before
    assert DetectionRun.objects.filter(day=TODAY).count() == 1


@pytest.mark.django_db
def test_an_ongoing_cluster_updates_its_alert(
    world, places, province, django_capture_on_commit_callbacks
):
    yesterday = TODAY - datetime.timedelta(days=1)
    for offset in range(1, 4):
        burst(places, TODAY - datetime.timedelta(days=offset))
    with django_capture_on_commit_callbacks(execute=True):
        run(yesterday)
        burst(places, TODAY)
        run(TODAY)
    alert = Alert.objects.dangerously_unscoped().get()
    assert alert.first_detected_on == yesterday and alert.last_detected_on == TODAY
    assert alert.peak_recurrence_days >= alert.recurrence_days
    assert Notification.objects.filter(kind="alert-new").values("key").distinct().count() == 1


@pytest.mark.django_db
def test_a_province_wide_rise_raises_no_alert(world, places, province):
    """Every commune doubles at once (a campaign): neither scan may call it local."""
    for commune in province:
        for offset in range(5):
            DailyCount.objects.update_or_create(
                category=places.environment,
                locality=commune,
                day=TODAY - datetime.timedelta(days=offset),
                defaults={"count": 2},
            )
    assert run(TODAY)[0].findings == 0


@pytest.mark.django_db
def test_tick_runs_a_day_once(world, places, province, settings):
    settings.EARLY_WARNING = {"replicates": 99, "study_days": 120, "days": 7, "neighbours": 5}
    out = io.StringIO()
    call_command("tick", date="2026-05-15", stdout=out)
    assert (
        DetectionRun.objects.filter(day=TODAY).count()
        == Category.objects.filter(is_active=True).count()
    )
    first = set(DetectionRun.objects.values_list("pk", "started_at"))
    call_command("tick", date="2026-05-15", stdout=out)
    assert set(DetectionRun.objects.values_list("pk", "started_at")) == first


@pytest.mark.django_db
def test_the_detect_command(world, places, province, settings, in_english):
    settings.EARLY_WARNING = {"replicates": 99, "study_days": 120, "days": 7, "neighbours": 5}
    out = io.StringIO()
    call_command("detect", date="15/05/2026", category=["environment"], stdout=out, verbosity=0)
    assert "1 day(s), 1 categories" in out.getvalue()
    assert DetectionRun.objects.get().day == TODAY
    with pytest.raises(CommandError, match="Unknown category: nope"):
        call_command("detect", category=["nope"], verbosity=0)
    with pytest.raises(CommandError, match="is not a date"):
        call_command("detect", date="31/02/2026", verbosity=0)
    assert Locality.objects.count() >= 16
