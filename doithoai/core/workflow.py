"""The mechanism behind every lifecycle: a table of named transitions, each with its source states,
target, permission, button label and audit event. Each app keeps its own table in its workflow.py;
this module only answers "may this user make this transition now?" the same way for all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, TextChoices
from django.utils.functional import Promise

from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import Permission, has_perm


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[TextChoices]
    target: TextChoices
    permission: Permission
    label: Promise  # the button
    event_type: str


class TransitionTable:
    """`state_error(obj, action_label)` builds the Vietnamese message for a transition not allowed in the
    object's current state; the object must have `status` and `unit`."""

    def __init__(self, transitions: list[Transition], state_error: Callable[[Any, str], ValidationError]) -> None:
        self.transitions = {t.name: t for t in transitions}
        self.state_error = state_error

    def can(self, user: Any, obj: Any, name: str) -> bool:
        transition = self.transitions[name]
        return obj.status in transition.sources and has_perm(user, transition.permission, obj.unit)

    def available(self, user: Any, obj: Any) -> list[Transition]:
        return [t for t in self.transitions.values() if self.can(user, obj, t.name)]

    def check(self, user: Any, obj: Any, name: str) -> Transition:
        """The transition if allowed now: PermissionDenied for the role, ValidationError for the state."""
        transition = self.transitions[name]
        if not has_perm(user, transition.permission, obj.unit):
            raise PermissionDenied(transition.permission.code)
        if obj.status not in transition.sources:
            raise self.state_error(obj, str(transition.label))
        return transition

    def apply[M: Model](
        self,
        actor: Any,
        obj: M,
        name: str,
        *,
        audit_fields: list[str],
        on_behalf_of: str = "",
        extra: dict[str, Any] | None = None,
        **changes: Any,
    ) -> M:
        """Make the transition inside the caller's transaction: lock the row, check, set the target state
        (and `changes`), save, and record the transition's audit event with `audit_fields` before and after.

        `on_behalf_of` names the cause when the actor holds no role in the object's unit and the transition
        follows from their own (an answer from the province resolving the communes' referred petitions):
        the state is still checked, the role is not, and the cause is recorded."""
        model = type(obj)
        # Models below a conference reach their unit through it (`unit` is then a property).
        related = "unit" if any(f.name == "unit" and f.is_relation for f in model._meta.get_fields()) else None
        rows = model._default_manager.select_for_update()
        locked = (rows.select_related(related) if related else rows).get(pk=obj.pk)
        if on_behalf_of:
            transition = self.transitions[name]
            if locked.status not in transition.sources:  # type: ignore[attr-defined]
                raise self.state_error(locked, str(transition.label))
        else:
            transition = self.check(actor, locked, name)
        before = snapshot(locked, audit_fields)
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.status = transition.target  # type: ignore[attr-defined]
        locked.save()
        record(
            actor=actor,
            event_type=transition.event_type,
            obj=locked,
            unit=locked.unit,  # type: ignore[attr-defined]
            before=before,
            after=snapshot(locked, audit_fields),
            extra={**(extra or {}), **({"on_behalf_of": on_behalf_of} if on_behalf_of else {})} or None,
        )
        return locked
