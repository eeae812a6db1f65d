"""The steps before and after a conference, derived from its date D (domain-spec §3).

Rules are defaults in code (`DEFAULT_RULES`); a plan may set its own offset, kind
of days, owner and window for each of them (`PlanTimelineRule`, merged here by
`effective_rules`), never looser than the law (`LawLimit`). Each conference
stores its own steps (TimelineStep), so a due date can be changed for one
conference without touching the rule.

Calendar-day deadlines that end on a day off move to a working day: earlier
for "at least N days before D" (so that the step is still done N days ahead),
later for "within N days after D" (Bộ luật Dân sự 2015, Điều 148 khoản 5).
Working-day rules count on the unit's calendar (holidays, Tết, make-up days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import Role

if TYPE_CHECKING:
    from doithoai.workdays.selectors import WorkingCalendar

CALENDAR: Final = "calendar"
WORKING: Final = "working"


def _count(calendar: WorkingCalendar, day: dt.date, offset: int, days: str) -> dt.date:
    if days == WORKING:
        return calendar.add_working_days(day, offset)
    return calendar.add_calendar_days(day, offset, roll_to_working_day=True)


@dataclass(frozen=True)
class LawLimit:
    """The loosest deadline the law allows for a step: `offset` days (of `days`) from D."""

    offset: int
    days: str
    message: Promise  # why a plan may not set the rule looser, as a field message

    def latest(self, calendar: WorkingCalendar, day: dt.date) -> dt.date:
        """The last day the law allows for a conference on `day`.

        "Chậm nhất 07 ngày trước" ends on D−7 itself, whatever day it is; "trong
        10 ngày" after D ends on the next working day when D+10 is a day off.
        """
        if self.days == WORKING:
            return calendar.add_working_days(day, self.offset)
        return calendar.add_calendar_days(day, self.offset, roll_to_working_day=self.offset > 0)

    def allows(self, offset: int, days: str) -> bool:
        """Whether a rule of `offset` `days` from D always ends no later than the law's deadline."""
        if offset > self.offset:
            return False
        if days == self.days:
            return True
        if days == WORKING:
            # The law counts calendar days: N working days before D reach at least N calendar days back,
            # but N working days after D may end later than N calendar days after it.
            return offset <= 0
        # The law counts working days: N calendar days after D end no later than N working days after it.
        return self.offset >= 0


@dataclass(frozen=True)
class TimelineRule:
    key: str
    label: Promise
    short_label: Promise
    owner_role: str
    offset: int  # days from D; negative before
    days: str  # CALENDAR or WORKING
    basis: str
    window_start: int | None = None  # for a window (collection of opinions): its first day, from D
    law: LawLimit | None = None
    owner_department_id: int | None = None
    # One step per department assigned in the plan (answer drafts), when the plan assigns departments.
    per_department: bool = False

    @property
    def is_statutory(self) -> bool:
        return self.law is not None

    @property
    def is_window(self) -> bool:
        return self.window_start is not None

    def due(self, calendar: WorkingCalendar, day: dt.date) -> dt.date:
        return _count(calendar, day, self.offset, self.days)

    def starts(self, calendar: WorkingCalendar, day: dt.date) -> dt.date | None:
        if self.window_start is None:
            return None
        return calendar.add_calendar_days(day, self.window_start, roll_to_working_day=False)


ANNOUNCEMENT_LAW = LawLimit(
    -7,
    CALENDAR,
    _("Luật định: thông báo công khai chậm nhất 07 ngày trước hội nghị; không đặt ít hơn 7 ngày trước."),
)
CONCLUSION_LAW = LawLimit(
    10,
    CALENDAR,
    _("Luật định: công khai kết luận trong 10 ngày sau hội nghị; không đặt quá 10 ngày lịch sau."),
)
WRITTEN_ANSWERS_LAW = LawLimit(
    10,
    WORKING,
    _("Luật định: trả lời bằng văn bản trong 10 ngày làm việc; không đặt quá 10 ngày làm việc sau."),
)

