"""Fixtures of the delegate tests: commune A's issued 2026 plan, a conference of two villages, workbooks."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from doithoai.conferences.actions import conference_announce, conference_create
from doithoai.conferences.models import Conference
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.plans.models import CompositionRule, Plan, QuotaKind
from doithoai.units.models import Village

HEADERS = ["STT", "Họ và tên", "Chức vụ", "Thôn/Tổ dân phố", "Thành phần", "Số điện thoại", "Đồng ý công khai tên"]
PEOPLE = "Đại diện Nhân dân"
HEADS = "Trưởng thôn"
LEADERS = "Lãnh đạo UBND xã"


def at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def on_day(day: dt.date):
    return time_machine.travel(at(day, 9), tick=False)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def village_c(cast):
    return Village.objects.create(unit=cast.commune_a, name="Thôn Bản Châu", sort_order=2)


# The composition every test uses (set on the preset's plan, so the counts do not follow preset edits):
# per village 3 + 1, fixed 2, and two rules that give no slots.
COMPOSITION = [
    ("Đại biểu xã", LEADERS, QuotaKind.FIXED, 2),
    ("Đại biểu thôn", HEADS, QuotaKind.PER_VILLAGE, 1),
    ("Đại biểu thôn", PEOPLE, QuotaKind.PER_VILLAGE, 3),
    ("Đại biểu cấp dưới", "Đại biểu mỗi xã", QuotaKind.PER_COMMUNE, 2),
    ("Khách mời", "Người có uy tín", QuotaKind.FIXED, None),
]
SLOTS_PER_VILLAGE = 4
FIXED_SLOTS = 2


@pytest.fixture
def plan(cast):
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    CompositionRule.objects.filter(plan=plan).delete()
    for order, (group, label, kind, quantity) in enumerate(COMPOSITION):
        CompositionRule.objects.create(
            plan=plan, order=order, group=group, role_label=label, kind=kind, quantity=quantity
        )
    Plan.objects.filter(pk=plan.pk).update(min_attendance=10, max_attendance=12)
    plan.refresh_from_db()
    return plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))


@pytest.fixture
def conference(cast, plan, village_c):
    """Friday 05/6/2026, 07:30, for Thôn Nà Pàn and Thôn Bản Châu; made on 04/5/2026, still planned."""
    with on_day(dt.date(2026, 5, 4)):
        return conference_create(
            actor=cast.officer_a,
            plan=plan,
            data={
                "title": "Hội nghị đối thoại năm 2026",
                "starts_at": at(dt.date(2026, 6, 5), 7, 30),
                "venue": "Hội trường UBND xã",
                "expected_attendance": 40,
            },
            villages=[cast.village_a, village_c],
        )


@pytest.fixture
def announced(cast, conference):
    return conference_announce(actor=cast.officer_a, conference=conference)


def set_state(conference, state: str):
    Conference.objects.filter(pk=conference.pk).update(status=state)
    conference.refresh_from_db()
    return conference


def xlsx(rows, headers=HEADERS, *, title_rows=(), formulas=()) -> bytes:
    """A workbook of `rows` under `headers` (row 1 unless `title_rows` come first)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in title_rows:
        sheet.append(list(row))
    if headers:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for ref, formula in formulas:
        sheet[ref] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def person(number, name, village="", role=PEOPLE, *, position="", phone="", consent="Không"):
    return [number, name, position, village, role, phone, consent]
