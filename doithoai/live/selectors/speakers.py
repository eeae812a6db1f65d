"""Reads of the list of speakers, and the look-ups of its form: delegates by name (diacritics ignored),
villages (the conference's first), petitions already raised (by code or words). See selectors/__init__.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from doithoai.conferences.models import Conference
from doithoai.core.search import search
from doithoai.delegates.models import Delegate
from doithoai.lib.codes import is_valid_code, normalize_code
from doithoai.live.models import Speaker, SpeakerStatus
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors import word_match
from doithoai.units.models import Village, VillageStatus

S = SpeakerStatus
PETITION_FIELDS = ("id", "tracking_code", "text", "status", "village_id", "conference_id")


def _petitions() -> Prefetch[str, QuerySet[Petition], str]:
    return Prefetch("petitions", queryset=Petition.objects.only(*PETITION_FIELDS).order_by("pk"))


def _speakers(conference: Conference) -> QuerySet[Speaker]:
    return Speaker.objects.filter(conference=conference).select_related("village", "delegate").order_by("order", "pk")


def speakers_of(conference: Conference) -> list[Speaker]:
    """The whole list in its order, with linked petitions: two queries."""
    return list(_speakers(conference).prefetch_related(_petitions()))


def waiting(conference: Conference, limit: int = 5) -> list[Speaker]:
    """The next ones to be invited, in order: two queries."""
    return list(_speakers(conference).filter(status=S.WAITING).prefetch_related(_petitions())[:limit])


def get_speaker(conference: Conference, speaker_id: int) -> Speaker:
    speaker = _speakers(conference).filter(pk=speaker_id).select_related("conference__unit").first()
    if speaker is None:
        raise Http404
    return speaker


@dataclass(frozen=True)
class Counts:
    total: int
    waiting: int
    done: int
    withdrawn: int
    overtime: int


def counts(conference: Conference) -> Counts:
    """How many in each state, and how many went over their time (stopped ones): one query."""
    values = Speaker.objects.filter(conference=conference).aggregate(
        total=Count("pk"),
        waiting=Count("pk", filter=Q(status=S.WAITING)),
        done=Count("pk", filter=Q(status=S.DONE)),
        withdrawn=Count("pk", filter=Q(status=S.WITHDRAWN)),
        overtime=Count("pk", filter=Q(status=S.DONE, elapsed_seconds__gt=F("limit_seconds"))),
    )
    return Counts(**values)


# ---------------------------------------------------------------- the form's look-ups


def delegate_search(conference: Conference, query: str, limit: int = 15) -> list[Delegate]:
    """Named delegates of the conference whose name (or position, code) holds every word typed, diacritics
    ignored; those checked in first."""
    if not query.strip():
        return []
    qs = Delegate.objects.filter(conference=conference).exclude(full_name="").select_related("village")
    qs = search(qs, query[:100], ["full_name", "position", "code"])
    return list(
        qs.order_by(
            Case(When(checked_in_at__isnull=False, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "full_name",
            "pk",
        )[:limit]
    )


def get_delegate(conference: Conference, delegate_id: int | None) -> Delegate | None:
    if not delegate_id:
        return None
    return (
        Delegate.objects.filter(conference=conference, pk=delegate_id)
        .exclude(full_name="")
        .select_related("village")
        .first()
    )


def villages_for(conference: Conference) -> list[Village]:
    """The unit's active villages, those the conference is for first."""
    own = set(conference.villages.values_list("pk", flat=True))
    villages = list(Village.objects.filter(unit_id=conference.unit_id, status=VillageStatus.ACTIVE))
    villages.sort(key=lambda v: (v.pk not in own, v.sort_order, v.name))
    return villages


def _this_conference_first(conference: Conference) -> Case:
    return Case(When(conference_id=conference.pk, then=Value(0)), default=Value(1), output_field=IntegerField())


def petition_suggestions(conference: Conference, village_id: int | None = None, limit: int = 30) -> list[Petition]:
    """What a speaker typically follows up: petitions sent for this conference, and those of the speaker's
    village (of the same unit), the conference's first."""
    condition = Q(conference=conference)
    if village_id:
        condition |= Q(village_id=village_id)
    qs = Petition.objects.filter(Q(unit_id=conference.unit_id) & condition).only(*PETITION_FIELDS)
    return list(qs.order_by(_this_conference_first(conference), "-pk")[:limit])


def petition_search(conference: Conference, query: str, limit: int = 20) -> list[Petition]:
    """The unit's petitions by tracking code ("ABCD-2345") or by words of their text or village, diacritics
    ignored."""
    query = query.strip()[:200]
    if not query:
        return []
    unit = conference.unit
    code = normalize_code(query)
    condition = word_match(unit, query)
    if is_valid_code(code):
        condition |= Q(tracking_code=code)
    qs = Petition.objects.filter(unit=unit).filter(condition).only(*PETITION_FIELDS)
    return list(qs.order_by(_this_conference_first(conference), "-pk")[:limit])


def petitions_by_ids(conference: Conference, ids: list[int]) -> list[Petition]:
    if not ids:
        return []
    return list(Petition.objects.filter(unit_id=conference.unit_id, pk__in=ids).only(*PETITION_FIELDS).order_by("pk"))
