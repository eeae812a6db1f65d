"""Every write of the documents app: issuing (number + stored file in one transaction), re-issuing,
drafts, background jobs and their PDFs, the unit's templates and numbering settings. Each write records
one audit event."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record
from doithoai.core.actors import actor_or_none
from doithoai.core.permissions import require_perm
from doithoai.documents import numbering, pdf, rules, workflow
from doithoai.documents.kinds import (
    FormSubject,
    KindSpec,
    NotReady,
    Period,
    issuer_for,
    layout_for,
    spec,
    subject_unit,
)
from doithoai.documents.kinds.common import common_context
from doithoai.documents.models import (
    ConferenceRules,
    DocumentJob,
    DocumentKind,
    DocumentSettings,
    DocumentStatus,
    IssuedDocument,
    IssuerBody,
    JobStatus,
    Material,
    NumberingMode,
    PdfStatus,
    StoredFile,
    UnitTemplate,
)
from doithoai.documents.render import (
    DOCX_TYPE,
    PDF_TYPE,
    builtin_template,
    check_template,
    render_docx,
    template_for,
)
from doithoai.lib.text import normalize_input
from doithoai.lib.vndates import short_date

EVENT_LABELS = {
    "document.issued": gettext_lazy("Ban hành văn bản"),
    "document.replaced": gettext_lazy("Văn bản được thay thế"),
    "document.pdf_made": gettext_lazy("Tạo PDF của văn bản"),
    "document.signed_copy_uploaded": gettext_lazy("Tải lên bản đã ký"),
    "document.template_uploaded": gettext_lazy("Tải lên mẫu văn bản"),
    "document.template_removed": gettext_lazy("Bỏ mẫu văn bản của đơn vị"),
    "document.job_requested": gettext_lazy("Yêu cầu tạo văn bản"),
    "document.settings_changed": gettext_lazy("Sửa thiết lập văn bản"),
    "referral.letter_issued": gettext_lazy("Ghi số văn bản chuyển"),
    "document.conference_rules_changed": gettext_lazy("Sửa nội quy hội nghị"),
    "document.material_uploaded": gettext_lazy("Tải lên tài liệu tuyên truyền"),
    "document.material_published": gettext_lazy("Công khai tài liệu tuyên truyền trên Cổng"),
    "document.material_withdrawn": gettext_lazy("Thôi công khai tài liệu tuyên truyền"),
    "document.material_deleted": gettext_lazy("Xóa tài liệu tuyên truyền"),
}

Progress = Callable[[int, int, str], None]
MAX_SIGNED_COPY_BYTES = 20 * 1024 * 1024


def store(data: bytes, content_type: str) -> StoredFile:
    return StoredFile.objects.create(
        data=data, sha256=hashlib.sha256(data).hexdigest(), size=len(data), content_type=content_type
    )


# ---------------------------------------------------------------------------- what a document is about


def layout_and_issuer(kind_spec: KindSpec, subject: Any) -> tuple[str, str]:
    issuer = issuer_for(kind_spec, subject)
    return str(layout_for(issuer)), str(issuer)


def subject_fields(subject: Any) -> dict[str, Any]:
    """The IssuedDocument fields that point at the subject."""
    from doithoai.conferences.models import Conference
    from doithoai.petitions.models import Referral
    from doithoai.plans.models import Plan

    if isinstance(subject, Plan):
        return {"plan": subject}
    if isinstance(subject, Conference):
        return {"conference": subject, "plan": subject.plan}
    if isinstance(subject, Referral):
        return {"referral": subject}
    if isinstance(subject, Period):
        return {"period_start": subject.start, "period_end": subject.end}
    if isinstance(subject, FormSubject):
        return {"conference": subject.conference}
    raise TypeError(type(subject))


def year_of(subject: Any) -> int:
    """The year a draft's date line shows."""
    from doithoai.plans.models import Plan

    if isinstance(subject, Plan):
        return subject.year
    if isinstance(subject, Period):
        return int(subject.end.year)
    return timezone.localdate().year


def _check_draft_perm(actor: Any, kind_spec: KindSpec, unit: Any, issuer: str) -> None:
    require_perm(actor, rules.draft_permission(numbered=kind_spec.numbered, issuer=issuer), unit)


