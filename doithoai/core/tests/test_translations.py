"""The English translation: complete, compiled, in step with the source, and served when chosen.

msgids are Vietnamese (the default language); doithoai/locale/en holds the English.
After changing any user-facing string:
    .venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=staticfiles --no-obsolete
    (translate the new entries in django.po)
    .venv/bin/python manage.py compilemessages -l en --ignore=.venv
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import templatize

PACKAGE = Path(__file__).resolve().parents[2]
LOCALE = PACKAGE / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"

# ---------------------------------------------------------------- a small .po reader


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstrs: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], "\\" + m[1]), text)


def read_po(path: Path) -> list[Entry]:
    """Every entry, the header (msgid "") included, obsolete (#~) ones left out."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal current, target
        if current.line:
            entries.append(current)
        current, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or (current.msgstrs and line.startswith(("#", "msgctxt", "msgid"))):
            finish()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, text = match[1], match[2], _unquote(match[3])
            current.line = current.line or number
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                current.msgstrs[target[1]] = text
            else:
                target = (keyword, 0)
                setattr(current, keyword, text)
        elif line.startswith('"') and line.endswith('"') and target is not None:
            name, index = target
            if name == "msgstr":
                current.msgstrs[index] += _unquote(line[1:-1])
            else:
                setattr(current, name, (getattr(current, name) or "") + _unquote(line[1:-1]))
        else:
            raise AssertionError(f"{path.name}:{number}: cannot read {raw!r}")
    finish()
    return entries


def _is_header(entry: Entry) -> bool:
    return entry.msgid == "" and entry.msgctxt is None


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [e for e in read_po(PO) if not _is_header(e)]


# ---------------------------------------------------------------- the .po file itself


def test_it_has_a_header_for_english_with_two_plural_forms():
    headers = [e for e in read_po(PO) if _is_header(e)]
    assert len(headers) == 1
    assert "fuzzy" not in headers[0].flags, "msgfmt drops a fuzzy header, and with it the plural forms"
    fields = dict(line.split(": ", 1) for line in headers[0].msgstrs[0].splitlines() if ": " in line)
    assert fields["Language"] == "en"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_it_translates_every_message_and_leaves_none_fuzzy(entries):
    assert len(entries) > 100, "the .po file looks truncated"
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert fuzzy == [], f"fuzzy entries: {fuzzy}"
    empty = [e.msgid for e in entries if not e.msgstrs or any(not s.strip() for s in e.msgstrs.values())]
    assert empty == [], f"untranslated entries: {empty}"
    plural_forms = [e.msgid for e in entries if e.msgid_plural is not None and sorted(e.msgstrs) != [0, 1]]
    assert plural_forms == [], f"plural entries without exactly two forms: {plural_forms}"
    duplicates = {e.key for e in entries if sum(o.key == e.key for o in entries) > 1}
    assert duplicates == set()


_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif]|%%")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def test_it_keeps_every_placeholder_and_tag_of_the_vietnamese(entries):
    broken = []
    for e in entries:
        sources = {0: e.msgid, 1: e.msgid_plural if e.msgid_plural is not None else e.msgid}
        for index, translation in e.msgstrs.items():
            source = sources.get(index, e.msgid)
            if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translation)):
                broken.append((e.msgid, translation))
            if sorted(_TAG.findall(source)) != sorted(_TAG.findall(translation)):
                broken.append((e.msgid, translation))
    assert broken == []


# ---------------------------------------------------------------- the compiled .mo


def _catalog(path: Path) -> dict[object, str]:
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def test_it_ships_a_compiled_catalog_that_matches_the_po_file(tmp_path):
    assert MO.exists(), "run: .venv/bin/python manage.py compilemessages -l en --ignore=.venv"
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip(
            "GNU gettext's msgfmt is not installed (apt-get install gettext), cannot compile the .po to compare"
        )
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(PO)], check=True, capture_output=True)  # noqa: S603
    shipped, expected = _catalog(MO), _catalog(fresh)
    stale = sorted(str(k) for k in expected.keys() ^ shipped.keys())
    assert stale == [], f"django.mo is out of date with django.po; recompile. Differing keys: {stale[:10]}"
    changed = sorted(str(k) for k in expected if expected[k] != shipped[k])
    assert changed == [], f"django.mo is out of date with django.po; recompile. Differing: {changed[:10]}"


# ---------------------------------------------------------------- every string of the source is in the .po

_PY_KEYWORDS = {
    # name: (context index or None, msgid index, plural index or None), as makemessages passes them to xgettext
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# templatize() writes each string as a Python literal, u'...' (repr with a u prefix).
_STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_TEMPLATE_CALL = re.compile(rf"\b(gettext|ngettext|pgettext|npgettext|_)\(\s*({_STRING}(?:\s*,\s*{_STRING})*)")
_LITERAL = re.compile(_STRING)

Message = tuple[str | None, str, str | None]  # context, msgid, plural


def _source_files(suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*")
        if p.suffix in suffixes
        and p.is_file()
        and "locale" not in p.relative_to(PACKAGE).parts
        and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(PACKAGE).parts)
    )


