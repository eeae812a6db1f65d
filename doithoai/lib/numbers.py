"""Numbers as Vietnamese text writes them. Pure functions, no Django."""

from __future__ import annotations

from decimal import Decimal


def grouped(value: int | Decimal | None, *, empty: str = "") -> str:
    """Whole numbers with a dot between thousands ("12.345", "-2.500.000"); `empty` for none.

    >>> grouped(2500000)
    '2.500.000'
    >>> grouped(Decimal("-1350000"))
    '-1.350.000'
    """
    if value is None:
        return empty
    whole = int(value)
    text = f"{abs(whole):,}".replace(",", ".")
    return f"-{text}" if whole < 0 else text