def _collect(kind_spec: KindSpec, subject: Any, progress: Progress | None) -> dict[str, Any]:
    try:
        return kind_spec.collect(subject, progress=progress)
    except NotReady as error:
        raise ValidationError(str(error)) from error


def filename_for(kind_spec: KindSpec, number_text: str, extension: str) -> str:
    """'ke-hoach-05-KH-UBND.docx': no spaces or slashes; the number says which one it is."""
    base = kind_spec.filename or kind_spec.kind
    tail = number_text.replace("/", "-").replace(" ", "") if number_text else "du-thao"
    tail = tail.replace("Đ", "D").replace("đ", "d")
    return f"{base}-{tail}.{extension}"


# ---------------------------------------------------------------------------- drafts


def draft_docx(*, actor: Any, kind: str, subject: Any, progress: Progress | None = None) -> tuple[bytes, str]:
    """The document as it would be issued, without a number or date: for review, and to edit in Word.
    Unnumbered kinds (forms, the radio script) are only ever this."""
    kind_spec = spec(kind)
    unit = subject_unit(subject)
    layout, issuer = layout_and_issuer(kind_spec, subject)
    _check_draft_perm(actor, kind_spec, unit, issuer)
    data = _collect(kind_spec, subject, progress)
    context = common_context(
        unit=unit,
        kind_spec=kind_spec,
        layout=layout,
        issuer=issuer,
        data=data,
        number_text=None,
        issued_on=None,
        year=year_of(subject),
    )
    rendered, _source, _error = render_for_unit(unit, kind, layout, context, progress)
    return rendered, filename_for(kind_spec, "", "docx")


def render_for_unit(
    unit: Any, kind: str, layout: str, context: dict[str, Any], progress: Progress | None
) -> tuple[bytes, str, str]:
    """(DOCX, template source, error): the unit's template if it has one; if that fails on this document's
    data (it passed the checks with the sample data), the built-in one, so the document can still be made on
    the day, with the error kept for the audit trail."""
    template, source = template_for(unit, kind, layout)
    if source == "builtin":
        return render_docx(template, context, progress=progress), source, ""
    try:
        return render_docx(template, context, progress=progress), source, ""
    except Exception as error:  # whatever a unit's template does, the document is still made
        fallback = render_docx(builtin_template(kind, layout), context, progress=progress)
        return fallback, f"builtin (fallback from {source})", str(error)[:250]


# ---------------------------------------------------------------------------- issuing


def _current(kind: str, subject: Any) -> IssuedDocument | None:
    fields = subject_fields(subject)
    if "period_start" in fields or isinstance(subject, FormSubject):
        return None
    lookup = {k: v for k, v in fields.items() if k in ("plan", "conference", "referral")}
    if "conference" in lookup:
        lookup.pop("plan", None)
    return IssuedDocument.objects.filter(kind=kind, status=DocumentStatus.ISSUED, **lookup).first()


