"""Forms of the training pages: the list filters, a training record, a requirement, the
gap report's unit. The rules themselves are the services' (people/services.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import DATE_INPUT, StyledForm, add_service_errors
from mandate.org.models import Role, Unit, User
from mandate.org.selectors import led_units
from mandate.people.models import LEVELS, Subject, TrainingRecord
from mandate.people.selectors import training_people


def qualification_choices(*, with_no_level: bool) -> list:
    """ "subject:level" values grouped by subject, so a level always goes with its subject."""
    groups = []
    for subject, subject_label in Subject.choices:
        options = [(f"{subject}:{level}", label) for level, label in LEVELS[subject]]
        if with_no_level:
            no_level = _("%(subject)s — no level") % {"subject": subject_label}
            options.append((f"{subject}:", no_level))
        groups.append((subject_label, options))
    return groups


def split_qualification(value: str) -> tuple[str, int | None]:
    subject, _colon, level = value.partition(":")
    return subject, int(level) if level.isdigit() else None


def _renamed(error: ValidationError, fields: tuple[str, ...], into: str) -> ValidationError:
    """The service's error with its subject and level fields as the form's one field."""
    if not hasattr(error, "error_dict"):
        return error
    merged: dict[str, list] = {}
    for field, errors in error.error_dict.items():
        merged.setdefault(into if field in fields else field, []).extend(errors)
    return ValidationError(merged)


class TrainingFilter(StyledForm):
    """The training list's filters; a value that is not understood is ignored."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    subject = forms.ChoiceField(
        label=_("Subject"), required=False, choices=[("", _("All")), *Subject.choices]
    )
    q = forms.CharField(label=_("Person or course"), required=False, max_length=100)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.visible_to(user).filter(is_active=True)
        self.fields["unit"].queryset = units.in_tree_order()
        self.fields["unit"].empty_label = _("All units")

    def arguments(self) -> dict:
        self.is_valid()
        return {
            "unit": self.cleaned_data.get("unit"),
            "subject": self.cleaned_data.get("subject") or "",
            "query": self.cleaned_data.get("q") or "",
        }


class TrainingForm(StyledForm):
    """A training record; on a new record, whose it is and which unit keeps it."""

    who = forms.ChoiceField(
        label=_("Person"),
        help_text=_("The people of the units whose training records you keep."),
    )
    qualification = forms.ChoiceField(label=_("Subject and level"))
    course = forms.CharField(label=_("Course or qualification"), max_length=300)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    started_on = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    finished_on = forms.DateField(
        label=_("Completed on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Empty while the course goes on."),
    )
    result = forms.CharField(label=_("Result"), max_length=100, required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=60, required=False
    )
    certificate = forms.FileField(
        label=_("Certificate (scan or photo)"),
        required=False,
        help_text=_("A PDF or an image; it replaces the one kept before."),
    )

    def __init__(self, *args, user: User, record: TrainingRecord | None = None, **kwargs):
        if record is not None:
            kwargs.setdefault("initial", self._initial(record))
        super().__init__(*args, **kwargs)
        self.fields["qualification"].choices = qualification_choices(with_no_level=True)
        if record is not None:
            del self.fields["who"]
            return
        self.people = {
            f"{person.pk}:{unit.pk}": (person, unit) for person, unit in training_people(user=user)
        }
        self.fields["who"].choices = [("", "---------")] + [
            (key, f"{person}{f' ({person.position})' if person.position else ''} — {unit}")
            for key, (person, unit) in self.people.items()
        ]

    @staticmethod
    def _initial(record: TrainingRecord) -> dict:
        return {
            "qualification": f"{record.subject}:{record.level or ''}",
            "course": record.course,
            "institution": record.institution,
            "started_on": record.started_on,
            "finished_on": record.finished_on,
            "result": record.result,
            "certificate_number": record.certificate_number,
        }

    def person_and_unit(self) -> tuple[User, Unit]:
        return self.people[self.cleaned_data["who"]]

    def training_fields(self) -> dict:
        subject, level = split_qualification(self.cleaned_data["qualification"])
        data = self.cleaned_data
        return {
            "subject": subject,
            "level": level,
            "course": data["course"].strip(),
            "institution": data["institution"].strip(),
            "started_on": data["started_on"],
            "finished_on": data["finished_on"],
            "result": data["result"].strip(),
            "certificate_number": data["certificate_number"].strip(),
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """A refusal on the field it names: subject and level are one field here."""
        add_service_errors(self, _renamed(error, ("subject", "level"), "qualification"))


class RequirementForm(StyledForm):
    unit = forms.ModelChoiceField(
        label=_("Set by"),
        queryset=Unit.objects.none(),
        help_text=_("The requirement applies to this unit and every unit below it."),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=150,
        required=False,
        help_text=_("e.g. Trưởng phòng; case and accents do not matter."),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Role.choices]
    )
    unit_kind = forms.ChoiceField(
        label=_("Kind of unit"), required=False, choices=[("", _("Any kind")), *Unit.Kind.choices]
    )
    target = forms.ChoiceField(label=_("Subject and level required"))
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE_INPUT)

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = led_units(user).in_tree_order()
        self.fields["target"].choices = qualification_choices(with_no_level=False)

    def requirement_fields(self) -> dict:
        subject, level = split_qualification(self.cleaned_data["target"])
        data = self.cleaned_data
        return {
            "position": data["position"].strip(),
            "role": data["role"],
            "unit_kind": data["unit_kind"],
            "subject": subject,
            "min_level": level,
            "legal_basis": data["legal_basis"].strip(),
            "note": data["note"].strip(),
            "valid_from": data["valid_from"],
        }

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, _renamed(error, ("subject", "min_level"), "target"))


class GapUnitForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.visible_to(user).filter(is_active=True)
        self.fields["unit"].queryset = units.in_tree_order()
        self.fields["unit"].empty_label = None
