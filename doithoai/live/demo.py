"""Demo data of the live room: the conference ahead made ready to run, and an ad hoc dialogue held three weeks
ago with its signed minutes.

The conference ahead (conferences.demo, about ten working days away) gets its programme from the standard one,
the presenters named, and a list of speakers prepared in advance: six delegates of six villages, each with the
matter they asked to speak on and linked to the petitions of that matter from their village. The room is not
started; its row (and so the hall screen's link) exists because creating the programme makes it.

The held one is what the commune did about three weeks earlier, when the villagers of Nà Pàn and Khòn Khẻ asked
for a dialogue on the widening of their road before the works start: an ad hoc conference of the same plan,
created with the reason its date breaks the statutory timeline (a past date, short notice), announced, a dozen
delegates invited (eleven came) and a walk-in checked in, the programme run item by item, six speakers timed
(one over his five minutes; two citizens who walked in, one who gave no name), five questions captured and
concluded with every outcome (two answered in the hall, one to be answered in writing by Phòng Kinh tế, one
to the province, one to Công ty Điện lực Lạng Sơn), the room ended, the minutes typed, finalised and signed by
the secretary and the chair, and the conclusion notice issued. One petition sent before the conference, on
compensation for the crops in the road's way, is the one a question links to; the others are raised in the
hall.

Everything goes through the actions, as the pages do. One exception, as in petitions.demo: the actions stamp
`timezone.now()`, and this conference was three weeks ago. After the actions, `_date_the_day` rewrites only
the times they stamped (the room's start and end, each item's and speaker's start, end and time used, each
exchange's conclusion and the answer given in the hall, the check-ins, the announcement and the timeline
steps done, the day the hall's questions were received) to one coherent morning. It runs before the minutes
are finalised, because the frozen content shows those times: the snapshot and its hash are then made by
`minutes_finalise` itself, never edited. The finalisation, the signatures and the conclusion notice happen
after it, so `_date_the_signatures` dates those last. The audit trail keeps the real times of the load.

Running it again changes nothing: the load stops when the held conference is there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from doithoai.accounts.models import User
from doithoai.conferences.actions import (
    conference_announce,
    conference_conclude,
    conference_create,
    timeline_step_complete,
    timeline_step_update,
)
from doithoai.conferences.models import Conference, ConferenceKind, ConferenceStatus, TimelineStep
from doithoai.delegates.actions import delegate_check_in, delegate_create, delegate_walk_in
from doithoai.delegates.models import Delegate
from doithoai.lib.vndates import short_date
from doithoai.live.actions.agenda import UP, agenda_from_standard, agenda_item_update, agenda_next
from doithoai.live.actions.exchanges import exchange_conclude, exchange_open
from doithoai.live.actions.minutes import (
    minutes_finalise,
    minutes_section_save,
    minutes_sign_as_chair,
    minutes_sign_as_secretary,
)
from doithoai.live.actions.room import room_end, room_start
from doithoai.live.actions.speakers import speaker_add, speaker_move, speaker_start, speaker_stop
from doithoai.live.models import AgendaItem, AgendaKind, Exchange, Minutes, Outcome, Room, Speaker, SpeakerStatus
from doithoai.live.selectors.minutes import CLOSING, PARTICIPANTS
from doithoai.petitions import demo as petitions_demo
from doithoai.petitions.actions import create_petition, petition_classify, sectors_ensure
from doithoai.petitions.models import Answer, Channel, Jurisdiction, Kind, Petition, Sector
from doithoai.plans.models import CompositionRule, Plan
from doithoai.units.models import AdminUnit, Department, Village
from doithoai.workdays.selectors import WorkingCalendar, calendar_for

KEY_PREFIX = "demo-live-"
DAYS_AGO = 21

HELD_TITLE = "Hội nghị đối thoại với Nhân dân các thôn Nà Pàn, Khòn Khẻ về dự án mở rộng đường liên thôn"
HELD_VILLAGES = ("Thôn Nà Pàn", "Thôn Khòn Khẻ")
HELD_TRIGGER = (
    "Trên 10% cử tri hai thôn Nà Pàn, Khòn Khẻ kiến nghị đối thoại về phương án mở rộng đường liên thôn "
    "(hiến đất, hỗ trợ cây cối, vật kiến trúc) trước khi thi công"
)
HELD_REASON = (
    "Hội nghị đột xuất theo kiến nghị của cử tri hai thôn, tổ chức gấp trước khi khởi công mở rộng đường liên thôn "
    "nên không đủ thời hạn thông báo 07 ngày; đã thông báo trên loa truyền thanh và tại nhà văn hóa hai thôn."
)
CHAIR_NAME = "Hoàng Văn Thắng, Chủ tịch UBND xã"
ECONOMY_NAME = "Vi Văn Toàn, Trưởng phòng Kinh tế"
KT = "Phòng Kinh tế"
ELECTRICITY = "Công ty Điện lực Lạng Sơn"

# The presenters of the standard programme, named (by the item's kind); the chairing items already carry
# the chair's name from the conference.
READY_PRESENTERS = {
    AgendaKind.OPENING: "Nông Thị Lan, Văn phòng HĐND và UBND xã",
    AgendaKind.RULES: "Nông Thị Lan, Văn phòng HĐND và UBND xã",
    AgendaKind.SPEECH: CHAIR_NAME,
    AgendaKind.REPORT: "Lương Thị Hạnh, Phó Chủ tịch UBND xã",
    AgendaKind.FRONT_REPORT: "Lộc Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam xã",
    AgendaKind.PARTY: "Chu Thị Mai, Phó Chủ tịch HĐND xã, đại diện Thường trực Đảng ủy",
}

# The list of speakers prepared for the conference ahead: a matter of the petitions demo (its group), and
# what the delegate registered to speak on.
READY_TOPICS = [
    (petitions_demo.ROADS, "Bê tông hóa đường liên thôn, đường vào thôn đang xuống cấp"),
    (petitions_demo.CANALS, "Nạo vét, kiên cố hóa kênh mương, sửa đập dâng trước vụ xuân"),
    (petitions_demo.LAND_TITLES, "Cấp giấy chứng nhận quyền sử dụng đất còn chậm"),
    (petitions_demo.WATER, "Thiếu nước sinh hoạt mùa khô, sửa công trình nước tự chảy"),
    (petitions_demo.HEALTH_CARDS, "Thẻ bảo hiểm y tế không còn được cấp miễn phí"),
    (petitions_demo.SWINE_FEVER, "Phòng, chống dịch tả lợn châu Phi; hỗ trợ hộ có lợn bị tiêu hủy"),
]
CITIZEN_ROLE = "Đại diện Nhân dân"


@dataclass(frozen=True)
class HeldDelegate:
    name: str
    village: str  # "" for the commune's own people
    rule: str  # a word of the plan's composition rule they fill
    position: str = ""
    phone: str = ""
    consent: bool = False
    present: bool = True


HELD_DELEGATES = [
    HeldDelegate("Hoàng Văn Thắng", "", "Chủ trì", "Chủ tịch UBND xã", consent=True),
    HeldDelegate("Chu Thị Mai", "", "Thường trực Đảng ủy", "Phó Chủ tịch HĐND xã", consent=True),
    HeldDelegate("Lộc Thị Hoa", "", "Chủ tịch Ủy ban MTTQ", "Chủ tịch Ủy ban MTTQ Việt Nam xã", consent=True),
    HeldDelegate("Vi Văn Toàn", "", "phòng chuyên môn", "Trưởng phòng Kinh tế", consent=True),
    HeldDelegate("Hứa Văn Pẻo", "Thôn Nà Pàn", "Trưởng các", "Trưởng thôn Nà Pàn", "0982145307", consent=True),
    HeldDelegate("Lành Văn Khuyến", "Thôn Nà Pàn", "Ban Công tác Mặt trận", "Trưởng ban Công tác Mặt trận thôn Nà Pàn"),
    HeldDelegate("Hoàng Thị Ngần", "Thôn Nà Pàn", CITIZEN_ROLE, phone="0915274863"),
    HeldDelegate("Nông Văn Thiết", "Thôn Nà Pàn", CITIZEN_ROLE),
    HeldDelegate("Lăng Văn Pấu", "Thôn Khòn Khẻ", "Trưởng các", "Trưởng thôn Khòn Khẻ", "0368920114", consent=True),
    HeldDelegate(
        "Triệu Thị Hường", "Thôn Khòn Khẻ", "Ban Công tác Mặt trận", "Trưởng ban Công tác Mặt trận thôn Khòn Khẻ"
    ),
    HeldDelegate("Mã Văn Bảo", "Thôn Khòn Khẻ", CITIZEN_ROLE, phone="0971563208"),
    HeldDelegate("Đàm Thị Sinh", "Thôn Khòn Khẻ", CITIZEN_ROLE, present=False),
]
WALK_IN = ("Dương Văn Khải", "Thôn Nà Pàn")

# The morning, in seconds: the programme (by kind: a title and presenter of this conference when not the
# standard one, minutes planned, seconds used, what the secretary wrote of it in the minutes).
START = dt.time(8, 0)


@dataclass(frozen=True)
class HeldItem:
    kind: str
    used: int
    minutes_line: str
    title: str = ""
    presenter: str = ""
    planned: int = 0


HELD_AGENDA = [
    HeldItem(
        AgendaKind.OPENING,
        430,
        "Bà Nông Thị Lan, Văn phòng HĐND và UBND xã, tuyên bố lý do, giới thiệu đại biểu; giới thiệu ông Hoàng Văn "
        "Thắng, Chủ tịch UBND xã, chủ trì hội nghị và bà Nông Thị Lan làm thư ký.",
        presenter="Nông Thị Lan, Văn phòng HĐND và UBND xã",
    ),
    HeldItem(
        AgendaKind.RULES,
        215,
        "Hội nghị biểu quyết thông qua chương trình và nội quy; mỗi lượt phát biểu không quá 05 phút.",
        presenter="Nông Thị Lan, Văn phòng HĐND và UBND xã",
    ),
    HeldItem(
        AgendaKind.SPEECH,
        545,
        "Ông Hoàng Văn Thắng phát biểu khai mạc, nêu mục đích của hội nghị đột xuất: nghe ý kiến của Nhân dân hai "
        "thôn trước khi thi công, để việc mở rộng đường được đồng thuận, không ai bị thiệt thòi.",
        presenter=CHAIR_NAME,
    ),
    HeldItem(
        AgendaKind.REPORT,
        1525,
        "Ông Vi Văn Toàn báo cáo quy mô dự án: mở rộng mặt đường từ 3,0 m lên 5,5 m trên chiều dài 4,2 km, "
        "tổng mức đầu tư 12,6 tỷ đồng từ nguồn Chương trình mục tiêu quốc gia xây dựng nông thôn mới và ngân "
        "sách xã; Nhân dân hiến đất, xã hỗ trợ di chuyển tài sản, cây cối theo đơn giá của tỉnh.",
        title="Báo cáo phương án mở rộng đường liên thôn Nà Pàn – Khòn Khẻ và chính sách hỗ trợ khi hiến đất",
        presenter=ECONOMY_NAME,
    ),
    HeldItem(
        AgendaKind.FRONT_REPORT,
        735,
        "Bà Lộc Thị Hoa báo cáo tổng hợp 27 ý kiến của cử tri hai thôn, tập trung vào mức hỗ trợ cây cối, tường "
        "rào, thời gian thi công, rãnh thoát nước và cột điện nằm trong phạm vi mở rộng.",
        presenter="Lộc Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam xã",
    ),
    HeldItem(
        AgendaKind.DIALOGUE,
        3810,
        "Có 06 lượt phát biểu, 05 câu hỏi được trả lời hoặc kết luận (bảng kèm theo). Ông Mã Văn Bảo (thôn Khòn "
        "Khẻ) đồng tình với chủ trương mở rộng đường, nhận vận động các hộ trong xóm hiến đất.",
        planned=90,
    ),
    HeldItem(
        AgendaKind.CONCLUSIONS,
        1060,
        "Chủ trì kết luận từng vấn đề: 02 vấn đề đã trả lời tại hội nghị; 01 vấn đề giao Phòng Kinh tế trả lời "
        "bằng văn bản; 01 vấn đề kiến nghị UBND tỉnh; 01 vấn đề chuyển Công ty Điện lực Lạng Sơn.",
    ),
    HeldItem(
        AgendaKind.PARTY,
        450,
        "Bà Chu Thị Mai, đại diện Thường trực Đảng ủy, đề nghị chi bộ hai thôn lãnh đạo tốt việc vận động hiến "
        "đất và phát huy vai trò giám sát của Nhân dân trong quá trình thi công.",
        presenter="Chu Thị Mai, Phó Chủ tịch HĐND xã, đại diện Thường trực Đảng ủy",
    ),
    HeldItem(AgendaKind.CLOSING, 375, "Ông Hoàng Văn Thắng tóm tắt kết luận và bế mạc hội nghị."),
]
HELD_BY_KIND = {item.kind: item for item in HELD_AGENDA}


@dataclass(frozen=True)
class HeldSpeaker:
    key: str
    delegate: str  # a delegate's name; "" for a citizen who asked for the floor in the hall
    village: str
    topic: str
    at: int  # seconds after the dialogue began
    seconds: int  # spoken
    name: str = ""  # a walk-in's name as given ("" when none)


HELD_SPEAKERS = [
    HeldSpeaker(
        "peo", "Hứa Văn Pẻo", "Thôn Nà Pàn", "Thời gian thi công; hỗ trợ làm lại tường rào, cổng ngõ", 100, 250
    ),
    HeldSpeaker("ngan", "Hoàng Thị Ngần", "Thôn Nà Pàn", "Mức hỗ trợ cây quế, cây ăn quả trên đất hiến", 700, 285),
    HeldSpeaker("pau", "Lăng Văn Pấu", "Thôn Khòn Khẻ", "Cầu tràn qua suối Khòn Khẻ mùa lũ bị ngập", 1390, 230),
    HeldSpeaker("khai", "", "Thôn Nà Pàn", "Rãnh thoát nước đoạn qua xóm dưới", 1870, 400, name=WALK_IN[0]),
    HeldSpeaker("bao", "Mã Văn Bảo", "Thôn Khòn Khẻ", "Đồng tình chủ trương, vận động hiến đất", 2620, 260),
    HeldSpeaker("anon", "", "Thôn Khòn Khẻ", "Cột điện trong phạm vi mở rộng đường", 2920, 175),
]


@dataclass(frozen=True)
class HeldExchange:
    speaker: str
    question: str
    outcome: str
    conclusion: str
    answered_seconds: int  # from the end of the turn to the chair's conclusion
    petition_text: str = ""  # a petition raised in the hall ("": the one sent before the conference)
    kind: str = Kind.RECOMMENDATION
    jurisdiction: str = Jurisdiction.THIS_UNIT
    answered_by: str = ""
    answer: str = ""
    department: str = ""
    to_body: str = ""


PRIOR_PETITION = (
    "Gia đình tôi ở thôn Nà Pàn có vườn quế và cây ăn quả nằm trong phạm vi mở rộng đường liên thôn. Đề nghị xã "
    "cho biết mức hỗ trợ cây cối, hoa màu khi hiến đất và thời gian chi trả."
)
HELD_EXCHANGES = [
    HeldExchange(
        "peo",
        "Bao giờ khởi công mở rộng đường? Các hộ hiến đất có được hỗ trợ làm lại tường rào, cổng ngõ không?",
        Outcome.ANSWERED,
        "Văn phòng UBND xã thông báo lịch thi công trên loa truyền thanh và tại nhà văn hóa hai thôn.",
        320,
        petition_text=(
            "Nhân dân thôn Nà Pàn đề nghị xã thông báo rõ thời gian khởi công mở rộng đường liên thôn và hỗ trợ các "
            "hộ hiến đất làm lại tường rào, cổng ngõ."
        ),
        answered_by=CHAIR_NAME,
        answer=(
            "Dự kiến khởi công trong tháng 12/2026, thi công trong 06 tháng, tránh mùa mưa. Các hộ hiến đất được hỗ "
            "trợ tháo dỡ, làm lại tường rào, cổng ngõ theo đơn giá của tỉnh; tiền hỗ trợ chi trả trước khi bàn "
            "giao mặt bằng."
        ),
    ),
    HeldExchange(
        "ngan",
        "Mức hỗ trợ cây quế, cây ăn quả và hoa màu trên phần đất hiến để mở rộng đường là bao nhiêu, khi nào chi trả?",
        Outcome.ANSWERED,
        "Phòng Kinh tế công khai kết quả kiểm đếm từng hộ tại nhà văn hóa thôn Nà Pàn trước khi chi trả.",
        375,
        answered_by=ECONOMY_NAME,
        department=KT,
        answer=(
            "Cây cối, hoa màu trên phần đất hiến được hỗ trợ theo bảng đơn giá cây trồng của UBND tỉnh Lạng Sơn; tổ "
            "công tác kiểm đếm từng hộ cùng trưởng thôn, công khai 07 ngày trước khi chi trả. Quế trên 5 năm tuổi "
            "được tính theo đường kính gốc."
        ),
    ),
    HeldExchange(
        "pau",
        "Đường mở rộng nhưng cầu tràn qua suối Khòn Khẻ vẫn hẹp, mùa lũ ngập; đề nghị xây cầu bê tông.",
        Outcome.REFERRED_UP,
        "UBND xã kiến nghị UBND tỉnh bố trí vốn xây dựng cầu qua suối Khòn Khẻ trong kế hoạch đầu tư công năm 2027.",
        250,
        petition_text=(
            "Đề nghị đầu tư xây cầu bê tông thay cầu tràn qua suối Khòn Khẻ trên tuyến đường liên thôn Nà Pàn – Khòn "
            "Khẻ; mùa lũ cầu tràn ngập, Nhân dân và học sinh không qua lại được."
        ),
        jurisdiction=Jurisdiction.HIGHER_LEVEL,
        answered_by=CHAIR_NAME,
        answer="Cầu dài khoảng 24 m, kinh phí ước 6 tỷ đồng, vượt khả năng ngân sách xã.",
    ),
    HeldExchange(
        "khai",
        "Đoạn qua xóm dưới thôn Nà Pàn không có rãnh thoát nước, mưa to nước tràn vào nhà dân; đề nghị làm rãnh và "
        "cống qua đường khi mở rộng.",
        Outcome.IN_WRITING,
        "Giao Phòng Kinh tế phối hợp đơn vị tư vấn khảo sát, bổ sung rãnh dọc và cống qua đường vào thiết kế; "
        "trả lời bằng văn bản cho công dân.",
        320,
        petition_text=(
            "Đoạn đường liên thôn qua xóm dưới thôn Nà Pàn không có rãnh thoát nước, mưa to nước tràn vào nhà dân. Đề "
            "nghị làm rãnh dọc và cống qua đường khi mở rộng."
        ),
        kind=Kind.FEEDBACK,
        answered_by=ECONOMY_NAME,
        answer="Đơn vị tư vấn ghi nhận, sẽ khảo sát lại hiện trạng thoát nước đoạn này.",
        department=KT,
    ),
    HeldExchange(
        "anon",
        "Nhiều cột điện hạ thế nằm trong phạm vi mở rộng đường, dây điện võng thấp qua đường; ai sẽ di dời?",
        Outcome.REFERRED_BODY,
        "UBND xã có văn bản đề nghị Công ty Điện lực Lạng Sơn di dời cột điện, căng lại đường dây trước khi thi công.",
        305,
        petition_text=(
            "Đề nghị di dời các cột điện hạ thế nằm trong phạm vi mở rộng đường liên thôn đoạn qua thôn Khòn Khẻ và "
            "căng lại đường dây bị võng thấp."
        ),
        jurisdiction=Jurisdiction.OTHER_BODY,
        to_body=ELECTRICITY,
    ),
]

PARTICIPANTS_NOTE = (
    "Về phía xã: ông Hoàng Văn Thắng, Chủ tịch UBND xã, chủ trì; bà Chu Thị Mai, Phó Chủ tịch HĐND xã; bà Lộc Thị "
    "Hoa, Chủ tịch Ủy ban MTTQ Việt Nam xã; ông Vi Văn Toàn, Trưởng phòng Kinh tế. Mời dự: đại diện đơn vị tư vấn "
    "thiết kế tuyến đường. Về phía hai thôn: trưởng thôn, trưởng ban công tác Mặt trận và đại diện các hộ có đất "
    "trong phạm vi mở rộng đường. Bà Đàm Thị Sinh (thôn Khòn Khẻ) vắng mặt, có lý do."
)
OVERTIME_NOTE = (
    "Ông Dương Văn Khải phát biểu quá thời gian quy định; chủ trì đề nghị ông gửi thêm sơ đồ các điểm ngập bằng "
    "văn bản để Phòng Kinh tế khảo sát."
)


def _closing(due: dt.date) -> str:
    return (
        "1. UBND xã thống nhất triển khai dự án mở rộng đường liên thôn Nà Pàn – Khòn Khẻ theo phương án đã báo "
        "cáo; khởi công trong tháng 12/2026 sau khi hoàn thành nhận bàn giao mặt bằng.\n"
        "2. Giao Phòng Kinh tế phối hợp Ban Công tác Mặt trận hai thôn kiểm đếm, công khai mức hỗ trợ cây cối, vật "
        "kiến trúc của từng hộ tại nhà văn hóa thôn trước khi chi trả.\n"
        "3. Giao Phòng Kinh tế khảo sát, trả lời bằng văn bản kiến nghị về rãnh thoát nước, cống qua đường đoạn qua "
        f"thôn Nà Pàn trước ngày {short_date(due)}.\n"
        "4. Văn phòng HĐND và UBND xã tham mưu văn bản kiến nghị UBND tỉnh hỗ trợ vốn xây cầu qua suối Khòn Khẻ; "
        "chuyển kiến nghị về di dời cột điện đến Công ty Điện lực Lạng Sơn.\n"
        "5. Đề nghị Ủy ban MTTQ Việt Nam xã và các đoàn thể tiếp tục vận động Nhân dân hiến đất, giám sát cộng đồng "
        "trong quá trình thi công."
    )


@dataclass
class People:
    chair: User
    office: User


def _people() -> People | None:
    users = {u.username: u for u in User.objects.filter(username__in=["chutich", "vanphong"])}
    if len(users) < 2:
        return None
    return People(chair=users["chutich"], office=users["vanphong"])


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def load_demo_live(admin: User, commune: AdminUnit) -> None:
    """The live room of the commune's demo conference, and the earlier conference held with its minutes. Needs
    the demo's people and conference (else does nothing); stops at once when the held conference is there."""
    people = _people()
    ready = (
        Conference.objects.filter(unit=commune, status=ConferenceStatus.ANNOUNCED, starts_at__gt=timezone.now())
        .exclude(title=HELD_TITLE)
        .order_by("starts_at", "pk")
        .first()
    )
    if people is None or ready is None:
        return
    if Conference.objects.filter(plan=ready.plan, title=HELD_TITLE).exists():
        return
    _prepare(ready, people)
    _hold(ready.plan, commune, people)


