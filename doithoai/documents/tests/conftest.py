"""Fixtures of the documents' tests: the live room's (commune A's issued 2026 plan, the conference of Friday
05/6/2026 with delegates and petitions), and LibreOffice for the tests that make PDFs."""

from __future__ import annotations

import shutil

import pytest

from doithoai.live.tests.conftest import (  # noqa: F401 - fixtures shared with the live room's tests
    _empty_cache,
    conference,
    delegates,
    petitions,
    plan,
    sectors,
    village_c,
)


@pytest.fixture
def soffice(settings):
    """LibreOffice switched on for this test (settings_test switches it off); skipped where it is missing,
    except on CI, which installs it (.ci/run) and must test the PDFs."""
    import os

    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed on CI")
        pytest.skip("LibreOffice is not installed")
    settings.DOITHOAI_SOFFICE = binary
    return binary
