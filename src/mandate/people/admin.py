"""Administration of training and good models: administrators set the requirements
every unit's people are measured against, and see every record and model.

Administrators see every row (`dangerously_unscoped`); units keep their own records and
models through the application, where the services check who may write.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mandate.people.models import (
    PlannedTraining,
    Practice,
    PracticeFile,
    Replication,
    Requirement,
    TrainingRecord,
)


@admin.register(Requirement)
class RequirementAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "unit",
        "position",
        "role",
        "unit_kind",
        "subject",
        "min_level",
        "valid_from",
        "is_active",
    ]
    list_filter = ["subject", "role", "unit_kind", "is_active"]
    search_fields = ["position", "legal_basis", "note", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        return Requirement.objects.dangerously_unscoped()


@admin.register(TrainingRecord)
class TrainingRecordAdmin(SimpleHistoryAdmin):
    list_display = ["course", "person", "unit", "subject", "level", "institution", "finished_on"]
    list_filter = ["subject", "level", "unit__kind", "finished_on"]
    search_fields = ["course", "institution", "person__full_name", "unit__name"]
    list_select_related = ["person", "unit"]
    autocomplete_fields = ["person", "unit"]
    date_hierarchy = "finished_on"

    def get_queryset(self, request):
        return TrainingRecord.objects.dangerously_unscoped()


class PracticeFileInline(admin.TabularInline):
    model = PracticeFile
    extra = 0
    fields = ["file", "name", "size", "content_type"]
    readonly_fields = ["name", "size", "content_type"]


class ReplicationInline(admin.TabularInline):
    model = Replication
    extra = 0
    fields = ["unit", "status", "adopted_on", "adaptation", "results", "task"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["task"]


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "origin_unit", "category", "status", "recognised_on", "created_at"]
    list_filter = ["status", "category", "origin_unit__kind"]
    search_fields = ["title", "summary", "origin_unit__name"]
    list_select_related = ["origin_unit"]
    autocomplete_fields = ["origin_unit"]
    raw_id_fields = ["locality", "reviewed_by", "recognised_by"]
    readonly_fields = ["version"]
    inlines = [PracticeFileInline, ReplicationInline]

    def get_queryset(self, request):
        return Practice.objects.dangerously_unscoped()


@admin.register(PlannedTraining)
class PlannedTrainingAdmin(admin.ModelAdmin):
    list_display = ["person", "requirement", "year", "unit", "task"]
    list_filter = ["year"]
    list_select_related = ["person", "requirement__unit", "unit", "task"]
    raw_id_fields = ["person", "unit", "requirement", "task"]

    def get_queryset(self, request):
        return PlannedTraining.objects.dangerously_unscoped()
