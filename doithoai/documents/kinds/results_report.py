"""Báo cáo kết quả (domain-spec §8.8): the Committee reports, for a period (usually a year), the dialogues it
held and what became of the people's opinions, to the province (through its Sở Nội vụ, as seed 001 says).

Everything is counted by the database: one query for the conferences, one each for attendance, exchanges
and petitions per conference, one for petitions by sector × jurisdiction × status. A year of a large ward
costs the same handful of queries as a quiet commune's. The assessment (III) and the proposals (IV) are
the office's to write: the document gives the frame and marks what to add.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.documents.kinds import KindSpec, NotReady
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody
from doithoai.lib.vndates import document_date, short_date
from doithoai.petitions.measures import ROUTES, Measure, condition, percent, rate
from doithoai.plans.presets import names_of

FIELDS: dict[str, Any] = {
    "period_text": _("Kỳ báo cáo: năm 2026, hoặc từ ngày … đến ngày …"),
    "committee_body": _("Tên Ủy ban nhân dân báo cáo"),
    "organisation": _("I. Tình hình tổ chức: các đoạn văn tổng quát"),
    "conferences": _(
        "Danh sách hội nghị: c.number, c.title, c.date, c.venue, c.kind, c.status, c.mode, c.invited, c.present, "
        "c.exchanges, c.petitions"
    ),
    "results": _("II. Kết quả: các đoạn văn (theo thẩm quyền, trạng thái)"),
    "sector_lines": _("II. Kết quả theo lĩnh vực: l.name, l.count"),
    "assessment": _("III. Đánh giá: các đoạn văn (Văn phòng bổ sung)"),
    "proposals": _("IV. Kiến nghị, đề xuất: các đoạn văn"),
    "status_rows": _(
        "Phụ lục, bảng theo lĩnh vực và trạng thái: r.no, r.name, r.total, r.at_conference, r.resolved, r.pending, "
        "r.referred, r.refused"
    ),
    "jurisdiction_rows": _(
        "Phụ lục, bảng theo lĩnh vực và thẩm quyền: r.no, r.name, r.total, r.own, r.higher, r.central, r.other"
    ),
    "total": _("Tổng số ý kiến, kiến nghị trong kỳ"),
    "measure_results": _(
        "II. Kết quả giải quyết ý kiến tiếp nhận trong kỳ (như trang thống kê): các đoạn văn về cách giải quyết, "
        "đúng hạn, quá hạn, mức độ đồng ý của người dân"
    ),
    "measures": _(
        "Số liệu như trang thống kê (ý kiến tiếp nhận trong kỳ, mọi kênh): m.received, m.at_conference, "
        "m.in_writing, m.referred, m.refused, m.pending, m.with_deadline, m.on_time, m.late, m.on_time_rate, "
        "m.overdue, m.overdue_on, m.satisfied, m.unsatisfied, m.responded, m.satisfaction_rate"
    ),
}
REQUIRED = frozenset({"status_rows"})

# The report's states (domain-spec §8.8): answered in the hall, resolved afterwards, still pending,
# referred up or out, refused with a reason.
BUCKETS = {
    "answered_at_conference": "at_conference",
    "resolved": "resolved",
    "notified": "resolved",
    "received": "pending",
    "classified": "pending",
    "accepted": "pending",
    "referred": "referred",
    "refused": "refused",
}
JURISDICTION_BUCKETS = {
    "this_unit": "own",
    "higher_level": "higher",
    "central": "central",
    "party": "other",
    "front": "other",
    "other_body": "other",
}
PLACEHOLDER = "(Văn phòng bổ sung)"


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.recipient_line()
    b.body(
        "Thực hiện Luật Thực hiện dân chủ ở cơ sở và các văn bản hướng dẫn, {{ committee_body }} báo cáo kết quả tổ "
        "chức hội nghị đối thoại với Nhân dân {{ period_text }} như sau:"
    )
    b.heading("I. TÌNH HÌNH TỔ CHỨC")
    b.tag("{%p for p in organisation %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.tag("{%p for c in conferences %}")
    b.body(
        "{{ c.number }}. {{ c.title }} ({{ c.kind }}; {{ c.status }}), {{ c.date }}{% if c.venue %}, tại "
        "{{ c.venue }}{% endif %}; hình thức: {{ c.mode }}; đại biểu có mặt {{ c.present }}/{{ c.invited }} được "
        "mời; {{ c.exchanges }} lượt phát biểu; {{ c.petitions }} ý kiến, kiến nghị."
    )
    b.tag("{%p endfor %}")
    b.heading("II. KẾT QUẢ")
    b.tag("{%p for p in results %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.tag("{%p for p in measure_results %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.tag("{%p if sector_lines %}")
    b.body("Theo lĩnh vực:")
    b.tag("{%p for l in sector_lines %}")
    b.body("- {{ l.name }}: {{ l.count }} ý kiến{% if loop.last %}.{% else %};{% endif %}")
    b.tag("{%p endfor %}")
    b.body("(Chi tiết tại Phụ lục kèm theo.)", italic=True)
    b.tag("{%p endif %}")
    b.heading("III. ĐÁNH GIÁ")
    b.tag("{%p for p in assessment %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.heading("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    b.tag("{%p for p in proposals %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.body(
        "Trên đây là báo cáo kết quả tổ chức hội nghị đối thoại với Nhân dân {{ period_text }} của "
        "{{ committee_body }}./."
    )
    b.signature(layout)
    b.page_break()
    b.para("Phụ lục", bold=True, align="center", after=0)
    b.para("TỔNG HỢP Ý KIẾN, KIẾN NGHỊ THEO LĨNH VỰC", bold=True, align="center", after=0)
    b.para(
        "(Kèm theo Báo cáo{% if number_text %} số {{ number_text }} ngày {{ issued_on }}{% endif %} của "
        "{{ committee_body }})",
        italic=True,
        align="center",
        after=12,
    )
    b.para("1. Theo trạng thái giải quyết", bold=True, align="left")
    b.data_table(
        [
            "STT",
            "Lĩnh vực",
            "Tổng số",
            "Trả lời tại hội nghị",
            "Giải quyết sau hội nghị",
            "Đang giải quyết",
            "Đã chuyển cấp có thẩm quyền",
            "Không xử lý (có lý do)",
        ],
        [
            "{{ r.no }}",
            "{{ r.name }}",
            "{{ r.total }}",
            "{{ r.at_conference }}",
            "{{ r.resolved }}",
            "{{ r.pending }}",
            "{{ r.referred }}",
            "{{ r.refused }}",
        ],
        [10, 45, 16, 19, 19, 18, 20, 18],
        loop="r in status_rows",
        size=11,
    )
    b.para("2. Theo thẩm quyền giải quyết", bold=True, align="left", before=12)
    b.data_table(
        ["STT", "Lĩnh vực", "Tổng số", "Thẩm quyền của đơn vị", "Cấp trên", "Trung ương", "Cơ quan khác"],
        [
            "{{ r.no }}",
            "{{ r.name }}",
            "{{ r.total }}",
            "{{ r.own }}",
            "{{ r.higher }}",
            "{{ r.central }}",
            "{{ r.other }}",
        ],
        [10, 55, 18, 25, 19, 19, 19],
        loop="r in jurisdiction_rows",
        size=11,
    )
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    status_row = {
        "no": 1,
        "name": "Đất đai",
        "total": 5,
        "at_conference": 2,
        "resolved": 1,
        "pending": 1,
        "referred": 1,
        "refused": 0,
    }
    return {
        "period_text": "năm 2026",
        "committee_body": "Ủy ban nhân dân xã Điềm He",
        "organisation": ["Trong năm 2026, Ủy ban nhân dân xã tổ chức 1 hội nghị đối thoại."],
        "conferences": [
            {
                "number": 1,
                "title": "Hội nghị đối thoại năm 2026",
                "date": "ngày 05 tháng 6 năm 2026",
                "venue": "Hội trường UBND xã",
                "kind": "định kỳ",
                "status": "đã tổ chức",
                "mode": "Trực tiếp",
                "invited": 80,
                "present": 72,
                "exchanges": 12,
                "petitions": 30,
            }
        ],
        "results": ["Tổng số 30 ý kiến, kiến nghị."],
        "sector_lines": [{"name": "Đất đai", "count": 5}],
        "assessment": [PLACEHOLDER],
        "proposals": [PLACEHOLDER],
        "status_rows": [status_row],
        "jurisdiction_rows": [
            {"no": 1, "name": "Đất đai", "total": 5, "own": 3, "higher": 2, "central": 0, "other": 0}
        ],
        "total": 30,
        "measure_results": [
            "Trong kỳ, Ủy ban nhân dân xã tiếp nhận 40 ý kiến, kiến nghị (mọi kênh).",
            "Tỷ lệ trả lời đúng hạn: 85,7%.",
        ],
        "measures": {
            "received": 40,
            "at_conference": 12,
            "in_writing": 14,
            "referred": 6,
            "refused": 1,
            "pending": 7,
            "with_deadline": 20,
            "on_time": 12,
            "late": 2,
            "on_time_rate": "85,7%",
            "overdue": 1,
            "overdue_on": "31/12/2026",
            "satisfied": 9,
            "unsatisfied": 1,
            "responded": 10,
            "satisfaction_rate": "90,0%",
        },
    }


def _rate_text(part: int, whole: int) -> str:
    """'85,7%' (a decimal comma, as Vietnamese documents write it); 'chưa có số liệu' when there is no whole."""
    value = rate(part, whole)
    return percent(value, empty="chưa có số liệu")


def period_measures(unit: Any, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> dict[str, Any]:
    """The dashboard's measures (`petitions.measures`) over the petitions `unit` received from `start` to `end`
    (decision 95): one aggregate query. Overdue (and so late) is counted at the end of the period, or today
    while the period runs: still open, due before `as_of`."""
    from doithoai.petitions.models import Petition

    today = today or timezone.localdate()
    as_of = min(end + dt.timedelta(days=1), today)
    counted = [
        *ROUTES,
        *(Measure.WITH_DEADLINE, Measure.ON_TIME, Measure.LATE, Measure.OVERDUE),
        *(Measure.SATISFIED, Measure.UNSATISFIED),
    ]
    counts = Petition.objects.filter(unit=unit, received_on__gte=start, received_on__lte=end).aggregate(
        received=Count("pk"), **{m.value: Count("pk", filter=condition(m, as_of)) for m in counted}
    )
    figures: dict[str, Any] = {key: value or 0 for key, value in counts.items()}
    figures["responded"] = figures["satisfied"] + figures["unsatisfied"]
    figures["on_time_rate"] = _rate_text(figures["on_time"], figures["on_time"] + figures["late"])
    figures["satisfaction_rate"] = _rate_text(figures["satisfied"], figures["responded"])
    figures["overdue_on"] = short_date(as_of - dt.timedelta(days=1))
    return figures


def _measure_paragraphs(m: dict[str, Any], committee_body: str) -> list[str]:
    if not m["received"]:
        return [f"Trong kỳ báo cáo, {committee_body} không tiếp nhận ý kiến, kiến nghị nào của Nhân dân."]
    return [
        f"Trong kỳ báo cáo, {committee_body} tiếp nhận {m['received']} ý kiến, kiến nghị của Nhân dân (mọi kênh, "
        f"tính theo ngày tiếp nhận). Kết quả: trả lời trực tiếp tại hội nghị {m['at_conference']} ý kiến; trả lời "
        f"bằng văn bản {m['in_writing']} ý kiến; chuyển cơ quan có thẩm quyền {m['referred']} ý kiến; không xử lý "
        f"(có lý do) {m['refused']} ý kiến; đang giải quyết {m['pending']} ý kiến.",
        f"Về thời hạn: {m['with_deadline']} ý kiến có hạn xử lý; trả lời đúng hạn {m['on_time']} ý kiến, trễ hạn "
        f"{m['late']} ý kiến (tỷ lệ trả lời đúng hạn: {m['on_time_rate']}); tính đến hết ngày {m['overdue_on']} "
        f"còn {m['overdue']} ý kiến quá hạn chưa có kết quả.",
        f"Về mức độ đồng ý của người dân: {m['responded']} ý kiến có phản hồi của người dân về kết quả trả lời, "
        f"trong đó đồng ý {m['satisfied']} ý kiến, chưa đồng ý {m['unsatisfied']} ý kiến (tỷ lệ đồng ý: "
        f"{m['satisfaction_rate']}).",
    ]


def _period_text(start: dt.date, end: dt.date) -> str:
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and start.year == end.year:
        return f"năm {start.year}"
    return f"từ ngày {short_date(start)} đến ngày {short_date(end)}"


def collect(period: Any, *, progress: Any = None) -> dict[str, Any]:
    with translation.override("vi"):
        return _collect(period, progress)


def _collect(period: Any, progress: Any) -> dict[str, Any]:
    from doithoai.conferences.models import Conference, ConferenceKind, ConferenceStatus, DialogueForm
    from doithoai.delegates.models import Delegate
    from doithoai.delegates.selectors import NAMED, PRESENT
    from doithoai.live.models import Exchange
    from doithoai.petitions.models import Petition, Sector

    unit, start, end = period.unit, period.start, period.end
    if start > end:
        raise NotReady(gettext("Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc."))
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    conferences = list(
        Conference.objects.filter(unit=unit, starts_at__gte=since, starts_at__lt=until)
        .order_by("starts_at", "pk")
        .values("pk", "title", "kind", "status", "starts_at", "venue", "mode")
    )
    if not conferences:
        raise NotReady(gettext("Không có hội nghị đối thoại nào trong kỳ báo cáo."))
    ids = [c["pk"] for c in conferences]
    attendance = {
        row["conference_id"]: row
        for row in Delegate.objects.filter(conference_id__in=ids)
        .filter(NAMED)
        .values("conference_id")
        .annotate(invited=Count("pk", filter=Q(walk_in=False)), present=Count("pk", filter=PRESENT))
        .order_by()
    }
    exchanges = dict(
        Exchange.objects.filter(conference_id__in=ids)
        .values("conference_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("conference_id", "n")
    )
    petitions = Petition.objects.filter(unit=unit, conference_id__in=ids)
    per_conference = dict(
        petitions.values("conference_id").annotate(n=Count("pk")).order_by().values_list("conference_id", "n")
    )

    counted = {ConferenceStatus.HELD, ConferenceStatus.CONCLUDED}
    rows = []
    total = len(conferences)
    for index, conference in enumerate(conferences, start=1):
        if progress is not None:
            progress(index, total, "collect")
        seen: Any = attendance.get(conference["pk"], {})
        rows.append(
            {
                "number": index,
                "title": conference["title"],
                "date": document_date(timezone.localtime(conference["starts_at"]).date()),
                "venue": conference["venue"],
                "kind": str(ConferenceKind(conference["kind"]).label).lower(),
                "status": str(ConferenceStatus(conference["status"]).label).lower(),
                "mode": str(DialogueForm(conference["mode"]).label)
                if conference["mode"] in DialogueForm.values
                else "",
                "invited": seen.get("invited", 0),
                "present": seen.get("present", 0),
                "exchanges": exchanges.get(conference["pk"], 0),
                "petitions": per_conference.get(conference["pk"], 0),
            }
        )
    held = sum(1 for c in conferences if c["status"] in counted)
    cancelled = sum(1 for c in conferences if c["status"] == ConferenceStatus.CANCELLED)
    planned = total - held - cancelled
    periodic = sum(1 for c in conferences if c["kind"] == ConferenceKind.PERIODIC)
    present_total = sum(r["present"] for r in rows)
    unit_in_text = names_of(unit).full
    committee_body = f"Ủy ban nhân dân {unit_in_text}"
    period_text = _period_text(start, end)
    organisation = [
        f"Trong kỳ báo cáo, {committee_body} có {total} hội nghị đối thoại với Nhân dân (định kỳ: {periodic}; "
        f"đột xuất: {total - periodic}); đã tổ chức {held} hội nghị"
        + (f", {planned} hội nghị chưa tổ chức" if planned else "")
        + (f", {cancelled} hội nghị hủy" if cancelled else "")
        + f". Tổng số đại biểu và Nhân dân có mặt tại các hội nghị (theo điểm danh): {present_total} người."
    ]

    # Sector × jurisdiction × status, added up by the database.
    cube: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    overall: dict[str, int] = defaultdict(int)
    for sector_id, jurisdiction, status, n in (
        petitions.values_list("sector_id", "jurisdiction", "status").annotate(n=Count("pk")).order_by()
    ):
        cell = cube[sector_id or 0]
        for key in ("total", BUCKETS.get(status, "pending"), JURISDICTION_BUCKETS.get(jurisdiction, "other")):
            cell[key] += n
            overall[key] += n
    sectors = {s.pk: s for s in Sector.objects.filter(unit=unit).order_by("sort_order", "name")}
    order = [pk for pk in sectors if pk in cube] + ([0] if 0 in cube else [])
    status_rows: list[dict[str, Any]] = []
    jurisdiction_rows: list[dict[str, Any]] = []
    for number, sector_id in enumerate(order, start=1):
        name = sectors[sector_id].name if sector_id else "Chưa phân loại"
        cell = cube[sector_id]
        status_rows.append(
            {"no": number, "name": name, **{k: cell[k] for k in ("total", *sorted(set(BUCKETS.values())))}}
        )
        jurisdiction_rows.append(
            {"no": number, "name": name, **{k: cell[k] for k in ("total", "own", "higher", "central", "other")}}
        )
    if order:
        status_rows.append(
            {"no": "", "name": "Tổng cộng", **{k: overall[k] for k in ("total", *sorted(set(BUCKETS.values())))}}
        )
        jurisdiction_rows.append(
            {"no": "", "name": "Tổng cộng", **{k: overall[k] for k in ("total", "own", "higher", "central", "other")}}
        )
    n = overall["total"]
    results = [
        f"Tổng số ý kiến, kiến nghị của Nhân dân gửi đến các hội nghị: {n} ý kiến. Theo thẩm quyền giải quyết: "
        f"thuộc thẩm quyền của {unit_in_text} {overall['own']} ý kiến; thuộc thẩm quyền cấp trên {overall['higher']} "
        f"ý kiến; thuộc thẩm quyền Trung ương {overall['central']} ý kiến; thuộc cơ quan, tổ chức khác "
        f"{overall['other']} ý kiến.",
        f"Kết quả giải quyết: trả lời trực tiếp tại hội nghị {overall['at_conference']} ý kiến; giải quyết, trả lời "
        f"sau hội nghị {overall['resolved']} ý kiến; đang giải quyết {overall['pending']} ý kiến; đã chuyển cơ quan "
        f"có thẩm quyền {overall['referred']} ý kiến; không xử lý (có lý do) {overall['refused']} ý kiến.",
    ]
    if not n:
        results = ["Trong kỳ báo cáo, các hội nghị chưa ghi nhận ý kiến, kiến nghị nào của Nhân dân."]
    sector_lines = [{"name": r["name"], "count": r["total"]} for r in status_rows if r["no"] != ""]
    figures = period_measures(unit, start, end)
    assessment = [
        f"1. Ưu điểm: {PLACEHOLDER}",
        f"2. Hạn chế, tồn tại và nguyên nhân: {PLACEHOLDER}",
    ]
    proposals = []
    if overall["referred"]:
        proposals.append(
            f"Đề nghị các cơ quan có thẩm quyền sớm xem xét, trả lời {overall['referred']} ý kiến, kiến nghị của "
            f"Nhân dân {unit_in_text} đã chuyển để địa phương thông báo kết quả cho Nhân dân."
        )
    proposals.append(PLACEHOLDER)
    parent = unit.parent
    addressees = []
    if parent is not None:
        parent_in_text = names_of(parent).full
        addressees = [f"Ủy ban nhân dân {parent_in_text}", f"Sở Nội vụ {parent_in_text}"]
    return {
        "summary": f"Kết quả tổ chức hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân {unit_in_text} với Nhân dân "
        f"{period_text}",
        "period_text": period_text,
        "committee_body": committee_body,
        "organisation": organisation,
        "conferences": rows,
        "results": results,
        "sector_lines": sector_lines,
        "assessment": assessment,
        "proposals": proposals,
        "status_rows": status_rows,
        "jurisdiction_rows": jurisdiction_rows,
        "total": n,
        "measure_results": _measure_paragraphs(figures, committee_body),
        "measures": figures,
        "addressees": addressees,
        "recipients": [
            *(["Như trên"] if addressees else []),
            f"Thường trực Đảng ủy {unit_in_text}",
            f"Thường trực HĐND {unit_in_text}",
            "Lưu: VT",
        ],
    }


SPEC = KindSpec(
    kind=DocumentKind.RESULTS_REPORT,
    type_name="BÁO CÁO",
    type_abbr="BC",
    numbered=True,
    issuer=IssuerBody.COMMITTEE,
    subject="period",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    background=True,
    filename="bao-cao-ket-qua",
)
