"""Demo data of the conferences: the Điềm He 2026 plan issued, and its conference ten days after the demo is loaded;
the publication of the results of the conference held earlier (`load_demo_publications`, after live.demo).

Dates are relative to the day the demo is loaded, so the timeline always shows
steps in every state: the announcement done, the opinion collection under way,
the Front's summary and the answer drafts still due, and the villages late
with their lists of delegates.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from doithoai.accounts.models import User
from doithoai.accounts.roles import Role
from doithoai.conferences.actions import (
    conference_announce,
    conference_create,
    publication_record,
    timeline_step_add,
    timeline_step_complete,
)
from doithoai.conferences.models import Conference, ConferenceKind, ConferenceStatus, PublicationChannel
from doithoai.plans.actions import plan_issue
from doithoai.plans.models import Plan, PlanStatus
from doithoai.units.models import AdminUnit
from doithoai.units.selectors import villages_of
from doithoai.workdays.selectors import calendar_for

PLAN_NUMBER = "102/KH-UBND"
PLAN_ISSUED_ON = dt.date(2026, 5, 15)
DAYS_AHEAD = 10


def _user(username: str, fallback: User) -> User:
    return User.objects.filter(username=username).first() or fallback


def conference_day(unit: AdminUnit, today: dt.date) -> dt.date:
    """Ten days ahead, moved to the next working day: communes hold the conference on a working day."""
    return calendar_for(unit).next_working_day(today + dt.timedelta(days=DAYS_AHEAD))


def load_demo_conference(admin: User, commune: AdminUnit) -> None:
    plan = Plan.objects.filter(unit=commune).order_by("pk").first()
    if plan is None:
        return
    chair = _user("chutich", admin)
    office = _user("vanphong", admin)
    if plan.status == PlanStatus.DRAFT:
        today = timezone.localdate()
        plan = plan_issue(actor=chair, plan=plan, number=PLAN_NUMBER, issued_on=min(PLAN_ISSUED_ON, today))
    today = timezone.localdate()
    day = conference_day(commune, today)
    villages = list(villages_of(commune, include_retired=False))
    conference = conference_create(
        actor=office,
        plan=plan,
        data={
            "title": f"Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân xã Điềm He năm {plan.year}",
            "starts_at": timezone.make_aware(dt.datetime.combine(day, dt.time(7, 30))),
            "venue": "Hội trường UBND xã Điềm He",
            "chair_name": "Hoàng Văn Thắng, Chủ tịch UBND xã",
            "council_name": "Chu Thị Mai, Phó Chủ tịch HĐND xã",
            "front_name": "Lộc Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam xã",
            "secretary_name": "Nông Thị Lan, Văn phòng HĐND và UBND xã",
            "minutes_per_question": 5,
            "expected_attendance": 3 * len(villages) + 25,
        },
        villages=villages,
        planned_session=plan.sessions.order_by("order", "pk").first(),
    )
    conference = conference_announce(actor=office, conference=conference)
    announcement = conference.steps.get(key="announcement")
    timeline_step_complete(actor=office, step=announcement)
    # A task the villages are late with, so the timeline and "Việc cần làm" show an overdue one too.
    timeline_step_add(
        actor=office,
        conference=conference,
        label="Các thôn gửi danh sách đại biểu dự hội nghị về Văn phòng UBND xã",
        due_date=calendar_for(commune).next_working_day(today - dt.timedelta(days=2), backward=True),
        owner_role=Role.VILLAGE_HEAD,
    )


# ---------------------------------------------------------------- the results of the conference held, published


def load_demo_publications(admin: User, commune: AdminUnit) -> None:
    """The conference held three weeks ago (live.demo), concluded: its results published through the three
    channels. The portal's was recorded when it was concluded (on the day the demo was loaded) and is set to
    the day the conclusion notice was issued (documents.demo: five days after the conference); the notice
    went up at the headquarters the next working day, both within the 10 days; the village heads got it two
    days after the deadline (shown late, in red). Does nothing without that conference; running it again
    changes nothing."""
    held = (
        Conference.objects.filter(unit=commune, kind=ConferenceKind.AD_HOC, status=ConferenceStatus.CONCLUDED)
        .order_by("-starts_at")
        .first()
    )
    if held is None:
        return
    office = _user("vanphong", admin)
    calendar = calendar_for(commune)
    day = timezone.localdate(held.starts_at)
    deadline = calendar.add_calendar_days(day, 10, roll_to_working_day=True)
    today = timezone.localdate()
    channels = [
        (PublicationChannel.PORTAL_MEDIA, day + dt.timedelta(days=5), "Cổng thông tin điện tử xã; Đài truyền thanh xã"),
        (
            PublicationChannel.HEADQUARTERS,
            calendar.add_working_days(day + dt.timedelta(days=5), 1),
            "Bảng tin tại trụ sở UBND xã",
        ),
        (
            PublicationChannel.VILLAGE_HEADS,
            deadline + dt.timedelta(days=2),
            "Gửi bản giấy cho Trưởng thôn Nà Pàn, Khòn Khẻ tại cuộc họp giao ban",
        ),
    ]
    for channel, published_on, note in channels:
        publication_record(
            actor=office, conference=held, channel=channel, published_on=min(published_on, today), note=note
        )
