"""Actions: imports."""

from __future__ import annotations

EVENT_LABELS: dict = {}
