"""Every change to a conference's delegates. Each action is one transaction with its audit event.

Permissions and the conference's state are checked here (rules.py, workflow.py);
bad input raises `ValidationError` with Vietnamese messages keyed by the field,
and nothing is written then. An import is all or nothing: one refused row and
no row is saved; the accepted file is one audit event with the counts.

A named person goes into a matching open slot first (same village, and the
role or group of the plan's composition), else is added as an extra delegate.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.actions import record, snapshot
from doithoai.conferences.models import Conference
from doithoai.core.actors import actor_or_none
from doithoai.core.permissions import require_perm
from doithoai.delegates import excel, rules, selectors, workflow
from doithoai.delegates.models import Delegate, Rsvp, new_code
from doithoai.lib.text import fold, normalize_input
from doithoai.plans.models import CompositionRule
from doithoai.units.models import Village, VillageStatus

PERSON_FIELDS = ["full_name", "position", "phone", "consent_to_publish", "note"]
PLACE_FIELDS = ["village", "group", "role_label"]
# The phone number is personal data: the audit trail notes that it changed, not the number.
AUDIT_FIELDS = ["full_name", "position", "village", "group", "role_label", "consent_to_publish", "note"]
CHECK_IN_FIELDS = ["checked_in_at", "checked_in_by"]
LIMITS = {"full_name": 120, "position": 160, "role_label": 255, "group": 120, "note": 255}
PHONE_DIGITS = re.compile(r"^\+?\d{9,12}$")
BULK_BATCH = 500


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _locked(conference: Conference) -> Conference:
    """The conference row locked for this transaction, so that two imports or generations do not interleave."""
    return Conference.objects.select_for_update().select_related("unit", "plan").get(pk=conference.pk)


def clean_phone(value: Any) -> str | None:
    """'0912 345 678', '+84 912-345-678', or a number Excel stored without its leading 0; None if not a phone."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        if len(digits) == 9:
            digits = "0" + digits
        return digits if PHONE_DIGITS.match(digits) else None
    text = str(value).strip()
    compact = re.sub(r"[\s.\-()]", "", text)
    if compact.startswith("'"):
        compact = compact[1:]
    return compact if PHONE_DIGITS.match(compact) else None


def _person_key(name: str, village_id: int | None) -> tuple[str, int | None]:
    return fold(name), village_id


def _existing_people(conference: Conference, exclude_pk: int | None = None) -> set[tuple[str, int | None]]:
    rows = Delegate.objects.filter(conference=conference).exclude(full_name="")
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return {_person_key(name, village_id) for name, village_id in rows.values_list("full_name", "village_id")}


def _village_text(village: Village | None) -> str:
    return village.name if village is not None else _("cấp xã")


def _duplicate_message(name: str, village: Village | None) -> str:
    return _("“%(name)s” (%(village)s) đã có trong danh sách đại biểu của hội nghị.") % {
        "name": name,
        "village": _village_text(village),
    }


def _unique_codes(count: int) -> list[str]:
    """`count` fresh codes, none already used (checked in chunks; a clash in 32^8 is rare but not impossible)."""
    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < count:
        batch: list[str] = []
        while len(batch) < count - len(codes):
            code = new_code()
            if code not in seen:
                seen.add(code)
                batch.append(code)
        taken: set[str] = set()
        for start in range(0, len(batch), 900):
            chunk = batch[start : start + 900]
            taken.update(Delegate.objects.filter(code__in=chunk).values_list("code", flat=True))
        codes.extend(code for code in batch if code not in taken)
    return codes


def _next_order(conference: Conference) -> int:
    return (Delegate.objects.filter(conference=conference).aggregate(m=Max("order"))["m"] or 0) + 1


# ---------------------------------------------------------------- slots from the plan's composition


@dataclass
class SlotsResult:
    created: int
    skipped: list[tuple[CompositionRule, str]]


