"""Fixtures of the plan tests."""

from __future__ import annotations

import pytest

from doithoai.plans.actions import plan_create_from_preset


@pytest.fixture
def plan(cast):
    """Commune A's 2026 draft from the commune preset, made by its office."""
    return plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
