"""What the secretary's control page shows, read in a fixed number of queries whatever the length of the
programme and of the list of speakers. See selectors/__init__.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from doithoai.conferences.models import Conference
from doithoai.live.models import Room, RoomStatus, Speaker
from doithoai.live.selectors import speakers as speaker_selectors
from doithoai.live.selectors.agenda import Agenda, agenda_of
from doithoai.live.selectors.minutes import is_locked
from doithoai.petitions.models import Petition

NEXT_SPEAKERS = 5


@dataclass(frozen=True)
class ControlState:
    conference: Conference
    room: Room | None
    now: dt.datetime
    agenda: Agenda
    current_speaker: Speaker | None
    waiting: list[Speaker]
    counts: speaker_selectors.Counts
    locked: bool

    @property
    def status(self) -> str:
        return self.room.status if self.room is not None else RoomStatus.READY

    @property
    def status_label(self) -> str:
        return str(RoomStatus(self.status).label)

    @property
    def is_ready(self) -> bool:
        return self.status == RoomStatus.READY

    @property
    def is_running(self) -> bool:
        return self.status == RoomStatus.RUNNING

    @property
    def is_ended(self) -> bool:
        return self.status == RoomStatus.ENDED

    @property
    def version(self) -> int:
        return self.room.version if self.room is not None else 0

    @property
    def notice(self) -> str:
        return self.room.notice if self.room is not None else ""

    @property
    def server_now_ms(self) -> int:
        return int(self.now.timestamp() * 1000)


def room_with_speaker(conference: Conference) -> Room | None:
    """The room, with its current speaker, their village and linked petitions: two queries."""
    return (
        Room.objects.filter(conference=conference)
        .select_related("current_speaker__village", "current_speaker__delegate")
        .prefetch_related(
            Prefetch(
                "current_speaker__petitions",
                queryset=Petition.objects.only(*speaker_selectors.PETITION_FIELDS).order_by("pk"),
            )
        )
        .first()
    )


def control_state(conference: Conference, now: dt.datetime | None = None, *, speakers: bool = True) -> ControlState:
    """Everything the control page shows; without `speakers` (the agenda and the list of speakers pages,
    which read the list themselves) neither the current speaker nor the next ones."""
    now = now or timezone.now()
    room = room_with_speaker(conference) if speakers else Room.objects.filter(conference=conference).first()
    return ControlState(
        conference=conference,
        room=room,
        now=now,
        agenda=agenda_of(conference, now),
        current_speaker=room.current_speaker if room is not None and speakers else None,
        waiting=speaker_selectors.waiting(conference, NEXT_SPEAKERS) if speakers else [],
        counts=speaker_selectors.counts(conference),
        locked=is_locked(conference),
    )


def version_of(conference: Conference) -> int:
    """The room's version (0 before it exists): what the pages poll to know whether anything changed."""
    return int(Room.objects.filter(conference=conference).values_list("version", flat=True).first() or 0)
