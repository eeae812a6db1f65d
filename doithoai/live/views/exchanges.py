"""Pages of the live room: the dialogue (exchanges). See views/__init__.py.

- the exchanges page: every question in order as a card, the counts by conclusion, a form to record one and,
  on each open card, the chair's conclusion;
- the panel of the control page (`_current.html` loads it): the current speaker's open question with its
  conclusion form, or the form to record their question;
- the petitions picker (search by code or words, without diacritics), a fragment for htmx.

Without JavaScript every form posts and the page comes back (with what was typed when refused); with htmx
only the part concerned is swapped. A form sent twice records one question (hidden submission key).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.conferences.models import Conference
from doithoai.core.forms import VietnameseDateField, error_dict
from doithoai.core.permissions import has_perm
from doithoai.lib.params import query_ids
from doithoai.lib.vndates import weekday_date
from doithoai.live import rules, selectors, workflow
from doithoai.live.actions import exchanges as actions
from doithoai.live.models import Exchange, ExchangeStatus, Outcome, Room, Speaker
from doithoai.live.selectors import exchanges as ex_selectors
from doithoai.live.selectors.minutes import is_locked
from doithoai.live.views import conference_for
from doithoai.petitions.actions import ANSWER_WORKING_DAYS, sectors_ensure
from doithoai.petitions.models import Jurisdiction, Kind, Petition, Sector
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit, Department
from doithoai.units.views import is_htmx, unit_context
from doithoai.workdays.selectors import calendar_for

# Where a form was sent from, so that htmx gets back the part it swaps: the exchanges page or the panel of
# the control page.
WHERE = "_vung"
PANEL = "dieu-hanh"
SEARCH = "_tim"  # the picker's button without JavaScript: show the matches, save nothing
RESPEAKER = "_doi_nguoi"  # the asker changed: pre-select their petitions, save nothing
MAX_IDS = 50
NEW_DOM = "ex-new"  # the id prefix of the page's form to record a question
CURRENT_DOM = "ex-cur"  # the same form on the control page's panel


# ---------------------------------------------------------------- forms


def _ids(values: list[str]) -> list[int]:
    return query_ids(values, MAX_IDS)


class _Choices(BootstrapForm):
    """Choices given as lists (the page builds them once for all its forms), resolved to objects."""

    def __init__(self, *args: Any, options: Options, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        for name, choices in (
            ("speaker", options.speaker_choices),
            ("department", options.department_choices),
            ("sector", options.sector_choices),
        ):
            field = self.fields.get(name)
            if isinstance(field, forms.ChoiceField):
                field.choices = choices

    def chosen(self, name: str, objects: dict[str, Any]) -> Any:
        return objects.get(self.cleaned_data.get(name) or "")


class OpenForm(_Choices):
    speaker = forms.ChoiceField(label=gettext_lazy("Người hỏi"), required=False)
    question = forms.CharField(
        label=gettext_lazy("Câu hỏi (tóm tắt)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tim = forms.CharField(
        label=gettext_lazy("Tìm ý kiến đã gửi"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Mã ý kiến (ví dụ ABCD-2345) hoặc vài chữ của nội dung, gõ không dấu cũng được."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
    # Read from the checkboxes by the view; a field so that the action's errors on it show by the picker.
    petitions = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    new_petition = forms.BooleanField(label=gettext_lazy("Ghi câu hỏi thành ý kiến mới"), required=False)
    petition_text = forms.CharField(
        label=gettext_lazy("Nội dung đầy đủ của ý kiến"),
        required=False,
        strip=False,
        help_text=gettext_lazy("Để trống: lấy nội dung câu hỏi."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Needed only for a new petition: the action asks for them then.
    kind = forms.ChoiceField(
        label=gettext_lazy("Tính chất"), choices=Kind.choices, initial=Kind.RECOMMENDATION, required=False
    )
    sector = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), required=False)
    jurisdiction = forms.ChoiceField(
        label=gettext_lazy("Thẩm quyền"), choices=Jurisdiction.choices, initial=Jurisdiction.THIS_UNIT, required=False
    )
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def data_for_action(self, petitions: list[Petition]) -> dict[str, Any]:
        c = self.cleaned_data
        return {
            "question": c.get("question") or "",
            "speaker": self.chosen("speaker", self.options.speakers),
            "petitions": petitions,
            "new_petition": bool(c.get("new_petition")),
            "petition_text": c.get("petition_text") or "",
            "kind": c.get("kind") or "",
            "sector": self.chosen("sector", self.options.sectors),
            "jurisdiction": c.get("jurisdiction") or "",
        }


class ConcludeForm(_Choices):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Kết luận của chủ trì"),
        choices=Outcome.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": gettext_lazy("Chọn kết luận của chủ trì.")},
    )
    answered_by = forms.CharField(label=gettext_lazy("Người trả lời (họ tên, chức vụ)"), required=False, max_length=160)
    department = forms.ChoiceField(
        label=gettext_lazy("Cơ quan trả lời, hoặc được giao trả lời bằng văn bản"), required=False
    )
    answer_text = forms.CharField(
        label=gettext_lazy("Nội dung trả lời (tóm tắt)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due_date = VietnameseDateField(
        label=gettext_lazy("Hạn trả lời bằng văn bản"),
        required=False,
        help_text=gettext_lazy("Ngày/tháng/năm. Để trống: 10 ngày làm việc kể từ hôm nay."),
    )
    to_body = forms.CharField(
        label=gettext_lazy("Cơ quan nhận"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Ví dụ: Công ty Điện lực Lạng Sơn"),
    )
    conclusion = forms.CharField(
        label=gettext_lazy("Nội dung kết luận"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def action_kwargs(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {
            "outcome": c.get("outcome") or "",
            "answered_by": c.get("answered_by") or "",
            "department": self.chosen("department", self.options.departments),
            "answer_text": c.get("answer_text") or "",
            "conclusion": c.get("conclusion") or "",
            "due_date": c.get("due_date"),
            "to_body": c.get("to_body") or "",
        }


class EditForm(_Choices):
    """While open: the question, the asker, who answered and what, the petitions. Once concluded: the two
    brief texts only (the form drops the other fields)."""

    question = forms.CharField(
        label=gettext_lazy("Câu hỏi (tóm tắt)"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    speaker = forms.ChoiceField(label=gettext_lazy("Người hỏi"), required=False)
    answered_by = forms.CharField(label=gettext_lazy("Người trả lời (họ tên, chức vụ)"), required=False, max_length=160)
    department = forms.ChoiceField(label=gettext_lazy("Cơ quan trả lời"), required=False)
    answer_text = forms.CharField(
        label=gettext_lazy("Nội dung trả lời (tóm tắt)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tim = OpenForm.base_fields["tim"]
    petitions = OpenForm.base_fields["petitions"]

    def __init__(self, *args: Any, concluded: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.concluded = concluded
        if concluded:
            for name in ("speaker", "answered_by", "department", "tim", "petitions"):
                del self.fields[name]

    def data_for_action(self, petitions: list[Petition] | None) -> dict[str, Any]:
        c = self.cleaned_data
        data: dict[str, Any] = {"question": c.get("question") or "", "answer_text": c.get("answer_text") or ""}
        if not self.concluded:
            data.update(
                {
                    "speaker": self.chosen("speaker", self.options.speakers),
                    "answered_by": c.get("answered_by") or "",
                    "department": self.chosen("department", self.options.departments),
                    "petitions": petitions or [],
                }
            )
        return data


# ---------------------------------------------------------------- what the page needs, read once


@dataclass
class Options:
    """The conference's speakers, the unit's active departments and sectors: read once for every form."""

    speakers: dict[str, Speaker]
    departments: dict[str, Department]
    sectors: dict[str, Sector]

    @classmethod
    def load(cls, request: HttpRequest, unit: AdminUnit, conference: Conference, *, with_sectors: bool) -> Options:
        sectors = ex_selectors.sectors(unit) if with_sectors else []
        if with_sectors and not sectors and has_perm(request.user, rules.RECORD_EXCHANGES, unit):
            # The unit's first petition: its own copy of the default sectors (the petitions' intake does the same).
            sectors_ensure(actor=request.user, unit=unit)
            sectors = ex_selectors.sectors(unit)
        return cls(
            speakers={str(s.pk): s for s in ex_selectors.speakers_to_choose(conference)},
            departments={str(d.pk): d for d in ex_selectors.departments(unit)},
            sectors={str(s.pk): s for s in sectors},
        )

    @property
    def speaker_choices(self) -> list[tuple[str, str]]:
        return [("", _("— Không chọn —")), *((k, s.display_name) for k, s in self.speakers.items())]

    @property
    def department_choices(self) -> list[tuple[str, str]]:
        return [("", "—"), *((k, d.name) for k, d in self.departments.items())]

    @property
    def sector_choices(self) -> list[tuple[str, str]]:
        return [("", "—"), *((k, s.name) for k, s in self.sectors.items())]


@dataclass
class Picker:
    """The petitions a form has chosen (checked) and those a search found (not yet)."""

    dom_id: str
    query: str
    chosen: list[Petition]
    results: list[Petition]
    searched: bool

    @property
    def prefix(self) -> str:
        """The form's id prefix ("ex-new"), which the picker's own requests send back."""
        return self.dom_id.removesuffix("-pick")


def _picker(unit: AdminUnit, conference: Conference, dom_id: str, chosen_ids: list[int], query: str) -> Picker:
    chosen = ex_selectors.petitions_by_ids(unit, chosen_ids)
    query = (query or "").strip()
    results = ex_selectors.pick(unit, conference, query, exclude=[p.pk for p in chosen]) if query else []
    return Picker(dom_id=dom_id, query=query, chosen=chosen, results=results, searched=bool(query))


@dataclass
class Card:
    exchange: Exchange
    conclude_form: ConcludeForm | None = None
    edit_form: EditForm | None = None
    picker: Picker | None = None


def _conclude_form(conference: Conference, options: Options, exchange: Exchange, data: Any = None) -> ConcludeForm:
    initial = {
        "answered_by": exchange.answered_by or conference.chair_name,
        "department": str(exchange.department_id or ""),
        "answer_text": exchange.answer_text,
    }
    return ConcludeForm(data, options=options, initial=initial, auto_id=f"ex{exchange.pk}-%s")


def _edit_form(unit: AdminUnit, conference: Conference, options: Options, exchange: Exchange, data: Any = None) -> Card:
    concluded = exchange.status == ExchangeStatus.CONCLUDED
    initial = {
        "question": exchange.question,
        "answer_text": exchange.answer_text,
        "speaker": str(exchange.speaker_id or ""),
        "answered_by": exchange.answered_by,
        "department": str(exchange.department_id or ""),
    }
    form = EditForm(data, options=options, initial=initial, concluded=concluded, auto_id=f"ex{exchange.pk}-edit-%s")
    picker = None
    if not concluded:
        if data is not None:
            ids, query = _ids(data.getlist("petitions")), data.get("tim", "")
        else:
            ids, query = [p.pk for p in exchange.linked], ""  # type: ignore[attr-defined]
        picker = _picker(unit, conference, f"ex{exchange.pk}-pick", ids, query)
    return Card(exchange, edit_form=form, picker=picker)


@dataclass
class Page:
    """Everything the exchanges page (and its fragments) shows."""

    unit: AdminUnit
    conference: Conference
    room: Room | None
    options: Options
    can_record: bool
    is_open: bool
    locked: bool

    @classmethod
    def load(cls, request: HttpRequest, unit: AdminUnit, conference: Conference) -> Page:
        room = selectors.room_of(conference)
        can_record = has_perm(request.user, rules.RECORD_EXCHANGES, unit)
        locked = is_locked(conference)
        started = room is not None and room.status in workflow.EXCHANGE_ROOM_STATES
        is_open = can_record and started and not locked
        return cls(
            unit=unit,
            conference=conference,
            room=room,
            options=Options.load(request, unit, conference, with_sectors=is_open),
            can_record=can_record,
            is_open=is_open,
            locked=locked,
        )

    def card(self, exchange: Exchange) -> Card:
        form = None
        if self.is_open and exchange.status == ExchangeStatus.OPEN:
            form = _conclude_form(self.conference, self.options, exchange)
        return Card(exchange, conclude_form=form)

    def add_form(self, speaker_id: str = "", data: Any = None, dom: str = "ex-new") -> tuple[OpenForm, Picker]:
        """The form to record a question: empty (the asker's petitions pre-selected), or as sent."""
        if data is not None:
            form = OpenForm(data, options=self.options, auto_id=f"{dom}-%s")
            picker = _picker(
                self.unit, self.conference, f"{dom}-pick", _ids(data.getlist("petitions")), data.get("tim", "")
            )
        else:
            speaker = self.options.speakers.get(speaker_id)
            chosen = ex_selectors.speaker_petition_ids(speaker)
            initial = {
                "speaker": speaker_id if speaker is not None else "",
                "new_petition": not chosen,
                "kind": Kind.RECOMMENDATION,
                "jurisdiction": Jurisdiction.THIS_UNIT,
                # A new key for every form shown: the same form sent twice records one question.
                "submission_key": uuid.uuid4().hex,
            }
            form = OpenForm(options=self.options, initial=initial, auto_id=f"{dom}-%s")
            picker = _picker(self.unit, self.conference, f"{dom}-pick", chosen, "")
        # Choosing the asker brings their petitions in (htmx); without JavaScript, the "Chọn" button does.
        # Only the list of petitions is swapped, so what the officer types while the answer is on its way
        # (slow commune lines) is never overwritten by the form as it was sent.
        url = reverse("live:exchange_open", args=[self.unit.pk, self.conference.pk])
        form.fields["speaker"].widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "change",
                "hx-target": f"#{picker.dom_id}",
                "hx-select": f"#{picker.dom_id}",
                "hx-swap": "outerHTML",
                # One request of the form at a time, the last asked for kept: choosing another asker before the
                # first one's petitions arrive shows the second one's, and a question sent meanwhile goes after
                # them (with the asker's petitions ticked, as the form promises).
                "hx-sync": "closest form:queue last",
                "hx-vals": f'{{"{RESPEAKER}": "1"}}',
            }
        )
        return form, picker

    def context(self, request: HttpRequest, **extra: Any) -> dict[str, Any]:
        context = unit_context(request, self.unit)
        urls = {
            "open": reverse("live:exchange_open", args=[self.unit.pk, self.conference.pk]),
            "pick": reverse("live:exchange_pick", args=[self.unit.pk, self.conference.pk]),
            "page": reverse("live:exchanges", args=[self.unit.pk, self.conference.pk]),
        }
        context.update(
            {
                "section": "plans",
                "live_tab": "exchanges",
                "conference": self.conference,
                "room": self.room,
                "can_record": self.can_record,
                "is_open": self.is_open,
                "locked": self.locked,
                "not_started": self.room is None or self.room.status not in workflow.EXCHANGE_ROOM_STATES,
                "urls": urls,
                "default_due_text": weekday_date(
                    calendar_for(self.unit).add_working_days(timezone.localdate(), ANSWER_WORKING_DAYS)
                )
                if self.is_open
                else "",
            }
        )
        context.update(extra)
        return context


