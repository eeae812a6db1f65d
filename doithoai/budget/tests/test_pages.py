"""The budget pages over HTTP, as the accountant, the chair and the others use them."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.budget import actions
from doithoai.budget.models import Expense, ExpenseDocument, SettlementStatus
from doithoai.budget.tests.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _year(unit, year=None):
    url = reverse("budget:year", args=[unit.pk])
    return f"{url}?nam={year}" if year else url


def _expense_data(conference, **extra):
    data = {
        "conference": str(conference.pk) if conference else "",
        "category": "sound",
        "item": "Thuê loa máy, âm thanh",
        "amount": "1.200.000",
        "spent_on": "05/06/2026",
        "voucher_number": "PC-12",
        "payee": "Cửa hàng điện tử Bình Minh",
        "note": "",
        "submission_key": "abc",
    }
    data.update(extra)
    return data


def test_the_accountant_lands_on_the_budget_and_its_menu_shows_nothing_else(client, cast, plan):
    client.force_login(cast.accountant_a)
    home = client.get(reverse("units:home", args=[cast.commune_a.pk]))
    assert home.status_code == 302 and home["Location"] == _year(cast.commune_a)
    page = client.get(_year(cast.commune_a)).content.decode()
    assert 'data-testid="nav-budget"' in page
    assert 'data-testid="nav-petitions"' not in page and 'data-testid="nav-reports"' not in page
    assert 'data-testid="nav-tasks"' not in page  # the staff's task list would refuse it


def test_staff_keep_their_menu_with_the_budget_for_those_who_read_it(client, cast, plan):
    client.force_login(cast.officer_a)
    page = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="nav-budget"' in page and 'data-testid="nav-petitions"' in page
    assert 'data-testid="nav-tasks"' in page
    client.force_login(cast.front_a)
    page = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="nav-budget"' not in page and 'data-testid="nav-petitions"' in page


def test_the_year_page_shows_the_estimate_against_the_spending(client, cast, plan, conference):
    actions.expense_record(
        actor=cast.accountant_a,
        plan=plan,
        data={
            "conference": conference,
            "category": "refreshments",
            "item": "Nước uống",
            "amount": "850000",
            "spent_on": dt.date(2026, 6, 5),
        },
    )
    client.force_login(cast.chair_a)
    page = client.get(_year(cast.commune_a, 2026)).content.decode()
    assert "6.900.000" in page and "850.000" in page and "6.050.000" in page
    assert conference.title in page
    # The year's settlement waits for the conference's, and says so.
    assert 'data-testid="year-waiting"' in page


def test_the_year_page_reads_a_fixed_number_of_queries(client, cast, plan, conference, coming):
    client.force_login(cast.accountant_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_year(cast.commune_a, 2026)).status_code == 200
        return len(queries)

    def add(i: int) -> None:
        expense = actions.expense_record(
            actor=cast.accountant_a,
            plan=plan,
            data={
                "conference": conference if i % 2 else None,
                "category": "printing",
                "item": f"In {i}",
                "amount": "10000",
                "spent_on": dt.date(2026, 6, 5),
            },
        )
        actions.document_attach(actor=cast.accountant_a, expense=expense, title="Hóa đơn", upload=pdf_upload())

    add(0)
    count()  # the first request of a session reads more (the session, the user's memberships)
    before = count()
    for i in range(1, 6):
        add(i)
    assert count() == before


def test_an_expense_typed_with_dots_is_recorded_and_bad_input_is_shown_at_its_field(client, cast, plan, conference):
    client.force_login(cast.accountant_a)
    url = reverse("budget:expense_add", args=[cast.commune_a.pk, plan.pk])
    bad = client.post(url, _expense_data(conference, amount="một triệu", item="", submission_key="k0"))
    assert bad.status_code == 400
    body = bad.content.decode()
    assert 'data-testid="errors-amount"' in body and 'data-testid="errors-item"' in body
    assert "một triệu" in body  # what was typed is kept
    assert not Expense.objects.exists()
    response = client.post(url, _expense_data(conference))
    expense = Expense.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "budget:expense", args=[cast.commune_a.pk, expense.pk]
    )
    assert expense.amount == 1200000 and expense.conference == conference and expense.spent_on == dt.date(2026, 6, 5)
    # The same form sent twice (a double click) records once.
    client.post(url, _expense_data(conference))
    assert Expense.objects.count() == 1


def test_a_document_is_attached_on_the_expense_page_and_downloaded(client, cast, plan, conference):
    client.force_login(cast.accountant_a)
    client.post(reverse("budget:expense_add", args=[cast.commune_a.pk, plan.pk]), _expense_data(conference))
    expense = Expense.objects.get()
    url = reverse("budget:expense", args=[cast.commune_a.pk, expense.pk])
    refused = client.post(url, {"do": "attach", "title": "Hóa đơn", "file": io.BytesIO(b"plain text")})
    assert refused.status_code == 400 and 'data-testid="errors-file"' in refused.content.decode()
    # The page's form carries a key: the same form sent twice (a double click) attaches once.
    key = re.search(r'name="submission_key" value="([0-9a-f]{32})"', client.get(url).content.decode())
    assert key is not None
    for _click in range(2):
        done = client.post(
            url, {"do": "attach", "title": "Hóa đơn số 0001234", "file": pdf_upload(), "submission_key": key.group(1)}
        )
        assert done.status_code == 302
    document = ExpenseDocument.objects.get()
    download = client.get(reverse("budget:document", args=[cast.commune_a.pk, expense.pk, document.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")
    # Who read it is recorded: a signed list of allowances carries the delegates' names.
    from doithoai.audit.models import AuditEvent

    read = AuditEvent.objects.get(event_type="budget.document_viewed")
    assert read.actor_id == cast.accountant_a.pk and read.unit_id == cast.commune_a.pk
    # A file changed in the database since it was stored is refused, never served.
    from doithoai.documents.models import StoredFile

    StoredFile.objects.filter(pk=document.file_id).update(data=b"%PDF-1.4 changed")
    url_doc = reverse("budget:document", args=[cast.commune_a.pk, expense.pk, document.pk])
    assert client.get(url_doc).status_code == 409
    # Another commune's officer cannot reach it.
    client.force_login(cast.officer_b)
    assert client.get(reverse("budget:document", args=[cast.commune_a.pk, expense.pk, document.pk])).status_code == 404


def test_the_chair_approves_on_the_page_and_the_sheet_and_workbook_say_the_same(client, cast, plan, conference):
    from openpyxl import load_workbook

    client.force_login(cast.accountant_a)
    client.post(reverse("budget:expense_add", args=[cast.commune_a.pk, plan.pk]), _expense_data(conference))
    expense = Expense.objects.get()
    client.post(
        reverse("budget:expense", args=[cast.commune_a.pk, expense.pk]),
        {"do": "attach", "title": "Hóa đơn", "file": pdf_upload()},
    )
    settle = reverse("budget:settlement", args=[cast.commune_a.pk, plan.pk])
    client.post(settle, {"hoi_nghi": conference.pk, "transition": "submit"})
    client.force_login(cast.chair_a)
    page = client.get(reverse("budget:conference", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert 'data-testid="settlement-approve"' in page and 'data-testid="add-expense"' not in page
    client.post(settle, {"hoi_nghi": conference.pk, "transition": "approve"})
    assert conference.settlement.status == SettlementStatus.APPROVED
    sheet_url = reverse("budget:settlement_sheet", args=[cast.commune_a.pk, plan.pk])
    sheet = client.get(f"{sheet_url}?hoi_nghi={conference.pk}").content.decode()
    assert "BẢNG QUYẾT TOÁN KINH PHÍ" in sheet and "1.200.000" in sheet and "Đã phê duyệt quyết toán" in sheet
    workbook = client.get(f"{sheet_url}?hoi_nghi={conference.pk}&dinh_dang=xlsx")
    book = load_workbook(io.BytesIO(workbook.content))
    rows = [row for row in book["Tổng hợp"].iter_rows(values_only=True) if row and row[1] == "Tổng cộng"]
    assert rows == [(None, "Tổng cộng", 0, 1200000, -1200000)]
    detail = list(book["Chi tiết khoản chi"].iter_rows(values_only=True))
    assert any(row[4] == "Thuê loa máy, âm thanh" and row[7] == 1200000 and row[8] == 1 for row in detail if row)


def test_a_refused_transition_says_why(client, cast, plan, conference):
    client.force_login(cast.accountant_a)
    settle = reverse("budget:settlement", args=[cast.commune_a.pk, plan.pk])
    client.post(reverse("budget:expense_add", args=[cast.commune_a.pk, plan.pk]), _expense_data(conference))
    response = client.post(settle, {"hoi_nghi": conference.pk, "transition": "submit"}, follow=True)
    assert "chưa có chứng từ kèm theo" in response.content.decode()


def test_the_plan_estimate_is_edited_on_the_budget_page_while_the_plan_is_a_draft(client, cast, draft_plan):
    client.force_login(cast.accountant_a)
    url = reverse("budget:plan_estimate", args=[cast.commune_a.pk, draft_plan.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-order": "1",
        "rows-0-category": "hall",
        "rows-0-item": "Khánh tiết",
        "rows-0-amount": "1500000",
        "rows-0-source": "Ngân sách xã",
    }
    # The preset's own line (one, without a sum) is replaced by the one typed.
    response = client.post(url, data)
    assert response.status_code == 302
    assert [(x.category, x.item, x.amount) for x in draft_plan.budget_lines.all()] == [("hall", "Khánh tiết", 1500000)]
