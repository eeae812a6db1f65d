"""The roll-up of the units below a province (or a legacy district), and its table as CSV or Excel.

Every figure links to the list behind it: a commune's petitions (`petitions:list` with the measure and the
period that counted it), the commune's dashboard, or this table narrowed (`?tinh_trang=`, `?linh_vuc=`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from doithoai.core import exports
from doithoai.core.permissions import has_perm, require_perm
from doithoai.lib.numbers import grouped
from doithoai.lib.vndates import short_date
from doithoai.petitions.measures import Measure, percent
from doithoai.petitions.models import Channel
from doithoai.petitions.selectors import PetitionFilters
from doithoai.plans import compliance
from doithoai.reports import rules
from doithoai.reports.periods import Period, PeriodKind, years_offered
from doithoai.reports.selectors import rollup as selectors
from doithoai.reports.selectors.rollup import Rollup, UnitRow
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context

# A current province has up to about 170 communes: one page. Legacy provinces (up to about 600) page on.
PAGE_SIZE = 200
SECTORS_SHOWN = 10
PETITION_MEASURES = [m for m in selectors.PETITION_FIGURES.values() if m]


@dataclass(frozen=True)
class Cell:
    value: Any  # what the download writes: a number, a percentage (one decimal), a date, a text
    href: str = ""
    kind: str = "text"  # text | number | percent | date

    @property
    def display(self) -> str:
        if self.value is None or self.value == "":
            return "—"
        if self.kind == "percent":
            return percent(self.value)
        if self.kind == "date":
            return short_date(self.value)
        if self.kind == "number":
            return grouped(self.value)
        return str(self.value)


@dataclass(frozen=True)
class Params:
    """What the page was asked for, besides the period: the table's search, narrowing, sort and page."""

    query: str
    standing: str
    sector: str
    sort: str

    @classmethod
    def from_query(cls, data: Any) -> Params:
        standing = data.get("tinh_trang") or ""
        sort = data.get("sap_xep") or ""
        return cls(
            query=str(data.get("q") or "").strip()[:100],
            standing=standing if standing in selectors.STANDING_FILTERS else "",
            sector=str(data.get("linh_vuc") or "").strip()[:20],
            sort=sort if sort in selectors.SORTS else selectors.SORT_COMPLIANCE,
        )


def _unit(request: HttpRequest, unit_id: int) -> AdminUnit:
    unit = unit_selectors.get_unit(request.user, unit_id)
    if not selectors.has_units_below(unit):
        raise Http404
    require_perm(request.user, rules.VIEW_ROLLUP, unit)
    return unit


def _read(request: HttpRequest, unit_id: int) -> tuple[AdminUnit, Rollup, Params, list[UnitRow]]:
    unit = _unit(request, unit_id)
    today = timezone.localdate()
    period = Period.from_query(request.GET, today=today)
    data = selectors.rollup(unit, period, today=today)
    params = Params.from_query(request.GET)
    shown = selectors.narrow(
        data.rows, query=params.query, standing=params.standing, sector=params.sector, sort=params.sort
    )
    return unit, data, params, shown


# ---------------------------------------------------------------- links


