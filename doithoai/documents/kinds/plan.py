"""Kế hoạch tổ chức hội nghị đối thoại (domain-spec §8.1; NĐ 30 Mẫu 1.4, or HD 36 for a Party committee's plan).

The document says what the plan page (plans/detail.html) shows, in the same order: căn cứ, I. mục đích, yêu
cầu; II. nội dung (thời gian, địa điểm, hình thức; thành phần; nội dung; chương trình); III. kinh phí (when
the plan has any); then tổ chức thực hiện as a table of who does what by when.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from doithoai.documents.kinds import KindSpec
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody, Layout
from doithoai.lib.numbers import grouped
from doithoai.lib.vndates import short_date
from doithoai.plans.models import Issuer, Plan, QuotaKind
from doithoai.plans.presets import names_of

FIELDS: dict[str, Any] = {
    "preamble": _("Lời dẫn sau phần căn cứ"),
    "purpose_lines": _("Mục đích: danh sách các ý"),
    "requirement_lines": _("Yêu cầu: danh sách các ý"),
    "time_lines": _("Thời gian, địa điểm, hình thức: danh sách các dòng"),
    "composition_groups": _("Thành phần: danh sách nhóm, mỗi nhóm có heading (tên nhóm) và rows (các dòng)"),
    "topics": _("Nội dung đối thoại: danh sách"),
    "programme": _("Chương trình hội nghị: danh sách"),
    "minutes_line": _("Thời gian tối đa mỗi ý kiến phát biểu, ví dụ: Mỗi ý kiến phát biểu không quá 05 phút"),
    "method_lines": _("Nguyên tắc, phương pháp đối thoại: danh sách"),
    "backdrop_lines": _("Nội dung trang trí khánh tiết: danh sách dòng chữ"),
    "assignments": _("Tổ chức thực hiện: danh sách, mỗi dòng có no, duty, assignee, due"),
    "budget_lines": _("Kinh phí: danh sách dòng đã viết sẵn (nội dung, số tiền, nguồn)"),
    "budget_note": _("Kinh phí: ghi chú"),
    "closing": _("Lời kết"),
}
REQUIRED = frozenset({"purpose_lines", "topics", "assignments"})


# ---------------------------------------------------------------------------- helpers shared by the kinds


def bare(text: str) -> str:
    """A line without the punctuation it ends with: the template adds ';' or '.' itself."""
    return " ".join(str(text).split()).rstrip(" ;.,:")


def lines_of(text: str) -> list[str]:
    return [bare(line.lstrip("-–+• ")) for line in (text or "").splitlines() if line.strip()]


def with_archive(lines: list[str]) -> list[str]:
    """Nơi nhận as NĐ 30 ends it: the last line is 'Lưu: VT' (added when missing)."""
    out = [bare(line) for line in lines if bare(line)]
    if not any(line.startswith("Lưu") for line in out):
        out.append("Lưu: VT")
    return out


def party_style(authority: str, issuer: str) -> str:
    """HD 36 writes 'T/M', 'K/T' where NĐ 30 writes 'TM.', 'KT.'."""
    if issuer != IssuerBody.PARTY:
        return authority
    for state, party in (("TM. ", "T/M "), ("KT. ", "K/T "), ("TL. ", "T/L ")):
        if authority.startswith(state):
            return party + authority[len(state) :]
    return authority


def money(amount: Decimal | None) -> str:
    """'5.000.000' as Vietnamese documents write sums."""
    return grouped(amount)


def offset_text(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"Trước hội nghị {-days:02d} ngày"
    if days > 0:
        return f"Sau hội nghị {days:02d} ngày"
    return "Ngày tổ chức hội nghị"


def signer_of(plan: Plan, issuer: str) -> dict[str, str]:
    out = {}
    if plan.signing_authority:
        out["signing_authority"] = party_style(plan.signing_authority, issuer)
    if plan.signer_title:
        out["signer_title"] = plan.signer_title
    if plan.signer_name:
        out["signer_name"] = plan.signer_name
    return out


def legal_basis_lines(plan: Plan) -> list[str]:
    rows = [(row.lead.strip(), bare(row.text)) for row in plan.legal_bases.all() if row.text.strip()]
    out = []
    for index, (lead, text) in enumerate(rows):
        end = "." if index == len(rows) - 1 else ";"
        out.append(f"{lead} {text}{end}" if lead else f"{text}{end}")
    return out


# ---------------------------------------------------------------------------- the data


def _quota(kind: str, quantity: int | None, village_word: str) -> str:
    if not quantity:
        return ""
    if kind == QuotaKind.PER_VILLAGE:
        return f"{quantity:02d} người/{village_word}"
    if kind == QuotaKind.PER_COMMUNE:
        return f"{quantity:02d} người/đơn vị cấp dưới"
    return f"{quantity:02d} người"


def _time_lines(plan: Plan) -> list[str]:
    lines = []
    if plan.schedule_note:
        lines.append(f"Thời gian: {bare(plan.schedule_note)}")
    for session in plan.sessions.all():
        when = ""
        if session.planned_date:
            when = f"ngày {short_date(session.planned_date)}"
        elif session.planned_month and session.planned_month_end:
            when = f"tháng {session.planned_month}-{session.planned_month_end}/{plan.year}"
        elif session.planned_month:
            when = f"tháng {session.planned_month}/{plan.year}"
        text = session.label + (f": {when}" if when else "")
        if session.venue:
            text += f", tại {session.venue}"
        villages = [v.name for v in session.villages.all()]
        if villages:
            text += f" ({', '.join(villages)})"
        if session.note:
            text += f". {bare(session.note)}"
        lines.append(bare(text))
    if plan.venue:
        lines.append(f"Địa điểm: {bare(plan.venue)}")
    with override("vi"):
        form = str(plan.get_form_display())
    lines.append(f"Hình thức: {form}" + (f" ({bare(plan.form_note)})" if plan.form_note else ""))
    if plan.min_attendance and plan.max_attendance:
        lines.append(f"Số lượng đại biểu: từ {plan.min_attendance} đến {plan.max_attendance} người")
    elif plan.min_attendance or plan.max_attendance:
        lines.append(f"Số lượng đại biểu: khoảng {plan.min_attendance or plan.max_attendance} người")
    if plan.units_below_deadline:
        lines.append(
            f"Các đơn vị cấp dưới tổ chức xong hội nghị đối thoại trước ngày {short_date(plan.units_below_deadline)}"
        )
    if plan.forward_issues_to:
        lines.append(f"Kiến nghị vượt thẩm quyền cấp dưới gửi về: {bare(plan.forward_issues_to)}")
    return lines


def _composition(plan: Plan) -> list[dict[str, Any]]:
    village_word = names_of(plan.unit).village_word
    groups: list[dict[str, Any]] = []
    for rule in plan.composition.all():
        heading = bare(rule.group)
        if rule.for_units_below:
            heading = "Hội nghị của đơn vị cấp dưới" + (f" – {heading}" if heading else "")
        line = bare(rule.role_label)
        quota = _quota(rule.kind, rule.quantity, village_word)
        if quota:
            line += f": {quota}"
        if rule.description:
            line += f" ({bare(rule.description)})"
        if groups and groups[-1]["heading"] == heading:
            groups[-1]["rows"].append(line)
        else:
            groups.append({"heading": heading, "rows": [line]})
    return groups


def _assignments(plan: Plan) -> list[dict[str, Any]]:
    rows = []
    for index, assignment in enumerate(plan.assignments.all(), start=1):
        if assignment.due_date:
            due = short_date(assignment.due_date)
        elif assignment.due_rule:
            due = bare(assignment.due_rule)
            due = due[:1].upper() + due[1:]
        else:
            due = offset_text(assignment.due_offset_days)
        rows.append(
            {"no": index, "duty": bare(assignment.duty), "assignee": bare(assignment.assignee_text), "due": due}
        )
    return rows


def _budget(plan: Plan) -> list[str]:
    lines = []
    for line in plan.budget_lines.all():
        text = bare(line.item)
        if line.amount is not None:
            text += f": {money(line.amount)} đồng"
        if line.source:
            text += f" (nguồn: {bare(line.source)})"
        lines.append(text)
    return lines


def collect(plan: Plan, *, progress: Any = None) -> dict[str, Any]:
    issuer = IssuerBody.PARTY if plan.issuer == Issuer.PARTY else IssuerBody.COMMITTEE
    return {
        "summary": bare(plan.title),
        "legal_bases": legal_basis_lines(plan),
        "preamble": " ".join(plan.preamble.split()),
        "purpose_lines": lines_of(plan.purpose),
        "requirement_lines": lines_of(plan.requirements),
        "time_lines": _time_lines(plan),
        "composition_groups": _composition(plan),
        "topics": [bare(t.text) for t in plan.topics.all()],
        "programme": [bare(p.text) for p in plan.programme.all()],
        "minutes_line": (
            f"Mỗi ý kiến phát biểu không quá {plan.minutes_per_question:02d} phút" if plan.minutes_per_question else ""
        ),
        "method_lines": lines_of(plan.method),
        "backdrop_lines": [line.strip() for line in plan.backdrop_text.splitlines() if line.strip()],
        "assignments": _assignments(plan),
        "budget_lines": _budget(plan),
        "budget_note": " ".join(plan.budget_note.split()),
        "closing": " ".join(plan.closing.split()),
        "recipients": with_archive([r.text for r in plan.recipients.all()]),
        **signer_of(plan, issuer),
    }


# ---------------------------------------------------------------------------- the built-in template


def list_block(b: Builder, loop: str, text: str, *, end: str = ";", last: str = ".") -> None:
    """'- item;' lines, the last ending with '.'."""
    b.tag(f"{{%p for {loop} %}}")
    b.body(f"{text}{{% if loop.last %}}{last}{{% else %}}{end}{{% endif %}}")
    b.tag("{%p endfor %}")


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.legal_bases()
    b.tag("{%p if preamble %}")
    b.body("{{ preamble }}")
    b.tag("{%p endif %}")

    b.heading("I. MỤC ĐÍCH, YÊU CẦU")
    b.heading("1. Mục đích", bold=True)
    list_block(b, "line in purpose_lines", "- {{ line }}")
    b.heading("2. Yêu cầu")
    list_block(b, "line in requirement_lines", "- {{ line }}")

    b.heading("II. NỘI DUNG")
    b.heading("1. Thời gian, địa điểm, hình thức")
    list_block(b, "line in time_lines", "- {{ line }}")
    b.heading("2. Thành phần")
    b.tag("{%p for g in composition_groups %}")
    b.tag("{%p if g.heading %}")
    b.body("{{ g.heading }}:", italic=True, keep_with_next=True)
    b.tag("{%p endif %}")
    b.tag("{%p for r in g.rows %}")
    b.body("- {{ r }}{% if loop.last %}.{% else %};{% endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endfor %}")
    b.heading("3. Nội dung đối thoại")
    list_block(b, "t in topics", "- {{ t }}")
    b.heading("4. Chương trình hội nghị")
    list_block(b, "p in programme", "- {{ p }}")
    b.tag("{%p if minutes_line %}")
    b.body("{{ minutes_line }}.", italic=True)
    b.tag("{%p endif %}")
    b.tag("{%p if method_lines %}")
    b.heading("5. Nguyên tắc, phương pháp đối thoại")
    list_block(b, "line in method_lines", "- {{ line }}")
    b.tag("{%p endif %}")
    b.tag("{%p if backdrop_lines %}")
    b.heading("{% if method_lines %}6{% else %}5{% endif %}. Nội dung trang trí khánh tiết")
    b.tag("{%p for line in backdrop_lines %}")
    b.para("{{ line }}", bold=True, align="center", after=0)
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")

    b.tag("{%p if budget_lines or budget_note %}")
    b.heading("III. KINH PHÍ THỰC HIỆN", before=6)
    list_block(b, "line in budget_lines", "- {{ line }}")
    b.tag("{%p if budget_note %}")
    b.body("{{ budget_note }}")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")

    b.heading("{% if budget_lines or budget_note %}IV{% else %}III{% endif %}. TỔ CHỨC THỰC HIỆN", before=6)
    b.data_table(
        ["STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian"],
        ["{{ a.no }}", "{{ a.duty }}", "{{ a.assignee }}", "{{ a.due }}"],
        [12, 83, 42, 28],
        loop="a in assignments",
    )
    b.tag("{%p if closing %}")
    b.body("{{ closing }}", before=6)
    b.tag("{%p endif %}")
    b.signature(layout)
    return b.save()


# ---------------------------------------------------------------------------- the sample


def sample(layout: str) -> dict[str, Any]:
    return {
        "preamble": "Ủy ban nhân dân xã Điềm He ban hành Kế hoạch tổ chức Hội nghị đối thoại năm 2026 như sau:",
        "purpose_lines": ["Kịp thời nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của Nhân dân"],
        "requirement_lines": ["Đối thoại được tiến hành công khai, dân chủ, thẳng thắn, đúng trọng tâm"],
        "time_lines": ["Thời gian: tháng 6/2026", "Địa điểm: Nhà Văn hóa xã Điềm He", "Hình thức: Đối thoại trực tiếp"],
        "composition_groups": [
            {"heading": "Đại biểu thôn", "rows": ["Trưởng các thôn: 01 người/thôn", "Đại diện Nhân dân: 03 người/thôn"]}
        ],
        "topics": ["Tình hình phát triển kinh tế - xã hội của xã"],
        "programme": ["Tuyên bố lý do, giới thiệu đại biểu", "Tiến hành đối thoại với Nhân dân"],
        "minutes_line": "Mỗi ý kiến phát biểu không quá 05 phút",
        "method_lines": ["Đối thoại theo từng vấn đề, chủ đề"],
        "backdrop_lines": ["HỘI NGHỊ ĐỐI THOẠI NĂM 2026"],
        "assignments": [
            {
                "no": 1,
                "duty": "Chuẩn bị chương trình, giấy mời, thông báo",
                "assignee": "Văn phòng HĐND và UBND xã",
                "due": "29/5/2026",
            }
        ],
        "budget_lines": ["Tổ chức Hội nghị đối thoại: 5.000.000 đồng (nguồn: ngân sách xã năm 2026)"],
        "budget_note": "Giao Kế toán tham mưu bố trí kinh phí đúng quy định.",
        "closing": "Trên đây là Kế hoạch tổ chức Hội nghị đối thoại năm 2026./.",
    }


SPEC = KindSpec(
    kind=DocumentKind.PLAN,
    type_name="KẾ HOẠCH",
    type_abbr="KH",
    numbered=True,
    issuer=IssuerBody.COMMITTEE,
    subject="plan",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    layouts=(Layout.STATE, Layout.PARTY),
    filename="ke-hoach",
)
