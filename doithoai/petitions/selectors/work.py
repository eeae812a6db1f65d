"""Selectors: work."""

from __future__ import annotations
