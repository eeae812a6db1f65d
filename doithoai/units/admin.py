"""Units, villages and departments in the admin: to look things up.

Changes go through the unit pages, whose actions check permissions and write
the audit trail; the admin therefore only reads these tables.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from doithoai.units.models import AdminUnit, Department, Village


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AdminUnit)
class AdminUnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "level", "era", "parent", "is_set_up", "is_active")
    list_filter = ("era", "level", "is_set_up", "is_active")
    search_fields = ("name", "code", "parent__name")
    list_select_related = ("parent",)
    show_full_result_count = False


@admin.register(Village)
class VillageAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "status", "merged_into", "unit")
    list_filter = ("status", "kind")
    search_fields = ("name", "unit__name", "unit__code")
    list_select_related = ("unit", "merged_into")


@admin.register(Department)
class DepartmentAdmin(ReadOnlyAdmin):
    list_display = ("name", "short_name", "is_active", "unit")
    list_filter = ("is_active",)
    search_fields = ("name", "short_name", "unit__name", "unit__code")
    list_select_related = ("unit",)
