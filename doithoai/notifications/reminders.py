"""Reminders of the steps of conference timelines: who is reminded of what, on which day.

Policy (one daily run, at 07:00 by cron or a systemd timer: `manage.py send_reminders`,
which queues the `send_due_reminders` background task):

- Steps considered: not done, of conferences that are planned, announced, held or
  concluded (the written answers fall due after the conclusion notice); nothing
  for cancelled conferences.
- Before the due date: a reminder N calendar days before it, for each N in the
  setting `DOITHOAI_REMINDER_DAYS_BEFORE` (default (3, 0): three days before and on
  the due day). A reminder day that falls on a day off of the unit's calendar
  (weekend, holiday, Tết) moves to the working day before it: a step due on a
  Tuesday is reminded on the Friday before, and a step due on a Monday on the
  Friday (3 days before) and on the Monday.
- Overdue: on the first working day after the due date, then every
  `DOITHOAI_REMINDER_OVERDUE_EVERY_DAYS` days (default 7; 0 = only once) while the
  step stays open and the conference is not cancelled.
- Reminders go out only on the unit's working days. A run that did not happen
  (server down) is caught up by the next working day's run, as long as the
  reminder is still current (a "3 days before" reminder not sent by the time the
  due-day one is due is skipped: the due-day one replaces it).
- Who: the people with an active membership in the conference's unit holding the
  step's owner role (the office when the step names none), and only those of the
  step's department when it names one. An overdue statutory step is also sent to
  the office.
- How: an in-app notification always; also an e-mail (Vietnamese, with the step,
  conference, unit, due date as documents write it and a link) when the person has
  an e-mail address and has not switched e-mail reminders off on the
  notifications page.
- Never twice: each reminder has a key (step, its due date, the slot: "before:3",
  "before:0", "overdue:<week>"), unique per person. Running twice on a day sends
  nothing new; a rescheduled conference gets reminders for its new dates.
- Petitions (issue 4): each assigned petition (a group's, of one department, as one
  matter) is reminded by the same slots against its due date (10 working days, Luật
  Tiếp công dân Art. 28): to the department officers of its department (the office
  when the department has none), and, once overdue, to the office too. Key:
  "petition:<id>" or "petition_group:<group>:<department>", then the due date and
  the slot.
- A notice of a new conference goes to the Front of its unit (it leads the
  collection of opinions) at the first run after the conference is created, if
  that is within `DOITHOAI_NEW_CONFERENCE_NOTICE_DAYS` (default 7) days.
- Each run writes one audit event, `notifications.reminders_sent`, with its counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.audit.actions import record
from doithoai.conferences.models import Conference, TimelineStep
from doithoai.conferences.workflow import OPEN_STATES, STEP_STATES
from doithoai.lib.vndates import weekday_date
from doithoai.notifications import actions, selectors
from doithoai.notifications.models import NotificationKind
from doithoai.petitions.models import Petition, PetitionStatus
from doithoai.workdays.selectors import WorkingCalendar, calendar_for

DEFAULT_DAYS_BEFORE = (3, 0)
DEFAULT_OVERDUE_EVERY_DAYS = 7
DEFAULT_NEW_CONFERENCE_NOTICE_DAYS = 7


def days_before() -> tuple[int, ...]:
    """The reminder offsets before the due date, largest first, without duplicates or negatives."""
    raw = getattr(settings, "DOITHOAI_REMINDER_DAYS_BEFORE", DEFAULT_DAYS_BEFORE)
    return tuple(sorted({int(n) for n in raw if int(n) >= 0}, reverse=True))


def overdue_every_days() -> int:
    return max(0, int(getattr(settings, "DOITHOAI_REMINDER_OVERDUE_EVERY_DAYS", DEFAULT_OVERDUE_EVERY_DAYS)))


def new_conference_notice_days() -> int:
    return max(0, int(getattr(settings, "DOITHOAI_NEW_CONFERENCE_NOTICE_DAYS", DEFAULT_NEW_CONFERENCE_NOTICE_DAYS)))


@dataclass(frozen=True)
class Slot:
    """Which reminder of a step is due today."""

    key: str  # "before:3", "before:0", "overdue:0", "overdue:1", ...
    days_left: int  # calendar days to the due date; negative when overdue

    @property
    def kind(self) -> str:
        if self.days_left > 0:
            return NotificationKind.STEP_DUE_SOON
        if self.days_left == 0:
            return NotificationKind.STEP_DUE_TODAY
        return NotificationKind.STEP_OVERDUE

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0


def slot_for(
    due: dt.date,
    today: dt.date,
    calendar: WorkingCalendar,
    offsets: tuple[int, ...],
    every: int,
) -> Slot | None:
    """The reminder of a step due on `due` that belongs to `today`, or None (see the module's policy)."""
    if not calendar.is_working_day(today):
        return None
    if today <= due:
        starts = [calendar.next_working_day(due - dt.timedelta(days=n), backward=True) for n in offsets]
        for i, n in enumerate(offsets):
            end = starts[i + 1] if i + 1 < len(offsets) else due + dt.timedelta(days=1)
            if starts[i] <= today < end:
                return Slot(f"before:{n}", (due - today).days)
        return None
    first = calendar.next_working_day(due + dt.timedelta(days=1))
    if today < first:
        return None
    week = (today - first).days // every if every else 0
    return Slot(f"overdue:{week}", (due - today).days)


# ---------------------------------------------------------------- texts


def _when(conference: Conference) -> str:
    local = timezone.localtime(conference.starts_at)
    return _("%(hour)s giờ %(minute)s, %(day)s") % {
        "hour": f"{local:%H}",
        "minute": f"{local:%M}",
        "day": weekday_date(local.date()),
    }


def _conference_url(conference: Conference) -> str:
    return reverse("conferences:detail", kwargs={"unit_id": conference.unit_id, "conference_id": conference.pk})


def step_title(step: TimelineStep, slot: Slot) -> str:
    if slot.days_left > 0:
        return _("Còn %(days)s ngày đến hạn: %(step)s") % {"days": slot.days_left, "step": step.label}
    if slot.days_left == 0:
        return _("Hôm nay đến hạn: %(step)s") % {"step": step.label}
    return _("Quá hạn %(days)s ngày: %(step)s") % {"days": -slot.days_left, "step": step.label}


def step_body(step: TimelineStep, slot: Slot) -> str:
    conference = step.conference
    due = weekday_date(step.due_date)
    if step.is_statutory:
        due = _("%(date)s (thời hạn luật định)") % {"date": due}
    lines = [
        _("Hội nghị: %(title)s, %(when)s") % {"title": conference.title, "when": _when(conference)},
        _("Đơn vị: %(unit)s") % {"unit": conference.unit.name},
        _("Hạn: %(due)s") % {"due": due},
    ]
    if slot.is_overdue:
        lines.append(_("Việc này đã quá hạn. Nếu đã làm xong, hãy đánh dấu hoàn thành trên trang hội nghị."))
    return "\n".join(lines)


def conference_title(conference: Conference) -> str:
    return _("Hội nghị mới: %(title)s") % {"title": conference.title}


def conference_body(conference: Conference) -> str:
    lines = [
        _("Hội nghị: %(title)s") % {"title": conference.title},
        _("Thời gian: %(when)s") % {"when": _when(conference)},
    ]
    if conference.venue:
        lines.append(_("Địa điểm: %(venue)s") % {"venue": conference.venue})
    lines += [
        _("Đơn vị: %(unit)s") % {"unit": conference.unit.name},
        _("MTTQ chủ trì lấy ý kiến Nhân dân: xem các bước chuẩn bị và thời hạn trên trang hội nghị."),
    ]
    return "\n".join(lines)


def petition_title(text: str, slot: Slot) -> str:
    short = text if len(text) <= 80 else text[:79].rstrip() + "…"
    if slot.days_left > 0:
        return _("Còn %(days)s ngày đến hạn trả lời ý kiến: %(text)s") % {"days": slot.days_left, "text": short}
    if slot.days_left == 0:
        return _("Hôm nay đến hạn trả lời ý kiến: %(text)s") % {"text": short}
    return _("Quá hạn %(days)s ngày trả lời ý kiến: %(text)s") % {"days": -slot.days_left, "text": short}


def petition_body(petitions: list[Petition], slot: Slot) -> str:
    first = petitions[0]
    assert first.due_date is not None
    lines = [
        _("Mã ý kiến: %(codes)s") % {"codes": ", ".join(p.tracking_code for p in petitions)},
        _("Đơn vị: %(unit)s") % {"unit": first.unit.name},
        _("Cơ quan được giao: %(department)s")
        % {"department": first.assigned_department.name if first.assigned_department else "—"},
        _("Hạn trả lời: %(due)s") % {"due": weekday_date(first.due_date)},
    ]
    if slot.is_overdue:
        lines.append(_("Ý kiến đã quá hạn trả lời. Hãy dự thảo trả lời trên trang “Việc được giao” để lãnh đạo duyệt."))
    return "\n".join(lines)


# ---------------------------------------------------------------- who


@dataclass(frozen=True)
class Member:
    user: Any
    department_id: int | None


def _members(unit_ids: Iterable[int], roles: Iterable[str]) -> dict[tuple[int, str], list[Member]]:
    """Active members of the units by (unit id, role), with their users: one query."""
    found: dict[tuple[int, str], list[Member]] = defaultdict(list)
    rows = (
        Membership.objects.filter(is_active=True, user__is_active=True, unit_id__in=set(unit_ids), role__in=set(roles))
        .select_related("user")
        .order_by("pk")
    )
    for m in rows:
        found[(m.unit_id, m.role)].append(Member(m.user, m.department_id))
    return found


def step_owner_role(step: TimelineStep) -> str:
    return step.owner_role or Role.OFFICE


def recipients(step: TimelineStep, slot: Slot, members: dict[tuple[int, str], list[Member]]) -> list[Any]:
    """The people reminded of `step`: its owners (of its department when it names one); the office too when
    a statutory step is overdue."""
    unit_id = step.conference.unit_id
    people: dict[int, Any] = {}
    for member in members.get((unit_id, step_owner_role(step)), []):
        if step.owner_department_id is None or member.department_id == step.owner_department_id:
            people.setdefault(member.user.pk, member.user)
    if slot.is_overdue and step.is_statutory:
        for member in members.get((unit_id, Role.OFFICE), []):
            people.setdefault(member.user.pk, member.user)
    return list(people.values())


# ---------------------------------------------------------------- the run


@dataclass
class Planned:
    recipient: Any
    kind: str
    title: str
    body: str
    url: str
    dedupe_key: str
    unit: Any


def _open_steps(today: dt.date, offsets: tuple[int, ...]) -> list[TimelineStep]:
    # The earliest reminder is at most max(offsets) days before the due date, plus a few days when it moves
    # back over a holiday (Tết is the longest); later steps are not due for a reminder yet.
    horizon = today + dt.timedelta(days=(offsets[0] if offsets else 0) + 15)
    return list(
        TimelineStep.objects.filter(
            done_at__isnull=True, conference__status__in=STEP_STATES, due_date__lte=horizon
        ).select_related("conference__unit")
    )


def _open_petitions(today: dt.date, offsets: tuple[int, ...]) -> dict[str, list[Petition]]:
    """Assigned petitions whose reminders may fall due, by matter (a group's of one department together)."""
    horizon = today + dt.timedelta(days=(offsets[0] if offsets else 0) + 15)
    matters: dict[str, list[Petition]] = {}
    rows = (
        Petition.objects.filter(
            status=PetitionStatus.ACCEPTED, due_date__isnull=False, due_date__lte=horizon, unit__is_active=True
        )
        .select_related("unit", "group", "assigned_department")
        .order_by("due_date", "pk")
    )
    for petition in rows:
        key = (
            f"petition_group:{petition.group_id}:{petition.assigned_department_id}"
            if petition.group_id
            else f"petition:{petition.pk}"
        )
        matters.setdefault(key, []).append(petition)
    return matters


def petition_recipients(petition: Petition, slot: Slot, members: dict[tuple[int, str], list[Member]]) -> list[Any]:
    """The officers of the petition's department (the office when it has none); the office too once overdue."""
    people: dict[int, Any] = {}
    for member in members.get((petition.unit_id, Role.DEPARTMENT_OFFICER), []):
        if member.department_id is not None and member.department_id == petition.assigned_department_id:
            people.setdefault(member.user.pk, member.user)
    if not people or slot.is_overdue:
        for member in members.get((petition.unit_id, Role.OFFICE), []):
            people.setdefault(member.user.pk, member.user)
    return list(people.values())


def _new_conferences(today: dt.date) -> list[Conference]:
    days = new_conference_notice_days()
    if not days:
        return []
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.min))
    return list(
        Conference.objects.filter(status__in=OPEN_STATES, created_at__gte=since).select_related("unit").order_by("pk")
    )


