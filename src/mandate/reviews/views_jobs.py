"""The year-end review prepared in the background: start it from the dashboard, watch its
progress (the page polls a partial), download its files. Only one's own jobs exist."""

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from mandate.reviews import annual, jobs, selectors
from mandate.reviews.forms import DashboardForm
from mandate.reviews.models import ReportJob
from mandate.reviews.views_annual import DOCX, XLSX

JOBS_SHOWN = 50


@login_required
@require_POST
def job_start(request):
    form = DashboardForm(request.POST, user=request.user)
    if form.has_error("unit"):
        raise Http404  # a unit the reader does not see is one that does not exist
    unit = form.cleaned_data.get("unit") or selectors.default_unit(user=request.user)
    if unit is None:
        raise Http404
    year = form.period(today=timezone.localdate()).start.year
    job = jobs.start_annual_review(user=request.user, unit=unit, year=year)
    return redirect("reviews:job-detail", pk=job.pk)


@login_required
@require_safe
def job_list(request):
    """One's recent reviews prepared in the background, newest first."""
    mine = ReportJob.objects.visible_to(request.user)
    jobs.expire_lost_jobs(among=mine)
    recent = mine.select_related("unit")[:JOBS_SHOWN]
    return render(request, "reviews/job_list.html", {"jobs": recent, "shown": JOBS_SHOWN})


@login_required
@require_safe
def job_detail(request, pk: int):
    job = _job(request, pk)
    # Polled every second: only this job, and only while it is pending, is looked at.
    if job.is_pending and jobs.expire_lost_jobs(among=ReportJob.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    template = "reviews/job_detail.html"
    if request.htmx and not request.htmx.boosted:
        template += "#status"
    return render(request, template, {"job": job})


@login_required
@require_safe
def job_docx(request, pk: int):
    job = _job(request, pk)
    return _download(job.docx, job, "docx", DOCX)


@login_required
@require_safe
def job_xlsx(request, pk: int):
    job = _job(request, pk)
    return _download(job.xlsx, job, "xlsx", XLSX)


def _job(request, pk: int) -> ReportJob:
    jobs_seen = ReportJob.objects.visible_to(request.user).select_related("unit")
    return get_object_or_404(jobs_seen, pk=pk)


def _download(file: FieldFile, job: ReportJob, suffix: str, kind: str) -> FileResponse:
    if job.status != ReportJob.Status.DONE or not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = f"{annual.file_stem(job.unit, job.year)}.{suffix}"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=kind)
