"""Forms of the good model pages: they parse input, the rules live in services.py.

A service's refusal comes back on these forms through `core.forms.add_service_errors`,
so their field names are the services' argument names.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import DATE_INPUT, MultipleFileField, QuickSelect, StyledForm
from mandate.grassroots.forms import communes
from mandate.org.models import Locality, Unit
from mandate.people import selectors
from mandate.people.models import Practice

MODEL_FIELDS = forms.fields_for_model(
    Practice,
    fields=["title", "summary", "problem", "approach", "results", "category", "started_on"],
    widgets={
        "summary": forms.Textarea(attrs={"rows": 3}),
        "problem": forms.Textarea(attrs={"rows": 3}),
        "approach": forms.Textarea(attrs={"rows": 5}),
        "results": forms.Textarea(attrs={"rows": 3}),
        "started_on": DATE_INPUT,
    },
)


class PracticeFilter(StyledForm):
    """The library's filters; a value that is not understood is ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Words, with or without accents")}
        ),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Practice.Category.choices]
    )
    locality = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=Locality.objects.none(),
        required=False,
        empty_label=_("All"),
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Practice.Status.choices]
    )
    origin_unit = forms.ModelChoiceField(
        label=_("Origin unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All"),
        widget=QuickSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = communes()
        self.fields["origin_unit"].queryset = selectors.practice_origin_units(user=user)

    def arguments(self) -> dict:
        """Keyword arguments of selectors.practice_library, besides the user."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "category": data.get("category") or "",
            "locality": data.get("locality"),
            "status": data.get("status") or "",
            "origin_unit": data.get("origin_unit"),
        }


class PracticeForm(StyledForm):
    """Record a good model (with its origin unit) or edit one (with the version read)."""

    origin_unit = forms.ModelChoiceField(
        label=_("Origin unit"), queryset=Unit.objects.none(), widget=QuickSelect
    )
    title = MODEL_FIELDS["title"]
    category = MODEL_FIELDS["category"]
    summary = MODEL_FIELDS["summary"]
    problem = MODEL_FIELDS["problem"]
    approach = MODEL_FIELDS["approach"]
    results = MODEL_FIELDS["results"]
    locality = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=Locality.objects.none(),
        required=False,
        empty_label=_("Not tied to one commune"),
        widget=QuickSelect,
    )
    started_on = MODEL_FIELDS["started_on"]
    files = MultipleFileField(
        label=_("Photos and documents"),
        help_text=_("Several files at once: photos, PDF, Word or Excel, up to 10 MB each."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, practice: Practice | None = None, **kwargs):
        if practice is not None:
            kwargs.setdefault("initial", _initial(practice))
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = communes()
        if practice is not None:  # the origin unit stays the one the model came from
            del self.fields["origin_unit"]
            self.fields["version"].required = True
        else:
            del self.fields["version"]
            units = Unit.objects.editable_by(user).filter(is_active=True).in_tree_order()
            self.fields["origin_unit"].queryset = units
            if not self.is_bound:
                # The highest unit the user writes for: usually their own.
                self.initial.setdefault("origin_unit", units.first())

    def arguments(self) -> dict:
        """Keyword arguments of services.propose_practice / update_practice."""
        return dict(self.cleaned_data)


def _initial(practice: Practice) -> dict:
    fields = ["title", "category", "summary", "problem", "approach", "results", "started_on"]
    return {
        **{name: getattr(practice, name) for name in fields},
        "locality": practice.locality_id,
        "version": practice.version,
    }


# Acting on a good model ----------------------------------------------------------------


class PracticeActionForm(StyledForm):
    """One move on the model's page; each has its own element ids, as the page holds all."""

    action = ""

    def __init__(self, *args, practice: Practice, user, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.action}_%s")
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.user = user

    def arguments(self) -> dict:
        """Keyword arguments of the service, besides the model and the actor."""
        return dict(self.cleaned_data)


class ReviewForm(PracticeActionForm):
    action = "review"


class RecogniseForm(PracticeActionForm):
    action = "recognise"
    note = forms.CharField(
        label=_("Recognition (decision, award)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = forms.DateField(label=_("Recognised on"), required=False, widget=DATE_INPUT)


class AdoptForm(PracticeActionForm):
    action = "adopt"
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE_INPUT)
    adaptation = forms.CharField(
        label=_("How it was adapted"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    results = forms.CharField(
        label=_("Results there"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = (
            Unit.objects.editable_by(self.user)
            .filter(is_active=True)
            .exclude(pk=self.practice.origin_unit_id)
            .in_tree_order()
        )
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        self.fields["adopted_on"].initial = timezone.localdate()
        if not self.is_bound:
            self.initial["unit"] = units.first()  # the highest: usually the user's own

    @property
    def offered(self) -> bool:
        return self.fields["unit"].queryset.exists()


class AskForm(PracticeActionForm):
    action = "ask"
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    all_communes = forms.BooleanField(label=_("Every commune"), required=False)
    due_on = forms.DateField(label=_("Due"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = selectors.replicable_units(practice=self.practice, user=self.user)
        self.fields["units"].queryset = units.select_related("parent").in_tree_order()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("all_communes") and "units" in data:
            communes = self.fields["units"].queryset.filter(kind=Unit.Kind.COMMUNE)
            data["units"] = [*data["units"], *communes]
        return data

    def arguments(self) -> dict:
        return {"units": self.cleaned_data["units"], "due_on": self.cleaned_data["due_on"]}

    def choices(self) -> list[tuple[Unit, bool]]:
        """Each unit with its checked state, the communes apart for the quick tick."""
        chosen = {str(pk) for pk in self["units"].value() or []}
        every = bool(self["all_communes"].value())
        return [
            (unit, str(unit.pk) in chosen or (every and unit.kind == Unit.Kind.COMMUNE))
            for unit in self.fields["units"].queryset
        ]

    @property
    def commune_count(self) -> int:
        return sum(1 for unit, _checked in self.choices() if unit.kind == Unit.Kind.COMMUNE)


ACTION_FORMS: dict[str, type[PracticeActionForm]] = {
    form.action: form for form in (ReviewForm, RecogniseForm, AdoptForm, AskForm)
}
