"""Forms of the rounds, ratings and nominations pages: they parse input, the rules live
in services.py. Field names are the services' argument names, so a refusal naming a
field lands on it (core.forms.add_service_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import DATE_INPUT, MultipleFileField, StyledForm, style_widgets
from mandate.honours import selectors
from mandate.honours.models import AwardRound, DossierItem, Level, Rating, Title
from mandate.org.models import Unit, User
from mandate.org.selectors import led_units


def date_field(label, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_INPUT)


def members(unit: Unit):
    """The active people of a unit and of the units below it."""
    return (
        User.objects.dangerously_unscoped()
        .filter(
            memberships__unit__path__startswith=unit.path,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("search_text")
    )


class RoundForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    recurrence = forms.ChoiceField(label=_("Type"), choices=Title.Recurrence.choices)
    level = forms.ChoiceField(label=_("Authority of the unit"), choices=Level.choices)
    period_start = date_field(_("Period from"))
    period_end = date_field(_("Period to"))
    registration_deadline = date_field(_("Pledges due"), required=False)
    nomination_deadline = date_field(_("Nominations due"), required=False)
    council_date = date_field(_("Council meets on"), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = led_units(user).in_tree_order()


class MoveForm(StyledForm):
    to = forms.ChoiceField(label=_("New status"), choices=AwardRound.Status.choices)


class PledgeForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The unit itself"),
    )
    titles = forms.ModelMultipleChoiceField(
        label=_("Titles pledged"),
        queryset=Title.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Commitments"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user: User, award_round: AwardRound, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.visible_to(user).filter(path__startswith=award_round.unit.path)
        self.fields["unit"].queryset = units.in_tree_order()
        self.fields["person"].queryset = User.objects.visible_to(user).order_by("search_text")
        self.fields["titles"].queryset = selectors.titles_in_force(on=award_round.period_end)


class MemberRatingForm(StyledForm):
    """One rating select per member of the unit, prefilled with the ratings given."""

    def __init__(self, *args, unit: Unit, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(
            User.objects.dangerously_unscoped()
            .filter(memberships__unit=unit, memberships__is_active=True, is_active=True)
            .distinct()
            .order_by("search_text")
        )
        for person in self.people:
            self.fields[f"rating_{person.pk}"] = forms.ChoiceField(
                label=str(person),
                required=False,
                choices=[("", _("Not rated")), *Rating.choices],
                initial=current.get(person.pk, ""),
            )
        style_widgets(self)

    def rows(self):
        return [(person, self[f"rating_{person.pk}"]) for person in self.people]

    def ratings(self) -> dict[User, str]:
        return {
            person: self.cleaned_data[f"rating_{person.pk}"]
            for person in self.people
            if self.cleaned_data.get(f"rating_{person.pk}")
        }


class UnitRatingForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Collective"), queryset=Unit.objects.none())
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, user: User, award_round: AwardRound, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.visible_to(user).filter(path__startswith=award_round.unit.path)
        self.fields["unit"].queryset = units.in_tree_order()


class ProposeForm(StyledForm):
    title = forms.ModelChoiceField(label=_("Title or form"), queryset=Title.objects.none())
    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    collectives = forms.ModelMultipleChoiceField(
        label=_("Collectives"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    draft = forms.BooleanField(label=_("Keep as drafts, do not propose yet"), required=False)

    def __init__(self, *args, unit: Unit, award_round: AwardRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = selectors.titles_in_force(on=award_round.period_end)
        self.fields["people"].queryset = members(unit)
        self.fields["collectives"].queryset = Unit.objects.filter(
            path__startswith=unit.path, is_active=True
        ).in_tree_order()

    def nominees(self) -> list:
        return [*self.cleaned_data["people"], *self.cleaned_data["collectives"]]


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AchievementForm(StyledForm):
    text = forms.CharField(
        label=_("Achievement report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class FilesForm(StyledForm):
    dossier_item = forms.ModelChoiceField(
        label=_("Document of the dossier"),
        queryset=DossierItem.objects.none(),
        required=False,
        empty_label=_("Other document"),
    )
    files = MultipleFileField(
        label=_("Files"), help_text=_("PDF, Word, Excel or photos, up to 10 MB each.")
    )

    def __init__(self, *args, title: Title, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier_item"].queryset = DossierItem.objects.filter(title=title)
        self.fields["files"].required = True
