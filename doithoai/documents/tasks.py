"""Background tasks of documents, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.tasks import task
from django.utils import translation

from doithoai.documents import actions


@task
def run_document_job(job_id: int) -> dict[str, Any]:
    """Generate one requested document (a draft, or an issue) with its progress. Safe to run twice."""
    with translation.override(settings.LANGUAGE_CODE):
        job = actions.run_job(job_id)
    return {"status": job.status, "document": job.document_id}


@task
def make_pdf(document_id: int) -> dict[str, Any]:
    """Convert an issued document to PDF with LibreOffice. Safe to run twice: a stored PDF is kept."""
    document = actions.make_document_pdf(document_id)
    return {"pdf_status": document.pdf_status}
