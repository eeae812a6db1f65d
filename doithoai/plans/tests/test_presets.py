"""Each preset fills every section of a plan for the unit that uses it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from doithoai.accounts.roles import Role
from doithoai.plans.actions import plan_create_from_preset
from doithoai.plans.models import DialogueForm, Issuer, PlanStatus, QuotaKind
from doithoai.units.models import AdminUnit, Department

SECTIONS = [
    "legal_bases",
    "topics",
    "programme",
    "sessions",
    "composition",
    "assignments",
    "budget_lines",
    "recipients",
]


def _assert_complete(plan):
    for section in SECTIONS:
        assert getattr(plan, section).exists(), section
    for field in ["title", "issuer_name", "place_name", "preamble", "purpose", "requirements", "venue", "closing"]:
        assert getattr(plan, field), field
    assert plan.signing_authority and plan.signer_title
    assert plan.status == PlanStatus.DRAFT
    orders = list(plan.assignments.values_list("order", flat=True))
    assert orders == list(range(len(orders)))


def test_it_creates_the_commune_plan_of_seed_001_for_the_acting_commune(cast):
    police = Department.objects.create(unit=cast.commune_a, name="Công an xã")
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    _assert_complete(plan)
    assert plan.unit == cast.commune_a
    assert (
        plan.title == "Tổ chức Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân trên địa bàn xã Điềm He năm 2026"
    )
    assert plan.issuer == Issuer.COMMITTEE
    assert plan.issuer_name == "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE"
    assert plan.place_name == "Điềm He"
    assert plan.form == DialogueForm.IN_PERSON
    assert plan.number == ""
    bases = " ".join(plan.legal_bases.values_list("text", flat=True))
    for citation in ["10/2022/QH15", "Điều 32", "72/2025/QH15", "Điều 43", "11-QĐi/TW", "18/02/2019", "215-KL/TW"]:
        assert citation in bases
    assert plan.sessions.count() == 1
    citizens = plan.composition.get(role_label="Đại diện Nhân dân")
    assert (citizens.kind, citizens.quantity) == (QuotaKind.PER_VILLAGE, 3)
    front = plan.assignments.filter(assignee_role=Role.FRONT)
    assert front.count() == 2
    assert all("03 ngày" in a.due_rule for a in front)
    # Departments named by the preset are linked when the commune has them.
    assert plan.assignments.get(assignee_text="Công an xã").assignee_department == police
    assert plan.assignments.filter(due_rule__contains="07 ngày").exists()
    assert plan.budget_lines.get().source.startswith("Ngân sách xã năm 2026")
    assert list(plan.recipients.values_list("text", flat=True))[-1] == "Lưu: VT."
    assert plan.created_by == cast.officer_a


def test_it_creates_a_ward_plan_with_two_sessions(cast):
    ward = AdminUnit.objects.filter(era="current", level="commune", division_type="phường").order_by("code")[0]
    plan = plan_create_from_preset(actor=cast.sysadmin, unit=ward, preset="ward", year=2026)
    _assert_complete(plan)
    assert [(s.label, s.planned_month) for s in plan.sessions.all()] == [("Đợt 1", 6), ("Đợt 2", 11)]
    assert (plan.min_attendance, plan.max_attendance, plan.minutes_per_question) == (80, 200, 5)
    assert ward.short_name in plan.title
    assert "phường" in plan.title
    assert plan.composition.filter(role_label__contains="tổ dân phố", kind=QuotaKind.PER_VILLAGE).exists()


def test_it_creates_an_upper_level_plan_that_binds_every_commune_below(cast):
    plan = plan_create_from_preset(actor=cast.sysadmin, unit=cast.province, preset="upper", year=2026)
    _assert_complete(plan)
    assert plan.issuer == Issuer.PARTY
    assert plan.issuer_name == "TỈNH ỦY LẠNG SƠN"  # 36-HD/VPTW letterhead; T/M BAN THƯỜNG VỤ signs
    assert plan.units_below_deadline == dt.date(2026, 7, 31)
    assert plan.forward_issues_to == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    delegates = plan.composition.get(role_label="Đại biểu đại diện Nhân dân")
    assert (delegates.kind, delegates.quantity) == (QuotaKind.PER_COMMUNE, 2)
    hold = plan.assignments.get(due_date=dt.date(2026, 7, 31))
    assert hold.assignee_text == "Đảng ủy, UBND các xã, phường"
    assert plan.assignments.filter(duty__contains="vượt thẩm quyền").exists()


def test_it_creates_the_upper_level_plan_for_a_legacy_district_as_seed_004(cast):
    district = AdminUnit.objects.filter(era="legacy", level="district", division_type="huyện").order_by("code")[0]
    plan = plan_create_from_preset(actor=cast.sysadmin, unit=district, preset="upper", year=2023)
    _assert_complete(plan)
    assert plan.forward_issues_to == "Ban Dân vận Huyện ủy"
    assert "xã, thị trấn" in plan.assignments.all()[0].assignee_text
    assert plan.signing_authority == "T/M BAN THƯỜNG VỤ"


@pytest.mark.parametrize(
    ("preset", "unit_attr"), [("upper", "commune_a"), ("commune", "province"), ("nope", "commune_a")]
)
def test_it_refuses_a_preset_that_does_not_fit_the_unit(cast, preset, unit_attr):
    with pytest.raises(ValidationError) as exc:
        plan_create_from_preset(actor=cast.sysadmin, unit=getattr(cast, unit_attr), preset=preset, year=2026)
    assert "preset" in exc.value.message_dict
    assert not getattr(cast, unit_attr).plans.exists()