def issue_document(
    *,
    actor: Any,
    kind: str,
    subject: Any,
    issued_on: dt.date | None,
    signer_name: str = "",
    signer_title: str = "",
    number: int | None = None,
    replaces: IssuedDocument | None = None,
    submission_key: str = "",
    progress: Progress | None = None,
) -> IssuedDocument:
    """Give the document the next number of its series (or `number`, if free), render it, and store it
    with its hash, all in one transaction. The PDF follows in the background."""
    kind_spec = spec(kind)
    if not kind_spec.numbered:
        raise ValidationError(_("Loại văn bản này không ban hành có số; tải bản DOCX hoặc PDF để dùng."))
    unit = subject_unit(subject)
    if submission_key and getattr(actor, "is_authenticated", False):
        done = IssuedDocument.objects.filter(issued_by=actor, submission_key=submission_key).first()
        if done is not None:
            return done
    layout, issuer = layout_and_issuer(kind_spec, subject)
    require_perm(actor, rules.ISSUE[IssuerBody(issuer)], unit)
    data = _collect(kind_spec, subject, progress)
    errors: dict[str, list[str]] = {}
    if issued_on is None:
        errors["issued_on"] = [_("Nhập ngày ban hành.")]
    elif issued_on > timezone.localdate():
        errors["issued_on"] = [_("Ngày ban hành không được sau hôm nay.")]
    elif issued_on.year < 2000:
        errors["issued_on"] = [_("Ngày ban hành không hợp lệ.")]
    signer_name = normalize_input(signer_name)[:120]
    signer_title = normalize_input(signer_title)[:120]
    if number is not None and not 1 <= number <= 999999:
        errors["number"] = [_("Số văn bản phải là số nguyên dương.")]
    if errors:
        raise ValidationError(errors)
    assert issued_on is not None
    current = _current(kind, subject)
    if replaces is None and current is not None:
        raise ValidationError(
            _("Văn bản này đã ban hành số %(number)s ngày %(date)s; dùng “Ban hành lại” để thay thế.")
            % {"number": current.number_text, "date": short_date(current.issued_on)}
        )
    if replaces is not None and current is not None and current.pk != replaces.pk:
        raise ValidationError(_("Văn bản đã được ban hành lại; tải lại trang để xem bản mới nhất."))
    symbol = numbering.symbol_for(unit, issuer, kind_spec.type_abbr)
    key = numbering.series_key(unit, issuer, kind_spec.type_abbr, issued_on.year)
    try:
        with transaction.atomic():
            if replaces is not None:
                replaces = workflow.table_for(replaces.issuer).apply(
                    actor, replaces, workflow.REPLACE, audit_fields=["status"]
                )
            if number is None:
                given = numbering.take_next(key)
            else:
                if IssuedDocument.objects.filter(
                    unit=unit, issuer=issuer, period=key.period, series=key.series, number=number
                ).exists():
                    raise ValidationError({"number": [_number_taken(number, symbol, layout)]})
                numbering.claim(key, number)
                given = number
            number_text = numbering.format_number(given, symbol, layout)
            context = common_context(
                unit=unit,
                kind_spec=kind_spec,
                layout=layout,
                issuer=issuer,
                data=data,
                number_text=number_text,
                issued_on=issued_on,
                year=issued_on.year,
                signer_name=signer_name,
                signer_title=signer_title,
                replaces=replaces,
            )
            rendered, source, template_error = render_for_unit(unit, kind, layout, context, progress)
            docx = store(rendered, DOCX_TYPE)
            document = IssuedDocument.objects.create(
                unit=unit,
                kind=kind,
                issuer=issuer,
                layout=layout,
                period=key.period,
                series=key.series,
                number=given,
                symbol=symbol,
                number_text=number_text,
                issued_on=issued_on,
                summary=str(context.get("summary", ""))[:500],
                signer_name=str(context.get("signer_name", ""))[:120],
                signer_title=str(context.get("signer_title", ""))[:120],
                recipients="\n".join(str(r) for r in context.get("recipients", [])),
                version=(replaces.version + 1) if replaces is not None else 1,
                replaces=replaces,
                context=data,
                template_source=source,
                docx=docx,
                pdf_status=PdfStatus.PENDING if pdf.available() else PdfStatus.UNAVAILABLE,
                issued_by=actor_or_none(actor),
                submission_key=submission_key if actor_or_none(actor) else "",
                **subject_fields(subject),
            )
            record(
                actor=actor,
                event_type="document.issued",
                obj=document,
                unit=unit,
                extra={
                    "kind": kind,
                    "number": number_text,
                    "issued_on": issued_on.isoformat(),
                    "docx_sha256": docx.sha256,
                    "template": source,
                    "template_error": template_error,
                    "replaces": replaces.number_text if replaces is not None else "",
                },
            )
            # What the subject records of its document (a referral's letter number and date).
            hook = kind_spec.extra.get("after_issue")
            if hook is not None:
                hook(document, actor=actor)
            if document.pdf_status == PdfStatus.PENDING:
                document_id = document.pk
                transaction.on_commit(lambda: _enqueue_pdf(document_id))
    except IntegrityError as error:
        # Another request took this number or issued this document at the same moment.
        taken = _current(kind, subject)
        if taken is not None and (replaces is None or taken.pk != replaces.pk):
            raise ValidationError(
                _("Văn bản này vừa được ban hành số %(number)s; tải lại trang.") % {"number": taken.number_text}
            ) from error
        if number is not None:
            raise ValidationError({"number": [_number_taken(number, symbol, layout)]}) from error
        raise
    return document


