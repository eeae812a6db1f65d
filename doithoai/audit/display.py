"""The audit trail in words: Vietnamese labels for events, fields and values.

Field labels come from the models' own `verbose_name`, so that a field reads
the same in the history as on the form where it was changed. Apps whose
events are not listed here can add theirs with `register_event_labels`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.models import AuditEvent

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

EVENT_LABELS: dict[str, Promise | str] = {
    "unit.set_up": gettext_lazy("Thiết lập đơn vị"),
    "unit.profile_updated": gettext_lazy("Sửa thông tin đơn vị"),
    "unit.two_factor_policy": gettext_lazy("Đổi quy định xác thực hai lớp"),
    "village.created": gettext_lazy("Thêm thôn, tổ dân phố"),
    "village.updated": gettext_lazy("Sửa thôn, tổ dân phố"),
    "village.retired": gettext_lazy("Cho thôn, tổ dân phố thôi hoạt động"),
    "village.reactivated": gettext_lazy("Cho thôn, tổ dân phố hoạt động lại"),
    "village.merged": gettext_lazy("Sáp nhập thôn, tổ dân phố"),
    "village.deleted": gettext_lazy("Xóa thôn, tổ dân phố"),
    "department.created": gettext_lazy("Thêm cơ quan chuyên môn"),
    "department.updated": gettext_lazy("Sửa cơ quan chuyên môn"),
    "department.activated": gettext_lazy("Sử dụng lại cơ quan chuyên môn"),
    "department.deactivated": gettext_lazy("Ngừng sử dụng cơ quan chuyên môn"),
    "department.deleted": gettext_lazy("Xóa cơ quan chuyên môn"),
    "user.created": gettext_lazy("Tạo tài khoản"),
    "membership.granted": gettext_lazy("Giao vai trò"),
    "membership.revoked": gettext_lazy("Thu hồi vai trò"),
    "user.logged_in": gettext_lazy("Đăng nhập"),
    "user.locked_out": gettext_lazy("Tạm khóa đăng nhập do nhập sai nhiều lần"),
    "user.password_changed": gettext_lazy("Đổi mật khẩu"),
    "user.password_reset": gettext_lazy("Đặt lại mật khẩu qua thư điện tử"),
    "user.profile_updated": gettext_lazy("Sửa thông tin tài khoản"),
    "user.two_factor_enabled": gettext_lazy("Bật xác thực hai lớp"),
    "user.two_factor_disabled": gettext_lazy("Tắt xác thực hai lớp"),
    "user.two_factor_reset": gettext_lazy("Đặt lại xác thực hai lớp"),
    "workdays.override_created": gettext_lazy("Thêm ngày điều chỉnh lịch làm việc"),
    "workdays.override_deleted": gettext_lazy("Xóa ngày điều chỉnh lịch làm việc"),
    "plan.created": gettext_lazy("Tạo kế hoạch đối thoại"),
    "plan.updated": gettext_lazy("Sửa kế hoạch đối thoại"),
    "plan.section_updated": gettext_lazy("Sửa một mục của kế hoạch đối thoại"),
    "plan.deleted": gettext_lazy("Xóa kế hoạch đối thoại (dự thảo)"),
    "plan.issued": gettext_lazy("Ban hành kế hoạch đối thoại"),
    "plan.started": gettext_lazy("Bắt đầu thực hiện kế hoạch đối thoại"),
    "plan.closed": gettext_lazy("Kết thúc kế hoạch đối thoại"),
    "conference.created": gettext_lazy("Tạo hội nghị đối thoại"),
    "conference.rescheduled": gettext_lazy("Đổi thời gian hội nghị đối thoại"),
    "conference.announced": gettext_lazy("Thông báo công khai hội nghị đối thoại"),
    "conference.held": gettext_lazy("Ghi nhận đã tổ chức hội nghị đối thoại"),
    "conference.concluded": gettext_lazy("Ghi nhận đã thông báo kết luận hội nghị"),
    "conference.cancelled": gettext_lazy("Hủy hội nghị đối thoại"),
    "timeline_step.completed": gettext_lazy("Hoàn thành một bước chuẩn bị hội nghị"),
}


def register_event_labels(labels: dict[str, Promise | str]) -> None:
    EVENT_LABELS.update(labels)


def event_label(event_type: str) -> str:
    label = EVENT_LABELS.get(event_type)
    return str(label) if label is not None else event_type


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str
    before_empty: bool = False
    after_empty: bool = False


@dataclass
class EventView:
    event: AuditEvent
    when: str
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_creation(self) -> bool:
        return self.event.event_type.endswith(".created")

    @property
    def is_deletion(self) -> bool:
        return self.event.event_type.endswith(".deleted")


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _model_field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    model_field = _model_field(model, name)
    label = getattr(model_field, "verbose_name", None)
    if label is None and getattr(model_field, "related_model", None) is not None:
        # A reverse relation (a plan's legal bases, say) reads as the related rows' plural name.
        label = model_field.related_model._meta.verbose_name_plural
    return _capitalize(str(label)) if label else name


def value_text(model: type[models.Model] | None, name: str, value: Any) -> str:
    """A stored value as people read it: choices by their label, dates as dd/mm/yyyy, objects by name."""
    if value is None or value == "":
        return _("(trống)")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, dict) and "repr" in value:
        return str(value["repr"])
    if isinstance(value, list):
        return ", ".join(value_text(model, name, v) for v in value)
    model_field = _model_field(model, name)
    choices = dict(getattr(model_field, "flatchoices", None) or [])
    if choices and value in choices:
        return str(choices[value])
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        try:
            return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if isinstance(model_field, models.DateTimeField):
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if timezone.is_aware(moment):
            moment = moment.astimezone(VIETNAM)
        return moment.strftime("%d/%m/%Y %H:%M")
    return str(value)


def local_time(moment: dt.datetime) -> str:
    """'05/06/2026 14:30' in Vietnam's time, whatever the server's."""
    return timezone.localtime(moment, VIETNAM).strftime("%d/%m/%Y %H:%M")


def describe(event: AuditEvent) -> EventView:
    model = event.content_type.model_class() if event.content_type_id and event.content_type else None
    actor = event.actor
    if actor is None:
        who = _("Hệ thống")
    else:
        who = f"{actor.full_name} ({actor.username})" if getattr(actor, "full_name", "") else actor.username
    view = EventView(event=event, when=local_time(event.at), who=who, what=event_label(event.event_type))
    for name, change in (event.changes or {}).items():
        if name == "_extra":
            if isinstance(change, dict):
                view.extra.extend((field_label(model, str(k)), value_text(model, str(k), v)) for k, v in change.items())
            continue
        if not isinstance(change, dict):
            continue
        view.changes.append(
            Change(
                field=name,
                label=field_label(model, name),
                before=value_text(model, name, change.get("before")),
                after=value_text(model, name, change.get("after")),
                before_empty=change.get("before") in (None, ""),
                after_empty=change.get("after") in (None, ""),
            )
        )
    return view
