"""Grouping petitions about the same matter (nhóm cùng nội dung), answered once in one canonical wording.

A petition belongs to at most one group; grouping never touches what a citizen wrote (`original_text`,
`text`): a group only adds its own wording (`title`). The petitions of a group share one answer through
`Petition.answer`: petitions that join a group that has one point to it; a petition that leaves a group
leaves its draft answer behind (an approved answer stays: it did answer that petition).

A petition already answered (an approved answer) or closed (notified, refused) may only join a group
with the same answer: its answer is not taken away, nor given to others, by grouping.

Each action is one transaction with its audit events: one on the group, one on every petition that joins
or leaves one (the petition's own history shows it). Bad input raises `ValidationError` keyed by field
("title", "petitions", "others") in Vietnamese, with nothing written. Permission: `rules.CLASSIFY`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record
from doithoai.core.permissions import require_perm
from doithoai.lib.codes import format_code
from doithoai.lib.numbers import grouped
from doithoai.lib.text import normalize_input
from doithoai.petitions import rules
from doithoai.petitions.models import Answer, Petition, PetitionGroup, PetitionStatus
from doithoai.units.models import AdminUnit

MAX_TITLE = 500
# Closed: nothing more will be done for these petitions (an answer reached the citizen, or a refusal).
CLOSED_STATES = frozenset({PetitionStatus.NOTIFIED, PetitionStatus.REFUSED})

EVENT_LABELS: dict[str, Promise | str] = {
    "petition_group.created": gettext_lazy("Tạo nhóm ý kiến cùng nội dung"),
    "petition_group.petitions_added": gettext_lazy("Thêm ý kiến vào nhóm cùng nội dung"),
    "petition_group.petitions_removed": gettext_lazy("Tách ý kiến khỏi nhóm cùng nội dung"),
    "petition_group.merged": gettext_lazy("Gộp các nhóm ý kiến cùng nội dung"),
    "petition_group.renamed": gettext_lazy("Sửa nội dung chung của nhóm ý kiến"),
    "petition_group.split": gettext_lazy("Tách nhóm ý kiến thành nhóm mới"),
    "petition_group.deleted": gettext_lazy("Xóa nhóm ý kiến không còn ý kiến nào"),
    "petition.grouped": gettext_lazy("Đưa ý kiến vào nhóm cùng nội dung"),
    "petition.ungrouped": gettext_lazy("Tách ý kiến khỏi nhóm cùng nội dung"),
    "petition.group_answer_shared": gettext_lazy("Ý kiến dùng chung trả lời của nhóm"),
}
SHARED = "petition.group_answer_shared"


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _code(petition: Petition) -> str:
    return format_code(petition.tracking_code)


def clean_title(title: str | None) -> str:
    """The canonical wording as stored; raises {"title": …} when empty or too long."""
    cleaned = normalize_input(title or "")
    if not cleaned:
        _raise({"title": [_("Nhập nội dung chung của nhóm.")]})
    if len(cleaned) > MAX_TITLE:
        _raise(
            {
                "title": [
                    _("Nội dung chung dài %(n)s ký tự, quá %(max)s ký tự; hãy viết gọn lại.")
                    % {"n": grouped(len(cleaned)), "max": MAX_TITLE}
                ]
            }
        )
    return cleaned


def _lock_group(group: PetitionGroup, unit: AdminUnit | None = None) -> PetitionGroup:
    locked = PetitionGroup.objects.select_for_update().select_related("unit").filter(pk=group.pk).first()
    if locked is None:
        _raise({"__all__": [_("Nhóm này không còn (đã được gộp hoặc xóa).")]})
    assert locked is not None
    if unit is not None and locked.unit_id != unit.pk:
        _raise({"others": [_("Nhóm “%(title)s” không thuộc đơn vị này.") % {"title": locked.title}]})
    return locked


def _lock_petitions(petitions: Iterable[Petition], unit: AdminUnit) -> list[Petition]:
    """Fresh and locked, in a fixed order (two actions never wait on each other); all of `unit`."""
    ids = sorted({p.pk for p in petitions})
    if not ids:
        _raise({"petitions": [_("Chọn ít nhất một ý kiến.")]})
    locked = list(
        Petition.objects.select_for_update(of=("self",))
        .select_related("answer", "group")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(locked) != len(ids) or any(p.unit_id != unit.pk for p in locked):
        _raise({"petitions": [_("Chỉ nhóm được các ý kiến của đơn vị này.")]})
    return locked


def _members(group: PetitionGroup) -> list[Petition]:
    return list(
        Petition.objects.select_for_update(of=("self",)).select_related("answer").filter(group=group).order_by("pk")
    )


def _is_settled(petition: Petition) -> bool:
    """Answered (approved) or closed: its answer may not change by grouping."""
    answer = petition.answer
    return (answer is not None and answer.is_approved) or petition.status in CLOSED_STATES


def _shared_answer(petitions: Sequence[Petition]) -> Answer | None:
    """The one answer the petitions of a (future) group share, or a refusal when that cannot be."""
    answers = {p.answer_id: p.answer for p in petitions if p.answer_id is not None}
    if len(answers) > 1:
        codes = ", ".join(_code(p) for p in petitions if p.answer_id is not None)
        _raise(
            {
                "petitions": [
                    _(
                        "Các ý kiến %(codes)s đã có những trả lời khác nhau; không gộp vào một nhóm được "
                        "(một nhóm chỉ có một trả lời)."
                    )
                    % {"codes": codes}
                ]
            }
        )
    answer = next(iter(answers.values()), None)
    errors = []
    for petition in petitions:
        if petition.answer_id != (answer.pk if answer else None) and _is_settled(petition):
            if petition.status in CLOSED_STATES:
                errors.append(
                    _("Ý kiến %(code)s đã kết thúc (%(state)s); không đưa vào nhóm có trả lời khác được.")
                    % {"code": _code(petition), "state": petition.get_status_display()}
                )
            else:
                errors.append(
                    _("Ý kiến %(code)s đã có trả lời được duyệt, khác với trả lời của nhóm; không gộp được.")
                    % {"code": _code(petition)}
                )
    _raise({"petitions": errors} if errors else {})
    return answer


def _not_in_other_groups(petitions: Sequence[Petition], group: PetitionGroup | None) -> None:
    errors = [
        _("Ý kiến %(code)s đã thuộc nhóm “%(title)s”. Tách ý kiến khỏi nhóm đó trước, hoặc gộp hai nhóm.")
        % {"code": _code(p), "title": p.group.title if p.group else ""}
        for p in petitions
        if p.group_id is not None and (group is None or p.group_id != group.pk)
    ]
    _raise({"petitions": errors} if errors else {})


def _join(
    actor: Any,
    group: PetitionGroup,
    petitions: Sequence[Petition],
    answer: Answer | None,
    event_type: str = "petition.grouped",
) -> None:
    """Put `petitions` in `group`, every one pointing to the group's answer (when it has one)."""
    for petition in petitions:
        changed = ["group", "updated_at"]
        before = {"group": petition.group_id, "answer": petition.answer_id}
        petition.group = group
        if answer is not None and petition.answer_id != answer.pk:
            petition.answer = answer
            changed.append("answer")
        petition.save(update_fields=changed)
        record(
            actor=actor,
            event_type=event_type,
            obj=petition,
            unit=group.unit,
            before=before,
            after={"group": group.pk, "answer": petition.answer_id},
            extra={"group_title": group.title},
        )


