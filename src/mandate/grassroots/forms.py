"""Forms of the grassroots pages: widgets only. The rules live in intake.py and services.py."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import QuickSelect, StyledForm, add_service_errors, day_range
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, Category
from mandate.grassroots.selectors import AGE_BANDS, age_band, age_band_of, age_condition
from mandate.org.filters import UnitTreeFilter, below_filter
from mandate.org.models import Locality, Unit

SEVERITIES = [
    ("1", _("1 · minor: a few people, no urgency")),
    ("2", _("2 · moderate: a hamlet, within weeks")),
    ("3", _("3 · serious: many people, within days")),
    ("4", _("4 · very serious: safety or unrest, now")),
]


def communes():
    """Every commune and ward (a locality with a parent), for choosing where a case is."""
    return Locality.objects.filter(parent__isnull=False).only("id", "name").order_by("name")


def mark_required(form: forms.BaseForm, *names: str) -> None:
    """Fields the service requires, shown as required although the form lets them through:
    the service's own message says what is missing, in every channel alike."""
    for name in names:
        form.fields[name].widget.attrs["aria-required"] = "true"
        form.fields[name].shown_required = True


# Filing a report ---------------------------------------------------------------------


class ReportForm(StyledForm):
    """The web form's widgets; every value is checked by `Intake.clean`, as in the API,
    Open311 and imports. Its errors come back on the fields they name."""

    locality = forms.CharField(label=_("Commune or ward"), required=False, widget=QuickSelect)
    category = forms.CharField(label=_("Category"), required=False, widget=QuickSelect)
    observed_on = forms.CharField(
        label=_("Date observed"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    severity = forms.CharField(
        label=_("Severity"),
        required=False,
        widget=forms.RadioSelect(choices=SEVERITIES),
    )
    people_affected = forms.CharField(
        label=_("People affected (about)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
    )
    summary = forms.CharField(
        label=_("What is the matter?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Describe the matter, where and since when. Do not write names, phone numbers "
            "or ID numbers: they are removed before the report is stored."
        ),
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("A JPEG, PNG or WebP image of 10 MB at most."),
    )
    # Rendered as the radio buttons of the suggested cases; kept here for its errors.
    case = forms.CharField(required=False, widget=forms.HiddenInput)
    contact_name = forms.CharField(label=_("Name"), required=False, max_length=120)
    contact_phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    contact_email = forms.CharField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    contact_address = forms.CharField(label=_("Address"), required=False, max_length=255)
    # Where the contact's errors are shown: Intake checks the contact as a whole.
    contact = forms.CharField(required=False, widget=forms.HiddenInput)

    FIELDS = (
        "locality",
        "category",
        "observed_on",
        "severity",
        "people_affected",
        "summary",
        "case",
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_address",
    )
    CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email", "contact_address")

    def __init__(self, *args, intake: Intake, **kwargs):
        today = intake.today
        localities = list(intake.localities.values())
        kwargs.setdefault(
            "initial",
            {
                "observed_on": today,
                "locality": localities[0].pk if len(localities) == 1 else "",
            },
        )
        super().__init__(*args, **kwargs)
        self.intake = intake
        self.draft = None
        self.fields["locality"].widget.choices = [
            ("", _("Choose the commune or ward")),
            *((place.pk, place.name) for place in localities),
        ]
        self.fields["category"].widget.choices = [
            ("", _("Choose a category")),
            *((category.pk, category.label) for category in intake.categories),
        ]
        self.fields["observed_on"].widget.attrs["max"] = today.isoformat()
        mark_required(self, "locality", "category", "observed_on", "severity", "summary")

    def clean(self):
        raw = {name: self.data.get(name, "") for name in self.FIELDS}
        try:
            self.draft = self.intake.clean(raw)
        except ValidationError as error:
            add_service_errors(self, error)
        return self.cleaned_data

    @property
    def contact_fields(self):
        return [self[name] for name in self.CONTACT_FIELDS]


# The cases of a unit ---------------------------------------------------------------------

OPEN, OVERDUE, ESCALATED, DONE = "open", "overdue", "escalated", "done"
SORTS = {
    "opened": ("-opened_on", "-id"),
    "age": ("opened_on", "id"),
    "due": ("due_on", "id"),
    "reports": ("-report_count", "-opened_on", "-id"),
    "severity": ("-severity", "-opened_on", "-id"),
}


class CaseFilter(django_filters.FilterSet):
    """The filters of the case list: status (or open / overdue / escalated), category,
    locality, age, unit, free text or a case number, and the order."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words or case no.")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        empty_label=_("All"),
        widget=QuickSelect,
        choices=[
            (OPEN, _("Open (all open statuses)")),
            (OVERDUE, _("Open and overdue")),
            (ESCALATED, _("Open and escalated")),
            (DONE, _("Resolved (closed since or not)")),
            *Case.Status.choices,
        ],
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.none(),
        empty_label=_("All"),
        widget=QuickSelect,
    )
    locality = django_filters.ModelChoiceFilter(
        label=_("Commune or ward"),
        queryset=Locality.objects.none(),
        empty_label=_("All"),
        widget=QuickSelect,
    )
    age = django_filters.ChoiceFilter(
        label=_("Age (days since opened)"),
        method="filter_age",
        empty_label=_("Any"),
        widget=QuickSelect,
        choices=[(age_band_of(low), age_band_of(low)) for low, _high in AGE_BANDS],
    )
    unit = UnitTreeFilter(label=_("Responsible unit"), empty_label=_("All"))
    below = below_filter()
    opened_from, opened_to = day_range("opened_on", _("Opened from"), _("Opened until"))
    # The dashboard's counts leave out cases closed as duplicates of another: their
    # reports were handed over, the matter is counted once.
    no_duplicates = django_filters.BooleanFilter(
        label=_("Leave out duplicates"), method="filter_duplicates", widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        method="sort_by",
        empty_label=None,
        widget=QuickSelect,
        choices=[
            ("opened", _("Newest first")),
            ("age", _("Oldest first")),
            ("due", _("Due date, earliest first")),
            ("reports", _("Most reports first")),
            ("severity", _("Most severe first")),
        ],
    )

    class Meta:
        model = Case
        fields = [
            *("q", "status", "category", "locality", "age", "unit", "below"),
            *("opened_from", "opened_to", "no_duplicates"),
        ]
        form = StyledForm

    def __init__(self, *args, user, as_of: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_of = as_of or timezone.localdate()
        self.filters["category"].queryset = Category.objects.all()
        self.filters["locality"].queryset = communes()
        self.filters["unit"].queryset = Unit.objects.visible_to(user).only("id", "name")

    def search(self, queryset, name, value):
        number = value.strip().lstrip("#")
        if number.isdigit():
            return queryset.filter(pk=int(number))
        return queryset.search(value)

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.open()
        if value == OVERDUE:
            return queryset.overdue(self.as_of)
        if value == ESCALATED:
            return queryset.open().filter(escalated_on__isnull=False)
        if value == DONE:
            return queryset.filter(resolved_on__lte=self.as_of)
        return queryset.with_status(value)

    def filter_duplicates(self, queryset, name, value):
        return queryset.exclude(close_reason=Case.CloseReason.DUPLICATE) if value else queryset

    def filter_age(self, queryset, name, value):
        band = age_band(value)
        return queryset.filter(age_condition(*band, self.as_of)) if band else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["opened"]))


# Acting on a case ------------------------------------------------------------------------


class CaseActionForm(StyledForm):
    """What every workflow action posts: the version the page showed (optimistic locking)
    and an optional comment for the timeline. Each action's form has its own element ids,
    as the case page holds them all."""

    action = ""
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case: Case, user, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.action}_%s")
        super().__init__(*args, **kwargs)
        self.case = case
        self.user = user
        self.fields["version"].initial = case.version

    def arguments(self) -> dict:
        """Keyword arguments of the service."""
        return dict(self.cleaned_data)


class ReferForm(CaseActionForm):
    action = "refer"
    to_unit = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Unit.objects.none(), widget=QuickSelect
    )
    text = forms.CharField(
        label=_("Why is it referred?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A matter may be referred to any unit of the province: up, across or down.
        self.fields["to_unit"].queryset = (
            Unit.objects.dangerously_unscoped()
            .filter(is_active=True)
            .exclude(pk=self.case.unit_id)
            .in_tree_order()
            .only("id", "name", "depth")
        )
        self.order_fields(["version", "to_unit", "text"])
        mark_required(self, "text")


class ResolveForm(CaseActionForm):
    action = "resolve"
    text = forms.CharField(
        label=_("How was it resolved?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Those who reported the matter read this."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self, "text")


class ReopenForm(CaseActionForm):
    action = "reopen"
    text = forms.CharField(
        label=_("Why is it reopened?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self, "text")


class CloseUnresolvedForm(CaseActionForm):
    action = "close_unresolved"
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "—"), *Case.CloseReason.choices[1:]],
        required=False,
    )
    duplicate_of = forms.IntegerField(
        label=_("Duplicate of case no."),
        required=False,
        min_value=1,
        help_text=_("Only for a duplicate: its reports join that case."),
    )
    text = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Those who reported the matter read this."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["version", "reason", "duplicate_of", "text"])
        mark_required(self, "reason", "text")

    def clean_duplicate_of(self) -> Case | None:
        return case_by_number(self.cleaned_data.get("duplicate_of"), user=self.user)


class CorrectForm(CaseActionForm):
    action = "correct"
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), widget=QuickSelect
    )
    locality = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=Locality.objects.none(), widget=QuickSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["locality"].queryset = communes()
        self.fields["category"].initial = self.case.category_id
        self.fields["locality"].initial = self.case.locality_id
        self.order_fields(["version", "category", "locality", "text"])


class AcknowledgeForm(CaseActionForm):
    action = "acknowledge"


class StartForm(CaseActionForm):
    action = "start"


class CloseForm(CaseActionForm):
    action = "close"


ACTION_FORMS: dict[str, type[CaseActionForm]] = {
    form.action: form
    for form in (
        AcknowledgeForm,
        StartForm,
        ReferForm,
        ResolveForm,
        CloseForm,
        CloseUnresolvedForm,
        ReopenForm,
        CorrectForm,
    )
}


class NoteForm(StyledForm):
    text = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)
        mark_required(self, "text")


def case_by_number(number: int | None, *, user) -> Case | None:
    """The case a person typed the number of, if they can see it; None for no number."""
    if number is None:
        return None
    found = Case.objects.visible_to(user).filter(pk=number).first()
    if found is None:
        raise ValidationError(
            _("There is no case no. %(number)s that you can see."), params={"number": number}
        )
    return found
