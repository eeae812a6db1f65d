"""Values read from a query string or a form, where anything unexpected means "not given" (no error page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any


def is_digits(text: str) -> bool:
    """Only the digits 0–9 (and at least one). `str.isdigit` also takes "²", which `int` then refuses."""
    return text.isascii() and text.isdigit()


def query_id(value: Any) -> int | None:
    """A row id ("12"); None for anything else, and for numbers too long to be an id.

    ASCII digits only: "²" passes `str.isdigit` and then breaks `int`. The length bound keeps a pasted
    twenty-digit number out of the queries (Django answers it with no rows anyway).
    """
    text = str(value or "").strip()
    return int(text) if is_digits(text) and len(text) < 12 else None


def query_ids(values: Iterable[Any], limit: int | None = 50) -> list[int]:
    """The row ids among `values` (a query string's or a form's list), once each, in their order, at most
    `limit` of them (None: all); anything else is dropped."""
    ids: dict[int, None] = {}
    for value in values:
        pk = query_id(value)
        if pk is not None:
            ids[pk] = None
            if len(ids) == limit:
                break
    return list(ids)


def query_date(value: Any) -> dt.date | None:
    """An ISO date (yyyy-mm-dd, as a date input sends it); None for anything else."""
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None
