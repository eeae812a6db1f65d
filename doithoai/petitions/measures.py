"""The named measures of petitions that the dashboards count and the list filters on (`?chi_so=`).

One definition serves both: a dashboard's figure is `Count("pk", filter=condition(measure, today))` over the
same rows that the list shows for `chi_so=<measure>`, so the number on a chart and the length of the list behind
it cannot disagree (decision 93).

How a petition was dealt with (`ROUTES`) splits every petition into exactly one of five:
- answered at the conference: an answered state whose answer was given at the conference;
- answered in writing: an answered state whose answer was written after it (or has no recorded mode);
- referred: sent to the competent body, whether or not its answer has come back;
- refused: not dealt with, with a reason;
- pending: still being dealt with by the unit (received, classified, assigned).

Deadlines count only petitions that have one (`due_date`, set when a department is assigned):
- on time: answered, and the answer approved on or before the due date;
- late: answered after the due date, or still open past it (overdue);
- overdue: still open past the due date (what the supervision lists show).
The on-time rate is on time / (on time + late); open petitions not yet due are in neither.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, TextChoices
from django.utils.translation import gettext_lazy as _

from doithoai.petitions.models import AnswerMode, PetitionStatus, Satisfaction
from doithoai.petitions.workflow import OPEN_STATES

S = PetitionStatus
ANSWERED_STATES = (S.ANSWERED_AT_CONFERENCE, S.RESOLVED, S.NOTIFIED)
PENDING_STATES = (S.RECEIVED, S.CLASSIFIED, S.ACCEPTED)


class Measure(TextChoices):
    ANSWERED = "answered", _("Đã trả lời")
    AT_CONFERENCE = "at_conference", _("Trả lời tại hội nghị")
    IN_WRITING = "in_writing", _("Trả lời bằng văn bản sau hội nghị")
    REFERRED = "referred", _("Chuyển cơ quan có thẩm quyền")
    REFUSED = "refused", _("Không xử lý (có lý do)")
    PENDING = "pending", _("Đang giải quyết")
    WITH_DEADLINE = "with_deadline", _("Có hạn xử lý")
    ON_TIME = "on_time", _("Trả lời đúng hạn")
    LATE = "late", _("Trễ hạn")
    OVERDUE = "overdue", _("Quá hạn, chưa trả lời")
    SATISFIED = "satisfied", _("Người dân đồng ý với trả lời")
    UNSATISFIED = "unsatisfied", _("Người dân chưa đồng ý")


# The five ways a petition was dealt with: every petition is in exactly one.
ROUTES = (Measure.AT_CONFERENCE, Measure.IN_WRITING, Measure.REFERRED, Measure.REFUSED, Measure.PENDING)


def _answered_late() -> Q:
    return Q(status__in=ANSWERED_STATES, due_date__isnull=False, answer__approved_at__date__gt=F("due_date"))


def overdue(today: dt.date) -> Q:
    """Waiting for someone (`workflow.OPEN_STATES`) past its due date."""
    return Q(status__in=sorted(OPEN_STATES), due_date__lt=today)


def condition(measure: str, today: dt.date) -> Q:
    """The rows of `measure` among a unit's petitions (`today` decides what is overdue)."""
    m = Measure(measure)
    if m is Measure.ANSWERED:
        return Q(status__in=ANSWERED_STATES)
    if m is Measure.AT_CONFERENCE:
        return Q(status__in=ANSWERED_STATES, answer__mode=AnswerMode.AT_CONFERENCE)
    if m is Measure.IN_WRITING:
        return Q(status__in=ANSWERED_STATES) & (Q(answer__isnull=True) | Q(answer__mode=AnswerMode.IN_WRITING))
    if m is Measure.REFERRED:
        return Q(status=S.REFERRED) | Q(status__in=ANSWERED_STATES, answer__mode=AnswerMode.BY_REFERRAL)
    if m is Measure.REFUSED:
        return Q(status=S.REFUSED)
    if m is Measure.PENDING:
        return Q(status__in=PENDING_STATES)
    if m is Measure.WITH_DEADLINE:
        return Q(due_date__isnull=False)
    if m is Measure.ON_TIME:
        return Q(status__in=ANSWERED_STATES, due_date__isnull=False, answer__approved_at__date__lte=F("due_date"))
    if m is Measure.LATE:
        return _answered_late() | overdue(today)
    if m is Measure.OVERDUE:
        return overdue(today)
    if m is Measure.SATISFIED:
        return Q(satisfaction=Satisfaction.SATISFIED)
    return Q(satisfaction=Satisfaction.UNSATISFIED)


def rate(part: int, whole: int) -> float | None:
    """`part` of `whole` in per cent, one decimal; None when there is nothing to rate."""
    return round(100 * part / whole, 1) if whole else None


def percent(value: float | None, *, empty: str = "—") -> str:
    """A rate as Vietnamese writes it ("85,7%", a decimal comma); `empty` when there is nothing to rate."""
    return empty if value is None else f"{value:.1f}".replace(".", ",") + "%"
