"""Biên bản hội nghị (NĐ 30 Mẫu 1.9; domain-spec §8.6), printed from the frozen snapshot of the minutes
(live.models.Minutes.content), never from the live data: what the secretary and the chair signed in the
app is what the paper says, and its SHA-256 is printed at the foot so the two can be matched.

The snapshot's structure is the one the live room's page and print view read (live.selectors.minutes):
speakers are named as the minutes record them (an internal record kept by the Committee, not published).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.documents.kinds import KindSpec, NotReady
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody

FIELDS: dict[str, Any] = {
    "started_text": _("Thời gian bắt đầu: 07 giờ 40 phút, ngày 05 tháng 6 năm 2026"),
    "venue": _("Địa điểm"),
    "attendance": _(
        "Thành phần tham dự: attendance.invited, attendance.present, attendance.walk_ins, "
        "attendance.by_village (label, invited, present), attendance.by_group (label, invited, present)"
    ),
    "participants_text": _("Ghi thêm về thành phần tham dự (thư ký nhập)"),
    "chair_line": _("Chủ trì (chủ tọa) và đồng chủ trì"),
    "chair_name": _("Họ tên chủ tọa"),
    "secretary_name": _("Họ tên thư ký"),
    "agenda": _(
        "Nội dung theo diễn biến: item.number, item.title, item.presenter, item.time_text, item.text, "
        "item.with_exchanges (bảng ý kiến đặt sau mục này)"
    ),
    "exchanges": _(
        "Bảng ý kiến phát biểu: e.number, e.asker, e.duration, e.question, e.answered_by, e.answer, "
        "e.conclusion, e.assignment, e.note"
    ),
    "exchanges_at_end": _("Đúng khi bảng ý kiến phát biểu đặt sau toàn bộ chương trình"),
    "closing_text": _("Kết luận của chủ trì hội nghị (thư ký nhập)"),
    "ended_text": _("Hội nghị kết thúc vào: 11 giờ 15 phút, ngày 05 tháng 6 năm 2026"),
    "content_hash": _("Mã kiểm tra nội dung (SHA-256 của biên bản đã chốt)"),
}
REQUIRED = frozenset({"exchanges", "content_hash", "secretary_name"})

HEADERS = [
    "STT",
    "Người phát biểu (họ tên, thôn)",
    "Thời lượng",
    "Nội dung ý kiến",
    "Người trả lời",
    "Nội dung trả lời",
    "Kết luận của chủ trì",
    "Giao xử lý / thời hạn",
]
CELLS = [
    "{{ e.number }}",
    "{{ e.asker }}",
    "{{ e.duration }}",
    "{{ e.question }}",
    "{{ e.answered_by }}",
    "{{ e.answer }}",
    "{{ e.conclusion }}",
    "{{ e.assignment }}",
]
WIDTHS: list[float] = [9, 24, 15, 27, 20, 27, 25, 18]


def _exchange_table(b: Builder) -> None:
    b.tag("{%p if exchanges %}")
    b.body("Các ý kiến phát biểu và trả lời tại hội nghị:", keep_with_next=True)
    b.data_table(HEADERS, CELLS, WIDTHS, loop="e in exchanges", size=10)
    b.tag("{%p for e in exchanges %}")
    b.tag("{%p if e.note %}")
    b.body("Ghi chú lượt {{ e.number }}: {{ e.note }}", italic=True, size=13)
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.body("Không có lượt đối thoại nào được ghi.")
    b.tag("{%p endif %}")


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.body("Thời gian bắt đầu: {{ started_text }}.")
    b.body("Địa điểm: {{ venue }}.")
    b.body(
        "Thành phần tham dự: đại biểu được mời {{ attendance.invited }} người, có mặt {{ attendance.present }} "
        "người{% if attendance.walk_ins %} (trong đó {{ attendance.walk_ins }} người đến dự không có giấy mời)"
        "{% endif %}."
    )
    b.tag("{%p if attendance.by_village %}")
    b.data_table(
        ["Thôn, tổ dân phố", "Được mời", "Có mặt"],
        ["{{ v.label }}", "{{ v.invited }}", "{{ v.present }}"],
        [70, 25, 25],
        loop="v in attendance.by_village",
        size=11,
    )
    b.tag("{%p endif %}")
    b.tag("{%p if participants_text %}")
    b.body("{{ participants_text }}")
    b.tag("{%p endif %}")
    b.body("Chủ trì (chủ tọa): {{ chair_line }}.")
    b.body("Thư ký (người ghi biên bản): {{ secretary_name }}.")
    b.heading("Nội dung (theo diễn biến hội nghị):", indent=True)
    b.tag("{%p for item in agenda %}")
    b.body(
        "{{ item.number }}. {{ item.title }}{% if item.presenter %} – {{ item.presenter }}{% endif %} "
        "({{ item.time_text }})",
        bold=True,
    )
    b.tag("{%p if item.text %}")
    b.body("{{ item.text }}")
    b.tag("{%p endif %}")
    b.tag("{%p if item.with_exchanges %}")
    _exchange_table(b)
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p if exchanges_at_end %}")
    _exchange_table(b)
    b.tag("{%p endif %}")
    b.heading("Kết luận của chủ trì hội nghị:", before=6)
    b.body("{{ closing_text }}")
    b.body("Hội nghị kết thúc vào {{ ended_text }}./.")
    b.two_signatures("THƯ KÝ", "{{ secretary_name }}", "{{ signer_title }}", "{{ signer_name }}")
    b.recipients_block()
    b.para("Mã kiểm tra nội dung: {{ content_hash }}", size=9, align="left", before=12, after=0)
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "started_text": "07 giờ 40 phút, ngày 05 tháng 6 năm 2026",
        "venue": "Hội trường UBND xã",
        "attendance": {
            "invited": 80,
            "present": 72,
            "walk_ins": 3,
            "by_village": [{"label": "Thôn Nà Pàn", "invited": 40, "present": 37}],
            "by_group": [{"label": "Cử tri", "invited": 60, "present": 55}],
        },
        "participants_text": "Có đại diện Công an xã.",
        "chair_line": "Hoàng Văn Nam, Chủ tịch UBND xã",
        "chair_name": "Hoàng Văn Nam",
        "secretary_name": "Lý Thị Thư",
        "agenda": [
            {
                "number": 1,
                "title": "Đối thoại với Nhân dân",
                "presenter": "",
                "time_text": "thời gian 1 giờ 35 phút, dự kiến 90 phút",
                "text": "Chủ trì điều hành phần đối thoại.",
                "with_exchanges": True,
            }
        ],
        "exchanges": [
            {
                "number": 1,
                "asker": "Cử tri (Thôn Nà Pàn)",
                "duration": "4 phút 12 giây",
                "question": "Đề nghị sửa đường liên thôn.",
                "answered_by": "Chủ tịch UBND xã",
                "answer": "Xã sẽ kiểm tra hiện trạng.",
                "conclusion": "Trả lời bằng văn bản: giao Phòng Kinh tế kiểm tra.",
                "assignment": "Phòng Kinh tế, hạn 19/6/2026",
                "note": "",
            }
        ],
        "exchanges_at_end": False,
        "closing_text": "Chủ trì kết luận: giao các phòng chuyên môn trả lời bằng văn bản.",
        "ended_text": "11 giờ 15 phút, ngày 05 tháng 6 năm 2026",
        "content_hash": "0" * 64,
    }


def _clock(text: str) -> str:
    """'07 giờ 40, ngày …' (the snapshot) → '07 giờ 40 phút, ngày …' (Mẫu 1.9's wording); '' stays a blank."""
    if not text:
        return "… giờ … phút, ngày … tháng … năm …"
    hour_minute, sep, day = text.partition(", ")
    return f"{hour_minute} phút{sep}{day}" if sep else text


def not_ready(conference: Any) -> str:
    from doithoai.live.models import Minutes, MinutesStatus

    minutes = Minutes.objects.filter(conference=conference).only("status", "content_hash").first()
    if minutes is None or minutes.status == MinutesStatus.DRAFT or not minutes.content_hash:
        return gettext(
            "Biên bản chưa hoàn thành: thư ký hoàn thành biên bản trên trang Biên bản của hội nghị rồi mới tạo văn bản."
        )
    return ""


def collect(conference: Any, *, progress: Any = None) -> dict[str, Any]:
    from doithoai.live.models import Minutes

    problem = not_ready(conference)
    if problem:
        raise NotReady(problem)
    minutes = Minutes.objects.get(conference=conference)
    content: dict[str, Any] = minutes.content or {}
    sections: dict[str, str] = content.get("sections", {})
    after = content.get("exchanges_after")
    agenda = [
        {
            "number": number,
            "title": item["title"],
            "presenter": item.get("presenter", ""),
            "time_text": (
                f"thời gian {item['used_text']}, dự kiến {item['planned_text']}"
                if item.get("held")
                else f"chưa thực hiện, dự kiến {item['planned_text']}"
            ),
            "text": sections.get(item["key"], ""),
            "with_exchanges": item["id"] == after,
        }
        for number, item in enumerate(content.get("agenda", []), start=1)
    ]
    exchanges = [
        {
            "number": row["number"],
            "asker": row.get("asker") or "—",
            "duration": row.get("seconds_text") or "—",
            "question": row["question"]
            + (f" (ý kiến {', '.join(row['petition_codes'])})" if row.get("petition_codes") else ""),
            "answered_by": row.get("answered_by") or "—",
            "answer": row.get("answer") or "—",
            "conclusion": row.get("conclusion") or "Chưa kết luận",
            "assignment": row.get("assignment") or "—",
            "note": sections.get(row["key"], ""),
        }
        for row in content.get("exchanges", [])
    ]
    chair = content.get("chair_name") or ""
    co_chairs = [name for name in (content.get("council_name"), content.get("front_name")) if name]
    chair_line = (chair or "…") + (f"; đồng chủ trì: {', '.join(co_chairs)}" if co_chairs else "")
    attendance = content.get("attendance", {})
    return {
        "summary": content.get("title") or conference.title,
        "started_text": _clock(content.get("started_text", "")),
        "venue": content.get("venue") or "…",
        "attendance": {
            "invited": attendance.get("invited", 0),
            "present": attendance.get("present", 0),
            "walk_ins": attendance.get("walk_ins", 0),
            "by_village": attendance.get("by_village", []),
            "by_group": attendance.get("by_group", []),
        },
        "participants_text": sections.get("participants", ""),
        "chair_line": chair_line,
        "chair_name": chair,
        "secretary_name": content.get("secretary_name") or "",
        "agenda": agenda,
        "exchanges": exchanges,
        "exchanges_at_end": after is None,
        "closing_text": sections.get("closing", "") or "…",
        "ended_text": _clock(content.get("ended_text", "")),
        "content_hash": minutes.content_hash,
        # Mẫu 1.9: the chair signs on the right, under "CHỦ TỌA", with no authority line.
        "signing_authority": "",
        "signer_title": "CHỦ TỌA",
        "signer_name": chair,
        "recipients": ["Lưu: VT, Hồ sơ"],
    }


SPEC = KindSpec(
    ready=not_ready,
    kind=DocumentKind.MINUTES,
    type_name="BIÊN BẢN",
    type_abbr="BB",
    numbered=True,
    issuer=IssuerBody.COMMITTEE,
    subject="conference",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    filename="bien-ban",
)
