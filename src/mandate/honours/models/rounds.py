"""Award rounds, the pledges made at their start and the task ratings at their end."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.honours.models.rules import Level, Rating, Title
from mandate.org.models import Unit

# Rounds, pledges and ratings --------------------------------------------------------


class AwardRound(TimeStamped):
    """A year's (or a campaign's) emulation review organised by one unit."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for pledges")
        NOMINATING = "nominating", _("Rating and nominating")
        COUNCIL_REVIEW = "council", _("Council review")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {
        Status.OPEN: {Status.NOMINATING},
        Status.NOMINATING: {Status.COUNCIL_REVIEW},
        Status.COUNCIL_REVIEW: {Status.NOMINATING, Status.DECIDED},
        Status.DECIDED: {Status.CLOSED, Status.COUNCIL_REVIEW},
        Status.CLOSED: set(),
    }

    name = models.CharField(_("name"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    recurrence = models.CharField(
        _("type"), max_length=10, choices=Title.Recurrence.choices, default=Title.Recurrence.ANNUAL
    )
    campaign = models.ForeignKey(
        "observances.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_rounds",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(
        _("authority of the unit"),
        max_length=10,
        choices=Level.choices,
        default=Level.UNIT,
        help_text=_("Forms decided above this level are submitted upward."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    registration_deadline = models.DateField(_("pledges due"), null=True, blank=True)
    nomination_deadline = models.DateField(_("nominations due"), null=True, blank=True)
    council_date = models.DateField(_("council meets on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notice_published_at = models.DateTimeField(_("list published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    # Every unit below the organiser takes part, so it reads the round.
    scope = Scope(unit_field="unit", shared_down=True)
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        ordering = ["-year", "-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="award_round_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Pledge(TimeStamped):
    """A unit's (or one of its people's) registration for titles at the start of a round."""

    round = models.ForeignKey(
        AwardRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="pledges"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for the unit's own pledge."),
    )
    titles = models.ManyToManyField(Title, verbose_name=_("titles pledged"), related_name="+")
    note = models.TextField(_("commitments"), blank=True)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["round", "unit__search_text", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit", "person"], name="pledge_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["round", "unit"],
                condition=Q(person__isnull=True),
                name="pledge_once_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)


class TaskRating(TimeStamped):
    """How well a person (or, with no person, a unit) completed its tasks in a round."""

    round = models.ForeignKey(
        AwardRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="ratings"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The person's unit, or the unit rated."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    rating = models.CharField(_("rating"), max_length=15, choices=Rating.choices)
    note = models.TextField(_("note"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        ordering = ["round", "unit__search_text", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                condition=Q(person__isnull=False),
                name="rating_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["round", "unit"],
                condition=Q(person__isnull=True),
                name="rating_once_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit}: {self.get_rating_display()}"
