"""A public conference as the portal shows it: the card of a list, and the full announcement (R-05).

Built from what the selectors read, without further queries. Only public facts:
the unit, the time and place, the plan's topics and purpose, the groups invited
(titles and numbers, never names), the co-chairs' titles as printed on the
plan, and how to take part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.lib.vndates import short_date, weekday_date
from doithoai.plans.models import CompositionRule, DialogueForm, Issuer, QuotaKind
from doithoai.plans.presets import names_of
from doithoai.portal import selectors
from doithoai.portal.spoken import card_when
from doithoai.units.models import AdminUnit

S = ConferenceStatus

UPCOMING = "upcoming"
CANCELLED = "cancelled"
HELD = "held"
CONCLUDED = "concluded"
PASSED = "passed"  # announced, its day gone, not (yet) recorded as held


def local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


def state_of(conference: Conference, today: dt.date) -> str:
    if conference.status == S.CANCELLED:
        return CANCELLED
    if conference.status == S.HELD:
        return HELD
    if conference.status == S.CONCLUDED:
        return CONCLUDED
    return UPCOMING if local(conference.starts_at).date() >= today else PASSED


def state_label(state: str) -> str:
    return {
        UPCOMING: _("Sắp diễn ra"),
        CANCELLED: _("Đã hủy"),
        HELD: _("Đã tổ chức"),
        CONCLUDED: _("Đã thông báo kết luận"),
        PASSED: _("Đã qua ngày tổ chức"),
    }[state]


def countdown(day: dt.date, today: dt.date) -> str:
    """'hôm nay', 'ngày mai', 'còn 5 ngày'; empty for a day that has passed."""
    days = (day - today).days
    if days < 0:
        return ""
    if days == 0:
        return _("hôm nay")
    if days == 1:
        return _("ngày mai")
    return ngettext("còn %(n)d ngày", "còn %(n)d ngày", days) % {"n": days}


@dataclass(frozen=True)
class Card:
    conference: Conference
    when_text: str
    villages: list[str]
    state: str
    state_label: str
    countdown: str
    place: str  # "Tỉnh Lạng Sơn"


def card(conference: Conference, today: dt.date) -> Card:
    starts = local(conference.starts_at)
    state = state_of(conference, today)
    unit = conference.unit
    parent = unit.parent
    return Card(
        conference=conference,
        when_text=card_when(starts),
        villages=[v.name for v in conference.villages.all()],
        state=state,
        state_label=state_label(state),
        countdown=countdown(starts.date(), today) if state == UPCOMING else "",
        place=parent.name if parent is not None else "",
    )


def cards(conferences: Iterable[Conference], today: dt.date) -> list[Card]:
    return [card(c, today) for c in conferences]


# ---------------------------------------------------------------- the announcement


@dataclass(frozen=True)
class InvitedGroup:
    """'Đại biểu thôn': 'Trưởng các thôn (1 người/thôn)', ...: titles and numbers, never names."""

    name: str
    members: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Words:
    """How the unit is named in running text: 'xã', 'xã Điềm He', 'thôn', 'Ủy ban nhân dân xã Điềm He'."""

    kind: str
    full: str
    village_word: str
    organiser: str


def words_of(unit: AdminUnit, issuer: str) -> Words:
    names = names_of(unit)
    body = _("Đảng ủy") if issuer == Issuer.PARTY else _("Ủy ban nhân dân")
    return Words(kind=names.kind, full=names.full, village_word=names.village_word, organiser=f"{body} {names.full}")


def quota_text(rule: CompositionRule, words: Words) -> str:
    if not rule.quantity:
        return ""
    if rule.kind == QuotaKind.PER_VILLAGE:
        return _("%(n)s người/%(village)s") % {"n": rule.quantity, "village": words.village_word}
    if rule.kind == QuotaKind.PER_COMMUNE:
        return _("%(n)s người/đơn vị cấp dưới") % {"n": rule.quantity}
    return _("%(n)s người") % {"n": rule.quantity}


def invited_groups(rules: Iterable[CompositionRule], words: Words) -> list[InvitedGroup]:
    groups: dict[str, list[str]] = {}
    for rule in rules:
        quota = quota_text(rule, words)
        name = rule.group or _("Thành phần")
        groups.setdefault(name, []).append(f"{rule.role_label} ({quota})" if quota else rule.role_label)
    return [InvitedGroup(name=name, members=members) for name, members in groups.items()]


@dataclass(frozen=True)
class Chair:
    label: str
    title: str


@dataclass(frozen=True)
class Announcement:
    conference: Conference
    card: Card
    words: Words
    starts: dt.datetime  # local time
    when_long: str  # '07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026'
    topics: list[str]
    purpose: list[str]
    groups: list[InvitedGroup]
    chairs: list[Chair]
    opinion_from: dt.date | None
    opinion_until: dt.date | None
    how_to_take_part: list[str]
    plan_reference: str  # 'Kế hoạch số 91/KH-UBND ngày 02/3/2026'

    @property
    def unit(self) -> AdminUnit:
        return self.conference.unit

    @property
    def is_cancelled(self) -> bool:
        return self.card.state == CANCELLED

    @property
    def is_upcoming(self) -> bool:
        return self.card.state == UPCOMING

    @property
    def summary(self) -> str:
        """One line for og:description and the calendar: when, where, who organises."""
        parts = [self.card.when_text]
        if self.conference.venue:
            parts.append(self.conference.venue)
        parts.append(self.words.organiser)
        text = " – ".join(parts)
        return f"{self.card.state_label}: {text}" if self.is_cancelled else text


def chairs_of(conference: Conference) -> list[Chair]:
    """The co-chairs as printed on the plan: official titles (R-04). The secretary is not public."""
    pairs = [
        (_("Chủ trì"), conference.chair_name),
        (_("Đồng chủ trì (HĐND)"), conference.council_name),
        (_("Đồng chủ trì (MTTQ)"), conference.front_name),
    ]
    return [Chair(label, title) for label, title in pairs if title]


def plan_reference(conference: Conference) -> str:
    plan = conference.plan
    if plan.number and plan.issued_on:
        return _("Kế hoạch số %(number)s ngày %(date)s") % {"number": plan.number, "date": short_date(plan.issued_on)}
    if plan.number:
        return _("Kế hoạch số %(number)s") % {"number": plan.number}
    return ""


def ways_to_take_part(
    conference: Conference, words: Words, opinion_from: dt.date | None, opinion_until: dt.date | None
) -> list[str]:
    """R-05's 'cách thức tham dự', in the plan's terms (seed 001: MTTQ and village heads collect opinions)."""
    village = words.village_word
    mode = conference.mode
    lines: list[str] = []
    if mode in (DialogueForm.IN_PERSON, DialogueForm.MIXED):
        lines.append(
            _(
                "Đến dự trực tiếp theo giấy mời. Đại diện Nhân dân mỗi %(village)s do trưởng %(village)s và "
                "Ban công tác Mặt trận %(village)s giới thiệu; người dân muốn dự hội nghị xin liên hệ "
                "trưởng %(village)s."
            )
            % {"village": village}
        )
    if mode in (DialogueForm.ONLINE, DialogueForm.MIXED):
        lines.append(
            _("Theo dõi và tham gia trực tuyến: cách kết nối được thông báo qua trưởng %(village)s.")
            % {"village": village}
        )
    if mode in (DialogueForm.OPINION_FORMS, DialogueForm.MIXED):
        lines.append(
            _(
                "Ghi ý kiến vào phiếu lấy ý kiến do trưởng %(village)s, Ban công tác Mặt trận %(village)s "
                "phát đến hộ gia đình."
            )
            % {"village": village}
        )
    channels = _("trưởng %(village)s, Ban công tác Mặt trận %(village)s hoặc Ủy ban MTTQ Việt Nam %(kind)s") % {
        "village": village,
        "kind": words.kind,
    }
    if opinion_until is not None and opinion_from is not None:
        lines.append(
            _("Gửi ý kiến, kiến nghị trước hội nghị qua %(channels)s, từ ngày %(start)s đến hết ngày %(end)s.")
            % {"channels": channels, "start": short_date(opinion_from), "end": short_date(opinion_until)}
        )
    elif opinion_until is not None:
        lines.append(
            _("Gửi ý kiến, kiến nghị trước hội nghị qua %(channels)s, đến hết ngày %(end)s.")
            % {"channels": channels, "end": short_date(opinion_until)}
        )
    else:
        lines.append(_("Gửi ý kiến, kiến nghị trước hội nghị qua %(channels)s.") % {"channels": channels})
    address = conference.unit.address
    if address:
        lines.append(
            _("Hoặc gửi bằng văn bản đến %(organiser)s, địa chỉ: %(address)s.")
            % {"organiser": words.organiser, "address": address}
        )
    return lines


def announcement(conference: Conference, today: dt.date) -> Announcement:
    """Everything the announcement page, the poster and the radio script say (no further queries)."""
    starts = local(conference.starts_at)
    plan = conference.plan
    words = words_of(conference.unit, plan.issuer)
    step = selectors.opinion_step(conference)
    opinion_from = step.starts_on if step is not None else None
    opinion_until = step.due_date if step is not None else None
    return Announcement(
        conference=conference,
        card=card(conference, today),
        words=words,
        starts=starts,
        when_long=f"{starts:%H} giờ {starts:%M}, {weekday_date(starts.date())}",
        topics=[t.text for t in plan.topics.all()],
        purpose=[line for line in plan.purpose.splitlines() if line.strip()],
        groups=invited_groups(plan.composition.all(), words),
        chairs=chairs_of(conference),
        opinion_from=opinion_from,
        opinion_until=opinion_until,
        how_to_take_part=ways_to_take_part(conference, words, opinion_from, opinion_until),
        plan_reference=plan_reference(conference),
    )