def _leave(actor: Any, group: PetitionGroup, petitions: Sequence[Petition], new_group: PetitionGroup | None) -> None:
    """Take `petitions` out of `group` (into `new_group`, or none). A draft answer of the group stays with
    the group; an approved one stays with the petition it answered."""
    for petition in petitions:
        before = {"group": petition.group_id, "answer": petition.answer_id}
        petition.group = new_group
        changed = ["group", "updated_at"]
        if petition.answer is not None and not petition.answer.is_approved:
            petition.answer = None
            changed.append("answer")
        petition.save(update_fields=changed)
        record(
            actor=actor,
            event_type="petition.ungrouped" if new_group is None else "petition.grouped",
            obj=petition,
            unit=group.unit,
            before=before,
            after={"group": petition.group_id, "answer": petition.answer_id},
            extra={"from_group": group.pk, "from_group_title": group.title},
        )


def _refresh(group: PetitionGroup) -> None:
    """The group's conference and sector: those of its petitions when they all agree, else none."""
    values = list(Petition.objects.filter(group=group).values_list("conference_id", "sector_id").distinct())
    conferences = {c for c, _ in values}
    sectors = {s for _, s in values}
    conference_id = next(iter(conferences)) if len(conferences) == 1 else None
    sector_id = next(iter(sectors)) if len(sectors) == 1 else None
    if (group.conference_id, group.sector_id) != (conference_id, sector_id):
        group.conference_id = conference_id
        group.sector_id = sector_id
        group.save(update_fields=["conference", "sector"])


