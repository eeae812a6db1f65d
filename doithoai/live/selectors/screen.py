"""What the hall's screen shows, as one JSON-able dict (`screen_state`), and the reads behind its link.

The screen is public to whoever holds its link (a TV in the hall, a laptop on the projector), so the state
carries only what may be shown to the hall: a speaker's name only with their consent (`Speaker.screen_name`),
never a phone number, never the topic they registered. See selectors/__init__.py for the scoping rules.

The state costs a fixed handful of queries whatever the length of the agenda or of the list of speakers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.conferences.models import Conference
from doithoai.lib.vndates import weekday_date
from doithoai.live.models import AgendaItem, Room, RoomStatus, Speaker, SpeakerStatus, running_seconds

# How many of the waiting speakers the screen lists under "next".
NEXT_SPEAKERS = 5
# The current speaker is shown while their clock is on (running or paused); once done, nobody is.
ON_THE_FLOOR = (SpeakerStatus.SPEAKING, SpeakerStatus.PAUSED)
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _rooms() -> Any:
    return Room.objects.select_related("conference__unit", "current_item", "current_speaker__village")


def _valid_token(token: str) -> bool:
    """Shaped like a link's token (`secrets.token_urlsafe`): anything else is not looked up at all (a NUL
    byte, say, is an error in PostgreSQL, not a miss)."""
    return bool(TOKEN_SHAPE.fullmatch(token or ""))


def version_for_token(token: str) -> int | None:
    """The version of the room whose link carries `token` (one query on an indexed column), None if none."""
    if not _valid_token(token):
        return None
    return Room.objects.filter(screen_token=token).values_list("version", flat=True).first()


def room_for_token(token: str) -> Room:
    """The room of the screen link with what `screen_state` needs, or 404 (the same for a malformed token)."""
    if not _valid_token(token):
        raise Http404
    room = _rooms().filter(screen_token=token).first()
    if room is None:
        raise Http404
    return room


def version_for_conference(conference: Conference) -> int:
    """The room's version; 0 while the conference has no room yet (nothing has happened in it)."""
    return Room.objects.filter(conference=conference).values_list("version", flat=True).first() or 0


def clock_text(elapsed: int, limit: int) -> str:
    """What static/live/timer.js shows for these figures ("04:12", "+00:37", or "12:05" counting up)."""

    def fmt(seconds: int) -> str:
        s = abs(int(seconds))
        h, m, r = s // 3600, (s % 3600) // 60, s % 60
        return f"{h}:{m:02d}:{r:02d}" if h else f"{m:02d}:{r:02d}"

    if limit <= 0:
        return fmt(elapsed)
    return f"+{fmt(elapsed - limit)}" if elapsed > limit else fmt(limit - elapsed)


def _start_time(conference: Conference) -> tuple[str, str]:
    local = timezone.localtime(conference.starts_at)
    return weekday_date(local.date()), _("%(h)s giờ %(m)s") % {"h": f"{local:%H}", "m": f"{local:%M}"}


def _item(item: AgendaItem, now: dt.datetime) -> dict[str, Any]:
    used = running_seconds(item.elapsed_seconds, item.current_since, now)
    planned = item.planned_minutes * 60
    return {
        "title": item.title,
        "presenter": item.presenter,
        "used": used,
        "planned": planned,
        "running": item.current_since is not None,
        "used_text": clock_text(used, 0),
        "planned_text": clock_text(planned, 0),
    }


def _speaker(speaker: Speaker, now: dt.datetime) -> dict[str, Any]:
    elapsed = running_seconds(speaker.elapsed_seconds, speaker.running_since, now)
    return {
        "name": speaker.screen_name,
        "timer": {
            "elapsed": elapsed,
            "running": speaker.running_since is not None,
            "limit": speaker.limit_seconds,
            "status": speaker.status,
            "status_label": str(SpeakerStatus(speaker.status).label),
            "text": clock_text(elapsed, speaker.limit_seconds),
        },
    }


