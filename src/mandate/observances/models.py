"""Holidays and anniversaries: a solar or lunar date rule and a founding year, from
which each year's occurrence and its anniversary number follow (calendar.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStamped
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
