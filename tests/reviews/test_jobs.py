"""The year-end review prepared in the background (DESIGN.md rule 7): the job runs to done
with both files, the page shows its progress and polls while it runs, only its owner
reaches it, and a failure ends as a readable message. The world is tests/reviews/conftest.py's."""

import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document as open_docx
from openpyxl import load_workbook

from mandate.reviews import annual, jobs
from mandate.reviews.models import ReportJob

URL_START = "/reviews/jobs/"


@pytest.fixture(autouse=True)
def inline_jobs(settings, tmp_path):
    settings.MANDATE_JOBS_INLINE = True
    settings.MEDIA_ROOT = tmp_path / "media"


def start(client, unit, year=2026):
    return client.post(URL_START, {"unit": unit.pk, "year": year})


def test_a_started_job_runs_to_done_with_both_files(world, figures, client_for):
    response = start(client_for(world.alice), world.commune_a)
    job = ReportJob.objects.dangerously_unscoped().get()
    assert response.status_code == 302 and response.url == f"/reviews/jobs/{job.pk}/"
    assert (job.status, job.percent, job.step) == ("done", 100, ReportJob.Step.FINISHED)
    assert (job.unit, job.year, job.requested_by) == (world.commune_a, 2026, world.alice)
    assert job.started_at and job.finished_at and not job.error
    assert job.docx.name.startswith("reviews/2026/bao-cao-tong-ket-2026-")
    with job.docx.open("rb") as file:
        assert open_docx(file).paragraphs
    with job.xlsx.open("rb") as file:
        assert load_workbook(file).sheetnames


def test_progress_climbs_step_by_step(world, monkeypatch):
    seen = []
    save = jobs._save
    monkeypatch.setattr(
        jobs, "_save", lambda job, **fields: seen.append(fields) or save(job, **fields)
    )
    jobs.start_annual_review(user=world.alice, unit=world.commune_a, year=2026)
    percents = [fields["percent"] for fields in seen if "percent" in fields]
    assert percents == [20, 40, 60, 80, 99, 100]


def test_the_done_page_shows_the_bar_and_the_links_without_polling(world, client_for):
    client = client_for(world.alice)
    job_url = start(client, world.commune_a).url
    body = client.get(job_url).content.decode()
    job = ReportJob.objects.dangerously_unscoped().get()
    assert 'class="progress' in body and 'aria-valuenow="100"' in body
    assert f"/reviews/jobs/{job.pk}/review.docx" in body
    assert f"/reviews/jobs/{job.pk}/review.xlsx" in body
    assert "hx-trigger" not in body


def test_a_running_job_polls_its_partial(world, client_for):
    job = ReportJob.objects.create(
        unit=world.commune_a,
        year=2026,
        requested_by=world.alice,
        status=ReportJob.Status.RUNNING,
        percent=40,
        step=ReportJob.Step.GATHERING,
    )
    client = client_for(world.alice)
    body = client.get(f"/reviews/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in body and f'hx-get="/reviews/jobs/{job.pk}/"' in body
    assert 'aria-valuenow="40"' in body and "job-step-8" in body
    assert "review.docx" not in body
    partial = client.get(f"/reviews/jobs/{job.pk}/", headers={"HX-Request": "true"})
    text = partial.content.decode()
    assert text.lstrip().startswith('<div id="job-status"') and "<html" not in text
    assert 'hx-trigger="every 1s"' in text


def test_the_owner_downloads_the_files(world, client_for):
    client = client_for(world.alice)
    start(client, world.commune_a)
    job = ReportJob.objects.dangerously_unscoped().get()
    stem = annual.file_stem(world.commune_a, 2026)
    docx = client.get(f"/reviews/jobs/{job.pk}/review.docx")
    assert docx.status_code == 200 and f'filename="{stem}.docx"' in docx["Content-Disposition"]
    assert open_docx(io.BytesIO(b"".join(docx.streaming_content))).paragraphs
    xlsx = client.get(f"/reviews/jobs/{job.pk}/review.xlsx")
    assert load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).sheetnames


def test_another_user_gets_404_even_one_who_sees_the_unit(world, client_for):
    start(client_for(world.alice), world.commune_a)
    job = ReportJob.objects.dangerously_unscoped().get()
    for person in (world.charlie, world.lena, world.olga):
        client = client_for(person)
        for suffix in ("", "review.docx", "review.xlsx"):
            assert client.get(f"/reviews/jobs/{job.pk}/{suffix}").status_code == 404


