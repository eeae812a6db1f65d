"""The public side of petitions: the online form, the page after it, tracking by code, the citizen's word on
the answer, the published conclusions on the portal and "Ý kiến của tôi". No sign-in unless said."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.conferences.actions import conference_conclude
from doithoai.lib.codes import format_code
from doithoai.petitions import actions
from doithoai.petitions.actions import public as public_actions
from doithoai.petitions.models import (
    Answer,
    AnswerMode,
    Attachment,
    Channel,
    Kind,
    Petition,
    PetitionGroup,
    PetitionStatus,
    Referral,
    Satisfaction,
)
from doithoai.petitions.tests.pii import assert_no_personal_data, personal_data_leaks
from doithoai.petitions.views import public as public_views
from doithoai.portal.tests.conftest import D, on_day
from doithoai.portal.tests.conftest import announced as announced  # the fixtures, re-exported
from doithoai.portal.tests.conftest import held as held
from doithoai.portal.tests.conftest import plan as plan
from doithoai.portal.tests.conftest import planned as planned
from doithoai.units.models import AdminUnit, Village

S = PetitionStatus
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
SCRIPT = '<script>alert("x")</script>'
TOKEN = "tok-" + "a" * 28


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


def submit_url(unit, conference=None):
    url = reverse("petitions_public:submit", args=[unit.pk])
    return f"{url}?hoi_nghi={conference.pk}" if conference is not None else url


def form_data(cast, token=TOKEN, **overrides):
    data = {
        "submission_key": token,
        "village": str(cast.village_a.pk),
        "sector": "",
        "text": "Đường từ thôn Nà Pàn ra quốc lộ 4B xuống cấp, mùa mưa lầy lội, đề nghị sửa.",
        "submitter_name": "",
        "submitter_phone": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def send(client, cast, token=TOKEN, **overrides):
    return client.post(submit_url(cast.commune_a), form_data(cast, token, **overrides))


def track_url(code):
    return reverse("petitions_public:track", args=[code])


def make(cast, text="Đề nghị sửa đường liên thôn Nà Pàn.", *, unit=None, **data):
    """A petition typed in by the office (the paper channel)."""
    values = {"text": text, "channel": Channel.PAPER_FORM, "village": cast.village_a}
    values.update(data)
    petition, _ = actions.create_petition(actor=cast.officer_a, unit=unit or cast.commune_a, data=values)
    return petition


def approve(petitions, text="Năm 2027 xã bố trí vốn sửa tuyến đường.", *, approved=True, **fields):
    """One answer for the petitions, approved by the chair unless `approved=False` (a draft)."""
    first = petitions[0]
    answer = Answer.objects.create(
        unit=first.unit,
        mode=fields.pop("mode", AnswerMode.AT_CONFERENCE),
        text=text,
        approved_at=timezone.now() if approved else None,
        **fields,
    )
    Petition.objects.filter(pk__in=[p.pk for p in petitions]).update(answer=answer)
    return answer


def answered_at_conference(cast, petition, sector):
    actions.petition_classify(
        actor=cast.officer_a, petition=petition, kind=Kind.RECOMMENDATION, sector=sector, jurisdiction="this_unit"
    )
    return actions.petition_answer_at_conference(actor=cast.officer_a, petition=petition)


# ---------------------------------------------------------------- the online form


def test_the_form_lists_the_units_active_villages_and_sectors_and_says_what_is_kept(client, cast, sectors):
    Village.objects.create(unit=cast.commune_a, name="Thôn Cũ", status="retired")
    response = client.get(submit_url(cast.commune_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thôn Nà Pàn" in page and "Thôn Cũ" not in page and "Thôn Bản Làn" not in page
    assert "Không thuộc thôn nào / không muốn nêu" in page
    assert "Chưa rõ" in page and sectors["DD"].name in page
    assert "Tôi đồng ý để cơ quan liên hệ lại qua số điện thoại này" in page
    assert "Tôi đồng ý công khai họ tên khi công bố kết quả" in page
    assert "91/2025/QH15" in page
    # Consent is never ticked in advance.
    assert not re.search(r'name="consent_[a-z_]+"[^>]*checked', page)


def test_it_takes_an_anonymous_petition_and_redirects_to_its_code(client, cast):
    response = send(client, cast)
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions_public:submitted", args=[petition.tracking_code])
    assert petition.channel == Channel.ONLINE
    assert petition.village == cast.village_a and petition.sector is None
    assert petition.submitter_name == petition.submitter_phone == ""
    assert petition.submitted_by is None and petition.created_by is None
    assert petition.submission_key.startswith("web:")
    event = AuditEvent.objects.get(event_type="petition.received")
    assert event.actor is None and event.ip_address is None

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert format_code(petition.tracking_code) in html
    assert "Lưu lại mã này" in html and "window.print()" in html
    assert "<svg" in html and "qr-code" in html
    assert track_url(petition.tracking_code) in html
    assert page["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in page["Cache-Control"]


def test_no_village_may_be_chosen_but_the_choice_is_required(client, cast):
    response = send(client, cast, village="")
    assert response.status_code == 400
    assert "Chọn thôn, tổ dân phố" in response.content.decode()
    assert not Petition.objects.exists()
    send(client, cast, village=public_actions.NO_VILLAGE)
    assert Petition.objects.get().village is None


def test_a_village_or_sector_of_another_unit_is_refused(client, cast, sectors):
    for forged in (str(cast.village_b.pk), "9" * 30, "x"):
        response = send(client, cast, village=forged)
        assert response.status_code == 400
    assert send(client, cast, sector="9" * 30).status_code == 400
    other = actions.sectors_ensure(actor=cast.officer_b, unit=cast.commune_b)[0]
    response = send(client, cast, sector=str(other.pk))
    assert response.status_code == 400
    assert "Chọn lĩnh vực trong danh sách" in response.content.decode()
    assert not Petition.objects.exists()


def test_contact_is_kept_with_consent_and_never_shown_back(client, cast, sectors):
    response = send(
        client,
        cast,
        sector=str(sectors["XD-GT-HT"].pk),
        submitter_name="Nguyễn Thị Hoa",
        submitter_phone="0912 345 678",
        consent_contact="1",
        consent_publish_name="1",
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.submitter_name == "Nguyễn Thị Hoa"
    assert petition.submitter_phone == "0912345678"
    assert petition.consent_contact and petition.consent_publish_name
    assert petition.sector == sectors["XD-GT-HT"]
    for url in (response["Location"], track_url(petition.tracking_code)):
        html = client.get(url).content.decode()
        assert "Nguyễn Thị Hoa" not in html  # the code holder may not be the submitter
        assert not personal_data_leaks(html, [petition])


def test_a_phone_without_consent_is_refused_at_the_consent_box_and_nothing_typed_is_lost(client, cast):
    response = send(client, cast, submitter_name="Lý Văn Tường", submitter_phone="0987654321")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="error-consent_contact"' in html
    assert "Chỉ lưu số điện thoại khi người gửi đồng ý được liên hệ." in html
    assert 'value="0987654321"' in html and 'value="Lý Văn Tường"' in html
    assert "Đường từ thôn Nà Pàn ra quốc lộ 4B" in html
    assert f'value="{cast.village_a.pk}" selected' in html
    assert f'value="{TOKEN}"' in html  # the same key: a later send makes one petition
    assert not Petition.objects.exists()


def test_asking_to_be_named_without_a_name_is_refused(client, cast):
    response = send(client, cast, consent_publish_name="1")
    assert response.status_code == 400
    assert 'data-testid="error-consent_publish_name"' in response.content.decode()
    assert not Petition.objects.exists()


def test_a_double_submit_gives_one_petition_and_the_same_page(client, cast):
    first = send(client, cast)
    second = send(client, cast, text="changed in between")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Petition.objects.count() == 1
    assert AuditEvent.objects.filter(event_type="petition.received").count() == 1


def test_a_form_without_its_key_is_not_saved_but_keeps_the_text(client, cast):
    response = send(client, cast, token="")
    assert response.status_code == 400
    assert "Đường từ thôn Nà Pàn" in response.content.decode()
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Nhập nội dung ý kiến, kiến nghị."), ("   ", "Nhập nội dung ý kiến, kiến nghị."), ("x" * 50_000, "50.000")],
)
def test_an_empty_or_huge_text_is_refused_and_kept(client, cast, text, message):
    response = send(client, cast, text=text)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="error-text"' in html
    if text.strip():
        assert text in html  # the 50,000 characters come back to be shortened, not lost
    assert not Petition.objects.exists()


def test_the_honeypot_catches_a_bot_and_saves_nothing(client, cast):
    response = send(client, cast, **{public_views.HONEYPOT: "http://spam.example"})
    assert response.status_code == 400
    assert not Petition.objects.exists()


def test_images_and_pdf_are_stored_privately(client, cast):
    files = [
        SimpleUploadedFile("anh-duong.jpg", JPEG, content_type="image/jpeg"),
        SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf"),
    ]
    response = client.post(submit_url(cast.commune_a), {**form_data(cast), "attachments": files})
    assert response.status_code == 302
    petition = Petition.objects.get()
    stored = list(petition.attachments.order_by("content_type"))
    assert [a.content_type for a in stored] == ["application/pdf", "image/jpeg"]
    assert all("anh-duong" not in str(a.file.name) and "don.pdf" not in str(a.file.name) for a in stored)
    html = client.get(response["Location"]).content.decode()
    assert "anh-duong" not in html


def test_a_program_renamed_to_jpg_is_refused_and_nothing_is_saved(client, cast):
    files = [
        SimpleUploadedFile("anh-that.jpg", JPEG, content_type="image/jpeg"),
        SimpleUploadedFile("anh.jpg", EXE, content_type="image/jpeg"),
    ]
    response = client.post(submit_url(cast.commune_a), {**form_data(cast), "attachments": files})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp “anh.jpg” không phải ảnh (JPG, PNG, WEBP) hay PDF" in html
    assert 'data-testid="files-lost"' in html
    assert "Đường từ thôn Nà Pàn" in html
    assert not Petition.objects.exists() and not Attachment.objects.exists()


def test_html_and_script_in_every_field_are_shown_as_text(client, cast, sectors):
    # A bad phone first: the form comes back with everything escaped.
    response = send(client, cast, text=SCRIPT, submitter_name=SCRIPT, submitter_phone=SCRIPT, consent_publish_name="1")
    assert response.status_code == 400
    html = response.content.decode()
    assert SCRIPT not in html and "&lt;script&gt;" in html

    response = send(client, cast, text=f"{SCRIPT} đường hỏng", submitter_name=SCRIPT, consent_publish_name="1")
    assert response.status_code == 302
    petition = Petition.objects.get()
    # Staff-entered words reach the public pages too: a village, a sector, an answer, a group.
    Village.objects.filter(pk=cast.village_a.pk).update(name=f"Thôn {SCRIPT}")
    sectors["XD-GT-HT"].name = f"Giao thông {SCRIPT}"
    sectors["XD-GT-HT"].save()
    answered_at_conference(cast, petition, sectors["XD-GT-HT"])
    group = PetitionGroup.objects.create(unit=cast.commune_a, title=f"Nhóm {SCRIPT}")
    Petition.objects.filter(pk=petition.pk).update(group=group)
    approve([petition], text=f"Trả lời {SCRIPT}", conclusion=f"Kết luận {SCRIPT}", document_ref=SCRIPT)
    for url in (response["Location"], track_url(petition.tracking_code)):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert" in html


def test_only_units_that_use_the_system_take_petitions(client, cast):
    unused = AdminUnit.objects.filter(level="commune", is_set_up=False).first()
    assert unused is not None
    assert client.get(submit_url(unused)).status_code == 404
    # Set up, but nobody holds a role there yet: nobody would read what is sent.
    AdminUnit.objects.filter(pk=unused.pk).update(is_set_up=True)
    assert client.get(submit_url(unused)).status_code == 404
    assert client.post(submit_url(unused), form_data(cast)).status_code == 404
    assert not Petition.objects.exists()


def test_a_petition_for_a_conference_of_the_unit(client, cast, announced):
    response = client.get(submit_url(cast.commune_a, announced))
    assert response.status_code == 200
    assert announced.title in response.content.decode()
    client.post(submit_url(cast.commune_a), {**form_data(cast), "hoi_nghi": str(announced.pk)})
    assert Petition.objects.get().conference == announced


def test_a_printed_forms_qr_chooses_its_village_in_advance(client, cast, announced):
    """The opinion form printed for a village links here with `?thon=`: that village is chosen; one of
    another unit, or nonsense, is not."""
    selected = f'<option value="{cast.village_a.pk}" selected>'
    response = client.get(f"{submit_url(cast.commune_a, announced)}&thon={cast.village_a.pk}")
    assert selected in response.content.decode()
    assert selected not in client.get(submit_url(cast.commune_a, announced)).content.decode()
    for other in (str(cast.village_b.pk), "abc"):
        page = client.get(f"{submit_url(cast.commune_a, announced)}&thon={other}").content.decode()
        assert " selected>" not in page.split('name="village"')[1].split("</select>")[0].replace(
            '<option value="" selected>', ""
        )


def test_a_conference_of_another_unit_or_not_public_is_not_found(client, cast, planned):
    assert client.get(submit_url(cast.commune_a, planned)).status_code == 404  # planned: not public yet
    assert client.get(submit_url(cast.commune_b, planned)).status_code == 404
    response = client.post(submit_url(cast.commune_b), {**form_data(cast), "hoi_nghi": str(planned.pk)})
    assert response.status_code == 404
    assert client.get(submit_url(cast.commune_a) + "?hoi_nghi=abc").status_code == 404
    assert client.get(submit_url(cast.commune_a) + "?hoi_nghi=" + "9" * 30).status_code == 404
    assert not Petition.objects.exists()


def test_a_concluded_conference_no_longer_takes_opinions_but_the_unit_does(client, cast, held):
    conference_conclude(actor=cast.chair_a, conference=held)
    response = client.get(submit_url(cast.commune_a, held))
    assert 'data-testid="conference-closed"' in response.content.decode()
    client.post(submit_url(cast.commune_a), {**form_data(cast), "hoi_nghi": str(held.pk)})
    assert Petition.objects.get().conference is None


# ---------------------------------------------------------------- rate limits


def test_more_than_five_an_hour_from_one_address_get_429_with_when_to_retry(client, cast):
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 20, tzinfo=dt.UTC), tick=False):  # 16:20 in Việt Nam
        for n in range(5):
            assert send(client, cast, token=f"token-number-{n:04d}-xxxx").status_code == 302
        response = send(client, cast, token="token-number-0005-xxxx")
        assert response.status_code == 429
        html = response.content.decode()
        assert "Vui lòng thử lại sau 17 giờ 00." in html
        assert "Đường từ thôn Nà Pàn ra quốc lộ 4B" in html  # what was typed is still there
        assert int(response["Retry-After"]) == 40 * 60
        assert Petition.objects.count() == 5
        # A double click of one already sent is still answered; another address is not held back.
        assert send(client, cast, token="token-number-0004-xxxx").status_code == 302
        other = client.post(
            submit_url(cast.commune_a), form_data(cast, token="token-number-other-xx"), REMOTE_ADDR="10.0.0.9"
        )
        assert other.status_code == 302
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False):
        assert send(client, cast, token="token-number-0006-xxxx").status_code == 302


def test_more_than_twenty_a_day_to_one_unit_from_one_address_get_429(client, cast):
    sent = 0
    for hour in range(4):  # 08:00 to 11:59 in Việt Nam, five an hour
        with time_machine.travel(dt.datetime(2026, 11, 23, 1 + hour, 5, tzinfo=dt.UTC), tick=False):
            for _ in range(5):
                assert send(client, cast, token=f"token-day-{sent:04d}-xxxxxx").status_code == 302
                sent += 1
    with time_machine.travel(dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC), tick=False):
        response = send(client, cast, token="token-day-9999-xxxxxx")
        assert response.status_code == 429
        assert "Vui lòng thử lại sau 00 giờ 00 ngày 24/11/2026." in response.content.decode()
    assert Petition.objects.count() == 20


# ---------------------------------------------------------------- tracking


def test_a_code_typed_in_lower_case_with_spaces_finds_the_petition(client, cast, sectors):
    petition = make(cast, sector=sectors["XD-GT-HT"], submitter_name="Hoàng Thị Mai", consent_publish_name=True)
    typed = f" {petition.tracking_code[:4].lower()} {petition.tracking_code[4:].lower()} "
    response = client.get(reverse("petitions_public:track_form"), {"ma": typed})
    assert response.status_code == 302
    assert response["Location"] == track_url(petition.tracking_code)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-step="1"' in html and "đang chờ phân loại" in html
    assert "Xã Điềm He" in html and "Thôn Nà Pàn" in html and sectors["XD-GT-HT"].name in html
    assert "Đề nghị sửa đường liên thôn Nà Pàn." in html
    assert "Hoàng Thị Mai" not in html  # even with consent: the tracking page names nobody
    # A dashed code in the address is sent to the plain one.
    dashed = client.get(track_url(format_code(petition.tracking_code).lower()))
    assert dashed.status_code == 302 and dashed["Location"] == track_url(petition.tracking_code)


def test_the_tracking_page_answers_in_a_few_queries(client, cast, sectors, held, django_assert_max_num_queries):
    referral = Referral.objects.create(from_unit=cast.commune_a, to_unit=cast.province)
    petition = make(cast, sector=sectors["XD-GT-HT"], conference=held)
    group = PetitionGroup.objects.create(unit=cast.commune_a, title="Đường liên thôn")
    answered_at_conference(cast, petition, sectors["XD-GT-HT"])
    Petition.objects.filter(pk=petition.pk).update(group=group, referral=referral)
    approve([petition], department=cast.department_a)
    client.get(track_url(petition.tracking_code))  # warm the caches of content types and translations
    with django_assert_max_num_queries(3):  # the petition with what it names; its answer; its referral
        response = client.get(track_url(petition.tracking_code))
    assert response.status_code == 200


def test_a_forged_or_malformed_code_gets_the_same_404(client, cast):
    make(cast)
    unknown = client.get(track_url("ABCD2345"))
    malformed = client.get(track_url("<b>01OI<b>"))
    from_form = client.get(reverse("petitions_public:track_form"), {"ma": "zzzz-zzzz"})
    for response in (unknown, malformed, from_form):
        assert response.status_code == 404
        html = response.content.decode()
        assert "Không tìm thấy ý kiến nào với mã này." in html
        assert "<b>01OI" not in html
    assert client.get(reverse("petitions_public:submitted", args=["ABCD2345"])).status_code == 404


def test_lookups_of_unknown_codes_are_throttled_per_address(client, cast):
    petition = make(cast)
    for n in range(public_actions.TRACK_MISSES.count):
        assert client.get(track_url(f"ABCD{n + 2:04d}".replace("0", "Z").replace("1", "Y"))).status_code == 404
    response = client.get(track_url(petition.tracking_code))
    assert response.status_code == 429
    assert "Vui lòng thử lại sau" in response.content.decode()
    assert "Retry-After" in response
    # Another address still finds it.
    assert client.get(track_url(petition.tracking_code), REMOTE_ADDR="10.0.0.7").status_code == 200


def test_only_an_approved_answer_is_shown_with_who_answered_and_the_conclusion(client, cast, sectors, held):
    petition = make(cast, conference=held)
    answered_at_conference(cast, petition, sectors["XD-GT-HT"])
    draft = approve([petition], text="Bản nháp chưa duyệt", approved=False)
    html = client.get(track_url(petition.tracking_code)).content.decode()
    assert "Bản nháp chưa duyệt" not in html
    assert 'data-step="3"' in html and "khi được lãnh đạo duyệt" in html
    assert 'data-testid="satisfaction"' not in html

    Answer.objects.filter(pk=draft.pk).update(
        approved_at=timezone.now(),
        department=cast.department_a,
        document_ref="Công văn số 12/UBND ngày 10/6/2026",
        conclusion="Giao Phòng Kinh tế khảo sát trong tháng 7.",
    )
    html = client.get(track_url(petition.tracking_code)).content.decode()
    assert "Bản nháp chưa duyệt" in html
    assert "Trả lời trực tiếp tại hội nghị" in html and "Phòng Kinh tế" in html
    assert "Công văn số 12/UBND ngày 10/6/2026" in html
    assert "Giao Phòng Kinh tế khảo sát trong tháng 7." in html
    assert reverse("portal:conclusions", args=[held.pk]) in html
    assert 'data-testid="satisfaction"' in html


def test_accepted_shows_the_department_and_due_date_and_referred_where_it_went(client, cast, sectors):
    petition = make(cast)
    actions.petition_classify(
        actor=cast.officer_a,
        petition=petition,
        kind=Kind.RECOMMENDATION,
        sector=sectors["XD-GT-HT"],
        jurisdiction="this_unit",
    )
    actions.petition_accept(
        actor=cast.officer_a, petition=petition, department=cast.department_a, due_date=dt.date(2026, 12, 4)
    )
    html = client.get(track_url(petition.tracking_code)).content.decode()
    assert 'data-step="2"' in html and "Đang được xử lý." in html
    assert "Phòng Kinh tế" in html and "Hạn trả lời: 04/12/2026." in html

    other = make(cast, text="Đề nghị nâng cấp quốc lộ 4B.")
    actions.petition_classify(
        actor=cast.officer_a,
        petition=other,
        kind=Kind.RECOMMENDATION,
        sector=sectors["XD-GT-HT"],
        jurisdiction="higher_level",
    )
    actions.petition_refer(actor=cast.officer_a, petition=other)
    referral = Referral.objects.create(from_unit=cast.commune_a, to_unit=cast.province)
    Petition.objects.filter(pk=other.pk).update(referral=referral)
    html = client.get(track_url(other.tracking_code)).content.decode()
    assert 'data-testid="referred"' in html and "Đã chuyển đến Tỉnh Lạng Sơn" in html


# ---------------------------------------------------------------- the citizen's word on the answer


@pytest.fixture
def answered(cast, sectors):
    petition = make(cast)
    answered_at_conference(cast, petition, sectors["XD-GT-HT"])
    approve([petition])
    return petition


def word_url(petition):
    return reverse("petitions_public:satisfaction", args=[petition.tracking_code])


def test_the_citizen_agrees_once_and_may_change_their_word(client, cast, answered):
    response = client.post(word_url(answered), {"word": "dong_y"})
    assert response.status_code == 302 and response["Location"] == track_url(answered.tracking_code)
    answered.refresh_from_db()
    assert answered.satisfaction == Satisfaction.SATISFIED and answered.satisfaction_at is not None
    client.post(word_url(answered), {"word": "dong_y"})
    assert AuditEvent.objects.filter(event_type="petition.satisfaction_given").count() == 1

    client.post(word_url(answered), {"word": "chua_dong_y", "note": "  Đường vẫn chưa được sửa.  "})
    answered.refresh_from_db()
    assert answered.satisfaction == Satisfaction.UNSATISFIED
    assert answered.satisfaction_note == "Đường vẫn chưa được sửa."
    events = AuditEvent.objects.filter(event_type="petition.satisfaction_given").order_by("pk")
    assert events.count() == 2
    last = events.last()
    assert last is not None
    assert last.actor is None and "Đường vẫn" not in str(last.changes)
    html = client.get(track_url(answered.tracking_code)).content.decode()
    assert "Ông/bà đã cho biết:" in html and "Chưa đồng ý" in html and "Đường vẫn chưa được sửa." in html


def test_a_reason_over_1000_characters_or_a_bad_word_is_refused(client, cast, answered):
    response = client.post(word_url(answered), {"word": "chua_dong_y", "note": "x" * 1001})
    assert response.status_code == 400
    assert "tối đa 1000 ký tự" in response.content.decode()
    assert client.post(word_url(answered), {"word": "maybe"}).status_code == 400
    answered.refresh_from_db()
    assert answered.satisfaction == ""


def test_no_word_before_an_approved_answer(client, cast, sectors):
    petition = make(cast)
    answered_at_conference(cast, petition, sectors["XD-GT-HT"])
    approve([petition], approved=False)
    response = client.post(word_url(petition), {"word": "dong_y"})
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.satisfaction == ""
    assert client.post(word_url(petition).replace(petition.tracking_code, "ABCD2345"), {}).status_code == 404


def test_the_staff_see_the_citizens_word_and_after_a_reopen_the_page_says_so(client, cast, answered):
    client.post(word_url(answered), {"word": "chua_dong_y", "note": "Chưa thấy ai đến khảo sát."})
    staff = Client()
    staff.force_login(cast.officer_a)
    page = staff.get(reverse("petitions:detail", args=[cast.commune_a.pk, answered.pk])).content.decode()
    assert "Chưa đồng ý" in page and "Chưa thấy ai đến khảo sát." in page

    actions.petition_notify(actor=cast.officer_a, petition=answered)
    actions.petition_reopen(actor=cast.officer_a, petition=answered)
    html = client.get(track_url(answered.tracking_code)).content.decode()
    assert 'data-testid="reopened"' in html and "Đã mở lại để xử lý tiếp" in html
    assert 'data-testid="satisfaction"' not in html
    assert client.post(word_url(answered), {"word": "dong_y"}).status_code == 400


# ---------------------------------------------------------------- the published conclusions


def conclusions_url(conference, **params):
    url = reverse("portal:conclusions", args=[conference.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


@pytest.fixture
def village_c(cast):
    return Village.objects.create(unit=cast.commune_a, name="Thôn Bản Châu", sort_order=2)


@pytest.fixture
def published(cast, sectors, held, village_c):
    """A held conference: one group of three about the road (one named with consent), one lone petition
    on land, one with a draft answer, a complaint, and a petition of no conference."""
    road = [
        make(
            cast,
            "Đường Nà Pàn hỏng nặng.",
            conference=held,
            sector=sectors["XD-GT-HT"],
            submitter_name="Hoàng Văn Đồng Ý",
            submitter_phone="0911111111",
            consent_contact=True,
            consent_publish_name=True,
        ),
        make(
            cast,
            "Đường liên thôn lầy lội.",
            conference=held,
            sector=sectors["XD-GT-HT"],
            submitter_name="Nông Thị Kín",
            submitter_phone="0922 222 222",
            consent_contact=True,
        ),
        make(cast, "Sửa đường giúp dân.", conference=held, sector=sectors["XD-GT-HT"], village=village_c),
    ]
    group = PetitionGroup.objects.create(
        unit=cast.commune_a,
        conference=held,
        title="Đường liên thôn Nà Pàn – Bản Châu xuống cấp",
        sector=sectors["XD-GT-HT"],
    )
    Petition.objects.filter(pk__in=[p.pk for p in road]).update(group=group)
    approve(road, "Năm 2027 xã bố trí vốn sửa tuyến đường.", department=cast.department_a)
    land = make(
        cast,
        "Đề nghị cấp giấy chứng nhận quyền sử dụng đất.",
        conference=held,
        sector=sectors["DD"],
        village=village_c,
        submitter_name="Lục Văn Riêng",
        submitter_phone="0933333333",
        consent_contact=True,
        submitter_address="Số 9, thôn Bản Châu",
    )
    approve([land], "Hồ sơ đang được thẩm định.", mode=AnswerMode.IN_WRITING, conclusion="Hoàn thành trong quý I.")
    draft = make(cast, "Đèn đường hỏng.", conference=held, sector=sectors["XD-GT-HT"])
    approve([draft], "Nháp: sẽ thay bóng.", approved=False)
    complaint = make(cast, "Khiếu nại ông X lấn đất.", conference=held, kind=Kind.COMPLAINT)
    approve([complaint], "Chuyển thanh tra.")
    loose = make(cast, "Không thuộc hội nghị nào.")
    approve([loose], "Trả lời riêng.")
    return {"road": road, "land": land, "draft": draft, "complaint": complaint, "loose": loose}


def all_petitions():
    return list(Petition.objects.select_related("unit", "village"))


def test_conclusions_list_the_approved_answers_with_consented_names_only(client, cast, held, published):
    response = client.get(conclusions_url(held))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="banner-held"' in html
    assert html.count('data-testid="conclusion-item"') == 2
    assert "Đường liên thôn Nà Pàn – Bản Châu xuống cấp" in html and "3 ý kiến cùng nội dung" in html
    assert "Năm 2027 xã bố trí vốn sửa tuyến đường." in html and "Phòng Kinh tế" in html
    assert "Cử tri Thôn Nà Pàn, Thôn Bản Châu" in html
    assert "Hồ sơ đang được thẩm định." in html and "Hoàn thành trong quý I." in html
    assert "Trả lời bằng văn bản" in html
    assert "Hoàng Văn Đồng Ý" in html  # consented
    for absent in ("Nông Thị Kín", "Lục Văn Riêng", "Nháp: sẽ thay bóng.", "Khiếu nại", "Không thuộc hội nghị nào."):
        assert absent not in html, absent
    for phone in ("0911111111", "0922222222", "0922 222 222", "0933333333", "Số 9, thôn Bản Châu"):
        assert phone not in html
    assert_no_personal_data(html, all_petitions())


def test_the_pii_check_itself_catches_a_leak(cast, published):
    kin = published["road"][1]
    assert personal_data_leaks("<p>Nông Thị Kín</p>", [kin])
    assert personal_data_leaks("<p>Gọi 0922.222.222</p>", [kin])
    assert personal_data_leaks("<p>+84 922 222 222</p>", [kin])
    assert not personal_data_leaks("<p>Thôn Nà Pàn, 22/11/2026</p>", all_petitions())
    with pytest.raises(AssertionError):
        assert_no_personal_data("Hoàng Văn Đồng Ý 0911111111", [published["road"][0]])


def test_conclusions_filter_by_sector_and_village_and_search_without_diacritics(client, cast, held, published, sectors):
    land = published["land"]
    html = client.get(conclusions_url(held, linh_vuc=sectors["DD"].pk)).content.decode()
    assert html.count('data-testid="conclusion-item"') == 1 and "Hồ sơ đang được thẩm định." in html
    html = client.get(conclusions_url(held, thon=cast.village_a.pk)).content.decode()
    assert html.count('data-testid="conclusion-item"') == 1 and "3 ý kiến cùng nội dung" in html
    html = client.get(conclusions_url(held, thon=land.village_id)).content.decode()
    assert html.count('data-testid="conclusion-item"') == 2
    html = client.get(conclusions_url(held, q="giay chung nhan")).content.decode()
    assert html.count('data-testid="conclusion-item"') == 1 and "quyền sử dụng đất" in html
    html = client.get(conclusions_url(held, q="lay loi")).content.decode()
    assert html.count('data-testid="conclusion-item"') == 1 and "3 ý kiến cùng nội dung" in html
    html = client.get(conclusions_url(held, q="khong co gi nhu the")).content.decode()
    assert 'data-testid="no-items"' in html
    # An unknown filter value is ignored, not an error.
    assert client.get(conclusions_url(held, linh_vuc="x", thon="999999")).status_code == 200


def test_conclusions_page_through_with_a_constant_number_of_queries(
    client, cast, held, sectors, django_assert_max_num_queries
):
    for n in range(25):
        petition = make(cast, f"Ý kiến số {n}", conference=held, sector=sectors["XD-GT-HT"])
        approve([petition], f"Trả lời số {n}")
    client.get(conclusions_url(held))
    # The conference; the sectors and villages of the filters; the count, the page's answers, their petitions.
    with django_assert_max_num_queries(6):
        first = client.get(conclusions_url(held))
    html = first.content.decode()
    assert html.count('data-testid="conclusion-item"') == 20
    assert "25 nội dung đã được trả lời." in html
    second = client.get(conclusions_url(held, trang=2)).content.decode()
    assert second.count('data-testid="conclusion-item"') == 5


def test_conclusions_before_the_conference_is_held_and_once_concluded(client, cast, announced, sectors):
    petition = make(cast, conference=announced)
    approve([petition], "Đã có trả lời sớm.")
    html = client.get(conclusions_url(announced)).content.decode()
    assert 'data-testid="not-yet"' in html and "Đã có trả lời sớm." not in html
    with on_day(D):
        from doithoai.conferences.actions import conference_hold

        conference_hold(actor=cast.officer_a, conference=announced)
    conference_conclude(actor=cast.chair_a, conference=announced)
    html = client.get(conclusions_url(announced)).content.decode()
    assert 'data-testid="banner-concluded"' in html and "Đã có trả lời sớm." in html


def test_conclusions_of_a_conference_that_is_not_public_are_not_found(client, cast, planned):
    assert client.get(conclusions_url(planned)).status_code == 404


def test_portal_pages_link_to_the_form_tracking_and_conclusions(client, cast, announced, held):
    unit_html = client.get(reverse("portal:unit", args=[cast.commune_a.pk])).content.decode()
    assert reverse("petitions_public:submit", args=[cast.commune_a.pk]) in unit_html
    assert reverse("petitions_public:track_form") in unit_html
    html = client.get(reverse("portal:conference", args=[held.pk])).content.decode()
    assert f"?hoi_nghi={held.pk}" in html and "Gửi ý kiến, kiến nghị" in html
    assert reverse("portal:conclusions", args=[held.pk]) in html


# ---------------------------------------------------------------- "Ý kiến của tôi"


def test_a_signed_in_citizen_sees_their_own_petitions(client, cast):
    client.force_login(cast.citizen)
    form = client.get(submit_url(cast.commune_a)).content.decode()
    assert 'value="Triệu Thị Dân"' in form  # offered, and may be cleared
    send(client, cast, submitter_name="")
    mine = Petition.objects.get()
    assert mine.submitted_by == cast.citizen and mine.created_by == cast.citizen
    assert AuditEvent.objects.get(event_type="petition.received").actor == cast.citizen
    someone_else = make(cast, "Ý kiến của người khác.")
    response = client.get(reverse("petitions_public:mine"))
    html = response.content.decode()
    assert response.status_code == 200
    assert format_code(mine.tracking_code) in html and "Mới tiếp nhận" in html
    assert someone_else.tracking_code[:4] + "-" not in html
    assert html.count('data-testid="my-petition"') == 1


def test_staff_sending_from_the_public_form_act_for_the_office(client, cast):
    client.force_login(cast.officer_a)
    assert 'value="Nông Thị Văn"' not in client.get(submit_url(cast.commune_a)).content.decode()
    send(client, cast)
    petition = Petition.objects.get()
    assert petition.submitted_by is None and petition.created_by == cast.officer_a


def test_mine_needs_a_sign_in(client):
    response = client.get(reverse("petitions_public:mine"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
