"""Actions: a unit's own list of sectors (lĩnh vực, domain-spec §7.2), copied from the default list by
`sectors_ensure` and then kept by the office: added, renamed, given a usual department, reordered,
taken out of use and back. A sector is never deleted: petitions keep the one they were classified in.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import require_perm
from doithoai.lib.text import fold, normalize_input
from doithoai.petitions import rules
from doithoai.petitions.models import Sector
from doithoai.units.models import AdminUnit, Department

EVENT_LABELS: dict[str, Promise | str] = {
    "sector.created": gettext_lazy("Thêm lĩnh vực"),
    "sector.updated": gettext_lazy("Sửa lĩnh vực"),
    "sector.moved": gettext_lazy("Đổi thứ tự lĩnh vực"),
    "sector.deactivated": gettext_lazy("Ngừng dùng lĩnh vực"),
    "sector.reactivated": gettext_lazy("Dùng lại lĩnh vực"),
}

MAX_CODE = 20
MAX_NAME = 120
FIELDS = ["code", "name", "department", "is_active", "sort_order"]
UP, DOWN = "up", "down"


def _clean_code(code: str | None) -> str:
    return "".join(normalize_input(code or "").upper().split())


def _clean(
    unit: AdminUnit, *, name: str | None, department: Department | None, exclude: Sector | None = None
) -> tuple[str, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    name = normalize_input(name or "")
    if not name:
        errors["name"] = [_("Nhập tên lĩnh vực.")]
    elif len(name) > MAX_NAME:
        errors["name"] = [_("Tên lĩnh vực dài quá %(max)s ký tự.") % {"max": MAX_NAME}]
    else:
        others = Sector.objects.filter(unit=unit)
        if exclude is not None:
            others = others.exclude(pk=exclude.pk)
        same = next((s for s in others.only("name", "code") if fold(s.name) == fold(name)), None)
        if same is not None:
            errors["name"] = [_("Đã có lĩnh vực “%(name)s” (mã %(code)s).") % {"name": same.name, "code": same.code}]
    if department is not None and (department.unit_id != unit.pk or not department.is_active):
        errors["department"] = [_("Chọn một cơ quan chuyên môn đang hoạt động của đơn vị.")]
    return name, errors


@transaction.atomic
def sector_create(*, actor: Any, unit: AdminUnit, code: str, name: str, department: Department | None = None) -> Sector:
    """A new sector at the end of the list. The same code and name sent again (a double click) give the
    sector made the first time; a code already used for another sector is refused at the field."""
    require_perm(actor, rules.MANAGE_SECTORS, unit)
    code = _clean_code(code)
    cleaned_name = normalize_input(name or "")
    existing = Sector.objects.filter(unit=unit, code=code).first() if code else None
    if existing is not None and fold(existing.name) == fold(cleaned_name):
        return existing
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [_("Nhập mã lĩnh vực (ví dụ DD, GD, YT).")]
    elif len(code) > MAX_CODE:
        errors["code"] = [_("Mã lĩnh vực dài quá %(max)s ký tự.") % {"max": MAX_CODE}]
    elif existing is not None:
        errors["code"] = [_("Mã “%(code)s” đã dùng cho lĩnh vực “%(name)s”.") % {"code": code, "name": existing.name}]
    name, more = _clean(unit, name=name, department=department)
    errors.update(more)
    if errors:
        raise ValidationError(errors)
    last = Sector.objects.filter(unit=unit).aggregate(last=Max("sort_order"))["last"]
    try:
        with transaction.atomic():
            sector = Sector.objects.create(
                unit=unit,
                code=code,
                name=name,
                department=department,
                sort_order=0 if last is None else last + 1,
            )
    except IntegrityError:
        # Another request made the same code a moment ago.
        raise ValidationError(
            {"code": [_("Mã “%(code)s” vừa được dùng cho một lĩnh vực khác.") % {"code": code}]}
        ) from None
    record(actor=actor, event_type="sector.created", obj=sector, unit=unit, after=snapshot(sector, FIELDS))
    return sector


def _locked(sector: Sector) -> Sector:
    return Sector.objects.select_for_update().select_related("unit").get(pk=sector.pk)


@transaction.atomic
def sector_update(*, actor: Any, sector: Sector, name: str, department: Department | None) -> Sector:
    """A new name or usual department; the code stays (imports and reports name sectors by it)."""
    sector = _locked(sector)
    unit = sector.unit
    require_perm(actor, rules.MANAGE_SECTORS, unit)
    keep_department = department is not None and department.pk == sector.department_id
    name, errors = _clean(unit, name=name, department=None if keep_department else department, exclude=sector)
    if errors:
        raise ValidationError(errors)
    before = snapshot(sector, FIELDS)
    sector.name = name
    sector.department = department
    if snapshot(sector, FIELDS) == before:
        return sector
    sector.save(update_fields=["name", "department"])
    record(
        actor=actor, event_type="sector.updated", obj=sector, unit=unit, before=before, after=snapshot(sector, FIELDS)
    )
    return sector


@transaction.atomic
def sector_move(*, actor: Any, sector: Sector, direction: str) -> Sector:
    """One place up or down the list (the order of the choices when classifying and of the Front's
    summary). The unit's sectors are numbered 0, 1, 2… again on the way; at either end nothing moves."""
    if direction not in (UP, DOWN):
        raise ValidationError({"direction": [_("Chọn chuyển lên hay xuống.")]})
    unit = sector.unit
    require_perm(actor, rules.MANAGE_SECTORS, unit)
    ordered = list(Sector.objects.select_for_update().filter(unit=unit).order_by("sort_order", "name", "pk"))
    index = next(i for i, s in enumerate(ordered) if s.pk == sector.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(ordered):
        return ordered[index]
    before = ordered[index].sort_order
    ordered[index], ordered[other] = ordered[other], ordered[index]
    changed = []
    for position, item in enumerate(ordered):
        if item.sort_order != position:
            item.sort_order = position
            changed.append(item)
    Sector.objects.bulk_update(changed, ["sort_order"])
    moved = ordered[other]
    record(
        actor=actor,
        event_type="sector.moved",
        obj=moved,
        unit=unit,
        before={"sort_order": before},
        after={"sort_order": moved.sort_order},
    )
    return moved


@transaction.atomic
def sector_set_active(*, actor: Any, sector: Sector, active: bool) -> Sector:
    """Out of use (no longer offered when classifying; petitions already in it keep it) or back in use."""
    sector = _locked(sector)
    unit = sector.unit
    require_perm(actor, rules.MANAGE_SECTORS, unit)
    if sector.is_active == active:
        return sector
    sector.is_active = active
    sector.save(update_fields=["is_active"])
    record(
        actor=actor,
        event_type="sector.reactivated" if active else "sector.deactivated",
        obj=sector,
        unit=unit,
        before={"is_active": not active},
        after={"is_active": active},
    )
    return sector
