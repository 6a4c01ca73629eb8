"""Administration of categories, routing rules, cases and reports.

Administrators see every row (`dangerously_unscoped`). Citizens' contacts never show in
the report and case screens; only superusers reach them, on their own screen.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mandate.grassroots.models import (
    Case,
    CaseEvent,
    Category,
    Contact,
    Report,
    ReportPhoto,
    RoutingRule,
)


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "name_en",
        "deadline_days",
        "default_unit",
        "position",
        "is_active",
    ]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "name_en", "name_fr", "keywords"]
    raw_id_fields = ["default_unit"]
    list_select_related = ["default_unit"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "category", "locality", "unit", "note"]
    list_filter = ["category"]
    search_fields = ["locality__name", "locality__code", "unit__name", "note"]
    raw_id_fields = ["locality", "unit"]
    list_select_related = ["category", "locality", "unit"]


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["observed_on", "reporting_unit", "channel", "severity", "people_affected", "summary"]
    readonly_fields = fields

    def get_queryset(self, request):
        return Report.objects.dangerously_unscoped().select_related("reporting_unit")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # reports are filed through the intake, which scrubs them


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "actor", "from_unit", "to_unit", "text"]
    readonly_fields = fields

    def get_queryset(self, request):
        return CaseEvent.objects.dangerously_unscoped().select_related(
            "actor", "from_unit", "to_unit"
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # the timeline is written by the workflow services


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["id", "title", "category", "locality", "unit", "status", "opened_on", "due_on"]
    list_filter = ["status", "category"]
    search_fields = ["search_text"]
    date_hierarchy = "opened_on"
    raw_id_fields = ["locality", "unit", "origin_unit", "duplicate_of"]
    readonly_fields = ["report_count", "version", "opened_by", "created_at", "updated_at"]
    list_select_related = ["category", "locality", "unit"]
    # A count of hundreds of thousands of cases on every page of the list is not worth it.
    show_full_result_count = False
    inlines = [ReportInline, CaseEventInline]

    def get_queryset(self, request):
        return Case.objects.dangerously_unscoped()


class ReportPhotoInline(admin.StackedInline):
    model = ReportPhoto
    extra = 0
    fields = ["file", "name", "size", "content_type"]
    readonly_fields = fields

    def get_queryset(self, request):
        return ReportPhoto.objects.dangerously_unscoped()

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = [
        "id",
        "observed_on",
        "category",
        "locality",
        "reporting_unit",
        "channel",
        "case",
    ]
    list_filter = ["channel", "category"]
    date_hierarchy = "observed_on"
    raw_id_fields = ["case", "locality", "reporting_unit", "reported_by"]
    # The summary was scrubbed on the way in; editing it here would bypass the scrubber.
    readonly_fields = ["summary", "redactions", "created_at", "updated_at"]
    list_select_related = ["category", "locality", "reporting_unit"]
    show_full_result_count = False
    inlines = [ReportPhotoInline]

    def get_queryset(self, request):
        return Report.objects.dangerously_unscoped()


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    """Personal data (Decree 13/2023): superusers only, for requests to correct or erase."""

    list_display = ["id", "name", "report", "created_at"]
    raw_id_fields = ["report"]
    search_fields = ["name", "phone", "email"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False
