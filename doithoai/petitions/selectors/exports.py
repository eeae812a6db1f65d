"""The rows of the petitions' downloads (`?dinh_dang=csv|xlsx`, `core.exports`): the same rows as the page
they come from, read in a fixed number of queries, without any personal data of the submitters (decision:
exports carry no personal data; the petition's page, with its logged reveal, is the only place for them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Case, CharField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.exports import Column
from doithoai.petitions import measures
from doithoai.petitions.measures import Measure
from doithoai.petitions.models import (
    AnswerMode,
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionGroup,
    PetitionStatus,
    Referral,
    Satisfaction,
)
from doithoai.petitions.selectors.work import OverdueGroup, WorkItem

# Beyond this a download is refused with a message: narrow the filters (a year of a large ward is far below).
MAX_ROWS = 100_000
CHUNK = 2000

PETITION_COLUMNS = (
    Column(gettext_lazy("Mã tra cứu"), 12),
    Column(gettext_lazy("Ngày tiếp nhận"), 13),
    Column(gettext_lazy("Kênh"), 22),
    Column(gettext_lazy("Thôn/TDP"), 18),
    Column(gettext_lazy("Lĩnh vực"), 20),
    Column(gettext_lazy("Tính chất"), 14),
    Column(gettext_lazy("Thẩm quyền"), 24),
    Column(gettext_lazy("Nội dung"), 60),
    Column(gettext_lazy("Trạng thái"), 22),
    Column(gettext_lazy("Cơ quan được giao"), 24),
    Column(gettext_lazy("Hạn xử lý"), 12),
    Column(gettext_lazy("Hình thức trả lời"), 24),
    Column(gettext_lazy("Ngày trả lời"), 12),
    Column(gettext_lazy("Đúng hạn/Trễ hạn"), 16),
    Column(gettext_lazy("Ý kiến người dân"), 18),
)

# The fields read: never submitter_name, submitter_phone, submitter_address (nor the original wording).
PETITION_FIELDS = (
    "tracking_code",
    "received_on",
    "channel",
    "village__name",
    "sector__name",
    "kind",
    "jurisdiction",
    "text",
    "status",
    "assigned_department__name",
    "due_date",
    "answer__mode",
    "answer__approved_at",
    "deadline_state",
    "satisfaction",
)


def deadline_state(today: dt.date) -> Case:
    """'on_time', 'overdue', 'late' or '' per petition, by the measures' own conditions (so that the column
    agrees with `?chi_so=on_time|late|overdue`): overdue is the part of late that is still open."""
    return Case(
        When(measures.condition(Measure.ON_TIME, today), then=Value(Measure.ON_TIME.value)),
        When(measures.condition(Measure.OVERDUE, today), then=Value(Measure.OVERDUE.value)),
        When(measures.condition(Measure.LATE, today), then=Value(Measure.LATE.value)),
        default=Value(""),
        output_field=CharField(),
    )


def too_many(qs: QuerySet[Any]) -> bool:
    """Whether `qs` has more rows than a download may hold (one query that stops counting there)."""
    return qs.order_by().values("pk")[: MAX_ROWS + 1].count() > MAX_ROWS


def _labels(*choices: Any) -> dict[str, str]:
    return {value: str(label) for c in choices for value, label in c.choices}


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def petition_rows(qs: QuerySet[Petition], *, today: dt.date) -> Iterator[tuple[Any, ...]]:
    """The rows of `qs` (a `petitions_filtered` queryset, in its order) as `PETITION_COLUMNS`: one query,
    read in chunks."""
    labels = _labels(Channel, Kind, Jurisdiction, PetitionStatus, AnswerMode, Satisfaction)
    deadline_labels = {
        Measure.ON_TIME.value: _("Đúng hạn"),
        Measure.LATE.value: _("Trễ hạn"),
        Measure.OVERDUE.value: _("Quá hạn, chưa trả lời"),
    }
    answered = {str(s) for s in measures.ANSWERED_STATES}
    values = qs.annotate(deadline_state=deadline_state(today)).values_list(*PETITION_FIELDS)
    for (
        code,
        received_on,
        channel,
        village,
        sector,
        kind,
        jurisdiction,
        text,
        status,
        department,
        due_date,
        mode,
        approved_at,
        state,
        satisfaction,
    ) in values.iterator(chunk_size=CHUNK):
        is_answered = status in answered
        yield (
            code,
            received_on,
            labels.get(channel, channel),
            village or "",
            sector or "",
            labels.get(kind, kind),
            labels.get(jurisdiction, jurisdiction),
            text,
            labels.get(status, status),
            department or "",
            due_date,
            labels.get(mode, "") if is_answered and mode else "",
            _local_date(approved_at) if is_answered else None,
            deadline_labels.get(state, ""),
            labels.get(satisfaction, "") if satisfaction else "",
        )


# ---------------------------------------------------------------- the answers' area


ASSIGNED_COLUMNS = (
    Column(gettext_lazy("Mã tra cứu"), 12),
    Column(gettext_lazy("Ngày tiếp nhận"), 13),
    Column(gettext_lazy("Thôn/TDP"), 18),
    Column(gettext_lazy("Lĩnh vực"), 20),
    Column(gettext_lazy("Nội dung"), 60),
    Column(gettext_lazy("Nhóm cùng nội dung"), 40),
    Column(gettext_lazy("Cơ quan được giao"), 24),
    Column(gettext_lazy("Hạn xử lý"), 12),
    Column(gettext_lazy("Còn (ngày)"), 10),
    Column(gettext_lazy("Dự thảo trả lời"), 16),
)


def assigned_rows(items: Iterable[WorkItem]) -> Iterator[tuple[Any, ...]]:
    """One row per petition of the page's matters, in the page's order (the earliest due first)."""
    for item in items:
        draft = _("Đã có, chờ duyệt") if item.draft is not None else ""
        for p in item.petitions:
            yield (
                p.tracking_code,
                p.received_on,
                p.village.name if p.village else "",
                p.sector.name if p.sector else "",
                p.text,
                item.group.title if item.group is not None else "",
                p.assigned_department.name if p.assigned_department else "",
                item.due_date,
                item.days_left,
                draft,
            )


OVERDUE_COLUMNS = (
    Column(gettext_lazy("Cơ quan được giao"), 24),
    Column(gettext_lazy("Mã tra cứu"), 12),
    Column(gettext_lazy("Ngày tiếp nhận"), 13),
    Column(gettext_lazy("Thôn/TDP"), 18),
    Column(gettext_lazy("Lĩnh vực"), 20),
    Column(gettext_lazy("Nội dung"), 60),
    Column(gettext_lazy("Hạn xử lý"), 12),
    Column(gettext_lazy("Quá hạn (ngày)"), 10),
    Column(gettext_lazy("Trạng thái"), 22),
)


def overdue_rows(groups: Iterable[OverdueGroup]) -> Iterator[tuple[Any, ...]]:
    statuses = _labels(PetitionStatus)
    for group in groups:
        department = group.department.name if group.department is not None else _("Chưa giao cơ quan")
        for row in group.rows:
            p = row.petition
            yield (
                department,
                p.tracking_code,
                p.received_on,
                p.village.name if p.village else "",
                p.sector.name if p.sector else "",
                p.text,
                p.due_date,
                row.days,
                statuses.get(p.status, p.status),
            )


REFERRALS_SENT_COLUMNS = (
    Column(gettext_lazy("Ngày chuyển"), 12),
    Column(gettext_lazy("Chuyển đến"), 30),
    Column(gettext_lazy("Nội dung"), 60),
    Column(gettext_lazy("Thôn/TDP"), 20),
    Column(gettext_lazy("Số ý kiến"), 9),
    Column(gettext_lazy("Mã tra cứu các ý kiến"), 24),
    Column(gettext_lazy("Số văn bản chuyển"), 16),
    Column(gettext_lazy("Ngày văn bản"), 12),
    Column(gettext_lazy("Tình trạng"), 18),
    Column(gettext_lazy("Ngày có trả lời"), 12),
)


def referrals_sent_rows(referrals: Iterable[Referral]) -> Iterator[tuple[Any, ...]]:
    """Rows of `work.referrals_sent` (with its prefetched `originals`); the groups' titles in one query."""
    referrals = list(referrals)
    firsts = [r.originals[0] for r in referrals if getattr(r, "originals", None)]  # type: ignore[attr-defined]
    group_ids = sorted({p.group_id for p in firsts if p.group_id is not None})
    titles = dict(PetitionGroup.objects.filter(pk__in=group_ids).values_list("pk", "title")) if group_ids else {}
    for r in referrals:
        originals: list[Petition] = getattr(r, "originals", [])
        first = originals[0] if originals else None
        if first is None:
            matter = ""
        else:
            matter = titles.get(first.group_id, first.text) if first.group_id is not None else first.text
        yield (
            _local_date(r.created_at),
            r.to_unit.name if r.to_unit is not None else r.to_body,
            matter,
            ", ".join(sorted({p.village.name for p in originals if p.village is not None})),
            getattr(r, "original_count", len(originals)),
            ", ".join(p.tracking_code for p in originals),
            r.letter_number,
            r.letter_date,
            _("Đã có trả lời") if r.answered_at else _("Đang chờ trả lời"),
            _local_date(r.answered_at),
        )


