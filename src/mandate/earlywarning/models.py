"""Emerging hot spots in grassroots reports: the daily counts detection reads, each
day's run, and the alerts it raises."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.grassroots.models import Case, Category
from mandate.org.models import Locality, Unit

DEFAULT_RECURRENCE_DAYS = 365


class DailyCount(models.Model):
    """Reports observed in one commune, on one topic, on one day. Kept up to date as
    reports are filed or corrected (counts.py), rebuilt in one GROUP BY if need be."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    locality = models.ForeignKey(
        Locality, db_index=False, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            # Also the index a run reads a category's study window by.
            models.UniqueConstraint(
                fields=["category", "day", "locality"], name="dailycount_cell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category_id}/{self.locality_id}/{self.day}: {self.count}"


class Threshold(models.Model):
    """How rare a finding must be to raise an alert, per category: a cluster this strong
    would turn up by chance once in `recurrence_days` daily runs."""

    category = models.OneToOneField(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+"
    )
    recurrence_days = models.PositiveIntegerField(
        _("recurrence interval (days)"), default=DEFAULT_RECURRENCE_DAYS
    )

    class Meta:
        verbose_name = _("alert threshold")
        verbose_name_plural = _("alert thresholds")

    def __str__(self) -> str:
        return f"{self.category}: {self.recurrence_days}"


class DetectionRun(models.Model):
    """One day's detection for one category. Running the day again redoes it in place."""

    day = models.DateField(_("day"))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+"
    )
    started_at = models.DateTimeField(_("started"))
    seconds = models.FloatField(_("duration (s)"), default=0)
    reports = models.PositiveIntegerField(_("reports in the study window"), default=0)
    parameters = models.JSONField(_("parameters"), default=dict)
    findings = models.PositiveIntegerField(_("findings above the threshold"), default=0)

    class Meta:
        verbose_name = _("detection run")
        verbose_name_plural = _("detection runs")
        ordering = ["-day", "category"]
        constraints = [
            models.UniqueConstraint(fields=["category", "day"], name="detectionrun_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.category}"


class Alert(TimeStamped):
    """An emerging hot spot: more reports on one topic in a commune or a cluster of
    neighbouring communes than expected, and what was done about it."""

    class Method(models.TextChoices):
        PERMUTATION = "permutation", _("Space-time permutation scan")
        POISSON_SCAN = "poisson_scan", _("Expectation-based Poisson scan")
        POISSON_TAIL = "poisson_tail", _("Per-commune Poisson test")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        REVIEWING = "reviewing", _("Under review")
        ESCALATED = "escalated", pgettext_lazy("alert status", "Escalated")
        DISMISSED = "dismissed", _("Dismissed")

    class DismissReason(models.TextChoices):
        NONE = "", "—"
        EXPLAINED = "explained", _("Explained by a known event")
        HANDLED = "handled", _("Already being handled")
        DATA = "data", _("Data entry error")
        CHANCE = "chance", _("Not a real rise")

    OPEN_STATUSES = [Status.NEW, Status.REVIEWING]

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        db_index=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    centre = models.ForeignKey(
        Locality, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    localities = models.ManyToManyField(Locality, verbose_name=_("communes"), related_name="alerts")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        db_index=False,
        on_delete=models.PROTECT,
        related_name="alerts",
    )
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    first_detected_on = models.DateField(_("first detected"))
    last_detected_on = models.DateField(_("last detected"))
    # The window of the latest finding: its last day is the day of the run.
    window_start = models.DateField(_("window start"))
    window_end = models.DateField(_("window end"))
    observed = models.PositiveIntegerField(_("observed"))
    expected = models.FloatField(_("expected"))
    relative_risk = models.FloatField(_("relative risk"))
    statistic = models.FloatField(_("statistic"))
    p_value = models.FloatField(_("p-value"), null=True, blank=True)
    recurrence_days = models.FloatField(_("recurrence interval (days)"))
    peak_recurrence_days = models.FloatField(_("highest recurrence interval (days)"))
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
    )
    task = models.ForeignKey(
        "work.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
    )
    dismiss_reason = models.CharField(
        _("reason"), max_length=10, choices=DismissReason.choices, default="", blank=True
    )
    note = models.TextField(_("note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-last_detected_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "last_detected_on"], name="alert_unit_idx"),
            models.Index(fields=["category", "last_detected_on"], name="alert_category_idx"),
            models.Index(fields=["status", "last_detected_on"], name="alert_status_idx"),
            models.Index(fields=["method", "last_detected_on"], name="alert_method_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.centre} · {self.window_end:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES
