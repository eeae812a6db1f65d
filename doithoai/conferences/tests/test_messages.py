"""Messages of this app as xgettext extracts them: a percent sign in Vietnamese text ("≥10% cử tri")
must not make a message a python-format one, or translations with "10% of voters" fail msgfmt's check."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1]
# The keywords makemessages gives xgettext for Python files (besides xgettext's own _, gettext, ngettext).
KEYWORDS = ["gettext_noop", "gettext_lazy", "ngettext_lazy:1,2", "pgettext:1c,2", "pgettext_lazy:1c,2"]


def _catalogue() -> str:
    xgettext = shutil.which("xgettext")
    if xgettext is None:
        pytest.skip("xgettext (GNU gettext) is not installed")
    files = sorted(str(p) for p in APP.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts)
    command = [xgettext, "--language=Python", "--from-code=UTF-8", "--output=-"]
    command += [f"--keyword={k}" for k in KEYWORDS] + files
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


def _entries(catalogue: str) -> list[tuple[str, str]]:
    """(flags, msgid) of every entry."""
    result = []
    for block in catalogue.split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.MULTILINE))
        result.append((flags, msgid))
    return result


def test_it_marks_python_format_only_the_messages_with_placeholders():
    entries = _entries(_catalogue())
    percent = [msgid for _flags, msgid in entries if "≥10%" in msgid]
    assert len(percent) == 2  # the help text and the refusal of an ad-hoc conference without a reason
    for flags, msgid in entries:
        if "python-format" in flags and "no-python-format" not in flags:
            assert "%(" in msgid, msgid
