"""The minutes (biên bản): the secretary's sections saved one at a time with a revision number, then the
whole record frozen (finalised), signed by the secretary and the chair, and read-only.

A section save names the revision it was typed on. If someone saved a different text in between, the save
is refused with `MinutesConflict`, carrying what is stored, and nothing is written: the person sees both
texts and chooses. Saving the same text again writes nothing. See actions/__init__.py for the rules every
action follows.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.conferences.models import Conference
from doithoai.core.permissions import require_perm
from doithoai.lib.numbers import grouped
from doithoai.live import rules, workflow
from doithoai.live.actions import locked_room, raise_if
from doithoai.live.models import AgendaItem, Exchange, Minutes, MinutesSection, MinutesStatus, RoomStatus
from doithoai.live.selectors import minutes as selectors

MAX_SECTION = 20_000
MAX_REASON = 2_000
FINALISE_FIELDS = ["status", "content_hash", "finalised_at", "finalised_by"]
SIGN_FIELDS = ["status", "secretary_signed_at", "secretary_signed_by", "chair_signed_at", "chair_signed_by"]
SECRETARY = "secretary"
CHAIR = "chair"
_NUMBERED_KEY = re.compile(r"^(agenda|exchange):([1-9][0-9]{0,17})$")

EVENT_LABELS: dict[str, Promise | str] = {
    "minutes.section_saved": gettext_lazy("Lưu một đoạn biên bản hội nghị"),
    "minutes.finalised": gettext_lazy("Hoàn thành biên bản hội nghị"),
    "minutes.reopened": gettext_lazy("Mở lại biên bản hội nghị để sửa"),
    "minutes.signed_by_secretary": gettext_lazy("Thư ký ký biên bản hội nghị"),
    "minutes.signed_by_chair": gettext_lazy("Chủ tọa ký biên bản hội nghị"),
}


class MinutesConflict(Exception):
    """Someone saved another text in the section since the revision the save was typed on."""

    def __init__(self, *, key: str, text: str, revision: int, by: str, at: Any) -> None:
        super().__init__(f"minutes section {key} is at revision {revision}")
        self.key = key
        self.text = text
        self.revision = revision
        self.by = by
        self.at = at


def clean_section_text(text: str | None) -> str:
    """The text as typed, in NFC, with one kind of line break. Spaces are kept: the page compares what it
    sent with what it has, and the person may be in the middle of a word."""
    text = unicodedata.normalize("NFC", text or "")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def check_section_key(conference: Conference, key: str) -> str:
    """The key if it names a section of this conference's minutes, else a ValidationError on "key"."""
    key = (key or "").strip()
    if key in (selectors.PARTICIPANTS, selectors.CLOSING):
        return key
    match = _NUMBERED_KEY.match(key)
    if match:
        model = AgendaItem if match.group(1) == "agenda" else Exchange
        if model.objects.filter(conference=conference, pk=int(match.group(2))).exists():
            return key
    raise ValidationError({"key": [_("Đoạn biên bản này không thuộc hội nghị (có thể đã bị xóa); tải lại trang.")]})


def _locked_minutes(conference: Conference) -> Minutes:
    """The conference's minutes, created as a draft the first time, locked for the caller's transaction."""
    Minutes.objects.get_or_create(conference=conference)
    return Minutes.objects.select_for_update().select_related("conference__unit").get(conference=conference)


def _check_editable(minutes: Minutes) -> None:
    if minutes.status not in workflow.EDITABLE_MINUTES:
        raise ValidationError(
            {
                "status": [
                    _("Biên bản đã hoàn thành (trạng thái “%(state)s”); không sửa được nữa.")
                    % {"state": minutes.get_status_display()}
                ]
            }
        )


@transaction.atomic
def minutes_section_save(
    *, actor: Any, conference: Conference, key: str, text: str, base_revision: int
) -> MinutesSection:
    """Save one section typed on `base_revision`. The same text again writes nothing; another text saved
    by someone since `base_revision` raises MinutesConflict (nothing written)."""
    require_perm(actor, rules.EDIT_MINUTES, conference.unit)
    minutes = _locked_minutes(conference)
    _check_editable(minutes)
    key = check_section_key(conference, key)
    text = clean_section_text(text)
    if len(text) > MAX_SECTION:
        raise_if(
            {
                "text": [
                    _("Đoạn này dài %(n)s ký tự, quá %(max)s ký tự; chia bớt sang đoạn khác.")
                    % {"n": grouped(len(text)), "max": grouped(MAX_SECTION)}
                ]
            }
        )
    section = (
        MinutesSection.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(minutes=minutes, key=key)
        .first()
    )
    stored_text = section.text if section is not None else ""
    stored_revision = section.revision if section is not None else 0
    if text == stored_text:
        if section is None:
            section = MinutesSection(minutes=minutes, key=key, text="", revision=0)
        return section
    if base_revision != stored_revision:
        state = selectors.section_state(section) if section is not None else None
        raise MinutesConflict(
            key=key,
            text=stored_text,
            revision=stored_revision,
            by=state.by if state else "",
            at=state.at if state else None,
        )
    created = section is None
    if section is None:
        section = MinutesSection(minutes=minutes, key=key)
    section.text = text
    section.revision = stored_revision + 1
    section.updated_by = actor
    section.save()
    record(
        actor=actor,
        event_type="minutes.section_saved",
        obj=minutes,
        unit=conference.unit,
        extra={"key": key, "revision": section.revision, "length": len(text), **({"new": True} if created else {})},
    )
    return section


