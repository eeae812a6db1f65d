"""Every change to the working-day calendar. Each action is one transaction with its audit events.

An override with no unit applies nationwide and only the system administrator
may enter it; a unit's override applies to the unit and every unit below it.
Nothing is written when an action raises `ValidationError`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import require_perm
from doithoai.lib.text import fold, normalize_input
from doithoai.lib.vndates import WEEKDAYS, short_date
from doithoai.units.models import AdminUnit
from doithoai.workdays import rules
from doithoai.workdays.models import CalendarOverride, OverrideKind
from doithoai.workdays.selectors import MAX_YEAR, MIN_YEAR, WorkingCalendar, applicable_overrides

OVERRIDE_FIELDS = ["unit", "date", "kind", "reason"]
MAX_IMPORT_LINES = 400
REASON_MAX_LENGTH = 255

# What people type in the "loại" column, folded (lowercase, no diacritics).
_KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["nghi", "nghi bu", "nghi them", "ngay nghi", "ngay nghi bu", "nghi le", "nghi tet", "day_off"],
        OverrideKind.DAY_OFF,
    ),
    **dict.fromkeys(
        [
            "lam",
            "lam bu",
            "lam viec",
            "lam viec bu",
            "di lam",
            "di lam bu",
            "ngay lam viec",
            "ngay lam bu",
            "ngay lam viec bu",
            "working_day",
        ],
        OverrideKind.WORKING_DAY,
    ),
}

_DATE_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_WORDS = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")


def kind_label(kind: str) -> str:
    return _("nghỉ") if kind == OverrideKind.DAY_OFF else _("làm bù")


def parse_kind(text: str) -> str | None:
    """'Nghỉ bù', 'LAM BU', 'làm việc' -> the override kind; None when it names neither."""
    return _KIND_WORDS.get(fold(text).strip(" .:"))


class DateFormatError(ValueError):
    """The text is not written as a date."""


class ImpossibleDateError(ValueError):
    """The text is written as a date that does not exist (31/02)."""


def parse_date(text: str) -> dt.date:
    """'14/02/2026', '14-2-2026', '14.02.26', '2026-02-14' or 'ngày 14 tháng 02 năm 2026'."""
    folded = fold(text)
    if match := _DATE_DMY.fullmatch(folded):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    elif match := _DATE_ISO.fullmatch(folded):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DATE_WORDS.fullmatch(folded):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise DateFormatError(text)
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ImpossibleDateError(text) from error


def _weekday_name(day: dt.date) -> str:
    """'thứ Bảy', 'Chủ nhật' as written inside a sentence."""
    name = WEEKDAYS[day.weekday()]
    return "t" + name[1:] if name.startswith("Thứ") else name


def _source_phrase(override: CalendarOverride) -> str:
    if override.unit is None:
        return _("theo lịch điều chỉnh toàn quốc")
    return _("theo lịch điều chỉnh của %(unit)s") % {"unit": override.unit.name}


@dataclass
class _Checker:
    """What a new override of `unit` is checked against: its own overrides and the calendar it inherits."""

    own: dict[dt.date, CalendarOverride]
    inherited: WorkingCalendar

    @classmethod
    def load(cls, unit: AdminUnit | None) -> _Checker:
        rows = list(applicable_overrides(unit))
        unit_id = unit.pk if unit is not None else None
        own = {o.date: o for o in rows if o.unit_id == unit_id}
        inherited = WorkingCalendar(unit, overrides=[o for o in rows if o.unit_id != unit_id])
        return cls(own, inherited)

    def problem(self, day: dt.date, kind: str) -> str | None:
        """Why `day` cannot be entered as `kind`, as the end of a sentence; None when it can."""
        date = short_date(day)
        existing = self.own.get(day)
        if existing is not None:
            return _(
                "ngày %(date)s đã có trong lịch điều chỉnh (“%(kind)s”: %(reason)s); "
                "xoá dòng đó trước nếu muốn thay đổi"
            ) % {"date": date, "kind": kind_label(existing.kind), "reason": existing.reason}
        holiday = self.inherited.statutory_holiday(day)
        inherited = self.inherited.override_on(day)
        if kind == OverrideKind.WORKING_DAY:
            if holiday is not None:
                return _(
                    "ngày %(date)s là ngày nghỉ lễ “%(name)s” theo Bộ luật Lao động, không thể làm bù vào ngày này"
                ) % {"date": date, "name": holiday}
            if day.weekday() < 5:
                return _("ngày %(date)s là %(weekday)s; ngày làm bù phải là thứ Bảy hoặc Chủ nhật") % {
                    "date": date,
                    "weekday": _weekday_name(day),
                }
            if inherited is not None and inherited.kind == OverrideKind.WORKING_DAY:
                return _("ngày %(date)s đã là ngày làm việc bù %(source)s (%(reason)s)") % {
                    "date": date,
                    "source": _source_phrase(inherited),
                    "reason": inherited.reason,
                }
            if inherited is None and (name := self.inherited.statutory_working_day(day)) is not None:
                return _("ngày %(date)s đã là ngày làm việc bù theo lịch nghỉ của Nhà nước (%(name)s)") % {
                    "date": date,
                    "name": name,
                }
            return None
        if holiday is not None:
            return _("ngày %(date)s đã là ngày nghỉ lễ “%(name)s” theo Bộ luật Lao động, không cần nhập thêm") % {
                "date": date,
                "name": holiday,
            }
        if inherited is not None and inherited.kind == OverrideKind.DAY_OFF:
            return _("ngày %(date)s đã là ngày nghỉ %(source)s (%(reason)s)") % {
                "date": date,
                "source": _source_phrase(inherited),
                "reason": inherited.reason,
            }
        if not self.inherited.is_working_day(day):
            return _("ngày %(date)s là %(weekday)s, vốn đã là ngày nghỉ hằng tuần, không cần nhập") % {
                "date": date,
                "weekday": _weekday_name(day),
            }
        return None


def _require_manage(actor: Any, unit: AdminUnit | None) -> None:
    if unit is None:
        require_perm(actor, rules.MANAGE_NATIONAL_CALENDAR, None)
    else:
        require_perm(actor, rules.MANAGE_CALENDAR, unit)


def _lock(unit: AdminUnit | None) -> None:
    """Serialise changes to one unit's calendar, so that two pastes cannot both add the same day."""
    if unit is not None:
        AdminUnit.objects.select_for_update().filter(pk=unit.pk).first()


