"""A unit's template passed its checks with the sample data but fails on a real document's data: the document
is still made, from the built-in template, and the register and the audit trail say so."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from docx import Document

from doithoai.audit.models import AuditEvent
from doithoai.documents.actions import draft_docx, issue_document, store
from doithoai.documents.models import UnitTemplate
from doithoai.documents.render import DOCX_TYPE, builtin_template
from doithoai.documents.tests.util import docx_text

pytestmark = pytest.mark.django_db
MARKER = "MẪU RIÊNG CỦA XÃ"


def unit_template(cast, extra: str) -> UnitTemplate:
    """The built-in announcement with a paragraph added, stored as the unit's active template as the upload
    would (the checks are what this test goes around: the template is supposed to have passed them)."""
    document = Document(io.BytesIO(builtin_template("announcement", "state")))
    document.add_paragraph(extra)
    out = io.BytesIO()
    document.save(out)
    return UnitTemplate.objects.create(
        unit=cast.commune_a,
        kind="announcement",
        layout="state",
        file=store(out.getvalue(), DOCX_TYPE),
        original_name="mau.docx",
    )


def test_a_working_unit_template_is_used(cast, conference):
    unit_template(cast, MARKER)
    data, _name = draft_docx(actor=cast.officer_a, kind="announcement", subject=conference)
    assert MARKER in docx_text(data)


def test_a_unit_template_failing_on_the_data_falls_back_to_the_built_in_one(cast, conference):
    own = unit_template(cast, MARKER + " {{ summary.missing.deeper }}")
    data, _name = draft_docx(actor=cast.officer_a, kind="announcement", subject=conference)
    text = docx_text(data)
    assert MARKER not in text and "THÔNG BÁO" in text

    document = issue_document(
        actor=cast.officer_a, kind="announcement", subject=conference, issued_on=timezone.localdate()
    )
    assert document.template_source == f"builtin (fallback from unit:{own.pk}:{own.file.sha256[:12]})"
    assert MARKER not in docx_text(bytes(document.docx.data))
    event = AuditEvent.objects.get(event_type="document.issued", object_id=str(document.pk))
    assert "missing" in event.changes["_extra"]["template_error"]
