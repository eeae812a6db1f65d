"""Every change to a conference and its timeline. Each action is one transaction with its audit events.

Permissions are checked here; bad input raises `ValidationError` with Vietnamese
messages keyed by the field, and nothing is written then. A date that makes a
statutory step of the timeline already overdue (a conference 5 days from today
cannot be announced 7 days before it) is refused unless a reason is given; the
reason is kept on the conference and in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.actions import record, snapshot
from doithoai.conferences import rules, timeline, workflow
from doithoai.conferences.models import Conference, ConferenceKind, TimelineStep
from doithoai.core.permissions import require_perm
from doithoai.lib.text import normalize_input
from doithoai.lib.vndates import short_date
from doithoai.plans.models import DialogueForm, Plan, PlannedSession, PlanStatus
from doithoai.units.models import Village
from doithoai.workdays.selectors import calendar_for

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
AUDIT_FIELDS = [*FIELDS, "status", "date_rule_override_reason"]
STATE_FIELDS = ["status"]
STEP_FIELDS = ["due_date", "done_at", "done_by"]
# Conferences are held under a plan that has been issued and is not closed.
OPEN_PLAN_STATES = frozenset({PlanStatus.ISSUED, PlanStatus.IN_PROGRESS})
MIN_YEAR = 2000
MAX_YEAR = 2100


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _today() -> dt.date:
    return timezone.localdate()


def _check_starts_at(value: Any, errors: dict[str, list[str]]) -> None:
    if not isinstance(value, dt.datetime):
        errors["starts_at"] = [_("Nhập ngày và giờ tổ chức hội nghị.")]
    elif timezone.is_naive(value):
        errors["starts_at"] = [_("Thời gian hội nghị thiếu múi giờ.")]
    elif not MIN_YEAR <= timezone.localtime(value).year <= MAX_YEAR:
        errors["starts_at"] = [_("Ngày tổ chức không hợp lệ.")]


def _check_date_rules(
    unit: Any,
    starts_at: dt.datetime,
    reason: str,
    errors: dict[str, list[str]],
    done: frozenset[str] = frozenset(),
) -> list[timeline.DerivedStep]:
    """The steps for this date; a field error when a statutory one is already overdue and no reason is given."""
    steps = timeline.derive(calendar_for(unit), timezone.localdate(starts_at))
    overdue = timeline.overdue_statutory(steps, _today(), done)
    if overdue and not reason:
        first = overdue[0]
        errors.setdefault("starts_at", []).append(
            _(
                "Ngày này trái thời hạn luật định: “%(step)s” phải xong trước ngày %(due)s, đã qua. "
                "Chọn ngày khác hoặc ghi rõ lý do."
            )
            % {"step": first.rule.label, "due": short_date(first.due_date)}
        )
    return steps


def _overdue_keys(steps: list[timeline.DerivedStep], done: frozenset[str] = frozenset()) -> list[str]:
    return [s.rule.key for s in timeline.overdue_statutory(steps, _today(), done)]


def _clean(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in TEXT_FIELDS:
            value = normalize_input(value or "")
        values[name] = value
    if not values.get("title"):
        errors["title"] = [_("Nhập tên hội nghị.")]
    values.setdefault("kind", ConferenceKind.PERIODIC)
    if values["kind"] not in ConferenceKind.values:
        errors["kind"] = [_("Chọn loại hội nghị.")]
    elif values["kind"] == ConferenceKind.AD_HOC and not values.get("trigger_note"):
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
    """A conference of the plan's unit, with its timeline derived from its date."""
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
    steps: list[timeline.DerivedStep] = []
    if "starts_at" not in errors:
        steps = _check_date_rules(unit, values["starts_at"], reason, errors)
    _raise(errors)
    overdue = _overdue_keys(steps)
    conference = Conference.objects.create(
        plan=plan,
        unit=unit,
        planned_session=planned_session,
        date_rule_override_reason=reason if overdue else "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    conference.villages.set(chosen)
    TimelineStep.objects.bulk_create(
        [
            TimelineStep(
                conference=conference,
                key=s.rule.key,
                label=str(s.rule.label),
                owner_role=s.rule.owner_role,
                starts_on=s.starts_on,
                due_date=s.due_date,
                is_statutory=s.rule.is_statutory,
                basis=s.rule.basis,
                order=s.order,
            )
            for s in steps
        ]
    )
    extra: dict[str, Any] = {"villages": [v.name for v in chosen]}
    if overdue:
        extra.update({"reason": reason, "overdue_steps": overdue})
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
def conference_reschedule(
    *, actor: Any, conference: Conference, starts_at: dt.datetime, reason: str = ""
) -> Conference:
    """A new date and time: the steps not yet done get the due dates of the new date."""
    conference = Conference.objects.select_for_update().select_related("unit").get(pk=conference.pk)
    unit = conference.unit
    require_perm(actor, rules.EDIT_CONFERENCES, unit)
    workflow.check_reschedulable(conference)
    reason = normalize_input(reason or "")
    errors: dict[str, list[str]] = {}
    _check_starts_at(starts_at, errors)
    existing = {s.key: s for s in conference.steps.all()}
    done = frozenset(key for key, s in existing.items() if s.is_done)
    steps: list[timeline.DerivedStep] = []
    if not errors:
        steps = _check_date_rules(unit, starts_at, reason, errors, done)
    _raise(errors)
    overdue = _overdue_keys(steps, done)
    before = snapshot(conference, ["starts_at", "date_rule_override_reason"])
    before_steps = {key: short_date(s.due_date) for key, s in existing.items()}
    conference.starts_at = starts_at
    conference.date_rule_override_reason = reason if overdue else ""
    conference.save(update_fields=["starts_at", "date_rule_override_reason", "updated_at"])
    for derived in steps:
        step = existing.get(derived.rule.key)
        if step is None or step.is_done:
            continue
        step.due_date = derived.due_date
        step.starts_on = derived.starts_on
        step.order = derived.order
        step.save(update_fields=["due_date", "starts_on", "order"])
    extra: dict[str, Any] = {
        "steps": {
            key: f"{before_steps[key]} → {short_date(s.due_date)}"
            for key, s in existing.items()
            if before_steps[key] != short_date(s.due_date)
        }
    }
    if overdue:
        extra.update({"reason": reason, "overdue_steps": overdue})
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
    return _transition(actor, conference, workflow.ANNOUNCE)


@transaction.atomic
def conference_hold(*, actor: Any, conference: Conference) -> Conference:
    return _transition(actor, conference, workflow.HOLD)


@transaction.atomic
def conference_conclude(*, actor: Any, conference: Conference) -> Conference:
    return _transition(actor, conference, workflow.CONCLUDE)


@transaction.atomic
def conference_cancel(*, actor: Any, conference: Conference) -> Conference:
    return _transition(actor, conference, workflow.CANCEL)


@transaction.atomic
def timeline_step_complete(*, actor: Any, step: TimelineStep) -> TimelineStep:
    """Mark a step of the timeline done, now, by the actor."""
    step = TimelineStep.objects.select_for_update().select_related("conference__unit").get(pk=step.pk)
    workflow.check_complete_step(actor, step)
    before = snapshot(step, STEP_FIELDS)
    step.done_at = timezone.now()
    step.done_by = actor if getattr(actor, "is_authenticated", False) else None
    step.save(update_fields=["done_at", "done_by"])
    record(
        actor=actor,
        event_type="timeline_step.completed",
        obj=step,
        unit=step.conference.unit,
        before=before,
        after=snapshot(step, STEP_FIELDS),
        extra={"conference": str(step.conference), "conference_id": step.conference_id},
    )
    return step
