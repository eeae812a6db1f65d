"""Fixtures shared by the tests of the unit pages."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(client, cast):
    """The test client, signed in as commune A's office (the role that manages its lists and people)."""
    client.force_login(cast.officer_a)
    return client
