"""Báo cáo tổng hợp ý kiến, kiến nghị (domain-spec §8.5): the Front's standing committee reports to the
Committee, before the conference, what the people sent and from where.

The counts are the Front's summary page's (petitions.selectors.summary.front_summary), so the report and
the page cannot disagree; the table is one query over the conference's petitions, a group's petitions
shown once with their number. Villages only, never a submitter's name or phone: the report leaves the
Front for the Committee, and names are personal data.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.documents.kinds import KindSpec, NotReady
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody
from doithoai.lib.vndates import document_date
from doithoai.petitions.models import Jurisdiction, Kind, PetitionStatus
from doithoai.petitions.selectors.summary import front_summary, petitions_of_conference
from doithoai.plans.presets import names_of

FIELDS: dict[str, Any] = {
    "conference_title": _("Tên hội nghị"),
    "conference_date": _("Ngày hội nghị: ngày 05 tháng 6 năm 2026"),
    "front_body": _("Tên Ban Thường trực: Ban Thường trực Ủy ban MTTQ Việt Nam xã Điềm He"),
    "committee_body": _("Tên Ủy ban nhân dân nhận báo cáo: Ủy ban nhân dân xã Điềm He"),
    "total": _("Tổng số ý kiến, kiến nghị nhận được"),
    "by_village": _("Danh sách theo thôn, tổ dân phố: v.name, v.count"),
    "villages_without": _("Các thôn, tổ dân phố chưa có ý kiến (danh sách tên)"),
    "by_channel": _("Danh sách theo kênh tiếp nhận: c.label, c.count"),
    "sectors": _("Danh sách theo lĩnh vực: s.name, s.count (số ý kiến), s.matters (số nội dung)"),
    "rows": _(
        "Bảng tổng hợp, mỗi dòng một nội dung (nhóm cùng nội dung tính một lần): r.no, r.sector, r.text, "
        "r.villages, r.count, r.kind, r.jurisdiction, r.department, r.note"
    ),
    "refused_count": _("Số ý kiến không xử lý (có lý do), không đưa vào bảng"),
    "proposals": _("Các đề xuất, kiến nghị của Ban Thường trực (mỗi mục một đoạn)"),
}
REQUIRED = frozenset({"rows", "total"})

# What the table's "Thẩm quyền" column says (domain-spec §8.5: xã/tỉnh/TW/khác).
JURISDICTION_SHORT = {
    Jurisdiction.HIGHER_LEVEL: "Cấp trên",
    Jurisdiction.CENTRAL: "Trung ương",
    Jurisdiction.PARTY: "Cấp ủy Đảng",
    Jurisdiction.FRONT: "MTTQ, đoàn thể",
    Jurisdiction.OTHER_BODY: "Cơ quan, doanh nghiệp khác",
}
ANSWERED = {PetitionStatus.ANSWERED_AT_CONFERENCE, PetitionStatus.RESOLVED, PetitionStatus.NOTIFIED}


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.recipient_line()
    b.body(
        "Thực hiện Kế hoạch tổ chức {{ conference_title }}, {{ front_body }} đã phối hợp với Ủy ban nhân dân, "
        "các thôn, tổ dân phố tổ chức lấy ý kiến, kiến nghị của Nhân dân. Kết quả tổng hợp như sau:"
    )
    b.heading("I. KẾT QUẢ TỔ CHỨC LẤY Ý KIẾN")
    b.body(
        "Tổng số ý kiến, kiến nghị nhận được gửi {{ conference_title }} (dự kiến tổ chức {{ conference_date }}): "
        "{{ total }} ý kiến."
    )
    b.body("1. Theo thôn, tổ dân phố:")
    b.tag("{%p for v in by_village %}")
    b.body("- {{ v.name }}: {{ v.count }} ý kiến{% if loop.last %}.{% else %};{% endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p if villages_without %}")
    b.body("Chưa nhận được ý kiến từ: {{ villages_without|join(', ') }}.")
    b.tag("{%p endif %}")
    b.body("2. Theo kênh tiếp nhận:")
    b.tag("{%p for c in by_channel %}")
    b.body("- {{ c.label }}: {{ c.count }} ý kiến{% if loop.last %}.{% else %};{% endif %}")
    b.tag("{%p endfor %}")
    b.heading("II. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ")
    b.body("Các ý kiến, kiến nghị của Nhân dân tập trung vào các lĩnh vực sau:")
    b.tag("{%p for s in sectors %}")
    b.body("{{ loop.index }}. Lĩnh vực {{ s.name }}: {{ s.count }} ý kiến, gồm {{ s.matters }} nội dung.")
    b.tag("{%p endfor %}")
    b.tag("{%p if refused_count %}")
    b.body("Có {{ refused_count }} ý kiến không đủ điều kiện xử lý (đã ghi rõ lý do) không đưa vào bảng tổng hợp.")
    b.tag("{%p endif %}")
    b.body(
        "Nội dung cụ thể (các ý kiến trùng lặp đã được gộp, ghi số lượt) như sau:",
        keep_with_next=True,
    )
    b.data_table(
        [
            "STT",
            "Lĩnh vực",
            "Nội dung ý kiến, kiến nghị (tóm tắt)",
            "Thôn/TDP",
            "Số lượt",
            "Tính chất",
            "Thẩm quyền",
            "Cơ quan đề xuất trả lời",
            "Ghi chú",
        ],
        [
            "{{ r.no }}",
            "{{ r.sector }}",
            "{{ r.text }}",
            "{{ r.villages }}",
            "{{ r.count }}",
            "{{ r.kind }}",
            "{{ r.jurisdiction }}",
            "{{ r.department }}",
            "{{ r.note }}",
        ],
        [9, 19, 42, 18, 11, 15, 17, 20, 14],
        loop="r in rows",
        size=10,
    )
    b.heading("III. ĐỀ XUẤT, KIẾN NGHỊ", before=6)
    b.tag("{%p for p in proposals %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.body(
        "Trên đây là báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân gửi {{ conference_title }}, "
        "{{ front_body }} kính gửi {{ committee_body }} xem xét, chuẩn bị nội dung trả lời tại hội nghị./."
    )
    b.signature(layout)
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "conference_title": "Hội nghị đối thoại năm 2026",
        "conference_date": "ngày 05 tháng 6 năm 2026",
        "front_body": "Ban Thường trực Ủy ban MTTQ Việt Nam xã Điềm He",
        "committee_body": "Ủy ban nhân dân xã Điềm He",
        "total": 12,
        "by_village": [{"name": "Thôn Nà Pàn", "count": 7}, {"name": "Thôn Bản Châu", "count": 5}],
        "villages_without": ["Thôn Khòn Khe"],
        "by_channel": [{"label": "Phiếu lấy ý kiến (giấy)", "count": 10}, {"label": "Gửi trực tuyến", "count": 2}],
        "sectors": [{"name": "Xây dựng, giao thông, hạ tầng", "count": 8, "matters": 3}],
        "rows": [
            {
                "no": 1,
                "sector": "Xây dựng, giao thông, hạ tầng",
                "text": "Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở",
                "villages": "Thôn Nà Pàn",
                "count": 2,
                "kind": "Kiến nghị",
                "jurisdiction": "Xã",
                "department": "Phòng Kinh tế",
                "note": "Gộp 2 ý kiến cùng nội dung",
            }
        ],
        "refused_count": 0,
        "proposals": ["Đề nghị Ủy ban nhân dân xã chỉ đạo các cơ quan chuyên môn chuẩn bị nội dung trả lời."],
    }


def _rows(conference: Any) -> tuple[list[dict[str, Any]], dict[int, int], int, int]:
    """The table (one row per matter, in the unit's sector order), the number of matters per sector, the
    number of refused petitions and of matters beyond the unit's competence. One query."""
    values = (
        petitions_of_conference(conference)
        .order_by("sector__sort_order", "sector__name", "village__sort_order", "pk")
        .values(
            "pk",
            "text",
            "status",
            "kind",
            "jurisdiction",
            "group_id",
            "group__title",
            "sector_id",
            "sector__name",
            "sector__department__name",
            "assigned_department__name",
            "village__name",
        )
    )
    matters: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
    refused = 0
    for row in values:
        if row["status"] == PetitionStatus.REFUSED:
            refused += 1
            continue
        key = ("g", row["group_id"]) if row["group_id"] else ("p", row["pk"])
        matter = matters.get(key)
        if matter is None:
            matter = matters[key] = {"first": row, "villages": [], "count": 0, "statuses": set()}
        matter["count"] += 1
        matter["statuses"].add(row["status"])
        if row["village__name"] and row["village__name"] not in matter["villages"]:
            matter["villages"].append(row["village__name"])
    rows = []
    per_sector: dict[int, int] = {}
    beyond = 0
    level = names_of(conference.unit).kind.capitalize()  # "Xã": this unit, in the table's "Thẩm quyền"
    for number, matter in enumerate(matters.values(), start=1):
        first = matter["first"]
        per_sector[first["sector_id"] or 0] = per_sector.get(first["sector_id"] or 0, 0) + 1
        if first["jurisdiction"] != Jurisdiction.THIS_UNIT:
            beyond += 1
        notes = []
        if first["group_id"] and matter["count"] > 1:
            notes.append(f"Gộp {matter['count']} ý kiến cùng nội dung")
        if matter["statuses"] <= ANSWERED:
            notes.append("Đã trả lời")
        elif PetitionStatus.REFERRED in matter["statuses"]:
            notes.append("Đã chuyển cơ quan có thẩm quyền")
        rows.append(
            {
                "no": number,
                "sector": first["sector__name"] or "Chưa phân loại",
                "text": first["group__title"] if first["group_id"] else first["text"],
                "villages": ", ".join(matter["villages"]) or "Không rõ thôn",
                "count": matter["count"],
                "kind": str(Kind(first["kind"]).label) if first["kind"] in Kind.values else "",
                "jurisdiction": level
                if first["jurisdiction"] == Jurisdiction.THIS_UNIT
                else JURISDICTION_SHORT.get(first["jurisdiction"], ""),
                "department": first["assigned_department__name"] or first["sector__department__name"] or "",
                "note": "; ".join(notes),
            }
        )
    return rows, per_sector, refused, beyond


def collect(conference: Any, *, progress: Any = None) -> dict[str, Any]:
    # Labels (channels, kinds) come from gettext: the document is Vietnamese whoever makes it.
    with translation.override("vi"):
        return _collect(conference)


def _collect(conference: Any) -> dict[str, Any]:
    unit = conference.unit
    summary = front_summary(conference)
    if not summary.total.count:
        raise NotReady(gettext("Hội nghị chưa có ý kiến, kiến nghị nào để tổng hợp."))
    rows, per_sector, refused, beyond = _rows(conference)
    unit_in_text = names_of(unit).full
    committee_body = f"Ủy ban nhân dân {unit_in_text}"
    by_village = [
        {"name": village.name if village is not None else "Không thuộc thôn, tổ dân phố nào", "count": tally.count}
        for village, tally in zip(summary.columns, summary.column_totals, strict=True)
        if tally.count
    ]
    sectors = [
        {
            "name": row.sector.name if row.sector is not None else "Chưa phân loại",
            "count": row.total.count,
            "matters": per_sector.get(row.sector.pk if row.sector is not None else 0, 0),
        }
        for row in summary.rows
    ]
    proposals = [
        f"Đề nghị {committee_body} chỉ đạo các cơ quan chuyên môn nghiên cứu, chuẩn bị nội dung trả lời các ý "
        "kiến, kiến nghị thuộc thẩm quyền tại hội nghị; những nội dung chưa trả lời được tại hội nghị thì trả lời "
        "bằng văn bản và thông báo cho Nhân dân biết."
    ]
    if beyond:
        proposals.append(
            f"Đối với {beyond} nội dung không thuộc thẩm quyền của {unit_in_text}, đề nghị {committee_body} tổng "
            "hợp, chuyển đến cơ quan có thẩm quyền xem xét, giải quyết và thông báo kết quả cho Nhân dân."
        )
    proposals.append(
        "Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tiếp tục giám sát việc giải quyết, trả lời các ý "
        "kiến, kiến nghị của Nhân dân sau hội nghị."
    )
    return {
        "summary": f"Tổng hợp ý kiến, kiến nghị của Nhân dân gửi {conference.title}",
        "conference_title": conference.title,
        "conference_date": document_date(timezone.localtime(conference.starts_at).date()),
        "front_body": f"Ban Thường trực Ủy ban MTTQ Việt Nam {unit_in_text}",
        "committee_body": committee_body,
        "total": summary.total.count,
        "by_village": by_village,
        "villages_without": [v.name for v in summary.villages_without],
        "by_channel": [{"label": t.label, "count": t.count} for t in summary.by_channel],
        "sectors": sectors,
        "rows": rows,
        "refused_count": refused,
        "proposals": proposals,
        "addressees": [committee_body],
        "signer_name": conference.front_name or "",
        "recipients": [
            "Như trên",
            f"Thường trực Đảng ủy {unit_in_text}",
            f"Thường trực HĐND {unit_in_text}",
            "Lưu: VT",
        ],
    }


SPEC = KindSpec(
    kind=DocumentKind.SUMMARY_REPORT,
    type_name="BÁO CÁO",
    type_abbr="BC",
    numbered=True,
    issuer=IssuerBody.FRONT,
    subject="conference",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    filename="bao-cao-tong-hop",
)
