"""Thông báo tổ chức hội nghị (domain-spec §8.2; NĐ 30 Mẫu 1.4, `…/TB-UBND`): thời gian, địa điểm, nội dung,
cách thức tham dự (R-05), and how to send questions before the conference (deadline, channels, the online
form, a QR code to the conference's page on the portal).

The facts and their wording are the portal's (portal.display.announcement), so the paper notice, the
poster, the radio script and the portal page say the same thing.
"""

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
from doithoai.lib.vndates import short_date
from doithoai.notifications.emails import absolute_url
from doithoai.portal import display

FIELDS: dict[str, Any] = {
    "intro": _("Câu mở đầu: “Thực hiện Kế hoạch số … , Ủy ban nhân dân xã … thông báo …”"),
    "conference_title": _("Tên hội nghị"),
    "organiser": _("Cơ quan tổ chức trong câu văn: Ủy ban nhân dân xã Điềm He"),
    "when_text": _("Thời gian: “07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026”"),
    "venue": _("Địa điểm"),
    "mode_text": _("Hình thức hội nghị"),
    "chairs": _("Chủ trì, đồng chủ trì: danh sách dòng"),
    "topics": _("Nội dung hội nghị: danh sách"),
    "groups": _("Thành phần: danh sách nhóm, mỗi nhóm có name và members"),
    "ways": _("Cách thức tham dự: danh sách dòng"),
    "questions_intro": _("Gửi ý kiến trước hội nghị: câu có hạn chót"),
    "channels": _("Các nơi nhận ý kiến: danh sách dòng"),
    "online_url": _("Địa chỉ trang gửi ý kiến trực tuyến"),
    "portal": _("Trang hội nghị trên Cổng thông tin: portal.url (địa chỉ), portal.qr (mã QR)"),
}
REQUIRED = frozenset({"when_text", "venue", "topics", "ways"})


def online_form_url(conference: Conference) -> str:
    """The public opinion form of the unit, with this conference chosen."""
    path = reverse("petitions_public:submit", args=[conference.unit_id])
    return absolute_url(f"{path}?hoi_nghi={conference.pk}")


def portal_url(conference: Conference) -> str:
    return absolute_url(reverse("portal:conference", args=[conference.pk]))


