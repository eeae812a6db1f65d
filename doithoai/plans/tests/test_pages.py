"""The plan pages through the test client: scoping, bad input, read-only states, the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.plans import actions
from doithoai.plans.models import BudgetLine, Plan, PlanStatus


def _url(name, plan, *extra):
    return reverse(f"plans:{name}", args=[plan.unit_id, plan.pk, *extra])


def _budget_post(plan, amount, item="Thuê hội trường"):
    """The kinh phí page as sent: the preset's line kept, one line added."""
    line = plan.budget_lines.get()
    return {
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "1",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
        "rows-0-id": str(line.pk),
        "rows-0-order": "1",
        "rows-0-item": line.item,
        "rows-0-amount": "",
        "rows-0-source": line.source,
        "rows-1-id": "",
        "rows-1-order": "2",
        "rows-1-item": item,
        "rows-1-amount": amount,
        "rows-1-source": "Ngân sách xã",
    }


# ---------------------------------------------------------------- tenancy


@pytest.mark.parametrize("name", ["detail", "edit", "section"])
def test_it_answers_404_to_another_commune_for_every_page_of_a_plan(client, cast, plan, name):
    client.force_login(cast.officer_b)
    extra = ["kinh-phi"] if name == "section" else []
    assert client.get(_url(name, plan, *extra)).status_code == 404
    # Nor through commune B's own workspace with commune A's plan id.
    url = reverse(f"plans:{name}", args=[cast.commune_b.pk, plan.pk, *extra])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["issue", "delete"])
def test_it_answers_404_to_another_commune_for_changes(client, cast, plan, name):
    client.force_login(cast.officer_b)
    assert client.post(_url(name, plan), {"number": "1/KH-UBND", "issued_on": "05/06/2026"}).status_code == 404
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_it_lists_only_the_units_own_plans(client, cast, plan):
    actions.plan_create_from_preset(actor=cast.officer_b, unit=cast.commune_b, preset="commune", year=2026)
    client.force_login(cast.officer_a)
    page = client.get(reverse("plans:list", args=[cast.commune_a.pk])).content.decode()
    assert "xã Điềm He năm 2026" in page
    assert "Văn Quan" not in page


def test_it_lets_supervisors_read_but_not_change(client, cast, plan):
    client.force_login(cast.front_a)
    page = client.get(_url("detail", plan))
    assert page.status_code == 200
    assert "Đại diện Nhân dân" in page.content.decode()
    assert client.get(_url("edit", plan)).status_code == 403
    assert client.post(_url("edit", plan), {"title": "X", "year": "2026"}).status_code == 403
    client.force_login(cast.province_official)
    assert client.get(_url("detail", plan)).status_code == 200
    client.force_login(cast.citizen)
    assert client.get(_url("detail", plan)).status_code == 404


# ---------------------------------------------------------------- pages


def test_it_creates_a_plan_from_a_preset_on_the_page(client, cast):
    client.force_login(cast.officer_a)
    url = reverse("plans:create", args=[cast.commune_a.pk])
    page = client.get(url).content.decode()
    assert "Kế hoạch cấp xã (một hội nghị)" in page
    assert "Kế hoạch cấp trên" not in page  # not for a commune
    response = client.post(url, {"preset": "commune", "year": "2026"})
    plan = Plan.objects.get(unit=cast.commune_a)
    assert response.status_code == 302
    assert response["Location"] == _url("detail", plan)


def test_it_shows_every_section_as_the_document_reads(client, cast, plan):
    client.force_login(cast.officer_a)
    page = client.get(_url("detail", plan)).content.decode()
    for text in [
        "KẾ HOẠCH",
        "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15",
        "MỤC ĐÍCH, YÊU CẦU",
        "Nhà Văn hóa xã Điềm He",
        "3 người/thôn, tổ dân phố",
        "TỔ CHỨC THỰC HIỆN",
        "trước 03 ngày khi tổ chức đối thoại",
        "KINH PHÍ THỰC HIỆN",
        "Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "Điềm He, ngày … tháng … năm 2026",
    ]:
        assert text in page, text


