from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "doithoai.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels
        from doithoai.documents import actions

        register_event_labels(getattr(actions, "EVENT_LABELS", {}))
