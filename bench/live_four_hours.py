"""Benchmark: the live room at the end of a big 4-hour conference, and its pages over a long run.

    .venv/bin/python bench/live_four_hours.py [--minutes 10] [--server runserver|gunicorn]
        [--database-url URL] [--keep]

The issue: "It runs for a 4-hour conference on a mid-range laptop". Two things can go wrong over four
hours: the server's pages get slow as the conference's data grows, and the browser pages that poll all
morning (the hall's screen, the secretary's control page) leak memory until the laptop crawls.

1. Server side, at the end of a big conference. A throwaway database (a new SQLite file, or with
   `--database-url postgres://…/<name>` an empty throwaway PostgreSQL database, migrated and filled, never
   dropped), filled through the actions as the day would: commune A of the test cast with 18 villages
   (bench/petitions_data.py), 200 delegates invited and checked in, the standard programme run item by item
   to its last one (the room still running), 60 speakers started and stopped (every fifth over time), 40
   questions recorded with `exchange_open` (each a petition raised in the hall) and concluded with
   `exchange_conclude` (answered, in writing, referred up, referred to a body, in turn), and the minutes: a
   section per agenda item and per exchange (~500 characters), each saved 10 times as it grows (autosave).
   Only the clock is set directly (the spoken and used times, as the demo does): a bench cannot wait 4 hours.
   Then each page, through Django's test client signed in as the office: the median and max of 20 requests
   (after 2 to warm up), the queries of one (CaptureQueriesContext) and the size of the answer.
2. Client side, over a long run. A server in its own process (bench/live_screen.py's way: runserver with
   DEBUG on, as `./dev demo` serves, or gunicorn), Debian's Chromium launched as conftest.py does, with two
   pages: the hall's screen by its link (polls every 500 ms) and the secretary's control page, signed in
   (its region polls every 3 s). Every 2 s the script changes the room through the actions (a speaker added
   and started, the speaker stopped, the next agenda item, in turn). Every 30 s, after a forced garbage
   collection (CDP HeapProfiler.collectGarbage), it samples each page's JS heap (Performance.getMetrics
   JSHeapUsedSize), its DOM nodes (elements in the document, and the "Nodes" metric, which also counts
   detached nodes not yet collected) and event listeners, and the server's resident memory; at the end,
   the same pages loaded afresh on the final state, the baseline the end is compared with.

Why 10 minutes stand for 4 hours: at one change every 2 s, 10 minutes make 300 changes and ~1,200 screen
polls, each change a new state rendered in both pages. A real 4-hour conference has fewer changes than
that (60 speakers started and stopped and ten agenda items make ~130). What leaks, leaks per change or per
poll, not per minute: a heap and a DOM that stay flat over 300 changes will stay flat over a morning.
`--minutes 0` measures the server side only.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from live_screen import free_port, server, servers  # noqa: E402

DELEGATES = 200
SPEAKERS = 60
EXCHANGES = 40
SAVES = 10
REQUESTS = 20
CHANGE_EVERY_S = 2.0
SAMPLE_EVERY_S = 30.0
SECTION_TEXT = (
    "Đại biểu phát biểu ý kiến về tình trạng đường giao thông nông thôn xuống cấp, mùa mưa lầy lội, "
    "học sinh đi học khó khăn; đề nghị UBND xã sớm có kế hoạch sửa chữa, bê tông hóa đoạn còn lại. "
    "Đại diện UBND xã tiếp thu, giải trình về nguồn vốn, cam kết đưa vào kế hoạch năm sau và giao "
    "phòng chuyên môn khảo sát, lập dự toán, báo cáo Chủ tịch UBND xã trước ngày 30 tháng 6. "
    "Chủ trì hội nghị kết luận: giao các cơ quan liên quan phối hợp thực hiện, thông báo kết quả "
    "đến Nhân dân qua trưởng thôn và hệ thống truyền thanh của xã; thư ký ghi nhận đầy đủ."
)


# ---------------------------------------------------------------- 1. the conference, through the actions


def build_conference() -> dict[str, Any]:
    from petitions_data import Bench

    from doithoai.conferences.actions import conference_announce
    from doithoai.delegates.actions import delegate_check_in, delegate_create
    from doithoai.live.actions.agenda import agenda_next
    from doithoai.live.actions.exchanges import exchange_conclude, exchange_open
    from doithoai.live.actions.minutes import minutes_section_save
    from doithoai.live.actions.room import room_start
    from doithoai.live.actions.screen import screen_room
    from doithoai.live.actions.speakers import speaker_add, speaker_start, speaker_stop
    from doithoai.live.models import AgendaItem, AgendaKind, Outcome, Speaker
    from doithoai.petitions.models import Jurisdiction

    bench = Bench.set_up()
    office, chair = bench.cast.officer_a, bench.cast.chair_a
    conference = conference_announce(actor=office, conference=bench.conference)
    token = screen_room(conference).screen_token
    villages = bench.villages
    delegates = []
    for n in range(DELEGATES):
        placed = delegate_create(
            actor=office,
            conference=conference,
            data={"full_name": f"Đại biểu số {n + 1}", "role_label": "Cử tri", "consent_to_publish": n % 2 == 0},
            village=villages[n % len(villages)],
        )
        delegates.append(placed.delegate)
        delegate_check_in(actor=office, delegate=placed.delegate, method="qr")

    room_start(actor=office, conference=conference)
    items = list(AgendaItem.objects.filter(conference=conference).order_by("order", "pk"))
    outcomes = [Outcome.ANSWERED, Outcome.IN_WRITING, Outcome.REFERRED_UP, Outcome.REFERRED_BODY]
    jurisdictions = {
        Outcome.ANSWERED: Jurisdiction.THIS_UNIT,
        Outcome.IN_WRITING: Jurisdiction.THIS_UNIT,
        Outcome.REFERRED_UP: Jurisdiction.HIGHER_LEVEL,
        Outcome.REFERRED_BODY: Jurisdiction.OTHER_BODY,
    }
    exchanges = []
    for index, item in enumerate(items):
        if index:
            agenda_next(actor=office, conference=conference)
        if item.kind != AgendaKind.DIALOGUE:
            continue
        for n in range(SPEAKERS):
            data: dict[str, Any] = (
                {"delegate": delegates[n * 3].pk}
                if n % 2 == 0
                else {"name": f"Người dân số {n + 1}", "village": villages[n % len(villages)].pk}
            )
            speaker, _created = speaker_add(actor=office, conference=conference, data=data)
            speaker_start(actor=office, speaker=speaker)
            if n < EXCHANGES:
                outcome = outcomes[n % len(outcomes)]
                exchange, _created = exchange_open(
                    actor=office,
                    conference=conference,
                    data={
                        "question": f"Câu hỏi số {n + 1}: đường giao thông thôn xuống cấp, đề nghị sửa chữa.",
                        "speaker": speaker,
                        "new_petition": True,
                        "petition_text": f"Kiến nghị số {n + 1} nêu tại hội nghị về đường giao thông.",
                        "kind": "recommendation",
                        "sector": bench.sectors[n % len(bench.sectors)],
                        "jurisdiction": jurisdictions[outcome],
                    },
                    submission_key=f"bench-4h-{n}",
                )
                exchanges.append(
                    exchange_conclude(
                        actor=chair,
                        exchange=exchange,
                        outcome=outcome,
                        answered_by="Chủ tịch UBND xã",
                        department=bench.departments[0] if outcome == Outcome.IN_WRITING else None,
                        answer_text="Xã đã có kế hoạch sửa chữa trong quý III.",
                        conclusion="Giao các cơ quan liên quan thực hiện, báo cáo kết quả.",
                        to_body="Công ty Điện lực" if outcome == Outcome.REFERRED_BODY else "",
                    )
                )
            speaker_stop(actor=office, speaker=speaker)
            # The clock only (a bench cannot wait): every fifth speaker went 40 s over.
            spoken = speaker.limit_seconds + 40 if n % 5 == 0 else 120 + (n * 7) % 170
            Speaker.objects.filter(pk=speaker.pk).update(elapsed_seconds=spoken)
    for item in items:
        AgendaItem.objects.filter(pk=item.pk).update(elapsed_seconds=item.planned_minutes * 60 + 45)

    keys = [f"agenda:{item.pk}" for item in items] + [f"exchange:{e.pk}" for e in exchanges]
    for key in keys:
        revision = 0
        for save in range(1, SAVES + 1):
            text = SECTION_TEXT[: len(SECTION_TEXT) * save // SAVES]
            revision = minutes_section_save(
                actor=office, conference=conference, key=key, text=text, base_revision=revision
            ).revision
    return {
        "bench": bench,
        "office": office,
        "conference": conference,
        "token": token,
        "items": items,
        "sections": len(keys),
    }


def measure_pages(built: dict[str, Any]) -> list[tuple[str, int, float, float, int, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from doithoai.live.selectors.screen import version_for_conference

    conference = built["conference"]
    args = [conference.unit_id, conference.pk]
    version = version_for_conference(conference)
    state = reverse("screen:state", args=[built["token"]])
    pages = [
        ("live:room (control page)", reverse("live:room", args=args), 200),
        ("live:room_live, current version", reverse("live:room_live", args=args) + f"?v={version}", 204),
        ("live:room_live, no version", reverse("live:room_live", args=args), 200),
        ("live:speakers", reverse("live:speakers", args=args), 200),
        ("live:exchanges", reverse("live:exchanges", args=args), 200),
        ("live:minutes", reverse("live:minutes", args=args), 200),
        ("live:minutes_print", reverse("live:minutes_print", args=args), 200),
        ("screen:state by token, current version", f"{state}?v={version}", 204),
        ("screen:state by token, older version", f"{state}?v={version - 1}", 200),
    ]
    client = Client()
    client.force_login(built["office"])
    rows = []
    for label, url, expected in pages:
        for _ in range(2):
            assert client.get(url).status_code == expected, label
        runs = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = client.get(url)
            runs.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == expected, (label, response.status_code)
        rows.append(
            (label, expected, statistics.median(runs), max(runs), len(captured.captured_queries), len(response.content))
        )
    return rows


def counts(conference: Any) -> dict[str, int]:
    from doithoai.audit.models import AuditEvent
    from doithoai.delegates.models import Delegate
    from doithoai.live.models import Exchange, MinutesSection, Speaker
    from doithoai.petitions.models import Petition

    return {
        "delegates checked in": Delegate.objects.filter(conference=conference, checked_in_at__isnull=False).count(),
        "speakers": Speaker.objects.filter(conference=conference).count(),
        "exchanges": Exchange.objects.filter(conference=conference).count(),
        "petitions raised in the hall": Petition.objects.filter(exchanges__conference=conference).distinct().count(),
        "minutes sections": MinutesSection.objects.filter(minutes__conference=conference).count(),
        "AuditEvent rows": AuditEvent.objects.count(),
    }


# ---------------------------------------------------------------- 2. the long run in Chromium

METRICS_JS = "() => ({ elements: document.getElementsByTagName('*').length, same: window.__sameDocument === true })"


def page_sample(page: Any, cdp: Any) -> dict[str, float]:
    cdp.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    seen = page.evaluate(METRICS_JS)
    assert seen["same"], "the page reloaded"
    return {
        "JS heap used (MB)": metrics["JSHeapUsedSize"] / 2**20,
        "DOM elements": seen["elements"],
        "DOM nodes (CDP, incl. detached)": metrics["Nodes"],
        "JS event listeners": metrics["JSEventListeners"],
    }


def server_rss_mb(session: int) -> float:
    """Resident memory of every process of the server's session (runserver, or gunicorn and its workers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total / 1024


