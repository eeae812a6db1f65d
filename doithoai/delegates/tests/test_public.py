"""The invited person's own page: no sign-in, their name, the RSVP buttons; nothing for unknown codes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.delegates import actions, views
from doithoai.delegates.models import Delegate, Rsvp
from doithoai.delegates.tests.conftest import set_state


@pytest.fixture
def invited(cast, conference):
    return actions.delegate_create(
        actor=cast.officer_a,
        conference=conference,
        data={"full_name": "Hoàng Văn Pẻo", "position": "Trưởng thôn", "phone": "0912345678"},
        village=cast.village_a,
    ).delegate


def _url(code):
    return reverse("invitations:show", args=[code])


def test_it_shows_the_conference_and_the_persons_name_but_never_the_phone(client, invited):
    response = client.get(_url(invited.code))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hoàng Văn Pẻo" in page
    assert "Thứ Sáu, ngày 05 tháng 6 năm 2026" in page
    assert "07 giờ 30" in page
    assert "Hội trường UBND xã" in page
    assert "0912345678" not in page and "0912" not in page
    assert "<svg" in page  # the QR to show at the door
    assert invited.code_display in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_answer_is_recorded_once(client, invited):
    url = _url(invited.code)
    response = client.post(url, {"rsvp": "attending"})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.rsvp == Rsvp.ATTENDING and invited.rsvp_at is not None
    first_at = invited.rsvp_at
    client.post(url, {"rsvp": "attending"})
    invited.refresh_from_db()
    assert invited.rsvp_at == first_at
    assert AuditEvent.objects.filter(event_type="delegate.rsvp").count() == 1
    client.post(url, {"rsvp": "declined"})
    invited.refresh_from_db()
    assert invited.rsvp == Rsvp.DECLINED
    assert AuditEvent.objects.filter(event_type="delegate.rsvp").count() == 2
    assert "Không tham dự" in client.get(url).content.decode()


def test_a_bad_answer_changes_nothing(client, invited):
    response = client.post(_url(invited.code), {"rsvp": "maybe"})
    assert response.status_code == 400
    invited.refresh_from_db()
    assert invited.rsvp == Rsvp.PENDING


def test_the_code_may_be_typed_in_lower_case_or_with_a_dash(client, invited):
    typed = f"{invited.code[:4]}-{invited.code[4:]}".lower()
    response = client.get(_url(typed))
    assert response.status_code == 302
    assert response["Location"] == _url(invited.code)


@pytest.mark.parametrize("state", ["held", "concluded"])
def test_answers_close_once_the_conference_is_held(client, invited, conference, state):
    set_state(conference, state)
    response = client.post(_url(invited.code), {"rsvp": "attending"})
    assert response.status_code == 400
    assert "không còn nhận trả lời" in response.content.decode()
    assert Delegate.objects.get(pk=invited.pk).rsvp == Rsvp.PENDING


def test_a_cancelled_conference_says_so(client, invited, conference):
    set_state(conference, "cancelled")
    page = client.get(_url(invited.code)).content.decode()
    assert "đã được hủy" in page
    assert 'name="rsvp"' not in page


def test_unknown_codes_and_open_slots_answer_404(client, cast, conference):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    open_slot = Delegate.objects.filter(conference=conference, full_name="")[0]
    assert client.get(_url(open_slot.code)).status_code == 404
    assert client.get(_url("ABCD2345")).status_code == 404
    assert client.get(_url("not-a-code")).status_code == 404
    assert client.post(_url(open_slot.code), {"rsvp": "attending"}).status_code == 404


def test_too_many_unknown_codes_from_one_address_stop_the_page_for_a_while(client, invited):
    for _i in range(views.PUBLIC_MISS_LIMIT):
        assert client.get(_url("ZZZZ2222"), REMOTE_ADDR="203.0.113.9").status_code == 404
    # Even a real code now waits, from that address only.
    assert client.get(_url(invited.code), REMOTE_ADDR="203.0.113.9").status_code == 429
    assert client.get(_url(invited.code), REMOTE_ADDR="203.0.113.10").status_code == 200
