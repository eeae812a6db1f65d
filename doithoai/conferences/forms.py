"""Forms of the conference pages. They carry what was typed; the rules are the actions'."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import ConferenceKind
from doithoai.core.forms import VietnameseDateField
from doithoai.plans.models import DialogueForm, Plan
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import Village

TIME_ERROR = _("Giờ không hợp lệ, nhập theo dạng giờ:phút, ví dụ 07:30.")


def combine(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    """The date and time as typed, in the site's time zone (Asia/Ho_Chi_Minh)."""
    if day is None or time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time))


class _DateTimeForm(BootstrapForm):
    date = VietnameseDateField(label=_("Ngày tổ chức"), required=True)
    time = forms.TimeField(
        label=_("Giờ bắt đầu"),
        input_formats=["%H:%M", "%Hh%M", "%H giờ %M", "%H"],
        error_messages={"invalid": TIME_ERROR},
        widget=forms.TimeInput(attrs={"placeholder": "07:30", "inputmode": "numeric"}, format="%H:%M"),
    )
    reason = forms.CharField(
        label=_("Lý do chọn ngày trái thời hạn luật định"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Chỉ cần khi ngày tổ chức khiến một thời hạn luật định (ví dụ thông báo trước 07 ngày) đã qua."),
    )

    def starts_at(self) -> dt.datetime | None:
        return combine(self.cleaned_data.get("date"), self.cleaned_data.get("time"))


class RescheduleForm(_DateTimeForm):
    pass


class ConferenceForm(_DateTimeForm):
    field_order = [  # noqa: RUF012
        "planned_session",
        "title",
        "kind",
        "trigger_note",
        "date",
        "time",
        "venue",
        "mode",
        "villages",
        "chair_name",
        "council_name",
        "front_name",
        "secretary_name",
        "minutes_per_question",
        "expected_attendance",
        "reason",
    ]

    title = forms.CharField(label=_("Tên hội nghị"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices)
    trigger_note = forms.CharField(
        label=_("Lý do tổ chức đột xuất"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: ≥10% cử tri kiến nghị"),
    )
    venue = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=DialogueForm.choices)
    chair_name = forms.CharField(label=_("Chủ trì (UBND)"), max_length=160, required=False)
    council_name = forms.CharField(label=_("Đồng chủ trì (HĐND)"), max_length=160, required=False)
    front_name = forms.CharField(label=_("Đồng chủ trì (MTTQ)"), max_length=160, required=False)
    secretary_name = forms.CharField(label=_("Thư ký"), max_length=160, required=False)
    minutes_per_question = forms.IntegerField(
        label=_("Số phút tối đa mỗi câu hỏi"),
        required=False,
        error_messages={"invalid": _("Nhập một số, ví dụ 5.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    expected_attendance = forms.IntegerField(
        label=_("Số người dự kiến"),
        required=False,
        error_messages={"invalid": _("Nhập một số, ví dụ 150.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["planned_session"] = forms.ModelChoiceField(
            label=_("Đợt dự kiến trong kế hoạch"),
            queryset=plan.sessions.all(),
            required=False,
            empty_label="—",
        )
        self.fields["villages"] = forms.ModelMultipleChoiceField(
            label=_("Thôn, tổ dân phố tham gia"),
            queryset=Village.objects.filter(unit_id=plan.unit_id, status="active"),
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )
        self.order_fields(self.field_order)
        self.style_fields()

    def data_for_action(self) -> dict[str, Any]:
        names = [
            "title",
            "kind",
            "trigger_note",
            "venue",
            "mode",
            "chair_name",
            "council_name",
            "front_name",
            "secretary_name",
            "minutes_per_question",
            "expected_attendance",
        ]
        data = {name: self.cleaned_data.get(name) for name in names}
        data["starts_at"] = self.starts_at()
        return data
