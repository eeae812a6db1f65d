"""Every change to a conference and its timeline. Each action is one transaction with its audit events.

Permissions are checked here; bad input raises `ValidationError` with Vietnamese
messages keyed by the field, and nothing is written then. A date that makes a
statutory step of the timeline impossible to meet (a conference 5 days from today
cannot be announced 7 days before it) is refused unless a reason is given; the
reason is kept on the conference and in the audit trail. Likewise a step moved
past the law's deadline by hand needs a reason, kept on the step.

The steps of a new conference come from its plan's timeline rules (the defaults
of timeline.py, with the plan's `PlanTimelineRule` settings). A step changed by
hand is marked adjusted: applying the plan's rules again leaves it alone, and a
new conference date moves it by as many days as the conference moved.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.audit.actions import record, snapshot
from doithoai.conferences import rules, timeline, workflow
from doithoai.conferences.models import (
    Conference,
    ConferenceKind,
    ConferenceStatus,
    DayKind,
    PlanTimelineRule,
    Publication,
    PublicationChannel,
    TimelineStep,
)
from doithoai.core.permissions import require_perm
from doithoai.lib.params import is_digits
from doithoai.lib.text import normalize_input
from doithoai.lib.vndates import short_date
from doithoai.plans.models import Assignment, DialogueForm, Plan, PlannedSession, PlanStatus
from doithoai.units.models import Department, Village
from doithoai.workdays.selectors import WorkingCalendar, calendar_for

FIELDS = [
    "title",
    "kind",
    "trigger_note",
    "starts_at",
    "venue",
    "mode",
    "chair_name",
    "council_name",
    "front_name",
    "secretary_name",
    "minutes_per_question",
    "expected_attendance",
    "notes",
]
TEXT_FIELDS = {
    "title",
    "trigger_note",
    "venue",
    "chair_name",
    "council_name",
    "front_name",
    "secretary_name",
}
# What conference_update changes (the date goes through conference_reschedule).
DETAIL_FIELDS = frozenset([*(name for name in FIELDS if name != "starts_at"), "villages"])
AUDIT_FIELDS = [*FIELDS, "status", "date_rule_override_reason"]
STATE_FIELDS = ["status"]
STEP_FIELDS = ["due_date", "done_at", "done_by"]
STEP_EDIT_FIELDS = ["starts_on", "due_date", "owner_role", "owner_department", "note", "adjustment_reason"]
EXTRA_STEP_FIELDS = ["label", "due_date", "owner_role", "owner_department", "note"]
# Conferences are held under a plan that has been issued and is not closed.
OPEN_PLAN_STATES = frozenset({PlanStatus.ISSUED, PlanStatus.IN_PROGRESS})
# Steps are owned by a role of the unit's staff (a higher official is not one of its people; the accountant's
# duties are the budget pages, which it sees instead of the task list).
STEP_ROLES = frozenset(r for r in STAFF_ROLES if r != Role.HIGHER_OFFICIAL)
MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_LABEL = 255
# How far from the conference a plan may put a step (a season either side).
MAX_OFFSET_DAYS = 120
# The rule_key of a step made from a duty of the plan dated from the conference (see _add_duty_steps).
DUTY_RULE = "plan_duty"
CONCLUSION_STEP = "conclusion_notice"
PUBLICATION_FIELDS = ["published_on", "note"]
MAX_NOTE = 255
# The time a step done on an earlier day is stamped with (the end of office hours).
END_OF_DAY = dt.time(17, 0)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _today() -> dt.date:
    return timezone.localdate()


def _text_block(text: str | None) -> str:
    """Several lines as typed: NFC, each line trimmed, no blank lines at either end."""
    if not text:
        return ""
    lines = [line.strip() for line in unicodedata.normalize("NFC", str(text)).splitlines()]
    return "\n".join(lines).strip()


def _check_starts_at(value: Any, errors: dict[str, list[str]]) -> None:
    if not isinstance(value, dt.datetime):
        errors["starts_at"] = [_("Nhập ngày và giờ tổ chức hội nghị.")]
    elif timezone.is_naive(value):
        errors["starts_at"] = [_("Thời gian hội nghị thiếu múi giờ.")]
    elif not MIN_YEAR <= timezone.localtime(value).year <= MAX_YEAR:
        errors["starts_at"] = [_("Ngày tổ chức không hợp lệ.")]


def _check_date_rules(
    calendar: WorkingCalendar,
    starts_at: dt.datetime,
    reason: str,
    errors: dict[str, list[str]],
    done: frozenset[str] = frozenset(),
) -> list[timeline.LateStep]:
    """The statutory steps this date makes impossible to meet; a field error when there are some and no reason."""
    late = timeline.statutory_already_late(calendar, timezone.localdate(starts_at), _today(), done)
    if late and not reason:
        first = late[0]
        errors.setdefault("starts_at", []).append(
            _(
                "Ngày này trái thời hạn luật định: “%(step)s” phải xong chậm nhất ngày %(due)s, đã qua. "
                "Chọn ngày khác hoặc ghi rõ lý do."
            )
            % {"step": first.rule.label, "due": short_date(first.limit)}
        )
    return late


def _clean(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in TEXT_FIELDS:
            value = normalize_input(value or "")
        elif name == "notes":
            value = _text_block(value)
        values[name] = value
    if not values.get("title"):
        errors["title"] = [_("Nhập tên hội nghị.")]
    values.setdefault("kind", ConferenceKind.PERIODIC)
    if values["kind"] not in ConferenceKind.values:
        errors["kind"] = [_("Chọn loại hội nghị.")]
    elif values["kind"] == ConferenceKind.AD_HOC and not values.get("trigger_note"):
        # The "%" is a percent sign, not a placeholder.
        # xgettext:no-python-format
        errors["trigger_note"] = [_("Hội nghị đột xuất: ghi lý do tổ chức, ví dụ “≥10% cử tri kiến nghị”.")]
    values.setdefault("mode", DialogueForm.IN_PERSON)
    if values["mode"] not in DialogueForm.values:
        errors["mode"] = [_("Chọn hình thức.")]
    _check_starts_at(values.get("starts_at"), errors)
    minutes = values.get("minutes_per_question")
    if minutes in (None, ""):
        values["minutes_per_question"] = 5
    elif not isinstance(minutes, int) or not 1 <= minutes <= 60:
        errors["minutes_per_question"] = [_("Số phút mỗi câu hỏi từ 1 đến 60.")]
    attendance = values.get("expected_attendance")
    if attendance == "":
        values["expected_attendance"] = None
    elif attendance is not None and (not isinstance(attendance, int) or attendance < 1):
        errors["expected_attendance"] = [_("Số người dự kiến phải là số dương.")]
    return values, errors


def plan_rules(plan: Plan) -> tuple[timeline.TimelineRule, ...]:
    """The timeline rules conferences of the plan follow: the defaults with the plan's settings."""
    return timeline.effective_rules(PlanTimelineRule.objects.filter(plan=plan))


