"""Form fields and form helpers shared by the apps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIETNAMESE_DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
VIETNAMESE_DATE_DISPLAY_FORMAT = "%d/%m/%Y"
# Anything earlier is a year typed with two digits ("05/06/26" would be the year 26).
MIN_YEAR = 1900


class VietnameseDateInput(forms.DateInput):
    """A plain text box for a date written day/month/year, with the numeric keypad on phones."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=VIETNAMESE_DATE_DISPLAY_FORMAT)


class VietnameseDateField(forms.DateField):
    """A date typed as Vietnamese write it: "05/06/2026" (also "5/6/2026", "05-06-2026", "2026-06-05").

    Not `<input type="date">`: the browser shows a native date input in the
    operating system's locale, so on the many office PCs with an English
    Windows it reads mm/dd/yyyy, and "05/06/2026" typed by habit would mean
    6 May instead of 5 June. A text box with a dd/mm/yyyy placeholder reads the
    same on every machine; values are shown back as dd/mm/yyyy.
    """

    widget = VietnameseDateInput
    input_formats = VIETNAMESE_DATE_INPUT_FORMATS
    default_error_messages = {  # noqa: RUF012 - Django's declarative attribute
        "invalid": _("Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 05/06/2026."),
    }

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str):
            value = "".join(value.split())  # "05 / 06 / 2026", a stray space from pasting
        date = super().to_python(value)
        if date is not None and date.year < MIN_YEAR:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return date

    def prepare_value(self, value: Any) -> Any:
        """What the box shows: a date typed in any accepted form comes back as dd/mm/yyyy; a wrong one as typed."""
        if isinstance(value, str) and value.strip():
            try:
                return self.to_python(value) or value
            except ValidationError:
                return value
        return value


def error_dict(exc: ValidationError) -> dict[str, list[str]]:
    """An action's refusal as {field: messages}; one raised without fields goes under "__all__"."""
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


def error_messages(exc: ValidationError) -> list[str]:
    """An action's refusal as one list of messages, for a page that shows them above the form."""
    return [m for ms in error_dict(exc).values() for m in ms]


def place_row_errors(forms: Sequence[Any], exc: ValidationError) -> list[str]:
    """An action's refusal of a list of rows, keyed "<row>-<field>", put on the row forms that were sent (in
    the order the action got them); what names no row is returned, for the top of the page."""
    page_errors: list[str] = []
    for key, found in error_dict(exc).items():
        position, _sep, field = key.partition("-")
        if position.isdigit() and int(position) < len(forms):
            form = forms[int(position)]
            form.add_action_errors({field if field in form.fields else "__all__": found})
        else:
            page_errors.extend(found)
    return page_errors