@transaction.atomic
def minutes_finalise(*, actor: Any, conference: Conference) -> Minutes:
    """Freeze the minutes once the conference has ended: the generated parts and the sections go into
    `content`, with the sha256 of its canonical JSON. The page then shows only the snapshot."""
    room = locked_room(conference)
    minutes = _locked_minutes(conference)
    # Refused before the room's state is; apply checks it again on the row it locks.
    workflow.MINUTES.check(actor, minutes, workflow.FINALISE)
    if room.status != RoomStatus.ENDED:
        raise_if({"room": [_("Hội nghị chưa kết thúc; kết thúc hội nghị rồi mới hoàn thành biên bản.")]})
    content = selectors.live_content(conference)
    return workflow.MINUTES.apply(
        actor,
        minutes,
        workflow.FINALISE,
        audit_fields=FINALISE_FIELDS,
        extra={"sections": len(content["sections"]), "exchanges": len(content["exchanges"])},
        content=content,
        content_hash=selectors.content_hash(content),
        finalised_at=timezone.now(),
        finalised_by=actor,
    )


@transaction.atomic
def minutes_reopen(*, actor: Any, conference: Conference, reason: str) -> Minutes:
    """Back to a draft to correct it, before anyone has signed; the reason is recorded."""
    minutes = _locked_minutes(conference)
    # Refused before the signatures and the reason are; apply checks it again on the row it locks.
    workflow.MINUTES.check(actor, minutes, workflow.REOPEN)
    if minutes.secretary_signed_at or minutes.chair_signed_at:
        raise_if({"status": [_("Biên bản đã có chữ ký; không mở lại để sửa được.")]})
    reason = " ".join(unicodedata.normalize("NFC", reason or "").split())
    if not reason:
        raise_if({"reason": [_("Ghi lý do mở lại biên bản.")]})
    if len(reason) > MAX_REASON:
        raise_if({"reason": [_("Lý do quá dài (tối đa %(max)s ký tự).") % {"max": MAX_REASON}]})
    return workflow.MINUTES.apply(
        actor,
        minutes,
        workflow.REOPEN,
        audit_fields=FINALISE_FIELDS,
        extra={"reason": reason},
        content=None,
        content_hash="",
        finalised_at=None,
        finalised_by=None,
    )


def _sign(actor: Any, conference: Conference, name: str, role: str) -> Minutes:
    minutes = _locked_minutes(conference)
    transition = workflow.MINUTES.check(actor, minutes, name)
    signed_at = getattr(minutes, f"{role}_signed_at")
    if signed_at is not None:
        raise_if(
            {
                "status": [
                    _("Biên bản đã được ký với tư cách này lúc %(at)s.")
                    % {"at": f"{timezone.localtime(signed_at):%H:%M %d/%m/%Y}"}
                ]
            }
        )
    other_signed = getattr(minutes, f"{CHAIR if role == SECRETARY else SECRETARY}_signed_at") is not None
    # Written here rather than by `TransitionTable.apply`, which always sets the table's target: a signature
    # leaves the minutes finalised, and only the second one, with the other already there, makes them signed.
    before = snapshot(minutes, SIGN_FIELDS)
    setattr(minutes, f"{role}_signed_at", timezone.now())
    setattr(minutes, f"{role}_signed_by", actor)
    minutes.status = MinutesStatus.SIGNED if other_signed else transition.target
    minutes.save()
    record(
        actor=actor,
        event_type=transition.event_type,
        obj=minutes,
        unit=minutes.conference.unit,
        before=before,
        after=snapshot(minutes, SIGN_FIELDS),
        extra={"content_hash": minutes.content_hash},
    )
    return minutes


@transaction.atomic
def minutes_sign_as_secretary(*, actor: Any, conference: Conference) -> Minutes:
    """The secretary (an officer of the office) signs the finalised minutes."""
    return _sign(actor, conference, workflow.SIGN_SECRETARY, SECRETARY)


@transaction.atomic
def minutes_sign_as_chair(*, actor: Any, conference: Conference) -> Minutes:
    """The chair (or the vice chair who chaired) signs the finalised minutes."""
    return _sign(actor, conference, workflow.SIGN_CHAIR, CHAIR)
