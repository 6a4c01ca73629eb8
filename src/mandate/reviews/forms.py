"""The dashboard's choice of unit and period."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import QuickSelect, StyledForm
from mandate.org.models import User
from mandate.reviews.selectors import Period, units_for

FIRST_YEAR = 2000
LAST_YEAR = 2100
LONGEST_PERIOD_DAYS = 5 * 366


class DashboardForm(StyledForm):
    """A unit the reader sees, and a year or a range of days (the current year if none)."""

    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False, widget=QuickSelect
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user=user)
        self.fields["unit"].empty_label = None

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None) and not (
            self.has_error("start") or self.has_error("end")
        ):
            raise ValidationError(_("Give both the first and the last day, or a year."))
        if start and end:
            if end < start:
                raise ValidationError(_("The last day comes before the first."))
            if (end - start).days > LONGEST_PERIOD_DAYS:
                raise ValidationError(_("A dashboard covers at most five years."))
        return data

    def period(self, *, today: datetime.date | None = None) -> Period:
        """The period asked for; the current year when none (or a wrong one) was given."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("start") and data.get("end"):
            return Period(data["start"], data["end"])
        return Period.of_year(data.get("year") or (today or timezone.localdate()).year)
