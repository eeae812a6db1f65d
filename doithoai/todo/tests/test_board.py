"""The compliance board of an upper-level plan: who sees it in which state, filters, Excel, queries."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.accounts.roles import Role
from doithoai.conferences.actions import conference_cancel, conference_conclude, timeline_step_complete
from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
from doithoai.conferences.tests.conftest import at, on_day
from doithoai.plans.models import Plan, PlanStatus
from doithoai.todo import selectors
from doithoai.todo.tests.conftest import hold, issued_plan, make_conference, make_user
from doithoai.units.models import AdminUnit, Era, Level

D = dt.date
AFTER_DEADLINE = D(2026, 8, 1)


@pytest.fixture
def scenario(cast, upper_plan, plan_a, plan_b):
    """A held its conference on 05/6; B scheduled its own for 14/8, after the 31/7 deadline."""
    conference_a = make_conference(plan_a, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))
    make_conference(plan_b, cast.officer_b, cast.village_b, D(2026, 8, 14), made_on=D(2026, 5, 4))
    hold(conference_a, cast.officer_a, D(2026, 6, 5))
    return upper_plan


def board_url(plan, name="plans:compliance"):
    return reverse(name, args=[plan.unit_id, plan.pk])


def get(client, user, url, day=AFTER_DEADLINE, **params):
    with on_day(day):
        client.force_login(user)
        return client.get(url, params)


def rows_of(html: str) -> list[str]:
    """The unit codes of the board's rows, in order."""
    return [part.split('"')[0] for part in html.split('data-testid="row-')[1:]]


def communes_of(province: AdminUnit) -> int:
    return AdminUnit.objects.filter(
        path__startswith=province.path, level=Level.COMMUNE, era=Era.CURRENT, is_active=True
    ).count()


# ---------------------------------------------------------------- who sees it, in which state

STATES = ["draft", "issued", "in_progress", "closed"]
#                      draft  issued  in_progress  closed
MATRIX = {
    "province_chair":    "404    200     200          200",
    "province_front":    "404    200     200          200",
    "province_official": "404    200     200          200",
    "sysadmin":          "404    200     200          200",
    "village_head":      "403    403     403          403",
    "officer_a":         "404    404     404          404",
    "officer_b":         "404    404     404          404",
    "citizen":           "404    404     404          404",
}  # fmt: skip


@pytest.mark.parametrize(("who", "state"), [(w, s) for w in MATRIX for s in STATES])
def test_it_shows_the_board_to_the_province_s_staff_and_higher_officials(client, cast, upper_plan, who, state):
    users = {
        "province_chair": lambda: upper_plan.unit.memberships.get(role=Role.CHAIR).user,
        "province_front": lambda: make_user("mattran_tinh", "Lò Văn Mặt", cast.province, Role.FRONT),
        "province_official": lambda: cast.province_official,
        "sysadmin": lambda: cast.sysadmin,
        # Not a role of a province; it shows that the permission, not the unit, refuses it.
        "village_head": lambda: make_user("truongthon_tinh", "Hà Văn Thôn", cast.province, Role.VILLAGE_HEAD),
        "officer_a": lambda: cast.officer_a,
        "officer_b": lambda: cast.officer_b,
        "citizen": lambda: cast.citizen,
    }
    user = users[who]()
    Plan.objects.filter(pk=upper_plan.pk).update(status=state)
    expected = dict(zip(STATES, MATRIX[who].split(), strict=True))[state]
    for name in ("plans:compliance", "plans:compliance_excel"):
        assert get(client, user, board_url(upper_plan, name)).status_code == int(expected), name


def test_it_links_the_board_from_the_upper_plan_only(client, cast, upper_plan, plan_a):
    html = get(client, cast.province_official, reverse("plans:detail", args=[cast.province.pk, upper_plan.pk]))
    assert board_url(upper_plan) in html.content.decode()
    html = get(client, cast.officer_a, reverse("plans:detail", args=[cast.commune_a.pk, plan_a.pk]))
    assert 'data-testid="compliance-card"' not in html.content.decode()


