from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TodoConfig(AppConfig):
    name = "doithoai.todo"
    label = "todo"
    verbose_name = _("Việc cần làm")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels

        register_event_labels({"assignment.completed": _("Ghi nhận hoàn thành một nhiệm vụ của kế hoạch")})
