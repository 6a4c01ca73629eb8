"""The work programme's pages: task lists, plans (table and timeline), task detail and actions.

Every view fetches through `visible_to(request.user)` (a 404 otherwise) and writes
through a service; a ValidationError from a service becomes a message or a form
error and nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mandate.core.forms import add_service_errors
from mandate.directives.models import Document
from mandate.org.models import Unit
from mandate.org.selectors import can_lead, history_of
from mandate.work import selectors, services
from mandate.work.filters import TaskFilter
from mandate.work.forms import (
    CascadeForm,
    CoordinationForm,
    PlanForm,
    TaskEditForm,
    TaskForm,
    UpdateForm,
)
from mandate.work.models import Evidence, Plan, Task

PAGE_SIZE = 25


def _page(request, queryset, parameter: str = "page", paginator_class=Paginator):
    return paginator_class(queryset, PAGE_SIZE).get_page(request.GET.get(parameter))


def _list_template(request, template: str) -> str:
    return f"{template}#rows" if request.htmx and not request.htmx.boosted else template


def _task_list(request, tasks, paginator_class=selectors.TaskPaginator) -> dict:
    """Filter, sort and page a task list; count the buckets of the list as filtered."""
    filterset = TaskFilter(request.GET, queryset=tasks, user=request.user)
    unbucketed = request.GET.copy()
    unbucketed.pop("bucket", None)
    unbucketed.pop("page", None)
    counted = TaskFilter(unbucketed, queryset=tasks, user=request.user).qs
    today = filterset.bucket_day  # today, or the past day the buckets are asked for
    return {
        "filter": filterset,
        # Province-wide lists count up to 200,000 tasks: their count is cached.
        "page": _page(request, filterset.qs, paginator_class=paginator_class),
        "buckets": selectors.bucket_rows(selectors.bucket_counts(tasks=counted, as_of=today)),
        "bucket_query": unbucketed.urlencode(),
        "today": today,
    }


# Task lists ------------------------------------------------------------------------------


@login_required
def my_tasks(request):
    context = _task_list(request, selectors.tasks_for(user=request.user))
    context["title"] = _("My tasks")
    return render(request, _list_template(request, "work/task_list.html"), context)


@login_required
def unit_tasks(request, pk: int):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    context = _task_list(request, selectors.tasks_for(user=request.user).filter(lead_unit=unit))
    context.update(unit=unit, title=_("Tasks led by %(unit)s") % {"unit": unit})
    return render(request, _list_template(request, "work/task_list.html"), context)


# Plans -------------------------------------------------------------------------------------


def _plan(request, pk: int) -> Plan:
    plans = Plan.objects.visible_to(request.user).select_related("unit", "approved_by")
    return get_object_or_404(plans, pk=pk)


@login_required
def plan_list(request):
    plans = selectors.plans_for(user=request.user).order_by(
        "-period_start", "unit__search_text", "pk"
    )
    context = {
        "page": _page(request, plans),
        "can_create": Unit.objects.editable_by(request.user).exists(),
    }
    return render(request, _list_template(request, "work/plan_list.html"), context)


@login_required
def plan_create(request):
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was created."))
            return redirect("work:plan-detail", pk=plan.pk)
    return render(request, "work/plan_form.html", {"form": form})


@login_required
def plan_detail(request, pk: int):
    plan = _plan(request, pk)
    tasks = selectors.tasks_for(user=request.user).filter(plan=plan)
    # A plan's few thousand tasks count fast from the (plan, due_on) index.
    context = _task_list(request, tasks, paginator_class=Paginator)
    context.update(
        plan=plan,
        view="timeline" if request.GET.get("view") == "timeline" else "table",
        documents=Document.objects.visible_to(request.user)
        .filter(plans=plan)
        .select_related("document_type"),
        can_lead=can_lead(user=request.user, unit=plan.unit),
        can_edit=Plan.objects.editable_by(request.user).filter(pk=plan.pk).exists(),
    )
    if context["view"] == "timeline":
        context["timeline"] = selectors.plan_timeline(
            plan=plan, tasks=context["page"], as_of=context["today"]
        )
    return render(request, _list_template(request, "work/plan_detail.html"), context)


def _plan_action(request, pk: int, action, done: str):
    plan = _plan(request, pk)
    try:
        action(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("work:plan-detail", pk=plan.pk)


@login_required
@require_POST
def plan_approve(request, pk: int):
    return _plan_action(request, pk, services.approve_plan, _("The plan was approved and locked."))


@login_required
@require_POST
def plan_reopen(request, pk: int):
    return _plan_action(request, pk, services.reopen_plan, _("The plan was reopened for changes."))


@login_required
def task_create(request, pk: int):
    plan = _plan(request, pk)
    initial = {"source_documents": plan.source_documents.all(), "lead_unit": plan.unit}
    form = TaskForm(request.POST or None, user=request.user, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.create_task(plan=plan, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task was added to the plan."))
            return redirect("work:task-detail", pk=task.pk)
    return render(request, "work/task_form.html", {"form": form, "plan": plan})


# One task ----------------------------------------------------------------------------------


def _task(request, pk: int) -> Task:
    visible = Task.objects.visible_to(request.user)
    tasks = (
        selectors.tasks_for(user=request.user)
        .select_related("parent__lead_unit", "plan__unit", "created_by", "campaign")
        .annotate(
            parent_visible=Exists(visible.filter(pk=OuterRef("parent_id"))),
            editable=Exists(Task.objects.editable_by(request.user).filter(pk=OuterRef("pk"))),
        )
        .prefetch_related(Prefetch("coordinating_units", queryset=Unit.objects.only("name")))
    )
    return get_object_or_404(tasks, pk=pk)


def _task_page(request, task: Task, update_form: UpdateForm | None = None):
    """The task detail page; a bound update form brings back its errors and the input."""
    visible = Task.objects.visible_to(request.user).filter(pk=OuterRef("pk"))
    context = {
        "task": task,
        "documents": Document.objects.visible_to(request.user)
        .filter(tasks=task)
        .select_related("document_type"),
        "children": selectors.children_of(task=task).annotate(visible=Exists(visible)),
        "rollup": selectors.rollup(task=task, as_of=timezone.localdate()),
        "updates": _page(request, selectors.updates_of(task=task)),
        "history": history_of(task),
        "can_lead": can_lead(user=request.user, unit=task.lead_unit),
        "update_form": update_form or UpdateForm(task=task),
    }
    return render(request, "work/task_detail.html", context)


@login_required
def task_detail(request, pk: int):
    return _task_page(request, _task(request, pk))


@login_required
def task_edit(request, pk: int):
    task = _task(request, pk)
    form = TaskEditForm(request.POST or None, instance=task, user=request.user)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_task(
                task=task,
                version=form.cleaned_data["version"],
                by=request.user,
                source_documents=form.cleaned_data["source_documents"],
                coordinating_units=form.cleaned_data["coordinating_units"],
                **form.changes(),
            )
        except services.StaleEdit as error:
            stale = selectors.readable_changes(error.changes)
            form = _stale_form(request, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task was saved."))
            return redirect("work:task-detail", pk=task.pk)
    context = {"form": form, "task": task, "stale": stale}
    return render(request, "work/task_edit.html", context, status=409 if stale else 200)


def _stale_form(request, error: "services.StaleEdit") -> TaskEditForm:
    """The user's input kept, now based on the current version so that saving again is
    a deliberate choice made after seeing the other person's changes."""
    data = request.POST.copy()
    data["version"] = error.task.version
    form = TaskEditForm(data, instance=error.task, user=request.user)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Someone else saved this task while you were editing it, so your changes were "
            "not saved. Their changes are listed above; your input is kept in the form. "
            "Check it, then save again to apply your version."
        ),
    )
    return form


