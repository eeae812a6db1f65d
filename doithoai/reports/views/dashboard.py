"""The unit's dashboard ("Thống kê, báo cáo") and its period workbook.

Views translate HTTP: the unit through `units.selectors.get_unit` (404 outside the user's units), the permission
`reports.rules.VIEW_DASHBOARD` (403), the period from the query string (`Period.from_query`), the figures from
`selectors.dashboard.unit_dashboard`. What this module adds is presentation: the cards, the charts' data (the
JSON contract of `static/reports/charts.js`) and the tables under them, every figure with the link to the list
behind it, built from the same filters (`PetitionFilters`) that the figure was counted with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from doithoai.core import exports
from doithoai.core.permissions import has_perm, require_perm
from doithoai.lib import xlsx
from doithoai.lib.numbers import grouped
from doithoai.lib.params import query_id
from doithoai.lib.vndates import short_date
from doithoai.petitions.measures import ROUTES, Measure, percent, rate
from doithoai.petitions.selectors import NONE, PetitionFilters
from doithoai.reports import excel, rules
from doithoai.reports.periods import Period, PeriodKind, years_offered
from doithoai.reports.selectors import rollup as rollup_selectors
from doithoai.reports.selectors.dashboard import ConferenceRow, Row, UnitDashboard, unit_dashboard
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit
from doithoai.units.views import is_htmx, unit_context

M = Measure
CONFERENCE_PARAM = "hoi_nghi"
ROUTE_COLORS = {
    M.AT_CONFERENCE: "#198754",
    M.IN_WRITING: "#0d6efd",
    M.REFERRED: "#6f42c1",
    M.REFUSED: "#6c757d",
    M.PENDING: "#fd7e14",
}
ROUTE_SHORT = {
    M.AT_CONFERENCE: gettext_lazy("Tại hội nghị"),
    M.IN_WRITING: gettext_lazy("Bằng văn bản"),
    M.REFERRED: gettext_lazy("Đã chuyển"),
    M.REFUSED: gettext_lazy("Không xử lý"),
    M.PENDING: gettext_lazy("Đang giải quyết"),
}


def _key(row: Row) -> int:
    """The list's filter value of a sector's or village's row: its id, or `NONE` for the petitions without one."""
    return NONE if row.key is None else int(row.key)


def _conference_id(data: Any) -> int | None:
    return query_id(data.get(CONFERENCE_PARAM))


@dataclass
class Links:
    """The URLs behind the figures of one dashboard: the petitions list filtered as the figure was counted."""

    unit: AdminUnit
    board: UnitDashboard

    def petitions(self, *, dated: bool = True, **filters: Any) -> str:
        if self.board.conference is not None:
            filters.setdefault("conference", self.board.conference.pk)
        if dated:
            filters.setdefault("since", self.board.period.start)
            filters.setdefault("until", self.board.period.end)
        params = PetitionFilters(**filters).params()
        return reverse("petitions:list", args=[self.unit.pk]) + ("?" + urlencode(params) if params else "")

    def measure(self, measure: str, **filters: Any) -> str:
        return self.petitions(measure=str(measure), **filters)

    def conference(self, row: ConferenceRow) -> str:
        return reverse("conferences:detail", args=[self.unit.pk, row.pk])

    def attendance(self, row: ConferenceRow) -> str:
        return reverse("delegates:attendance", args=[self.unit.pk, row.pk])

    def conference_petitions(self, row: ConferenceRow, **filters: Any) -> str:
        # A conference's petitions are all those attached to it, whenever received (as the results report).
        return self.petitions(dated=False, conference=row.pk, **filters)


def _fig(key: str, label: str, value: int, url: str | None) -> dict[str, Any]:
    return {"key": key, "label": label, "value": value, "text": grouped(value), "url": url}


