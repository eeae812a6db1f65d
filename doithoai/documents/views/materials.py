"""Materials for dissemination of a conference (tài liệu tuyên truyền: the legal texts handed out, the
socio-economic report read at the conference), on a page of the conference's documents:

- `materials`: the list (download, "Công khai trên Cổng", delete) and the upload form (office, chair, vice
  chair; the rest of the staff read);
- `material_screen`: one material full-screen for the projector (a picture fitted to the screen, a PDF
  embedded), staff only; `material_inline` serves its bytes for that page;
- `material_public`: the download the portal links to, without signing in: only a material marked public
  of a public conference, 404 for any other.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.core.forms import error_dict
from doithoai.core.permissions import has_perm
from doithoai.documents import actions, material_files, rules, selectors
from doithoai.documents.forms import MaterialForm, new_submission_key
from doithoai.documents.models import Material
from doithoai.documents.views import page_context, serve_stored, unit_for


def material_filename(material: Material) -> str:
    extension = material_files.EXTENSIONS.get(material.file.content_type, "bin")
    return f"{slugify(material.title)[:80] or 'tai-lieu'}.{extension}"


@login_required
@require_http_methods(["GET", "POST"])
def materials(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    can_manage = has_perm(request.user, rules.MANAGE_MATERIALS, unit)
    form = MaterialForm(initial={"submission_key": new_submission_key()})
    if request.method == "POST":
        form = MaterialForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                material = actions.material_upload(
                    actor=request.user,
                    conference=conference,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã tải lên “%(title)s”.") % {"title": material.title})
                return redirect("documents:materials", unit_id=unit.pk, conference_id=conference.pk)
        form.mark_invalid()
    rows = [
        {
            "material": m,
            "filename": material_filename(m),
            "showable": m.file.content_type in material_files.SHOWABLE,
            "extension": material_files.EXTENSIONS.get(m.file.content_type, "").upper(),
        }
        for m in selectors.conference_materials(conference)
    ]
    context = page_context(request, unit, conference=conference, form=form, rows=rows, can_manage=can_manage)
    context["section"] = "plans"
    return render(request, "documents/materials.html", context, status=400 if form.errors else 200)


def _material(request: HttpRequest, unit_id: int, conference_id: int, material_id: int) -> tuple[object, Material]:
    unit = unit_for(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    return unit, selectors.get_material(conference, material_id)


@login_required
@require_GET
def material_download(request: HttpRequest, unit_id: int, conference_id: int, material_id: int) -> HttpResponse:
    unit, material = _material(request, unit_id, conference_id, material_id)
    return serve_stored(request, unit, material.file, material_filename(material))  # type: ignore[arg-type]


@login_required
@require_GET
@xframe_options_sameorigin
def material_inline(request: HttpRequest, unit_id: int, conference_id: int, material_id: int) -> HttpResponse:
    """The bytes of a PDF or picture, shown in the page (the projector page embeds it)."""
    _unit, material = _material(request, unit_id, conference_id, material_id)
    if material.file.content_type not in material_files.SHOWABLE:
        raise Http404
    data = selectors.stored_bytes(material.file)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type=material.file.content_type)
    response["Content-Disposition"] = content_disposition_header(False, material_filename(material)) or "inline"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def material_screen(request: HttpRequest, unit_id: int, conference_id: int, material_id: int) -> HttpResponse:
    unit, material = _material(request, unit_id, conference_id, material_id)
    if material.file.content_type not in material_files.SHOWABLE:
        raise Http404
    response = render(
        request,
        "documents/screen_material.html",
        {
            "unit": unit,
            "conference": material.conference,
            "material": material,
            "is_image": material.file.content_type in material_files.IMAGES,
        },
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_POST
def material_publish(request: HttpRequest, unit_id: int, conference_id: int, material_id: int) -> HttpResponse:
    _unit, material = _material(request, unit_id, conference_id, material_id)
    material = actions.material_set_public(
        actor=request.user, material=material, is_public=request.POST.get("is_public") == "1"
    )
    if material.is_public:
        messages.success(request, _("Đã công khai “%(title)s” trên Cổng.") % {"title": material.title})
    else:
        messages.success(request, _("Đã thôi công khai “%(title)s”.") % {"title": material.title})
    return redirect("documents:materials", unit_id=unit_id, conference_id=conference_id)


@login_required
@require_POST
def material_delete(request: HttpRequest, unit_id: int, conference_id: int, material_id: int) -> HttpResponse:
    _unit, material = _material(request, unit_id, conference_id, material_id)
    title = material.title
    actions.material_delete(actor=request.user, material=material)
    messages.success(request, _("Đã xóa “%(title)s”.") % {"title": title})
    return redirect("documents:materials", unit_id=unit_id, conference_id=conference_id)


@require_GET
def material_public(request: HttpRequest, unit_id: int, material_id: int) -> HttpResponse:
    """The portal's download: no sign-in; only a public material of a public conference of this unit."""
    material = selectors.get_public_material(material_id)
    if material.conference.unit_id != unit_id:
        raise Http404
    data = selectors.stored_bytes(material.file)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type=material.file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, material_filename(material))
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    return response


ONE = "hoi-nghi/<int:conference_id>/tai-lieu/<int:material_id>/"

URLS = [
    path("hoi-nghi/<int:conference_id>/tai-lieu/", materials, name="materials"),
    path(ONE + "tai-ve/", material_download, name="material_download"),
    path(ONE + "xem/", material_inline, name="material_inline"),
    path(ONE + "trinh-chieu/", material_screen, name="material_screen"),
    path(ONE + "cong-khai/", material_publish, name="material_publish"),
    path(ONE + "xoa/", material_delete, name="material_delete"),
    path("tai-lieu-cong-khai/<int:material_id>/", material_public, name="material_public"),
]
