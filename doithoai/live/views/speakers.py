"""The list of speakers: everyone with their state and time spoken against the limit, the petitions they
follow up, and the buttons to reorder, edit, withdraw, restore and run the timer; the form to add a
delegate (found by name, diacritics ignored) or a citizen who walks in. See views/__init__.py and
views/room.py for the buttons' pattern.

The form's look-ups work without JavaScript: "Tìm" and "Chọn" send the form back to its page by GET, with
what was typed, and the page comes back with the results; htmx does the same in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.conferences.models import Conference
from doithoai.core.forms import error_dict
from doithoai.delegates.models import Delegate
from doithoai.lib.codes import format_code
from doithoai.lib.params import query_id, query_ids
from doithoai.live import rules
from doithoai.live.actions import agenda as agenda_actions
from doithoai.live.actions import speakers as actions
from doithoai.live.models import Speaker
from doithoai.live.selectors import registrations as registration_selectors
from doithoai.live.selectors import room as room_selectors
from doithoai.live.selectors import speakers as selectors
from doithoai.live.selectors.minutes import is_locked
from doithoai.live.views import conference_for
from doithoai.live.views.room import (
    SLUGS,
    SPEAKERS,
    Permissions,
    decorate_speakers,
    new_key,
    page_of,
    page_url,
    respond,
)
from doithoai.petitions.models import Petition
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit, Village


class IdListField(forms.Field):
    """Ids of checked boxes (the action checks that each is one of the unit's petitions)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        ids = query_ids([str(v) for v in values], limit=actions.MAX_PETITIONS + 1)
        if len(ids) != len(values):
            raise ValidationError(_("Chỉ liên kết ý kiến, kiến nghị đã gửi đến đơn vị."))
        return ids


class SpeakerForm(BootstrapForm):
    delegate = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=gettext_lazy("Họ và tên (không bắt buộc)"), required=False, max_length=120)
    village = forms.TypedChoiceField(
        label=gettext_lazy("Thôn, tổ dân phố"), required=False, coerce=int, empty_value=None
    )
    label = forms.CharField(
        label=gettext_lazy("Thành phần"),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Cử tri")}),
        help_text=gettext_lazy("Ví dụ: Cử tri, Trưởng thôn. Để trống: “Cử tri”, hoặc thành phần của đại biểu."),
    )
    show_name = forms.BooleanField(
        label=gettext_lazy("Người phát biểu đồng ý hiện tên trên màn hình hội trường"), required=False
    )
    topic = forms.CharField(
        label=gettext_lazy("Nội dung xin phát biểu"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    limit_minutes = forms.IntegerField(
        label=gettext_lazy("Thời gian tối đa (phút)"),
        required=False,
        min_value=1,
        max_value=actions.MAX_LIMIT_MINUTES,
        error_messages={
            "invalid": gettext_lazy("Nhập số phút là một số nguyên, ví dụ 5."),
            "min_value": gettext_lazy("Thời gian tối đa từ 1 đến 60 phút."),
            "max_value": gettext_lazy("Thời gian tối đa từ 1 đến 60 phút."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    petitions = IdListField(required=False)
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, villages: list[Village], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["village"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *((v.pk, v.name) for v in villages)]
        field.error_messages["invalid_choice"] = _("Chọn thôn, tổ dân phố của đơn vị.")

    def data_for_action(self, *, editing: bool) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "submission_key"}
        if editing:
            data.pop("delegate", None)
        if data.get("delegate") is None:
            data.pop("delegate", None)
        return data


@dataclass(frozen=True)
class PetitionChoice:
    petition: Petition
    checked: bool

    @property
    def code(self) -> str:
        return format_code(self.petition.tracking_code)


def petition_choices(
    conference: Conference, checked: list[int], village_id: int | None, query: str
) -> tuple[list[PetitionChoice], bool]:
    """The boxes of the petitions area: those ticked, then what the search found, then the suggestions (the
    conference's petitions and the speaker's village's), each once. Returns (choices, searched)."""
    ticked = selectors.petitions_by_ids(conference, checked)
    found = selectors.petition_search(conference, query) if query.strip() else []
    suggested = selectors.petition_suggestions(conference, village_id)
    seen: set[int] = set()
    choices: list[PetitionChoice] = []
    for petition in [*ticked, *found, *suggested]:
        if petition.pk in seen:
            continue
        seen.add(petition.pk)
        choices.append(PetitionChoice(petition, petition.pk in set(checked)))
    return choices, bool(query.strip())


def list_context(
    request: HttpRequest, unit: AdminUnit, conference: Conference, errors: list[str] | None = None, **extra: Any
) -> dict[str, Any]:
    state = room_selectors.control_state(conference, speakers=False)
    can = Permissions(request, unit, state)
    speakers = decorate_speakers(selectors.speakers_of(conference), can, state.now)
    registrations = registration_selectors.registrations_of_speakers(conference)
    for speaker in speakers:
        speaker.codes = [format_code(p.tracking_code) for p in speaker.petitions.all()]  # type: ignore[attr-defined]
        speaker.registration = registrations.get(speaker.pk)  # type: ignore[attr-defined]
    return {
        "unit": unit,
        "conference": conference,
        "live_tab": "speakers",
        "state": state,
        "speakers": speakers,
        "counts": state.counts,
        "can": can,
        "errors": errors or [],
        **extra,
    }


@login_required
@require_GET
def page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return render(request, "live/speakers.html", list_context(request, unit, conference))


# ---------------------------------------------------------------- the form


def _form_context(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    form: SpeakerForm,
    values: QueryDict,
    *,
    speaker: Speaker | None = None,
) -> dict[str, Any]:
    """What the add and edit pages show around the form: the chosen delegate, the delegates found, the
    petitions' boxes. `values` are what the form holds (GET while searching, POST when sent back)."""
    delegate: Delegate | None = speaker.delegate if speaker is not None else None
    if speaker is None:
        delegate = selectors.get_delegate(conference, query_id(values.get("delegate") or values.get("dai_bieu")))
    query = (values.get("q") or "").strip()[:100]
    found = selectors.delegate_search(conference, query) if speaker is None and delegate is None and query else []
    village_id = query_id(values.get("village")) or (delegate.village_id if delegate is not None else None)
    checked = query_ids(values.getlist("petitions"))
    if speaker is not None and not values:
        checked = [p.pk for p in speaker.petitions.all()]
    choices, searched = petition_choices(conference, checked, village_id, values.get("yk") or "")
    return {
        "unit": unit,
        "conference": conference,
        "live_tab": "speakers",
        "form": form,
        "speaker": speaker,
        "delegate": delegate,
        "query": query,
        "found": found,
        "petition_query": (values.get("yk") or "").strip()[:200],
        "petition_choices": choices,
        "petitions_searched": searched,
        "locked": is_locked(conference),
        "form_url": reverse("live:speaker_add", args=[unit.pk, conference.pk])
        if speaker is None
        else reverse("live:speaker_edit", args=[unit.pk, conference.pk, speaker.pk]),
    }


def _initial_for_add(conference: Conference, values: QueryDict) -> dict[str, Any]:
    """The form as it was when "Tìm" or "Chọn" sent it by GET; a delegate just chosen brings their village,
    group and consent."""
    initial: dict[str, Any] = {
        key: values.get(key) for key in ("name", "village", "label", "topic", "limit_minutes") if values.get(key)
    }
    initial["submission_key"] = (values.get("submission_key") or "")[:64] or new_key()
    initial["show_name"] = values.get("show_name") in ("on", "1", "true")
    chosen = query_id(values.get("dai_bieu"))
    delegate = selectors.get_delegate(conference, chosen or query_id(values.get("delegate")))
    if delegate is not None:
        initial["delegate"] = delegate.pk
        if chosen:
            initial["show_name"] = delegate.consent_to_publish
            initial["village"] = delegate.village_id or initial.get("village")
            initial["label"] = values.get("label") or delegate.role_label
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.PREPARE)
    villages = selectors.villages_for(conference)
    if request.method == "POST":
        form = SpeakerForm(request.POST, villages=villages)
        if form.is_valid():
            try:
                speaker, _created = actions.speaker_add(
                    actor=request.user,
                    conference=conference,
                    data=form.data_for_action(editing=False),
                    submission_key=form.cleaned_data.get("submission_key") or "",
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã thêm %(who)s vào danh sách phát biểu.") % {"who": speaker.display_name})
                if "them_tiep" in request.POST:
                    return redirect("live:speaker_add", unit_id=unit.pk, conference_id=conference.pk)
                return redirect(page_url(unit, conference, page_of(request, SPEAKERS)))
        else:
            form.mark_invalid()
        context = _form_context(request, unit, conference, form, request.POST)
        return render(request, "live/speakers_form.html", context, status=400)
    values: QueryDict = request.GET
    if "bo_chon" in values:
        values = values.copy()
        for key in ("delegate", "dai_bieu"):
            values.pop(key, None)
    form = SpeakerForm(initial=_initial_for_add(conference, values), villages=villages)
    return render(request, "live/speakers_form.html", _form_context(request, unit, conference, form, values))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, unit_id: int, conference_id: int, speaker_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.PREPARE)
    speaker = selectors.get_speaker(conference, speaker_id)
    villages = selectors.villages_for(conference)
    if request.method == "POST":
        form = SpeakerForm(request.POST, villages=villages)
        if form.is_valid():
            data = form.data_for_action(editing=True)
            if speaker.delegate_id is not None:
                data.pop("name", None)
            try:
                actions.speaker_update(actor=request.user, speaker=speaker, data=data)
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã lưu thông tin người phát biểu."))
                return redirect(page_url(unit, conference, SPEAKERS))
        else:
            form.mark_invalid()
        context = _form_context(request, unit, conference, form, request.POST, speaker=speaker)
        return render(request, "live/speakers_form.html", context, status=400)
    values: QueryDict = request.GET
    initial: dict[str, Any] = {
        "name": speaker.name,
        "village": speaker.village_id,
        "label": speaker.label,
        "show_name": speaker.show_name,
        "topic": speaker.topic,
        "limit_minutes": max(1, speaker.limit_seconds // 60),
    }
    if values:  # a petition search sent the form by GET
        initial.update(
            {k: values.get(k) for k in ("name", "village", "label", "topic", "limit_minutes") if k in values}
        )
        initial["show_name"] = values.get("show_name") in ("on", "1", "true")
    form = SpeakerForm(initial=initial, villages=villages)
    return render(
        request, "live/speakers_form.html", _form_context(request, unit, conference, form, values, speaker=speaker)
    )


@login_required
@require_GET
def delegate_search(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The delegates found by name (htmx, as the secretary types)."""
    unit, conference = conference_for(request, unit_id, conference_id, rules.PREPARE)
    query = (request.GET.get("q") or "").strip()[:100]
    context = {
        "unit": unit,
        "conference": conference,
        "query": query,
        "found": selectors.delegate_search(conference, query),
        "form_url": reverse("live:speaker_add", args=[unit.pk, conference.pk]),
    }
    return render(request, "live/_speaker_delegates.html", context)


@login_required
@require_GET
def petition_search(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The petitions' boxes (htmx): those ticked, what the search found, the suggestions."""
    unit, conference = conference_for(request, unit_id, conference_id, rules.PREPARE)
    delegate = selectors.get_delegate(conference, query_id(request.GET.get("delegate")))
    village_id = query_id(request.GET.get("village")) or (delegate.village_id if delegate is not None else None)
    choices, searched = petition_choices(
        conference, query_ids(request.GET.getlist("petitions")), village_id, request.GET.get("yk") or ""
    )
    context = {
        "unit": unit,
        "conference": conference,
        "petition_choices": choices,
        "petitions_searched": searched,
    }
    return render(request, "live/_speaker_petitions.html", context)


# ---------------------------------------------------------------- buttons


@login_required
@require_POST
def move(request: HttpRequest, unit_id: int, conference_id: int, speaker_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    speaker = selectors.get_speaker(conference, speaker_id)
    direction = {"len": agenda_actions.UP, "xuong": agenda_actions.DOWN}.get(request.POST.get("huong", ""), "")
    return respond(
        request,
        unit,
        conference,
        page_of(request, SPEAKERS),
        lambda: actions.speaker_move(actor=request.user, speaker=speaker, direction=direction),
    )


@login_required
@require_POST
def transition(request: HttpRequest, unit_id: int, conference_id: int, speaker_id: int, action: str) -> HttpResponse:
    """Start, pause, resume, stop, withdraw, restore: the timer's and the list's buttons."""
    name = SLUGS.get(action)
    if name is None:
        raise Http404
    unit, conference = conference_for(request, unit_id, conference_id)
    speaker = selectors.get_speaker(conference, speaker_id)
    run = actions.TRANSITION_ACTIONS[name]
    return respond(
        request, unit, conference, page_of(request, SPEAKERS), lambda: run(actor=request.user, speaker=speaker)
    )


URLS: list[URLPattern] = [
    path("phat-bieu/", page, name="speakers"),
    path("phat-bieu/them/", add, name="speaker_add"),
    path("phat-bieu/tim-dai-bieu/", delegate_search, name="speaker_delegate_search"),
    path("phat-bieu/tim-y-kien/", petition_search, name="speaker_petition_search"),
    path("phat-bieu/<int:speaker_id>/sua/", edit, name="speaker_edit"),
    path("phat-bieu/<int:speaker_id>/di-chuyen/", move, name="speaker_move"),
    path("phat-bieu/<int:speaker_id>/<slug:action>/", transition, name="speaker_transition"),
]
