"""Every change to units, villages and departments. Each action is one transaction with its audit event.

Actions check permissions themselves (the API and the pages call the same
functions) and raise `ValidationError` with Vietnamese messages keyed by the
field at fault; nothing is written when they raise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.accounts.actions import member_create
from doithoai.accounts.roles import Role
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


def _merge_errors(errors: dict[str, list[str]], exc: ValidationError, *, prefix: str = "") -> None:
    """Add the messages of `exc` to `errors`, keyed by field (non-field messages under "__all__")."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            errors.setdefault(f"{prefix}{field}", []).extend(messages)
    else:
        errors.setdefault(f"{prefix}__all__" if prefix else "__all__", []).extend(exc.messages)


def _save_changes(
    *,
    actor: Any,
    obj: Model,
    unit: AdminUnit,
    before: dict[str, Any],
    update_fields: list[str],
    event_type: str,
) -> None:
    """Save `update_fields` and record what changed since `before`; an edit that changes nothing writes nothing."""
    after = snapshot(obj, before.keys())
    if after == before:
        return
    obj.save(update_fields=update_fields)
    record(actor=actor, event_type=event_type, obj=obj, unit=unit, before=before, after=after)


# ---------------------------------------------------------------- units


@transaction.atomic
def unit_set_up(
    *,
    actor: Any,
    unit: AdminUnit,
    villages: Iterable[str] | str = (),
    departments: Iterable[str] | str = (),
    profile: dict[str, str] | None = None,
) -> AdminUnit:
    """First-run set-up of a unit picked from the national list: letterhead, villages, departments.

    Every problem (letterhead, each pasted line) is reported at once, and nothing is written.
    """
    require_perm(actor, rules.SET_UP_UNIT, unit)
    unit = AdminUnit.objects.select_for_update().get(pk=unit.pk)
    if unit.is_set_up:
        raise ValidationError({"unit": _("Đơn vị %(name)s đã được thiết lập trước đó.") % {"name": unit.name}})
    if not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị %(name)s không còn tồn tại trong danh mục.") % {"name": unit.name}})
    errors: dict[str, list[str]] = {}
    before = snapshot(unit, ["is_set_up", *PROFILE_FIELDS])
    try:
        _apply_profile(unit, profile or {})
    except ValidationError as exc:
        _merge_errors(errors, exc)
    village_names = department_names = []
    try:
        village_names = _check_lines(_villages(), unit, villages, field="villages")
    except ValidationError as exc:
        _merge_errors(errors, exc)
    try:
        department_names = _check_lines(_departments(), unit, departments, field="departments")
    except ValidationError as exc:
        _merge_errors(errors, exc)
    if errors:
        raise ValidationError(errors)
    unit.is_set_up = True
    unit.save()
    record(
        actor=actor,
        event_type="unit.set_up",
        obj=unit,
        unit=unit,
        before=before,
        after=snapshot(unit, ["is_set_up", *PROFILE_FIELDS]),
    )
    _insert(_villages(), actor=actor, unit=unit, names=village_names)
    _insert(_departments(), actor=actor, unit=unit, names=department_names)
    return unit


@dataclass(frozen=True)
class NewPerson:
    """One of the first accounts of a unit, as typed on the set-up page."""

    role: str
    full_name: str
    username: str
    email: str = ""
    password: str = ""
    position: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CreatedLogin:
    user: Any
    role: str
    password: str
    generated: bool

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


REQUIRED_FIRST_ROLES = (Role.CHAIR, Role.OFFICE)


