"""The JSON face of emulation and commendation: the titles and their rules, rounds,
nominations and their moves, the checks, the register.

Rounds and decisions are read by the organising unit and every unit below it; a
nomination by its proposing unit's readers; an award by its unit's. Everything comes
through `visible_to(request.auth)` (404 outside the caller's units). Every write goes
through `honours.services`, which checks who may make it and refuses a move the rules
forbid (422, with the reason in the caller's language; nothing is written).
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from mandate.core.api import CHOICE_ERROR, ErrorOut, pick, pick_many
from mandate.honours import selectors, services
from mandate.honours.checks import Failure
from mandate.honours.models import (
    Award,
    AwardRound,
    Decision,
    DossierItem,
    Nomination,
    Title,
    TitleRule,
    in_force,
)
from mandate.honours.schemas import (
    ERRORS,
    AchievementIn,
    AwardFilters,
    AwardOut,
    CheckFilters,
    FailureOut,
    NominationActionIn,
    NominationDetailOut,
    NominationFilters,
    NominationOut,
    NominationsIn,
    RevokeIn,
    RoundDetailOut,
    RoundFilters,
    RoundOut,
    StaleNominationOut,
    TitleFilters,
    TitleOut,
)
from mandate.org.models import Unit, User

router = Router()


# Titles --------------------------------------------------------------------------------


@router.get("/titles", response=list[TitleOut], tags=["honours titles"])
def title_list(request, filters: Query[TitleFilters]):
    """The titles and forms of commendation in force on a day, with their rules in force
    that day and their dossier: the same catalogue for every unit."""
    on = filters.on or timezone.localdate()
    rules = TitleRule.objects.filter(in_force(on)).select_related("other_title")
    return selectors.titles_in_force(on=on, collective=filters.collective).prefetch_related(
        Prefetch("rules", queryset=rules.order_by("sort_order", "id"), to_attr="rule_rows"),
        Prefetch(
            "dossier_items",
            queryset=DossierItem.objects.order_by("sort_order", "id"),
            to_attr="dossier_rows",
        ),
    )


# Rounds --------------------------------------------------------------------------------


@router.get("/rounds", response=list[RoundOut], tags=["honours rounds"])
@paginate(PageNumberPagination, page_size=50)
def round_list(request, filters: Query[RoundFilters]):
    """The rounds organised by the caller's units and by the units above them."""
    rounds = selectors.rounds_for(user=request.auth)
    if filters.year is not None:
        rounds = rounds.filter(year=filters.year)
    if filters.status:
        rounds = rounds.filter(status=filters.status)
    if filters.unit_id is not None:
        rounds = rounds.filter(unit_id=filters.unit_id)
    return rounds


@router.get(
    "/rounds/{round_id}", response={200: RoundDetailOut, 404: ErrorOut}, tags=["honours rounds"]
)
def round_detail(request, round_id: int):
    user = request.auth
    award_round = _round(user, round_id)
    award_round.count_rows = selectors.nomination_counts(user=user, award_round=award_round)
    award_round.decision_rows = list(
        Decision.objects.visible_to(user).filter(round=award_round).order_by("signed_on", "id")
    )
    return award_round


@router.get(
    "/rounds/{round_id}/checks",
    response={200: list[FailureOut], **ERRORS},
    tags=["honours rounds"],
    description=(
        "Every rule the round's nominations fail as the lists stand (caps first), among "
        "the nominations and lists the caller may read. With `approved_only`, only what "
        "the council approved counts: what a decision must satisfy."
    ),
)
def round_checks(request, round_id: int, filters: Query[CheckFilters]):
    user = request.auth
    award_round = _round(user, round_id)
    unit = pick(Unit.objects.visible_to(user), filters.unit_id, field="unit_id")
    failures = selectors.check_round(award_round, unit=unit, approved_only=filters.approved_only)
    return _readable(user, award_round, failures)


def _round(user: User, round_id: int) -> AwardRound:
    return get_object_or_404(selectors.rounds_for(user=user), pk=round_id)


