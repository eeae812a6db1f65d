"""Benchmark: the filtered petition list of one unit, with 1,000 then 100,000 petitions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/doithoai_bench .venv/bin/python bench/petitions_list.py
        [--small 1000] [--large 100000] [--runs 30] [--explain] [--keep]

Creates (and drops at the end) the throwaway database `test_<db>`, migrates it, sets up Xã Điềm He with
18 villages, its sectors and departments and a conference, adds petitions with `bulk_create`
(bench/petitions_data.py), then requests the list page (`petitions:list`) with the Django test client,
signed in as the office, for several filters: a status, a sector and a village, searches without
diacritics (a common word, a rare phrase, a phrase found nowhere), the overdue ones, a conference. It
prints the median and 95th percentile over `--runs` requests, the SQL queries of one page and their time,
at both sizes, and the same for the Front's summary of a conference. Budgets (issue 4): median under
150 ms at 100,000 petitions; as many queries at 100,000 as at 1,000. Exits 1 when one is missed.
`--explain` prints EXPLAIN ANALYZE of the slowest list's queries; `--keep` keeps the database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from petitions_data import Bench, Timing, explain, machine, measure, throwaway_database

LIST_BUDGET_MS = 150.0


def filters(bench: Bench) -> list[tuple[str, dict[str, Any]]]:
    sector = bench.sectors[2]  # Xây dựng – giao thông – hạ tầng
    village = bench.villages[3]
    return [
        ("no filter (first page)", {}),
        ("status = assigned", {"trang_thai": "accepted"}),
        ("sector + village", {"linh_vuc": sector.pk, "thon": village.pk}),
        ('search "duong"', {"q": "duong"}),
        ("overdue", {"qua_han": "1"}),
        ("conference", {"hoi_nghi": bench.conference.pk}),
        ('status + search "nuoc"', {"trang_thai": "classified", "q": "nuoc"}),
        # Searches that find little: the whole unit is read to find out.
        ('search "kenh muong" (few)', {"q": "kenh muong"}),
        ('search "san bay" (none)', {"q": "san bay"}),
    ]


def run_all(bench: Bench, client: Any, runs: int, size: int) -> list[Timing]:
    from django.urls import reverse

    base = reverse("petitions:list", args=[bench.unit.pk])
    timings = []
    for label, params in filters(bench):
        url = f"{base}?{urlencode(params)}" if params else base
        timings.append(measure(f"{size:>7,} | list: {label}", lambda url=url: client.get(url), runs))
    summary = reverse("petitions:front_summary", args=[bench.unit.pk, bench.conference.pk])
    count = bench.conference.petitions.count()
    timings.append(measure(f"{size:>7,} | Front's summary ({count} petitions)", lambda: client.get(summary), runs))
    return timings


def print_table(rows: list[Timing]) -> None:
    print()
    print(f"{'petitions | page':<58} {'median':>9} {'p95':>9} {'runs':>5} {'queries':>8} {'SQL time':>10}")
    for t in rows:
        print(f"{t.label:<58} {t.median:>7.1f}ms {t.p95:>7.1f}ms {len(t.runs):>5} {t.queries:>8} {t.sql_ms:>8.1f}ms")


def explain_slowest(bench: Bench, client: Any, rows: list[Timing]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    slowest = max((t for t in rows if "list:" in t.label), key=lambda t: t.median)
    label = slowest.label.split("list: ", 1)[1]
    params = dict(filters(bench))[label]
    url = reverse("petitions:list", args=[bench.unit.pk]) + (f"?{urlencode(params)}" if params else "")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    print(f"\nEXPLAIN ANALYZE of the queries of '{label}' over 5 ms:")
    for query in captured.captured_queries:
        if float(query["time"]) * 1000 < 5:
            continue
        print(f"\n-- {float(query['time']) * 1000:.1f} ms: {query['sql'][:300]}…")
        print(explain(query["sql"], None))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end, to look into it")
    args = parser.parse_args()

    with throwaway_database(keep=args.keep):
        import time

        from django.test import Client

        bench = Bench.set_up()
        client = Client()
        client.force_login(bench.cast.officer_a)
        started = time.perf_counter()
        bench.grow(args.small, conference_share=0.15)
        small = run_all(bench, client, args.runs, args.small)
        bench.grow(args.large - args.small, conference_share=0.0)
        print(f"{args.large:,} petitions made in {time.perf_counter() - started:.0f} s ({machine()})")
        large = run_all(bench, client, args.runs, args.large)
        print_table(small + large)
        if args.explain:
            explain_slowest(bench, client, large)

        failures = []
        for few, many in zip(small, large, strict=True):
            label = many.label.split("| ", 1)[1]
            if few.queries != many.queries:
                failures.append(f"{label}: {few.queries} queries at {args.small:,}, {many.queries} at {args.large:,}")
            if "list:" in many.label and many.median > LIST_BUDGET_MS:
                failures.append(f"{label}: median {many.median:.0f} ms > {LIST_BUDGET_MS:.0f} ms")
        print()
        for failure in failures:
            print(f"MISSED {failure}")
        print("budgets: " + ("ok" if not failures else f"{len(failures)} missed"))
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