# ---------------------------------------------------------------- the conference ahead


def _prepare(conference: Conference, people: People) -> None:
    """The standard programme with its presenters named, and the speakers who registered in advance."""
    for item in agenda_from_standard(actor=people.office, conference=conference):
        presenter = READY_PRESENTERS.get(AgendaKind(item.kind))
        if presenter:
            agenda_item_update(actor=people.office, item=item, data={"presenter": presenter})
    villages: set[int] = set()
    for index, (matter, topic) in enumerate(READY_TOPICS, start=1):
        picked = _ready_speaker(conference, matter, villages, want_consent=index % 2 == 1)
        if picked is None:
            continue
        delegate, petitions = picked
        villages.add(delegate.village_id or 0)
        speaker_add(
            actor=people.office,
            conference=conference,
            data={
                "delegate": delegate.pk,
                "label": _label(delegate),
                "topic": topic,
                "petitions": [p.pk for p in petitions],
            },
            submission_key=f"{KEY_PREFIX}ready-{index}",
        )


def _ready_speaker(
    conference: Conference, matter: petitions_demo.Matter, taken: set[int], *, want_consent: bool
) -> tuple[Delegate, list[Petition]] | None:
    """A delegate of a village that raised the matter (one village per speaker), with that village's petitions
    of it: a citizens' representative who agreed to be named on the screen or not, as asked (the list mixes
    both), else any citizens' representative, else anyone the village sent."""
    petitions = list(
        Petition.objects.filter(conference=conference, group__title=matter.group, village__isnull=False).order_by("pk")
    )
    villages = list(dict.fromkeys(p.village_id for p in petitions if p.village_id not in taken))
    delegates = list(
        Delegate.objects.filter(conference=conference, village_id__in=[v for v in villages if v is not None])
        .exclude(full_name="")
        .order_by("order", "pk")
    )
    wishes = [
        lambda d: d.role_label == CITIZEN_ROLE and d.consent_to_publish == want_consent,
        lambda d: d.role_label == CITIZEN_ROLE,
        lambda d: True,
    ]
    for wish in wishes:
        for village in villages:
            chosen = next((d for d in delegates if d.village_id == village and wish(d)), None)
            if chosen is not None:
                return chosen, [p for p in petitions if p.village_id == village]
    return None


