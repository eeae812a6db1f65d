"""The roll-up of the units below a province: its figures against counts made here, independently, over the
generated national data; its links against the lists they open; who may see it; its number of queries."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.conferences.models import Conference, TimelineStep
from doithoai.petitions.models import Petition, Referral
from doithoai.plans.models import Plan
from doithoai.units.models import AdminUnit

from .conftest import TODAY

ANSWERED = {"answered_at_conference", "resolved", "notified"}
OPEN = {"received", "classified", "accepted", "referred"}
PENDING = {"received", "classified", "accepted"}
HELD = {"held", "concluded"}


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def official(national, cast):
    """A higher official of the generated province (as `cast.province_official` is of Lạng Sơn)."""
    province = AdminUnit.objects.get(pk=national.province_id)
    Membership.objects.create(user=cast.province_official, unit=province, role=Role.HIGHER_OFFICIAL)
    return cast.province_official


def _url(unit_id: int, **params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("reports:rollup", args=[unit_id]) + (f"?{query}" if query else "")


def _day(value: Any) -> Any:
    return timezone.localtime(value).date() if value is not None else None


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def expected(province: AdminUnit, start: dt.date, end: dt.date, today: dt.date) -> dict[str, Any]:
    """Every figure of the page, counted in plain Python over rows read with `.values()`."""
    year = end.year
    units = list(
        AdminUnit.objects.filter(
            path__startswith=province.path, level="commune", era=province.era, is_active=True
        ).values("pk", "name", "is_set_up")
    )
    ids = [u["pk"] for u in units]
    deadline = (
        Plan.objects.filter(unit=province, year=year, units_below_deadline__isnull=False)
        .values_list("units_below_deadline", flat=True)
        .first()
    ) or dt.date(year, 12, 31)
    issued = {
        row["unit_id"]
        for row in Plan.objects.filter(unit_id__in=ids, year=year).values("unit_id", "status")
        if row["status"] != "draft"
    }
    conferences: dict[int, list[Any]] = defaultdict(list)
    c: Any
    for c in Conference.objects.filter(unit_id__in=ids).values("pk", "unit_id", "starts_at", "status"):
        if _day(c["starts_at"]).year == year and c["status"] != "cancelled":
            conferences[c["unit_id"]].append(c)
    steps = {
        s["conference_id"]: s
        for s in TimelineStep.objects.filter(key="conclusion_notice").values("conference_id", "due_date", "done_at")
    }
    petitions: dict[int, list[Any]] = defaultdict(list)
    p: Any
    for p in Petition.objects.filter(unit_id__in=ids).values(
        "unit_id",
        "received_on",
        "status",
        "due_date",
        "answer__approved_at",
        "answer__mode",
        "satisfaction",
        "sector_id",
        "sector__code",
    ):
        if start <= p["received_on"] <= end:
            petitions[p["unit_id"]].append(p)

    rows = {}
    for u in units:
        own = sorted(conferences[u["pk"]], key=lambda c: (c["starts_at"], c["pk"]))
        held = [c for c in own if c["status"] in HELD]
        held_on = _day(held[0]["starts_at"]) if held else None
        upcoming = [c for c in own if c["status"] not in HELD]
        if held_on is not None:
            standing = "held" if held_on <= deadline else "held_late"
        elif not u["is_set_up"]:
            standing = "not_set_up"
        elif today > deadline:
            standing = "late"
        elif not upcoming:
            standing = "not_scheduled"
        else:
            standing = "scheduled" if _day(upcoming[0]["starts_at"]) <= deadline else "scheduled_late"
        on_time_c = late_c = 0
        for c in held:
            step = steps.get(c["pk"])
            if step is None:
                continue
            done = _day(step["done_at"])
            if done is not None and done <= step["due_date"]:
                on_time_c += 1
            elif done is not None or today > step["due_date"]:
                late_c += 1
        mine = petitions[u["pk"]]

        def answered(p: dict[str, Any]) -> bool:
            return p["status"] in ANSWERED

        def approved(p: dict[str, Any]) -> dt.date | None:
            return _day(p["answer__approved_at"])

        on_time = [p for p in mine if answered(p) and p["due_date"] and approved(p) and approved(p) <= p["due_date"]]
        overdue = [p for p in mine if p["status"] in OPEN and p["due_date"] and p["due_date"] < today]
        late = [
            p for p in mine if answered(p) and p["due_date"] and approved(p) and approved(p) > p["due_date"]
        ] + overdue
        sectors: dict[str, int] = defaultdict(int)
        for p in mine:
            if p["sector__code"]:
                sectors[p["sector__code"]] += 1
        rows[u["pk"]] = {
            "name": u["name"],
            "set_up": u["is_set_up"],
            "standing": standing,
            "issued_plan": u["pk"] in issued,
            "held": len(held),
            "conferences": len(own),
            "last_held_on": _day(held[-1]["starts_at"]) if held else None,
            "conclusions_on_time": on_time_c,
            "conclusions_late": late_c,
            "received": len(mine),
            "answered": sum(1 for p in mine if answered(p)),
            "on_time": len(on_time),
            "late": len(late),
            "overdue": len(overdue),
            "unsatisfied": sum(1 for p in mine if p["satisfaction"] == "unsatisfied"),
            "referred": sum(
                1 for p in mine if p["status"] == "referred" or (answered(p) and p["answer__mode"] == "by_referral")
            ),
            "sectors": dict(sectors),
        }
    referrals = [
        r
        for r in Referral.objects.filter(to_unit=province).values(
            "answered_at", "inbox_petition__received_on", "inbox_petition__status", "inbox_petition__due_date"
        )
        if start <= r["inbox_petition__received_on"] <= end
    ]
    return {"deadline": deadline, "rows": rows, "referrals": referrals}


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2026, 2025])
def test_it_shows_figures_equal_to_independent_counts(national, official, client, frozen, year):
    province = AdminUnit.objects.get(pk=national.province_id)
    want = expected(province, dt.date(year, 1, 1), dt.date(year, 12, 31), TODAY)
    client.force_login(official)
    response = client.get(_url(province.pk, ky="nam", nam=year))
    assert response.status_code == 200
    data = response.context["data"]
    rows = want["rows"]

    # The table: every unit below, each figure in its column.
    shown = {item["row"].unit.pk: [c.value for c in item["cells"]] for item in response.context["rows"]}
    assert set(shown) == set(rows)
    assert len(rows) > 20  # the national list: the units not set up are there too
    assert sum(1 for r in rows.values() if r["received"]) >= 2
    for pk, r in rows.items():
        cells = shown[pk]
        assert cells[0] == r["name"]
        assert cells[3:5] == [r["held"], r["conferences"]], r["name"]
        assert cells[5] == r["last_held_on"]
        assert (cells[7], cells[8], cells[10], cells[11], cells[13], cells[14], cells[15]) == (
            r["received"],
            r["answered"],
            r["on_time"],
            r["late"],
            r["overdue"],
            r["unsatisfied"],
            r["referred"],
        ), r["name"]
        assert cells[9] == _rate(r["answered"], r["received"])
        assert cells[12] == _rate(r["on_time"], r["on_time"] + r["late"])
        row = next(i["row"] for i in response.context["rows"] if i["row"].unit.pk == pk)
        assert row.standing.standing == r["standing"], r["name"]
        assert row.has_issued_plan == r["issued_plan"]
        assert (row.conclusions.on_time, row.conclusions.late) == (r["conclusions_on_time"], r["conclusions_late"])
        if not r["held"]:
            assert cells[6] == ""
        elif r["conclusions_late"]:
            assert "ngày" in cells[6]
        elif r["conclusions_on_time"]:
            assert cells[6] == "Có"
        assert (cells[1] == "Chưa sử dụng hệ thống") == (r["standing"] == "not_set_up")
        assert cells[2].startswith("Đã ban hành") == r["issued_plan"]

    # The headline figures.
    assert data.deadline == want["deadline"]
    assert data.units == len(rows)
    assert data.not_set_up == sum(1 for r in rows.values() if not r["set_up"])
    held = sum(1 for r in rows.values() if r["held"])
    assert data.held == held and data.not_held == len(rows) - held
    assert data.held_rate == _rate(held, len(rows))
    assert data.late == sum(1 for r in rows.values() if r["standing"] in ("late", "held_late"))
    on_time_c = sum(r["conclusions_on_time"] for r in rows.values())
    late_c = sum(r["conclusions_late"] for r in rows.values())
    assert (data.conclusions.on_time, data.conclusions.late) == (on_time_c, late_c)
    assert late_c > 0
    assert data.conclusion_rate == _rate(on_time_c, on_time_c + late_c)
    for name in ("received", "answered", "on_time", "late", "overdue", "unsatisfied", "referred"):
        assert getattr(data.totals, name) == sum(r[name] for r in rows.values()), name
    assert data.totals.received > 100
    refs = want["referrals"]
    assert data.referred.received == len(refs) > 0
    # Answered back: the referral's answer recorded, which is the inbox petition answered.
    assert data.referred.answered == sum(1 for r in refs if r["answered_at"] is not None)
    assert data.referred.answered == sum(1 for r in refs if r["inbox_petition__status"] in ANSWERED)
    assert data.referred.pending == sum(1 for r in refs if r["inbox_petition__status"] in PENDING)
    assert data.referred.overdue == sum(
        1
        for r in refs
        if r["answered_at"] is None
        and r["inbox_petition__status"] in OPEN
        and r["inbox_petition__due_date"]
        and r["inbox_petition__due_date"] < TODAY
    )

    # The compliance chart and the recurring sectors.
    slices = {key: n for key, _label, n in data.slices()}
    assert slices["dung-han"] == sum(1 for r in rows.values() if r["standing"] == "held")
    assert slices["chua-su-dung"] == sum(1 for r in rows.values() if r["standing"] == "not_set_up")
    assert sum(slices.values()) == len(rows)
    codes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows.values():
        for code, n in r["sectors"].items():
            codes[code][0] += 1
            codes[code][1] += n
    assert {s.code: [s.communes, s.petitions] for s in data.sectors} == dict(codes)
    assert [s.communes for s in data.sectors] == sorted((s.communes for s in data.sectors), reverse=True)
    content = response.content.decode()
    assert f'data-testid="card-received">{data.totals.received}<' in content
    assert 'id="chart-compliance"' in content and "chart.umd.min.js" in content


def _count_behind(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200, href
    return response.context["page"].count


@pytest.mark.django_db
def test_every_figure_checked_opens_a_list_of_that_many(national, official, client, frozen):
    province = AdminUnit.objects.get(pk=national.province_id)
    client.force_login(official)
    response = client.get(_url(province.pk, ky="nam", nam=2026))
    items = [i for i in response.context["rows"] if i["row"].figures.received]
    busiest = max(items, key=lambda i: i["row"].figures.received)
    checked = 0
    for item in [busiest, items[0]]:
        for index in (7, 8, 10, 11, 13, 14, 15):
            cell = item["cells"][index]
            assert f"/don-vi/{item['row'].unit.pk}/y-kien/" in cell.href
            assert _count_behind(client, cell.href) == cell.value, (index, cell.href)
            checked += 1
    assert checked == 14
    cards = response.context["cards"]["referred"]
    for name in ("received", "answered", "pending", "overdue"):
        number, href = cards[name]
        assert f"/don-vi/{province.pk}/y-kien/" in href
        assert _count_behind(client, href) == number, name


@pytest.mark.django_db
def test_a_slice_and_a_sector_narrow_the_table(national, official, client, frozen):
    province = AdminUnit.objects.get(pk=national.province_id)
    client.force_login(official)
    response = client.get(_url(province.pk))
    data = response.context["data"]
    for key, _label, n in data.slices():
        href = next(i["href"] for i in response.context["chart_tables"]["compliance"] if key in i["href"])
        narrowed = client.get(href)
        assert narrowed.context["shown_count"] == n, key
    sector = data.sectors[0]
    narrowed = client.get(_url(province.pk, linh_vuc=sector.code))
    assert narrowed.context["shown_count"] == sector.communes
    assert sum(i["cells"][-1].value for i in narrowed.context["rows"]) == sector.petitions
    some = narrowed.context["rows"][0]["cells"][-1]
    assert _count_behind(client, some.href) == some.value
    # The compliance board of the province's plan links here.
    plan = Plan.objects.get(unit=province, year=2026)
    board = client.get(reverse("plans:compliance", args=[province.pk, plan.pk])).content.decode()
    assert reverse("reports:rollup", args=[province.pk]) + "?ky=nam&amp;nam=2026" in board
    # The chart of the busiest opens the units' dashboards.
    busiest = response.context["charts"]["busiest"]
    assert busiest["datasets"][0]["data"] == sorted(busiest["datasets"][0]["data"], reverse=True)
    assert all("/thong-ke/?" in link for link in busiest["datasets"][0]["links"])


@pytest.mark.django_db
def test_it_searches_without_diacritics_and_sorts(national, official, client, frozen):
    province = AdminUnit.objects.get(pk=national.province_id)
    client.force_login(official)
    commune = AdminUnit.objects.get(pk=national.commune_id)
    plain = commune.short_name.lower().replace("đ", "d")
    plain = "".join(c for c in unicodedata.normalize("NFD", plain) if not unicodedata.combining(c))
    response = client.get(_url(province.pk, q=plain.replace(" ", "+")))
    names = [i["row"].unit.name for i in response.context["rows"]]
    assert commune.name in names and len(names) < 5
    by_received = client.get(_url(province.pk, sap_xep="y-kien")).context["rows"]
    numbers = [i["row"].figures.received for i in by_received]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] > 0
    default = client.get(_url(province.pk)).context["rows"]
    order = ["late", "held_late", "not_scheduled", "scheduled_late", "scheduled", "held", "not_set_up"]
    ranks = [order.index(i["row"].standing.standing) for i in default]
    assert ranks == sorted(ranks)


@pytest.mark.django_db
def test_only_the_upper_unit_and_those_above_see_it(cast, client):
    url = _url(cast.province.pk)
    client.force_login(cast.officer_a)
    assert client.get(url).status_code == 404
    assert client.get(_url(cast.commune_a.pk)).status_code == 404  # a commune has no units below
    client.force_login(cast.province_official)
    assert client.get(url).status_code == 200
    assert client.get(_url(cast.commune_a.pk)).status_code == 404
    client.force_login(cast.citizen)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_legacy_district_sees_its_legacy_communes(cast, client, frozen):
    district = AdminUnit.objects.filter(era="legacy", level="district", children__level="commune").first()
    assert district is not None
    client.force_login(cast.sysadmin)
    rows = client.get(_url(district.pk)).context["rows"]
    below = AdminUnit.objects.filter(parent=district, level="commune", is_active=True)
    assert {i["row"].unit.pk for i in rows} == set(below.values_list("pk", flat=True))
    assert all(i["row"].unit.era == "legacy" for i in rows)


@pytest.mark.django_db
def test_a_commune_never_appears_in_another_provinces_rollup(cast, client, frozen):
    other = AdminUnit.objects.filter(level="province", era="current").exclude(pk=cast.province.pk).get(code="04")
    _fill([cast.commune_b])
    Membership.objects.create(user=cast.province_official, unit=other, role=Role.HIGHER_OFFICIAL)
    client.force_login(cast.province_official)
    mine = client.get(_url(cast.province.pk)).context
    theirs = client.get(_url(other.pk)).context
    assert cast.commune_b.pk in {i["row"].unit.pk for i in mine["rows"]}
    assert mine["data"].totals.received == 3
    assert cast.commune_b.pk not in {i["row"].unit.pk for i in theirs["rows"]}
    assert theirs["data"].totals.received == 0
    assert cast.commune_b.name not in theirs["rows"].__repr__()


def _fill(communes: list[AdminUnit]) -> None:
    """A plan, a held conference with its conclusion step and three petitions in each of `communes`."""
    at = dt.datetime(2026, 5, 4, 1, tzinfo=dt.UTC)
    for commune in communes:
        commune.is_set_up = True
        commune.save(update_fields=["is_set_up"])
        plan = Plan.objects.create(unit=commune, year=2026, title="Kế hoạch", status="issued")
        conference = Conference.objects.create(plan=plan, unit=commune, title="Hội nghị", starts_at=at, status="held")
        TimelineStep.objects.create(
            conference=conference, key="conclusion_notice", label="Thông báo kết luận", due_date=dt.date(2026, 5, 14)
        )
        for status in ("received", "accepted", "refused"):
            Petition.objects.create(
                unit=commune,
                channel="paper_form",
                received_on=dt.date(2026, 5, 4),
                text="Đường",
                status=status,
                due_date=dt.date(2026, 6, 1) if status == "accepted" else None,
            )


@pytest.mark.django_db
def test_it_reads_in_the_same_number_of_queries_for_2_or_20_communes(
    cast, client, frozen, django_assert_max_num_queries
):
    communes = list(AdminUnit.objects.filter(parent=cast.province, level="commune").order_by("code")[:20])
    client.force_login(cast.province_official)
    _fill(communes[:2])
    client.get(_url(cast.province.pk))  # what a first request of the session caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(cast.province.pk)).context["data"].totals.received == 6
    _fill(communes[2:])
    with django_assert_max_num_queries(len(few)):
        assert client.get(_url(cast.province.pk)).context["data"].totals.received == 60
    with CaptureQueriesContext(connection) as many:
        client.get(_url(cast.province.pk))
    assert len(many) == len(few) <= 20
