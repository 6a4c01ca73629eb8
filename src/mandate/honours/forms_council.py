"""Forms of the council, decision, register and blocking condition pages: they parse
input, the rules live in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import MultipleFileField, StyledForm
from mandate.honours.forms import DATE_INPUT, date_field
from mandate.honours.models import BlockingCondition, Nomination
from mandate.org.models import Unit, User


class NominationChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, nomination: Nomination) -> str:
        return f"{nomination.nominee} · {nomination.title.label}"


def choose_nominations(form: forms.Form, nominations) -> None:
    form.fields["nominations"].queryset = nominations
    form.fields["nominations"].initial = [n.pk for n in nominations]


class VoteForm(StyledForm):
    members_total = forms.IntegerField(label=_("Council members"), min_value=1)
    votes_for = forms.IntegerField(label=_("In favour"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    voted_on = forms.DateField(label=_("Voted on"), required=False, widget=DATE_INPUT)
    files = MultipleFileField(label=_("Minutes and ballot result"))


class ApproveForm(StyledForm):
    nominations = NominationChoice(label=_("Nominations"), queryset=Nomination.objects.none())
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        choose_nominations(self, nominations)


class PublishForm(StyledForm):
    note = forms.CharField(label=_("Where and how the list is published"), required=False)
    files = MultipleFileField(label=_("The published notice"))


class UpwardForm(ApproveForm):
    files = MultipleFileField(label=_("Submission (tờ trình) and dossier"))


class DecideForm(ApproveForm):
    number = forms.CharField(label=_("Number and symbol"), max_length=60)
    signed_on = date_field(_("Signed on"))
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_position = forms.CharField(label=_("Position of the signer"), max_length=200)
    issuing_authority = forms.CharField(label=_("Issuing authority"), max_length=300)

    field_order = [
        "number",
        "signed_on",
        "signer_name",
        "signer_position",
        "issuing_authority",
        "nominations",
        "note",
    ]


class RevokeForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for revocation"), widget=forms.Textarea(attrs={"rows": 2})
    )
    reference = forms.CharField(label=_("Revocation decision"), required=False, max_length=200)


class ConditionForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The collective itself"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BlockingCondition.Kind.choices)
    starts_on = date_field(_("From"))
    ends_on = date_field(_("Until"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.editable_by(user).filter(is_active=True).in_tree_order()
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = User.objects.visible_to(user).order_by("search_text")


class EndConditionForm(StyledForm):
    ends_on = date_field(_("Ended on"))
