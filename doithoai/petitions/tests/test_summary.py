"""The Front's summary of a conference's petitions: counts by sector and village, links to the list,
the list by sector then village, the due date of the Front's step and its "sent" button."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.conferences.models import TimelineStep
from doithoai.conferences.tests.conftest import at, on_day
from doithoai.petitions import actions
from doithoai.petitions.models import Channel, Jurisdiction, Kind, Petition, PetitionGroup, PetitionStatus
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.units.models import Village

D = dt.date
CONFERENCE_DAY = D(2026, 6, 5)  # a Friday; the Front's summary is due 3 days before: Tuesday 02/6/2026
TODAY = D(2026, 5, 28)
TEXTS = [
    "Đường bê tông từ {v} ra trung tâm xã bị sụt lún, đề nghị sửa chữa.",
    "Kênh mương nội đồng {v} bị bồi lấp, nước không về ruộng.",
    "Điện sinh hoạt ở {v} yếu vào buổi tối, đề nghị nâng cấp trạm biến áp.",
    "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ ở {v}.",
    "Rác thải ở {v} chưa được thu gom thường xuyên.",
]


@pytest.fixture
def villages(cast):
    return [
        cast.village_a,
        Village.objects.create(unit=cast.commune_a, name="Thôn Bản Châu", sort_order=2),
        Village.objects.create(unit=cast.commune_a, name="Thôn Khòn Khẻ", sort_order=3),
    ]


@pytest.fixture
def sectors(cast):
    return actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)


@pytest.fixture
def conference(cast, villages, sectors):
    from doithoai.conferences.actions import conference_create

    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=D(2026, 3, 2))
    with on_day(D(2026, 5, 4)):
        return conference_create(
            actor=cast.officer_a,
            plan=plan,
            data={"title": "Hội nghị đối thoại năm 2026", "starts_at": at(CONFERENCE_DAY, 7, 30)},
            villages=villages,
        )


def make_petitions(cast, conference, villages, sectors, n, *, seed=4, start=0):
    """`n` petitions of the conference spread at random over the villages (and none), five sectors (and
    none: not yet classified), the channels and kinds. Returns what was made, as the test meant it."""
    rng = random.Random(seed)
    some_sectors = sectors[:5]
    made = []
    with on_day(TODAY):
        for i in range(start, start + n):
            village = rng.choice([*villages, None])
            sector = rng.choice([*some_sectors, None])
            channel = rng.choice([Channel.PAPER_FORM, Channel.SUMMARY_IMPORT, Channel.ONLINE, Channel.CONFERENCE])
            kind = rng.choice([Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.QUESTION])
            text = rng.choice(TEXTS).format(v=village.name if village else "thôn") + f" (số {i})"
            petition, _created = actions.create_petition(
                actor=cast.front_a,
                unit=cast.commune_a,
                data={"text": text, "channel": channel, "village": village, "conference": conference},
            )
            if sector is not None:
                petition = actions.petition_classify(
                    actor=cast.front_a, petition=petition, kind=kind, sector=sector, jurisdiction=Jurisdiction.THIS_UNIT
                )
            made.append((petition, village, sector, channel, kind if sector else Kind.RECOMMENDATION))
    return made


class Page(HTMLParser):
    """The tables and links of a page, read as a person reads them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[tuple[str, str]]]] = {}
        self.lists: dict[str, list[tuple[str, str]]] = {}
        self._table: str | None = None
        self._list: str | None = None
        self._row: list[tuple[str, str]] | None = None
        self._cell: list[str] | None = None
        self._href = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("data-testid"):
            self._table = a["data-testid"]
            self.tables[self._table] = []
        elif tag == "ul" and a.get("data-testid"):
            self._list = a["data-testid"]
            self.lists[self._list] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif (tag in ("td", "th") and self._row is not None) or (tag == "li" and self._list):
            self._cell, self._href = [], ""
        elif tag == "a" and self._cell is not None:
            self._href = a.get("href", "")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append((" ".join(" ".join(self._cell).split()), self._href))
            self._cell = None
        elif tag == "li" and self._list and self._cell is not None:
            self.lists[self._list].append((" ".join(" ".join(self._cell).split()), self._href))
            self._cell = None
        elif tag == "tr" and self._table and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "ul":
            self._list = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _url(cast, conference):
    return reverse("petitions:front_summary", args=[cast.commune_a.pk, conference.pk])


