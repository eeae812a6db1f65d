"""Loading the national list of administrative units from `vietnam-provinces`.

Used by the data migration (with historical models) and by the
`load_admin_units` command after the package is upgraded. Idempotent: units
are matched on (era, level, code); names and parents are updated, nothing
is deleted (a unit that disappears from the list is marked inactive).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

CURRENT = "current"
LEGACY = "legacy"
PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"

# Official code widths (Tổng cục Thống kê): province 2, district 3, commune 5 digits.
WIDTH = {PROVINCE: 2, DISTRICT: 3, COMMUNE: 5}


@dataclass(frozen=True)
class Row:
    era: str
    level: str
    code: str
    name: str
    division_type: str
    parent: tuple[str, str, str] | None  # (era, level, code)


def format_code(level: str, number: int) -> str:
    return str(int(number)).zfill(WIDTH[level])


def _division(value: Any) -> str:
    text = str(getattr(value, "value", value))
    # The package calls the centrally-run cities "thành phố trung ương".
    return "thành phố" if text.startswith("thành phố") else text


def iter_rows() -> Iterator[Row]:
    from vietnam_provinces import Province, Ward

    for p in Province.iter_all():
        yield Row(CURRENT, PROVINCE, format_code(PROVINCE, p.code), p.name, _division(p.division_type), None)
    for w in Ward.iter_all():
        yield Row(
            CURRENT,
            COMMUNE,
            format_code(COMMUNE, w.code),
            w.name,
            _division(w.division_type),
            (CURRENT, PROVINCE, format_code(PROVINCE, w.province_code)),
        )
    from vietnam_provinces.legacy import District as OldDistrict
    from vietnam_provinces.legacy import Province as OldProvince
    from vietnam_provinces.legacy import Ward as OldWard

    for old_p in OldProvince.iter_all():
        yield Row(LEGACY, PROVINCE, format_code(PROVINCE, old_p.code), old_p.name, _division(old_p.division_type), None)
    for d in OldDistrict.iter_all():
        yield Row(
            LEGACY,
            DISTRICT,
            format_code(DISTRICT, d.code),
            d.name,
            _division(d.division_type),
            (LEGACY, PROVINCE, format_code(PROVINCE, d.province_code)),
        )
    for old_w in OldWard.iter_all():
        yield Row(
            LEGACY,
            COMMUNE,
            format_code(COMMUNE, old_w.code),
            old_w.name,
            _division(old_w.division_type),
            (LEGACY, DISTRICT, format_code(DISTRICT, old_w.district_code)),
        )


def short_name(name: str, division_type: str) -> str:
    """'Điềm He' from ('Xã Điềm He', 'xã'); numbered units keep their type ('Phường 1')."""
    prefix = division_type + " "
    if name.lower().startswith(prefix.lower()):
        rest = name[len(prefix) :]
        if not rest.isdigit():
            return rest
    return name


def default_letterhead(name: str, division_type: str) -> dict[str, str]:
    return {
        "committee_name": f"ỦY BAN NHÂN DÂN {name.upper()}",
        "place_name": short_name(name, division_type),
    }


def path_segment(era: str, level: str, code: str) -> str:
    return f"{'o' if era == LEGACY else 'n'}{level[0]}{code}"


def load(unit_model: Any, *, batch_size: int = 2000) -> dict[str, int]:
    """Insert or update every unit. Returns counts by era and level.

    Paths are built from codes ("/np20/nc06280/"), not ids, so that a fresh
    table is filled with one INSERT batch per level and nothing updated after.
    """
    rows = list(iter_rows())
    paths: dict[tuple[str, str, str], str] = {}
    for row in rows:  # parents come before their children in iter_rows
        parent_path = paths[row.parent] if row.parent else "/"
        paths[(row.era, row.level, row.code)] = f"{parent_path}{path_segment(row.era, row.level, row.code)}/"
    existing = {(u.era, u.level, u.code): u for u in unit_model.objects.all()}
    counts: dict[str, int] = {}
    levels = [(CURRENT, PROVINCE), (CURRENT, COMMUNE), (LEGACY, PROVINCE), (LEGACY, DISTRICT), (LEGACY, COMMUNE)]
    for era, level in levels:
        batch = [r for r in rows if (r.era, r.level) == (era, level)]
        counts[f"{era}:{level}"] = len(batch)
        new_units = []
        changed = []
        for row in batch:
            key = (row.era, row.level, row.code)
            parent = existing[row.parent] if row.parent else None
            unit = existing.get(key)
            wanted = (row.name, row.division_type, parent.pk if parent else None, paths[key])
            if unit is None:
                new_units.append(
                    unit_model(
                        era=row.era,
                        level=row.level,
                        code=row.code,
                        name=row.name,
                        division_type=row.division_type,
                        parent=parent,
                        path=paths[key],
                        is_active=True,
                        **default_letterhead(row.name, row.division_type),
                    )
                )
            elif (unit.name, unit.division_type, unit.parent_id, unit.path) != wanted:
                unit.name, unit.division_type, unit.parent, unit.path = row.name, row.division_type, parent, paths[key]
                changed.append(unit)
        unit_model.objects.bulk_create(new_units, batch_size=batch_size)
        for unit in new_units:
            existing[(unit.era, unit.level, unit.code)] = unit
        if changed:
            unit_model.objects.bulk_update(changed, ["name", "division_type", "parent", "path"], batch_size=batch_size)
    gone = [u.pk for key, u in existing.items() if key not in paths and u.is_active]
    if gone:
        unit_model.objects.filter(pk__in=gone).update(is_active=False)
    return counts
