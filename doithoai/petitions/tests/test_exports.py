"""The petition list's download (issue 7, item 3) and the dashboards' filters on the list page: the same rows
as the filtered list, read back with `csv` and openpyxl; no personal data; no formulas; scoped like the list."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from doithoai.petitions.actions.answers import answer_approve, answer_draft, assign
from doithoai.petitions.models import Channel, Petition, Satisfaction
from doithoai.petitions.tests.test_staff import classify, overdue, receive, sectors  # noqa: F401 - a fixture
from doithoai.units.models import Village

TODAY = dt.date(2026, 11, 20)
NAME, PHONE, ADDRESS = "Hoàng Thị Gửi", "0912 345 678", "Số 7 đường Pác Bó"
FORMULA = '=HYPERLINK("http://x";"Bấm") đề nghị sửa cầu Bản Châu'


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False):
        yield TODAY


def answered(cast, petition, *, late=False):
    """Assigned (due in 10 working days), then answered in writing and approved: today, or 40 days after it
    was assigned (`late`), past its due date."""
    if late:
        with time_machine.travel(timezone.now() - dt.timedelta(days=40), tick=False):
            (petition,) = assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
    else:
        (petition,) = assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
    answer = answer_draft(actor=cast.officer_a, petitions=[petition], text="Xã đã bố trí kinh phí trong quý IV.")
    answer_approve(actor=cast.chair_a, answer=answer)
    return Petition.objects.get(pk=petition.pk)


@pytest.fixture
def data(cast, sectors):  # noqa: F811
    """Petitions of commune A in every state the measures tell apart, each sent with a name, a phone and an
    address; one of commune B."""
    khon = Village.objects.create(unit=cast.commune_a, name="Thôn Khòn Pịa")
    personal = {"submitter_name": NAME, "submitter_phone": PHONE, "submitter_address": ADDRESS, "consent_contact": True}
    made = {
        "formula": receive(cast, text=FORMULA, received_on=dt.date(2026, 3, 10), **personal),
        "old": receive(
            cast, text="Đường Nà Pàn xuống cấp từ năm trước.", received_on=dt.date(2025, 12, 20), **personal
        ),
        "on_time": answered(
            cast, classify(cast, receive(cast, text="Đèn đường thôn Bản Châu hỏng.", **personal), sectors["XD-GT-HT"])
        ),
        "overdue": overdue(cast, sectors, village=khon, **personal),
        "school": classify(
            cast,
            receive(cast, text="Trường mầm non thiếu phòng học.", channel=Channel.ONLINE, village=khon, **personal),
            sectors["GD"],
        ),
    }
    with time_machine.travel(timezone.now() - dt.timedelta(days=40), tick=False):
        late = classify(cast, receive(cast, text="Kênh mương nội đồng bị bồi lấp.", **personal), sectors["NN"])
    made["late"] = answered(cast, late, late=True)
    Petition.objects.filter(pk=made["on_time"].pk).update(satisfaction=Satisfaction.SATISFIED)
    receive(cast, unit=cast.commune_b, actor=cast.officer_b, village=cast.village_b, text="Đường Bản Làn hỏng.")
    made["khon"] = khon
    return made


def export_url(cast, query: str, fmt: str, unit=None) -> str:
    base = reverse("petitions:export", args=[(unit or cast.commune_a).pk])
    return f"{base}?{query}&dinh_dang={fmt}" if query else f"{base}?dinh_dang={fmt}"


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for the diacritics
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def read_xlsx(response) -> tuple[list[list], list[str], list]:
    """(data rows, the notes under the title, the sheet)."""
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0].value == "Mã tra cứu")
    notes = [r[0].value for r in rows[1:header] if r[0].value]
    return rows[header + 1 :], notes, rows[header]


def list_codes(client, cast, query: str) -> list[str]:
    response = client.get(reverse("petitions:list", args=[cast.commune_a.pk]) + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return [p.tracking_code for p in response.context["rows"]]


def test_it_downloads_the_same_rows_as_the_list_for_each_filter(client, cast, data, sectors):  # noqa: F811
    client.force_login(cast.officer_a)
    expected = {
        "": {"formula", "old", "on_time", "overdue", "school", "late"},
        f"linh_vuc={sectors['GD'].pk}": {"school"},
        "chi_so=on_time": {"on_time"},
        "chi_so=late": {"late", "overdue"},
        "chi_so=overdue": {"overdue"},
        "chi_so=with_deadline": {"on_time", "late", "overdue"},
        "tu_ngay=2026-01-01&den_ngay=2026-12-31": {"formula", "on_time", "overdue", "school", "late"},
        "tu_ngay=2026-01-01&den_ngay=2026-06-30": {"formula"},
        f"thon={data['khon'].pk}": {"overdue", "school"},
        f"thon={data['khon'].pk}&chi_so=late&tu_ngay=2026-01-01": {"overdue"},
        "chi_so=satisfied&den_ngay=2026-12-31": {"on_time"},
    }
    for query, names in expected.items():
        codes = list_codes(client, cast, query)
        assert set(codes) == {data[n].tracking_code for n in names}, query
        csv_rows = read_csv(client.get(export_url(cast, query, "csv")))
        assert csv_rows[0][0] == "Mã tra cứu" and len(csv_rows[0]) == 15
        assert [r[0] for r in csv_rows[1:]] == codes, query  # the same rows, in the list's order
        xlsx_rows, _notes, _header = read_xlsx(client.get(export_url(cast, query, "xlsx")))
        assert [r[0].value for r in xlsx_rows] == codes, query


def test_it_writes_each_column_as_the_list_and_the_measures_tell_it(client, cast, data, sectors):  # noqa: F811
    client.force_login(cast.officer_a)
    response = client.get(export_url(cast, "", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="y-kien-kien-nghi-2026-11-20.xlsx"' in response["Content-Disposition"]
    rows, notes, header = read_xlsx(response)
    assert [c.value for c in header] == [
        "Mã tra cứu",
        "Ngày tiếp nhận",
        "Kênh",
        "Thôn/TDP",
        "Lĩnh vực",
        "Tính chất",
        "Thẩm quyền",
        "Nội dung",
        "Trạng thái",
        "Cơ quan được giao",
        "Hạn xử lý",
        "Hình thức trả lời",
        "Ngày trả lời",
        "Đúng hạn/Trễ hạn",
        "Ý kiến người dân",
    ]
    assert notes == [cast.commune_a.name, "Trích xuất ngày 20/11/2026"]
    by_code = {r[0].value: [c.value for c in r] for r in rows}
    on_time = by_code[data["on_time"].tracking_code]
    assert on_time[1].date() == TODAY and on_time[3] == cast.village_a.name
    assert on_time[4] == sectors["XD-GT-HT"].name and on_time[7] == "Đèn đường thôn Bản Châu hỏng."
    assert on_time[8] == "Đã có kết quả" and on_time[9] == cast.department_a.name
    assert on_time[11] == "Trả lời bằng văn bản" and on_time[12].date() == TODAY
    assert (on_time[13], on_time[14]) == ("Đúng hạn", "Đồng ý với trả lời")
    late = by_code[data["late"].tracking_code]
    assert late[13] == "Trễ hạn" and late[10].date() < late[12].date()
    waiting = by_code[data["overdue"].tracking_code]
    assert (waiting[11], waiting[12], waiting[13]) == (None, None, "Quá hạn, chưa trả lời")
    school = by_code[data["school"].tracking_code]
    assert (school[2], school[3], school[13]) == ("Gửi trực tuyến", "Thôn Khòn Pịa", None)
    # Diacritics intact in the CSV too, and the same figures.
    csv_rows = read_csv(client.get(export_url(cast, "", "csv")))
    csv_by_code = {r[0]: r for r in csv_rows[1:]}
    assert csv_by_code[data["school"].tracking_code][3] == "Thôn Khòn Pịa"
    assert csv_by_code[data["on_time"].tracking_code][12] == "2026-11-20"
    assert [r[13] for r in csv_rows[1:]].count("Trễ hạn") == 1
    assert [r[13] for r in csv_rows[1:]].count("Quá hạn, chưa trả lời") == 1


def test_it_carries_no_personal_data_and_no_formula(client, cast, data):
    client.force_login(cast.officer_a)
    csv_response = client.get(export_url(cast, "", "csv"))
    xlsx_response = client.get(export_url(cast, "", "xlsx"))
    text = csv_response.content.decode("utf-8-sig")
    rows, _notes, _header = read_xlsx(xlsx_response)
    cells = " ".join(str(c.value) for r in rows for c in r if c.value is not None)
    for content in (text, cells):
        assert NAME not in content and ADDRESS not in content
        assert "345678" not in content.replace(" ", "") and "345 678" not in content
    assert Petition.objects.filter(unit=cast.commune_a, submitter_name=NAME).count() == 6  # they have them
    # A text that starts with "=" stays text: an apostrophe in the CSV, a text cell in Excel.
    csv_text = {r[0]: r[7] for r in read_csv(csv_response)[1:]}
    assert csv_text[data["formula"].tracking_code] == "'" + FORMULA
    cell = next(r[7] for r in rows if r[0].value == data["formula"].tracking_code)
    assert cell.value == FORMULA and cell.data_type == "s"


def test_the_notes_say_the_filters_in_words(client, cast, data, sectors):  # noqa: F811
    client.force_login(cast.officer_a)
    query = f"linh_vuc={sectors['GD'].pk}&thon={data['khon'].pk}&chi_so=pending&tu_ngay=2026-01-01&den_ngay=2026-12-31"
    _rows, notes, _header = read_xlsx(client.get(export_url(cast, query, "xlsx")))
    assert notes == [
        cast.commune_a.name,
        f"Lĩnh vực: {sectors['GD'].name}",
        "Thôn, tổ dân phố: Thôn Khòn Pịa",
        "Chỉ số: Đang giải quyết",
        "Tiếp nhận từ 01/01/2026 đến 31/12/2026",
        "Trích xuất ngày 20/11/2026",
    ]


def test_it_reads_in_a_number_of_queries_that_does_not_grow_with_the_rows(client, cast, sectors):  # noqa: F811
    client.force_login(cast.officer_a)

    def queries(fmt):
        url = export_url(cast, f"linh_vuc={sectors['NN'].pk}&tu_ngay=2026-01-01", fmt)
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries), response

    def add(n):
        for i in range(n):
            petition = classify(cast, receive(cast, text=f"Ý kiến số {i} về thủy lợi"), sectors["NN"])
            answered(cast, petition, late=bool(i % 2))

    add(2)
    few = {fmt: queries(fmt)[0] for fmt in ("csv", "xlsx")}
    add(8)
    many = {}
    for fmt in ("csv", "xlsx"):
        many[fmt], _response = queries(fmt)
    assert few == many
    assert len(read_csv(queries("csv")[1])) == 11


def test_a_download_beyond_the_cap_is_refused_with_a_message(client, cast, data, monkeypatch):
    monkeypatch.setattr("doithoai.petitions.selectors.exports.MAX_ROWS", 3)
    client.force_login(cast.officer_a)
    response = client.get(export_url(cast, "chi_so=late", "csv"))
    assert response.status_code == 200 and response.content.decode("utf-8-sig").count("\r\n") == 3
    response = client.get(export_url(cast, "tu_ngay=2026-01-01", "xlsx"), follow=True)
    assert response.redirect_chain[-1][0].endswith("?tu_ngay=2026-01-01")
    assert "Có hơn 3 ý kiến khớp với bộ lọc" in response.content.decode()
    # Without a format, the list itself.
    response = client.get(reverse("petitions:export", args=[cast.commune_a.pk]) + "?chi_so=late")
    assert response.status_code == 302 and response["Location"].endswith("?chi_so=late")


def test_only_those_who_see_the_list_download_it(client, cast, data):
    for user, status in ((cast.officer_b, 404), (cast.citizen, 404), (cast.council_a, 200), (cast.chair_a, 200)):
        client.force_login(user)
        response = client.get(export_url(cast, "", "csv"))
        assert response.status_code == status, user
        if status != 200:
            assert data["school"].tracking_code not in response.content.decode(errors="replace")
    client.logout()
    response = client.get(export_url(cast, "", "csv"))
    assert response.status_code == 302
    client.force_login(cast.officer_b)  # B downloads its own, without A's
    rows = read_csv(client.get(export_url(cast, "", "csv", unit=cast.commune_b)))
    assert len(rows) == 2 and rows[1][7] == "Đường Bản Làn hỏng."


# ---------------------------------------------------------------- the list page shows the dashboards' filters


def form_params(html: str) -> dict[str, str]:
    """What the filter form sends as it stands: its inputs with a value, its selected options."""
    form = html[html.index('data-testid="filters"') : html.index("</form>", html.index('data-testid="filters"'))]
    params: dict[str, str] = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and value and value.group(1) and ("checkbox" not in tag or "checked" in tag):
            params[name.group(1)] = unescape(value.group(1))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        if chosen and chosen.group(1):
            params[name] = chosen.group(1)
    return params


def test_the_list_shows_the_measure_and_the_dates_and_keeps_them_when_another_filter_changes(
    client,
    cast,
    data,
    sectors,  # noqa: F811
):
    client.force_login(cast.officer_a)
    url = reverse("petitions:list", args=[cast.commune_a.pk])
    response = client.get(url + "?chi_so=late&tu_ngay=2026-01-01&den_ngay=2026-12-31")
    html = response.content.decode()
    assert "Chỉ số: Trễ hạn" in html and "Tiếp nhận từ 01/01/2026 đến 31/12/2026" in html
    assert 'href="?tu_ngay=2026-01-01&amp;den_ngay=2026-12-31" data-testid="chip-measure"' in html
    assert 'href="?chi_so=late" data-testid="chip-received"' in html
    assert 'name="tu_ngay" value="2026-01-01"' in html and 'name="den_ngay" value="2026-12-31"' in html
    export = reverse("petitions:export", args=[cast.commune_a.pk])
    assert f"{export}?chi_so=late&amp;tu_ngay=2026-01-01&amp;den_ngay=2026-12-31&amp;dinh_dang=xlsx" in html
    assert f"{export}?chi_so=late&amp;tu_ngay=2026-01-01&amp;den_ngay=2026-12-31&amp;dinh_dang=csv" in html

    # The form sent again with a village chosen keeps the measure and the dates.
    params = form_params(html)
    assert params == {"tu_ngay": "2026-01-01", "den_ngay": "2026-12-31", "chi_so": "late"}
    params["thon"] = str(data["khon"].pk)
    response = client.get(url, params)
    html = response.content.decode()
    assert [p.tracking_code for p in response.context["rows"]] == [data["overdue"].tracking_code]
    assert "Chỉ số: Trễ hạn" in html and "Tiếp nhận từ 01/01/2026 đến 31/12/2026" in html
    assert form_params(html) == params
    # So does the htmx swap of the results, and the pages' links.
    response = client.get(url, params, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="petition-results")
    assert "Chỉ số: Trễ hạn" in response.content.decode()


def test_the_page_links_keep_the_dashboard_filters(client, cast, monkeypatch):
    monkeypatch.setattr("doithoai.petitions.views.staff.PAGE_SIZE", 2)
    for i in range(3):
        receive(cast, text=f"Ý kiến số {i}", received_on=dt.date(2026, 5, 1 + i))
    client.force_login(cast.officer_a)
    url = reverse("petitions:list", args=[cast.commune_a.pk]) + "?chi_so=pending&tu_ngay=2026-05-01"
    html = client.get(url).content.decode()
    assert "?chi_so=pending&amp;tu_ngay=2026-05-01&amp;trang=2" in html
    assert "Tiếp nhận từ 01/5/2026" in html  # one end only, written as documents write dates


def test_the_list_reads_the_same_number_of_queries_with_the_dashboard_filters(client, cast):
    client.force_login(cast.officer_a)
    url = reverse("petitions:list", args=[cast.commune_a.pk])
    counts = []
    for query in ("", "?chi_so=on_time&tu_ngay=2026-01-01&den_ngay=2026-12-31"):
        client.get(url + query)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url + query).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
