"""Reviews owns no domain data: only the jobs that prepare a review's files in the background."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.org.models import Unit


class ReportJobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportJobQuerySet":
        """One's own jobs, for a unit one still sees (a lost membership hides its reviews)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(requested_by=user, unit__in=Unit.objects.visible_to(user))

    def dangerously_unscoped(self) -> "ReportJobQuerySet":
        """Every job, whoever asked: for the runner, commands and admin only."""
        return self.all()


class ReportJob(models.Model):
    """One request to prepare a review's files; its progress is what the job page polls."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("annual review")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Step(models.TextChoices):
        # Stored as a code so that the page says it in the reader's language.
        WAITING = "waiting", _("Waiting to start")
        GATHERING = "gathering", _("Gathering the figures")
        DOCX = "docx", _("Writing the review (.docx)")
        XLSX = "xlsx", _("Writing the annex (.xlsx)")
        FINISHED = "finished", _("Finished")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.WAITING)
    error = models.TextField(_("error"), blank=True)
    docx = models.FileField(_("review (.docx)"), upload_to="reviews/%Y/", blank=True)
    xlsx = models.FileField(_("annex (.xlsx)"), upload_to="reviews/%Y/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Every step of the runner writes it: a pending job untouched for long has lost its
    # thread (the server restarted) and is marked failed (`jobs.expire_lost_jobs`).
    touched_at = models.DateTimeField(_("last progress at"), default=timezone.now)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="reviews_reportjob_percent_lte_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.unit} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        """Still queued or running: the page keeps polling."""
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
