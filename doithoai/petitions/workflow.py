"""The lifecycle of a petition (domain-spec §8.9, Luật Tiếp công dân Art. 28(1)): an explicit transition table.

    received ──classify──▶ classified ──answer_at_conference──▶ answered_at_conference ──notify──▶ notified
                                       (also from accepted: assigned before the conference, answered there)
                               ├──accept (department, due date)──▶ accepted ──resolve──▶ resolved ──notify──┘
                               ├──refer (beyond jurisdiction)────▶ referred ──resolve (answer came back)──┘
                               └──refuse (reason)────────────────▶ refused
    accepted ──refer──▶ referred                      notified ──reopen (not satisfied)──▶ accepted

Each transition names the permission that allows it (rules.py); the actions check it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.workflow import Transition, TransitionTable
from doithoai.petitions import rules
from doithoai.petitions.models import PetitionStatus

S = PetitionStatus

CLASSIFY = "classify"
ANSWER_AT_CONFERENCE = "answer_at_conference"
ACCEPT = "accept"
REFER = "refer"
REFUSE = "refuse"
RESOLVE = "resolve"
NOTIFY = "notify"
REOPEN = "reopen"

TRANSITIONS = [
    Transition(
        CLASSIFY,
        frozenset({S.RECEIVED, S.CLASSIFIED}),
        S.CLASSIFIED,
        rules.CLASSIFY,
        gettext_lazy("Phân loại"),
        "petition.classified",
    ),
    Transition(
        ANSWER_AT_CONFERENCE,
        frozenset({S.CLASSIFIED, S.ACCEPTED}),
        S.ANSWERED_AT_CONFERENCE,
        rules.ROUTE,
        gettext_lazy("Đã trả lời tại hội nghị"),
        "petition.answered_at_conference",
    ),
    Transition(
        ACCEPT,
        frozenset({S.CLASSIFIED, S.NOTIFIED}),
        S.ACCEPTED,
        rules.ROUTE,
        gettext_lazy("Giao xử lý"),
        "petition.accepted",
    ),
    Transition(
        REFER,
        frozenset({S.CLASSIFIED, S.ACCEPTED}),
        S.REFERRED,
        rules.ROUTE,
        gettext_lazy("Chuyển cơ quan có thẩm quyền"),
        "petition.referred",
    ),
    Transition(
        REFUSE,
        frozenset({S.CLASSIFIED}),
        S.REFUSED,
        rules.ROUTE,
        gettext_lazy("Không xử lý"),
        "petition.refused",
    ),
    Transition(
        RESOLVE,
        frozenset({S.ACCEPTED, S.REFERRED}),
        S.RESOLVED,
        rules.RESOLVE,
        gettext_lazy("Duyệt kết quả"),
        "petition.resolved",
    ),
    Transition(
        NOTIFY,
        frozenset({S.ANSWERED_AT_CONFERENCE, S.RESOLVED}),
        S.NOTIFIED,
        rules.NOTIFY,
        gettext_lazy("Đã thông báo người dân"),
        "petition.notified",
    ),
    Transition(
        REOPEN,
        frozenset({S.NOTIFIED}),
        S.ACCEPTED,
        rules.REOPEN,
        gettext_lazy("Mở lại (người dân chưa đồng ý)"),
        "petition.reopened",
    ),
]


def _state_error(petition: Any, action: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("Không thể “%(action)s” khi ý kiến đang ở trạng thái “%(state)s”.")
            % {"action": action, "state": petition.get_status_display()}
        }
    )


TABLE = TransitionTable(TRANSITIONS, _state_error)
# Waiting for someone to act: the overdue lists and reminders read these.
OPEN_STATES = frozenset({S.RECEIVED, S.CLASSIFIED, S.ACCEPTED, S.REFERRED})

EVENT_LABELS: dict[str, Promise | str] = {
    "petition.received": gettext_lazy("Tiếp nhận ý kiến, kiến nghị"),
    "petition.text_revised": gettext_lazy("Sửa nội dung ý kiến (giữ bản gốc)"),
    "petition.classified": gettext_lazy("Phân loại ý kiến, kiến nghị"),
    "petition.answered_at_conference": gettext_lazy("Trả lời ý kiến tại hội nghị"),
    "petition.accepted": gettext_lazy("Giao xử lý ý kiến, kiến nghị"),
    "petition.referred": gettext_lazy("Chuyển ý kiến đến cơ quan có thẩm quyền"),
    "petition.refused": gettext_lazy("Không xử lý ý kiến, kiến nghị"),
    "petition.resolved": gettext_lazy("Duyệt kết quả xử lý ý kiến"),
    "petition.notified": gettext_lazy("Thông báo kết quả đến người dân"),
    "petition.reopened": gettext_lazy("Mở lại ý kiến, kiến nghị"),
    "petition.attachments_added": gettext_lazy("Đính kèm tệp vào ý kiến"),
    "petition.attachment_viewed": gettext_lazy("Xem tệp đính kèm của ý kiến"),
    "petition.submitter_viewed": gettext_lazy("Xem thông tin người gửi ý kiến"),
    "sectors.created": gettext_lazy("Tạo danh mục lĩnh vực"),
}
