"""The secretary's control page: the room's state (start, end, resume), the current agenda item with its
time, the current speaker with the big countdown and its buttons, the next speakers, a quick form for a
citizen who asks for the floor, the line of notice on the hall's screen, and the question being recorded
(the exchanges' partial). See views/__init__.py.

Every button is a plain form (POST, then back to the page) that htmx turns into a swap of the region it
changes. The region polls every few seconds with the room's version and gets "204 No Content" while
nothing has changed, so that a second staff browser follows at the cost of one small query.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from doithoai.conferences.models import Conference
from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import has_perm
from doithoai.lib.params import query_id
from doithoai.live import rules, workflow
from doithoai.live.actions import room as room_actions
from doithoai.live.actions.speakers import speaker_add
from doithoai.live.models import Room, RoomStatus, Speaker, SpeakerStatus
from doithoai.live.selectors import room as room_selectors
from doithoai.live.selectors import speakers as speaker_selectors
from doithoai.live.selectors.agenda import clock, countdown
from doithoai.live.selectors.room import ControlState
from doithoai.live.views import conference_for
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit, Village

# The pages whose region a button re-renders (htmx) or goes back to (without JavaScript).
ROOM = "room"
AGENDA = "agenda"
SPEAKERS = "speakers"
PAGES = {ROOM: "live:room", AGENDA: "live:agenda", SPEAKERS: "live:speakers"}
# Fired by the forms outside a region (the quick form, the notice): the region asks for what changed at once.
CHANGED_EVENT = "room-changed"


# ---------------------------------------------------------------- shared by the room, agenda and speakers pages


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def page_of(request: HttpRequest, default: str) -> str:
    page = request.POST.get("trang") or request.GET.get("trang") or default
    return page if page in PAGES else default


def page_url(unit: AdminUnit, conference: Conference, page: str) -> str:
    return reverse(PAGES[page], args=[unit.pk, conference.pk])


class Permissions:
    """What the user may do here, worked out once per request."""

    def __init__(self, request: HttpRequest, unit: AdminUnit, state: ControlState | None = None) -> None:
        user = request.user
        self.run = has_perm(user, rules.RUN_ROOM, unit)
        self.prepare = has_perm(user, rules.PREPARE, unit)
        locked = state.locked if state is not None else False
        status = state.status if state is not None else RoomStatus.READY
        self.edit = self.prepare and not locked
        self.timer = self.run and not locked and status in workflow.TIMER_ROOM_STATES
        room_open = self.run and not locked
        self.start = room_open and status in workflow.ROOM.transitions[workflow.START].sources
        self.end = room_open and status in workflow.ROOM.transitions[workflow.END].sources
        self.resume = room_open and status in workflow.ROOM.transitions[workflow.RESUME].sources

    def speaker_buttons(self, speaker: Speaker) -> list[Button]:
        """The transitions offered for one speaker, in the order the buttons show."""
        names: list[str] = []
        if self.timer:
            names += [t for t in TIMER_BUTTONS if speaker.status in workflow.SPEAKER.transitions[t].sources]
        if self.edit:
            names += [t for t in LIST_BUTTONS if speaker.status in workflow.SPEAKER.transitions[t].sources]
        buttons = [BUTTONS[name] for name in names]
        if speaker.status == SpeakerStatus.DONE:
            buttons = [AGAIN if b.name == workflow.RESUME else b for b in buttons]
        return buttons


@dataclass(frozen=True)
class Button:
    name: str  # the transition
    slug: str  # in the URL
    label: Any
    css: str
    icon: str


BUTTONS = {
    workflow.START: Button(workflow.START, "moi", gettext_lazy("Mời phát biểu"), "btn-success", "mic"),
    workflow.PAUSE: Button(workflow.PAUSE, "tam-dung", gettext_lazy("Tạm dừng"), "btn-warning", "pause-fill"),
    workflow.RESUME: Button(workflow.RESUME, "tiep-tuc", gettext_lazy("Tiếp tục"), "btn-success", "play-fill"),
    workflow.STOP: Button(workflow.STOP, "ket-thuc", gettext_lazy("Kết thúc lượt"), "btn-danger", "stop-fill"),
    workflow.WITHDRAW: Button(
        workflow.WITHDRAW, "rut", gettext_lazy("Rút khỏi danh sách"), "btn-outline-secondary", "x-circle"
    ),
    workflow.RESTORE: Button(
        workflow.RESTORE,
        "dua-lai",
        gettext_lazy("Đưa lại vào danh sách"),
        "btn-outline-secondary",
        "arrow-counterclockwise",
    ),
}
# "Nói tiếp": the turn had ended, the chair gives the floor back.
AGAIN = Button(workflow.RESUME, "tiep-tuc", gettext_lazy("Nói tiếp"), "btn-outline-success", "play")
SLUGS = {b.slug: b.name for b in BUTTONS.values()}
TIMER_BUTTONS = (workflow.START, workflow.PAUSE, workflow.RESUME, workflow.STOP)
LIST_BUTTONS = (workflow.WITHDRAW, workflow.RESTORE)


def decorate_speakers(speakers: list[Speaker], can: Permissions, state_now: Any) -> list[Speaker]:
    """Buttons and time figures for the templates."""
    for speaker in speakers:
        speaker.buttons = can.speaker_buttons(speaker)  # type: ignore[attr-defined]
        spoken = speaker.spoken_seconds(state_now)
        speaker.spoken = spoken  # type: ignore[attr-defined]
        speaker.is_overtime = spoken > speaker.limit_seconds  # type: ignore[attr-defined]
        speaker.is_running = speaker.running_since is not None  # type: ignore[attr-defined]
        speaker.timer_text = countdown(spoken, speaker.limit_seconds)  # type: ignore[attr-defined]
        speaker.spoken_text = clock(spoken)  # type: ignore[attr-defined]
        speaker.limit_text = clock(speaker.limit_seconds)  # type: ignore[attr-defined]
    return speakers


def control_context(request: HttpRequest, unit: AdminUnit, conference: Conference, **extra: Any) -> dict[str, Any]:
    state = room_selectors.control_state(conference)
    can = Permissions(request, unit, state)
    current = state.current_speaker
    decorate_speakers([*([current] if current is not None else []), *state.waiting], can, state.now)
    return {
        "unit": unit,
        "conference": conference,
        "live_tab": "room",
        "state": state,
        "room": state.room,
        "agenda": state.agenda,
        "current_speaker": current,
        "can": can,
        **extra,
    }


def respond(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    page: str,
    run: Callable[[], Any],
    success: Promise | str = "",
) -> HttpResponse:
    """Run one button's action, then: with htmx the page's region, re-rendered (with the refusal if any);
    without, back to the page with the message."""
    errors: list[str] = []
    try:
        run()
    except ValidationError as exc:
        errors = error_messages(exc)
    if is_htmx(request):
        return render_region(request, unit, conference, page, errors=errors)
    for message in errors:
        messages.error(request, message)
    if success and not errors:
        messages.success(request, str(success))
    return redirect(page_url(unit, conference, page))


def render_region(
    request: HttpRequest, unit: AdminUnit, conference: Conference, page: str, errors: list[str] | None = None
) -> HttpResponse:
    # The agenda and speakers views build on this module; their contexts are imported when needed.
    if page == AGENDA:
        from doithoai.live.views.agenda import agenda_context

        return render(request, "live/_agenda_list.html", agenda_context(request, unit, conference, errors=errors))
    if page == SPEAKERS:
        from doithoai.live.views.speakers import list_context

        return render(request, "live/_speaker_list.html", list_context(request, unit, conference, errors=errors))
    return render(request, "live/_room_live.html", control_context(request, unit, conference, errors=errors))


def unchanged(request: HttpRequest, conference: Conference) -> bool:
    """The poll's version is the room's: nothing to send."""
    asked = query_id(request.GET.get("v"))
    return asked is not None and asked == room_selectors.version_of(conference)


# ---------------------------------------------------------------- forms


def new_key() -> str:
    return uuid.uuid4().hex


class QuickSpeakerForm(BootstrapForm):
    """A citizen who asks for the floor in the hall: everything optional."""

    name = forms.CharField(label=gettext_lazy("Họ và tên (không bắt buộc)"), required=False, max_length=120, strip=True)
    village = forms.TypedChoiceField(
        label=gettext_lazy("Thôn, tổ dân phố"), required=False, coerce=int, empty_value=None
    )
    label = forms.CharField(
        label=gettext_lazy("Thành phần"),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Cử tri")}),
    )
    show_name = forms.BooleanField(label=gettext_lazy("Đồng ý hiện tên trên màn hình hội trường"), required=False)
    topic = forms.CharField(label=gettext_lazy("Nội dung xin phát biểu"), required=False, max_length=500)
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, villages: list[Village], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "nhanh")
        super().__init__(*args, **kwargs)
        field = self.fields["village"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *((v.pk, v.name) for v in villages)]
        field.error_messages["invalid_choice"] = _("Chọn thôn, tổ dân phố của đơn vị.")


def quick_form(conference: Conference, data: Any = None) -> QuickSpeakerForm:
    villages = speaker_selectors.villages_for(conference)
    if data is not None:
        return QuickSpeakerForm(data, villages=villages)
    return QuickSpeakerForm(villages=villages, initial={"submission_key": new_key(), "label": ""})


# ---------------------------------------------------------------- pages


@login_required
@require_GET
def page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return render_page(request, unit, conference)


def render_page(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    *,
    quick: QuickSpeakerForm | None = None,
    notice_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = control_context(request, unit, conference)
    context.update(
        {
            "quick_form": quick or quick_form(conference),
            "notice_errors": notice_errors or [],
            "notice_value": request.POST.get("notice") if notice_errors else context["state"].notice,
        }
    )
    return render(request, "live/room.html", context, status=status)


@login_required
@require_GET
def live_region(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The region the page polls: nothing (204) while the room's version is the one the page has."""
    unit, conference = conference_for(request, unit_id, conference_id)
    if unchanged(request, conference):
        return HttpResponse(status=204)
    return render_region(request, unit, conference, page_of(request, ROOM))


