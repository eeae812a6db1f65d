"""Benchmark: the two long documents of issue 6, as DOCX and as PDF.

    .venv/bin/python bench/documents.py [--runs 5] [--keep]        (DATABASE_URL=postgres://…/<db> for PostgreSQL)

Budgets: 200 invitations as one DOCX in under 5 s; a conclusion notice of 300 items in under 3 s (DOCX); the
PDF time is reported. A throwaway database (bench/petitions_data.py) gets, through the actions as the pages
would: commune A of the test cast with 18 villages, its 2026 plan issued, a conference announced for
05/6/2026, 200 delegates invited (each page of the invitations carries a QR code, made for each one), and
300 petitions of that conference in 17 sectors, each classified, the conference held, and each answered in
the hall with the chair's conclusion (300 matters in the notice).

Timed: `draft_docx` (collect + render, the whole of what a request or job does but storing), `runs` times
after one untimed, median and max; one `issue_document` (number, render, store, audit) of each; and one
LibreOffice conversion of each DOCX (when LibreOffice is installed), with the page count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from petitions_data import VILLAGE_NAMES, machine, throwaway_database


def build() -> dict:
    import time_machine
    from django.utils import timezone

    from doithoai.conferences.actions import conference_announce, conference_create, conference_hold
    from doithoai.core.testing import make_cast
    from doithoai.delegates.actions import delegate_create
    from doithoai.petitions.actions import create_petition, petition_classify, sectors_ensure
    from doithoai.petitions.actions.answers import answer_at_conference
    from doithoai.petitions.models import Jurisdiction, Kind
    from doithoai.plans.actions import plan_create_from_preset, plan_issue
    from doithoai.units.models import Village

    def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    cast = make_cast()
    unit = cast.commune_a
    villages = [cast.village_a] + [Village.objects.create(unit=unit, name=name) for name in VILLAGE_NAMES]
    with time_machine.travel(at(dt.date(2026, 3, 2)), tick=False):
        plan = plan_create_from_preset(actor=cast.officer_a, unit=unit, preset="commune", year=2026)
        plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    day = dt.date(2026, 6, 5)
    with time_machine.travel(at(dt.date(2026, 5, 4)), tick=False):
        conference = conference_create(
            actor=cast.officer_a,
            plan=plan,
            data={
                "title": "Hội nghị đối thoại năm 2026",
                "starts_at": at(day, 7, 30),
                "venue": "Hội trường UBND xã",
                "chair_name": "Hoàng Văn Chủ",
                "secretary_name": "Lý Thị Thư",
            },
            villages=villages,
        )
        conference = conference_announce(actor=cast.officer_a, conference=conference)
        started = time.perf_counter()
        for index in range(200):
            village = villages[index % len(villages)]
            delegate_create(
                actor=cast.officer_a,
                conference=conference,
                data={"full_name": f"Nguyễn Văn Đại Biểu {index + 1:03d}", "role_label": "Cử tri"},
                village=village,
            )
        print(f"200 delegates in {time.perf_counter() - started:.0f} s")
        sectors = sectors_ensure(actor=cast.officer_a, unit=unit)
        started = time.perf_counter()
        petitions = []
        for index in range(300):
            petition, _created = create_petition(
                actor=cast.officer_a,
                unit=unit,
                data={
                    "text": f"Đề nghị sửa chữa đường giao thông nông thôn đoạn số {index + 1} bị xuống cấp, "
                    "mùa mưa lầy lội, đi lại khó khăn",
                    "channel": "paper_form",
                    "village": villages[index % len(villages)],
                    "conference": conference,
                },
            )
            petitions.append(
                petition_classify(
                    actor=cast.officer_a,
                    petition=petition,
                    kind=Kind.RECOMMENDATION,
                    sector=sectors[index % len(sectors)],
                    jurisdiction=Jurisdiction.THIS_UNIT,
                )
            )
    with time_machine.travel(at(day, 11), tick=False):
        conference = conference_hold(actor=cast.officer_a, conference=conference)
        for index, petition in enumerate(petitions):
            answer_at_conference(
                actor=cast.officer_a,
                petitions=[petition],
                text=f"UBND xã ghi nhận; đoạn số {index + 1} sẽ được sửa chữa trong năm 2026 từ nguồn ngân sách xã.",
                answered_by="Ông Hoàng Văn Chủ, Chủ tịch UBND xã",
                conclusion="Giao Phòng Kinh tế khảo sát, lập dự toán trong tháng 7/2026.",
            )
    print(f"300 petitions classified and answered in {time.perf_counter() - started:.0f} s")
    return {"cast": cast, "conference": conference}


def timed(function, runs: int) -> tuple[list[float], object]:
    function()
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return times, result


def pages(pdf_bytes: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf_bytes)
        handle.flush()
        out = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=False).stdout  # noqa: S603,S607
    return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages")), "?")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    with throwaway_database(keep=args.keep):
        import shutil

        from django.conf import settings
        from django.utils import timezone

        from doithoai.documents import pdf
        from doithoai.documents.actions import draft_docx, issue_document

        # No PDF while issuing (the test settings run tasks at once: a conversion would be timed as the issue);
        # LibreOffice found on PATH for the PDF column.
        soffice = shutil.which("soffice")
        settings.DOITHOAI_SOFFICE = ""
        built = build()
        cast, conference = built["cast"], built["conference"]
        print(f"machine: {machine()}")
        print()
        print(f"| document | draft DOCX, median of {args.runs} | max | issue | size | PDF | pages |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for kind, label in (("invitations", "200 invitations"), ("conclusion_notice", "conclusion notice, 300 items")):
            times, result = timed(
                lambda k=kind: draft_docx(actor=cast.officer_a, kind=k, subject=conference), args.runs
            )
            data = result[0]  # type: ignore[index]
            started = time.perf_counter()
            issue_document(actor=cast.officer_a, kind=kind, subject=conference, issued_on=timezone.localdate())
            issue_seconds = time.perf_counter() - started
            pdf_cell, page_cell = "LibreOffice not installed", "–"
            settings.DOITHOAI_SOFFICE = soffice or ""
            if pdf.available():
                started = time.perf_counter()
                converted = pdf.convert(data)
                pdf_cell = f"{time.perf_counter() - started:.2f} s"
                page_cell = pages(converted)
            settings.DOITHOAI_SOFFICE = ""
            print(
                f"| {label} | {statistics.median(times):.2f} s | {max(times):.2f} s | {issue_seconds:.2f} s "
                f"| {len(data) / 1024:.0f} KB | {pdf_cell} | {page_cell} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