def _delete_if_empty(actor: Any, group: PetitionGroup) -> bool:
    if Petition.objects.filter(group=group).exists():
        return False
    record(actor=actor, event_type="petition_group.deleted", obj=group, unit=group.unit, extra={"title": group.title})
    group.delete()
    return True


def _codes(petitions: Iterable[Petition]) -> list[str]:
    return [p.tracking_code for p in petitions]


@transaction.atomic
def group_create(*, actor: Any, unit: AdminUnit, petitions: Iterable[Petition], title: str) -> PetitionGroup:
    """A new group of `petitions` (of `unit`, in no other group) with the canonical wording `title`.

    Its conference and sector are those of the petitions when they agree. Sending the same again (a
    second click) returns the group the first one made."""
    require_perm(actor, rules.CLASSIFY, unit)
    title = clean_title(title)
    locked = _lock_petitions(petitions, unit)
    groups = {p.group_id for p in locked}
    if len(groups) == 1 and locked[0].group is not None and locked[0].group.title == title:
        return locked[0].group
    _not_in_other_groups(locked, None)
    answer = _shared_answer(locked)
    group = PetitionGroup.objects.create(unit=unit, title=title)
    _join(actor, group, locked, answer)
    _refresh(group)
    record(
        actor=actor,
        event_type="petition_group.created",
        obj=group,
        unit=unit,
        after={"title": group.title, "conference": group.conference_id, "sector": group.sector_id},
        extra={"petitions": _codes(locked)},
    )
    return group


@transaction.atomic
def group_add(*, actor: Any, group: PetitionGroup, petitions: Iterable[Petition]) -> PetitionGroup:
    """Add `petitions` (in no other group) to `group`; they take the group's answer, if it has one."""
    group = _lock_group(group)
    require_perm(actor, rules.CLASSIFY, group.unit)
    locked = _lock_petitions(petitions, group.unit)
    _not_in_other_groups(locked, group)
    joining = [p for p in locked if p.group_id != group.pk]
    if not joining:
        return group
    members = _members(group)
    answer = _shared_answer([*members, *joining])
    if answer is not None:
        # An answer that only a newcomer had becomes the group's: every member points to it.
        _join(actor, group, [m for m in members if m.answer_id != answer.pk], answer, SHARED)
    _join(actor, group, joining, answer)
    _refresh(group)
    record(
        actor=actor,
        event_type="petition_group.petitions_added",
        obj=group,
        unit=group.unit,
        extra={"petitions": _codes(joining)},
    )
    return group


@transaction.atomic
def group_remove(*, actor: Any, group: PetitionGroup, petitions: Iterable[Petition]) -> PetitionGroup | None:
    """Take `petitions` out of `group`, each on its own again (their texts untouched). A draft answer of
    the group is unlinked from them. The group is deleted when no petition is left (then None)."""
    group = _lock_group(group)
    require_perm(actor, rules.CLASSIFY, group.unit)
    locked = _lock_petitions(petitions, group.unit)
    strangers = [p for p in locked if p.group_id != group.pk]
    if strangers:
        _raise({"petitions": [_("Ý kiến %(code)s không thuộc nhóm này.") % {"code": _code(p)} for p in strangers]})
    _leave(actor, group, locked, None)
    record(
        actor=actor,
        event_type="petition_group.petitions_removed",
        obj=group,
        unit=group.unit,
        extra={"petitions": _codes(locked)},
    )
    if _delete_if_empty(actor, group):
        return None
    _refresh(group)
    return group


