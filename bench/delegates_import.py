"""Benchmark: import 5,000 delegates from an .xlsx through the action the import page calls.

    .venv/bin/python bench/delegates_import.py [--rows 5000] [--memory]

Builds a throwaway SQLite database (a temporary file with the production
PRAGMAs, or in memory with --memory), migrates it, sets up Xã Điềm He with
20 villages, its issued 2026 plan from the commune preset and a conference,
generates the open slots, writes a workbook of N rows (some filling slots,
the rest added), then times `delegates.actions.delegates_import` and counts
its SQL queries. The target (issue 3) is under 10 s for 5,000 rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings_test")

SURNAMES = ["Hoàng", "Nông", "Lương", "Vi", "Lộc", "Hà", "Chu", "Lăng", "Triệu", "Hứa", "Mã", "Đinh", "Nguyễn"]
GIVEN = ["Văn Pẻo", "Thị Sim", "Văn Lình", "Thị Hoa", "Văn Toàn", "Thị Mai", "Đức Thành", "Thị Thơm"]
TARGET_SECONDS = 10.0


def workbook(rows: int, villages: list[str], roles: list[str]) -> bytes:
    from openpyxl import Workbook

    from doithoai.delegates.excel import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append([str(c.header) for c in COLUMNS])
    for i in range(rows):
        name = f"{SURNAMES[i % len(SURNAMES)]} {GIVEN[(i // len(SURNAMES)) % len(GIVEN)]} {i:05d}"
        village = villages[i % len(villages)] if i % 10 else ""
        role = roles[i % len(roles)]
        phone = f"09{i:08d}" if i % 3 == 0 else ""
        sheet.append([i + 1, name, "Nhân dân", village, role, phone, "Có" if i % 4 == 0 else "Không", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--memory", action="store_true", help="an in-memory database instead of a temporary file")
    args = parser.parse_args()

    import django
    from django.conf import settings

    folder = tempfile.TemporaryDirectory(prefix="doithoai-bench-")
    if not args.memory:
        settings.DATABASES["default"]["TEST"] = {"NAME": str(Path(folder.name) / "bench.sqlite3")}
    django.setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    started = time.perf_counter()
    original_name = str(connection.settings_dict["NAME"])
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"database ready (migrated) in {time.perf_counter() - started:.1f} s")
    try:
        return run(args.rows, CaptureQueriesContext, connection)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        folder.cleanup()


def run(rows: int, capture: Any, connection: Any) -> int:
    from django.utils import timezone

    from doithoai.conferences.actions import conference_create
    from doithoai.core.testing import make_cast
    from doithoai.delegates import actions
    from doithoai.delegates.models import Delegate
    from doithoai.plans.actions import plan_create_from_preset, plan_issue
    from doithoai.units.models import Village

    cast = make_cast()
    unit = cast.commune_a
    for i in range(2, 21):
        Village.objects.create(unit=unit, name=f"Thôn Số {i:02d}", sort_order=i)
    villages = list(Village.objects.filter(unit=unit))
    plan = plan_create_from_preset(actor=cast.officer_a, unit=unit, preset="commune", year=2026)
    plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    starts_at = timezone.make_aware(dt.datetime.combine(dt.date(2026, 12, 18), dt.time(7, 30)))
    conference = conference_create(
        actor=cast.officer_a,
        plan=plan,
        data={"title": "Hội nghị đối thoại năm 2026", "starts_at": starts_at},
        villages=villages,
        reason="benchmark",
    )
    slots = actions.slots_generate(actor=cast.officer_a, conference=conference).created
    roles = [r.role_label for r in plan.composition.all()] + ["Khách mời"]
    data = workbook(rows, [v.name for v in villages], roles)
    print(f"{rows} rows, {len(data) / 1024:.0f} KiB workbook; {slots} open slots for {len(villages)} villages")

    from doithoai.delegates import excel

    started = time.perf_counter()
    excel.read_rows(data)
    parse = time.perf_counter() - started

    started = time.perf_counter()
    with capture(connection) as queries:
        result = actions.delegates_import(
            actor=cast.officer_a, conference=conference, upload=data, filename="bench.xlsx"
        )
    elapsed = time.perf_counter() - started
    assert Delegate.objects.filter(conference=conference).exclude(full_name="").count() == rows
    print(f"imported {result.rows} rows: {result.filled} into open slots, {result.added} added")
    print(f"reading the workbook alone: {parse:.2f} s")
    print(f"import (read + check + save, one transaction): {elapsed:.2f} s, {len(queries)} SQL queries")
    ok = elapsed < TARGET_SECONDS
    print(f"target < {TARGET_SECONDS:.0f} s: {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
