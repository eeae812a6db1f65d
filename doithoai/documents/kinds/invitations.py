"""Giấy mời (domain-spec §8.3; NĐ 30 Mẫu 1.7, `…/GM-UBND`): one document for the conference, one page per
invited delegate, all under the one number. Each page carries the delegate's QR code to their own
invitation page (delegates' public `invitations:show`, where they answer) and the code typed out, which
the desk types at check-in when the QR cannot be scanned. A delegate's phone is never printed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.documents.kinds import KindSpec, NotReady, issuer_for
from doithoai.documents.kinds.plan import bare, signer_of, with_archive
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody, Layout
from doithoai.lib.codes import format_code
from doithoai.lib.vndates import weekday_date
from doithoai.notifications.emails import absolute_url
from doithoai.portal import display

FIELDS: dict[str, Any] = {
    "organiser": _("Cơ quan mời trong câu văn: Ủy ban nhân dân xã Điềm He"),
    "conference_title": _("Tên hội nghị (Tới dự)"),
    "chair_text": _("Chủ trì"),
    "when_text": _("Thời gian: “07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026”"),
    "venue": _("Địa điểm"),
    "notes": _("Ghi chú cuối giấy mời: danh sách dòng"),
    "delegates": _(
        "Người được mời, mỗi người một trang: d.name (họ tên), d.description (chức vụ, thôn), d.code (mã giấy "
        "mời), d.qr (mã QR tới trang trả lời giấy mời)"
    ),
}
REQUIRED = frozenset({"delegates", "conference_title", "when_text"})
PROGRESS_EVERY = 20


def invitation_url(code: str) -> str:
    """The delegate's own page, absolute: printed QR codes are read outside any request."""
    return absolute_url(reverse("invitations:show", args=[code]))


def when_text(conference: Conference) -> str:
    local = timezone.localtime(conference.starts_at)
    return f"{local:%H} giờ {local:%M}, {weekday_date(local.date())}"


def collect(conference: Conference, *, progress: Any = None) -> dict[str, Any]:
    if conference.status == ConferenceStatus.CANCELLED:
        raise NotReady(gettext("Hội nghị đã hủy; không phát hành giấy mời."))
    rows = list(
        conference.delegates.filter(walk_in=False)
        .exclude(full_name="")
        .select_related("village")
        .order_by("order", "pk")
    )
    if not rows:
        raise NotReady(gettext("Chưa có đại biểu nào có tên để in giấy mời; hãy nhập danh sách đại biểu trước."))
    issuer = issuer_for(SPEC, conference)
    with override("vi"):
        words = display.words_of(conference.unit, conference.plan.issuer)
        chairs = display.chairs_of(conference)
    delegates = []
    total = len(rows)
    for index, delegate in enumerate(rows, start=1):
        description = [bare(delegate.position or delegate.role_label)]
        if delegate.village is not None:
            description.append(delegate.village.name)
        delegates.append(
            {
                "name": " ".join(delegate.full_name.split()),
                "description": ", ".join(part for part in description if part),
                "code": format_code(delegate.code),
                "qr_url": invitation_url(delegate.code),
            }
        )
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index, total, "collect")
    title = bare(conference.title)
    return {
        "summary": f"Dự {title}",
        "organiser": words.organiser,
        "conference_title": title,
        "chair_text": "; ".join(bare(c.title) for c in chairs),
        "when_text": when_text(conference),
        "venue": bare(conference.venue),
        "notes": [
            "Kính đề nghị Ông/Bà dự đúng thời gian; khi đến xuất trình giấy mời (hoặc đọc mã giấy mời) để điểm danh",
        ],
        "delegates": delegates,
        "recipients": with_archive(["Như trên"]),
        **signer_of(conference.plan, issuer),
    }


def build_template(layout: str) -> bytes:
    b = Builder()
    b.tag("{%p for d in delegates %}")
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.body("{{ organiser }} trân trọng kính mời:", after=4)
    b.para("Ông/Bà: {{ d.name }}", bold=True, align="center", after=0)
    b.tag("{%p if d.description %}")
    b.para("{{ d.description }}", align="center", after=6)
    b.tag("{%p endif %}")
    b.body("Tới dự: {{ conference_title }}.", before=6)
    b.tag("{%p if chair_text %}")
    b.body("Chủ trì: {{ chair_text }}.")
    b.tag("{%p endif %}")
    b.body("Thời gian: {{ when_text }}.")
    b.tag("{%p if venue %}")
    b.body("Địa điểm: {{ venue }}.")
    b.tag("{%p endif %}")
    b.tag("{%p for n in notes %}")
    b.body("{{ n }}.", italic=True, size=13)
    b.tag("{%p endfor %}")
    table = b.grid([32, b.text_width_mm - 32])
    left, right = table.rows[0].cells
    b.qr("{{ d.qr }}", container=left)
    b.para("Mã giấy mời:", container=right, size=12, align="left", after=0, before=6)
    b.para("{{ d.code }}", container=right, size=16, bold=True, align="left", after=2)
    b.para(
        "Quét mã QR bằng điện thoại để xem giấy mời và trả lời có tham dự hay không.",
        container=right,
        size=12,
        italic=True,
        align="left",
        after=0,
    )
    b.signature(layout)
    b.page_break_between()
    b.tag("{%p endfor %}")
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "organiser": "Ủy ban nhân dân xã Điềm He",
        "conference_title": "Hội nghị đối thoại năm 2026",
        "chair_text": "Chủ tịch UBND xã",
        "when_text": "07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026",
        "venue": "Hội trường UBND xã",
        "notes": ["Kính đề nghị Ông/Bà dự đúng thời gian"],
        "delegates": [
            {
                "name": "Nông Văn Một",
                "description": "Cử tri, Thôn Nà Pàn",
                "code": "ABCD-EFGH",
                "qr_url": "https://doithoai.example.vn/giay-moi/ABCDEFGH/",
            }
        ],
    }


SPEC = KindSpec(
    kind=DocumentKind.INVITATIONS,
    type_name="GIẤY MỜI",
    type_abbr="GM",
    numbered=True,
    issuer=IssuerBody.COMMITTEE,
    subject="conference",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    layouts=(Layout.STATE, Layout.PARTY),
    background=True,
    filename="giay-moi",
)
