"""Fill in the plan pages as a browser does: read the form the page renders, change its fields, post it all.

Only fields the page shows can be filled (asking for another one fails the test), selects only take one
of their options, and unchanged fields are sent as rendered, so that a seed entered through these helpers
proves the pages themselves carry it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import resolve, reverse

NOT_FILLED = {"csrfmiddlewaretoken"}
ROW_CONTROL = {"id", "order", "DELETE"}


@dataclass
class Option:
    value: str
    label: str = ""
    selected: bool = False


@dataclass
class Control:
    name: str
    type: str  # text, hidden, number, checkbox, radio, textarea, select
    value: str = ""
    checked: bool = False
    multiple: bool = False
    options: list[Option] = field(default_factory=list)
    label: str = ""  # of a box, to tick it by what the page says next to it


@dataclass
class PageForm:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)

    def names(self) -> list[str]:
        seen: list[str] = []
        for control in self.controls:
            if control.name not in seen:
                seen.append(control.name)
        return seen

    def _named(self, name: str) -> list[Control]:
        controls = [c for c in self.controls if c.name == name]
        assert controls, f"the page has no field {name!r}; it has {self.names()}"
        return controls

    def value(self, name: str) -> str:
        return self._named(name)[0].value

    def has(self, name: str) -> bool:
        return any(c.name == name for c in self.controls)

    def set(self, name: str, value: Any) -> None:
        """Type, choose or tick, as a user would."""
        controls = self._named(name)
        first = controls[0]
        if first.type == "select":
            wanted = value if isinstance(value, list | tuple) else [value]
            chosen = {self._option(first, str(v)).value for v in wanted}
            assert first.multiple or len(chosen) == 1, name
            for option in first.options:
                option.selected = option.value in chosen
        elif first.type == "checkbox" and len(controls) == 1 and not isinstance(value, list | tuple):
            first.checked = bool(value)
        elif first.type in {"checkbox", "radio"}:
            boxes = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
            matched = set()
            for control in controls:
                control.checked = control.value in boxes or control.label in boxes
                if control.checked:
                    matched.add(control.value)
            assert len(matched) == len(boxes), f"{name}: no box for {boxes} among {[c.value for c in controls]}"
        else:
            first.value = "" if value is None else str(value)

    def clear(self, name: str) -> None:
        """Empty a box, untick, or choose the blank option; a select without one must be set on purpose."""
        first = self._named(name)[0]
        if first.type == "select":
            blank = [o for o in first.options if o.value == ""]
            assert blank, f"{name!r} has no blank option: the seed must say which to choose"
            self.set(name, "")
        elif first.type in {"checkbox", "radio"}:
            for control in self._named(name):
                control.checked = False
        else:
            first.value = ""

    @staticmethod
    def _option(control: Control, value: str) -> Option:
        for option in control.options:
            if option.value == value:
                return option
        for option in control.options:
            if option.label == value:
                return option
        raise AssertionError(f"{control.name!r} has no option {value!r}: {[o.label for o in control.options]}")

    def data(self) -> dict[str, list[str]]:
        """What the browser sends."""
        sent: dict[str, list[str]] = {}
        for control in self.controls:
            if control.type in {"checkbox", "radio"}:
                if control.checked:
                    sent.setdefault(control.name, []).append(control.value)
            elif control.type == "select":
                chosen = [o.value for o in control.options if o.selected]
                if not chosen and not control.multiple and control.options:
                    chosen = [control.options[0].value]
                sent.setdefault(control.name, []).extend(chosen)
            else:
                sent.setdefault(control.name, []).append(control.value)
        return sent


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self._option: Option | None = None
        self._labels: dict[str, str] = {}
        self._label_for: str | None = None
        self._ids: dict[str, Control] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._form = PageForm(action=a.get("action") or "", method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        label_for = a.get("for")
        if tag == "label" and label_for:
            self._label_for = label_for
            self._labels[label_for] = ""
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            control = Control(name, kind, value=a.get("value") or default, checked="checked" in a)
            self._form.controls.append(control)
            if a.get("id"):
                self._ids[a["id"] or ""] = control
        elif tag == "textarea" and name:
            self._textarea = Control(name, "textarea")
            self._form.controls.append(self._textarea)
        elif tag == "select" and name:
            self._select = Control(name, "select", multiple="multiple" in a)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = Option(value=a.get("value") or "", selected="selected" in a)
            self._select.options.append(self._option)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            if self._textarea.value.startswith("\n"):  # the newline after <textarea>, which browsers drop
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "label":
            self._label_for = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None:
            self._option.label = (self._option.label + data).strip()
        if self._label_for is not None:
            self._labels[self._label_for] += data

    def close(self) -> None:
        super().close()
        for control_id, control in self._ids.items():
            control.label = " ".join(self._labels.get(control_id, "").split())


def forms_of(content: bytes | str) -> list[PageForm]:
    reader = _Reader()
    reader.feed(content.decode() if isinstance(content, bytes) else content)
    reader.close()
    return reader.forms


def form_with(response: Any, field_name: str, *, action_contains: str = "") -> PageForm:
    """The page's post form that has `field_name` (and whose action contains `action_contains`)."""
    assert response.status_code == 200, response.status_code
    found = [
        f
        for f in forms_of(response.content)
        if f.method == "post" and f.has(field_name) and action_contains in f.action
    ]
    assert len(found) == 1, f"{len(found)} forms with {field_name!r} on the page"
    return found[0]


