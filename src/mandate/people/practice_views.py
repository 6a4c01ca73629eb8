"""The good models pages: the library, recording and editing a model, one model with
where it has spread, the moves on it, and its files.

Models are fetched through `visible_to(request.user)` (a 404 otherwise) and written
through services.py; a refusal from a service comes back on the form, in the reader's
language, and nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mandate.core.forms import add_service_errors
from mandate.org.selectors import can_lead
from mandate.people import selectors, services
from mandate.people.forms_practices import ACTION_FORMS, PracticeFilter, PracticeForm
from mandate.people.models import Practice, PracticeFile, Replication
from mandate.work.models import Bucket, Task

PAGE_SIZE = 25


def _practice(request, pk: int) -> Practice:
    practices = Practice.objects.visible_to(request.user).select_related(
        "origin_unit__locality", "locality", "reviewed_by", "recognised_by", "created_by"
    )
    return get_object_or_404(practices, pk=pk)


@login_required
@require_safe
def practice_list(request):
    filters = PracticeFilter(request.GET, user=request.user)
    found = selectors.practice_library(user=request.user, **filters.arguments())
    context = {
        "filters": filters,
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = "people/practice_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(request, template, context)


# Recording and editing ---------------------------------------------------------------


@login_required
def practice_create(request):
    form = PracticeForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.propose_practice(**form.arguments(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The good model was recorded."))
            return redirect("people:practice-detail", pk=practice.pk)
    return render(request, "people/practice_form.html", {"form": form})


@login_required
def practice_edit(request, pk: int):
    practice = _practice(request, pk)
    form = PracticeForm(
        request.POST or None, request.FILES or None, user=request.user, practice=practice
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_practice(practice=practice, **form.arguments(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The good model was saved."))
            return redirect("people:practice-detail", pk=practice.pk)
    return render(request, "people/practice_form.html", {"form": form, "practice": practice})


# One good model ----------------------------------------------------------------------


def _action_forms(request, practice: Practice) -> dict:
    """The moves this user may make now; the services decide, these only offer."""
    leads = can_lead(user=request.user, unit=practice.origin_unit)
    names = []
    if leads and practice.status == Practice.Status.PROPOSED:
        names.append("review")
    if leads and practice.status != Practice.Status.RECOGNISED:
        names.append("recognise")
    names.append("adopt")
    if practice.status == Practice.Status.RECOGNISED:
        names.append("ask")
    forms = {name: ACTION_FORMS[name](practice=practice, user=request.user) for name in names}
    if not forms["adopt"].offered:
        del forms["adopt"]
    if "ask" in forms and not forms["ask"].fields["units"].queryset.exists():
        del forms["ask"]
    return forms


def _spread_rows(request, replications: list[Replication]) -> list[dict]:
    """Each replication with its task's bucket today, and whether the reader may open it."""
    today = timezone.localdate()
    task_ids = [r.task_id for r in replications if r.task_id]
    openable = set(
        Task.objects.visible_to(request.user).filter(pk__in=task_ids).values_list("pk", flat=True)
    )
    rows = []
    for replication in replications:
        bucket = replication.task.bucket(today) if replication.task else None
        rows.append(
            {
                "replication": replication,
                "bucket": bucket,
                "bucket_label": Bucket(bucket).label if bucket else "",
                "task_openable": replication.task_id in openable,
            }
        )
    return rows


def _practice_page(request, practice: Practice, *, bound=None):
    """The model's page; `bound` is the move just posted, with its errors and input."""
    forms = _action_forms(request, practice)
    if bound is not None:
        forms[bound.action] = bound
    replications = list(selectors.spread(practice=practice, user=request.user))
    context = {
        "practice": practice,
        "files": list(practice.files.order_by("pk")),
        "can_edit": Practice.objects.editable_by(request.user).filter(pk=practice.pk).exists(),
        "action_forms": forms,
        "spread": _spread_rows(request, replications),
        "dot_plot": selectors.spread_dot_plot(practice=practice, replications=replications),
    }
    return render(request, "people/practice_detail.html", context)


@login_required
@require_safe
def practice_detail(request, pk: int):
    return _practice_page(request, _practice(request, pk))


SERVICES = {
    "review": services.review_practice,
    "recognise": services.recognise_practice,
    "adopt": services.record_replication,
    "ask": services.ask_to_replicate,
}


@login_required
@require_POST
def practice_action(request, pk: int, action: str):
    practice = _practice(request, pk)
    if action not in ACTION_FORMS:
        raise Http404
    form = ACTION_FORMS[action](request.POST, practice=practice, user=request.user)
    if form.is_valid():
        try:
            SERVICES[action](practice=practice, by=request.user, **form.arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _done_message(action))
            return redirect("people:practice-detail", pk=practice.pk)
    messages.error(request, _("Nothing was changed: see the message by the form."))
    return _practice_page(request, practice, bound=form)


def _done_message(action: str) -> str:
    return {
        "review": lambda: _("The good model was reviewed."),
        "recognise": lambda: _("The good model was recognised: the whole province can see it."),
        "adopt": lambda: _("Your unit's replication was recorded."),
        "ask": lambda: _("The units were asked to replicate the model: each has a task."),
    }[action]()


@login_required
@require_safe
def practice_file(request, pk: int):
    visible = Practice.objects.visible_to(request.user)
    stored = get_object_or_404(PracticeFile.objects.filter(practice__in=visible), pk=pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:  # the row outlived its file (a restore, a purge)
        raise Http404 from missing
    return FileResponse(
        handle,
        as_attachment=not stored.is_image,
        filename=stored.name,
        content_type=stored.content_type,
    )
