"""Forms of the conference pages. They carry what was typed; the rules are the actions'."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import Role
from doithoai.conferences.actions import STEP_ROLES
from doithoai.conferences.models import Conference, ConferenceKind, DayKind, TimelineStep
from doithoai.conferences.timeline import TimelineRule
from doithoai.conferences.workflow import RECORD_FIELDS
from doithoai.core.forms import VietnameseDateField
from doithoai.plans.models import DialogueForm, Plan
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import Department, Village

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


class _DetailsForm(BootstrapForm):
    """The details of a conference, as created and as edited."""

    title = forms.CharField(label=_("Tên hội nghị"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices)
    trigger_note = forms.CharField(
        label=_("Lý do tổ chức đột xuất"),
        max_length=255,
        required=False,
        # The "%" is a percent sign, not a placeholder.
        # xgettext:no-python-format
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

    DETAIL_NAMES = (
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
        "notes",
    )

    def _villages_field(self, queryset: Any) -> forms.ModelMultipleChoiceField:
        return forms.ModelMultipleChoiceField(
            label=_("Thôn, tổ dân phố tham gia"),
            queryset=queryset,
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.DETAIL_NAMES if name in self.fields}


class ConferenceForm(_DateTimeForm, _DetailsForm):
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

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["planned_session"] = forms.ModelChoiceField(
            label=_("Đợt dự kiến trong kế hoạch"),
            queryset=plan.sessions.all(),
            required=False,
            empty_label="—",
        )
        self.fields["villages"] = self._villages_field(Village.objects.filter(unit_id=plan.unit_id, status="active"))
        self.order_fields(self.field_order)
        self.style_fields()

    def data_for_action(self) -> dict[str, Any]:
        data = self.details()
        data["starts_at"] = self.starts_at()
        return data


class ConferenceEditForm(_DetailsForm):
    """The details of an existing conference; once it is held, only the secretary and the notes."""

    notes = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, conference: Conference, record_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = [v.pk for v in conference.villages.all()]
        villages = Village.objects.filter(unit_id=conference.unit_id).filter(Q(status="active") | Q(pk__in=chosen))
        self.fields["villages"] = self._villages_field(villages)
        if record_only:
            for name in list(self.fields):
                if name not in RECORD_FIELDS:
                    del self.fields[name]
        self.style_fields()

    @staticmethod
    def initial_for(conference: Conference) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(conference, name) for name in _DetailsForm.DETAIL_NAMES}
        initial["villages"] = [v.pk for v in conference.villages.all()]
        return initial

    def villages(self) -> list[Village] | None:
        if "villages" not in self.fields:
            return None
        return list(self.cleaned_data.get("villages") or [])


def _role_choices() -> list[tuple[str, Any]]:
    return [("", "—"), *((r.value, r.label) for r in Role if r.value in STEP_ROLES)]


def _department_field(unit_id: int, current: int | None = None) -> forms.ModelChoiceField:
    """The unit's departments in use (and the one already chosen, if it is no longer in use)."""
    departments = Department.objects.filter(unit_id=unit_id).filter(Q(is_active=True) | Q(pk=current))
    return forms.ModelChoiceField(
        label=_("Cơ quan thực hiện"),
        queryset=departments.order_by("sort_order", "name"),
        required=False,
        empty_label="—",
        help_text=_("Chỉ khi vai trò thực hiện là cán bộ cơ quan chuyên môn."),
    )


