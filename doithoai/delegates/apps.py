from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegatesConfig(AppConfig):
    name = "doithoai.delegates"
    label = "delegates"
    verbose_name = _("Đại biểu và giấy mời")

    def ready(self) -> None:
        from doithoai.audit.display import register_event_labels

        register_event_labels(
            {
                "delegate.created": _("Thêm đại biểu"),
                "delegate.updated": _("Sửa thông tin đại biểu"),
                "delegate.deleted": _("Xóa đại biểu"),
                "delegates.slots_generated": _("Tạo chỗ đại biểu theo thành phần của kế hoạch"),
                "delegates.imported": _("Nhập danh sách đại biểu từ tệp Excel"),
                "delegate.rsvp": _("Đại biểu trả lời giấy mời"),
                "delegate.checked_in": _("Điểm danh đại biểu"),
                "delegate.check_in_undone": _("Hủy điểm danh đại biểu"),
                "delegate.walked_in": _("Thêm và điểm danh người đến dự không có giấy mời"),
                "delegates.phones_viewed": _("Xem số điện thoại của đại biểu"),
                "delegates.exported": _("Xuất danh sách đại biểu ra tệp Excel"),
            }
        )
