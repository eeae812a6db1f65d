"""Issuing a plan registers its number in the unit's register of outgoing documents and stores its Kế hoạch:
the plan's number and the register agree, or neither is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from doithoai.documents import numbering
from doithoai.documents.models import DocumentKind, IssuedDocument, IssuerBody, Layout
from doithoai.documents.tests.util import docx_text
from doithoai.live.tests.conftest import on_day
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.plans.models import Issuer, Plan, PlanStatus

pytestmark = pytest.mark.django_db


def _draft(cast, **changes):
    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    if changes:
        Plan.objects.filter(pk=plan.pk).update(**changes)
        plan.refresh_from_db()
    return plan


@pytest.fixture
def plan(cast):
    # Issued on the day it is dated: the register refuses a date after today.
    with on_day(dt.date(2026, 3, 2)):
        return plan_issue(actor=cast.chair_a, plan=_draft(cast), number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))


def _docx(document: IssuedDocument) -> str:
    return docx_text(bytes(document.docx.data))


def test_issuing_a_plan_registers_its_number_and_stores_the_document(cast, plan):
    document = IssuedDocument.objects.get(kind=DocumentKind.PLAN, plan=plan)
    assert (document.number, document.number_text, document.issued_on) == (91, "91/KH-UBND", dt.date(2026, 3, 2))
    assert (document.issuer, document.layout, document.unit) == (IssuerBody.COMMITTEE, Layout.STATE, cast.commune_a)
    assert document.summary == plan.title
    text = _docx(document)
    assert "Số: 91/KH-UBND" in text
    assert "Điềm He, ngày 02 tháng 3 năm 2026" in text
    assert "DỰ THẢO" not in text
    assert plan.title in text
    # The next plan of the year continues after 91.
    key = numbering.series_key(cast.commune_a, IssuerBody.COMMITTEE, "KH", 2026)
    assert numbering.peek_next(key) == 92


def test_a_number_without_digits_is_refused_and_nothing_is_written(cast):
    draft = _draft(cast)
    with pytest.raises(ValidationError) as caught:
        plan_issue(actor=cast.chair_a, plan=draft, number="KH-UBND", issued_on=dt.date(2026, 3, 2))
    assert caught.value.message_dict["number"] == ["Số kế hoạch phải bắt đầu bằng số, ví dụ: 91/KH-UBND"]
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (PlanStatus.DRAFT, "")
    assert not IssuedDocument.objects.exists()


def test_a_date_after_today_is_refused_and_the_plan_stays_a_draft(cast):
    draft = _draft(cast)
    with on_day(dt.date(2026, 3, 1)), pytest.raises(ValidationError) as caught:
        plan_issue(actor=cast.chair_a, plan=draft, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    assert "issued_on" in caught.value.message_dict
    draft.refresh_from_db()
    assert (draft.status, draft.number, draft.issued_on) == (PlanStatus.DRAFT, "", None)
    assert not IssuedDocument.objects.exists()


def test_a_number_the_register_has_given_is_refused_even_with_another_symbol(cast, plan):
    second = _draft(cast)
    with pytest.raises(ValidationError) as caught:
        plan_issue(actor=cast.chair_a, plan=second, number="91/KH-VP", issued_on=dt.date(2026, 4, 1))
    assert "number" in caught.value.message_dict
    second.refresh_from_db()
    assert second.status == PlanStatus.DRAFT
    assert IssuedDocument.objects.filter(kind=DocumentKind.PLAN).count() == 1


def test_the_plan_keeps_its_typed_symbol_and_the_register_the_standard_one(cast, plan):
    second = plan_issue(actor=cast.chair_a, plan=_draft(cast), number="92/KH-VP", issued_on=dt.date(2026, 4, 1))
    assert second.number == "92/KH-VP"
    document = IssuedDocument.objects.get(plan=second)
    assert document.number_text == "92/KH-UBND"
    assert "Số: 92/KH-UBND" in _docx(document)


def test_a_party_plan_is_issued_in_the_party_layout_and_register(cast):
    draft = _draft(
        cast,
        issuer=Issuer.PARTY,
        signing_authority="TM. ĐẢNG ỦY",
        signer_title="BÍ THƯ",
        signer_name="Lục Văn Bí",
    )
    issued = plan_issue(actor=cast.chair_a, plan=draft, number="01-KH/ĐU", issued_on=dt.date(2026, 3, 2))
    document = IssuedDocument.objects.get(plan=issued)
    assert (document.issuer, document.layout, document.number_text) == (IssuerBody.PARTY, Layout.PARTY, "01-KH/ĐU")
    text = _docx(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG ỦY XÃ ĐIỀM HE" in text
    assert "Số 01-KH/ĐU" in text
    assert "T/M ĐẢNG ỦY" in text
    assert "BÍ THƯ" in text
    assert "Lục Văn Bí" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