class Links:
    """Where the table's figures lead: a unit's petition list narrowed to what the figure counted (the measure,
    received in the period), or its dashboard. The query strings are the same for every unit: built once."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.queries: dict[str, str] = {}
        self.lists: dict[int, str] = {}
        self.dashboard_query = urlencode(period.params())

    def petitions(self, unit_id: int, measure: str = "", **filters: Any) -> str:
        key = measure if not filters else f"{measure}|{sorted(filters.items())}"
        if key not in self.queries:
            params = PetitionFilters(measure=measure, since=self.period.start, until=self.period.end, **filters)
            self.queries[key] = urlencode(params.params())
        if unit_id not in self.lists:
            self.lists[unit_id] = reverse("petitions:list", args=[unit_id])
        return self.lists[unit_id] + "?" + self.queries[key]

    def dashboard(self, unit_id: int) -> str:
        return reverse("reports:dashboard", args=[unit_id]) + "?" + self.dashboard_query


def _table(unit: AdminUnit, period: Period, **params: str) -> str:
    """This page, with the same period, narrowed by `params`, at the table."""
    query = {**period.params(), **{k: v for k, v in params.items() if v}}
    return reverse("reports:rollup", args=[unit.pk]) + "?" + urlencode(query) + "#bang"


# ---------------------------------------------------------------- the table, on the page and in the download


def columns(data: Rollup, sector: str) -> list[exports.Column]:
    out = [
        exports.Column(_("Đơn vị"), 30),
        exports.Column(_("Tình trạng"), 20),
        exports.Column(_("Kế hoạch năm %(year)s") % {"year": data.year}, 22),
        exports.Column(_("Hội nghị đã tổ chức"), 12),
        exports.Column(_("Hội nghị trong năm"), 12),
        exports.Column(_("Ngày tổ chức gần nhất"), 14),
        exports.Column(_("Kết luận trong 10 ngày"), 16),
        exports.Column(_("Ý kiến tiếp nhận"), 12),
        exports.Column(_("Đã trả lời"), 12),
        exports.Column(_("Tỷ lệ trả lời (%)"), 12),
        exports.Column(_("Trả lời đúng hạn"), 12),
        exports.Column(_("Trễ hạn"), 12),
        exports.Column(_("Tỷ lệ đúng hạn (%)"), 12),
        exports.Column(_("Quá hạn, chưa trả lời"), 12),
        exports.Column(_("Người dân chưa đồng ý"), 12),
        exports.Column(_("Chuyển cơ quan có thẩm quyền"), 14),
    ]
    if sector:
        out.append(exports.Column(_("Lĩnh vực: %(name)s") % {"name": data.sector_name(sector)}, 16))
    return out


def cells(row: UnitRow, links: Links, sector: str) -> list[Cell]:
    u, f = row.unit, row.figures
    base = links.petitions(u.pk)  # the list of every petition of the period; the measures add `chi_so`
    by = {m: links.petitions(u.pk, m) for m in PETITION_MEASURES}
    out = [
        Cell(u.name, links.dashboard(u.pk)),
        Cell(str(row.standing.standing.label)),
        Cell(compliance.plan_cell(row.standing)),
        Cell(row.held, kind="number"),
        Cell(row.conferences, kind="number"),
        Cell(row.last_held_on, kind="date"),
        Cell(row.conclusion_text()),
        Cell(f.received, base, "number"),
        Cell(f.answered, by[Measure.ANSWERED], "number"),
        Cell(f.answered_rate, by[Measure.ANSWERED], "percent"),
        Cell(f.on_time, by[Measure.ON_TIME], "number"),
        Cell(f.late, by[Measure.LATE], "number"),
        Cell(f.on_time_rate, by[Measure.ON_TIME], "percent"),
        Cell(f.overdue, by[Measure.OVERDUE], "number"),
        Cell(f.unsatisfied, by[Measure.UNSATISFIED], "number"),
        Cell(f.referred, by[Measure.REFERRED], "number"),
    ]
    if sector:
        sector_id, n = row.sectors.get(sector, (None, 0))
        out.append(Cell(n, links.petitions(u.pk, sector=sector_id) if sector_id else "", "number"))
    return out


def row_html(cells: list[Cell]) -> SafeString:
    """A row's cells as HTML, escaped: built here rather than in the template, where 16 cells by 170 rows took
    most of the page's time."""
    first, *rest = cells
    parts = [
        format_html(
            '<th scope="row" class="fw-normal" style="min-width:9rem"><a href="{}">{}</a></th>',
            first.href,
            first.display,
        )
    ]
    for index, cell in enumerate(rest, start=1):
        classes = "text-nowrap" if cell.kind == "text" else "text-nowrap text-end"
        if cell.href:
            parts.append(
                format_html(
                    '<td class="{}" data-col="{}"><a href="{}">{}</a></td>', classes, index, cell.href, cell.display
                )
            )
        else:
            parts.append(format_html('<td class="{}" data-col="{}">{}</td>', classes, index, cell.display))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped by format_html


# ---------------------------------------------------------------- charts (see reports/static/reports/charts.js)


