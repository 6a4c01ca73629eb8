"""Training records and what positions require; good models and where they spread."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import Searchable, SearchableQuerySet, StoredFile, TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.org.models import Locality, Role, Unit


class Subject(models.TextChoices):
    POLITICAL_THEORY = "political_theory", _("Political theory")
    STATE_MANAGEMENT = "state_management", _("State management")
    JOURNALISM = "journalism", _("Journalism and communication")
    DIGITAL = "digital", _("IT and digital skills")
    LANGUAGE = "language", _("Foreign language")
    OTHER = "other", _("Other")


# The ladder of each subject, lowest first: a requirement asks for a rung or above.
GENERIC_LEVELS = [(1, _("Basic")), (2, _("Intermediate")), (3, _("Advanced"))]
LEVELS: dict[str, list[tuple[int, str]]] = {
    Subject.POLITICAL_THEORY: [
        (1, _("Elementary (sơ cấp)")),
        (2, _("Intermediate (trung cấp)")),
        (3, _("Advanced (cao cấp)")),
        (4, _("Bachelor's degree (cử nhân)")),
    ],
    Subject.STATE_MANAGEMENT: [
        (1, _("Officer (chuyên viên)")),
        (2, _("Principal officer (chuyên viên chính)")),
        (3, _("Senior officer (chuyên viên cao cấp)")),
    ],
    Subject.JOURNALISM: GENERIC_LEVELS,
    Subject.DIGITAL: GENERIC_LEVELS,
    Subject.LANGUAGE: GENERIC_LEVELS,
    Subject.OTHER: GENERIC_LEVELS,
}


def level_label(subject: str, level: int | None) -> str:
    if not level:
        return ""
    return str(dict(LEVELS.get(subject, GENERIC_LEVELS)).get(level, level))


class TrainingRecordQuerySet(ScopedQuerySet, SearchableQuerySet):
    pass


class TrainingRecord(Searchable, TimeStamped):
    """A course a person took or a qualification they hold, kept by one of their units."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_records",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="training_records"
    )
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, help_text=_("Empty for a course without a level.")
    )
    course = models.CharField(_("course or qualification"), max_length=300)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    finished_on = models.DateField(
        _("completed on"), null=True, blank=True, help_text=_("Empty while the course goes on.")
    )
    result = models.CharField(_("result"), max_length=100, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate = models.FileField(_("certificate"), upload_to="certificates/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("course", "institution", "result")
    scope = Scope(unit_field="unit")
    objects = TrainingRecordQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["person__search_text", "subject", "-finished_on", "-id"]
        indexes = [models.Index(fields=["person", "subject", "level"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(finished_on__gte=models.F("started_on")),
                name="training_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.course

    @property
    def level_label(self) -> str:
        return level_label(self.subject, self.level)

    @property
    def is_completed(self) -> bool:
        return self.finished_on is not None and self.finished_on <= timezone.localdate()


class Requirement(TimeStamped):
    """What a position or role must hold, set by a unit for itself and the units below.

    A person is concerned when every given criterion matches: the role of one of their
    memberships, their position (ignoring case and accents), the kind of the unit.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("set by"), on_delete=models.PROTECT, related_name="requirements"
    )
    position = models.CharField(
        _("position"),
        max_length=150,
        blank=True,
        help_text=_("e.g. Trưởng phòng; empty for every position."),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    unit_kind = models.CharField(
        _("kind of unit"), max_length=20, choices=Unit.Kind.choices, blank=True
    )
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    min_level = models.PositiveSmallIntegerField(_("level required"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    is_active = models.BooleanField(_("active"), default=True)

    scope = Scope(unit_field="unit", shared_down=True)
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        ordering = ["unit__depth", "position", "subject"]

    def __str__(self) -> str:
        who = self.position or self.get_role_display() or str(_("everyone"))
        return f"{who}: {self.get_subject_display()} ≥ {self.min_level_label}"

    @property
    def min_level_label(self) -> str:
        return level_label(self.subject, self.min_level)


class PlannedTraining(TimeStamped):
    """A gap put into a year's training plan, with the work-programme task following it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planned_trainings"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="planned_trainings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    task = models.OneToOneField(
        "work.Task", on_delete=models.CASCADE, related_name="planned_training"
    )

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("planned training")
        verbose_name_plural = _("planned trainings")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "requirement", "year"], name="training_planned_once"
            )
        ]


class PracticeQuerySet(ScopedQuerySet, SearchableQuerySet):
    def visible_to(self, user) -> "PracticeQuerySet":
        """A recognised model is the whole province's to learn from; before that it stays
        with its origin unit's readers."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(pk__in=super().visible_to(user).values("pk")) | Q(status=Practice.Status.RECOGNISED)
        )


class Practice(Searchable, TimeStamped):
    """A good model or creative approach (mô hình hay, cách làm sáng tạo)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        REVIEWED = "reviewed", _("Reviewed")
        RECOGNISED = "recognised", _("Recognised")

    class Category(models.TextChoices):
        PROPAGANDA = "propaganda", _("Propaganda and communication")
        MASS_MOBILISATION = "mass_mobilisation", _("Mass mobilisation")
        PUBLIC_OPINION = "public_opinion", _("Grassroots public opinion")
        DIGITAL = "digital", _("Digital transformation")
        CULTURE = "culture", _("Culture and community life")
        PARTY_BUILDING = "party_building", _("Party building")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    problem = models.TextField(_("the problem it solved"), blank=True)
    approach = models.TextField(_("how it works"), blank=True)
    results = models.TextField(_("results, with figures"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    origin_unit = models.ForeignKey(
        Unit, verbose_name=_("origin unit"), on_delete=models.PROTECT, related_name="practices"
    )
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_on = models.DateField(_("applied since"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognition_note = models.TextField(_("recognition"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    search_fields = ("title", "summary", "problem", "approach", "results")
    scope = Scope(unit_field="origin_unit")
    objects = PracticeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("good model")
        verbose_name_plural = _("good models")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "category"])]

    def __str__(self) -> str:
        return self.title


def practice_upload_to(instance: "PracticeFile", filename: str) -> str:
    return f"practices/{timezone.now():%Y/%m}/{filename}"


class PracticeFile(StoredFile):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=practice_upload_to)

    class Meta:
        verbose_name = _("file of a good model")
        verbose_name_plural = _("files of good models")


class Replication(TimeStamped):
    """A unit taking up a good model: asked by a leader, or adopted of its own accord."""

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked to replicate")
        ADOPTED = "adopted", _("Adopted")
        DROPPED = "dropped", _("Dropped")

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("good model"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="replications"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ADOPTED
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adaptation = models.TextField(_("how it was adapted"), blank=True)
    results = models.TextField(_("results there"), blank=True)
    task = models.OneToOneField(
        "work.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replication",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The origin unit follows where its model spread.
    scope = Scope(unit_field="unit", also_read_by=("practice__origin_unit",))
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["practice", "unit__search_text"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "unit"], name="replicated_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.practice} · {self.unit}"