def test_a_failing_review_marks_the_job_failed_with_a_readable_message(
    world, client_for, monkeypatch
):
    def broken(review):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(annual, "review_xlsx", broken)
    client = client_for(world.alice)
    job_url = start(client, world.commune_a).url
    job = ReportJob.objects.dangerously_unscoped().get()
    assert (job.status, job.error) == ("failed", "the disk is full")
    assert job.finished_at and not job.docx and not job.xlsx  # the written .docx is gone
    body = client.get(job_url).content.decode()
    assert "the disk is full" in body and "Traceback" not in body and "hx-trigger" not in body
    assert client.get(f"{job_url}review.docx").status_code == 404


def test_an_outsiders_unit_is_404_and_starts_nothing(world, client_for):
    client = client_for(world.charlie)
    assert start(client, world.commune_a).status_code == 404
    assert client.post(URL_START, {"unit": "x"}).status_code == 404
    assert not ReportJob.objects.dangerously_unscoped().exists()


def test_starting_takes_a_post_and_a_signed_in_person(world, client, client_for):
    assert client.post(URL_START).status_code == 302  # to the sign-in page
    assert client_for(world.alice).get(URL_START).status_code == 405
    assert not ReportJob.objects.dangerously_unscoped().exists()


def test_the_dashboard_offers_the_background_review(world, client_for):
    body = client_for(world.alice).get("/reviews/", {"unit": world.hamlet_a.pk}).content.decode()
    assert 'action="/reviews/jobs/"' in body
    assert f'name="unit" value="{world.hamlet_a.pk}"' in body


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_in_a_background_thread(world, settings, client_for):
    settings.MANDATE_JOBS_INLINE = False
    response = start(client_for(world.alice), world.commune_a)
    assert response.status_code == 302
    job = ReportJob.objects.dangerously_unscoped().get()
    deadline = time.monotonic() + 20
    while job.is_pending and time.monotonic() < deadline:
        time.sleep(0.1)
        job.refresh_from_db()
    assert (job.status, job.percent) == ("done", 100), job.error
    assert job.docx and job.xlsx


def _pending(world, *, silent_for: datetime.timedelta, user=None) -> ReportJob:
    job = ReportJob.objects.create(
        unit=world.commune_a,
        year=2026,
        requested_by=user or world.alice,
        status=ReportJob.Status.RUNNING,
        percent=40,
        language="vi",
    )
    ReportJob.objects.filter(pk=job.pk).update(touched_at=timezone.now() - silent_for)
    return job


def test_a_job_whose_thread_died_ends_failed_instead_of_polling_for_ever(world, client_for):
    lost = _pending(world, silent_for=datetime.timedelta(minutes=11))
    working = _pending(world, silent_for=datetime.timedelta(minutes=1))
    body = client_for(world.alice).get(f"/reviews/jobs/{lost.pk}/").content.decode()
    lost.refresh_from_db()
    working.refresh_from_db()
    assert lost.status == "failed" and lost.finished_at
    assert "Máy chủ đã dừng" in lost.error and lost.error in body
    assert "every 1s" not in body  # no more polling
    assert working.status == "running"


def test_tick_marks_lost_jobs_failed_once(world):
    lost = _pending(world, silent_for=datetime.timedelta(hours=2))
    out = io.StringIO()
    call_command("tick", date=timezone.localdate().isoformat(), stdout=out)
    lost.refresh_from_db()
    assert lost.status == "failed"
    assert jobs.expire_lost_jobs() == 0  # already failed: nothing more to do


def test_my_reviews_lists_my_own_jobs_newest_first(world, client_for):
    client = client_for(world.alice)
    start(client, world.commune_a, year=2025)
    start(client, world.commune_a, year=2026)
    _pending(world, silent_for=datetime.timedelta(0), user=world.lena)
    page = client.get("/reviews/jobs/mine/")
    listed = list(page.context["jobs"])
    assert [job.year for job in listed] == [2026, 2025]
    assert all(job.requested_by == world.alice for job in listed)
    assert f"/reviews/jobs/{listed[0].pk}/review.docx" in page.content.decode()
    assert "/reviews/jobs/mine/" in client.get("/reviews/").content.decode()
