"""Fixtures of the live room's tests: commune A's issued 2026 plan; a conference on Friday 05/6/2026 for two
villages, announced, with delegates (some checked in) and petitions sent before it, classified.

The fixtures travel in time only to create things (the conference's date rules); the tests run at the
real time, as the room allows a conference to start whenever it has been announced.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from doithoai.conferences.actions import conference_announce, conference_create
from doithoai.delegates.actions import delegate_check_in, delegate_create
from doithoai.petitions.actions import create_petition, petition_classify, sectors_ensure
from doithoai.petitions.models import Jurisdiction, Kind
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.units.models import Village

DAY = dt.date(2026, 6, 5)


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


@pytest.fixture
def plan(cast):
    with on_day(dt.date(2026, 3, 2)):
        plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
        return plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))


@pytest.fixture
def conference(cast, plan, village_c):
    """Friday 05/6/2026, 07:30, Thôn Nà Pàn and Thôn Bản Châu; announced on 04/5/2026; 5 minutes a question."""
    with on_day(dt.date(2026, 5, 4)):
        conference = conference_create(
            actor=cast.officer_a,
            plan=plan,
            data={
                "title": "Hội nghị đối thoại năm 2026",
                "starts_at": at(DAY, 7, 30),
                "venue": "Hội trường UBND xã",
                "expected_attendance": 40,
                "chair_name": "Hoàng Văn Chủ",
                "secretary_name": "Lý Thị Thư",
            },
            villages=[cast.village_a, village_c],
        )
        return conference_announce(actor=cast.officer_a, conference=conference)


@pytest.fixture
def delegates(cast, conference, village_c):
    """Four delegates; the first three checked in on the day."""
    rows = [
        ("Nông Văn Một", cast.village_a, "Cử tri"),
        ("Hoàng Thị Hai", cast.village_a, "Trưởng thôn"),
        ("Lộc Văn Ba", village_c, "Cử tri"),
        ("Vi Thị Bốn", village_c, "Cử tri"),
    ]
    with on_day(dt.date(2026, 5, 10)):
        made = [
            delegate_create(
                actor=cast.officer_a,
                conference=conference,
                data={"full_name": name, "role_label": label},
                village=village,
            ).delegate
            for name, village, label in rows
        ]
    with time_machine.travel(at(DAY, 7, 15), tick=False):
        for delegate in made[:3]:
            delegate_check_in(actor=cast.officer_a, delegate=delegate)
    for delegate in made:
        delegate.refresh_from_db()
    return made


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


@pytest.fixture
def petitions(cast, conference, sectors):
    """Three petitions sent before the conference, classified: two on the same road, one on land."""
    texts = [
        ("Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở", "XD-GT-HT", Jurisdiction.THIS_UNIT),
        ("Đường vào thôn Nà Pàn xuống cấp, đề nghị sửa chữa", "XD-GT-HT", Jurisdiction.THIS_UNIT),
        ("Đề nghị cấp giấy chứng nhận quyền sử dụng đất", "DD", Jurisdiction.HIGHER_LEVEL),
    ]
    made = []
    for text, sector, jurisdiction in texts:
        petition, _created = create_petition(
            actor=cast.officer_a,
            unit=cast.commune_a,
            data={"text": text, "channel": "paper_form", "village": cast.village_a, "conference": conference},
        )
        made.append(
            petition_classify(
                actor=cast.officer_a,
                petition=petition,
                kind=Kind.RECOMMENDATION,
                sector=sectors[sector],
                jurisdiction=jurisdiction,
            )
        )
    return made
