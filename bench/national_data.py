"""A nation of data for the dashboards' benchmarks: every current province and commune set up, two years of
plans, conferences and petitions (34 provinces, 3,321 communes, 1,000,000 petitions at scale 1).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> \\
        .venv/bin/python bench/national_data.py [--scale 0.01] [--keep]

creates the throwaway database `test_<name>` (as the other benches do, see `petitions_data.throwaway_database`),
fills it, prints the time of each step and the rows made, and drops it unless `--keep`. Other benches import
`generate()` and read the `National` it returns (the counts, a province and its busiest commune).

What is made, for every current province and, at `scale` < 1, a proportional sample of its communes (at least
one per province): the unit set up (letterhead), 8–20 villages and 4 departments per commune, the 17 default
sectors per unit, an issued plan per unit per year (the province's sets the deadline for the communes below),
one or two periodic conferences per commune per year with their timeline steps (held and concluded in the past,
planned or announced ahead; about 5% of the communes hold none in a year, and about 15% of the conclusions are
published after the 10 days of the law), delegates with check-ins for a tenth of the held conferences, and the
petitions, spread over the years and the communes by the commune's size: every channel, sector and status, about
one in ten grouped, answers shared by a group, some referred to the province (a `Referral` and one petition in
the province's inbox) or to another body, deadlines (a tenth of the running ones overdue), the citizen's word on
some answers.

The rows are written directly with `bulk_create` in batches, as `petitions_data.Bench.grow` does, not through the
actions: an action per row (permission check, audit event, workflow transition, a query or more each) would take
hours for a million petitions, and the benchmarks measure reads. So the rows are only as consistent as this
module makes them (statuses match answers, referrals and conferences; see the test). The timestamps that the
models fill with "now" (`auto_now`, `auto_now_add`) are written with the day things happened instead, because
dashboards count by them (e.g. referrals per year, `plans.compliance.forwarded_count`).
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from petitions_data import BATCH, CHANNELS, DEPARTMENTS, SEED, VILLAGE_NAMES, _weighted, machine, throwaway_database

PETITIONS = 1_000_000  # at scale 1, over every commune
PROVINCE_DEPARTMENTS = ["Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Y tế", "Văn phòng UBND tỉnh"]
BODIES = ["Công ty Điện lực tỉnh", "Công ty Cấp nước tỉnh", "Ban Dân vận Tỉnh ủy", "Viễn thông tỉnh"]
NAMES = ["Hoàng Văn Pẻo", "Nông Thị Mai", "Lương Văn Tài", "Vi Thị Hoa", "Nguyễn Văn Bình", "Lộc Văn Sơn"]
# (status, share) over two years of a commune. Open states are a backlog of the last weeks (see `_received_on`),
# so they are rarer than in `petitions_data.STATUSES`, which spreads every state over three years.
STATUSES = [
    ("notified", 55),
    ("resolved", 8),
    ("answered_at_conference", 12),
    ("refused", 3),
    ("referred", 4),
    ("accepted", 8),
    ("classified", 5),
    ("received", 5),
]
ANSWERED = frozenset({"resolved", "notified", "answered_at_conference"})
NO_DIALOGUE = 0.05  # the share of communes that hold no conference in a year
LATE_CONCLUSION = 0.15  # the share of conclusions published after the law's 10 days
OVERDUE = 0.10  # the share of running deadlines already past
DELEGATES = 0.10  # the share of held conferences whose delegates were invited and checked in


@dataclass
class National:
    """What `generate` made: rows per table, a province, and the commune of that province with most petitions
    (the dashboards' worst case), the sampled communes and the seconds of each step."""

    scale: float
    years: tuple[int, ...]
    counts: dict[str, int]
    province_id: int
    commune_id: int
    commune_ids: list[int]
    steps: dict[str, float] = field(default_factory=dict)


class Codes:
    """Tracking and invitation codes, unique: 40 random bits give 1,000,000 codes a one-in-three chance of one
    collision, which would abort a `bulk_create` against the unique index."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken

    def __call__(self) -> str:
        from doithoai.lib.codes import new_code

        code = new_code()
        while code in self.taken:
            code = new_code()
        self.taken.add(code)
        return code


@contextlib.contextmanager
def historical_timestamps() -> Iterator[None]:
    """`auto_now`/`auto_now_add` off for the duration: `bulk_create` then writes the day things happened, which
    the generator sets on every row, instead of the time of the run."""
    from django.apps import apps
    from django.db import models

    fields = [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def _at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _spread(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, largest remainders first, adding up exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    for i in sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class _Unit:
    """A unit as the generator uses it: rows already made, looked up by code or by index."""

    unit: Any
    weight: float = 1.0
    villages: list[Any] = field(default_factory=list)
    departments: list[Any] = field(default_factory=list)
    sectors: dict[str, Any] = field(default_factory=dict)
    plans: dict[int, Any] = field(default_factory=dict)
    conferences: dict[int, list[tuple[dt.date, Any]]] = field(default_factory=dict)  # held ones, per year
    petitions: int = 0


class _Generator:
    def __init__(self, scale: float, years: tuple[int, ...], seed: int, today: dt.date, verbose: bool) -> None:
        from doithoai.petitions import demo
        from doithoai.petitions.models import Petition

        self.scale, self.years, self.today, self.verbose = scale, years, today, verbose
        self.rng = random.Random(seed)  # noqa: S311 - fake data, repeatable from the seed
        self.codes = Codes(set(Petition.objects.values_list("tracking_code", flat=True)))
        self.matters = [*demo.GROUPED, *demo.SIMILAR, *demo.SINGLES, *demo.ECHOES]
        self.steps: dict[str, float] = {}
        self.provinces: dict[int, _Unit] = {}
        self.communes: list[_Unit] = []

    @contextlib.contextmanager
    def step(self, label: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.steps[label] = time.perf_counter() - started
        if self.verbose:
            print(f"  {label:<44} {self.steps[label]:7.1f} s")

    # ------------------------------------------------------------ units

    def units(self, provinces: int | None) -> None:
        from doithoai.units.models import AdminUnit, Era, Level

        current = AdminUnit.objects.filter(era=Era.CURRENT, is_active=True)
        chosen = list(current.filter(level=Level.PROVINCE).order_by("code"))
        if provinces is not None:
            chosen = chosen[:provinces]
        below: dict[int | None, list[Any]] = defaultdict(list)
        for commune in current.filter(level=Level.COMMUNE, parent__in=chosen).order_by("code"):
            below[commune.parent_id].append(commune)
        for province in chosen:
            self.provinces[province.pk] = _Unit(province)
            communes = below[province.pk]
            take = max(1, round(len(communes) * self.scale))
            for commune in sorted(self.rng.sample(communes, min(take, len(communes))), key=lambda c: c.code):
                # No population figures in the national list: a commune's size is drawn, from a few hundred
                # petitions in two years to about four times the median.
                self.communes.append(_Unit(commune, weight=self.rng.lognormvariate(0, 0.5)))
        self.all_communes = sum(len(v) for v in below.values())
        changed = []
        for item in [*self.provinces.values(), *self.communes]:
            unit = item.unit
            unit.is_set_up = True
            unit.committee_name = f"ỦY BAN NHÂN DÂN {unit.name.upper()}"
            unit.place_name = unit.short_name
            unit.parent_line = self.provinces[unit.parent_id].unit.name.upper() if unit.parent_id else ""
            changed.append(unit)
        AdminUnit.objects.bulk_update(
            changed, ["is_set_up", "committee_name", "place_name", "parent_line"], batch_size=1000
        )

    def villages_and_departments(self) -> None:
        from doithoai.units.models import Department, Village

        villages = []
        for item in self.communes:
            count = min(20, max(8, round(8 + 6 * item.weight)))
            for order in range(count):
                name = VILLAGE_NAMES[order % len(VILLAGE_NAMES)]
                name = name if order < len(VILLAGE_NAMES) else f"Tổ dân phố số {order - len(VILLAGE_NAMES) + 1}"
                villages.append(Village(unit=item.unit, name=name, sort_order=order))
        Village.objects.bulk_create(villages, batch_size=BATCH)
        departments = [
            Department(unit=item.unit, name=name, sort_order=order)
            for items, names in ((self.communes, DEPARTMENTS), (self.provinces.values(), PROVINCE_DEPARTMENTS))
            for item in items
            for order, name in enumerate(names)
        ]
        Department.objects.bulk_create(departments, batch_size=BATCH)
        by_unit = self._by_unit()
        for village in villages:
            by_unit[village.unit_id].villages.append(village)
        for department in departments:
            by_unit[department.unit_id].departments.append(department)

    def _by_unit(self) -> dict[int, _Unit]:
        return {item.unit.pk: item for item in [*self.provinces.values(), *self.communes]}

    def sectors(self) -> None:
        """The default list for every unit, as `sectors_ensure` copies it (Vietnamese names, in order)."""
        from django.utils import translation

        from doithoai.petitions.models import Sector
        from doithoai.petitions.taxonomy import DEFAULT_SECTORS

        with translation.override("vi"):
            names = [(code, str(name)) for code, name in DEFAULT_SECTORS]
        by_unit = self._by_unit()
        rows = [
            Sector(unit=item.unit, code=code, name=name, sort_order=index)
            for item in by_unit.values()
            for index, (code, name) in enumerate(names)
        ]
        Sector.objects.bulk_create(rows, batch_size=BATCH)
        for sector in rows:
            by_unit[sector.unit_id].sectors[sector.code] = sector

    # ------------------------------------------------------------ plans and conferences

    def plans(self) -> None:
        from doithoai.plans.models import Plan, PlanStatus, number_key

        rows = []
        for item in self._by_unit().values():
            province = item.unit.parent_id is None
            for year in self.years:
                issued = dt.date(year, self.rng.randint(1, 3), self.rng.randint(1, 28))
                number = f"{self.rng.randint(10, 199)}/KH-UBND"
                plan = Plan(
                    unit=item.unit,
                    year=year,
                    title=f"Kế hoạch tổ chức Hội nghị đối thoại với Nhân dân năm {year}",
                    issuer_name=item.unit.committee_name,
                    number=number,
                    number_key=number_key(number),
                    place_name=item.unit.place_name,
                    issued_on=issued,
                    preset="province" if province else "commune",
                    status=PlanStatus.ISSUED,
                    # The province's plan binds the communes below: their conference by the end of October.
                    units_below_deadline=dt.date(year, 10, 31) if province else None,
                    forward_issues_to="Ban Dân vận Tỉnh ủy" if province else "",
                    created_at=_at(issued - dt.timedelta(days=10)),
                    updated_at=_at(issued),
                )
                item.plans[year] = plan
                rows.append(plan)
        Plan.objects.bulk_create(rows, batch_size=BATCH)

    def conferences(self) -> None:
        """One or two periodic conferences per commune and year, with their timeline; see the module's text."""
        from django.utils import translation

        from doithoai.conferences import timeline
        from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
        from doithoai.workdays.selectors import calendar_for

        rng, today = self.rng, self.today
        national = calendar_for(None)  # no unit has overrides of its own here: one calendar serves them all
        derived: dict[dt.date, list[timeline.DerivedStep]] = {}
        made: list[tuple[Conference, dt.date, dt.date | None]] = []  # conference, day, conclusion published
        for item in self.communes:
            for year in self.years:
                item.conferences[year] = []
                if rng.random() < NO_DIALOGUE:
                    continue
                first = dt.date(year, 4, 1) + dt.timedelta(days=rng.randint(0, 213))  # April to October
                days = [first]
                if rng.random() < 0.3:
                    days.append(dt.date(year, 11, 1) + dt.timedelta(days=rng.randint(0, 49)))
                for number, day in enumerate(days, start=1):
                    starts_at = _at(day, *rng.choice([(7, 30), (14, 0)]))
                    published = None
                    if day >= today:
                        announced = day - today <= dt.timedelta(days=20) and rng.random() < 0.7
                        status = ConferenceStatus.ANNOUNCED if announced else ConferenceStatus.PLANNED
                    else:
                        late = rng.random() < LATE_CONCLUSION
                        published = day + dt.timedelta(days=rng.randint(11, 40) if late else rng.randint(1, 10))
                        if published >= today or rng.random() < 0.05:
                            published = None  # held, its conclusion not yet published
                        status = ConferenceStatus.CONCLUDED if published else ConferenceStatus.HELD
                    title = f"Hội nghị đối thoại với Nhân dân năm {year}" + (f" (đợt {number})" if number > 1 else "")
                    conference = Conference(
                        plan=item.plans[year],
                        unit=item.unit,
                        title=title,
                        starts_at=starts_at,
                        venue=f"Hội trường UBND {item.unit.name}",
                        expected_attendance=len(item.villages) * 10,
                        status=status,
                        announced_at=_at(day - dt.timedelta(days=10)) if status != ConferenceStatus.PLANNED else None,
                        created_at=_at(day - dt.timedelta(days=45)),
                        updated_at=_at(published or min(day, today)),
                    )
                    made.append((conference, day, published))
                    if status in (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED):
                        item.conferences[year].append((day, conference))
        Conference.objects.bulk_create([c for c, _, _ in made], batch_size=BATCH)
        by_unit = self._by_unit()
        links = [
            Conference.villages.through(conference_id=conference.pk, village_id=village.pk)
            for conference, _, _ in made
            for village in by_unit[conference.unit_id].villages
        ]
        Conference.villages.through.objects.bulk_create(links, batch_size=BATCH)
        steps = []
        with translation.override("vi"):
            for conference, day, published in made:
                if day not in derived:
                    derived[day] = timeline.derive(national, day)
                held = conference.status in (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED)
                for d in derived[day]:
                    rule = d.rule
                    done = None
                    if rule.key == "conclusion_notice":
                        done = _at(published, 16) if published else None
                    elif d.due_date < today and (held or d.due_date < day):
                        done = _at(d.due_date, 10)  # the steps before the day, and the written answers after
                    steps.append(
                        TimelineStep(
                            conference=conference,
                            key=rule.key,
                            rule_key=rule.key,
                            label=str(rule.label),
                            owner_role=rule.owner_role,
                            starts_on=d.starts_on,
                            due_date=d.due_date,
                            is_statutory=rule.is_statutory,
                            basis=rule.basis,
                            order=d.order,
                            done_at=done,
                        )
                    )
        TimelineStep.objects.bulk_create(steps, batch_size=BATCH)

    def delegates(self) -> None:
        """A tenth of the held conferences had invited delegates (10 per village) who mostly checked in."""
        from doithoai.delegates.models import Delegate, Rsvp

        rng = self.rng
        codes = Codes(set(Delegate.objects.values_list("code", flat=True)))
        rows = []
        for item in self.communes:
            for held in item.conferences.values():
                for day, conference in held:
                    if rng.random() >= DELEGATES:
                        continue
                    for order in range(len(item.villages) * 10):
                        village = item.villages[order % len(item.villages)]
                        came = rng.random() < 0.85
                        rows.append(
                            Delegate(
                                conference=conference,
                                village=village,
                                group="Đại diện Nhân dân",
                                role_label=f"Đại diện Nhân dân {village.name}",
                                full_name=f"{rng.choice(NAMES)} {order + 1}",
                                code=codes(),
                                rsvp=Rsvp.ATTENDING if came else rng.choice([Rsvp.PENDING, Rsvp.DECLINED]),
                                checked_in_at=conference.starts_at - dt.timedelta(minutes=rng.randint(0, 40))
                                if came
                                else None,
                                order=order,
                                created_at=_at(day - dt.timedelta(days=14)),
                                updated_at=conference.starts_at if came else _at(day - dt.timedelta(days=14)),
                            )
                        )
        Delegate.objects.bulk_create(rows, batch_size=BATCH)

    # ------------------------------------------------------------ petitions

    def petitions(self, total: int) -> None:
        from django.db import connection

        from doithoai.petitions.models import Jurisdiction

        batch = _Batch()
        self.beyond = [m for m in self.matters if m.jurisdiction != Jurisdiction.THIS_UNIT]
        counts = _spread(total, [c.weight for c in self.communes])
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A throwaway database: a crash may lose the last commits, and no commit waits for the disk.
                cursor.execute("SET synchronous_commit TO off")
        for item, count in zip(self.communes, counts, strict=True):
            for _ in range(count):
                self._petition(item, batch)
            item.petitions = count
            if len(batch.petitions) >= BATCH:
                batch.flush()
        batch.flush()

    def _received_on(self, status: str, *, overdue: bool = False) -> dt.date:
        """Answered and refused petitions any day of the years; open ones a backlog of the last weeks (an
        overdue one was assigned weeks ago, due 14 days later)."""
        rng, today = self.rng, self.today
        first = dt.date(self.years[0], 1, 1)
        last = min(dt.date(self.years[-1], 12, 31), today)
        if status in ("received", "classified"):
            back = rng.randint(0, 30 if status == "received" else 60)
        elif status == "accepted":
            back = rng.randint(20, 150) if overdue else rng.randint(0, 45)
        elif status == "referred":
            back = rng.randint(10, 180)
        else:
            back = rng.randint(0, (last - first).days)
        return max(first, last - dt.timedelta(days=back))

    def _petition(self, item: _Unit, batch: _Batch) -> None:
        from doithoai.petitions.models import (
            Answer,
            AnswerMode,
            Channel,
            Kind,
            PetitionGroup,
            PetitionStatus,
            Satisfaction,
            search_text_for,
        )

        rng, today, unit = self.rng, self.today, item.unit
        status = _weighted(rng, STATUSES)
        # Beyond the commune: waiting for the province or another body, or answered by them (one answer in
        # twelve comes back this way). Only the matters the demo puts beyond a commune's powers go on.
        routed = status == PetitionStatus.REFERRED or (status in ("resolved", "notified") and rng.random() < 0.08)
        matter = rng.choice(self.beyond if routed else self.matters)
        channel = _weighted(rng, CHANNELS)
        overdue = status == PetitionStatus.ACCEPTED and rng.random() < OVERDUE
        received = self._received_on(status, overdue=overdue)
        held = item.conferences.get(received.year, [])
        conference = None
        if channel == Channel.CONFERENCE or status == PetitionStatus.ANSWERED_AT_CONFERENCE:
            # Said or answered at a conference: one that was held; the day is that conference's.
            if held:
                received, conference = rng.choice(held)
            else:
                channel = Channel.PAPER_FORM if channel == Channel.CONFERENCE else channel
                status = "notified" if status == PetitionStatus.ANSWERED_AT_CONFERENCE else status
        elif channel in (Channel.PAPER_FORM, Channel.SUMMARY_IMPORT):
            # Opinions collected for the next conference of the year, in the weeks before it.
            after = [(day, c) for day, c in held if received <= day <= received + dt.timedelta(days=60)]
            if after and rng.random() < 0.8:
                conference = after[0][1]
        village = rng.choice(item.villages) if rng.random() < 0.93 else None
        place = village.name if village else "thôn"
        text = rng.choice(matter.wordings).format(thon=place[:1].lower() + place[1:])
        kind = matter.kind
        if status == PetitionStatus.REFUSED and rng.random() < 0.6:
            kind = rng.choice([Kind.COMPLAINT, Kind.DENUNCIATION])
        code = self.codes()
        entered = _at(received, rng.randint(7, 16), rng.randint(0, 59))
        sector = item.sectors[matter.sector] if status != "received" or rng.random() < 0.2 else None
        row = {
            **batch.defaults,
            "unit_id": unit.pk,
            "conference_id": conference.pk if conference else None,
            "tracking_code": code,
            "channel": channel,
            "received_on": received,
            "village_id": village.pk if village else None,
            "submitter_name": rng.choice(NAMES) if rng.random() < 0.3 else "",
            "original_text": text,
            "text": text,
            "search_text": search_text_for(text, code),
            "kind": kind,
            "sector_id": sector.pk if sector else None,
            "status": status,
            "created_at": entered,
            "updated_at": entered,
        }
        if status == PetitionStatus.REFUSED:
            row["refused_reason"] = "Nội dung khiếu nại, tố cáo: hướng dẫn công dân thực hiện theo quy định."
        group = None
        if status != "received" and rng.random() < 0.1:
            key = (unit.pk, matter.group or matter.wordings[0])
            if key not in batch.groups:
                batch.groups[key] = PetitionGroup(
                    unit=unit, conference=conference, title=key[1][:500], sector=sector, created_at=entered
                )
            group = row["group"] = batch.groups[key]
        answer = None
        if routed:
            answer = self._route(item, row, matter, group, batch)
        elif status in ("accepted", "resolved", "notified"):
            row["assigned_department_id"] = rng.choice(item.departments).pk
            if status == "accepted":
                # Running: assigned lately (or given more time), due within the next two weeks.
                row["due_date"] = (
                    received + dt.timedelta(days=14) if overdue else today + dt.timedelta(days=rng.randint(0, 14))
                )
                row["reopen_count"] = 1 if rng.random() < 0.03 else 0
            else:
                row["due_date"] = received + dt.timedelta(days=14)
        if status in ANSWERED and answer is None:
            # One answer per group, else one per sector, year and form in the commune (a written answer
            # covers the sector's petitions of the year): shared, as `Answer` is.
            at_conference = status == PetitionStatus.ANSWERED_AT_CONFERENCE
            answer_key = (unit.pk, group.title) if group else (unit.pk, matter.sector, received.year, at_conference)
            if answer_key not in batch.answers:
                approved = _at(min(received + dt.timedelta(days=rng.randint(0, 20)), today), 15)
                batch.answers[answer_key] = Answer(
                    unit=unit,
                    mode=AnswerMode.AT_CONFERENCE if at_conference else AnswerMode.IN_WRITING,
                    text="UBND xã đã chỉ đạo giải quyết; kết quả thông báo đến Nhân dân.",
                    department=rng.choice(item.departments),
                    answered_by="Chủ tịch UBND xã" if at_conference else "",
                    document_ref="" if at_conference else f"{rng.randint(100, 999)}/UBND",
                    drafted_at=approved - dt.timedelta(days=2),
                    approved_at=approved,
                )
            answer = batch.answers[answer_key]
        if answer is not None:
            row["answer"] = answer
            row["updated_at"] = max(entered, answer.approved_at or entered)
        if status == PetitionStatus.NOTIFIED and rng.random() < 0.25:
            satisfied = rng.random() < 0.8
            row["satisfaction"] = Satisfaction.SATISFIED if satisfied else Satisfaction.UNSATISFIED
            row["satisfaction_note"] = "" if satisfied else "Chưa giải quyết dứt điểm."
            row["satisfaction_at"] = min(row["updated_at"] + dt.timedelta(days=rng.randint(1, 20)), _at(today))
        batch.petitions.append(row)

    def _route(self, item: _Unit, row: dict[str, Any], matter: Any, group: Any, batch: _Batch) -> Any:
        """A referral (one per matter, state and quarter of a commune) and, to the province, its inbox petition;
        the answer that came back, if any."""
        from doithoai.petitions.models import (
            Answer,
            AnswerMode,
            Channel,
            Jurisdiction,
            Petition,
            PetitionStatus,
            Referral,
            search_text_for,
        )

        rng, today = self.rng, self.today
        answered = row["status"] != PetitionStatus.REFERRED
        up = matter.jurisdiction == Jurisdiction.HIGHER_LEVEL
        row["jurisdiction"] = matter.jurisdiction
        received = row["received_on"]
        letter = min(_month_end(dt.date(received.year, (received.month - 1) // 3 * 3 + 3, 1)), today)
        key = (item.unit.pk, matter.wordings[0], answered, letter)
        if key not in batch.referrals:
            province = self.provinces[item.unit.parent_id]
            back = min(letter + dt.timedelta(days=rng.randint(10, 40)), today) if answered else None
            referral = Referral(
                from_unit=item.unit,
                to_unit=province.unit if up else None,
                to_body="" if up else rng.choice(BODIES),
                letter_number=f"{rng.randint(100, 999)}/UBND-VP",
                letter_date=letter,
                created_at=_at(letter, 9),
                answered_at=_at(back, 15) if back else None,
            )
            answer = None
            if back is not None:
                # The province answers its inbox petition and the answer flows down (`answers.flow_down`);
                # another body's reply is recorded by the commune (`referral_record_answer`).
                answer = Answer(
                    unit=province.unit if up else item.unit,
                    mode=AnswerMode.IN_WRITING if up else AnswerMode.BY_REFERRAL,
                    text="Cơ quan có thẩm quyền đã xem xét và trả lời bằng văn bản.",
                    department=rng.choice(province.departments) if up else None,
                    answered_by="" if up else referral.to_body,
                    document_ref=f"{rng.randint(100, 999)}/UBND-KT",
                    referral=None if up else referral,
                    drafted_at=_at(back, 9),
                    approved_at=_at(back, 15),
                )
            if up:
                code = self.codes()
                text = group.title if group is not None else row["text"]
                waiting = _weighted(rng, [("received", 3), ("classified", 3), ("accepted", 4)])
                inbox = Petition(
                    unit=province.unit,
                    tracking_code=code,
                    channel=Channel.REFERRAL,
                    received_on=letter,
                    original_text=text,
                    text=text,
                    search_text=search_text_for(text, code),
                    kind=row["kind"],
                    sector=None if not answered and waiting == "received" else province.sectors[matter.sector],
                    status=PetitionStatus.NOTIFIED if answered else waiting,
                    answer=answer,
                    created_at=_at(letter, 10),
                    updated_at=referral.answered_at or _at(letter, 10),
                )
                if inbox.status in ("accepted", "notified"):
                    inbox.assigned_department = rng.choice(province.departments)
                    inbox.due_date = (
                        letter + dt.timedelta(days=14) if answered else today + dt.timedelta(days=rng.randint(-10, 14))
                    )
                referral.inbox_petition = inbox
                batch.inbox.append(inbox)
            batch.referrals[key] = (referral, answer)
        referral, answer = batch.referrals[key]
        row["referral"] = referral
        return answer


class _Batch:
    """Rows waiting to be written, in the order their foreign keys need. The petitions are plain rows (the
    column values, with the group, answer and referral as objects until they have ids): PostgreSQL takes them
    with COPY, several times faster than `bulk_create` of model instances at a million rows; SQLite (the
    tests) through `bulk_create`."""

    def __init__(self) -> None:
        from doithoai.petitions.models import Petition

        self.defaults = {
            f.attname: f.get_default()
            for f in Petition._meta.concrete_fields
            if not f.primary_key and f.name != "tracking_code"
        }
        self.columns = [*self.defaults, "tracking_code"]
        self.reset()

    def reset(self) -> None:
        self.groups: dict[tuple[Any, ...], Any] = {}
        self.answers: dict[tuple[Any, ...], Any] = {}
        self.referrals: dict[tuple[Any, ...], tuple[Any, Any]] = {}
        self.inbox: list[Any] = []
        self.petitions: list[dict[str, Any]] = []

    def flush(self) -> None:
        from django.db import connection

        from doithoai.petitions.models import Answer, Petition, PetitionGroup, Referral

        PetitionGroup.objects.bulk_create(self.groups.values(), batch_size=BATCH)
        # Answers of the province (to inbox petitions) and of the commune, before the petitions naming them;
        # a body's reply names its referral, made after the inbox petitions it points to.
        replies = [a for _r, a in self.referrals.values() if a is not None]
        Answer.objects.bulk_create([*self.answers.values(), *(a for a in replies if a.referral is None)])
        Petition.objects.bulk_create(self.inbox, batch_size=BATCH)
        Referral.objects.bulk_create([r for r, _a in self.referrals.values()], batch_size=BATCH)
        Answer.objects.bulk_create([a for a in replies if a.referral is not None], batch_size=BATCH)
        for row in self.petitions:
            for name in ("group", "answer", "referral"):
                related = row.pop(name, None)
                row[f"{name}_id"] = related.pk if related is not None else None
        if connection.vendor == "postgresql":
            quote = connection.ops.quote_name
            sql = f"COPY {quote(Petition._meta.db_table)} ({', '.join(quote(c) for c in self.columns)}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in self.petitions:
                    copy.write_row([row[c] for c in self.columns])
        else:
            Petition.objects.bulk_create((Petition(**row) for row in self.petitions), batch_size=BATCH)
        self.reset()


COUNTED: list[tuple[str, str, dict[str, Any]]] = [
    ("units set up", "units.AdminUnit", {"is_set_up": True}),
    ("villages", "units.Village", {}),
    ("departments", "units.Department", {}),
    ("sectors", "petitions.Sector", {}),
    ("plans", "plans.Plan", {}),
    ("conferences", "conferences.Conference", {}),
    ("timeline steps", "conferences.TimelineStep", {}),
    ("delegates", "delegates.Delegate", {}),
    ("petitions", "petitions.Petition", {}),
    ("petitions at provinces", "petitions.Petition", {"unit__level": "province"}),
    ("petition groups", "petitions.PetitionGroup", {}),
    ("answers", "petitions.Answer", {}),
    ("referrals", "petitions.Referral", {}),
]


def generate(
    scale: float = 1.0,
    *,
    years: tuple[int, ...] = (2025, 2026),
    seed: int = SEED,
    provinces: int | None = None,
    petitions: int | None = None,
    today: dt.date | None = None,
    verbose: bool = False,
) -> National:
    """Fill the (empty, migrated) database; see the module's text. `provinces` keeps only the first ones by code
    (the tests); `petitions` overrides the number, else 1,000,000 × `scale` × the share of the communes kept."""
    from django.apps import apps
    from django.db import connection
    from django.utils import timezone

    generator = _Generator(scale, tuple(sorted(years)), seed, today or timezone.localdate(), verbose)
    with historical_timestamps():
        with generator.step("units set up"):
            generator.units(provinces)
        with generator.step("villages and departments"):
            generator.villages_and_departments()
        with generator.step("sectors"):
            generator.sectors()
        with generator.step("plans"):
            generator.plans()
        with generator.step("conferences and timeline steps"):
            generator.conferences()
        with generator.step("delegates"):
            generator.delegates()
        total = petitions if petitions is not None else round(PETITIONS * scale * _kept_share(generator))
        with generator.step(f"petitions ({total:,})"):
            generator.petitions(total)
    if connection.vendor == "postgresql":
        with generator.step("ANALYZE"), connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts = {}
    for label, model, filters in COUNTED:
        counts[label] = apps.get_model(model).objects.filter(**filters).count()
    busiest = max(generator.communes, key=lambda c: c.petitions)
    return National(
        scale=scale,
        years=generator.years,
        counts=counts,
        province_id=busiest.unit.parent_id,
        commune_id=busiest.unit.pk,
        commune_ids=[c.unit.pk for c in generator.communes],
        steps=generator.steps,
    )


def _kept_share(generator: _Generator) -> float:
    """The share of the nation's communes in the provinces kept (1 without `provinces`)."""
    from doithoai.units.models import AdminUnit, Era, Level

    nation = AdminUnit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE, is_active=True).count()
    return generator.all_communes / nation if nation else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the communes and petitions (default 1)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the test database afterwards")
    args = parser.parse_args()
    with throwaway_database(keep=args.keep):
        print(machine())
        started = time.perf_counter()
        national = generate(args.scale, seed=args.seed, verbose=True)
        print(f"generated at scale {args.scale:g} in {time.perf_counter() - started:.1f} s")
        for label, count in national.counts.items():
            print(f"  {label:<24} {count:>10,}")
        print(f"{len(national.commune_ids):,} communes; the busiest: {national.commune_id} ({national.province_id})")


if __name__ == "__main__":
    main()