def _get(client, user, cast, conference, day=TODAY):
    client.force_login(user)
    with on_day(day):
        return client.get(_url(cast, conference))


def _number(text: str) -> int:
    return 0 if text in ("", "·") else int(text)


def test_the_table_counts_the_petitions_by_sector_and_village_and_adds_them_up_both_ways(
    client, cast, conference, villages, sectors
):
    made = make_petitions(cast, conference, villages, sectors, 60)
    response = _get(client, cast.officer_a, cast, conference)
    assert response.status_code == 200
    table = Page(response.content.decode()).tables["cross-table"]
    header, *body, footer = table
    columns = [text for text, _href in header[1:-1]]
    # Every village taking part is a column, in the unit's order; then those without a village.
    assert columns == ["Thôn Nà Pàn", "Thôn Bản Châu", "Thôn Khòn Khẻ", "Không rõ thôn"]
    column_village = {**{v.name: v for v in villages}, "Không rõ thôn": None}

    expected = Counter((sector, village) for _p, village, sector, _c, _k in made)
    seen: Counter = Counter()
    row_names = []
    for row in body:
        name = row[0][0]
        row_names.append(name)
        sector = next((s for s in sectors if s.name == name), None)
        assert sector is not None or name == "Chưa xác định lĩnh vực"
        for (text, _href), column in zip(row[1:-1], columns, strict=True):
            seen[(sector, column_village[column])] = _number(text)
            assert _number(text) == expected[(sector, column_village[column])], (name, column)
        assert _number(row[-1][0]) == sum(n for (s, _v), n in expected.items() if s == sector)
    # The sectors something came in under, in the unit's order, the unclassified ones last.
    used = [s.name for s in sectors if any(key[0] == s for key in expected)]
    assert row_names == [*used, "Chưa xác định lĩnh vực"]
    assert +seen == +expected
    for (text, _href), column in zip(footer[1:-1], columns, strict=True):
        assert _number(text) == sum(n for (_s, v), n in expected.items() if v == column_village[column])
    assert _number(footer[-1][0]) == len(made) == Petition.objects.filter(conference=conference).count()


def test_channels_kinds_states_and_the_unclassified_are_counted(client, cast, conference, villages, sectors):
    made = make_petitions(cast, conference, villages, sectors, 40, seed=9)
    response = _get(client, cast.front_a, cast, conference)
    page = Page(response.content.decode())
    channels = Counter(str(Channel(c).label) for _p, _v, _s, c, _k in made)
    assert {text.rsplit(" ", 1)[0]: int(text.rsplit(" ", 1)[1]) for text, _h in page.lists["by-channel"]} == channels
    kinds = Counter(str(Kind(k).label) for _p, _v, _s, _c, k in made)
    assert {text.rsplit(" ", 1)[0]: int(text.rsplit(" ", 1)[1]) for text, _h in page.lists["by-kind"]} == kinds
    unclassified = sum(1 for _p, _v, s, _c, _k in made if s is None)
    assert unclassified > 0
    states = {text.rsplit(" ", 1)[0]: int(text.rsplit(" ", 1)[1]) for text, _h in page.lists["by-status"]}
    assert states == {"Mới tiếp nhận": unclassified, "Đã phân loại": len(made) - unclassified}
    html = response.content.decode()
    assert 'data-testid="unclassified"' in html
    assert f'data-testid="unclassified-link">{unclassified}</a>' in html
    assert 'data-testid="total"><a href="' in html


