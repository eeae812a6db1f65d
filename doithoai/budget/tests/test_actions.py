"""The budget's actions: the estimate, expenses with their documents, and the settlement's lifecycle."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.budget import actions, money, selectors
from doithoai.budget.models import EstimateLine, Expense, ExpenseDocument, Settlement, SettlementStatus
from doithoai.budget.tests.conftest import pdf_upload
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.documents.models import StoredFile

pytestmark = pytest.mark.django_db

WATER = {"category": "refreshments", "item": "Nước uống", "amount": "850.000", "spent_on": dt.date(2026, 6, 5)}


def spend(cast, plan, conference, **data):
    return actions.expense_record(actor=cast.accountant_a, plan=plan, data={**WATER, "conference": conference, **data})


def documented(cast, expense):
    actions.document_attach(actor=cast.accountant_a, expense=expense, title="Hóa đơn số 0001234", upload=pdf_upload())
    return expense


@pytest.mark.parametrize(
    ("text", "amount"),
    [("2.500.000", 2500000), ("2,500,000", 2500000), ("2 500 000 đ", 2500000), ("850000 đồng", 850000)],
)
def test_amounts_are_read_as_people_type_them(text, amount):
    assert money.parse(text) == (Decimal(amount), "")


@pytest.mark.parametrize("text", ["", "abc", "0", "-5000", "2.5e6", "1" * 16])
def test_a_wrong_amount_gets_a_message(text):
    amount, message = money.parse(text)
    assert amount is None and message


def test_the_accountant_keeps_the_plan_estimate_by_category_but_no_other_part_of_the_plan(cast, plan, draft_plan):
    lines = list(plan.budget_lines.order_by("order"))
    assert [(x.category, x.amount) for x in lines] == [
        ("hall", 1500000),
        ("refreshments", 900000),
        ("allowances", 4500000),
    ]
    from doithoai.plans.actions import plan_section_save, plan_update

    with pytest.raises(PermissionDenied):
        plan_update(actor=cast.accountant_a, plan=plan, data={"title": "Khác"})
    with pytest.raises(PermissionDenied):
        plan_section_save(actor=cast.accountant_a, plan=plan, section="topics", rows=[{"text": "Khác"}])


def test_the_year_figures_count_the_plan_estimate_against_every_expense(cast, plan, conference):
    spend(cast, plan, conference)
    spend(cast, plan, None, category="printing", item="In kế hoạch", amount="300000")
    figures = selectors.year_figures(plan)
    by = {r.category: r for r in figures.rows}
    assert by["refreshments"].estimate == 900000 and by["refreshments"].actual == 850000
    assert by["printing"].estimate == 0 and by["printing"].actual == 300000
    assert figures.estimate == 6900000 and figures.actual == 1150000 and figures.difference == 5750000
    assert figures.expense_count == 2


def test_the_conference_estimate_starts_from_the_plan_and_is_saved_whole_or_not_at_all(cast, plan, conference):
    rows = selectors.estimate_from_plan(conference)
    # The commune preset plans one session: the lines are copied whole.
    assert [(r["category"], r["amount"]) for r in rows] == [
        ("hall", 1500000),
        ("refreshments", 900000),
        ("allowances", 4500000),
    ]
    actions.estimate_save(actor=cast.accountant_a, conference=conference, rows=rows)
    assert selectors.conference_figures(conference).estimate == 6900000
    bad = [*rows, {"category": "nope", "item": "", "amount": "0"}]
    with pytest.raises(ValidationError) as caught:
        actions.estimate_save(actor=cast.accountant_a, conference=conference, rows=bad)
    assert set(caught.value.message_dict) == {"3-category", "3-item", "3-amount"}
    assert EstimateLine.objects.filter(conference=conference).count() == 3
    assert AuditEvent.objects.filter(event_type="budget.estimate_updated").count() == 1


def test_an_estimate_of_several_sessions_is_shared_between_them(cast, plan, conference):
    from doithoai.plans.models import PlannedSession

    PlannedSession.objects.create(plan=plan, label="Đợt 2", order=2)
    assert plan.sessions.count() == 2
    rows = selectors.estimate_from_plan(conference)
    assert [r["amount"] for r in rows] == [750000, 450000, 2250000]


def test_an_expense_is_checked_field_by_field_and_recorded_once_per_click(cast, plan, conference):
    with pytest.raises(ValidationError) as caught:
        actions.expense_record(
            actor=cast.accountant_a,
            plan=plan,
            data={"category": "", "item": "", "amount": "abc", "spent_on": dt.date(2099, 1, 1)},
        )
    assert set(caught.value.message_dict) == {"category", "item", "amount", "spent_on"}
    assert not Expense.objects.exists()
    first = actions.expense_record(
        actor=cast.accountant_a, plan=plan, data={**WATER, "conference": conference}, submission_key="k1"
    )
    again = actions.expense_record(
        actor=cast.accountant_a, plan=plan, data={**WATER, "conference": conference}, submission_key="k1"
    )
    assert first.pk == again.pk and Expense.objects.count() == 1
    assert first.amount == 850000
    event = AuditEvent.objects.get(event_type="budget.expense_recorded")
    assert event.unit_id == cast.commune_a.pk


def test_an_expense_of_another_plan_conference_is_refused(cast, plan, conference):
    from doithoai.plans.actions import plan_create_from_preset

    other = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2027)
    with pytest.raises(ValidationError) as caught:
        spend(cast, other, conference)
    assert "conference" in caught.value.message_dict


def test_documents_are_checked_by_content_and_kept_with_their_hash(cast, plan, conference):
    expense = spend(cast, plan, conference)
    with pytest.raises(ValidationError) as caught:
        actions.document_attach(
            actor=cast.accountant_a,
            expense=expense,
            title="Hóa đơn",
            upload=pdf_upload().__class__("hoa-don.pdf", b"not a pdf at all", content_type="application/pdf"),
        )
    assert "file" in caught.value.message_dict
    documented(cast, expense)
    document = ExpenseDocument.objects.get()
    assert len(document.file.sha256) == 64
    actions.expense_delete(actor=cast.accountant_a, expense=expense)
    assert not ExpenseDocument.objects.exists()
    assert not StoredFile.objects.filter(pk=document.file_id).exists()


def test_a_double_click_attaches_a_voucher_once(cast, plan, conference):
    expense = spend(cast, plan, conference)
    files_before = StoredFile.objects.count()
    first = actions.document_attach(
        actor=cast.accountant_a, expense=expense, title="Hóa đơn", upload=pdf_upload(), submission_key="k-1"
    )
    again = actions.document_attach(
        actor=cast.accountant_a, expense=expense, title="Hóa đơn", upload=pdf_upload(), submission_key="k-1"
    )
    assert again.pk == first.pk
    assert ExpenseDocument.objects.filter(expense=expense).count() == 1
    assert StoredFile.objects.count() == files_before + 1
    assert AuditEvent.objects.filter(event_type="budget.document_attached").count() == 1
    # Another key is another document.
    actions.document_attach(
        actor=cast.accountant_a, expense=expense, title="Phiếu chi", upload=pdf_upload(), submission_key="k-2"
    )
    assert ExpenseDocument.objects.filter(expense=expense).count() == 2


def test_the_settlement_is_submitted_returned_approved_and_reopened(cast, plan, conference):
    expense = spend(cast, plan, conference)
    # Without a supporting document it cannot be submitted; nothing is left behind by the refusal.
    with pytest.raises(ValidationError) as caught:
        actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=conference, name="submit")
    assert "chưa có chứng từ" in str(caught.value)
    assert not Settlement.objects.exists()
    documented(cast, expense)
    actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=conference, name="submit")
    # Submitted: the spending is frozen.
    with pytest.raises(ValidationError):
        spend(cast, plan, conference, item="Thêm")
    with pytest.raises(PermissionDenied):
        actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=conference, name="approve")
    with pytest.raises(ValidationError) as caught:
        actions.settlement_transition(actor=cast.chair_a, plan=plan, conference=conference, name="return")
    assert "reason" in caught.value.message_dict
    returned = actions.settlement_transition(
        actor=cast.chair_a, plan=plan, conference=conference, name="return", reason="Thiếu hóa đơn loa máy"
    )
    assert returned.status == SettlementStatus.OPEN and returned.reason == "Thiếu hóa đơn loa máy"
    spend(cast, plan, conference, item="Thuê loa máy", category="sound", amount="1200000")
    documented(cast, Expense.objects.get(item="Thuê loa máy"))
    actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=conference, name="submit")
    approved = actions.settlement_transition(actor=cast.chair_a, plan=plan, conference=conference, name="approve")
    assert approved.status == SettlementStatus.APPROVED and approved.approved_by == cast.chair_a
    frozen = selectors.Figures.from_json(approved.figures)
    assert frozen.actual == 2050000 and frozen.estimate == 0
    events = list(
        AuditEvent.objects.filter(event_type__startswith="budget.settlement")
        .order_by("pk")
        .values_list("event_type", flat=True)
    )
    assert events == [
        "budget.settlement_submitted",
        "budget.settlement_returned",
        "budget.settlement_submitted",
        "budget.settlement_approved",
    ]
    reopened = actions.settlement_transition(
        actor=cast.chair_a, plan=plan, conference=conference, name="reopen", reason="Điều chỉnh chứng từ"
    )
    assert reopened.status == SettlementStatus.OPEN and reopened.figures == {}


def test_a_conference_not_held_cannot_be_settled(cast, plan, coming):
    with pytest.raises(ValidationError) as caught:
        actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=coming, name="submit")
    assert "chưa tổ chức" in str(caught.value)


def test_the_year_waits_for_every_conference_and_then_locks_them_all(cast, plan, conference, coming):
    documented(cast, spend(cast, plan, conference))
    with pytest.raises(ValidationError) as caught:
        actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=None, name="submit")
    assert conference.title in str(caught.value)
    Conference.objects.filter(pk=coming.pk).update(status=ConferenceStatus.CANCELLED)
    actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=conference, name="submit")
    actions.settlement_transition(actor=cast.chair_a, plan=plan, conference=conference, name="approve")
    documented(cast, spend(cast, plan, None, category="printing", item="In kế hoạch", amount="300000"))
    actions.settlement_transition(actor=cast.accountant_a, plan=plan, conference=None, name="submit")
    year = actions.settlement_transition(actor=cast.chair_a, plan=plan, conference=None, name="approve")
    assert selectors.Figures.from_json(year.figures).actual == 1150000
    # The conference cannot be reopened under an approved year.
    with pytest.raises(ValidationError) as caught:
        actions.settlement_transition(actor=cast.chair_a, plan=plan, conference=conference, name="reopen", reason="Sửa")
    assert "năm" in str(caught.value)


def test_commune_b_cannot_touch_commune_a_budget(cast, plan, conference):
    with pytest.raises(PermissionDenied):
        actions.expense_record(actor=cast.officer_b, plan=plan, data={**WATER, "conference": conference})
    with pytest.raises(PermissionDenied):
        actions.settlement_transition(actor=cast.officer_b, plan=plan, conference=conference, name="submit")
