"""Conference pages. Views translate HTTP: unit, plan and conference through selectors, changes through actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.conferences import actions, rules, selectors, workflow
from doithoai.conferences.forms import ConferenceForm, RescheduleForm
from doithoai.conferences.models import Conference
from doithoai.core.permissions import Permission, has_perm, require_perm
from doithoai.lib.vndates import short_date, weekday_date
from doithoai.plans import selectors as plan_selectors
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context


def _unit(request: HttpRequest, unit_id: int, permission: Permission = rules.VIEW_CONFERENCES) -> AdminUnit:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, permission, unit)
    return unit


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    # The action names the date and time together; the form has them as two boxes.
    if "starts_at" in errors:
        errors = {("date" if key == "starts_at" else key): value for key, value in errors.items()}
    return errors


def _context(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context["section"] = "plans"
    context["can_edit_conferences"] = has_perm(request.user, rules.EDIT_CONFERENCES, unit)
    context.update(extra)
    return context


def _today() -> dt.date:
    return timezone.localdate()


def _when(conference: Conference) -> str:
    local = timezone.localtime(conference.starts_at)
    return f"{local:%H} giờ {local:%M}, {weekday_date(local.date())}"


@login_required
def conference_list(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    plan = plan_selectors.get_plan(unit, plan_id)
    conferences = list(selectors.conferences_of_plan(plan))
    for conference in conferences:
        conference.when_text = _when(conference)  # type: ignore[attr-defined]
    can_create = has_perm(request.user, rules.EDIT_CONFERENCES, unit) and plan.status in actions.OPEN_PLAN_STATES
    return render(
        request,
        "conferences/list.html",
        _context(request, unit, plan=plan, conferences=conferences, can_create=can_create),
    )


def _initial_from_session(plan: Any, session_id: str | None) -> dict[str, Any]:
    initial: dict[str, Any] = {"title": _("Hội nghị đối thoại với Nhân dân năm %(year)s") % {"year": plan.year}}
    initial.update({"venue": plan.venue, "mode": plan.form, "minutes_per_question": plan.minutes_per_question or 5})
    if session_id and session_id.isdigit():
        session = plan.sessions.filter(pk=int(session_id)).first()
        if session is not None:
            initial.update(
                {
                    "planned_session": session.pk,
                    "title": f"{initial['title']} – {session.label}",
                    "date": session.planned_date,
                    "venue": session.venue or plan.venue,
                    "villages": list(session.villages.all()),
                }
            )
    return initial


@login_required
def conference_create(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, rules.EDIT_CONFERENCES)
    plan = plan_selectors.get_plan(unit, plan_id)
    if request.method == "POST":
        form = ConferenceForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                conference = actions.conference_create(
                    actor=request.user,
                    plan=plan,
                    data=form.data_for_action(),
                    villages=form.cleaned_data.get("villages") or [],
                    planned_session=form.cleaned_data.get("planned_session"),
                    reason=form.cleaned_data.get("reason") or "",
                )
            except ValidationError as exc:
                form.add_action_errors(_errors(exc))
            else:
                messages.success(request, _("Đã tạo hội nghị và lịch các bước chuẩn bị."))
                return redirect("conferences:detail", unit_id=unit.pk, conference_id=conference.pk)
    else:
        form = ConferenceForm(plan=plan, initial=_initial_from_session(plan, request.GET.get("dot")))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conferences/create.html",
        _context(request, unit, plan=plan, form=form, sessions=list(plan.sessions.all())),
        status=status,
    )


def _detail_page(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    *,
    reschedule_form: RescheduleForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    today = _today()
    steps = []
    for step in conference.steps.all():
        step.state = selectors.step_state(step, today)  # type: ignore[attr-defined]
        step.due_text = short_date(step.due_date)  # type: ignore[attr-defined]
        step.starts_text = short_date(step.starts_on) if step.starts_on else ""  # type: ignore[attr-defined]
        step.done_text = short_date(timezone.localdate(step.done_at)) if step.done_at else ""  # type: ignore[attr-defined]
        step.can_complete = workflow.can_complete_step(request.user, step)  # type: ignore[attr-defined]
        steps.append(step)
    can_reschedule = (
        has_perm(request.user, rules.EDIT_CONFERENCES, unit) and conference.status in workflow.RESCHEDULABLE_STATES
    )
    if reschedule_form is None and can_reschedule:
        local = timezone.localtime(conference.starts_at)
        reschedule_form = RescheduleForm(initial={"date": local.date(), "time": local.time()})
    context = _context(
        request,
        unit,
        conference=conference,
        plan=conference.plan,
        steps=steps,
        today_text=short_date(today),
        when_text=_when(conference),
        transitions=workflow.available_transitions(request.user, conference),
        can_reschedule=can_reschedule,
        reschedule_form=reschedule_form,
        page_errors=errors or [],
        conference_type=ContentType.objects.get_for_model(Conference),
    )
    status = 400 if (errors or (reschedule_form is not None and reschedule_form.errors)) else 200
    return render(request, "conferences/detail.html", context, status=status)


@login_required
def conference_detail(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    return _detail_page(request, unit, selectors.get_conference(unit, conference_id))


@login_required
@require_POST
def conference_reschedule(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    form = RescheduleForm(request.POST)
    if form.is_valid():
        starts_at = form.starts_at()
        assert starts_at is not None
        try:
            actions.conference_reschedule(
                actor=request.user,
                conference=conference,
                starts_at=starts_at,
                reason=form.cleaned_data.get("reason") or "",
            )
        except ValidationError as exc:
            errors = _errors(exc)
            form.add_action_errors(errors)
            page = [m for key, ms in errors.items() if key not in form.fields for m in ms]
            return _detail_page(
                request, unit, selectors.get_conference(unit, conference_id), reschedule_form=form, errors=page
            )
        messages.success(request, _("Đã đổi thời gian hội nghị và tính lại hạn các bước."))
        return redirect("conferences:detail", unit_id=unit.pk, conference_id=conference.pk)
    return _detail_page(request, unit, conference, reschedule_form=form)


TRANSITION_ACTIONS = {
    workflow.ANNOUNCE: actions.conference_announce,
    workflow.HOLD: actions.conference_hold,
    workflow.CONCLUDE: actions.conference_conclude,
    workflow.CANCEL: actions.conference_cancel,
}


@login_required
@require_POST
def conference_transition(request: HttpRequest, unit_id: int, conference_id: int, transition: str) -> HttpResponse:
    unit = _unit(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    action = TRANSITION_ACTIONS.get(transition)
    if action is None:
        raise Http404
    try:
        action(actor=request.user, conference=conference)
    except ValidationError as exc:
        return _detail_page(
            request,
            unit,
            selectors.get_conference(unit, conference_id),
            errors=[m for ms in _errors(exc).values() for m in ms],
        )
    messages.success(
        request,
        _("Hội nghị chuyển sang trạng thái “%(state)s”.") % {"state": workflow.TRANSITIONS[transition].target.label},
    )
    return redirect("conferences:detail", unit_id=unit.pk, conference_id=conference.pk)


@login_required
@require_POST
def step_complete(request: HttpRequest, unit_id: int, conference_id: int, step_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    step = selectors.get_step(conference, step_id)
    try:
        actions.timeline_step_complete(actor=request.user, step=step)
    except ValidationError as exc:
        return _detail_page(
            request,
            unit,
            selectors.get_conference(unit, conference_id),
            errors=[m for ms in _errors(exc).values() for m in ms],
        )
    messages.success(request, _("Đã đánh dấu hoàn thành: %(step)s") % {"step": step.label})
    return redirect("conferences:detail", unit_id=unit.pk, conference_id=conference.pk)
