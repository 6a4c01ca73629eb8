"""Forms of the calendar pages: their filters, and a unit's own anniversary.

The rules of a date (30/02, a lunar day 30, a founding year in the future) live in
Observance.clean and services.add_local_observance; these forms only parse input.
"""

from urllib.parse import urlencode

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import StyledForm
from mandate.observances.models import Observance
from mandate.org.models import Unit


class CalendarFilterForm(StyledForm):
    """The year and month pages' filters; a bad value is ignored, not refused."""

    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *Observance.Level.choices],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All my units"),
        help_text=_(
            "Tasks of the unit and the units below it; campaigns they run or take part in."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            Unit.objects.visible_to(user).in_tree_order().only("name", "path")
        )

    def _clean_value(self, name: str):
        # cleaned_data keeps the valid fields of an invalid form: a bad unit drops the
        # unit filter, the level still applies.
        self.errors  # noqa: B018 (cleans the form once)
        return getattr(self, "cleaned_data", {}).get(name)

    @property
    def chosen_level(self) -> str:
        return self._clean_value("level") or ""

    @property
    def chosen_unit(self) -> Unit | None:
        return self._clean_value("unit")

    def query(self) -> str:
        """The filters as a query string, for the links to other months and years."""
        values = {
            "level": self.chosen_level,
            "unit": self.chosen_unit.pk if self.chosen_unit else "",
        }
        return urlencode({name: value for name, value in values.items() if value})


def _label(name: str) -> str:
    return capfirst(Observance._meta.get_field(name).verbose_name)


def _model_field(name: str, **overrides) -> forms.Field:
    """A form field with the model field's translated label and help text."""
    return Observance._meta.get_field(name).formfield(**overrides)


class LocalObservanceForm(StyledForm):
    """A unit's own anniversary: its founding day, a local victory, a local festival."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        help_text=_("The unit whose anniversary this is."),
    )
    name = _model_field("name")
    name_en = _model_field("name_en")
    name_fr = _model_field("name_fr")
    calendar = _model_field("calendar")
    month = forms.TypedChoiceField(
        label=_label("month"), coerce=int, choices=[(n, n) for n in range(1, 13)]
    )
    day = forms.TypedChoiceField(
        label=_label("day"), coerce=int, choices=[(n, n) for n in range(1, 32)]
    )
    is_leap_month = _model_field("is_leap_month")
    founding_year = _model_field("founding_year", min_value=1)
    level = forms.ChoiceField(
        label=_label("level"),
        initial=Observance.Level.LOCAL,
        choices=[
            (Observance.Level.LOCAL, Observance.Level.LOCAL.label),
            (Observance.Level.PROVINCIAL, Observance.Level.PROVINCIAL.label),
        ],
    )
    # "Major national day" is for the national calendar, not a unit's own anniversary.
    importance = forms.ChoiceField(
        label=_label("importance"),
        initial=Observance.Importance.NORMAL,
        choices=[
            (Observance.Importance.NORMAL, Observance.Importance.NORMAL.label),
            (Observance.Importance.IMPORTANT, Observance.Importance.IMPORTANT.label),
        ],
    )
    notes = _model_field("notes", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.editable_by(user).in_tree_order()
