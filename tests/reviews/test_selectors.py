"""The dashboard's figures on the hand-built world of conftest.py: right numbers, the
unit's subtree only, and only what the reader may see."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mandate.grassroots.models import Case
from mandate.reviews import selectors
from mandate.reviews.selectors import Period
from mandate.work.models import Bucket, Task
from tests.reviews.conftest import TODAY, YEAR

ON_TIME, LATE = Bucket.DONE_ON_TIME, Bucket.DONE_LATE
IN_TIME, OVERDUE = Bucket.PENDING_IN_TIME, Bucket.PENDING_OVERDUE


def buckets(on_time=0, late=0, in_time=0, overdue=0) -> dict:
    return {ON_TIME: on_time, LATE: late, IN_TIME: in_time, OVERDUE: overdue}


def test_period_of_a_year_reports_as_of_its_end_or_today():
    period = Period.of_year(2025)
    assert period.is_year and period.years == [2025]
    assert period.as_of(TODAY) == period.end  # past: as of its last day
    assert YEAR.as_of(TODAY) == TODAY  # running: as of today


def test_key_tasks_by_bucket_per_child_unit(world, figures):
    found = selectors.task_figures(user=world.lena, unit=world.root, period=YEAR)
    rows = {(row.unit.pk, row.own): row for row in found.rows}
    assert found.totals.buckets == buckets(on_time=2, late=1, in_time=2, overdue=3)
    assert rows[(world.root.pk, True)].buckets == buckets(in_time=1)
    assert rows[(world.division.pk, False)].buckets == buckets(on_time=1)
    commune_a = rows[(world.commune_a.pk, False)]
    assert commune_a.buckets == buckets(on_time=1, late=1, in_time=1, overdue=2)
    assert commune_a.has_children and commune_a.on_time_rate == 20
    assert rows[(world.commune_b.pk, False)].buckets == buckets(overdue=1)
    assert found.totals.total == sum(row.total for row in found.rows) == 8


def test_a_commune_counts_its_own_tasks_and_its_hamlets(world, figures):
    found = selectors.task_figures(user=world.alice, unit=world.commune_a, period=YEAR)
    assert [(row.unit, row.own) for row in found.rows] == [
        (world.commune_a, True),
        (world.hamlet_a, False),
    ]
    assert found.rows[0].buckets == buckets(on_time=1, late=1, in_time=1, overdue=1)
    assert found.rows[1].buckets == buckets(overdue=1)


def test_buckets_of_a_past_period_stand_as_of_its_end(world, figures):
    spring = Period(YEAR.start, YEAR.start.replace(month=4, day=5))
    found = selectors.task_figures(user=world.alice, unit=world.commune_a, period=spring)
    # Due by 05/04: done on time on 20/03; the one due 31/03, done 10/04, was overdue then.
    assert found.as_of == spring.end
    assert found.totals.buckets == buckets(on_time=1, overdue=1)


def test_all_tasks_when_not_only_the_key_ones(world, figures):
    found = selectors.task_figures(
        user=world.alice, unit=world.commune_a, period=YEAR, key_only=False
    )
    assert found.totals.total == 5 + 1 + 2  # the non-key task and the campaign's two


def test_a_reader_counts_only_what_they_see(world, figures):
    """olga sees commune_a's subtree: the province's figures, for her, are commune_a's."""
    found = selectors.task_figures(user=world.olga, unit=world.root, period=YEAR)
    assert found.totals.buckets == buckets(on_time=1, late=1, in_time=1, overdue=2)
    assert [row.unit for row in found.rows[1:]] == [world.commune_a]
    cases = selectors.case_figures(user=world.charlie, unit=world.root, period=YEAR)
    assert cases.totals.received == 1


def test_cases_received_resolved_on_time_open_overdue(world, places, figures):
    found = selectors.case_figures(user=world.alice, unit=world.commune_a, period=YEAR)
    totals = found.totals
    assert (totals.received, totals.resolved, totals.on_time) == (4, 2, 1)
    assert (totals.open, totals.overdue, totals.on_time_rate) == (2, 1, 50)
    by_category = {row.key: row for row in found.by_category}
    land, environment = by_category[places.land.pk], by_category[places.environment.pk]
    assert (land.received, land.resolved, land.open, land.overdue) == (2, 0, 2, 1)
    assert (environment.received, environment.resolved, environment.on_time) == (2, 2, 1)
    assert environment.label == places.environment.label
    assert [(row.label, row.received) for row in found.by_locality] == [
        (places.a.name, 3),
        (places.a_near.name, 1),
    ]
    province = selectors.case_figures(user=world.lena, unit=world.root, period=YEAR)
    assert province.totals.received == 5