@transaction.atomic
def unit_set_up_with_people(
    *,
    actor: Any,
    unit: AdminUnit,
    profile: dict[str, str],
    villages: Iterable[str] | str,
    departments: Iterable[str] | str,
    people: Sequence[NewPerson],
) -> list[CreatedLogin]:
    """Set up a unit and create its first accounts, all in one transaction.

    A bad village line, a taken username or a missing chair means that no
    unit is set up and no account is created. Errors of the person at index
    `i` are keyed `people-<i>-<field>`, so that the page shows them at the row.
    """
    require_perm(actor, rules.SET_UP_UNIT, unit)
    errors: dict[str, list[str]] = {}
    roles = {person.role for person in people}
    missing = [Role(role).label for role in REQUIRED_FIRST_ROLES if role not in roles]
    if missing:
        errors["people"] = [
            _("Cần tạo ít nhất một tài khoản cho mỗi vai trò: %(roles)s.") % {"roles": ", ".join(map(str, missing))}
        ]
    try:
        with transaction.atomic():
            unit_set_up(actor=actor, unit=unit, villages=villages, departments=departments, profile=profile)
    except ValidationError as exc:
        _merge_errors(errors, exc)
    created: list[CreatedLogin] = []
    seen: dict[str, int] = {}
    for index, person in enumerate(people):
        key = normalize_input(person.username).lower()
        if key and key in seen:
            errors.setdefault(f"people-{index}-username", []).append(
                _("Tên đăng nhập “%(u)s” trùng với người thứ %(n)s ở trên.") % {"u": key, "n": seen[key] + 1}
            )
            continue
        seen[key] = index
        try:
            with transaction.atomic():
                user, password = member_create(
                    actor=actor,
                    unit=unit,
                    username=person.username,
                    full_name=person.full_name,
                    email=person.email,
                    role=person.role,
                    password=person.password or None,
                    position=person.position,
                    phone=person.phone,
                )
        except ValidationError as exc:
            _merge_errors(errors, exc, prefix=f"people-{index}-")
            continue
        created.append(CreatedLogin(user=user, role=person.role, password=password, generated=not person.password))
    if errors:
        # Leaving the atomic block with an exception undoes the unit and every account created above.
        raise ValidationError(errors)
    return created


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
    for name in PROFILE_FIELDS:
        limit = getattr(AdminUnit._meta.get_field(name), "max_length", None)
        if name not in errors and limit and len(getattr(unit, name)) > limit:
            errors[name] = _("Quá dài (tối đa %(n)s ký tự).") % {"n": limit}
    if unit.email and "email" not in errors:
        try:
            validate_email(unit.email)
        except ValidationError:
            errors["email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def unit_update_profile(*, actor: Any, unit: AdminUnit, profile: dict[str, str]) -> AdminUnit:
    require_perm(actor, rules.EDIT_UNIT_PROFILE, unit)
    unit = AdminUnit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, PROFILE_FIELDS)
    _apply_profile(unit, profile)
    _save_changes(
        actor=actor,
        obj=unit,
        unit=unit,
        before=before,
        update_fields=PROFILE_FIELDS,
        event_type="unit.profile_updated",
    )
    return unit


@transaction.atomic
def unit_set_two_factor_policy(*, actor: Any, unit: AdminUnit, required: bool) -> AdminUnit:
    require_perm(actor, rules.SET_TWO_FACTOR_POLICY, unit)
    unit = AdminUnit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, ["require_two_factor"])
    unit.require_two_factor = required
    unit.save(update_fields=["require_two_factor"])
    record(
        actor=actor,
        event_type="unit.two_factor_policy",
        obj=unit,
        unit=unit,
        before=before,
        after=snapshot(unit, ["require_two_factor"]),
    )
    return unit


# ---------------------------------------------------------------- pasted lines


def numbered_lines(lines: Iterable[str] | str) -> list[tuple[int, str]]:
    """Pasted text (one per line, or a list) as (line number, name), without blanks, numbering or bullets.

    Line numbers count every line of the text as typed, blank ones included,
    so that "Dòng 3" is the third line the user sees in the box.
    """
    if isinstance(lines, str):
        lines = lines.splitlines()
    result = []
    for number, raw in enumerate(lines, start=1):
        line = normalize_input(raw)
        # "1. Thôn A", "- Thôn A", "• Thôn A" as people paste them from Word.
        stripped = line.lstrip("-•*–+ ")
        head, _sep, rest = stripped.partition(" ")
        if rest and head.rstrip(".)").isdigit() and head[-1:] in {".", ")"}:
            stripped = rest
        if stripped:
            result.append((number, stripped))
    return result