INBOX_COLUMNS = (
    Column(gettext_lazy("Ngày nhận"), 12),
    Column(gettext_lazy("Đơn vị chuyển"), 28),
    Column(gettext_lazy("Số văn bản chuyển"), 16),
    Column(gettext_lazy("Mã tra cứu"), 12),
    Column(gettext_lazy("Nội dung"), 60),
    Column(gettext_lazy("Số ý kiến gốc"), 9),
    Column(gettext_lazy("Thôn/TDP"), 20),
    Column(gettext_lazy("Trạng thái"), 22),
    Column(gettext_lazy("Ngày gửi trả lời về"), 12),
)


def inbox_rows(referrals: Iterable[Referral]) -> Iterator[tuple[Any, ...]]:
    """Rows of `work.inbox` (with `inbox_petition`, `original_count`, `originals`)."""
    statuses = _labels(PetitionStatus)
    for r in referrals:
        originals: list[Petition] = getattr(r, "originals", [])
        petition = r.inbox_petition
        yield (
            _local_date(r.created_at),
            r.from_unit.name,
            r.letter_number,
            petition.tracking_code if petition is not None else "",
            petition.text if petition is not None else "",
            getattr(r, "original_count", len(originals)),
            ", ".join(sorted({p.village.name for p in originals if p.village is not None})),
            statuses.get(petition.status, petition.status) if petition is not None else "",
            _local_date(r.answered_at),
        )


