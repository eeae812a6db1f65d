"""One issued document: what the register says of it, its versions, its files (DOCX, PDF, the signed scan)
with their SHA-256, and re-issuing it under a new number."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import has_perm
from doithoai.documents import actions, pdf, rules, selectors
from doithoai.documents.forms import ReissueForm, UploadForm, new_submission_key
from doithoai.documents.models import DocumentStatus, IssuedDocument, IssuerBody, PdfStatus
from doithoai.documents.views import page_context, serve_stored, unit_for
from doithoai.units.models import AdminUnit


def subject_link(unit: AdminUnit, document: IssuedDocument) -> tuple[str, str] | None:
    """(url, label) of the page where the document was made."""
    from django.urls import reverse

    if document.conference_id:
        return reverse("documents:conference", args=[unit.pk, document.conference_id]), _("Văn bản của hội nghị")
    if document.plan_id:
        return reverse("documents:plan", args=[unit.pk, document.plan_id]), _("Văn bản của kế hoạch")
    if document.referral_id:
        return reverse("documents:referral", args=[unit.pk, document.referral_id]), _("Văn bản chuyển kiến nghị")
    if document.period_start:
        return reverse("documents:results_report", args=[unit.pk]), _("Báo cáo kết quả")
    return None


def detail_context(
    request: HttpRequest,
    unit: AdminUnit,
    document: IssuedDocument,
    *,
    reissue_form: ReissueForm | None = None,
    upload_form: UploadForm | None = None,
    page_errors: list[str] | None = None,
) -> dict[str, Any]:
    can_issue = has_perm(request.user, rules.ISSUE[IssuerBody(document.issuer)], unit)
    kind_spec = selectors.spec_or_none(document.kind)
    if reissue_form is None:
        reissue_form = ReissueForm(
            initial={
                "issued_on": timezone.localdate(),
                "signer_name": document.signer_name,
                "signer_title": document.signer_title,
                "submission_key": new_submission_key(),
            }
        )
    return page_context(
        request,
        unit,
        document=document,
        versions=selectors.version_chain(document),
        subject_link=subject_link(unit, document),
        can_issue=can_issue,
        can_reissue=can_issue and document.status == DocumentStatus.ISSUED and kind_spec is not None,
        can_retry_pdf=can_issue
        and not document.pdf_id
        and (
            document.pdf_status == PdfStatus.FAILED
            or (document.pdf_status == PdfStatus.UNAVAILABLE and pdf.available())
        ),
        reissue_form=reissue_form,
        upload_form=upload_form or UploadForm(),
        page_errors=page_errors or [],
        PdfStatus=PdfStatus,
        recipients=[line for line in document.recipients.splitlines() if line.strip()],
    )


@login_required
@require_GET
def document_detail(request: HttpRequest, unit_id: int, document_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    document = selectors.get_document(unit, document_id)
    return render(request, "documents/detail.html", detail_context(request, unit, document))


@login_required
@require_GET
def pdf_status(request: HttpRequest, unit_id: int, document_id: int) -> HttpResponse:
    """The PDF box alone: htmx polls it every 2 seconds while the PDF is being made."""
    unit = unit_for(request, unit_id)
    document = selectors.get_document(unit, document_id)
    return render(request, "documents/_pdf.html", detail_context(request, unit, document))


@login_required
@require_GET
def download(request: HttpRequest, unit_id: int, document_id: int, what: str) -> HttpResponse:
    unit = unit_for(request, unit_id)
    document = selectors.get_document(unit, document_id)
    kind_spec = selectors.spec_or_none(document.kind)

    def name(extension: str) -> str:
        if kind_spec is None:
            return f"{document.kind}-{document.pk}.{extension}"
        return actions.filename_for(kind_spec, document.number_text, extension)

    if what == "docx":
        stored, filename = document.docx, name("docx")
    elif what == "pdf" and document.pdf is not None:
        stored, filename = document.pdf, name("pdf")
    elif what == "ban-da-ky" and document.signed_copy is not None:
        stored, filename = document.signed_copy, name("pdf").removesuffix(".pdf") + "-ban-da-ky.pdf"
    else:
        raise Http404
    return serve_stored(request, unit, stored, filename)


@login_required
@require_POST
def retry_pdf(request: HttpRequest, unit_id: int, document_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    document = selectors.get_document(unit, document_id)
    try:
        actions.retry_pdf(actor=request.user, document=document)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.info(request, _("Đang tạo lại PDF."))
    return redirect("documents:detail", unit_id=unit.pk, document_id=document.pk)


@login_required
@require_POST
def upload_signed(request: HttpRequest, unit_id: int, document_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    document = selectors.get_document(unit, document_id)
    form = UploadForm(request.POST, request.FILES)
    try:
        actions.upload_signed_copy(actor=request.user, document=document, upload=request.FILES.get("file"))
    except ValidationError as exc:
        form.is_valid()
        form.add_action_errors(error_dict(exc))
        context = detail_context(request, unit, document, upload_form=form)
        return render(request, "documents/detail.html", context)
    messages.success(request, _("Đã lưu bản đã ký."))
    return redirect("documents:detail", unit_id=unit.pk, document_id=document.pk)


@login_required
@require_http_methods(["POST"])
def reissue(request: HttpRequest, unit_id: int, document_id: int) -> HttpResponse:
    """Ban hành lại: a new number and file; this one stays in the register, marked as replaced."""
    unit = unit_for(request, unit_id)
    document = selectors.get_document(unit, document_id)
    form = ReissueForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        kind_spec = selectors.spec_or_none(document.kind)
        try:
            if kind_spec is not None and kind_spec.background:
                job = actions.request_job(
                    actor=request.user,
                    kind=document.kind,
                    subject=actions.subject_of(document),
                    issue={
                        "issued_on": data["issued_on"],
                        "signer_name": data["signer_name"] or document.signer_name,
                        "signer_title": data["signer_title"],
                        "replaces": document.pk,
                    },
                    submission_key=data["submission_key"],
                )
                return redirect("documents:job", unit_id=unit.pk, job_id=job.pk)
            new = actions.reissue_document(
                actor=request.user,
                document=document,
                issued_on=data["issued_on"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                submission_key=data["submission_key"],
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(
                request,
                _("Đã ban hành lại: văn bản số %(new)s thay thế văn bản số %(old)s.")
                % {"new": new.number_text, "old": document.number_text},
            )
            return redirect("documents:detail", unit_id=unit.pk, document_id=new.pk)
    form.mark_invalid()
    document = selectors.get_document(unit, document.pk)
    return render(request, "documents/detail.html", detail_context(request, unit, document, reissue_form=form))


URLS = [
    path("<int:document_id>/", document_detail, name="detail"),
    path("<int:document_id>/pdf/", pdf_status, name="pdf_status"),
    path("<int:document_id>/tai/<slug:what>/", download, name="download"),
    path("<int:document_id>/tao-lai-pdf/", retry_pdf, name="retry_pdf"),
    path("<int:document_id>/ban-da-ky/", upload_signed, name="upload_signed"),
    path("<int:document_id>/ban-hanh-lai/", reissue, name="reissue"),
]
