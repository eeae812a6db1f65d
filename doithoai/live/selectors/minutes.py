"""Reads of the minutes. See selectors/__init__.py.

The page of the minutes, its print view and the snapshot taken when they are finalised all read one
dictionary, `live_content`: what the system knows (attendance from check-in, the agenda as held, each
exchange), plus the texts the secretary typed. While the minutes are a draft it is built from the data at
every request; once finalised it is the stored `Minutes.content`, and later changes to the data no longer
reach it. Everything in it is plain JSON (strings and integers), so that its hash is stable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.conferences.models import Conference
from doithoai.delegates import selectors as delegate_selectors
from doithoai.delegates.models import Delegate
from doithoai.lib.vndates import document_date
from doithoai.live.models import (
    AgendaItem,
    AgendaKind,
    Exchange,
    ExchangeStatus,
    Minutes,
    MinutesSection,
    MinutesStatus,
    Room,
)
from doithoai.live.selectors.exchanges import exchanges_for_minutes
from doithoai.units.letterhead import split_committee_name

CONTENT_VERSION = 1
PARTICIPANTS = "participants"
CLOSING = "closing"
AGENDA_PREFIX = "agenda:"
EXCHANGE_PREFIX = "exchange:"
# Seconds of overlap when the page asks what changed since its last poll: a save whose transaction began
# before that poll but committed after it still has an earlier `updated_at`.
POLL_OVERLAP = dt.timedelta(seconds=5)


def is_locked(conference: Conference) -> bool:
    """The minutes have been finalised (or signed): the agenda, the speakers and the exchanges they record
    are no longer changed. Every action of the other areas checks this."""
    return Minutes.objects.filter(conference=conference).exclude(status=MinutesStatus.DRAFT).exists()


def minutes_of(conference: Conference) -> Minutes | None:
    """The conference's minutes, or None before anything was typed or finalised."""
    return (
        Minutes.objects.filter(conference=conference)
        .select_related("finalised_by", "secretary_signed_by", "chair_signed_by")
        .first()
    )


def unsaved_minutes(conference: Conference) -> Minutes:
    """The minutes as they would be before their first save: a draft, not stored (for `can` checks)."""
    return Minutes(conference=conference, status=MinutesStatus.DRAFT)


def canonical_json(content: Any) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(content: Any) -> str:
    """sha256 of the canonical JSON (keys sorted, no spaces, UTF-8): the same on every database."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- formatting


def clock_text(value: dt.datetime | None) -> str:
    """'07 giờ 30, ngày 05 tháng 6 năm 2026', as Mẫu 1.9 writes the start and the end."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M}, {document_date(local.date())}"


def duration_text(seconds: int) -> str:
    """'4 phút 12 giây', '1 giờ 05 phút', '0 giây'."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)s giờ %(m)02d phút") % {"h": hours, "m": minutes}
    if minutes and secs:
        return _("%(m)s phút %(s)02d giây") % {"m": minutes, "s": secs}
    if minutes:
        return _("%(m)s phút") % {"m": minutes}
    return _("%(s)s giây") % {"s": secs}


def minutes_text(minutes: int) -> str:
    return _("%(m)s phút") % {"m": minutes}


# ---------------------------------------------------------------- the generated parts


def _header(conference: Conference) -> dict[str, Any]:
    unit = conference.unit
    abbr = unit.committee_abbr or "UBND"
    return {
        "parent_line": (unit.parent_line or "").upper(),
        "committee_lines": split_committee_name(unit.committee_name or unit.name) or [unit.name],
        "number_line": f"Số: …/BB-{abbr}",
    }


def _attendance(conference: Conference) -> dict[str, Any]:
    """Counts only (no names): invited and present, by village and by group; walk-ins apart."""
    attendance = delegate_selectors.attendance(conference)
    by_village = [
        {"label": row.label or _("Không thuộc thôn, tổ dân phố"), "invited": row.invited, "present": row.present}
        for row in attendance.by_village
    ]
    by_group = [
        {
            "label": " – ".join(part for part in (row.group, row.label) if part) or _("Khác"),
            "invited": row.invited,
            "present": row.present,
        }
        for row in attendance.by_role
    ]
    return {
        "invited": attendance.invited,
        "present": attendance.present,
        "walk_ins": attendance.walk_ins,
        "by_village": by_village,
        "by_group": by_group,
    }


def _agenda(conference: Conference, now: dt.datetime) -> list[dict[str, Any]]:
    rows = []
    for item in AgendaItem.objects.filter(conference=conference).order_by("order", "pk"):
        used = item.used_seconds(now)
        held = item.started_at is not None
        rows.append(
            {
                "id": item.pk,
                "key": f"{AGENDA_PREFIX}{item.pk}",
                "title": item.title,
                "kind": item.kind,
                "presenter": item.presenter,
                "planned_minutes": item.planned_minutes,
                "planned_text": minutes_text(item.planned_minutes),
                "used_seconds": used,
                "used_text": duration_text(used) if held else "",
                "over": held and used > item.planned_minutes * 60,
                "held": held,
                "started_text": f"{timezone.localtime(item.started_at):%H:%M}" if item.started_at else "",
            }
        )
    return rows


def _exchange_rows(conference: Conference) -> list[dict[str, Any]]:
    """The table of interventions, from the dialogue's own rows (selectors/exchanges.py), kept to what the
    minutes print: one row per exchange in the order held."""
    rows = []
    for row in exchanges_for_minutes(conference):
        seconds = row["spoken_seconds"] or 0
        concluded = row["status"] == ExchangeStatus.CONCLUDED
        conclusion = ""
        if concluded:
            label = row["outcome_label"] if row["outcome"] else ""
            conclusion = f"{label}: {row['conclusion']}" if label and row["conclusion"] else label or row["conclusion"]
        rows.append(
            {
                "id": row["exchange_id"],
                "key": f"{EXCHANGE_PREFIX}{row['exchange_id']}",
                "number": row["number"],
                "asker": row["asker"],
                "seconds": seconds,
                "seconds_text": duration_text(seconds) if seconds else "",
                "question": row["question"],
                "petition_codes": list(row["petition_codes"]),
                "answered_by": row["answered_by"] or row["department"],
                "answer": row["answer"],
                "conclusion": conclusion,
                "assignment": row["result"],
                "concluded": concluded,
            }
        )
    return rows


def _room(conference: Conference) -> Room | None:
    return Room.objects.filter(conference=conference).first()


def live_content(conference: Conference, now: dt.datetime | None = None) -> dict[str, Any]:
    """The minutes as the data and the typed sections make them now (see the module's docstring)."""
    now = now or timezone.now()
    room = _room(conference)
    started = room.started_at if room is not None and room.started_at else conference.starts_at
    ended = room.ended_at if room is not None else None
    agenda = _agenda(conference, now)
    dialogue = [row["id"] for row in agenda if row["kind"] == AgendaKind.DIALOGUE]
    exchanges = _exchange_rows(conference)
    # Only the sections the document shows: the text typed under an agenda item or exchange since deleted
    # stays in its row, out of the record.
    shown = {PARTICIPANTS, CLOSING} | {row["key"] for row in agenda} | {row["key"] for row in exchanges}
    sections = dict(
        MinutesSection.objects.filter(minutes__conference=conference, key__in=shown).values_list("key", "text")
    )
    return {
        "version": CONTENT_VERSION,
        "header": _header(conference),
        "title": conference.title,
        "started_text": clock_text(started),
        "venue": conference.venue,
        "attendance": _attendance(conference),
        "chair_name": conference.chair_name,
        "council_name": conference.council_name,
        "front_name": conference.front_name,
        "secretary_name": conference.secretary_name,
        "agenda": agenda,
        # The table of interventions goes after the dialogue's item of the agenda (the last one, if several).
        "exchanges_after": dialogue[-1] if dialogue else None,
        "exchanges": exchanges,
        "ended_text": clock_text(ended),
        "sections": {key: text for key, text in sorted(sections.items()) if text},
    }


def page_content(conference: Conference, minutes: Minutes | None) -> dict[str, Any]:
    """What the page shows: the snapshot once finalised, the live data while a draft."""
    if minutes is not None and minutes.status != MinutesStatus.DRAFT and minutes.content:
        return minutes.content
    return live_content(conference)


# ---------------------------------------------------------------- the typed sections


@dataclass(frozen=True)
class SectionState:
    key: str
    text: str
    revision: int
    by: str
    at: dt.datetime | None

    @property
    def at_text(self) -> str:
        return f"{timezone.localtime(self.at):%H:%M}" if self.at else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "text": self.text,
            "revision": self.revision,
            "by": self.by,
            "at": self.at.isoformat() if self.at else "",
            "at_text": self.at_text,
        }


