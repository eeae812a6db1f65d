"""Benchmark: the dashboards of issue 7 over a nation of data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> .venv/bin/python bench/dashboards.py [--scale 1] [--runs 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_<name> .venv/bin/python bench/dashboards.py --reuse

Budgets (PostgreSQL, national data: 34 provinces, 3,321 communes, 1,000,000 petitions over 2025–2026): a
province's roll-up of its communes renders in under 500 ms at the median, a commune's dashboard in under 150 ms.

Without `--reuse` the throwaway database `test_<name>` is made and filled by `national_data.generate(scale)`
(about 10 minutes at scale 1 on PostgreSQL) and dropped afterwards unless `--keep`; `--reuse` measures the database
that DATABASE_URL names as it is (one kept by `national_data.py --keep` or by this script's `--keep`).

Timed: whole requests through Django's test client (URL resolution, the session, the permission check, the
selectors, the template, the response), signed in as a higher official of the province, as the pages are used:
- the roll-up of the province with the most petitions' busiest commune, period 2026;
- the dashboard of that busiest commune (the worst case of a commune), period 2026, and the first half of 2026;
- the dashboard of the province itself (its own inbox of referred petitions);
- the petition list's Excel export of the commune, filtered on the period and one measure (reported, no budget).
Each page once untimed (warm-up: connection, templates, translations), then `runs` times; the median, the 90th
percentile and the slowest, and the number of queries of one request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from petitions_data import machine, throwaway_database

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings_test")

BUDGETS_MS = {"roll-up": 500, "commune": 150}


def targets() -> tuple[int, int]:
    """The busiest commune (most petitions) and the province with most petitions in its communes: the worst
    case of each page."""
    from django.db.models import Count

    from doithoai.petitions.models import Petition
    from doithoai.units.models import Level

    communes = Petition.objects.filter(unit__level=Level.COMMUNE)
    commune = communes.values("unit_id").annotate(n=Count("pk")).order_by("-n", "unit_id").first()
    province = communes.values("unit__parent_id").annotate(n=Count("pk")).order_by("-n", "unit__parent_id").first()
    if commune is None or province is None:
        raise SystemExit("no petitions in this database: run without --reuse, or national_data.py --keep first")
    return commune["unit_id"], province["unit__parent_id"]


def official(province_id: int):
    from doithoai.accounts.models import Membership, User
    from doithoai.accounts.roles import Role

    user, _created = User.objects.get_or_create(username="bench-province", defaults={"full_name": "Cán bộ tỉnh"})
    Membership.objects.get_or_create(user=user, unit_id=province_id, role=Role.HIGHER_OFFICIAL)
    return user


def measure(client, label: str, url: str, runs: int) -> dict:
    from django.db import connection

    # Counted by a wrapper rather than `connection.queries`, which each request's new connection empties.
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        first = client.get(url)
    assert first.status_code == 200, (label, url, first.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {
        "label": label,
        "median": statistics.median(times),
        "p90": times[max(0, round(0.9 * len(times)) - 1)],
        "max": times[-1],
        "queries": len(executed),
    }


def run(runs: int) -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from doithoai.petitions.models import Petition
    from doithoai.units.models import AdminUnit

    commune_id, province_id = targets()
    client = Client()
    client.force_login(official(province_id))
    commune_official = official(AdminUnit.objects.get(pk=commune_id).parent_id or province_id)
    commune_client = Client()
    commune_client.force_login(commune_official)

    in_commune = Petition.objects.filter(unit_id=commune_id, received_on__year=2026).count()
    below = AdminUnit.objects.filter(parent_id=province_id)
    in_province = Petition.objects.filter(unit__parent_id=province_id, received_on__year=2026).count()
    print(f"busiest commune {commune_id}: {in_commune:,} petitions received in 2026")
    print(f"busiest province {province_id}: {below.count():,} units below, {in_province:,} petitions received in 2026")
    rollup = reverse("reports:rollup", args=[province_id]) + "?ky=nam&nam=2026"
    commune = reverse("reports:dashboard", args=[commune_id]) + "?ky=nam&nam=2026"
    half = reverse("reports:dashboard", args=[commune_id]) + "?ky=6-thang-dau&nam=2026"
    province = reverse("reports:dashboard", args=[province_id]) + "?ky=nam&nam=2026"
    export = reverse("petitions:export", args=[commune_id]) + "?tu_ngay=2026-01-01&den_ngay=2026-12-31&dinh_dang=xlsx"
    results = [
        measure(client, "roll-up", rollup, runs),
        measure(commune_client, "commune", commune, runs),
        measure(commune_client, "commune, 6 months", half, runs),
        measure(client, "province's own dashboard", province, runs),
        measure(commune_client, "commune export (xlsx, 2026)", export, max(3, runs // 6)),
    ]
    return results


def report(results: list[dict]) -> bool:
    ok = True
    print(f"{'page':<30} {'median':>9} {'p90':>9} {'max':>9} {'queries':>8}")
    for r in results:
        budget = BUDGETS_MS.get(r["label"])
        verdict = ""
        if budget is not None:
            verdict = "ok" if r["median"] < budget else f"OVER {budget} ms"
            ok = ok and r["median"] < budget
        print(
            f"{r['label']:<30} {r['median']:>7.1f}ms {r['p90']:>7.1f}ms {r['max']:>7.1f}ms {r['queries']:>8} {verdict}"
        )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the communes and petitions (default 1)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the generated database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure the database DATABASE_URL names, as it is")
    args = parser.parse_args()
    if args.reuse:
        import django
        from django.test.utils import setup_test_environment

        django.setup()
        setup_test_environment()
        print(machine())
        ok = report(run(args.runs))
    else:
        from national_data import generate

        with throwaway_database(keep=args.keep):
            print(machine())
            started = time.perf_counter()
            national = generate(args.scale, verbose=True)
            print(f"generated at scale {args.scale:g} in {time.perf_counter() - started:.1f} s: {national.counts}")
            ok = report(run(args.runs))
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
