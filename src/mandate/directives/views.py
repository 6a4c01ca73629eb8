from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.core.forms import add_service_errors
from mandate.directives import selectors, services
from mandate.directives.filters import DocumentFilter
from mandate.directives.forms import (
    DocumentEditForm,
    DocumentForm,
    FileForm,
    IssueForm,
    MilestoneForm,
)
from mandate.directives.models import Document, DocumentFile, ReviewMilestone
from mandate.org.selectors import history_of
from mandate.work.selectors import bucket_counts, bucket_rows, tasks_for

PAGE_SIZE = 25


def _document(request, pk: int) -> Document:
    return get_object_or_404(selectors.documents_for(user=request.user), pk=pk)


@login_required
def document_list(request):
    documents = DocumentFilter(request.GET, queryset=selectors.documents_for(user=request.user))
    page = Paginator(documents.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "directives/document_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(request, template, {"filter": documents, "page": page})


@login_required
def document_detail(request, pk: int):
    document = _document(request, pk)
    today = timezone.localdate()
    tasks = tasks_for(user=request.user).filter(source_documents=document)
    context = {
        "document": document,
        "files": document.files.all(),
        "milestones": selectors.milestones_of(document=document),
        "tasks": tasks.order_by("due_on")[:50],
        "task_count": tasks.count(),
        "buckets": bucket_rows(bucket_counts(tasks=tasks, as_of=today)),
        "replaces": document.replaces.only("id", "symbol", "title"),
        "history": history_of(document),
        "milestone_form": MilestoneForm(user=request.user),
        "file_form": FileForm(),
        "today": today,
    }
    return render(request, "directives/document_detail.html", context)


@login_required
def document_create(request):
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {
            key: value for key, value in form.cleaned_data.items() if key not in {"unit", "files"}
        }
        try:
            with transaction.atomic():
                document = services.register_document(
                    unit=form.cleaned_data["unit"],
                    data=services.DocumentData(**data),
                    by=request.user,
                )
                for upload in form.cleaned_data["files"]:
                    services.attach_file(document=document, upload=upload, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was registered."))
            return redirect("directives:document-detail", pk=document.pk)
    return render(
        request, "directives/document_form.html", {"form": form, "title": _("Register a document")}
    )


@login_required
def document_issue(request):
    form = IssueForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.issue_document(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Number %(number)s was issued.") % {"number": document.display_number}
            )
            return redirect("directives:document-detail", pk=document.pk)
    return render(
        request,
        "directives/document_form.html",
        {"form": form, "title": _("Issue a document with the next number")},
    )


@login_required
def document_edit(request, pk: int):
    document = _document(request, pk)
    form = DocumentEditForm(request.POST or None, instance=document, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document(
                document=Document.objects.visible_to(request.user).get(pk=pk),
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was saved."))
            return redirect("directives:document-detail", pk=pk)
    return render(
        request,
        "directives/document_form.html",
        {"form": form, "title": document.display_number, "document": document},
    )


@login_required
@require_POST
def file_add(request, pk: int):
    document = _document(request, pk)
    form = FileForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose at least one file."))
        with transaction.atomic():
            for upload in form.cleaned_data["files"]:
                services.attach_file(document=document, upload=upload, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The files were attached."))
    return redirect("directives:document-detail", pk=pk)


@login_required
def file_download(request, pk: int):
    document_file = get_object_or_404(DocumentFile.objects.visible_to(request.user), pk=pk)
    return FileResponse(
        document_file.file.open("rb"),
        as_attachment=True,
        filename=document_file.name,
        content_type=document_file.content_type,
    )


@login_required
@require_POST
def milestone_add(request, pk: int):
    document = _document(request, pk)
    form = MilestoneForm(request.POST, user=request.user)
    try:
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        services.add_milestone(document=document, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The review milestone was added."))
    return redirect("directives:document-detail", pk=pk)


@login_required
@require_POST
def milestone_complete(request, pk: int):
    milestone = get_object_or_404(ReviewMilestone.objects.visible_to(request.user), pk=pk)
    try:
        following = services.complete_milestone(
            milestone=milestone, done_on=timezone.localdate(), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The review was marked done."))
        if following:
            messages.info(
                request,
                _("The next review is due on %(date)s.")
                % {"date": following.due_on.strftime("%d/%m/%Y")},
            )
    return redirect("directives:document-detail", pk=milestone.document_id)
