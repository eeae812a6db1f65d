"""The delegates' list as CSV (issue 7, item 3): the same rows and columns as its Excel export, recorded alike."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from doithoai.audit.models import AuditEvent
from doithoai.delegates import actions
from doithoai.delegates.tests.conftest import HEADS, PEOPLE


def _url(conference):
    return reverse("delegates:export", args=[conference.unit_id, conference.pk])


def test_the_delegates_download_as_csv_like_the_excel(client, cast, conference, village_c):
    for name, village, role, phone in (
        ("Hoàng Văn Pẻo", cast.village_a, HEADS, "0912345678"),
        ("Nông Thị Sim", village_c, PEOPLE, ""),
        ("=HYPERLINK(1)", village_c, PEOPLE, ""),
    ):
        data = {"full_name": name, "role_label": role, **({"phone": phone} if phone else {})}
        actions.delegate_create(actor=cast.officer_a, conference=conference, data=data, village=village)
    client.force_login(cast.officer_a)
    sheet = load_workbook(io.BytesIO(client.get(_url(conference)).content)).worksheets[0]
    excel = [[("" if c.value is None else str(c.value)) for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(excel) if row[0] == "STT")
    response = client.get(_url(conference), {"dinh_dang": "csv"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == excel[header]
    assert [r[1] for r in rows[1:]] == ["Hoàng Văn Pẻo", "Nông Thị Sim", "'=HYPERLINK(1)"]
    assert [r[1] for r in excel[header + 1 :]] == ["Hoàng Văn Pẻo", "Nông Thị Sim", "=HYPERLINK(1)"]
    assert "0912345678" not in response.content.decode("utf-8-sig")  # no phones unless asked, as in Excel
    with_phones = client.get(_url(conference), {"dinh_dang": "csv", "sdt": "1"}).content.decode("utf-8-sig")
    assert "0912345678" in with_phones
    events = AuditEvent.objects.filter(event_type="delegates.exported").order_by("pk")
    assert [e.changes["_extra"]["with_phones"] for e in events] == [False, False, True]
    client.force_login(cast.council_a)
    assert client.get(_url(conference), {"dinh_dang": "csv", "sdt": "1"}).status_code == 403
    client.force_login(cast.officer_b)
    assert client.get(_url(conference), {"dinh_dang": "csv"}).status_code == 404
    page = client.get(reverse("delegates:list", args=[conference.unit_id, conference.pk]))
    assert page.status_code == 404
    client.force_login(cast.officer_a)
    page = client.get(reverse("delegates:list", args=[conference.unit_id, conference.pk]), {"thon": "x"})
    assert "dinh_dang=csv" in page.content.decode()