@transaction.atomic
def slots_generate(*, actor: Any, conference: Conference) -> SlotsResult:
    """Open slots for each composition rule with a quantity: per village × each village, fixed once.

    Tops up only: a (rule, village) that already has its number of rows (open
    or named) gets none, so running it twice changes nothing.
    """
    conference = _locked(conference)
    require_perm(actor, rules.MANAGE_DELEGATES, conference.unit)
    workflow.check_state(conference, workflow.ARRANGE)
    targets, skipped = selectors.quota_targets(
        selectors.composition_of(conference), selectors.conference_villages(conference)
    )
    counts = selectors.slot_counts(conference)
    order = _next_order(conference)
    wanted = [
        (rule, village)
        for rule, village, quota in targets
        for _i in range(max(0, quota - counts.get((rule.pk, village.pk if village else None), (0, 0))[0]))
    ]
    new = [
        Delegate(
            conference=conference,
            composition_rule=rule,
            village=village,
            group=rule.group,
            role_label=rule.role_label,
            order=order + index,
            code=code,
        )
        for index, ((rule, village), code) in enumerate(zip(wanted, _unique_codes(len(wanted)), strict=True))
    ]
    Delegate.objects.bulk_create(new, batch_size=BULK_BATCH)
    if new:
        record(
            actor=actor,
            event_type="delegates.slots_generated",
            obj=conference,
            unit=conference.unit,
            extra={"created": len(new), "conference_id": conference.pk},
        )
    return SlotsResult(created=len(new), skipped=skipped)


# ---------------------------------------------------------------- placing people


class Placer:
    """Finds the open slot a person fills: same village, and the plan's role (or group) they were given."""

    def __init__(self, conference: Conference) -> None:
        rules_ = selectors.composition_of(conference)
        self.rule_by_label = {fold(r.role_label): r for r in rules_}
        self.group_by_key = {fold(r.group): r.group for r in rules_ if r.group}
        self.by_role: dict[tuple[int | None, str], list[Delegate]] = defaultdict(list)
        self.by_group: dict[tuple[int | None, str], list[Delegate]] = defaultdict(list)
        self.used: set[int] = set()
        open_slots = selectors.ordered(
            Delegate.objects.filter(conference=conference, full_name="", composition_rule__isnull=False)
        )
        for slot in open_slots:
            self.by_role[(slot.village_id, fold(slot.role_label))].append(slot)
            if slot.group:
                self.by_group[(slot.village_id, fold(slot.group))].append(slot)

    def _take(self, queue: list[Delegate]) -> Delegate | None:
        while queue:
            slot = queue.pop(0)
            if slot.pk not in self.used:
                self.used.add(slot.pk)
                return slot
        return None

    def slot_for(self, village_id: int | None, role: str) -> Delegate | None:
        key = fold(role)
        if not key:
            return None
        return self._take(self.by_role.get((village_id, key), [])) or self._take(
            self.by_group.get((village_id, key), [])
        )

    def extra_place(self, role: str) -> tuple[CompositionRule | None, str, str]:
        """(rule, group, role label) for a person added beyond the open slots."""
        key = fold(role)
        rule = self.rule_by_label.get(key)
        if rule is not None:
            return rule, rule.group, rule.role_label
        if key in self.group_by_key:
            return None, self.group_by_key[key], ""
        return None, "", role