def collect(conference: Conference, *, progress: Any = None) -> dict[str, Any]:
    if conference.status == ConferenceStatus.CANCELLED:
        raise NotReady(gettext("Hội nghị đã hủy; không ban hành thông báo tổ chức."))
    issuer = issuer_for(SPEC, conference)
    plan = conference.plan
    # The portal's wording is translated text: the document is always in Vietnamese.
    with override("vi"):
        ann = display.announcement(conference, timezone.localdate())
        mode_text = str(conference.get_mode_display())
    words = ann.words
    reference = f"{ann.plan_reference} của {words.organiser}" if ann.plan_reference else ""
    title = bare(conference.title)
    intro = (
        f"Thực hiện {reference}, {words.organiser} thông báo tổ chức {title} như sau:"
        if reference
        else f"{words.organiser} thông báo tổ chức {title} như sau:"
    )
    village = words.village_word
    if ann.opinion_until is not None:
        questions_intro = (
            f"Để hội nghị đạt kết quả, Nhân dân có ý kiến, kiến nghị xin gửi trước hội nghị, "
            f"chậm nhất ngày {short_date(ann.opinion_until)}, qua một trong các cách sau:"
        )
    else:
        questions_intro = "Nhân dân có ý kiến, kiến nghị xin gửi trước hội nghị qua một trong các cách sau:"
    online = online_form_url(conference)
    channels = [
        f"Trưởng {village}, Ban công tác Mặt trận {village} nơi cư trú",
        f"Ủy ban Mặt trận Tổ quốc Việt Nam {words.kind}",
        f"Trực tuyến tại {online}",
    ]
    if conference.unit.address:
        channels.append(f"Gửi bằng văn bản đến {words.organiser}, địa chỉ: {bare(conference.unit.address)}")
    page = portal_url(conference)
    return {
        "summary": f"Về việc tổ chức {title}",
        "intro": intro,
        "conference_title": title,
        "organiser": words.organiser,
        "when_text": ann.when_long,
        "venue": bare(conference.venue),
        "mode_text": mode_text,
        "chairs": [f"{c.label}: {bare(c.title)}" for c in ann.chairs],
        "topics": [bare(t) for t in ann.topics],
        "groups": [{"name": bare(g.name), "members": [bare(m) for m in g.members]} for g in ann.groups],
        # Sending opinions has its own section (4.) below, with the online form.
        "ways": [bare(w) for w in ann.how_to_take_part if not w.startswith(("Gửi ý kiến", "Hoặc gửi"))],
        "questions_intro": questions_intro,
        "channels": channels,
        "online_url": online,
        "portal": {"url": page, "qr_url": page},
        "recipients": with_archive(
            [
                f"Thường trực Đảng ủy {words.kind}",
                f"Thường trực HĐND {words.kind}",
                f"Ủy ban MTTQ Việt Nam {words.kind}",
                f"Trưởng các {village} (để thông báo đến Nhân dân)",
                f"Đài truyền thanh, trang thông tin điện tử {words.kind}",
                "Niêm yết tại trụ sở",
            ]
        ),
        **signer_of(plan, issuer),
    }


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.body("{{ intro }}")
    b.heading("1. Thời gian, địa điểm")
    b.body("- Thời gian: {{ when_text }}.")
    b.tag("{%p if venue %}")
    b.body("- Địa điểm: {{ venue }}.")
    b.tag("{%p endif %}")
    b.body("- Hình thức: {{ mode_text }}.")
    b.tag("{%p for c in chairs %}")
    b.body("- {{ c }}.")
    b.tag("{%p endfor %}")
    b.heading("2. Nội dung")
    b.tag("{%p for t in topics %}")
    b.body("- {{ t }}{% if loop.last %}.{% else %};{% endif %}")
    b.tag("{%p endfor %}")
    b.heading("3. Thành phần, cách thức tham dự")
    b.tag("{%p for g in groups %}")
    b.body("- {{ g.name }}: {{ g.members|join('; ') }}.")
    b.tag("{%p endfor %}")
    b.tag("{%p for w in ways %}")
    b.body("- {{ w }}.")
    b.tag("{%p endfor %}")
    b.heading("4. Gửi ý kiến, kiến nghị trước hội nghị")
    b.body("{{ questions_intro }}")
    b.tag("{%p for c in channels %}")
    b.body("- {{ c }}{% if loop.last %}.{% else %};{% endif %}")
    b.tag("{%p endfor %}")
    table = b.grid([30, b.text_width_mm - 30])
    left, right = table.rows[0].cells
    b.qr("{{ portal.qr }}", container=left)
    b.para(
        "Quét mã QR hoặc truy cập {{ portal.url }} để xem thông báo, theo dõi hội nghị và kết quả trả lời ý kiến "
        "trên Cổng thông tin.",
        container=right,
        size=12,
        italic=True,
        align="left",
        after=0,
    )
    b.body("{{ organiser }} trân trọng thông báo để Nhân dân biết, tham gia./.", before=6)
    b.signature(layout)
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    url = "https://doithoai.example.vn/cong-khai/hoi-nghi/1/"
    return {
        "intro": "Thực hiện Kế hoạch số 91/KH-UBND ngày 02/3/2026 của Ủy ban nhân dân xã Điềm He, Ủy ban nhân dân "
        "xã Điềm He thông báo tổ chức Hội nghị đối thoại năm 2026 như sau:",
        "conference_title": "Hội nghị đối thoại năm 2026",
        "organiser": "Ủy ban nhân dân xã Điềm He",
        "when_text": "07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026",
        "venue": "Hội trường UBND xã",
        "mode_text": "Đối thoại trực tiếp",
        "chairs": ["Chủ trì: Chủ tịch UBND xã"],
        "topics": ["Tình hình phát triển kinh tế - xã hội của xã"],
        "groups": [{"name": "Đại biểu thôn", "members": ["Trưởng các thôn (1 người/thôn)"]}],
        "ways": ["Đến dự trực tiếp theo giấy mời"],
        "questions_intro": "Nhân dân có ý kiến, kiến nghị xin gửi trước hội nghị, chậm nhất ngày 01/6/2026:",
        "channels": ["Trưởng thôn, Ban công tác Mặt trận thôn nơi cư trú"],
        "online_url": "https://doithoai.example.vn/y-kien/gui/1/?hoi_nghi=1",
        "portal": {"url": url, "qr_url": url},
    }


SPEC = KindSpec(
    kind=DocumentKind.ANNOUNCEMENT,
    type_name="THÔNG BÁO",
    type_abbr="TB",
    numbered=True,
    issuer=IssuerBody.COMMITTEE,
    subject="conference",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    layouts=(Layout.STATE, Layout.PARTY),
    filename="thong-bao",
)
