"""Demo budget of Điềm He, entered by its accountant through the actions, as the pages do:

- the 2026 plan's estimate by category (while it is a draft: `load_demo_estimate`, before the plan is issued);
- the conference held (live.demo): its estimate from the plan's, what was spent with a voucher for each,
  the settlement submitted by the accountant and approved by the chair;
- the conference ahead: its estimate and the invitations' printing paid, still open;
- the year's own expense (printing the plan and the opinion forms), open.
Vouchers are small PDFs made here. Running it twice changes nothing: `load_demo_budget` stops when the held
conference already has spending.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.budget import actions, selectors
from doithoai.budget.models import Expense
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.documents.demo_materials import tiny_pdf
from doithoai.plans.actions import plan_section_save
from doithoai.plans.models import Plan, PlanStatus
from doithoai.units.models import AdminUnit

SOURCE = "Ngân sách xã năm 2026"
ESTIMATE = [
    ("hall", "Trang trí hội trường, khánh tiết", 1_500_000),
    ("sound", "Thuê âm thanh, máy chiếu", 1_000_000),
    ("refreshments", "Nước uống đại biểu", 1_200_000),
    ("printing", "In giấy mời, tài liệu, phiếu lấy ý kiến", 800_000),
    ("media", "Thông báo trên đài truyền thanh xã", 500_000),
    ("allowances", "Bồi dưỡng đại biểu Nhân dân các thôn", 3_000_000),
]
# What the conference held (two villages, about 40 people) cost, with its voucher number.
HELD_SPENDING = [
    ("hall", "Trang trí hội trường, in phông khánh tiết", 650_000, "PC-031", "Cơ sở quảng cáo Hoàng Long"),
    ("sound", "Thuê loa máy, âm thanh", 500_000, "PC-032", "Cửa hàng điện tử Bình Minh"),
    ("refreshments", "Nước uống đại biểu (40 người)", 400_000, "PC-033", "Cửa hàng tạp hóa Nà Pàn"),
    ("allowances", "Bồi dưỡng đại biểu Nhân dân 02 thôn (danh sách ký nhận kèm theo)", 1_200_000, "PC-034", ""),
]


def _holder(commune: AdminUnit, role: Role, fallback: User) -> User:
    """The unit's accountant or chair, who enter and approve the demo's budget (the administrator if none)."""
    membership = (
        Membership.objects.filter(unit=commune, role=role, is_active=True).select_related("user").order_by("pk").first()
    )
    return membership.user if membership is not None else fallback


def _voucher(title: str) -> SimpleUploadedFile:
    text = title.encode("ascii", "replace").decode()
    return SimpleUploadedFile("chung-tu.pdf", tiny_pdf(["CHUNG TU (ban demo)", text]), content_type="application/pdf")


def load_demo_estimate(admin: User, commune: AdminUnit) -> None:
    """The plan's "Kinh phí" lines, by the accountant, while the plan is still a draft."""
    plan = Plan.objects.filter(unit=commune, status=PlanStatus.DRAFT).order_by("pk").first()
    if plan is None or plan.budget_lines.filter(amount__isnull=False).exists():
        return
    rows = [{"category": c, "item": item, "amount": Decimal(amount), "source": SOURCE} for c, item, amount in ESTIMATE]
    plan_section_save(actor=_holder(commune, Role.ACCOUNTANT, admin), plan=plan, section="budget_lines", rows=rows)


def _spend(accountant: User, conference: Conference | None, plan: Plan, row: tuple, day: dt.date) -> Expense:
    category, item, amount, voucher, payee = row
    expense = actions.expense_record(
        actor=accountant,
        plan=plan,
        data={
            "conference": conference,
            "category": category,
            "item": item,
            "amount": Decimal(amount),
            "spent_on": day,
            "voucher_number": voucher,
            "payee": payee,
        },
        submission_key=f"demo-budget-{plan.pk}-{voucher}",
    )
    actions.document_attach(
        actor=accountant, expense=expense, title=f"Phiếu chi số {voucher}", upload=_voucher(f"Phieu chi {voucher}")
    )
    return expense


def load_demo_budget(admin: User, commune: AdminUnit) -> None:
    accountant = _holder(commune, Role.ACCOUNTANT, admin)
    chair = _holder(commune, Role.CHAIR, admin)
    held = (
        Conference.objects.filter(unit=commune, status__in=[ConferenceStatus.HELD, ConferenceStatus.CONCLUDED])
        .order_by("starts_at")
        .first()
    )
    if held is None or Expense.objects.filter(conference=held).exists():
        return
    plan = held.plan
    today = timezone.localdate()
    held_day = min(timezone.localtime(held.starts_at).date(), today)
    # The held conference was for two villages: a smaller estimate than the plan's yearly one.
    actions.estimate_save(
        actor=accountant,
        conference=held,
        rows=[
            {"category": "hall", "item": "Trang trí hội trường, khánh tiết", "amount": Decimal(700_000)},
            {"category": "sound", "item": "Thuê âm thanh", "amount": Decimal(500_000)},
            {"category": "refreshments", "item": "Nước uống đại biểu", "amount": Decimal(400_000)},
            {"category": "allowances", "item": "Bồi dưỡng đại biểu Nhân dân 02 thôn", "amount": Decimal(1_200_000)},
        ],
    )
    for row in HELD_SPENDING:
        _spend(accountant, held, plan, row, held_day)
    actions.settlement_transition(actor=accountant, plan=plan, conference=held, name="submit")
    actions.settlement_transition(actor=chair, plan=plan, conference=held, name="approve")

    ahead = (
        Conference.objects.filter(unit=commune, plan=plan, status=ConferenceStatus.ANNOUNCED)
        .order_by("starts_at")
        .first()
    )
    if ahead is not None:
        actions.estimate_save(actor=accountant, conference=ahead, rows=selectors.estimate_from_plan(ahead))
        _spend(
            accountant,
            ahead,
            plan,
            ("printing", "In giấy mời đại biểu", 180_000, "PC-041", "Cơ sở phô tô Điềm He"),
            today,
        )
    _spend(
        accountant,
        None,
        plan,
        ("printing", "In kế hoạch và phiếu lấy ý kiến gửi các thôn", 250_000, "PC-012", "Cơ sở phô tô Điềm He"),
        min(plan.issued_on or today, today),
    )
