"""Downloads of the answers' area (issue 7, item 3): referrals sent and received, the assigned work, the
overdue list. The same rows as the page, no submitter's personal data, a fixed number of queries, scoped."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from doithoai.accounts.roles import Role
from doithoai.petitions import actions
from doithoai.petitions.actions import referrals
from doithoai.petitions.actions.groups import group_create
from doithoai.petitions.models import Channel
from doithoai.petitions.tests.test_referrals import BODY, ROAD, classify, monday, road  # noqa: F401 - fixtures
from doithoai.petitions.tests.test_staff import overdue, receive, sectors  # noqa: F401 - a fixture
from doithoai.todo.tests.conftest import make_user
from doithoai.units.models import Department


def url(name, unit, **params):
    base = reverse(f"petitions:{name}", args=[unit.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response, first_header: str) -> list[list]:
    assert response.status_code == 200
    values = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == first_header)
    return values[header + 1 :]


def queries(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context.captured_queries)


def test_the_referrals_sent_and_received_download_as_their_pages_show_them(client, cast, road):  # noqa: F811
    referrals.refer_to_parent(actor=cast.officer_a, petitions=road)
    light, _ = actions.create_petition(
        actor=cast.officer_a,
        unit=cast.commune_a,
        data={"text": "Cột điện nghiêng ở thôn Nà Pàn", "channel": Channel.PAPER_FORM, "village": cast.village_a},
    )
    light = classify(light, cast.officer_a)
    referrals.refer_to_body(actor=cast.officer_a, petitions=[light], to_body=BODY, letter_number="12/UBND-VP")
    client.force_login(cast.officer_a)
    page = client.get(url("referrals", cast.commune_a)).content.decode()
    assert page.count('data-testid="referral-row"') == 2 and "?dinh_dang=csv" in page
    rows = read_csv(client.get(url("referrals", cast.commune_a, dinh_dang="csv")))
    assert rows[0][:3] == ["Ngày chuyển", "Chuyển đến", "Nội dung"]
    by_to = {r[1]: r for r in rows[1:]}
    assert set(by_to) == {cast.province.name, BODY}
    assert by_to[cast.province.name][2] == ROAD  # the group's title
    assert by_to[cast.province.name][4] == "2"
    assert set(by_to[cast.province.name][5].split(", ")) == {p.tracking_code for p in road}
    assert (by_to[BODY][2], by_to[BODY][6], by_to[BODY][8]) == (light.text, "12/UBND-VP", "Đang chờ trả lời")
    xlsx_rows = read_xlsx(client.get(url("referrals", cast.commune_a, dinh_dang="xlsx")), "Ngày chuyển")
    assert [r[1] for r in xlsx_rows] == [r[1] for r in rows[1:]]
    for content in (str(rows), str(xlsx_rows)):
        assert "Nông Văn Pàn" not in content and "0912345678" not in content

    # The province's inbox: one petition per referral, its originals counted, no personal data.
    client.force_login(cast.province_officer)
    rows = read_csv(client.get(url("inbox", cast.province, dinh_dang="csv")))
    assert len(rows) == 2 and rows[1][1] == cast.commune_a.name and rows[1][5] == "2"
    assert rows[1][6] == cast.village_a.name and rows[1][7] == "Mới tiếp nhận"
    assert "Nông Văn Pàn" not in str(rows) and "0912345678" not in str(rows)
    client.force_login(cast.officer_b)
    assert client.get(url("referrals", cast.commune_a, dinh_dang="csv")).status_code == 404
    assert client.get(url("inbox", cast.province, dinh_dang="csv")).status_code == 404


def test_the_referrals_download_reads_a_fixed_number_of_queries(client, cast, road):  # noqa: F811
    grouped = road
    referrals.refer_to_parent(actor=cast.officer_a, petitions=grouped)
    client.force_login(cast.officer_a)
    few = queries(client, url("referrals", cast.commune_a, dinh_dang="xlsx"))
    for n in range(3):
        petition, _ = actions.create_petition(
            actor=cast.officer_a,
            unit=cast.commune_a,
            data={"text": f"Cầu {n} hỏng", "channel": Channel.PAPER_FORM, "village": cast.village_a},
        )
        referrals.refer_to_parent(actor=cast.officer_a, petitions=[classify(petition, cast.officer_a)])
    assert queries(client, url("referrals", cast.commune_a, dinh_dang="xlsx")) == few


@pytest.fixture
def work(cast, sectors):  # noqa: F811
    """Three petitions overdue: two with department A, one with a second department; one still in time."""
    water = Department.objects.create(unit=cast.commune_a, name="Phòng Nông nghiệp")
    late = [
        overdue(cast, sectors, text="Mương Khòn Pịa sạt.", submitter_name="Lò Văn Gửi"),
        overdue(cast, sectors, text="Đập Nà Pàn rò rỉ."),
        overdue(cast, sectors, text="Kênh Bản Châu bồi lấp."),
    ]
    late[2].assigned_department = water
    late[2].save(update_fields=["assigned_department"])
    fresh = actions.petition_classify(
        actor=cast.officer_a,
        petition=receive(cast, text="Cầu treo Bản Châu hỏng."),
        kind="recommendation",
        sector=sectors["XD-GT-HT"],
        jurisdiction="this_unit",
    )
    fresh = actions.petition_accept(actor=cast.officer_a, petition=fresh, department=cast.department_a)
    return {"late": late, "fresh": fresh, "water": water}


def test_the_overdue_and_assigned_lists_download_as_their_pages(client, cast, work):
    client.force_login(cast.officer_a)
    page = client.get(url("overdue", cast.commune_a)).content.decode()
    shown = re.findall(r'data-testid="overdue-row" data-code="([^"]+)"', page)
    assert len(shown) == 3 and "?dinh_dang=xlsx" in page
    rows = read_xlsx(client.get(url("overdue", cast.commune_a, dinh_dang="xlsx")), "Cơ quan được giao")
    assert [r[1] for r in rows] == shown
    assert {r[0] for r in rows} == {cast.department_a.name, "Phòng Nông nghiệp"}
    assert all(isinstance(r[7], int) and r[7] > 0 for r in rows)
    csv_rows = read_csv(client.get(url("overdue", cast.commune_a, dinh_dang="csv")))
    assert [r[1] for r in csv_rows[1:]] == shown and "Lò Văn Gửi" not in str(csv_rows)

    page = client.get(url("assigned", cast.commune_a)).content.decode()
    shown = re.findall(r'data-testid="work-item" data-code="([^"]+)"', page)
    assert len(shown) == 4
    rows = read_csv(client.get(url("assigned", cast.commune_a, dinh_dang="csv")))
    assert [r[0] for r in rows[1:]] == shown
    assert int(rows[1][8]) < 0  # days left: the overdue first
    water = work["water"].pk
    page = client.get(url("assigned", cast.commune_a, co_quan=water)).content.decode()
    assert f"?co_quan={water}&amp;dinh_dang=csv" in page
    rows = read_csv(client.get(url("assigned", cast.commune_a, co_quan=water, dinh_dang="csv")))
    assert [r[0] for r in rows[1:]] == [work["late"][2].tracking_code]
    notes = [
        r[0]
        for r in load_workbook(
            io.BytesIO(client.get(url("assigned", cast.commune_a, co_quan=water, dinh_dang="xlsx")).content)
        ).active.iter_rows(max_row=3, values_only=True)
    ]
    assert notes[2] == "Cơ quan được giao: Phòng Nông nghiệp"

    # A department officer downloads only their department's work; the Council may not see the work list.
    officer = make_user("nongnghiep", "Hà Văn Thủy", cast.commune_a, Role.DEPARTMENT_OFFICER)
    officer.memberships.filter(unit=cast.commune_a).update(department=work["water"])
    client.force_login(officer)
    rows = read_csv(client.get(url("assigned", cast.commune_a, dinh_dang="csv")))
    assert [r[0] for r in rows[1:]] == [work["late"][2].tracking_code]
    client.force_login(cast.officer_b)
    assert client.get(url("overdue", cast.commune_a, dinh_dang="csv")).status_code == 404
    assert client.get(url("assigned", cast.commune_a, dinh_dang="csv")).status_code == 404


def test_the_groups_download_as_their_filtered_page(client, cast, sectors):  # noqa: F811
    def made(texts, sector, title):
        petitions = [
            classify(receive(cast, text=t, submitter_name="Lò Thị Gửi"), cast.officer_a, "this_unit") for t in texts
        ]
        group = group_create(actor=cast.officer_a, unit=cast.commune_a, petitions=petitions, title=title)
        group.sector = sectors[sector]
        group.save(update_fields=["sector"])
        return group

    na_pan = made(["Đường Nà Pàn hỏng", "Đường Nà Pàn lầy"], "XD-GT-HT", "Sửa đường Nà Pàn")
    made(["Trường thiếu phòng", "Trường dột"], "GD", "=Trường mầm non")
    made(["Mương sạt", "Mương tắc", "Mương bồi"], "NN", "Mương Khòn Pịa")
    client.force_login(cast.officer_a)

    def titles(response):
        return [row[0].value for row in read_xlsx_rows(response)]

    def read_xlsx_rows(response):
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows())
        header = next(i for i, r in enumerate(rows) if r[0].value == "Nội dung chung")
        return rows[header + 1 :]

    for params, expected in (({}, 3), ({"linh_vuc": sectors["XD-GT-HT"].pk}, 1), ({"q": "muong"}, 1)):
        page = client.get(reverse("petitions:groups", args=[cast.commune_a.pk]), params)
        shown = [group.title for group, _summary in page.context["rows"]]
        assert len(shown) == expected
        response = client.get(reverse("petitions:groups", args=[cast.commune_a.pk]), {**params, "dinh_dang": "xlsx"})
        assert titles(response) == shown, params
    rows = read_csv(client.get(reverse("petitions:groups", args=[cast.commune_a.pk]), {"dinh_dang": "csv"}))
    by_title = {r[0]: r for r in rows[1:]}
    assert by_title["'=Trường mầm non"][2] == sectors["GD"].name
    assert by_title[na_pan.title][3] == "2" and by_title[na_pan.title][4] == cast.village_a.name
    assert by_title["Mương Khòn Pịa"][5] == "Đã phân loại: 3"
    assert "Lò Thị Gửi" not in str(rows)
    client.force_login(cast.officer_b)
    assert client.get(reverse("petitions:groups", args=[cast.commune_a.pk]), {"dinh_dang": "csv"}).status_code == 404
