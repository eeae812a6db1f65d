"""The unit's history as a download (issue 7, item 3): the filtered events, newest first, without the values
that changed (a phone, an e-mail)."""

from __future__ import annotations

import csv
import io

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from doithoai.audit.actions import record
from doithoai.units.models import Village


def _url(unit, **params):
    base = reverse("units:history", args=[unit.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _events(cast, n, start=0):
    with transaction.atomic():
        for i in range(start, start + n):
            village = Village.objects.create(unit=cast.commune_a, name=f"Thôn Nà Pàn {i}")
            record(
                actor=cast.officer_a,
                event_type="village.updated",
                obj=village,
                unit=cast.commune_a,
                before={"name": "Thôn cũ", "head_phone": "0987654321"},
                after={"name": village.name, "head_phone": "0911222333"},
            )
        record(actor=cast.officer_b, event_type="village.updated", unit=cast.commune_b, after={"name": "Thôn B"})


def test_the_history_downloads_as_the_filtered_page_shows_it(client, cast):
    _events(cast, 3)
    client.force_login(cast.officer_a)
    page = client.get(_url(cast.commune_a, loai="village.updated", q="na pan"))
    shown = [e.event.pk for e in page.context["events"]]
    assert len(shown) == 3 and "dinh_dang=xlsx" in page.content.decode()
    response = client.get(_url(cast.commune_a, loai="village.updated", q="na pan", dinh_dang="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Thời gian", "Thao tác", "Đối tượng", "Người thực hiện", "Các trường thay đổi"]
    assert [r[2] for r in rows[1:]] == ["Thôn Nà Pàn 2", "Thôn Nà Pàn 1", "Thôn Nà Pàn 0"]
    body = response.content.decode("utf-8-sig")
    assert "0987654321" not in body and "0911222333" not in body and "Thôn B" not in body
    assert cast.officer_a.full_name in rows[1][3]
    response = client.get(_url(cast.commune_a, loai="village.updated", dinh_dang="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Nhật ký thao tác" and values[1][0] == cast.commune_a.name
    header = next(i for i, row in enumerate(values) if row[0] == "Thời gian")
    assert len(values) - header - 1 == 3
    assert not any("0911222333" in str(v) for row in values for v in row)


def test_the_history_download_reads_a_fixed_number_of_queries_and_is_scoped(client, cast):
    client.force_login(cast.officer_a)

    def count():
        url = _url(cast.commune_a, dinh_dang="csv")
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    _events(cast, 1)
    few = count()
    _events(cast, 5, start=1)
    assert count() == few
    client.force_login(cast.officer_b)
    assert client.get(_url(cast.commune_a, dinh_dang="csv")).status_code == 404
    client.force_login(cast.citizen)
    assert client.get(_url(cast.commune_a, dinh_dang="csv")).status_code == 404