def test_it_links_the_board_from_the_province_official_s_task_list(client, cast, upper_plan):
    html = get(client, cast.province_official, reverse("todo:list")).content.decode()
    assert 'data-testid="no-tasks"' in html
    assert board_url(upper_plan) in html.split('data-testid="boards"')[1]
    html = get(client, cast.officer_a, reverse("todo:list")).content.decode()
    assert 'data-testid="boards"' not in html


def test_it_answers_404_for_a_plan_that_is_not_an_upper_level_one_or_not_of_the_unit(client, cast, upper_plan, plan_a):
    # A commune's own plan has no board, even for its office.
    assert get(client, cast.officer_a, board_url(plan_a)).status_code == 404
    # The province's plan through commune A's workspace.
    url = reverse("plans:compliance", args=[cast.commune_a.pk, upper_plan.pk])
    assert get(client, cast.officer_a, url).status_code == 404
    assert get(client, cast.province_official, url).status_code == 404
    missing = reverse("plans:compliance", args=[cast.province.pk, 999999])
    assert get(client, cast.province_official, missing).status_code == 404
    client.logout()
    assert client.get(board_url(upper_plan)).status_code == 302


# ---------------------------------------------------------------- what it shows


def test_it_lists_every_commune_of_the_province_and_those_not_using_the_system(client, cast, scenario):
    html = get(client, cast.province_official, board_url(scenario)).content.decode()
    total = communes_of(cast.province)
    assert total > 50  # Lạng Sơn: 65 communes and wards
    assert len(rows_of(html)) == total
    assert f'data-testid="summary-total">{total}<' in html
    assert f'data-testid="summary-not-set-up">{total - 2}<' in html
    assert 'data-testid="summary-with-plan">2<' in html
    assert 'data-testid="summary-scheduled">2<' in html
    other = AdminUnit.objects.filter(path__startswith=cast.province.path, level=Level.COMMUNE, is_set_up=False)[0]
    row = html.split(f'data-testid="row-{other.code}"')[1].split("</tr>")[0]
    assert "chưa sử dụng hệ thống" in row


def test_it_filters_searches_and_sorts(client, cast, scenario):
    a, b = cast.commune_a.code, cast.commune_b.code
    url = board_url(scenario)
    user = cast.province_official
    assert rows_of(get(client, user, url, loc="tre-han").content.decode()) == [b]
    not_set_up = rows_of(get(client, user, url, loc="chua-su-dung").content.decode())
    assert a not in not_set_up and b not in not_set_up
    assert len(not_set_up) == communes_of(cast.province) - 2
    assert rows_of(get(client, user, url, q="van quan").content.decode()) == [b]
    assert rows_of(get(client, user, url, q="ĐIỀM HE").content.decode()) == [a]
    assert rows_of(get(client, user, url, q="khong co xa nay").content.decode()) == []
    by_standing = rows_of(get(client, user, url, sap="tinh-trang").content.decode())
    assert by_standing[:2] == [b, a]
    by_date = rows_of(get(client, user, url, sap="ngay").content.decode())
    assert by_date[:2] == [a, b]
    by_name = rows_of(get(client, user, url).content.decode())
    assert by_name == rows_of(get(client, user, url, loc="bogus", sap="bogus").content.decode())
    # The summary counts the whole province, whatever is shown.
    assert 'data-testid="summary-late">1<' in get(client, user, url, q="diem he").content.decode()


