"""The unit's dashboard (issue 7, item 1): its figures equal counts made independently over generated data, each
figure's link opens a list of exactly that many petitions, it reads in a fixed number of queries, and only the
unit's staff and the officials above it see it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doithoai.conferences.models import Conference
from doithoai.conferences.tests.conftest import conference, plan  # noqa: F401 - fixtures
from doithoai.delegates.models import Delegate
from doithoai.petitions import actions
from doithoai.petitions.models import Channel, Petition
from doithoai.reports.periods import Period, PeriodKind
from doithoai.reports.selectors.dashboard import unit_dashboard
from doithoai.reports.tests.conftest import TODAY
from doithoai.units.models import AdminUnit, Department, Village

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime.combine(TODAY, dt.time(10, 0), tzinfo=ZONE)

# The states, written out again here rather than imported: the test re-derives every definition.
ANSWERED = {"answered_at_conference", "resolved", "notified"}
PENDING = {"received", "classified", "accepted"}
OPEN = {"received", "classified", "accepted", "referred"}
FIELDS = (
    "status",
    "received_on",
    "due_date",
    "sector_id",
    "village_id",
    "channel",
    "satisfaction",
    "assigned_department_id",
    "answer__mode",
    "answer__approved_at",
    "reopen_count",
    "conference_id",
)


def route_of(p):
    if p["status"] in ANSWERED:
        mode = p["answer__mode"]
        if mode == "at_conference":
            return "at_conference"
        if mode == "by_referral":
            return "referred"
        return "in_writing"
    if p["status"] == "referred":
        return "referred"
    if p["status"] == "refused":
        return "refused"
    assert p["status"] in PENDING
    return "pending"


def approved_on(p):
    at = p["answer__approved_at"]
    return None if at is None else at.astimezone(ZONE).date()


def is_overdue(p, today=TODAY):
    return p["status"] in OPEN and p["due_date"] is not None and p["due_date"] < today


def is_on_time(p):
    return (
        p["status"] in ANSWERED
        and p["due_date"] is not None
        and approved_on(p) is not None
        and approved_on(p) <= p["due_date"]
    )


def is_late(p, today=TODAY):
    answered_late = (
        p["status"] in ANSWERED
        and p["due_date"] is not None
        and approved_on(p) is not None
        and approved_on(p) > p["due_date"]
    )
    return answered_late or is_overdue(p, today)


def expected(rows):
    """Every figure of a set of petitions, counted in plain Python."""
    out: Counter[str] = Counter()
    for p in rows:
        out["received"] += 1
        out[route_of(p)] += 1
        out["answered"] += p["status"] in ANSWERED
        out["on_time"] += is_on_time(p)
        out["late"] += is_late(p)
        out["overdue"] += is_overdue(p)
        out["with_deadline"] += p["due_date"] is not None
        out["satisfied"] += p["satisfaction"] == "satisfied"
        out["unsatisfied"] += p["satisfaction"] == "unsatisfied"
        out["reopened"] += p["reopen_count"] > 0
    return out


def petitions_of(unit_id):
    return list(Petition.objects.filter(unit_id=unit_id).values(*FIELDS))


def in_period(rows, start, end):
    return [p for p in rows if start <= p["received_on"] <= end]


def grouped(rows, key):
    return Counter(p[key] for p in rows)


def conference_figures(unit_id, start, end):
    conferences = [
        c
        for c in Conference.objects.filter(unit_id=unit_id).values("pk", "starts_at", "status")
        if start <= c["starts_at"].astimezone(ZONE).date() <= end
    ]
    ids = {c["pk"] for c in conferences}
    delegates = list(Delegate.objects.values("conference_id", "full_name", "walk_in", "checked_in_at"))
    named = [d for d in delegates if d["conference_id"] in ids and d["full_name"] != ""]
    return {
        "conferences": len(conferences),
        "conferences_held": sum(c["status"] in ("held", "concluded") for c in conferences),
        "conferences_planned": sum(c["status"] in ("planned", "announced") for c in conferences),
        "conferences_cancelled": sum(c["status"] == "cancelled" for c in conferences),
        "invited": sum(not d["walk_in"] for d in named),
        "present": sum(d["checked_in_at"] is not None for d in named),
    }


FIGURE = re.compile(r'data-testid="fig-([a-z_]+)" data-value="(\d+)"')


def page_figures(response):
    return {key: int(value) for key, value in FIGURE.findall(response.content.decode())}


def sysadmin_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="quan-tri", password="x", is_superuser=True)
    client.force_login(user)
    return client


PERIODS = [
    ({"ky": "nam", "nam": "2026"}, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ({"ky": "6-thang-cuoi", "nam": "2026"}, dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    ({"ky": "6-thang-dau", "nam": "2025"}, dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
]


@pytest.mark.django_db
def test_it_counts_what_the_generated_petitions_say(national, client, django_user_model):
    unit_id = national.commune_id
    unit = AdminUnit.objects.get(pk=unit_id)
    rows = petitions_of(unit_id)
    sysadmin_client(client, django_user_model)
    url = reverse("reports:dashboard", args=[unit_id])
    for query, start, end in PERIODS:
        period = Period.from_query(query, today=TODAY)
        assert (period.start, period.end) == (start, end)
        board = unit_dashboard(unit, period, today=TODAY)
        selected = in_period(rows, start, end)
        want = expected(selected)
        assert want["received"] > 20, "the busiest commune has petitions in every period tested"
        t = board.totals
        got = {
            "received": t.total,
            "answered": t["answered"],
            **{route: t[route] for route in ("at_conference", "in_writing", "referred", "refused", "pending")},
            "on_time": t["on_time"],
            "late": t["late"],
            "overdue": t["overdue"],
            "with_deadline": t["with_deadline"],
            "satisfied": t["satisfied"],
            "unsatisfied": t["unsatisfied"],
            "reopened": t.reopened,
        }
        assert got == {k: want[k] for k in got}
        # The five routes split every petition exactly once.
        assert sum(want[r] for r in ("at_conference", "in_writing", "referred", "refused", "pending")) == t.total
        assert sum(board.totals[r] for r in ("at_conference", "in_writing", "referred", "refused", "pending")) == (
            t.total
        )
        assert want["on_time"] + want["late"] > 0
        assert t.on_time_rate == round(100 * want["on_time"] / (want["on_time"] + want["late"]), 1)

        # Per sector, with its routes and deadlines.
        for row in board.sectors:
            mine = [p for p in selected if p["sector_id"] == row.key]
            assert row.figures.total == len(mine)
            e = expected(mine)
            for measure in ("at_conference", "in_writing", "referred", "refused", "pending", "on_time", "late"):
                assert row.figures[measure] == e[measure], (row.label, measure)
        assert {r.key: r.figures.total for r in board.sectors} == grouped(selected, "sector_id")
        assert {r.key: r.figures.total for r in board.villages} == grouped(selected, "village_id")
        assert {r.key: r.figures.total for r in board.channels} == grouped(selected, "channel")
        assert {r.key: r.figures.total for r in board.statuses} == grouped(selected, "status")
        assigned = [p for p in selected if p["assigned_department_id"] is not None]
        assert {r.key: r.figures.total for r in board.departments} == grouped(assigned, "assigned_department_id")
        for row in board.departments:
            e = expected([p for p in assigned if p["assigned_department_id"] == row.key])
            assert (row.figures["overdue"], row.figures["on_time"], row.figures["late"]) == (
                e["overdue"],
                e["on_time"],
                e["late"],
            )

        # Per month, and the same months a year earlier.
        for month in board.months:
            assert month.count == len(in_period(rows, month.start, month.end))
            assert month.previous_count == len(in_period(rows, month.previous_start, month.previous_end))
            assert month.previous_start.year == month.start.year - 1
        assert sum(m.count for m in board.months) == len(selected)
        assert len(board.months) == (end.year - start.year) * 12 + end.month - start.month + 1

        # The last three years, whole.
        for year in board.years:
            e = expected(in_period(rows, dt.date(year.year, 1, 1), dt.date(year.year, 12, 31)))
            assert (year.figures.total, year.figures["answered"], year.figures["on_time"], year.figures["late"]) == (
                e["received"],
                e["answered"],
                e["on_time"],
                e["late"],
            )
        assert [y.year for y in board.years] == [end.year - 2, end.year - 1, end.year]

        # Conferences and attendance.
        conferences = conference_figures(unit_id, start, end)
        c = board.conferences
        assert {
            "conferences": c.total,
            "conferences_held": c.held,
            "conferences_planned": c.planned,
            "conferences_cancelled": c.cancelled,
            "invited": c.invited,
            "present": c.present,
        } == conferences

        # The page shows the same figures.
        with time_machine.travel(NOW, tick=False):
            response = client.get(url, query)
        assert response.status_code == 200
        shown = page_figures(response)
        for key in ("received", "answered", "at_conference", "in_writing", "referred", "refused", "pending"):
            assert shown[key] == want[key], key
        for key in ("on_time", "late", "overdue", "satisfied", "unsatisfied", "reopened"):
            assert shown[key] == want[key], key
        for key, value in conferences.items():
            if key in shown:
                assert shown[key] == value, key
        assert shown["present"] == conferences["present"] and shown["invited"] == conferences["invited"]
        body = response.content.decode()
        for chart in ("sectors", "villages", "channels", "statuses", "routes", "departments", "months", "conferences"):
            assert f'data-chart-source="chart-{chart}"' in body and f'id="chart-{chart}"' in body, chart
        assert 'data-testid="no-petitions"' not in body
        tables = response.context["tables"]
        assert [r["total"]["value"] for r in tables["sectors"]] == [r.figures.total for r in board.sectors]
        assert sum(r["total"]["value"] for r in tables["villages"]) == want["received"]
        assert tables["totals"]["total"]["value"] == want["received"]

    # Narrowed to one conference of 2026: only its petitions received in the year.
    period = Period.year(2026)
    board = unit_dashboard(board.unit, period, today=TODAY)
    with_petitions = [c for c in board.period_conferences if c.petitions]
    assert with_petitions
    chosen = with_petitions[0]
    narrowed = unit_dashboard(board.unit, period, today=TODAY, conference=chosen.pk)
    mine = [p for p in in_period(rows, period.start, period.end) if p["conference_id"] == chosen.pk]
    assert narrowed.conference is not None and narrowed.conference.pk == chosen.pk
    assert narrowed.totals.total == len(mine)
    assert narrowed.totals["answered"] == expected(mine)["answered"]
    assert narrowed.conferences.total == 1
    # An id that is not a conference of the period is ignored.
    assert unit_dashboard(board.unit, period, today=TODAY, conference=10**9).totals.total == board.totals.total


def list_count(client, url):
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    page = response.context["page"]
    assert not page.capped
    return page.count


@pytest.mark.django_db
def test_every_figure_opens_a_list_of_that_many_petitions(national, client, django_user_model):
    unit_id = national.commune_id
    sysadmin_client(client, django_user_model)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("reports:dashboard", args=[unit_id]), {"ky": "nam", "nam": "2026"})
    charts, tables, cards = response.context["charts"], response.context["tables"], response.context["cards"]
    checked = 0
    # Every card's main figure and its parts that lead to the petitions list.
    for card in cards:
        for figure in [card["main"], *card["parts"]]:
            if "/y-kien/" in (figure["url"] or ""):
                assert "tu_ngay=2026-01-01" in figure["url"] and "den_ngay=2026-12-31" in figure["url"]
                assert list_count(client, figure["url"]) == figure["value"], figure["key"]
                checked += 1
    assert checked >= 12
    # A bar of the sector chart (each route), a village, a channel, a status, a department's overdue, a month.
    sectors = charts["sectors"]
    top = 0
    for dataset in sectors["datasets"]:
        if dataset["data"][top]:
            assert "linh_vuc=" in dataset["links"][top]
            assert list_count(client, dataset["links"][top]) == dataset["data"][top]
            checked += 1
    for name in ("villages", "channels", "statuses", "departments"):
        dataset = charts[name]["datasets"][0]
        for index in range(min(2, len(dataset["data"]))):
            if dataset["links"][index]:
                assert list_count(client, dataset["links"][index]) == dataset["data"][index], name
                checked += 1
    months = charts["months"]
    for index in (0, 5, 10):
        for dataset in months["datasets"]:
            assert list_count(client, dataset["links"][index]) == dataset["data"][index]
            checked += 1
    # The tables: the on-time figures of a department, the conferences' petitions, a year.
    for row in tables["departments"][:2]:
        for key in ("on_time", "late", "answered"):
            assert list_count(client, row[key]["url"]) == row[key]["value"]
    for row in tables["recent"][-2:]:
        assert list_count(client, row["received"]["url"]) == row["received"]["value"]
        assert list_count(client, row["answered"]["url"]) == row["answered"]["value"]
    year = tables["years"][-1]
    assert list_count(client, year["on_time"]["url"]) == year["on_time"]["value"]
    assert checked >= 25


@pytest.mark.django_db
def test_the_page_shows_a_message_for_an_empty_period_and_a_wrong_range(cast, client):
    client.force_login(cast.officer_a)
    url = reverse("reports:dashboard", args=[cast.commune_a.pk])
    response = client.get(url, {"ky": "nam", "nam": "2024"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="dashboard-empty"' in body
    assert "data-chart-source" not in body
    assert "Thống kê, báo cáo" in body
    response = client.get(url, {"ky": "tuy-chon", "tu_ngay": "2026-05-01"})
    assert response.context["period"].kind == PeriodKind.YEAR
    assert 'data-testid="period-error"' in response.content.decode()
    # htmx asks for the body only (a new period without reloading the menu).
    response = client.get(url, {"ky": "nam"}, headers={"HX-Request": "true", "HX-Target": "dashboard-body"})
    body = response.content.decode()
    assert 'data-testid="period-form"' in body and "<html" not in body and "nav-reports" not in body


def make_petitions(cast, n, attached_to=None):
    """`n` more petitions of commune A, spread over its sectors, villages, departments, channels and states."""
    sectors = actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)
    villages = list(Village.objects.filter(unit=cast.commune_a)) or [cast.village_a]
    if len(villages) < 4:
        villages += [Village.objects.create(unit=cast.commune_a, name=f"Thôn số {i}") for i in range(3)]
    departments = list(Department.objects.filter(unit=cast.commune_a))
    if len(departments) < 2:
        departments.append(Department.objects.create(unit=cast.commune_a, name="Phòng Văn hóa - Xã hội"))
    today = timezone.localdate()
    Petition.objects.bulk_create(
        Petition(
            unit=cast.commune_a,
            channel=Channel.values[i % len(Channel.values)],
            received_on=today - dt.timedelta(days=i % 200),
            village=villages[i % len(villages)],
            sector=sectors[i % len(sectors)],
            status=["received", "classified", "accepted", "referred", "refused", "resolved"][i % 6],
            assigned_department=departments[i % 2] if i % 3 else None,
            due_date=today - dt.timedelta(days=i % 20 - 10) if i % 3 else None,
            original_text=f"Ý kiến số {i}",
            text=f"Ý kiến số {i}",
            conference=attached_to if i % 2 else None,
        )
        for i in range(n)
    )


@pytest.mark.django_db
def test_it_reads_in_the_same_number_of_queries_whatever_the_petitions(cast, client, conference):  # noqa: F811
    client.force_login(cast.officer_a)
    url = reverse("reports:dashboard", args=[cast.commune_a.pk])
    client.get(url)  # the first request of a session reads what later ones find cached
    counts = []
    for n in (10, 190):
        make_petitions(cast, n, conference)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
        assert (
            page_figures(response)["received"]
            == Petition.objects.filter(unit=cast.commune_a, received_on__year=timezone.localdate().year).count()
        )
    assert counts[0] == counts[1]
    assert counts[0] <= 20
    assert response.context["board"].conference_rows[0].petitions == 100


@pytest.mark.django_db
def test_only_the_units_staff_and_the_officials_above_see_it(cast, client):
    dashboard = reverse("reports:dashboard", args=[cast.commune_a.pk])
    workbook = reverse("reports:period_workbook", args=[cast.commune_a.pk])
    for user, status in [
        (cast.officer_a, 200),
        (cast.chair_a, 200),
        (cast.front_a, 200),
        (cast.council_a, 200),
        (cast.province_official, 200),
        (cast.sysadmin, 200),
        (cast.officer_b, 404),
        (cast.citizen, 404),
    ]:
        client.force_login(user)
        assert client.get(dashboard).status_code == status, user.username
        assert client.get(workbook).status_code == status, user.username
    client.logout()
    assert client.get(dashboard).status_code == 302
    # Commune B's officer sees their own.
    client.force_login(cast.officer_b)
    assert client.get(reverse("reports:dashboard", args=[cast.commune_b.pk])).status_code == 200


@pytest.mark.django_db
def test_the_menu_and_the_home_page_lead_to_it(cast, client):
    client.force_login(cast.officer_a)
    body = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
    url = reverse("reports:dashboard", args=[cast.commune_a.pk])
    assert body.count(f'href="{url}"') >= 2
    body = client.get(url).content.decode()
    assert reverse("reports:period_workbook", args=[cast.commune_a.pk]) in body
    assert reverse("documents:results_report", args=[cast.commune_a.pk]) in body