def test_every_number_links_to_the_list_filtered_by_conference_sector_and_village(
    client, cast, conference, villages, sectors
):
    made = make_petitions(cast, conference, villages, sectors, 30, seed=2)
    response = _get(client, cast.officer_a, cast, conference)
    page = Page(response.content.decode())
    _header, *body, footer = page.tables["cross-table"]
    list_path = reverse("petitions:list", args=[cast.commune_a.pk])
    village_ids = [v.pk for v in villages]
    links = 0
    for row in body:
        sector = next((s for s in sectors if s.name == row[0][0]), None)
        for index, (text, href) in enumerate(row[1:-1]):
            if not _number(text):
                assert not href
                continue
            village = village_ids[index] if index < len(village_ids) else None
            if sector is None or village is None:
                assert not href  # the list has no filter for "no sector" or "no village"
                continue
            parts = urlsplit(href)
            assert parts.path == list_path
            assert parse_qs(parts.query) == {
                "hoi_nghi": [str(conference.pk)],
                "linh_vuc": [str(sector.pk)],
                "thon": [str(village)],
            }
            n = sum(1 for _p, v, s, _c, _k in made if s == sector and v is not None and v.pk == village)
            assert int(text) == n
            links += 1
        if sector is not None:
            query = parse_qs(urlsplit(row[-1][1]).query)
            assert query == {"hoi_nghi": [str(conference.pk)], "linh_vuc": [str(sector.pk)]}
    assert links > 5
    for (_text, href), village in zip(footer[1:4], villages, strict=True):
        assert parse_qs(urlsplit(href).query) == {"hoi_nghi": [str(conference.pk)], "thon": [str(village.pk)]}
    assert parse_qs(urlsplit(footer[-1][1]).query) == {"hoi_nghi": [str(conference.pk)]}
    for _text, href in page.lists["by-channel"]:
        assert set(parse_qs(urlsplit(href).query)) == {"hoi_nghi", "kenh"}
    unclassified = page.lists["by-status"][0][1]
    assert parse_qs(urlsplit(unclassified).query) == {"hoi_nghi": [str(conference.pk)], "trang_thai": ["received"]}
    # The list answers a row's link and a cell's link with exactly the petitions the number counts.
    row = next(r for r in body if r[0][0] != "Chưa xác định lĩnh vực")
    sector = next(s for s in sectors if s.name == row[0][0])
    cell = next(i for i, (text, href) in enumerate(row[1:4]) if href)
    for href, counted in [
        (row[-1][1], {p.pk for p, _v, s, _c, _k in made if s == sector}),
        (row[1 + cell][1], {p.pk for p, v, s, _c, _k in made if s == sector and v == villages[cell]}),
    ]:
        with on_day(TODAY):
            listed = client.get(href).content.decode()
        for petition, *_rest in made:
            assert (f'data-testid="petition-{petition.tracking_code}"' in listed) == (petition.pk in counted)


