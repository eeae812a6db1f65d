"""The lifecycle of an issued document: explicit, and short.

    issued ──replace (a re-issue under a new number)──▶ replaced

An issued document's number, date and file never change. Re-issuing (after a correction) takes a new
number and stores a new file; the old one stays in the register, marked as replaced and pointing to the
new one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.workflow import Transition, TransitionTable
from doithoai.documents import rules
from doithoai.documents.models import DocumentStatus, IssuerBody

REPLACE = "replace"


def _state_error(document: Any, action: str) -> ValidationError:
    return ValidationError(
        _("Không thể %(action)s: văn bản %(number)s đã được thay thế.")
        % {"action": action.lower(), "number": document.number_text}
    )


def table_for(issuer: str) -> TransitionTable:
    """The table of one body's documents: replacing needs the right to issue for that body."""
    return _TABLES[IssuerBody(issuer)]


_TABLES = {
    issuer: TransitionTable(
        [
            Transition(
                REPLACE,
                frozenset({DocumentStatus.ISSUED}),
                DocumentStatus.REPLACED,
                rules.ISSUE[issuer],
                gettext_lazy("Ban hành lại"),
                "document.replaced",
            ),
        ],
        _state_error,
    )
    for issuer in IssuerBody
}

__all__ = ["REPLACE", "table_for"]
