"""Benchmark: the hall's screen, against real servers, as in the hall.

    .venv/bin/python bench/live_screen.py [--requests 500] [--changes 30] [--server runserver|gunicorn|both]
        [--database-url URL] [--keep]

What it does, and why this way: the screen polls its state every 500 ms (static/live/screen.js), so what
matters is the cost of one poll and the time from a change to the screen. Both are measured against a
server started the way a commune runs it, in its own process, on a free port of 127.0.0.1 — not Django's
test server:
- runserver: `./dev manage runserver --noreload` (threaded, DEBUG on: what `./dev demo` serves);
- gunicorn: `gunicorn doithoai.wsgi -w 3` (sync workers, DEBUG off, static files by WhiteNoise after
  `collectstatic` into the temporary folder: docs/deployment.md without nginx).

1. A throwaway database: by default a new SQLite file in a temporary folder (the commune laptop's
   database); `--database-url postgres://…/<name>` uses that database instead, which must be an empty
   throwaway one (it is migrated and filled, never dropped). Migrated with `./dev manage migrate`.
2. A demo-like room, made through the actions: commune A of the test cast with 18 villages
   (bench/petitions_data.py), an announced conference, the standard programme, enough speakers for every
   run (a third with their names shown), started, the first speaker speaking, a notice.
3. (a) The state endpoint, `--requests` GETs each, one after the other, each on a new connection (the
   server's own time, as curl sees it): by the screen's link and signed in (a session made in this
   process), with the version the screen already has (204) and with an older one (200 and the whole state,
   which is what the server does after any change). The queries of one request are counted in this process
   with Django's test client. Then the same 204 poll as the screen makes it: `fetch` in Chromium, on its
   keep-alive connection.
4. (b) Propagation: Debian's Chromium (/usr/bin/chromium, launched as conftest.py does) opens the screen
   by its link at 1280×720. `--changes` times, after a random pause of up to one poll interval, a change is
   committed through an action (a speaker invited, the notice, the current agenda item, in turn), and a
   MutationObserver in the page notes when the screen shows it; the delay runs from the action's commit to
   that moment (one clock: the same machine). It includes the wait for the next poll (0–500 ms).

Prints a Markdown table per server. Exits 1 when a median propagation is over 1 s (the issue: "within 1 s
on a LAN").
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

PROPAGATION_BUDGET_MS = 1000.0
POLL_MS = 500
SEED = 20260605


@dataclass
class Row:
    label: str
    runs: list[float]  # milliseconds
    queries: str = ""

    def pct(self, p: float) -> float:
        ordered = sorted(self.runs)
        return ordered[max(0, round(p * len(ordered)) - 1)]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_get(port: int, path: str, cookie: str = "", timeout: float = 10) -> int:
    """One GET on a new connection, read to the end; the status.

    A new connection each time measures the server, not TCP: on a kept-alive connection runserver's answer
    (status line and headers written in separate small packets) waits for the client's delayed ACK, about
    40 ms on Linux, whatever the view does. The screen's own polls, on Chromium's kept-alive connection, are
    measured separately in the browser."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Accept": "application/json", "Connection": "close", **({"Cookie": cookie} if cookie else {})}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@contextlib.contextmanager
