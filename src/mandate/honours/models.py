"""Emulation titles and forms of commendation with their rules as rows (never constants),
award rounds, pledges, task ratings, nominations and their steps, council votes,
decisions, the register of awards and the conditions that block an award."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import StoredFile, TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.org.models import Unit


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