def test_it_saves_the_main_fields_and_refuses_a_missing_title(client, cast, plan):
    client.force_login(cast.officer_a)
    response = client.post(_url("edit", plan), {"year": "2026", "title": "  ", "issuer": "committee", "form": "online"})
    assert response.status_code == 200
    assert "Nhập tên kế hoạch." in response.content.decode()
    plan.refresh_from_db()
    assert plan.form == "in_person"
    assert not AuditEvent.objects.filter(event_type="plan.updated").exists()

    data = {"year": "2026", "title": "Kế hoạch đối thoại 2026", "issuer": "committee", "form": "mixed"}
    data |= {"min_attendance": "80", "max_attendance": "200", "units_below_deadline": "05/06/2026"}
    assert client.post(_url("edit", plan), data).status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.form, plan.max_attendance) == ("Kế hoạch đối thoại 2026", "mixed", 200)
    # A commune's form has no upper-level fields, so they are left as they were.
    assert plan.units_below_deadline is None


def test_it_refuses_a_maximum_attendance_below_the_minimum(client, cast, plan):
    client.force_login(cast.officer_a)
    data = {"year": "2026", "title": "T", "issuer": "committee", "form": "mixed"}
    response = client.post(_url("edit", plan), data | {"min_attendance": "200", "max_attendance": "80"})
    assert "Số người dự tối đa phải không nhỏ hơn số tối thiểu (200)." in response.content.decode()


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-5000", "Số tiền không được âm."), ("năm triệu", "Nhập một số, ví dụ 5000000."), ("12.5", "Nhập một số")],
)
def test_it_refuses_a_bad_budget_amount_at_its_row_and_saves_nothing(client, cast, plan, amount, message):
    client.force_login(cast.officer_a)
    response = client.post(_url("section", plan, "kinh-phi"), _budget_post(plan, amount))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert BudgetLine.objects.filter(plan=plan).count() == 1
    assert not AuditEvent.objects.filter(event_type="plan.section_updated").exists()


def test_it_adds_removes_and_reorders_rows_of_a_section(client, cast, plan):
    client.force_login(cast.officer_a)
    data = _budget_post(plan, "5000000")
    data["rows-1-order"] = "0"  # the new line first
    assert client.post(_url("section", plan, "kinh-phi"), data).status_code == 302
    lines = list(plan.budget_lines.all())
    assert [(line.item, line.amount) for line in lines] == [("Thuê hội trường", 5000000), (lines[1].item, None)]
    page = client.get(_url("detail", plan)).content.decode()
    assert "Thuê hội trường: 5000000 đồng" in page

    # Delete the first line and leave a blank new row untouched.
    kept = plan.budget_lines.all()[1]
    data = {
        "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "2",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
        "rows-0-id": str(lines[0].pk),
        "rows-0-item": lines[0].item,
        "rows-0-DELETE": "on",
        "rows-1-id": str(kept.pk),
        "rows-1-item": kept.item,
        "rows-1-source": kept.source,
        "rows-2-id": "",
        "rows-2-item": "",
    }
    assert client.post(_url("section", plan, "kinh-phi"), data).status_code == 302
    assert list(plan.budget_lines.values_list("pk", flat=True)) == [kept.pk]


