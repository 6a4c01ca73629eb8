"""Emulation titles and forms of commendation with their rules as rows (never constants):
levels, ratings, the titles, their rules and the documents of their dossiers."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStamped


class Level(models.TextChoices):
    """Who holds the authority: the unit's own head, the province, the centre."""

    UNIT = "unit", _("Head of the unit")
    PROVINCE = "province", _("Province")
    NATIONAL = "national", _("National")


# The order of authority, lowest first: a form above a round's level goes upward.
LEVEL_RANK = {Level.UNIT: 0, Level.PROVINCE: 1, Level.NATIONAL: 2}


class Rating(models.TextChoices):
    """Task completion ratings (đánh giá, xếp loại), best first."""

    EXCELLENT = "excellent", _("Excellent task completion")
    GOOD = "good", _("Good task completion")
    COMPLETED = "completed", _("Task completion")
    NOT_COMPLETED = "not_completed", _("Tasks not completed")


RATING_RANK = {Rating.NOT_COMPLETED: 0, Rating.COMPLETED: 1, Rating.GOOD: 2, Rating.EXCELLENT: 3}


class Dated(models.Model):
    """A rule in force from one date until another (empty: still in force)."""

    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), default=datetime.date(2024, 1, 1))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        abstract = True

    def in_force_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self) -> None:
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The rule ends before it starts.")})


def in_force(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


# The rules ------------------------------------------------------------------------


class Title(Dated, TimeStamped):
    """An emulation title or a form of commendation; the Vietnamese name is the data."""

    class Kind(models.TextChoices):
        EMULATION_TITLE = "title", _("Emulation title")
        COMMENDATION = "commendation", _("Form of commendation")

    class Beneficiary(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective")
        ANY = "any", _("Individual or collective")

    class Recurrence(models.TextChoices):
        ANNUAL = "annual", _("Annual")
        CAMPAIGN = "campaign", _("Campaign or thematic")
        AD_HOC = "ad_hoc", _("Ad hoc")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    beneficiary = models.CharField(_("awarded to"), max_length=10, choices=Beneficiary.choices)
    recurrence = models.CharField(
        _("type"), max_length=10, choices=Recurrence.choices, default=Recurrence.ANNUAL
    )
    decided_by = models.CharField(_("decided by"), max_length=300, blank=True)
    deciding_level = models.CharField(
        _("deciding level"), max_length=10, choices=Level.choices, default=Level.UNIT
    )
    criteria = models.TextField(_("criteria"), blank=True)
    reward_multiplier = models.DecimalField(
        _("reward (× base salary)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Multiple of the base salary; empty when not settled."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("title or form of commendation")
        verbose_name_plural = _("titles and forms of commendation")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language, Vietnamese when there is no translation."""
        language = (get_language() or "vi")[:2]
        return {"en": self.name_en, "fr": self.name_fr}.get(language) or self.name

    def accepts(self, *, collective: bool) -> bool:
        if self.beneficiary == self.Beneficiary.ANY:
            return True
        return (self.beneficiary == self.Beneficiary.COLLECTIVE) == collective


class TitleRule(Dated):
    """One condition of a title, its parameters as fields (checks.py evaluates them)."""

    class Kind(models.TextChoices):
        MIN_TASK_RATING = "min_task_rating", _("Task completion rated at least")
        PREREQUISITE = "prerequisite", _("Holds another title for N consecutive years")
        # xgettext:no-python-format
        CAP_SHARE_OF = "cap_share_of", _("At most P % of those awarded another title")
        # xgettext:no-python-format
        MEMBERS_SHARE = "members_share", _("At least P % of members hold another title")
        # xgettext:no-python-format
        MEMBERS_RATING_SHARE = "members_rating", _("At least P % of members rated at least")
        MEMBERS_WITH = "members_with", _("At least N members hold another title")
        NO_BLOCKING_CONDITION = "no_blocking", _("No discipline, inspection or complaint")
        NO_MEMBER_DISCIPLINED = "no_member_discipline", _("No member disciplined")
        COUNCIL_APPROVAL = "council_approval", _("Council approval of at least P %")

    NEEDS = {
        Kind.MIN_TASK_RATING: ("rating",),
        Kind.PREREQUISITE: ("other_title", "count"),
        Kind.CAP_SHARE_OF: ("other_title", "percent"),
        Kind.MEMBERS_SHARE: ("other_title", "percent"),
        Kind.MEMBERS_RATING_SHARE: ("rating", "percent"),
        Kind.MEMBERS_WITH: ("other_title", "count"),
        Kind.NO_BLOCKING_CONDITION: (),
        Kind.NO_MEMBER_DISCIPLINED: (),
        Kind.COUNCIL_APPROVAL: ("percent",),
    }
    # Rules about a collective's members; they do not apply to an individual nominee.
    COLLECTIVE_ONLY = {
        Kind.MEMBERS_SHARE,
        Kind.MEMBERS_RATING_SHARE,
        Kind.MEMBERS_WITH,
        Kind.NO_MEMBER_DISCIPLINED,
    }

    title = models.ForeignKey(
        Title, verbose_name=_("title"), on_delete=models.CASCADE, related_name="rules"
    )
    kind = models.CharField(_("rule"), max_length=20, choices=Kind.choices)
    other_title = models.ForeignKey(
        Title,
        verbose_name=_("other title"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    percent = models.DecimalField(
        _("percentage"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    rating = models.CharField(_("rating"), max_length=15, choices=Rating.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["title", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.title.name}: {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        missing = {
            name: _("This rule needs it.")
            for name in self.NEEDS.get(self.kind, ())
            if getattr(self, name) in (None, "")
        }
        if missing:
            raise ValidationError(missing)


class DossierItem(models.Model):
    """One document of a title's dossier (hồ sơ), with the form it follows."""

    title = models.ForeignKey(
        Title, verbose_name=_("title"), on_delete=models.CASCADE, related_name="dossier_items"
    )
    name = models.CharField(_("document"), max_length=300)
    form = models.CharField(_("form"), max_length=200, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    is_required = models.BooleanField(_("required"), default=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["title", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name
