"""The programme: created from the standard one, edited (add, edit, delete, move), and run (start an item,
finish it, "Mục tiếp theo") with the time used against planned. See views/__init__.py and views/room.py
for the buttons' pattern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.conferences.models import Conference
from doithoai.core.forms import error_dict
from doithoai.live import rules
from doithoai.live.actions import agenda as actions
from doithoai.live.models import AgendaKind
from doithoai.live.selectors import agenda as selectors
from doithoai.live.selectors import room as room_selectors
from doithoai.live.selectors.minutes import is_locked
from doithoai.live.views import conference_for
from doithoai.live.views.room import AGENDA, Permissions, new_key, page_of, page_url, respond
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit


class ItemForm(BootstrapForm):
    title = forms.CharField(
        label=gettext_lazy("Nội dung"),
        max_length=255,
        error_messages={"required": gettext_lazy("Nhập nội dung của mục chương trình.")},
    )
    presenter = forms.CharField(label=gettext_lazy("Người trình bày"), required=False, max_length=160)
    planned_minutes = forms.IntegerField(
        label=gettext_lazy("Thời lượng dự kiến (phút)"),
        min_value=1,
        max_value=actions.MAX_MINUTES,
        error_messages={
            "required": gettext_lazy("Nhập thời lượng dự kiến (số phút)."),
            "invalid": gettext_lazy("Nhập số phút là một số nguyên, ví dụ 15."),
            "min_value": gettext_lazy("Thời lượng từ 1 đến 600 phút."),
            "max_value": gettext_lazy("Thời lượng từ 1 đến 600 phút."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại nội dung"),
        choices=AgendaKind.choices,
        initial=AgendaKind.OTHER,
        error_messages={"invalid_choice": gettext_lazy("Chọn loại nội dung.")},
    )
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "muc")
        super().__init__(*args, **kwargs)


def agenda_context(
    request: HttpRequest, unit: AdminUnit, conference: Conference, errors: list[str] | None = None, **extra: Any
) -> dict[str, Any]:
    state = room_selectors.control_state(conference, speakers=False)
    return {
        "unit": unit,
        "conference": conference,
        "live_tab": "agenda",
        "state": state,
        "agenda": state.agenda,
        "can": Permissions(request, unit, state),
        "errors": errors or [],
        **extra,
    }


def _new_form() -> ItemForm:
    return ItemForm(initial={"submission_key": new_key(), "planned_minutes": 10, "kind": AgendaKind.OTHER})


@login_required
@require_GET
def page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return render(request, "live/agenda.html", agenda_context(request, unit, conference, form=_new_form()))


@login_required
@require_POST
def add(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.PREPARE)
    form = ItemForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("submission_key", "") or ""
        try:
            actions.agenda_item_add(actor=request.user, conference=conference, data=data, submission_key=key)
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(request, _("Đã thêm mục “%(title)s”.") % {"title": data["title"]})
            return redirect(page_url(unit, conference, AGENDA))
    else:
        form.mark_invalid()
    context = agenda_context(request, unit, conference, form=form)
    return render(request, "live/agenda.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, unit_id: int, conference_id: int, item_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id, rules.PREPARE)
    item = selectors.get_item(conference, item_id)
    if request.method == "POST":
        form = ItemForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "submission_key"}
            try:
                actions.agenda_item_update(actor=request.user, item=item, data=data)
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã lưu mục “%(title)s”.") % {"title": data["title"]})
                return redirect(page_url(unit, conference, AGENDA))
        else:
            form.mark_invalid()
        status = 400
    else:
        form = ItemForm(initial={k: getattr(item, k) for k in ("title", "presenter", "planned_minutes", "kind")})
        status = 200
    context = {
        "unit": unit,
        "conference": conference,
        "live_tab": "agenda",
        "item": item,
        "form": form,
        "locked": is_locked(conference),
    }
    return render(request, "live/agenda_edit.html", context, status=status)


@login_required
@require_POST
def standard(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return respond(
        request,
        unit,
        conference,
        page_of(request, AGENDA),
        lambda: actions.agenda_from_standard(actor=request.user, conference=conference),
        _("Đã tạo chương trình theo mẫu; sửa lại cho phù hợp nếu cần."),
    )


def _item_button(request: HttpRequest, unit_id: int, conference_id: int, item_id: int, run: Any) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    item = selectors.get_item(conference, item_id)
    return respond(request, unit, conference, page_of(request, AGENDA), lambda: run(item))


@login_required
@require_POST
def delete(request: HttpRequest, unit_id: int, conference_id: int, item_id: int) -> HttpResponse:
    return _item_button(
        request, unit_id, conference_id, item_id, lambda item: actions.agenda_item_delete(actor=request.user, item=item)
    )


@login_required
@require_POST
def move(request: HttpRequest, unit_id: int, conference_id: int, item_id: int) -> HttpResponse:
    direction = {"len": actions.UP, "xuong": actions.DOWN}.get(request.POST.get("huong", ""), "")
    return _item_button(
        request,
        unit_id,
        conference_id,
        item_id,
        lambda item: actions.agenda_item_move(actor=request.user, item=item, direction=direction),
    )


@login_required
@require_POST
def start(request: HttpRequest, unit_id: int, conference_id: int, item_id: int) -> HttpResponse:
    return _item_button(
        request, unit_id, conference_id, item_id, lambda item: actions.agenda_item_start(actor=request.user, item=item)
    )


@login_required
@require_POST
def finish(request: HttpRequest, unit_id: int, conference_id: int, item_id: int) -> HttpResponse:
    return _item_button(
        request, unit_id, conference_id, item_id, lambda item: actions.agenda_item_finish(actor=request.user, item=item)
    )


@login_required
@require_POST
def next_item(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = conference_for(request, unit_id, conference_id)
    return respond(
        request,
        unit,
        conference,
        page_of(request, AGENDA),
        lambda: actions.agenda_next(actor=request.user, conference=conference),
    )


URLS: list[URLPattern] = [
    path("chuong-trinh/", page, name="agenda"),
    path("chuong-trinh/them/", add, name="agenda_add"),
    path("chuong-trinh/theo-mau/", standard, name="agenda_standard"),
    path("chuong-trinh/tiep-theo/", next_item, name="agenda_next"),
    path("chuong-trinh/<int:item_id>/sua/", edit, name="agenda_edit"),
    path("chuong-trinh/<int:item_id>/xoa/", delete, name="agenda_delete"),
    path("chuong-trinh/<int:item_id>/di-chuyen/", move, name="agenda_move"),
    path("chuong-trinh/<int:item_id>/bat-dau/", start, name="agenda_start"),
    path("chuong-trinh/<int:item_id>/ket-thuc/", finish, name="agenda_finish"),
]
