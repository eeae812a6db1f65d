"""A seed plan as its office would type it into the pages: the general page, then each section's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SeedPlan:
    key: str  # "001"
    source: str  # the seed's file in texts/ (a copy of ../shared/seeds/)
    unit: tuple[str, str, str]  # (era, level, code) of the unit in the national list
    preset: str  # the closest preset, which the office starts from
    year: int
    general: dict[str, Any]  # the general page's fields; those left out are emptied
    sections: dict[str, list[dict[str, Any]]]  # by section key, the rows in order (a select by its label)
    number: str  # typed when issuing
    issued_on: str
    departments: tuple[str, ...] = ()  # the unit's departments, set up before the plan
    notes: tuple[str, ...] = field(default=())  # where the entry reads the seed rather than copies it


def texts(*lines: str) -> list[dict[str, Any]]:
    """Rows of a section that has one text per row (topics, programme, recipients)."""
    return [{"text": line} for line in lines]


def lines(*items: str) -> str:
    """A box where each line is an item (purpose, requirements, method)."""
    return "\n".join(items)