def user_label(user: Any) -> str:
    if user is None:
        return ""
    return getattr(user, "full_name", "") or getattr(user, "username", "")


def section_state(section: MinutesSection) -> SectionState:
    return SectionState(
        key=section.key,
        text=section.text,
        revision=section.revision,
        by=user_label(section.updated_by),
        at=section.updated_at if section.revision else None,
    )


def section_states(minutes: Minutes | None) -> dict[str, SectionState]:
    if minutes is None:
        return {}
    qs = MinutesSection.objects.filter(minutes=minutes).select_related("updated_by")
    return {s.key: section_state(s) for s in qs}


def sections_changed_since(conference: Conference, since: dt.datetime | None) -> list[SectionState]:
    """Sections saved since `since` (all of them when None), with a few seconds of overlap: the page
    ignores what it already has by the revision."""
    qs = MinutesSection.objects.filter(minutes__conference=conference, revision__gt=0).select_related("updated_by")
    if since is not None:
        qs = qs.filter(updated_at__gte=since - POLL_OVERLAP)
    return [section_state(s) for s in qs.order_by("updated_at", "pk")]


def generated_stamp(conference: Conference) -> str:
    """Changes whenever the generated parts may have changed (an agenda item, an exchange, check-in):
    the page then offers to reload them."""
    parts = []
    for model in (AgendaItem, Exchange):
        values = model.objects.filter(conference=conference).aggregate(n=Max("pk"), at=Max("updated_at"))
        count = model.objects.filter(conference=conference).count()
        parts.append(f"{count}:{values['n'] or 0}:{values['at'].isoformat() if values['at'] else ''}")
    checked_in = Delegate.objects.filter(conference=conference).aggregate(
        n=Count("pk", filter=Q(checked_in_at__isnull=False)), at=Max("updated_at")
    )
    parts.append(f"{checked_in['n']}:{checked_in['at'].isoformat() if checked_in['at'] else ''}")
    room = _room(conference)
    parts.append(f"{room.status}:{room.ended_at.isoformat() if room.ended_at else ''}" if room else "-")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def section_label(key: str, content: dict[str, Any]) -> str:
    """The name of a section for messages: 'Thành phần tham dự', 'Diễn biến: Khai mạc', …"""
    if key == PARTICIPANTS:
        return _("Thành phần tham dự (ghi thêm)")
    if key == CLOSING:
        return _("Kết luận của chủ trì hội nghị")
    for row in content.get("agenda", []):
        if row["key"] == key:
            return _("Diễn biến: %(title)s") % {"title": row["title"]}
    for row in content.get("exchanges", []):
        if row["key"] == key:
            return _("Ghi chú lượt đối thoại số %(n)s") % {"n": row["number"]}
    return key
