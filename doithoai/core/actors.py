"""Who did something, as it is recorded on a row."""

from __future__ import annotations

from typing import Any


def actor_or_none(actor: Any) -> Any:
    """The actor to store in a "by" foreign key: the signed-in user, or None for an anonymous one (and for the
    None a background job or a command passes), since AnonymousUser is not a row."""
    return actor if getattr(actor, "is_authenticated", False) else None
