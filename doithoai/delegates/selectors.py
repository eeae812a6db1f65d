"""Reads of delegates, scoped to a conference of the unit of the URL: anything else answers 404.

Counts are aggregate queries, so that the list, the quota check and the live
attendance use a number of queries that does not grow with the delegates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from doithoai.conferences.models import Conference
from doithoai.core.search import search
from doithoai.delegates.models import Delegate, Rsvp, is_valid_code, normalize_code
from doithoai.lib.params import query_id
from doithoai.plans.models import CompositionRule, QuotaKind
from doithoai.units.models import AdminUnit, Village, VillageStatus

NAMED = ~Q(full_name="")
PRESENT = Q(checked_in_at__isnull=False)
INVITED = NAMED & Q(walk_in=False)


def get_conference(unit: AdminUnit, conference_id: int) -> Conference:
    """The conference, if it belongs to `unit` (resolved through `units.selectors.get_unit` first)."""
    conference = Conference.objects.select_related("unit", "plan").filter(unit=unit, pk=conference_id).first()
    if conference is None:
        raise Http404
    return conference


def get_delegate(conference: Conference, delegate_id: int) -> Delegate:
    delegate = (
        Delegate.objects.select_related("village", "composition_rule", "checked_in_by")
        .filter(conference=conference, pk=delegate_id)
        .first()
    )
    if delegate is None:
        raise Http404
    delegate.conference = conference
    return delegate


def find_by_code(conference: Conference, text: str) -> Delegate | None:
    """A named delegate of this conference by the code typed or scanned; None if there is none."""
    code = normalize_code(text)
    if not is_valid_code(code):
        return None
    delegate = (
        Delegate.objects.select_related("village", "checked_in_by")
        .filter(conference=conference, code=code)
        .exclude(full_name="")
        .first()
    )
    if delegate is not None:
        delegate.conference = conference
    return delegate


def public_invitation(text: str) -> Delegate | None:
    """The invitation behind a code, for the public page: named delegates only, any unit."""
    code = normalize_code(text)
    if not is_valid_code(code):
        return None
    return (
        Delegate.objects.select_related("conference__unit", "conference__plan", "village")
        .filter(code=code)
        .exclude(full_name="")
        .first()
    )


def conference_villages(conference: Conference) -> list[Village]:
    """The villages the conference covers: those it lists, or every active village of its unit."""
    listed = list(conference.villages.order_by("sort_order", "name"))
    if listed:
        return listed
    return list(Village.objects.filter(unit_id=conference.unit_id, status=VillageStatus.ACTIVE))


def unit_villages(unit: AdminUnit) -> list[Village]:
    return list(Village.objects.filter(unit=unit, status=VillageStatus.ACTIVE).order_by("sort_order", "name"))


def composition_of(conference: Conference) -> list[CompositionRule]:
    return list(CompositionRule.objects.filter(plan_id=conference.plan_id).order_by("order", "pk"))


def ordered(qs: QuerySet[Delegate]) -> QuerySet[Delegate]:
    """Commune-level delegates first, then village by village; within them the plan's order of composition."""
    return qs.order_by(
        F("village__sort_order").asc(nulls_first=True),
        F("village__name").asc(nulls_first=True),
        F("composition_rule__order").asc(nulls_last=True),
        "order",
        "pk",
    )


@dataclass
class ListFilters:
    query: str = ""
    village: str = ""  # a village id, "none" for commune-level delegates, "" for all
    role: str = ""  # a role label (thành phần)
    rsvp: str = ""
    presence: str = ""  # "in", "out"
    fill: str = ""  # "named", "open"

    @classmethod
    def from_query(cls, params: Any) -> ListFilters:
        return cls(
            query=(params.get("q") or "").strip()[:100],
            village=(params.get("thon") or "").strip(),
            role=(params.get("thanh_phan") or "").strip(),
            rsvp=(params.get("tra_loi") or "").strip(),
            presence=(params.get("diem_danh") or "").strip(),
            fill=(params.get("cho") or "").strip(),
        )

    @property
    def active(self) -> bool:
        return any([self.query, self.village, self.role, self.rsvp, self.presence, self.fill])


