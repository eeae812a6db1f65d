from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "doithoai.live"
    label = "live"
    verbose_name = _("Điều hành hội nghị")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels
        from doithoai.live.actions import agenda, exchanges, minutes, registrations, room, screen, speakers

        # Each actions module names the audit events it writes in EVENT_LABELS.
        for module in (room, agenda, speakers, screen, exchanges, minutes, registrations):
            register_event_labels(getattr(module, "EVENT_LABELS", {}))
