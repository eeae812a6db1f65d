"""The hall's screen over HTTP: the state it polls (204 while nothing changed, JSON otherwise, never cached),
its link (404 for a wrong one; renewing stops the old one), who may open what (role × room state), no
asset from outside, and no name without consent on the page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.testing import MATRIX_ROLES
from doithoai.live.actions import touch
from doithoai.live.actions.screen import screen_link_renew
from doithoai.live.models import Room, RoomStatus
from doithoai.live.tests.test_screen_state import (
    PHONE,
    SECRET_NAME,
    add_item,
    add_speaker,
    assert_never_shows,
    make_current,
    room_of,
    set_notice,
    set_room,
    start_speaker,
)

pytestmark = pytest.mark.django_db


def token_urls(token: str) -> tuple[str, str]:
    return reverse("screen:show", args=[token]), reverse("screen:state", args=[token])


def staff_urls(conference) -> dict[str, str]:
    args = [conference.unit_id, conference.pk]
    return {
        "tab": reverse("live:screen", args=args),
        "show": reverse("live:screen_show", args=args),
        "state": reverse("live:screen_state", args=args),
        "renew": reverse("live:screen_renew", args=args),
    }


# ---------------------------------------------------------------- the state endpoints


def test_by_its_link_the_state_answers_204_with_one_query_until_something_changes(
    client, conference, django_assert_num_queries
):
    room = set_room(conference, RoomStatus.RUNNING)
    _show, state_url = token_urls(room.screen_token)
    first = client.get(state_url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-store"
    assert first["Content-Type"] == "application/json"
    version = first.json()["version"]
    assert first.json()["status"] == "running"

    with django_assert_num_queries(1):
        same = client.get(state_url, {"v": version})
    assert same.status_code == 204
    assert same["Cache-Control"] == "no-store"
    assert same.content == b""

    set_notice(conference, "Mời đại biểu về chỗ ngồi")
    changed = client.get(state_url, {"v": version})
    assert changed.status_code == 200
    assert changed.json()["version"] > version
    assert changed.json()["notice"] == "Mời đại biểu về chỗ ngồi"
    assert client.get(state_url, {"v": changed.json()["version"]}).status_code == 204


def test_a_version_that_is_not_a_number_gets_the_whole_state(client, conference):
    room = set_room(conference, RoomStatus.RUNNING)
    assert client.get(token_urls(room.screen_token)[1], {"v": "abc"}).status_code == 200


def test_signed_in_the_state_answers_204_then_200_after_a_change(client, cast, conference):
    set_room(conference, RoomStatus.RUNNING)
    client.force_login(cast.front_a)
    url = staff_urls(conference)["state"]
    version = client.get(url).json()["version"]
    same = client.get(url, {"v": version})
    assert same.status_code == 204 and same["Cache-Control"] == "no-store"
    add_item(conference, "Đối thoại")
    changed = client.get(url, {"v": version})
    assert changed.status_code == 200 and changed["Cache-Control"] == "no-store"


def test_a_conference_whose_room_was_never_opened_is_about_to_start(client, cast, conference):
    client.force_login(cast.officer_a)
    state = client.get(staff_urls(conference)["state"]).json()
    assert state["status"] == "ready" and state["headline"] == "Hội nghị sắp bắt đầu"
    assert client.get(staff_urls(conference)["state"], {"v": state["version"]}).status_code == 204
    assert not Room.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["khong-co-lien-ket-nay", "x" * 41, "a'b", "%00", "-"],
)
def test_a_wrong_or_malformed_token_is_404_for_the_page_and_the_state(client, conference, token):
    set_room(conference, RoomStatus.RUNNING)
    show, state = f"/man-hinh/{token}/", f"/man-hinh/{token}/trang-thai/"
    assert client.get(show).status_code == 404
    assert client.get(state).status_code == 404
    assert client.get(state, {"v": 1}).status_code == 404


def test_renewing_the_link_stops_the_old_one(client, cast, conference):
    old = set_room(conference, RoomStatus.RUNNING).screen_token
    client.force_login(cast.officer_a)
    response = client.post(staff_urls(conference)["renew"], {"confirm": "1"})
    assert response.status_code == 302
    client.logout()
    new = Room.objects.get(conference=conference).screen_token
    assert new != old
    for url in token_urls(old):
        assert client.get(url).status_code == 404
    assert client.get(token_urls(old)[1], {"v": 1}).status_code == 404
    for url in token_urls(new):
        assert client.get(url).status_code == 200
    event = AuditEvent.objects.get(event_type="screen.link_renewed")
    assert event.actor == cast.officer_a and event.unit == cast.commune_a
    assert old not in str(event.changes) and new not in str(event.changes)


def test_renewing_asks_for_the_confirmation_box(client, cast, conference):
    old = set_room(conference, RoomStatus.RUNNING).screen_token
    client.force_login(cast.officer_a)
    response = client.post(staff_urls(conference)["renew"], {})
    assert response.status_code == 400
    assert "Đánh dấu xác nhận trước khi đổi liên kết" in response.content.decode()
    assert Room.objects.get(conference=conference).screen_token == old
    assert not AuditEvent.objects.filter(event_type="screen.link_renewed").exists()


def test_the_action_refuses_who_does_not_run_the_room(cast, conference):
    old = set_room(conference, RoomStatus.RUNNING).screen_token
    with pytest.raises(PermissionDenied):
        screen_link_renew(actor=cast.front_a, conference=conference)
    assert Room.objects.get(conference=conference).screen_token == old


# ---------------------------------------------------------------- who may open what, in each room state

ROLES = MATRIX_ROLES
STATES = ["none", RoomStatus.READY, RoomStatus.RUNNING, RoomStatus.ENDED]  # "none": no room made yet

# What each role gets, whatever the room's state: 200/302 allowed, 403 refused, 404 the unit is not theirs.
#                chair vice office dept front village council higher admin citizen accountant
WHO = {
    "tab":    "200   200  200    200  200   200     200     200    200   404     403",
    "show":   "200   200  200    200  200   200     200     200    200   404     403",
    "state":  "200   200  200    200  200   200     200     200    200   404     403",
    "renew":  "302   302  302    403  403   403     403     403    403   404     403",
}  # fmt: skip


def _prepare(conference, state: str) -> None:
    if state != "none":
        set_room(conference, state)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("page", list(WHO))
def test_permission_matrix(client, cast, conference, page, state):
    _prepare(conference, state)
    url = staff_urls(conference)[page]
    expected = dict(zip(ROLES, WHO[page].split(), strict=True))
    for role in ROLES:
        client.force_login(cast.user_for(role))
        before = Room.objects.filter(conference=conference).values_list("screen_token", flat=True).first()
        response = client.post(url, {"confirm": "1"}) if page == "renew" else client.get(url)
        assert str(response.status_code) == expected[role], (page, state, role, response.status_code)
        after = Room.objects.filter(conference=conference).values_list("screen_token", flat=True).first()
        if page == "renew":
            assert (after != before) == (expected[role] == "302"), (page, state, role)
        client.logout()


def test_another_commune_and_a_visitor_get_nothing(client, cast, conference):
    set_room(conference, RoomStatus.RUNNING)
    client.force_login(cast.officer_b)
    for page, url in staff_urls(conference).items():
        response = client.post(url, {"confirm": "1"}) if page == "renew" else client.get(url)
        assert response.status_code == 404, page
    client.logout()
    for page, url in staff_urls(conference).items():
        response = client.post(url, {"confirm": "1"}) if page == "renew" else client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"], page


# ---------------------------------------------------------------- the pages


class _Assets(HTMLParser):
    """Every address the page would load or go to: src, href, srcset, poster, data, action, and CSS url()."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href", "srcset", "poster", "data", "action", "formaction"} and value:
                self.urls.append(value)
            if name == "style" and value:
                self.inline_css.append(value)
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