@transaction.atomic
def group_split(*, actor: Any, group: PetitionGroup, petitions: Iterable[Petition], title: str) -> PetitionGroup:
    """Move some petitions of `group` into a new group worded `title`; at least one stays behind. A draft
    answer of the old group stays with it; an approved one goes with the petitions it answered."""
    group = _lock_group(group)
    require_perm(actor, rules.CLASSIFY, group.unit)
    title = clean_title(title)
    locked = _lock_petitions(petitions, group.unit)
    strangers = [p for p in locked if p.group_id != group.pk]
    if strangers:
        _raise({"petitions": [_("Ý kiến %(code)s không thuộc nhóm này.") % {"code": _code(p)} for p in strangers]})
    if not Petition.objects.filter(group=group).exclude(pk__in=[p.pk for p in locked]).exists():
        _raise(
            {
                "petitions": [
                    _(
                        "Phải để lại ít nhất một ý kiến trong nhóm cũ. Muốn đổi nội dung chung thì sửa nội dung "
                        "chung của nhóm."
                    )
                ]
            }
        )
    new_group = PetitionGroup.objects.create(unit=group.unit, title=title)
    _leave(actor, group, locked, new_group)
    _refresh(group)
    _refresh(new_group)
    record(
        actor=actor,
        event_type="petition_group.created",
        obj=new_group,
        unit=group.unit,
        after={"title": new_group.title, "conference": new_group.conference_id, "sector": new_group.sector_id},
        extra={"petitions": _codes(locked), "split_from": group.pk},
    )
    record(
        actor=actor,
        event_type="petition_group.split",
        obj=group,
        unit=group.unit,
        extra={"petitions": _codes(locked), "new_group": new_group.pk, "new_group_title": new_group.title},
    )
    return new_group


@transaction.atomic
def group_merge(*, actor: Any, target: PetitionGroup, others: Iterable[PetitionGroup]) -> PetitionGroup:
    """Move every petition of `others` into `target` and delete the emptied groups. Every petition, with
    its original text, stays; `target` keeps its wording. The groups must not have different answers."""
    target = _lock_group(target)
    require_perm(actor, rules.CLASSIFY, target.unit)
    other_ids = sorted({g.pk for g in others})
    if not other_ids:
        _raise({"others": [_("Chọn nhóm cần gộp vào nhóm này.")]})
    if target.pk in other_ids:
        _raise({"others": [_("Không gộp một nhóm vào chính nó.")]})
    locked_others = [_lock_group(PetitionGroup(pk=pk), target.unit) for pk in other_ids]
    members = _members(target)
    incoming = list(
        Petition.objects.select_for_update(of=("self",))
        .select_related("answer", "group")
        .filter(group__in=locked_others)
        .order_by("pk")
    )
    answer = _shared_answer([*members, *incoming])
    if answer is not None:
        _join(actor, target, [m for m in members if m.answer_id != answer.pk], answer, SHARED)
    _join(actor, target, incoming, answer)
    merged = [{"id": g.pk, "title": g.title} for g in locked_others]
    for other in locked_others:
        other.delete()
    _refresh(target)
    record(
        actor=actor,
        event_type="petition_group.merged",
        obj=target,
        unit=target.unit,
        extra={"merged_groups": merged, "petitions": _codes(incoming)},
    )
    return target


@transaction.atomic
def group_rename(*, actor: Any, group: PetitionGroup, title: str) -> PetitionGroup:
    """A new canonical wording for the group (the petitions' own texts are not touched)."""
    group = _lock_group(group)
    require_perm(actor, rules.CLASSIFY, group.unit)
    title = clean_title(title)
    if title == group.title:
        return group
    before = {"title": group.title}
    group.title = title
    group.save(update_fields=["title"])
    record(
        actor=actor,
        event_type="petition_group.renamed",
        obj=group,
        unit=group.unit,
        before=before,
        after={"title": title},
    )
    return group