def long_run(port: int, built: dict[str, Any], process: Any, minutes: float) -> tuple[list[tuple], dict[str, int]]:
    from django.test import Client
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from doithoai.live.actions.agenda import agenda_item_start
    from doithoai.live.actions.speakers import speaker_add, speaker_start, speaker_stop

    office, conference, items, villages = built["office"], built["conference"], built["items"], built["bench"].villages
    client = Client()
    client.force_login(office)
    base = f"http://127.0.0.1:{port}"
    polls = {"screen": 0, "control": 0}
    samples: dict[str, list[dict[str, float]]] = {"screen": [], "control": []}
    rss: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {}
        for name, url, viewport in [
            ("screen", reverse("screen:show", args=[built["token"]]), {"width": 1280, "height": 720}),
            ("control", reverse("live:room", args=[conference.unit_id, conference.pk]), {"width": 1366, "height": 768}),
        ]:
            context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
            if name == "control":
                cookie = client.cookies["sessionid"].value
                context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
            page = context.new_page()
            page.on(
                "response",
                lambda r, name=name: polls.__setitem__(name, polls[name] + ("trang-thai" in r.url)),
            )
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.evaluate("window.__sameDocument = true")
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            pages[name] = (page, cdp)

        def sample() -> None:
            for name, (page, cdp) in pages.items():
                samples[name].append(page_sample(page, cdp))
            rss.append(server_rss_mb(process.pid))

        sample()
        speaker = None
        changes = 0
        item_index = len(items) - 1
        started = time.monotonic()
        next_sample = started + SAMPLE_EVERY_S
        while time.monotonic() - started < minutes * 60:
            kind = changes % 3
            if kind == 0:
                data = {"name": f"Người dân mới {changes}", "village": villages[changes % len(villages)].pk}
                speaker, _created = speaker_add(actor=office, conference=conference, data=data)
                speaker_start(actor=office, speaker=speaker)
            elif kind == 1 and speaker is not None:
                speaker_stop(actor=office, speaker=speaker)
            else:
                item_index = (item_index + 1) % len(items)
                agenda_item_start(actor=office, item=items[item_index])
            changes += 1
            deadline = started + changes * CHANGE_EVERY_S
            if time.monotonic() >= next_sample:
                sample()
                next_sample += SAMPLE_EVERY_S
            pages["screen"][0].wait_for_timeout(max(0.0, deadline - time.monotonic()) * 1000)
        sample()
        # The same final state loaded afresh: what the end would be without anything kept from the run (the
        # control page's question form lists every speaker, so its DOM grows with the list, leak or not).
        fresh = {}
        for name, (page, _cdp) in pages.items():
            again = page.context.new_page()
            again.goto(page.url)
            again.wait_for_load_state("networkidle")
            again.evaluate("window.__sameDocument = true")
            cdp = page.context.new_cdp_session(again)
            cdp.send("Performance.enable")
            fresh[name] = page_sample(again, cdp)
            again.close()
        browser.close()
    rows = []
    for name, taken in samples.items():
        for metric in taken[0]:
            values = [s[metric] for s in taken]
            rows.append((name, metric, values[0], values[-1], max(values), fresh[name][metric]))
    rows.append(("server", "resident memory (MB)", rss[0], rss[-1], max(rss), rss[-1]))
    return rows, {"changes": changes, "samples": len(rss), **{f"{k} polls": v for k, v in polls.items()}}