def _readable(user: User, award_round: AwardRound, failures: list[Failure]) -> list[Failure]:
    """A round is read by every unit below its organiser, its nominations are not: keep
    the failures of the nominations and lists the caller may read."""
    nominations = set(
        Nomination.objects.visible_to(user).filter(round=award_round).values_list("pk", flat=True)
    )
    capped = {failure.unit.pk for failure in failures if failure.unit is not None}
    units = set(Unit.objects.visible_to(user).filter(pk__in=capped).values_list("pk", flat=True))
    return [
        failure
        for failure in failures
        if (failure.nomination is not None and failure.nomination.pk in nominations)
        or (failure.nomination is None and failure.unit is not None and failure.unit.pk in units)
    ]


# Nominations ---------------------------------------------------------------------------


@router.get(
    "/rounds/{round_id}/nominations",
    response={200: list[NominationOut], 404: ErrorOut},
    tags=["honours nominations"],
)
@paginate(PageNumberPagination, page_size=50)
def nomination_list(request, round_id: int, filters: Query[NominationFilters]):
    """The round's nominations proposed by the caller's units and the units below them."""
    user = request.auth
    award_round = _round(user, round_id)
    nominations = selectors.nominations_for(
        user=user, award_round=award_round, status=filters.status
    )
    if filters.unit_id is not None:
        nominations = nominations.filter(unit_id=filters.unit_id)
    if filters.title:
        nominations = nominations.filter(title__code=filters.title)
    return nominations


@router.post(
    "/rounds/{round_id}/nominations",
    response={201: list[NominationOut], **ERRORS},
    tags=["honours nominations"],
    description=(
        "Propose people (`person_ids`) or collectives (`unit_ids`) of the unit `unit_id` "
        "for the title `title` (its code), all at once, or keep them as drafts. Refused "
        "(422) unless the caller leads the unit, the round takes nominations and the title "
        "is in force and awarded to that kind of nominee."
    ),
)
def nomination_create(request, round_id: int, payload: NominationsIn):
    user = request.auth
    award_round = _round(user, round_id)
    title = Title.objects.filter(code=payload.title).first()
    if title is None:
        raise ValidationError({"title": _(CHOICE_ERROR)})
    units = Unit.objects.visible_to(user)
    unit = pick(units, payload.unit_id, field="unit_id")
    people = pick_many(User.objects.visible_to(user), payload.person_ids, field="person_ids")
    collectives = pick_many(units, payload.unit_ids, field="unit_ids")
    created = services.propose(
        award_round=award_round,
        title=title,
        unit=unit,
        nominees=[*people, *collectives],
        by=user,
        achievement=payload.achievement,
        draft=payload.draft,
    )
    ids = [nomination.pk for nomination in created]
    return Status(201, list(selectors.nominations_for(user=user).filter(pk__in=ids)))


@router.get(
    "/nominations/{nomination_id}",
    response={200: NominationDetailOut, 404: ErrorOut},
    tags=["honours nominations"],
    description=(
        "The nomination with the council's vote, its steps, the rules it fails now, the "
        "evidence from the platform's own data over the round's period and its dossier."
    ),
)
def nomination_detail(request, nomination_id: int):
    return _nomination(request.auth, nomination_id)


@router.patch(
    "/nominations/{nomination_id}",
    response={200: NominationDetailOut, 409: StaleNominationOut, **ERRORS},
    tags=["honours nominations"],
    description=(
        "Save the achievement report, with the `version` it was edited from: if the "
        "nomination changed since, nothing is written and the answer is 409 with the "
        "nomination as it is now. Only before the council (422 after)."
    ),
)
def nomination_edit(request, nomination_id: int, payload: AchievementIn):
    user = request.auth
    nomination = get_object_or_404(Nomination.objects.visible_to(user), pk=nomination_id)
    try:
        services.update_achievement(
            nomination=nomination, text=payload.achievement, version=payload.version, by=user
        )
    except services.StaleNomination as stale:
        current = _nomination(user, nomination.pk)
        return Status(409, {"detail": " ".join(stale.messages), "current": current})
    return _nomination(user, nomination.pk)