def _label(delegate: Delegate) -> str:
    """How the list names a delegate's part: the village head as such, else the plan's role (the default)."""
    return "Trưởng thôn" if delegate.role_label.startswith("Trưởng các") else ""


# ---------------------------------------------------------------- the conference held three weeks ago


@dataclass
class Held:
    """What the morning made, for the minutes and the clock."""

    conference: Conference
    day: dt.date
    due: dt.date
    items: list[AgendaItem]
    speakers: dict[str, Speaker]
    exchanges: list[tuple[HeldExchange, Exchange]]


def _hold(plan: Plan, commune: AdminUnit, people: People) -> None:
    calendar = calendar_for(commune)
    today = timezone.localdate()
    day = calendar.next_working_day(today - dt.timedelta(days=DAYS_AGO), backward=True)
    # The written answer by a month after the conference (the drainage needs a survey on the ground), and
    # not before today: the action refuses a due date in the past (after a long holiday the day is earlier).
    due = max(calendar.next_working_day(day + dt.timedelta(days=30)), calendar.add_working_days(today, 5))
    conference = _create(plan, commune, people, day)
    prior = _petition_sent_before(conference, people, day)
    _delegates(conference, commune, people)
    held = _run(conference, commune, people, day, due, prior)
    _type_the_minutes(held, people)
    _date_the_day(held)
    minutes_finalise(actor=people.office, conference=conference)
    minutes_sign_as_secretary(actor=people.office, conference=conference)
    minutes_sign_as_chair(actor=people.chair, conference=conference)
    _conclude(held, people)
    _date_the_signatures(held, calendar)


