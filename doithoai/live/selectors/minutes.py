"""Reads of the minutes. See selectors/__init__.py."""

from __future__ import annotations

from doithoai.conferences.models import Conference
from doithoai.live.models import Minutes, MinutesStatus


def is_locked(conference: Conference) -> bool:
    """The minutes have been finalised (or signed): the agenda, the speakers and the exchanges they record
    are no longer changed. Every action of the other areas checks this."""
    return Minutes.objects.filter(conference=conference).exclude(status=MinutesStatus.DRAFT).exists()
