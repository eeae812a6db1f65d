from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "doithoai.conferences"
    label = "conferences"
    verbose_name = _("Hội nghị đối thoại")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels

        register_event_labels(
            {
                "conference.updated": _("Sửa thông tin hội nghị đối thoại"),
                "conference.timeline_rules_applied": _("Áp dụng mốc thời gian của kế hoạch cho hội nghị"),
                "timeline_step.updated": _("Điều chỉnh một bước chuẩn bị hội nghị"),
                "timeline_step.reopened": _("Mở lại một bước chuẩn bị hội nghị"),
                "timeline_step.created": _("Thêm một bước chuẩn bị hội nghị"),
                "timeline_step.deleted": _("Xóa một bước chuẩn bị hội nghị"),
                "plan.timeline_rules_updated": _("Cấu hình mốc thời gian của kế hoạch đối thoại"),
                "conference.duties_assigned": _("Giao nhiệm vụ của kế hoạch thành bước của hội nghị"),
                "publication.recorded": _("Ghi nhận công bố kết quả hội nghị"),
                "publication.updated": _("Sửa ngày công bố kết quả hội nghị"),
            }
        )
