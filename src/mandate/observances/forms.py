"""Forms of the campaign pages: they parse input, the rules live in services.py.

A service's refusal comes back on these forms through `core.forms.add_service_errors`,
so their field names are the services' argument names.
"""

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import DATE_INPUT, QuickSelect, StyledForm
from mandate.directives.models import Document
from mandate.observances import selectors
from mandate.observances.calendar import FIRST_YEAR, LAST_YEAR
from mandate.observances.models import Campaign, CampaignTemplate, Observance
from mandate.org.models import Unit
from mandate.org.selectors import led_units


class CampaignFilter(StyledForm):
    """The campaign list's filters; a value that is not understood is ignored."""

    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Campaign.Status.choices]
    )

    def arguments(self) -> dict:
        self.is_valid()
        return {
            "year": self.cleaned_data.get("year"),
            "status": self.cleaned_data.get("status") or "",
        }


class ObservanceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Observance) -> str:
        if obj.is_lunar:
            day = _("%(day)s/%(month)s lunar") % {"day": obj.day, "month": obj.month}
        else:
            day = f"{obj.day:02}/{obj.month:02}"
        return f"{day} · {obj.label}"


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Document) -> str:
        return Truncator(str(obj)).chars(120)


class CampaignForm(StyledForm):
    """Plan a campaign: the organising unit, the occasion, the template, the target units
    and the guidance document."""

    OBSERVANCE, EVENT = "observance", "event"

    unit = forms.ModelChoiceField(
        label=_("Organising unit"), queryset=Unit.objects.none(), widget=QuickSelect
    )
    occasion = forms.ChoiceField(
        label=_("Occasion"),
        choices=[(OBSERVANCE, _("A day on the calendar")), (EVENT, _("A one-off event"))],
        initial=OBSERVANCE,
        widget=forms.RadioSelect,
    )
    observance = ObservanceChoiceField(
        label=_("Day on the calendar"),
        queryset=Observance.objects.none(),
        required=False,
        widget=QuickSelect,
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_(
            "Required for an event. For a day on the calendar, leave it empty to use the "
            "day's name and anniversary."
        ),
    )
    event_on = forms.DateField(label=_("Date of the event"), required=False, widget=DATE_INPUT)
    template = forms.ModelChoiceField(
        label=_("Template"),
        queryset=CampaignTemplate.objects.none(),
        required=False,
        empty_label=_("No template"),
        help_text=_("The steps each target unit receives as tasks when the campaign is launched."),
    )
    target_units = forms.ModelMultipleChoiceField(
        label=_("Target units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    all_of_kind = forms.MultipleChoiceField(
        label=_("Every unit of these kinds"),
        choices=Unit.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guidance = DocumentChoiceField(
        label=_("Guidance document"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=_("None yet"),
        widget=QuickSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = led_units(user)
        self.fields["unit"].queryset = units.in_tree_order()
        self.fields["target_units"].queryset = units.select_related("parent").in_tree_order()
        self.fields["observance"].queryset = Observance.objects.filter(is_active=True)
        self.fields["template"].queryset = CampaignTemplate.objects.filter(is_active=True)
        self.fields["guidance"].queryset = Document.objects.visible_to(user).select_related(
            "document_type"
        )
        self.fields["year"].initial = timezone.localdate().year
        if not self.is_bound and "unit" not in self.initial:
            # The highest unit the leader leads: the usual organiser.
            self.initial["unit"] = self.fields["unit"].queryset.first()
        observance = self.initial.get("observance")
        if not self.is_bound and observance is not None and "template" not in self.initial:
            self.initial["template"] = observance.templates.filter(is_active=True).first()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("occasion") == self.OBSERVANCE and not data.get("observance"):
            self.add_error("observance", _("Choose the day on the calendar."))
        kinds = data.get("all_of_kind")
        if kinds and "target_units" in data:
            everyone = self.fields["target_units"].queryset.filter(kind__in=kinds)
            data["target_units"] = [*data["target_units"], *everyone]
        return data

    def arguments(self) -> dict:
        """Keyword arguments of services.create_campaign."""
        data = self.cleaned_data
        common = {
            "unit": data["unit"],
            "template": data["template"],
            "guidance": data["guidance"],
            "target_units": data["target_units"],
            "title": data["title"],
        }
        if data["occasion"] == self.OBSERVANCE:
            return {**common, "observance": data["observance"], "year": data["year"]}
        return {**common, "event_on": data["event_on"]}

    def unit_groups(self) -> list[dict]:
        """The target units by kind, each with its checked state, for the grouped boxes."""
        chosen = {str(pk) for pk in self["target_units"].value() or []}
        kinds = set(self["all_of_kind"].value() or [])
        by_kind: dict[str, list[Unit]] = {}
        for unit in self.fields["target_units"].queryset:
            by_kind.setdefault(unit.kind, []).append(unit)
        return [
            {
                "kind": kind,
                "label": Unit.Kind(kind).label,
                "all": kind in kinds,
                "units": [(unit, kind in kinds or str(unit.pk) in chosen) for unit in units],
            }
            for kind, units in sorted(by_kind.items(), key=lambda item: _kind_rank(item[0]))
        ]


def _kind_rank(kind: str) -> int:
    order = Unit.KIND_ORDER
    return order.index(kind) if kind in order else len(order)


# Acting on a campaign ----------------------------------------------------------------------


class CampaignActionForm(StyledForm):
    """One move on the campaign page; each has its own element ids, as the page holds all."""

    action = ""

    def __init__(self, *args, campaign: Campaign, user, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.action}_%s")
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.user = user

    def arguments(self) -> dict:
        """Keyword arguments of the service, besides the campaign and the actor."""
        return dict(self.cleaned_data)


def _text(label, rows: int = 3) -> forms.CharField:
    # Optional here: the service says, in the reader's language, when it must be given.
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class LaunchForm(CampaignActionForm):
    action = "launch"


class AcknowledgeForm(CampaignActionForm):
    action = "acknowledge"
    unit = forms.ModelChoiceField(label=_("For the unit"), queryset=Unit.objects.none())
    note = _text(_("Note (optional)"), rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: the target units still to acknowledge that the user writes for.
        targets = selectors.acknowledgeable_targets(self.campaign, self.user)
        offered = Unit.objects.filter(pk__in=targets.values("unit_id")).order_by("search_text")
        self.units = list(offered)
        field = self.fields["unit"]
        field.queryset, field.empty_label = offered, None
        if self.is_bound:
            # Accepted: any target unit the user reads; the service says why one is refused
            # (already acknowledged, not the user's to acknowledge).
            field.queryset = Unit.objects.visible_to(self.user).filter(
                campaign_targets__campaign=self.campaign
            )
        if len(self.units) <= 1:  # the usual case: a commune acknowledges for itself
            field.widget = forms.HiddenInput()
            field.initial = self.units[0].pk if self.units else None


class TargetsForm(CampaignActionForm):
    """The target units: any of them while a draft, only more once launched (the service
    says so); offered: the organising unit and the active units below it."""

    action = "targets"
    target_units = forms.ModelMultipleChoiceField(
        label=_("Target units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["target_units"]
        field.queryset = (
            Unit.objects.visible_to(self.user)
            .filter(path__startswith=self.campaign.unit.path, is_active=True)
            .in_tree_order()
        )
        field.initial = list(self.campaign.targets.values_list("unit_id", flat=True))

    def arguments(self) -> dict:
        return {"target_units": list(self.cleaned_data["target_units"])}


class CloseForm(CampaignActionForm):
    action = "close"
    summary = _text(_("Summary of results"), rows=5)


class CancelForm(CampaignActionForm):
    action = "cancel"
    reason = _text(_("Why is the campaign called off?"))


ACTION_FORMS: dict[str, type[CampaignActionForm]] = {
    form.action: form for form in (LaunchForm, AcknowledgeForm, TargetsForm, CloseForm, CancelForm)
}