def _plan_departments(plan: Plan) -> list[Department]:
    """The active departments the plan assigns duties to, in the order of its duties, each once."""
    departments: dict[int, Department] = {}
    assignments = (
        plan.assignments.filter(assignee_department__isnull=False, assignee_department__is_active=True)
        .select_related("assignee_department")
        .order_by("order", "pk")
    )
    for assignment in assignments:
        department = assignment.assignee_department
        assert department is not None
        departments.setdefault(department.pk, department)
    return list(departments.values())


def _duty_owner(assignment: Assignment) -> tuple[str, Department | None]:
    """The owner of a duty's step: its role (a department only with a department officer; a department alone
    means its officers); neither means the office, which coordinates (todo gives steps without owner to it)."""
    role = assignment.assignee_role if assignment.assignee_role in STEP_ROLES else ""
    department = assignment.assignee_department
    if department is not None and role in ("", Role.DEPARTMENT_OFFICER):
        return Role.DEPARTMENT_OFFICER, department
    return role, None


def _duty_text(assignment: Assignment) -> str:
    return " ".join(f"{assignment.assignee_text}: {assignment.duty}".split())


def _steps_for(
    conference: Conference, derived: timeline.DerivedStep, departments: list[Department]
) -> list[TimelineStep]:
    """The stored steps of one derived step: one per department for the answer drafts when the plan
    assigns departments (and the rule names none), else one."""
    rule = derived.rule
    common = {
        "conference": conference,
        "rule_key": rule.key,
        "owner_role": rule.owner_role,
        "starts_on": derived.starts_on,
        "due_date": derived.due_date,
        "is_statutory": rule.is_statutory,
        "basis": rule.basis,
        "order": derived.order,
    }
    if (
        rule.per_department
        and departments
        and rule.owner_department_id is None
        and rule.owner_role == Role.DEPARTMENT_OFFICER
    ):
        return [
            TimelineStep(
                key=f"{rule.key}:{department.pk}",
                label=f"{rule.label} – {department.name}"[:255],
                owner_department=department,
                **common,
            )
            for department in departments
        ]
    return [TimelineStep(key=rule.key, label=str(rule.label), owner_department_id=rule.owner_department_id, **common)]


