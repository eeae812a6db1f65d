"""Fixtures of the budget tests: commune A's issued 2026 plan with an estimate, and its conference, held."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.plans.actions import plan_create_from_preset, plan_issue, plan_section_save

ESTIMATE = [
    {"category": "hall", "item": "Trang trí hội trường, khánh tiết", "amount": "1500000", "source": "Ngân sách xã"},
    {"category": "refreshments", "item": "Nước uống đại biểu", "amount": "900000", "source": "Ngân sách xã"},
    {"category": "allowances", "item": "Bồi dưỡng đại biểu", "amount": "4500000", "source": "Ngân sách xã"},
]


def pdf_upload(name: str = "hoa-don.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% a scanned invoice\n%%EOF\n", content_type="application/pdf")


def png_bytes() -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make("chung tu").save(buffer, kind="png")
    return buffer.getvalue()


@pytest.fixture
def draft_plan(cast):
    return plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)


@pytest.fixture
def plan(cast, draft_plan):
    plan_section_save(actor=cast.accountant_a, plan=draft_plan, section="budget_lines", rows=ESTIMATE)
    return plan_issue(actor=cast.chair_a, plan=draft_plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))


@pytest.fixture
def conference(cast, plan):
    """The conference of 05/6/2026, held."""
    with on_day(dt.date(2026, 5, 4)):
        conference = make_conference(cast, plan, dt.date(2026, 6, 5))
    # Its preparation is the conferences app's business (tested there); here it has simply taken place.
    Conference.objects.filter(pk=conference.pk).update(status=ConferenceStatus.HELD)
    conference.refresh_from_db()
    return conference


@pytest.fixture
def coming(cast, plan):
    """A second conference of the plan, not held yet."""
    with on_day(dt.date(2026, 5, 4)):
        return make_conference(cast, plan, dt.date(2026, 12, 11), title="Hội nghị đối thoại đợt 2")
