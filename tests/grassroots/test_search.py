"""Case search through the text index: diacritics ignored, every word required, a word
matching the start of a longer one, the index following every write path."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q

from mandate.core.search import fts_match, search_tokens
from mandate.grassroots import services
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case

TODAY = datetime.date(2026, 5, 15)


def draft(world, places, summary: str):
    return Intake(world.rita, today=TODAY).clean(
        {
            "category": places.environment.code,
            "locality": places.a.code,
            "observed_on": "14/05/2026",
            "severity": "2",
            "people_affected": "5",
            "summary": summary,
        }
    )


def file(world, places, summary: str) -> Case:
    report = services.file_report(draft=draft(world, places, summary), by=world.rita, channel="web")
    return report.case


def found(query: str) -> set[int]:
    return set(Case.objects.dangerously_unscoped().search(query).values_list("pk", flat=True))


@pytest.fixture
def cases(world, places) -> dict[str, Case]:
    return {
        "wastewater": file(world, places, "Nước thải xưởng mạ chảy ra kênh thôn Đông"),
        "road": file(world, places, "Đường liên thôn hư hỏng nặng sau mưa lũ"),
        "water": file(world, places, "Thiếu nước sạch cho khu dân cư"),
    }


@pytest.mark.django_db
def test_diacritics_are_ignored(cases):
    assert found("nuoc thai") == {cases["wastewater"].pk}
    assert found("NƯỚC THẢI") == {cases["wastewater"].pk}
    assert found("duong") == {cases["road"].pk}  # đ is searched as d


@pytest.mark.django_db
def test_every_word_must_match(cases):
    assert found("nước") == {cases["wastewater"].pk, cases["water"].pk}
    assert found("nước sạch") == {cases["water"].pk}
    assert found("nước đường") == set()


@pytest.mark.django_db
def test_a_search_counts_what_it_lists_looking_the_matches_up_by_id(cases):
    from django.test.utils import CaptureQueriesContext

    for query in ("nước", "nuoc thai", "thôn", "xyz"):
        searched = Case.objects.dangerously_unscoped().search(query).order_by()
        with CaptureQueriesContext(connection) as captured:
            count = searched.count()
        assert count == len(found(query))
        assert searched[:1].count() == min(count, 1)  # a slice counts as Django's does
        if connection.vendor == "sqlite" and count:
            # The ids are looked up, not tested row by row (the list's "+id IN"), and the
            # text search runs once.
            assert ' "grassroots_case"."id" IN (SELECT rowid' in captured[0]["sql"]
            assert captured[0]["sql"].count("MATCH") == 1


@pytest.mark.django_db
def test_a_search_among_other_conditions_counts_what_it_lists(cases):
    everything = Case.objects.dangerously_unscoped()
    other = cases["road"]
    for searched in (
        everything.search("nuoc").filter(category=cases["wastewater"].category),
        everything.exclude(pk=other.pk).search("thôn"),
        everything.search("nuoc") | everything.filter(pk=other.pk),
        everything.filter(Q(pk=other.pk) | Q(pk__in=everything.search("nuoc").values("pk"))),
    ):
        assert searched.count() == len(list(searched))


@pytest.mark.django_db
def test_a_word_matches_the_start_of_a_longer_word(cases):
    assert found("xuo") == {cases["wastewater"].pk}  # xưởng
    assert found("kên thôn") == {cases["wastewater"].pk}


@pytest.mark.django_db
def test_an_empty_query_finds_everything(cases):
    assert found("") == found("   ") == {case.pk for case in cases.values()}


@pytest.mark.django_db
def test_a_retitled_case_is_found_by_its_new_words_only(cases):
    case = cases["road"]
    case.title = "Cầu tre bị gãy"
    case.save()
    assert found("cau tre") == {case.pk}
    assert found("hư hỏng") == set()
    Case.objects.filter(pk=case.pk).update(
        title="Chợ tạm lấn chiếm", search_text="cho tam lan chiem"
    )
    assert found("lấn chiếm") == {case.pk}
    assert found("cau tre") == set()


@pytest.mark.django_db
def test_a_changed_status_keeps_the_case_findable(cases):
    Case.objects.filter(pk=cases["water"].pk).update(status=Case.Status.CLOSED)
    assert found("nước sạch") == {cases["water"].pk}


@pytest.mark.django_db
def test_a_deleted_case_leaves_the_index(cases):
    case = cases["wastewater"]
    case.reports.all().delete()
    case.delete()
    assert found("nước") == {cases["water"].pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "-",
        "OR",
        "AND NOT",
        "(",
        ")",
        "nước OR",
        '"nước',
        "thải*",
        "-nước",
        "search_text:nuoc",
        "NEAR(nuoc thai)",
        "^nuoc",
        "'; DROP TABLE x; --",
        "%",
        "_",
        "\\",
    ],
)
def test_special_characters_never_raise(cases, query):
    found(query)  # the query runs, whatever it finds
    Case.objects.dangerously_unscoped().search(query).count()


@pytest.mark.django_db
def test_syntax_in_a_query_is_searched_as_words(cases):
    assert found('"nước thải') == {cases["wastewater"].pk}
    assert found("nước-thải") == {cases["wastewater"].pk}
    assert found("thải*") == {cases["wastewater"].pk}
    assert found("nước OR đường") == set()  # OR is a word here, not an operator


def test_the_query_is_cut_into_quoted_tokens():
    assert search_tokens('Nước "thải" OR (x* nước') == ["nuoc", "thai", "or", "x"]
    assert search_tokens("covid-19") == ["covid", "19"]
    assert search_tokens('" * -') == []
    assert fts_match(["nuoc", "thai"]) == '"nuoc"* "thai"*'


@pytest.mark.django_db
def test_a_short_word_matches_anywhere(cases):
    assert found("mạ nước") == {cases["wastewater"].pk}  # "ma" inside "xuong ma"
    assert found("ng") == {cases["wastewater"].pk, cases["road"].pk}


@pytest.mark.django_db
def test_a_case_filed_in_bulk_is_found(world, places, cases):
    drafts = [
        draft(world, places, "Khói bụi từ lò gạch thủ công"),
        draft(world, places, "Rác thải sinh hoạt đổ trộm ven đê"),
    ]
    services.file_reports_in_bulk(drafts, by=world.rita, channel="import")
    brick = Case.objects.dangerously_unscoped().get(title__startswith="Khói bụi")
    assert found("lo gach") == {brick.pk}
    assert len(found("thải")) == 2  # the wastewater case and the rubbish one
    # The insert trigger, set aside for the bulk insert, is back for the next write.
    assert file(world, places, "Cống thoát nước bị tắc ở ngõ chợ").pk in found("cong thoat")


@pytest.mark.django_db
def test_a_failed_bulk_insert_keeps_the_index_trigger(world, places, cases):
    from django.db import transaction

    from mandate.core.search import text_index_in_bulk

    with pytest.raises(ZeroDivisionError), transaction.atomic(), text_index_in_bulk(Case):
        raise ZeroDivisionError
    assert file(world, places, "Đèn chiếu sáng đường làng hỏng").pk in found("den chieu")


@pytest.mark.django_db
def test_the_case_list_searches_through_the_index(world, places, cases, client_for):
    from django.urls import reverse

    client = client_for(world.lena)
    response = client.get(reverse("grassroots:case-list"), {"q": "nuoc thai"})
    assert response.status_code == 200
    assert list(response.context["page"]) == [cases["wastewater"]]


@pytest.mark.django_db
def test_the_index_survives_every_migration():
    """Django rebuilds a SQLite table for some schema changes, dropping its triggers:
    a migration that does so for grassroots_case must run add_text_index again."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                ["grassroots_case"],
            )
            names = {row[0] for row in cursor.fetchall()}
            assert names == {
                f"grassroots_case_fts_{kind}" for kind in ("insert", "delete", "update")
            }
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s", ["grassroots_case"]
            )
            assert "grassroots_case_search_text_trgm" in {row[0] for row in cursor.fetchall()}
