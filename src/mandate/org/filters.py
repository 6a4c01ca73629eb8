import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import QuickSelect, StyledForm
from mandate.org.models import Role, Unit, User


class UnitTreeFilter(django_filters.ModelChoiceFilter):
    """A unit of the list's `field_name`; with the FilterSet's `below` box ticked
    (`below_filter()`), that unit and every unit below it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Unit.objects.none())
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        if self.parent.form.cleaned_data.get("below"):
            return queryset.filter(**{f"{self.field_name}__in": value.subtree()})
        return queryset.filter(**{self.field_name: value})


def read_elsewhere(queryset, name, value):
    """The `method` of a filter that filters nothing itself: another reads its value."""
    return queryset


def below_filter() -> django_filters.BooleanFilter:
    """The box that widens a UnitTreeFilter to the units below the one chosen."""
    return django_filters.BooleanFilter(
        label=_("Including the units below it"), method=read_elsewhere, widget=forms.CheckboxInput
    )


class SearchFilter(django_filters.CharFilter):
    """Free text that ignores Vietnamese diacritics."""

    def filter(self, queryset, value):
        return queryset.search(value) if value else queryset


class UnitFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), widget=forms.TextInput(attrs={"type": "search"}))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Unit.Kind.choices)

    class Meta:
        model = Unit
        fields = ["q", "kind"]
        form = StyledForm


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), widget=forms.TextInput(attrs={"type": "search"}))
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), method="filter_unit"
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, method="filter_role")

    class Meta:
        model = User
        fields = ["q", "unit", "role"]
        form = StyledForm

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.visible_to(user).only("id", "name")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(memberships__unit=value, memberships__is_active=True).distinct()

    def filter_role(self, queryset, name, value):
        return queryset.filter(memberships__role=value, memberships__is_active=True).distinct()