def plan_reminders(today: dt.date) -> list[Planned]:
    """Every notification that belongs to `today`, whether or not it was already sent."""
    offsets = days_before()
    every = overdue_every_days()
    steps = _open_steps(today, offsets)
    conferences = _new_conferences(today)
    petitions = _open_petitions(today, offsets)
    unit_ids = (
        {s.conference.unit_id for s in steps}
        | {c.unit_id for c in conferences}
        | {p[0].unit_id for p in petitions.values()}
    )
    roles = {step_owner_role(s) for s in steps} | {Role.OFFICE, Role.FRONT, Role.DEPARTMENT_OFFICER}
    members = _members(unit_ids, roles) if unit_ids else {}
    calendars: dict[int, WorkingCalendar] = {}

    def calendar(unit: Any) -> WorkingCalendar:
        if unit.pk not in calendars:
            calendars[unit.pk] = calendar_for(unit)
        return calendars[unit.pk]

    planned: list[Planned] = []
    for step in steps:
        slot = slot_for(step.due_date, today, calendar(step.conference.unit), offsets, every)
        if slot is None:
            continue
        title, body = step_title(step, slot), step_body(step, slot)
        key = f"step:{step.pk}:{step.due_date.isoformat()}:{slot.key}"
        for user in recipients(step, slot, members):
            planned.append(
                Planned(user, slot.kind, title, body, _conference_url(step.conference), key, step.conference.unit)
            )
    for matter, rows in petitions.items():
        first = rows[0]
        assert first.due_date is not None
        slot = slot_for(first.due_date, today, calendar(first.unit), offsets, every)
        if slot is None:
            continue
        text = first.group.title if first.group is not None else first.text
        title, body = petition_title(text, slot), petition_body(rows, slot)
        url = reverse("petitions:assigned", args=[first.unit_id])
        key = f"{matter}:{first.due_date.isoformat()}:{slot.key}"
        for user in petition_recipients(first, slot, members):
            planned.append(Planned(user, slot.kind, title, body, url, key, first.unit))
    for conference in conferences:
        if not calendar(conference.unit).is_working_day(today):
            continue
        title, body = conference_title(conference), conference_body(conference)
        for member in members.get((conference.unit_id, Role.FRONT), []):
            planned.append(
                Planned(
                    member.user,
                    NotificationKind.CONFERENCE_CREATED,
                    title,
                    body,
                    _conference_url(conference),
                    f"conference:{conference.pk}:created",
                    conference.unit,
                )
            )
    return planned


def send_reminders(today: dt.date) -> dict[str, Any]:
    """Create today's notifications that do not exist yet, send their e-mails, record one audit event."""
    planned = plan_reminders(today)
    wanted = selectors.email_reminders_wanted({p.recipient.pk for p in planned})
    created = 0
    units: set[int] = set()
    with transaction.atomic():
        for p in planned:
            _notification, was_created = actions.notify(
                recipient=p.recipient,
                kind=p.kind,
                title=p.title,
                body=p.body,
                url=p.url,
                dedupe_key=p.dedupe_key,
                unit=p.unit,
                email=wanted.get(p.recipient.pk, True),
            )
            if was_created:
                created += 1
                units.add(p.unit.pk)
    mail = actions.pending_emails_send()
    counts: dict[str, Any] = {
        "day": today.isoformat(),
        "notifications": created,
        "emails_sent": mail["sent"],
        "emails_failed": mail["failed"],
        "units": len(units),
    }
    with transaction.atomic():
        record(actor=None, event_type="notifications.reminders_sent", extra=counts)
    return counts
