"""Demo materials for dissemination (tài liệu tuyên truyền) of the Điềm He conference ahead, uploaded through
`material_upload` as the page does: the socio-economic report read at the conference (a small PDF, for the
projector, not published) and the law to disseminate (a picture with a QR code to its text, published on
the portal). Files are made here, without LibreOffice. Running it again changes nothing (submission keys)."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.core.files.uploadedfile import SimpleUploadedFile

from doithoai.documents.actions import material_set_public, material_upload
from doithoai.documents.models import MaterialKind

LAW_URL = "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=156375"  # Luật Thực hiện dân chủ ở cơ sở 2022


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page A4 PDF of ASCII lines in Helvetica, built by hand (objects, xref, trailer)."""
    text = ["BT", "/F1 16 Tf", "56 780 Td", "22 TL"]
    for line in lines:
        safe = line.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({safe}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=10, border=4)
    return out.getvalue()


def load_demo_materials(office: Any, conference: Any) -> None:
    report = tiny_pdf(
        [
            "UY BAN NHAN DAN XA DIEM HE",
            "",
            "BAO CAO TINH HINH KINH TE - XA HOI",
            "(tai lieu minh hoa cua ban demo)",
            "",
            "1. Nong nghiep: dien tich lua, ngo on dinh.",
            "2. Ha tang: duong lien thon, kenh muong noi dong.",
            "3. Van hoa - xa hoi: truong hoc, tram y te.",
        ]
    )
    material_upload(
        actor=office,
        conference=conference,
        title="Báo cáo tình hình kinh tế - xã hội, quốc phòng - an ninh của xã",
        kind=MaterialKind.REPORT,
        upload=SimpleUploadedFile("bao-cao-kt-xh.pdf", report, content_type="application/pdf"),
        submission_key=f"demo-material-report-{conference.pk}",
    )
    law = material_upload(
        actor=office,
        conference=conference,
        title="Luật Thực hiện dân chủ ở cơ sở năm 2022 (quét mã QR để đọc toàn văn)",
        kind=MaterialKind.LEGAL_TEXT,
        upload=SimpleUploadedFile("luat-dan-chu-co-so.png", qr_png(LAW_URL), content_type="image/png"),
        submission_key=f"demo-material-law-{conference.pk}",
    )
    material_set_public(actor=office, material=law, is_public=True)
