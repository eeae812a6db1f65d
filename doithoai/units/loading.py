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


def load(unit_model: Any, *, batch_size: int = 2000) -> dict[str, int]:
    """Insert or update every unit. Returns counts by (era, level)."""
    rows = list(iter_rows())
    existing = {(u.era, u.level, u.code): u for u in unit_model.objects.all()}
    counts: dict[str, int] = {}
    # Parents come first in iter_rows, so one pass in order can resolve them.
    for level_order in (
        (CURRENT, PROVINCE),
        (CURRENT, COMMUNE),
        (LEGACY, PROVINCE),
        (LEGACY, DISTRICT),
        (LEGACY, COMMUNE),
    ):
        batch = [r for r in rows if (r.era, r.level) == level_order]
        counts[f"{level_order[0]}:{level_order[1]}"] = len(batch)
        new_units = []
        changed = []
        for row in batch:
            key = (row.era, row.level, row.code)
            parent = existing[row.parent] if row.parent else None
            unit = existing.get(key)
            if unit is None:
                unit = unit_model(
                    era=row.era,
                    level=row.level,
                    code=row.code,
                    name=row.name,
                    division_type=row.division_type,
                    parent=parent,
                    is_active=True,
                    **default_letterhead(row.name, row.division_type),
                )
                new_units.append(unit)
            elif (unit.name, unit.division_type, unit.parent_id) != (
                row.name,
                row.division_type,
                parent.pk if parent else None,
            ):
                unit.name, unit.division_type, unit.parent = row.name, row.division_type, parent
                changed.append(unit)
        unit_model.objects.bulk_create(new_units, batch_size=batch_size)
        for unit in new_units:
            existing[(unit.era, unit.level, unit.code)] = unit
        if changed:
            unit_model.objects.bulk_update(changed, ["name", "division_type", "parent"], batch_size=batch_size)
        # Materialised paths need the ids that bulk_create just returned.
        needs_path = []
        for row in batch:
            unit = existing[(row.era, row.level, row.code)]
            parent_path = existing[row.parent].path if row.parent else "/"
            path = f"{parent_path}{unit.pk}/"
            if unit.path != path:
                unit.path = path
                needs_path.append(unit)
        unit_model.objects.bulk_update(needs_path, ["path"], batch_size=batch_size)
    listed = {(r.era, r.level, r.code) for r in rows}
    gone = [u.pk for key, u in existing.items() if key not in listed and u.is_active]
    if gone:
        unit_model.objects.filter(pk__in=gone).update(is_active=False)
    return counts