def _create(*, actor: Any, unit: AdminUnit | None, day: dt.date, kind: str, reason: str) -> CalendarOverride:
    override = CalendarOverride.objects.create(unit=unit, date=day, kind=kind, reason=reason)
    record(
        actor=actor,
        event_type="workdays.override_created",
        obj=override,
        unit=unit,
        after=snapshot(override, OVERRIDE_FIELDS),
    )
    return override


def _in_range(day: dt.date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


@transaction.atomic
def override_create(*, actor: Any, unit: AdminUnit | None, date: dt.date, kind: str, reason: str) -> CalendarOverride:
    """One day off or make-up working day for `unit` (nationwide for None)."""
    _require_manage(actor, unit)
    _lock(unit)
    errors: dict[str, str] = {}
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        errors["date"] = _("Cần chọn ngày.")
    elif not _in_range(date):
        errors["date"] = _("Năm phải trong khoảng %(min)d–%(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}
    if kind not in OverrideKind.values:
        errors["kind"] = _("Loại điều chỉnh không hợp lệ, chọn “nghỉ” hoặc “làm bù”.")
    reason = normalize_input(reason)
    if not reason:
        errors["reason"] = _("Cần ghi lý do (ví dụ: Nghỉ bù ngày Giỗ Tổ Hùng Vương).")
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = _("Lý do dài quá %(max)d ký tự.") % {"max": REASON_MAX_LENGTH}
    if "date" not in errors and "kind" not in errors:
        problem = _Checker.load(unit).problem(date, kind)
        if problem is not None:
            errors["date"] = capfirst(problem) + "."
    if errors:
        raise ValidationError(errors)
    return _create(actor=actor, unit=unit, day=date, kind=kind, reason=reason)


def _split_fields(line: str) -> list[str]:
    """'date; kind; reason' with ';', a tab or ',' between them; the reason keeps any further separators."""
    for separator in ("\t", ";", ","):
        if separator in line:
            return [part.strip() for part in line.split(separator, 2)]
    return [line.strip()]


def _is_header(fields: list[str]) -> bool:
    return fold(fields[0]) in {"ngay", "date"}


@transaction.atomic
def overrides_import(*, actor: Any, unit: AdminUnit | None, text: str) -> list[CalendarOverride]:
    """Many overrides pasted one a line, `ngày; loại; lý do`; all of them or, on any bad line, none."""
    _require_manage(actor, unit)
    _lock(unit)
    lines = [
        (number, unicodedata.normalize("NFC", raw).strip("\ufeff\u200b"))
        for number, raw in enumerate((text or "").splitlines(), start=1)
        if raw.strip()
    ]
    if not lines:
        raise ValidationError(
            {"text": _("Chưa có dòng nào để nhập. Mỗi dòng ghi: ngày; loại; lý do, ví dụ 11/05/2026; nghỉ; Nghỉ bù.")}
        )
    if len(lines) > MAX_IMPORT_LINES:
        raise ValidationError({"text": _("Mỗi lần chỉ nhập tối đa %(max)d dòng.") % {"max": MAX_IMPORT_LINES}})
    checker = _Checker.load(unit)
    errors: list[str] = []
    rows: list[tuple[dt.date, str, str]] = []
    first_line_of: dict[dt.date, int] = {}
    for index, (number, line) in enumerate(lines):
        fields = _split_fields(line)
        if index == 0 and _is_header(fields):
            continue
        problem = _line_problem(fields, number, checker, first_line_of, rows)
        if problem is not None:
            errors.append(_("Dòng %(line)d: %(problem)s") % {"line": number, "problem": problem})
    if errors:
        raise ValidationError({"text": errors})
    return [_create(actor=actor, unit=unit, day=day, kind=kind, reason=reason) for day, kind, reason in rows]


def _line_problem(
    fields: list[str],
    number: int,
    checker: _Checker,
    first_line_of: dict[dt.date, int],
    rows: list[tuple[dt.date, str, str]],
) -> str | None:
    """What is wrong with one pasted line, or None after adding it to `rows`."""
    if len(fields) < 2:
        return _("cần ghi đủ ba phần “ngày; loại; lý do”, ví dụ “11/05/2026; nghỉ; Nghỉ bù”")
    date_text, kind_text = fields[0], normalize_input(fields[1])
    reason = normalize_input(fields[2]) if len(fields) > 2 else ""
    try:
        day = parse_date(date_text)
    except ImpossibleDateError:
        return _("ngày %(date)s không có thật") % {"date": date_text}
    except DateFormatError:
        return _("“%(text)s” không phải là ngày, hãy ghi theo dạng ngày/tháng/năm, ví dụ 14/02/2026") % {
            "text": date_text
        }
    if not _in_range(day):
        return _("năm %(year)d nằm ngoài khoảng %(min)d–%(max)d") % {"year": day.year, "min": MIN_YEAR, "max": MAX_YEAR}
    kind = parse_kind(kind_text)
    if kind is None:
        return _("loại “%(kind)s” không hợp lệ, dùng “nghỉ” hoặc “làm bù”") % {"kind": kind_text}
    if not reason:
        return _("thiếu lý do, ví dụ “11/05/2026; nghỉ; Nghỉ bù”")
    if len(reason) > REASON_MAX_LENGTH:
        return _("lý do dài quá %(max)d ký tự") % {"max": REASON_MAX_LENGTH}
    if day in first_line_of:
        return _("ngày %(date)s đã có ở dòng %(first)d") % {"date": short_date(day), "first": first_line_of[day]}
    first_line_of[day] = number
    problem = checker.problem(day, kind)
    if problem is not None:
        return problem
    rows.append((day, kind, reason))
    return None


@transaction.atomic
def override_delete(*, actor: Any, override: CalendarOverride) -> None:
    _require_manage(actor, override.unit)
    current = CalendarOverride.objects.select_for_update().filter(pk=override.pk).first()
    if current is None:
        raise ValidationError({"override": _("Ngày điều chỉnh này đã được xoá trước đó.")})
    record(
        actor=actor,
        event_type="workdays.override_deleted",
        obj=current,
        unit=current.unit,
        before=snapshot(current, OVERRIDE_FIELDS),
    )
    current.delete()