def _create(plan: Plan, commune: AdminUnit, people: People, day: dt.date) -> Conference:
    villages = list(Village.objects.filter(unit=commune, name__in=HELD_VILLAGES).order_by("sort_order", "name"))
    conference = conference_create(
        actor=people.office,
        plan=plan,
        data={
            "title": HELD_TITLE,
            "kind": ConferenceKind.AD_HOC,
            "trigger_note": HELD_TRIGGER,
            "starts_at": _at(day, START),
            "venue": "Nhà văn hóa thôn Nà Pàn",
            "chair_name": CHAIR_NAME,
            "council_name": "Chu Thị Mai, Phó Chủ tịch HĐND xã",
            "front_name": "Lộc Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam xã",
            "secretary_name": "Nông Thị Lan, Văn phòng HĐND và UBND xã",
            "minutes_per_question": 5,
            "expected_attendance": 40,
        },
        villages=villages,
        reason=HELD_REASON,
    )
    conference = conference_announce(actor=people.office, conference=conference)
    for step in conference.steps.filter(due_date__lt=day, done_at__isnull=True).order_by("order", "pk"):
        timeline_step_complete(actor=people.office, step=step)
    return conference


def _petition_sent_before(conference: Conference, people: People, day: dt.date) -> Petition:
    """The crops in the road's way: brought to the commune's reception twelve days before, classified."""
    village = Village.objects.get(unit=conference.unit, name="Thôn Nà Pàn")
    petition, _created = create_petition(
        actor=people.office,
        unit=conference.unit,
        data={
            "text": PRIOR_PETITION,
            "channel": Channel.RECEPTION,
            "received_on": day - dt.timedelta(days=12),
            "village": village,
            "conference": conference,
            "submitter_name": "Hoàng Thị Ngần",
            "submitter_phone": "0915274863",
            "submitter_address": village.name,
            "consent_contact": True,
        },
        submission_key=f"{KEY_PREFIX}held-prior",
    )
    sectors = {s.code: s for s in sectors_ensure(actor=people.office, unit=conference.unit)}
    return petition_classify(
        actor=people.office,
        petition=petition,
        kind=Kind.RECOMMENDATION,
        sector=sectors["DD"],
        jurisdiction=Jurisdiction.THIS_UNIT,
    )


