"""Sổ văn bản đi: the register of a year as NĐ 30/2020 Phụ lục IV lays it out, on screen and in Excel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doithoai.core.permissions import has_perm
from doithoai.documents import rules, selectors
from doithoai.documents.forms import RegisterFilterForm
from doithoai.documents.models import DocumentStatus, IssuedDocument
from doithoai.documents.views import page_context, unit_for
from doithoai.lib import xlsx
from doithoai.lib.vndates import short_date
from doithoai.units.models import AdminUnit

# Đơn vị, người nhận bản lưu: the clerk's archive copy, as the Nơi nhận's last line ("Lưu: VT") says.
ARCHIVE = "VT"


@dataclass
class Filters:
    year: int
    kind: str
    issuer: str


def _filters(request: HttpRequest, unit: AdminUnit) -> tuple[Filters, RegisterFilterForm]:
    current = timezone.localdate().year
    years = selectors.register_years(unit, current)
    form = RegisterFilterForm(request.GET or None, years=years, initial={"nam": current})
    year, kind, issuer = current, "", ""
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["nam"] or current
        kind = form.cleaned_data["loai"] or ""
        issuer = form.cleaned_data["co_quan"] or ""
    return Filters(year, kind, issuer), form


def note_for(document: IssuedDocument) -> str:
    """Ghi chú: which version it is and what it replaces or was replaced by."""
    parts = []
    if document.version > 1:
        parts.append(_("Ban hành lần %(n)s") % {"n": document.version})
    if document.replaces_id and document.replaces is not None:
        parts.append(_("Thay thế văn bản số %(number)s") % {"number": document.replaces.number_text})
    replaced_by = getattr(document, "replaced_by", None) if document.status == DocumentStatus.REPLACED else None
    if replaced_by is not None:
        parts.append(_("Đã được thay thế bằng văn bản số %(number)s") % {"number": replaced_by.number_text})
    elif document.status == DocumentStatus.REPLACED:
        parts.append(_("Đã được thay thế"))
    return "; ".join(parts)


def recipients_text(document: IssuedDocument) -> str:
    return "; ".join(line.strip(" -;.") for line in document.recipients.splitlines() if line.strip())


@login_required
@require_GET
def register_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    filters, form = _filters(request, unit)
    paginator = Paginator(selectors.register(unit, year=filters.year, kind=filters.kind, issuer=filters.issuer), 50)
    page = paginator.get_page(request.GET.get("trang"))
    rows = [
        {"document": d, "recipients": recipients_text(d), "note": note_for(d), "archive": ARCHIVE}
        for d in page.object_list
    ]
    query = request.GET.copy()
    query.pop("trang", None)
    context = page_context(
        request,
        unit,
        form=form,
        filters=filters,
        page=page,
        rows=rows,
        query=query.urlencode(),
        can_manage=has_perm(request.user, rules.MANAGE_TEMPLATES, unit),
    )
    return render(request, "documents/register.html", context)


def register_workbook(unit: AdminUnit, filters: Filters, documents: list[IssuedDocument]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Sổ văn bản đi")[:31]
    xlsx.title_row(sheet, _("SỔ ĐĂNG KÝ VĂN BẢN ĐI"))
    sheet.append([_("%(unit)s – năm %(year)s") % {"unit": unit.name, "year": filters.year}])
    sheet.append([])
    headers = [
        _("Số, ký hiệu văn bản"),
        _("Ngày tháng văn bản"),
        _("Tên loại và trích yếu nội dung văn bản"),
        _("Người ký"),
        _("Nơi nhận văn bản"),
        _("Đơn vị, người nhận bản lưu"),
        _("Số lượng bản"),
        _("Ngày chuyển"),
        _("Ký nhận"),
        _("Ghi chú"),
    ]
    xlsx.header_row(sheet, headers, (16, 12, 50, 20, 36, 12, 10, 12, 12, 30), fill=xlsx.EXPORT_FILL)
    for document in documents:
        cells: list[Any] = [
            document.number_text,
            short_date(document.issued_on),
            f"{document.get_kind_display()}: {document.summary}",
            document.signer_name,
            recipients_text(document),
            ARCHIVE,
            None,
            None,
            None,
            note_for(document) or None,
        ]
        xlsx.data_row(sheet, cells, wrap=True)
    return xlsx.save(book)


@login_required
@require_GET
def register_excel(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The register with the same filter as the page, every row (not one page)."""
    unit = unit_for(request, unit_id)
    filters, _form = _filters(request, unit)
    documents = list(selectors.register(unit, year=filters.year, kind=filters.kind, issuer=filters.issuer))
    response = HttpResponse(register_workbook(unit, filters, documents), content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"so-van-ban-di-{filters.year}.xlsx")
    return response


URLS = [
    path("", register_page, name="register"),
    path("so-van-ban-di.xlsx", register_excel, name="register_excel"),
]
