"""The audit trail in the admin: to read only. Nobody adds, changes or deletes an event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from doithoai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "event_type", "object_repr", "actor", "unit")
    list_filter = ("event_type",)
    search_fields = ("object_repr", "event_type", "actor__username", "actor__full_name", "unit__name")
    list_select_related = ("actor", "unit")
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "unit",
        "event_type",
        "content_type",
        "object_id",
        "object_repr",
        "changes",
        "ip_address",
    )
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