def _delegates(conference: Conference, commune: AdminUnit, people: People) -> None:
    """A dozen delegates, those present checked in at the door, and a villager who came without an invitation."""
    villages = {v.name: v for v in Village.objects.filter(unit=commune, name__in=HELD_VILLAGES)}
    rules = list(conference.plan.composition.all())
    made: list[tuple[Delegate, bool]] = []
    for person in HELD_DELEGATES:
        rule = _rule_for(rules, person.rule)
        placed = delegate_create(
            actor=people.office,
            conference=conference,
            data={
                "full_name": person.name,
                "position": person.position,
                "phone": person.phone,
                "consent_to_publish": person.consent,
                "role_label": rule.role_label if rule else person.rule,
            },
            village=villages.get(person.village),
        )
        made.append((placed.delegate, person.present))
    for index, (delegate, present) in enumerate(made):
        if present:
            delegate_check_in(actor=people.office, delegate=delegate, method="qr" if index % 3 else "name")
    name, village = WALK_IN
    delegate_walk_in(actor=people.office, conference=conference, data={"full_name": name}, village=villages[village])


def _rule_for(rules: list[CompositionRule], keyword: str) -> CompositionRule | None:
    """The plan's composition rule a person fills: the one its label begins with, else one that names it."""
    key = keyword.lower()
    return next((r for r in rules if r.role_label.lower().startswith(key)), None) or next(
        (r for r in rules if key in r.role_label.lower()), None
    )


