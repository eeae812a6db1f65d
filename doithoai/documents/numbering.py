"""The outgoing register's numbers (NĐ 30/2020 Art. 15; HD 36-HD/VPTW for the Party).

State bodies number from 01 each calendar year; Party committees number each type from 01 through the
committee's term. A unit chooses one series per type (the default, as the seeds show: 91/KH-UBND beside
12/TB-UBND) or one series for all its documents. A number is taken by an UPDATE … SET last_number =
last_number + 1, which both SQLite and PostgreSQL serialise, and is guarded by the unique constraint on the
issued document: two requests at once never get the same number, and a number once given is never given
again, even if the document that took it is later replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F

from doithoai.documents.models import (
    DocumentSettings,
    IssuerBody,
    Layout,
    NumberingMode,
    NumberSeries,
)
from doithoai.units.models import AdminUnit


@dataclass(frozen=True)
class SeriesKey:
    unit_id: int
    issuer: str
    period: str
    series: str


def settings_for(unit: AdminUnit) -> DocumentSettings:
    found = DocumentSettings.objects.filter(unit=unit).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return DocumentSettings.objects.create(unit=unit)
    except IntegrityError:
        return DocumentSettings.objects.get(unit=unit)


def issuer_abbr(unit: AdminUnit, issuer: str) -> str:
    return {
        IssuerBody.COMMITTEE: unit.committee_abbr or "UBND",
        IssuerBody.PARTY: unit.party_abbr or "ĐU",
        IssuerBody.FRONT: unit.front_abbr or "MTTQ",
    }[IssuerBody(issuer)]


def symbol_for(unit: AdminUnit, issuer: str, type_abbr: str, *, office_abbr: str | None = None) -> str:
    """'KH-UBND' (State), 'KH/ĐU' (Party, after the number's hyphen), 'UBND-VP' for a công văn (no type,
    the drafting unit's abbreviation from the unit's document settings unless given)."""
    abbr = issuer_abbr(unit, issuer)
    if issuer == IssuerBody.PARTY:
        return f"{type_abbr or 'CV'}/{abbr}"
    if not type_abbr:
        return f"{abbr}-{office_abbr or settings_for(unit).office_abbr}"
    return f"{type_abbr}-{abbr}"


def format_number(number: int | None, symbol: str, layout: str) -> str:
    """'05/KH-UBND' or '05-KH/ĐU'; with no number yet, the blank the clerk fills by hand: '     /KH-UBND'."""
    if layout == Layout.PARTY:
        return f"{number:02d}-{symbol}" if number else f"     -{symbol}"
    return f"{number:02d}/{symbol}" if number else f"     /{symbol}"


def number_line(number_text: str, layout: str) -> str:
    """The ô 3 line: 'Số: 05/KH-UBND' (NĐ 30) or 'Số 05-KH/ĐU' (HD 36: no colon)."""
    return f"Số {number_text}" if layout == Layout.PARTY else f"Số: {number_text}"


def series_key(unit: AdminUnit, issuer: str, type_abbr: str, year: int) -> SeriesKey:
    doc_settings = settings_for(unit)
    if issuer == IssuerBody.PARTY:
        # HD 36: each type numbered from 01 through the committee's term.
        return SeriesKey(unit.pk, issuer, doc_settings.party_term, type_abbr or "CV")
    series = "" if doc_settings.numbering_mode == NumberingMode.SHARED else (type_abbr or "CV")
    return SeriesKey(unit.pk, issuer, str(year), series)


def _series_row(key: SeriesKey) -> NumberSeries:
    row = NumberSeries.objects.filter(
        unit_id=key.unit_id, issuer=key.issuer, period=key.period, series=key.series
    ).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return NumberSeries.objects.create(
                unit_id=key.unit_id, issuer=key.issuer, period=key.period, series=key.series
            )
    except IntegrityError:
        return NumberSeries.objects.get(unit_id=key.unit_id, issuer=key.issuer, period=key.period, series=key.series)


def peek_next(key: SeriesKey) -> int:
    """The number the next document would get (for the form's hint; not reserved)."""
    row = NumberSeries.objects.filter(
        unit_id=key.unit_id, issuer=key.issuer, period=key.period, series=key.series
    ).first()
    return (row.last_number if row else 0) + 1


def take_next(key: SeriesKey) -> int:
    """Take the next number of the series. Must run inside the issuing transaction."""
    row = _series_row(key)
    # The UPDATE locks the row (PostgreSQL) or the database (SQLite) until the transaction ends, so a
    # concurrent request waits here and then reads the number after ours.
    NumberSeries.objects.filter(pk=row.pk).update(last_number=F("last_number") + 1)
    return NumberSeries.objects.values_list("last_number", flat=True).get(pk=row.pk)


def claim(key: SeriesKey, number: int) -> None:
    """Record a number chosen by hand (a number already taken in the paper register, say): the series
    continues after the highest number given. Uniqueness is the issued document's constraint."""
    row = _series_row(key)
    NumberSeries.objects.filter(pk=row.pk, last_number__lt=number).update(last_number=number)


NUMBER_RE = re.compile(r"^\s*(?:Số:?\s*)?0*(\d{1,6})\s*[/-]")


def parse_number(text: str) -> int | None:
    """The number at the start of '91/KH-UBND', 'Số: 05/TB-UBND' or '12-KH/ĐU'; None if there is none."""
    match = NUMBER_RE.match(text or "")
    return int(match.group(1)) if match else None
