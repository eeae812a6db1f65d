from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.core.forms import VietnameseDateField, VietnameseDateInput
from doithoai.workdays.models import OverrideKind

MAX_DEADLINE_DAYS = 3650


def _date_field(label: Any) -> VietnameseDateField:
    return VietnameseDateField(label=label, widget=VietnameseDateInput(attrs={"class": "form-control"}))


class NationwideForm(forms.Form):
    """Adds the "whole country" box, shown only to those who may enter nationwide overrides."""

    nationwide = forms.BooleanField(
        label=_("Áp dụng toàn quốc"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, allow_nationwide: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_nationwide:
            del self.fields["nationwide"]


class OverrideForm(NationwideForm):
    date = _date_field(_("Ngày"))
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[
            (OverrideKind.DAY_OFF, _("Nghỉ (nghỉ bù, nghỉ thêm vào ngày làm việc)")),
            (OverrideKind.WORKING_DAY, _("Làm bù (đi làm vào thứ Bảy, Chủ nhật)")),
        ],
        initial=OverrideKind.DAY_OFF,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("Ví dụ: Nghỉ Tết Nguyên đán")}),
    )


class ImportForm(NationwideForm):
    text = forms.CharField(
        label=_("Dán danh sách, mỗi dòng một ngày: ngày; loại; lý do"),
        widget=forms.Textarea(
            attrs={
                "class": "form-control font-monospace",
                "rows": 6,
                "placeholder": (
                    "09/05/2026; làm bù; Làm việc thứ Bảy để tổ chức hội nghị\n11/05/2026; nghỉ; Nghỉ bù cho ngày 09/05"
                ),
            }
        ),
    )


class DeadlineForm(forms.Form):
    WORKING = "lam-viec"
    CALENDAR = "lich"

    tu_ngay = _date_field(_("Tính từ ngày"))
    so_ngay = forms.IntegerField(
        label=_("Số ngày"),
        min_value=-MAX_DEADLINE_DAYS,
        max_value=MAX_DEADLINE_DAYS,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    loai = forms.ChoiceField(
        label=_("Cách tính"),
        choices=[(WORKING, _("ngày làm việc")), (CALENDAR, _("ngày (theo lịch)"))],
        initial=WORKING,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
