"""Fixtures shared by the whole suite: the fixed cast of users, and Chromium for browser tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading

import pytest

from doithoai.core.testing import PASSWORD, Cast, ensure_national_units, make_cast, snapshot_national_units

# pytest-django and sync Playwright share the thread; Django must allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Held by the live server while it answers a request, and by a browser test's teardown while it empties the tables.
SERVING = threading.Lock()


def _serve_one_request_at_a_time() -> None:
    """The test live server answers requests one after the other.

    With SQLite's in-memory test database the live server's threads share the test's single connection;
    pages fire requests of their own (htmx loads the task badge, the attendance count polls), and two of them
    on that connection at once end in "database table is locked" or a hang. Django's plain WSGIServer closes
    each connection after its response, so a browser cannot hold it.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        # The live server thread has already put the shared connections in place (LiveServerThread.run).
        def __init__(self, *args: object, connections_override: object = None, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)

        def process_request(self, request: object, client_address: object) -> None:
            with SERVING:
                super().process_request(request, client_address)  # type: ignore[arg-type]

    LiveServerThread.server_class = SerialWSGIServer


_serve_one_request_at_a_time()

CHROMIUM = os.environ.get("DOITHOAI_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (the browser tests) empties every table when it ends, national list included. It is
    put back here from its snapshot, committed, once every fixture of that test is torn down: otherwise every
    later test would load it inside its own rolled-back transaction.

    A browser test's page may still have a request on the live server (a poll, a late htmx load) when the tables
    are emptied; on SQLite's shared connection that ends in "database table is locked". So the page leaves for
    about:blank, the request in progress is let finish, and the server waits until the tables are emptied and the
    national list is back. The live server is session-wide and only stops after the last test: there the lock is
    not held, or its shutdown would wait on it.
    """
    holding = False
    if "live_server" in item.fixturenames:
        page = item.funcargs.get("page")
        if page is not None and not page.is_closed():
            # A page whose browser is already gone has no request left to stop.
            with contextlib.suppress(Exception):
                page.goto("about:blank")
        holding = nextitem is not None and SERVING.acquire(timeout=60)
    try:
        yield
        # After the session's last test its test database is gone: the list would be written to the real one.
        if nextitem is not None and ("transactional_db" in item.fixturenames or "live_server" in item.fixturenames):
            from pytest_django.plugin import blocking_manager_key

            with item.config.stash[blocking_manager_key].unblock():
                ensure_national_units()
    finally:
        if holding:
            SERVING.release()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django makes it, with a copy of the national list that the browser tests'
    flush leaves alone (see `ensure_national_units`)."""
    with django_db_blocker.unblock():
        snapshot_national_units()


def pytest_collection_modifyitems(config, items):
    """The tests that read the shared demo (the `loaded_demo` fixture) run last, after every transactional test: those
    empty the tables, and the demo is held in a transaction open until the session ends."""
    demo = [i for i in items if "loaded_demo" in i.fixturenames]
    items[:] = [i for i in items if "loaded_demo" not in i.fixturenames] + demo


@pytest.fixture(scope="session")
def _demo_session(django_db_setup, django_db_blocker):
    """The whole demo loaded once for the session, inside a transaction rolled back when the session ends: a load
    takes 10–20 s on a CI machine, and seven tests look at it."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections, transaction

    out = StringIO()
    with django_db_blocker.unblock():
        connection = connections[DEFAULT_DB_ALIAS]
        held = transaction.atomic()
        held.__enter__()
        ensure_national_units()
        call_command("load_demo", stdout=out)
    try:
        yield out.getvalue()
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            held.__exit__(None, None, None)
            # The test database is dropped next, possibly from another context (Playwright's greenlets each
            # have their own connections): this one must not be left open, or PostgreSQL refuses the drop.
            connection.close()


@pytest.fixture
def loaded_demo(_demo_session, db) -> str:
    """The demo commune (Điềm He), as `load_demo` leaves it; what a test changes is rolled back after it. Returns
    what `load_demo` printed."""
    return _demo_session


@pytest.fixture
def national_units(db) -> None:
    ensure_national_units()


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
