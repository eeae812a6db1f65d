"""The notifications page, the bell in the top bar and the e-mail preference, through the test client."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.notifications import actions
from doithoai.notifications.models import Notification, NotificationKind, NotificationPreference

LIST = "/thong-bao/"


def make(user, n=1, *, start=0, url="/viec-can-lam/", unit=None):
    made = []
    for i in range(start, start + n):
        notification, _created = actions.notify(
            recipient=user,
            kind=NotificationKind.STEP_DUE_SOON,
            title=f"Còn 3 ngày đến hạn: việc số {i:03d}",
            body=f"Việc: việc số {i:03d}\nHạn: Thứ Hai, ngày 01 tháng 6 năm 2026",
            url=url,
            dedupe_key=f"test:{i}",
            unit=unit,
        )
        made.append(notification)
    return made


def test_it_asks_to_sign_in_first(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_lists_the_persons_own_notifications_newest_first_with_unread_highlighted(client, cast):
    first, _second = make(cast.front_a, 2)
    make(cast.officer_a, 1, start=10)
    actions.notification_mark_read(actor=cast.front_a, notification=first)
    client.force_login(cast.front_a)

    response = client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="notification"') == 2
    assert html.index("việc số 001") < html.index("việc số 000")
    assert "việc số 010" not in html
    assert html.count('data-testid="notification" data-unread="1"') == 1
    assert "Thứ Hai, ngày 01 tháng 6 năm 2026" in html


def test_it_marks_one_notification_read(client, cast):
    (notification,) = make(cast.front_a)
    client.force_login(cast.front_a)

    response = client.post(reverse("notifications:read", args=[notification.pk]), {"trang": "1"})

    assert response.status_code == 302 and response["Location"] == f"{LIST}?trang=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_it_marks_every_notification_read(client, cast):
    make(cast.front_a, 3)
    make(cast.officer_a, 2, start=10)
    client.force_login(cast.front_a)

    response = client.post(reverse("notifications:read_all"), follow=True)

    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(recipient=cast.front_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=cast.officer_a, read_at__isnull=True).count() == 2


def test_it_opens_a_notification_marking_it_read(client, cast):
    (notification,) = make(cast.front_a, url=f"/don-vi/{cast.commune_a.pk}/")
    client.force_login(cast.front_a)

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302 and response["Location"] == f"/don-vi/{cast.commune_a.pk}/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_it_never_redirects_outside_the_site(client, cast):
    (notification,) = make(cast.front_a, url="https://example.com/lua-dao/")
    client.force_login(cast.front_a)

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == reverse("notifications:list")


@pytest.mark.parametrize("name", ["read", "open"])
def test_it_answers_404_for_another_persons_notification(client, cast, name):
    (notification,) = make(cast.officer_a)
    client.force_login(cast.officer_b)

    response = client.post(reverse(f"notifications:{name}", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_changes_nothing_on_get(client, cast):
    (notification,) = make(cast.front_a)
    client.force_login(cast.front_a)

    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405
    assert client.get(reverse("notifications:read_all")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_switches_e_mail_reminders_off_and_on(client, cast):
    client.force_login(cast.front_a)
    checkbox = re.search(r'<input[^>]*name="email_reminders"[^>]*>', client.get(LIST).content.decode())
    assert checkbox is not None and "checked" in checkbox.group(0)

    response = client.post(reverse("notifications:preference"), {}, follow=True)

    assert "chỉ nhận nhắc việc trên hệ thống" in response.content.decode()
    assert NotificationPreference.objects.get(user=cast.front_a).email_reminders is False
    event = AuditEvent.objects.get(event_type="notifications.preference_updated")
    assert event.actor == cast.front_a

    client.post(reverse("notifications:preference"), {"email_reminders": "on"})
    assert NotificationPreference.objects.get(user=cast.front_a).email_reminders is True


def test_it_warns_a_person_without_an_e_mail_address(client, cast):
    cast.citizen.email = ""
    cast.citizen.save(update_fields=["email"])
    client.force_login(cast.citizen)

    assert 'data-testid="no-email"' in client.get(LIST).content.decode()


def test_it_pages_thirty_at_a_time(client, cast):
    make(cast.front_a, 31)
    client.force_login(cast.front_a)

    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"trang": 2}).content.decode()

    assert first.count('data-testid="notification"') == 30
    assert 'data-testid="next-page"' in first
    assert second.count('data-testid="notification"') == 1
    assert "việc số 000" in second


def _queries(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # the first request of a session decides its two-factor requirement
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_it_shows_the_page_in_a_number_of_queries_that_does_not_grow(client, cast, django_assert_max_num_queries):
    make(cast.front_a, 3)
    client.force_login(cast.front_a)
    few = _queries(client, LIST, django_assert_max_num_queries, 8)

    make(cast.front_a, 27, start=3)
    many = _queries(client, LIST, django_assert_max_num_queries, 8)

    assert many == few


def test_it_shows_the_unread_count_on_the_bell_of_every_page(client, cast):
    make(cast.front_a, 4)
    actions.notification_mark_read(actor=cast.front_a, notification=Notification.objects.earliest("pk"))
    client.force_login(cast.front_a)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert 'data-testid="bell"' in html
    assert 'data-testid="bell-count">3<' in html
    assert f'href="{LIST}"' in html


def test_it_shows_no_count_when_everything_is_read_and_no_bell_when_signed_out(client, cast):
    make(cast.front_a, 2)
    actions.notifications_mark_all_read(actor=cast.front_a)
    client.force_login(cast.front_a)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert 'data-testid="bell"' in html and 'data-testid="bell-count"' not in html

    client.logout()
    assert 'data-testid="bell"' not in client.get(reverse("accounts:login")).content.decode()


def test_it_counts_the_bell_in_one_query_however_many_notifications(client, cast, django_assert_max_num_queries):
    client.force_login(cast.front_a)
    url = reverse("accounts:profile")
    none = _queries(client, url, django_assert_max_num_queries, 30)

    make(cast.front_a, 25)
    many = _queries(client, url, django_assert_max_num_queries, 30)

    assert many == none
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    bell = [q["sql"] for q in captured.captured_queries if "notifications_notification" in q["sql"]]
    assert len(bell) == 1 and "COUNT(" in bell[0].upper()
