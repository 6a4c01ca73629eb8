"""Forms of the work programme's pages; the rules themselves live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import MultipleFileField, StyledForm, StyledModelForm
from mandate.directives.models import Document
from mandate.org.models import Unit
from mandate.work.models import Plan, Task
from mandate.work.services import PLANNING_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def visible_documents(user):
    return Document.objects.visible_to(user).select_related("document_type")


def active_units():
    """Every active unit: coordination may be asked of any unit in the province."""
    return Unit.objects.dangerously_unscoped().filter(is_active=True).in_tree_order()


class PlanForm(StyledModelForm):
    class Meta:
        model = Plan
        fields = ["unit", "title", "period_start", "period_end", "source_documents"]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "source_documents": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.editable_by(user).in_tree_order()
        self.fields["source_documents"].queryset = visible_documents(user)


class TaskForm(StyledModelForm):
    """The fields a plan's task is created with."""

    class Meta:
        model = Task
        fields = [
            "content",
            "method",
            "expected_output",
            "lead_unit",
            "start_on",
            "due_on",
            "is_key",
            "recurrence",
            "local_note",
            "source_documents",
            "coordinating_units",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 2}),
            "expected_output": forms.Textarea(attrs={"rows": 2}),
            "local_note": forms.Textarea(attrs={"rows": 2}),
            "start_on": DATE,
            "due_on": DATE,
            "source_documents": forms.SelectMultiple(attrs={"size": 6}),
            "coordinating_units": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.editable_by(user)
        plan = plan or self.instance.plan
        if plan is not None:
            units = units.filter(path__startswith=plan.unit.path)
        self.fields["lead_unit"].queryset = units.in_tree_order()
        self.fields["source_documents"].queryset = visible_documents(user)
        self.fields["coordinating_units"].queryset = active_units()


class TaskEditForm(TaskForm):
    """Every editable field plus the version the edit started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(TaskForm.Meta):
        fields = [*TaskForm.Meta.fields, "status", "progress", "completed_on"]
        widgets = {**TaskForm.Meta.widgets, "completed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if self.instance.plan_id and self.instance.plan.is_locked:
            for name in PLANNING_FIELDS & set(self.fields):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Locked: the plan is approved.")

    def clean_source_documents(self) -> list[Document]:
        """Documents the editor cannot see stay linked: they were not offered, not removed."""
        offered = self.fields["source_documents"].queryset
        unseen = self.instance.source_documents.exclude(pk__in=offered.values("pk"))
        return [*self.cleaned_data["source_documents"], *unseen]

    def changes(self) -> dict:
        """The task's own fields, ready for services.update_task."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"version", "source_documents", "coordinating_units"}
        }


class UpdateForm(StyledForm):
    reported_on = forms.DateField(label=_("Date"), widget=DATE)
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(
        label=_("Evidence files"),
        help_text=_("Photos, PDF or office documents; 10 MB at most each."),
    )

    def __init__(self, *args, task: Task, **kwargs):
        kwargs.setdefault(
            "initial", {"reported_on": timezone.localdate(), "percent": task.progress}
        )
        super().__init__(*args, **kwargs)


class CascadeForm(StyledForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Units that carry it out"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, task: Task, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (
            Unit.objects.visible_to(user)
            .filter(path__startswith=task.lead_unit.path, is_active=True)
            .exclude(pk=task.lead_unit_id)
            .in_tree_order()
        )


class CoordinationForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Unit asked"), queryset=Unit.objects.none())
    content = forms.CharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units().exclude(pk=task.lead_unit_id)
