"""The roll-up's table as CSV and Excel: read back, the same rows and numbers as the page."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.units.models import AdminUnit

from .conftest import TODAY


@pytest.fixture
def setting(national, cast, client):
    province = AdminUnit.objects.get(pk=national.province_id)
    Membership.objects.create(user=cast.province_official, unit=province, role=Role.HIGHER_OFFICIAL)
    client.force_login(cast.province_official)
    with time_machine.travel(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, tzinfo=dt.UTC), tick=False):
        yield province


def _page(client, province, query: str) -> tuple[list[str], list[list[object]]]:
    response = client.get(reverse("reports:rollup", args=[province.pk]) + "?" + query)
    assert response.status_code == 200
    headers = [c.header for c in response.context["columns"]]
    return headers, [[c.value for c in item["cells"]] for item in response.context["rows"]]


def _download(client, province, query: str, fmt: str):
    response = client.get(reverse("reports:rollup_export", args=[province.pk]) + f"?dinh_dang={fmt}&" + query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ky=nam&nam=2026", "ky=nam&nam=2025&sap_xep=y-kien&tinh_trang=da-to-chuc"])
def test_the_xlsx_and_the_csv_give_the_pages_rows_and_numbers(setting, client, query):
    province = setting
    headers, rows = _page(client, province, query)
    assert len(rows) >= 10 and any(r[7] for r in rows)

    book = load_workbook(io.BytesIO(_download(client, province, query, "xlsx")))
    sheet = book.active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(values) if r[0] == headers[0] and r[1] == headers[1])
    assert "Năm" in str(values[1][0]) or "Năm" in str(values[2][0])
    assert values[start][: len(headers)] == headers
    body = [r[: len(headers)] for r in values[start + 1 :]]
    assert len(body) == len(rows)
    for got, want in zip(body, rows, strict=True):
        want = [None if v == "" else v for v in want]
        # Dates come back as datetimes at midnight.
        got = [v.date() if isinstance(v, dt.datetime) else v for v in got]
        assert got == want

    text = _download(client, province, query, "csv").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == headers
    assert len(lines) - 1 == len(rows)
    for got, want in zip(lines[1:], rows, strict=True):
        expected = ["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in want]
        assert got == expected


@pytest.mark.django_db
def test_diacritics_stay_and_a_name_is_never_a_formula(setting, client):
    province = setting
    named = AdminUnit.objects.filter(path__startswith=province.path, level="commune").order_by("pk")[0]
    named.name = '=HYPERLINK("http://x") Xã Thử Nghiệm Đông Sơn'
    named.save(update_fields=["name"])
    query = "q=thu+nghiem+dong"
    headers, rows = _page(client, province, query)
    assert [r[0] for r in rows] == [named.name]
    page = client.get(reverse("reports:rollup", args=[province.pk]) + "?" + query).content.decode()
    assert "=HYPERLINK(&quot;http://x&quot;) Xã Thử Nghiệm Đông Sơn</a>" in page
    assert headers[0] == "Đơn vị" and "Tỷ lệ trả lời (%)" in headers

    sheet = load_workbook(io.BytesIO(_download(client, province, query, "xlsx"))).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == named.name)
    assert cell.data_type == "s"

    text = _download(client, province, query, "csv").decode("utf-8-sig")
    line = list(csv.reader(io.StringIO(text)))[1]
    assert line[0] == "'" + named.name
    assert "Đơn vị" in text and "Xã Thử Nghiệm Đông Sơn" in text


@pytest.mark.django_db
def test_an_unknown_format_is_not_found_and_the_page_links_both(setting, client):
    province = setting
    url = reverse("reports:rollup_export", args=[province.pk])
    assert client.get(url + "?dinh_dang=pdf").status_code == 404
    assert client.get(url).status_code == 404
    page = client.get(reverse("reports:rollup", args=[province.pk]) + "?ky=nam&nam=2025&q=xa").content.decode()
    assert f"{url}?dinh_dang=xlsx&amp;ky=nam&amp;nam=2025&amp;q=xa" in page
    assert f"{url}?dinh_dang=csv&amp;ky=nam&amp;nam=2025&amp;q=xa" in page


@pytest.mark.django_db
def test_a_commune_officer_cannot_download_the_provinces_table(cast, client):
    client.force_login(cast.officer_a)
    url = reverse("reports:rollup_export", args=[cast.province.pk]) + "?dinh_dang=csv"
    assert client.get(url).status_code == 404
    client.force_login(cast.province_official)
    assert client.get(url).status_code == 200