def _number_taken(number: int, symbol: str, layout: str) -> str:
    return _("Số %(number)s đã được cấp cho văn bản khác; số đã cấp không dùng lại.") % {
        "number": numbering.format_number(number, symbol, layout)
    }


def reissue_document(
    *,
    actor: Any,
    document: IssuedDocument,
    issued_on: dt.date | None,
    signer_name: str = "",
    signer_title: str = "",
    submission_key: str = "",
) -> IssuedDocument:
    """A corrected document under a new number, replacing `document` (kept in the register as replaced)."""
    subject = subject_of(document)
    return issue_document(
        actor=actor,
        kind=document.kind,
        subject=subject,
        issued_on=issued_on,
        signer_name=signer_name or document.signer_name,
        signer_title=signer_title,
        replaces=document,
        submission_key=submission_key,
    )


def subject_of(document: IssuedDocument) -> Any:
    if document.kind in (DocumentKind.PLAN,) and document.plan_id:
        return document.plan
    if document.conference_id:
        return document.conference
    if document.referral_id:
        return document.referral
    if document.period_start and document.period_end:
        return Period(document.unit, document.period_start, document.period_end)
    raise ValueError("document without a subject")


# ---------------------------------------------------------------------------- PDF


def _enqueue_pdf(document_id: int) -> None:
    from doithoai.documents.tasks import make_pdf

    make_pdf.enqueue(document_id)


def make_document_pdf(document_id: int) -> IssuedDocument:
    """Convert an issued document's DOCX to PDF and store it (the worker runs this after issuing)."""
    document = IssuedDocument.objects.select_related("docx").get(pk=document_id)
    if document.pdf_id:
        return document
    try:
        data = pdf.convert(bytes(document.docx.data))
    except pdf.PdfUnavailable:
        IssuedDocument.objects.filter(pk=document.pk).update(pdf_status=PdfStatus.UNAVAILABLE)
        document.refresh_from_db()
        return document
    except pdf.PdfFailed as error:
        IssuedDocument.objects.filter(pk=document.pk).update(pdf_status=PdfStatus.FAILED, pdf_error=str(error)[:255])
        document.refresh_from_db()
        return document
    with transaction.atomic():
        stored = store(data, PDF_TYPE)
        IssuedDocument.objects.filter(pk=document.pk, pdf__isnull=True).update(
            pdf=stored, pdf_status=PdfStatus.READY, pdf_error=""
        )
        document.refresh_from_db()
        record(
            actor=None,
            event_type="document.pdf_made",
            obj=document,
            unit=document.unit,
            extra={"pdf_sha256": stored.sha256},
        )
    return document


def retry_pdf(*, actor: Any, document: IssuedDocument) -> IssuedDocument:
    """Queue the PDF again (LibreOffice installed since, or a failed conversion)."""
    require_perm(actor, rules.ISSUE[IssuerBody(document.issuer)], document.unit)
    if document.pdf_id:
        return document
    if not pdf.available():
        raise ValidationError(_("Máy chủ chưa cài LibreOffice nên chưa tạo được PDF."))
    IssuedDocument.objects.filter(pk=document.pk).update(pdf_status=PdfStatus.PENDING, pdf_error="")
    transaction.on_commit(lambda: _enqueue_pdf(document.pk))
    document.refresh_from_db()
    return document


