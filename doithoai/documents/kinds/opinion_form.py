"""Phiếu lấy ý kiến (domain-spec §8.4): the paper form the Front's village committees and the village heads hand
to households before the conference. One A4 page: who gives the opinion (the village printed when the form
is made for one village), the unit's sectors and the kind of opinion as boxes to tick, ruled lines for the
content, how they want the answer, the two consents (unticked), date and signature, the privacy notice,
and a QR code to the same form online. Not numbered, printed as often as needed.

Its wording follows the online form (petitions/public/submit.html): the same consents, the same promise
about the phone number."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from doithoai.documents import numbering
from doithoai.documents.kinds import FormSubject, KindSpec
from doithoai.documents.kinds.announcement import online_form_url
from doithoai.documents.kinds.plan import bare
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody, Layout
from doithoai.lib.vndates import short_date
from doithoai.petitions.models import Sector
from doithoai.petitions.taxonomy import DEFAULT_SECTORS
from doithoai.plans.presets import names_of
from doithoai.portal import selectors as portal_selectors

FIELDS: dict[str, Any] = {
    "front_line": _("Dòng Ủy ban MTTQ dưới tên UBND: ỦY BAN MTTQ VIỆT NAM XÃ ĐIỀM HE"),
    "intro": _("Lời đề nghị góp ý, có hạn và nơi gửi lại phiếu"),
    "village_name": _("Thôn, tổ dân phố in sẵn (trống với phiếu chung)"),
    "village_word": _("“thôn” hoặc “tổ dân phố”"),
    "sectors": _("Các lĩnh vực để đánh dấu"),
    "kinds": _("Tính chất ý kiến để đánh dấu: Kiến nghị, Phản ánh, Hỏi chính sách, Góp ý"),
    "content_lines": _("Số dòng kẻ để ghi nội dung (danh sách rỗng, mỗi phần tử một dòng)"),
    "privacy_lines": _("Thông báo về dữ liệu cá nhân: danh sách dòng"),
    "online": _("Gửi trực tuyến: online.url (địa chỉ), online.qr (mã QR)"),
}
REQUIRED = frozenset({"sectors", "online"})
CONTENT_LINES = 5
KINDS = ["Kiến nghị", "Phản ánh", "Hỏi chính sách", "Góp ý"]


def sector_names(unit: Any) -> list[str]:
    """The unit's active sectors, or the default list while it has none yet."""
    names = list(
        Sector.objects.filter(unit=unit, is_active=True).order_by("sort_order", "name").values_list("name", flat=True)
    )
    if names:
        return names
    with override("vi"):
        return [str(name) for _code, name in DEFAULT_SECTORS]


def deadline_of(conference: Any) -> dt.date | None:
    """The last day of the conference's collection of opinions, if its timeline has that step."""
    step = portal_selectors.opinion_step(conference)
    return step.due_date if step is not None else None


def front_line(unit: Any) -> str:
    settings = numbering.settings_for(unit)
    parent = settings.front_parent_line or "ỦY BAN MTTQ VIỆT NAM"
    return f"{parent} {settings.front_name or unit.name.upper()}"


def collect(subject: FormSubject, *, progress: Any = None) -> dict[str, Any]:
    conference = subject.conference
    unit = conference.unit
    names = names_of(unit)
    village_word = names.village_word
    title = bare(conference.title)
    starts = timezone.localtime(conference.starts_at).date()
    deadline = deadline_of(conference)
    organiser = f"Ủy ban nhân dân {names.full}"
    places = f"Trưởng {village_word}, Ban công tác Mặt trận {village_word} hoặc Ủy ban MTTQ Việt Nam {names.kind}"
    until = f"trước ngày {short_date(deadline)}" if deadline is not None else f"trước ngày {short_date(starts)}"
    intro = (
        f"Để chuẩn bị {title} (dự kiến tổ chức ngày {short_date(starts)}), {organiser} đề nghị ông/bà cho biết ý "
        f"kiến, kiến nghị của mình. Phiếu xin gửi lại {places} {until}, hoặc gửi trực tuyến qua mã QR cuối phiếu."
    )
    village = subject.village
    url = online_form_url(conference)
    if village is not None:
        url += f"&thon={village.pk}"
    return {
        "summary": f"Phục vụ {title}",
        "front_line": front_line(unit),
        "intro": intro,
        "village_name": village.name if village is not None else "",
        "village_word": village_word,
        "sectors": sector_names(unit),
        "kinds": KINDS,
        "content_lines": [""] * CONTENT_LINES,
        "privacy_lines": [
            f"Thông tin trên phiếu do {organiser} quản lý, chỉ dùng để xem xét, trả lời ý kiến, kiến nghị; chỉ "
            "cán bộ xử lý được xem. Họ tên, số điện thoại không bắt buộc; số điện thoại chỉ dùng để liên hệ khi "
            "ông/bà đồng ý, không bao giờ công khai; họ tên chỉ nêu khi công bố kết quả nếu ông/bà đồng ý",
            f"Ông/bà có thể đề nghị sửa, xóa thông tin hoặc rút lại sự đồng ý bằng cách liên hệ {organiser} (Luật "
            "Bảo vệ dữ liệu cá nhân số 91/2025/QH15)",
        ],
        "online": {"url": url, "qr_url": url},
        "recipients": [],
    }


