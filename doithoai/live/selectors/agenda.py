"""Reads of the programme: each item with its time used against planned, and the totals. See
selectors/__init__.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.conferences.models import Conference
from doithoai.live.models import AgendaItem


def clock(seconds: int) -> str:
    """ "04:12", "1:02:03": what timer.js shows, for the page as the server renders it."""
    s = abs(int(seconds))
    h, m, r = s // 3600, (s % 3600) // 60, s % 60
    return f"{h}:{m:02d}:{r:02d}" if h else f"{m:02d}:{r:02d}"


def countdown(used: int, limit: int) -> str:
    """Time left of `limit`, or the overtime with a "+" (as timer.js shows it)."""
    return f"+{clock(used - limit)}" if used > limit else clock(limit - used)


def duration(minutes: int) -> str:
    """ "3 giờ 40 phút", "45 phút"."""
    h, m = divmod(int(minutes), 60)
    if h and m:
        return _("%(h)s giờ %(m)s phút") % {"h": h, "m": m}
    if h:
        return _("%(h)s giờ") % {"h": h}
    return _("%(m)s phút") % {"m": m}


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    number: int
    used_seconds: int
    planned_seconds: int

    @property
    def is_current(self) -> bool:
        return self.item.current_since is not None

    @property
    def is_done(self) -> bool:
        return self.item.is_done

    @property
    def overtime_seconds(self) -> int:
        return max(0, self.used_seconds - self.planned_seconds)

    @property
    def is_overtime(self) -> bool:
        return self.used_seconds > self.planned_seconds

    @property
    def used_text(self) -> str:
        return clock(self.used_seconds)

    @property
    def left_text(self) -> str:
        return countdown(self.used_seconds, self.planned_seconds)


@dataclass(frozen=True)
class Agenda:
    rows: list[AgendaRow]
    now: dt.datetime

    @property
    def planned_minutes(self) -> int:
        return sum(r.item.planned_minutes for r in self.rows)

    @property
    def used_seconds(self) -> int:
        return sum(r.used_seconds for r in self.rows)

    @property
    def planned_seconds(self) -> int:
        return self.planned_minutes * 60

    @property
    def is_overtime(self) -> bool:
        return self.used_seconds > self.planned_seconds

    @property
    def used_text(self) -> str:
        return clock(self.used_seconds)

    @property
    def planned_text(self) -> str:
        return duration(self.planned_minutes)

    @property
    def overtime_text(self) -> str:
        return clock(max(0, self.used_seconds - self.planned_seconds))

    @property
    def current(self) -> AgendaRow | None:
        return next((r for r in self.rows if r.is_current), None)

    @property
    def next(self) -> AgendaRow | None:
        """The item "Mục tiếp theo" would start: after the current one, else the first not yet started."""
        current = self.current
        if current is not None:
            return self.rows[current.number] if current.number < len(self.rows) else None
        return next((r for r in self.rows if r.item.started_at is None), None)

    @property
    def running(self) -> bool:
        return self.current is not None


def agenda_of(conference: Conference, now: dt.datetime | None = None) -> Agenda:
    """The programme in its order, one query."""
    now = now or timezone.now()
    items = AgendaItem.objects.filter(conference=conference).order_by("order", "pk")
    return Agenda(
        rows=[
            AgendaRow(
                item=item, number=i, used_seconds=item.used_seconds(now), planned_seconds=item.planned_minutes * 60
            )
            for i, item in enumerate(items, start=1)
        ],
        now=now,
    )


def get_item(conference: Conference, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.filter(conference=conference, pk=item_id).select_related("conference__unit").first()
    if item is None:
        raise Http404
    return item
