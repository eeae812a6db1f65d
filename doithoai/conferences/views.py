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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from doithoai.accounts.roles import Role
from doithoai.conferences import actions, rules, selectors, timeline, workflow
from doithoai.conferences.forms import (
    ConferenceEditForm,
    ConferenceForm,
    ExtraStepForm,
    PlanRuleForm,
    PublicationForm,
    RescheduleForm,
    StepForm,
)
from doithoai.conferences.models import Conference, PublicationChannel
from doithoai.conferences.timeline import TimelineRule
from doithoai.core.forms import error_dict
from doithoai.core.permissions import Permission, has_perm, require_perm
from doithoai.core.redirects import is_safe_url
from doithoai.lib.params import query_id
from doithoai.lib.vndates import short_date, weekday_date
from doithoai.plans import selectors as plan_selectors
from doithoai.plans.models import PlanStatus
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit
from doithoai.units.views import unit_context
from doithoai.workdays.selectors import calendar_for


def _unit(request: HttpRequest, unit_id: int, permission: Permission = rules.VIEW_CONFERENCES) -> AdminUnit:
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, permission, unit)
    return unit


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    errors = error_dict(exc)
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
    if (session_pk := query_id(session_id)) is not None:
        session = plan.sessions.filter(pk=session_pk).first()
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


def _step_rows(request: HttpRequest, unit: AdminUnit, conference: Conference) -> list[selectors.StepRow]:
    access = workflow.StepAccess(request.user, unit)
    return selectors.timeline_rows(conference, conference.steps.all(), _today(), access, calendar_for(unit))


