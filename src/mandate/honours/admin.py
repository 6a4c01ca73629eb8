"""Administration of emulation and commendation: the titles, their rules and dossiers are
edited here (they are data, with legal basis and validity); the rest is for
corrections, since rounds and nominations move through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mandate.honours.models import (
    Award,
    AwardRound,
    BlockingCondition,
    CouncilVote,
    Decision,
    DossierItem,
    Nomination,
    NominationStep,
    Pledge,
    TaskRating,
    Title,
    TitleRule,
)


class TitleRuleInline(admin.TabularInline):
    model = TitleRule
    fk_name = "title"
    extra = 0
    fields = [
        "sort_order",
        "kind",
        "other_title",
        "count",
        "percent",
        "rating",
        "legal_basis",
        "valid_from",
        "valid_to",
        "note",
    ]


class DossierItemInline(admin.TabularInline):
    model = DossierItem
    extra = 0
    fields = ["sort_order", "name", "form", "copies", "is_required", "legal_basis"]


@admin.register(Title)
class TitleAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "kind",
        "beneficiary",
        "deciding_level",
        "reward_multiplier",
        "valid_from",
        "valid_to",
        "is_active",
    ]
    list_filter = ["kind", "beneficiary", "deciding_level", "recurrence", "is_active"]
    search_fields = ["code", "name", "name_en", "name_fr", "criteria", "legal_basis"]
    ordering = ["sort_order", "code"]
    inlines = [TitleRuleInline, DossierItemInline]


@admin.register(TitleRule)
class TitleRuleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "other_title", "count", "percent", "rating", "valid_from"]
    list_filter = ["kind", "title"]
    search_fields = ["title__name", "legal_basis", "note"]
    list_select_related = ["title", "other_title"]


@admin.register(AwardRound)
class AwardRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "unit", "level", "status", "nomination_deadline"]
    list_filter = ["status", "level", "recurrence", "year"]
    search_fields = ["name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["campaign"]
    readonly_fields = ["status", "notice_published_at"]


class NominationStepInline(admin.TabularInline):
    model = NominationStep
    extra = 0
    fields = ["at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    """For corrections only: a nomination moves through the services, which keep its steps."""

    list_display = ["__str__", "round", "unit", "status", "decision"]
    list_filter = ["status", "title", "round"]
    search_fields = ["person__full_name", "nominee_unit__name", "unit__name", "achievement"]
    list_select_related = ["round", "title", "unit", "person", "nominee_unit", "decision"]
    raw_id_fields = ["round", "title", "unit", "person", "nominee_unit", "decision"]
    readonly_fields = ["status", "version"]
    inlines = [NominationStepInline]


@admin.register(CouncilVote)
class CouncilVoteAdmin(SimpleHistoryAdmin):
    list_display = ["nomination", "votes_for", "members_total", "threshold_percent", "voted_on"]
    raw_id_fields = ["nomination"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "signed_on", "signer_name", "issuing_authority", "round"]
    search_fields = ["number", "signer_name", "issuing_authority"]
    date_hierarchy = "signed_on"
    list_select_related = ["round"]
    raw_id_fields = ["round"]


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "title", "unit", "decision", "revoked_at"]
    list_filter = ["title", "year"]
    search_fields = ["person__full_name", "unit__name", "reference", "decision__number"]
    list_select_related = ["title", "person", "unit", "decision"]
    raw_id_fields = ["person", "unit", "decision", "nomination"]


@admin.register(BlockingCondition)
class BlockingConditionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "unit", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["person__full_name", "unit__name", "note"]
    list_select_related = ["unit", "person"]
    raw_id_fields = ["person", "unit"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "unit", "registered_at"]
    list_select_related = ["round", "unit", "person"]
    raw_id_fields = ["round", "unit", "person"]


@admin.register(TaskRating)
class TaskRatingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "round", "unit", "rating"]
    list_filter = ["rating"]
    list_select_related = ["round", "unit", "person"]
    raw_id_fields = ["round", "unit", "person"]