def split_lines(lines: Iterable[str] | str) -> list[str]:
    """Pasted text (one per line, or a list) without blanks, numbering or bullets."""
    return [name for _number, name in numbered_lines(lines)]


# ---------------------------------------------------------------- named items of a unit


@dataclass(frozen=True)
class _Named[M: (Village, Department)]:
    """What differs between the named items of a unit that people type one at a time or paste as lines.

    Built per call (`_villages()`, `_departments()`) so that the messages are
    in the language of the request.
    """

    model: type[M]
    fields: list[str]  # audited
    max_length: int
    key: str  # errors about one whole item are keyed by its kind: {"village": ...}
    created_event_type: str
    deleted_event_type: str
    empty: str
    too_long: str
    exists: str  # %(name)s: the name as already written
    nothing_pasted: str
    in_use: str  # %(name)s, %(detail)s: what refers to it
    defaults: Callable[[str], dict[str, Any]] = lambda _name: {}  # other fields of a new item, from its name


def _existing_names(
    model: type[Village] | type[Department], unit: AdminUnit, exclude: Model | None = None
) -> dict[str, str]:
    """The folded names already used in the unit, mapped to the names as written.

    Names differing only in case or diacritics are the same to the people who type them.
    """
    qs = model.objects.filter(unit=unit)
    if exclude is not None and exclude.pk is not None:
        qs = qs.exclude(pk=exclude.pk)
    return {fold(name): name for name in qs.values_list("name", flat=True)}


def _check_name[M: (Village, Department)](
    named: _Named[M], unit: AdminUnit, name: str, *, exclude: M | None = None, field: str = "name"
) -> str:
    """One typed name, normalised, or a ValidationError keyed by `field`. `exclude` is the item being renamed."""
    name = normalize_input(name)
    if not name:
        raise ValidationError({field: named.empty})
    if len(name) > named.max_length:
        raise ValidationError({field: named.too_long})
    existing = _existing_names(named.model, unit, exclude)
    if fold(name) in existing:
        raise ValidationError({field: named.exists % {"name": existing[fold(name)]}})
    return name


def _check_lines[M: (Village, Department)](
    named: _Named[M], unit: AdminUnit, lines: Iterable[str] | str, *, field: str
) -> list[str]:
    """The names of pasted lines, or a ValidationError listing every bad line ("Dòng 3: …")."""
    existing = _existing_names(named.model, unit)
    errors: list[str] = []
    seen: dict[str, int] = {}
    names: list[str] = []
    for number, name in numbered_lines(lines):
        key = fold(name)
        if key in seen:
            errors.append(
                _("Dòng %(n)s: “%(name)s” trùng với dòng %(m)s.") % {"n": number, "name": name, "m": seen[key]}
            )
            continue
        seen[key] = number
        if len(name) > named.max_length:
            errors.append(_("Dòng %(n)s: tên quá dài (tối đa %(max)s ký tự).") % {"n": number, "max": named.max_length})
        elif key in existing:
            errors.append(_("Dòng %(n)s: %(msg)s") % {"n": number, "msg": named.exists % {"name": existing[key]}})
        names.append(name)
    if errors:
        raise ValidationError({field: errors})
    return names


