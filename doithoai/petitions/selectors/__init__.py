"""Reads of petitions, scoped to the unit of the URL (resolved by `units.selectors.get_unit` first)."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from doithoai.conferences.models import Conference
from doithoai.core.search import search
from doithoai.lib.codes import is_valid_code, normalize_code
from doithoai.lib.params import query_date as _date
from doithoai.lib.params import query_id as _id
from doithoai.lib.text import FOLD_FROM, FOLD_TO, fold
from doithoai.petitions import measures
from doithoai.petitions.measures import Measure
from doithoai.petitions.models import (
    Attachment,
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionStatus,
    Satisfaction,
    Sector,
)
from doithoai.petitions.workflow import OPEN_STATES
from doithoai.units.models import AdminUnit, Village

SEARCH_FIELDS = ["text", "tracking_code", "village__name", "sector__name"]


def petitions_of(unit: AdminUnit, *, query: str = "", status: str = "") -> QuerySet[Petition]:
    qs = Petition.objects.filter(unit=unit).select_related("village", "sector", "assigned_department", "group")
    if status:
        qs = qs.filter(status=status)
    return search(qs, query, SEARCH_FIELDS) if query else qs


def get_petition(unit: AdminUnit, petition_id: int) -> Petition:
    petition = petitions_of(unit).filter(pk=petition_id).first()
    if petition is None:
        raise Http404
    return petition


def by_tracking_code(text: str | None) -> Petition | None:
    """The petition a citizen's code (typed, or read from the QR) names; None for anything else."""
    code = normalize_code(text)
    if not is_valid_code(code):
        return None
    return Petition.objects.select_related("unit", "sector").filter(tracking_code=code).first()


# ---------------------------------------------------------------- the staff list (views.staff)

# The columns a row of the list shows; never the submitter's (personal data) nor the original text.
LIST_FIELDS = [
    "id",
    "unit",
    "tracking_code",
    "received_on",
    "text",
    "status",
    "kind",
    "due_date",
    "reopen_count",
    "satisfaction",
    "village__name",
    "sector__name",
    "assigned_department__name",
    "assigned_department__short_name",
]


def _choice(value: str | None, choices: list[str]) -> str:
    return value if value in choices else ""


# `?linh_vuc=0` and `?thon=0`: the petitions with no sector yet, or no village (a dashboard's "Chưa phân loại" and
# "Không ghi thôn" rows open these). No row has the id 0.
NONE = 0


@dataclass(frozen=True)
class PetitionFilters:
    """What the list is narrowed to, read from the query string (unknown values are ignored).

    The names of the query string are those of `PARAMS`; the supervision flags (quá hạn, đã mở lại,
    chưa đồng ý) combine with the rest."""

    query: str = ""
    status: str = ""
    sector: int | None = None
    village: int | None = None
    channel: str = ""
    kind: str = ""
    jurisdiction: str = ""
    conference: int | None = None
    department: int | None = None
    overdue: bool = False
    reopened: bool = False
    unsatisfied: bool = False
    # A dashboard's drill-down: one of `measures.Measure`, and the period the figure counted (received on).
    measure: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    PARAMS = {  # noqa: RUF012 - a class constant, not a field
        "query": "q",
        "status": "trang_thai",
        "sector": "linh_vuc",
        "village": "thon",
        "channel": "kenh",
        "kind": "tinh_chat",
        "jurisdiction": "tham_quyen",
        "conference": "hoi_nghi",
        "department": "co_quan",
        "overdue": "qua_han",
        "reopened": "mo_lai",
        "unsatisfied": "chua_dong_y",
        "measure": "chi_so",
        "since": "tu_ngay",
        "until": "den_ngay",
    }

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> PetitionFilters:
        p = cls.PARAMS
        flag = {
            name: (data.get(p[name]) or "") in ("1", "on", "true") for name in ("overdue", "reopened", "unsatisfied")
        }
        return cls(
            query=str(data.get(p["query"]) or "").strip()[:200],
            status=_choice(data.get(p["status"]), PetitionStatus.values),
            sector=_id(data.get(p["sector"])),
            village=_id(data.get(p["village"])),
            channel=_choice(data.get(p["channel"]), Channel.values),
            kind=_choice(data.get(p["kind"]), Kind.values),
            jurisdiction=_choice(data.get(p["jurisdiction"]), Jurisdiction.values),
            conference=_id(data.get(p["conference"])),
            department=_id(data.get(p["department"])),
            measure=_choice(data.get(p["measure"]), Measure.values),
            since=_date(data.get(p["since"])),
            until=_date(data.get(p["until"])),
            **flag,
        )

    def params(self, **changes: Any) -> dict[str, str]:
        """The query string of these filters (with `changes`), without empty values."""
        current = replace(self, **changes) if changes else self
        out: dict[str, str] = {}
        for field in fields(current):
            value = getattr(current, field.name)
            if value is True:
                out[self.PARAMS[field.name]] = "1"
            elif isinstance(value, dt.date):
                out[self.PARAMS[field.name]] = value.isoformat()
            # `is` rather than `in`: 0 (`NONE`) equals False and would be dropped.
            elif value is not None and value is not False and value != "":
                out[self.PARAMS[field.name]] = str(value)
        return out

    @property
    def active(self) -> bool:
        return bool(self.params())