def _run(
    conference: Conference, commune: AdminUnit, people: People, day: dt.date, due: dt.date, prior: Petition
) -> Held:
    """The morning in the hall: the programme run item by item, the speakers timed, each question concluded."""
    office = people.office
    items = agenda_from_standard(actor=office, conference=conference)
    for item in items:
        held_item = HELD_BY_KIND.get(item.kind)
        if held_item is None:
            continue
        data: dict[str, Any] = {}
        if held_item.title:
            data["title"] = held_item.title
        if held_item.presenter:
            data["presenter"] = held_item.presenter
        if held_item.planned:
            data["planned_minutes"] = held_item.planned
        if data:
            agenda_item_update(actor=office, item=item, data=data)
    villages = {v.name: v for v in Village.objects.filter(unit=commune, name__in=HELD_VILLAGES)}
    delegates = {d.full_name: d for d in Delegate.objects.filter(conference=conference).exclude(full_name="")}
    speakers: dict[str, Speaker] = {}
    # Those who registered before the day are on the list when the conference opens; walk-ins are added in it.
    for spec in HELD_SPEAKERS:
        if spec.delegate:
            speakers[spec.key] = _add_speaker(conference, office, spec, delegates, villages, prior)

    room_start(actor=office, conference=conference)
    dialogue = next(i for i in items if i.kind == AgendaKind.DIALOGUE)
    while agenda_next(actor=office, conference=conference) not in (None, dialogue):
        pass
    departments = {d.name: d for d in Department.objects.filter(unit=commune)}
    sectors = {s.code: s for s in sectors_ensure(actor=office, unit=commune)}
    exchanges: list[tuple[HeldExchange, Exchange]] = []
    for spec in HELD_SPEAKERS:
        if spec.key not in speakers:
            # A citizen who asks for the floor in the hall is put next, ahead of those still waiting.
            added = _add_speaker(conference, office, spec, delegates, villages, prior)
            while _waiting_ahead(added):
                added = speaker_move(actor=office, speaker=added, direction=UP)
            speakers[spec.key] = added
        speaker = speaker_stop(actor=office, speaker=speaker_start(actor=office, speaker=speakers[spec.key]))
        speakers[spec.key] = speaker
        for number, question in enumerate(HELD_EXCHANGES, start=1):
            if question.speaker == spec.key:
                made = _exchange(conference, office, speaker, question, number, prior, sectors, departments, due)
                exchanges.append((question, made))
    while agenda_next(actor=office, conference=conference) is not None:
        pass
    room_end(actor=office, conference=conference)
    return Held(
        conference=conference,
        day=day,
        due=due,
        items=list(AgendaItem.objects.filter(conference=conference).order_by("order", "pk")),
        speakers=speakers,
        exchanges=exchanges,
    )


