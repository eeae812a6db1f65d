"""The staff pages of the petitions (issue 4): the list with its filters and supervision highlights, one
petition's page with its forms, attachments and submitter, and the sectors — through HTTP, with the cast."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.petitions import actions
from doithoai.petitions.actions import attachments as attachment_actions
from doithoai.petitions.models import (
    Attachment,
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionStatus,
    Satisfaction,
    Sector,
)
from doithoai.petitions.selectors import PetitionFilters, petitions_filtered
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.units.models import Department, Village

S = PetitionStatus
ROAD = "Đường từ thôn Nà Pàn ra quốc lộ xuống cấp, đề nghị sửa."


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xa4\x16\x1a")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


def receive(cast, text=ROAD, actor=None, unit=None, **data):
    values = {"text": text, "channel": Channel.PAPER_FORM, "village": cast.village_a}
    values.update(data)
    petition, _ = actions.petition_receive(actor=actor or cast.officer_a, unit=unit or cast.commune_a, data=values)
    return petition


def classify(cast, petition, sector, kind=Kind.RECOMMENDATION, jurisdiction=Jurisdiction.THIS_UNIT):
    return actions.petition_classify(
        actor=cast.officer_a, petition=petition, kind=kind, sector=sector, jurisdiction=jurisdiction
    )


def overdue(cast, sectors, text="Mương thủy lợi Khòn Pịa bị sạt, chưa được sửa.", **data):
    """Assigned 40 days ago with the usual 10 working days: past its due date today."""
    with time_machine.travel(timezone.now() - dt.timedelta(days=40), tick=False):
        petition = classify(cast, receive(cast, text=text, **data), sectors["NN"])
        return actions.petition_accept(actor=cast.officer_a, petition=petition, department=cast.department_a)


def notified(cast, sectors, text="Đề nghị lắp đèn chiếu sáng đường liên thôn."):
    petition = classify(cast, receive(cast, text=text), sectors["XD-GT-HT"])
    petition = actions.petition_accept(actor=cast.officer_a, petition=petition, department=cast.department_a)
    petition = actions.petition_resolve(actor=cast.chair_a, petition=petition)
    return actions.petition_notify(actor=cast.officer_a, petition=petition)


def list_url(cast, **params):
    url = reverse("petitions:list", args=[cast.commune_a.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def detail_url(cast, petition, name="detail", *extra):
    return reverse(f"petitions:{name}", args=[cast.commune_a.pk, petition.pk, *extra])


def codes(response) -> set[str]:
    return {p.tracking_code for p in response.context["rows"]}


# ---------------------------------------------------------------- the list


@pytest.fixture
def conference(cast):
    with on_day(dt.date(2026, 3, 2)):
        plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
        plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    with on_day(dt.date(2026, 5, 4)):
        return make_conference(cast, plan, dt.date(2026, 6, 5))


def test_the_list_filters_by_every_field_and_searches_without_diacritics(client, cast, sectors, conference):
    other_village = Village.objects.create(unit=cast.commune_a, name="Thôn Khòn Pịa")
    water = Department.objects.create(unit=cast.commune_a, name="Phòng Nông nghiệp")
    road = receive(cast, submitter_name="Hoàng Thị Gửi", conference=conference)
    school = classify(
        cast,
        receive(cast, text="Trường mầm non thiếu phòng học.", channel=Channel.ONLINE, village=other_village),
        sectors["GD"],
        kind=Kind.FEEDBACK,
        jurisdiction=Jurisdiction.HIGHER_LEVEL,
    )
    late = overdue(cast, sectors)
    assigned = classify(cast, receive(cast, text="Nước sinh hoạt bị đục."), sectors["TNMT"])
    assigned = actions.petition_accept(actor=cast.officer_a, petition=assigned, department=water)
    again = actions.petition_reopen(actor=cast.officer_a, petition=notified(cast, sectors))
    unhappy = notified(cast, sectors, text="Đề nghị nạo vét kênh mương.")
    Petition.objects.filter(pk=unhappy.pk).update(satisfaction=Satisfaction.UNSATISFIED)  # the citizen's word
    receive(cast, unit=cast.commune_b, actor=cast.officer_b, village=cast.village_b, text="Đường Bản Làn hỏng.")
    client.force_login(cast.officer_a)

    response = client.get(list_url(cast))
    assert response.status_code == 200
    assert codes(response) == {p.tracking_code for p in (road, school, late, assigned, again, unhappy)}
    assert "Hoàng Thị Gửi" not in response.content.decode()  # no submitter in the list
    cases = {
        "q=duong": {road, again},  # "duong" finds "Đường" and "đường"
        "q=MAM%20NON": {school},
        f"q={school.tracking_code[:4]}-{school.tracking_code[4:]}": {school},
        "trang_thai=classified": {school},
        f"linh_vuc={sectors['GD'].pk}": {school},
        f"thon={other_village.pk}": {school},
        "kenh=online": {school},
        "tinh_chat=feedback": {school},
        "tham_quyen=higher_level": {school},
        f"hoi_nghi={conference.pk}": {road},
        f"co_quan={water.pk}": {assigned},
        "qua_han=1": {late},
        "mo_lai=1": {again},
        "chua_dong_y=1": {unhappy},
        "q=duong&mo_lai=1": {again},
        "trang_thai=nonsense&linh_vuc=abc": {road, school, late, assigned, again, unhappy},
    }
    for query, expected in cases.items():
        response = client.get(list_url(cast) + "?" + query)
        assert response.status_code == 200, query
        assert codes(response) == {p.tracking_code for p in expected}, query
    response = client.get(
        reverse("petitions:supervision", args=[cast.commune_a.pk]) + "?q=duong", HTTP_HX_REQUEST="true"
    )
    counts = {s["key"]: s["count"] for s in response.context["supervision"]}
    assert counts == {"overdue": 1, "reopened": 1, "unsatisfied": 1}
    page = response.content.decode()
    assert 'data-testid="count-overdue">1<' in page and "?q=duong&amp;qua_han=1" in page


def test_the_selector_the_bench_calls_narrows_and_orders_newest_first(cast, sectors):
    with time_machine.travel(timezone.now() - dt.timedelta(days=3), tick=False):
        older = receive(cast, text="Đường xuống cấp lâu ngày.")
    newer = receive(cast, text="Đường mới làm đã nứt.")
    filters = PetitionFilters.from_query({"q": "duong"})
    assert list(petitions_filtered(cast.commune_a, filters)) == [newer, older]
    assert filters.params() == {"q": "duong"}
    assert PetitionFilters(overdue=True, sector=3).params() == {"linh_vuc": "3", "qua_han": "1"}


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.mark.parametrize("user", ["officer_a", "council_a"])
def test_the_list_reads_a_page_in_a_number_of_queries_that_does_not_grow_with_the_petitions(
    client, cast, sectors, user
):
    # session, user, roles, unit; count, page; supervision counts; sectors, villages, departments, conferences
    client.force_login(getattr(cast, user))
    departments = [Department.objects.create(unit=cast.commune_a, name=f"Phòng {i}") for i in range(3)]
    villages = [Village.objects.create(unit=cast.commune_a, name=f"Thôn {i}") for i in range(3)]

    def add(n, start):
        for i in range(start, start + n):
            petition = receive(cast, text=f"Ý kiến số {i} về đường", village=villages[i % 3])
            if i % 2:
                petition = classify(cast, petition, list(sectors.values())[i % 10])
                actions.petition_accept(actor=cast.officer_a, petition=petition, department=departments[i % 3])

    supervision = reverse("petitions:supervision", args=[cast.commune_a.pk])
    add(5, 0)
    few, _ = _queries(client, list_url(cast))
    few_counts, _ = _queries(client, supervision)
    add(55, 5)
    many, response = _queries(client, list_url(cast))
    assert len(response.context["rows"]) == 50
    assert (response.context["page"].count, response.context["page"].num_pages) == (60, 2)
    assert few == many
    searched, response = _queries(client, list_url(cast, q="duong", trang=2))
    assert len(response.context["rows"]) == 10 and not response.context["page"].has_next
    # Two more, whatever the data: the unit's village and sector names the words match (selectors.word_match).
    assert searched == many + 2
    many_counts, _ = _queries(client, supervision)
    assert few_counts == many_counts


def test_a_big_list_counts_up_to_a_cap_and_pages_on(client, cast, monkeypatch):
    monkeypatch.setattr("doithoai.petitions.selectors.COUNT_CAP", 7)
    monkeypatch.setattr("doithoai.petitions.views.staff.PAGE_SIZE", 5)
    made = [receive(cast, text=f"Ý kiến số {i}") for i in range(12)]
    client.force_login(cast.officer_a)
    response = client.get(list_url(cast))
    page = response.context["page"]
    assert (page.count, page.capped, page.num_pages, page.has_next) == (7, True, None, True)
    assert "Hơn 7 ý kiến" in response.content.decode()
    response = client.get(list_url(cast, trang=3))  # 12 petitions, 5 a page: the last page, newest first
    assert [p.pk for p in response.context["rows"]] == [made[1].pk, made[0].pk]
    assert not response.context["page"].has_next
    response = client.get(list_url(cast, trang=9))  # past the end: the last page
    assert response.context["page"].number == 3 and response.context["page"].num_pages == 3
    assert client.get(list_url(cast, trang="abc")).context["page"].number == 1


def test_overdue_and_reopened_rows_are_highlighted(client, cast, sectors):
    late = overdue(cast, sectors)
    again = actions.petition_reopen(actor=cast.officer_a, petition=notified(cast, sectors))
    calm = receive(cast, text="Đề nghị mở lớp tập huấn trồng rừng.")
    client.force_login(cast.front_a)
    page = client.get(list_url(cast)).content.decode()

    def row(petition):
        start = page.index(f'data-testid="petition-{petition.tracking_code}"')
        return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]

    assert "row-overdue" in row(late) and 'data-testid="badge-overdue"' in row(late)
    assert "row-reopened" in row(again) and "Mở lại 1 lần" in row(again)
    assert "row-overdue" not in row(again)
    assert "row-" not in row(calm).split(">", 1)[0] and "badge-overdue" not in row(calm)
    assert 'data-testid="supervision-bar"' in page


# ---------------------------------------------------------------- other communes, supervisors


def test_officer_b_gets_404_for_every_page_and_object_of_commune_a(client, cast, sectors):
    petition = receive(cast)
    attachment = attachment_actions.attachments_add(
        actor=cast.officer_a, petition=petition, files=[SimpleUploadedFile("a.png", png_bytes())]
    )[0]
    sector = sectors["DD"]
    client.force_login(cast.officer_b)
    a = cast.commune_a.pk
    gets = [
        reverse("petitions:list", args=[a]),
        reverse("petitions:supervision", args=[a]),
        reverse("petitions:detail", args=[a, petition.pk]),
        reverse("petitions:sectors", args=[a]),
        reverse("petitions:attachment", args=[a, petition.pk, attachment.pk]),
    ]
    posts = [
        reverse(f"petitions:{name}", args=[a, petition.pk])
        for name in ("classify", "revise", "refuse", "notify", "reopen", "submitter", "attachments_add")
    ] + [
        reverse("petitions:sector_create", args=[a]),
        *(
            reverse(f"petitions:{n}", args=[a, sector.pk])
            for n in ("sector_update", "sector_move", "sector_set_active")
        ),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url, {"phan_loai-kind": "recommendation"}).status_code == 404, url
    # Their own commune's ids do not reach commune A's objects either.
    b = cast.commune_b.pk
    assert client.get(reverse("petitions:detail", args=[b, petition.pk])).status_code == 404
    assert client.get(reverse("petitions:attachment", args=[b, petition.pk, attachment.pk])).status_code == 404
    assert client.post(reverse("petitions:sector_update", args=[b, sector.pk]), {"lv-name": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(event_type="petition.attachment_viewed").exists()


FORMS = ["classify-form", "refuse-form", "notify-form", "reopen-form", "revise-form", "upload-form", "submitter-form"]


def test_the_council_reads_everything_and_can_change_nothing(client, cast, sectors):
    classified = classify(cast, receive(cast, submitter_name="Nông Văn Gửi"), sectors["DD"])
    done = notified(cast, sectors)
    client.force_login(cast.council_a)
    assert client.get(list_url(cast)).status_code == 200
    for petition in (classified, done):
        page = client.get(detail_url(cast, petition)).content.decode()
        assert petition.text in page
        for form in FORMS:
            assert f'data-testid="{form}"' not in page, form
        assert "Nông Văn Gửi" not in page
    sectors_page = client.get(reverse("petitions:sectors", args=[cast.commune_a.pk])).content.decode()
    assert "Đất đai" in sectors_page and 'data-testid="create-form"' not in sectors_page
    posts = {
        detail_url(cast, classified, "classify"): {"phan_loai-kind": "feedback", "phan_loai-sector": sectors["GD"].pk},
        detail_url(cast, classified, "revise"): {"sua-text": "Sửa", "sua-reason": "x"},
        detail_url(cast, classified, "refuse"): {"tu_choi-reason": "Không"},
        detail_url(cast, classified, "submitter"): {},
        detail_url(cast, classified, "attachments_add"): {"files": SimpleUploadedFile("a.png", png_bytes())},
        detail_url(cast, done, "notify"): {},
        detail_url(cast, done, "reopen"): {},
        reverse("petitions:sector_create", args=[cast.commune_a.pk]): {"moi-code": "X", "moi-name": "Mới"},
        reverse("petitions:sector_set_active", args=[cast.commune_a.pk, sectors["DD"].pk]): {"dang_dung": "0"},
        reverse("petitions:sector_move", args=[cast.commune_a.pk, sectors["DD"].pk]): {"huong": "down"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    classified.refresh_from_db()
    assert classified.kind == Kind.RECOMMENDATION and classified.status == S.CLASSIFIED
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(event_type="petition.submitter_viewed").exists()
    assert Sector.objects.get(pk=sectors["DD"].pk).is_active


def test_the_front_classifies_and_revises_but_does_not_route_refuse_or_reopen(client, cast, sectors):
    classified = classify(cast, receive(cast), sectors["DD"])
    done = notified(cast, sectors)
    client.force_login(cast.front_a)
    page = client.get(detail_url(cast, classified)).content.decode()
    assert 'data-testid="classify-form"' in page and 'data-testid="revise-form"' in page
    assert 'data-testid="refuse-form"' not in page
    page = client.get(detail_url(cast, done)).content.decode()
    assert 'data-testid="reopen-form"' not in page and 'data-testid="notify-form"' not in page
    assert client.post(detail_url(cast, classified, "refuse"), {"tu_choi-reason": "Không"}).status_code == 403
    assert client.post(detail_url(cast, done, "reopen"), {}).status_code == 403
    assert client.get(reverse("petitions:sectors", args=[cast.commune_a.pk])).status_code == 200
    assert client.post(reverse("petitions:sector_create", args=[cast.commune_a.pk]), {}).status_code == 403


# ---------------------------------------------------------------- one petition's forms


def test_an_officer_classifies_revises_and_refuses_through_the_page(client, cast, sectors):
    petition = receive(cast)
    client.force_login(cast.officer_a)
    page = client.get(detail_url(cast, petition)).content.decode()
    assert 'data-testid="classify-form"' in page and 'data-testid="refuse-form"' not in page

    # No sector chosen: the message at the field, the other choices kept, nothing saved.
    response = client.post(
        detail_url(cast, petition, "classify"),
        {"phan_loai-kind": "feedback", "phan_loai-sector": "", "phan_loai-jurisdiction": "higher_level"},
    )
    assert response.status_code == 400
    assert "Chọn lĩnh vực." in response.content.decode()
    assert response.context["classify_form"]["jurisdiction"].value() == "higher_level"
    petition.refresh_from_db()
    assert petition.status == S.RECEIVED
    # A sector of commune B is not a choice.
    sector_b = actions.sectors_ensure(actor=cast.officer_b, unit=cast.commune_b)[0]
    response = client.post(
        detail_url(cast, petition, "classify"),
        {"phan_loai-kind": "feedback", "phan_loai-sector": sector_b.pk, "phan_loai-jurisdiction": "this_unit"},
    )
    assert response.status_code == 400
    assert "Chọn lĩnh vực trong danh mục của đơn vị." in response.content.decode()

    response = client.post(
        detail_url(cast, petition, "classify"),
        {
            "phan_loai-kind": "feedback",
            "phan_loai-sector": sectors["XD-GT-HT"].pk,
            "phan_loai-jurisdiction": "this_unit",
        },
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.kind, petition.sector) == (S.CLASSIFIED, Kind.FEEDBACK, sectors["XD-GT-HT"])

    response = client.post(detail_url(cast, petition, "revise"), {"sua-text": "", "sua-reason": "rõ hơn"})
    assert response.status_code == 400 and "Nhập nội dung ý kiến, kiến nghị." in response.content.decode()
    assert response.context["revise_form"]["reason"].value() == "rõ hơn"
    response = client.post(
        detail_url(cast, petition, "revise"),
        {"sua-text": "Đường liên thôn Nà Pàn – quốc lộ 1B xuống cấp.", "sua-reason": "ghi rõ tuyến đường"},
    )
    assert response.status_code == 302
    page = client.get(detail_url(cast, petition)).content.decode()
    assert "Đường liên thôn Nà Pàn – quốc lộ 1B xuống cấp." in page
    assert 'data-testid="original-text"' in page and ROAD in page
    assert "ghi rõ tuyến đường" in page
    history = reverse(
        "units:object_history",
        args=[cast.commune_a.pk, ContentType.objects.get_for_model(Petition).pk, petition.pk],
    )
    assert history in page
    assert "Sửa nội dung ý kiến (giữ bản gốc)" in client.get(history).content.decode()

    response = client.post(detail_url(cast, petition, "refuse"), {"tu_choi-reason": "  "})
    assert response.status_code == 400
    assert "Ghi rõ lý do không xử lý" in response.content.decode()
    response = client.post(detail_url(cast, petition, "refuse"), {"tu_choi-reason": "Đã giải quyết năm 2025."})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == S.REFUSED and petition.refused_reason == "Đã giải quyết năm 2025."
    # The same refusal sent again: a clear message, nothing changes.
    response = client.post(detail_url(cast, petition, "refuse"), {"tu_choi-reason": "Khác"})
    assert response.status_code == 400
    assert "Không thể “Không xử lý” khi ý kiến đang ở trạng thái “Không xử lý (có lý do)”." in response.content.decode()
    petition.refresh_from_db()
    assert petition.refused_reason == "Đã giải quyết năm 2025."
    events = list(AuditEvent.objects.filter(object_id=str(petition.pk)).values_list("event_type", flat=True))
    assert events.count("petition.refused") == 1 and "petition.text_revised" in events


def test_an_officer_notifies_and_reopens_through_the_page(client, cast, sectors):
    petition = actions.petition_resolve(
        actor=cast.chair_a,
        petition=actions.petition_accept(
            actor=cast.officer_a,
            petition=classify(cast, receive(cast), sectors["DD"]),
            department=cast.department_a,
        ),
    )
    client.force_login(cast.officer_a)
    page = client.get(detail_url(cast, petition)).content.decode()
    assert 'data-testid="notify-form"' in page and 'data-testid="reopen-form"' not in page
    assert client.post(detail_url(cast, petition, "notify")).status_code == 302
    petition.refresh_from_db()
    assert petition.status == S.NOTIFIED
    assert client.post(detail_url(cast, petition, "notify")).status_code == 400  # already notified: said so
    Petition.objects.filter(pk=petition.pk).update(satisfaction=Satisfaction.UNSATISFIED, satisfaction_note="Chưa sửa")
    page = client.get(detail_url(cast, petition)).content.decode()
    assert 'data-testid="reopen-form"' in page and "Chưa sửa" in page
    response = client.post(detail_url(cast, petition, "reopen"))
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.reopen_count, petition.satisfaction) == (S.ACCEPTED, 1, "")
    page = client.get(detail_url(cast, petition)).content.decode()
    assert 'data-testid="badge-reopened"' in page and 'data-testid="reopen-form"' not in page
    assert client.post(detail_url(cast, petition, "reopen")).status_code == 400  # a second click: said so
    petition.refresh_from_db()
    assert petition.reopen_count == 1


def test_a_complaint_shows_the_law_and_a_prefilled_refusal(client, cast, sectors):
    petition = receive(cast, text="Tôi khiếu nại quyết định thu hồi đất.", kind=Kind.COMPLAINT)
    client.force_login(cast.officer_a)
    page = client.get(detail_url(cast, petition)).content.decode()
    assert "Khiếu nại/tố cáo được giải quyết theo Luật Khiếu nại/Luật Tố cáo, không trả lời như kiến nghị" in page
    classify(cast, petition, sectors["DD"], kind=Kind.COMPLAINT)
    response = client.get(detail_url(cast, petition))
    assert (
        response.context["refuse_form"]["reason"].value() == "Hướng dẫn người dân gửi đơn theo thủ tục khiếu nại/tố cáo"
    )
    plain = classify(cast, receive(cast), sectors["DD"])
    page = client.get(detail_url(cast, plain)).content.decode()
    assert 'data-testid="complaint-banner"' not in page


def test_html_and_script_typed_anywhere_are_shown_as_text(client, cast, sectors):
    script = '<script>alert("x")</script><b>đậm</b>'
    village = Village.objects.create(unit=cast.commune_a, name='Thôn <img src=x onerror="alert(1)">')
    petition = receive(cast, text=f"Đường hỏng {script}", village=village, submitter_name=script)
    actions.petition_revise_text(actor=cast.officer_a, petition=petition, text=f"Sửa {script}", reason=script)
    client.force_login(cast.officer_a)
    client.post(
        reverse("petitions:sector_create", args=[cast.commune_a.pk]), {"moi-code": "X1", "moi-name": f"Mới {script}"}
    )
    for url in (list_url(cast), detail_url(cast, petition), reverse("petitions:sectors", args=[cast.commune_a.pk])):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<b>đậm</b>" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url
    response = client.post(detail_url(cast, petition, "submitter"), HTTP_HX_REQUEST="true")
    assert "&lt;script&gt;" in response.content.decode() and "<script>alert" not in response.content.decode()


# ---------------------------------------------------------------- attachments and the submitter


def test_attachments_are_checked_by_content_and_every_read_is_audited(client, cast):
    petition = receive(cast)
    client.force_login(cast.officer_a)
    upload = detail_url(cast, petition, "attachments_add")

    fake = SimpleUploadedFile("anh-hien-truong.jpg", b"Day khong phai la anh\n", content_type="image/jpeg")
    response = client.post(upload, {"files": fake})
    assert response.status_code == 400
    assert (
        "Tệp “anh-hien-truong.jpg” không phải ảnh (JPG, PNG, WEBP) hay PDF, dù tên tệp có thể ghi như vậy."
        in response.content.decode()
    )
    assert not Attachment.objects.exists()
    assert client.post(upload, {}).status_code == 400

    response = client.post(upload, {"files": SimpleUploadedFile("duong-hong.png", png_bytes(), "image/png")})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "duong-hong.png"
    page = client.get(detail_url(cast, petition)).content.decode()
    assert "duong-hong.png" in page

    download = detail_url(cast, petition, "attachment", attachment.pk)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    event = AuditEvent.objects.get(event_type="petition.attachment_viewed")
    assert event.actor == cast.officer_a

    # The village head collects forms and may add files, but not open them (rules.VIEW_ATTACHMENTS).
    client.force_login(cast.village_head_a)
    page = client.get(detail_url(cast, petition)).content.decode()
    assert 'data-testid="upload-form"' in page and download not in page
    assert client.get(download).status_code == 403
    client.force_login(cast.department_officer_a)
    assert client.get(download).status_code == 200
    client.force_login(cast.council_a)
    assert client.get(download).status_code == 403
    assert AuditEvent.objects.filter(event_type="petition.attachment_viewed").count() == 2


def test_the_submitter_is_shown_only_on_a_deliberate_audited_request(client, cast):
    petition = receive(cast, submitter_name="Lăng Thị Gửi", submitter_phone="0912345678", consent_contact=True)
    client.force_login(cast.officer_a)
    page = client.get(detail_url(cast, petition)).content.decode()
    assert "Lăng Thị Gửi" not in page and "0912345678" not in page
    assert "Xem thông tin người gửi" in page
    assert not AuditEvent.objects.filter(event_type="petition.submitter_viewed").exists()

    response = client.post(detail_url(cast, petition, "submitter"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Lăng Thị Gửi" in response.content.decode() and "0912345678" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    response = client.post(detail_url(cast, petition, "submitter"))  # without htmx: the whole page
    assert response.status_code == 200 and "Lăng Thị Gửi" in response.content.decode()
    assert AuditEvent.objects.filter(event_type="petition.submitter_viewed", actor=cast.officer_a).count() == 2
    assert client.get(detail_url(cast, petition, "submitter")).status_code == 405

    client.force_login(cast.department_officer_a)
    page = client.get(detail_url(cast, petition)).content.decode()
    assert "Xem thông tin người gửi" not in page
    assert client.post(detail_url(cast, petition, "submitter")).status_code == 403


# ---------------------------------------------------------------- sectors


def test_the_office_keeps_the_sector_list(client, cast):
    url = reverse("petitions:sectors", args=[cast.commune_a.pk])
    client.force_login(cast.officer_a)
    page = client.get(url).content.decode()  # the first visit copies the default list
    assert "Đất đai" in page and Sector.objects.filter(unit=cast.commune_a).count() == 17
    create = reverse("petitions:sector_create", args=[cast.commune_a.pk])

    response = client.post(create, {"moi-code": "dd", "moi-name": "Đất đai, nhà ở"})
    assert response.status_code == 400
    assert "Mã “DD” đã dùng cho lĩnh vực “Đất đai”." in response.content.decode()
    assert response.context["create_form"]["name"].value() == "Đất đai, nhà ở"
    response = client.post(create, {"moi-code": "NO", "moi-name": "dat dai"})
    assert response.status_code == 400 and "Đã có lĩnh vực “Đất đai”" in response.content.decode()
    response = client.post(create, {"moi-code": "", "moi-name": ""})
    assert response.status_code == 400 and "Nhập mã lĩnh vực" in response.content.decode()

    data = {"moi-code": "cn-tb", "moi-name": "Chuyển đổi số", "moi-department": cast.department_a.pk}
    assert client.post(create, data).status_code == 302
    assert client.post(create, data).status_code == 302  # sent twice: one sector
    sector = Sector.objects.get(unit=cast.commune_a, code="CN-TB")
    assert sector.department == cast.department_a and sector.sort_order == 17
    assert AuditEvent.objects.filter(event_type="sector.created").count() == 1

    move = reverse("petitions:sector_move", args=[cast.commune_a.pk, sector.pk])
    assert client.post(move, {"huong": "up"}).status_code == 302
    names = [s.code for s in Sector.objects.filter(unit=cast.commune_a).order_by("sort_order")]
    assert names[-2:] == ["CN-TB", "KHAC"]
    assert client.post(move, {"huong": "sideways"}).status_code == 400

    edit = reverse("petitions:sector_update", args=[cast.commune_a.pk, sector.pk])
    prefix = f"lv{sector.pk}"
    assert (
        client.post(edit, {f"{prefix}-name": "Chuyển đổi số, dịch vụ công", f"{prefix}-department": ""}).status_code
        == 302
    )
    sector.refresh_from_db()
    assert sector.name == "Chuyển đổi số, dịch vụ công" and sector.department is None and sector.code == "CN-TB"
    response = client.post(edit, {f"{prefix}-name": "Giáo dục – đào tạo"})
    assert response.status_code == 400 and "Đã có lĩnh vực" in response.content.decode()

    dd = Sector.objects.get(unit=cast.commune_a, code="DD")
    petition = receive(cast)
    toggle = reverse("petitions:sector_set_active", args=[cast.commune_a.pk, dd.pk])
    assert client.post(toggle, {"dang_dung": "0"}).status_code == 302
    dd.refresh_from_db()
    assert not dd.is_active
    page = client.get(url).content.decode()
    assert 'data-testid="sector-inactive"' in page
    response = client.get(detail_url(cast, petition))
    assert dd not in response.context["classify_form"].fields["sector"].queryset
    assert client.post(toggle, {"dang_dung": "1"}).status_code == 302
    dd.refresh_from_db()
    assert dd.is_active
    kinds = set(AuditEvent.objects.filter(event_type__startswith="sector.").values_list("event_type", flat=True))
    assert kinds == {"sector.created", "sector.moved", "sector.updated", "sector.deactivated", "sector.reactivated"}


def test_the_pages_are_reached_from_the_unit_menu_and_the_conference(client, cast, conference):
    client.force_login(cast.council_a)
    page = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
    assert reverse("petitions:list", args=[cast.commune_a.pk]) in page
    page = client.get(reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert f"{reverse('petitions:list', args=[cast.commune_a.pk])}?hoi_nghi={conference.pk}" in page