@transaction.atomic
def conference_create(
    *,
    actor: Any,
    plan: Plan,
    data: Mapping[str, Any],
    villages: Iterable[Village] = (),
    planned_session: PlannedSession | None = None,
    reason: str = "",
) -> Conference:
    """A conference of the plan's unit, with its timeline derived from its date by the plan's rules."""
    unit = plan.unit
    require_perm(actor, rules.EDIT_CONFERENCES, unit)
    values, errors = _clean(data)
    reason = normalize_input(reason or "")
    if plan.status not in OPEN_PLAN_STATES:
        errors.setdefault("__all__", []).append(_("Chỉ tổ chức hội nghị theo kế hoạch đã ban hành và chưa kết thúc."))
    if planned_session is not None and planned_session.plan_id != plan.pk:
        errors["planned_session"] = [_("Đợt dự kiến không thuộc kế hoạch này.")]
    chosen = list(villages)
    if any(v.unit_id != unit.pk for v in chosen):
        errors["villages"] = [_("Chỉ chọn thôn, tổ dân phố của đơn vị.")]
    calendar = calendar_for(unit)
    late: list[timeline.LateStep] = []
    if "starts_at" not in errors:
        late = _check_date_rules(calendar, values["starts_at"], reason, errors)
    _raise(errors)
    conference = Conference.objects.create(
        plan=plan,
        unit=unit,
        planned_session=planned_session,
        date_rule_override_reason=reason if late else "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    conference.villages.set(chosen)
    departments = _plan_departments(plan)
    derived = timeline.derive(calendar, timezone.localdate(conference.starts_at), plan_rules(plan))
    TimelineStep.objects.bulk_create([step for d in derived for step in _steps_for(conference, d, departments)])
    extra: dict[str, Any] = {"villages": [v.name for v in chosen]}
    if late:
        extra.update({"reason": reason, "overdue_steps": [s.rule.key for s in late]})
    record(
        actor=actor,
        event_type="conference.created",
        obj=conference,
        unit=unit,
        after=snapshot(conference, AUDIT_FIELDS),
        extra=extra,
    )
    return conference


@transaction.atomic
def conference_update(
    *,
    actor: Any,
    conference: Conference,
    data: Mapping[str, Any],
    villages: Iterable[Village] | None = None,
) -> Conference:
    """Change the details of a conference (not its date: see `conference_reschedule`).

    Everything until the conference is held; afterwards only the secretary and
    the notes. `data` may hold only some of the fields; `villages` None keeps them.
    """
    conference = Conference.objects.select_for_update().select_related("unit").get(pk=conference.pk)
    unit = conference.unit
    require_perm(actor, rules.EDIT_CONFERENCES, unit)
    current = {name: getattr(conference, name) for name in FIELDS}
    merged = {**current, **{name: value for name, value in data.items() if name in FIELDS and name != "starts_at"}}
    values, errors = _clean(merged)
    given = set(merged) & set(data)
    changed = {name for name in given if values.get(name) != current[name]}
    old_villages = list(conference.villages.order_by("pk"))
    new_villages = old_villages
    if villages is not None:
        new_villages = sorted(set(villages), key=lambda v: v.pk)
        if any(v.unit_id != unit.pk for v in new_villages):
            errors["villages"] = [_("Chỉ chọn thôn, tổ dân phố của đơn vị.")]
        if [v.pk for v in new_villages] != [v.pk for v in old_villages]:
            changed.add("villages")
    workflow.check_editable(conference, changed, DETAIL_FIELDS)
    _raise(errors)
    if not changed:
        return conference
    fields = sorted(changed - {"villages"})
    before = {name: current[name] for name in fields}
    for name in fields:
        setattr(conference, name, values[name])
    if fields:
        conference.save(update_fields=[*fields, "updated_at"])
    if "villages" in changed:
        conference.villages.set(new_villages)
        before["villages"] = [v.name for v in old_villages]
    after = snapshot(conference, fields)
    if "villages" in changed:
        after["villages"] = [v.name for v in new_villages]
    record(actor=actor, event_type="conference.updated", obj=conference, unit=unit, before=before, after=after)
    return conference


def _shift(calendar: WorkingCalendar, day: dt.date, delta: dt.timedelta, conference_day: dt.date) -> dt.date:
    """A date moved with the conference, onto a working day (earlier before the conference, later after it)."""
    moved = day + delta
    return calendar.next_working_day(moved, backward=moved < conference_day)


def _renumber(steps: list[TimelineStep]) -> None:
    """Keep `order` following the due dates."""
    for index, step in enumerate(sorted(steps, key=lambda s: (s.due_date, s.order, s.pk))):
        if step.order != index:
            step.order = index
            step.save(update_fields=["order"])


@transaction.atomic
def conference_reschedule(
    *, actor: Any, conference: Conference, starts_at: dt.datetime, reason: str = ""
) -> Conference:
    """A new date and time. The steps not done get the due dates of the new date under the plan's rules;
    steps adjusted by hand and extra steps keep their distance from the conference."""
    conference = Conference.objects.select_for_update().select_related("unit", "plan").get(pk=conference.pk)
    unit = conference.unit
    require_perm(actor, rules.EDIT_CONFERENCES, unit)
    workflow.check_reschedulable(conference)
    reason = normalize_input(reason or "")
    errors: dict[str, list[str]] = {}
    _check_starts_at(starts_at, errors)
    steps = list(conference.steps.all())
    done = frozenset(s.rule_key for s in steps if s.is_done and s.is_statutory)
    calendar = calendar_for(unit)
    late: list[timeline.LateStep] = []
    if not errors:
        late = _check_date_rules(calendar, starts_at, reason, errors, done)
    _raise(errors)
    before = snapshot(conference, ["starts_at", "date_rule_override_reason"])
    old_day = timezone.localdate(conference.starts_at)
    new_day = timezone.localdate(starts_at)
    conference.starts_at = starts_at
    conference.date_rule_override_reason = reason if late else ""
    conference.save(update_fields=["starts_at", "date_rule_override_reason", "updated_at"])
    derived = {d.rule.key: d for d in timeline.derive(calendar, new_day, plan_rules(conference.plan))}
    delta = new_day - old_day
    moved: dict[str, str] = {}
    for step in steps:
        if step.is_done:
            continue
        rule_step = derived.get(step.rule_key)
        if step.is_adjusted or rule_step is None:
            due = _shift(calendar, step.due_date, delta, new_day)
            starts_on = step.starts_on + delta if step.starts_on else None
        else:
            due, starts_on = rule_step.due_date, rule_step.starts_on
        if (due, starts_on) == (step.due_date, step.starts_on):
            continue
        moved[step.key] = f"{short_date(step.due_date)} → {short_date(due)}"
        step.due_date, step.starts_on = due, starts_on
        step.save(update_fields=["due_date", "starts_on"])
    _renumber(steps)
    extra: dict[str, Any] = {"steps": moved}
    if late:
        extra.update({"reason": reason, "overdue_steps": [s.rule.key for s in late]})
    record(
        actor=actor,
        event_type="conference.rescheduled",
        obj=conference,
        unit=unit,
        before=before,
        after=snapshot(conference, ["starts_at", "date_rule_override_reason"]),
        extra=extra,
    )
    return conference


def _transition(actor: Any, conference: Conference, name: str) -> Conference:
    return workflow.TABLE.apply(actor, conference, name, audit_fields=STATE_FIELDS)


@transaction.atomic
def conference_announce(*, actor: Any, conference: Conference) -> Conference:
    return workflow.TABLE.apply(
        actor, conference, workflow.ANNOUNCE, audit_fields=[*STATE_FIELDS, "announced_at"], announced_at=timezone.now()
    )


@transaction.atomic
def conference_hold(*, actor: Any, conference: Conference) -> Conference:
    return _transition(actor, conference, workflow.HOLD)


@transaction.atomic
def conference_conclude(*, actor: Any, conference: Conference) -> Conference:
    """The conclusion notice issued: the conference's results are public on the portal from now on, so the
    portal's channel of the publication is recorded with today's date (unless already recorded)."""
    conference = _transition(actor, conference, workflow.CONCLUDE)
    today = _today()
    published = conference.publications.filter(channel=PublicationChannel.PORTAL_MEDIA).exists()
    if not published and today >= timezone.localdate(conference.starts_at):
        _publication_save(
            actor,
            conference,
            PublicationChannel.PORTAL_MEDIA,
            today,
            _(
                "Ghi tự động: kết luận được công khai trên Cổng công khai "
                "khi hội nghị chuyển sang “Đã thông báo kết luận”."
            ),
        )
    return conference


@transaction.atomic
def conference_cancel(*, actor: Any, conference: Conference) -> Conference:
    return _transition(actor, conference, workflow.CANCEL)


def _lock_step(step: TimelineStep) -> TimelineStep:
    return TimelineStep.objects.select_for_update().select_related("conference__unit").get(pk=step.pk)


def _step_extra(step: TimelineStep, **more: Any) -> dict[str, Any]:
    return {"conference": str(step.conference), "conference_id": step.conference_id, **more}


def _set_done(actor: Any, step: TimelineStep, *, done: bool, done_at: dt.datetime | None = None) -> TimelineStep:
    step = _lock_step(step)
    (workflow.check_complete_step if done else workflow.check_reopen_step)(actor, step)
    before = snapshot(step, STEP_FIELDS)
    now = timezone.now()
    step.done_at = (min(done_at, now) if done_at is not None else now) if done else None
    step.done_by = actor if done and getattr(actor, "is_authenticated", False) else None
    step.save(update_fields=["done_at", "done_by"])
    record(
        actor=actor,
        event_type="timeline_step.completed" if done else "timeline_step.reopened",
        obj=step,
        unit=step.conference.unit,
        before=before,
        after=snapshot(step, STEP_FIELDS),
        extra=_step_extra(step),
    )
    return step


@transaction.atomic
def timeline_step_complete(*, actor: Any, step: TimelineStep, done_at: dt.datetime | None = None) -> TimelineStep:
    """Mark a step of the timeline done by the actor: now, or at `done_at` when it was done earlier (never
    later than now)."""
    return _set_done(actor, step, done=True, done_at=done_at)


@transaction.atomic
def timeline_step_reopen(*, actor: Any, step: TimelineStep) -> TimelineStep:
    """Undo the completion of a step (marked done by mistake, or to be done again)."""
    return _set_done(actor, step, done=False)


def _check_day(value: Any, field: str, errors: dict[str, list[str]], *, required: bool = True) -> None:
    if value is None:
        if required:
            errors[field] = [_("Nhập ngày, theo dạng ngày/tháng/năm.")]
    elif not isinstance(value, dt.date) or isinstance(value, dt.datetime) or not MIN_YEAR <= value.year <= MAX_YEAR:
        errors[field] = [_("Ngày không hợp lệ.")]


def _check_owner(
    unit_id: int,
    owner_role: str,
    owner_department: Department | None,
    errors: dict[str, list[str]],
    *,
    current_department_id: int | None = None,
    prefix: str = "",
) -> None:
    """A role of the unit; a department of the unit, in use (or the one already there), for a department officer."""
    if owner_role not in STEP_ROLES:
        errors[f"{prefix}owner_role"] = [_("Chọn vai trò thực hiện.")]
    if owner_department is None:
        return
    if owner_department.unit_id != unit_id:
        errors[f"{prefix}owner_department"] = [_("Chỉ chọn cơ quan chuyên môn của đơn vị.")]
    elif not owner_department.is_active and owner_department.pk != current_department_id:
        errors[f"{prefix}owner_department"] = [_("Cơ quan này đã ngừng sử dụng.")]
    elif owner_role != Role.DEPARTMENT_OFFICER:
        errors[f"{prefix}owner_department"] = [
            _("Chỉ giao cho cơ quan chuyên môn khi vai trò thực hiện là cán bộ cơ quan chuyên môn.")
        ]


def step_legal_limit(step: TimelineStep, calendar: WorkingCalendar) -> dt.date | None:
    """The last day the law allows for the step (None when no statutory deadline applies to it)."""
    if step.is_extra or not step.is_statutory:
        return None
    return timeline.legal_limit(step.rule_key, calendar, timezone.localdate(step.conference.starts_at))


@transaction.atomic
def timeline_step_update(
    *,
    actor: Any,
    step: TimelineStep,
    due_date: dt.date | None,
    owner_role: str,
    owner_department: Department | None = None,
    starts_on: dt.date | None = None,
    note: str = "",
    reason: str = "",
) -> TimelineStep:
    """Adjust one step of one conference: its dates, owner, note.

    A due date past the law's deadline for the step (the announcement less than
    7 days before the conference, the conclusion notice more than 10 days after
    it, the written answers more than 10 working days after it) needs a reason,
    kept on the step and in the audit trail. The step is marked adjusted when its
    dates or owner change.
    """
    step = _lock_step(step)
    workflow.check_edit_step(actor, step)
    conference = step.conference
    note = _text_block(note)
    reason = _text_block(reason)
    errors: dict[str, list[str]] = {}
    _check_day(due_date, "due_date", errors)
    is_window = step.starts_on is not None
    if is_window:
        _check_day(starts_on, "starts_on", errors)
        if not errors and starts_on is not None and due_date is not None and starts_on > due_date:
            errors["starts_on"] = [_("Ngày bắt đầu phải trước hoặc trùng hạn.")]
    else:
        starts_on = None
    _check_owner(
        conference.unit_id, owner_role, owner_department, errors, current_department_id=step.owner_department_id
    )
    limit = step_legal_limit(step, calendar_for(conference.unit))
    breaks = limit is not None and due_date is not None and "due_date" not in errors and due_date > limit
    if breaks and not reason:
        assert limit is not None
        errors.setdefault("due_date", []).append(
            _(
                "Hạn này trái thời hạn luật định: “%(step)s” chậm nhất ngày %(limit)s. "
                "Chọn ngày khác hoặc ghi rõ lý do điều chỉnh."
            )
            % {"step": step.label, "limit": short_date(limit)}
        )
    _raise(errors)
    assert due_date is not None
    before = snapshot(step, [*STEP_EDIT_FIELDS, "is_adjusted"])
    adjusted = (step.due_date, step.starts_on, step.owner_role, step.owner_department_id) != (
        due_date,
        starts_on,
        owner_role,
        owner_department.pk if owner_department else None,
    )
    step.due_date = due_date
    step.starts_on = starts_on
    step.owner_role = owner_role
    step.owner_department = owner_department
    step.note = note
    step.adjustment_reason = reason
    step.is_adjusted = step.is_adjusted or adjusted
    after = snapshot(step, [*STEP_EDIT_FIELDS, "is_adjusted"])
    if after == before:
        return step
    step.save(update_fields=[*STEP_EDIT_FIELDS, "is_adjusted"])
    extra = _step_extra(step)
    if breaks:
        assert limit is not None
        extra.update({"legal_limit": limit, "reason": reason})
    record(
        actor=actor,
        event_type="timeline_step.updated",
        obj=step,
        unit=conference.unit,
        before=before,
        after=after,
        extra=extra,
    )
    return step


@transaction.atomic
def timeline_step_add(
    *,
    actor: Any,
    conference: Conference,
    label: str,
    due_date: dt.date | None,
    owner_role: str,
    owner_department: Department | None = None,
    note: str = "",
) -> TimelineStep:
    """An extra step of one conference (a task of its own, with an owner and a due date)."""
    conference = Conference.objects.select_for_update().select_related("unit").get(pk=conference.pk)
    workflow.check_add_step(actor, conference)
    label = normalize_input(label or "")
    note = _text_block(note)
    errors: dict[str, list[str]] = {}
    if not label:
        errors["label"] = [_("Nhập nội dung công việc.")]
    elif len(label) > MAX_LABEL:
        errors["label"] = [_("Nội dung công việc quá dài (tối đa %(n)d ký tự).") % {"n": MAX_LABEL}]
    _check_day(due_date, "due_date", errors)
    _check_owner(conference.unit_id, owner_role, owner_department, errors)
    _raise(errors)
    assert due_date is not None
    steps = conference.steps.all()
    numbers = [int(k.split("-", 1)[1]) for k in steps.filter(is_extra=True).values_list("key", flat=True)]
    order = steps.aggregate(last=Max("order"))["last"]
    step = TimelineStep.objects.create(
        conference=conference,
        key=f"extra-{max(numbers, default=0) + 1}",
        label=label,
        owner_role=owner_role,
        owner_department=owner_department,
        due_date=due_date,
        note=note,
        is_extra=True,
        order=(order or 0) + 1,
    )
    _renumber(list(conference.steps.all()))
    record(
        actor=actor,
        event_type="timeline_step.created",
        obj=step,
        unit=conference.unit,
        after=snapshot(step, EXTRA_STEP_FIELDS),
        extra=_step_extra(step),
    )
    return step


@transaction.atomic
def timeline_step_delete(*, actor: Any, step: TimelineStep) -> None:
    """Delete an extra step. The steps of the plan's rules stay (a plan switches a rule off instead)."""
    step = _lock_step(step)
    workflow.check_delete_step(actor, step)
    record(
        actor=actor,
        event_type="timeline_step.deleted",
        obj=step,
        unit=step.conference.unit,
        before=snapshot(step, [*EXTRA_STEP_FIELDS, "done_at"]),
        extra=_step_extra(step),
    )
    step.delete()


# ---------------------------------------------------------------- a plan's timeline rules


def rule_values(rule: timeline.TimelineRule) -> dict[str, Any]:
    """A rule as a plan setting's values."""
    return {
        "offset_days": rule.offset,
        "day_kind": rule.days,
        "window_start_days": rule.window_start,
        "owner_role": rule.owner_role,
        "owner_department_id": rule.owner_department_id,
        "enabled": True,
    }


def describe_rule(values: Mapping[str, Any], departments: Mapping[int, str]) -> str:
    """'3 ngày trước hội nghị; Ủy ban MTTQ' for the history and the settings page."""
    parts = [timeline.describe_offset(values["offset_days"], values["day_kind"])]
    if values.get("window_start_days") is not None:
        parts[0] = _("từ %(start)s đến %(due)s") % {
            "start": timeline.describe_offset(values["window_start_days"], DayKind.CALENDAR),
            "due": parts[0],
        }
    parts.append(str(Role(values["owner_role"]).label) if values["owner_role"] in Role.values else "")
    if values.get("owner_department_id"):
        parts.append(departments.get(values["owner_department_id"], ""))
    if not values.get("enabled", True):
        parts.append(_("không áp dụng"))
    return "; ".join(p for p in parts if p)


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and is_digits(value.strip().lstrip("+-")):
        return int(value.strip())
    return None


def _check_plan_open_for_rules(plan: Plan) -> None:
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError({"__all__": [_("Kế hoạch đã kết thúc, không thay đổi mốc thời gian được nữa.")]})


@transaction.atomic
def plan_timeline_rules_save(*, actor: Any, plan: Plan, settings: Mapping[str, Mapping[str, Any]]) -> Plan:
    """Set the plan's timeline rules: for each rule key, `offset_days`, `day_kind`, `window_start_days`
    (windows only), `owner_role`, `owner_department` (a Department or None) and `enabled`.

    Rules not in `settings` keep their current setting. A setting equal to the
    rule's default is not stored. Statutory rules are never switched off nor set
    looser than the law. Conferences already created keep their steps until the
    plan's rules are applied to them (`plan_timeline_rules_apply`).
    """
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    require_perm(actor, rules.CONFIGURE_TIMELINE, plan.unit)
    _check_plan_open_for_rules(plan)
    existing = {row.key: row for row in PlanTimelineRule.objects.filter(plan=plan)}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, dict[str, Any]] = {}
    departments: dict[int, str] = {}
    unknown = sorted(set(settings) - set(timeline.RULES_BY_KEY))
    if unknown:
        errors["__all__"] = [_("Mốc thời gian không có: %(keys)s.") % {"keys": ", ".join(unknown)}]
    for rule in timeline.DEFAULT_RULES:
        data = settings.get(rule.key)
        if data is None:
            continue
        p = f"{rule.key}-"
        offset = _as_int(data.get("offset_days"))
        day_kind = data.get("day_kind") or DayKind.CALENDAR
        if offset is None:
            errors[f"{p}offset_days"] = [_("Nhập số ngày.")]
        elif abs(offset) > MAX_OFFSET_DAYS:
            errors[f"{p}offset_days"] = [_("Số ngày không quá %(n)d trước hoặc sau hội nghị.") % {"n": MAX_OFFSET_DAYS}]
        if day_kind not in DayKind.values:
            errors[f"{p}day_kind"] = [_("Chọn cách tính ngày.")]
        window = None
        if rule.is_window:
            window = _as_int(data.get("window_start_days"))
            if window is None:
                errors[f"{p}window_start_days"] = [_("Nhập ngày bắt đầu.")]
            elif abs(window) > MAX_OFFSET_DAYS:
                errors[f"{p}window_start_days"] = [
                    _("Số ngày không quá %(n)d trước hoặc sau hội nghị.") % {"n": MAX_OFFSET_DAYS}
                ]
            elif offset is not None and window > offset:
                errors[f"{p}window_start_days"] = [_("Ngày bắt đầu phải trước hoặc trùng hạn.")]
        owner_role = data.get("owner_role") or ""
        department = data.get("owner_department")
        current = existing.get(rule.key)
        _check_owner(
            plan.unit_id,
            owner_role,
            department,
            errors,
            current_department_id=current.owner_department_id if current else None,
            prefix=p,
        )
        if department is not None:
            departments[department.pk] = department.name
        enabled = bool(data.get("enabled", True))
        if rule.law is not None:
            if not enabled:
                errors[f"{p}enabled"] = [_("Mốc luật định luôn áp dụng, không bỏ được.")]
            if offset is not None and day_kind in DayKind.values and not rule.law.allows(offset, day_kind):
                errors.setdefault(f"{p}offset_days", []).append(str(rule.law.message))
        cleaned[rule.key] = {
            "offset_days": offset,
            "day_kind": day_kind,
            "window_start_days": window,
            "owner_role": owner_role,
            "owner_department_id": department.pk if department else None,
            "enabled": enabled,
        }
    _raise(errors)
    departments.update(
        Department.objects.filter(pk__in=[r.owner_department_id for r in existing.values() if r.owner_department_id])
        .values_list("pk", "name")
        .iterator()
    )
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for key, values in cleaned.items():
        rule = timeline.RULES_BY_KEY[key]
        row = existing.get(key)
        old = rule_values(rule) if row is None else {name: getattr(row, name) for name in rule_values(rule)}
        if old == values:
            continue
        label = str(rule.short_label)
        before[label] = describe_rule(old, departments)
        after[label] = describe_rule(values, departments)
        if values == rule_values(rule):
            if row is not None:
                row.delete()
        else:
            PlanTimelineRule.objects.update_or_create(plan=plan, key=key, defaults=values)
    if before != after:
        record(
            actor=actor,
            event_type="plan.timeline_rules_updated",
            obj=plan,
            unit=plan.unit,
            before=before,
            after=after,
        )
    return plan


