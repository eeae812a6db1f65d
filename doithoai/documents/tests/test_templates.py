"""Mẫu văn bản over HTTP: the built-in template re-uploaded is accepted; a file that is not a DOCX, an
unknown field, a missing required field and a Jinja syntax error are each refused at the file field with
nothing saved; a generated document then uses the unit's template; "Dùng lại mẫu mặc định" switches back."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from doithoai.documents.models import DocumentKind, UnitTemplate
from doithoai.documents.render import builtin_template
from doithoai.documents.tests import fake_kinds
from doithoai.documents.tests.util import docx_text

pytestmark = pytest.mark.django_db
K = DocumentKind
MARKER = "MẪU RIÊNG CỦA XÃ ĐIỀM HE"


@pytest.fixture(autouse=True)
def kinds(monkeypatch):
    fake_kinds.install(monkeypatch)
    yield
    from doithoai.documents import render
    from doithoai.documents.kinds import spec

    spec.cache_clear()
    render.builtin_template.cache_clear()


@pytest.fixture
def plan(cast, kinds):
    return fake_kinds.make_plan(cast)


def upload(client, cast, data, name="mau.docx", kind=K.ANNOUNCEMENT, layout="state"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("documents:template_upload", args=[cast.commune_a.pk, kind, layout]), {"file": file})


def edited(extra: str = "", *, replace: tuple[str, str] | None = None) -> bytes:
    """The built-in template with a paragraph added, or a field's text replaced (in the XML: it may be in
    the header's table)."""
    document = Document(io.BytesIO(builtin_template(K.ANNOUNCEMENT, "state")))
    if extra:
        document.add_paragraph(extra)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if replace is None:
        return data
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert replace[0].encode() in content
                content = content.replace(replace[0].encode(), replace[1].encode())
            zout.writestr(item, content)
    return target.getvalue()


def errors_at_file(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="errors-file"' in body
    return body


def test_the_page_lists_kinds_layouts_and_fields(client, cast):
    client.force_login(cast.officer_a)
    body = client.get(reverse("documents:templates", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="templates-announcement"' in body
    assert 'data-testid="slot-plan-party"' in body
    assert "number_line" in body and "body_text" in body and "bắt buộc" in body
    response = client.get(reverse("documents:template_builtin", args=[cast.commune_a.pk, "announcement", "state"]))
    assert response.status_code == 200 and response.content == builtin_template(K.ANNOUNCEMENT, "state")


def test_the_built_in_template_reuploaded_is_accepted(client, cast):
    client.force_login(cast.officer_a)
    response = upload(client, cast, builtin_template(K.ANNOUNCEMENT, "state"))
    assert response.status_code == 302
    template = UnitTemplate.objects.get(unit=cast.commune_a, is_active=True)
    assert "number_line" in template.fields_used
    body = client.get(reverse("documents:templates", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="uses-own"' in body and "mau.docx" in body


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"%PDF-1.4 not a docx", "Tệp không phải văn bản Word (.docx)"),
        (lambda: edited("{{ nonsense }}"), "Trường “{{ nonsense }}” không có trong dữ liệu của loại văn bản này."),
        (lambda: edited(replace=("{{ number_line }}", "Số: ....")), "Mẫu thiếu trường bắt buộc “{{ number_line }}”"),
        (lambda: edited("{{ summary )"), "Mẫu có lỗi cú pháp"),
    ],
    ids=["not-docx", "unknown-field", "missing-number-line", "syntax-error"],
)
def test_a_bad_template_is_refused_at_the_file_field(client, cast, make, message):
    client.force_login(cast.officer_a)
    data = make()
    body = errors_at_file(upload(client, cast, data))
    assert message in body
    assert not UnitTemplate.objects.exists()


def test_a_generated_document_uses_the_units_template_until_it_is_removed(client, cast, conference):
    client.force_login(cast.officer_a)
    assert upload(client, cast, edited(MARKER)).status_code == 302
    draft = reverse("documents:draft", args=[cast.commune_a.pk, "hoi-nghi", conference.pk, "announcement"])
    assert MARKER in docx_text(client.get(draft).content)
    template = UnitTemplate.objects.get(is_active=True)
    response = client.post(reverse("documents:template_remove", args=[cast.commune_a.pk, template.pk]))
    assert response.status_code == 302
    assert MARKER not in docx_text(client.get(draft).content)
    body = client.get(reverse("documents:templates", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="uses-own"' not in body


def test_only_the_office_and_chair_manage_templates(client, cast):
    client.force_login(cast.vice_chair_a)
    body = client.get(reverse("documents:templates", args=[cast.commune_a.pk])).content.decode()
    assert 'data-testid="upload-announcement-state"' not in body
    assert upload(client, cast, builtin_template(K.ANNOUNCEMENT, "state")).status_code == 403
    client.force_login(cast.officer_b)
    assert upload(client, cast, builtin_template(K.ANNOUNCEMENT, "state")).status_code == 404
    assert not UnitTemplate.objects.exists()