def fmt(value: float) -> str:
    return f"{value:.1f}" if value != int(value) else f"{int(value)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10, help="length of the long run; 0: the server side only")
    parser.add_argument("--server", choices=["runserver", "gunicorn"], default="runserver")
    parser.add_argument("--database-url", default="", help="an empty throwaway database (default: a new SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server log)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="doithoai-bench-4h-"))
    database_url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    # One secret key for this process and the server: the session made here must hold there.
    secret = "bench-only-" + secrets.token_urlsafe(32)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "doithoai.settings",
        "DJANGO_SECRET_KEY": secret,
    }
    env.pop("DJANGO_DEBUG", None)
    os.environ.update(
        DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="doithoai.settings_test", DJANGO_SECRET_KEY=secret
    )
    try:
        subprocess.run([str(ROOT / "dev"), "manage", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        import django

        django.setup()
        from django.test.utils import setup_test_environment

        setup_test_environment()  # the test client's host
        from petitions_data import machine

        started = time.perf_counter()
        built = build_conference()
        print(f"machine: {machine()}")
        print(f"conference built through the actions in {time.perf_counter() - started:.0f} s")
        print()
        print("**Server side, at the end of the conference** (Django test client, signed in as the office)")
        print()
        print(f"| page | status | median of {REQUESTS} | max | queries | size |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, status, median, slowest, queries, size in measure_pages(built):
            print(f"| {label} | {status} | {median:.1f} ms | {slowest:.1f} ms | {queries} | {size / 1024:.1f} KB |")
        print()
        print("| data at the end | rows |")
        print("|---|---:|")
        for label, value in counts(built["conference"]).items():
            print(f"| {label} | {value} |")

        if args.minutes > 0:
            name, command, server_env = servers(args.server, env, folder)[0]
            port = free_port()
            command = [part.format(port=port) for part in command]
            with server(command, server_env, port, folder / "server.log") as process:
                rows, seen = long_run(port, built, process, args.minutes)
            print()
            print(
                f"**Long run: {args.minutes:g} min, {name}, a change every {CHANGE_EVERY_S:g} s** "
                f"({seen['changes']} changes, {seen['screen polls']} screen polls, "
                f"{seen['control polls']} control-page polls, {seen['samples']} samples after a forced GC)"
            )
            print()
            print("| page | measure | start | end | max | final state loaded afresh |")
            print("|---|---|---:|---:|---:|---:|")
            for page, metric, first, last, most, again in rows:
                print(f"| {page} | {metric} | {fmt(first)} | {fmt(last)} | {fmt(most)} | {fmt(again)} |")
            print()
            print(f"| AuditEvent rows after the long run | {counts(built['conference'])['AuditEvent rows']} |")
        return 0
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
