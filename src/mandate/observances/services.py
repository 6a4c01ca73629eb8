"""Every write to local observances and campaigns.

A campaign is planned as a draft (occasion, template, target units, guidance) and
launched: launching writes every target unit's tasks in one transaction, so a
campaign is never half-sent. Its tasks are ordinary tasks of the work programme
(origin "campaign"), followed, reported on and counted in the four buckets like
any other.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.core.notifications import notify
from mandate.directives.models import Document
from mandate.observances import selectors
from mandate.observances.calendar import Occurrence, occurrences
from mandate.observances.models import (
    Campaign,
    CampaignStep,
    CampaignTarget,
    CampaignTemplate,
    Observance,
)
from mandate.org.models import Role, Unit, User
from mandate.org.selectors import can_lead, members_of
from mandate.work.models import Task


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


# Local observances -----------------------------------------------------------


@transaction.atomic
def add_local_observance(*, unit: Unit, by: User, **fields) -> Observance:
    """A unit's own anniversary (its founding, a local victory), on the shared calendar."""
    _require(
        Unit.objects.editable_by(by).filter(pk=unit.pk).exists(),
        _("You cannot add observances for this unit."),
    )
    observance = Observance(owner_unit=unit, **fields)
    if observance.level == Observance.Level.NATIONAL:
        observance.level = Observance.Level.LOCAL
    if not observance.key:
        observance.key = _free_key(unit, observance)
    observance.full_clean()
    observance._history_user = by
    observance.save()
    return observance


def _free_key(unit: Unit, observance: Observance) -> str:
    base = f"u{unit.pk}-{observance.month:02}-{observance.day:02}"
    taken = set(Observance.objects.filter(key__startswith=base).values_list("key", flat=True))
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


# Campaigns -------------------------------------------------------------------


def occurrence_of(observance: Observance, year: int) -> Occurrence:
    found = occurrences(year, [observance])
    if not found:
        raise ValidationError(
            _("%(observance)s is not observed in %(year)s.")
            % {"observance": observance.label, "year": year}
        )
    return found[0]


@dataclass(frozen=True)
class PlannedTask:
    unit: Unit
    step: CampaignStep
    due_on: datetime.date


def planned_tasks(campaign: Campaign, *, launched_on: datetime.date) -> list[PlannedTask]:
    """The tasks launching would write: each target unit × each step that applies to it.

    A step whose date has already passed at launch is due on the launch day, so no
    unit starts a campaign with overdue tasks.
    """
    if campaign.template_id is None:
        return []
    steps = list(campaign.template.steps.all())
    units = list(campaign.target_units.order_by("kind", "search_text"))
    return [
        PlannedTask(
            unit,
            step,
            max(campaign.occurs_on + datetime.timedelta(days=step.offset_days), launched_on),
        )
        for unit in units
        for step in steps
        if step.applies_to(unit=unit, is_round=campaign.is_round)
    ]


def _check_targets(unit: Unit, targets: Sequence[Unit]) -> None:
    _require(bool(targets), _("Choose at least one target unit."))
    outside = [target for target in targets if not target.is_within(unit)]
    _require(
        not outside,
        _("A campaign can only target the organising unit and the units below it: %(units)s.")
        % {"units": ", ".join(map(str, outside))},
    )


