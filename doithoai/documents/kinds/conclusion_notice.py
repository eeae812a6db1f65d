"""Thông báo kết luận (domain-spec §8.7): what the chair (or, for a Party-led dialogue, the Party
secretary) concluded on each matter, grouped by sector, sent to the bodies that act on it and posted for
the people.

A matter is a group once, or a single petition. Answered matters are the portal's published conclusions
(petitions.selectors.public.conclusions: approved answers only, one per matter, complaints and
denunciations never); matters assigned to a department or referred without an answer yet are added from
one query, with the chair's conclusion from the exchange that dealt with them. No names: villages only.
Queries do not grow with the number of matters (prefetches and one-pass grouping).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.documents.kinds import KindSpec, NotReady, issuer_for
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody, Layout
from doithoai.lib.vndates import document_date, short_date
from doithoai.plans.presets import names_of

FIELDS: dict[str, Any] = {
    "opening": _("Đoạn mở đầu: thời gian, địa điểm, chủ trì, số người dự, số lượt phát biểu và số ý kiến"),
    "assessment": _("I. Đánh giá chung (các đoạn văn)"),
    "sectors": _(
        "II. Kết luận cụ thể theo lĩnh vực: s.number, s.name, s.matters (m.number, m.summary, m.lines: các dòng "
        "trả lời, kết luận, giao, thời hạn)"
    ),
    "implementation": _("III. Tổ chức thực hiện (các đoạn văn)"),
    "closing": _("Câu kết: “Trên đây là kết luận …”"),
    "matter_count": _("Số nội dung được kết luận"),
    "held_date": _("Ngày tổ chức hội nghị"),
    "conference_title": _("Tên hội nghị"),
}
REQUIRED = frozenset({"sectors"})


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.title(layout)
    b.tag("{%p for p in opening %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.heading("I. ĐÁNH GIÁ CHUNG")
    b.tag("{%p for p in assessment %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.heading("II. KẾT LUẬN CỤ THỂ")
    b.tag("{%p for s in sectors %}")
    b.heading("{{ s.number }}. Lĩnh vực {{ s.name }}")
    b.tag("{%p for m in s.matters %}")
    b.body("{{ s.number }}.{{ m.number }}. {{ m.summary }}", italic=True, keep_with_next=True)
    b.tag("{%p for line in m.lines %}")
    b.body("{{ line }}")
    b.tag("{%p endfor %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endfor %}")
    b.heading("III. TỔ CHỨC THỰC HIỆN", before=6)
    b.tag("{%p for p in implementation %}")
    b.body("{{ p }}")
    b.tag("{%p endfor %}")
    b.body("{{ closing }}")
    b.signature(layout)
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "opening": [
            "Ngày 05 tháng 6 năm 2026, tại Hội trường UBND xã, Ủy ban nhân dân xã Điềm He tổ chức Hội nghị đối "
            "thoại năm 2026. Tại hội nghị có 12 lượt ý kiến phát biểu."
        ],
        "assessment": ["Hội nghị được tổ chức đúng kế hoạch, dân chủ, thẳng thắn."],
        "sectors": [
            {
                "number": 1,
                "name": "Xây dựng, giao thông, hạ tầng",
                "matters": [
                    {
                        "number": 1,
                        "summary": "Cử tri Thôn Nà Pàn (2 ý kiến) kiến nghị: sửa đường liên thôn bị sạt lở.",
                        "lines": [
                            "Kết luận: giao Phòng Kinh tế kiểm tra.",
                            "Giao: Phòng Kinh tế.",
                            "Thời hạn: 19/6/2026.",
                        ],
                    }
                ],
            }
        ],
        "implementation": ["Các cơ quan, đơn vị được giao báo cáo kết quả thực hiện."],
        "closing": "Trên đây là kết luận của Chủ tịch Ủy ban nhân dân xã./.",
        "matter_count": 1,
        "held_date": "ngày 05 tháng 6 năm 2026",
        "conference_title": "Hội nghị đối thoại năm 2026",
    }


def _villages_text(villages: list[str], without_village: bool) -> str:
    # Without a village the citizen is not placed: "Cử tri" alone, never a name.
    return "Cử tri " + ", ".join(villages) if villages else "Cử tri"


def _answered(conference: Any) -> list[dict[str, Any]]:
    from doithoai.petitions.models import AnswerMode
    from doithoai.petitions.selectors.public import conclusion_items, conclusions

    matters = []
    for item in conclusion_items(conclusions(conference)):
        answer = item.answer
        lines = []
        if answer.mode == AnswerMode.AT_CONFERENCE:
            lines.append(f"Trả lời tại hội nghị{f' ({answer.body})' if answer.body else ''}: {answer.text}")
        elif answer.mode == AnswerMode.BY_REFERRAL:
            lines.append(f"Cơ quan có thẩm quyền trả lời{f' ({answer.body})' if answer.body else ''}: {answer.text}")
        else:
            lines.append(f"Trả lời bằng văn bản{f' ({answer.body})' if answer.body else ''}: {answer.text}")
        if answer.document_ref:
            lines.append(f"Văn bản trả lời: {answer.document_ref}.")
        if answer.conclusion:
            lines.append(f"Kết luận: {answer.conclusion}")
        matters.append(
            {
                "sector": item.sector,
                "summary": f"{_villages_text(item.villages, item.without_village)} ({item.count} ý kiến) kiến nghị: "
                f"{item.title}",
                "lines": lines,
            }
        )
    return matters


def _pending(conference: Any) -> list[dict[str, Any]]:
    """Matters concluded with an assignment or a referral whose answer is not approved yet: the department
    and deadline, or where it went."""
    from doithoai.live.models import Exchange
    from doithoai.petitions.models import REDIRECTED_KINDS, Petition, PetitionStatus

    petitions = (
        Petition.objects.filter(conference=conference, status__in=[PetitionStatus.ACCEPTED, PetitionStatus.REFERRED])
        .exclude(kind__in=REDIRECTED_KINDS)
        .exclude(answer__approved_at__isnull=False)
        .select_related("village", "sector", "group__sector", "assigned_department", "referral__to_unit")
        .order_by("received_on", "pk")
    )
    said: dict[int, str] = {}
    through = Exchange.petitions.through
    for petition_id, conclusion in through.objects.filter(exchange__conference=conference).values_list(
        "petition_id", "exchange__conclusion"
    ):
        if conclusion:
            said[petition_id] = conclusion
    grouped: OrderedDict[tuple[str, int], list[Any]] = OrderedDict()
    for petition in petitions:
        key = ("g", petition.group_id) if petition.group_id else ("p", petition.pk)
        grouped.setdefault(key, []).append(petition)
    matters = []
    for members in grouped.values():
        first = members[0]
        group = first.group
        villages = list(dict.fromkeys(p.village.name for p in members if p.village is not None))
        sector = group.sector if group is not None and group.sector_id else first.sector
        lines = []
        conclusion = next((said[p.pk] for p in members if p.pk in said), "")
        if conclusion:
            lines.append(f"Kết luận: {conclusion}")
        referred = next((p for p in members if p.referral_id), None)
        if referred is not None and referred.referral is not None:
            referral = referred.referral
            to = referral.to_unit.name if referral.to_unit is not None else referral.to_body
            lines.append(
                f"Không thuộc thẩm quyền giải quyết; đã chuyển, báo cáo cấp có thẩm quyền ({to}) xem xét, giải "
                "quyết và thông báo kết quả cho Nhân dân."
            )
        else:
            assigned = next((p for p in members if p.assigned_department_id), first)
            department = assigned.assigned_department.name if assigned.assigned_department else ""
            if department:
                lines.append(f"Giao: {department}.")
            if assigned.due_date:
                lines.append(f"Thời hạn: {short_date(assigned.due_date)}.")
        matters.append(
            {
                "sector": sector.name if sector is not None else "",
                "summary": f"{_villages_text(villages, any(p.village is None for p in members))} "
                f"({len(members)} ý kiến) kiến nghị: {group.title if group is not None else first.text}",
                "lines": lines,
            }
        )
    return matters


def not_ready(conference: Any) -> str:
    from doithoai.petitions.selectors.public import conclusions_public

    if not conclusions_public(conference):
        return gettext("Hội nghị chưa tổ chức; thông báo kết luận được lập sau khi hội nghị diễn ra.")
    return ""


def collect(conference: Any, *, progress: Any = None) -> dict[str, Any]:
    with translation.override("vi"):
        return _collect(conference)


def _collect(conference: Any) -> dict[str, Any]:
    from doithoai.delegates.selectors import attendance
    from doithoai.live.models import Exchange
    from doithoai.petitions.models import Sector
    from doithoai.petitions.selectors.summary import petitions_of_conference

    problem = not_ready(conference)
    if problem:
        raise NotReady(problem)
    unit = conference.unit
    unit_in_text = names_of(unit).full
    party = issuer_for(SPEC, conference) == IssuerBody.PARTY
    body = f"Đảng ủy {unit_in_text}" if party else f"Ủy ban nhân dân {unit_in_text}"
    leader = f"Bí thư Đảng ủy {unit_in_text}" if party else f"Chủ tịch Ủy ban nhân dân {unit_in_text}"

    matters = _answered(conference) + _pending(conference)
    if not matters:
        raise NotReady(
            gettext(
                "Chưa có nội dung nào được kết luận: duyệt trả lời, giao xử lý hoặc chuyển các ý kiến, kiến nghị của "
                "hội nghị trước khi lập thông báo kết luận."
            )
        )
    order = {s.name: (s.sort_order, s.name) for s in Sector.objects.filter(unit_id=unit.pk)}
    by_sector: dict[str, list[dict[str, Any]]] = {}
    for matter in matters:
        by_sector.setdefault(matter["sector"], []).append(matter)
    names = sorted(by_sector, key=lambda n: (n == "", order.get(n, (10**6, n))))
    sectors = [
        {
            "number": number,
            "name": name or "Khác",
            "matters": [
                {"number": index, "summary": m["summary"], "lines": m["lines"]}
                for index, m in enumerate(by_sector[name], start=1)
            ],
        }
        for number, name in enumerate(names, start=1)
    ]

    held = timezone.localtime(conference.starts_at).date()
    held_text = document_date(held)
    chairs = [conference.chair_name] if conference.chair_name else []
    co_chairs = [n for n in (conference.council_name, conference.front_name) if n]
    present = attendance(conference).present
    interventions = Exchange.objects.filter(conference=conference).count()
    opinions = petitions_of_conference(conference).count()
    chair_text = ", ".join(chairs) or leader
    if co_chairs:
        chair_text += f"; đồng chủ trì: {', '.join(co_chairs)}"
    opening = [
        f"{held_text[:1].upper()}{held_text[1:]}, tại {conference.venue or 'trụ sở'}, {body} tổ chức "
        f"{conference.title}. Chủ trì hội nghị: {chair_text}. Tham dự hội nghị có {present} đại biểu và Nhân dân "
        f"các thôn, tổ dân phố. Hội nghị đã nhận {opinions} ý kiến, kiến nghị của Nhân dân; tại hội nghị có "
        f"{interventions} lượt ý kiến phát biểu.",
        f"Sau khi nghe ý kiến của Nhân dân và trả lời của các cơ quan, đơn vị, {leader} kết luận như sau:",
    ]
    sector_names = ", ".join(str(s["name"]) for s in sectors)
    assessment = [
        "Hội nghị được tổ chức đúng kế hoạch, bảo đảm dân chủ, công khai; Nhân dân tham gia đầy đủ, thẳng thắn nêu "
        "ý kiến, kiến nghị; các cơ quan, đơn vị trả lời, giải trình cụ thể những vấn đề Nhân dân quan tâm.",
        f"Các ý kiến, kiến nghị tập trung vào các lĩnh vực: {sector_names}.",
    ]
    implementation = [
        "Các cơ quan, đơn vị được giao khẩn trương tổ chức thực hiện, trả lời bằng văn bản cho Nhân dân trong thời "
        f"hạn được giao và báo cáo kết quả về {body} (qua Văn phòng HĐND và UBND).",
        f"Đề nghị Ủy ban MTTQ Việt Nam {unit_in_text} và các đoàn thể giám sát việc thực hiện kết luận này.",
        "Trưởng thôn, Tổ trưởng tổ dân phố thông báo kết luận này đến Nhân dân; Đài truyền thanh phát, Cổng thông "
        "tin điện tử đăng tải và niêm yết công khai tại trụ sở.",
    ]
    what = "Đảng ủy" if party else "Ủy ban nhân dân"
    closing = (
        f"Trên đây là kết luận của {leader} tại {conference.title}. {what} {unit_in_text} thông báo để các cơ "
        "quan, đơn vị và Nhân dân biết, thực hiện./."
    )
    recipients = [
        f"Thường trực Đảng ủy {unit_in_text}",
        f"Thường trực HĐND {unit_in_text}",
        f"UBMTTQ Việt Nam {unit_in_text} và các đoàn thể",
        "Các phòng, ban, đơn vị liên quan",
        "Trưởng thôn, Tổ trưởng tổ dân phố",
        "Đài truyền thanh, Cổng thông tin điện tử",
        "Niêm yết tại trụ sở",
        "Lưu: VT",
    ]
    return {
        "summary": f"Kết luận của {leader} tại {conference.title}",
        "opening": opening,
        "assessment": assessment,
        "sectors": sectors,
        "implementation": implementation,
        "closing": closing,
        "matter_count": len(matters),
        "held_date": document_date(held),
        "conference_title": conference.title,
        "signer_name": conference.chair_name or "",
        "recipients": recipients,
        "layout": str(Layout.PARTY if party else Layout.STATE),
    }


SPEC = KindSpec(
    ready=not_ready,
    kind=DocumentKind.CONCLUSION_NOTICE,
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
    filename="thong-bao-ket-luan",
)
