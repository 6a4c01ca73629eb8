"""The honours API's schemas: what goes in and out of /api/honours/."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from mandate.core.api import ErrorOut, UnitRef
from mandate.honours.models import (
    Award,
    AwardRound,
    Level,
    Nomination,
    NominationStep,
    Rating,
    Title,
    TitleRule,
)

NominationStatus = Literal[tuple(Nomination.Status.values)]
RoundStatus = Literal[tuple(AwardRound.Status.values)]
RuleKind = Literal[tuple(TitleRule.Kind.values)]
LevelCode = Literal[tuple(Level.values)]
RatingCode = Literal[tuple(Rating.values)]

ERRORS = {404: ErrorOut, 422: ErrorOut}


class PersonRef(Schema):
    id: int
    full_name: str
    position: str


class TitleRef(Schema):
    id: int
    code: str
    name: str = Field(description="The Vietnamese name, as decisions print it.")
    label: str = Field(description="The name in the caller's language.")


# Titles and their rules ----------------------------------------------------------------


class RuleOut(Schema):
    id: int
    kind: RuleKind
    kind_label: str
    other_title: TitleRef | None = Field(description="The title the rule counts or requires.")
    count: int | None
    percent: Decimal | None
    rating: RatingCode | Literal[""]
    note: str
    legal_basis: str
    valid_from: datetime.date
    valid_to: datetime.date | None

    @staticmethod
    def resolve_kind_label(rule: TitleRule) -> str:
        return rule.get_kind_display()


class DossierItemOut(Schema):
    id: int
    name: str
    form: str
    copies: int
    is_required: bool
    legal_basis: str


class TitleOut(TitleRef):
    kind: Literal[tuple(Title.Kind.values)]
    kind_label: str
    beneficiary: Literal[tuple(Title.Beneficiary.values)]
    recurrence: Literal[tuple(Title.Recurrence.values)]
    decided_by: str
    deciding_level: LevelCode
    criteria: str
    reward_multiplier: Decimal | None = Field(description="× the base salary; empty if unset.")
    legal_basis: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    rules: list[RuleOut] = Field(alias="rule_rows", description="The rules in force that day.")
    dossier: list[DossierItemOut] = Field(alias="dossier_rows")

    @staticmethod
    def resolve_kind_label(title: Title) -> str:
        return title.get_kind_display()


class TitleFilters(Schema):
    on: datetime.date | None = Field(
        None, description="Titles in force that day; today if left out."
    )
    collective: bool | None = Field(None, description="Only those for collectives (or people).")


# Rounds -----------------------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    name: str
    year: int
    recurrence: str
    unit: UnitRef = Field(description="The organising unit; every unit below it takes part.")
    level: LevelCode
    period_start: datetime.date
    period_end: datetime.date
    registration_deadline: datetime.date | None
    nomination_deadline: datetime.date | None
    council_date: datetime.date | None
    status: RoundStatus
    status_label: str
    notice_published_at: datetime.datetime | None
    version: int

    @staticmethod
    def resolve_status_label(award_round: AwardRound) -> str:
        return award_round.get_status_display()


class TitleCountOut(Schema):
    title_id: int
    title: str = Field(alias="title__name")
    total: int = Field(description="Nominations still in the running.")
    proposed: int
    council: int
    approved: int = Field(description="Approved by the council or further on.")
    decided: int


class DecisionOut(Schema):
    id: int
    number: str
    signed_on: datetime.date
    signer_name: str
    signer_position: str
    issuing_authority: str


class RoundDetailOut(RoundOut):
    counts: list[TitleCountOut] = Field(
        alias="count_rows", description="Per title, the nominations you may read, by stage."
    )
    decisions: list[DecisionOut] = Field(alias="decision_rows")


class RoundFilters(Schema):
    year: int | None = None
    status: RoundStatus | None = None
    unit_id: int | None = Field(None, description="Rounds organised by this unit.")


# Nominations ------------------------------------------------------------------------------


class NominationOut(Schema):
    id: int
    round_id: int
    title: TitleRef
    unit: UnitRef = Field(description="The proposing unit.")
    person: PersonRef | None = Field(description="The nominee, for a person.")
    nominee_unit: UnitRef | None = Field(description="The nominee, for a collective.")
    is_collective: bool
    status: NominationStatus
    status_label: str
    decision_id: int | None
    version: int

    @staticmethod
    def resolve_status_label(nomination: Nomination) -> str:
        return nomination.get_status_display()


class NominationFilters(Schema):
    unit_id: int | None = Field(None, description="Proposed by this unit.")
    status: NominationStatus | None = None
    title: str | None = Field(None, description="A title's code, e.g. lao-dong-tien-tien.")


class VoteOut(Schema):
    members_total: int
    votes_for: int
    votes_against: int
    abstentions: int
    approval_percent: Decimal = Field(description="In favour, of all council members.")
    threshold_percent: Decimal | None
    voted_on: datetime.date


class FileOut(Schema):
    id: int
    name: str
    size: int
    content_type: str


class StepOut(Schema):
    from_status: NominationStatus | Literal[""]
    to_status: NominationStatus
    to_label: str
    actor: PersonRef | None
    at: datetime.datetime
    note: str
    files: list[FileOut]

    @staticmethod
    def resolve_to_label(step: NominationStep) -> str:
        return step.get_to_status_display()

    @staticmethod
    def resolve_files(step: NominationStep) -> list:
        return list(step.files.all())


class FailureOut(Schema):
    code: str = Field(description="The rule kind that fails, or title_not_in_force.")
    message: str = Field(description="What fails and why, with the figures.")
    nomination_id: int | None
    rule_id: int | None
    unit: UnitRef | None = Field(description="The proposing unit whose list exceeds a cap.")

    @staticmethod
    def resolve_nomination_id(failure) -> int | None:
        return failure.nomination.pk if failure.nomination is not None else None

    @staticmethod
    def resolve_rule_id(failure) -> int | None:
        return failure.rule.pk if failure.rule is not None else None


class DossierRowOut(Schema):
    item: DossierItemOut | None = Field(description="Empty: files attached to no document.")
    missing: bool = Field(description="A required document with no file yet.")
    files: list[FileOut]


class OverdueTaskOut(Schema):
    id: int = Field(alias="pk")
    content: str
    due_on: datetime.date
    lead_unit: str


class HeldAwardOut(Schema):
    year: int
    title: str
    title_vi: str
    reference: str


class ConditionOut(Schema):
    kind: str
    label: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    note: str


class EvidenceOut(Schema):
    """What the platform's own data says about the nominee over the round's period."""

    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date
    buckets: dict[str, int] = Field(description="Tasks per bucket: done on time, late...")
    task_total: int
    on_time_rate: float | None = Field(description="Percent; empty when nothing is due yet.")
    overdue_key_tasks: list[OverdueTaskOut]
    cases_resolved: int
    cases_resolved_on_time: int
    campaigns_carried_out: int
    campaigns_acknowledged: int
    trainings_completed: list[str]
    practices_originated: int
    practices_recognised: int
    replications_elsewhere: int
    replications_adopted: int
    earlier_awards: list[HeldAwardOut]
    blocking_conditions: list[ConditionOut]


class NominationDetailOut(NominationOut):
    achievement: str
    vote: VoteOut | None = Field(alias="vote_row")
    steps: list[StepOut] = Field(alias="step_rows")
    failures: list[FailureOut] = Field(
        alias="failure_rows", description="The rules it fails now (the approved list, once past)."
    )
    evidence: EvidenceOut = Field(alias="evidence_row")
    dossier: list[DossierRowOut] = Field(alias="dossier_rows")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class NominationsIn(Schema):
    title: str = Field(description="The title's code, e.g. lao-dong-tien-tien.")
    unit_id: int = Field(description="The proposing unit; you must lead it.")
    person_ids: list[int] = Field([], description="People of the unit (or the units below).")
    unit_ids: list[int] = Field([], description="Collectives within the unit.")
    achievement: str = ""
    draft: bool = Field(False, description="Keep them as drafts instead of proposing them.")


class NominationActionIn(Schema):
    reason: str = Field("", description="withdraw, return, reject: why (required).")
    note: str = Field("", description="submit, approve: a note on the step.")
    members_total: int | None = Field(None, description="vote: the council's members.")
    votes_for: int | None = Field(None, description="vote: in favour.")
    votes_against: int = Field(0, description="vote: against.")
    abstentions: int = Field(0, description="vote: abstentions.")
    voted_on: datetime.date | None = Field(None, description="vote: today if left out.")


class AchievementIn(Schema):
    achievement: str
    version: int = Field(description="The nomination's version, as last read.")


class StaleNominationOut(Schema):
    detail: str
    current: NominationDetailOut


class CheckFilters(Schema):
    unit_id: int | None = Field(None, description="Only this proposing unit's list.")
    approved_only: bool = Field(
        False, description="Count only what the council approved (what a decision must meet)."
    )


# The register --------------------------------------------------------------------------


class DecisionRef(Schema):
    id: int
    number: str
    signed_on: datetime.date


class AwardOut(Schema):
    id: int
    title: TitleRef
    year: int
    person: PersonRef | None
    unit: UnitRef = Field(description="The collective awarded, or the person's unit.")
    decision: DecisionRef | None
    reference: str = Field(description="For earlier awards entered from paper records.")
    is_revoked: bool
    revoked_at: datetime.datetime | None
    revocation_reason: str
    revocation_reference: str

    @staticmethod
    def resolve_is_revoked(award: Award) -> bool:
        return award.is_revoked


class AwardFilters(Schema):
    person_id: int | None = None
    unit_id: int | None = Field(None, description="The collective, or the awarded person's unit.")
    year: int | None = None
    title: str | None = Field(None, description="A title's code.")
    revoked: bool | None = Field(None, description="Only revoked awards (or only standing ones).")


class RevokeIn(Schema):
    reason: str = Field(description="False declarations, forged records...")
    reference: str = Field("", description="The number and date of the revocation decision.")