def _detail_page(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    *,
    reschedule_form: RescheduleForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    today = _today()
    can_edit = has_perm(request.user, rules.EDIT_CONFERENCES, unit)
    can_reschedule = can_edit and conference.status in workflow.RESCHEDULABLE_STATES
    if reschedule_form is None and can_reschedule:
        local = timezone.localtime(conference.starts_at)
        reschedule_form = RescheduleForm(initial={"date": local.date(), "time": local.time()})
    context = _context(
        request,
        unit,
        conference=conference,
        plan=conference.plan,
        rows=_step_rows(request, unit, conference),
        today_text=short_date(today),
        when_text=_when(conference),
        transitions=workflow.available_transitions(request.user, conference),
        can_reschedule=can_reschedule,
        can_edit_details=can_edit and bool(workflow.editable_fields(conference, actions.DETAIL_FIELDS)),
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


def _timeline_url(unit: AdminUnit, conference: Conference) -> str:
    return reverse("conferences:timeline", args=[unit.pk, conference.pk])


def _back(request: HttpRequest, unit: AdminUnit, conference: Conference) -> HttpResponse:
    """Back to the page the form was on: the timeline page (with its filters) or the conference."""
    target = request.POST.get("next", "")
    if target.startswith(_timeline_url(unit, conference)) and is_safe_url(request, target):
        return redirect(target)
    return redirect("conferences:detail", unit_id=unit.pk, conference_id=conference.pk)


def _step_action_failed(
    request: HttpRequest, unit: AdminUnit, conference_id: int, exc: ValidationError
) -> HttpResponse:
    conference = selectors.get_conference(unit, conference_id)
    errors = [m for ms in _errors(exc).values() for m in ms]
    if request.POST.get("next", "").startswith(_timeline_url(unit, conference)):
        return _timeline_page(request, unit, conference, errors=errors)
    return _detail_page(request, unit, conference, errors=errors)


def _step_post(
    request: HttpRequest, unit_id: int, conference_id: int, step_id: int, action: Any, done: str
) -> HttpResponse:
    """Complete, reopen or delete a step: the same lookups, errors and way back for all three."""
    unit = _unit(request, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    step = selectors.get_step(conference, step_id)
    try:
        action(actor=request.user, step=step)
    except ValidationError as exc:
        return _step_action_failed(request, unit, conference_id, exc)
    messages.success(request, done % {"step": step.label})
    return _back(request, unit, conference)


@login_required
@require_POST
def step_complete(request: HttpRequest, unit_id: int, conference_id: int, step_id: int) -> HttpResponse:
    return _step_post(
        request, unit_id, conference_id, step_id, actions.timeline_step_complete, _("Đã đánh dấu hoàn thành: %(step)s")
    )


@login_required
@require_POST
def step_reopen(request: HttpRequest, unit_id: int, conference_id: int, step_id: int) -> HttpResponse:
    return _step_post(
        request, unit_id, conference_id, step_id, actions.timeline_step_reopen, _("Đã mở lại bước: %(step)s")
    )


@login_required
@require_POST
def step_delete(request: HttpRequest, unit_id: int, conference_id: int, step_id: int) -> HttpResponse:
    return _step_post(
        request, unit_id, conference_id, step_id, actions.timeline_step_delete, _("Đã xóa bước: %(step)s")
    )


def _timeline_page(
    request: HttpRequest, unit: AdminUnit, conference: Conference, *, errors: list[str] | None = None
) -> HttpResponse:
    rows = _step_rows(request, unit, conference)
    state = request.GET.get("trang-thai", "")
    owner = request.GET.get("phu-trach", "")
    by_owner = request.GET.get("nhom") == "phu-trach"
    shown = selectors.filter_rows(rows, state if state in selectors.STATE_FILTERS else "", owner)
    context = _context(
        request,
        unit,
        conference=conference,
        plan=conference.plan,
        rows=shown,
        groups=selectors.group_by_owner(shown) if by_owner else [],
        by_owner=by_owner,
        counts=selectors.counts(rows),
        total=len(rows),
        owners=selectors.owners(rows),
        state=state,
        owner=owner,
        state_choices=[
            ("", _("Tất cả")),
            ("chua-xong", _("Chưa xong")),
            ("qua-han", _("Quá hạn")),
            ("hom-nay", _("Đến hạn hôm nay")),
            ("sap-den-han", _("Chưa đến hạn")),
            ("da-xong", _("Đã xong")),
        ],
        today_text=short_date(_today()),
        when_text=_when(conference),
        can_add_step=workflow.StepAccess(request.user, unit).can_add(conference),
        here=request.get_full_path(),
        page_errors=errors or [],
    )
    return render(request, "conferences/timeline.html", context, status=400 if errors else 200)


@login_required
def conference_timeline(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    return _timeline_page(request, unit, selectors.get_conference(unit, conference_id))


@login_required
def conference_edit(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, rules.EDIT_CONFERENCES)
    conference = selectors.get_conference(unit, conference_id)
    editable = workflow.editable_fields(conference, actions.DETAIL_FIELDS)
    if not editable:
        messages.error(request, _("Hội nghị đã hủy, không sửa được."))
        return redirect("conferences:detail", unit_id=unit.pk, conference_id=conference.pk)
    record_only = editable != actions.DETAIL_FIELDS
    if request.method == "POST":
        form = ConferenceEditForm(request.POST, conference=conference, record_only=record_only)
        if form.is_valid():
            try:
                actions.conference_update(
                    actor=request.user, conference=conference, data=form.details(), villages=form.villages()
                )
            except ValidationError as exc:
                form.add_action_errors(_errors(exc))
            else:
                messages.success(request, _("Đã lưu thông tin hội nghị."))
                return redirect("conferences:detail", unit_id=unit.pk, conference_id=conference.pk)
    else:
        form = ConferenceEditForm(
            conference=conference, record_only=record_only, initial=ConferenceEditForm.initial_for(conference)
        )
    return render(
        request,
        "conferences/edit.html",
        _context(request, unit, conference=conference, plan=conference.plan, form=form, record_only=record_only),
        status=400 if request.method == "POST" else 200,
    )


@login_required
def step_edit(request: HttpRequest, unit_id: int, conference_id: int, step_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, rules.EDIT_TIMELINE)
    conference = selectors.get_conference(unit, conference_id)
    step = selectors.get_step(conference, step_id)
    try:
        workflow.check_edit_step(request.user, step)
    except ValidationError as exc:
        for message in (m for ms in _errors(exc).values() for m in ms):
            messages.error(request, message)
        return redirect(_timeline_url(unit, conference))
    limit = actions.step_legal_limit(step, calendar_for(unit))
    if request.method == "POST":
        form = StepForm(request.POST, step=step)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.timeline_step_update(
                    actor=request.user,
                    step=step,
                    due_date=data.get("due_date"),
                    starts_on=data.get("starts_on"),
                    owner_role=data.get("owner_role") or "",
                    owner_department=data.get("owner_department"),
                    note=data.get("note") or "",
                    reason=data.get("reason") or "",
                )
            except ValidationError as exc:
                form.add_action_errors(_errors(exc))
            else:
                messages.success(request, _("Đã điều chỉnh bước: %(step)s") % {"step": step.label})
                return redirect(_timeline_url(unit, conference))
    else:
        form = StepForm(step=step, initial=StepForm.initial_for(step))
    return render(
        request,
        "conferences/step_edit.html",
        _context(
            request,
            unit,
            conference=conference,
            plan=conference.plan,
            step=step,
            form=form,
            limit_text=short_date(limit) if limit else "",
            when_text=_when(conference),
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
def step_add(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, rules.EDIT_TIMELINE)
    conference = selectors.get_conference(unit, conference_id)
    try:
        workflow.check_add_step(request.user, conference)
    except ValidationError as exc:
        for message in (m for ms in _errors(exc).values() for m in ms):
            messages.error(request, message)
        return redirect(_timeline_url(unit, conference))
    if request.method == "POST":
        form = ExtraStepForm(request.POST, conference=conference)
        if form.is_valid():
            data = form.cleaned_data
            try:
                step = actions.timeline_step_add(
                    actor=request.user,
                    conference=conference,
                    label=data.get("label") or "",
                    due_date=data.get("due_date"),
                    owner_role=data.get("owner_role") or "",
                    owner_department=data.get("owner_department"),
                    note=data.get("note") or "",
                )
            except ValidationError as exc:
                form.add_action_errors(_errors(exc))
            else:
                messages.success(request, _("Đã thêm bước: %(step)s") % {"step": step.label})
                return redirect(_timeline_url(unit, conference))
    else:
        form = ExtraStepForm(conference=conference, initial={"owner_role": Role.OFFICE})
    return render(
        request,
        "conferences/step_add.html",
        _context(request, unit, conference=conference, plan=conference.plan, form=form, when_text=_when(conference)),
        status=400 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------- a plan's timeline rules


def _rule_forms(plan: Any, settings: list[Any], data: Any = None) -> list[tuple[TimelineRule, PlanRuleForm, Any]]:
    by_key = {s.key: s for s in settings}
    result = []
    for rule in timeline.DEFAULT_RULES:
        setting = by_key.get(rule.key)
        current = timeline.apply_setting(rule, setting) if setting is not None else rule
        form = PlanRuleForm(
            data,
            prefix=rule.key,
            rule=rule,
            unit_id=plan.unit_id,
            current_department=current.owner_department_id,
            initial=PlanRuleForm.initial_for(current, setting.enabled if setting is not None else True),
        )
        result.append((rule, form, setting))
    return result


@login_required
def plan_rules(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    plan = plan_selectors.get_plan(unit, plan_id)
    can_configure = has_perm(request.user, rules.CONFIGURE_TIMELINE, unit) and plan.status != PlanStatus.CLOSED
    settings = selectors.plan_rule_settings(plan)
    page_errors: list[str] = []
    if request.method == "POST":
        require_perm(request.user, rules.CONFIGURE_TIMELINE, unit)
        forms = _rule_forms(plan, settings, request.POST)
        if all(form.is_valid() for _rule, form, _setting in forms):
            try:
                actions.plan_timeline_rules_save(
                    actor=request.user, plan=plan, settings={rule.key: form.setting() for rule, form, _s in forms}
                )
            except ValidationError as exc:
                for key, messages_ in _errors(exc).items():
                    rule_key, _sep, name = key.partition("-")
                    form = next((f for r, f, _s in forms if r.key == rule_key), None)
                    if form is None:
                        page_errors.extend(messages_)
                        continue
                    name = {"offset_days": "days", "window_start_days": "window_days"}.get(name, name)
                    form.add_action_errors({name if name in form.fields else "__all__": messages_})
            else:
                messages.success(request, _("Đã lưu mốc thời gian của kế hoạch."))
                return redirect("conferences:plan_rules", unit_id=unit.pk, plan_id=plan.pk)
    else:
        forms = _rule_forms(plan, settings)
    departments = {d.pk: d.name for s in settings if (d := s.owner_department) is not None}
    rows = []
    for rule, form, setting in forms:
        rows.append(
            {
                "rule": rule,
                "form": form,
                "default_text": actions.describe_rule(actions.rule_values(rule), {}),
                "current_text": actions.describe_rule(
                    {name: getattr(setting, name) for name in actions.rule_values(rule)}, departments
                )
                if setting is not None
                else "",
                "law_text": rule.law.message if rule.law else "",
            }
        )
    open_conferences = selectors.conferences_of_plan(plan).filter(status__in=workflow.OPEN_STATES).count()
    return render(
        request,
        "conferences/plan_rules.html",
        _context(
            request,
            unit,
            plan=plan,
            rows=rows,
            can_configure=can_configure,
            open_conferences=open_conferences,
            page_errors=page_errors,
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def plan_rules_apply(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, rules.CONFIGURE_TIMELINE)
    plan = plan_selectors.get_plan(unit, plan_id)
    try:
        count = actions.plan_timeline_rules_apply(actor=request.user, plan=plan)
    except ValidationError as exc:
        for message in (m for ms in _errors(exc).values() for m in ms):
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "Đã áp dụng mốc thời gian cho %(n)d hội nghị.", "Đã áp dụng mốc thời gian cho %(n)d hội nghị.", count
            )
            % {"n": count},
        )
    return redirect("conferences:plan_rules", unit_id=unit.pk, plan_id=plan.pk)


# ---------------------------------------------------------------- publication of the results


@login_required
def publication_record(request: HttpRequest, unit_id: int, conference_id: int, channel: str) -> HttpResponse:
    """Record the day the conclusion notice was published through one channel (the card on the conference's
    page posts here); a form of its own when what was typed is refused."""
    unit = _unit(request, unit_id, rules.RECORD_PUBLICATION)
    conference = selectors.get_conference(unit, conference_id)
    if channel not in PublicationChannel.values:
        raise Http404
    existing = conference.publications.filter(channel=channel).first()
    if request.method == "POST":
        form = PublicationForm(request.POST)
        if form.is_valid():
            try:
                actions.publication_record(
                    actor=request.user,
                    conference=conference,
                    channel=channel,
                    published_on=form.cleaned_data.get("published_on"),
                    note=form.cleaned_data.get("note") or "",
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận: %(channel)s.") % {"channel": PublicationChannel(channel).label},
                )
                return redirect(reverse("conferences:detail", args=[unit.pk, conference.pk]) + "#publication-card")
    else:
        initial = {"published_on": existing.published_on, "note": existing.note} if existing else {}
        form = PublicationForm(initial=initial)
    return render(
        request,
        "conferences/publication.html",
        _context(
            request,
            unit,
            conference=conference,
            plan=conference.plan,
            form=form,
            channel_label=PublicationChannel(channel).label,
            deadline_text=short_date(selectors.publication_deadline(conference)),
            when_text=_when(conference),
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def duties_assign(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """Give the conference the plan's duties dated from it, as steps (tasks) with their owners and due dates."""
    unit = _unit(request, unit_id, rules.EDIT_TIMELINE)
    conference = selectors.get_conference(unit, conference_id)
    try:
        steps = actions.conference_duties_assign(actor=request.user, conference=conference)
    except ValidationError as exc:
        for message in (m for ms in _errors(exc).values() for m in ms):
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "Đã giao %(n)d nhiệm vụ của kế hoạch thành bước của hội nghị.",
                "Đã giao %(n)d nhiệm vụ của kế hoạch thành bước của hội nghị.",
                len(steps),
            )
            % {"n": len(steps)},
        )
    return redirect(_timeline_url(unit, conference))
