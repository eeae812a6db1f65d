from django.contrib import admin

from doithoai.delegates.models import Delegate


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    """Read-only: delegates change through the pages' actions (audited); phone numbers are not shown here."""

    list_display = ("full_name", "conference", "village", "role_label", "rsvp", "checked_in_at")
    list_filter = ("rsvp", "walk_in")
    search_fields = ("full_name", "code")
    exclude = ("phone",)

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