def _charts(unit: AdminUnit, data: Rollup, links: Links) -> dict[str, dict[str, Any]]:
    period = data.period
    slices = data.slices()
    busiest = sorted(data.rows, key=lambda r: (-r.figures.received, r.unit.name))[: selectors.TOP]
    busiest = [r for r in busiest if r.figures.received]
    rated = [r for r in data.rows if r.figures.on_time_rate is not None]
    slowest = sorted(rated, key=lambda r: (r.figures.on_time_rate, r.unit.name))[: selectors.TOP]
    sectors = data.sectors[:SECTORS_SHOWN]
    return {
        "compliance": {
            "type": "doughnut",
            "labels": [label for _k, label, _n in slices],
            "datasets": [
                {
                    "label": _("Số đơn vị"),
                    "data": [n for _k, _l, n in slices],
                    "links": [_table(unit, period, tinh_trang=key) for key, _l, _n in slices],
                    "colors": selectors.SLICE_COLORS,
                }
            ],
        },
        "busiest": {
            "type": "bar",
            "horizontal": True,
            "labels": [r.unit.name for r in busiest],
            "datasets": [
                {
                    "label": _("Ý kiến tiếp nhận"),
                    "data": [r.figures.received for r in busiest],
                    "links": [links.dashboard(r.unit.pk) for r in busiest],
                }
            ],
        },
        "slowest": {
            "type": "bar",
            "horizontal": True,
            "percent": True,
            "labels": [r.unit.name for r in slowest],
            "datasets": [
                {
                    "label": _("Tỷ lệ đúng hạn"),
                    "data": [r.figures.on_time_rate for r in slowest],
                    "links": [links.dashboard(r.unit.pk) for r in slowest],
                    "color": "#dc3545",
                }
            ],
        },
        "sectors": {
            "type": "bar",
            "horizontal": True,
            "labels": [s.name for s in sectors],
            "datasets": [
                {
                    "label": _("Số đơn vị có ý kiến"),
                    "data": [s.communes for s in sectors],
                    "links": [_table(unit, period, linh_vuc=s.code) for s in sectors],
                    "color": "#6f42c1",
                }
            ],
        },
    }