@transaction.atomic
def upload_signed_copy(*, actor: Any, document: IssuedDocument, upload: Any) -> IssuedDocument:
    """Keep the scan of the signed and sealed paper (PDF) beside the issued document. Once only."""
    require_perm(actor, rules.ISSUE[IssuerBody(document.issuer)], document.unit)
    if document.signed_copy_id:
        raise ValidationError({"file": [_("Văn bản đã có bản đã ký; bản đã lưu không thay được.")]})
    if upload is None:
        raise ValidationError({"file": [_("Chọn tệp PDF bản đã ký.")]})
    if getattr(upload, "size", 0) > MAX_SIGNED_COPY_BYTES:
        raise ValidationError({"file": [_("Tệp lớn hơn 20 MB.")]})
    data = upload.read()
    if not data.startswith(b"%PDF-"):
        raise ValidationError({"file": [_("Tệp không phải PDF. Hãy quét bản đã ký thành tệp PDF.")]})
    stored = store(data, PDF_TYPE)
    updated = IssuedDocument.objects.filter(pk=document.pk, signed_copy__isnull=True).update(signed_copy=stored)
    if not updated:
        raise ValidationError({"file": [_("Văn bản đã có bản đã ký; bản đã lưu không thay được.")]})
    document.refresh_from_db()
    record(
        actor=actor,
        event_type="document.signed_copy_uploaded",
        obj=document,
        unit=document.unit,
        extra={"sha256": stored.sha256, "size": stored.size},
    )
    return document


# ---------------------------------------------------------------------------- background jobs


def job_params(kind: str, subject: Any) -> dict[str, Any]:
    from doithoai.conferences.models import Conference
    from doithoai.petitions.models import Referral
    from doithoai.plans.models import Plan

    if isinstance(subject, Plan):
        return {"plan": subject.pk}
    if isinstance(subject, Conference):
        return {"conference": subject.pk}
    if isinstance(subject, Referral):
        return {"referral": subject.pk}
    if isinstance(subject, Period):
        return {"unit": subject.unit.pk, "start": subject.start.isoformat(), "end": subject.end.isoformat()}
    if isinstance(subject, FormSubject):
        return {"conference": subject.conference.pk, "village": subject.village.pk if subject.village else None}
    raise TypeError(type(subject))


def subject_from_params(kind: str, params: dict[str, Any]) -> Any:
    from doithoai.conferences.models import Conference
    from doithoai.petitions.models import Referral
    from doithoai.plans.models import Plan
    from doithoai.units.models import AdminUnit, Village

    kind_spec = spec(kind)
    if kind_spec.subject == "opinion_form":
        village = Village.objects.get(pk=params["village"]) if params.get("village") else None
        return FormSubject(Conference.objects.select_related("unit", "plan").get(pk=params["conference"]), village)
    if "plan" in params:
        return Plan.objects.select_related("unit").get(pk=params["plan"])
    if "conference" in params:
        return Conference.objects.select_related("unit", "plan").get(pk=params["conference"])
    if "referral" in params:
        return Referral.objects.select_related("from_unit").get(pk=params["referral"])
    return Period(
        AdminUnit.objects.get(pk=params["unit"]),
        dt.date.fromisoformat(params["start"]),
        dt.date.fromisoformat(params["end"]),
    )


def request_job(
    *,
    actor: Any,
    kind: str,
    subject: Any,
    output: str = "docx",
    issue: dict[str, Any] | None = None,
    submission_key: str = "",
) -> DocumentJob:
    """Generate a document in the background: a draft (`output` docx or pdf) or, with `issue` (issued_on,
    signer_name, signer_title, number, replaces), the issued document. The job page shows its progress."""
    kind_spec = spec(kind)
    unit = subject_unit(subject)
    if submission_key and getattr(actor, "is_authenticated", False):
        done = DocumentJob.objects.filter(requested_by=actor, submission_key=submission_key).first()
        if done is not None:
            return done
    if output not in ("docx", "pdf"):
        raise ValidationError({"output": [_("Chọn DOCX hoặc PDF.")]})
    if output == "pdf" and not pdf.available():
        raise ValidationError({"output": [_("Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; hãy tải DOCX.")]})
    _layout, issuer = layout_and_issuer(kind_spec, subject)
    if issue is not None:
        require_perm(actor, rules.ISSUE[IssuerBody(issuer)], unit)
        if issue.get("issued_on") is None:
            raise ValidationError({"issued_on": [_("Nhập ngày ban hành.")]})
        issue = {**issue, "issued_on": issue["issued_on"].isoformat()}
    else:
        _check_draft_perm(actor, kind_spec, unit, issuer)
    with transaction.atomic():
        job = DocumentJob.objects.create(
            unit=unit,
            kind=kind,
            params={"subject": job_params(kind, subject), "output": output, "issue": issue},
            requested_by=actor_or_none(actor),
            submission_key=submission_key if actor_or_none(actor) else "",
            step=_("Đang chờ máy chủ"),
        )
        record(
            actor=actor,
            event_type="document.job_requested",
            obj=job,
            unit=unit,
            extra={"kind": kind, "output": output, "issue": bool(issue)},
        )
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue_job(job_id))
    return job


