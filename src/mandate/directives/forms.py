from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import MultipleFileField, StyledForm, StyledModelForm
from mandate.directives.models import Document, DocumentType, ReviewMilestone
from mandate.directives.selectors import guiding_types
from mandate.org.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DocumentType) -> str:
        return f"{obj} · {obj.get_profile_display()}"


class DocumentForm(StyledModelForm):
    """Register a document issued elsewhere: its number is typed as printed."""

    unit = forms.ModelChoiceField(label=_("Registered by"), queryset=Unit.objects.none())
    document_type = TypeChoiceField(label=_("Kind"), queryset=DocumentType.objects.none())
    files = MultipleFileField(label=_("Files"))

    class Meta:
        model = Document
        fields = [
            "unit",
            "document_type",
            "symbol",
            "issuer",
            "issued_on",
            "effective_on",
            "title",
            "summary",
            "body",
        ]
        widgets = {
            "issued_on": DATE,
            "effective_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.editable_by(user)
        self.fields["document_type"].queryset = guiding_types()


class DocumentEditForm(StyledModelForm):
    class Meta:
        model = Document
        fields = [
            "symbol",
            "issuer",
            "issued_on",
            "effective_on",
            "title",
            "summary",
            "body",
            "status",
            "replaced_by",
        ]
        widgets = DocumentForm.Meta.widgets

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = (
            Document.objects.visible_to(user)
            .exclude(pk=self.instance.pk)
            .only("id", "symbol", "title")
        )


class IssueForm(StyledForm):
    """A document the unit issues itself: the platform gives the next number of its series."""

    unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=Unit.objects.none())
    document_type = TypeChoiceField(label=_("Kind"), queryset=DocumentType.objects.none())
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            Unit.objects.editable_by(user).filter(issuer_profiles__isnull=False).distinct()
        )
        self.fields["document_type"].queryset = DocumentType.objects.order_by("profile", "name")


class MilestoneForm(StyledModelForm):
    class Meta:
        model = ReviewMilestone
        fields = ["kind", "title", "due_on", "responsible_unit", "repeat_every_months"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = Unit.objects.visible_to(user)


class FileForm(StyledForm):
    files = MultipleFileField(label=_("Files"), required=True)
