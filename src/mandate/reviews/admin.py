from django.contrib import admin

from mandate.reviews.models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "unit", "year", "requested_by", "status", "percent", "created_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["unit", "requested_by"]
    readonly_fields = ["created_at", "started_at", "finished_at"]

    def get_queryset(self, request):
        return ReportJob.objects.dangerously_unscoped().select_related("unit", "requested_by")
