"""Kịch bản phát thanh: the portal's radio script (portal.radio.script, the same words read on the loudspeaker
and downloaded from the portal) laid out on paper for the announcer. Not numbered, never registered."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.documents.kinds import KindSpec, issuer_for
from doithoai.documents.kinds.plan import bare, signer_of, with_archive
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody, Layout
from doithoai.portal import radio

FIELDS: dict[str, Any] = {
    "heading_lines": _("Dòng tiêu đề của bản tin (THÔNG BÁO / Về việc …)"),
    "paragraphs": _("Các đoạn của kịch bản, đọc lần lượt"),
    "words": _("Số từ của kịch bản"),
    "minutes": _("Thời lượng đọc (phút)"),
}
REQUIRED = frozenset({"paragraphs"})


def collect(conference: Conference, *, progress: Any = None) -> dict[str, Any]:
    text = radio.script(conference, timezone.localdate())
    blocks = [block.splitlines() for block in text.strip().split("\n\n") if block.strip()]
    heading = blocks[0] if blocks else []
    paragraphs = [line for block in blocks[1:] for line in block if line.strip()]
    title = bare(conference.title)
    return {
        "summary": f"Thông báo tổ chức {title}",
        "heading_lines": heading,
        "paragraphs": paragraphs,
        "words": len(text.split()),
        "minutes": radio.reading_minutes(text),
        "recipients": with_archive(["Đài truyền thanh", "Trưởng các thôn, tổ dân phố (để phát trên loa)"]),
        **signer_of(conference.plan, issuer_for(SPEC, conference)),
    }


def build_template(layout: str) -> bytes:
    b = Builder()
    b.header(layout)
    b.title(layout)
    b.para(
        "(Thời lượng đọc khoảng {{ minutes }} phút, {{ words }} từ)",
        italic=True,
        size=13,
        align="center",
        after=12,
    )
    b.tag("{%p for line in heading_lines %}")
    b.para("{{ line }}", bold=True, align="center", after=0, keep_with_next=True)
    b.tag("{%p endfor %}")
    b.para("", after=6)
    b.tag("{%p for p in paragraphs %}")
    b.body("{{ p }}", after=8)
    b.tag("{%p endfor %}")
    b.signature(layout)
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "heading_lines": ["THÔNG BÁO", "Về việc tổ chức Hội nghị đối thoại năm 2026"],
        "paragraphs": [
            "Kính thưa bà con Nhân dân xã Điềm He!",
            "Ủy ban nhân dân xã Điềm He tổ chức Hội nghị đối thoại năm 2026 vào lúc bảy giờ ba mươi phút.",
        ],
        "words": 180,
        "minutes": 2,
    }


SPEC = KindSpec(
    kind=DocumentKind.RADIO_SCRIPT,
    type_name="KỊCH BẢN PHÁT THANH",
    type_abbr="",
    numbered=False,
    issuer=IssuerBody.COMMITTEE,
    subject="conference",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    layouts=(Layout.STATE, Layout.PARTY),
    filename="kich-ban-phat-thanh",
)
