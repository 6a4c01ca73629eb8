"""Nominations, their steps and files, and the council's vote on each."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import StoredFile, TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.honours.models.rounds import AwardRound
from mandate.honours.models.rules import DossierItem, Title
from mandate.org.models import Unit

# Nominations ------------------------------------------------------------------------


class Nomination(TimeStamped):
    """A unit's proposal of one person or one collective for one title in a round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed")
        COUNCIL_REVIEW = "council", _("Council review")
        RETURNED = "returned", _("Returned for completion")
        APPROVED = "approved", _("Approved by the council")
        NOTICED = "noticed", _("Publicly notified")
        SUBMITTED_UPWARD = "submitted", _("Submitted upward")
        DECIDED = "decided", _("Decided")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REVOKED = "revoked", _("Revoked")

    TRANSITIONS = {
        Status.DRAFT: {Status.PROPOSED, Status.WITHDRAWN},
        Status.PROPOSED: {Status.COUNCIL_REVIEW, Status.WITHDRAWN},
        Status.COUNCIL_REVIEW: {Status.APPROVED, Status.RETURNED, Status.REJECTED},
        Status.RETURNED: {Status.PROPOSED, Status.WITHDRAWN},
        Status.APPROVED: {Status.NOTICED},
        Status.NOTICED: {Status.SUBMITTED_UPWARD, Status.DECIDED, Status.REJECTED},
        Status.SUBMITTED_UPWARD: {Status.DECIDED, Status.REJECTED},
        Status.DECIDED: {Status.REVOKED},
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
        Status.REVOKED: set(),
    }
    # Still in the running: counted in the unit's list when checking caps and shares.
    LIVE = [
        Status.DRAFT,
        Status.PROPOSED,
        Status.COUNCIL_REVIEW,
        Status.RETURNED,
        Status.APPROVED,
        Status.NOTICED,
        Status.SUBMITTED_UPWARD,
        Status.DECIDED,
    ]
    # Past the council: what an approved list is made of.
    APPROVED_OR_LATER = [
        Status.APPROVED,
        Status.NOTICED,
        Status.SUBMITTED_UPWARD,
        Status.DECIDED,
    ]

    round = models.ForeignKey(
        AwardRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="nominations"
    )
    title = models.ForeignKey(
        Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="nominations"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="honours_nominations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominee_unit = models.ForeignKey(
        Unit,
        verbose_name=_("nominated collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominated",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    achievement = models.TextField(_("achievement report"), blank=True)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["round", "title__sort_order", "unit__search_text", "id"]
        indexes = [models.Index(fields=["round", "title", "unit", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True, nominee_unit__isnull=False)
                | Q(person__isnull=False, nominee_unit__isnull=True),
                name="nomination_one_nominee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} · {self.title.name}"

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def nominee(self):
        return self.person if self.person_id else self.nominee_unit

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())


class NominationStep(models.Model):
    """One move of a nomination: who, when, from which status to which, and why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(
        _("from"), max_length=10, choices=Nomination.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=Nomination.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    scope = Scope(unit_field="nomination__unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination step")
        verbose_name_plural = _("nomination steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_to_status_display()} {self.at:%d/%m/%Y}"


def nomination_upload_to(instance: "NominationFile", filename: str) -> str:
    return f"honours/{timezone.now():%Y/%m}/{filename}"


class NominationFile(StoredFile):
    """A document of the dossier, or an attachment of a step (minutes, ballot result)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    step = models.ForeignKey(
        NominationStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    dossier_item = models.ForeignKey(
        DossierItem,
        verbose_name=_("dossier document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=nomination_upload_to)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    scope = Scope(unit_field="nomination__unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination file")
        verbose_name_plural = _("nomination files")
        ordering = ["uploaded_at", "id"]


class CouncilVote(models.Model):
    """The council's secret-ballot result for one nomination, entered as counts."""

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="vote")
    members_total = models.PositiveSmallIntegerField(_("council members"))
    votes_for = models.PositiveSmallIntegerField(_("in favour"))
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    threshold_percent = models.DecimalField(
        _("approval threshold (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Copied from the title's rule when the vote was recorded."),
    )
    voted_on = models.DateField(_("voted on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope = Scope(unit_field="nomination__unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    members_total__gte=models.F("votes_for")
                    + models.F("votes_against")
                    + models.F("abstentions")
                ),
                name="council_vote_within_members",
            )
        ]

    def __str__(self) -> str:
        return f"{self.votes_for}/{self.members_total}"

    @property
    def approval_percent(self) -> Decimal:
        """Votes in favour as a share of all council members, not of those present."""
        if not self.members_total:
            return Decimal(0)
        return Decimal(self.votes_for * 100) / Decimal(self.members_total)