# ---------------------------------------------------------------- responses


def _full_page(
    request: HttpRequest,
    page: Page,
    *,
    add: tuple[OpenForm, Picker] | None = None,
    replace: Card | None = None,
    status: int = 200,
) -> HttpResponse:
    exchanges = ex_selectors.exchanges_of(page.conference)
    cards = [replace if replace is not None and e.pk == replace.exchange.pk else page.card(e) for e in exchanges]
    if add is None and page.is_open:
        add = page.add_form(request.GET.get("nguoi_hoi", ""))
    form, picker = add if add is not None else (None, None)
    context = page.context(
        request, cards=cards, counts=ex_selectors.counts(exchanges), add_form=form, picker=picker, where=""
    )
    return render(request, "live/exchanges/page.html", context, status=status)


def _card_fragment(request: HttpRequest, page: Page, card: Card) -> HttpResponse:
    context = page.context(request, card=card, counts=ex_selectors.counts_of(page.conference), oob=True)
    return render(request, "live/exchanges/_card_response.html", context)


def _panel(
    request: HttpRequest,
    page: Page,
    speaker_id: str,
    *,
    card: Card | None = None,
    add: tuple[OpenForm, Picker] | None = None,
    new: bool = False,
) -> HttpResponse:
    """The control page's panel: the speaker's open question with its conclusion form, else the form to
    record one (or why nothing can be recorded now). `card` / `add`: a form just sent, as it came back."""
    speaker = page.options.speakers.get(speaker_id)
    cards = [card] if card is not None else []
    if page.is_open and card is None and add is None:
        waiting = ex_selectors.open_exchanges_of(page.conference, speaker)
        if waiting and not new:
            cards = [page.card(waiting[-1])]
        else:
            add = page.add_form(speaker_id if speaker is not None else "", dom=CURRENT_DOM)
    form, picker = add if add is not None else (None, None)
    context = page.context(
        request, speaker=speaker, speaker_id=speaker_id, cards=cards, add_form=form, picker=picker, where=PANEL
    )
    return render(request, "live/exchanges/_current_panel.html", context)