def test_it_refuses_a_quota_without_a_number(cast, plan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        actions.plan_section_save(
            actor=cast.officer_a,
            plan=plan,
            section="composition",
            rows=[{"role_label": "Đại diện Nhân dân", "kind": "per_village", "quantity": None}],
        )
    assert exc.value.message_dict == {"0-quantity": ["Nhập số đại biểu cho mỗi đơn vị."]}


def test_it_refuses_a_village_of_another_commune_in_a_session(cast, plan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        actions.plan_section_save(
            actor=cast.officer_a,
            plan=plan,
            section="sessions",
            rows=[{"label": "Cụm 1", "villages": [cast.village_b]}],
        )
    assert "0-villages" in exc.value.message_dict


# ---------------------------------------------------------------- lifecycle on the page


def test_it_issues_with_a_number_and_then_keeps_the_plan_read_only(client, cast, plan):
    client.force_login(cast.chair_a)
    response = client.post(_url("issue", plan), {"number": "", "issued_on": "05/06/2026"})
    assert response.status_code == 400
    assert "Nhập số, ký hiệu của kế hoạch" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT

    assert client.post(_url("issue", plan), {"number": "91/KH-UBND", "issued_on": "05/06/2026"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.issued_on.isoformat()) == ("issued", "91/KH-UBND", "2026-06-05")
    page = client.get(_url("detail", plan)).content.decode()
    assert "Điềm He, ngày 05 tháng 6 năm 2026" in page
    assert "Số: 91/KH-UBND" in page

    client.force_login(cast.officer_a)
    assert client.get(_url("edit", plan)).status_code == 302
    before = plan.budget_lines.count()
    response = client.post(_url("section", plan, "kinh-phi"), {"rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    assert plan.budget_lines.count() == before
    assert client.post(_url("delete", plan)).status_code == 400
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_it_does_not_let_the_office_issue(client, cast, plan):
    client.force_login(cast.officer_a)
    assert "issue-form" not in client.get(_url("detail", plan)).content.decode()
    assert client.post(_url("issue", plan), {"number": "1/KH-UBND", "issued_on": "05/06/2026"}).status_code == 403


def test_it_starts_and_closes_through_the_transition_buttons(client, cast, plan):
    actions.plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=plan.created_at.date())
    client.force_login(cast.officer_a)
    assert client.post(_url("transition", plan, "start")).status_code == 302
    assert client.post(_url("transition", plan, "close")).status_code == 403
    client.force_login(cast.chair_a)
    assert client.post(_url("transition", plan, "close")).status_code == 302
    assert client.post(_url("transition", plan, "close")).status_code == 400
    assert client.post(_url("transition", plan, "back")).status_code == 404
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED


# ---------------------------------------------------------------- audit


def test_it_records_one_event_per_change_with_actor_and_unit(cast, plan):
    actions.plan_update(actor=cast.officer_a, plan=plan, data={"venue": "Hội trường UBND xã"})
    actions.plan_update(actor=cast.officer_a, plan=plan, data={"venue": "Hội trường UBND xã"})  # no change
    actions.plan_section_save(
        actor=cast.officer_a, plan=plan, section="recipients", rows=[{"text": "Thường trực HĐND xã"}]
    )
    actions.plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=plan.created_at.date())
    events = list(AuditEvent.objects.filter(object_id=str(plan.pk), event_type__startswith="plan.").order_by("pk"))
    assert [e.event_type for e in events] == ["plan.created", "plan.updated", "plan.section_updated", "plan.issued"]
    assert all(e.unit_id == cast.commune_a.pk for e in events)
    assert [e.actor_id for e in events] == [cast.officer_a.pk] * 3 + [cast.chair_a.pk]
    assert events[1].changes["venue"] == {"before": "Nhà Văn hóa xã Điềm He", "after": "Hội trường UBND xã"}
    assert events[2].changes["recipients"]["after"] == ["Thường trực HĐND xã"]
    assert events[3].changes["status"] == {"before": "draft", "after": "issued"}


def test_it_records_the_deletion_of_a_draft(cast, plan):
    plan_id = plan.pk
    actions.plan_delete(actor=cast.chair_a, plan=plan)
    assert not Plan.objects.filter(pk=plan_id).exists()
    assert AuditEvent.objects.get(event_type="plan.deleted").object_id == str(plan_id)


def test_it_shows_the_plan_history_in_words(client, cast, plan):
    client.force_login(cast.officer_a)
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Plan)
    url = reverse("units:object_history", args=[cast.commune_a.pk, content_type.pk, plan.pk])
    assert "Tạo kế hoạch đối thoại" in client.get(url).content.decode()


# ---------------------------------------------------------------- plan numbers (NĐ 30/2020: restart every year)


def _issued(cast, *, number, on, unit=None, actor=None):
    unit = unit or cast.commune_a
    draft = actions.plan_create_from_preset(actor=cast.sysadmin, unit=unit, preset="commune", year=on.year)
    return actions.plan_issue(actor=actor or cast.chair_a, plan=draft, number=number, issued_on=on)


@pytest.mark.parametrize("typed", ["91/KH-UBND", " 91/kh-ubnd ", "91/Kh - UBND"])
def test_it_refuses_to_issue_a_number_the_unit_used_that_year(cast, plan, typed):
    from django.core.exceptions import ValidationError

    first = _issued(cast, number="91/KH-UBND", on=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        actions.plan_issue(actor=cast.chair_a, plan=plan, number=typed, issued_on=dt.date(2026, 6, 5))
    assert exc.value.message_dict == {
        "number": [f"Số kế hoạch “91/KH-UBND” đã dùng cho kế hoạch “{first.title}” ban hành ngày 02/3/2026."]
    }
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.issued_on) == (PlanStatus.DRAFT, "", None)
    assert not AuditEvent.objects.filter(event_type="plan.issued", object_id=str(plan.pk)).exists()


def test_it_lets_the_same_number_be_used_in_another_year_or_by_another_unit(cast, plan):
    _issued(cast, number="91/KH-UBND", on=dt.date(2025, 12, 30))
    other = actions.plan_create_from_preset(actor=cast.officer_b, unit=cast.commune_b, preset="commune", year=2026)
    chair_b = cast.chair_a.__class__.objects.create(username="chutich_b", full_name="Chủ tịch B")
    from doithoai.accounts.models import Membership
    from doithoai.accounts.roles import Role

    Membership.objects.create(user=chair_b, unit=cast.commune_b, role=Role.CHAIR)
    actions.plan_issue(actor=chair_b, plan=other, number="91/KH-UBND", issued_on=dt.date(2026, 6, 5))
    issued = actions.plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 1, 2))
    assert (issued.status, issued.number_key) == (PlanStatus.ISSUED, "91/KH-UBND")


