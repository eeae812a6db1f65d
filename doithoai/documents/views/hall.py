"""What the hall shows: the unit's rules of its conferences (nội quy hội nghị: edited here, issued from the
conference's documents page) and, per conference, the rules and the banner (khánh tiết) as full-screen pages
for the projector, and the banner as a wide PDF.

- `rules_edit`: the unit's text (office, chair), one article a line;
- `rules_screen` / `banner_screen`: a page of their own (no staff layout), very large type, for the
  computer on the projector, opened signed in by the office from the conference's documents page;
- `banner_pdf`: the banner's PDF, made by LibreOffice in the worker (a document job with its progress page).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.core.forms import error_dict, error_messages
from doithoai.documents import actions, rules, selectors
from doithoai.documents.forms import ConferenceRulesForm
from doithoai.documents.kinds import conference_rules
from doithoai.documents.models import DocumentKind, IssuedDocument
from doithoai.documents.views import page_context, unit_for


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.EDIT_CONFERENCE_RULES)
    text, own = selectors.conference_rules_text(unit)
    form = ConferenceRulesForm(request.POST or None, initial={"text": text})
    if request.method == "POST":
        if request.POST.get("action") == "default":
            form = ConferenceRulesForm(initial={"text": conference_rules.default_text()})
            messages.info(request, _("Đã điền nội quy mặc định; bấm “Lưu” để dùng."))
        elif form.is_valid():
            try:
                actions.conference_rules_update(actor=request.user, unit=unit, text=form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã lưu nội quy hội nghị."))
                return redirect("documents:conference_rules", unit_id=unit.pk)
        form.mark_invalid()
    context = page_context(
        request,
        unit,
        form=form,
        own=own,
        issued=IssuedDocument.objects.filter(unit=unit, kind=DocumentKind.CONFERENCE_RULES)
        .select_related("conference")
        .defer("context")
        .order_by("-issued_on", "-pk")[:10],
    )
    return render(request, "documents/conference_rules.html", context)


def _screen(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    response = render(request, template, context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_GET
def rules_screen(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    articles = selectors.conference_rules_articles(conference)
    return _screen(
        request, "documents/screen_rules.html", {"unit": unit, "conference": conference, "articles": articles}
    )


@login_required
@require_GET
def banner_screen(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    return _screen(
        request,
        "documents/screen_banner.html",
        {"unit": unit, "conference": conference, "lines": selectors.banner_slide(conference)},
    )


@login_required
@require_POST
def banner_pdf(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The banner as a wide PDF: a job (LibreOffice takes seconds), then its page with the download."""
    unit = unit_for(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    try:
        job = actions.request_job(
            actor=request.user,
            kind=DocumentKind.HALL_BANNER,
            subject=conference,
            output="pdf",
            submission_key=(request.POST.get("submission_key") or "")[:40],
        )
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect("documents:conference", unit_id=unit.pk, conference_id=conference.pk)
    return redirect("documents:job", unit_id=unit.pk, job_id=job.pk)


URLS = [
    path("noi-quy/", rules_edit, name="conference_rules"),
    path("hoi-nghi/<int:conference_id>/noi-quy/man-hinh/", rules_screen, name="rules_screen"),
    path("hoi-nghi/<int:conference_id>/khanh-tiet/man-hinh/", banner_screen, name="banner_screen"),
    path("hoi-nghi/<int:conference_id>/khanh-tiet/pdf/", banner_pdf, name="banner_pdf"),
]