def _waiting_ahead(speaker: Speaker) -> bool:
    return Speaker.objects.filter(
        conference_id=speaker.conference_id, status=SpeakerStatus.WAITING, order__lt=speaker.order
    ).exists()


def _add_speaker(
    conference: Conference,
    office: User,
    spec: HeldSpeaker,
    delegates: dict[str, Delegate],
    villages: dict[str, Village],
    prior: Petition,
) -> Speaker:
    data: dict[str, Any] = {"topic": spec.topic}
    if spec.delegate:
        delegate = delegates[spec.delegate]
        data["delegate"] = delegate.pk
        data["label"] = _label(delegate)
        if spec.delegate == prior.submitter_name:
            data["petitions"] = [prior.pk]
    else:
        data.update({"name": spec.name, "village": villages[spec.village].pk, "label": "Cử tri"})
    speaker, _created = speaker_add(
        actor=office, conference=conference, data=data, submission_key=f"{KEY_PREFIX}held-{spec.key}"
    )
    return speaker


def _exchange(
    conference: Conference,
    office: User,
    speaker: Speaker,
    spec: HeldExchange,
    number: int,
    prior: Petition,
    sectors: dict[str, Sector],
    departments: dict[str, Department],
    due: dt.date,
) -> Exchange:
    data: dict[str, Any] = {"question": spec.question, "speaker": speaker}
    if spec.petition_text:
        data.update(
            {
                "new_petition": True,
                "petition_text": spec.petition_text,
                "kind": spec.kind,
                "sector": sectors["XD-GT-HT"],
                "jurisdiction": spec.jurisdiction,
            }
        )
    else:
        data["petitions"] = [prior]
    exchange, _created = exchange_open(
        actor=office, conference=conference, data=data, submission_key=f"{KEY_PREFIX}held-{number}"
    )
    department = departments[spec.department] if spec.department else None
    return exchange_conclude(
        actor=office,
        exchange=exchange,
        outcome=spec.outcome,
        answered_by=spec.answered_by,
        department=department,
        answer_text=spec.answer,
        conclusion=spec.conclusion,
        due_date=due if spec.outcome == Outcome.IN_WRITING else None,
        to_body=spec.to_body,
    )


