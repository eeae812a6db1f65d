"""Every change to units, villages and departments. Each action is one transaction with its audit event.

Actions check permissions themselves (the API and the pages call the same
functions) and raise `ValidationError` with Vietnamese messages keyed by the
field at fault; nothing is written when they raise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import require_perm
from doithoai.lib.text import fold, normalize_input
from doithoai.units import rules
from doithoai.units.models import AdminUnit, Department, Village, VillageKind, VillageStatus

PROFILE_FIELDS = [
    "committee_name",
    "parent_line",
    "place_name",
    "committee_abbr",
    "council_abbr",
    "front_abbr",
    "party_abbr",
    "address",
    "phone",
    "email",
]


# ---------------------------------------------------------------- units


@transaction.atomic
def unit_set_up(
    *,
    actor: Any,
    unit: AdminUnit,
    villages: Iterable[str] = (),
    departments: Iterable[str] = (),
    profile: dict[str, str] | None = None,
) -> AdminUnit:
    """First-run set-up of a unit picked from the national list: letterhead, villages, departments."""
    require_perm(actor, rules.SET_UP_UNIT, unit)
    unit = AdminUnit.objects.select_for_update().get(pk=unit.pk)
    if unit.is_set_up:
        raise ValidationError({"unit": _("Đơn vị %(name)s đã được thiết lập trước đó.") % {"name": unit.name}})
    if not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị %(name)s không còn tồn tại trong danh mục.") % {"name": unit.name}})
    before = snapshot(unit, ["is_set_up", *PROFILE_FIELDS])
    if profile:
        _apply_profile(unit, profile)
    unit.is_set_up = True
    unit.save()
    record(actor=actor, event_type="unit.set_up", obj=unit, unit=unit, before=before, after=snapshot(unit, ["is_set_up", *PROFILE_FIELDS]))
    _create_villages(actor=actor, unit=unit, lines=villages, field="villages")
    _create_departments(actor=actor, unit=unit, lines=departments, field="departments")
    return unit


def _apply_profile(unit: AdminUnit, profile: dict[str, str]) -> None:
    errors: dict[str, str] = {}
    for name in PROFILE_FIELDS:
        if name in profile:
            setattr(unit, name, normalize_input(profile[name]))
    if not unit.committee_name:
        errors["committee_name"] = _("Cần nhập tên cơ quan ban hành như in trên văn bản.")
    if not unit.place_name:
        errors["place_name"] = _("Cần nhập địa danh ghi trên văn bản (ví dụ: Điềm He).")
    for abbr in ("committee_abbr", "council_abbr", "front_abbr", "party_abbr"):
        if not getattr(unit, abbr):
            errors[abbr] = _("Cần nhập chữ viết tắt.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def unit_update_profile(*, actor: Any, unit: AdminUnit, profile: dict[str, str]) -> AdminUnit:
    require_perm(actor, rules.EDIT_UNIT_PROFILE, unit)
    unit = AdminUnit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, PROFILE_FIELDS)
    _apply_profile(unit, profile)
    unit.save(update_fields=PROFILE_FIELDS)
    record(actor=actor, event_type="unit.profile_updated", obj=unit, unit=unit, before=before, after=snapshot(unit, PROFILE_FIELDS))
    return unit


@transaction.atomic
def unit_set_two_factor_policy(*, actor: Any, unit: AdminUnit, required: bool) -> AdminUnit:
    require_perm(actor, rules.SET_TWO_FACTOR_POLICY, unit)
    unit = AdminUnit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, ["require_two_factor"])
    unit.require_two_factor = required
    unit.save(update_fields=["require_two_factor"])
    record(
        actor=actor, event_type="unit.two_factor_policy", obj=unit, unit=unit, before=before, after=snapshot(unit, ["require_two_factor"])
    )
    return unit


# ---------------------------------------------------------------- villages

VILLAGE_FIELDS = ["name", "kind", "status", "merged_into", "retired_on"]

# Spoken prefixes a pasted line may start with, mapped to the kind they name.
_KIND_PREFIXES = sorted(
    ((fold(kind.value), kind) for kind in VillageKind if kind != VillageKind.OTHER), key=lambda p: -len(p[0])
)


def guess_village_kind(name: str) -> str:
    """'Thôn Nà Pàn' is a thôn, 'Tổ dân phố 3' a tổ dân phố; anything else defaults to thôn."""
    folded = fold(name)
    for prefix, kind in _KIND_PREFIXES:
        if folded == prefix or folded.startswith(prefix + " "):
            return kind
    return VillageKind.THON


def _check_village_name(unit: AdminUnit, name: str, *, exclude: Village | None = None, field: str = "name") -> str:
    name = normalize_input(name)
    if not name:
        raise ValidationError({field: _("Tên thôn, tổ dân phố không được để trống.")})
    if len(name) > 120:
        raise ValidationError({field: _("Tên quá dài (tối đa 120 ký tự).")})
    # Names differing only in case or diacritics are the same village to the people who type them.
    key = fold(name)
    for other in Village.objects.filter(unit=unit).exclude(pk=exclude.pk if exclude else None):
        if fold(other.name) == key:
            raise ValidationError({field: _("Đã có thôn, tổ dân phố tên “%(name)s”.") % {"name": other.name}})
    return name


def split_lines(lines: Iterable[str] | str) -> list[str]:
    """Pasted text (one per line, or a list) without blanks, numbering or bullets."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    result = []
    for raw in lines:
        line = normalize_input(raw)
        # "1. Thôn A", "- Thôn A", "• Thôn A" as people paste them from Word.
        stripped = line.lstrip("-•*–+ ")
        head, _sep, rest = stripped.partition(" ")
        if rest and head.rstrip(".)").isdigit() and head[-1:] in {".", ")"}:
            stripped = rest
        if stripped:
            result.append(stripped)
    return result