def test_it_says_on_the_page_which_plan_has_the_number(client, cast, plan):
    first = _issued(cast, number="91/KH-UBND", on=dt.date(2026, 3, 2))
    client.force_login(cast.chair_a)
    response = client.post(_url("issue", plan), {"number": "91/kh-ubnd", "issued_on": "05/06/2026"})
    assert response.status_code == 400
    page = " ".join(response.content.decode().split())
    message = f"Số kế hoạch “91/KH-UBND” đã dùng cho kế hoạch “{first.title}” ban hành ngày 02/3/2026."
    assert 'data-testid="errors-number"' in page and message in page
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    # A draft may carry the number until it is issued: only issued plans hold one.
    assert client.post(_url("issue", plan), {"number": "92/KH-UBND", "issued_on": "05/06/2026"}).status_code == 302


def test_it_refuses_in_the_database_a_second_issued_plan_with_the_number_in_the_year(cast, plan):
    from django.db import IntegrityError, transaction

    _issued(cast, number="91/KH-UBND", on=dt.date(2026, 3, 2))
    Plan.objects.filter(pk=plan.pk).update(number="91/KH-UBND", number_key="91/KH-UBND", issued_on=dt.date(2026, 9, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ISSUED)  # bypassing the action
    # Another year is another register.
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ISSUED, issued_on=dt.date(2027, 1, 4))


def test_it_turns_a_number_taken_at_the_same_moment_into_the_field_error(cast, plan, monkeypatch):
    """Two chairs issue at once: the check passes for both, the database refuses the second."""
    from django.core.exceptions import ValidationError

    first = _issued(cast, number="91/KH-UBND", on=dt.date(2026, 3, 2))
    checks = []
    real_check = actions._check_number_free

    def late_check(plan_, key, issued_on):
        checks.append(key)
        if len(checks) > 1:  # after the database refused: the real check names the plan
            real_check(plan_, key, issued_on)

    monkeypatch.setattr(actions, "_check_number_free", late_check)
    with pytest.raises(ValidationError) as exc:
        actions.plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 6, 5))
    assert first.title in exc.value.message_dict["number"][0]
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