@transaction.atomic
def plan_timeline_rules_apply(*, actor: Any, plan: Plan) -> int:
    """Bring the steps of the plan's conferences (not yet concluded nor cancelled) in line with its rules.

    Only steps not done and not adjusted by hand change: their dates and owner
    follow the rule; steps of a rule the plan switched off are removed; a rule
    switched back on gets its steps again. One audit event per conference
    changed; the number of conferences changed is returned.
    """
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    require_perm(actor, rules.CONFIGURE_TIMELINE, plan.unit)
    _check_plan_open_for_rules(plan)
    effective = plan_rules(plan)
    enabled = {rule.key for rule in effective}
    calendar = calendar_for(plan.unit)
    departments = _plan_departments(plan)
    conferences = (
        Conference.objects.select_for_update()
        .filter(plan=plan, unit_id=plan.unit_id, status__in=workflow.OPEN_STATES)
        .order_by("pk")
    )
    changed_conferences = 0
    for conference in conferences:
        day = timezone.localdate(conference.starts_at)
        derived = {d.rule.key: d for d in timeline.derive(calendar, day, effective)}
        steps = list(conference.steps.all())
        changes: dict[str, str] = {}
        kept: list[TimelineStep] = []
        for step in steps:
            if step.is_done or step.is_adjusted or step.is_extra or step.rule_key == DUTY_RULE:
                kept.append(step)
                continue
            if step.rule_key not in enabled:
                changes[step.key] = _("bỏ bước")
                step.delete()
                continue
            kept.append(step)
            rule_step = derived[step.rule_key]
            rule = rule_step.rule
            values: dict[str, Any] = {"due_date": rule_step.due_date, "starts_on": rule_step.starts_on}
            if step.key == rule.key:  # not one department's step of the answer drafts
                values.update({"owner_role": rule.owner_role, "owner_department_id": rule.owner_department_id})
            if all(getattr(step, name) == value for name, value in values.items()):
                continue
            old_due = short_date(step.due_date)
            for name, value in values.items():
                setattr(step, name, value)
            step.save(update_fields=list(values))
            changes[step.key] = f"{old_due} → {short_date(step.due_date)}"
        present = {step.rule_key for step in kept}
        added = [
            new for key, d in derived.items() if key not in present for new in _steps_for(conference, d, departments)
        ]
        for new in added:
            new.save()
            kept.append(new)
            changes[new.key] = _("thêm bước, hạn %(due)s") % {"due": short_date(new.due_date)}
        if not changes:
            continue
        _renumber(kept)
        changed_conferences += 1
        record(
            actor=actor,
            event_type="conference.timeline_rules_applied",
            obj=conference,
            unit=plan.unit,
            extra={"steps": changes},
        )
    return changed_conferences


