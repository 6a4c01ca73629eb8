"""Administration of alert thresholds (editable), detection runs (read-only) and alerts
(read-mostly: their workflow belongs to the alert page and the API).

Administrators see every row (`dangerously_unscoped`).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mandate.earlywarning.models import Alert, DetectionRun, Threshold


@admin.register(Threshold)
class ThresholdAdmin(admin.ModelAdmin):
    list_display = ["category", "recurrence_days"]
    list_editable = ["recurrence_days"]
    list_select_related = ["category"]
    ordering = ["category__position", "category__code"]


@admin.register(DetectionRun)
class DetectionRunAdmin(admin.ModelAdmin):
    """What each day's detection did: written by the `detect` command alone."""

    list_display = ["day", "category", "started_at", "seconds", "reports", "findings"]
    list_filter = ["category"]
    date_hierarchy = "day"
    list_select_related = ["category"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Alert)
class AlertAdmin(SimpleHistoryAdmin):
    """Everything shown, only the note editable: a status moves through the workflow
    services, which check the version and who acts."""

    list_display = [
        "id",
        "category",
        "centre",
        "unit",
        "method",
        "status",
        "window_end",
        "observed",
        "recurrence_days",
    ]
    list_filter = ["status", "method", "category"]
    date_hierarchy = "last_detected_on"
    list_select_related = ["category", "centre", "unit"]
    search_fields = ["centre__name", "centre__code", "unit__name"]
    readonly_fields = [
        field.name
        for field in Alert._meta.get_fields()
        if field.concrete and field.name not in {"id", "note"}
    ]
    show_full_result_count = False

    def get_queryset(self, request):
        return Alert.objects.dangerously_unscoped()

    def has_add_permission(self, request) -> bool:
        return False  # alerts are raised by detection

    def save_model(self, request, obj, form, change) -> None:
        obj.version += 1  # a page opened before this edit must not overwrite it
        super().save_model(request, obj, form, change)
