"""Forms of the alert pages: widgets only. The rules live in services.py."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import DATE_INPUT, QuickSelect, StyledForm
from mandate.earlywarning import selectors
from mandate.earlywarning.models import Alert
from mandate.earlywarning.services import task_title
from mandate.grassroots.forms import case_by_number, communes, mark_required
from mandate.grassroots.models import Case, Category
from mandate.org.models import Locality


class AlertFilter(django_filters.FilterSet):
    """The filters of the alert list; the filtering itself is `selectors.filter_alerts`,
    which the API uses too."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        empty_label=_("All"),
        widget=QuickSelect,
        choices=[(selectors.OPEN, _("Open (new or under review)")), *Alert.Status.choices],
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.none(),
        empty_label=_("All"),
        widget=QuickSelect,
    )
    method = django_filters.ChoiceFilter(
        label=_("Method"), empty_label=_("All"), widget=QuickSelect, choices=Alert.Method.choices
    )
    locality = django_filters.ModelChoiceFilter(
        label=_("Commune or ward"),
        queryset=Locality.objects.none(),
        empty_label=_("All"),
        widget=QuickSelect,
    )
    since = django_filters.DateFilter(label=_("Last detected from"), widget=DATE_INPUT)
    until = django_filters.DateFilter(label=_("Last detected until"), widget=DATE_INPUT)

    class Meta:
        model = Alert
        fields = ["status", "category", "method", "locality", "since", "until"]
        form = StyledForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].queryset = Category.objects.all()
        self.filters["locality"].queryset = communes()

    def filter_queryset(self, queryset):
        # Filters that were not understood are left out of cleaned_data: ignored.
        chosen = {name: value for name, value in self.form.cleaned_data.items() if value}
        return selectors.filter_alerts(queryset, **chosen)


# Acting on an alert ----------------------------------------------------------------------


class AlertActionForm(StyledForm):
    """What every move posts: the version the page showed (optimistic locking). Each
    move's form has its own element ids, as the alert page holds them all."""

    action = ""
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, alert: Alert, user, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.action}_%s")
        super().__init__(*args, **kwargs)
        self.alert = alert
        self.user = user
        self.fields["version"].initial = alert.version

    def arguments(self) -> dict:
        """Keyword arguments of the service."""
        return dict(self.cleaned_data)


def _note(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(AlertActionForm):
    action = "review"


class EscalateCaseForm(AlertActionForm):
    action = "escalate_case"
    case = forms.IntegerField(
        label=_("Existing case no. (optional)"),
        required=False,
        min_value=1,
        help_text=_("Leave it empty to open a new case for the responsible unit."),
    )
    note = _note(_("Comment (optional)"))

    def clean_case(self) -> Case | None:
        return case_by_number(self.cleaned_data.get("case"), user=self.user)


class EscalateTaskForm(AlertActionForm):
    action = "escalate_task"
    content = forms.CharField(
        label=_("Task"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE_INPUT)
    note = _note(_("Comment (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["content"].initial = task_title(self.alert)
        self.fields["due_on"].initial = today + datetime.timedelta(
            days=self.alert.category.deadline_days
        )
        self.fields["due_on"].widget.attrs["min"] = today.isoformat()
        self.fields["due_on"].help_text = _("The task goes to %(unit)s, outside any plan.") % {
            "unit": self.alert.unit
        }


class DismissForm(AlertActionForm):
    action = "dismiss"
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "—"), *Alert.DismissReason.choices[1:]], required=False
    )
    note = _note(_("Explanation (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self, "reason")


class ReopenForm(AlertActionForm):
    action = "reopen"
    note = _note(_("Why is it reopened? (optional)"))


ACTION_FORMS: dict[str, type[AlertActionForm]] = {
    form.action: form
    for form in (ReviewForm, EscalateCaseForm, EscalateTaskForm, DismissForm, ReopenForm)
}
