"""Administration of the calendar: every observance, national or local, editable."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mandate.observances.models import Observance


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