def delegates_of(conference: Conference, filters: ListFilters | None = None) -> QuerySet[Delegate]:
    qs = Delegate.objects.filter(conference=conference).select_related("village", "checked_in_by")
    f = filters or ListFilters()
    if f.village == "none":
        qs = qs.filter(village__isnull=True)
    elif (village_id := query_id(f.village)) is not None:
        qs = qs.filter(village_id=village_id)
    if f.role:
        qs = qs.filter(role_label=f.role)
    if f.rsvp in Rsvp.values:
        qs = qs.filter(rsvp=f.rsvp)
    if f.presence == "in":
        qs = qs.filter(PRESENT)
    elif f.presence == "out":
        qs = qs.filter(NAMED, checked_in_at__isnull=True)
    if f.fill == "named":
        qs = qs.filter(NAMED)
    elif f.fill == "open":
        qs = qs.filter(full_name="")
    if f.query:
        qs = search(qs, f.query, ["full_name", "position", "code"])
    return ordered(qs)


def role_labels(conference: Conference) -> list[str]:
    return list(
        Delegate.objects.filter(conference=conference)
        .exclude(role_label="")
        .order_by("role_label")
        .values_list("role_label", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class Totals:
    rows: int
    named: int
    open: int
    attending: int
    declined: int
    pending: int
    present: int
    walk_ins: int


def totals(conference: Conference) -> Totals:
    values = Delegate.objects.filter(conference=conference).aggregate(
        rows=Count("pk"),
        named=Count("pk", filter=NAMED),
        attending=Count("pk", filter=NAMED & Q(rsvp=Rsvp.ATTENDING)),
        declined=Count("pk", filter=NAMED & Q(rsvp=Rsvp.DECLINED)),
        pending=Count("pk", filter=INVITED & Q(rsvp=Rsvp.PENDING)),
        present=Count("pk", filter=PRESENT),
        walk_ins=Count("pk", filter=Q(walk_in=True)),
    )
    return Totals(open=values["rows"] - values["named"], **values)


def search_for_check_in(conference: Conference, query: str, limit: int = 20) -> list[Delegate]:
    """Named delegates whose name (or code, position) contains every word typed, diacritics ignored."""
    if not query.strip():
        return []
    qs = Delegate.objects.filter(conference=conference).exclude(full_name="").select_related("village")
    qs = search(qs, query, ["full_name", "position", "code"])
    return list(qs.order_by("full_name", "pk")[:limit])


# ---------------------------------------------------------------- attendance


@dataclass
class AttendanceRow:
    label: str
    group: str
    invited: int
    present: int
    village_id: int | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.invited) if self.invited else 0


@dataclass
class Attendance:
    invited: int
    present: int
    walk_ins: int
    attending: int
    expected: int | None
    min_attendance: int | None
    max_attendance: int | None
    by_role: list[AttendanceRow]
    by_village: list[AttendanceRow]

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.invited) if self.invited else 0

    @property
    def below_minimum(self) -> bool:
        return self.min_attendance is not None and self.present < self.min_attendance


def attendance(conference: Conference) -> Attendance:
    """Checked in / invited, by role and by village, in three aggregate queries."""
    base = Delegate.objects.filter(conference=conference).filter(NAMED)
    counts = {"invited": Count("pk", filter=Q(walk_in=False)), "present": Count("pk", filter=PRESENT)}
    total = base.aggregate(
        **counts,
        walk_ins=Count("pk", filter=Q(walk_in=True)),
        attending=Count("pk", filter=Q(rsvp=Rsvp.ATTENDING)),
    )
    role_rows: Any = (
        base.values("group", "role_label")
        .annotate(**counts, rule_order=Min("composition_rule__order"))
        .order_by(F("rule_order").asc(nulls_last=True), "group", "role_label")
    )
    by_role = [
        AttendanceRow(label=row["role_label"], group=row["group"], invited=row["invited"], present=row["present"])
        for row in role_rows
    ]
    village_rows: Any = (
        base.values("village_id", "village__name", "village__sort_order")
        .annotate(**counts)
        .order_by(F("village__sort_order").asc(nulls_first=True), F("village__name").asc(nulls_first=True))
    )
    by_village = [
        AttendanceRow(
            label=row["village__name"] or "",
            group="",
            invited=row["invited"],
            present=row["present"],
            village_id=row["village_id"],
        )
        for row in village_rows
    ]
    plan = conference.plan
    return Attendance(
        invited=total["invited"],
        present=total["present"],
        walk_ins=total["walk_ins"],
        attending=total["attending"],
        expected=conference.expected_attendance,
        min_attendance=plan.min_attendance,
        max_attendance=plan.max_attendance,
        by_role=by_role,
        by_village=by_village,
    )


