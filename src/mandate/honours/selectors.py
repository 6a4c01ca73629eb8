"""Reads of emulation and commendation that views, the API, the review and the .docx
output share. Everything a user sees goes through `visible_to(user)`."""

import datetime

from django.db.models import Count, Q, QuerySet

from mandate.honours.checks import Failure, cap_summary, check_nomination, check_round
from mandate.honours.evidence import Evidence, draft_achievement_report, evidence_for
from mandate.honours.models import (
    Award,
    AwardRound,
    BlockingCondition,
    DossierItem,
    Nomination,
    NominationFile,
    NominationStep,
    Pledge,
    TaskRating,
    Title,
    TitleRule,
    in_force,
)
from mandate.org.models import Unit, User

__all__ = [
    "Evidence",
    "Failure",
    "awards_of_person",
    "awards_of_unit",
    "blocking_conditions_for",
    "cap_summary",
    "check_nomination",
    "check_round",
    "dossier_of",
    "draft_achievement_report",
    "evidence_for",
    "nomination_counts",
    "nominations_for",
    "pledges_for",
    "ratings_for",
    "rounds_for",
    "rules_of",
    "steps_of",
    "titles_in_force",
]


def titles_in_force(*, on: datetime.date, collective: bool | None = None) -> QuerySet[Title]:
    """The titles and forms a round of that date can propose, in the catalogue's order."""
    titles = Title.objects.filter(in_force(on), is_active=True)
    if collective is not None:
        kind = Title.Beneficiary.COLLECTIVE if collective else Title.Beneficiary.INDIVIDUAL
        titles = titles.filter(beneficiary__in=[kind, Title.Beneficiary.ANY])
    return titles.order_by("sort_order", "code")


def rules_of(*, title: Title, on: datetime.date) -> QuerySet[TitleRule]:
    return title.rules.filter(in_force(on)).select_related("other_title").order_by("sort_order")


def rounds_for(*, user: User) -> QuerySet[AwardRound]:
    return AwardRound.objects.visible_to(user).select_related("unit", "campaign")


def nominations_for(
    *,
    user: User,
    award_round: AwardRound | None = None,
    unit: Unit | None = None,
    status: str | None = None,
) -> QuerySet[Nomination]:
    """Nominations the user may read, with what a list shows, in the catalogue's order."""
    nominations = Nomination.objects.visible_to(user).select_related(
        "round", "title", "unit", "person", "nominee_unit", "vote", "decision"
    )
    if award_round is not None:
        nominations = nominations.filter(round=award_round)
    if unit is not None:
        nominations = nominations.filter(unit=unit)
    if status:
        nominations = nominations.filter(status=status)
    return nominations.order_by("title__sort_order", "unit__search_text", "id")


def nomination_counts(*, user: User, award_round: AwardRound) -> list[dict]:
    """Per title: how many nominations at each stage, in one aggregate."""
    statuses = Nomination.Status
    return list(
        Nomination.objects.visible_to(user)
        .filter(round=award_round)
        .values("title_id", "title__name", "title__sort_order")
        .annotate(
            total=Count("pk", filter=Q(status__in=Nomination.LIVE)),
            proposed=Count("pk", filter=Q(status=statuses.PROPOSED)),
            council=Count("pk", filter=Q(status=statuses.COUNCIL_REVIEW)),
            approved=Count("pk", filter=Q(status__in=Nomination.APPROVED_OR_LATER)),
            decided=Count("pk", filter=Q(status=statuses.DECIDED)),
        )
        .order_by("title__sort_order")
    )


def pledges_for(*, user: User, award_round: AwardRound) -> QuerySet[Pledge]:
    return (
        Pledge.objects.visible_to(user)
        .filter(round=award_round)
        .select_related("unit", "person")
        .prefetch_related("titles")
    )


def ratings_for(*, user: User, award_round: AwardRound, unit: Unit | None = None):
    ratings = TaskRating.objects.visible_to(user).filter(round=award_round)
    if unit is not None:
        ratings = ratings.filter(unit=unit)
    return ratings.select_related("unit", "person", "rated_by")


def steps_of(*, nomination: Nomination) -> QuerySet[NominationStep]:
    """A nomination's timeline: each move with its actor, time, note and files."""
    return nomination.steps.select_related("actor").prefetch_related("files")


def dossier_of(*, nomination: Nomination) -> list[dict]:
    """The title's dossier checklist with the files attached to each document, then the
    files attached to no document of the list."""
    files = list(NominationFile.objects.filter(nomination=nomination).order_by("uploaded_at"))
    items = DossierItem.objects.filter(title_id=nomination.title_id).order_by("sort_order")
    rows = [
        {
            "item": item,
            "files": [file for file in files if file.dossier_item_id == item.pk],
        }
        for item in items
    ]
    for row in rows:
        row["missing"] = row["item"].is_required and not row["files"]
    listed = {row["item"].pk for row in rows}
    rows.append(
        {
            "item": None,
            "files": [file for file in files if file.dossier_item_id not in listed],
            "missing": False,
        }
    )
    return rows


def awards_of_person(*, person: User, user: User) -> QuerySet[Award]:
    """A person's register: every title and form, revoked ones marked, newest first."""
    return (
        Award.objects.visible_to(user)
        .filter(person=person)
        .select_related("title", "decision", "unit")
        .order_by("-year", "title__sort_order")
    )


def awards_of_unit(*, unit: Unit, user: User, with_members: bool = False) -> QuerySet[Award]:
    """A unit's register: its own collective awards (and its people's, with_members)."""
    awards = Award.objects.visible_to(user).filter(unit=unit)
    if not with_members:
        awards = awards.filter(person__isnull=True)
    return awards.select_related("title", "decision", "person").order_by(
        "-year", "title__sort_order", "person__search_text"
    )


def blocking_conditions_for(*, user: User, unit: Unit | None = None) -> QuerySet[BlockingCondition]:
    conditions = BlockingCondition.objects.visible_to(user)
    if unit is not None:
        conditions = conditions.filter(unit=unit)
    return conditions.select_related("unit", "person", "recorded_by")