class StepForm(BootstrapForm):
    """One step of one conference: its dates, owner and note; a reason when the date breaks the law."""

    starts_on = VietnameseDateField(label=_("Từ ngày"), required=False)
    due_date = VietnameseDateField(label=_("Hạn hoàn thành"), required=False)
    owner_role = forms.ChoiceField(label=_("Vai trò thực hiện"), required=False, choices=_role_choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi hạn mới trái thời hạn luật định (ví dụ thông báo công khai ít hơn 07 ngày trước)."),
    )

    def __init__(self, *args: Any, step: TimelineStep, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_department"] = _department_field(step.conference.unit_id, step.owner_department_id)
        if step.starts_on is None:
            del self.fields["starts_on"]
        self.order_fields(["starts_on", "due_date", "owner_role", "owner_department", "note", "reason"])
        self.style_fields()

    @staticmethod
    def initial_for(step: TimelineStep) -> dict[str, Any]:
        return {
            "starts_on": step.starts_on,
            "due_date": step.due_date,
            "owner_role": step.owner_role,
            "owner_department": step.owner_department_id,
            "note": step.note,
            "reason": step.adjustment_reason,
        }


class ExtraStepForm(BootstrapForm):
    label = forms.CharField(label=_("Công việc"), max_length=255, required=False)
    due_date = VietnameseDateField(label=_("Hạn hoàn thành"), required=False)
    owner_role = forms.ChoiceField(label=_("Vai trò thực hiện"), required=False, choices=_role_choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_department"] = _department_field(conference.unit_id)
        self.order_fields(["label", "due_date", "owner_role", "owner_department", "note"])
        self.style_fields()


BEFORE = "truoc"
AFTER = "sau"


class PlanRuleForm(BootstrapForm):
    """One rule of a plan's timeline: N (working) days before or after the conference, its owner."""

    days = forms.IntegerField(
        label=_("Số ngày"),
        min_value=0,
        error_messages={"invalid": _("Nhập một số, ví dụ 7."), "min_value": _("Nhập một số không âm.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    direction = forms.ChoiceField(
        label=_("Trước hay sau hội nghị"), choices=[(BEFORE, _("trước hội nghị")), (AFTER, _("sau hội nghị"))]
    )
    day_kind = forms.ChoiceField(label=_("Cách tính ngày"), choices=DayKind.choices)
    window_days = forms.IntegerField(
        label=_("Bắt đầu (số ngày trước hội nghị)"),
        min_value=0,
        required=False,
        error_messages={"invalid": _("Nhập một số, ví dụ 20."), "min_value": _("Nhập một số không âm.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    owner_role = forms.ChoiceField(label=_("Vai trò thực hiện"), required=False, choices=_role_choices)
    enabled = forms.BooleanField(label=_("Áp dụng"), required=False)

    def __init__(self, *args: Any, rule: TimelineRule, unit_id: int, current_department: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rule = rule
        self.fields["owner_department"] = _department_field(unit_id, current_department)
        if not rule.is_window:
            del self.fields["window_days"]
        if rule.is_statutory:
            del self.fields["enabled"]
        self.order_fields(["window_days", "days", "direction", "day_kind", "owner_role", "owner_department"])
        self.style_fields()

    @staticmethod
    def initial_for(rule: TimelineRule, enabled: bool = True) -> dict[str, Any]:
        return {
            "days": abs(rule.offset),
            "direction": BEFORE if rule.offset < 0 else AFTER,
            "day_kind": rule.days,
            "window_days": -rule.window_start if rule.window_start is not None else None,
            "owner_role": rule.owner_role,
            "owner_department": rule.owner_department_id,
            "enabled": enabled,
        }

    def setting(self) -> dict[str, Any]:
        """What the action takes for this rule."""
        data = self.cleaned_data
        days = data["days"]
        window = data.get("window_days")
        return {
            "offset_days": -days if data["direction"] == BEFORE else days,
            "day_kind": data["day_kind"],
            "window_start_days": -window if window is not None else None,
            "owner_role": data.get("owner_role") or "",
            "owner_department": data.get("owner_department"),
            "enabled": data.get("enabled", True) if "enabled" in self.fields else True,
        }


class PublicationForm(BootstrapForm):
    """The day the conclusion notice was published through one channel, and a note (where, which number)."""

    published_on = VietnameseDateField(label=_("Ngày công bố"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        help_text=_("Ví dụ: bảng tin trụ sở UBND; gửi qua nhóm Zalo Trưởng thôn."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()
