from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "doithoai.petitions"
    label = "petitions"
    verbose_name = _("Ý kiến, kiến nghị")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels
        from doithoai.petitions import workflow
        from doithoai.petitions.actions import answers, groups, imports, public, referrals, sectors

        register_event_labels(workflow.EVENT_LABELS)
        for module in (answers, groups, imports, public, referrals, sectors):
            register_event_labels(module.EVENT_LABELS)