def _create_villages(*, actor: Any, unit: AdminUnit, lines: Iterable[str] | str, field: str) -> list[Village]:
    names = split_lines(lines)
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        key = fold(name)
        if key in seen:
            errors.append(
                _("Dòng %(n)s: “%(name)s” trùng với dòng %(m)s.") % {"n": number, "name": name, "m": seen[key]}
            )
            continue
        seen[key] = number
        try:
            _check_village_name(unit, name, field=field)
        except ValidationError as exc:
            errors.extend(_("Dòng %(n)s: %(msg)s") % {"n": number, "msg": m} for m in exc.messages)
    if errors:
        raise ValidationError({field: errors})
    start = (Village.objects.filter(unit=unit).order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    created = []
    for offset, name in enumerate(names):
        village = Village.objects.create(unit=unit, name=name, kind=guess_village_kind(name), sort_order=start + offset)
        record(actor=actor, event_type="village.created", obj=village, unit=unit, after=snapshot(village, VILLAGE_FIELDS))
        created.append(village)
    return created


@transaction.atomic
def villages_create(*, actor: Any, unit: AdminUnit, lines: Iterable[str] | str) -> list[Village]:
    """Create villages from pasted lines. All or nothing: one bad line and none is created."""
    require_perm(actor, rules.MANAGE_VILLAGES, unit)
    return _create_villages(actor=actor, unit=unit, lines=lines, field="lines")


@transaction.atomic
def village_update(*, actor: Any, village: Village, name: str, kind: str) -> Village:
    """Rename a village or change its kind. The old name stays in the history."""
    require_perm(actor, rules.MANAGE_VILLAGES, village.unit)
    village = Village.objects.select_for_update().get(pk=village.pk)
    before = snapshot(village, VILLAGE_FIELDS)
    village.name = _check_village_name(village.unit, name, exclude=village)
    if kind not in VillageKind.values:
        raise ValidationError({"kind": _("Loại thôn, tổ dân phố không hợp lệ.")})
    village.kind = kind
    village.save(update_fields=["name", "kind"])
    record(
        actor=actor, event_type="village.updated", obj=village, unit=village.unit, before=before, after=snapshot(village, VILLAGE_FIELDS)
    )
    return village


@transaction.atomic
def village_retire(*, actor: Any, village: Village, on: dt.date | None = None) -> Village:
    """Stop using a village (dissolved). It stays attached to everything that refers to it."""
    require_perm(actor, rules.MANAGE_VILLAGES, village.unit)
    village = Village.objects.select_for_update().get(pk=village.pk)
    if not village.is_active:
        raise ValidationError({"village": _("Thôn, tổ dân phố này đã thôi hoạt động.")})
    before = snapshot(village, VILLAGE_FIELDS)
    village.status = VillageStatus.RETIRED
    village.retired_on = on or timezone.localdate()
    village.save(update_fields=["status", "retired_on"])
    record(
        actor=actor, event_type="village.retired", obj=village, unit=village.unit, before=before, after=snapshot(village, VILLAGE_FIELDS)
    )
    return village


@transaction.atomic
def village_reactivate(*, actor: Any, village: Village) -> Village:
    require_perm(actor, rules.MANAGE_VILLAGES, village.unit)
    village = Village.objects.select_for_update().get(pk=village.pk)
    if village.is_active:
        raise ValidationError({"village": _("Thôn, tổ dân phố này đang hoạt động.")})
    if village.merged_into_id:
        raise ValidationError({"village": _("Thôn đã sáp nhập vào thôn khác, không thể hoạt động lại.")})
    before = snapshot(village, VILLAGE_FIELDS)
    village.status = VillageStatus.ACTIVE
    village.retired_on = None
    village.save(update_fields=["status", "retired_on"])
    record(
        actor=actor, event_type="village.reactivated", obj=village, unit=village.unit, before=before, after=snapshot(village, VILLAGE_FIELDS)
    )
    return village


@transaction.atomic
def villages_merge(
    *, actor: Any, unit: AdminUnit, sources: list[Village], into: Village | None = None, new_name: str = ""
) -> Village:
    """Merge villages into one: an existing one (`into`) or a new one named `new_name`.

    The merged villages are retired with a link to the result, so that every
    petition, delegate and report that names them still reads correctly.
    """
    require_perm(actor, rules.MANAGE_VILLAGES, unit)
    source_ids = {v.pk for v in sources}
    locked = list(Village.objects.select_for_update().filter(unit=unit, pk__in=source_ids))
    if len(locked) != len(source_ids) or (into is not None and into.unit_id != unit.pk):
        raise ValidationError({"sources": _("Chỉ được sáp nhập các thôn, tổ dân phố của đơn vị này.")})
    if into is not None and into.pk in source_ids:
        source_ids.discard(into.pk)
        locked = [v for v in locked if v.pk != into.pk]
    if len(locked) < (1 if into is not None else 2):
        raise ValidationError({"sources": _("Chọn ít nhất hai thôn, tổ dân phố để sáp nhập.")})
    if any(not v.is_active for v in locked):
        raise ValidationError({"sources": _("Không thể sáp nhập thôn, tổ dân phố đã thôi hoạt động.")})
    if into is None:
        if not normalize_input(new_name):
            raise ValidationError({"new_name": _("Nhập tên thôn mới sau sáp nhập, hoặc chọn một thôn để giữ lại.")})
        (target,) = _create_villages(actor=actor, unit=unit, lines=[new_name], field="new_name")
    else:
        target = Village.objects.select_for_update().get(pk=into.pk)
        if not target.is_active:
            raise ValidationError({"into": _("Thôn nhận sáp nhập phải đang hoạt động.")})
    today = timezone.localdate()
    for village in locked:
        before = snapshot(village, VILLAGE_FIELDS)
        village.status = VillageStatus.RETIRED
        village.merged_into = target
        village.retired_on = today
        village.save(update_fields=["status", "merged_into", "retired_on"])
        record(
            actor=actor, event_type="village.merged", obj=village, unit=unit, before=before, after=snapshot(village, VILLAGE_FIELDS)
        )
    return target


def references_to(obj: Model) -> dict[str, int]:
    """What still refers to `obj`, by the verbose name of the referring model: {"vai trò tại đơn vị": 2}."""
    counts: dict[str, int] = {}
    for relation in obj._meta.related_objects:
        if not (relation.one_to_many or relation.one_to_one):
            continue
        accessor = relation.get_accessor_name()
        if accessor is None:
            continue
        manager = getattr(obj, accessor, None)
        if manager is None or not hasattr(manager, "count"):
            continue
        count = manager.count()
        if count:
            label = str(relation.related_model._meta.verbose_name_plural)
            counts[label] = counts.get(label, 0) + count
    return counts


@transaction.atomic
def village_delete(*, actor: Any, village: Village) -> None:
    """Delete a village typed by mistake. Refused while anything refers to it: retire it instead."""
    require_perm(actor, rules.MANAGE_VILLAGES, village.unit)
    village = Village.objects.select_for_update().get(pk=village.pk)
    refs = references_to(village)
    if refs:
        detail = ", ".join(f"{count} {label}" for label, count in refs.items())
        raise ValidationError(
            {
                "village": _(
                    "Không thể xóa “%(name)s” vì đang được sử dụng (%(detail)s). Hãy cho thôi hoạt động thay vì xóa."
                )
                % {"name": village.name, "detail": detail}
            }
        )
    record(actor=actor, event_type="village.deleted", obj=village, unit=village.unit, before=snapshot(village, VILLAGE_FIELDS))
    village.delete()


# ---------------------------------------------------------------- departments

DEPARTMENT_FIELDS = ["name", "short_name", "is_active"]


def _check_department_name(unit: AdminUnit, name: str, *, exclude: Department | None = None, field: str = "name") -> str:
    name = normalize_input(name)
    if not name:
        raise ValidationError({field: _("Tên cơ quan không được để trống.")})
    if len(name) > 160:
        raise ValidationError({field: _("Tên quá dài (tối đa 160 ký tự).")})
    key = fold(name)
    for other in Department.objects.filter(unit=unit).exclude(pk=exclude.pk if exclude else None):
        if fold(other.name) == key:
            raise ValidationError({field: _("Đã có cơ quan tên “%(name)s”.") % {"name": other.name}})
    return name


def _create_departments(*, actor: Any, unit: AdminUnit, lines: Iterable[str] | str, field: str) -> list[Department]:
    names = split_lines(lines)
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        key = fold(name)
        if key in seen:
            errors.append(_("Dòng %(n)s: “%(name)s” trùng với dòng %(m)s.") % {"n": number, "name": name, "m": seen[key]})
            continue
        seen[key] = number
        try:
            _check_department_name(unit, name, field=field)
        except ValidationError as exc:
            errors.extend(_("Dòng %(n)s: %(msg)s") % {"n": number, "msg": m} for m in exc.messages)
    if errors:
        raise ValidationError({field: errors})
    start = (
        Department.objects.filter(unit=unit).order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    ) + 1
    created = []
    for offset, name in enumerate(names):
        department = Department.objects.create(unit=unit, name=name, sort_order=start + offset)
        record(
            actor=actor, event_type="department.created", obj=department, unit=unit, after=snapshot(department, DEPARTMENT_FIELDS)
        )
        created.append(department)
    return created


@transaction.atomic
def departments_create(*, actor: Any, unit: AdminUnit, lines: Iterable[str] | str) -> list[Department]:
    """Create departments from pasted lines. All or nothing."""
    require_perm(actor, rules.MANAGE_DEPARTMENTS, unit)
    return _create_departments(actor=actor, unit=unit, lines=lines, field="lines")


@transaction.atomic
def department_update(*, actor: Any, department: Department, name: str, short_name: str = "") -> Department:
    require_perm(actor, rules.MANAGE_DEPARTMENTS, department.unit)
    department = Department.objects.select_for_update().get(pk=department.pk)
    before = snapshot(department, DEPARTMENT_FIELDS)
    department.name = _check_department_name(department.unit, name, exclude=department)
    department.short_name = normalize_input(short_name)[:40]
    department.save(update_fields=["name", "short_name"])
    record(
        actor=actor,
        event_type="department.updated",
        obj=department,
        unit=department.unit,
        before=before,
        after=snapshot(department, DEPARTMENT_FIELDS),
    )
    return department


@transaction.atomic
def department_set_active(*, actor: Any, department: Department, active: bool) -> Department:
    require_perm(actor, rules.MANAGE_DEPARTMENTS, department.unit)
    department = Department.objects.select_for_update().get(pk=department.pk)
    before = snapshot(department, DEPARTMENT_FIELDS)
    department.is_active = active
    department.save(update_fields=["is_active"])
    record(
        actor=actor,
        event_type="department.activated" if active else "department.deactivated",
        obj=department,
        unit=department.unit,
        before=before,
        after=snapshot(department, DEPARTMENT_FIELDS),
    )
    return department


@transaction.atomic
def department_delete(*, actor: Any, department: Department) -> None:
    require_perm(actor, rules.MANAGE_DEPARTMENTS, department.unit)
    department = Department.objects.select_for_update().get(pk=department.pk)
    refs = references_to(department)
    if refs:
        detail = ", ".join(f"{count} {label}" for label, count in refs.items())
        raise ValidationError(
            {
                "department": _(
                    "Không thể xóa “%(name)s” vì đang được sử dụng (%(detail)s). Hãy ngừng sử dụng thay vì xóa."
                )
                % {"name": department.name, "detail": detail}
            }
        )
    record(
        actor=actor, event_type="department.deleted", obj=department, unit=department.unit, before=snapshot(department, DEPARTMENT_FIELDS)
    )
    department.delete()
