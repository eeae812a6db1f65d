"""The lifecycles of the live room: explicit transition tables, checked by the actions.

Room (one per conference):

    ready ──start──▶ running ──end──▶ ended
                        ▲──resume──────┘   (a wrong click on "end", while the minutes are a draft)

Starting needs the conference announced; ending records the conference as held (conferences' "hold").

Speaker (one entry of the list of speakers; the timer runs only while the room runs):

    waiting ──start──▶ speaking ──pause──▶ paused ──resume──▶ speaking
       │                  └──stop──▶ done ◀──stop──┘            (resume also from done: "nói tiếp")
       └──withdraw──▶ withdrawn ──restore──▶ waiting

Starting one speaker stops the one who was speaking. Exchange (one question):

    open ──conclude──▶ concluded   (the petitions' actions run in the same transaction)

Minutes:

    draft ──finalise──▶ finalised ──sign as secretary / as chair──▶ signed (once both have signed)
      ▲──reopen (before anyone has signed)──┘

A signed record is read-only for everyone.

Advance registration to speak (SpeakingRequest):

    pending ──schedule──▶ scheduled   (a Speaker is added to the list of speakers in the same transaction)
       └──decline (with a reason)──▶ declined ──reopen──▶ pending
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.conferences.models import ConferenceStatus
from doithoai.core.workflow import Transition, TransitionTable
from doithoai.live import rules
from doithoai.live.models import ExchangeStatus, MinutesStatus, RequestStatus, RoomStatus, SpeakerStatus


def _state_error(obj: Any, action: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("Không thể “%(action)s” khi đang ở trạng thái “%(state)s”.")
            % {"action": action, "state": obj.get_status_display()}
        }
    )


R = RoomStatus
START = "start"
END = "end"
RESUME = "resume"

ROOM = TransitionTable(
    [
        Transition(
            START, frozenset({R.READY}), R.RUNNING, rules.RUN_ROOM, gettext_lazy("Bắt đầu hội nghị"), "room.started"
        ),
        Transition(
            END, frozenset({R.RUNNING}), R.ENDED, rules.RUN_ROOM, gettext_lazy("Kết thúc hội nghị"), "room.ended"
        ),
        Transition(
            RESUME, frozenset({R.ENDED}), R.RUNNING, rules.RUN_ROOM, gettext_lazy("Tiếp tục hội nghị"), "room.resumed"
        ),
    ],
    _state_error,
)

S = SpeakerStatus
PAUSE = "pause"
STOP = "stop"
WITHDRAW = "withdraw"
RESTORE = "restore"

SPEAKER = TransitionTable(
    [
        Transition(
            START, frozenset({S.WAITING}), S.SPEAKING, rules.RUN_ROOM, gettext_lazy("Mời phát biểu"), "speaker.started"
        ),
        Transition(
            PAUSE, frozenset({S.SPEAKING}), S.PAUSED, rules.RUN_ROOM, gettext_lazy("Tạm dừng"), "speaker.paused"
        ),
        Transition(
            RESUME,
            frozenset({S.PAUSED, S.DONE}),
            S.SPEAKING,
            rules.RUN_ROOM,
            gettext_lazy("Tiếp tục"),
            "speaker.resumed",
        ),
        Transition(
            STOP,
            frozenset({S.SPEAKING, S.PAUSED}),
            S.DONE,
            rules.RUN_ROOM,
            gettext_lazy("Kết thúc lượt"),
            "speaker.stopped",
        ),
        Transition(
            WITHDRAW,
            frozenset({S.WAITING}),
            S.WITHDRAWN,
            rules.PREPARE,
            gettext_lazy("Rút khỏi danh sách"),
            "speaker.withdrawn",
        ),
        Transition(
            RESTORE,
            frozenset({S.WITHDRAWN}),
            S.WAITING,
            rules.PREPARE,
            gettext_lazy("Đưa lại vào danh sách"),
            "speaker.restored",
        ),
    ],
    _state_error,
)
# A timer counts only in these.
TIMER_STATES = frozenset({S.SPEAKING, S.PAUSED})
# The room's timer buttons work only while it runs.
TIMER_ROOM_STATES = frozenset({R.RUNNING})

E = ExchangeStatus
CONCLUDE = "conclude"

EXCHANGE = TransitionTable(
    [
        Transition(
            CONCLUDE,
            frozenset({E.OPEN}),
            E.CONCLUDED,
            rules.RECORD_EXCHANGES,
            gettext_lazy("Ghi kết luận"),
            "exchange.concluded",
        ),
    ],
    _state_error,
)
# Questions are recorded while the conference runs, and after it ended (typed up late), until the minutes
# are finalised; before the start there is nothing said to record.
EXCHANGE_ROOM_STATES = frozenset({R.RUNNING, R.ENDED})

M = MinutesStatus
FINALISE = "finalise"
REOPEN = "reopen"
SIGN_SECRETARY = "sign_secretary"
SIGN_CHAIR = "sign_chair"

MINUTES = TransitionTable(
    [
        Transition(
            FINALISE,
            frozenset({M.DRAFT}),
            M.FINALISED,
            rules.FINALISE_MINUTES,
            gettext_lazy("Hoàn thành biên bản"),
            "minutes.finalised",
        ),
        Transition(
            REOPEN,
            frozenset({M.FINALISED}),
            M.DRAFT,
            rules.REOPEN_MINUTES,
            gettext_lazy("Sửa lại biên bản"),
            "minutes.reopened",
        ),
        # The target is FINALISED; the action moves it to SIGNED once both signatures are there.
        Transition(
            SIGN_SECRETARY,
            frozenset({M.FINALISED}),
            M.FINALISED,
            rules.SIGN_AS_SECRETARY,
            gettext_lazy("Ký với tư cách thư ký"),
            "minutes.signed_by_secretary",
        ),
        Transition(
            SIGN_CHAIR,
            frozenset({M.FINALISED}),
            M.FINALISED,
            rules.SIGN_AS_CHAIR,
            gettext_lazy("Ký với tư cách chủ tọa"),
            "minutes.signed_by_chair",
        ),
    ],
    _state_error,
)
# The secretary's text is edited only in a draft; the agenda, speakers and exchanges are corrected until
# the minutes are finalised.
EDITABLE_MINUTES = frozenset({M.DRAFT})

Q = RequestStatus
SCHEDULE = "schedule"
DECLINE = "decline"

SPEAKING_REQUEST = TransitionTable(
    [
        Transition(
            SCHEDULE,
            frozenset({Q.PENDING}),
            Q.SCHEDULED,
            rules.SCHEDULE_REQUESTS,
            gettext_lazy("Đưa vào danh sách phát biểu"),
            "speaking_request.scheduled",
        ),
        Transition(
            DECLINE,
            frozenset({Q.PENDING}),
            Q.DECLINED,
            rules.SCHEDULE_REQUESTS,
            gettext_lazy("Không xếp"),
            "speaking_request.declined",
        ),
        Transition(
            REOPEN,
            frozenset({Q.DECLINED}),
            Q.PENDING,
            rules.SCHEDULE_REQUESTS,
            gettext_lazy("Xem xét lại"),
            "speaking_request.reopened",
        ),
    ],
    _state_error,
)
# Registrations are taken (on the portal, by the village heads and the office) while the conference is being
# prepared; the public form only until it starts.
ENTRY_CONFERENCE_STATES = frozenset({ConferenceStatus.PLANNED, ConferenceStatus.ANNOUNCED})
PUBLIC_CONFERENCE_STATES = frozenset({ConferenceStatus.ANNOUNCED})
# They are scheduled or declined until the conference is over (the minutes' lock is the speakers' own).
DECISION_CONFERENCE_STATES = frozenset({ConferenceStatus.PLANNED, ConferenceStatus.ANNOUNCED, ConferenceStatus.HELD})
