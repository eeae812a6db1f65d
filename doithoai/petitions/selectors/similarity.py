"""Selectors: similarity."""

from __future__ import annotations
