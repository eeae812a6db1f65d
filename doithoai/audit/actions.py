"""Writing the audit trail. Called by every other app's actions, inside their transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from doithoai.audit.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, for the before/after of an event."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Only what changed: {"field": {"before": x, "after": y}}."""
    keys = list(dict.fromkeys([*before, *after]))
    return {
        key: {"before": before.get(key), "after": after.get(key)} for key in keys if before.get(key) != after.get(key)
    }


def record(
    *,
    actor: Any,
    event_type: str,
    obj: models.Model | None = None,
    unit: Any = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event. Must run inside the caller's atomic block."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the action's transaction")
    changes: dict[str, Any] = diff(_jsonable(before or {}), _jsonable(after or {}))
    if extra:
        changes["_extra"] = _jsonable(dict(extra))
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor_id=actor_id,
        unit=unit,
        event_type=event_type,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=changes,
        ip_address=ip_address,
    )
