"""Documents the public may download from the portal: the plan once issued, a public conference's
announcement, and its conclusion notice once the conference is concluded. Only these kinds, only the version
in force, only of a unit that uses the system; anything else answers 404, whatever its id.

None of them names a citizen: the plan and the announcement are addressed to everyone, and the conclusion
notice names villages only (documents.kinds.conclusion_notice). The signed scan is never offered here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.documents import selectors as document_selectors
from doithoai.documents.actions import filename_for
from doithoai.documents.models import DocumentKind, DocumentStatus, IssuedDocument, PdfStatus
from doithoai.lib.vndates import short_date
from doithoai.plans.models import Plan, PlanStatus
from doithoai.portal import selectors

K = DocumentKind
PUBLIC_KINDS = frozenset({K.PLAN, K.ANNOUNCEMENT, K.CONCLUSION_NOTICE})
FORMATS = ("docx", "pdf")


@dataclass
class PublicDocument:
    document: IssuedDocument
    title: str  # "Kế hoạch số 102/KH-UBND ngày 15/5/2026"
    has_pdf: bool


def _title(document: IssuedDocument) -> str:
    values = {"number": document.number_text, "date": short_date(document.issued_on)}
    if document.kind == K.PLAN:
        return _("Kế hoạch số %(number)s ngày %(date)s") % values
    if document.kind == K.ANNOUNCEMENT:
        return _("Thông báo số %(number)s ngày %(date)s") % values
    return _("Thông báo kết luận số %(number)s ngày %(date)s") % values


def _public(document: IssuedDocument) -> PublicDocument:
    return PublicDocument(
        document=document,
        title=_title(document),
        has_pdf=document.pdf_id is not None and document.pdf_status == PdfStatus.READY,
    )


def _in_force(**subject: object) -> dict[str, IssuedDocument]:
    return document_selectors.current_documents(**subject)


def plan_documents(plan: Plan) -> list[PublicDocument]:
    """The issued plan's document, once the plan is issued (never a draft's)."""
    if plan.status == PlanStatus.DRAFT:
        return []
    found = _in_force(plan=plan, conference__isnull=True).get(K.PLAN)
    return [_public(found)] if found is not None and found.unit_id == plan.unit_id else []


def conference_documents(conference: Conference) -> list[PublicDocument]:
    """A public conference's announcement, and its conclusion notice once concluded."""
    if not selectors.public_conferences().filter(pk=conference.pk).exists():
        return []
    found = _in_force(conference=conference)
    kinds = [K.ANNOUNCEMENT]
    if conference.status == ConferenceStatus.CONCLUDED:
        kinds.append(K.CONCLUSION_NOTICE)
    return [_public(found[k]) for k in kinds if k in found and found[k].unit_id == conference.unit_id]


def _is_public(document: IssuedDocument) -> bool:
    if document.kind == K.PLAN:
        plan = document.plan
        return plan is not None and plan.unit_id == document.unit_id and plan.status != PlanStatus.DRAFT
    conference = document.conference
    if conference is None or conference.unit_id != document.unit_id:
        return False
    if not selectors.public_conferences().filter(pk=conference.pk).exists():
        return False
    return document.kind == K.ANNOUNCEMENT or conference.status == ConferenceStatus.CONCLUDED


def get_public_document(unit_id: int, document_id: int) -> IssuedDocument:
    """The document if the public may download it (see the module's docstring); 404 otherwise."""
    unit = selectors.get_public_unit(unit_id)
    document = (
        IssuedDocument.objects.filter(unit=unit, pk=document_id, status=DocumentStatus.ISSUED, kind__in=PUBLIC_KINDS)
        .select_related("plan", "conference", "docx", "pdf")
        .defer("context", "docx__data", "pdf__data")
        .first()
    )
    if document is None or not _is_public(document):
        raise Http404
    return document


@require_safe
def download(request: HttpRequest, unit_id: int, document_id: int, fmt: str) -> HttpResponse:
    """The document as issued (DOCX), or its PDF when made."""
    document = get_public_document(unit_id, document_id)
    if fmt not in FORMATS:
        raise Http404
    stored = document.docx if fmt == "docx" else document.pdf
    if stored is None or (fmt == "pdf" and document.pdf_status != PdfStatus.READY):
        raise Http404
    data = document_selectors.stored_bytes(stored)
    if data is None:  # changed since it was stored: never served
        raise Http404
    spec = document_selectors.spec_or_none(document.kind)
    filename = filename_for(spec, document.number_text, fmt) if spec else f"{document.kind}-{document.pk}.{fmt}"
    response = HttpResponse(data, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(data))
    response["X-Content-SHA256"] = stored.sha256
    return response
