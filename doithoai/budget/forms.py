from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.budget import money
from doithoai.core.forms import VietnameseDateField
from doithoai.plans.models import BudgetCategory
from doithoai.units.forms import BootstrapForm

CATEGORY_CHOICES = [("", _("— Chọn khoản mục —")), *BudgetCategory.choices]
AMOUNT_HELP = _("Số đồng, ví dụ 2.500.000.")


def _amount_field(**kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Số tiền (đồng)"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


class EstimateRowForm(BootstrapForm):
    """One line of a conference's estimate; checked by the action (estimate_save)."""

    category = forms.ChoiceField(label=_("Khoản mục"), choices=CATEGORY_CHOICES, required=False)
    item = forms.CharField(label=_("Nội dung chi"), max_length=255, required=False)
    amount = _amount_field(required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any((data.get(name) or "").strip() for name in ("category", "item", "amount"))


EstimateFormSet = forms.formset_factory(EstimateRowForm, extra=2, can_delete=True, max_num=50, absolute_max=60)


class ExpenseForm(BootstrapForm):
    conference = forms.ChoiceField(label=_("Chi cho"), required=False)
    category = forms.ChoiceField(label=_("Khoản mục"), choices=CATEGORY_CHOICES)
    item = forms.CharField(
        label=_("Nội dung chi"), max_length=255, help_text=_("Ví dụ: Thuê loa máy, âm thanh hội trường.")
    )
    amount = _amount_field(help_text=AMOUNT_HELP)
    spent_on = VietnameseDateField(label=_("Ngày chi"))
    voucher_number = forms.CharField(
        label=_("Số chứng từ"), max_length=40, required=False, help_text=_("Số phiếu chi, số hóa đơn.")
    )
    payee = forms.CharField(
        label=_("Đơn vị nhận tiền"),
        max_length=255,
        required=False,
        help_text=_("Tên cơ sở, doanh nghiệp. Bồi dưỡng đại biểu: không ghi tên người, đính kèm danh sách ký nhận."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    submission_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, conferences: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conferences = {str(c.pk): c for c in conferences}
        field = self.fields["conference"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Chung cho cả năm")), *((str(c.pk), c.title) for c in conferences)]
        self.required_markers()

    def clean_amount(self) -> str:
        text = self.cleaned_data.get("amount") or ""
        _amount, problem = money.parse(text)
        if problem:
            raise forms.ValidationError(problem)
        return text

    def required_markers(self) -> None:
        for name in ("category", "item", "amount", "spent_on"):
            self.fields[name].widget.attrs["required"] = "required"

    def action_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["conference"] = self.conferences.get(data.get("conference") or "")
        data.pop("submission_key", None)
        return data


class DocumentForm(BootstrapForm):
    title = forms.CharField(
        label=_("Tên chứng từ"),
        max_length=255,
        help_text=_("Ví dụ: Hóa đơn GTGT số 0001234; Danh sách ký nhận bồi dưỡng đại biểu."),
    )
    file = forms.FileField(
        label=_("Tệp"),
        help_text=_("Bản chụp hoặc quét: PDF, ảnh JPG, PNG, Word, Excel; tối đa 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )
    submission_key = forms.CharField(required=False, widget=forms.HiddenInput)


class ReasonForm(BootstrapForm):
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
