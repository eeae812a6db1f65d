from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "doithoai.live"
    verbose_name = _("Điều hành hội nghị")
