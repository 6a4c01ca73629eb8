"""Every write to training records, requirements, training plans, good models and
their replications. Each write checks who may make it and validates before writing."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.core.uploads import check_upload
from mandate.org.models import Membership, Unit, User
from mandate.org.selectors import can_lead, led_units
from mandate.people.models import (
    LEVELS,
    PlannedTraining,
    Practice,
    PracticeFile,
    Replication,
    Requirement,
    TrainingRecord,
)
from mandate.people.selectors import Gap
from mandate.work.models import Task

TRAINING_FIELDS = {
    "subject",
    "level",
    "course",
    "institution",
    "started_on",
    "finished_on",
    "result",
    "certificate_number",
}
PRACTICE_FIELDS = {
    "title",
    "summary",
    "problem",
    "approach",
    "results",
    "category",
    "locality",
    "started_on",
}


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def _can_edit(unit: Unit, by: User) -> bool:
    return Unit.objects.editable_by(by).filter(pk=unit.pk).exists()


# Training records -------------------------------------------------------------


def check_training(record: TrainingRecord) -> None:
    """The rules every way in shares: the form, the API and the spreadsheet import."""
    errors = {}
    levels = dict(LEVELS.get(record.subject, []))
    if record.level and record.level not in levels:
        errors["level"] = _("Choose one of the levels of %(subject)s.") % {
            "subject": record.get_subject_display()
        }
    if record.started_on and record.finished_on and record.finished_on < record.started_on:
        errors["finished_on"] = _("The course ends before it starts.")
    if record.finished_on and record.finished_on > timezone.localdate():
        errors["finished_on"] = _("The completion date is in the future.")
    if errors:
        raise ValidationError(errors)
    record.full_clean(exclude=["person", "unit", "certificate"])


def _check_member(person: User, unit: Unit) -> None:
    _require(
        Membership.objects.filter(user=person, unit=unit, is_active=True).exists(),
        _("%(person)s is not a member of %(unit)s.") % {"person": person, "unit": unit},
    )


@transaction.atomic
def record_training(
    *, person: User, unit: Unit, by: User, certificate=None, **fields
) -> TrainingRecord:
    _require(_can_edit(unit, by), _("You cannot keep the training records of this unit."))
    _check_member(person, unit)
    unknown = set(fields) - TRAINING_FIELDS
    _require(not unknown, _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    record = TrainingRecord(person=person, unit=unit, created_by=by, **fields)
    check_training(record)
    if certificate is not None:
        check_upload(certificate)
        record.certificate = certificate
    record._history_user = by
    record.save()
    return record


@transaction.atomic
def update_training(
    *, record: TrainingRecord, by: User, certificate=None, **changes
) -> TrainingRecord:
    _require(_can_edit(record.unit, by), _("You cannot keep the training records of this unit."))
    unknown = set(changes) - TRAINING_FIELDS
    _require(not unknown, _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for field, value in changes.items():
        setattr(record, field, value)
    check_training(record)
    if certificate is not None:
        check_upload(certificate)
        record.certificate = certificate
    record._history_user = by
    record.save()
    return record


@transaction.atomic
def delete_training(*, record: TrainingRecord, by: User) -> None:
    _require(_can_edit(record.unit, by), _("You cannot keep the training records of this unit."))
    record._history_user = by
    record.delete()


# Requirements and the training plan -------------------------------------------


@transaction.atomic
def add_requirement(*, unit: Unit, by: User, **fields) -> Requirement:
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can set requirements."))
    requirement = Requirement(unit=unit, **fields)
    _require(
        bool(requirement.position or requirement.role or requirement.unit_kind),
        _("Say whom the requirement concerns: a position, a role or a kind of unit."),
    )
    if requirement.min_level not in dict(LEVELS.get(requirement.subject, [])):
        raise ValidationError({"min_level": _("Choose one of the levels of this subject.")})
    requirement.full_clean(exclude=["unit"])
    requirement._history_user = by
    requirement.save()
    return requirement


@transaction.atomic
def plan_training(*, unit: Unit, year: int, gaps: Sequence[Gap], by: User) -> list[Task]:
    """One work-programme task per gap, due by the end of the year, so the training plan
    is followed like any other work; a gap already planned for the year is skipped."""
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can plan its training."))
    outside = [gap for gap in gaps if not gap.unit.is_within(unit)]
    _require(
        not outside,
        _("These people are not in the unit: %(people)s.")
        % {"people": ", ".join(str(gap.person) for gap in outside)},
    )
    planned = set(
        PlannedTraining.objects.filter(year=year).values_list("person_id", "requirement_id")
    )
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    tasks = []
    for gap in gaps:
        if (gap.person.pk, gap.requirement.pk) in planned:
            continue
        planned.add((gap.person.pk, gap.requirement.pk))
        content = _("Send %(person)s (%(position)s) to train in %(subject)s: %(level)s") % {
            "person": gap.person.full_name or gap.person.username,
            "position": gap.person.position or gap.role_label,
            "subject": gap.requirement.get_subject_display().lower(),
            "level": gap.requirement.min_level_label,
        }
        task = Task(
            lead_unit=gap.unit,
            content=content,
            expected_output=_("Certificate recorded in the training records"),
            local_note=gap.requirement.legal_basis,
            origin=Task.Origin.TRAINING,
            start_on=max(start, min(timezone.localdate(), end)),
            due_on=end,
            created_by=by,
        )
        task._history_user = by
        task.save()
        PlannedTraining.objects.create(
            person=gap.person, unit=gap.unit, requirement=gap.requirement, year=year, task=task
        )
        tasks.append(task)
    return tasks


# Good models ------------------------------------------------------------------


@transaction.atomic
def propose_practice(*, origin_unit: Unit, by: User, files: Sequence = (), **fields) -> Practice:
    _require(_can_edit(origin_unit, by), _("You cannot record good models for this unit."))
    unknown = set(fields) - PRACTICE_FIELDS
    _require(not unknown, _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    practice = Practice(origin_unit=origin_unit, created_by=by, **fields)
    practice.full_clean(exclude=["origin_unit"])
    content_types = [check_upload(upload) for upload in files]  # refuse before writing
    practice._history_user = by
    practice.save()
    _attach(practice, files, content_types)
    return practice


def _attach(practice: Practice, files: Sequence, content_types: list[str]) -> None:
    PracticeFile.objects.bulk_create(
        PracticeFile(
            practice=practice,
            file=upload,
            name=upload.name[:255],
            size=upload.size,
            content_type=content_type,
        )
        for upload, content_type in zip(files, content_types, strict=True)
    )


@transaction.atomic
def update_practice(
    *, practice: Practice, version: int, by: User, files: Sequence = (), **changes
) -> Practice:
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    _require(_can_edit(current.origin_unit, by), _("You cannot edit the good models of this unit."))
    _require(
        current.version == version,
        _("This good model was changed by someone else while you were editing it."),
    )
    unknown = set(changes) - PRACTICE_FIELDS
    _require(not unknown, _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for field, value in changes.items():
        setattr(current, field, value)
    current.full_clean(exclude=["origin_unit"])
    content_types = [check_upload(upload) for upload in files]
    current.version += 1
    current._history_user = by
    current.save()
    _attach(current, files, content_types)
    return current


def _move(practice: Practice, by: User) -> Practice:
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    _require(
        can_lead(user=by, unit=current.origin_unit),
        _("Only a leader of the origin unit or of a unit above it can review good models."),
    )
    return current


@transaction.atomic
def review_practice(*, practice: Practice, by: User) -> Practice:
    current = _move(practice, by)
    _require(
        current.status == Practice.Status.PROPOSED, _("Only a proposed model can be reviewed.")
    )
    current.status, current.reviewed_by, current.reviewed_on = (
        Practice.Status.REVIEWED,
        by,
        timezone.localdate(),
    )
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def recognise_practice(
    *, practice: Practice, by: User, note: str = "", on: datetime.date | None = None
) -> Practice:
    """Recognised, the model is open to the whole province and can be replicated."""
    current = _move(practice, by)
    _require(current.status != Practice.Status.RECOGNISED, _("The model is already recognised."))
    current.status, current.recognised_by = Practice.Status.RECOGNISED, by
    current.recognised_on = on or timezone.localdate()
    current.recognition_note = note.strip()
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def record_replication(
    *,
    practice: Practice,
    unit: Unit,
    by: User,
    adopted_on: datetime.date,
    adaptation: str = "",
    results: str = "",
) -> Replication:
    """A unit says it took the model up: a new replication, or the answer to a request."""
    _require(_can_edit(unit, by), _("You cannot record replications for this unit."))
    _require(
        Practice.objects.visible_to(by).filter(pk=practice.pk).exists(),
        _("You cannot see this good model."),
    )
    _require(adopted_on <= timezone.localdate(), _("The adoption date is in the future."))
    _require(unit != practice.origin_unit, _("A model's own unit does not replicate it."))
    replication, _created = Replication.objects.select_for_update().get_or_create(
        practice=practice, unit=unit, defaults={"created_by": by}
    )
    replication.status = Replication.Status.ADOPTED
    replication.adopted_on, replication.adaptation = adopted_on, adaptation.strip()
    replication.results = results.strip()
    replication._history_user = by
    replication.save()
    return replication


@transaction.atomic
def ask_to_replicate(
    *, practice: Practice, units: Iterable[Unit], due_on: datetime.date, by: User
) -> list[Replication]:
    """A leader asks units to take the model up: each gets a task in its work programme;
    a unit that already replicates it is left as it is."""
    _require(
        practice.status == Practice.Status.RECOGNISED,
        _("Only a recognised model can be replicated on request."),
    )
    units = list({unit.pk: unit for unit in units}.values())
    _require(bool(units), _("Choose at least one unit."))
    led = set(led_units(by).filter(pk__in=[unit.pk for unit in units]).values_list("pk", flat=True))
    not_led = [unit for unit in units if unit.pk not in led]
    _require(
        not not_led,
        _("You do not lead these units: %(units)s.") % {"units": ", ".join(map(str, not_led))},
    )
    _require(due_on >= timezone.localdate(), _("The due date has passed."))
    held = set(practice.replications.values_list("unit_id", flat=True)) | {practice.origin_unit_id}
    asked = []
    for unit in units:
        if unit.pk in held:
            continue
        task = Task(
            lead_unit=unit,
            content=_("Replicate the good model “%(title)s” of %(origin)s")
            % {"title": practice.title, "origin": practice.origin_unit},
            expected_output=_("The model adopted, with its results recorded on the model's page"),
            origin=Task.Origin.REPLICATION,
            start_on=timezone.localdate(),
            due_on=due_on,
            created_by=by,
        )
        task._history_user = by
        task.save()
        replication = Replication(
            practice=practice,
            unit=unit,
            status=Replication.Status.ASKED,
            task=task,
            created_by=by,
        )
        replication._history_user = by
        replication.save()
        asked.append(replication)
    return asked
