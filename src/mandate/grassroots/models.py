"""Grassroots reports, the cases they are grouped into, and how cases are routed."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.db import unindexed
from mandate.core.models import Searchable, StoredFile, TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.core.search import IndexedSearchQuerySet
from mandate.org.models import Locality, Unit


class Category(models.Model):
    """A grassroots topic; `code` is its Open311 service code."""

    code = models.SlugField(_("service code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("days to resolve"), default=30, validators=[MinValueValidator(1)]
    )
    # Empty until an administrator names one: such matters then go to the top unit.
    default_unit = models.ForeignKey(
        Unit,
        verbose_name=_("default responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language, Vietnamese when there is no translation."""
        language = (get_language() or "vi")[:2]
        return {"en": self.name_en, "fr": self.name_fr}.get(language) or self.name


class RoutingRule(models.Model):
    """Category x locality -> the unit that must resolve such matters there.

    Either side may be left empty to mean "any". The most specific rule wins: an exact
    commune beats the province above it, a named category beats "any category".
    """

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
    )
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        # One rule per pair, "any" included; written as three constraints because SQLite
        # has no NULLS NOT DISTINCT. A rule for any category anywhere would override
        # every category's default unit, so a rule names at least one of the two.
        constraints = [
            models.UniqueConstraint(
                fields=["category", "locality"], name="one_rule_per_category_and_locality"
            ),
            models.UniqueConstraint(
                fields=["locality"],
                condition=Q(category__isnull=True),
                name="one_any_category_rule_per_locality",
            ),
            models.UniqueConstraint(
                fields=["category"],
                condition=Q(locality__isnull=True),
                name="one_anywhere_rule_per_category",
            ),
            models.CheckConstraint(
                condition=Q(category__isnull=False) | Q(locality__isnull=False),
                name="rule_names_category_or_locality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category or '*'} × {self.locality or '*'} → {self.unit}"


class CaseQuerySet(ScopedQuerySet, IndexedSearchQuerySet):
    # search(): grassroots_case_fts on SQLite (migration 0002), trigram index on PostgreSQL.
    def open(self) -> "CaseQuerySet":
        return self.filter(status__in=Case.OPEN_STATUSES)

    def overdue(self, as_of: datetime.date) -> "CaseQuerySet":
        return self.open().filter(due_on__lt=as_of)

    def with_status(self, status: str) -> "CaseQuerySet":
        """Cases in one status. Finished cases pile up year after year into most of the
        table: reading them off the (covering) status index and sorting them all costs
        more than walking a list's own order to a full page, which the status behind a
        no-op leaves SQLite to do."""
        if status in Case.FINISHED_STATUSES:
            return self.alias(_status=unindexed("status", text=True)).filter(_status=status)
        return self.filter(status=status)


class Case(Searchable, TimeStamped):
    """One matter to resolve, grouping the reports about it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        REFERRED = "referred", _("Referred")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        CLOSED_UNRESOLVED = "unresolved", _("Closed without resolution")

    class CloseReason(models.TextChoices):
        NONE = "", "—"
        NOT_OURS = "not_ours", _("Not our responsibility")
        NO_ACTION = "no_action", _("No further action possible")
        DUPLICATE = "duplicate", _("Duplicate of another case")

    OPEN_STATUSES = [Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.REFERRED]
    FINISHED_STATUSES = [Status.RESOLVED, Status.CLOSED, Status.CLOSED_UNRESOLVED]

    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        db_index=False,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        db_index=False,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        db_index=False,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    origin_unit = models.ForeignKey(
        Unit,
        verbose_name=_("reporting unit"),
        db_index=False,
        on_delete=models.PROTECT,
        related_name="reported_cases",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    close_reason = models.CharField(
        _("reason"), max_length=10, choices=CloseReason.choices, default="", blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    people_affected = models.PositiveIntegerField(_("people affected"), default=0)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    opened_on = models.DateField(_("opened on"))
    last_reported_on = models.DateField(_("last report on"))
    due_on = models.DateField(_("due"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("title",)
    scope = Scope(unit_field="unit", also_read_by=("origin_unit",))
    objects = CaseQuerySet.as_manager()
    # History is read by case, never by these: their indexes would only slow imports.
    history = HistoricalRecords(
        excluded_fields=["search_text"],
        no_db_index=["category", "locality", "unit", "origin_unit", "duplicate_of", "opened_by"],
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        # Each foreign key leads one of these, so none needs an index of its own
        # (db_index=False above): fewer indexes to keep up on a large import.
        indexes = [
            models.Index(fields=["unit", "status", "opened_on"], name="case_unit_idx"),
            # Also holds every column the overview counts by, so that its figures are read
            # off this index alone (selectors._overview_figures).
            models.Index(
                fields=[
                    "status",
                    "due_on",
                    "unit",
                    "origin_unit",
                    "category",
                    "locality",
                    "opened_on",
                    "escalated_on",
                ],
                name="case_status_due_idx",
            ),
            # updated_at last: each month's version for the dashboard's counts
            # (core.counts.cached_by_month) is read off this index alone.
            models.Index(fields=["opened_on", "id", "updated_at"], name="case_order_idx"),
            models.Index(fields=["origin_unit", "opened_on"], name="case_origin_idx"),
            # Not partial: SQLite never uses a partial index for a condition written
            # with bound parameters, which is how Django writes `status IN (...)`.
            models.Index(
                fields=["category", "locality", "last_reported_on"], name="case_match_idx"
            ),
            models.Index(fields=["category", "opened_on"], name="case_category_idx"),
            models.Index(fields=["locality", "opened_on"], name="case_locality_idx"),
            models.Index(fields=["updated_at"], name="case_updated_idx"),
            # The list's "most reports" and "most severe" orders, read off an index.
            models.Index(fields=["report_count", "opened_on", "id"], name="case_reports_idx"),
            models.Index(fields=["severity", "opened_on", "id"], name="case_severity_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    def age_days(self, as_of: datetime.date | None = None) -> int:
        return ((as_of or timezone.localdate()) - self.opened_on).days


class Report(TimeStamped):
    """One grassroots report. `summary` is scrubbed before it is ever stored."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        API = "api", _("API")
        OPEN311 = "open311", _("Open311")
        IMPORT = "import", _("Import")

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        db_index=False,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="reports"
    )
    locality = models.ForeignKey(
        Locality, verbose_name=_("locality"), on_delete=models.PROTECT, related_name="reports"
    )
    observed_on = models.DateField(_("date observed"))
    received_on = models.DateField(_("date received"))
    severity = models.PositiveSmallIntegerField(
        _("severity"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    people_affected = models.PositiveIntegerField(_("people affected"), default=0)
    summary = models.TextField(_("summary"))
    redactions = models.PositiveSmallIntegerField(_("redactions"), default=0)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    reporting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("reporting unit"),
        db_index=False,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        db_index=False,
        on_delete=models.SET_NULL,
        related_name="grassroots_reports",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)

    scope = Scope(
        unit_field="reporting_unit", owner_field="reported_by", also_read_by=("case__unit",)
    )
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(
        no_db_index=["case", "category", "locality", "reporting_unit", "reported_by"]
    )

    class Meta:
        verbose_name = _("grassroots report")
        verbose_name_plural = _("grassroots reports")
        ordering = ["-observed_on", "-id"]
        # As for cases, the foreign keys with db_index=False lead one of these.
        indexes = [
            models.Index(fields=["case", "observed_on"], name="report_case_idx"),
            models.Index(fields=["reported_by", "created_at"], name="report_author_idx"),
            models.Index(fields=["reporting_unit", "observed_on"], name="report_unit_idx"),
            # Early warning counts reports by commune, category and day.
            models.Index(fields=["observed_on", "category", "locality"], name="report_counts_idx"),
        ]

    def __str__(self) -> str:
        return self.summary[:80]


def photo_upload_to(instance: "ReportPhoto", filename: str) -> str:
    return f"grassroots/{timezone.now():%Y/%m}/{filename}"


class ReportPhoto(StoredFile):
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="photo")
    file = models.FileField(_("photo"), upload_to=photo_upload_to)

    scope = Scope(
        unit_field="report__reporting_unit",
        owner_field="report__reported_by",
        also_read_by=("report__case__unit",),
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")


class Contact(models.Model):
    """A citizen's contact for follow-up, kept apart from the report (Decree 13/2023).

    Shown only to the intake officers of the unit the case is routed to; never
    returned by the API, Open311 reads, exports or analytics. Erased by `mandate tick`
    once its case has been finished for CONTACT_RETENTION_DAYS.
    """

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citizen contact")
        verbose_name_plural = _("citizen contacts")

    def __str__(self) -> str:
        return self.name or self.phone or self.email or "—"


class CaseEvent(models.Model):
    """One step of a case's timeline, in the words people read."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        REPORT_ADDED = "report", _("Report added")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        STARTED = "started", _("Work started")
        NOTE = "note", _("Note")
        REFERRED = "referred", _("Referred")
        REROUTED = "rerouted", _("Corrected and re-routed")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        CLOSED_UNRESOLVED = "unresolved", _("Closed without resolution")
        REOPENED = "reopened", _("Reopened")
        ESCALATED = "escalated", _("Escalated")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)

    scope = Scope(unit_field="case__unit", also_read_by=("case__origin_unit",))
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="case_event_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y}"