def cards(board: UnitDashboard, links: Links) -> list[dict[str, Any]]:
    """The key figures: a big number (or rate) and its parts, each a link."""
    t, c = board.totals, board.conferences
    table = "#hoi-nghi"
    route_cards = [
        {
            "key": str(route),
            "title": str(ROUTE_SHORT[route]),
            "main": _fig(str(route), str(route.label), t[route], links.measure(route)),
            "rate": percent(rate(t[route], t.total)),
            "parts": [],
            "tone": "secondary",
        }
        for route in ROUTES
    ]
    return [
        {
            "key": "conferences",
            "title": _("Hội nghị trong kỳ"),
            "main": _fig("conferences", _("Hội nghị trong kỳ"), c.total, table),
            "parts": [
                _fig("conferences_held", _("đã tổ chức"), c.held, table),
                _fig("conferences_planned", _("dự kiến, đã thông báo"), c.planned, table),
                _fig("conferences_cancelled", _("đã hủy"), c.cancelled, table),
            ],
            "tone": "primary",
        },
        {
            "key": "attendance",
            "title": _("Đại biểu có mặt"),
            "main": _fig("present", _("có mặt"), c.present, table),
            "rate": percent(c.attendance_rate),
            "parts": [_fig("invited", _("được mời"), c.invited, table)],
            "tone": "primary",
        },
        {
            "key": "received",
            "title": _("Ý kiến, kiến nghị tiếp nhận"),
            "main": _fig("received", _("Ý kiến, kiến nghị tiếp nhận"), t.total, links.petitions()),
            "parts": [],
            "tone": "primary",
        },
        {
            "key": "answered",
            "title": _("Đã trả lời"),
            "main": _fig("answered", _("Đã trả lời"), t[M.ANSWERED], links.measure(M.ANSWERED)),
            "rate": percent(t.answered_rate),
            "parts": [],
            "tone": "success",
        },
        *route_cards,
        {
            "key": "on_time_rate",
            "title": _("Trả lời đúng hạn"),
            "main": _fig("on_time", _("đúng hạn"), t[M.ON_TIME], links.measure(M.ON_TIME)),
            "rate": percent(t.on_time_rate),
            "parts": [_fig("late", _("trễ hạn"), t[M.LATE], links.measure(M.LATE))],
            "tone": "success",
        },
        {
            "key": "overdue",
            "title": _("Quá hạn, chưa trả lời"),
            "main": _fig("overdue", _("Quá hạn, chưa trả lời"), t[M.OVERDUE], links.measure(M.OVERDUE)),
            "parts": [],
            "tone": "danger",
        },
        {
            "key": "satisfaction",
            "title": _("Người dân đồng ý với trả lời"),
            "main": _fig("satisfied", _("đồng ý"), t[M.SATISFIED], links.measure(M.SATISFIED)),
            "rate": percent(t.satisfaction_rate),
            "parts": [_fig("unsatisfied", _("chưa đồng ý"), t[M.UNSATISFIED], links.measure(M.UNSATISFIED))],
            "tone": "success",
        },
        {
            "key": "reopened",
            "title": _("Đã mở lại"),
            "main": _fig("reopened", _("Đã mở lại"), t.reopened, links.petitions(reopened=True)),
            "parts": [],
            "tone": "warning",
        },
    ]


def _height(count: int) -> int:
    """A horizontal bar chart's height in pixels: room for every label, within reason."""
    return max(180, min(900, 60 + 30 * count))


# A bar's label longer than this is cut: on a phone the axis would otherwise hide the start of every label.
LABEL_CHARS = 24


def _row_label(row: Row, missing: str) -> str:
    return Truncator(row.label or missing).chars(LABEL_CHARS)


