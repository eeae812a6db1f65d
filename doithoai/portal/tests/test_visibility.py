"""What is public and when: the announcement publishes a conference; planned ones are not public.

Every page of a conference answers 404 while it is only planned, for a
cancelled one that was never announced, and for a unit that does not use the
system. Everything works without signing in, and is read-only.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.conferences.actions import conference_cancel
from doithoai.conferences.tests.conftest import on_day
from doithoai.portal.tests.conftest import MADE_ON, D, announce
from doithoai.units.models import AdminUnit

BEFORE = dt.date(2026, 5, 31)  # five days before the conference
AFTER = dt.date(2026, 6, 8)

PAGES = ["conference", "poster", "radio", "radio_text", "calendar"]


def _url(name, conference):
    return reverse(f"portal:{name}", args=[conference.pk])


@pytest.mark.parametrize("name", PAGES)
def test_it_answers_404_for_a_planned_conference(client, planned, name):
    with on_day(BEFORE):
        assert client.get(_url(name, planned)).status_code == 404


def test_it_does_not_list_a_planned_conference(client, cast, planned):
    with on_day(BEFORE):
        for url in (reverse("portal:index"), reverse("portal:unit", args=[cast.commune_a.pk]), reverse("core:home")):
            response = client.get(url)
            assert response.status_code == 200
            assert planned.title not in response.content.decode(), url


@pytest.mark.parametrize("name", PAGES)
def test_it_shows_an_announced_conference_to_anyone(client, cast, announced, name):
    with on_day(BEFORE):
        assert client.get(_url(name, announced)).status_code == 200
        client.force_login(cast.citizen)
        assert client.get(_url(name, announced)).status_code == 200


def test_it_lists_an_announced_conference_with_its_countdown(client, announced):
    with on_day(BEFORE):
        response = client.get(reverse("portal:index"))
    upcoming = response.context["upcoming_cards"]
    assert [c.conference.pk for c in upcoming] == [announced.pk]
    assert upcoming[0].countdown == "còn 5 ngày"
    assert upcoming[0].when_text == "07 giờ 30, thứ Sáu, ngày 05/6/2026"
    html = response.content.decode()
    assert "còn 5 ngày" in html
    assert "07 giờ 30, thứ Sáu, ngày 05/6/2026" in html
    assert response.context["past_cards"] == []


def test_it_says_today_and_tomorrow(client, announced):
    with on_day(D - dt.timedelta(days=1)):
        assert client.get(reverse("portal:index")).context["upcoming_cards"][0].countdown == "ngày mai"
    with on_day(D):
        assert client.get(reverse("portal:index")).context["upcoming_cards"][0].countdown == "hôm nay"


def test_it_labels_a_cancelled_conference_until_its_day_has_passed(client, cancelled):
    with on_day(BEFORE):
        response = client.get(reverse("portal:index"))
        page = client.get(_url("conference", cancelled))
    [card] = response.context["upcoming_cards"]
    assert (card.conference.pk, card.state, card.state_label) == (cancelled.pk, "cancelled", "Đã hủy")
    assert card.countdown == ""
    assert 'data-state="cancelled"' in response.content.decode()
    assert page.status_code == 200
    assert "Đã hủy" in page.content.decode()
    with on_day(AFTER):
        response = client.get(reverse("portal:index"))
        assert response.context["upcoming_cards"] == []
        assert response.context["past_cards"] == []
        # A link already shared keeps working, and says it was cancelled.
        page = client.get(_url("conference", cancelled))
        assert page.status_code == 200
        assert "Đã hủy" in page.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_it_answers_404_for_a_conference_cancelled_before_it_was_announced(client, cast, planned, name):
    with on_day(MADE_ON):
        conference_cancel(actor=cast.chair_a, conference=planned)
    with on_day(BEFORE):
        assert client.get(_url(name, planned)).status_code == 404
        assert client.get(reverse("portal:index")).context["upcoming_cards"] == []


def test_it_moves_a_held_conference_to_the_past_section(client, held):
    with on_day(D):
        response = client.get(reverse("portal:index"))
    assert response.context["upcoming_cards"] == []
    [card] = response.context["past_cards"]
    assert (card.conference.pk, card.state_label) == (held.pk, "Đã tổ chức")


def test_it_moves_an_announced_conference_to_the_past_once_its_day_is_over(client, announced):
    with on_day(AFTER):
        response = client.get(reverse("portal:index"))
    assert response.context["upcoming_cards"] == []
    [card] = response.context["past_cards"]
    assert (card.conference.pk, card.state) == (announced.pk, "passed")


def test_it_hides_units_that_do_not_use_the_system(client, cast, announced):
    cast.commune_a.is_set_up = False
    cast.commune_a.save(update_fields=["is_set_up"])
    with on_day(BEFORE):
        assert client.get(reverse("portal:unit", args=[cast.commune_a.pk])).status_code == 404
        assert client.get(_url("conference", announced)).status_code == 404
        assert client.get(reverse("portal:index")).context["upcoming_cards"] == []


def test_it_answers_404_for_unknown_ids(client, cast):
    assert client.get(reverse("portal:unit", args=[999999])).status_code == 404
    assert client.get(reverse("portal:conference", args=[999999])).status_code == 404
    # A unit of the national list that does not use the system.
    other = AdminUnit.objects.filter(is_set_up=False, level="commune").first()
    assert other is not None
    assert client.get(reverse("portal:unit", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_it_is_read_only(client, cast, announced, name):
    with on_day(BEFORE):
        client.force_login(cast.officer_a)
        assert client.post(_url(name, announced)).status_code == 405
        assert client.head(_url(name, announced)).status_code == 200
    announced.refresh_from_db()
    assert announced.status == "announced"


def test_staff_see_links_to_the_public_page_once_announced(client, cast, planned):
    client.force_login(cast.officer_a)
    detail = reverse("conferences:detail", args=[cast.commune_a.pk, planned.pk])
    with on_day(MADE_ON):
        assert 'data-testid="portal-links"' not in client.get(detail).content.decode()
    announce(cast, planned)
    with on_day(MADE_ON):
        html = client.get(detail).content.decode()
    assert reverse("portal:conference", args=[planned.pk]) in html
    assert reverse("portal:radio_text", args=[planned.pk]) in html
