"""Reads of the dialogue: the exchanges of a conference, the petitions a question may concern, and the rows
the minutes print. See selectors/__init__.py. A constant number of queries, whatever the number of
exchanges."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.conferences.models import Conference
from doithoai.lib.codes import format_code, is_valid_code, normalize_code
from doithoai.lib.vndates import short_date
from doithoai.live.models import Exchange, ExchangeStatus, Outcome, Speaker, SpeakerStatus
from doithoai.petitions.models import Petition, PetitionStatus, Sector
from doithoai.petitions.selectors import word_match
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit, Department

PICK_LIMIT = 20
# What a question may be linked to: petitions not yet answered, refused or sent on.
LINKABLE_STATES = frozenset({PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED, PetitionStatus.ACCEPTED})
# What a card shows of a petition: no text, no submitter.
PETITION_COLUMNS = ("id", "unit_id", "tracking_code", "status", "group_id")


def _petitions_prefetch() -> Prefetch:
    return Prefetch("petitions", queryset=Petition.objects.only(*PETITION_COLUMNS).order_by("pk"), to_attr="linked")


def exchanges_of(conference: Conference) -> list[Exchange]:
    """Every exchange in order, with its asker, department, referral and petitions (as `linked`)."""
    return list(
        Exchange.objects.filter(conference=conference)
        .select_related("speaker__village", "department", "referral__to_unit")
        .prefetch_related(_petitions_prefetch())
        .order_by("order", "pk")
    )


def get_exchange(conference: Conference, exchange_id: int) -> Exchange:
    """One exchange of the conference (as `exchanges_of` gives them), or 404."""
    found = (
        Exchange.objects.filter(conference=conference, pk=exchange_id)
        .select_related("conference__unit", "speaker__village", "department", "referral__to_unit")
        .prefetch_related(_petitions_prefetch())
        .first()
    )
    if found is None:
        raise Http404
    return found


def open_exchanges_of(conference: Conference, speaker: Speaker | None) -> list[Exchange]:
    """The questions of `speaker` (None: of nobody in particular) still waiting for a conclusion."""
    qs = Exchange.objects.filter(conference=conference, status=ExchangeStatus.OPEN)
    qs = qs.filter(speaker=speaker) if speaker is not None else qs.filter(speaker__isnull=True)
    return list(
        qs.select_related("speaker__village", "department", "referral__to_unit")
        .prefetch_related(_petitions_prefetch())
        .order_by("order", "pk")
    )


@dataclass(frozen=True)
class Counts:
    """How many questions, and how the chair concluded them: the minutes and the conclusion notice read these."""

    total: int
    open: int
    answered: int
    in_writing: int
    referred_up: int
    referred_body: int

    @property
    def referred(self) -> int:
        return self.referred_up + self.referred_body


def counts(exchanges: Iterable[Exchange]) -> Counts:
    rows = list(exchanges)
    by = Counter(e.outcome for e in rows if e.status == ExchangeStatus.CONCLUDED)
    return Counts(
        total=len(rows),
        open=sum(1 for e in rows if e.status == ExchangeStatus.OPEN),
        answered=by[Outcome.ANSWERED],
        in_writing=by[Outcome.IN_WRITING],
        referred_up=by[Outcome.REFERRED_UP],
        referred_body=by[Outcome.REFERRED_BODY],
    )


def counts_of(conference: Conference) -> Counts:
    return counts(Exchange.objects.filter(conference=conference).only("status", "outcome"))


def speakers_to_choose(conference: Conference) -> list[Speaker]:
    """Who may have asked: the list of speakers in its order, without those who withdrew."""
    return list(
        Speaker.objects.filter(conference=conference)
        .exclude(status=SpeakerStatus.WITHDRAWN)
        .select_related("village", "delegate__village")
        .order_by("order", "pk")
    )


def speaker_petition_ids(speaker: Speaker | None) -> list[int]:
    """The petitions the speaker's entry is linked to that a question may still concern: pre-selected."""
    if speaker is None:
        return []
    return list(speaker.petitions.filter(status__in=LINKABLE_STATES).order_by("pk").values_list("pk", flat=True))


def linkable(unit: AdminUnit) -> QuerySet[Petition]:
    return Petition.objects.filter(unit=unit, status__in=LINKABLE_STATES)