def charts(board: UnitDashboard, links: Links) -> dict[str, dict[str, Any]]:
    """The data of every chart (see the header of static/reports/charts.js), by name: the page gives each to
    its canvas as the json_script "chart-<name>"."""
    no_sector, no_village = _("Chưa phân loại"), _("Không ghi thôn")
    sectors = board.sectors
    specs: dict[str, dict[str, Any]] = {}
    specs["sectors"] = {
        "type": "bar",
        "horizontal": True,
        "stacked": True,
        "labels": [_row_label(r, no_sector) for r in sectors],
        "datasets": [
            {
                "label": str(ROUTE_SHORT[route]),
                "data": [r.figures[route] for r in sectors],
                "links": [links.measure(route, sector=_key(r)) for r in sectors],
                "color": ROUTE_COLORS[route],
            }
            for route in ROUTES
        ],
        "height": _height(len(sectors)),
    }
    villages = board.villages
    specs["villages"] = {
        "type": "bar",
        "horizontal": True,
        "labels": [_row_label(r, no_village) for r in villages],
        "datasets": [
            {
                "label": _("Ý kiến, kiến nghị"),
                "data": [r.figures.total for r in villages],
                "links": [links.petitions(village=_key(r)) for r in villages],
            }
        ],
        "height": _height(len(villages)),
    }
    specs["channels"] = {
        "type": "doughnut",
        "labels": [r.label for r in board.channels],
        "datasets": [
            {
                "label": _("Ý kiến, kiến nghị"),
                "data": [r.figures.total for r in board.channels],
                "links": [links.petitions(channel=r.key) for r in board.channels],
            }
        ],
    }
    specs["statuses"] = {
        "type": "bar",
        "colorEach": True,
        "labels": [r.label for r in board.statuses],
        "datasets": [
            {
                "label": _("Ý kiến, kiến nghị"),
                "data": [r.figures.total for r in board.statuses],
                "links": [links.petitions(status=r.key) for r in board.statuses],
            }
        ],
    }
    specs["routes"] = {
        "type": "doughnut",
        "labels": [str(ROUTE_SHORT[route]) for route in ROUTES],
        "datasets": [
            {
                "label": _("Ý kiến, kiến nghị"),
                "data": [board.totals[route] for route in ROUTES],
                "links": [links.measure(route) for route in ROUTES],
                "colors": [ROUTE_COLORS[route] for route in ROUTES],
            }
        ],
    }
    departments = board.departments
    specs["departments"] = {
        "type": "bar",
        "horizontal": True,
        "labels": [Truncator(r.label).chars(LABEL_CHARS) for r in departments],
        "datasets": [
            {
                "label": str(M.OVERDUE.label),
                "data": [r.figures[M.OVERDUE] for r in departments],
                "links": [links.measure(M.OVERDUE, department=r.key) for r in departments],
                "color": "#dc3545",
            }
        ],
        "height": _height(len(departments)),
    }
    months = board.months
    # Months still to come are gaps in the line, not zeros.
    past = [m.start <= board.today for m in months]
    specs["months"] = {
        "type": "line",
        "labels": [m.start.strftime("%m/%Y") for m in months],
        "datasets": [
            {
                "label": board.period.label,
                "data": [m.count if done else None for m, done in zip(months, past, strict=True)],
                "links": [links.petitions(since=m.start, until=m.end) for m in months],
                "color": "#0d6efd",
            },
            {
                "label": _("Cùng kỳ năm trước"),
                "data": [m.previous_count for m in months],
                "links": [links.petitions(since=m.previous_start, until=m.previous_end) for m in months],
                "color": "#adb5bd",
            },
        ],
    }
    recent = board.recent_conferences
    specs["conferences"] = {
        "type": "bar",
        "labels": [f"{short_date(timezone.localtime(c.starts_at).date())}" for c in recent],
        "datasets": [
            {
                "label": _("Ý kiến tiếp nhận"),
                "data": [c.petitions for c in recent],
                "links": [links.conference_petitions(c) for c in recent],
                "color": "#0d6efd",
            },
            {
                "label": _("Đã trả lời"),
                "data": [c.answered for c in recent],
                "links": [links.conference_petitions(c, measure=str(M.ANSWERED)) for c in recent],
                "color": "#198754",
            },
        ],
    }
    return specs