# ---------------------------------------------------------------- quotas

OK = "ok"
UNDER = "under"
OVER = "over"


@dataclass
class QuotaLine:
    rule: CompositionRule
    village: Village | None
    quota: int
    slots: int
    named: int

    @property
    def state(self) -> str:
        if self.named > self.quota:
            return OVER
        if self.named < self.quota:
            return UNDER
        return OK

    @property
    def missing_slots(self) -> int:
        return max(0, self.quota - self.slots)


@dataclass
class QuotaReport:
    lines: list[QuotaLine]
    skipped: list[tuple[CompositionRule, str]]
    extras_named: int
    named_total: int
    quota_total: int
    min_attendance: int | None
    max_attendance: int | None
    expected: int | None
    by_rule: dict[int, list[QuotaLine]] = field(default_factory=dict)

    @property
    def below_minimum(self) -> bool:
        return self.min_attendance is not None and self.named_total < self.min_attendance

    @property
    def above_maximum(self) -> bool:
        return self.max_attendance is not None and self.named_total > self.max_attendance

    @property
    def missing_slots(self) -> int:
        return sum(line.missing_slots for line in self.lines)

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.lines if line.state != OK) + int(self.below_minimum) + int(self.above_maximum)


def quota_targets(
    rules: list[CompositionRule], villages: list[Village]
) -> tuple[list[tuple[CompositionRule, Village | None, int]], list[tuple[CompositionRule, str]]]:
    """(rule, village or None, how many) for every rule that gives slots, and the rules that give none, with why."""
    targets: list[tuple[CompositionRule, Village | None, int]] = []
    skipped: list[tuple[CompositionRule, str]] = []
    for rule in rules:
        if rule.kind == QuotaKind.PER_COMMUNE:
            skipped.append((rule, _("Tính theo từng xã, phường cấp dưới: không áp dụng cho hội nghị cấp xã.")))
        elif not rule.quantity:
            skipped.append((rule, _("Kế hoạch không ghi số lượng: thêm đại biểu bằng tay.")))
        elif rule.kind == QuotaKind.PER_VILLAGE:
            if not villages:
                skipped.append((rule, _("Đơn vị chưa có thôn, tổ dân phố.")))
            targets.extend((rule, village, rule.quantity) for village in villages)
        else:
            targets.append((rule, None, rule.quantity))
    return targets, skipped


def slot_counts(conference: Conference) -> dict[tuple[int, int | None], tuple[int, int]]:
    """(rule id, village id) → (rows, named rows), in one query."""
    rows = (
        Delegate.objects.filter(conference=conference, composition_rule__isnull=False)
        .values("composition_rule_id", "village_id")
        .annotate(rows=Count("pk"), named=Count("pk", filter=NAMED))
    )
    return {(r["composition_rule_id"], r["village_id"]): (r["rows"], r["named"]) for r in rows}


def quota_report(conference: Conference) -> QuotaReport:
    rules = composition_of(conference)
    villages = conference_villages(conference)
    targets, skipped = quota_targets(rules, villages)
    counts = slot_counts(conference)
    lines = []
    by_rule: dict[int, list[QuotaLine]] = defaultdict(list)
    for rule, village, quota in targets:
        rows, named = counts.get((rule.pk, village.pk if village else None), (0, 0))
        line = QuotaLine(rule=rule, village=village, quota=quota, slots=rows, named=named)
        lines.append(line)
        by_rule[rule.pk].append(line)
    t = totals(conference)
    extras = Delegate.objects.filter(conference=conference, composition_rule__isnull=True).filter(INVITED).count()
    return QuotaReport(
        lines=lines,
        skipped=skipped,
        extras_named=extras,
        named_total=t.named - t.walk_ins,
        quota_total=sum(line.quota for line in lines),
        min_attendance=conference.plan.min_attendance,
        max_attendance=conference.plan.max_attendance,
        expected=conference.expected_attendance,
        by_rule=dict(by_rule),
    )
