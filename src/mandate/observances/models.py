"""Holidays and anniversaries: a solar or lunar date rule and a founding year, from
which each year's occurrence and its anniversary number follow (calendar.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet, grants_for
from mandate.org.models import Unit

# A leap year, so that 29/02 passes as a date rule (it occurs only in leap years).
_ANY_LEAP_YEAR = 2024


class Observance(TimeStamped):
    """A day on the communication calendar: a public holiday, a major national day,
    a sector's traditional day, or a local anniversary added by a unit."""

    class CalendarKind(models.TextChoices):
        SOLAR = "solar", _("Solar (Gregorian)")
        LUNAR = "lunar", _("Lunar (Vietnamese)")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        LOCAL = "local", _("Local")

    class Importance(models.TextChoices):
        NORMAL = "normal", _("Normal")
        IMPORTANT = "important", _("Important")
        MAJOR = "major", _("Major national day")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    calendar = models.CharField(
        _("calendar"), max_length=5, choices=CalendarKind.choices, default=CalendarKind.SOLAR
    )
    month = models.PositiveSmallIntegerField(_("month"))
    day = models.PositiveSmallIntegerField(_("day"))
    is_leap_month = models.BooleanField(
        _("leap month"),
        default=False,
        help_text=_("Lunar dates only: the day falls in the leap (intercalary) month."),
    )
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        help_text=_("The year anniversaries are counted from; empty for lunar festivals."),
    )
    first_year = models.PositiveSmallIntegerField(_("observed from"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("observed until"), null=True, blank=True)
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, default=Level.NATIONAL
    )
    importance = models.CharField(
        _("importance"), max_length=10, choices=Importance.choices, default=Importance.NORMAL
    )
    owner_unit = models.ForeignKey(
        Unit,
        verbose_name=_("owner unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The unit that added a local observance; empty for national ones."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observance")
        verbose_name_plural = _("observances")
        ordering = ["calendar", "month", "day", "key"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language, Vietnamese when there is no translation."""
        language = (get_language() or "vi")[:2]
        return {"en": self.name_en, "fr": self.name_fr}.get(language) or self.name

    @property
    def is_lunar(self) -> bool:
        return self.calendar == self.CalendarKind.LUNAR

    def observed_in(self, year: int) -> bool:
        return (
            self.is_active
            and (self.first_year is None or year >= self.first_year)
            and (self.last_year is None or year <= self.last_year)
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.is_lunar:
            if not 1 <= (self.month or 0) <= 12:
                errors["month"] = _("A lunar month is between 1 and 12.")
            if not 1 <= (self.day or 0) <= 30:
                errors["day"] = _("A lunar day is between 1 and 30.")
        else:
            if self.is_leap_month:
                errors["is_leap_month"] = _("Only a lunar date can fall in a leap month.")
            try:
                datetime.date(_ANY_LEAP_YEAR, self.month or 0, self.day or 0)
            except ValueError:
                errors["day"] = _("%(day)s/%(month)s is not a date.") % {
                    "day": self.day,
                    "month": self.month,
                }
        if self.founding_year and self.founding_year > timezone.localdate().year:
            errors["founding_year"] = _("The founding year cannot be in the future.")
        if self.first_year and self.last_year and self.first_year > self.last_year:
            errors["last_year"] = _("The last year comes before the first year.")
        if errors:
            raise ValidationError(errors)


class CampaignTemplate(TimeStamped):
    """A reusable plan of steps at day offsets from the date being celebrated."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    observance = models.ForeignKey(
        Observance,
        verbose_name=_("suggested for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="templates",
        help_text=_("The observance this plan is usually used for; empty for any occasion."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign template")
        verbose_name_plural = _("campaign templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CampaignStep(models.Model):
    """One step of a template: what each targeted unit does, and when."""

    class Applies(models.TextChoices):
        ALWAYS = "always", _("Every year")
        ROUND = "round", _("Round anniversaries only")
        ORDINARY = "ordinary", _("Ordinary years only")

    template = models.ForeignKey(CampaignTemplate, on_delete=models.CASCADE, related_name="steps")
    offset_days = models.SmallIntegerField(
        _("days from the date"),
        help_text=_("Negative before the date being celebrated, positive after it."),
    )
    content = models.TextField(_("content"))
    method = models.TextField(_("method of organisation"), blank=True)
    expected_output = models.TextField(_("expected output"), blank=True)
    unit_kinds = models.JSONField(
        _("kinds of unit"),
        default=list,
        blank=True,
        help_text=_("The kinds of target unit that carry out this step; empty for all."),
    )
    applies = models.CharField(
        _("applies"), max_length=10, choices=Applies.choices, default=Applies.ALWAYS
    )
    is_key = models.BooleanField(_("key task"), default=False)

    class Meta:
        verbose_name = _("campaign step")
        verbose_name_plural = _("campaign steps")
        ordering = ["template", "offset_days", "id"]

    def __str__(self) -> str:
        return self.content[:120]

    def clean(self) -> None:
        unknown = set(self.unit_kinds or []) - set(Unit.Kind.values)
        if unknown:
            message = _("Unknown kinds of unit: %(kinds)s") % {"kinds": ", ".join(unknown)}
            raise ValidationError({"unit_kinds": message})

    def applies_to(self, *, unit: Unit, is_round: bool) -> bool:
        if self.applies == self.Applies.ROUND and not is_round:
            return False
        if self.applies == self.Applies.ORDINARY and is_round:
            return False
        return not self.unit_kinds or unit.kind in self.unit_kinds


class CampaignQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> "CampaignQuerySet":
        """Units below the organiser see a campaign once it is launched; a draft stays
        with the organising unit's own readers (and the units above it)."""
        visible = super().visible_to(user)
        grants = grants_for(user)
        if grants.everything or grants.reads_all_units:
            return visible
        return visible.filter(
            ~Q(status=Campaign.Status.DRAFT) | Q(unit_id__in=grants.read_unit_ids)
        )


class Campaign(TimeStamped):
    """A unit's communication campaign for an occurrence or a one-off political event."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Under way")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=300)
    unit = models.ForeignKey(
        Unit, verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="campaigns"
    )
    observance = models.ForeignKey(
        Observance,
        verbose_name=_("observance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("Empty for a one-off political event."),
    )
    occurs_on = models.DateField(_("date celebrated"))
    anniversary = models.PositiveSmallIntegerField(_("anniversary"), null=True, blank=True)
    is_round = models.BooleanField(_("round anniversary"), default=False)
    template = models.ForeignKey(
        CampaignTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    guidance = models.ForeignKey(
        "directives.Document",
        verbose_name=_("guidance document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    target_units = models.ManyToManyField(
        Unit,
        verbose_name=_("target units"),
        through="CampaignTarget",
        related_name="targeted_campaigns",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    summary = models.TextField(_("summary of results"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    # Everyone below the organising unit reads its campaigns, as with its guidance.
    scope = Scope(unit_field="unit", shared_down=True)
    objects = CampaignQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-occurs_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "-occurs_on"]),
            models.Index(fields=["occurs_on"]),
        ]

    def __str__(self) -> str:
        return self.title


class CampaignTarget(models.Model):
    """A unit asked to carry out a campaign, and its acknowledgement of the guidance."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="campaign_targets"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("target unit")
        verbose_name_plural = _("target units")
        ordering = ["campaign", "unit__search_text"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_target_once")
        ]

    def __str__(self) -> str:
        return str(self.unit)