# ---------------------------------------------------------------- the plan page's queries


def _fill(cast, plan, n):
    """n rows in every section; sessions with villages, duties with departments."""
    from doithoai.units.models import Department, Village

    villages = [Village.objects.create(unit=cast.commune_a, name=f"Thôn {plan.pk}-{i}") for i in range(n)]
    departments = [Department.objects.create(unit=cast.commune_a, name=f"Phòng {plan.pk}-{i}") for i in range(n)]
    rows: dict[str, list[dict[str, Any]]] = {
        "legal_bases": [{"lead": "Căn cứ", "text": f"Văn bản {i}"} for i in range(n)],
        "topics": [{"text": f"Nội dung {i}"} for i in range(n)],
        "programme": [{"text": f"Mục {i}"} for i in range(n)],
        "recipients": [{"text": f"Nơi nhận {i}"} for i in range(n)],
        "sessions": [{"label": f"Đợt {i}", "planned_month": 6, "villages": villages} for i in range(n)],
        "composition": [
            {"group": f"Nhóm {i % 2}", "role_label": f"Thành phần {i}", "kind": "per_village", "quantity": 2}
            for i in range(n)
        ],
        "assignments": [
            {
                "assignee_text": f"Cơ quan {i}",
                "assignee_department": departments[i],
                "duty": "Việc",
                "due_offset_days": -3,
            }
            for i in range(n)
        ],
        "budget_lines": [{"item": f"Khoản {i}", "amount": 1000, "source": "Ngân sách"} for i in range(n)],
    }
    for section, section_rows in rows.items():
        actions.plan_section_save(actor=cast.officer_a, plan=plan, section=section, rows=section_rows)


