"""Sums of money as people type them and as Vietnamese documents write them."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from doithoai.lib.params import is_digits

LIMIT = Decimal(10) ** 15
# "5.000.000", "5,000,000", "5 000 000", "5000000", "5.000.000 đ", "5.000.000 đồng"
_SEPARATORS = re.compile(r"[.,\s\u00a0]")
_SUFFIX = re.compile(r"\s*(đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)


def parse(text: str | None) -> tuple[Decimal | None, str]:
    """(amount, message): the message is "" when the text is a whole, positive number of đồng."""
    raw = _SUFFIX.sub("", (text or "").strip())
    if not raw:
        return None, _("Nhập số tiền (đồng).")
    digits = _SEPARATORS.sub("", raw)
    if not is_digits(digits):
        return None, _("Số tiền phải là số đồng nguyên, ví dụ 2.500.000.")
    amount = Decimal(digits)
    if amount <= 0:
        return None, _("Số tiền phải lớn hơn 0.")
    if amount >= LIMIT:
        return None, _("Số tiền quá lớn.")
    return amount, ""


def parse_value(value: object) -> tuple[Decimal | None, str]:
    """`parse` for what an action receives: a number already (the demo, an import) or the text typed."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        if value <= 0:
            return None, _("Số tiền phải lớn hơn 0.")
        if value >= LIMIT or Decimal(value) != Decimal(value).to_integral_value():
            return None, _("Số tiền phải là số đồng nguyên, ví dụ 2.500.000.")
        return Decimal(value), ""
    return parse(str(value or ""))