def test_it_answers_htmx_with_the_table_only(client, cast, scenario):
    with on_day(AFTER_DEADLINE):
        client.force_login(cast.province_official)
        response = client.get(board_url(scenario), {"loc": "tre-han"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board">')
    assert "<html" not in html
    assert rows_of(html) == [cast.commune_b.code]


def test_it_exports_the_board_to_excel(client, cast, scenario):
    response = get(client, cast.province_official, board_url(scenario, "plans:compliance_excel"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment;" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert "Kế hoạch số 12-KH/TU ngày 02/3/2026 của Ban Thường vụ Tỉnh ủy Lạng Sơn" in values[1][0]
    assert values[2][0] == "Hạn tổ chức xong: 31/7/2026"
    header = values.index(next(r for r in values if r[0] == "STT"))
    assert values[header][1] == "Đơn vị"
    body = {r[1]: r for r in values[header + 1 :]}
    assert len(body) == communes_of(cast.province)
    row_a, row_b = body["Xã Điềm He"], body["Xã Văn Quan"]
    assert row_a[2:9] == (
        "Có",
        "Đã ban hành 91/KH-UBND",
        "05/6/2026",
        "05/6/2026",
        None,
        "Chưa xong (hạn 19/6/2026)",
        "Đã tổ chức",
    )
    assert row_b[3:6] == ("Đã ban hành 15/KH-UBND", "14/8/2026", None)
    assert row_b[8] == "Trễ hạn"
    other = next(r for name, r in body.items() if name not in ("Xã Điềm He", "Xã Văn Quan"))
    assert other[2] == "Chưa sử dụng hệ thống"
    assert other[8] == "Chưa sử dụng hệ thống"
    # The export follows the filter on the page.
    response = get(client, cast.province_official, board_url(scenario, "plans:compliance_excel"), loc="tre-han")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [r[1] for r in sheet.iter_rows(min_row=header + 2, values_only=True)]
    assert names == ["Xã Văn Quan"]


def test_it_shows_the_conclusion_and_the_forwarding_once_done(client, cast, scenario):
    conference = Conference.objects.get(unit=cast.commune_a)
    with on_day(D(2026, 6, 10)):
        timeline_step_complete(actor=cast.officer_a, step=conference.steps.get(key="conclusion_notice"))
        conference_conclude(actor=cast.officer_a, conference=conference)
    with on_day(D(2026, 6, 15)):
        timeline_step_complete(actor=cast.officer_a, step=conference.steps.get(key="written_answers"))
    html = get(client, cast.province_official, board_url(scenario)).content.decode()
    row_a = html.split(f'data-testid="row-{cast.commune_a.code}"')[1].split("</tr>")[0]
    assert "Đã thông báo ngày 10/6/2026" in row_a
    assert "Đã gửi, trả lời ngày 15/6/2026" in row_a
    assert 'data-testid="summary-concluded">1<' in html
    # No made-up number of forwarded issues: the count comes with the petitions.
    assert "kiến nghị</td>" not in row_a


def test_it_counts_a_conference_held_after_the_deadline_as_late(client, cast, upper_plan, plan_a):
    conference = make_conference(plan_a, cast.officer_a, cast.village_a, D(2026, 8, 7), made_on=D(2026, 5, 4))
    hold(conference, cast.officer_a, D(2026, 8, 7))
    html = get(client, cast.province_official, board_url(upper_plan), day=D(2026, 8, 10)).content.decode()
    row_a = html.split(f'data-testid="row-{cast.commune_a.code}"')[1].split("</tr>")[0]
    assert "Tổ chức sau hạn" in row_a
    assert rows_of(get(client, cast.province_official, board_url(upper_plan), loc="tre-han").content.decode()) == [
        cast.commune_a.code,
        cast.commune_b.code,
    ]


def test_it_ignores_cancelled_conferences_and_those_of_another_year(client, cast, upper_plan, plan_a):
    cancelled = make_conference(plan_a, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))
    conference_cancel(actor=cast.chair_a, conference=cancelled)
    html = get(client, cast.province_official, board_url(upper_plan)).content.decode()
    row_a = html.split(f'data-testid="row-{cast.commune_a.code}"')[1].split("</tr>")[0]
    assert "Trễ hạn" in row_a
    assert "05/6/2026" not in row_a


# ---------------------------------------------------------------- queries


def populate(units: list[AdminUnit], year: int) -> None:
    """Each unit set up, with an issued plan and a conference held on 05/6 (rows written directly: test data)."""
    for i, unit in enumerate(units):
        AdminUnit.objects.filter(pk=unit.pk).update(is_set_up=True)
        plan = Plan.objects.create(
            unit=unit, year=year, title=f"Kế hoạch {i}", number=f"{i}/KH-UBND", status=PlanStatus.ISSUED
        )
        conference = Conference.objects.create(
            plan=plan, unit=unit, title=f"Hội nghị {i}", starts_at=at(D(year, 6, 5)), status=ConferenceStatus.HELD
        )
        for key in ("conclusion_notice", "written_answers"):
            TimelineStep.objects.create(conference=conference, key=key, label=key, due_date=D(year, 6, 19))


def board_queries(client, user, plan) -> tuple[int, int, int]:
    with on_day(AFTER_DEADLINE):
        client.force_login(user)
        client.get(board_url(plan))  # warm the caches
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(board_url(plan)).content.decode()
        with CaptureQueriesContext(connection) as excel:
            client.get(board_url(plan, "plans:compliance_excel"))
    return len(ctx.captured_queries), len(rows_of(html)), len(excel.captured_queries)


def test_it_shows_the_board_in_the_same_number_of_queries_for_n_and_2n_units(client, cast, scenario, province_chair):
    small_province = cast.province
    n = communes_of(small_province)
    big = (
        AdminUnit.objects.filter(level=Level.PROVINCE, era=Era.CURRENT)
        .annotate(n=Count("children", filter=Q(children__level=Level.COMMUNE, children__is_active=True)))
        .order_by("-n")[0]
    )
    assert big.n >= 2 * n
    chair = make_user("chutich_lon", "Trần Văn Lớn", big, Role.CHAIR)
    big_plan = issued_plan(big, office=cast.sysadmin, chair=chair, preset="upper", number="20-KH/TU")
    small_units = list(AdminUnit.objects.filter(parent=small_province, level=Level.COMMUNE, is_set_up=False)[:3])
    big_units = list(AdminUnit.objects.filter(parent=big, level=Level.COMMUNE)[:6])
    populate(small_units, 2026)
    populate(big_units, 2026)

    small_queries, small_rows, small_excel = board_queries(client, cast.sysadmin, scenario)
    big_queries, big_rows, big_excel = board_queries(client, cast.sysadmin, big_plan)
    assert (small_rows, big_rows) == (n, big.n)
    assert big_queries == small_queries
    assert big_excel == small_excel
    assert small_queries <= 14


def test_a_legacy_district_s_board_lists_its_communes(client, cast):
    district = AdminUnit.objects.filter(
        era=Era.LEGACY, level=Level.DISTRICT, division_type="huyện", children__isnull=False
    ).distinct()[0]
    chair = make_user("chutich_huyen", "Vũ Văn Huyện", district, Role.CHAIR)
    plan = issued_plan(district, office=cast.sysadmin, chair=chair, preset="upper", number="05-KH/HU")
    communes = AdminUnit.objects.filter(parent=district, level=Level.COMMUNE, era=Era.LEGACY)
    response = get(client, chair, board_url(plan))
    assert response.status_code == 200
    assert sorted(rows_of(response.content.decode())) == sorted(c.code for c in communes)
    # A legacy commune below sees the district's requirement in its tasks.
    commune = communes[0]
    AdminUnit.objects.filter(pk=commune.pk).update(is_set_up=True)
    office = make_user("vanphong_cu", "Lê Văn Cũ", commune, Role.OFFICE)
    tasks = selectors.tasks_for(office, D(2026, 5, 10))
    assert sorted(t.kind for t in tasks) == [selectors.UPPER_CONFERENCE, selectors.UPPER_FORWARDING]
    assert "Ban Thường vụ Huyện ủy" in next(t for t in tasks if t.kind == selectors.UPPER_CONFERENCE).title
