"""Nội quy hội nghị (seed 001, "Thông qua chương trình, nội quy hội nghị đối thoại"; NĐ 30 Phụ lục I, a NỘI
QUY of the Committee, `…/NQ-UBND`): the unit's rules of its dialogue conferences, read out at the opening,
shown on the portal and on the hall's screen.

The text is the unit's (`ConferenceRules`, edited on the rules page) or, until it has one, the default
below: the articles Vietnamese dialogue conferences use. One article a line; "[số phút]" stands for the
conference's time limit per question, so that one text serves every conference of the unit.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.documents.kinds import KindSpec, issuer_for
from doithoai.documents.kinds.plan import bare, signer_of, with_archive
from doithoai.documents.layout import Builder
from doithoai.documents.models import ConferenceRules, DocumentKind, IssuerBody, Layout
from doithoai.plans.presets import names_of
from doithoai.units.models import AdminUnit

MINUTES_PLACEHOLDER = "[số phút]"
MAX_ARTICLES = 30
MAX_CHARS = 10000

DEFAULT_ARTICLES = [
    "Đại biểu và Nhân dân dự hội nghị đến đúng giờ, trang phục gọn gàng, lịch sự; ký tên (hoặc đưa mã giấy mời) "
    "tại bàn đón tiếp và ngồi theo hướng dẫn của Ban tổ chức.",
    "Giữ trật tự trong hội trường; tắt chuông hoặc để điện thoại di động ở chế độ im lặng, không nghe, gọi điện "
    "thoại trong thời gian hội nghị; hạn chế ra vào hội trường khi không cần thiết.",
    "Không hút thuốc lá, không sử dụng đồ uống có cồn; không mang vũ khí, vật liệu nổ, chất cháy, băng rôn, khẩu "
    "hiệu, tài liệu không liên quan vào hội trường.",
    "Người có ý kiến đăng ký phát biểu với thư ký hội nghị (trước hoặc trong hội nghị), ghi rõ nội dung cần đối "
    "thoại; chỉ phát biểu khi được chủ trì hội nghị mời, theo thứ tự đã đăng ký.",
    "Khi phát biểu, nêu rõ họ tên, nơi cư trú; trình bày ngắn gọn, rõ ràng, mỗi ý kiến không quá "
    f"{MINUTES_PLACEHOLDER} phút; không nhắc lại ý kiến người trước đã nêu.",
    "Nội dung phát biểu tập trung vào các vấn đề của hội nghị đối thoại; ý kiến ngoài nội dung hội nghị hoặc chưa "
    "trả lời được tại hội nghị được ghi nhận, trả lời bằng văn bản.",
    "Không nêu lại những vụ việc đã được cơ quan có thẩm quyền giải quyết đúng quy định, đã có quyết định giải "
    "quyết có hiệu lực pháp luật, trừ khi có tình tiết mới.",
    "Sử dụng ngôn ngữ lịch sự, chuẩn mực, tôn trọng người khác; không xúc phạm danh dự, nhân phẩm, không kích động, "
    "lôi kéo, gây mất trật tự tại hội nghị.",
    "Không tự ý ghi âm, ghi hình, phát trực tiếp hội nghị khi chưa được Ban tổ chức cho phép (trừ phóng viên và "
    "người được giao nhiệm vụ).",
    "Chấp hành sự điều hành của chủ trì hội nghị; người vi phạm nội quy được nhắc nhở, nếu tiếp tục vi phạm có thể "
    "được mời ra khỏi hội trường và xử lý theo quy định của pháp luật.",
]

FIELDS: dict[str, Any] = {
    "intro": _("Câu mở đầu: “Để hội nghị … , Ủy ban nhân dân xã … ban hành Nội quy hội nghị như sau:”"),
    "articles": _("Các điều của nội quy: danh sách, mỗi điều có no (số thứ tự) và text (nội dung)"),
    "closing": _("Câu kết: trách nhiệm thực hiện nội quy"),
    "conference_title": _("Tên hội nghị"),
}
REQUIRED = frozenset({"articles"})


def default_text() -> str:
    return "\n".join(DEFAULT_ARTICLES)


def text_for(unit: AdminUnit) -> str:
    """The unit's rules as it wrote them, or the default."""
    own = ConferenceRules.objects.filter(unit=unit).values_list("text", flat=True).first()
    return own if own and own.strip() else default_text()


_NUMBERING = re.compile(r"^\s*(?:Điều\s+)?\d+\s*[.):]\s*|^\s*[-–+•]\s*", re.IGNORECASE)


def parse_articles(text: str) -> list[str]:
    """One article a line, without the numbering the clerk may have typed ("1.", "Điều 2.", "- ")."""
    out = []
    for line in (text or "").splitlines():
        cleaned = " ".join(_NUMBERING.sub("", line, count=1).split())
        if cleaned:
            out.append(cleaned)
    return out


def articles_for(conference: Conference) -> list[str]:
    """The conference's rules: the unit's text with its time limit per question put in."""
    minutes = conference.minutes_per_question or conference.plan.minutes_per_question or 5
    return [a.replace(MINUTES_PLACEHOLDER, f"{minutes:02d}") for a in parse_articles(text_for(conference.unit))]


def collect(conference: Conference, *, progress: Any = None) -> dict[str, Any]:
    names = names_of(conference.unit)
    organiser = f"Ủy ban nhân dân {names.full}"
    title = bare(conference.title)
    return {
        "summary": title,
        "conference_title": title,
        "intro": f"Để {title} diễn ra trang trọng, an toàn, dân chủ và đạt kết quả, {organiser} ban hành Nội quy "
        "hội nghị như sau:",
        "articles": [{"no": index, "text": text} for index, text in enumerate(articles_for(conference), start=1)],
        "closing": "Đại biểu và Nhân dân dự hội nghị có trách nhiệm thực hiện nghiêm Nội quy này./.",
        "recipients": with_archive(
            ["Đại biểu dự hội nghị", "Niêm yết tại hội trường, trụ sở UBND", "Trang thông tin điện tử"]
        ),
        **signer_of(conference.plan, issuer_for(SPEC, conference)),
    }


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.body("{{ intro }}")
    b.tag("{%p for a in articles %}")
    paragraph = b.body("Điều {{ a.no }}. ", bold=True)
    run = paragraph.add_run("{{ a.text }}")
    run.bold = False
    b.tag("{%p endfor %}")
    b.body("{{ closing }}", before=6)
    b.signature(layout)
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "intro": "Để Hội nghị đối thoại năm 2026 diễn ra trang trọng, an toàn, dân chủ và đạt kết quả, Ủy ban nhân "
        "dân xã Điềm He ban hành Nội quy hội nghị như sau:",
        "articles": [{"no": 1, "text": DEFAULT_ARTICLES[0]}, {"no": 2, "text": DEFAULT_ARTICLES[1]}],
        "closing": "Đại biểu và Nhân dân dự hội nghị có trách nhiệm thực hiện nghiêm Nội quy này./.",
        "conference_title": "Hội nghị đối thoại năm 2026",
    }


SPEC = KindSpec(
    kind=DocumentKind.CONFERENCE_RULES,
    type_name="NỘI QUY",
    type_abbr="NQ",
    numbered=True,
    issuer=IssuerBody.COMMITTEE,
    subject="conference",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    layouts=(Layout.STATE,),
    filename="noi-quy",
)
