"""An iCalendar (RFC 5545) event for one public conference, for adding it to a phone's calendar.

Written by hand, it is a dozen lines: times in UTC (no VTIMEZONE needed), text
escaped, lines folded at 75 octets without splitting a UTF-8 character, CRLF
line ends. A cancelled conference is sent with STATUS:CANCELLED, so a calendar
that imported it earlier marks it cancelled when it is imported again (same UID).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRODID = "-//doithoai//Cong cong khai//VI"
DURATION = dt.timedelta(hours=3)  # a morning; the plan does not say how long a conference lasts
REMINDER = "-P1D"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Split a content line into lines of at most `limit` octets, continuation lines starting with a space."""
    parts: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        budget = limit if not parts else limit - 1
        if size + width > budget:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: dt.datetime
    summary: str
    location: str
    description: str
    url: str
    cancelled: bool
    reminder: str  # the alarm's text


def calendar(event: Event, *, now: dt.datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.starts_at + DURATION)}",
        f"SUMMARY:{escape(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    lines += [
        f"DESCRIPTION:{escape(event.description)}",
        f"URL:{event.url}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
    ]
    if not event.cancelled:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:{REMINDER}",
            f"DESCRIPTION:{escape(event.reminder)}",
            "END:VALARM",
        ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
