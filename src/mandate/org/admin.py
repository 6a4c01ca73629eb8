from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from mandate.org import services
from mandate.org.models import ApiToken, Locality, Membership, Unit, User


@admin.register(Locality)
class LocalityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "parent", "lat", "lon", "area_km2"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "search_text"]
    raw_id_fields = ["parent"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user", "unit"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation", "kind", "parent", "locality", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "abbreviation", "search_text"]
    raw_id_fields = ["parent", "locality"]
    readonly_fields = ["path", "depth"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return Unit.objects.dangerously_unscoped().select_related("parent", "locality")

    def save_model(self, request, obj, form, change):
        # The tree path is derived from the parent: the service keeps it true.
        if not change:
            services.save_new_unit(unit=obj)
        elif "parent" in form.changed_data:
            super().save_model(request, obj, form, change)
            services.move_unit(unit=obj, parent=obj.parent)
        else:
            super().save_model(request, obj, form, change)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "email", "position", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email", "search_text"]
    ordering = ["full_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("full_name", "email", "phone", "position", "preferred_language")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "email", "password1", "password2"),
            },
        ),
    )


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role", "is_active"]
    list_filter = ["role", "is_active"]
    raw_id_fields = ["user", "unit"]
    search_fields = ["user__search_text", "unit__search_text"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    raw_id_fields = ["user"]
