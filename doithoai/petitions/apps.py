from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "doithoai.petitions"
    label = "petitions"
    verbose_name = _("Ý kiến, kiến nghị")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels
        from doithoai.petitions.workflow import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
