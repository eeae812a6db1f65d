"""The period a dashboard or a report counts: a year, its first or second six months, or a custom range.

Read from the query string (`?ky=nam&nam=2026`, `?ky=6-thang-dau&nam=2026`, `?ky=tuy-chon&tu_ngay=…&den_ngay=…`);
anything unknown or inconsistent falls back to the current year, with a message for a custom range that could
not be read. Petitions count in the period they were received (`received_on`), conferences in the one they
start in (decision 95).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.lib.params import is_digits
from doithoai.lib.params import query_date as _date
from doithoai.lib.vndates import short_date

# The earliest year offered: the dialogue duty of Luật 10/2022 (Thực hiện dân chủ ở cơ sở) took effect in 2023.
FIRST_YEAR = 2023


class PeriodKind(TextChoices):
    YEAR = "nam", gettext_lazy("Cả năm")
    FIRST_HALF = "6-thang-dau", gettext_lazy("6 tháng đầu năm")
    SECOND_HALF = "6-thang-cuoi", gettext_lazy("6 tháng cuối năm")
    CUSTOM = "tuy-chon", gettext_lazy("Tùy chọn")


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date
    # Why a custom range asked for was not used (shown above the dashboard); empty when it was.
    error: str = ""

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def from_query(cls, data: Mapping[str, Any], *, today: dt.date | None = None) -> Period:
        today = today or timezone.localdate()
        kind = data.get("ky") or PeriodKind.YEAR
        year = _year(data.get("nam"), today)
        if kind == PeriodKind.FIRST_HALF:
            return cls(kind, dt.date(year, 1, 1), dt.date(year, 6, 30))
        if kind == PeriodKind.SECOND_HALF:
            return cls(kind, dt.date(year, 7, 1), dt.date(year, 12, 31))
        if kind == PeriodKind.CUSTOM:
            start, end = _date(data.get("tu_ngay")), _date(data.get("den_ngay"))
            if start is None or end is None:
                error = _("Chọn cả ngày bắt đầu và ngày kết thúc; đang hiển thị cả năm %(year)s.") % {"year": year}
            elif start > end:
                error = _("Ngày bắt đầu phải trước ngày kết thúc; đang hiển thị cả năm %(year)s.") % {"year": year}
            elif (end - start).days > 366 * 5:
                error = _("Khoảng thời gian dài quá 5 năm; đang hiển thị cả năm %(year)s.") % {"year": year}
            else:
                return cls(kind, start, end)
            return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31), error=error)
        return cls.year(year)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return _("Năm %(year)s") % {"year": self.start.year}
        if self.kind == PeriodKind.FIRST_HALF:
            return _("6 tháng đầu năm %(year)s") % {"year": self.start.year}
        if self.kind == PeriodKind.SECOND_HALF:
            return _("6 tháng cuối năm %(year)s") % {"year": self.start.year}
        return _("Từ %(start)s đến %(end)s") % {"start": short_date(self.start), "end": short_date(self.end)}

    def params(self) -> dict[str, str]:
        """The query string that gives this period back."""
        if self.kind == PeriodKind.CUSTOM:
            return {"ky": self.kind, "tu_ngay": self.start.isoformat(), "den_ngay": self.end.isoformat()}
        return {"ky": self.kind, "nam": str(self.start.year)}

    def petition_params(self) -> dict[str, str]:
        """The petition list's filter on the same period (`tu_ngay`, `den_ngay` on the day received)."""
        return {"tu_ngay": self.start.isoformat(), "den_ngay": self.end.isoformat()}

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The first instant of the period and of the day after it, in Việt Nam (for datetimes)."""
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=zone),
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
        )


def years_offered(today: dt.date) -> list[int]:
    """The years a period can be chosen in, newest first."""
    return list(range(today.year + 1, FIRST_YEAR - 1, -1))


def _year(value: Any, today: dt.date) -> int:
    text = str(value or "").strip()
    if is_digits(text) and FIRST_YEAR <= int(text) <= today.year + 1:
        return int(text)
    return today.year
