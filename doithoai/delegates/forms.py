"""Forms of the delegate pages. They carry what was typed; the rules are the actions'."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.delegates import excel
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import Village

PERSON_FIELDS = ["full_name", "position", "phone", "consent_to_publish", "note"]


class DelegateForm(BootstrapForm):
    """A person: filling a slot, correcting a name, or adding a delegate. Which fields show depends on the row."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    position = forms.CharField(label=_("Chức vụ"), max_length=160, required=False)
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=Village.objects.none(), required=False, empty_label=_("— Cấp xã —")
    )
    role_label = forms.CharField(
        label=_("Thành phần"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"list": "role-labels", "autocomplete": "off"}),
        help_text=_("Chọn thành phần theo kế hoạch để điền vào chỗ còn trống của thôn; có thể ghi thành phần khác."),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("Không bắt buộc. Chỉ cán bộ được giao mới xem được."),
    )
    consent_to_publish = forms.BooleanField(label=_("Đồng ý công khai tên"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(
        self,
        *args: Any,
        villages: list[Village] | None = None,
        place_fields: bool = True,
        phone_hidden: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Whoever may not read phone numbers may still replace one, without seeing the number on file.
        self.phone_hidden = phone_hidden
        if phone_hidden:
            self.fields["phone"].help_text = _("Để trống để giữ nguyên số đã có (nếu có); nhập số mới để thay.")
        if place_fields:
            cast(forms.ModelChoiceField, self.fields["village"]).queryset = Village.objects.filter(
                pk__in=[v.pk for v in villages or []]
            )
        else:
            del self.fields["village"]
            del self.fields["role_label"]

    def data_for_action(self) -> dict[str, Any]:
        names = [n for n in [*PERSON_FIELDS, "role_label"] if n in self.fields]
        if self.phone_hidden and not self.cleaned_data.get("phone"):
            names.remove("phone")
        return {name: self.cleaned_data.get(name) for name in names}


class WalkInForm(BootstrapForm):
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=Village.objects.none(), required=False, empty_label="—"
    )
    position = forms.CharField(label=_("Chức vụ"), max_length=160, required=False)

    def __init__(self, *args: Any, villages: list[Village] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = Village.objects.filter(
            pk__in=[v.pk for v in villages or []]
        )
        self.fields["full_name"].error_messages["required"] = _("Nhập họ và tên.")


class ImportForm(BootstrapForm):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{excel.XLSX_CONTENT_TYPE}"}),
        error_messages={"required": _("Chọn tệp Excel để nhập."), "empty": _("Tệp rỗng: chọn tệp Excel theo mẫu.")},
    )
