"""Background jobs that prepare a review's files (DESIGN.md rule 7): the page starts one and
polls its progress. A plain daemon thread, so nothing else must run; with the setting
MANDATE_JOBS_INLINE (tests) the job runs before `start_*` returns."""

import datetime
import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mandate.org.models import Unit, User
from mandate.reviews import annual
from mandate.reviews.models import ReportJob

logger = logging.getLogger(__name__)

Step = ReportJob.Step
TOTAL = annual.STEPS + 2  # the content's steps, then the .docx and the .xlsx
# A review takes seconds, each step well under this: a pending job silent for longer
# lost its thread when the server stopped.
LOST_AFTER = datetime.timedelta(minutes=10)


def start_annual_review(*, user: User, unit: Unit, year: int) -> ReportJob:
    """Queue the annual review of `unit` for `year` as `user` sees it, and run it."""
    job = ReportJob.objects.create(
        kind=ReportJob.Kind.ANNUAL,
        unit=unit,
        year=year,
        requested_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if getattr(settings, "MANDATE_JOBS_INLINE", False):
        run_job(job)
    else:
        # Start only once the job row is committed, or the thread may not find it.
        transaction.on_commit(lambda: _thread(job.pk).start())
    return job


def _thread(pk: int) -> threading.Thread:
    return threading.Thread(target=_run_in_thread, args=(pk,), daemon=True, name=f"job-{pk}")


def _run_in_thread(pk: int) -> None:
    try:
        run_job(ReportJob.objects.dangerously_unscoped().select_related("unit").get(pk=pk))
    finally:
        connection.close()  # the thread's own connection, never returned to a pool


def run_job(job: ReportJob) -> None:
    """Run a queued job to done or failed; a failure keeps its message, never a traceback."""
    _save(job, status=ReportJob.Status.RUNNING, step=Step.GATHERING, started_at=timezone.now())
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            RUNNERS[job.kind](job, _counter(job))
    except Exception as error:  # whatever broke, the job must end as failed
        logger.exception("Report job %s failed", job.pk)
        _fail(job, error)
        return
    _save(
        job,
        docx=job.docx.name,
        xlsx=job.xlsx.name,
        status=ReportJob.Status.DONE,
        step=Step.FINISHED,
        percent=100,
        finished_at=timezone.now(),
    )


def _run_annual(job: ReportJob, advance: Callable[..., None]) -> None:
    review = annual.annual_review(
        user=job.requested_by, unit=job.unit, year=job.year, progress=advance
    )
    _save(job, step=Step.DOCX)
    stem = annual.file_stem(job.unit, job.year)
    job.docx.save(f"{stem}.docx", ContentFile(annual.review_docx(review)), save=False)
    advance(Step.XLSX)
    job.xlsx.save(f"{stem}.xlsx", ContentFile(annual.review_xlsx(review)), save=False)
    advance()


RUNNERS: dict[str, Callable[[ReportJob, Callable[..., None]], None]] = {
    ReportJob.Kind.ANNUAL: _run_annual,
}


def _counter(job: ReportJob) -> Callable[..., None]:
    """A progress callback: each call is one more step done out of TOTAL."""
    done = 0

    def advance(step: str | None = None) -> None:
        nonlocal done
        done += 1
        fields = {"percent": min(99, round(100 * done / TOTAL))}
        if step:
            fields["step"] = step
        _save(job, **fields)

    return advance


def _save(job: ReportJob, **fields) -> None:
    # update() and not save(): the page reads the row while the job writes it.
    fields["touched_at"] = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    ReportJob.objects.dangerously_unscoped().filter(pk=job.pk).update(**fields)


def _fail(job: ReportJob, error: Exception) -> None:
    """Mark the job failed with the error's own words; half-written files go."""
    for file in (job.docx, job.xlsx):
        if file:
            file.delete(save=False)
    text = str(error).strip() or error.__class__.__name__
    _save(job, status=ReportJob.Status.FAILED, error=text[:500], finished_at=timezone.now())


def expire_lost_jobs(
    *, among: QuerySet[ReportJob] | None = None, now: datetime.datetime | None = None
) -> int:
    """Mark failed the pending jobs (of `among`, else all) that made no progress for
    LOST_AFTER: their thread died with the server. Their page then stops polling and
    says to start again."""
    now = now or timezone.now()
    among = ReportJob.objects.dangerously_unscoped() if among is None else among
    lost = among.filter(
        status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING],
        touched_at__lt=now - LOST_AFTER,
    )
    count = 0
    for job in lost:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            text = _("The server stopped while the review was being prepared. Start it again.")
        count += (
            ReportJob.objects.dangerously_unscoped()
            .filter(pk=job.pk, touched_at=job.touched_at)
            .update(status=ReportJob.Status.FAILED, error=text, finished_at=now, touched_at=now)
        )
    return count
