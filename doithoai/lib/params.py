"""Values read from a query string or a form, where anything unexpected means "not given" (no error page)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def query_id(value: Any) -> int | None:
    """A row id ("12"); None for anything else, and for numbers too long to be an id."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


def query_date(value: Any) -> dt.date | None:
    """An ISO date (yyyy-mm-dd, as a date input sends it); None for anything else."""
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None
