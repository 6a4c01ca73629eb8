"""The commune x category x day counts follow the reports: filing, import, correction,
deletion; and a rebuild from the reports gives the same counts."""

import datetime

import pytest

from mandate.earlywarning import counts
from mandate.earlywarning.models import DailyCount
from mandate.grassroots import services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case

TODAY = datetime.date(2026, 5, 15)


def draft(places, user, **overrides):
    values = {
        "category": places.environment.code,
        "locality": places.a.code,
        "observed_on": "14/05/2026",
        "severity": "2",
        "summary": "Khói từ lò đốt rác thôn Đông bay vào khu dân cư mỗi tối",
    }
    return Intake(user, today=TODAY).clean(values | overrides)


def cells():
    return {
        (row.category.code, row.locality.code, row.day): row.count
        for row in DailyCount.objects.select_related("category", "locality")
    }


@pytest.mark.django_db
def test_filed_and_imported_reports_are_counted_once(world, places):
    services.file_report(draft=draft(places, world.rita), by=world.rita, channel="web")
    services.file_report(draft=draft(places, world.rita), by=world.rita, channel="web")
    services.file_reports_in_bulk(
        [
            draft(places, world.lena, locality=places.b.code),
            draft(places, world.lena, locality=places.b.code, observed_on="12/05/2026"),
            draft(places, world.lena),
        ],
        by=world.lena,
        channel="import",
    )
    day = datetime.date(2026, 5, 14)
    assert cells() == {
        ("environment", "99001", day): 3,
        ("environment", "99003", day): 1,
        ("environment", "99003", datetime.date(2026, 5, 12)): 1,
    }


@pytest.mark.django_db
def test_a_correction_moves_the_counts_and_a_deletion_removes_them(world, places):
    report = services.file_report(draft=draft(places, world.rita), by=world.rita, channel="web")
    case = Case.objects.get(pk=report.case_id)
    services.correct(case=case, version=case.version, by=world.olga, locality=places.a_near)
    day = datetime.date(2026, 5, 14)
    assert cells() == {("environment", "99002", day): 1}
    case.refresh_from_db()
    services.correct(case=case, version=case.version, by=world.olga, category=places.land)
    assert cells() == {("land", "99002", day): 1}
    Case.objects.dangerously_unscoped().filter(pk=case.pk).delete()
    assert cells() == {}


@pytest.mark.django_db
def test_deleting_a_case_recounts_its_cells_once(world, places, monkeypatch):
    case = None
    for day in ("12/05/2026", "13/05/2026", "14/05/2026", "14/05/2026"):
        report = services.file_report(
            draft=draft(places, world.rita, observed_on=day, case=case),
            by=world.rita,
            channel="web",
        )
        case = case or report.case_id
    assert sum(cells().values()) == 4
    calls = []
    real = counts.recount
    monkeypatch.setattr(counts, "recount", lambda found: calls.append(set(found)) or real(found))
    Case.objects.dangerously_unscoped().filter(pk=case).delete()
    assert cells() == {}
    assert len(calls) == 1 and len(calls[0]) == 3  # three days, one recount


@pytest.mark.django_db
def test_a_rebuild_gives_the_counts_kept_up_to_date(world, places):
    for locality, day in [
        ("99001", "10/05/2026"),
        ("99001", "10/05/2026"),
        ("99003", "11/05/2026"),
    ]:
        services.file_report(
            draft=draft(places, world.lena, locality=locality, observed_on=day),
            by=world.lena,
            channel="web",
        )
    kept = cells()
    DailyCount.objects.update(count=99)
    assert counts.rebuild() == 2
    assert cells() == kept


@pytest.mark.django_db
def test_a_recount_leaves_the_unchanged_cells_of_its_box_as_they_are(world, places):
    """A recount reaches every cell between its first and last day: the ones whose
    count has not changed keep their rows."""
    for day in ("01/05/2026", "08/05/2026", "14/05/2026"):
        services.file_report(
            draft=draft(places, world.rita, observed_on=day), by=world.rita, channel="web"
        )
    rows = {row.day: (row.pk, row.count) for row in DailyCount.objects.all()}
    first, last = datetime.date(2026, 5, 1), datetime.date(2026, 5, 14)
    environment, commune = places.environment.pk, places.a.pk
    counts.recount({(environment, commune, first), (environment, commune, last)})
    assert {row.day: (row.pk, row.count) for row in DailyCount.objects.all()} == rows