def _enqueue_job(job_id: int) -> None:
    from doithoai.documents.tasks import run_document_job

    run_document_job.enqueue(job_id)


STEP_LABELS = {
    "qr": gettext_lazy("Đang tạo mã QR"),
    "render": gettext_lazy("Đang dàn trang văn bản"),
    "done": gettext_lazy("Đang lưu"),
    "collect": gettext_lazy("Đang đọc dữ liệu"),
}


def run_job(job_id: int) -> DocumentJob:
    """Run one job (the worker calls this). Safe to run twice: only a queued job runs."""
    claimed = DocumentJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, step=str(STEP_LABELS["collect"])
    )
    job = DocumentJob.objects.select_related("requested_by").get(pk=job_id)
    if not claimed:
        return job

    def progress(done: int, total: int, step: str) -> None:
        DocumentJob.objects.filter(pk=job_id).update(
            progress_done=done, progress_total=total, step=str(STEP_LABELS.get(step, step))
        )

    actor = job.requested_by
    kind_spec = spec(job.kind)
    try:
        subject = subject_from_params(job.kind, job.params["subject"])
        issue = job.params.get("issue")
        if issue:
            replaces_id = issue.get("replaces")
            replaces = IssuedDocument.objects.filter(pk=replaces_id).first() if replaces_id else None
            document = issue_document(
                actor=actor,
                kind=job.kind,
                subject=subject,
                issued_on=dt.date.fromisoformat(issue["issued_on"]),
                signer_name=issue.get("signer_name", ""),
                signer_title=issue.get("signer_title", ""),
                number=issue.get("number"),
                replaces=replaces,
                progress=progress,
            )
            DocumentJob.objects.filter(pk=job_id).update(
                status=JobStatus.DONE,
                document=document,
                result=document.docx,
                filename=filename_for(kind_spec, document.number_text, "docx"),
                finished_at=timezone.now(),
                progress_done=1,
                progress_total=1,
                step="",
            )
        else:
            data, filename = draft_docx(actor=actor, kind=job.kind, subject=subject, progress=progress)
            content_type = DOCX_TYPE
            if job.params.get("output") == "pdf":
                progress(0, 1, "PDF")
                data = pdf.convert(data)
                filename = filename.removesuffix(".docx") + ".pdf"
                content_type = PDF_TYPE
            stored = store(data, content_type)
            DocumentJob.objects.filter(pk=job_id).update(
                status=JobStatus.DONE,
                result=stored,
                filename=filename,
                finished_at=timezone.now(),
                step="",
            )
    except ValidationError as error:
        DocumentJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=" ".join(_messages(error)), finished_at=timezone.now()
        )
    except (PermissionDenied, pdf.PdfUnavailable, pdf.PdfFailed) as error:
        message = (
            _("Không có quyền tạo văn bản này.")
            if isinstance(error, PermissionDenied)
            else _("Không tạo được PDF trên máy chủ.")
        )
        DocumentJob.objects.filter(pk=job_id).update(status=JobStatus.FAILED, error=message, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


# ---------------------------------------------------------------------------- templates and settings


def upload_template(*, actor: Any, unit: Any, kind: str, layout: str, upload: Any) -> UnitTemplate:
    """Check a unit's DOCX against the kind's fields and, if it passes, use it from now on (the previous
    one of the unit is kept, inactive). A failing one is refused with every problem listed."""
    require_perm(actor, rules.MANAGE_TEMPLATES, unit)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("Chọn loại văn bản.")]})
    kind_spec = spec(kind)
    if layout not in kind_spec.layouts:
        raise ValidationError({"layout": [_("Loại văn bản này không có thể thức đã chọn.")]})
    if upload is None:
        raise ValidationError({"file": [_("Chọn tệp mẫu (.docx).")]})
    data = upload.read()
    errors, used = check_template(kind, layout, data)
    if errors:
        raise ValidationError({"file": errors})
    with transaction.atomic():
        UnitTemplate.objects.filter(unit=unit, kind=kind, layout=layout, is_active=True).update(is_active=False)
        stored = store(data, DOCX_TYPE)
        template = UnitTemplate.objects.create(
            unit=unit,
            kind=kind,
            layout=layout,
            file=stored,
            original_name=normalize_input(getattr(upload, "name", "") or "")[:255] or "mau.docx",
            fields_used=used,
            uploaded_by=actor_or_none(actor),
        )
        record(
            actor=actor,
            event_type="document.template_uploaded",
            obj=template,
            unit=unit,
            extra={"kind": kind, "layout": layout, "sha256": stored.sha256, "fields": used},
        )
    return template