def _chart_tables(unit: AdminUnit, data: Rollup, charts: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    period = data.period
    return {
        "compliance": [
            {"label": label, "value": n, "href": _table(unit, period, tinh_trang=key)}
            for key, label, n in data.slices()
        ],
        "busiest": [
            {"label": label, "value": value, "href": href}
            for label, value, href in zip(
                charts["busiest"]["labels"],
                charts["busiest"]["datasets"][0]["data"],
                charts["busiest"]["datasets"][0]["links"],
                strict=True,
            )
        ],
        "slowest": [
            {"label": label, "value": percent(value), "href": href}
            for label, value, href in zip(
                charts["slowest"]["labels"],
                charts["slowest"]["datasets"][0]["data"],
                charts["slowest"]["datasets"][0]["links"],
                strict=True,
            )
        ],
        "sectors": [
            {
                "label": s.name,
                "communes": s.communes,
                "petitions": s.petitions,
                "href": _table(unit, period, linh_vuc=s.code),
            }
            for s in data.sectors[:SECTORS_SHOWN]
        ],
    }


def _cards(unit: AdminUnit, data: Rollup) -> dict[str, Any]:
    period = data.period
    totals, referred = data.totals, data.referred
    inbox = reverse("petitions:list", args=[unit.pk])

    def inbox_link(measure: str = "") -> str:
        params = PetitionFilters(channel=Channel.REFERRAL, measure=measure, since=period.start, until=period.end)
        return inbox + "?" + urlencode(params.params())

    return {
        "units": _table(unit, period),
        "held": _table(unit, period, tinh_trang=selectors.HELD),
        "not_held": _table(unit, period, tinh_trang=selectors.NOT_HELD),
        "late": _table(unit, period, tinh_trang=selectors.LATE),
        "not_set_up": _table(unit, period, tinh_trang="chua-su-dung"),
        "conclusions_late": _table(unit, period, tinh_trang=selectors.CONCLUSION_LATE),
        "received": _table(unit, period, sap_xep=selectors.SORT_RECEIVED),
        "answered": _table(unit, period, sap_xep=selectors.SORT_ANSWERED),
        "on_time": _table(unit, period, sap_xep=selectors.SORT_ON_TIME),
        "overdue": _table(unit, period, sap_xep=selectors.SORT_OVERDUE),
        "held_rate": percent(data.held_rate),
        "conclusion_rate": percent(data.conclusion_rate),
        "answered_rate": percent(totals.answered_rate),
        "on_time_rate": percent(totals.on_time_rate),
        "referred": {
            "received": (referred.received, inbox_link()),
            "answered": (referred.answered, inbox_link(Measure.ANSWERED)),
            "pending": (referred.pending, inbox_link(Measure.PENDING)),
            "overdue": (referred.overdue, inbox_link(Measure.OVERDUE)),
        },
    }


@login_required
def rollup(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Every commune or ward below: the yearly dialogue, conclusions, petitions, referrals, recurring sectors."""
    unit, data, params, shown = _read(request, unit_id)
    period = data.period
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("trang"))
    export_query = request.GET.copy()
    export_query.pop("trang", None)
    export_query.pop(exports.FORMAT_PARAM, None)
    links = Links(period)
    charts = _charts(unit, data, links)
    context = {
        **unit_context(request, unit),
        "section": "reports",
        "data": data,
        "period": period,
        "params": params,
        "period_kinds": PeriodKind.choices,
        "years": years_offered(data.today),
        "year_value": period.start.year,
        "sorts": list(selectors.SORTS.items()),
        "standing_filters": [(key, label) for key, _s, label in selectors.SLICES]
        + [
            (selectors.HELD, _("Đã tổ chức")),
            (selectors.NOT_HELD, _("Chưa tổ chức")),
            (selectors.LATE, _("Trễ hạn")),
            (selectors.CONCLUSION_LATE, _("Thông báo kết luận trễ")),
        ],
        "sector_choices": [(s.code, s.name) for s in data.sectors],
        "sector_name": data.sector_name(params.sector) if params.sector else "",
        "columns": columns(data, params.sector),
        "rows": [
            {"row": row, "cells": shown_cells, "html": row_html(shown_cells)}
            for row in page.object_list
            for shown_cells in [cells(row, links, params.sector)]
        ],
        "page": page,
        "shown_count": len(shown),
        "page_query": urlencode({k: v for k, v in request.GET.items() if k != "trang"}),
        "cards": _cards(unit, data),
        "charts": charts,
        "chart_tables": _chart_tables(unit, data, charts),
        "deadline_text": short_date(data.deadline),
        "today_text": short_date(data.today),
        "upper_reference": compliance.plan_reference(data.upper_plan) if data.upper_plan else "",
        "export_query": export_query.urlencode(),
        "dashboard_url": reverse("reports:dashboard", args=[unit.pk]) + "?" + urlencode(period.params())
        if has_perm(request.user, rules.VIEW_DASHBOARD, unit)
        else "",
        "clear_url": reverse("reports:rollup", args=[unit.pk]) + "?" + urlencode(period.params()),
    }
    return render(request, "reports/rollup.html", context)


@login_required
def rollup_export(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The comparison table as shown (same period, search, narrowing and order), every row, as CSV or Excel."""
    fmt = exports.format_of(request.GET)
    if fmt is None:
        raise Http404
    unit, data, params, shown = _read(request, unit_id)
    notes = [
        data.period.label,
        _("Hạn tổ chức hội nghị đối thoại năm %(year)s: %(date)s")
        % {"year": data.year, "date": short_date(data.deadline)},
    ]
    if params.sector:
        notes.append(_("Lĩnh vực: %(name)s") % {"name": data.sector_name(params.sector)})
    notes.append(exports.exported_on(data.today))
    links = Links(data.period)
    return exports.response(
        fmt,
        stem=_("tong hop cac don vi %(unit)s") % {"unit": unit.name},
        title=_("Tổng hợp các đơn vị cấp dưới – %(unit)s") % {"unit": unit.name},
        columns=columns(data, params.sector),
        rows=([c.value for c in cells(row, links, params.sector)] for row in shown),
        notes=notes,
    )
