"""Reads of the groups of petitions (nhóm cùng nội dung), scoped to the unit of the URL (resolved by
`units.selectors.get_unit` first): anything of another unit answers 404."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404

from doithoai.conferences.models import Conference
from doithoai.core.search import search
from doithoai.petitions.models import Petition, PetitionGroup, PetitionStatus, Sector
from doithoai.units.models import AdminUnit


def groups_of(
    unit: AdminUnit, *, conference: Conference | None = None, sector: Sector | None = None, query: str = ""
) -> QuerySet[PetitionGroup]:
    """The unit's groups, newest first, each with `petition_count`."""
    qs = (
        PetitionGroup.objects.filter(unit=unit)
        .select_related("conference", "sector")
        .annotate(petition_count=Count("petitions"))
        .order_by("-created_at", "-pk")
    )
    if conference is not None:
        qs = qs.filter(conference=conference)
    if sector is not None:
        qs = qs.filter(sector=sector)
    return search(qs, query, ["title"]) if query else qs


@dataclass
class GroupSummary:
    """What the list shows of a group's petitions: the villages they came from and where they stand."""

    villages: list[str] = field(default_factory=list)
    statuses: list[tuple[str, str, int]] = field(default_factory=list)  # (status, label, count)


def summaries(groups: Sequence[PetitionGroup]) -> dict[int, GroupSummary]:
    """Villages and status counts of the petitions of `groups`, in one query whatever their number."""
    labels = dict(PetitionStatus.choices)
    order = {value: index for index, value in enumerate(PetitionStatus.values)}
    villages: dict[int, set[str]] = {}
    counts: dict[int, Counter[str]] = {}
    rows = Petition.objects.filter(group__in=[g.pk for g in groups]).values_list("group_id", "village__name", "status")
    for group_id, village, status in rows:
        if village:
            villages.setdefault(group_id, set()).add(village)
        counts.setdefault(group_id, Counter())[status] += 1
    result = {}
    for group in groups:
        by_status = counts.get(group.pk, Counter())
        result[group.pk] = GroupSummary(
            villages=sorted(villages.get(group.pk, set())),
            statuses=[
                (status, str(labels[status]), n) for status, n in sorted(by_status.items(), key=lambda i: order[i[0]])
            ],
        )
    return result


def get_group(unit: AdminUnit, group_id: int) -> PetitionGroup:
    group = PetitionGroup.objects.filter(unit=unit, pk=group_id).select_related("unit", "conference", "sector").first()
    if group is None:
        raise Http404
    return group


def group_size(group_id: int) -> int:
    return Petition.objects.filter(group_id=group_id).count()


def members_of(group: PetitionGroup) -> list[Petition]:
    """The petitions of a group, oldest first, with what the group's page shows of them."""
    return list(
        Petition.objects.filter(group=group, unit_id=group.unit_id)
        .select_related("village", "sector", "answer")
        .order_by("received_on", "pk")
    )


def petitions_in(unit: AdminUnit, ids: Iterable[int]) -> list[Petition]:
    """The petitions of `unit` with these ids; 404 when one of them is not the unit's."""
    wanted = set(ids)
    found = list(
        Petition.objects.filter(unit=unit, pk__in=wanted).select_related("village", "sector", "group").order_by("pk")
    )
    if len(found) != len(wanted):
        raise Http404
    return found


def groups_in(unit: AdminUnit, ids: Iterable[int]) -> list[PetitionGroup]:
    """The groups of `unit` with these ids; 404 when one of them is not the unit's (or is gone)."""
    wanted = set(ids)
    found = list(PetitionGroup.objects.filter(unit=unit, pk__in=wanted).order_by("pk"))
    if len(found) != len(wanted):
        raise Http404
    return found


def find_groups(unit: AdminUnit, query: str, *, exclude: int | None = None, limit: int = 10) -> list[PetitionGroup]:
    """Groups whose wording contains the words typed (without diacritics too), for the search boxes."""
    qs = groups_of(unit, query=query)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return list(qs[:limit])