@transaction.atomic
def remove_template(*, actor: Any, template: UnitTemplate) -> UnitTemplate:
    """Go back to the built-in template (the unit's file stays, inactive, in the history)."""
    require_perm(actor, rules.MANAGE_TEMPLATES, template.unit)
    UnitTemplate.objects.filter(pk=template.pk).update(is_active=False)
    template.refresh_from_db()
    record(
        actor=actor,
        event_type="document.template_removed",
        obj=template,
        unit=template.unit,
        extra={"kind": template.kind, "layout": template.layout},
    )
    return template


SETTINGS_FIELDS = [
    "numbering_mode",
    "party_term",
    "office_abbr",
    "party_parent_line",
    "party_name",
    "front_parent_line",
    "front_name",
]


@transaction.atomic
def update_settings(*, actor: Any, unit: Any, data: dict[str, Any]) -> DocumentSettings:
    require_perm(actor, rules.MANAGE_TEMPLATES, unit)
    current = numbering.settings_for(unit)
    before = {name: getattr(current, name) for name in SETTINGS_FIELDS}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name in SETTINGS_FIELDS:
        value = normalize_input(str(data.get(name, before[name]) or ""))
        limit = getattr(DocumentSettings._meta.get_field(name), "max_length", None) or 120
        if len(value) > limit:
            errors[name] = [_("Tối đa %(n)s ký tự.") % {"n": limit}]
        cleaned[name] = value
    if cleaned["numbering_mode"] not in NumberingMode.values:
        errors["numbering_mode"] = [_("Chọn cách đánh số.")]
    if not cleaned["party_term"]:
        errors["party_term"] = [_("Nhập nhiệm kỳ cấp ủy, ví dụ: 2025-2030.")]
    if not cleaned["office_abbr"]:
        errors["office_abbr"] = [_("Nhập chữ viết tắt, ví dụ: VP.")]
    if errors:
        raise ValidationError(errors)
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.save()
    record(actor=actor, event_type="document.settings_changed", obj=current, unit=unit, before=before, after=cleaned)
    return current


# ---------------------------------------------------------------------------- the rules of the unit's conferences


@transaction.atomic
def conference_rules_update(*, actor: Any, unit: Any, text: str) -> ConferenceRules:
    """Keep the unit's nội quy hội nghị (one article a line). Documents issued before keep what they said."""
    from doithoai.documents.kinds import conference_rules as kind

    require_perm(actor, rules.EDIT_CONFERENCE_RULES, unit)
    lines = [normalize_input(line) for line in str(text or "").replace("\r\n", "\n").split("\n")]
    cleaned = "\n".join(line for line in lines if line)
    articles = kind.parse_articles(cleaned)
    if not articles:
        raise ValidationError({"text": [_("Nhập nội quy: mỗi dòng một điều.")]})
    if len(articles) > kind.MAX_ARTICLES:
        raise ValidationError({"text": [_("Nội quy có tối đa %(n)s điều.") % {"n": kind.MAX_ARTICLES}]})
    if len(cleaned) > kind.MAX_CHARS:
        raise ValidationError({"text": [_("Nội quy dài tối đa %(n)s ký tự.") % {"n": kind.MAX_CHARS}]})
    current = ConferenceRules.objects.select_for_update().filter(unit=unit).first()
    if current is not None and current.text == cleaned:
        return current  # nothing changed (a second click): nothing recorded
    before = {"text": current.text if current is not None else ""}
    if current is None:
        current = ConferenceRules(unit=unit)
    current.text = cleaned
    current.updated_by = actor_or_none(actor)
    current.save()
    record(
        actor=actor,
        event_type="document.conference_rules_changed",
        obj=current,
        unit=unit,
        before=before,
        after={"text": cleaned},
    )
    return current


