"""Forms of the documents pages. They only read what was typed; the actions decide (numbers taken,
templates checked, dates allowed) and their refusals are put back on these fields."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from doithoai.core.forms import VietnameseDateField
from doithoai.documents.models import DocumentKind, IssuerBody, NumberingMode
from doithoai.units.forms import BootstrapForm


def new_submission_key() -> str:
    return uuid.uuid4().hex


class RegisterFilterForm(BootstrapForm):
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100, widget=forms.Select)
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    co_quan = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nam"].widget.choices = [(y, str(y)) for y in years]
        self.fields["loai"].choices = [("", _("Tất cả")), *DocumentKind.choices]  # type: ignore[attr-defined]
        self.fields["co_quan"].choices = [("", _("Tất cả")), *IssuerBody.choices]  # type: ignore[attr-defined]


class IssueForm(BootstrapForm):
    """Ban hành: the date, the signer, and the number (blank: the next of the series)."""

    issued_on = VietnameseDateField(label=_("Ngày ban hành"), error_messages={"required": _("Nhập ngày ban hành.")})
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=120,
        required=False,
        help_text=_("Để trống: theo cơ quan ban hành (ví dụ CHỦ TỊCH)."),
    )
    number = forms.IntegerField(
        label=_("Số"),
        required=False,
        min_value=1,
        max_value=999999,
        error_messages={"invalid": _("Số văn bản phải là số nguyên dương.")},
    )
    submission_key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, next_number: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if next_number:
            self.fields["number"].help_text = _(
                "Để trống để lấy số tiếp theo: %(number)s. Nhập số nếu đã cấp số trong sổ giấy."
            ) % {"number": next_number}
        self.fields["number"].widget.attrs.setdefault("inputmode", "numeric")


class ReissueForm(BootstrapForm):
    issued_on = VietnameseDateField(label=_("Ngày ban hành lại"), error_messages={"required": _("Nhập ngày ban hành.")})
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    submission_key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class UploadForm(BootstrapForm):
    file = forms.FileField(label=_("Tệp"), required=False)


class TemplateUploadForm(BootstrapForm):
    file = forms.FileField(label=_("Tệp mẫu (.docx)"), required=False)


class SettingsForm(BootstrapForm):
    numbering_mode = forms.ChoiceField(label=_("Cách đánh số"), choices=NumberingMode.choices)
    party_term = forms.CharField(
        label=_("Nhiệm kỳ cấp ủy"),
        required=False,
        max_length=40,
        help_text=_("Văn bản của Đảng đánh số liên tục trong nhiệm kỳ (Hướng dẫn 36-HD/VPTW), ví dụ: 2025-2030"),
    )
    office_abbr = forms.CharField(
        label=_("Viết tắt đơn vị soạn thảo công văn"),
        required=False,
        max_length=40,
        help_text=_("Ký hiệu công văn: 12/UBND-VP"),
    )
    party_parent_line = forms.CharField(
        label=_("Cấp ủy cấp trên"), required=False, max_length=240, help_text=_("Ví dụ: ĐẢNG BỘ TỈNH LẠNG SƠN")
    )
    party_name = forms.CharField(
        label=_("Tên cấp ủy"), required=False, max_length=240, help_text=_("Ví dụ: ĐẢNG ỦY XÃ ĐIỀM HE")
    )
    front_parent_line = forms.CharField(
        label=_("Dòng trên của Ủy ban MTTQ"), required=False, max_length=240, help_text=_("Ví dụ: ỦY BAN MTTQ VIỆT NAM")
    )
    front_name = forms.CharField(
        label=_("Tên Ủy ban MTTQ"), required=False, max_length=240, help_text=_("Ví dụ: XÃ ĐIỀM HE")
    )


FIRST_HALF = "6-thang"
WHOLE_YEAR = "ca-nam"
CUSTOM = "tuy-chon"


class PeriodForm(BootstrapForm):
    """The period of a results report: the first six months, the whole year, or dates typed."""

    period = forms.ChoiceField(
        label=_("Kỳ báo cáo"),
        choices=[(FIRST_HALF, _("6 tháng đầu năm")), (WHOLE_YEAR, _("Cả năm")), (CUSTOM, _("Tùy chọn"))],
        widget=forms.RadioSelect,
        initial=FIRST_HALF,
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    start = VietnameseDateField(label=_("Từ ngày"), required=False)
    end = VietnameseDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period, year = data.get("period"), data.get("year")
        if period == CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start:
                self.add_error("start", _("Nhập ngày bắt đầu kỳ báo cáo."))
            if not end:
                self.add_error("end", _("Nhập ngày kết thúc kỳ báo cáo."))
            if start and end and start > end:
                self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        elif year:
            data["start"] = dt.date(year, 1, 1)
            data["end"] = dt.date(year, 6, 30) if period == FIRST_HALF else dt.date(year, 12, 31)
        return data

    def range(self) -> tuple[dt.date, dt.date]:
        if not self.is_valid():
            raise ValidationError(self.errors)
        return self.cleaned_data["start"], self.cleaned_data["end"]


class ConferenceRulesForm(BootstrapForm):
    """Nội quy hội nghị: one article a line."""

    text = forms.CharField(
        label=_("Nội quy hội nghị"),
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": _("Nhập nội quy: mỗi dòng một điều.")},
        help_text=_(
            "Mỗi dòng một điều, không cần đánh số. “[số phút]” được thay bằng số phút tối đa mỗi ý kiến của từng "
            "hội nghị."
        ),
    )


class MaterialForm(BootstrapForm):
    """A material for dissemination: its title, kind and file (checked by the action, by content)."""

    title = forms.CharField(
        label=_("Tên tài liệu"),
        max_length=255,
        error_messages={"required": _("Nhập tên tài liệu.")},
        help_text=_("Ví dụ: Luật Thực hiện dân chủ ở cơ sở năm 2022; Báo cáo tình hình kinh tế - xã hội."),
    )
    kind = forms.ChoiceField(label=_("Loại tài liệu"), error_messages={"required": _("Chọn loại tài liệu.")})
    file = forms.FileField(
        label=_("Tệp"),
        required=False,
        help_text=_("PDF, Word (.docx), Excel (.xlsx), ảnh PNG hoặc JPEG; tối đa 20 MB."),
        error_messages={"empty": _("Tệp trống."), "invalid": _("Chọn lại tệp tài liệu.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
    )
    submission_key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from doithoai.documents.models import MaterialKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = MaterialKind.choices  # type: ignore[attr-defined]
