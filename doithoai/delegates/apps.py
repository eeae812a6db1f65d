from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegatesConfig(AppConfig):
    name = "doithoai.delegates"
    label = "delegates"
    verbose_name = _("Đại biểu và giấy mời")
