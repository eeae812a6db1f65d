"""The steps before and after a conference, derived from its date D (domain-spec §3).

Rules are defaults in code; each conference stores its own steps (TimelineStep),
so a due date can be changed for one conference without touching the rule.
Calendar-day deadlines that end on a day off move to a working day (towards D
for "at least N days before", later for "within N days after"); working-day
rules count on the unit's calendar (holidays, Tết, make-up days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import Role

if TYPE_CHECKING:
    from doithoai.workdays.selectors import WorkingCalendar

CALENDAR: Final = "calendar"
WORKING: Final = "working"


@dataclass(frozen=True)
class TimelineRule:
    key: str
    label: Promise
    owner_role: Role
    offset: int  # days from D; negative before
    days: Literal["calendar", "working"]
    is_statutory: bool
    basis: str
    window_start: int | None = None  # for a window (collection of opinions): its first day, from D

    def due(self, calendar: WorkingCalendar, day: dt.date) -> dt.date:
        if self.days == WORKING:
            return calendar.add_working_days(day, self.offset)
        return calendar.add_calendar_days(day, self.offset, roll_to_working_day=True)

    def starts(self, calendar: WorkingCalendar, day: dt.date) -> dt.date | None:
        if self.window_start is None:
            return None
        return calendar.add_calendar_days(day, self.window_start, roll_to_working_day=False)


DEFAULT_RULES: tuple[TimelineRule, ...] = (
    TimelineRule(
        "opinion_collection",
        _("Lấy ý kiến Nhân dân (phát phiếu qua MTTQ, trưởng thôn; hội nghị thôn, tổ dân phố)"),
        Role.FRONT,
        -4,
        CALENDAR,
        False,
        "S-03",
        window_start=-20,
    ),
    TimelineRule(
        "announcement",
        _("Thông báo công khai thời gian, địa điểm, nội dung, cách tham dự (chậm nhất 07 ngày trước hội nghị)"),
        Role.OFFICE,
        -7,
        CALENDAR,
        True,
        "R-05",
    ),
    TimelineRule(
        "front_summary",
        _("MTTQ gửi báo cáo tổng hợp ý kiến, kiến nghị đến UBND"),
        Role.FRONT,
        -3,
        CALENDAR,
        False,
        "S-04",
    ),
    TimelineRule(
        "answer_drafts",
        _("Cơ quan chuyên môn gửi dự thảo nội dung trả lời"),
        Role.DEPARTMENT_OFFICER,
        -1,
        CALENDAR,
        False,
        "NĐ 30/2020, Phụ lục IV",
    ),
    TimelineRule(
        "conclusion_notice",
        _("Ban hành, công khai thông báo kết luận hội nghị (trong 10 ngày)"),
        Role.OFFICE,
        10,
        CALENDAR,
        True,
        "R-06",
    ),
    TimelineRule(
        "written_answers",
        _("Trả lời bằng văn bản các kiến nghị chưa trả lời tại hội nghị (trong 10 ngày làm việc)"),
        Role.OFFICE,
        10,
        WORKING,
        True,
        "R-08",
    ),
)


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
    steps = [(rule, rule.starts(calendar, day), rule.due(calendar, day)) for rule in rules]
    steps.sort(key=lambda s: (s[2], rules.index(s[0])))
    return [DerivedStep(rule, i, start, due) for i, (rule, start, due) in enumerate(steps)]


def overdue_statutory(
    steps: list[DerivedStep], today: dt.date, done: frozenset[str] = frozenset()
) -> list[DerivedStep]:
    """The statutory steps whose deadline has already passed (and that are not done)."""
    return [s for s in steps if s.rule.is_statutory and s.rule.key not in done and s.due_date < today]
