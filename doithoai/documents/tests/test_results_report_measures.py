"""The period report's figures (kinds/results_report.py) are the dashboard's measures (petitions/measures.py):
checked against counts computed here, in plain Python, over generated data; and each figure equals the length
of the petition list its drill-down link would show."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from doithoai.documents import actions
from doithoai.documents.kinds import Period, results_report
from doithoai.documents.tests.test_kinds_followup import concluded, grouped, named  # noqa: F401 - fixtures
from doithoai.documents.tests.util import docx_text
from doithoai.lib.vndates import short_date
from doithoai.petitions.models import Petition
from doithoai.units.models import AdminUnit

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

from national_data import generate

TODAY = dt.date(2026, 11, 22)
ANSWERED = {"answered_at_conference", "resolved", "notified"}
OPEN = {"received", "classified", "accepted", "referred"}


def expected(unit_id: int, start: dt.date, end: dt.date, as_of: dt.date) -> dict[str, int]:
    """The measures' definitions, counted row by row (not with the code under test)."""
    counts = dict.fromkeys(
        [
            "received",
            "at_conference",
            "in_writing",
            "referred",
            "refused",
            "pending",
            "with_deadline",
            "on_time",
            "late",
            "overdue",
            "satisfied",
            "unsatisfied",
        ],
        0,
    )
    rows = Petition.objects.filter(unit_id=unit_id).values(
        "received_on", "status", "due_date", "answer__mode", "answer__approved_at", "satisfaction"
    )
    for row in rows:
        if not start <= row["received_on"] <= end:
            continue
        status, due, mode = row["status"], row["due_date"], row["answer__mode"]
        approved = row["answer__approved_at"]
        approved_on = timezone.localtime(approved).date() if approved is not None else None
        answered = status in ANSWERED
        counts["received"] += 1
        counts["at_conference"] += answered and mode == "at_conference"
        counts["in_writing"] += answered and mode in (None, "in_writing")
        counts["referred"] += status == "referred" or (answered and mode == "by_referral")
        counts["refused"] += status == "refused"
        counts["pending"] += status in ("received", "classified", "accepted")
        counts["with_deadline"] += due is not None
        on_time = answered and due is not None and approved_on is not None and approved_on <= due
        overdue = status in OPEN and due is not None and due < as_of
        late = (answered and due is not None and approved_on is not None and approved_on > due) or overdue
        counts["on_time"] += on_time
        counts["overdue"] += overdue
        counts["late"] += late
        counts["satisfied"] += row["satisfaction"] == "satisfied"
        counts["unsatisfied"] += row["satisfaction"] == "unsatisfied"
    return counts


def rate_text(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "chưa có số liệu"


@pytest.fixture
def national(national_units):
    return generate(0.12, provinces=2, petitions=2000, today=TODAY)


@pytest.mark.parametrize(
    ("start", "end", "as_of"),
    [
        # A past year: overdue counted at its end (due on or before 31/12, still open).
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1)),
        # The running year: overdue today.
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), TODAY),
        # A custom range that ended last week.
        (dt.date(2025, 7, 1), dt.date(2026, 11, 15), dt.date(2026, 11, 16)),
    ],
)
def test_it_the_report_figures_are_the_dashboard_measures_over_generated_data(national, start, end, as_of):
    unit = AdminUnit.objects.get(pk=national.commune_id)
    with time_machine.travel(dt.datetime(2026, 11, 22, 10, 0, tzinfo=timezone.get_current_timezone()), tick=False):
        data = results_report.collect(Period(unit, start, end))
    m = data["measures"]
    counts = expected(unit.pk, start, end, as_of)
    assert {k: m[k] for k in counts} == counts
    assert counts["received"] > 50 and counts["late"] and counts["on_time"] and counts["satisfied"]
    assert counts["overdue"] or as_of < dt.date(2026, 11, 1)  # the generated backlog is of the last weeks
    # Every petition is dealt with in exactly one of the five ways.
    routes = ("at_conference", "in_writing", "referred", "refused", "pending")
    assert sum(counts[k] for k in routes) == counts["received"]
    assert m["responded"] == counts["satisfied"] + counts["unsatisfied"]
    assert m["on_time_rate"] == rate_text(counts["on_time"], counts["on_time"] + counts["late"])
    assert m["satisfaction_rate"] == rate_text(counts["satisfied"], m["responded"])
    assert m["overdue_on"] == short_date(as_of - dt.timedelta(days=1))
    text = " ".join(data["measure_results"])
    assert f"tiếp nhận {counts['received']} ý kiến" in text
    assert f"trả lời trực tiếp tại hội nghị {counts['at_conference']} ý kiến" in text
    assert f"trả lời bằng văn bản {counts['in_writing']} ý kiến" in text
    assert f"chuyển cơ quan có thẩm quyền {counts['referred']} ý kiến" in text
    assert f"trả lời đúng hạn {counts['on_time']} ý kiến, trễ hạn {counts['late']} ý kiến" in text
    assert f"còn {counts['overdue']} ý kiến quá hạn" in text
    assert f"tỷ lệ trả lời đúng hạn: {m['on_time_rate']}" in text
    assert f"đồng ý {counts['satisfied']} ý kiến, chưa đồng ý {counts['unsatisfied']} ý kiến" in text


def test_each_figure_equals_the_list_its_drill_down_shows_and_the_document_says_them(
    client,
    cast,
    conference,
    petitions,
    concluded,  # noqa: F811
):
    """The cast's conference of 05/6/2026: for a running period (today), each measure of the report equals
    the length of the petition list filtered by it and the period; the built-in template prints them."""
    today = timezone.localdate()
    start, end = dt.date(today.year - 1, 1, 1), dt.date(today.year, 12, 31)
    period = Period(cast.commune_a, start, end)
    figures = results_report.period_measures(cast.commune_a, start, end)
    client.force_login(cast.officer_a)
    url = reverse("petitions:list", args=[cast.commune_a.pk])
    for measure in ("at_conference", "in_writing", "referred", "refused", "pending", "on_time", "late", "overdue"):
        response = client.get(url, {"chi_so": measure, "tu_ngay": start.isoformat(), "den_ngay": end.isoformat()})
        assert response.context["page"].count == figures[measure], measure
    received = Petition.objects.filter(unit=cast.commune_a, received_on__range=(start, end)).count()
    assert figures["received"] == received and figures["at_conference"] == 2 and figures["referred"] == 1
    data, _name = actions.draft_docx(actor=cast.officer_a, kind="results_report", subject=period)
    text = docx_text(data)
    assert f"tiếp nhận {figures['received']} ý kiến, kiến nghị của Nhân dân (mọi kênh" in text
    assert "tỷ lệ trả lời đúng hạn: chưa có số liệu" in text  # nothing with a deadline is answered yet
    assert f"còn {figures['overdue']} ý kiến quá hạn chưa có kết quả" in text
