"""The Front's summary of a conference's petitions (báo cáo tổng hợp ý kiến, kiến nghị của MTTQ, S-04).

What came in and from where: a sector × village table of counts, counts by channel, by kind and by
state, and every petition listed by sector then village, those of one group shown once under the
group's wording. The counts are added up by the database (`values().annotate(Count)`), the list is one
query: the page costs the same number of queries for ten petitions or ten thousand.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone

from doithoai.conferences import selectors as conference_selectors
from doithoai.conferences.models import Conference, TimelineStep
from doithoai.lib.vndates import document_date
from doithoai.petitions.models import Channel, Kind, Petition, PetitionGroup, PetitionStatus, Sector
from doithoai.units.models import Village, VillageStatus

STEP_KEY = "front_summary"


@dataclass
class Tally:
    """One number of the page and what it counts: the filters of the petition list it links to.

    `sector` and `village` are ids; 0 names the petitions without one. `url` is set by the view."""

    count: int
    sector: int | None = None
    village: int | None = None
    status: str = ""
    channel: str = ""
    kind: str = ""
    label: str = ""
    url: str = ""


@dataclass
class SectorRow:
    sector: Sector | None  # None: petitions not yet given a sector
    cells: list[Tally]
    total: Tally


@dataclass
class Entry:
    """One line of the list: a petition, or the petitions of one group in one village (shown once)."""

    petitions: list[Petition]
    group: PetitionGroup | None = None
    group_total: int = 0  # petitions of the group in the whole conference

    @property
    def first(self) -> Petition:
        return self.petitions[0]


@dataclass
class VillageSection:
    village: Village | None
    entries: list[Entry] = field(default_factory=list)
    count: int = 0


@dataclass
class SectorSection:
    sector: Sector | None
    villages: list[VillageSection] = field(default_factory=list)
    count: int = 0


@dataclass
class StepDue:
    step: TimelineStep
    due_text: str  # 'ngày 19 tháng 11 năm 2026'
    state: str  # conferences.selectors: done, due, today, overdue
    state_text: str  # 'còn 3 ngày', 'quá hạn 2 ngày'
    done_text: str


@dataclass
class FrontSummary:
    conference: Conference
    total: Tally
    unclassified: Tally  # received, not yet classified
    columns: list[Village | None]  # None: petitions without a village
    column_totals: list[Tally]
    rows: list[SectorRow]
    by_channel: list[Tally]
    by_kind: list[Tally]
    by_status: list[Tally]
    sections: list[SectorSection]
    villages_without: list[Village]  # taking part, nothing came from them
    step: StepDue | None

    def all_counts(self) -> list[Tally]:
        """Every number of the page, for the view to give each its link."""
        counts = [self.total, self.unclassified, *self.column_totals, *self.by_channel, *self.by_kind]
        counts += self.by_status
        for row in self.rows:
            counts += [*row.cells, row.total]
        return counts


def _key(value: int | None) -> int:
    return value or 0


def petitions_of_conference(conference: Conference) -> QuerySet[Petition]:
    return Petition.objects.filter(unit_id=conference.unit_id, conference=conference)


def step_due(conference: Conference, today: dt.date) -> StepDue | None:
    """The timeline step "front_summary" of the conference, from its prefetched steps when it has them."""
    step = next((s for s in conference.steps.all() if s.key == STEP_KEY), None)
    if step is None:
        return None
    state = conference_selectors.step_state(step, today)
    return StepDue(
        step=step,
        due_text=document_date(step.due_date),
        state=state,
        state_text=conference_selectors.state_text(state, (step.due_date - today).days),
        done_text=document_date(timezone.localdate(step.done_at)) if step.done_at else "",
    )


def front_summary(conference: Conference, *, today: dt.date | None = None) -> FrontSummary:
    today = today or timezone.localdate()
    petitions = petitions_of_conference(conference)

    # The counts, added up by the database.
    cross: dict[tuple[int, int], int] = {}
    for row in petitions.order_by().values("sector_id", "village_id").annotate(n=Count("pk")):
        cross[(_key(row["sector_id"]), _key(row["village_id"]))] = row["n"]
    channels: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for channel, kind, status, n in (
        petitions.order_by().values_list("channel", "kind", "status").annotate(n=Count("pk"))
    ):
        channels[channel] += n
        kinds[kind] += n
        statuses[status] += n

    sector_totals: Counter[int] = Counter()
    village_totals: Counter[int] = Counter()
    for (sector_id, village_id), n in cross.items():
        sector_totals[sector_id] += n
        village_totals[village_id] += n
    total = sum(cross.values())

    # Rows: the sectors something came in under, in the unit's order; columns: every village taking part
    # (and any other the petitions name), in the unit's order.
    sectors = {s.pk: s for s in Sector.objects.filter(unit_id=conference.unit_id)}
    row_ids = [pk for pk in sectors if sector_totals[pk]] + ([0] if sector_totals[0] else [])
    taking_part = {v.pk for v in conference.villages.all()}
    villages = {
        v.pk: v
        for v in Village.objects.filter(unit_id=conference.unit_id).order_by("sort_order", "name")
        if v.pk in taking_part or village_totals[v.pk] or (not taking_part and v.status == VillageStatus.ACTIVE)
    }
    column_ids = list(villages) + ([0] if village_totals[0] else [])
    columns: list[Village | None] = [villages.get(pk) for pk in column_ids]

    rows = [
        SectorRow(
            sector=sectors.get(sector_id),
            cells=[Tally(cross.get((sector_id, v), 0), sector=sector_id, village=v) for v in column_ids],
            total=Tally(sector_totals[sector_id], sector=sector_id),
        )
        for sector_id in row_ids
    ]
    column_totals = [Tally(village_totals[v], village=v) for v in column_ids]

    return FrontSummary(
        conference=conference,
        total=Tally(total),
        unclassified=Tally(statuses[PetitionStatus.RECEIVED], status=PetitionStatus.RECEIVED),
        columns=columns,
        column_totals=column_totals,
        rows=rows,
        by_channel=[Tally(channels[c], channel=c, label=str(c.label)) for c in Channel if channels[c]],
        by_kind=[Tally(kinds[k], kind=k, label=str(k.label)) for k in Kind if kinds[k]],
        by_status=[Tally(statuses[s], status=s, label=str(s.label)) for s in PetitionStatus if statuses[s]],
        sections=_sections(petitions, sectors, villages, row_ids),
        villages_without=[v for pk, v in villages.items() if pk in taking_part and not village_totals[pk]],
        step=step_due(conference, today),
    )


def _sections(
    petitions: QuerySet[Petition], sectors: dict[int, Sector], villages: dict[int, Village], row_ids: list[int]
) -> list[SectorSection]:
    """Every petition by sector, then village (in the table's order), a group's petitions of one village
    as one entry. One query."""
    listed = list(
        petitions.select_related("group")
        .only(
            "pk",
            "text",
            "tracking_code",
            "sector",
            "village",
            "status",
            "kind",
            "channel",
            "received_on",
            "group__id",
            "group__title",
        )
        .order_by("pk")
    )
    group_totals: Counter[int] = Counter(p.group_id for p in listed if p.group_id)
    by_place: dict[int, dict[int, list[Petition]]] = defaultdict(lambda: defaultdict(list))
    for petition in listed:
        by_place[_key(petition.sector_id)][_key(petition.village_id)].append(petition)

    village_order = {pk: index for index, pk in enumerate(villages)}
    sections = []
    for sector_id in row_ids:
        section = SectorSection(sector=sectors.get(sector_id))
        places = by_place.get(sector_id, {})
        # Villages in the table's order; one no longer listed (another unit's? never) and "no village" last.
        for village_id in sorted(places, key=lambda pk: (pk == 0, village_order.get(pk, len(village_order)), pk)):
            items = places[village_id]
            village_section = VillageSection(village=villages.get(village_id), count=len(items))
            grouped: dict[int, Entry] = {}
            for petition in items:
                if petition.group_id is None:
                    village_section.entries.append(Entry([petition]))
                elif petition.group_id in grouped:
                    grouped[petition.group_id].petitions.append(petition)
                else:
                    entry = Entry([petition], group=petition.group, group_total=group_totals[petition.group_id])
                    grouped[petition.group_id] = entry
                    village_section.entries.append(entry)
            section.villages.append(village_section)
            section.count += len(items)
        sections.append(section)
    return sections
