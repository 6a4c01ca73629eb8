from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import StyledForm, StyledModelForm
from mandate.org.models import User


class ProfileForm(StyledModelForm):
    class Meta:
        model = User
        fields = [
            "full_name",
            "email",
            "phone",
            "position",
            "preferred_language",
            "notification_mode",
        ]


class TokenForm(StyledForm):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('What the token is for, e.g. "reporting script".'),
    )