def _message(name: str, args: list[str | None]) -> Message | None:
    context_at, msgid_at, plural_at = _PY_KEYWORDS[name]
    needed = [i for i in (context_at, msgid_at, plural_at) if i is not None]
    if len(args) <= max(needed) or any(args[i] is None for i in needed):
        return None  # not literals (f-string, concatenation, a variable): makemessages cannot see it either
    return (
        args[context_at] if context_at is not None else None,
        args[msgid_at] or "",
        args[plural_at] if plural_at is not None else None,
    )


def python_messages(path: Path) -> set[Message]:
    found: set[Message] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name not in _PY_KEYWORDS:
            continue
        args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        if (message := _message(name, args)) is not None:
            found.add(message)
    return found


def template_messages(path: Path) -> set[Message]:
    """Django's own templatize() turns {% translate %}, {% blocktranslate %} and _("...") into gettext calls."""
    found: set[Message] = set()
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in _TEMPLATE_CALL.finditer(code):
        args: list[str | None] = [ast.literal_eval(literal) for literal in _LITERAL.findall(match[2])]
        if (message := _message(match[1], args)) is not None:
            found.add(message)
    return found


def test_it_finds_strings_the_way_makemessages_does(tmp_path):
    template = tmp_path / "t.html"
    template.write_text(
        '{% load i18n %}<p title="{% translate \'Đóng\' %}">{% translate "Lưu" %}</p>'
        "{% blocktranslate count n=k %}{{ n }} thôn{% plural %}{{ n }} các thôn{% endblocktranslate %}"
        "{% blocktranslate trimmed with name=x %}\n  Xin chào,\n  {{ name }}\n{% endblocktranslate %}"
        '{% translate "Năm" context "lịch" %}',
        encoding="utf-8",
    )
    assert template_messages(template) == {
        (None, "Đóng", None),
        (None, "Lưu", None),
        (None, "%(n)s thôn", "%(n)s các thôn"),
        (None, "Xin chào, %(name)s", None),
        ("lịch", "Năm", None),
    }
    module = tmp_path / "m.py"
    module.write_text(
        "from django.utils.translation import gettext as _, ngettext, pgettext_lazy\n"
        "a = _('Lưu ' 'lại')\n"
        "b = ngettext('%(n)s ngày', '%(n)s ngày', n)\n"
        "c = pgettext_lazy('lịch', 'Năm')\n"
        "d = _(f'Bỏ {a}')\n"
        "e = _('Bỏ ' + a)\n",
        encoding="utf-8",
    )
    assert python_messages(module) == {
        (None, "Lưu lại", None),
        (None, "%(n)s ngày", "%(n)s ngày"),
        ("lịch", "Năm", None),
    }


def test_it_has_every_string_of_the_code_and_templates_in_the_po_file(entries):
    by_key = {e.key: e for e in entries}
    python = set().union(*(python_messages(p) for p in _source_files((".py",))))
    templates = set().union(*(template_messages(p) for p in _source_files((".html", ".txt"))))
    assert len(python) > 50, "the scan of the Python code found almost nothing: the scanner is broken"
    assert len(templates) > 50, "the scan of the templates found almost nothing: the scanner is broken"
    missing = sorted(
        (context or "", msgid)
        for context, msgid, plural in python | templates
        if (context, msgid) not in by_key or by_key[(context, msgid)].msgid_plural != plural
    )
    assert missing == [], f"not in django.po (run makemessages and translate): {missing}"


# ---------------------------------------------------------------- pages in English


def _choose(client, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_it_serves_the_sign_in_page_and_the_portal_in_vietnamese_by_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Sign in" not in html


@pytest.mark.django_db
def test_it_serves_the_sign_in_page_and_the_portal_in_english_when_chosen(client):
    _choose(client, "en")
    login = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert '<html lang="en">' in login
    assert "Sign in" in login
    assert "Forgot your password?" in login
    assert "Username" in login
    assert "Đăng nhập" not in login
    assert "Quên mật khẩu?" not in login

    home = client.get("/").content.decode()
    assert "Dialogue conferences with the People" in home
    assert "Officer sign-in" in home
    assert "Hội nghị đối thoại với Nhân dân" not in home
    assert "Đăng nhập" not in home

    _choose(client, "vi")
    assert "Đăng nhập" in client.get("/tai-khoan/dang-nhap/").content.decode()


def test_it_shows_an_officer_the_unit_workspace_in_english(client, cast):
    client.force_login(cast.officer_a)
    _choose(client, "en")
    response = client.get(f"/don-vi/{cast.commune_a.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Office – preparing and organizing conferences" in html
    assert "Office / secretary" in html
    assert "Working calendar" in html
    assert "Văn phòng – chuẩn bị và tổ chức hội nghị" not in html
    assert "Lịch làm việc" not in html
    assert "Xã Điềm He" in html  # place names stay as they are


def test_it_stays_vietnamese_for_an_english_browser_until_english_is_chosen(client):
    response = client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Sign in" in response.content.decode()