def _external(urls: list[str]) -> list[str]:
    return [u for u in urls if u.strip().lower().startswith(("http:", "https:", "//")) and "testserver" not in u]


def test_the_screen_loads_nothing_from_outside(client, cast, conference):
    room = set_room(conference, RoomStatus.RUNNING)
    client.force_login(cast.officer_a)
    pages = [client.get(staff_urls(conference)["show"]), client.get(staff_urls(conference)["tab"])]
    client.logout()
    pages.append(client.get(token_urls(room.screen_token)[0]))
    for response in pages:
        assert response.status_code == 200
        parser = _Assets()
        parser.feed(response.content.decode())
        assert parser.urls, "the parser found the page's own assets"
        assert _external(parser.urls) == []
        assert not any("url(" in css and "http" in css for css in parser.inline_css)
    # The screen's own stylesheet and script fetch nothing either (no web font, no @import).
    for name in ("live/screen.css", "live/screen.js", "live/timer.js"):
        found = finders.find(name)
        assert isinstance(found, str), name
        text = Path(found).read_text()
        assert "@import" not in text and "@font-face" not in text and "url(" not in text, name
        assert "http://" not in text and "https://" not in text, name


def test_the_screen_page_shows_the_state_and_no_name_without_consent(client, conference, cast, village_c, delegates):
    room = set_room(conference, RoomStatus.RUNNING, notice="Giải lao 15 phút")
    item = add_item(conference, "Đối thoại với Nhân dân", minutes=90, presenter="Chủ tịch UBND xã")
    make_current(conference, item)
    delegates[0].phone = PHONE
    delegates[0].save()
    secret = add_speaker(conference, name=SECRET_NAME, village=village_c, label="Cử tri")
    add_speaker(conference, name=delegates[0].full_name, delegate=delegates[0], village=cast.village_a)
    add_speaker(conference, name="Vi Thị Đồng Ý", village=village_c, show_name=True)
    start_speaker(conference, secret)
    response = client.get(token_urls(room.screen_token)[0])
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    for shown in ("Đối thoại với Nhân dân", "Chủ tịch UBND xã", "Giải lao 15 phút", "Cử tri – Thôn Bản Châu"):
        assert shown in html
    assert "Vi Thị Đồng Ý (Thôn Bản Châu)" in html
    assert 'data-limit="300"' in html and 'data-running="1"' in html
    assert_never_shows(html, SECRET_NAME, delegates[0].full_name, PHONE)