def test_the_list_goes_by_sector_then_village_and_shows_a_group_once_with_its_count(
    client, cast, conference, villages, sectors
):
    roads = sectors[2]  # Xây dựng – giao thông – hạ tầng
    land = sectors[0]
    petitions = []
    with on_day(TODAY):
        for village, text in [
            (villages[1], "Đường vào thôn Bản Châu lầy lội mùa mưa, đề nghị bê tông hóa."),
            (villages[1], "Đề nghị làm đường bê tông vào thôn Bản Châu."),
            (villages[0], "Đường thôn Nà Pàn xuống cấp, xin đổ bê tông."),
            (villages[0], "Xin sớm cấp sổ đỏ cho 5 hộ."),
        ]:
            petition, _c = actions.create_petition(
                actor=cast.front_a,
                unit=cast.commune_a,
                data={"text": text, "channel": Channel.PAPER_FORM, "village": village, "conference": conference},
            )
            sector = land if "sổ đỏ" in text else roads
            petitions.append(
                actions.petition_classify(
                    actor=cast.front_a,
                    petition=petition,
                    kind=Kind.RECOMMENDATION,
                    sector=sector,
                    jurisdiction="this_unit",
                )
            )
    group = PetitionGroup.objects.create(
        unit=cast.commune_a, conference=conference, sector=roads, title="Bê tông hóa đường vào các thôn"
    )
    Petition.objects.filter(pk__in=[p.pk for p in petitions[:3]]).update(group=group)

    html = _get(client, cast.front_a, cast, conference).content.decode()
    sections = html[html.index('data-testid="sections"') :]
    # Sectors in the unit's order (land before roads), villages in theirs (Nà Pàn before Bản Châu).
    assert sections.index("Đất đai") < sections.index("Xây dựng – giao thông – hạ tầng")
    road_part = sections[sections.index("Xây dựng – giao thông – hạ tầng") :]
    assert road_part.index("Thôn Nà Pàn") < road_part.index("Thôn Bản Châu")
    assert road_part.count("Bê tông hóa đường vào các thôn") == 2  # once per village, not once per petition
    assert "2 ý kiến cùng nội dung" in road_part
    assert "1 ý kiến cùng nội dung" in road_part and "(cả hội nghị: 3)" in road_part
    for petition in petitions:
        assert petition.tracking_code in sections  # no original is lost under a group's wording
    assert "Xin sớm cấp sổ đỏ cho 5 hộ." in sections


def test_it_shows_the_front_summary_due_date_in_vietnamese_with_days_left_or_overdue(
    client, cast, conference, villages, sectors
):
    step = TimelineStep.objects.get(conference=conference, key="front_summary")
    assert step.due_date == D(2026, 6, 2)
    html = _get(client, cast.front_a, cast, conference).content.decode()
    assert "Hạn: ngày 02 tháng 6 năm 2026" in html
    assert "còn 5 ngày" in html
    late = _get(client, cast.officer_a, cast, conference, day=D(2026, 6, 4)).content.decode()
    assert "quá hạn 2 ngày" in late
    assert 'data-testid="empty"' in late  # nothing came in yet


@pytest.mark.parametrize("user", ["front_a", "officer_a"])
def test_the_front_or_the_office_marks_the_summary_sent_which_completes_the_step(
    client, cast, conference, villages, sectors, user
):
    actor = getattr(cast, user)
    page = _get(client, actor, cast, conference, day=D(2026, 6, 1)).content.decode()
    assert 'data-testid="summary-sent"' in page and "Đã gửi bản tổng hợp" in page
    assert "còn 1 ngày" in page
    with on_day(D(2026, 6, 1)):
        response = client.post(reverse("petitions:front_summary_sent", args=[cast.commune_a.pk, conference.pk]))
    assert response.status_code == 302
    assert response.url == _url(cast, conference)
    step = TimelineStep.objects.get(conference=conference, key="front_summary")
    assert step.is_done and step.done_by == actor
    assert AuditEvent.objects.filter(event_type="timeline_step.completed", object_id=str(step.pk)).count() == 1
    after = _get(client, actor, cast, conference, day=D(2026, 6, 1)).content.decode()
    assert "Đã gửi ngày 01 tháng 6 năm 2026" in after
    assert 'data-testid="summary-sent"' not in after
    assert "Đã ghi nhận: MTTQ đã gửi bản tổng hợp" in after
    # Sent twice (a second tab): a clear message, one completion.
    with on_day(D(2026, 6, 1)):
        again = client.post(
            reverse("petitions:front_summary_sent", args=[cast.commune_a.pk, conference.pk]), follow=True
        )
    assert "đã hoàn thành" in again.content.decode()
    assert AuditEvent.objects.filter(event_type="timeline_step.completed", object_id=str(step.pk)).count() == 1


@pytest.mark.parametrize("user", ["council_a", "village_head_a", "department_officer_a"])
def test_others_read_the_summary_but_may_not_mark_it_sent(client, cast, conference, villages, sectors, user):
    actor = getattr(cast, user)
    page = _get(client, actor, cast, conference)
    assert page.status_code == 200
    assert 'data-testid="summary-sent"' not in page.content.decode()
    with on_day(TODAY):
        response = client.post(reverse("petitions:front_summary_sent", args=[cast.commune_a.pk, conference.pk]))
    assert response.status_code == 403
    assert not TimelineStep.objects.get(conference=conference, key="front_summary").is_done


