"""Guiding documents (directives, resolutions, plans...), their numbers and review milestones."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import Searchable, SearchableQuerySet, StoredFile, TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.org.models import Unit


class Profile(models.TextChoices):
    """The two formatting regimes of DOMAIN.md §1: party (HD 36) and state (Decree 30)."""

    PARTY = "party", _("Party (Guidance 36-HD/VPTW)")
    STATE = "state", _("State (Decree 30/2020/NĐ-CP)")


class IssuerProfile(models.Model):
    """How a unit issues documents, as dated settings: names and places changed in 2025."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="issuer_profiles"
    )
    profile = models.CharField(_("profile"), max_length=10, choices=Profile.choices)
    abbreviation = models.CharField(
        _("abbreviation in numbers"), max_length=30, help_text=_("e.g. BTGDVTU or UBND")
    )
    issuer_name = models.CharField(_("issuing body, as printed"), max_length=200)
    parent_body = models.CharField(_("parent body, as printed"), max_length=200, blank=True)
    place_name = models.CharField(_("place name"), max_length=100)
    term_starts_on = models.DateField(
        _("start of the party-committee term"),
        null=True,
        blank=True,
        help_text=_("Party numbering restarts at 01 for each document type with each term."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    scope = Scope(unit_field="unit", shared_down=True)
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("issuer profile")
        verbose_name_plural = _("issuer profiles")
        ordering = ["unit", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.issuer_name} ({self.get_profile_display()})"


class DocumentType(models.Model):
    """A kind of document and its abbreviation in one profile (KH, CT, KL, QyĐ...)."""

    profile = models.CharField(_("profile"), max_length=10, choices=Profile.choices)
    code = models.CharField(
        _("abbreviation"),
        max_length=10,
        blank=True,
        help_text=_("Exact, case-sensitive (QyĐ is not QĐ); empty for an official letter."),
    )
    name = models.CharField(_("name"), max_length=100)
    is_guiding = models.BooleanField(
        _("guiding document"), default=True, help_text=_("Offered when registering a document.")
    )

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["profile", "name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code", "name"], name="unique_document_type")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class NumberSeries(models.Model):
    """A run of numbers a unit hands out; a number once given is never given again."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="number_series")
    profile = models.CharField(max_length=10, choices=Profile.choices)
    document_type = models.ForeignKey(DocumentType, null=True, blank=True, on_delete=models.PROTECT)
    period_start = models.DateField()
    period_end = models.DateField(null=True, blank=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "profile", "document_type", "period_start"],
                name="unique_number_series",
            ),
            models.UniqueConstraint(
                fields=["unit", "profile", "period_start"],
                condition=Q(document_type__isnull=True),
                name="unique_untyped_number_series",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.document_type or ''} {self.period_start:%Y}: {self.last_number}"


class DocumentQuerySet(ScopedQuerySet, SearchableQuerySet):
    pass


class Document(Searchable, TimeStamped):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")
        REPLACED = "replaced", _("Replaced")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("The unit that keeps this document; the units below it see it too."),
    )
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+"
    )
    symbol = models.CharField(
        _("number and symbol"), max_length=60, help_text=_("e.g. 35-CT/TW or 12/KH-UBND")
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    series = models.ForeignKey(
        NumberSeries, null=True, blank=True, on_delete=models.PROTECT, editable=False
    )
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("symbol", "title", "summary", "body", "issuer")
    scope = Scope(unit_field="unit", shared_down=True)
    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("guiding document")
        verbose_name_plural = _("guiding documents")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["unit", "-issued_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                condition=Q(series__isnull=False),
                name="unique_issued_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_number} · {self.title}"

    @property
    def profile(self) -> str:
        return self.document_type.profile

    @property
    def display_number(self) -> str:
        # Decree 30 writes "Số: 12/KH-UBND"; HD 36 writes "Số 35-CT/TW".
        return f"Số: {self.symbol}" if self.profile == Profile.STATE else f"Số {self.symbol}"


def document_upload_to(instance: "DocumentFile", filename: str) -> str:
    return f"documents/{instance.document_id}/{filename}"


class DocumentFile(StoredFile):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=document_upload_to)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(unit_field="document__unit", shared_down=True)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")


class ReviewMilestone(TimeStamped):
    """A preliminary or final review of a document, due from a responsible unit."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminary review")
        FINAL = "final", _("Final review")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"))
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    repeat_every_months = models.PositiveSmallIntegerField(
        _("repeat every (months)"),
        null=True,
        blank=True,
        help_text=_("Empty for a one-off review; 12 for a yearly one."),
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next"
    )

    scope = Scope(unit_field="responsible_unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review milestone")
        verbose_name_plural = _("review milestones")
        ordering = ["due_on"]
        indexes = [models.Index(fields=["responsible_unit", "due_on"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.document.symbol}"