def build_template(layout: str) -> bytes:
    b = Builder()
    # Header: the Committee with the Front below it (left), the Quốc hiệu (right); no number, no date (the
    # date line is where the person signs).
    left_mm, right_mm = 68, b.text_width_mm - 68
    table = b.grid([left_mm, right_mm])
    left, right = table.rows[0].cells
    b.para("{{ issuer_name }}", container=left, size=12, bold=True, align="center", after=0)
    front = b.para("{{ front_line }}", container=left, size=10, bold=True, align="center", after=4)
    b.rule(front, fraction=0.4, column_mm=left_mm)
    # Unnumbered: number_line is empty, but every template carries it (common.COMMON_REQUIRED).
    b.para("{{ number_line }}", container=left, size=1, align="center", after=0)
    b.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", container=right, size=12, bold=True, align="center", after=0)
    motto = b.para("Độc lập - Tự do - Hạnh phúc", container=right, size=13, bold=True, align="center", after=4)
    b.rule(motto, fraction=0.62, column_mm=right_mm)

    b.para("{{ type_name }}", bold=True, size=14, align="center", before=4, after=0)
    b.para("{{ summary }}", bold=True, size=13, align="center", after=6)
    b.body("{{ intro }}", size=12, after=4)

    b.para("1. Người góp ý", bold=True, size=12, align="left", after=2)
    b.fill_line("Họ và tên: ", size=12)
    b.fill_line("Thôn, tổ dân phố nơi ở: {{ village_name }}", size=12)
    b.fill_line("Số điện thoại (không bắt buộc, chỉ ghi khi đồng ý để được liên hệ lại): ", size=12)
    b.fill_line("Đại diện hộ gia đình, tổ chức (nếu có): ", size=12)

    b.para("2. Lĩnh vực (đánh dấu ☒ vào ô phù hợp)", bold=True, size=12, align="left", after=2)
    b.para(
        "{% for s in sectors %}☐\u00a0{{ s|replace(' ', '\u00a0') }}{% if not loop.last %}    {% endif %}{% endfor %}",
        size=11,
        align="left",
        after=2,
    )
    b.para(
        "Tính chất: {% for k in kinds %}☐\u00a0{{ k|replace(' ', '\u00a0') }}    {% endfor %}",
        size=11,
        align="left",
        after=4,
    )

    b.para("3. Nội dung ý kiến, kiến nghị", bold=True, size=12, align="left", after=2)
    b.tag("{%p for line in content_lines %}")
    b.fill_line("", size=12, after=3)
    b.tag("{%p endfor %}")
    b.fill_line("Đề xuất giải pháp (nếu có): ", size=12, after=3)
    b.fill_line("Đề nghị cơ quan trả lời (nếu có): ", size=12)
    b.para(
        "Mong muốn được trả lời: ☐\u00a0Tại hội nghị    ☐\u00a0Bằng văn bản    ☐\u00a0Qua điện thoại",
        size=12,
        align="left",
        after=2,
    )
    b.para(
        "☐ Tôi đồng ý để cơ quan liên hệ lại qua số điện thoại trên để trả lời ý kiến này.",
        size=11,
        align="left",
        after=0,
    )
    b.para("☐ Tôi đồng ý công khai họ tên khi công bố kết quả.", size=11, align="left", after=2)

    bottom = b.grid([62, b.text_width_mm - 62])
    qr_cell, sign_cell = bottom.rows[0].cells
    b.qr("{{ online.qr }}", container=qr_cell)
    b.para("Góp ý trực tuyến: quét mã QR hoặc vào", container=qr_cell, size=9, align="center", after=0)
    b.para("{{ online.url }}", container=qr_cell, size=8, align="center", after=0)
    b.para("{{ place_date }}", container=sign_cell, size=12, italic=True, align="center", after=0)
    b.para("NGƯỜI GÓP Ý", container=sign_cell, size=12, bold=True, align="center", after=0)
    b.para("(Ký, ghi rõ họ tên)", container=sign_cell, size=11, italic=True, align="center", after=0)
    for _index in range(2):
        b.para("", container=sign_cell, size=12, after=0)
    b.para("{{ signer_name }}", container=sign_cell, size=12, bold=True, align="center", after=0)

    b.tag("{%p for line in privacy_lines %}")
    b.para("{% if loop.first %}(*) {% endif %}{{ line }}.", size=9, italic=True, align="justify", after=0)
    b.tag("{%p endfor %}")
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    url = "https://doithoai.example.vn/y-kien/gui/1/?hoi_nghi=1"
    return {
        "front_line": "ỦY BAN MTTQ VIỆT NAM XÃ ĐIỀM HE",
        "intro": "Để chuẩn bị Hội nghị đối thoại năm 2026, Ủy ban nhân dân xã Điềm He đề nghị ông/bà cho biết ý kiến.",
        "village_name": "Thôn Nà Pàn",
        "village_word": "thôn",
        "sectors": ["Đất đai", "Y tế – BHYT"],
        "kinds": KINDS,
        "content_lines": [""] * 3,
        "privacy_lines": ["Thông tin trên phiếu chỉ dùng để tổng hợp, trả lời ý kiến, kiến nghị"],
        "online": {"url": url, "qr_url": url},
    }


SPEC = KindSpec(
    kind=DocumentKind.OPINION_FORM,
    type_name="PHIẾU LẤY Ý KIẾN",
    type_abbr="",
    numbered=False,
    issuer=IssuerBody.COMMITTEE,
    subject="opinion_form",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    layouts=(Layout.STATE,),
    filename="phieu-lay-y-kien",
)
