"""Materials for dissemination of a conference (tài liệu tuyên truyền; seeds 000 and 001): uploaded by the
office, the chair or the vice chair, checked by content, published on the portal one by one, shown on the
projector; another unit's answer 404, and the portal serves only what was published."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.testing import MATRIX_ROLES
from doithoai.documents import actions, material_files
from doithoai.documents.demo_materials import qr_png, tiny_pdf
from doithoai.documents.models import Material, StoredFile

pytestmark = pytest.mark.django_db

PDF = tiny_pdf(["Bao cao tinh hinh kinh te - xa hoi"])


def _pdf(name: str = "bao-cao.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _url(name: str, conference, *extra, unit=None) -> str:
    return reverse(f"documents:{name}", args=[unit or conference.unit_id, conference.pk, *extra])


def _upload(cast, conference, *, title="Báo cáo KT-XH", kind="report", upload=None, actor=None) -> Material:
    return actions.material_upload(
        actor=actor or cast.officer_a, conference=conference, title=title, kind=kind, upload=upload or _pdf()
    )


# ---------------------------------------------------------------------------- uploading


def test_it_uploads_a_pdf_and_keeps_its_bytes_with_their_hash(client, cast, conference):
    client.force_login(cast.officer_a)
    response = client.post(
        _url("materials", conference),
        {"title": "Báo cáo tình hình KT-XH", "kind": "report", "file": _pdf(), "submission_key": "k1"},
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.title, material.kind, material.is_public) == ("Báo cáo tình hình KT-XH", "report", False)
    assert material.file.content_type == "application/pdf" and bytes(material.file.data) == PDF
    page = client.get(_url("materials", conference)).content.decode()
    assert "Báo cáo tình hình KT-XH" in page and "material-screen-link" in page
    download = client.get(_url("material_download", conference, material.pk))
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_a_second_click_uploads_once(client, cast, conference):
    client.force_login(cast.chair_a)
    for _twice in range(2):
        data = {"title": "Luật Thực hiện dân chủ ở cơ sở", "kind": "legal_text", "file": _pdf(), "submission_key": "x"}
        assert client.post(_url("materials", conference), data).status_code == 302
    assert Material.objects.count() == 1
    assert AuditEvent.objects.filter(event_type="document.material_uploaded").count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bao-cao.pdf", "Đây là văn bản thường, không phải PDF.".encode(), "không phải PDF"),
        ("bao-cao.docx", b"PK\x03\x04 not really a zip", "không phải PDF"),
        ("anh.png", b"", "Tệp trống."),
    ],
)
def test_it_refuses_a_file_by_its_content_at_the_field_and_saves_nothing(client, cast, conference, name, data, message):
    client.force_login(cast.officer_a)
    files_before = StoredFile.objects.count()
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = client.post(
        _url("materials", conference), {"title": "Tài liệu", "kind": "other", "file": upload, "submission_key": "y"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors["file"]), form.errors
    assert not Material.objects.exists() and StoredFile.objects.count() == files_before
    assert not AuditEvent.objects.filter(event_type__startswith="document.material").exists()


def test_it_refuses_a_file_over_20_mb(cast, conference, monkeypatch):
    monkeypatch.setattr(material_files, "MAX_BYTES", 1024)
    files_before = StoredFile.objects.count()
    with pytest.raises(ValidationError) as refused:
        _upload(cast, conference, upload=_pdf(data=PDF + b"%" * 2048))
    assert "file" in refused.value.message_dict
    assert "lớn hơn" in refused.value.message_dict["file"][0]
    assert not Material.objects.exists() and StoredFile.objects.count() == files_before


def test_it_accepts_word_excel_and_pictures_by_their_content(cast, conference):
    def office_zip(part: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(part, "<x/>")
        return out.getvalue()

    cases = {
        "a.docx": (office_zip("word/document.xml"), material_files.DOCX),
        "a.xlsx": (office_zip("xl/workbook.xml"), material_files.XLSX),
        "a.png": (qr_png("https://example.org"), material_files.PNG),
        "a.jpg": (b"\xff\xd8\xff\xe0" + b"\0" * 32, material_files.JPEG),
        "named-wrong.pdf": (qr_png("x"), material_files.PNG),  # the content decides, not the name
    }
    for name, (data, expected) in cases.items():
        material = _upload(cast, conference, title=name, upload=SimpleUploadedFile(name, data))
        assert material.file.content_type == expected, name


def test_missing_title_and_file_are_refused_at_their_fields(client, cast, conference):
    client.force_login(cast.officer_a)
    response = client.post(_url("materials", conference), {"title": "", "kind": "report", "submission_key": "z"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Nhập tên tài liệu." in errors["title"]
    assert not Material.objects.exists()


# ---------------------------------------------------------------------------- who may do what

#                chair vice office dept front village council higher admin citizen accountant
UPLOAD = "ok    ok   ok     403  403   403     403     403    403   404     403"
READ = "   200   200  200    200  200   200     200     200    200   404     403"


def test_the_materials_follow_the_role_table(client, cast, conference):
    material = _upload(cast, conference)
    expected_upload = dict(zip(MATRIX_ROLES, UPLOAD.split(), strict=True))
    expected_read = dict(zip(MATRIX_ROLES, READ.split(), strict=True))
    uploads, reads = {}, {}
    for role in MATRIX_ROLES:
        client.force_login(cast.user_for(role))
        with transaction.atomic():
            reads[role] = str(client.get(_url("material_download", conference, material.pk)).status_code)
            posted = client.post(
                _url("materials", conference),
                {"title": f"Tài liệu của {role}", "kind": "other", "file": _pdf(), "submission_key": str(role)},
            )
            toggled = client.post(_url("material_publish", conference, material.pk), {"is_public": "1"})
            deleted = client.post(_url("material_delete", conference, material.pk))
            outcome = {302: "ok"}.get(posted.status_code, str(posted.status_code))
            assert {302: "ok"}.get(toggled.status_code, str(toggled.status_code)) == outcome, role
            assert {302: "ok"}.get(deleted.status_code, str(deleted.status_code)) == outcome, role
            assert Material.objects.filter(title=f"Tài liệu của {role}").exists() == (outcome == "ok"), role
            assert Material.objects.filter(pk=material.pk).exists() == (outcome != "ok"), role
            uploads[role] = outcome
            transaction.set_rollback(True)
    assert uploads == expected_upload
    assert reads == expected_read
    with pytest.raises(PermissionDenied):
        actions.material_set_public(actor=cast.front_a, material=material, is_public=True)


def test_another_units_materials_answer_404(client, cast, conference):
    material = _upload(cast, conference)
    client.force_login(cast.officer_b)
    for name, extra in [
        ("materials", []),
        ("material_download", [material.pk]),
        ("material_inline", [material.pk]),
        ("material_screen", [material.pk]),
    ]:
        assert client.get(_url(name, conference, *extra)).status_code == 404, name
        # Their own unit in the address, someone else's conference.
        assert client.get(_url(name, conference, *extra, unit=cast.commune_b.pk)).status_code == 404, name
    assert client.post(_url("material_delete", conference, material.pk)).status_code == 404
    assert client.post(_url("material_publish", conference, material.pk), {"is_public": "1"}).status_code == 404
    assert Material.objects.filter(pk=material.pk, is_public=False).exists()


# ---------------------------------------------------------------------------- the portal and the projector


def test_the_portal_lists_only_public_materials_and_serves_only_those(client, cast, conference):
    shown = _upload(cast, conference, title="Luật Thực hiện dân chủ ở cơ sở", kind="legal_text")
    hidden = _upload(cast, conference, title="Báo cáo nội bộ chưa công khai")
    actions.material_set_public(actor=cast.officer_a, material=shown, is_public=True)
    body = client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    assert "Luật Thực hiện dân chủ ở cơ sở" in body and "Báo cáo nội bộ chưa công khai" not in body
    public_url = reverse("documents:material_public", args=[cast.commune_a.pk, shown.pk])
    assert public_url in body
    response = client.get(public_url)
    assert response.status_code == 200 and response.content == PDF
    assert client.get(reverse("documents:material_public", args=[cast.commune_a.pk, hidden.pk])).status_code == 404
    # Another unit's address for it, or once withdrawn: 404.
    assert client.get(reverse("documents:material_public", args=[cast.commune_b.pk, shown.pk])).status_code == 404
    actions.material_set_public(actor=cast.officer_a, material=shown, is_public=False)
    assert client.get(public_url).status_code == 404
    assert (
        "Luật Thực hiện dân chủ ở cơ sở"
        not in client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    )


def test_a_public_material_of_a_conference_not_yet_announced_is_not_served(client, cast, conference):
    material = _upload(cast, conference)
    actions.material_set_public(actor=cast.officer_a, material=material, is_public=True)
    type(conference).objects.filter(pk=conference.pk).update(status="draft", announced_at=None)
    assert client.get(reverse("documents:material_public", args=[cast.commune_a.pk, material.pk])).status_code == 404


def test_the_projector_shows_a_picture_fitted_and_embeds_a_pdf(client, cast, conference):
    picture = _upload(cast, conference, title="Mã QR", upload=SimpleUploadedFile("qr.png", qr_png("x")))
    report = _upload(cast, conference)
    client.force_login(cast.vice_chair_a)
    page = client.get(_url("material_screen", conference, picture.pk))
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert 'data-testid="material-image"' in page.content.decode()
    page = client.get(_url("material_screen", conference, report.pk)).content.decode()
    inline = _url("material_inline", conference, report.pk)
    assert f'data="{inline}" type="application/pdf"' in page
    assert _url("material_download", conference, report.pk) in page  # the fallback
    shown = client.get(inline)
    assert shown.status_code == 200 and shown["Content-Disposition"].startswith("inline")
    assert shown["X-Frame-Options"] == "SAMEORIGIN"
    client.logout()
    assert client.get(_url("material_screen", conference, report.pk)).status_code == 302  # to sign in


def test_it_audits_upload_publication_and_deletion(cast, conference):
    files_before = StoredFile.objects.count()
    material = _upload(cast, conference)
    actions.material_set_public(actor=cast.chair_a, material=material, is_public=True)
    actions.material_set_public(actor=cast.chair_a, material=material, is_public=True)  # no change, no event
    actions.material_set_public(actor=cast.chair_a, material=material, is_public=False)
    actions.material_delete(actor=cast.vice_chair_a, material=material)
    events = list(
        AuditEvent.objects.filter(event_type__startswith="document.material")
        .order_by("pk")
        .values_list("event_type", flat=True)
    )
    assert events == [
        "document.material_uploaded",
        "document.material_published",
        "document.material_withdrawn",
        "document.material_deleted",
    ]
    assert not Material.objects.exists() and StoredFile.objects.count() == files_before


def test_the_demo_conference_ahead_has_two_materials_one_public(loaded_demo, client):
    from io import StringIO

    from django.core.management import call_command

    materials = list(Material.objects.select_related("file", "conference").order_by("order"))
    assert [(m.kind, m.file.content_type, m.is_public) for m in materials] == [
        ("report", "application/pdf", False),
        ("legal_text", "image/png", True),
    ]
    body = client.get(reverse("portal:conference", args=[materials[0].conference_id])).content.decode()
    assert materials[1].title in body and materials[0].title not in body
    call_command("load_demo", stdout=StringIO())  # again: nothing added
    assert Material.objects.count() == 2
