"""Reads of the advance registrations to speak, scoped through the conference (`get_conference`), and, for
village heads, to the villages they head. Grouped by topic (the sector) or by village for the office's page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from doithoai.conferences.models import Conference
from doithoai.core.permissions import has_perm
from doithoai.delegates.workflow import headed_village_ids
from doithoai.live import rules
from doithoai.live.models import RequestStatus, SpeakingRequest
from doithoai.live.selectors.speakers import PETITION_FIELDS
from doithoai.petitions.models import Petition

BY_SECTOR = "linh-vuc"
BY_VILLAGE = "thon"
STATUS_SLUGS = {
    "cho-xep": RequestStatus.PENDING,
    "da-xep": RequestStatus.SCHEDULED,
    "khong-xep": RequestStatus.DECLINED,
}


def visible_village_ids(user: Any, conference: Conference) -> frozenset[int] | None:
    """None: every registration of the conference (the office, the chairs, the Front); else the villages a
    village head heads (possibly none)."""
    if has_perm(user, rules.VIEW_REQUESTS, conference.unit):
        return None
    return headed_village_ids(user, conference.unit)


def _requests(conference: Conference, villages: frozenset[int] | None) -> QuerySet[SpeakingRequest]:
    qs = SpeakingRequest.objects.filter(conference=conference)
    if villages is not None:
        qs = qs.filter(village_id__in=villages)
    return qs.select_related("village", "sector", "delegate", "speaker")


def requests_of(
    conference: Conference, *, villages: frozenset[int] | None = None, status: str | None = None
) -> list[SpeakingRequest]:
    """The registrations in the order they came, with their petitions: two queries."""
    qs = _requests(conference, villages)
    if status:
        qs = qs.filter(status=status)
    petitions = Prefetch("petitions", queryset=Petition.objects.only(*PETITION_FIELDS).order_by("pk"))
    return list(qs.prefetch_related(petitions).order_by("created_at", "pk"))


def get_request(conference: Conference, request_id: int, villages: frozenset[int] | None = None) -> SpeakingRequest:
    request = _requests(conference, villages).filter(pk=request_id).first()
    if request is None:
        raise Http404
    return request


def requests_by_ids(conference: Conference, ids: list[int]) -> list[SpeakingRequest]:
    """The chosen registrations of this conference, in the order of `ids` (unknown ids are left out)."""
    found = {r.pk: r for r in SpeakingRequest.objects.filter(conference=conference, pk__in=ids)}
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class StatusCounts:
    total: int
    pending: int
    scheduled: int
    declined: int


def counts(conference: Conference, villages: frozenset[int] | None = None) -> StatusCounts:
    qs = SpeakingRequest.objects.filter(conference=conference)
    if villages is not None:
        qs = qs.filter(village_id__in=villages)
    values = qs.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=RequestStatus.PENDING)),
        scheduled=Count("pk", filter=Q(status=RequestStatus.SCHEDULED)),
        declined=Count("pk", filter=Q(status=RequestStatus.DECLINED)),
    )
    return StatusCounts(**values)


@dataclass
class Group:
    key: str
    title: str
    order: tuple[int, str] = (0, "")
    requests: list[SpeakingRequest] = field(default_factory=list)


def grouped(requests: list[SpeakingRequest], by: str) -> list[Group]:
    """By sector (the topic; "Chưa rõ lĩnh vực" last) or by village, each group in the order they came."""
    groups: dict[str, Group] = {}
    for request in requests:
        if by == BY_VILLAGE:
            key = str(request.village_id or "")
            title = request.village.name if request.village is not None else _("Không rõ thôn")
            order = (request.village.sort_order if request.village is not None else 10**6, title)
        else:
            key = str(request.sector_id or "")
            title = request.sector.name if request.sector is not None else _("Chưa rõ lĩnh vực")
            order = (request.sector.sort_order if request.sector is not None else 10**6, title)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(key=key, title=title, order=order)
        group.requests.append(request)
    return sorted(groups.values(), key=lambda g: g.order)


def registrations_of_speakers(conference: Conference) -> dict[int, SpeakingRequest]:
    """The registration each speaker of the list came from (one query): for the staff's badge and topic."""
    rows = SpeakingRequest.objects.filter(conference=conference, speaker__isnull=False).only(
        "pk", "speaker_id", "topic", "source", "conference_id"
    )
    return {r.speaker_id: r for r in rows if r.speaker_id is not None}
