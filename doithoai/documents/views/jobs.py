"""A document made in the background: its progress (htmx polls the status box every second while it
runs; without JavaScript the page refreshes itself), its error, and the download when it is done. Only the
person who asked for it, and the unit's office and chair, see it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from doithoai.documents import selectors
from doithoai.documents.models import DocumentKind, JobStatus
from doithoai.documents.views import page_context, serve_stored, unit_for


def _context(request: HttpRequest, unit_id: int, job_id: int) -> dict[str, object]:
    unit = unit_for(request, unit_id)
    job = selectors.get_job(request.user, unit, job_id)
    return page_context(
        request,
        unit,
        job=job,
        kind_label=DocumentKind(job.kind).label,
        running=job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
        JobStatus=JobStatus,
    )


@login_required
@require_GET
def job_page(request: HttpRequest, unit_id: int, job_id: int) -> HttpResponse:
    return render(request, "documents/job.html", _context(request, unit_id, job_id))


@login_required
@require_GET
def job_status(request: HttpRequest, unit_id: int, job_id: int) -> HttpResponse:
    return render(request, "documents/_job_status.html", _context(request, unit_id, job_id))


@login_required
@require_GET
def job_download(request: HttpRequest, unit_id: int, job_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    job = selectors.get_job(request.user, unit, job_id)
    if job.status != JobStatus.DONE or job.result is None:
        raise Http404
    return serve_stored(request, unit, job.result, job.filename or f"van-ban-{job.pk}.docx")


URLS = [
    path("viec/<int:job_id>/", job_page, name="job"),
    path("viec/<int:job_id>/trang-thai/", job_status, name="job_status"),
    path("viec/<int:job_id>/tai/", job_download, name="job_download"),
]