def test_a_change_recounts_the_month_of_the_row_changed_only(world, places, figures, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    later = timezone.now() + datetime.timedelta(seconds=1)  # the clock stands still here

    def grouped_queries(count) -> tuple:
        with CaptureQueriesContext(connection) as captured:
            found = count()
        return found, sum("GROUP BY" in query["sql"] for query in captured)

    def cases():
        return selectors.case_figures(user=world.lena, unit=world.root, period=YEAR).totals

    def tasks():
        return selectors.task_figures(user=world.lena, unit=world.root, period=YEAR).totals

    first, queries = grouped_queries(cases)
    assert queries == 12  # nothing cached: a month at a time
    assert grouped_queries(cases) == (first, 0)
    case = Case.objects.filter(unit=world.commune_a, status=Case.Status.NEW).first()
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.RESOLVED, resolved_on=TODAY, updated_at=later
    )
    again, queries = grouped_queries(cases)
    assert queries == 1 and again.resolved == first.resolved + 1
    assert again.received == first.received

    first, _queries = grouped_queries(tasks)
    late = Task.objects.filter(lead_unit=world.commune_b).first()
    Task.objects.filter(pk=late.pk).update(is_key=False, updated_at=later)
    again, queries = grouped_queries(tasks)
    assert queries == 1 and again.total == first.total - 1


def test_localities_past_the_top_ten_are_added_up_as_others(world, places, figures):
    from tests.factories import LocalityFactory
    from tests.reviews.conftest import case, day

    for number in range(11):
        place = LocalityFactory(code=f"99{100 + number}", name=f"Xã Thêm {number:02}")
        case(world.commune_b, places.land, place, opened=day(3, 1), due=day(3, 2))
    found = selectors.case_figures(user=world.lena, unit=world.root, period=YEAR)
    assert len(found.by_locality) == 11
    others = found.by_locality[-1]
    # 14 communes: a (3 cases), then 13 with one each, of which 4 fall past the top ten.
    assert others.key is None and others.received == 4
    assert sum(row.received for row in found.by_locality) == found.totals.received == 16


def test_campaigns_with_their_completion_and_acknowledgement(world, figures):
    mine = selectors.campaign_figures(user=world.alice, unit=world.commune_a, period=YEAR)
    assert (mine.count, mine.organised, mine.tasks, mine.done) == (1, 0, 2, 1)
    assert (mine.targets, mine.acknowledged, mine.completion) == (1, 1, 50)
    assert [(row.campaign, row.organised, row.tasks, row.done) for row in mine.rows] == [
        (figures.campaign, False, 2, 1)
    ]
    province = selectors.campaign_figures(user=world.lena, unit=world.root, period=YEAR)
    assert (province.count, province.organised, province.tasks, province.done) == (2, 2, 3, 1)
    assert (province.targets, province.acknowledged, province.acknowledgement) == (2, 1, 50)


def test_training_coverage_courses_and_gaps(world, figures):
    found = selectors.training_figures(user=world.alice, unit=world.commune_a, period=YEAR)
    assert (found.people, found.trained, found.courses) == (3, 1, 1)
    assert (found.gaps, found.people_with_gaps, found.coverage) == (1, 1, 67)
    assert [(row.subject, row.courses, row.people) for row in found.by_subject] == [
        ("political_theory", 1, 1)
    ]


def test_good_models_and_replications(world, figures):
    found = selectors.practice_figures(user=world.alice, unit=world.commune_a, period=YEAR)
    assert (found.proposed, found.recognised) == (2, 1)
    assert (found.adopted, found.asked, found.spread) == (1, 1, 1)
    assert {row.category: (row.proposed, row.recognised) for row in found.by_category} == {
        "propaganda": (1, 0),
        "mass_mobilisation": (1, 1),
    }


def test_awards_of_the_year_by_title_without_revoked_ones(world, figures):
    found = selectors.award_figures(user=world.alice, unit=world.commune_a, period=YEAR)
    assert {(row.title.code, row.collective, row.individual) for row in found.rows} == {
        ("lao-dong-tien-tien", 0, 1),
        ("tap-the-lao-dong-tien-tien", 1, 0),
    }
    orders = [row.title.sort_order for row in found.rows]
    assert orders == sorted(orders)  # the catalogue's order
    assert (found.collective, found.individual, found.total) == (1, 1, 2)
    province = selectors.award_figures(user=world.lena, unit=world.root, period=YEAR)
    assert province.total == 3


def test_the_dashboard_gathers_every_section(world, figures):
    found = selectors.dashboard(user=world.victor, unit=world.root, period=YEAR)
    assert found.as_of == TODAY  # the year still runs
    assert found.tasks.totals.total == 8 and found.cases.totals.received == 5
    assert found.campaigns.count == 2 and found.awards.total == 3


def test_units_to_choose_from_and_the_default_one(world):
    assert selectors.default_unit(user=world.alice) == world.commune_a
    assert selectors.default_unit(user=world.lena) == world.root
    assert list(selectors.units_for(user=world.olga)) == [world.commune_a, world.hamlet_a]
    assert selectors.covers_scope(user=world.olga, unit=world.commune_a)
    assert not selectors.covers_scope(user=world.lena, unit=world.commune_a)
