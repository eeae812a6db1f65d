"""What every document has: the header, number, place and date, title, signer and Nơi nhận, built from
the unit's letterhead (units.AdminUnit), its document settings and the issuing body."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from doithoai.documents import numbering
from doithoai.documents.models import IssuerBody, Layout
from doithoai.lib.vndates import place_and_date, short_date
from doithoai.units.models import AdminUnit

# Field → what it holds. Shown on the templates page; a unit's template may use any of these.
COMMON_FIELDS: dict[str, Any] = {
    "parent_line": _("Dòng cơ quan chủ quản (ô 2), ví dụ: TỈNH LẠNG SƠN; có thể trống"),
    "issuer_name": _("Tên cơ quan ban hành (ô 2), ví dụ: ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE"),
    "number_line": _("Dòng số, ký hiệu (ô 3): “Số: 05/KH-UBND”; bản dự thảo để trống số"),
    "number_text": _("Số, ký hiệu không có chữ “Số”: 05/KH-UBND"),
    "subject_line": _("Trích yếu của công văn (ô 5b): “V/v …”; trống với văn bản có tên loại"),
    "place_date": _("Địa danh, ngày tháng năm (ô 4): “Điềm He, ngày 05 tháng 6 năm 2026”"),
    "place": _("Địa danh: Điềm He"),
    "issued_on": _("Ngày ban hành, dạng 05/6/2026; trống ở bản dự thảo"),
    "year": _("Năm của văn bản"),
    "type_name": _("Tên loại văn bản (ô 5a): KẾ HOẠCH, THÔNG BÁO…"),
    "summary": _("Trích yếu nội dung (ô 5a)"),
    "replaces_line": _("Với văn bản ban hành lại: “Thay thế văn bản số … ngày …”"),
    "legal_bases": _("Danh sách căn cứ ban hành (mỗi dòng một căn cứ)"),
    "addressees": _("Danh sách “Kính gửi” (ô 9a)"),
    "signing_authority": _("Quyền hạn ký (ô 7a): TM. ỦY BAN NHÂN DÂN"),
    "signer_title": _("Chức vụ người ký (ô 7a): CHỦ TỊCH"),
    "signature_note": _("Ghi chú dưới chức vụ (ví dụ “(Đã ký)” ở bản sao); thường trống"),
    "signer_name": _("Họ tên người ký (ô 7b)"),
    "recipients": _("Danh sách nơi nhận (ô 9b), dòng cuối là “Lưu: VT”"),
    "unit_name": _("Tên đơn vị: Xã Điềm He"),
    "draft": _("Đúng khi là bản dự thảo (chưa có số)"),
}
# What a unit's template must show for the document to be valid (NĐ 30 Phụ lục I).
COMMON_REQUIRED = frozenset({"issuer_name", "number_line", "place_date", "signer_name"})


def split_name(name: str) -> str:
    """'ỦY BAN NHÂN DÂN XÃ ĐIỀM HE' → two lines, as letterheads print it."""
    for head in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "ĐẢNG ỦY ", "ĐẢNG UỶ "):
        if name.upper().startswith(head):
            return f"{name[: len(head) - 1]}\n{name[len(head) :]}"
    return name


def letterhead(unit: AdminUnit, issuer: str, layout: str) -> dict[str, str]:
    """parent_line, issuer_name and the default signer's authority and title for a body of the unit."""
    doc_settings = numbering.settings_for(unit)
    unit_upper = unit.name.upper()
    if issuer == IssuerBody.PARTY:
        party = doc_settings.party_name or f"ĐẢNG ỦY {unit_upper}"
        return {
            "parent_line": doc_settings.party_parent_line
            or (f"ĐẢNG BỘ {unit.parent.name.upper()}" if unit.parent is not None else ""),
            "issuer_name": party,
            "signing_authority": "T/M ĐẢNG ỦY" if layout == Layout.PARTY else "TM. ĐẢNG ỦY",
            "signer_title": "BÍ THƯ",
        }
    if issuer == IssuerBody.FRONT:
        return {
            "parent_line": doc_settings.front_parent_line or "ỦY BAN MTTQ VIỆT NAM",
            "issuer_name": doc_settings.front_name or unit_upper,
            "signing_authority": "TM. BAN THƯỜNG TRỰC",
            "signer_title": "CHỦ TỊCH",
        }
    committee = unit.committee_name or f"ỦY BAN NHÂN DÂN {unit_upper}"
    return {
        "parent_line": unit.parent_line,
        "issuer_name": split_name(committee),
        "signing_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
    }