def _clean_person(data: Mapping[str, Any], errors: dict[str, list[str]], *, name_required: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ["full_name", "position", "note", "role_label", "group"]:
        if name in data:
            values[name] = normalize_input(data.get(name) or "")
            if len(values[name]) > LIMITS[name]:
                errors[name] = [_("Dài quá %(n)s ký tự.") % {"n": LIMITS[name]}]
    if name_required and not values.get("full_name"):
        errors["full_name"] = [_("Nhập họ và tên.")]
    if "phone" in data:
        phone = clean_phone(data.get("phone"))
        if phone is None:
            errors["phone"] = [_("Số điện thoại không hợp lệ (9 đến 12 chữ số).")]
        else:
            values["phone"] = phone
    if "consent_to_publish" in data:
        values["consent_to_publish"] = bool(data.get("consent_to_publish"))
    return values


def _check_village(conference: Conference, village: Village | None, errors: dict[str, list[str]]) -> None:
    if village is not None and village.unit_id != conference.unit_id:
        errors["village"] = [_("Chỉ chọn thôn, tổ dân phố của đơn vị.")]


@dataclass(frozen=True)
class Placed:
    delegate: Delegate
    filled_slot: bool


@transaction.atomic
def delegate_create(
    *, actor: Any, conference: Conference, data: Mapping[str, Any], village: Village | None = None
) -> Placed:
    """A named delegate: into the matching open slot of their village and role if there is one, else added."""
    conference = _locked(conference)
    require_perm(actor, rules.MANAGE_DELEGATES, conference.unit)
    workflow.check_state(conference, workflow.ARRANGE)
    errors: dict[str, list[str]] = {}
    values = _clean_person(data, errors, name_required=True)
    _check_village(conference, village, errors)
    village_id = village.pk if village else None
    if "full_name" not in errors and _person_key(values["full_name"], village_id) in _existing_people(conference):
        errors["full_name"] = [_duplicate_message(values["full_name"], village)]
    _raise(errors)
    role = values.pop("role_label", "")
    values.pop("group", None)
    placer = Placer(conference)
    slot = placer.slot_for(village_id, role)
    if slot is not None:
        slot.conference = conference
        before = snapshot(slot, AUDIT_FIELDS)
        for name, value in values.items():
            setattr(slot, name, value)
        slot.save()
        record(
            actor=actor,
            event_type="delegate.updated",
            obj=slot,
            unit=conference.unit,
            before=before,
            after=snapshot(slot, AUDIT_FIELDS),
            extra={"conference_id": conference.pk, "filled_slot": True},
        )
        return Placed(slot, filled_slot=True)
    rule, group, role_label = placer.extra_place(role)
    delegate = Delegate.objects.create(
        conference=conference,
        composition_rule=rule,
        village=village,
        group=group,
        role_label=role_label,
        order=_next_order(conference),
        code=_unique_codes(1)[0],
        **values,
    )
    record(
        actor=actor,
        event_type="delegate.created",
        obj=delegate,
        unit=conference.unit,
        after=snapshot(delegate, AUDIT_FIELDS),
        extra={"conference_id": conference.pk},
    )
    return Placed(delegate, filled_slot=False)


@transaction.atomic
def delegate_update(
    *,
    actor: Any,
    delegate: Delegate,
    data: Mapping[str, Any],
    village: Village | Literal["keep"] | None = "keep",
) -> Delegate:
    """Fill or correct a delegate. A slot keeps its village and role; emptying its name opens it again.

    The office and the chair edit any row; a village head only the rows of their village,
    and only the person (name, position, phone, consent, note).
    """
    delegate = (
        Delegate.objects.select_for_update(of=("self",))
        .select_related("conference__unit", "village")
        .get(pk=delegate.pk)
    )
    conference = delegate.conference
    unit = conference.unit
    if not workflow.may_fill(actor, delegate):
        require_perm(actor, rules.MANAGE_DELEGATES, unit)
    workflow.check_state(conference, workflow.FILL)
    manager = workflow.may_manage(actor, unit)
    errors: dict[str, list[str]] = {}
    is_slot = delegate.composition_rule_id is not None
    values = _clean_person(data, errors, name_required=False)
    if not manager or is_slot:
        # Where the row sits is the plan's (a slot) or the office's to decide.
        values.pop("role_label", None)
        values.pop("group", None)
        village = "keep"
    new_village = delegate.village if village == "keep" else village
    assert not isinstance(new_village, str)
    _check_village(conference, new_village, errors)
    name = values.get("full_name", delegate.full_name)
    village_id = new_village.pk if new_village else None
    if (
        name
        and "full_name" not in errors
        and _person_key(name, village_id) in _existing_people(conference, delegate.pk)
    ):
        errors["full_name"] = [_duplicate_message(name, new_village)]
    if not name and not is_slot and "full_name" not in errors:
        errors["full_name"] = [_("Nhập họ và tên.")]
    elif not name and delegate.is_checked_in:
        errors["full_name"] = [_("Đại biểu đã điểm danh: không bỏ trống tên được.")]
    _raise(errors)
    before = snapshot(delegate, AUDIT_FIELDS)
    phone_before = delegate.phone
    emptied = bool(delegate.full_name) and not name
    for key, value in values.items():
        setattr(delegate, key, value)
    delegate.village = new_village
    if emptied:
        # An open slot again: the next person gets a new invitation, not this one's code and answer.
        delegate.position = delegate.phone = delegate.note = ""
        delegate.consent_to_publish = False
        delegate.rsvp, delegate.rsvp_at = Rsvp.PENDING, None
        delegate.code = _unique_codes(1)[0]
    delegate.save()
    extra: dict[str, Any] = {"conference_id": conference.pk}
    if delegate.phone != phone_before:
        extra["phone_changed"] = True
    if emptied:
        extra["emptied"] = True
    record(
        actor=actor,
        event_type="delegate.updated",
        obj=delegate,
        unit=unit,
        before=before,
        after=snapshot(delegate, AUDIT_FIELDS),
        extra=extra,
    )
    return delegate


@transaction.atomic
def delegate_delete(*, actor: Any, delegate: Delegate) -> None:
    delegate = (
        Delegate.objects.select_for_update(of=("self",))
        .select_related("conference__unit", "village")
        .get(pk=delegate.pk)
    )
    conference = delegate.conference
    require_perm(actor, rules.MANAGE_DELEGATES, conference.unit)
    workflow.check_state(conference, workflow.ARRANGE)
    if delegate.is_checked_in:
        raise ValidationError({"delegate": _("Đại biểu đã điểm danh: không xóa được.")})
    before = snapshot(delegate, AUDIT_FIELDS)
    record(
        actor=actor,
        event_type="delegate.deleted",
        obj=delegate,
        unit=conference.unit,
        before=before,
        extra={"conference_id": conference.pk},
    )
    delegate.delete()


# ---------------------------------------------------------------- import


@dataclass
class ImportResult:
    rows: int
    filled: int
    added: int
    skipped_open: int = 0


def _village_index(conference: Conference) -> tuple[dict[str, Village], dict[str, Village]]:
    """Active villages of the unit by folded name, also without their kind ('Nà Pàn' for 'Thôn Nà Pàn');
    retired ones apart, to say so."""
    active: dict[str, Village] = {}
    retired: dict[str, Village] = {}
    for village in Village.objects.filter(unit_id=conference.unit_id):
        target = active if village.status == VillageStatus.ACTIVE else retired
        full = fold(village.name)
        target.setdefault(full, village)
        kind = fold(village.kind)
        for prefix in {kind, "thon", "ban", "to dan pho", "tdp", "khu pho", "to", "ap", "lang", "khoi"}:
            if prefix and full.startswith(prefix + " "):
                target.setdefault(full[len(prefix) + 1 :], village)
    return active, retired


def _consent(text: str) -> bool | None:
    folded = fold(text)
    if folded in excel.YES or folded in {fold(_("Có")), fold(_("Đồng ý"))}:
        return True
    if not folded or folded in excel.NO or folded == fold(_("Không")):
        return False
    return None


@transaction.atomic
def delegates_import(
    *, actor: Any, conference: Conference, upload: IO[bytes] | bytes, filename: str = ""
) -> ImportResult:
    """Import the template's rows: all or nothing, every problem reported with its row."""
    conference = _locked(conference)
    unit = conference.unit
    require_perm(actor, rules.MANAGE_DELEGATES, unit)
    workflow.check_state(conference, workflow.ARRANGE)
    if filename and not filename.lower().endswith(".xlsx"):
        raise excel.ImportRejected(
            [excel.RowError(None, "", _("Chỉ nhận tệp Excel .xlsx (tệp đã chọn: %(name)s).") % {"name": filename})]
        )
    sheet_rows = excel.read_rows(upload)
    errors = excel.Errors()
    active, retired = _village_index(conference)
    existing = _existing_people(conference)
    seen: dict[tuple[str, int | None], int] = {}
    people: list[tuple[excel.SheetRow, dict[str, Any], Village | None, str]] = []
    skipped_open = 0
    name_label = str(excel.BY_KEY[excel.FULL_NAME].header)
    for row in sheet_rows:
        v = row.values
        name = v.get(excel.FULL_NAME, "")
        village_text = v.get(excel.VILLAGE, "")
        village: Village | None = None
        if village_text:
            key = fold(village_text)
            village = active.get(key)
            if village is None:
                if key in retired:
                    message = _("thôn, tổ dân phố “%(v)s” đã thôi hoạt động.") % {"v": village_text}
                else:
                    message = _("không có thôn, tổ dân phố “%(v)s” trong %(unit)s.") % {
                        "v": village_text,
                        "unit": unit.name,
                    }
                errors.add(row.number, str(excel.BY_KEY[excel.VILLAGE].header), message)
        if not name:
            if set(v) <= {excel.VILLAGE, excel.ROLE}:
                skipped_open += 1  # a prefilled open slot left empty
            else:
                errors.add(row.number, name_label, _("chưa có họ và tên."))
            continue
        for key in (excel.FULL_NAME, excel.POSITION, excel.NOTE):
            limit = LIMITS["full_name" if key == excel.FULL_NAME else key]
            if len(v.get(key, "")) > limit:
                errors.add(
                    row.number,
                    str(excel.BY_KEY[key].header),
                    _("“%(h)s” dài quá %(n)s ký tự.") % {"h": excel.BY_KEY[key].header, "n": limit},
                )
        role = v.get(excel.ROLE, "")
        if len(role) > LIMITS["role_label"]:
            errors.add(row.number, str(excel.BY_KEY[excel.ROLE].header), _("thành phần dài quá 255 ký tự."))
        phone = clean_phone(row.raw.get(excel.PHONE, v.get(excel.PHONE, "")))
        if phone is None:
            errors.add(
                row.number,
                str(excel.BY_KEY[excel.PHONE].header),
                _("số điện thoại “%(p)s” không hợp lệ (9 đến 12 chữ số).") % {"p": v.get(excel.PHONE, "")},
            )
        consent = _consent(v.get(excel.CONSENT, ""))
        if consent is None:
            errors.add(
                row.number,
                str(excel.BY_KEY[excel.CONSENT].header),
                _("“Đồng ý công khai tên” ghi “Có” hoặc “Không” (đang ghi “%(v)s”).") % {"v": v.get(excel.CONSENT)},
            )
        if village_text and village is None:
            continue
        key_ = _person_key(name, village.pk if village else None)
        if key_ in seen:
            errors.add(
                row.number,
                name_label,
                _("trùng với dòng %(other)s (cùng họ tên “%(name)s” và thôn, tổ dân phố).")
                % {"other": seen[key_], "name": name},
            )
            continue
        seen[key_] = row.number
        if key_ in existing:
            errors.add(row.number, name_label, _duplicate_message(name, village))
            continue
        person = {
            "full_name": name,
            "position": v.get(excel.POSITION, ""),
            "phone": phone or "",
            "consent_to_publish": bool(consent),
            "note": v.get(excel.NOTE, ""),
        }
        people.append((row, person, village, role))
    errors.raise_if_any()
    if not people:
        raise excel.ImportRejected([excel.RowError(None, "", _("Tệp không có đại biểu nào có họ và tên."))])

    placer = Placer(conference)
    filled: list[Delegate] = []
    extras: list[tuple[dict[str, Any], Village | None, str]] = []
    for _row, person, village, role in people:
        slot = placer.slot_for(village.pk if village else None, role)
        if slot is None:
            extras.append((person, village, role))
            continue
        for name, value in person.items():
            setattr(slot, name, value)
        filled.append(slot)
    order = _next_order(conference)
    added: list[Delegate] = []
    for index, ((person, village, role), code) in enumerate(zip(extras, _unique_codes(len(extras)), strict=True)):
        rule, group, role_label = placer.extra_place(role)
        added.append(
            Delegate(
                conference=conference,
                composition_rule=rule,
                village=village,
                group=group,
                role_label=role_label,
                order=order + index,
                code=code,
                **person,
            )
        )
    now = timezone.now()
    for slot in filled:
        slot.updated_at = now
    Delegate.objects.bulk_update(filled, [*PERSON_FIELDS, "updated_at"], batch_size=BULK_BATCH)
    Delegate.objects.bulk_create(added, batch_size=BULK_BATCH)
    result = ImportResult(rows=len(people), filled=len(filled), added=len(added), skipped_open=skipped_open)
    record(
        actor=actor,
        event_type="delegates.imported",
        obj=conference,
        unit=unit,
        extra={
            "file": filename,
            "rows": result.rows,
            "filled_slots": result.filled,
            "added": result.added,
            "conference_id": conference.pk,
        },
    )
    return result


# ---------------------------------------------------------------- RSVP (public page)


@transaction.atomic
def delegate_rsvp(*, delegate: Delegate, answer: str, ip_address: str | None = None) -> tuple[Delegate, bool]:
    """The invited person's answer from their invitation page. (delegate, changed): the same answer twice
    changes nothing and records nothing."""
    delegate = Delegate.objects.select_for_update(of=("self",)).select_related("conference__unit").get(pk=delegate.pk)
    if answer not in (Rsvp.ATTENDING, Rsvp.DECLINED):
        raise ValidationError({"rsvp": _("Chọn “Sẽ tham dự” hoặc “Không tham dự”.")})
    if not delegate.full_name:
        raise ValidationError({"rsvp": _("Giấy mời không hợp lệ.")})
    workflow.check_state(delegate.conference, workflow.RSVP)
    if delegate.rsvp == answer:
        return delegate, False
    before = snapshot(delegate, ["rsvp", "rsvp_at"])
    delegate.rsvp = answer
    delegate.rsvp_at = timezone.now()
    delegate.save(update_fields=["rsvp", "rsvp_at", "updated_at"])
    record(
        actor=None,
        event_type="delegate.rsvp",
        obj=delegate,
        unit=delegate.conference.unit,
        before=before,
        after=snapshot(delegate, ["rsvp", "rsvp_at"]),
        extra={"conference_id": delegate.conference_id},
        ip_address=ip_address,
    )
    return delegate, True


# ---------------------------------------------------------------- at the door


@dataclass(frozen=True)
class CheckIn:
    delegate: Delegate
    already: bool


@transaction.atomic
def delegate_check_in(*, actor: Any, delegate: Delegate, method: str = "") -> CheckIn:
    """Checked in now, by the actor. A second scan changes nothing and says when the first one was."""
    delegate = (
        Delegate.objects.select_for_update(of=("self",))
        .select_related("conference__unit", "village", "checked_in_by")
        .get(pk=delegate.pk)
    )
    conference = delegate.conference
    require_perm(actor, rules.CHECK_IN, conference.unit)
    workflow.check_state(conference, workflow.CHECK_IN)
    if not delegate.full_name:
        raise ValidationError({"delegate": _("Chỗ này chưa có tên đại biểu.")})
    if delegate.is_checked_in:
        return CheckIn(delegate, already=True)
    before = snapshot(delegate, CHECK_IN_FIELDS)
    delegate.checked_in_at = timezone.now()
    delegate.checked_in_by = actor_or_none(actor)
    delegate.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    record(
        actor=actor,
        event_type="delegate.checked_in",
        obj=delegate,
        unit=conference.unit,
        before=before,
        after=snapshot(delegate, CHECK_IN_FIELDS),
        extra={"conference_id": conference.pk, "method": method},
    )
    return CheckIn(delegate, already=False)


@transaction.atomic
def delegate_check_in_undo(*, actor: Any, delegate: Delegate) -> Delegate:
    delegate = Delegate.objects.select_for_update(of=("self",)).select_related("conference__unit").get(pk=delegate.pk)
    conference = delegate.conference
    require_perm(actor, rules.UNDO_CHECK_IN, conference.unit)
    workflow.check_state(conference, workflow.CHECK_IN)
    if not delegate.is_checked_in:
        raise ValidationError({"delegate": _("Đại biểu chưa điểm danh.")})
    before = snapshot(delegate, CHECK_IN_FIELDS)
    delegate.checked_in_at = None
    delegate.checked_in_by = None
    delegate.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    record(
        actor=actor,
        event_type="delegate.check_in_undone",
        obj=delegate,
        unit=conference.unit,
        before=before,
        after=snapshot(delegate, CHECK_IN_FIELDS),
        extra={"conference_id": conference.pk},
    )
    return delegate


@transaction.atomic
def delegate_walk_in(
    *, actor: Any, conference: Conference, data: Mapping[str, Any], village: Village | None = None
) -> Delegate:
    """Someone without an invitation comes to the door: added to the list and checked in at once."""
    conference = _locked(conference)
    require_perm(actor, rules.CHECK_IN, conference.unit)
    workflow.check_state(conference, workflow.CHECK_IN)
    errors: dict[str, list[str]] = {}
    values = _clean_person(
        {k: v for k, v in data.items() if k in ("full_name", "position", "role_label")}, errors, name_required=True
    )
    _check_village(conference, village, errors)
    if "full_name" not in errors and _person_key(values["full_name"], village.pk if village else None) in (
        _existing_people(conference)
    ):
        errors["full_name"] = [
            _("“%(name)s” (%(village)s) đã có trong danh sách: tìm theo tên để điểm danh.")
            % {"name": values["full_name"], "village": _village_text(village)}
        ]
    _raise(errors)
    values["role_label"] = values.get("role_label") or _("Nhân dân đến dự")
    delegate = Delegate.objects.create(
        conference=conference,
        village=village,
        walk_in=True,
        checked_in_at=timezone.now(),
        checked_in_by=actor_or_none(actor),
        order=_next_order(conference),
        code=_unique_codes(1)[0],
        **values,
    )
    record(
        actor=actor,
        event_type="delegate.walked_in",
        obj=delegate,
        unit=conference.unit,
        after=snapshot(delegate, [*AUDIT_FIELDS, *CHECK_IN_FIELDS]),
        extra={"conference_id": conference.pk},
    )
    return delegate


# ---------------------------------------------------------------- reading personal data


@transaction.atomic
def phones_viewed(*, actor: Any, conference: Conference, count: int, ip_address: str | None = None) -> None:
    """Phone numbers are shown on an explicit request only, and each such reading is recorded."""
    require_perm(actor, rules.VIEW_PHONES, conference.unit)
    record(
        actor=actor,
        event_type="delegates.phones_viewed",
        obj=conference,
        unit=conference.unit,
        extra={"count": count, "conference_id": conference.pk},
        ip_address=ip_address,
    )


@transaction.atomic
def delegates_exported(
    *, actor: Any, conference: Conference, count: int, with_phones: bool, ip_address: str | None = None
) -> None:
    require_perm(actor, rules.VIEW_PHONES if with_phones else rules.VIEW_DELEGATES, conference.unit)
    record(
        actor=actor,
        event_type="delegates.exported",
        obj=conference,
        unit=conference.unit,
        extra={"count": count, "with_phones": with_phones, "conference_id": conference.pk},
        ip_address=ip_address,
    )
