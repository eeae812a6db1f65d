"""Fixtures shared by the whole suite: the fixed cast of users, and Chromium for browser tests."""

from __future__ import annotations

import os
import shutil

import pytest

from doithoai.core.testing import PASSWORD, Cast, ensure_national_units, make_cast

# pytest-django and sync Playwright share the thread; Django must allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