def page_text(response: Any) -> str:
    """The page as a reader sees its text: entities decoded, white space collapsed."""
    return " ".join(html.unescape(response.content.decode()).split())


def errors_of(response: Any) -> str:
    """The messages a page shows next to fields and rows, to explain a failed save."""
    text = html.unescape(response.content.decode())
    return " | ".join(
        " ".join(m.split()) for m in re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</', text, re.S)
    ) + " | ".join(re.findall(r'data-testid="page-errors">(.*?)</div>\s*</div>', text, re.S))


def submit(client: Client, url: str, form: PageForm) -> Any:
    response = client.post(form.action or url, form.data())
    assert response.status_code == 302, f"{url}: not saved ({response.status_code}): {errors_of(response)}"
    return response


# ---------------------------------------------------------------- the plan's pages


def create_plan(client: Client, unit_id: int, preset: str, year: int) -> int:
    url = reverse("plans:create", args=[unit_id])
    form = form_with(client.get(url), "preset")
    form.set("preset", preset)
    form.set("year", year)
    response = submit(client, url, form)
    return int(resolve(response["Location"]).kwargs["plan_id"])


def edit_general(client: Client, unit_id: int, plan_id: int, values: dict[str, Any]) -> None:
    """The general page: every field set to the seed's value, or emptied when the seed has none."""
    url = reverse("plans:edit", args=[unit_id, plan_id])
    form = form_with(client.get(url), "title")
    for name in form.names():
        if name in NOT_FILLED:
            continue
        if name in values:
            form.set(name, values[name])
        else:
            form.clear(name)
    missing = set(values) - set(form.names())
    assert not missing, f"the general page has no field for {missing}"
    submit(client, url, form)


def _set_row(form: PageForm, index: int, row: dict[str, Any]) -> None:
    prefix = f"rows-{index}-"
    names = [n for n in form.names() if n.startswith(prefix) and n[len(prefix) :] not in ROW_CONTROL]
    fields = {n[len(prefix) :] for n in names}
    missing = set(row) - fields
    assert not missing, f"the section page has no field for {missing} (it has {sorted(fields)})"
    for name in names:
        key = name[len(prefix) :]
        if key in row:
            form.set(name, row[key])
        else:
            form.clear(name)


def enter_rows(client: Client, unit_id: int, plan_id: int, slug: str, rows: list[dict[str, Any]]) -> int:
    """Make the section hold exactly `rows`, in order, the way the page allows: the rows it shows are
    overwritten or ticked for deletion, its blank rows filled, and the page saved again until every row
    is in. Returns how many times the page was saved."""
    url = reverse("plans:section", args=[unit_id, plan_id, slug])
    entered = 0
    saves = 0
    while True:
        form = form_with(client.get(url), "rows-TOTAL_FORMS")
        total = int(form.value("rows-TOTAL_FORMS"))
        initial = int(form.value("rows-INITIAL_FORMS"))
        if saves == 0:  # the rows the preset put there
            for index in range(initial):
                if entered < len(rows):
                    _set_row(form, index, rows[entered])
                    entered += 1
                else:
                    form.set(f"rows-{index}-DELETE", True)
        else:
            assert initial == entered, f"{slug}: {initial} rows kept, {entered} entered"
        for index in range(initial, total):
            if entered < len(rows):
                _set_row(form, index, rows[entered])
                entered += 1
        submit(client, url, form)
        saves += 1
        if entered == len(rows):
            return saves


def issue(client: Client, unit_id: int, plan_id: int, number: str, issued_on: str) -> Any:
    url = reverse("plans:detail", args=[unit_id, plan_id])
    form = form_with(client.get(url), "number", action_contains="/ban-hanh/")
    form.set("number", number)
    form.set("issued_on", issued_on)
    return client.post(form.action, form.data())
