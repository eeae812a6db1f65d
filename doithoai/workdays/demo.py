"""Demo data for the working-day calendar of the demo commune.

The overrides below ILLUSTRATE THE MECHANISM; they are not an official
schedule. The Government's real Tết 2026 arrangement (nghỉ từ 14/02 đến
22/02/2026) needs no override: 16–20/02 are statutory holidays and the other
days are weekends. So the demo shows what a commune typically enters: a
Saturday worked to hold the hội nghị đối thoại when people are free, paid back
with a day off on the following Monday, and one more compensatory day off.
"""

from __future__ import annotations

from typing import Any

from doithoai.units.models import AdminUnit
from doithoai.workdays import actions
from doithoai.workdays.models import CalendarOverride

# ngày; loại; lý do, as an officer would paste them.
DEMO_LINES = [
    "09/05/2026; làm bù; Làm việc thứ Bảy để tổ chức hội nghị đối thoại với Nhân dân (minh họa)",
    "11/05/2026; nghỉ; Nghỉ bù cho ngày thứ Bảy 09/05/2026 (minh họa)",
    "05/12/2026; làm bù; Làm việc thứ Bảy tổng kết công tác năm (minh họa)",
    "07/12/2026; nghỉ; Nghỉ bù cho ngày thứ Bảy 05/12/2026 (minh họa)",
]


def load_demo_overrides(actor: Any, unit: AdminUnit) -> list[CalendarOverride]:
    """Enter the demo overrides for `unit` through the actions; days already entered are left alone."""
    taken = {d.strftime("%d/%m/%Y") for d in CalendarOverride.objects.filter(unit=unit).values_list("date", flat=True)}
    lines = [line for line in DEMO_LINES if line.split(";", 1)[0] not in taken]
    if not lines:
        return []
    return actions.overrides_import(actor=actor, unit=unit, text="\n".join(lines))
