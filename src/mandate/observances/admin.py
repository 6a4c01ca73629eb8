"""Administration of the calendar: every observance, national or local, editable."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mandate.observances.models import (
    Campaign,
    CampaignStep,
    CampaignTarget,
    CampaignTemplate,
    Observance,
)


@admin.register(Observance)
class ObservanceAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "day",
        "month",
        "calendar",
        "founding_year",
        "level",
        "importance",
        "owner_unit",
        "is_active",
    ]
    list_filter = ["calendar", "level", "importance", "is_active"]
    search_fields = ["key", "name", "name_en", "name_fr", "notes"]
    list_select_related = ["owner_unit"]
    autocomplete_fields = ["owner_unit"]
    prepopulated_fields = {"key": ["name_en"]}
    ordering = ["calendar", "month", "day"]


class CampaignStepInline(admin.TabularInline):
    model = CampaignStep
    extra = 1
    fields = [
        "offset_days",
        "content",
        "method",
        "expected_output",
        "unit_kinds",
        "applies",
        "is_key",
    ]


@admin.register(CampaignTemplate)
class CampaignTemplateAdmin(SimpleHistoryAdmin):
    """Templates are province-wide plans: edited here, picked by leaders on the campaign form."""

    list_display = ["name", "observance", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "description", "steps__content"]
    autocomplete_fields = ["observance"]
    inlines = [CampaignStepInline]


class CampaignTargetInline(admin.TabularInline):
    model = CampaignTarget
    extra = 0
    fields = ["unit", "acknowledged_at", "acknowledged_by", "note"]
    readonly_fields = ["acknowledged_at", "acknowledged_by"]
    autocomplete_fields = ["unit"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    """For corrections only: campaigns are planned, launched and closed on their pages,
    where the services write the tasks."""

    list_display = ["title", "unit", "occurs_on", "status", "launched_on", "closed_on"]
    list_filter = ["status", "is_round"]
    search_fields = ["title", "summary"]
    date_hierarchy = "occurs_on"
    list_select_related = ["unit"]
    autocomplete_fields = ["unit", "observance", "template"]
    raw_id_fields = ["guidance"]
    readonly_fields = ["status", "launched_on", "closed_on", "anniversary", "is_round"]
    inlines = [CampaignTargetInline]