def test_another_commune_sees_nothing_and_a_citizen_is_refused(client, cast, conference, villages, sectors):
    make_petitions(cast, conference, villages, sectors, 3)
    assert _get(client, cast.officer_b, cast, conference).status_code == 404
    with on_day(TODAY):
        post = client.post(reverse("petitions:front_summary_sent", args=[cast.commune_a.pk, conference.pk]))
    assert post.status_code == 404
    # Commune A's conference under commune B's address: not found either.
    other = reverse("petitions:front_summary", args=[cast.commune_b.pk, conference.pk])
    with on_day(TODAY):
        assert client.get(other).status_code == 404
    assert _get(client, cast.citizen, cast, conference).status_code in (403, 404)
    assert not TimelineStep.objects.get(conference=conference, key="front_summary").is_done


def _queries(client, url):
    with on_day(TODAY):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("user", ["front_a", "officer_a", "council_a"])
def test_the_page_costs_the_same_number_of_queries_for_10_or_100_petitions(
    client, cast, conference, villages, sectors, user
):
    client.force_login(getattr(cast, user))
    url = _url(cast, conference)
    made = make_petitions(cast, conference, villages, sectors, 10)
    group = PetitionGroup.objects.create(unit=cast.commune_a, conference=conference, title="Đường giao thông")
    Petition.objects.filter(pk__in=[m[0].pk for m in made[:3]]).update(group=group)
    few = _queries(client, url)
    more = make_petitions(cast, conference, villages, sectors, 90, seed=5, start=10)
    other = PetitionGroup.objects.create(unit=cast.commune_a, conference=conference, title="Điện sinh hoạt")
    Petition.objects.filter(pk__in=[m[0].pk for m in more[:20]]).update(group=other)
    many = _queries(client, url)
    assert few == many
    assert many <= 16


def test_the_page_prints_without_the_menus_and_the_conference_links_to_it(client, cast, conference, villages, sectors):
    make_petitions(cast, conference, villages, sectors, 5)
    html = _get(client, cast.front_a, cast, conference).content.decode()
    assert "@media print" in html and "size: A4 landscape" in html
    assert "BÁO CÁO TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN" in html
    client.force_login(cast.officer_a)
    with on_day(TODAY):
        detail = client.get(reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert f'href="{_url(cast, conference)}"' in detail


def test_petitions_of_another_conference_or_none_are_not_counted(client, cast, conference, villages, sectors):
    make_petitions(cast, conference, villages, sectors, 4)
    with on_day(TODAY):
        actions.create_petition(
            actor=cast.officer_a,
            unit=cast.commune_a,
            data={"text": "Ý kiến gửi trực tiếp, không thuộc hội nghị.", "channel": Channel.RECEPTION},
        )
    html = _get(client, cast.officer_a, cast, conference).content.decode()
    footer = Page(html).tables["cross-table"][-1]
    assert footer[-1][0] == "4"
    assert Petition.objects.filter(status=PetitionStatus.RECEIVED).exists()


def test_a_village_taking_part_from_which_nothing_came_is_named(client, cast, conference, villages, sectors):
    quiet = Village.objects.create(unit=cast.commune_a, name="Thôn Pò Háng", sort_order=9)
    conference.villages.add(quiet)
    make_petitions(cast, conference, villages, sectors, 12)
    html = _get(client, cast.front_a, cast, conference).content.decode()
    part = html[html.index('data-testid="villages-without"') :]
    assert "Thôn Pò Háng" in part[: part.index("</div></div>")]
    header = Page(html).tables["cross-table"][0]
    assert [text for text, _href in header][1:5] == ["Thôn Nà Pàn", "Thôn Bản Châu", "Thôn Khòn Khẻ", "Thôn Pò Háng"]
