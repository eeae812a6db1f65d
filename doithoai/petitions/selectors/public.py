"""Selectors: public."""

from __future__ import annotations