def server(command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The server in a process group of its own, stopped (that group only) at the end."""
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own commands
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start; see {log}")
                time.sleep(0.2)
            # gunicorn listens before its workers have loaded Django: wait for a first answer.
            http_get(port, "/", timeout=120)
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


def servers(which: str, env: dict[str, str], folder: Path) -> list[tuple[str, list[str], dict[str, str]]]:
    """(name, command, environment) of the servers to measure; gunicorn's static files collected first."""
    chosen = []
    if which in ("runserver", "both"):
        command = [str(ROOT / "dev"), "manage", "runserver", "--noreload", "127.0.0.1:{port}"]
        chosen.append(("runserver (DEBUG on)", command, env))
    if which in ("gunicorn", "both"):
        production = {
            **env,
            "DJANGO_DEBUG": "0",
            "DJANGO_STATIC_ROOT": str(folder / "static"),
        }
        subprocess.run(  # noqa: S603
            [str(ROOT / "dev"), "manage", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=production, check=True
        )
        command = [sys.executable, "-m", "gunicorn", "doithoai.wsgi", "-b", "127.0.0.1:{port}", "-w", "3"]
        chosen.append(("gunicorn, 3 sync workers (DEBUG off)", command, production))
    return chosen


def set_up_room(speakers_count: int) -> dict[str, Any]:
    """The demo-like room, through the actions; returns what the measures need."""
    from django.test import Client
    from petitions_data import Bench

    from doithoai.conferences.actions import conference_announce
    from doithoai.live.actions.room import room_set_notice, room_start
    from doithoai.live.actions.screen import screen_room
    from doithoai.live.actions.speakers import speaker_add, speaker_start
    from doithoai.live.models import AgendaItem

    bench = Bench.set_up()
    officer = bench.cast.officer_a
    conference = conference_announce(actor=officer, conference=bench.conference)
    room = screen_room(conference)
    speakers = []
    for n in range(speakers_count):
        village = bench.villages[n % len(bench.villages)]
        consenting = n % 3 == 0
        data = {
            "name": f"Người phát biểu số {n + 1}",
            "village": village.pk,
            "label": f"Cử tri số {n + 1}",
            "show_name": consenting,
        }
        speakers.append(speaker_add(actor=officer, conference=conference, data=data)[0])
    room_start(actor=officer, conference=conference)
    speaker_start(actor=officer, speaker=speakers[0])
    room_set_notice(actor=officer, conference=conference, notice="Đề nghị đại biểu phát biểu ngắn gọn")
    client = Client()
    client.force_login(officer)
    return {
        "bench": bench,
        "officer": officer,
        "conference": conference,
        "token": room.screen_token,
        "items": list(AgendaItem.objects.filter(conference=conference).order_by("order", "pk")),
        "cookie": f"sessionid={client.cookies['sessionid'].value}",
        "client": client,
    }


def count_queries(client: Any, path: str, version: int) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path, {"v": version})
    return str(len(captured.captured_queries))


def latency(port: int, room: dict[str, Any], requests: int) -> list[Row]:
    from django.test import Client
    from django.urls import reverse

    from doithoai.live.selectors.screen import version_for_conference

    conference = room["conference"]
    version = version_for_conference(conference)
    by_link = reverse("screen:state", args=[room["token"]])
    signed_in = reverse("live:screen_state", args=[conference.unit_id, conference.pk])
    rows = []
    for label, path, cookie, client in [
        ("by the link", by_link, "", Client()),
        ("signed in", signed_in, room["cookie"], room["client"]),
    ]:
        for asked, status, what in [(version, 204, "unchanged (204)"), (version - 1, 200, "changed (200, JSON)")]:
            url = f"{path}?v={asked}"
            for _ in range(5):
                assert http_get(port, url, cookie) == status, (label, what)
            runs = []
            for _ in range(requests):
                started = time.perf_counter()
                got = http_get(port, url, cookie)
                runs.append((time.perf_counter() - started) * 1000)
                assert got == status, (label, what, got)
            rows.append(Row(f"state {label}, {what}", runs, count_queries(client, path, asked)))
    return rows


WATCH = """
(watch) => {
  window.__watch = { selector: watch.selector, text: watch.text, seen: null };
  if (!window.__observer) {
    window.__observer = new MutationObserver(() => {
      const w = window.__watch;
      if (!w || w.seen !== null) return;
      const el = document.querySelector(w.selector);
      if (el && el.textContent === w.text) w.seen = Date.now();
    });
    window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }
}
"""


def in_browser(port: int, room: dict[str, Any], requests: int, changes: int) -> list[Row]:
    """The screen's own polls (fetch on Chromium's kept-alive connection), then the propagation of changes."""
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from doithoai.live.actions.agenda import agenda_item_start
    from doithoai.live.actions.room import room_set_notice
    from doithoai.live.actions.speakers import speaker_start
    from doithoai.live.models import Speaker, SpeakerStatus
    from doithoai.live.selectors.screen import version_for_conference

    officer, conference, items = room["officer"], room["conference"], room["items"]
    speakers = list(Speaker.objects.filter(conference=conference, status=SpeakerStatus.WAITING).order_by("order"))
    rng = random.Random(SEED)  # noqa: S311 - pauses, not secrets
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="vi-VN")
        page.goto(f"http://127.0.0.1:{port}" + reverse("screen:show", args=[room["token"]]))
        page.wait_for_selector('[data-testid="screen-speaker-name"]', state="visible")
        page.evaluate("window.__sameDocument = true")

        url = reverse("screen:state", args=[room["token"]]) + f"?v={version_for_conference(conference)}"
        polls = page.evaluate(
            """async ([url, n]) => {
              const out = [];
              for (let i = 0; i < n; i++) {
                const t = performance.now();
                const r = await fetch(url, { cache: "no-store" });
                await r.text();
                if (r.status !== 204) throw new Error("status " + r.status);
                out.push(performance.now() - t);
              }
              return out;
            }""",
            [url, requests],
        )
        rows = [Row("state by the link, unchanged (204): fetch in Chromium, kept-alive", polls)]

        runs: list[float] = []
        item_index = next(i for i, item in enumerate(items) if item.current_since is not None)
        for n in range(changes):
            kind = n % 3
            if kind == 0:
                speaker = speakers.pop(0)
                selector, text = '[data-testid="screen-speaker-name"]', speaker.screen_name

                def change(speaker: Any = speaker) -> None:
                    speaker_start(actor=officer, speaker=speaker)

            elif kind == 1:
                notice = f"Thông báo số {n + 1}: đề nghị giữ trật tự"
                selector, text = '[data-testid="screen-notice"]', notice

                def change(notice: str = notice) -> None:
                    room_set_notice(actor=officer, conference=conference, notice=notice)

            else:
                item_index = (item_index + 1) % len(items)
                item = items[item_index]
                selector, text = '[data-testid="screen-item-title"]', item.title

                def change(item: Any = item) -> None:
                    agenda_item_start(actor=officer, item=item)

            page.evaluate(WATCH, {"selector": selector, "text": text})
            page.wait_for_timeout(rng.uniform(0, POLL_MS))
            change()
            committed = time.time() * 1000
            page.wait_for_function("window.__watch.seen !== null", timeout=10_000)
            runs.append(page.evaluate("window.__watch.seen") - committed)
        assert page.evaluate("window.__sameDocument") is True, "the screen reloaded"
        browser.close()
    rows.append(Row("change committed → shown on the screen (Chromium)", runs))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--server", choices=["runserver", "gunicorn", "both"], default="both")
    parser.add_argument("--database-url", default="", help="an empty throwaway database (default: a new SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server log)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="doithoai-bench-live-"))
    database_url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    # One secret key for this process and the servers: the session made here must hold there.
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
        started = time.perf_counter()
        subprocess.run([str(ROOT / "dev"), "manage", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        print(f"database migrated in {time.perf_counter() - started:.0f} s ({database_url.split('@')[-1]})")

        import django

        django.setup()
        from django.test.utils import setup_test_environment

        setup_test_environment()  # the test client's host, for counting queries
        from petitions_data import machine

        chosen = servers(args.server, env, folder)
        room = set_up_room(2 + len(chosen) * (args.changes // 3 + 1))
        print(f"machine: {machine()}; the screen polls every {POLL_MS} ms")
        medians = []
        for name, command, server_env in chosen:
            port = free_port()
            with server([part.format(port=port) for part in command], server_env, port, folder / "server.log"):
                rows = latency(port, room, args.requests)
                rows.extend(in_browser(port, room, args.requests, args.changes))
                # The room's items as they are now, for the next server's round.
                room["items"] = [item.__class__.objects.get(pk=item.pk) for item in room["items"]]
            print()
            print(f"**{name}**")
            print()
            print("| measure | n | median | p95 | max | queries |")
            print("|---|---:|---:|---:|---:|---:|")
            for row in rows:
                print(
                    f"| {row.label} | {len(row.runs)} | {row.median:.1f} ms | {row.pct(0.95):.1f} ms"
                    f" | {max(row.runs):.1f} ms | {row.queries or '–'} |"
                )
            medians.append(rows[-1].median)
        print()
        missed = [m for m in medians if m > PROPAGATION_BUDGET_MS]
        print(f"budget (median propagation ≤ {PROPAGATION_BUDGET_MS:.0f} ms): " + ("MISSED" if missed else "ok"))
        return 1 if missed else 0
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
