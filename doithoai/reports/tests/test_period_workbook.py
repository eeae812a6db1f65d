"""The period report as Excel (issue 7, item 3): read back with openpyxl, it gives the dashboard's figures."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from doithoai.petitions.measures import ROUTES
from doithoai.reports.periods import Period
from doithoai.reports.selectors.dashboard import unit_dashboard
from doithoai.reports.tests.conftest import TODAY
from doithoai.reports.tests.test_dashboard import NOW, expected, in_period, petitions_of, sysadmin_client
from doithoai.units.models import AdminUnit

SHEETS = ["Tổng hợp", "Theo lĩnh vực", "Theo thôn", "Theo kênh", "Theo cơ quan", "Hội nghị"]


def table(sheet):
    """The rows below the header (the first row whose first cell is a column title), as lists of values."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[0] and r[1] and i > 0)
    return rows[header], [r for r in rows[header + 1 :] if any(v is not None for v in r)]


@pytest.mark.django_db
def test_the_workbook_has_the_dashboards_figures(national, client, django_user_model):
    unit = AdminUnit.objects.get(pk=national.commune_id)
    sysadmin_client(client, django_user_model)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("reports:period_workbook", args=[unit.pk]), {"ky": "6-thang-cuoi", "nam": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="bao-cao-thong-ke-') and disposition.endswith('.xlsx"')
    assert disposition.isascii()
    board = unit_dashboard(unit, Period.from_query({"ky": "6-thang-cuoi", "nam": "2026"}), today=TODAY)
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == SHEETS

    summary = workbook["Tổng hợp"]
    assert unit.name in summary["A1"].value
    assert "6 tháng cuối năm 2026" in summary["A2"].value
    _, rows = table(summary)
    figures = {label: (count, share) for label, count, share in rows}
    want = expected(in_period(petitions_of(unit.pk), board.period.start, board.period.end))
    assert figures["Ý kiến, kiến nghị tiếp nhận"][0] == board.totals.total == want["received"]
    assert figures["Đã trả lời"] == (want["answered"], board.totals.answered_rate)
    assert figures["Trả lời đúng hạn"] == (want["on_time"], board.totals.on_time_rate)
    assert figures["Trễ hạn"][0] == want["late"]
    assert figures["Quá hạn, chưa trả lời"][0] == want["overdue"]
    assert figures["Người dân đồng ý với trả lời"][0] == want["satisfied"]
    assert figures["Hội nghị trong kỳ"][0] == board.conferences.total
    assert figures["Đại biểu có mặt"][0] == board.conferences.present
    for route in ROUTES:
        assert figures[str(route.label)][0] == board.totals[route] == want[str(route)]

    header, rows = table(workbook["Theo lĩnh vực"])
    assert header[:2] == ["Lĩnh vực", "Tổng số"]
    assert rows[-1][0] == "Tổng cộng" and rows[-1][1] == want["received"]
    assert rows[-1][2:7] == [want[str(route)] for route in ROUTES]
    by_name = {r[0]: r for r in rows[:-1]}
    for sector in board.sectors:
        row = by_name[sector.label or "Chưa phân loại"]
        assert row[1:7] == [sector.figures.total, *[sector.figures[route] for route in ROUTES]]
        assert row[7:] == [sector.figures["on_time"], sector.figures["late"], sector.figures.on_time_rate]
        assert sum(row[2:7]) == row[1]

    _, rows = table(workbook["Theo thôn"])
    assert sum(r[1] for r in rows) == want["received"]
    assert [r[1] for r in rows] == [v.figures.total for v in board.villages]
    _, rows = table(workbook["Theo kênh"])
    assert {r[0]: r[1] for r in rows} == {c.label: c.figures.total for c in board.channels}
    _, rows = table(workbook["Theo cơ quan"])
    assert [r[1:6] for r in rows] == [
        [d.figures.total, d.figures["answered"], d.figures["on_time"], d.figures["late"], d.figures["overdue"]]
        for d in board.departments
    ]
    _, rows = table(workbook["Hội nghị"])
    assert [(r[1], r[4], r[5]) for r in rows] == [(c.title, c.present, c.petitions) for c in board.conference_rows]
    assert len(rows) == board.conferences.total > 0


@pytest.mark.django_db
def test_an_empty_period_gives_a_workbook_of_zeros(cast, client):
    client.force_login(cast.officer_a)
    response = client.get(reverse("reports:period_workbook", args=[cast.commune_a.pk]), {"nam": "2024"})
    workbook = load_workbook(io.BytesIO(response.content))
    _, rows = table(workbook["Tổng hợp"])
    assert {r[0]: r[1] for r in rows}["Ý kiến, kiến nghị tiếp nhận"] == 0
    assert all(r[2] is None for r in rows if r[1] == 0)
    _, rows = table(workbook["Theo lĩnh vực"])
    assert rows == [["Tổng cộng", 0, 0, 0, 0, 0, 0, 0, 0, None]]
