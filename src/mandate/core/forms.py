from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import DateFilter

from mandate.core.uploads import MAX_UPLOAD_BYTES, check_upload


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its Bootstrap class, so templates render fields plainly."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
        ):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); limits are the services' job."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when it names one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SheetForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        self.fields["file"].help_text = _("An .xlsx file of at most %(limit)s MB.") % {
            "limit": limit
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() != ".xlsx":
            raise ValidationError(
                _("Only Excel .xlsx files are accepted: save the sheet as .xlsx and try again.")
            )
        check_upload(upload)  # size, and that the content really is an .xlsx container
        return upload


class QuickSelect(forms.Select):
    """A select written out in Python. Django renders each option through a template,
    which costs tens of milliseconds for the hundreds of units or communes of a
    province; this renders the same markup (no option groups) in well under one."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(item) for item in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) in chosen else "", label)  # noqa: S308 -- a constant
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


# A date picker; ISO in the value, as `<input type="date">` wants whatever the language.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def day_range(field: str, first: str, last: str) -> tuple[DateFilter, DateFilter]:
    """The two filters of a list's "from … until …" days on a date field (labels given)."""
    return tuple(
        DateFilter(
            label=label,
            field_name=field,
            lookup_expr=lookup,
            widget=DATE_INPUT,
        )
        for label, lookup in ((first, "gte"), (last, "lte"))
    )
