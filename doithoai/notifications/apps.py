from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "doithoai.notifications"
    label = "notifications"
    verbose_name = _("Thông báo và nhắc việc")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels

        register_event_labels(
            {
                "notifications.reminders_sent": _("Gửi nhắc việc hằng ngày"),
                "notifications.preference_updated": _("Đổi tùy chọn nhận nhắc việc qua thư điện tử"),
            }
        )
