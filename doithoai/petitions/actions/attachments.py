"""Files sent with a petition: photos of the place, a scanned paper, a PDF.

The type is read from the file's first bytes, never from its name or the browser's claim: a program
renamed to .jpg is refused. Files go to private storage under a name of our own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.actions import record
from doithoai.core.permissions import require_perm
from doithoai.lib.text import normalize_input
from doithoai.petitions import rules
from doithoai.petitions.models import Attachment, Petition

MAX_FILE_BYTES = 10 * 1024 * 1024  # a phone photo is 2–5 MB; a scanned form as PDF well under 10
MAX_FILES = 5  # per petition


def sniff(head: bytes) -> str:
    """The content type of a file from its first bytes; "" when it is none of the accepted kinds."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return ""


def check_files(files: Iterable[UploadedFile], *, already: int = 0, field: str = "attachments") -> list[str]:
    """Content types of `files` in order, or ValidationError at `field` naming each file refused."""
    files = list(files)
    errors: list[str] = []
    types: list[str] = []
    if already + len(files) > MAX_FILES:
        errors.append(_("Mỗi ý kiến gửi kèm tối đa %(n)s tệp.") % {"n": MAX_FILES})
    for upload in files:
        name = normalize_input(upload.name or "")[:255] or _("(không tên)")
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            errors.append(
                _("Tệp “%(name)s” lớn hơn %(mb)s MB.") % {"name": name, "mb": MAX_FILE_BYTES // (1024 * 1024)}
            )
            continue
        upload.seek(0)
        kind = sniff(upload.read(16))
        upload.seek(0)
        if not kind:
            errors.append(
                _("Tệp “%(name)s” không phải ảnh (JPG, PNG, WEBP) hay PDF, dù tên tệp có thể ghi như vậy.")
                % {"name": name}
            )
        types.append(kind)
    if errors:
        raise ValidationError({field: errors})
    return types


def _digest(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _store(actor: Any, petition: Petition, upload: UploadedFile, content_type: str, sha256: str) -> Attachment:
    attachment = Attachment(
        petition=petition,
        original_name=normalize_input(upload.name or "")[:255] or "tep",
        content_type=content_type,
        size=upload.size or 0,
        sha256=sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    return attachment


def store_attachments(*, actor: Any, petition: Petition, files: Iterable[UploadedFile]) -> list[Attachment]:
    """Inside the caller's transaction (intake of a new petition): check then store; no permission check.
    A file whose content was already attached to this petition is not stored twice."""
    files = list(files)
    if not files:
        return []
    types = check_files(files, already=petition.attachments.count())
    seen = set(petition.attachments.values_list("sha256", flat=True))
    stored = []
    for upload, kind in zip(files, types, strict=True):
        sha256 = _digest(upload)
        if sha256 in seen:
            continue
        seen.add(sha256)
        stored.append(_store(actor, petition, upload, kind, sha256))
    if stored:
        record(
            actor=actor,
            event_type="petition.attachments_added",
            obj=petition,
            unit=petition.unit,
            extra={"count": len(stored), "types": sorted({a.content_type for a in stored})},
        )
    return stored


@transaction.atomic
def attachments_add(*, actor: Any, petition: Petition, files: Iterable[UploadedFile]) -> list[Attachment]:
    """Staff add files to a petition already received."""
    require_perm(actor, rules.RECEIVE_PETITIONS, petition.unit)
    petition = Petition.objects.select_for_update(of=("self",)).select_related("unit").get(pk=petition.pk)
    return store_attachments(actor=actor, petition=petition, files=files)


@transaction.atomic
def attachment_open(*, actor: Any, attachment: Attachment) -> Attachment:
    """Before a file is streamed to a reader: it may show a face or a house, so every read is audited."""
    unit = attachment.petition.unit
    require_perm(actor, rules.VIEW_ATTACHMENTS, unit)
    record(
        actor=actor,
        event_type="petition.attachment_viewed",
        obj=attachment.petition,
        unit=unit,
        extra={"attachment": attachment.pk},
    )
    return attachment