def petitions_by_ids(unit: AdminUnit, ids: Iterable[int]) -> list[Petition]:
    """The unit's petitions among `ids`, in any state (the action says why one cannot be linked)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return list(Petition.objects.filter(unit=unit, pk__in=wanted).select_related("village").order_by("pk"))


def pick(unit: AdminUnit, conference: Conference, query: str, *, exclude: Iterable[int] = ()) -> list[Petition]:
    """Petitions a question may concern, for the picker: by tracking code ("ABCD-2345", any case, with or
    without the dash) or by words of the text, village or sector, ignoring diacritics; those of this
    conference first. Nothing for an empty query."""
    query = (query or "").strip()[:200]
    if not query:
        return []
    qs = linkable(unit).exclude(pk__in=list(exclude)).select_related("village")
    code = normalize_code(query)
    condition = Q(tracking_code=code) if is_valid_code(code) else Q()
    condition |= word_match(unit, query)
    rows = list(qs.filter(condition).order_by("-received_on", "-pk")[: PICK_LIMIT * 3])
    rows.sort(key=lambda p: (p.conference_id != conference.pk, p.tracking_code != code))
    return rows[:PICK_LIMIT]


def departments(unit: AdminUnit) -> QuerySet[Department]:
    """The unit's active departments: who may answer, or be given a written answer."""
    return unit_selectors.departments_of(unit, include_inactive=False)


def sectors(unit: AdminUnit) -> list[Sector]:
    return list(Sector.objects.filter(unit=unit, is_active=True).order_by("sort_order", "name", "pk"))


# ---------------------------------------------------------------- the minutes


def result_text(exchange: Exchange) -> str:
    """One line of what follows from the conclusion: the department and due date, or where it was sent."""
    if exchange.outcome == Outcome.IN_WRITING:
        department = exchange.department.name if exchange.department else ""
        due = short_date(exchange.due_date) if exchange.due_date else ""
        return _("%(department)s, hạn %(due)s") % {"department": department, "due": due} if due else department
    if exchange.outcome in (Outcome.REFERRED_UP, Outcome.REFERRED_BODY):
        return exchange.to_body
    return ""


def exchanges_for_minutes(conference: Conference) -> list[dict[str, Any]]:
    """The dialogue as the minutes' table prints it: one row per exchange, in order. JSON-ready (only
    str, int, None and lists of str), so the minutes can freeze the rows as they are.

    Each row:
        "number"         int, the STT (1, 2, …)
        "exchange_id"    int
        "asker"          str, the name (or "Cử tri" / the speaker's group when no name was given) and the
                         village: "Nông Văn Một (Thôn Nà Pàn)"; "" when nobody was chosen. For the minutes,
                         an internal record; never for a public page (see "asker_public")
        "asker_public"   str, what the hall's screen may show (the name only with consent)
        "asker_name"     str, the name as given ("" when none)
        "asker_village"  str
        "spoken_seconds" int | None, how long the asker spoke (their turn on the list of speakers)
        "question"       str, the question in brief
        "petition_codes" list[str], the petitions it concerns ("ABCD-2345")
        "answered_by"    str, who answered in the hall
        "answer"         str, the answer in brief
        "status"         "open" | "concluded"
        "outcome"        "" (open) | "answered" | "in_writing" | "referred_up" | "referred_body"
        "outcome_label"  str, "Đã trả lời tại hội nghị", …, "Chưa kết luận" while open
        "conclusion"     str, the chair's conclusion
        "department"     str, the department that answered or is to answer in writing ("" if none)
        "due_date"       str | None, ISO date of the written answer ("2026-06-19")
        "due_date_text"  str, the same as documents write it ("19/6/2026"), "" if none
        "to_body"        str, where it was referred: the unit above's name or the body's
        "result"         str, "Phòng Kinh tế, hạn 19/6/2026" / the receiving body / ""
    """
    rows: list[dict[str, Any]] = []
    now = timezone.now()
    for number, exchange in enumerate(exchanges_of(conference), start=1):
        speaker = exchange.speaker
        village = speaker.village.name if speaker is not None and speaker.village is not None else ""
        if speaker is None:
            asker = ""
        elif speaker.name:
            asker = f"{speaker.name} ({village})" if village else speaker.name
        else:
            asker = speaker.anonymous_label
        rows.append(
            {
                "number": number,
                "exchange_id": exchange.pk,
                "asker": asker,
                "asker_public": speaker.screen_name if speaker is not None else "",
                "asker_name": speaker.name if speaker is not None else "",
                "asker_village": village,
                "spoken_seconds": speaker.spoken_seconds(now) if speaker is not None else None,
                "question": exchange.question,
                "petition_codes": [format_code(p.tracking_code) for p in exchange.linked],  # type: ignore[attr-defined]
                "answered_by": exchange.answered_by,
                "answer": exchange.answer_text,
                "status": exchange.status,
                "outcome": exchange.outcome,
                "outcome_label": exchange.get_outcome_display() if exchange.outcome else _("Chưa kết luận"),
                "conclusion": exchange.conclusion,
                "department": exchange.department.name if exchange.department else "",
                "due_date": exchange.due_date.isoformat() if exchange.due_date else None,
                "due_date_text": short_date(exchange.due_date) if exchange.due_date else "",
                "to_body": exchange.to_body,
                "result": result_text(exchange),
            }
        )
    return rows
