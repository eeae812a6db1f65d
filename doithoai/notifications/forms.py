from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    email_reminders = forms.BooleanField(
        label=_("Nhận nhắc việc qua thư điện tử"),
        required=False,
        help_text=_("Thông báo trên hệ thống luôn được gửi; bỏ chọn để không nhận thêm thư điện tử."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