# ---------------------------------------------------------------- groups

GROUP_COLUMNS = (
    Column(gettext_lazy("Nội dung chung"), 60),
    Column(gettext_lazy("Hội nghị"), 30),
    Column(gettext_lazy("Lĩnh vực"), 20),
    Column(gettext_lazy("Số ý kiến"), 9),
    Column(gettext_lazy("Thôn/TDP"), 30),
    Column(gettext_lazy("Tình trạng các ý kiến"), 40),
    Column(gettext_lazy("Ngày tạo nhóm"), 12),
)


def group_rows(groups: QuerySet[PetitionGroup]) -> Iterator[tuple[Any, ...]]:
    """Rows of `groups.groups_of` (every group, not a page): two queries, the groups and their petitions'
    villages and states (as `groups.summaries` tells them, over a subquery instead of a list of ids)."""
    labels = _labels(PetitionStatus)
    order = {value: index for index, value in enumerate(PetitionStatus.values)}
    villages: dict[int, set[str]] = {}
    counts: dict[int, dict[str, int]] = {}
    petitions = Petition.objects.filter(group__in=groups.order_by().values("pk"))
    for group_id, village, status in petitions.values_list("group_id", "village__name", "status").iterator(CHUNK):
        if village:
            villages.setdefault(group_id, set()).add(village)
        states = counts.setdefault(group_id, {})
        states[status] = states.get(status, 0) + 1
    for group in groups.iterator(chunk_size=CHUNK):
        states = counts.get(group.pk, {})
        yield (
            group.title,
            group.conference.title if group.conference is not None else "",
            group.sector.name if group.sector is not None else "",
            getattr(group, "petition_count", sum(states.values())),
            ", ".join(sorted(villages.get(group.pk, set()))),
            "; ".join(f"{labels.get(s, s)}: {n}" for s, n in sorted(states.items(), key=lambda i: order.get(i[0], 99))),
            _local_date(group.created_at),
        )