def _agenda(room: Room, conference: Conference, now: dt.datetime) -> tuple[dict | None, dict | None]:
    """The current item and the next one: what the secretary's "Mục tiếp theo" would bring (the item after
    the current one; with none current, the first not yet started). The agenda is short; one query."""
    items = list(
        AgendaItem.objects.filter(conference=conference).only(
            "id", "order", "title", "presenter", "planned_minutes", "elapsed_seconds", "current_since", "started_at"
        )
    )
    current = next((i for i in items if i.pk == room.current_item_id), None)
    if current is None:
        current = next((i for i in items if i.current_since is not None), None)
    if current is not None:
        index = items.index(current)
        upcoming = items[index + 1] if index + 1 < len(items) else None
    else:
        upcoming = next((i for i in items if i.started_at is None), None)
    return (
        _item(current, now) if current is not None else None,
        {"title": upcoming.title, "presenter": upcoming.presenter} if upcoming is not None else None,
    )


def _speakers(room: Room, conference: Conference, now: dt.datetime) -> tuple[dict | None, list[dict[str, str]]]:
    fields = ("id", "name", "show_name", "label", "village__name", "status", "order")
    current = room.current_speaker
    if current is None or current.status not in ON_THE_FLOOR:
        current = (
            Speaker.objects.filter(conference=conference, status__in=ON_THE_FLOOR)
            .select_related("village")
            .order_by("-running_since", "order", "pk")
            .first()
        )
    waiting = (
        Speaker.objects.filter(conference=conference, status=SpeakerStatus.WAITING)
        .select_related("village")
        .only(*fields)
        .order_by("order", "pk")[:NEXT_SPEAKERS]
    )
    return (
        _speaker(current, now) if current is not None else None,
        [{"name": s.screen_name} for s in waiting],
    )


def _counts(conference: Conference) -> dict[str, int]:
    counts = Speaker.objects.filter(conference=conference).aggregate(
        done=Count("pk", filter=Q(status=SpeakerStatus.DONE)),
        waiting=Count("pk", filter=Q(status=SpeakerStatus.WAITING)),
    )
    return {"done": counts["done"] or 0, "waiting": counts["waiting"] or 0}


def screen_state(source: Room | Conference) -> dict[str, Any]:
    """Everything the hall's screen shows, JSON-able.

    A `Room` should come from `room_for_token` (its relations loaded); with a `Conference` the room is read
    here (and a conference without a room yet reads as "ready"). The version is read first: the rest is at
    least as new as it, so a screen never keeps an older picture under a newer version."""
    if isinstance(source, Room):
        room: Room | None = source
        conference = source.conference
    else:
        conference = source
        room = _rooms().filter(conference=conference).first()
        if room is not None:
            room.conference = conference
    now = timezone.now()
    status = RoomStatus(room.status) if room is not None else RoomStatus.READY
    date_text, time_text = _start_time(conference)
    state: dict[str, Any] = {
        "version": room.version if room is not None else 0,
        "server_now": int(now.timestamp() * 1000),
        "status": str(status.value),
        "status_label": str(status.label),
        "headline": "",
        "unit": conference.unit.name,
        "conference": {"title": conference.title, "date": date_text, "time": time_text, "venue": conference.venue},
        "notice": room.notice if room is not None else "",
        "item": None,
        "next_item": None,
        "speaker": None,
        "next_speakers": [],
        "counts": {"done": 0, "waiting": 0},
    }
    if status == RoomStatus.READY:
        state["headline"] = _("Hội nghị sắp bắt đầu")
    elif status == RoomStatus.ENDED:
        state["headline"] = _("Hội nghị đã kết thúc")
    if room is None:
        return state
    state["counts"] = _counts(conference)
    if status == RoomStatus.RUNNING:
        state["item"], state["next_item"] = _agenda(room, conference, now)
        state["speaker"], state["next_speakers"] = _speakers(room, conference, now)
    return state