def _room_button(
    action: Callable[..., Room], success: Promise | str
) -> Callable[[HttpRequest, int, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
        unit, conference = conference_for(request, unit_id, conference_id)
        return respond(
            request,
            unit,
            conference,
            page_of(request, ROOM),
            lambda: action(actor=request.user, conference=conference),
            success,
        )

    return view


start = _room_button(room_actions.room_start, gettext_lazy("Hội nghị đã bắt đầu."))
end = _room_button(room_actions.room_end, gettext_lazy("Hội nghị đã kết thúc và được ghi là đã tổ chức."))
resume = _room_button(room_actions.room_resume, gettext_lazy("Hội nghị tiếp tục."))


@login_required
@require_POST
def notice(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    text = request.POST.get("notice", "")
    if "xoa" in request.POST:
        text = ""
    try:
        room = room_actions.room_set_notice(actor=request.user, conference=conference, notice=text)
    except ValidationError as exc:
        errors = error_messages(exc)
        if is_htmx(request):
            context = {"unit": unit, "conference": conference, "notice_value": text[:1000], "notice_errors": errors}
            return render(request, "live/_room_notice.html", context)
        return render_page(request, unit, conference, notice_errors=errors, status=400)
    if is_htmx(request):
        context = {"unit": unit, "conference": conference, "notice_value": room.notice, "notice_saved": True}
        response = render(request, "live/_room_notice.html", context)
        response["HX-Trigger"] = CHANGED_EVENT
        return response
    messages.success(request, _("Đã đổi dòng thông báo.") if room.notice else _("Đã xóa dòng thông báo."))
    return redirect(page_url(unit, conference, ROOM))


@login_required
@require_POST
def quick_add(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """A citizen who asks for the floor, added at the end of the list from the control page."""
    unit, conference = conference_for(request, unit_id, conference_id)
    form = quick_form(conference, request.POST)
    added: Speaker | None = None
    if form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("submission_key", "") or ""
        try:
            added, _created = speaker_add(actor=request.user, conference=conference, data=data, submission_key=key)
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
    else:
        form.mark_invalid()
    if is_htmx(request):
        context = {
            "unit": unit,
            "conference": conference,
            "quick_form": form if added is None else quick_form(conference),
            "added": added,
        }
        response = render(request, "live/_room_quick_add.html", context)
        if added is not None:
            response["HX-Trigger"] = CHANGED_EVENT
        return response
    if added is None:
        return render_page(request, unit, conference, quick=form, status=400)
    messages.success(request, _("Đã thêm %(who)s vào danh sách phát biểu.") % {"who": added.display_name})
    return redirect(page_url(unit, conference, ROOM))


URLS: list[URLPattern] = [
    path("", page, name="room"),
    path("trang-thai/", live_region, name="room_live"),
    path("bat-dau/", start, name="room_start"),
    path("ket-thuc/", end, name="room_end"),
    path("tiep-tuc/", resume, name="room_resume"),
    path("thong-bao/", notice, name="room_notice"),
    path("them-nguoi-phat-bieu/", quick_add, name="room_quick_add"),
]