def test_it_shows_a_plan_in_the_same_number_of_queries_however_many_rows(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (3, 6):
        plan = actions.plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
        _fill(cast, plan, n)
        client.force_login(cast.officer_a)
        client.get(_url("detail", plan))  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(_url("detail", plan)).content.decode()
        assert f"Khoản {n - 1}" in page and f"Thôn {plan.pk}-{n - 1}" in page and f"Phòng {plan.pk}-{n - 1}" in page
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# ---------------------------------------------------------------- rows the seeds needed


@pytest.mark.parametrize(
    ("section", "row", "errors"),
    [
        ("sessions", {"label": "Đợt 1", "planned_month_end": 9}, {"0-planned_month_end": ["Ghi cả tháng bắt đầu"]}),
        (
            "sessions",
            {"label": "Đợt 1", "planned_month": 9, "planned_month_end": 8},
            {"0-planned_month_end": ["Tháng kết thúc phải sau tháng bắt đầu (9)."]},
        ),
        (
            "sessions",
            {"label": "Đợt 1", "planned_month": 8, "planned_month_end": 13},
            {"0-planned_month_end": ["Tháng"]},
        ),
        (
            "composition",
            {"role_label": "Toàn thể Nhân dân", "kind": "open", "quantity": 5},
            {"0-quantity": ["Thành phần mở cho mọi người dân thì không ghi số lượng."]},
        ),
        (
            "composition",
            {"role_label": "Đại biểu huyện", "kind": "fixed", "for_units_below": True},
            {"0-for_units_below": ["Chỉ kế hoạch cấp trên mới quy định thành phần cho đơn vị cấp dưới."]},
        ),
        (
            "assignments",
            {"assignee_text": "Văn phòng", "duty": "Việc", "due_offset_days": -3, "due_date": dt.date(2026, 6, 1)},
            {"0-due_offset_days": ["Ghi hạn là một ngày cụ thể hoặc số ngày so với ngày hội nghị, không cả hai."]},
        ),
        (
            "assignments",
            {"assignee_text": "Văn phòng", "duty": "Việc", "due_offset_days": 400},
            {"0-due_offset_days": ["Số ngày so với ngày hội nghị phải từ -365 đến 365."]},
        ),
    ],
)
def test_it_refuses_rows_the_new_fields_make_meaningless(cast, plan, section, row, errors):
    from django.core.exceptions import ValidationError

    before = getattr(plan, section).count()
    with pytest.raises(ValidationError) as exc:
        actions.plan_section_save(actor=cast.officer_a, plan=plan, section=section, rows=[row])
    got = exc.value.message_dict
    assert set(got) == set(errors)
    for key, starts in errors.items():
        assert got[key][0].startswith(starts[0]), got
    assert getattr(plan, section).count() == before


def test_it_keeps_the_words_that_lead_a_legal_basis(client, cast, plan):
    actions.plan_section_save(
        actor=cast.officer_a,
        plan=plan,
        section="legal_bases",
        rows=[
            {"text": "Luật số 10/2022/QH15"},  # no lead given: "Căn cứ"
            {"lead": "Thực hiện", "text": "Điều 43 Luật số 72/2025/QH15"},
            {"lead": "", "text": "Điều 32 Luật số 10/2022/QH15"},  # continues the sentence above
        ],
    )
    assert list(plan.legal_bases.values_list("lead", flat=True)) == ["Căn cứ", "Thực hiện", ""]
    client.force_login(cast.officer_a)
    page = " ".join(client.get(_url("detail", plan)).content.decode().split())
    assert "Căn cứ Luật số 10/2022/QH15;" in page
    assert "Thực hiện Điều 43 Luật số 72/2025/QH15;" in page
    assert '<p class="fst-italic mb-1">Điều 32 Luật số 10/2022/QH15;</p>' in page
    # A new row of the page starts with "Căn cứ"; left blank, the row is not saved.
    section_page = client.get(_url("section", plan, "can-cu")).content.decode()
    assert 'name="rows-3-lead" value="Căn cứ"' in section_page


def test_it_shows_a_deadline_counted_from_the_conference_in_words(client, cast, plan):
    actions.plan_section_save(
        actor=cast.officer_a,
        plan=plan,
        section="assignments",
        rows=[
            {"assignee_text": "Ủy ban MTTQ", "duty": "Gửi báo cáo tổng hợp", "due_offset_days": -3},
            {"assignee_text": "Văn phòng", "duty": "Thông báo kết luận", "due_offset_days": 10},
        ],
    )
    client.force_login(cast.officer_a)
    page = client.get(_url("detail", plan)).content.decode()
    assert 'Gửi báo cáo tổng hợp <span class="fst-italic">(trước hội nghị 03 ngày)</span>' in page
    assert "(sau hội nghị 10 ngày)" in page


def test_it_saves_and_comes_back_with_ten_blank_rows_to_type_a_long_section(client, cast, plan):
    client.force_login(cast.officer_a)
    page = client.get(_url("section", plan, "kinh-phi")).content.decode()
    assert 'name="rows-TOTAL_FORMS" value="3"' in page  # the preset's line and two blank rows

    # Bad input with the button: nothing saved, the rows come back as typed, with the error at the row.
    data = _budget_post(plan, "-1", item="Nước uống")
    data["add_rows"] = "1"
    response = client.post(_url("section", plan, "kinh-phi"), data)
    assert response.status_code == 400
    assert "Nước uống" in response.content.decode()
    assert plan.budget_lines.count() == 1

    data = _budget_post(plan, "5000000")
    data["add_rows"] = "1"
    response = client.post(_url("section", plan, "kinh-phi"), data)
    assert response.status_code == 302
    assert response.url == _url("section", plan, "kinh-phi") + "?them=1"
    assert plan.budget_lines.count() == 2  # what was typed is saved first

    page = client.get(response.url).content.decode()
    assert 'name="rows-TOTAL_FORMS" value="12"' in page
    assert "Thuê hội trường" in page
