"""The implementation review of one guiding document: the page (figures by lead unit, the
dashboard's chart) and the preliminary or final review report (.docx). A document the
reader does not see, or a reviewing unit they do not see, is a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from mandate.directives.selectors import documents_for
from mandate.reviews import directive
from mandate.reviews.selectors import units_for
from mandate.reviews.views import bucket_legend

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_LISTED = 50  # overdue tasks listed on the page


@login_required
@require_safe
def directive_review(request, pk: int):
    review = _review(request, pk, listed=PAGE_LISTED)
    buckets = bucket_legend()
    context = {"review": review, "buckets": buckets, "chart_data": _chart_data(review, buckets)}
    return render(request, "reviews/directive.html", context)


@login_required
@require_safe
def directive_docx(request, pk: int):
    review = _review(request, pk)
    response = HttpResponse(directive.review_docx(review, user=request.user), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{directive.file_name(review)}"'
    return response


def _review(request, pk: int, **options) -> directive.DirectiveReview:
    document = get_object_or_404(documents_for(user=request.user), pk=pk)
    chosen = request.GET.get("unit", "")
    if chosen:
        if not chosen.isdigit():
            raise Http404
        unit = get_object_or_404(units_for(user=request.user), pk=int(chosen))
    else:
        unit = directive.reviewing_unit(user=request.user, document=document)
        if unit is None:
            raise Http404
    kind = request.GET.get("kind") or None
    return directive.directive_review(
        user=request.user, document=document, unit=unit, kind=kind, **options
    )


def _chart_data(review: directive.DirectiveReview, buckets: list[dict]) -> dict:
    """What the dashboard's script draws in #chart-tasks, from the table's very numbers."""
    return {
        "tasks": {
            "labels": [str(row.unit) for row in review.rows],
            "urls": [],
            "datasets": [
                {
                    "label": str(bucket["label"]),
                    "backgroundColor": bucket["colour"],
                    "data": [row.buckets[bucket["value"]] for row in review.rows],
                }
                for bucket in buckets
            ],
        }
    }
