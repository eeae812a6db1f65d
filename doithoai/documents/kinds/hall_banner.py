"""Khánh tiết (seed 001, "Nội dung trang trí khánh tiết"): the words on the hall's backdrop, from the
conference: the issuing body in capitals, "HỘI NGHỊ", the dialogue's name and year, and the place and date.
Not numbered, never registered (like the radio script): the print shop or the office prints it.

The words are the plan's own when it wrote them (plans.Plan.backdrop_text, one line a line), with the date
line filled in from the conference; otherwise they are made here, with "BÍ THƯ ĐẢNG ỦY" for a dialogue of
the Party committee (a plan issued by the Đảng ủy).

The page is A3 landscape (420 × 297 mm, margins 15 mm): it prints on an office printer for approval and is
what a print shop enlarges to the backdrop's width. Each line gets the largest of a set of type sizes at
which it fits the 390 mm line (`fit_size`), so a long unit name shrinks instead of wrapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from docx.shared import Mm, RGBColor

from doithoai.conferences.models import Conference
from doithoai.documents import numbering
from doithoai.documents.kinds import KindSpec
from doithoai.documents.kinds.plan import bare
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody, Layout
from doithoai.lib.vndates import place_and_date
from doithoai.plans.models import Issuer
from doithoai.plans.presets import names_of

PAGE_W_MM, PAGE_H_MM, MARGIN_MM = 420, 297, 15
LINE_MM = PAGE_W_MM - 2 * MARGIN_MM
# Type sizes a line may take (pt); the template has one paragraph per size.
SIZES = (16, 20, 24, 28, 32, 36, 40, 44, 48, 54, 60, 66, 72, 80, 90, 100, 110)
# Width of an average capital of Times New Roman bold, in em, with a margin for the widest Vietnamese words.
CAP_EM = 0.74
PT_MM = 25.4 / 72
RED = "C00000"

FIELDS: dict[str, Any] = {
    "lines": _("Các dòng chữ khánh tiết: danh sách, mỗi dòng có text, size (cỡ chữ) và italic (dòng ngày tháng)"),
    "conference_title": _("Tên hội nghị"),
}
REQUIRED = frozenset({"lines"})


@dataclass(frozen=True)
class BannerLine:
    text: str
    role: str  # "body" (line 1), "event" (HỘI NGHỊ), "title", "date"

    @property
    def italic(self) -> bool:
        return self.role == "date"


# The largest size each role may take: HỘI NGHỊ biggest, the body's name and the date smaller.
ROLE_MAX = {"body": 48, "event": 110, "title": 60, "date": 32}
_DATE_LINE = re.compile(r"ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)


def fit_size(text: str, role: str, *, width_mm: float = LINE_MM) -> int:
    """The largest of SIZES (not above the role's) at which `text` fits on one line `width_mm` wide."""
    limit = ROLE_MAX.get(role, 48)
    em = CAP_EM if role != "date" else CAP_EM * 0.8  # the date is in lower case
    for size in sorted(SIZES, reverse=True):
        if size <= limit and len(text) * em * size * PT_MM <= width_mm:
            return size
    return SIZES[0]


def banner_lines(conference: Conference) -> list[BannerLine]:
    unit = conference.unit
    names = names_of(unit)
    day = timezone.localdate(conference.starts_at)
    date_line = place_and_date(names.place, day)
    plan = conference.plan
    written = [" ".join(line.split()) for line in (plan.backdrop_text or "").splitlines() if line.strip()]
    if written:
        out = []
        for index, text in enumerate(written):
            if _DATE_LINE.search(text):
                out.append(BannerLine(date_line, "date"))
            elif text.upper() == "HỘI NGHỊ":
                out.append(BannerLine(text, "event"))
            else:
                out.append(BannerLine(text, "body" if index == 0 else "title"))
        if not any(line.role == "date" for line in out):
            out.append(BannerLine(date_line, "date"))
        return out
    kind = names.kind.upper()
    if plan.issuer == Issuer.PARTY:
        body = numbering.settings_for(unit).party_name or f"ĐẢNG ỦY {kind} {names.name.upper()}"
        leader = f"BÍ THƯ ĐẢNG ỦY {kind}"
    else:
        body = names.committee.upper()
        leader = f"CHỦ TỊCH ỦY BAN NHÂN DÂN {kind}"
    return [
        BannerLine(body.upper(), "body"),
        BannerLine("HỘI NGHỊ", "event"),
        BannerLine(f"ĐỐI THOẠI GIỮA {leader}", "title"),
        BannerLine(f"VỚI NHÂN DÂN NĂM {day.year}", "title"),
        BannerLine(date_line, "date"),
    ]


def sized(lines: list[BannerLine]) -> list[tuple[BannerLine, int]]:
    """Each line with its size; the lines of the dialogue's name all take the size of the longest."""
    sizes = [fit_size(line.text, line.role) for line in lines]
    title = min((size for line, size in zip(lines, sizes, strict=True) if line.role == "title"), default=0)
    return [(line, title if line.role == "title" else size) for line, size in zip(lines, sizes, strict=True)]


def collect(conference: Conference, *, progress: Any = None) -> dict[str, Any]:
    return {
        "summary": f"Khánh tiết {bare(conference.title)}",
        "conference_title": bare(conference.title),
        "lines": [
            {"text": line.text, "size": size, "italic": line.italic} for line, size in sized(banner_lines(conference))
        ],
        "recipients": [],
    }


def build_template(layout: str) -> bytes:
    b = Builder()
    section = b.doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    b.text_width_mm = LINE_MM
    b.para("", after=0, before=150)  # about a quarter of the page: the words sit near the middle
    b.tag("{%p for l in lines %}")
    for size in SIZES:
        b.tag(f"{{%p if l.size == {size} %}}")
        for italic in (True, False):
            b.tag("{%p if l.italic %}" if italic else "{%p else %}")
            paragraph = b.para(
                "{{ l.text }}", bold=not italic, italic=italic, size=size, align="center", after=size / 3
            )
            paragraph.runs[0].font.color.rgb = RGBColor.from_string(RED)
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "lines": [
            {"text": "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE", "size": 48, "italic": False},
            {"text": "HỘI NGHỊ", "size": 110, "italic": False},
            {"text": "Điềm He, ngày 05 tháng 6 năm 2026", "size": 32, "italic": True},
        ],
        "conference_title": "Hội nghị đối thoại năm 2026",
    }


SPEC = KindSpec(
    kind=DocumentKind.HALL_BANNER,
    type_name="KHÁNH TIẾT",
    type_abbr="",
    numbered=False,
    issuer=IssuerBody.COMMITTEE,
    subject="conference",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    layouts=(Layout.STATE,),
    filename="khanh-tiet",
    # A unit's own banner needs none of a letter's parts (number, signer): only its lines.
    extra={"plain": True},
)
