"""Reads for staff intake (paper forms typed in, Excel summaries): which villages a person may enter for,
the unit's lists to choose from, and how a name typed without diacritics names one of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.permissions import roles_in
from doithoai.lib.text import fold
from doithoai.petitions import rules
from doithoai.petitions.models import Kind, PetitionImport, Sector
from doithoai.units.models import AdminUnit, Village, VillageStatus

# Words that begin village names and that people leave out when they type ("na po" for "Thôn Nà Pò").
VILLAGE_PREFIXES = ("thon", "ban", "to dan pho", "tdp", "khu pho", "to", "ap", "lang", "buon", "khoi", "xom")


def headed_villages(user: Any, unit: AdminUnit) -> frozenset[int] | None:
    """The villages `user` may enter petitions for: None for all of the unit's; a village head who receives
    petitions through no other role, only the villages of their memberships (possibly none)."""
    roles = roles_in(user, unit)
    if roles & (rules.RECEIVE_PETITIONS.roles - {Role.VILLAGE_HEAD}):
        return None
    return frozenset(
        Membership.objects.filter(
            user=user, unit=unit, role=Role.VILLAGE_HEAD, is_active=True, village__isnull=False
        ).values_list("village_id", flat=True)
    )


def intake_villages(unit: AdminUnit, allowed: frozenset[int] | None) -> list[Village]:
    qs = Village.objects.filter(unit=unit, status=VillageStatus.ACTIVE).order_by("sort_order", "name")
    if allowed is not None:
        qs = qs.filter(pk__in=allowed)
    return list(qs)


def retired_villages(unit: AdminUnit) -> list[Village]:
    return list(Village.objects.filter(unit=unit).exclude(status=VillageStatus.ACTIVE))


def intake_sectors(unit: AdminUnit) -> list[Sector]:
    return list(Sector.objects.filter(unit=unit, is_active=True).order_by("sort_order", "name"))


def intake_conferences(unit: AdminUnit) -> list[Conference]:
    """Conferences petitions may be attached to: all of the unit's but the cancelled, latest first."""
    return list(
        Conference.objects.filter(unit=unit)
        .exclude(status=ConferenceStatus.CANCELLED)
        .order_by("-starts_at", "-pk")
        .only("pk", "title", "starts_at", "status", "unit_id")[:50]
    )


def default_conference(conferences: list[Conference]) -> Conference | None:
    """The next conference (the one opinions are being collected for), else the most recent one."""
    now = timezone.now()
    upcoming = [c for c in conferences if c.starts_at >= now]
    if upcoming:
        return min(upcoming, key=lambda c: c.starts_at)
    return conferences[0] if conferences else None


def get_import(unit: AdminUnit, import_id: int) -> PetitionImport:
    petition_import = PetitionImport.objects.filter(unit=unit, pk=import_id).select_related("conference").first()
    if petition_import is None:
        raise Http404
    return petition_import


def recent_imports(unit: AdminUnit, *, limit: int = 10) -> QuerySet[PetitionImport]:
    return PetitionImport.objects.filter(unit=unit).select_related("created_by").order_by("-created_at", "-pk")[:limit]


# ---------------------------------------------------------------- names typed without diacritics


@dataclass(frozen=True)
class Option:
    pk: int | str
    label: str
    # What it is found by, folded: its label, and shorter names people use (without "Thôn", a code).
    keys: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.pk, "label": self.label, "keys": list(self.keys)}


@dataclass(frozen=True)
class Resolution:
    option: Option | None
    candidates: tuple[Option, ...] = ()


class Lookup:
    """Options found by text typed without diacritics: an exact name (with or without its "Thôn"), else the one
    option containing every word typed. The page's combobox does the same in JavaScript (intake.js)."""

    def __init__(self, options: Iterable[Option]) -> None:
        self.options = list(options)
        self.by_pk = {str(o.pk): o for o in self.options}

    def get(self, pk: Any) -> Option | None:
        return self.by_pk.get(str(pk)) if pk not in (None, "") else None

    def resolve(self, text: str) -> Resolution:
        words = fold(text).split()
        if not words:
            return Resolution(None)
        typed = " ".join(words)
        exact = [o for o in self.options if typed in o.keys]
        if len(exact) == 1:
            return Resolution(exact[0])
        found = [o for o in self.options if all(any(word in key for key in o.keys) for word in words)]
        if len(found) == 1:
            return Resolution(found[0])
        return Resolution(None, tuple(exact or found))

    def as_json(self) -> list[dict[str, Any]]:
        return [o.as_json() for o in self.options]


def village_option(village: Village) -> Option:
    full = fold(village.name)
    keys = [full]
    for prefix in {fold(village.kind), *VILLAGE_PREFIXES}:
        if prefix and full.startswith(prefix + " "):
            keys.append(full[len(prefix) + 1 :])
    return Option(village.pk, village.name, tuple(dict.fromkeys(keys)))


def village_lookup(villages: Iterable[Village]) -> Lookup:
    return Lookup(village_option(v) for v in villages)


def sector_lookup(sectors: Iterable[Sector]) -> Lookup:
    return Lookup(Option(s.pk, s.name, (fold(s.name), fold(s.code))) for s in sectors)


def kind_lookup() -> Lookup:
    """Kinds by their label in the page's language and in Vietnamese (a file filled in either reads back)."""
    options = []
    for value, label in Kind.choices:
        with translation.override("vi"):
            vietnamese = str(Kind(value).label)
        options.append(Option(value, str(label), tuple(dict.fromkeys([fold(str(label)), fold(vietnamese), value]))))
    return Lookup(options)
