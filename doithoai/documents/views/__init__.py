"""Pages of the documents app, mounted at don-vi/<unit_id>/van-ban/ (namespace "documents"), one module per
area, each listing its routes in `URLS`:

- register: the outgoing register (sổ văn bản đi) and its Excel export;
- issued: one issued document (downloads, PDF, signed copy, re-issue);
- subjects: the documents of a conference, a plan, a referral, and the results report;
- jobs: a document generated in the background (progress, download);
- setup: the unit's templates and numbering settings.

Views translate HTTP: the unit and its objects through selectors (404 outside the unit), every change
through an action (403 for a role that may not, form errors for a refusal).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from doithoai.core.permissions import Permission, has_perm, require_perm
from doithoai.documents import rules, selectors
from doithoai.documents.models import StoredFile
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context


def unit_for(request: HttpRequest, unit_id: int, permission: Permission = rules.VIEW) -> AdminUnit:
    """The unit of the URL: 404 if the user cannot see it, 403 if they may not do `permission` there."""
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, permission, unit)
    return unit


def page_context(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context["section"] = "documents"
    context["can_edit_rules"] = has_perm(request.user, rules.EDIT_CONFERENCE_RULES, unit)
    context.update(extra)
    return context


def serve_stored(request: HttpRequest, unit: AdminUnit, stored: StoredFile, filename: str) -> HttpResponse:
    """The stored bytes as an attachment, only if they still match the SHA-256 recorded when they were
    stored; a file changed since then is refused with a page that says so (409), never served."""
    data = selectors.stored_bytes(stored)
    if data is None:
        return render(
            request,
            "documents/file_damaged.html",
            page_context(request, unit, stored=stored, filename=filename),
            status=409,
        )
    response = HttpResponse(data, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(data))
    response["X-Content-SHA256"] = stored.sha256
    response["Cache-Control"] = "private, no-store"
    return response