def _insert[M: (Village, Department)](named: _Named[M], *, actor: Any, unit: AdminUnit, names: list[str]) -> list[M]:
    """Create checked names after the unit's last item, one audit event each."""
    last = named.model.objects.filter(unit=unit).order_by("-sort_order").values_list("sort_order", flat=True).first()
    start = (last or 0) + 1
    created = []
    for offset, name in enumerate(names):
        item = named.model.objects.create(unit=unit, name=name, sort_order=start + offset, **named.defaults(name))
        record(
            actor=actor, event_type=named.created_event_type, obj=item, unit=unit, after=snapshot(item, named.fields)
        )
        created.append(item)
    return created


def _create_from_lines[M: (Village, Department)](
    named: _Named[M], *, actor: Any, unit: AdminUnit, lines: Iterable[str] | str
) -> list[M]:
    """All or nothing: one bad line and none is created."""
    if not split_lines(lines):
        raise ValidationError({"lines": named.nothing_pasted})
    names = _check_lines(named, unit, lines, field="lines")
    return _insert(named, actor=actor, unit=unit, names=names)


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


def _delete_unless_used[M: (Village, Department)](named: _Named[M], *, actor: Any, item: M) -> None:
    """Delete an item typed by mistake. Refused while anything refers to it: the user retires it instead."""
    item = named.model.objects.select_for_update().get(pk=item.pk)
    refs = references_to(item)
    if refs:
        detail = ", ".join(f"{count} {label}" for label, count in refs.items())
        raise ValidationError({named.key: named.in_use % {"name": item.name, "detail": detail}})
    record(
        actor=actor, event_type=named.deleted_event_type, obj=item, unit=item.unit, before=snapshot(item, named.fields)
    )
    item.delete()


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


def _villages() -> _Named[Village]:
    return _Named(
        model=Village,
        fields=VILLAGE_FIELDS,
        max_length=120,
        key="village",
        created_event_type="village.created",
        deleted_event_type="village.deleted",
        empty=_("Tên thôn, tổ dân phố không được để trống."),
        too_long=_("Tên quá dài (tối đa 120 ký tự)."),
        exists=_("Đã có thôn, tổ dân phố tên “%(name)s”."),
        nothing_pasted=_("Nhập ít nhất một tên thôn, tổ dân phố (mỗi dòng một tên)."),
        in_use=_("Không thể xóa “%(name)s” vì đang được sử dụng (%(detail)s). Hãy cho thôi hoạt động thay vì xóa."),
        defaults=lambda name: {"kind": guess_village_kind(name)},
    )


@transaction.atomic
def villages_create(*, actor: Any, unit: AdminUnit, lines: Iterable[str] | str) -> list[Village]:
    """Create villages from pasted lines. All or nothing: one bad line and none is created."""
    require_perm(actor, rules.MANAGE_VILLAGES, unit)
    return _create_from_lines(_villages(), actor=actor, unit=unit, lines=lines)