def petitions_filtered(
    unit: AdminUnit, filters: PetitionFilters, *, today: dt.date | None = None
) -> QuerySet[Petition]:
    """The unit's petitions narrowed by `filters`, newest first, with what a row of the list shows.

    One query per page whatever the number of rows (village, sector and department joined). The filters
    on status, sector and conference follow the indexes (unit, status, received_on), (unit, sector, status)
    and (conference, status). A tracking code typed whole finds its petition directly."""
    today = today or timezone.localdate()
    qs = (
        Petition.objects.filter(unit=unit)
        .select_related("village", "sector", "assigned_department")
        .only(*LIST_FIELDS)
        .order_by("-received_on", "-pk")
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.sector is not None:
        qs = qs.filter(sector__isnull=True) if filters.sector == NONE else qs.filter(sector_id=filters.sector)
    if filters.village is not None:
        qs = qs.filter(village__isnull=True) if filters.village == NONE else qs.filter(village_id=filters.village)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.jurisdiction:
        qs = qs.filter(jurisdiction=filters.jurisdiction)
    if filters.conference is not None:
        qs = qs.filter(conference_id=filters.conference)
    if filters.department is not None:
        qs = qs.filter(assigned_department_id=filters.department)
    if filters.overdue:
        qs = qs.filter(overdue_condition(today))
    if filters.reopened:
        qs = qs.filter(reopen_count__gt=0)
    if filters.unsatisfied:
        qs = qs.filter(satisfaction=Satisfaction.UNSATISFIED)
    if filters.measure:
        qs = qs.filter(measures.condition(filters.measure, today))
    if filters.since is not None:
        qs = qs.filter(received_on__gte=filters.since)
    if filters.until is not None:
        qs = qs.filter(received_on__lte=filters.until)
    if filters.query:
        code = normalize_code(filters.query)
        if is_valid_code(code) and Petition.objects.filter(unit=unit, tracking_code=code).exists():
            return qs.filter(tracking_code=code)
        qs = qs.filter(word_match(unit, filters.query))
    return qs


def word_match(unit: AdminUnit, query: str) -> Q:
    """Petitions containing every word of `query`, ignoring case and diacritics, in their text or code
    (`search_text`, trigram-indexed on PostgreSQL) or in the name of their village or sector.

    The unit's villages and sectors are few: those a word names are looked up first and
    given as lists of ids, so that PostgreSQL can combine the trigram index with the village and sector
    indexes; a subquery in the OR made it read every petition of the unit when nothing matched. Two short
    queries, whatever the number of petitions."""
    words = fold(query).split()
    if not words:
        return Q()
    names = [
        *(("village", pk, fold(name)) for pk, name in Village.objects.filter(unit=unit).values_list("pk", "name")),
        *(("sector", pk, fold(name)) for pk, name in Sector.objects.filter(unit=unit).values_list("pk", "name")),
    ]
    condition = Q()
    for word in words:
        named = Q(search_text__contains=word)
        villages = [pk for kind, pk, name in names if kind == "village" and word in name]
        sectors = [pk for kind, pk, name in names if kind == "sector" and word in name]
        if villages:
            named |= Q(village_id__in=villages)
        if sectors:
            named |= Q(sector_id__in=sectors)
        condition &= named
    return condition


def _letter_classes() -> dict[str, str]:
    variants: dict[str, set[str]] = {}
    for accented, plain in zip(FOLD_FROM, FOLD_TO, strict=True):
        variants.setdefault(plain, set()).add(accented)
    return {
        letter: "[" + "".join(sorted({letter, letter.upper(), *variants.get(letter, set())})) + "]"
        for letter in string.ascii_lowercase
    }


LETTER_CLASSES = _letter_classes()


def folded_match(query: str, fields: list[str]) -> Q:
    """Rows whose fields contain every word of `query`, ignoring case and diacritics: what
    `core.search.search` finds, asked the other way round. Instead of folding every row (translate() over
    a 134-letter table, about 25 s for 100,000 petitions on PostgreSQL), each folded word becomes a
    regular expression of the letters it stands for ("duong" → [dDđĐ][uUùú…][oOòó…][nN][gG]), which the
    database matches as it reads the row (about 25 times faster). Words may match different fields."""
    condition = Q()
    for word in fold(query).split():
        pattern = "".join(LETTER_CLASSES.get(ch) or re.escape(ch) for ch in word)
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__regex": pattern})
        condition &= any_field
    return condition


# Counting stops here: beyond it the list says "more than 1,000" and pages on with "next".
COUNT_CAP = 1000
MAX_PAGE = 10_000


@dataclass
class PetitionPage:
    """One page of the list. `count` is exact up to `COUNT_CAP`; above, `capped` is set and `num_pages` is
    None: counting 100,000 rows that match a search costs more than the page itself."""

    rows: list[Petition]
    number: int
    per_page: int
    count: int
    capped: bool
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def num_pages(self) -> int | None:
        return None if self.capped else max(1, -(-self.count // self.per_page))


def page_number(value: Any) -> int:
    text = str(value or "").strip()
    return min(int(text), MAX_PAGE) if text.isdigit() and 0 < len(text) < 7 and int(text) > 0 else 1


def petition_page(
    unit: AdminUnit, filters: PetitionFilters, number: int = 1, *, per_page: int = 50, today: dt.date | None = None
) -> PetitionPage:
    """A page of `petitions_filtered`: two queries whatever the number of petitions (a count that stops at
    `COUNT_CAP`, then the page with one row more to know whether another follows); a page past the end
    gives the last one (one more count, only then)."""
    qs = petitions_filtered(unit, filters, today=today)
    count = qs.order_by().values("pk")[: COUNT_CAP + 1].count()
    capped = count > COUNT_CAP
    if not capped:
        number = min(number, max(1, -(-count // per_page)))
    rows = list(qs[(number - 1) * per_page : number * per_page + 1])
    if capped and not rows and number > 1:
        count, capped = qs.count(), False
        number = max(1, -(-count // per_page))
        rows = list(qs[(number - 1) * per_page : number * per_page + 1])
    return PetitionPage(
        rows=rows[:per_page],
        number=number,
        per_page=per_page,
        count=min(count, COUNT_CAP) if capped else count,
        capped=capped,
        has_next=len(rows) > per_page,
    )


def overdue_condition(today: dt.date) -> Q:
    """Waiting for someone (`workflow.OPEN_STATES`) past its due date."""
    return measures.overdue(today)


def is_overdue(petition: Petition, today: dt.date) -> bool:
    return petition.status in OPEN_STATES and petition.due_date is not None and petition.due_date < today


def supervision_counts(unit: AdminUnit, *, today: dt.date | None = None) -> dict[str, int]:
    """How many of the unit's petitions are overdue, were reopened, or whose answer the citizen rejected:
    one aggregate query."""
    today = today or timezone.localdate()
    counts = Petition.objects.filter(unit=unit).aggregate(
        overdue=Count("pk", filter=overdue_condition(today)),
        reopened=Count("pk", filter=Q(reopen_count__gt=0)),
        unsatisfied=Count("pk", filter=Q(satisfaction=Satisfaction.UNSATISFIED)),
    )
    return {key: value or 0 for key, value in counts.items()}


def conferences_of(unit: AdminUnit) -> QuerySet[Conference]:
    """The unit's conferences, newest first, for the list's filter."""
    return Conference.objects.filter(unit=unit).only("id", "title", "starts_at").order_by("-starts_at")


# ---------------------------------------------------------------- one petition's page


def petition_for_page(unit: AdminUnit, petition_id: int) -> Petition:
    """One petition of the unit with everything its page shows next to it; 404 outside the unit."""
    petition = (
        Petition.objects.filter(unit=unit, pk=petition_id)
        .select_related(
            "unit",
            "village",
            "sector",
            "assigned_department",
            "group",
            "conference",
            "answer",
            "answer__department",
            "referral",
            "referral__to_unit",
        )
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def get_attachment(unit: AdminUnit, petition_id: int, attachment_id: int) -> Attachment:
    attachment = (
        Attachment.objects.select_related("petition", "petition__unit")
        .filter(pk=attachment_id, petition_id=petition_id, petition__unit=unit)
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


# ---------------------------------------------------------------- sectors


def sectors_of(unit: AdminUnit, *, active_only: bool = False) -> QuerySet[Sector]:
    """The unit's sectors in their order, with the usual department."""
    qs = Sector.objects.filter(unit=unit).select_related("department")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("sort_order", "name", "pk")


def get_sector(unit: AdminUnit, sector_id: int) -> Sector:
    sector = Sector.objects.filter(unit=unit, pk=sector_id).select_related("unit", "department").first()
    if sector is None:
        raise Http404
    return sector
