"""Shared by bench/petitions_list.py and bench/petitions_tracking.py: a throwaway database and many petitions.

`throwaway_database()` creates the test database of the configured one (PostgreSQL with
`DATABASE_URL=postgres://…/<db>`: the database `test_<db>`; SQLite otherwise), migrates it, and drops
it at the end (unless `keep`, to look into it afterwards). `Bench.grow(n)` adds petitions with
`bulk_create` in batches, spread as a commune's years of petitions are: over three years, every village
and sector, every state (a tenth of the assigned ones overdue), about one in ten grouped (a few thousand
groups) and the answered ones sharing a few thousand answers. Texts are the demo's wordings, so a
search for "duong" finds about one petition in five.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings_test")
sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress shows when piped to a file

BATCH = 5000
SEED = 20261122
VILLAGE_NAMES = [
    "Thôn Bản Châu", "Thôn Khòn Khẻ", "Thôn Pò Háng", "Thôn Nà Cạn", "Thôn Kéo Coong", "Thôn Pác Cáp",
    "Thôn Nà Lầm", "Thôn Bản Giềng", "Thôn Khòn Lạn", "Thôn Còn Pheo", "Thôn Nà Thí", "Thôn Bó Bẩu",
    "Thôn Phai Xả", "Thôn Tồng Pài", "Thôn Trấn Ninh", "Thôn Liên Hội", "Thôn Đồng Đăng",
]  # fmt: skip
DEPARTMENTS = ["Phòng Văn hóa - Xã hội", "Trung tâm Dịch vụ công ích", "Trạm Y tế xã", "Công an xã"]
# (status, share): a commune's petitions over three years, most of them long answered.
STATUSES = [
    ("notified", 52),
    ("resolved", 5),
    ("answered_at_conference", 10),
    ("refused", 3),
    ("referred", 4),
    ("accepted", 12),
    ("classified", 8),
    ("received", 6),
]
CHANNELS = [("paper_form", 40), ("summary_import", 30), ("online", 18), ("reception", 8), ("conference", 4)]


def throwaway_database(*, keep: bool = False) -> contextlib.AbstractContextManager[Any]:
    import django

    django.setup()

    from django.db import connection
    from django.test.utils import setup_test_environment

    @contextlib.contextmanager
    def database() -> Iterator[Any]:
        setup_test_environment()
        started = time.perf_counter()
        original = str(connection.settings_dict["NAME"])
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        print(f"{connection.vendor} database {name} created and migrated in {time.perf_counter() - started:.1f} s")
        try:
            yield connection
        finally:
            if keep:
                print(f"database {name} kept (--keep): drop it with `dropdb -h 127.0.0.1 -U postgres {name}`")
            else:
                connection.creation.destroy_test_db(original, verbosity=0)
                print(f"database {name} dropped")

    return database()


def machine() -> str:
    import platform

    from django.db import connection

    with connection.cursor() as cursor:
        version = connection.vendor
        if connection.vendor == "postgresql":
            cursor.execute("show server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("select sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{python}, {version}, {os.cpu_count()} CPUs, load {load:.1f}"


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


@dataclass
class Bench:
    cast: Any
    unit: Any
    villages: list[Any]
    sectors: list[Any]
    departments: list[Any]
    conference: Any
    texts: list[str]
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))  # noqa: S311 - fake data
    made: int = 0

    @classmethod
    def set_up(cls) -> Bench:
        from django.utils import timezone

        from doithoai.conferences.actions import conference_create
        from doithoai.core.testing import make_cast
        from doithoai.petitions import demo
        from doithoai.petitions.actions import sectors_ensure
        from doithoai.plans.actions import plan_create_from_preset, plan_issue
        from doithoai.units.models import Department, Village

        cast = make_cast()
        unit = cast.commune_a
        for order, name in enumerate(VILLAGE_NAMES, start=2):
            Village.objects.create(unit=unit, name=name, sort_order=order)
        for name in DEPARTMENTS:
            Department.objects.create(unit=unit, name=name)
        plan = plan_create_from_preset(actor=cast.officer_a, unit=unit, preset="commune", year=2026)
        plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
        day = timezone.localdate() + dt.timedelta(days=30)
        conference = conference_create(
            actor=cast.officer_a,
            plan=plan,
            data={
                "title": "Hội nghị đối thoại năm 2026",
                "starts_at": timezone.make_aware(dt.datetime.combine(day, dt.time(7, 30))),
            },
            villages=list(Village.objects.filter(unit=unit)),
            reason="benchmark",
        )
        matters = [*demo.GROUPED, *demo.SIMILAR, *demo.SINGLES, *demo.ECHOES]
        return cls(
            cast=cast,
            unit=unit,
            villages=list(Village.objects.filter(unit=unit)),
            sectors=sectors_ensure(actor=cast.officer_a, unit=unit),
            departments=list(Department.objects.filter(unit=unit)),
            conference=conference,
            texts=[w for m in matters for w in m.wordings],
        )

    def grow(self, n: int, *, conference_share: float = 0.0) -> None:
        """Add `n` petitions (and their groups and answers) in batches; ANALYZE on PostgreSQL afterwards."""
        from django.db import connection
        from django.utils import timezone

        from doithoai.petitions.models import Answer, AnswerMode, Petition, PetitionGroup, search_text_for

        rng = self.rng
        today = timezone.localdate()
        done = 0
        while done < n:
            size = min(BATCH, n - done)
            groups = PetitionGroup.objects.bulk_create(
                PetitionGroup(unit=self.unit, title=f"Nhóm {self.made + i}: {rng.choice(self.texts)[:200]}")
                for i in range(size // 30)
            )
            answers = Answer.objects.bulk_create(
                Answer(
                    unit=self.unit,
                    mode=rng.choice([AnswerMode.IN_WRITING, AnswerMode.AT_CONFERENCE]),
                    text="UBND xã đã chỉ đạo giải quyết; kết quả thông báo đến Nhân dân.",
                    approved_at=timezone.now(),
                )
                for _ in range(size // 20)
            )
            rows = []
            for i in range(size):
                status = _weighted(rng, STATUSES)
                village = rng.choice(self.villages) if rng.random() < 0.93 else None
                place = village.name if village else "Thôn"
                text = rng.choice(self.texts).format(thon=place[:1].lower() + place[1:])
                text = f"{text} (#{self.made + i})"
                received = today - dt.timedelta(days=rng.randint(0, 3 * 365))
                petition = Petition(
                    unit=self.unit,
                    conference=self.conference if rng.random() < conference_share else None,
                    channel=_weighted(rng, CHANNELS),
                    received_on=received,
                    village=village,
                    original_text=text,
                    text=text,
                    status=status,
                    sector=rng.choice(self.sectors) if status != "received" or rng.random() < 0.2 else None,
                    kind=rng.choice(["recommendation", "recommendation", "feedback", "question", "opinion"]),
                    submitter_name="Hoàng Văn Pẻo" if rng.random() < 0.3 else "",
                )
                petition.search_text = search_text_for(text, petition.tracking_code)
                if status in ("accepted", "resolved", "notified") or (status == "referred" and rng.random() < 0.3):
                    petition.assigned_department = rng.choice(self.departments)
                    overdue = status == "accepted" and rng.random() < 0.1
                    petition.due_date = (
                        today - dt.timedelta(days=rng.randint(1, 30))
                        if overdue
                        else (
                            today + dt.timedelta(days=rng.randint(0, 14))
                            if status == "accepted"
                            else received + dt.timedelta(days=14)
                        )
                    )
                if status in ("resolved", "notified", "answered_at_conference") and answers:
                    petition.answer = rng.choice(answers)
                if groups and rng.random() < 0.1 and status != "received":
                    petition.group = rng.choice(groups)
                rows.append(petition)
            Petition.objects.bulk_create(rows, batch_size=BATCH)
            done += size
            self.made += size
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


@dataclass
class Timing:
    label: str
    runs: list[float]
    queries: int
    sql_ms: float  # the time of one request's SQL queries, as the database driver saw it

    @property
    def median(self) -> float:
        return statistics.median(self.runs) * 1000

    @property
    def p95(self) -> float:
        ordered = sorted(self.runs)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000


def measure(label: str, get: Callable[[], Any], runs: int, *, max_seconds: float = 90.0) -> Timing:
    """`runs` timed calls of `get` after 3 untimed ones (fewer when they take over `max_seconds` in all:
    the table says how many), and the SQL queries of one more, with their time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = get()
        assert response.status_code == 200, (label, response.status_code)
    times: list[float] = []
    while len(times) < runs and sum(times) < max_seconds:
        started = time.perf_counter()
        response = get()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (label, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        get()
    sql = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    return Timing(label, times, len(captured.captured_queries), sql)


def explain(sql: str, params: Any) -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())