@router.post(
    "/nominations/{nomination_id}/{action}",
    response={200: NominationDetailOut, **ERRORS},
    tags=["honours nominations"],
    description=(
        "Move the nomination on. By a leader of the proposing unit: `propose` (a draft, or "
        "one the council returned), `submit` (the unit's whole proposed list, this one "
        "with it, to the council: refused with every failing rule and cap while one "
        "fails), `withdraw` (with a `reason`). By a leader of the organising unit, while "
        "the round is at the council: `vote` (`members_total`, `votes_for`, "
        "`votes_against`, `abstentions`, `voted_on`), `approve` (refused if the approved "
        "list would break a rule or exceed a cap), `return` and `reject` (with a "
        "`reason`). Another action is a 404; a move the caller may not make is a 422. "
        "The answer is the nomination as it now is."
    ),
)
def nomination_action(request, nomination_id: int, action: str, payload: NominationActionIn):
    user = request.auth
    nomination = get_object_or_404(
        Nomination.objects.visible_to(user).select_related("round", "unit"), pk=nomination_id
    )
    match action:
        case "propose":
            services.submit_proposals(nominations=[nomination], by=user)
        case "submit":
            _submit(nomination, user, payload.note)
        case "withdraw":
            services.withdraw(nomination=nomination, by=user, reason=payload.reason)
        case "return":
            services.return_nomination(nomination=nomination, reason=payload.reason, by=user)
        case "reject":
            services.reject(nomination=nomination, reason=payload.reason, by=user)
        case "approve":
            services.approve(nominations=[nomination], by=user, note=payload.note)
        case "vote":
            services.record_vote(
                nomination=nomination,
                members_total=_required(payload.members_total, "members_total"),
                votes_for=_required(payload.votes_for, "votes_for"),
                votes_against=payload.votes_against,
                abstentions=payload.abstentions,
                voted_on=payload.voted_on,
                by=user,
            )
        case _:
            raise Http404
    return _nomination(user, nomination.pk)


def _submit(nomination: Nomination, user: User, note: str) -> None:
    if nomination.status != Nomination.Status.PROPOSED:
        raise ValidationError(
            _("%(nominee)s: only a proposed nomination goes to the council.")
            % {"nominee": nomination.nominee}
        )
    services.submit_to_council(
        award_round=nomination.round, unit=nomination.unit, by=user, note=note
    )


def _required(value, field: str):
    if value is None:
        raise ValidationError({field: _("This field is required.")})
    return value


def _nomination(user: User, nomination_id: int) -> Nomination:
    """The nomination with what its page shows: vote, steps, failures, evidence, dossier."""
    nomination = get_object_or_404(selectors.nominations_for(user=user), pk=nomination_id)
    nomination.vote_row = getattr(nomination, "vote", None)
    nomination.step_rows = list(selectors.steps_of(nomination=nomination))
    past_council = nomination.status in Nomination.APPROVED_OR_LATER
    nomination.failure_rows = selectors.check_nomination(nomination, approved_only=past_council)
    nomination.evidence_row = selectors.evidence_for(nomination)
    nomination.dossier_rows = selectors.dossier_of(nomination=nomination)
    return nomination


# The register --------------------------------------------------------------------------


@router.get("/awards", response=list[AwardOut], tags=["honours register"])
@paginate(PageNumberPagination, page_size=50)
def award_list(request, filters: Query[AwardFilters]):
    """The register of the caller's units and the units below them, newest first;
    revoked awards stay, marked."""
    awards = _awards(request.auth)
    if filters.person_id is not None:
        awards = awards.filter(person_id=filters.person_id)
    if filters.unit_id is not None:
        awards = awards.filter(unit_id=filters.unit_id)
    if filters.year is not None:
        awards = awards.filter(year=filters.year)
    if filters.title:
        awards = awards.filter(title__code=filters.title)
    if filters.revoked is not None:
        awards = awards.filter(revoked_at__isnull=not filters.revoked)
    return awards


@router.post(
    "/awards/{award_id}/revoke",
    response={200: AwardOut, **ERRORS},
    tags=["honours register"],
    description=(
        "Revoke an award (false declarations, forged records) with the `reason` and the "
        "revocation decision's `reference`: the row stays, marked, and its nomination "
        "becomes revoked. Only a leader of the unit that decided it (422 otherwise)."
    ),
)
def award_revoke(request, award_id: int, payload: RevokeIn):
    user = request.auth
    award = get_object_or_404(Award.objects.visible_to(user), pk=award_id)
    services.revoke(award=award, reason=payload.reason, by=user, reference=payload.reference)
    return get_object_or_404(_awards(user), pk=award.pk)


def _awards(user: User):
    return (
        Award.objects.visible_to(user)
        .select_related("title", "person", "unit", "decision")
        .order_by("-year", "title__sort_order", "id")
    )
