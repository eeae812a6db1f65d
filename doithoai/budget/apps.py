from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "doithoai.budget"
    label = "budget"
    verbose_name = _("Kinh phí")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels
        from doithoai.budget import actions

        register_event_labels(actions.EVENT_LABELS)
