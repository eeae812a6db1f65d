"""What a material for dissemination may be: a PDF, a Word or Excel file, a PNG or JPEG picture, at most
20 MB. The type is read from the file's content, never from its name or the browser's claim: a text file
named .pdf is refused, and so is a ZIP named .docx that is not a Word document."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx"}
IMAGES = {PNG, JPEG}
SHOWABLE = {PDF, PNG, JPEG}  # what the projector page can show


def sniff(data: bytes) -> str:
    """The content type of `data`, or "" when it is none of the accepted kinds."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return ""
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    return ""


def read_checked(upload: UploadedFile | None) -> tuple[bytes, str, str]:
    """(bytes, content type, message): the message is "" when the file is accepted."""
    if upload is None:
        return b"", "", _("Chọn tệp tài liệu.")
    if upload.size is not None and upload.size > MAX_BYTES:
        return b"", "", _("Tệp lớn hơn %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return b"", "", _("Tệp lớn hơn %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
    if not data:
        return b"", "", _("Tệp trống.")
    content_type = sniff(data)
    if not content_type:
        return (
            b"",
            "",
            _("Tệp không phải PDF, Word (.docx), Excel (.xlsx) hay ảnh PNG, JPEG, dù tên tệp có thể ghi như vậy."),
        )
    return data, content_type, ""
