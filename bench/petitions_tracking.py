"""Benchmark: the public tracking page of one petition (by its code), with 100,000 petitions in the unit.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/doithoai_bench .venv/bin/python bench/petitions_tracking.py
        [--petitions 100000] [--runs 50]

Creates (and drops at the end) the throwaway database `test_<db>`, migrates it, adds the petitions
(bench/petitions_data.py), then requests `petitions_public:track` without signing in, as a citizen who
typed the code or scanned the QR, for petitions in several states: just received, assigned, answered
(with its answer), reopened. It prints the median and 95th percentile over `--runs` requests and the SQL
queries of one page. Budget (issue 4): median under 50 ms. Exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from petitions_data import Bench, Timing, machine, measure, throwaway_database

TRACK_BUDGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the database at the end, to look into it")
    args = parser.parse_args()

    with throwaway_database(keep=args.keep):
        import time

        from django.test import Client
        from django.urls import reverse

        from doithoai.petitions.models import Petition

        bench = Bench.set_up()
        started = time.perf_counter()
        bench.grow(args.petitions)
        print(f"{args.petitions:,} petitions made in {time.perf_counter() - started:.0f} s ({machine()})")
        samples = {
            "just received": Petition.objects.filter(status="received").first(),
            "assigned, with a due date": Petition.objects.filter(status="accepted").first(),
            "answered in writing, told": Petition.objects.filter(status="notified", answer__isnull=False).first(),
            "answered at the conference": Petition.objects.filter(status="answered_at_conference").first(),
            "grouped, answered": Petition.objects.filter(status="notified", group__isnull=False).first(),
        }
        client = Client()
        rows: list[Timing] = []
        for label, petition in samples.items():
            assert petition is not None, label
            url = reverse("petitions_public:track", kwargs={"code": petition.tracking_code})
            rows.append(measure(f"track: {label}", lambda url=url: client.get(url), args.runs))

        print()
        print(f"{'page':<44} {'median':>9} {'p95':>9} {'runs':>5} {'queries':>8} {'SQL time':>10}")
        for t in rows:
            print(
                f"{t.label:<44} {t.median:>7.1f}ms {t.p95:>7.1f}ms {len(t.runs):>5} {t.queries:>8} {t.sql_ms:>8.1f}ms"
            )
        failures = [t for t in rows if t.median > TRACK_BUDGET_MS]
        print()
        for t in failures:
            print(f"MISSED {t.label}: median {t.median:.1f} ms > {TRACK_BUDGET_MS:.0f} ms")
        print("budget: " + ("ok" if not failures else f"{len(failures)} missed"))
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