def _type_the_minutes(held: Held, people: People) -> None:
    """What the secretary typed as the morning went: who came, a line per item, a note on one exchange, and
    the chair's conclusions."""
    sections = [(PARTICIPANTS, PARTICIPANTS_NOTE)]
    sections += [(f"agenda:{i.pk}", HELD_BY_KIND[i.kind].minutes_line) for i in held.items if i.kind in HELD_BY_KIND]
    overtime = next(e for spec, e in held.exchanges if spec.speaker == "khai")
    sections += [(f"exchange:{overtime.pk}", OVERTIME_NOTE), (CLOSING, _closing(held.due))]
    for key, text in sections:
        minutes_section_save(actor=people.office, conference=held.conference, key=key, text=text, base_revision=0)


def _conclude(held: Held, people: People) -> None:
    """The conclusion notice, and the written answer's step moved to the date the chair set (with the reason)."""
    conference = conference_conclude(actor=people.office, conference=held.conference)
    for step in conference.steps.filter(key="conclusion_notice"):
        timeline_step_complete(actor=people.office, step=step)
    for step in conference.steps.filter(key="written_answers"):
        timeline_step_update(
            actor=people.office,
            step=step,
            due_date=held.due,
            owner_role=step.owner_role,
            owner_department=step.owner_department,
            note=step.note,
            reason=(
                "Kiến nghị về rãnh thoát nước, cống qua đường thôn Nà Pàn cần khảo sát thực địa cùng đơn vị tư vấn; "
                f"Chủ tịch UBND xã kết luận trả lời bằng văn bản trước ngày {short_date(held.due)}."
            ),
        )


# ---------------------------------------------------------------- the clock: the one exception to the actions


def _date_the_day(held: Held) -> None:
    """The times the actions stamped with the load's clock, moved to the morning of the conference (see the
    module's docstring). Only times: every state, link and text is what the actions made."""
    conference = held.conference
    day = held.day
    start = _at(day, START)
    clock = dialogue = start
    for item in held.items:
        held_item = HELD_BY_KIND.get(item.kind)
        used = held_item.used if held_item is not None else item.planned_minutes * 60
        ended = clock + dt.timedelta(seconds=used)
        AgendaItem.objects.filter(pk=item.pk).update(
            started_at=clock, ended_at=ended, elapsed_seconds=used, current_since=None
        )
        if item.kind == AgendaKind.DIALOGUE:
            dialogue = clock
        clock = ended
    Room.objects.filter(conference=conference).update(started_at=start, ended_at=clock)
    turns: dict[str, dt.datetime] = {}
    for spec in HELD_SPEAKERS:
        began = dialogue + dt.timedelta(seconds=spec.at)
        turns[spec.key] = began + dt.timedelta(seconds=spec.seconds)
        Speaker.objects.filter(pk=held.speakers[spec.key].pk).update(
            started_at=began, ended_at=turns[spec.key], elapsed_seconds=spec.seconds, running_since=None
        )
    for question, exchange in held.exchanges:
        concluded = turns[question.speaker] + dt.timedelta(seconds=question.answered_seconds)
        Exchange.objects.filter(pk=exchange.pk).update(concluded_at=concluded)
        if exchange.answer_id:
            Answer.objects.filter(pk=exchange.answer_id).update(approved_at=concluded)
    Petition.objects.filter(conference=conference, channel=Channel.CONFERENCE).update(received_on=day)
    arrivals = Delegate.objects.filter(conference=conference, checked_in_at__isnull=False).order_by("order", "pk")
    for minute, delegate in enumerate(arrivals):
        Delegate.objects.filter(pk=delegate.pk).update(checked_in_at=start - dt.timedelta(minutes=28 - 2 * minute))
    calendar = calendar_for(conference.unit)
    announced = _at(calendar.add_working_days(day, -4), dt.time(9, 30))
    Conference.objects.filter(pk=conference.pk).update(announced_at=announced)
    for step in TimelineStep.objects.filter(conference=conference, done_at__isnull=False):
        done = announced if step.key == "announcement" else _at(min(step.due_date, day), dt.time(16, 30))
        TimelineStep.objects.filter(pk=step.pk).update(done_at=done)


def _date_the_signatures(held: Held, calendar: WorkingCalendar) -> None:
    """The minutes finalised and signed by the secretary the afternoon of the conference, by the chair the next
    working morning; the conclusion notice issued within the 10 days."""
    day = held.day
    next_day = calendar.add_working_days(day, 1)
    Minutes.objects.filter(conference=held.conference).update(
        finalised_at=_at(day, dt.time(15, 10)),
        secretary_signed_at=_at(day, dt.time(15, 20)),
        chair_signed_at=_at(next_day, dt.time(7, 45)),
    )
    notice = calendar.next_working_day(day + dt.timedelta(days=5))
    TimelineStep.objects.filter(conference=held.conference, key="conclusion_notice").update(
        done_at=_at(notice, dt.time(10, 0))
    )