@transaction.atomic
def create_campaign(
    *,
    unit: Unit,
    by: User,
    target_units: Sequence[Unit],
    template: CampaignTemplate | None,
    observance: Observance | None = None,
    year: int | None = None,
    title: str = "",
    event_on: datetime.date | None = None,
    guidance: Document | None = None,
    launch: bool = False,
    on: datetime.date | None = None,
) -> Campaign:
    """A campaign for an occurrence (observance and year) or a one-off event: a draft,
    or launched at once (`launch`), in which case a failed launch leaves nothing."""
    _require(can_lead(user=by, unit=unit), _("Only a leader of the unit can plan its campaigns."))
    errors = {}
    if observance is not None:
        occurrence = occurrence_of(observance, year or timezone.localdate().year)
        occurs_on, anniversary, is_round = (
            occurrence.date,
            occurrence.anniversary,
            occurrence.is_round,
        )
        # Campaign titles are records of the province, written in Vietnamese whatever
        # the language of the leader who creates them.
        if not title and anniversary:
            title = (
                f"Kỷ niệm {anniversary} năm {observance.name} "
                f"({observance.founding_year}–{occurs_on.year})"
            )
        elif not title:
            title = f"{observance.name} {occurs_on.year}"
    else:
        occurs_on, anniversary, is_round = event_on, None, False
        if event_on is None:
            errors["event_on"] = _("Give the date of the event.")
        if not title.strip():
            errors["title"] = _("Name the event the campaign is for.")
    if template is not None and not template.is_active:
        errors["template"] = _("This template is no longer in use.")
    if guidance is not None and not Document.objects.visible_to(by).filter(pk=guidance.pk).exists():
        errors["guidance"] = _("You cannot attach this document.")
    if errors:
        raise ValidationError(errors)
    _check_targets(unit, target_units)
    campaign = Campaign(
        title=title.strip()[:300],
        unit=unit,
        observance=observance,
        occurs_on=occurs_on,
        anniversary=anniversary,
        is_round=is_round,
        template=template,
        guidance=guidance,
        created_by=by,
    )
    campaign.full_clean()
    campaign._history_user = by
    campaign.save()
    CampaignTarget.objects.bulk_create(
        CampaignTarget(campaign=campaign, unit=target) for target in _distinct(target_units)
    )
    if launch:
        launch_campaign(campaign=campaign, by=by, on=on)
        campaign.refresh_from_db()
    return campaign


def _distinct(units: Iterable[Unit]) -> list[Unit]:
    return list({unit.pk: unit for unit in units}.values())


@transaction.atomic
def set_targets(*, campaign: Campaign, target_units: Sequence[Unit], by: User) -> Campaign:
    """Change a draft's target units; once launched, targets can only be added."""
    campaign = _lock(campaign, by)
    _check_targets(campaign.unit, target_units)
    wanted = {unit.pk for unit in target_units}
    held = set(campaign.targets.values_list("unit_id", flat=True))
    if campaign.status == Campaign.Status.DRAFT:
        campaign.targets.exclude(unit_id__in=wanted).delete()
    else:
        _require(
            campaign.status == Campaign.Status.LAUNCHED,
            _("The campaign is %(status)s: its units cannot change.")
            % {"status": campaign.get_status_display().lower()},
        )
        _require(
            held <= wanted,
            _("A launched campaign keeps its units: their tasks are already under way."),
        )
    added = [
        CampaignTarget(campaign=campaign, unit=unit)
        for unit in _distinct(target_units)
        if unit.pk not in held
    ]
    CampaignTarget.objects.bulk_create(added)
    if campaign.status == Campaign.Status.LAUNCHED and added:
        _write_tasks(campaign, {target.unit_id for target in added}, by, timezone.localdate())
        _announce(campaign, [target.unit for target in added])
    _bump(campaign, by)
    return campaign


@transaction.atomic
def launch_campaign(*, campaign: Campaign, by: User, on: datetime.date | None = None) -> list[Task]:
    """Write every target unit's tasks at once and tell the units; a second launch is refused."""
    campaign = _lock(campaign, by)
    _require(campaign.status == Campaign.Status.DRAFT, _("The campaign has already been launched."))
    _require(campaign.template_id is not None, _("Choose a template before launching."))
    on = on or timezone.localdate()
    unit_ids = set(campaign.targets.values_list("unit_id", flat=True))
    tasks = _write_tasks(campaign, unit_ids, by, on)
    _require(
        bool(tasks),
        _("No step of the template applies to the chosen units: there is nothing to launch."),
    )
    campaign.status, campaign.launched_on = Campaign.Status.LAUNCHED, on
    _bump(campaign, by)
    _announce(campaign, [target.unit for target in campaign.targets.select_related("unit")])
    return tasks


