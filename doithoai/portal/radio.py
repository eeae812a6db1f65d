"""The announcement as a short script for the commune loudspeaker (đài truyền thanh).

Written to be read aloud: a greeting, what, when, where, who, how to send
opinions, the key facts once more, a closing; times and dates as people say
them, abbreviations in full, at most about 250 words (two minutes on air).
Long topics are cut to their first clause and, if the script is still too
long, the later topics are left out. The wording is in the template
`portal/radio_script.txt`, through gettext.

The script is always in Vietnamese, whatever language the page is shown in:
it is read to the people of the commune.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from doithoai.conferences.models import Conference
from doithoai.plans.models import DialogueForm
from doithoai.portal import display
from doithoai.portal.spoken import (
    expand_abbreviations,
    short_sentence,
    spoken_date,
    spoken_numbers,
    spoken_when,
    word_count,
)

WORD_LIMIT = 250
MAX_TOPICS = 3
MAX_VILLAGES_NAMED = 8
SCRIPT_LANGUAGE = "vi"


def _tidy(text: str) -> str:
    """One paragraph a line, one blank line between paragraphs, nothing else."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _ordinals() -> list[str]:
    return [_("Một là"), _("Hai là"), _("Ba là")]


def _context(ann: display.Announcement, today: dt.date, topics: int) -> dict[str, Any]:
    conference = ann.conference
    villages = ann.card.villages
    until = ann.opinion_until if ann.opinion_until is not None and ann.opinion_until >= today else None

    def say(text: str) -> str:
        return spoken_numbers(expand_abbreviations(text))

    mode = "" if conference.mode == DialogueForm.IN_PERSON else str(conference.get_mode_display()).lower()
    return {
        "cancelled": ann.is_cancelled,
        "title": say(conference.title),
        "place": ann.words.full,
        "organiser": say(ann.words.organiser),
        "kind": ann.words.kind,
        "village_word": ann.words.village_word,
        "when": spoken_when(ann.starts),
        "venue": say(conference.venue),
        "mode": mode,
        "chairs": "; ".join(say(c.title) for c in ann.chairs),
        "topics": [
            (ordinal, short_sentence(say(text)))
            for ordinal, text in zip(_ordinals(), ann.topics[:topics], strict=False)
        ],
        "villages": ", ".join(villages) if 0 < len(villages) <= MAX_VILLAGES_NAMED else "",
        "opinion_until": spoken_date(until) if until is not None else "",
    }


def script(conference: Conference, today: dt.date) -> str:
    """The script, in Vietnamese, within WORD_LIMIT words when the facts allow it."""
    with translation.override(SCRIPT_LANGUAGE):
        ann = display.announcement(conference, today)
        text = ""
        for topics in range(min(MAX_TOPICS, len(ann.topics)), -1, -1):
            text = _tidy(render_to_string("portal/radio_script.txt", _context(ann, today, topics)))
            if word_count(text) <= WORD_LIMIT:
                break
        return text


def reading_minutes(text: str) -> int:
    """About 120 words a minute, read slowly and clearly on the loudspeaker."""
    return max(1, round(word_count(text) / 120))