@login_required
@require_POST
def task_update_post(request, pk: int):
    task = _task(request, pk)
    form = UpdateForm(request.POST, request.FILES, task=task)
    if form.is_valid():
        try:
            services.post_update(task=task, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The progress update was posted."))
            return redirect("work:task-detail", pk=task.pk)
    return _task_page(request, task, update_form=form)


@login_required
def task_cascade(request, pk: int):
    task = _task(request, pk)
    form = CascadeForm(request.POST or None, task=task, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            units = form.cleaned_data["units"]
            children = services.cascade_task(task=task, units=units, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(children)
            message = ngettext(
                "%(count)s child task was created.", "%(count)s child tasks were created.", count
            )
            messages.success(request, message % {"count": count})
            return redirect("work:task-detail", pk=task.pk)
    context = {
        "task": task,
        "form": form,
        "can_lead": can_lead(user=request.user, unit=task.lead_unit),
        "has_units": form.fields["units"].queryset.exists(),
    }
    return render(request, "work/task_cascade.html", context)


@login_required
def task_coordinate(request, pk: int):
    task = _task(request, pk)
    form = CoordinationForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_coordination(task=task, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The coordination request was sent."))
            return redirect("work:task-detail", pk=task.pk)
    return render(request, "work/task_coordinate.html", {"task": task, "form": form})


@login_required
def evidence_file(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as missing:  # the row outlived its file (a restore, a purge)
        raise Http404 from missing
    return FileResponse(
        handle,
        as_attachment=not evidence.is_image,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