DEFAULT_RULES: tuple[TimelineRule, ...] = (
    TimelineRule(
        key="opinion_collection",
        label=_("Lấy ý kiến Nhân dân (phát phiếu qua MTTQ, trưởng thôn; hội nghị thôn, tổ dân phố)"),
        short_label=_("Lấy ý kiến Nhân dân"),
        owner_role=Role.FRONT,
        offset=-4,
        days=CALENDAR,
        basis="S-03",
        window_start=-20,
    ),
    TimelineRule(
        key="announcement",
        label=_("Thông báo công khai thời gian, địa điểm, nội dung, cách tham dự (chậm nhất 07 ngày trước hội nghị)"),
        short_label=_("Thông báo công khai"),
        owner_role=Role.OFFICE,
        offset=-7,
        days=CALENDAR,
        basis="R-05",
        law=ANNOUNCEMENT_LAW,
    ),
    TimelineRule(
        key="front_summary",
        label=_("MTTQ gửi báo cáo tổng hợp ý kiến, kiến nghị đến UBND"),
        short_label=_("Báo cáo tổng hợp của MTTQ"),
        owner_role=Role.FRONT,
        offset=-3,
        days=CALENDAR,
        basis="S-04",
    ),
    TimelineRule(
        key="answer_drafts",
        label=_("Cơ quan chuyên môn gửi dự thảo nội dung trả lời"),
        short_label=_("Dự thảo nội dung trả lời"),
        owner_role=Role.DEPARTMENT_OFFICER,
        offset=-1,
        days=CALENDAR,
        basis="NĐ 30/2020, Phụ lục IV",
        per_department=True,
    ),
    TimelineRule(
        key="conclusion_notice",
        label=_("Ban hành, công khai thông báo kết luận hội nghị (trong 10 ngày)"),
        short_label=_("Thông báo kết luận"),
        owner_role=Role.OFFICE,
        offset=10,
        days=CALENDAR,
        basis="R-06",
        law=CONCLUSION_LAW,
    ),
    TimelineRule(
        key="written_answers",
        label=_("Trả lời bằng văn bản các kiến nghị chưa trả lời tại hội nghị (trong 10 ngày làm việc)"),
        short_label=_("Trả lời bằng văn bản"),
        owner_role=Role.OFFICE,
        offset=10,
        days=WORKING,
        basis="R-08",
        law=WRITTEN_ANSWERS_LAW,
    ),
)
RULES_BY_KEY: dict[str, TimelineRule] = {rule.key: rule for rule in DEFAULT_RULES}


class RuleSetting(Protocol):
    """What a plan sets for one rule (a `PlanTimelineRule` row)."""

    key: str
    offset_days: int
    day_kind: str
    window_start_days: int | None
    owner_role: str
    owner_department_id: int | None
    enabled: bool


def apply_setting(rule: TimelineRule, setting: RuleSetting) -> TimelineRule:
    return replace(
        rule,
        offset=setting.offset_days,
        days=setting.day_kind,
        window_start=setting.window_start_days if rule.is_window else None,
        owner_role=setting.owner_role or rule.owner_role,
        owner_department_id=setting.owner_department_id,
    )


def effective_rules(settings: Iterable[RuleSetting] = ()) -> tuple[TimelineRule, ...]:
    """The default rules with a plan's settings applied, without the rules the plan switched off."""
    by_key = {s.key: s for s in settings}
    rules = []
    for rule in DEFAULT_RULES:
        setting = by_key.get(rule.key)
        if setting is None:
            rules.append(rule)
        elif setting.enabled or rule.is_statutory:
            rules.append(apply_setting(rule, setting))
    return tuple(rules)


def describe_offset(offset: int, days: str) -> str:
    """'7 ngày trước hội nghị', '10 ngày làm việc sau hội nghị', 'ngày hội nghị'."""
    n = abs(offset)
    if offset == 0:
        return gettext("ngày hội nghị")
    if days == WORKING:
        if offset < 0:
            return ngettext("%(n)d ngày làm việc trước hội nghị", "%(n)d ngày làm việc trước hội nghị", n) % {"n": n}
        return ngettext("%(n)d ngày làm việc sau hội nghị", "%(n)d ngày làm việc sau hội nghị", n) % {"n": n}
    if offset < 0:
        return ngettext("%(n)d ngày trước hội nghị", "%(n)d ngày trước hội nghị", n) % {"n": n}
    return ngettext("%(n)d ngày sau hội nghị", "%(n)d ngày sau hội nghị", n) % {"n": n}


@dataclass(frozen=True)
class DerivedStep:
    rule: TimelineRule
    order: int
    starts_on: dt.date | None
    due_date: dt.date


def derive(
    calendar: WorkingCalendar, day: dt.date, rules: tuple[TimelineRule, ...] = DEFAULT_RULES
) -> list[DerivedStep]:
    """Every step for a conference on `day`, in the order of their due dates."""
    steps = [(index, rule, rule.starts(calendar, day), rule.due(calendar, day)) for index, rule in enumerate(rules)]
    steps.sort(key=lambda s: (s[3], s[0]))
    return [DerivedStep(rule, i, start, due) for i, (_index, rule, start, due) in enumerate(steps)]


def legal_limit(rule_key: str, calendar: WorkingCalendar, day: dt.date) -> dt.date | None:
    """The last day the law allows for the step of `rule_key` of a conference on `day` (None: no statutory limit)."""
    rule = RULES_BY_KEY.get(rule_key)
    if rule is None or rule.law is None:
        return None
    return rule.law.latest(calendar, day)


@dataclass(frozen=True)
class LateStep:
    rule: TimelineRule
    limit: dt.date


def statutory_already_late(
    calendar: WorkingCalendar, day: dt.date, today: dt.date, done: frozenset[str] = frozenset()
) -> list[LateStep]:
    """The statutory steps (not done) that the law wants done before `today` for a conference on `day`:
    the date makes them impossible to meet (a conference 5 days from today cannot be announced 7 days before)."""
    late = []
    for rule in DEFAULT_RULES:
        if rule.law is None or rule.key in done:
            continue
        limit = rule.law.latest(calendar, day)
        if limit < today:
            late.append(LateStep(rule, limit))
    return late