@transaction.atomic
def village_update(*, actor: Any, village: Village, name: str, kind: str) -> Village:
    """Rename a village or change its kind. The old name stays in the history."""
    require_perm(actor, rules.MANAGE_VILLAGES, village.unit)
    village = Village.objects.select_for_update().select_related("unit").get(pk=village.pk)
    before = snapshot(village, VILLAGE_FIELDS)
    errors: dict[str, list[str]] = {}
    try:
        village.name = _check_name(_villages(), village.unit, name, exclude=village)
    except ValidationError as exc:
        _merge_errors(errors, exc)
    if kind not in VillageKind.values:
        errors["kind"] = [_("Loại thôn, tổ dân phố không hợp lệ.")]
    if errors:
        raise ValidationError(errors)
    village.kind = kind
    _save_changes(
        actor=actor,
        obj=village,
        unit=village.unit,
        before=before,
        update_fields=["name", "kind"],
        event_type="village.updated",
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
    _save_changes(
        actor=actor,
        obj=village,
        unit=village.unit,
        before=before,
        update_fields=["status", "retired_on"],
        event_type="village.retired",
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
    _save_changes(
        actor=actor,
        obj=village,
        unit=village.unit,
        before=before,
        update_fields=["status", "retired_on"],
        event_type="village.reactivated",
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
        villages = _villages()
        name = _check_name(villages, unit, new_name, field="new_name")
        (target,) = _insert(villages, actor=actor, unit=unit, names=[name])
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
        _save_changes(
            actor=actor,
            obj=village,
            unit=unit,
            before=before,
            update_fields=["status", "merged_into", "retired_on"],
            event_type="village.merged",
        )
    return target


@transaction.atomic
def village_delete(*, actor: Any, village: Village) -> None:
    """Delete a village typed by mistake. Refused while anything refers to it: retire it instead."""
    require_perm(actor, rules.MANAGE_VILLAGES, village.unit)
    _delete_unless_used(_villages(), actor=actor, item=village)


# ---------------------------------------------------------------- departments

DEPARTMENT_FIELDS = ["name", "short_name", "is_active"]


def _departments() -> _Named[Department]:
    return _Named(
        model=Department,
        fields=DEPARTMENT_FIELDS,
        max_length=160,
        key="department",
        created_event_type="department.created",
        deleted_event_type="department.deleted",
        empty=_("Tên cơ quan không được để trống."),
        too_long=_("Tên quá dài (tối đa 160 ký tự)."),
        exists=_("Đã có cơ quan tên “%(name)s”."),
        nothing_pasted=_("Nhập ít nhất một tên cơ quan (mỗi dòng một tên)."),
        in_use=_("Không thể xóa “%(name)s” vì đang được sử dụng (%(detail)s). Hãy ngừng sử dụng thay vì xóa."),
    )


@transaction.atomic
def departments_create(*, actor: Any, unit: AdminUnit, lines: Iterable[str] | str) -> list[Department]:
    """Create departments from pasted lines. All or nothing."""
    require_perm(actor, rules.MANAGE_DEPARTMENTS, unit)
    return _create_from_lines(_departments(), actor=actor, unit=unit, lines=lines)


@transaction.atomic
def department_update(*, actor: Any, department: Department, name: str, short_name: str = "") -> Department:
    require_perm(actor, rules.MANAGE_DEPARTMENTS, department.unit)
    department = Department.objects.select_for_update().select_related("unit").get(pk=department.pk)
    before = snapshot(department, DEPARTMENT_FIELDS)
    errors: dict[str, list[str]] = {}
    try:
        department.name = _check_name(_departments(), department.unit, name, exclude=department)
    except ValidationError as exc:
        _merge_errors(errors, exc)
    short_name = normalize_input(short_name)
    if len(short_name) > 40:
        errors["short_name"] = [_("Tên viết tắt quá dài (tối đa 40 ký tự).")]
    if errors:
        raise ValidationError(errors)
    department.short_name = short_name
    _save_changes(
        actor=actor,
        obj=department,
        unit=department.unit,
        before=before,
        update_fields=["name", "short_name"],
        event_type="department.updated",
    )
    return department


@transaction.atomic
def department_set_active(*, actor: Any, department: Department, active: bool) -> Department:
    require_perm(actor, rules.MANAGE_DEPARTMENTS, department.unit)
    department = Department.objects.select_for_update().select_related("unit").get(pk=department.pk)
    if department.is_active == active:
        raise ValidationError(
            {"department": _("Cơ quan này đang hoạt động.") if active else _("Cơ quan này đã ngừng sử dụng trước đó.")}
        )
    before = snapshot(department, DEPARTMENT_FIELDS)
    department.is_active = active
    _save_changes(
        actor=actor,
        obj=department,
        unit=department.unit,
        before=before,
        update_fields=["is_active"],
        event_type="department.activated" if active else "department.deactivated",
    )
    return department


@transaction.atomic
def department_delete(*, actor: Any, department: Department) -> None:
    require_perm(actor, rules.MANAGE_DEPARTMENTS, department.unit)
    _delete_unless_used(_departments(), actor=actor, item=department)
