"""Mẫu văn bản (the unit's own templates in place of the built-in ones, with the fields they may use) and
Thiết lập văn bản (numbering and the header lines only documents need)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.core.forms import error_dict
from doithoai.core.permissions import has_perm
from doithoai.documents import actions, numbering, rules, selectors
from doithoai.documents.forms import SettingsForm, TemplateUploadForm
from doithoai.documents.kinds import KindSpec
from doithoai.documents.kinds.common import COMMON_FIELDS
from doithoai.documents.models import DocumentKind, Layout, UnitTemplate
from doithoai.documents.render import builtin_template, required_fields
from doithoai.documents.views import page_context, serve_stored, unit_for
from doithoai.documents.views.subjects import docx_response
from doithoai.units.models import AdminUnit


@dataclass
class TemplateSlot:
    kind_spec: KindSpec
    layout: str
    layout_label: str
    own: UnitTemplate | None
    form: TemplateUploadForm


@dataclass
class KindTemplates:
    kind: str
    label: str
    kind_spec: KindSpec
    slots: list[TemplateSlot] = field(default_factory=list)
    fields: list[tuple[str, str, bool]] = field(default_factory=list)


def _field_list(kind_spec: KindSpec) -> list[tuple[str, str, bool]]:
    required = required_fields(kind_spec)
    rows = [(name, str(text), name in required) for name, text in COMMON_FIELDS.items()]
    rows += [(name, str(text), name in required) for name, text in kind_spec.fields.items()]
    return rows


def templates_page(
    request: HttpRequest, unit: AdminUnit, *, bound: tuple[str, str, TemplateUploadForm] | None = None
) -> HttpResponse:
    active = selectors.active_templates(unit)
    groups = []
    for kind in DocumentKind:
        kind_spec = selectors.spec_or_none(kind)
        if kind_spec is None:
            continue
        group = KindTemplates(str(kind), str(kind.label), kind_spec, fields=_field_list(kind_spec))
        for layout in kind_spec.layouts:
            form = bound[2] if bound and bound[:2] == (str(kind), layout) else TemplateUploadForm()
            group.slots.append(
                TemplateSlot(kind_spec, layout, str(Layout(layout).label), active.get((kind, layout)), form)
            )
        groups.append(group)
    context = page_context(
        request, unit, groups=groups, can_manage=has_perm(request.user, rules.MANAGE_TEMPLATES, unit)
    )
    context["section"] = "documents"
    return render(request, "documents/templates.html", context)


@login_required
@require_GET
def template_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    return templates_page(request, unit_for(request, unit_id))


def _kind_layout(kind: str, layout: str) -> KindSpec:
    kind_spec = selectors.spec_or_none(kind) if kind in DocumentKind.values else None
    if kind_spec is None or layout not in kind_spec.layouts:
        raise Http404
    return kind_spec


@login_required
@require_GET
def builtin_download(request: HttpRequest, unit_id: int, kind: str, layout: str) -> HttpResponse:
    unit_for(request, unit_id)
    kind_spec = _kind_layout(kind, layout)
    return docx_response(builtin_template(kind, layout), f"mau-{kind_spec.filename or kind}-{layout}.docx")


@login_required
@require_GET
def own_download(request: HttpRequest, unit_id: int, template_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    template = selectors.get_template(unit, template_id)
    name = template.original_name if template.original_name.lower().endswith(".docx") else "mau.docx"
    return serve_stored(request, unit, template.file, name)


@login_required
@require_POST
def template_upload(request: HttpRequest, unit_id: int, kind: str, layout: str) -> HttpResponse:
    unit = unit_for(request, unit_id)
    _kind_layout(kind, layout)
    form = TemplateUploadForm(request.POST, request.FILES)
    form.is_valid()
    try:
        actions.upload_template(
            actor=request.user, unit=unit, kind=kind, layout=layout, upload=request.FILES.get("file")
        )
    except ValidationError as exc:
        form.add_action_errors(error_dict(exc))
        return templates_page(request, unit, bound=(kind, layout, form))
    messages.success(request, _("Đã dùng mẫu mới cho “%(kind)s”.") % {"kind": DocumentKind(kind).label})
    return redirect("documents:templates", unit_id=unit.pk)


@login_required
@require_POST
def template_remove(request: HttpRequest, unit_id: int, template_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    template = selectors.get_template(unit, template_id)
    actions.remove_template(actor=request.user, template=template)
    messages.success(
        request, _("Đã dùng lại mẫu mặc định cho “%(kind)s”.") % {"kind": DocumentKind(template.kind).label}
    )
    return redirect("documents:templates", unit_id=unit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    current = numbering.settings_for(unit)
    initial: dict[str, Any] = {name: getattr(current, name) for name in actions.SETTINGS_FIELDS}
    can_manage = has_perm(request.user, rules.MANAGE_TEMPLATES, unit)
    if request.method == "POST":
        form = SettingsForm(request.POST, initial=initial)
        form.is_valid()
        try:
            actions.update_settings(
                actor=request.user,
                unit=unit,
                data={name: request.POST.get(name, "") for name in actions.SETTINGS_FIELDS},
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(request, _("Đã lưu thiết lập văn bản."))
            return redirect("documents:settings", unit_id=unit.pk)
    else:
        form = SettingsForm(initial=initial)
    if not can_manage:
        for form_field in form.fields.values():
            form_field.disabled = True
    return render(request, "documents/settings.html", page_context(request, unit, form=form, can_manage=can_manage))


URLS = [
    path("mau/", template_list, name="templates"),
    path("mau/<slug:kind>/<slug:layout>/mac-dinh.docx", builtin_download, name="template_builtin"),
    path("mau/<slug:kind>/<slug:layout>/tai-len/", template_upload, name="template_upload"),
    path("mau/<int:template_id>/tai/", own_download, name="template_download"),
    path("mau/<int:template_id>/bo/", template_remove, name="template_remove"),
    path("thiet-lap/", settings_page, name="settings"),
]
