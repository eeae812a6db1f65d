"""The portal's pages: search without diacritics, the province filter, pages of a unit and of a
conference, sharing (og: tags, QR), no personal data, and query counts that do not grow with rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.conferences.tests.conftest import on_day
from doithoai.portal.tests.conftest import D, announce, conference_b, conference_on
from doithoai.units.models import AdminUnit

BEFORE = dt.date(2026, 5, 31)


def _titles(response, key="upcoming_cards"):
    return [c.conference.title for c in response.context[key]]


def test_it_finds_a_commune_by_its_name_typed_without_diacritics(client, cast, announced, plan_b):
    conference_b(cast, plan_b)
    with on_day(BEFORE):
        everything = client.get(reverse("portal:index"))
        found = client.get(reverse("portal:index"), {"q": "diem he"})
        other = client.get(reverse("portal:index"), {"q": "VAN QUAN"})
        none = client.get(reverse("portal:index"), {"q": "ha giang"})
    assert len(everything.context["upcoming_cards"]) == 2
    assert [c.conference.unit for c in found.context["upcoming_cards"]] == [cast.commune_a]
    assert [c.conference.unit for c in other.context["upcoming_cards"]] == [cast.commune_b]
    assert none.context["upcoming_cards"] == []
    assert 'data-testid="no-upcoming"' in none.content.decode()


def test_it_lists_the_soonest_first(client, cast, plan, plan_b):
    later = announce(cast, conference_on(cast, plan, dt.date(2026, 6, 19), title="Hội nghị đợt 2"))
    sooner = conference_b(cast, plan_b, dt.date(2026, 6, 12))
    first = announce(cast, conference_on(cast, plan, D, title="Hội nghị đợt 1"))
    with on_day(BEFORE):
        response = client.get(reverse("portal:index"))
    assert [c.conference.pk for c in response.context["upcoming_cards"]] == [first.pk, sooner.pk, later.pk]


def test_it_filters_by_province(client, cast, announced):
    other = AdminUnit.objects.filter(level="province", era="current").exclude(pk=cast.province.pk).first()
    unit_there = AdminUnit.objects.filter(parent=other, level="commune").first()
    assert other is not None and unit_there is not None
    unit_there.is_set_up = True
    unit_there.save(update_fields=["is_set_up"])
    with on_day(BEFORE):
        all_provinces = client.get(reverse("portal:index"))
        lang_son = client.get(reverse("portal:index"), {"tinh": cast.province.pk})
        elsewhere = client.get(reverse("portal:index"), {"tinh": other.pk})
        bogus = client.get(reverse("portal:index"), {"tinh": "abc"})
    assert {p.pk for p in all_provinces.context["provinces"]} == {cast.province.pk, other.pk}
    assert _titles(lang_son) == [announced.title]
    assert lang_son.context["province"] == cast.province
    assert elsewhere.context["upcoming_cards"] == []
    assert _titles(bogus) == [announced.title]


def test_it_pages_the_upcoming_conferences(client, cast, plan):
    for i in range(12):
        announce(cast, conference_on(cast, plan, D + dt.timedelta(days=i), title=f"Hội nghị số {i + 1:02d}"))
    with on_day(BEFORE):
        first = client.get(reverse("portal:index"))
        second = client.get(reverse("portal:index"), {"trang": 2, "q": "diem he"})
    assert len(first.context["upcoming_cards"]) == 10
    assert _titles(second) == ["Hội nghị số 11", "Hội nghị số 12"]
    assert 'data-testid="next-page"' in first.content.decode()
    assert "trang=2" in first.content.decode()


def _make(cast, plan, n, start):
    for i in range(n):
        day = start + dt.timedelta(days=i)
        announce(cast, conference_on(cast, plan, day, title=f"Hội nghị {day:%d/%m}"))


@pytest.mark.parametrize("url_name", ["portal:index", "portal:unit"])
def test_its_lists_use_a_fixed_number_of_queries(client, cast, plan, url_name):
    args = [cast.commune_a.pk] if url_name == "portal:unit" else []
    url = reverse(url_name, args=args)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with on_day(dt.date(2026, 6, 15)), CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _make(cast, plan, 2, dt.date(2026, 6, 1))  # two past
    _make(cast, plan, 2, dt.date(2026, 6, 22))  # two upcoming
    few = count()
    _make(cast, plan, 2, dt.date(2026, 6, 3))
    _make(cast, plan, 2, dt.date(2026, 6, 24))
    assert count() == few
    assert few <= 12, few


def test_the_home_pages_show_the_next_conferences(client, cast, announced):
    with on_day(BEFORE):
        anonymous = client.get(reverse("core:home")).content.decode()
        client.force_login(cast.citizen)
        citizen = client.get(reverse("core:home")).content.decode()
    for html in (anonymous, citizen):
        assert 'data-testid="portal-upcoming"' in html
        assert announced.title in html
        assert reverse("portal:conference", args=[announced.pk]) in html
        assert reverse("portal:index") in html


def test_the_unit_page_shows_its_conferences_and_its_issued_plan(client, cast, announced, plan):
    with on_day(BEFORE):
        response = client.get(reverse("portal:unit", args=[cast.commune_a.pk]))
    html = response.content.decode()
    assert _titles(response) == [announced.title]
    assert "Xã Điềm He" in html
    assert "91/KH-UBND" in html
    assert "ngày 02/3/2026" in html
    assert plan.topics.first().text in html


def test_the_unit_page_leaves_out_draft_plans(client, cast):
    from doithoai.plans.actions import plan_create_from_preset

    draft = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2027)
    response = client.get(reverse("portal:unit", args=[cast.commune_a.pk]))
    assert response.status_code == 200
    assert draft.title not in response.content.decode()


def test_the_announcement_says_when_where_what_who_and_how(client, cast, announced, plan):
    with on_day(BEFORE):
        response = client.get(reverse("portal:conference", args=[announced.pk]))
    html = response.content.decode()
    assert "07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026" in html
    assert "còn 5 ngày" in html
    assert "Hội trường UBND xã" in html
    assert "Thôn Nà Pàn" in html
    for topic in plan.topics.all():
        assert topic.text in html
    assert "Đại diện Nhân dân (3 người/thôn)" in html  # the composition: groups and numbers
    assert "Chủ tịch UBND xã" in html and "Phó Chủ tịch HĐND xã" in html  # co-chairs' titles
    step = announced.steps.get(key="opinion_collection")
    assert f"đến hết ngày {step.due_date.day:02d}/{step.due_date.month}/2026" in html
    assert "Kế hoạch số 91/KH-UBND ngày 02/3/2026" in html


def test_the_announcement_can_be_shared(client, announced):
    with on_day(BEFORE):
        html = client.get(reverse("portal:conference", args=[announced.pk])).content.decode()
    url = f"http://testserver{reverse('portal:conference', args=[announced.pk])}"
    assert f'<meta property="og:title" content="{announced.title} – Xã Điềm He">' in html
    assert '<meta property="og:description" content="07 giờ 30, thứ Sáu, ngày 05/6/2026 – Hội trường UBND xã' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<svg viewBox="' in html and 'class="qr-code"' in html
    assert 'role="img" aria-label="Mã QR dẫn đến trang thông báo này"' in html


def test_the_poster_is_one_printable_page_with_the_qr_code(client, announced):
    with on_day(BEFORE):
        html = client.get(reverse("portal:poster", args=[announced.pk])).content.decode()
    assert "@page { size: A4 portrait" in html
    assert "THÔNG BÁO" in html and "07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026" in html
    assert 'class="qr-code"' in html
    assert '<html lang="vi">' in html


def test_no_personal_data_appears_on_public_pages(client, cast, announced):
    """Phone numbers and names of the people with accounts never reach the portal; co-chairs' titles do."""
    phones = {}
    for i, user in enumerate(
        [cast.chair_a, cast.officer_a, cast.front_a, cast.village_head_a, cast.council_a, cast.citizen]
    ):
        user.phone = f"09123456{i:02d}"
        user.save(update_fields=["phone"])
        phones[user.full_name] = user.phone
    # The secretary who keeps the minutes is a person, not a title printed on the plan: not public.
    announced.secretary_name = cast.officer_a.full_name
    announced.save(update_fields=["secretary_name"])
    cast.commune_a.phone = "0205 3 800 000"
    cast.commune_a.save(update_fields=["phone"])
    assert Membership.objects.filter(unit=cast.commune_a, role=Role.VILLAGE_HEAD).exists()
    urls = [
        reverse("portal:index"),
        reverse("portal:unit", args=[cast.commune_a.pk]),
        *(reverse(f"portal:{n}", args=[announced.pk]) for n in ["conference", "poster", "radio", "radio_text"]),
        reverse("portal:calendar", args=[announced.pk]),
        reverse("core:home"),
    ]
    with on_day(BEFORE):
        for url in urls:
            text = client.get(url).content.decode()
            for name, phone in phones.items():
                assert phone not in text, url
                assert name not in text, url
            assert "0205 3 800 000" not in text, url
            assert announced.created_by.username not in text, url
