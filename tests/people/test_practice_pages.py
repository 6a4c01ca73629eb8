"""The good model pages: the library, recording and editing, the model's page, its moves
and its files."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mandate.org.models import Unit
from mandate.people import services
from mandate.people.models import Practice, PracticeFile, Replication
from mandate.work.models import Task
from tests.browser.test_work_programme import PNG
from tests.factories import UnitFactory

LOA = "Loa phát thanh thông minh ở khu dân cư"


def propose(world, by=None, unit=None, **fields) -> Practice:
    return services.propose_practice(
        origin_unit=unit or world.commune_a,
        by=by or world.olga,
        **{
            "title": LOA,
            "summary": "Phát bản tin bằng loa kết nối mạng, điều khiển qua điện thoại.",
            "category": Practice.Category.PROPAGANDA,
        }
        | fields,
    )


def recognised(world, **fields) -> Practice:
    practice = propose(world, **fields)
    return services.recognise_practice(practice=practice, by=world.lena, note="QĐ 12/QĐ-BTG")


def png(name: str = "loa.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


# The library -------------------------------------------------------------------------


def test_an_outsider_sees_recognised_models_only(world, client_for):
    propose(world, title="Mô hình đề xuất của xã A")
    recognised(world, title="Mô hình được công nhận")
    body = client_for(world.charlie).get(reverse("people:practice-list")).content.decode()
    assert "Mô hình được công nhận" in body
    assert "Mô hình đề xuất của xã A" not in body
    body = client_for(world.alice).get(reverse("people:practice-list")).content.decode()
    assert "Mô hình đề xuất của xã A" in body


def test_search_ignores_accents(world, client_for):
    propose(world)
    propose(world, title="Tổ hòa giải ở cơ sở", summary="Hòa giải mâu thuẫn.")
    response = client_for(world.alice).get(reverse("people:practice-list"), {"q": "loa phat thanh"})
    assert [p.title for p in response.context["page"]] == [LOA]


def test_filters_narrow_the_library(world, places, client_for):
    place = places.a
    propose(world, locality=place)
    propose(world, title="Chuyển đổi số", category=Practice.Category.DIGITAL)
    other = propose(world, title="Của xã Hòa Bình", unit=world.commune_b, by=world.charlie)
    client = client_for(world.lena)
    url = reverse("people:practice-list")

    def titles(**query) -> set[str]:
        return {p.title for p in client.get(url, query).context["page"]}

    assert titles(category="digital") == {"Chuyển đổi số"}
    assert titles(locality=place.pk) == {LOA}
    assert titles(origin_unit=world.commune_b.pk) == {other.title}
    services.review_practice(practice=other, by=world.lena)
    assert titles(status="reviewed") == {other.title}
    assert titles(status="nonsense") == {LOA, "Chuyển đổi số", other.title}  # ignored


def test_the_library_counts_replications_in_few_queries(
    world, client_for, django_assert_max_num_queries
):
    for number in range(5):
        practice = recognised(world, title=f"Mô hình {number}")
        services.record_replication(
            practice=practice,
            unit=world.commune_b,
            by=world.charlie,
            adopted_on=timezone.localdate(),
        )
    client = client_for(world.lena)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:practice-list"))
    assert [p.replication_count for p in response.context["page"]] == [1] * 5


def test_htmx_gets_the_rows_only(world, client_for):
    propose(world)
    response = client_for(world.alice).get(
        reverse("people:practice-list"), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert 'id="rows"' in body and "<form" not in body


# Recording and editing ---------------------------------------------------------------


def test_an_officer_records_a_model_with_files(world, client_for):
    response = client_for(world.olga).post(
        reverse("people:practice-create"),
        {
            "origin_unit": world.commune_a.pk,
            "title": LOA,
            "summary": "Tóm tắt",
            "category": "propaganda",
            "approach": "Cách làm",
            "files": [png("a.png"), png("b.png")],
        },
    )
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:practice-detail", args=[practice.pk])
    assert practice.status == Practice.Status.PROPOSED and practice.created_by == world.olga
    assert sorted(practice.files.values_list("name", flat=True)) == ["a.png", "b.png"]


def test_a_model_for_a_unit_one_cannot_edit_is_refused(world, client_for):
    client = client_for(world.charlie)
    page = client.get(reverse("people:practice-create"))
    assert list(page.context["form"].fields["origin_unit"].queryset) == [world.commune_b]
    response = client.post(
        reverse("people:practice-create"),
        {"origin_unit": world.commune_a.pk, "title": "x", "summary": "y", "category": "other"},
    )
    assert response.status_code == 200 and "origin_unit" in response.context["form"].errors
    assert not Practice.objects.exists()


def test_an_edit_saves_and_a_stale_edit_is_refused(world, client_for):
    practice = propose(world)
    client = client_for(world.alice)
    url = reverse("people:practice-edit", args=[practice.pk])
    data = {"title": "Loa mới", "summary": "Tóm tắt mới", "category": "propaganda"}
    assert client.get(url).context["form"].initial["version"] == 1
    assert client.post(url, data | {"version": 1}).status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.version) == ("Loa mới", 2)
    response = client.post(url, data | {"title": "Cũ", "version": 1})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    practice.refresh_from_db()
    assert practice.title == "Loa mới"


def test_an_outsider_cannot_open_or_edit_a_proposed_model(world, client_for):
    practice = propose(world)
    client = client_for(world.charlie)
    assert client.get(reverse("people:practice-detail", args=[practice.pk])).status_code == 404
    assert client.get(reverse("people:practice-edit", args=[practice.pk])).status_code == 404


# The model's page and its moves ------------------------------------------------------


def act(client, practice, action, data=None):
    return client.post(reverse("people:practice-action", args=[practice.pk, action]), data or {})


def test_only_a_leader_reviews_and_recognises(world, client_for):
    practice = propose(world)
    officer = client_for(world.olga)
    page = officer.get(reverse("people:practice-detail", args=[practice.pk]))
    assert "review" not in page.context["action_forms"]
    response = act(officer, practice, "review")
    assert response.status_code == 200 and response.context["action_forms"]["review"].errors
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PROPOSED

    leader = client_for(world.alice)
    assert "review" in leader.get(page.request["PATH_INFO"]).context["action_forms"]
    assert act(leader, practice, "review").status_code == 302
    assert act(leader, practice, "recognise", {"note": "Quyết định khen thưởng"}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Practice.Status.RECOGNISED
    assert (practice.reviewed_by, practice.recognised_by) == (world.alice, world.alice)
    body = leader.get(page.request["PATH_INFO"]).content.decode()
    assert "Quyết định khen thưởng" in body and world.alice.full_name in body


def test_an_outsider_adopts_a_recognised_model(world, client_for):
    practice = recognised(world)
    client = client_for(world.charlie)
    adopted_on = timezone.localdate() - datetime.timedelta(days=3)
    response = act(
        client,
        practice,
        "adopt",
        {
            "unit": world.commune_b.pk,
            "adopted_on": adopted_on.isoformat(),
            "adaptation": "Dùng loa của nhà văn hóa",
            "results": "90% hộ dân nghe được",
        },
    )
    assert response.status_code == 302
    replication = Replication.objects.get()
    assert (replication.unit, replication.adopted_on) == (world.commune_b, adopted_on)
    body = client.get(response["Location"]).content.decode()
    assert "90% hộ dân nghe được" in body


def test_a_refused_adoption_changes_nothing(world, client_for):
    practice = recognised(world)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = act(
        client_for(world.charlie),
        practice,
        "adopt",
        {"unit": world.commune_b.pk, "adopted_on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["action_forms"]["adopt"].non_field_errors()
    assert not Replication.objects.exists()


def test_asking_five_communes_gives_five_tasks_shown_with_their_progress(world, client_for):
    communes = [world.commune_b] + [
        UnitFactory(name=f"Đảng ủy xã Nhân Rộng {n}", kind=Unit.Kind.COMMUNE, parent=world.root)
        for n in range(4)
    ]
    practice = recognised(world)
    client = client_for(world.lena)
    page = client.get(reverse("people:practice-detail", args=[practice.pk]))
    offered = {unit for unit, _checked in page.context["action_forms"]["ask"].choices()}
    assert set(communes) <= offered and world.commune_a not in offered
    due_on = timezone.localdate() + datetime.timedelta(days=30)
    response = act(client, practice, "ask", {"all_communes": "on", "due_on": due_on.isoformat()})
    assert response.status_code == 302
    tasks = Task.objects.filter(replication__practice=practice)
    assert sorted(task.lead_unit_id for task in tasks) == sorted(unit.pk for unit in communes)
    first = tasks.get(lead_unit=world.commune_b)
    Task.objects.filter(pk=first.pk).update(progress=40, status=Task.Status.IN_PROGRESS)

    page = client.get(reverse("people:practice-detail", args=[practice.pk]))
    rows = page.context["spread"]
    assert len(rows) == 5
    assert all(row["bucket"] == "pending_in_time" and row["task_openable"] for row in rows)
    body = page.content.decode()
    assert 'data-progress="40"' in body and body.count('data-status="asked"') == 5


def test_a_practice_not_recognised_cannot_be_replicated_on_request(world, client_for):
    practice = propose(world)
    due_on = timezone.localdate() + datetime.timedelta(days=30)
    response = act(
        client_for(world.lena),
        practice,
        "ask",
        {"units": [world.commune_b.pk], "due_on": due_on.isoformat()},
    )
    assert response.status_code == 200
    assert not Task.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_action_is_404(world, client_for, method):
    practice = recognised(world)
    url = reverse("people:practice-action", args=[practice.pk, "delete"])
    response = getattr(client_for(world.lena), method)(url)
    assert response.status_code == (404 if method == "post" else 405)


def test_an_action_on_an_invisible_model_is_404(world, client_for):
    practice = propose(world)
    assert act(client_for(world.charlie), practice, "review").status_code == 404


# Files ---------------------------------------------------------------------------------


def test_a_file_is_served_to_readers_of_the_model_only(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = services.propose_practice(
        origin_unit=world.commune_a,
        by=world.olga,
        files=[png()],
        title=LOA,
        summary="Tóm tắt",
        category=Practice.Category.PROPAGANDA,
    )
    stored = PracticeFile.objects.get()
    url = reverse("people:practice-file", args=[stored.pk])
    page = client_for(world.alice).get(reverse("people:practice-detail", args=[practice.pk]))
    assert f'<img src="{url}"' in page.content.decode()  # a thumbnail
    response = client_for(world.alice).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert client_for(world.charlie).get(url).status_code == 404
    services.recognise_practice(practice=practice, by=world.lena)
    assert client_for(world.charlie).get(url).status_code == 200


def test_the_dot_plot_marks_the_origin_and_the_adopters(world, places, client_for):
    practice = recognised(world)
    services.record_replication(
        practice=practice, unit=world.commune_b, by=world.charlie, adopted_on=timezone.localdate()
    )
    page = client_for(world.lena).get(reverse("people:practice-detail", args=[practice.pk]))
    kinds = {dot["name"]: dot["kind"] for dot in page.context["dot_plot"]["dots"]}
    assert kinds == {places.a.name: "origin", places.b.name: "adopted", places.a_near.name: ""}
    assert 'data-kind="origin"' in page.content.decode()


def test_the_models_page_holds_its_queries(world, client_for, django_assert_max_num_queries):
    practice = recognised(world)
    for number in range(5):
        unit = UnitFactory(name=f"Xã {number}", kind=Unit.Kind.COMMUNE, parent=world.root)
        services.record_replication(
            practice=practice, unit=unit, by=world.lena, adopted_on=timezone.localdate()
        )
    client = client_for(world.admin)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("people:practice-detail", args=[practice.pk]))
    assert len(response.context["spread"]) == 5
    assert "/admin/people/practice/" in response.content.decode()