# ---------------------------------------------------------------------------- materials for dissemination

MATERIAL_FIELDS = ("title", "kind", "is_public", "order")


def _material_snapshot(material: Material) -> dict[str, Any]:
    return {name: getattr(material, name) for name in MATERIAL_FIELDS}


@transaction.atomic
def material_upload(
    *, actor: Any, conference: Any, title: str, kind: str, upload: Any, submission_key: str = ""
) -> Material:
    """Add a material (tài liệu tuyên truyền) to a conference: the file checked by its content (PDF, DOCX,
    XLSX, PNG, JPEG; at most 20 MB) and kept in the database. Not public until published. A second click
    with the same submission key returns the first upload."""
    from doithoai.documents import material_files
    from doithoai.documents.models import MaterialKind

    require_perm(actor, rules.MANAGE_MATERIALS, conference.unit)
    user = actor_or_none(actor)
    key = (submission_key or "")[:40]
    if key and user is not None:
        done = Material.objects.filter(uploaded_by=user, submission_key=key).first()
        if done is not None:
            return done
    errors: dict[str, list[str]] = {}
    title = normalize_input(title or "")
    if not title:
        errors["title"] = [_("Nhập tên tài liệu.")]
    elif len(title) > 255:
        errors["title"] = [_("Tên tài liệu dài tối đa 255 ký tự.")]
    if kind not in MaterialKind.values:
        errors["kind"] = [_("Chọn loại tài liệu.")]
    data, content_type, problem = material_files.read_checked(upload)
    if problem:
        errors["file"] = [problem]
    if errors:
        raise ValidationError(errors)
    last = Material.objects.filter(conference=conference).order_by("-order").values_list("order", flat=True).first()
    material = Material.objects.create(
        conference=conference,
        title=title,
        kind=kind,
        file=store(data, content_type),
        original_name=normalize_input(getattr(upload, "name", "") or "")[:255],
        order=(last or 0) + 1,
        uploaded_by=user,
        submission_key=key if user is not None else "",
    )
    record(
        actor=actor,
        event_type="document.material_uploaded",
        obj=material,
        unit=conference.unit,
        after=_material_snapshot(material),
        extra={"conference": conference.pk, "content_type": content_type, "sha256": material.file.sha256},
    )
    return material


@transaction.atomic
def material_set_public(*, actor: Any, material: Material, is_public: bool) -> Material:
    """Publish a material on the portal (with its conference, once that is public), or withdraw it."""
    unit = material.conference.unit
    require_perm(actor, rules.MANAGE_MATERIALS, unit)
    material = Material.objects.select_for_update().select_related("conference__unit").get(pk=material.pk)
    if material.is_public == bool(is_public):
        return material  # nothing changed (a second click): nothing recorded
    before = _material_snapshot(material)
    material.is_public = bool(is_public)
    material.save(update_fields=["is_public"])
    record(
        actor=actor,
        event_type="document.material_published" if material.is_public else "document.material_withdrawn",
        obj=material,
        unit=unit,
        before=before,
        after=_material_snapshot(material),
    )
    return material


@transaction.atomic
def material_delete(*, actor: Any, material: Material) -> None:
    """Remove a material and its file (it is no longer offered anywhere); the audit keeps what it was."""
    unit = material.conference.unit
    require_perm(actor, rules.MANAGE_MATERIALS, unit)
    locked = Material.objects.select_for_update().select_related("file").filter(pk=material.pk).first()
    if locked is None:
        return  # already deleted (a second click)
    material = locked
    stored = material.file
    record(
        actor=actor,
        event_type="document.material_deleted",
        obj=material,
        unit=unit,
        before=_material_snapshot(material),
        extra={"conference": material.conference_id, "sha256": stored.sha256, "size": stored.size},
    )
    material.delete()
    stored.delete()
