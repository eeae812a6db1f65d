"""Advance registration to speak (đăng ký phát biểu): who may enter, schedule and decline them in which state,
the portal's form (idempotent, rate-limited, closed once the conference has started), another unit's
conference, and the list of speakers they become."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences.models import Conference
from doithoai.live.actions import registrations as actions
from doithoai.live.actions.room import room_start
from doithoai.live.actions.speakers import speaker_start
from doithoai.live.models import RequestSource, RequestStatus, Speaker, SpeakingRequest
from doithoai.live.views.public_registration import HONEYPOT

pytestmark = pytest.mark.django_db

TOKEN = "t" * 24
ALLOWED_TO_SCHEDULE = {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE}
ALLOWED_TO_ENTER = {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE, Role.VILLAGE_HEAD}


@pytest.fixture
def upcoming(conference):
    """The fixture's conference, moved ten days ahead of the real time (the portal's form is open)."""
    Conference.objects.filter(pk=conference.pk).update(starts_at=timezone.now() + dt.timedelta(days=10))
    conference.refresh_from_db()
    return conference


def _entered(cast, conference, village=None, **data):
    request, _created = actions.speaking_request_create(
        actor=cast.officer_a,
        conference=conference,
        data={"village": (village or cast.village_a).pk, "topic": "Đường liên thôn xuống cấp", **data},
    )
    return request


def _in_state(cast, conference, state):
    request = _entered(cast, conference)
    if state == RequestStatus.SCHEDULED:
        actions.speaking_requests_schedule(actor=cast.officer_a, conference=conference, requests=[request])
    elif state == RequestStatus.DECLINED:
        actions.speaking_request_decline(actor=cast.officer_a, request=request, reason="Trùng nội dung")
    request.refresh_from_db()
    assert request.status == state
    return request


def _public_post(client, conference, token=TOKEN, **data):
    url = reverse("live_public:register", args=[conference.pk])
    values = {"submission_key": token, "village": "", "topic": "", "name": "", **data}
    return client.post(url, values)


# ---------------------------------------------------------------- the matrix: role × state


@pytest.mark.parametrize("role", list(Role))
def test_it_lets_only_the_office_and_the_chairs_schedule_and_decline(cast, upcoming, role):
    user = cast.user_for(role)
    for name in ("schedule", "decline"):
        request = _entered(cast, upcoming)
        try:
            if name == "schedule":
                actions.speaking_requests_schedule(actor=user, conference=upcoming, requests=[request])
            else:
                actions.speaking_request_decline(actor=user, request=request, reason="Đã trả lời bằng văn bản")
        except PermissionDenied:
            assert role not in ALLOWED_TO_SCHEDULE, (role, name)
            request.refresh_from_db()
            assert request.status == RequestStatus.PENDING and request.speaker is None
        else:
            assert role in ALLOWED_TO_SCHEDULE, (role, name)
            request.refresh_from_db()
            expected = RequestStatus.SCHEDULED if name == "schedule" else RequestStatus.DECLINED
            assert request.status == expected


@pytest.mark.parametrize("role", list(Role))
def test_it_lets_the_office_enter_for_any_village_and_a_village_head_for_their_own(cast, upcoming, village_c, role):
    user = cast.user_for(role)
    data = {"village": cast.village_a.pk, "topic": "Nước sinh hoạt mùa khô"}
    try:
        request, created = actions.speaking_request_create(actor=user, conference=upcoming, data=data)
    except PermissionDenied:
        assert role not in ALLOWED_TO_ENTER
        assert not SpeakingRequest.objects.exists()
        return
    assert role in ALLOWED_TO_ENTER and created
    expected = RequestSource.VILLAGE_HEAD if role == Role.VILLAGE_HEAD else RequestSource.OFFICE
    assert request.source == expected and request.created_by == user
    other = {"village": village_c.pk, "topic": "Đèn đường"}
    if role == Role.VILLAGE_HEAD:
        with pytest.raises(ValidationError) as refused:
            actions.speaking_request_create(actor=user, conference=upcoming, data=other)
        assert "village" in refused.value.message_dict
    else:
        actions.speaking_request_create(actor=user, conference=upcoming, data=other)


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        (RequestStatus.PENDING, {"schedule", "decline"}),
        (RequestStatus.SCHEDULED, set()),
        (RequestStatus.DECLINED, {"reopen"}),
    ],
)
def test_it_follows_the_transition_table(cast, upcoming, state, allowed):
    for name in ("schedule", "decline", "reopen"):
        request = _in_state(cast, upcoming, state)
        speakers_before = Speaker.objects.count()
        try:
            if name == "schedule":
                actions.speaking_requests_schedule(actor=cast.chair_a, conference=upcoming, requests=[request])
            elif name == "decline":
                actions.speaking_request_decline(actor=cast.chair_a, request=request, reason="Không thuộc nội dung")
            else:
                actions.speaking_request_reopen(actor=cast.chair_a, request=request)
        except ValidationError:
            assert name not in allowed, (state, name)
            request.refresh_from_db()
            assert request.status == state and Speaker.objects.count() == speakers_before
        else:
            assert name in allowed, (state, name)


def test_it_refuses_entries_once_the_conference_has_started_and_decisions_once_it_is_concluded(cast, conference):
    # The fixture's conference (05/6/2026) has started by the real time of the tests.
    assert conference.starts_at <= timezone.now()
    with pytest.raises(ValidationError):
        _entered(cast, conference)
    assert not SpeakingRequest.objects.exists()
    Conference.objects.filter(pk=conference.pk).update(status="concluded")
    conference.refresh_from_db()
    request = SpeakingRequest.objects.create(conference=conference, source="office", village=cast.village_a, topic="x")
    with pytest.raises(ValidationError):
        actions.speaking_requests_schedule(actor=cast.officer_a, conference=conference, requests=[request])
    with pytest.raises(ValidationError):
        actions.speaking_request_decline(actor=cast.officer_a, request=request, reason="Muộn")


def test_it_asks_for_the_village_the_topic_and_a_reason_to_decline(cast, upcoming):
    with pytest.raises(ValidationError) as refused:
        actions.speaking_request_create(
            actor=cast.officer_a, conference=upcoming, data={"village": "", "topic": " ", "show_name": True}
        )
    assert set(refused.value.message_dict) == {"village", "topic", "show_name"}
    with pytest.raises(ValidationError) as too_long:
        _entered(cast, upcoming, topic="x" * 1001)
    assert "topic" in too_long.value.message_dict
    assert not SpeakingRequest.objects.exists()
    request = _entered(cast, upcoming)
    with pytest.raises(ValidationError) as no_reason:
        actions.speaking_request_decline(actor=cast.officer_a, request=request, reason="  ")
    assert "reason" in no_reason.value.message_dict


# ---------------------------------------------------------------- scheduling into the list of speakers


def test_it_puts_registrations_into_the_list_of_speakers_in_order_with_the_name_only_by_consent(
    cast, upcoming, petitions
):
    first = _entered(cast, upcoming, name="Nông Văn Tư", show_name=True, topic="Sửa đường liên thôn")
    second = _entered(cast, upcoming, name="Hoàng Thị Năm", topic="Cấp giấy chứng nhận quyền sử dụng đất " * 20)
    actions.speaking_request_link_petitions(actor=cast.officer_a, request=second, petitions=[petitions[2].pk])
    speakers = actions.speaking_requests_schedule(
        actor=cast.officer_a,
        conference=upcoming,
        requests=[second, first],
    )
    assert [s.order for s in speakers] == sorted(s.order for s in speakers)
    by_second, by_first = speakers
    # Without consent the name stays with the registration, not on the list (nor on the screen).
    assert by_second.name == "" and not by_second.show_name and by_second.village == cast.village_a
    assert list(by_second.petitions.all()) == [petitions[2]]
    assert len(by_second.topic) <= 500 and by_second.topic.endswith("…")
    assert by_first.name == "Nông Văn Tư" and by_first.show_name and by_first.topic == "Sửa đường liên thôn"
    for request, speaker in ((first, by_first), (second, by_second)):
        request.refresh_from_db()
        assert request.status == RequestStatus.SCHEDULED and request.speaker == speaker
    assert AuditEvent.objects.filter(event_type="speaking_request.scheduled").count() == 2
    assert AuditEvent.objects.filter(event_type="speaker.added").count() == 2
    # The trail never keeps the name typed.
    assert not AuditEvent.objects.filter(changes__icontains="Hoàng Thị Năm").exists()


def test_it_refuses_a_whole_selection_when_one_of_them_cannot_be_scheduled(cast, upcoming):
    good = _entered(cast, upcoming)
    declined = _in_state(cast, upcoming, RequestStatus.DECLINED)
    with pytest.raises(ValidationError):
        actions.speaking_requests_schedule(actor=cast.officer_a, conference=upcoming, requests=[good, declined])
    good.refresh_from_db()
    assert good.status == RequestStatus.PENDING and not Speaker.objects.exists()


def test_it_links_only_petitions_of_the_unit(cast, upcoming, petitions):
    request = _entered(cast, upcoming)
    actions.speaking_request_link_petitions(actor=cast.officer_a, request=request, petitions=[petitions[0].pk])
    with pytest.raises(ValidationError):
        actions.speaking_request_link_petitions(actor=cast.officer_a, request=request, petitions=[10**9])
    assert list(request.petitions.all()) == [petitions[0]]
    with pytest.raises(PermissionDenied):
        actions.speaking_request_link_petitions(actor=cast.front_a, request=request, petitions=[])


# ---------------------------------------------------------------- the portal's form


def test_the_portal_form_registers_once_however_often_it_is_sent(client, cast, upcoming):
    page = client.get(reverse("live_public:register", args=[upcoming.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="show_name"' in body and "checked" not in body.split('name="show_name"')[1].split(">")[0]
    assert 'type="tel"' not in body and "phone" not in body.split("registration-form")[1]
    data = {"village": cast.village_a.pk, "topic": "Đường vào thôn Nà Pàn sạt lở", "name": "Lý Văn Sáu"}
    first = _public_post(client, upcoming, **data)
    again = _public_post(client, upcoming, **data)
    assert first.status_code == again.status_code == 302
    request = SpeakingRequest.objects.get()
    assert request.source == RequestSource.PORTAL and not request.show_name and request.created_by is None
    assert request.submission_key.startswith("web:")
    done = client.get(first["Location"])
    assert "Đường vào thôn Nà Pàn sạt lở" in done.content.decode()
    assert AuditEvent.objects.filter(event_type="speaking_request.created").count() == 1


def test_the_portal_form_says_what_is_missing_and_keeps_what_was_typed(client, cast, upcoming):
    response = _public_post(client, upcoming, topic="Cầu tràn bị hỏng")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chọn thôn, tổ dân phố nơi người đăng ký ở." in body and "Cầu tràn bị hỏng" in body
    bot = _public_post(client, upcoming, token="x" * 24, village=cast.village_a.pk, topic="a", **{HONEYPOT: "bot"})
    assert bot.status_code == 400
    assert not SpeakingRequest.objects.exists()


def test_the_portal_form_is_rate_limited_like_the_petition_form(client, cast, upcoming):
    for index in range(5):
        response = _public_post(client, upcoming, token=f"{index}" * 20, village=cast.village_a.pk, topic="Nội dung")
        assert response.status_code == 302
    refused = _public_post(client, upcoming, token="z" * 20, village=cast.village_a.pk, topic="Nội dung")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert SpeakingRequest.objects.count() == 5


def test_the_portal_form_refuses_after_the_conference_started(client, cast, conference):
    assert conference.starts_at <= timezone.now()
    page = client.get(reverse("live_public:register", args=[conference.pk]))
    assert page.status_code == 200 and 'data-testid="registration-closed"' in page.content.decode()
    response = _public_post(client, conference, village=cast.village_a.pk, topic="Muộn quá")
    assert response.status_code == 400
    assert not SpeakingRequest.objects.exists()
    portal = client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    assert 'data-testid="register-to-speak"' not in portal


def test_the_portal_conference_page_links_to_the_form_while_it_is_open(client, upcoming):
    portal = client.get(reverse("portal:conference", args=[upcoming.pk])).content.decode()
    assert reverse("live_public:register", args=[upcoming.pk]) in portal


def test_it_answers_404_for_a_conference_that_is_not_public_or_of_another_unit(client, cast, upcoming, password):
    Conference.objects.filter(pk=upcoming.pk).update(status="planned")
    assert client.get(reverse("live_public:register", args=[upcoming.pk])).status_code == 404
    client.force_login(cast.officer_b)
    url = reverse("live:registrations", args=[upcoming.unit_id, upcoming.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("live:registrations", args=[cast.commune_b.pk, upcoming.pk])).status_code == 404
    request = SpeakingRequest.objects.create(conference=upcoming, source="office", village=cast.village_a, topic="x")
    decline = reverse("live:registration_decline", args=[upcoming.unit_id, upcoming.pk, request.pk])
    assert client.post(decline, {"reason": "x"}).status_code == 404


# ---------------------------------------------------------------- the staff's pages


def test_the_office_page_groups_by_sector_and_by_village_and_filters_by_state(
    client, cast, upcoming, village_c, sectors
):
    _entered(cast, upcoming, topic="Kênh mương bị bồi lấp", sector=sectors["XD-GT-HT"].pk)
    _entered(cast, upcoming, village=village_c, topic="Sổ đỏ chậm")
    _in_state(cast, upcoming, RequestStatus.DECLINED)
    client.force_login(cast.officer_a)
    url = reverse("live:registrations", args=[upcoming.unit_id, upcoming.pk])
    by_sector = client.get(url).content.decode()
    assert sectors["XD-GT-HT"].name in by_sector and "Chưa rõ lĩnh vực" in by_sector
    by_village = client.get(url, {"theo": "thon"}).content.decode()
    assert "Thôn Bản Châu" in by_village
    pending = client.get(url, {"trang-thai": "cho-xep"}).content.decode()
    assert pending.count('data-testid="registration-row"') == 2
    declined = client.get(url, {"trang-thai": "khong-xep"}).content.decode()
    assert declined.count('data-testid="registration-row"') == 1 and "Trùng nội dung" in declined


def test_a_village_head_sees_and_enters_only_their_village_and_the_front_only_reads(client, cast, upcoming, village_c):
    _entered(cast, upcoming, topic="Nà Pàn hỏi")
    _entered(cast, upcoming, village=village_c, topic="Bản Châu hỏi")
    url = reverse("live:registrations", args=[upcoming.unit_id, upcoming.pk])
    client.force_login(cast.village_head_a)
    body = client.get(url).content.decode()
    assert "Nà Pàn hỏi" in body and "Bản Châu hỏi" not in body and 'data-testid="registration-check"' not in body
    add = reverse("live:registration_add", args=[upcoming.unit_id, upcoming.pk])
    form = client.get(add).content.decode()
    assert "Thôn Bản Châu" not in form
    response = client.post(add, {"village": village_c.pk, "topic": "Không phải thôn mình", "submission_key": "k1"})
    assert response.status_code == 400 and SpeakingRequest.objects.count() == 2
    response = client.post(add, {"village": cast.village_a.pk, "topic": "Thôn mình", "submission_key": "k2"})
    assert response.status_code == 302
    client.post(add, {"village": cast.village_a.pk, "topic": "Thôn mình", "submission_key": "k2"})
    assert SpeakingRequest.objects.filter(topic="Thôn mình", source=RequestSource.VILLAGE_HEAD).count() == 1
    client.force_login(cast.front_a)
    front = client.get(url).content.decode()
    assert "Bản Châu hỏi" in front and 'data-testid="registration-check"' not in front
    assert client.get(add).status_code == 403
    client.force_login(cast.department_officer_a)
    assert client.get(url).status_code == 403


def test_the_link_page_finds_petitions_by_words_without_diacritics_and_by_code(client, cast, upcoming, petitions):
    request = _entered(cast, upcoming)
    client.force_login(cast.officer_a)
    url = reverse("live:registration_link", args=[upcoming.unit_id, upcoming.pk, request.pk])
    found = client.get(url, {"yk": "giay chung nhan"}).content.decode()
    assert f'value="{petitions[2].pk}"' in found
    code = petitions[1].tracking_code
    by_code = client.get(url, {"yk": f"{code[:4]}-{code[4:]}"}).content.decode()
    assert f'value="{petitions[1].pk}"' in by_code
    assert client.post(url, {"petitions": [petitions[1].pk, petitions[2].pk]}).status_code == 302
    assert set(request.petitions.all()) == {petitions[1], petitions[2]}


def test_the_list_of_speakers_shows_the_registration_to_the_staff_and_not_on_the_screen(client, cast, upcoming):
    topic = "Hỗ trợ hộ nghèo làm nhà ở " + "rất dài " * 80
    request = _entered(cast, upcoming, topic=topic.strip())
    client.force_login(cast.officer_a)
    schedule = reverse("live:registration_schedule", args=[upcoming.unit_id, upcoming.pk])
    response = client.post(schedule, {"chon": [request.pk]})
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("live:speakers", args=[upcoming.unit_id, upcoming.pk])
    )
    speakers = client.get(response["Location"]).content.decode()
    assert 'data-testid="speaker-registered"' in speakers and topic.strip()[-40:] in speakers
    # On the hall's screen while they speak: the village, never the registered topic.
    room_start(actor=cast.officer_a, conference=upcoming)
    speaker_start(actor=cast.officer_a, speaker=Speaker.objects.get(registrations=request))
    screen = client.get(reverse("live:screen_state", args=[upcoming.unit_id, upcoming.pk])).content.decode()
    assert "Thôn Nà Pàn" in screen and "Hỗ trợ hộ nghèo" not in screen
