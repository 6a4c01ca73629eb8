"""The year-end review of the dashboard's unit and year, to download: the .docx and its
.xlsx annex, as the reader sees them (a unit they do not see is a 404)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from mandate.reviews import annual, selectors
from mandate.reviews.forms import DashboardForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def annual_docx(request):
    review = _review(request)
    return _download(annual.review_docx(review), review, "docx", DOCX)


@login_required
@require_safe
def annual_xlsx(request):
    review = _review(request)
    return _download(annual.review_xlsx(review), review, "xlsx", XLSX)


def _review(request) -> annual.AnnualReview:
    """The dashboard's choice (unit, year) read the dashboard's way; a range of days
    reviews the year it starts in."""
    form = DashboardForm(request.GET or None, user=request.user)
    if form.is_bound and form.has_error("unit"):
        raise Http404
    unit = (form.cleaned_data.get("unit") if form.is_bound else None) or selectors.default_unit(
        user=request.user
    )
    if unit is None:
        raise Http404
    year = form.period(today=timezone.localdate()).start.year
    return annual.annual_review(user=request.user, unit=unit, year=year)


def _download(data: bytes, review: annual.AnnualReview, suffix: str, kind: str):
    response = HttpResponse(data, content_type=kind)
    name = annual.file_stem(review.unit, review.year)
    response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
    return response
