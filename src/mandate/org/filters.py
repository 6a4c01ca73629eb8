import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import StyledForm
from mandate.org.models import Role, Unit, User


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
