"""Reads of the budget, scoped to a unit the user may see (404 otherwise) and to the budget's readers.

Every page reads a fixed number of queries: sums are made by the database, grouped by category."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from doithoai.budget import rules
from doithoai.budget.models import EstimateLine, Expense, ExpenseDocument, Settlement, SettlementStatus
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.permissions import require_perm
from doithoai.plans.models import BudgetCategory, BudgetLine, Plan
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit

ZERO = Decimal(0)
MONEY = DecimalField(max_digits=17, decimal_places=0)


def get_unit(user: Any, unit_id: int) -> AdminUnit:
    unit = unit_selectors.get_unit(user, unit_id)
    require_perm(user, rules.VIEW_BUDGET, unit)
    return unit


def plans_of(unit: AdminUnit) -> list[Plan]:
    return list(Plan.objects.filter(unit=unit).order_by("-year", "-created_at"))


def plan_of_year(unit: AdminUnit, year: int | None) -> Plan | None:
    """The plan whose budget the year page shows: the year's (the latest made, if two), or the latest plan."""
    plans = Plan.objects.filter(unit=unit).order_by("-year", "-created_at")
    if year is not None:
        return plans.filter(year=year).first()
    return plans.first()


def get_plan(unit: AdminUnit, plan_id: int) -> Plan:
    plan = Plan.objects.select_related("unit").filter(unit=unit, pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def get_conference(unit: AdminUnit, conference_id: int) -> Conference:
    conference = Conference.objects.select_related("plan", "unit").filter(unit=unit, pk=conference_id).first()
    if conference is None:
        raise Http404
    return conference


def get_expense(unit: AdminUnit, expense_id: int) -> Expense:
    expense = Expense.objects.select_related("plan", "conference", "unit").filter(unit=unit, pk=expense_id).first()
    if expense is None:
        raise Http404
    return expense


def get_document(expense: Expense, document_id: int) -> ExpenseDocument:
    document = ExpenseDocument.objects.select_related("file").filter(expense=expense, pk=document_id).first()
    if document is None:
        raise Http404
    return document


def settlement_of(plan: Plan, conference: Conference | None) -> Settlement:
    """The settlement of a conference, or of the plan's year; an unsaved open one if none was made yet."""
    found = Settlement.objects.filter(plan=plan, conference=conference).first()
    if found is not None:
        return found
    return Settlement(unit=plan.unit, plan=plan, conference=conference, status=SettlementStatus.OPEN)


def is_locked(plan: Plan, conference: Conference | None) -> bool:
    """Whether the spending of a conference (or the year's own) may no longer change: its settlement, or the
    year's, has been submitted or approved."""
    scopes = Q(conference=None)
    if conference is not None:
        scopes |= Q(conference=conference)
    return Settlement.objects.filter(scopes, plan=plan).exclude(status=SettlementStatus.OPEN).exists()


# ----------------------------------------------------------------------------------------------- figures


@dataclass
class CategoryRow:
    category: str
    label: str
    estimate: Decimal
    actual: Decimal

    @property
    def difference(self) -> Decimal:
        """Estimate minus actual: positive is saved, negative overspent."""
        return self.estimate - self.actual


@dataclass
class Figures:
    rows: list[CategoryRow] = field(default_factory=list)
    expense_count: int = 0

    @property
    def estimate(self) -> Decimal:
        return sum((r.estimate for r in self.rows), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((r.actual for r in self.rows), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.estimate - self.actual

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": [{"category": r.category, "estimate": str(r.estimate), "actual": str(r.actual)} for r in self.rows],
            "expense_count": self.expense_count,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        labels = dict(BudgetCategory.choices)
        rows = [
            CategoryRow(
                r["category"],
                str(labels.get(r["category"], r["category"])),
                Decimal(r["estimate"]),
                Decimal(r["actual"]),
            )
            for r in data.get("rows", [])
        ]
        return cls(rows=rows, expense_count=int(data.get("expense_count", 0)))


def _by_category(rows: QuerySet[Any]) -> dict[str, Decimal]:
    return {r["category"]: r["total"] or ZERO for r in rows.values("category").annotate(total=Sum("amount"))}


def _spent_by_category(expenses: QuerySet[Expense]) -> tuple[dict[str, Decimal], int]:
    """The sums by category and the number of expenses, from one query."""
    rows = expenses.order_by().values("category").annotate(total=Sum("amount"), n=Count("pk"))
    return {r["category"]: r["total"] or ZERO for r in rows}, sum(r["n"] for r in rows)


def _figures(estimate: dict[str, Decimal], actual: dict[str, Decimal], expense_count: int) -> Figures:
    """One row per category that has an estimate or a spending, in the categories' order."""
    rows = [
        CategoryRow(value, str(label), estimate.get(value, ZERO), actual.get(value, ZERO))
        for value, label in BudgetCategory.choices
        if value in estimate or value in actual
    ]
    return Figures(rows=rows, expense_count=expense_count)


def conference_figures(conference: Conference) -> Figures:
    actual, count = _spent_by_category(Expense.objects.filter(conference=conference))
    return _figures(_by_category(EstimateLine.objects.filter(conference=conference)), actual, count)


def year_figures(plan: Plan) -> Figures:
    """The plan's estimate (its "Kinh phí" lines; a line without a sum counts nothing) against every expense of
    the year, the conferences' and the year's own."""
    actual, count = _spent_by_category(Expense.objects.filter(plan=plan))
    estimate = _by_category(BudgetLine.objects.filter(plan=plan, amount__isnull=False))
    return _figures(estimate, actual, count)


def live_figures(plan: Plan, conference: Conference | None) -> Figures:
    """The figures a settlement counts as they stand: a conference's, or (no conference) the year's."""
    return conference_figures(conference) if conference is not None else year_figures(plan)


def settled_figures(plan: Plan, conference: Conference | None, settlement: Settlement) -> Figures:
    """What a settlement says: its frozen figures once approved (nothing else read), the live ones before."""
    if settlement.status == SettlementStatus.APPROVED and settlement.figures:
        return Figures.from_json(settlement.figures)
    return live_figures(plan, conference)


# -------------------------------------------------------------------------------------------------- pages


def _sum_of(model: type[Any], **filters: Any) -> Subquery:
    rows = model.objects.filter(**filters).order_by().values("conference").annotate(total=Sum("amount")).values("total")
    return Subquery(rows, output_field=MONEY)


def conferences_of_plan(plan: Plan) -> list[Conference]:
    """The plan's conferences with their estimate, their spending and their settlement's state."""
    return list(
        Conference.objects.filter(plan=plan)
        .annotate(
            estimate_total=Coalesce(_sum_of(EstimateLine, conference=OuterRef("pk")), Value(ZERO), output_field=MONEY),
            actual_total=Coalesce(_sum_of(Expense, conference=OuterRef("pk")), Value(ZERO), output_field=MONEY),
            expense_count=Count("expenses", distinct=True),
            settlement_status=Coalesce(
                Subquery(Settlement.objects.filter(conference=OuterRef("pk")).values("status")[:1]),
                Value(SettlementStatus.OPEN.value),
            ),
        )
        .order_by("starts_at")
    )


def conference_choices(plan: Plan) -> list[Conference]:
    """The plan's conferences an expense may be for, in date order."""
    return list(Conference.objects.filter(plan=plan).order_by("starts_at"))


def expenses_with_documents(**filters: Any) -> list[Expense]:
    return list(
        Expense.objects.filter(**filters)
        .select_related("conference", "recorded_by")
        .prefetch_related(Prefetch("documents", queryset=ExpenseDocument.objects.select_related("file")))
        .order_by("spent_on", "pk")
    )


def year_expenses(plan: Plan) -> list[Expense]:
    """The year's own expenses (not of one conference)."""
    return expenses_with_documents(plan=plan, conference=None)


def conference_expenses(conference: Conference) -> list[Expense]:
    return expenses_with_documents(conference=conference)


def estimate_lines(conference: Conference) -> list[EstimateLine]:
    return list(EstimateLine.objects.filter(conference=conference))


def plan_lines(plan: Plan) -> list[BudgetLine]:
    return list(BudgetLine.objects.filter(plan=plan))


def estimate_from_plan(conference: Conference) -> list[dict[str, Any]]:
    """The rows the estimate form starts with when a conference has none: the plan's lines that have a sum,
    shared equally between the plan's sessions (rounded down to a thousand đồng) when it plans several."""
    plan = conference.plan
    sessions = max(1, plan.sessions.count())
    rows = []
    for line in plan_lines(plan):
        if line.amount is None or line.amount <= 0:
            continue
        amount = line.amount if sessions == 1 else (line.amount / sessions // 1000) * 1000
        if amount > 0:
            rows.append({"category": line.category, "item": line.item, "amount": Decimal(amount)})
    return rows


def undocumented(expenses: list[Expense]) -> list[Expense]:
    """Expenses with no supporting document: a settlement cannot be submitted with any."""
    return [e for e in expenses if not e.documents.all()]


def unsettled(conferences: list[Conference]) -> list[Conference]:
    """Of `conferences_of_plan`'s rows, those the year's settlement waits for: every one not cancelled, or
    cancelled with spending, whose settlement is not approved."""
    return [
        c
        for c in conferences
        if (c.status != ConferenceStatus.CANCELLED or c.expense_count)  # type: ignore[attr-defined]
        and c.settlement_status != SettlementStatus.APPROVED  # type: ignore[attr-defined]
    ]


def unsettled_conferences(plan: Plan) -> list[Conference]:
    return unsettled(conferences_of_plan(plan))