@pytest.mark.parametrize(
    ("status", "headline"),
    [(RoomStatus.READY, "Hội nghị sắp bắt đầu"), (RoomStatus.ENDED, "Hội nghị đã kết thúc")],
)
def test_before_and_after_the_page_shows_the_conference(client, conference, status, headline):
    room = set_room(conference, status)
    html = client.get(token_urls(room.screen_token)[0]).content.decode()
    assert f'data-status="{status}"' in html
    for shown in (headline, "Hội nghị đối thoại năm 2026", "Thứ Sáu, ngày 05 tháng 6 năm 2026", "07 giờ 30"):
        assert shown in html
    assert "Hội trường UBND xã" in html


def test_the_screen_tab_gives_the_link_its_qr_code_and_the_warning(client, cast, conference):
    client.force_login(cast.vice_chair_a)
    response = client.get(staff_urls(conference)["tab"])
    html = response.content.decode()
    room = room_of(conference)
    assert f"http://testserver/man-hinh/{room.screen_token}/" in html
    assert "<svg" in html and 'class="qr-code"' in html
    assert "Ai có liên kết này đều xem được" in html
    assert staff_urls(conference)["show"] in html  # "Mở màn hình" and the preview
    assert 'data-testid="screen-renew-form"' in html
    client.force_login(cast.council_a)
    html = client.get(staff_urls(conference)["tab"]).content.decode()
    assert room.screen_token in html and 'data-testid="screen-renew-form"' not in html


def test_the_tab_warns_when_opened_as_localhost(client, cast, conference, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "192.168.1.10"]
    client.force_login(cast.officer_a)
    url = staff_urls(conference)["tab"]
    local = client.get(url, HTTP_HOST="127.0.0.1:8000")
    lan = client.get(url, HTTP_HOST="192.168.1.10:8000")
    assert local.status_code == lan.status_code == 200
    assert 'data-testid="screen-local-warning"' in local.content.decode()
    assert "http://192.168.1.10:8000/man-hinh/" in lan.content.decode()
    assert 'data-testid="screen-local-warning"' not in lan.content.decode()


def test_touch_makes_the_screen_fetch_again(client, conference):
    room = set_room(conference, RoomStatus.RUNNING)
    url = token_urls(room.screen_token)[1]
    version = client.get(url).json()["version"]
    touch(conference)
    assert client.get(url, {"v": version}).status_code == 200
