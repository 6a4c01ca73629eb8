import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import StyledForm
from mandate.directives.models import Document, DocumentType, Profile
from mandate.org.filters import SearchFilter


class DocumentFilter(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Number, title or text"), widget=forms.TextInput(attrs={"type": "search"})
    )
    document_type = django_filters.ModelChoiceFilter(
        label=_("Kind"), queryset=DocumentType.objects.filter(is_guiding=True)
    )
    profile = django_filters.ChoiceFilter(
        label=_("Profile"), choices=Profile.choices, field_name="document_type__profile"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Document.Status.choices)
    year = django_filters.NumberFilter(
        label=_("Year issued"), field_name="issued_on", lookup_expr="year"
    )

    class Meta:
        model = Document
        fields = ["q", "document_type", "profile", "status", "year"]
        form = StyledForm
