import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import DATE_INPUT, StyledForm, day_range
from mandate.org.filters import SearchFilter, UnitTreeFilter, below_filter, read_elsewhere
from mandate.org.models import Unit
from mandate.work.models import Bucket, Task, bucket_conditions

SORTS = {
    "due": ("due_on", "id"),
    "-due": ("-due_on", "-id"),
    "unit": ("lead_unit__search_text", "due_on"),
    "progress": ("progress", "due_on"),
    "-progress": ("-progress", "due_on"),
}


# The four buckets together: every task but the cancelled ones, which count in none.
COUNTED = "counted"


class TaskFilter(django_filters.FilterSet):
    """The filters of every task list, of the .xlsx export and of the API."""

    q = SearchFilter(label=_("Search"), widget=forms.TextInput(attrs={"type": "search"}))
    bucket = django_filters.ChoiceFilter(
        label=_("Bucket"),
        choices=[*Bucket.choices, (COUNTED, _("Any bucket (not cancelled)"))],
        method="filter_bucket",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Task.Status.choices)
    lead_unit = UnitTreeFilter(label=_("Lead unit"))
    below = below_filter()
    is_key = django_filters.BooleanFilter(
        label=_("Key tasks only"), method="filter_key", widget=forms.CheckboxInput
    )
    due_from, due_to = day_range("due_on", _("Due from"), _("Due until"))
    # The buckets as they stood on a past day (the dashboard of a past period links here).
    as_of = django_filters.DateFilter(
        label=_("Buckets as of"),
        method=read_elsewhere,
        widget=DATE_INPUT,  # read by bucket_day
    )
    # Reached from a campaign's page: that campaign's tasks only.
    campaign = django_filters.NumberFilter(field_name="campaign", widget=forms.HiddenInput)
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("due", _("Due date, earliest first")),
            ("-due", _("Due date, latest first")),
            ("unit", _("Lead unit")),
            ("progress", _("Progress, lowest first")),
            ("-progress", _("Progress, highest first")),
        ],
    )

    class Meta:
        model = Task
        fields = [
            *("q", "bucket", "status", "lead_unit", "below", "is_key"),
            *("due_from", "due_to", "as_of", "campaign"),
        ]
        form = StyledForm

    def __init__(self, *args, user, as_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_of = as_of or timezone.localdate()
        self.filters["lead_unit"].queryset = Unit.objects.visible_to(user).only("id", "name")

    @property
    def bucket_day(self):
        """The day the buckets are reckoned on: the `as_of` asked for, else today."""
        if self.form.is_valid() and self.form.cleaned_data.get("as_of"):
            return self.form.cleaned_data["as_of"]
        return self.as_of

    def filter_bucket(self, queryset, name, value):
        if value == COUNTED:
            return queryset.exclude(status=Task.Status.CANCELLED)
        return queryset.filter(bucket_conditions(self.bucket_day)[value])

    def filter_key(self, queryset, name, value):
        return queryset.filter(is_key=True) if value else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["due"]))
