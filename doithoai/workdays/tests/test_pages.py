import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.workdays import actions
from doithoai.workdays.models import CalendarOverride, OverrideKind

D = dt.date


def page_url(unit, **query):
    url = reverse("workdays:calendar", args=[unit.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def add_url(unit):
    return reverse("workdays:add", args=[unit.pk])


def import_url(unit):
    return reverse("workdays:import", args=[unit.pk])


def delete_url(unit, override):
    return reverse("workdays:delete", args=[unit.pk, override.pk])


def deadline_url(unit):
    return reverse("workdays:deadline", args=[unit.pk])


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_it_shows_the_years_holidays_grid_and_forms_to_the_office(cast, as_user):
    response = as_user(cast.officer_a).get(page_url(cast.commune_a, nam=2026))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lịch làm việc năm 2026" in html
    assert "Giỗ Tổ Hùng Vương" in html
    assert 'data-date="2026-02-17" data-status="holiday"' in html
    assert 'data-date="2026-02-14" data-status="weekend"' in html
    assert 'data-date="2026-08-22" data-status="make_up"' in html
    assert 'data-date="2026-02-23" data-status="working"' in html
    assert 'data-testid="add-override"' in html
    assert 'data-testid="import-overrides"' in html
    assert 'data-testid="read-only"' not in html
    assert response.context["section"] == "calendar"
    assert "nationwide" not in response.context["add_form"].fields


def test_it_defaults_to_the_current_year_in_vietnam(cast, as_user):
    # 18:30 UTC on 31/12/2026 is already 01:30 on 01/01/2027 in Hà Nội.
    with time_machine.travel(dt.datetime(2026, 12, 31, 18, 30, tzinfo=dt.UTC), tick=False):
        client = as_user(cast.officer_a)  # signed in at the travelled time, or the idle timeout signs out
        response = client.get(page_url(cast.commune_a))
    assert response.context["year"] == 2027
    assert 'data-date="2027-02-10" data-status="holiday"' in response.content.decode()
    response = client.get(page_url(cast.commune_a, nam="abc"))
    assert response.context["year"] == timezone.localdate().year


def test_it_adds_one_override_and_marks_it_on_the_grid(cast, as_user):
    client = as_user(cast.officer_a)
    response = client.post(
        add_url(cast.commune_a),
        {"add-date": "09/05/2026", "add-kind": OverrideKind.WORKING_DAY, "add-reason": "Tổ chức hội nghị đối thoại"},
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(cast.commune_a, nam=2026)
    override = CalendarOverride.objects.get()
    assert (override.unit, override.date, override.kind) == (cast.commune_a, D(2026, 5, 9), OverrideKind.WORKING_DAY)
    assert AuditEvent.objects.filter(event_type="workdays.override_created", actor=cast.officer_a).count() == 1
    html = client.get(response["Location"]).content.decode()
    assert 'data-date="2026-05-09" data-status="make_up"' in html
    assert "Tổ chức hội nghị đối thoại" in html
    assert delete_url(cast.commune_a, override) in html


def test_it_shows_why_an_override_is_refused(cast, as_user):
    response = as_user(cast.officer_a).post(
        add_url(cast.commune_a),
        {"add-date": "2026-05-12", "add-kind": OverrideKind.WORKING_DAY, "add-reason": "Làm bù"},
    )
    assert response.status_code == 400
    assert "Ngày 12/5/2026 là thứ Ba; ngày làm bù phải là thứ Bảy hoặc Chủ nhật." in response.content.decode()
    response = as_user(cast.officer_a).post(add_url(cast.commune_a), {"add-date": "31/02/2026", "add-reason": ""})
    assert response.status_code == 400
    assert set(response.context["add_form"].errors) == {"date", "kind", "reason"}
    assert not CalendarOverride.objects.exists()
    html = response.content.decode()
    assert "Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 05/06/2026." in html
    assert 'value="31/02/2026"' in html  # kept as typed, to be corrected


def test_it_asks_for_dates_as_day_month_year_not_the_browsers_date_input(cast, as_user):
    html = as_user(cast.officer_a).get(page_url(cast.commune_a, nam=2026)).content.decode()
    assert 'type="date"' not in html
    assert html.count('placeholder="dd/mm/yyyy"') == 2  # the deadline calculator and the override form
    assert 'inputmode="numeric"' in html


def test_it_imports_a_paste_or_lists_its_bad_lines(cast, as_user):
    client = as_user(cast.officer_a)
    bad = "23/02/2026; nghỉ; Nghỉ thêm\n31/02/2026; nghỉ; X\n24/02/2026; xyz; Y"
    response = client.post(import_url(cast.commune_a), {"import-text": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dòng 2: ngày 31/02/2026 không có thật" in html
    assert "Dòng 3: loại “xyz” không hợp lệ, dùng “nghỉ” hoặc “làm bù”" in html
    assert "31/02/2026; nghỉ; X" in html  # the paste is kept for correcting
    assert not CalendarOverride.objects.exists()
    good = "23/02/2026; nghỉ; Nghỉ thêm\n28/02/2026; làm bù; Làm bù cho ngày 23/02"
    response = client.post(import_url(cast.commune_a), {"import-text": good})
    assert response.status_code == 302
    assert CalendarOverride.objects.filter(unit=cast.commune_a).count() == 2


def test_it_deletes_an_override(cast, as_user):
    override = actions.override_create(
        actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 5, 11), kind=OverrideKind.DAY_OFF, reason="Nghỉ bù"
    )
    response = as_user(cast.chair_a).post(delete_url(cast.commune_a, override))
    assert response.status_code == 302
    assert not CalendarOverride.objects.exists()
    assert AuditEvent.objects.filter(event_type="workdays.override_deleted", actor=cast.chair_a).count() == 1


def test_it_shows_the_calendar_read_only_to_the_front(cast, as_user):
    override = actions.override_create(
        actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 5, 11), kind=OverrideKind.DAY_OFF, reason="Nghỉ bù"
    )
    client = as_user(cast.front_a)
    response = client.get(page_url(cast.commune_a, nam=2026))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="read-only"' in html
    assert 'data-testid="add-override"' not in html
    assert "Nghỉ bù" in html
    assert delete_url(cast.commune_a, override) not in html
    payload = {"add-date": "2026-05-12", "add-kind": OverrideKind.DAY_OFF, "add-reason": "X"}
    assert client.post(add_url(cast.commune_a), payload).status_code == 403
    assert client.post(import_url(cast.commune_a), {"import-text": "12/05/2026; nghỉ; X"}).status_code == 403
    assert client.post(delete_url(cast.commune_a, override)).status_code == 403
    assert CalendarOverride.objects.count() == 1


def test_it_shows_a_communes_calendar_to_the_province_read_only(cast, as_user):
    actions.override_create(
        actor=cast.sysadmin, unit=cast.province, date=D(2026, 5, 11), kind=OverrideKind.DAY_OFF, reason="Lễ hội tỉnh"
    )
    response = as_user(cast.province_official).get(page_url(cast.commune_a, nam=2026))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="read-only"' in html
    assert 'data-testid="above-overrides"' in html
    assert "Lễ hội tỉnh" in html
    assert 'data-date="2026-05-11" data-status="day_off"' in html


def test_it_hides_commune_as_calendar_from_commune_b(cast, as_user):
    override = actions.override_create(
        actor=cast.officer_a,
        unit=cast.commune_a,
        date=D(2026, 5, 11),
        kind=OverrideKind.DAY_OFF,
        reason="Nghỉ riêng của Điềm He",
    )
    client = as_user(cast.officer_b)
    assert client.get(page_url(cast.commune_a)).status_code == 404
    assert client.get(deadline_url(cast.commune_a), {"tu_ngay": "2026-05-08", "so_ngay": 1}).status_code == 404
    payload = {"add-date": "2026-05-12", "add-kind": OverrideKind.DAY_OFF, "add-reason": "X"}
    assert client.post(add_url(cast.commune_a), payload).status_code == 404
    assert client.post(import_url(cast.commune_a), {"import-text": "12/05/2026; nghỉ; X"}).status_code == 404
    assert client.post(delete_url(cast.commune_a, override)).status_code == 404
    # Through commune B's own address the override of commune A does not exist either.
    assert client.post(delete_url(cast.commune_b, override)).status_code == 404
    assert "Nghỉ riêng của Điềm He" not in client.get(page_url(cast.commune_b, nam=2026)).content.decode()
    assert CalendarOverride.objects.count() == 1
    assert as_user(cast.citizen).get(page_url(cast.commune_a)).status_code == 404


def test_it_sends_visitors_to_sign_in(cast, client):
    response = client.get(page_url(cast.commune_a))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_lets_the_system_administrator_set_nationwide_days(cast, as_user):
    client = as_user(cast.sysadmin)
    response = client.get(page_url(cast.commune_a, nam=2027))
    assert "nationwide" in response.context["add_form"].fields
    response = client.post(
        add_url(cast.commune_a),
        {
            "add-date": "2027-02-11",
            "add-kind": OverrideKind.DAY_OFF,
            "add-reason": "Nghỉ thêm Tết",
            "add-nationwide": "on",
        },
    )
    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert override.unit is None
    event = AuditEvent.objects.get(event_type="workdays.override_created")
    assert (event.unit, event.actor) == (None, cast.sysadmin)
    # Commune B's officer sees it, and may not delete it.
    client = as_user(cast.officer_b)
    html = client.get(page_url(cast.commune_b, nam=2027)).content.decode()
    assert "Nghỉ thêm Tết" in html
    assert 'data-date="2027-02-11" data-status="day_off"' in html
    assert delete_url(cast.commune_b, override) not in html
    assert client.post(delete_url(cast.commune_b, override)).status_code == 403
    assert CalendarOverride.objects.count() == 1


def test_it_refuses_a_forged_nationwide_override(cast, as_user):
    response = as_user(cast.officer_a).post(
        add_url(cast.commune_a),
        {"add-date": "2027-02-11", "add-kind": OverrideKind.DAY_OFF, "add-reason": "X", "add-nationwide": "on"},
    )
    assert response.status_code == 403
    response = as_user(cast.officer_a).post(
        import_url(cast.commune_a), {"import-text": "11/02/2027; nghỉ; X", "import-nationwide": "on"}
    )
    assert response.status_code == 403
    assert not CalendarOverride.objects.exists()


def test_it_computes_a_deadline_as_an_htmx_fragment(cast, as_user):
    client = as_user(cast.front_a)
    response = client.get(
        deadline_url(cast.commune_a),
        {"tu_ngay": "2026-02-13", "so_ngay": 1, "loai": "lam-viec"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Thứ Hai, ngày 23 tháng 02 năm 2026" in html
    assert "17/02/2026 (Tết Nguyên Đán)" in html


def test_it_computes_a_deadline_without_javascript(cast, as_user):
    response = as_user(cast.officer_a).get(
        deadline_url(cast.commune_a), {"tu_ngay": "10/02/2026", "so_ngay": 7, "loai": "lich"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert "Thứ Hai, ngày 23 tháng 02 năm 2026" in html
    assert "Thứ Ba, ngày 17 tháng 02 năm 2026" in html  # the bare date, a Tết day, and why it moved


def test_it_explains_a_bad_deadline_query(cast, as_user):
    response = as_user(cast.officer_a).get(
        deadline_url(cast.commune_a), {"tu_ngay": "31/02/2026", "so_ngay": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'data-testid="deadline-errors"' in response.content.decode()