def tables(board: UnitDashboard, links: Links) -> dict[str, Any]:
    """The rows of the tables under the charts, each figure with its link."""

    def cell(value: int, url: str | None) -> dict[str, Any]:
        return {"value": value, "text": grouped(value), "url": url}

    sectors = [
        {
            "label": r.label or _("Chưa phân loại"),
            "total": cell(r.figures.total, links.petitions(sector=_key(r))),
            "routes": [cell(r.figures[route], links.measure(route, sector=_key(r))) for route in ROUTES],
            "on_time": percent(r.figures.on_time_rate),
        }
        for r in board.sectors
    ]
    totals = {
        "total": cell(board.totals.total, links.petitions()),
        "routes": [cell(board.totals[route], links.measure(route)) for route in ROUTES],
        "on_time": percent(board.totals.on_time_rate),
    }
    villages = [
        {
            "label": r.label or _("Không ghi thôn"),
            "total": cell(r.figures.total, links.petitions(village=_key(r))),
            "answered": cell(r.figures[M.ANSWERED], links.measure(M.ANSWERED, village=_key(r))),
            "overdue": cell(r.figures[M.OVERDUE], links.measure(M.OVERDUE, village=_key(r))),
        }
        for r in board.villages
    ]
    channels = [
        {"label": r.label, "total": cell(r.figures.total, links.petitions(channel=r.key))} for r in board.channels
    ]
    statuses = [
        {"label": r.label, "total": cell(r.figures.total, links.petitions(status=r.key))} for r in board.statuses
    ]
    routes = [
        {
            "label": str(route.label),
            "total": cell(board.totals[route], links.measure(route)),
            "share": percent(rate(board.totals[route], board.totals.total)),
        }
        for route in ROUTES
    ]
    departments = [
        {
            "label": r.label,
            "assigned": cell(r.figures.total, links.petitions(department=r.key)),
            "answered": cell(r.figures[M.ANSWERED], links.measure(M.ANSWERED, department=r.key)),
            "on_time": cell(r.figures[M.ON_TIME], links.measure(M.ON_TIME, department=r.key)),
            "late": cell(r.figures[M.LATE], links.measure(M.LATE, department=r.key)),
            "overdue": cell(r.figures[M.OVERDUE], links.measure(M.OVERDUE, department=r.key)),
            "rate": percent(r.figures.on_time_rate),
        }
        for r in board.departments
    ]
    months = [
        {
            "label": m.start.strftime("%m/%Y"),
            "count": cell(m.count, links.petitions(since=m.start, until=m.end)) if m.start <= board.today else None,
            "previous": cell(m.previous_count, links.petitions(since=m.previous_start, until=m.previous_end)),
        }
        for m in board.months
    ]
    recent = [
        {
            "date": short_date(timezone.localtime(c.starts_at).date()),
            "title": c.title,
            "url": links.conference(c),
            "received": cell(c.petitions, links.conference_petitions(c)),
            "answered": cell(c.answered, links.conference_petitions(c, measure=str(M.ANSWERED))),
        }
        for c in board.recent_conferences
    ]
    years = []
    for y in board.years:
        # Whole years of the unit, whatever conference the page is narrowed to.
        whole: dict[str, Any] = {"since": dt.date(y.year, 1, 1), "until": dt.date(y.year, 12, 31), "conference": None}
        f = y.figures
        years.append(
            {
                "year": y.year,
                "received": cell(f.total, links.petitions(**whole)),
                "answered": cell(f[M.ANSWERED], links.measure(M.ANSWERED, **whole)),
                "answered_rate": percent(f.answered_rate),
                "on_time": cell(f[M.ON_TIME], links.measure(M.ON_TIME, **whole)),
                "late": cell(f[M.LATE], links.measure(M.LATE, **whole)),
                "on_time_rate": percent(f.on_time_rate),
            }
        )
    conferences = [
        {
            "date": short_date(timezone.localtime(c.starts_at).date()),
            "title": c.title,
            "status": c.status_label,
            "url": links.conference(c),
            "attendance_url": links.attendance(c),
            "invited": grouped(c.invited),
            "present": grouped(c.present),
            "petitions": cell(c.petitions, links.conference_petitions(c)),
        }
        for c in board.conference_rows
    ]
    return {
        "sectors": sectors,
        "totals": totals,
        "villages": villages,
        "channels": channels,
        "statuses": statuses,
        "routes": routes,
        "route_headers": [str(ROUTE_SHORT[route]) for route in ROUTES],
        "departments": departments,
        "months": months,
        "recent": recent,
        "years": years,
        "conferences": conferences,
    }


def _board(request: HttpRequest, unit_id: int) -> tuple[AdminUnit, UnitDashboard]:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, rules.VIEW_DASHBOARD, unit)
    today = timezone.localdate()
    period = Period.from_query(request.GET, today=today)
    return unit, unit_dashboard(unit, period, today=today, conference=_conference_id(request.GET))


def _query(board: UnitDashboard) -> dict[str, str]:
    params = board.period.params()
    if board.conference is not None:
        params[CONFERENCE_PARAM] = str(board.conference.pk)
    return params


@login_required
@require_GET
def dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's figures for a period, as cards, charts and tables; each figure opens the list behind it."""
    unit, board = _board(request, unit_id)
    links = Links(unit, board)
    specs = charts(board, links)
    context = unit_context(request, unit)
    context.update(
        {
            "section": "reports",
            "board": board,
            "period": board.period,
            "kinds": PeriodKind.choices,
            "years": years_offered(board.today),
            "cards": cards(board, links),
            "charts": specs,
            "tables": tables(board, links),
            "workbook_url": reverse("reports:period_workbook", args=[unit.pk]) + "?" + urlencode(_query(board)),
            "report_url": reverse("documents:results_report", args=[unit.pk]),
            # An upper unit's own figures are its inbox; the roll-up of the units below is one click away.
            "rollup_url": reverse("reports:rollup", args=[unit.pk]) + "?" + urlencode(board.period.params())
            if has_perm(request.user, rules.VIEW_ROLLUP, unit) and rollup_selectors.has_units_below(unit)
            else "",
            "all_petitions_url": links.petitions(),
        }
    )
    if is_htmx(request) and request.headers.get("HX-Target") == "dashboard-body":
        return render(request, "reports/dashboard.html#body", context)
    return render(request, "reports/dashboard.html", context)


@login_required
@require_GET
def period_workbook(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The same figures as an Excel workbook, to send to the upper level."""
    unit, board = _board(request, unit_id)
    out = HttpResponse(excel.period_workbook(board), content_type=xlsx.XLSX_CONTENT_TYPE)
    name = exports.filename(f"bao-cao-thong-ke-{unit.name}", exports.XLSX, today=board.today)
    out["Content-Disposition"] = f'attachment; filename="{name}"'
    return out