def _to_card(page: Page, exchange_id: int) -> str:
    return f"{reverse('live:exchanges', args=[page.unit.pk, page.conference.pk])}#ex-{exchange_id}"


# ---------------------------------------------------------------- views


@login_required
@require_GET
def page_view(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return _full_page(request, Page.load(request, unit, conference))


@login_required
@require_GET
def current(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    page = Page.load(request, unit, conference)
    return _panel(request, page, request.GET.get("nguoi_hoi", ""), new=request.GET.get("moi") == "1")


@login_required
@require_GET
def pick(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.RECORD_EXCHANGES)
    dom = request.GET.get("o", NEW_DOM)
    dom = dom if dom.replace("-", "").isalnum() and len(dom) < 30 else NEW_DOM
    picker = _picker(
        unit, conference, f"{dom}-pick", _ids(request.GET.getlist("petitions")), request.GET.get("tim", "")
    )
    return render(request, "live/exchanges/_picker_list.html", {"unit": unit, "picker": picker})


@login_required
@require_http_methods(["GET", "POST"])
def open_view(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.RECORD_EXCHANGES)
    if request.method == "GET":
        return redirect("live:exchanges", unit_id=unit.pk, conference_id=conference.pk)
    page = Page.load(request, unit, conference)
    in_panel = request.POST.get(WHERE) == PANEL
    form, picker = page.add_form(data=request.POST, dom=CURRENT_DOM if in_panel else NEW_DOM)
    status = 400
    if SEARCH in request.POST or RESPEAKER in request.POST:
        # Nothing saved: the matches of the search, or the new asker's petitions added to those chosen.
        if RESPEAKER in request.POST and form.is_valid():
            speaker = form.chosen("speaker", page.options.speakers)
            ids = [*(p.pk for p in picker.chosen), *ex_selectors.speaker_petition_ids(speaker)]
            picker = _picker(unit, conference, picker.dom_id, list(dict.fromkeys(ids)), picker.query)
        form.errors.clear()
        status = 200
    elif form.is_valid():
        try:
            if len(picker.chosen) != len(_ids(request.POST.getlist("petitions"))):
                raise ValidationError({"petitions": [_("Có ý kiến đã chọn không thuộc đơn vị; chọn lại.")]})
            exchange, created = actions.exchange_open(
                actor=request.user,
                conference=conference,
                data=form.data_for_action(picker.chosen),
                submission_key=form.cleaned_data.get("submission_key") or "",
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            if not is_htmx(request):
                return redirect(_to_card(page, exchange.pk))
            if in_panel:
                return _panel(request, page, str(exchange.speaker_id or ""))
            fresh_form, fresh_picker = page.add_form()
            context = page.context(
                request,
                add_form=fresh_form,
                picker=fresh_picker,
                card=page.card(ex_selectors.get_exchange(conference, exchange.pk)) if created else None,
                counts=ex_selectors.counts_of(conference),
                where="",
                oob=True,
            )
            return render(request, "live/exchanges/_add_response.html", context)
    else:
        form.mark_invalid()
    if is_htmx(request):
        # htmx swaps only successful answers: a refused form comes back with 200.
        if in_panel:
            return _panel(request, page, request.POST.get("speaker", ""), add=(form, picker))
        return render(
            request, "live/exchanges/_add.html", page.context(request, add_form=form, picker=picker, where="")
        )
    return _full_page(request, page, add=(form, picker), status=status)


@login_required
@require_POST
def conclude(request: HttpRequest, unit_id: int, conference_id: int, exchange_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.RECORD_EXCHANGES)
    exchange = ex_selectors.get_exchange(conference, exchange_id)
    page = Page.load(request, unit, conference)
    in_panel = request.POST.get(WHERE) == PANEL
    form = _conclude_form(conference, page.options, exchange, request.POST)
    done = False
    if form.is_valid():
        try:
            actions.exchange_conclude(actor=request.user, exchange=exchange, **form.action_kwargs())
            done = True
        except ValidationError as exc:
            # A second click after the first one concluded it is not an error.
            done = Exchange.objects.filter(pk=exchange.pk, status=ExchangeStatus.CONCLUDED).exists()
            if not done:
                form.add_action_errors(error_dict(exc))
    else:
        form.mark_invalid()
    if done and not is_htmx(request):
        return redirect(_to_card(page, exchange.pk))
    card = page.card(ex_selectors.get_exchange(conference, exchange.pk)) if done else Card(exchange, form)
    if is_htmx(request):
        if in_panel:
            return _panel(request, page, str(exchange.speaker_id or ""), card=card)
        return _card_fragment(request, page, card)
    return _full_page(request, page, replace=card, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, unit_id: int, conference_id: int, exchange_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.RECORD_EXCHANGES)
    exchange = ex_selectors.get_exchange(conference, exchange_id)
    page = Page.load(request, unit, conference)
    if request.method == "GET":
        card = _edit_form(unit, conference, page.options, exchange)
        if is_htmx(request):
            return _card_fragment(request, page, card)
        return _full_page(request, page, replace=card)
    card = _edit_form(unit, conference, page.options, exchange, request.POST)
    form = card.edit_form
    assert form is not None
    status = 400
    if SEARCH in request.POST:
        form.errors.clear()
        status = 200
    elif form.is_valid():
        petitions = card.picker.chosen if card.picker is not None else None
        try:
            if card.picker is not None and len(card.picker.chosen) != len(_ids(request.POST.getlist("petitions"))):
                raise ValidationError({"petitions": [_("Có ý kiến đã chọn không thuộc đơn vị; chọn lại.")]})
            actions.exchange_update(actor=request.user, exchange=exchange, data=form.data_for_action(petitions))
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            if not is_htmx(request):
                return redirect(_to_card(page, exchange.pk))
            return _card_fragment(request, page, page.card(ex_selectors.get_exchange(conference, exchange.pk)))
    else:
        form.mark_invalid()
    if is_htmx(request):
        return _card_fragment(request, page, card)
    return _full_page(request, page, replace=card, status=status)


@login_required
@require_GET
def card_view(request: HttpRequest, unit_id: int, conference_id: int, exchange_id: int) -> HttpResponse:
    """One card as the page shows it (htmx: cancelling an edit)."""
    unit, conference = conference_for(request, unit_id, conference_id)
    page = Page.load(request, unit, conference)
    card = page.card(ex_selectors.get_exchange(conference, exchange_id))
    if is_htmx(request):
        return _card_fragment(request, page, card)
    return redirect(_to_card(page, exchange_id))


URLS: list[URLPattern] = [
    path("doi-thoai/", page_view, name="exchanges"),
    path("doi-thoai/ghi/", open_view, name="exchange_open"),
    path("doi-thoai/tim-y-kien/", pick, name="exchange_pick"),
    path("doi-thoai/hien-tai/", current, name="exchange_current"),
    path("doi-thoai/<int:exchange_id>/", card_view, name="exchange_card"),
    path("doi-thoai/<int:exchange_id>/sua/", edit, name="exchange_edit"),
    path("doi-thoai/<int:exchange_id>/ket-luan/", conclude, name="exchange_conclude"),
]
