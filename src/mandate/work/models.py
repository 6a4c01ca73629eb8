"""Plans, tasks, their progress updates and evidence."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import Searchable, SearchableQuerySet, StoredFile, TimeStamped
from mandate.core.scoping import Scope, ScopedQuerySet
from mandate.directives.models import Document
from mandate.org.models import Unit


class Plan(TimeStamped):
    """One unit's programme for a period, usually a year, drawn from guiding documents."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    source_documents = models.ManyToManyField(
        Document, verbose_name=_("source documents"), blank=True, related_name="plans"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the year-end review drafted the plan, so that it is drafted once per
    # review whatever its title becomes.
    drafted_from_review_of = models.PositiveSmallIntegerField(
        _("drafted from the review of"), null=True, blank=True, editable=False
    )

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "unit__search_text"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="plan_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class Bucket(models.TextChoices):
    """The four buckets of the national task-tracking regime, as of a reporting date."""

    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    PENDING_IN_TIME = "pending_in_time", _("Pending, within deadline")
    PENDING_OVERDUE = "pending_overdue", _("Pending, overdue")


def bucket_conditions(as_of: datetime.date, prefix: str = "") -> dict[str, Q]:
    """One Q per bucket; cancelled tasks fall in none. `prefix` reaches tasks via a relation."""

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    # Written with positive status lists, not negations, so that each condition is a
    # range of the (status, due_on) and (status, completed_on) indexes.
    due = models.F(f"{prefix}due_on")
    done_by_then = q(status=Task.Status.DONE, completed_on__lte=as_of)
    pending = q(status__in=[Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS]) | (
        q(status=Task.Status.DONE) & (q(completed_on__gt=as_of) | q(completed_on__isnull=True))
    )
    return {
        Bucket.DONE_ON_TIME: done_by_then & q(completed_on__lte=due),
        Bucket.DONE_LATE: done_by_then & q(completed_on__gt=due),
        Bucket.PENDING_IN_TIME: pending & q(due_on__gte=as_of),
        Bucket.PENDING_OVERDUE: pending & q(due_on__lt=as_of),
    }


class TaskQuerySet(ScopedQuerySet, SearchableQuerySet):
    def in_bucket(self, bucket: str, as_of: datetime.date) -> "TaskQuerySet":
        return self.filter(bucket_conditions(as_of)[bucket])

    def bucket_counts(self, as_of: datetime.date) -> dict[str, int]:
        """How many tasks fall in each bucket, in three index-range counts.

        The same rule as bucket_conditions, split so that each count reads one range
        of an index instead of testing four conditions on every task: on a
        province's 200,000 tasks this is several times faster than one aggregate.
        """
        tasks = self.order_by().select_related(None)
        done = Q(status=Task.Status.DONE)
        done_by_then = done & Q(completed_on__lte=as_of)
        open_tasks = tasks.filter(
            Q(status__in=[Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS])
            | (done & (Q(completed_on__gt=as_of) | Q(completed_on__isnull=True)))
        )
        pending = open_tasks.aggregate(
            overdue=models.Count("pk", filter=Q(due_on__lt=as_of)),
            in_time=models.Count("pk", filter=Q(due_on__gte=as_of)),
        )
        finished = tasks.filter(done_by_then).aggregate(
            total=models.Count("pk"),
            on_time=models.Count("pk", filter=Q(completed_on__lte=models.F("due_on"))),
        )
        return {
            Bucket.DONE_ON_TIME: finished["on_time"],
            Bucket.DONE_LATE: finished["total"] - finished["on_time"],
            Bucket.PENDING_IN_TIME: pending["in_time"],
            Bucket.PENDING_OVERDUE: pending["overdue"],
        }

    def overdue(self, as_of: datetime.date) -> "TaskQuerySet":
        return self.in_bucket(Bucket.PENDING_OVERDUE, as_of)


class Task(Searchable, TimeStamped):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Origin(models.TextChoices):
        PLAN = "plan", _("Plan task")
        CASCADE = "cascade", _("Cascaded")
        COORDINATION = "coordination", _("Coordination request")
        CAMPAIGN = "campaign", _("Campaign task")
        TRAINING = "training", _("Training plan")
        REPLICATION = "replication", _("Replication of a good model")

    class Recurrence(models.TextChoices):
        NONE = "", _("Does not repeat")
        MONTHLY = "monthly", _("Every month")
        QUARTERLY = "quarterly", _("Every quarter")
        YEARLY = "yearly", _("Every year")

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.PLAN
    )
    content = models.TextField(_("content"))
    method = models.TextField(_("method of organisation"), blank=True)
    expected_output = models.TextField(_("expected output"), blank=True)
    start_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"))
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_tasks"
    )
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=_("coordinating units"), blank=True, related_name="coordinated_tasks"
    )
    source_documents = models.ManyToManyField(
        Document, verbose_name=_("source documents"), blank=True, related_name="tasks"
    )
    campaign = models.ForeignKey(
        "observances.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    is_key = models.BooleanField(_("key task"), default=False)
    local_note = models.TextField(_("local adaptation"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_occurrence",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("content",)
    scope = Scope(unit_field="lead_unit")
    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["lead_unit", "due_on"]),
            models.Index(fields=["plan", "due_on"]),
            # Covers the bucket counts (no table reads) and the province-wide list order.
            models.Index(fields=["status", "due_on", "completed_on"], name="task_bucket_idx"),
            models.Index(fields=["status", "completed_on", "due_on"], name="task_done_idx"),
            # updated_at last: each month's version for the dashboard's counts
            # (core.counts.cached_by_month) is read off this index alone.
            models.Index(fields=["due_on", "id", "updated_at"], name="task_due_order_idx"),
            models.Index(fields=["updated_at"], name="task_updated_idx"),
            models.Index(fields=["due_on", "id"], condition=Q(is_key=True), name="task_key_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.content[:120]

    def bucket(self, as_of: datetime.date | None = None) -> str | None:
        as_of = as_of or timezone.localdate()
        if self.status == self.Status.CANCELLED:
            return None
        if self.status == self.Status.DONE and self.completed_on and self.completed_on <= as_of:
            return Bucket.DONE_ON_TIME if self.completed_on <= self.due_on else Bucket.DONE_LATE
        return Bucket.PENDING_IN_TIME if self.due_on >= as_of else Bucket.PENDING_OVERDUE

    @property
    def is_overdue(self) -> bool:
        return self.bucket() == Bucket.PENDING_OVERDUE

    @property
    def display_status(self) -> str:
        """The status people read: "overdue" is derived from the dates, never stored."""
        return str(_("Overdue")) if self.is_overdue else self.get_status_display()


class TaskUpdate(models.Model):
    """A dated progress report on a task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    text = models.TextField(_("report"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(unit_field="task__lead_unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["task", "-reported_on"])]

    def __str__(self) -> str:
        return f"{self.reported_on:%d/%m/%Y} {self.percent}%"


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"evidence/{timezone.now():%Y/%m}/{filename}"


class Evidence(StoredFile):
    update = models.ForeignKey(TaskUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_upload_to)

    scope = Scope(unit_field="update__task__lead_unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
