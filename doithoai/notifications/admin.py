from django.contrib import admin

from doithoai.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at", "email_state")
    list_filter = ("kind", "email_state")
    raw_id_fields = ("recipient", "unit")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email_reminders", "updated_at")
    raw_id_fields = ("user",)
