"""Shared fixtures of the reports' tests: the national data generator, run small."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

# The bench folder is not a package: its scripts import each other by file name.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

from national_data import generate

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def national(national_units):
    return generate(0.12, provinces=2, petitions=2000, today=TODAY)
