from django.contrib import admin

from doithoai.conferences.models import Conference, PlanTimelineRule, TimelineStep


class TimelineStepInline(admin.TabularInline):
    model = TimelineStep
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "starts_at", "status")
    list_filter = ("status", "kind")
    inlines = (TimelineStepInline,)


@admin.register(PlanTimelineRule)
class PlanTimelineRuleAdmin(admin.ModelAdmin):
    list_display = ("plan", "key", "offset_days", "day_kind", "owner_role", "enabled")
