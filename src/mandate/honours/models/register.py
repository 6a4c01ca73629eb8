"""Decisions, the register of awards and the conditions that block an award."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.honours.models.nominations import Nomination
from mandate.honours.models.rounds import AwardRound
from mandate.honours.models.rules import Title
from mandate.org.models import Unit

# Decisions and the register --------------------------------------------------------


class Decision(TimeStamped):
    """The decision (quyết định) that confers titles or forms on a list of nominees."""

    round = models.ForeignKey(
        AwardRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.CharField(_("number and symbol"), max_length=60)
    signed_on = models.DateField(_("signed on"))
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_position = models.CharField(_("position of the signer"), max_length=200)
    issuing_authority = models.CharField(_("issuing authority"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope = Scope(unit_field="round__unit", shared_down=True)
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return self.number


class AwardQuerySet(ScopedQuerySet):
    def standing(self) -> "AwardQuerySet":
        """Awards not revoked: the ones that count as held."""
        return self.filter(revoked_at__isnull=True)


class Award(TimeStamped):
    """A line of the register (sổ theo dõi khen thưởng): who holds what since which decision.

    `unit` is the collective awarded, or the unit of the person awarded. Rows without a
    decision are earlier awards entered from paper records.
    """

    title = models.ForeignKey(
        Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="awards"
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.PROTECT, related_name="award"
    )
    reference = models.CharField(
        _("decision reference"),
        max_length=200,
        blank=True,
        help_text=_("For earlier awards entered from paper records."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revocation_reference = models.CharField(_("revocation decision"), max_length=200, blank=True)

    scope = Scope(unit_field="unit")
    objects = AwardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("register of awards")
        ordering = ["-year", "title__sort_order", "id"]
        indexes = [
            models.Index(fields=["person", "title", "year"]),
            models.Index(fields=["unit", "title", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} · {self.title.name} {self.year}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class BlockingCondition(TimeStamped):
    """Discipline, a pending complaint or an inspection that bars an award while it lasts."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", _("Disciplinary measure")
        COMPLAINT = "complaint", _("Pending complaint or denunciation")
        INSPECTION = "inspection", _("Inspection or investigation under way")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The collective concerned, or the unit of the person concerned."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("blocking condition")
        verbose_name_plural = _("blocking conditions")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="blocking_condition_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person or self.unit}"