def committee_chair_name(unit: AdminUnit) -> str:
    """Who signs for the Committee when nobody was named: the person holding the chair's role in the unit
    (the longest-standing one if several), or nobody (the line stays for the clerk to fill in)."""
    from doithoai.accounts.models import Membership
    from doithoai.accounts.roles import Role

    membership = (
        Membership.objects.filter(unit=unit, role=Role.CHAIR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return str(membership.user.full_name) if membership is not None else ""


def place_of(unit: AdminUnit) -> str:
    return unit.place_name or unit.name


def draft_place_date(place: str, year: int) -> str:
    """The date line before the document is dated: the clerk writes the day and month by hand."""
    return f"{place}, ngày      tháng      năm {year}"


def common_context(
    *,
    unit: AdminUnit,
    kind_spec: Any,
    layout: str,
    issuer: str,
    data: dict[str, Any],
    number_text: str | None,
    issued_on: dt.date | None,
    year: int,
    signer_name: str = "",
    signer_title: str = "",
    signing_authority: str = "",
    replaces: Any = None,
) -> dict[str, Any]:
    """The full context: the common fields, then the kind's own `data` (which may override defaults)."""
    head = letterhead(unit, issuer, layout)
    place = place_of(unit)
    symbol = numbering.symbol_for(unit, issuer, kind_spec.type_abbr)
    shown_number = number_text or numbering.format_number(None, symbol, layout)
    context: dict[str, Any] = {
        "parent_line": head["parent_line"],
        "issuer_name": head["issuer_name"],
        "number_line": numbering.number_line(shown_number, layout) if kind_spec.numbered else "",
        "number_text": number_text or "",
        "subject_line": "",
        "place_date": place_and_date(place, issued_on) if issued_on else draft_place_date(place, year),
        "place": place,
        "issued_on": short_date(issued_on) if issued_on else "",
        "year": year,
        "type_name": kind_spec.type_name,
        "summary": "",
        "replaces_line": "",
        "legal_bases": [],
        "addressees": [],
        "signing_authority": head["signing_authority"],
        "signer_title": head["signer_title"],
        "signature_note": "",
        "signer_name": "",
        "recipients": [],
        "unit_name": unit.name,
        "draft": number_text is None and kind_spec.numbered,
    }
    context.update({k: v for k, v in data.items() if k not in ("layout", "issuer")})
    if signing_authority:
        context["signing_authority"] = signing_authority
    if signer_title:
        context["signer_title"] = signer_title
    if signer_name:
        context["signer_name"] = signer_name
    if not context["signer_name"] and issuer == IssuerBody.COMMITTEE:
        context["signer_name"] = committee_chair_name(unit)
    if replaces is not None:
        context["replaces_line"] = f"(Thay thế văn bản số {replaces.number_text} ngày {short_date(replaces.issued_on)})"
    return context


def sample_common(kind_spec: Any, layout: str) -> dict[str, Any]:
    """The common fields filled as for a real document, to check templates against."""
    return {
        "parent_line": "TỈNH LẠNG SƠN" if layout != Layout.PARTY else "ĐẢNG BỘ TỈNH LẠNG SƠN",
        "issuer_name": "ỦY BAN NHÂN DÂN\nXÃ ĐIỀM HE" if layout != Layout.PARTY else "ĐẢNG ỦY XÃ ĐIỀM HE",
        "number_line": "Số: 05/KH-UBND" if layout != Layout.PARTY else "Số 05-KH/ĐU",
        "number_text": "05/KH-UBND",
        "subject_line": "",
        "place_date": "Điềm He, ngày 05 tháng 6 năm 2026",
        "place": "Điềm He",
        "issued_on": "05/6/2026",
        "year": 2026,
        "type_name": kind_spec.type_name,
        "summary": "Tổ chức Hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân xã với Nhân dân năm 2026",
        "replaces_line": "",
        "legal_bases": ["Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;"],
        "addressees": ["Ủy ban nhân dân tỉnh Lạng Sơn"],
        "signing_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signature_note": "",
        "signer_name": "Hoàng Văn Nam",
        "recipients": ["Thường trực Đảng ủy xã", "Lưu: VT"],
        "unit_name": "Xã Điềm He",
        "draft": False,
    }