def _write_tasks(campaign: Campaign, unit_ids: set[int], by: User, on: datetime.date) -> list[Task]:
    tasks = []
    for planned in planned_tasks(campaign, launched_on=on):
        if planned.unit.pk not in unit_ids:
            continue
        task = Task(
            origin=Task.Origin.CAMPAIGN,
            campaign=campaign,
            lead_unit=planned.unit,
            content=planned.step.content,
            method=planned.step.method,
            expected_output=planned.step.expected_output,
            start_on=min(on, planned.due_on),
            due_on=planned.due_on,
            is_key=planned.step.is_key,
            created_by=by,
        )
        task._history_user = by
        task.save()
        tasks.append(task)
    if campaign.guidance_id:
        Task.source_documents.through.objects.bulk_create(
            Task.source_documents.through(task_id=task.pk, document_id=campaign.guidance_id)
            for task in tasks
        )
    return tasks


def _announce(campaign: Campaign, units: list[Unit]) -> None:
    url = reverse("observances:campaign-detail", args=[campaign.pk])

    def message() -> tuple[str, str]:
        body = _("Your unit is asked to take part; acknowledge the guidance and see your tasks.")
        return _("New campaign: %(title)s") % {"title": campaign.title}, body

    notify(
        users=members_of(units=units, roles=[Role.LEADER, Role.OFFICER]),
        kind="campaign-launched",
        key=f"campaign-launched:{campaign.pk}",
        message=message,
        url=url,
    )


@transaction.atomic
def acknowledge(
    *,
    campaign: Campaign,
    unit: Unit,
    by: User,
    note: str = "",
    at: datetime.datetime | None = None,
) -> CampaignTarget:
    """A target unit confirms it has received and read the guidance."""
    _require(
        selectors.acknowledging_units(by).filter(pk=unit.pk).exists(),
        _("Only the unit's leaders and officers can acknowledge for it."),
    )
    target = (
        CampaignTarget.objects.select_for_update()
        .filter(campaign=campaign, unit=unit)
        .select_related("campaign")
        .first()
    )
    _require(target is not None, _("This unit is not a target of the campaign."))
    _require(
        target.campaign.status == Campaign.Status.LAUNCHED,
        _("Only a campaign under way can be acknowledged."),
    )
    _require(target.acknowledged_at is None, _("Your unit has already acknowledged."))
    target.acknowledged_at, target.acknowledged_by = at or timezone.now(), by
    target.note = note.strip()
    target.save(update_fields=["acknowledged_at", "acknowledged_by", "note"])
    return target


@transaction.atomic
def close_campaign(
    *, campaign: Campaign, by: User, summary: str, on: datetime.date | None = None
) -> Campaign:
    """Record the results; tasks still open stay open and keep counting as late."""
    campaign = _lock(campaign, by)
    _require(
        campaign.status == Campaign.Status.LAUNCHED, _("Only a campaign under way can be closed.")
    )
    _require(bool(summary.strip()), _("Sum up the results before closing."))
    campaign.status, campaign.closed_on = Campaign.Status.CLOSED, on or timezone.localdate()
    campaign.summary = summary.strip()
    _bump(campaign, by)
    return campaign


@transaction.atomic
def cancel_campaign(
    *, campaign: Campaign, by: User, reason: str, on: datetime.date | None = None
) -> Campaign:
    """Call the campaign off: its unfinished tasks are cancelled, finished ones kept."""
    campaign = _lock(campaign, by)
    _require(
        campaign.status in (Campaign.Status.DRAFT, Campaign.Status.LAUNCHED),
        _("The campaign is already %(status)s.")
        % {"status": campaign.get_status_display().lower()},
    )
    _require(bool(reason.strip()), _("Say why the campaign is called off."))
    for task in campaign.tasks.exclude(status__in=[Task.Status.DONE, Task.Status.CANCELLED]):
        task.status, task.completed_on = Task.Status.CANCELLED, None
        task.version += 1
        task._history_user = by
        task.save()
    campaign.status, campaign.closed_on = Campaign.Status.CANCELLED, on or timezone.localdate()
    campaign.summary = reason.strip()
    _bump(campaign, by)
    return campaign


def _lock(campaign: Campaign, by: User) -> Campaign:
    current = Campaign.objects.select_for_update().select_related("unit").get(pk=campaign.pk)
    _require(
        can_lead(user=by, unit=current.unit),
        _("Only a leader of the organising unit can change the campaign."),
    )
    return current


def _bump(campaign: Campaign, by: User) -> None:
    campaign.version += 1
    campaign._history_user = by
    campaign.save()