# ---------------------------------------------------------------- publication of the results


def _check_publication(conference: Conference, channel: str, published_on: Any, note: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if channel not in PublicationChannel.values:
        errors["channel"] = [_("Chọn hình thức công bố.")]
    if conference.status != ConferenceStatus.CONCLUDED:
        errors["__all__"] = [_("Chỉ ghi nhận việc công bố sau khi hội nghị đã có thông báo kết luận.")]
    day = timezone.localdate(conference.starts_at)
    if published_on is None:
        errors["published_on"] = [_("Nhập ngày công bố, theo dạng ngày/tháng/năm.")]
    elif not isinstance(published_on, dt.date) or isinstance(published_on, dt.datetime):
        errors["published_on"] = [_("Ngày không hợp lệ.")]
    elif published_on < day:
        errors["published_on"] = [
            _("Ngày công bố không được trước ngày hội nghị (%(day)s).") % {"day": short_date(day)}
        ]
    elif published_on > _today():
        errors["published_on"] = [_("Ngày công bố không được sau hôm nay.")]
    if len(note) > MAX_NOTE:
        errors["note"] = [_("Ghi chú quá dài (tối đa %(n)d ký tự).") % {"n": MAX_NOTE}]
    return errors


def _publication_save(actor: Any, conference: Conference, channel: str, published_on: Any, note: Any) -> Publication:
    note = normalize_input(note or "")
    _raise(_check_publication(conference, channel, published_on, note))
    publication = Publication.objects.select_for_update().filter(conference=conference, channel=channel).first()
    extra = {
        "conference": str(conference),
        "conference_id": conference.pk,
        "channel": str(PublicationChannel(channel).label),
    }
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    if publication is None:
        publication = Publication.objects.create(
            conference=conference, channel=channel, published_on=published_on, note=note, recorded_by=recorder
        )
        record(
            actor=actor,
            event_type="publication.recorded",
            obj=publication,
            unit=conference.unit,
            after=snapshot(publication, PUBLICATION_FIELDS),
            extra=extra,
        )
    else:
        before = snapshot(publication, PUBLICATION_FIELDS)
        if (publication.published_on, publication.note) == (published_on, note):
            return publication
        publication.published_on, publication.note, publication.recorded_by = published_on, note, recorder
        publication.save(update_fields=[*PUBLICATION_FIELDS, "recorded_by", "recorded_at"])
        record(
            actor=actor,
            event_type="publication.updated",
            obj=publication,
            unit=conference.unit,
            before=before,
            after=snapshot(publication, PUBLICATION_FIELDS),
            extra=extra,
        )
    _complete_conclusion_step(actor, conference)
    return publication


def _complete_conclusion_step(actor: Any, conference: Conference) -> None:
    """Once the three channels are recorded, the conclusion notice's step is done, on the latest of their
    days (a step already marked done by hand stays as it is)."""
    days = dict(conference.publications.values_list("channel", "published_on"))
    if set(days) != set(PublicationChannel.values):
        return
    step = conference.steps.filter(key=CONCLUSION_STEP, done_at__isnull=True).first()
    if step is None:
        return
    latest = max(days.values())
    done_at = timezone.now() if latest >= _today() else timezone.make_aware(dt.datetime.combine(latest, END_OF_DAY))
    timeline_step_complete(actor=actor, step=step, done_at=done_at)


@transaction.atomic
def publication_record(
    *, actor: Any, conference: Conference, channel: str, published_on: dt.date | None, note: str = ""
) -> Publication:
    """Record the day the conclusion notice was published through one channel (R-06: within 10 days, through
    the media, at the headquarters and to the village heads). Recording a channel again changes its day and
    note. When the third channel is recorded, the conclusion notice's step is marked done.

    The day is not before the conference nor after today; only a concluded conference is published.
    """
    conference = Conference.objects.select_for_update().select_related("unit").get(pk=conference.pk)
    require_perm(actor, rules.RECORD_PUBLICATION, conference.unit)
    return _publication_save(actor, conference, channel, published_on, note)


# ---------------------------------------------------------------- the plan's duties as steps of a conference


def duties_to_assign(conference: Conference) -> list[Assignment]:
    """The plan's duties dated from the conference ("trước 03 ngày khi tổ chức đối thoại") not yet steps of it
    nor written into the note of a step that stands for them."""
    steps = list(conference.steps.all())
    keys = {s.key for s in steps}
    notes = "\n".join(s.note for s in steps)
    duties = conference.plan.assignments.filter(due_offset_days__isnull=False).select_related("assignee_department")
    return [a for a in duties.order_by("order", "pk") if f"duty:{a.pk}" not in keys and _duty_note(a) not in notes]


def _duty_note(assignment: Assignment) -> str:
    return _("Theo kế hoạch: %(duty)s") % {"duty": _duty_text(assignment)}


@transaction.atomic
def conference_duties_assign(*, actor: Any, conference: Conference) -> list[TimelineStep]:
    """Give the conference the plan's duties dated from it ("Tổ chức thực hiện" with a number of days before
    or after the conference), each as a task with its owner and due date.

    A duty a step already stands for (same owner, same due date: the Front's summary three days before) is
    written into that step's note rather than repeated; any other becomes a step of its own, keyed
    "duty:<assignment id>", which the plan's timeline rules leave alone and a new date moves. Duties already
    given are skipped, so doing it again adds only the duties added to the plan since. Returns the steps
    made or noted.
    """
    conference = Conference.objects.select_for_update().select_related("unit", "plan").get(pk=conference.pk)
    workflow.check_add_step(actor, conference)
    calendar = calendar_for(conference.unit)
    day = timezone.localdate(conference.starts_at)
    steps = list(conference.steps.all())
    touched: list[TimelineStep] = []
    changes: dict[str, str] = {}
    for assignment in duties_to_assign(conference):
        offset = assignment.due_offset_days
        assert offset is not None
        due = calendar.add_calendar_days(day, offset, roll_to_working_day=True)
        role, department = _duty_owner(assignment)
        same = next(
            (
                s
                for s in steps
                if s.due_date == due
                and s.owner_role == role
                and s.owner_department_id == (department.pk if department else None)
                and not s.is_extra
                and s.rule_key != DUTY_RULE
            ),
            None,
        )
        if same is not None:
            same.note = "\n".join(n for n in [same.note, _duty_note(assignment)] if n)
            same.save(update_fields=["note"])
            touched.append(same)
            changes[same.key] = _("ghi nhiệm vụ vào bước, hạn %(due)s") % {"due": short_date(due)}
            continue
        text = _duty_text(assignment)
        label = text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"
        number = conference.plan.number
        step = TimelineStep.objects.create(
            conference=conference,
            key=f"duty:{assignment.pk}",
            rule_key=DUTY_RULE,
            label=label,
            owner_role=role,
            owner_department=department,
            due_date=due,
            basis=(_("Kế hoạch số %(number)s") % {"number": number})[:255] if number else "",
            note=text if label != text else "",
        )
        steps.append(step)
        touched.append(step)
        changes[step.key] = _("thêm bước, hạn %(due)s") % {"due": short_date(due)}
    if changes:
        _renumber(list(conference.steps.all()))
        record(
            actor=actor,
            event_type="conference.duties_assigned",
            obj=conference,
            unit=conference.unit,
            extra={"steps": changes},
        )
    return touched
