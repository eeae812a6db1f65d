"""DOCX from a template and a context (docxtpl), and the checks an uploaded template must pass."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache
from typing import Any

import segno
from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import TemplateError

from doithoai.documents.kinds import KindSpec, spec
from doithoai.documents.kinds.common import COMMON_FIELDS, COMMON_REQUIRED
from doithoai.documents.models import UnitTemplate

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
QR_WIDTH_MM = 24

Progress = Callable[[int, int, str], None]


@cache
def builtin_template(kind: str, layout: str) -> bytes:
    """The built-in DOCX of a kind, drawn once per process."""
    return spec(kind).build_template(layout)


def template_for(unit: Any, kind: str, layout: str) -> tuple[bytes, str]:
    """The unit's active template for the kind and layout if it has one, else the built-in one; with where it
    came from ('builtin' or 'unit:<id>:<sha256 prefix>')."""
    if unit is not None:
        own = (
            UnitTemplate.objects.filter(unit=unit, kind=kind, layout=layout, is_active=True)
            .select_related("file")
            .first()
        )
        if own is not None:
            return bytes(own.file.data), f"unit:{own.pk}:{own.file.sha256[:12]}"
    return builtin_template(kind, layout), "builtin"


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    # Medium error correction survives a fold or a smudge on paper; scale 4 prints crisply at 24 mm. A fixed
    # mask (every mask decodes) skips scoring all eight, which is most of the time of 200 invitations.
    segno.make(url, error="m", micro=False, mask=2, boost_error=False).save(buffer, kind="png", scale=4, border=2)
    return buffer.getvalue()


def _with_images(template: DocxTemplate, value: Any, progress: Callable[[], None] | None) -> Any:
    """A copy of the context in which every dict with a 'qr_url' also has 'qr', its QR code as an image."""
    if isinstance(value, dict):
        out = {key: _with_images(template, item, progress) for key, item in value.items()}
        if value.get("qr_url"):
            out["qr"] = InlineImage(template, io.BytesIO(qr_png(str(value["qr_url"]))), width=Mm(QR_WIDTH_MM))
            if progress is not None:
                progress()
        return out
    if isinstance(value, list):
        return [_with_images(template, item, progress) for item in value]
    return value


def count_images(value: Any) -> int:
    if isinstance(value, dict):
        return (1 if value.get("qr_url") else 0) + sum(count_images(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_images(v) for v in value)
    return 0


def render_docx(
    template_bytes: bytes, context: dict[str, Any], *, progress: Progress | None = None, strict: bool = False
) -> bytes:
    """Render a docxtpl template. `progress(done, total, step)` is told of each QR code and of the render."""
    template = DocxTemplate(io.BytesIO(template_bytes))
    total = count_images(context) + 1
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % 10 == 0:
            progress(done, total, "qr")

    full = _with_images(template, context, tick)
    if progress is not None:
        progress(done, total, "render")
    env = Environment(undefined=StrictUndefined, autoescape=True) if strict else None
    template.render(full, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    if progress is not None:
        progress(total, total, "done")
    return out.getvalue()


# ---------------------------------------------------------------------------- checking a unit's template


def NOT_DOCX() -> str:
    return _("Tệp không phải văn bản Word (.docx). Hãy lưu mẫu dưới dạng “Word Document (.docx)”.")


def allowed_fields(kind_spec: KindSpec) -> set[str]:
    return set(COMMON_FIELDS) | set(kind_spec.fields)


def required_fields(kind_spec: KindSpec) -> set[str]:
    """The kind's own, and a letter's parts (NĐ 30) unless the kind is not a letter (the hall banner)."""
    if kind_spec.extra.get("plain"):
        return set(kind_spec.required)
    return set(COMMON_REQUIRED) | set(kind_spec.required)


def check_template(kind: str, layout: str, data: bytes) -> tuple[list[str], list[str]]:
    """(errors, fields used) of an uploaded DOCX for `kind`. No errors means it may be used. The messages
    are Vietnamese and name the field at fault."""
    errors: list[str] = []
    if len(data) > MAX_TEMPLATE_BYTES:
        return [_("Tệp lớn hơn %(n)s MB.") % {"n": MAX_TEMPLATE_BYTES // (1024 * 1024)}], []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                return [NOT_DOCX()], []
    except zipfile.BadZipFile:
        return [NOT_DOCX()], []
    kind_spec = spec(kind)
    try:
        template = DocxTemplate(io.BytesIO(data))
        used = set(template.get_undeclared_template_variables())
    except TemplateSyntaxError as error:
        message = _("Mẫu có lỗi cú pháp: %(error)s. Kiểm tra các cặp “{{ }}” và “{%% %%}” (dòng %(line)s).")
        return [message % {"error": error.message, "line": error.lineno}], []
    except (TemplateError, KeyError, ValueError) as error:
        return [_("Không đọc được mẫu: %(error)s") % {"error": error}], []
    unknown = sorted(used - allowed_fields(kind_spec))
    missing = sorted(required_fields(kind_spec) - used)
    for name in unknown:
        errors.append(_("Trường “{{ %(name)s }}” không có trong dữ liệu của loại văn bản này.") % {"name": name})
    for name in missing:
        description = COMMON_FIELDS.get(name) or kind_spec.fields.get(name, "")
        errors.append(
            _("Mẫu thiếu trường bắt buộc “{{ %(name)s }}” (%(description)s).")
            % {"name": name, "description": description}
        )
    if not errors:
        # A trial render with the sample data catches what the names alone do not (a typo after a dot, a
        # loop over a text): StrictUndefined makes any unknown attribute an error.
        from doithoai.documents.kinds.common import sample_common

        context = {**sample_common(kind_spec, layout), **kind_spec.sample(layout)}
        try:
            render_docx(data, context, strict=True)
        except UndefinedError as error:
            errors.append(_("Mẫu dùng dữ liệu không có: %(error)s.") % {"error": error.message})
        except Exception as error:  # anything a template can raise is reported, not a crash
            errors.append(_("Mẫu không tạo được văn bản: %(error)s.") % {"error": error})
    return errors, sorted(used)
