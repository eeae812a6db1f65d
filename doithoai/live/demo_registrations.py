"""Demo data of the advance registrations to speak: for the Điềm He conference ahead, five registrations made
as people would make them: three on the portal (one named with consent, one without a name, one that the
office declines because it was already answered), one through the village head of Nà Pàn, one typed by the
office. Two are linked to petitions of their village on the same matter and put into the list of speakers
(after the speakers prepared from the delegates), one is declined with its reason, two wait.

Everything goes through the actions. Runs after the live room's demo (the prepared speakers come first);
loading it again changes nothing (it stops when the conference has registrations).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from doithoai.accounts.models import User
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.live.actions.registrations import (
    speaking_request_create,
    speaking_request_decline,
    speaking_request_link_petitions,
    speaking_request_submit_public,
    speaking_requests_schedule,
)
from doithoai.live.demo import HELD_TITLE
from doithoai.live.models import SpeakingRequest
from doithoai.petitions import demo as petitions_demo
from doithoai.petitions.models import Petition, Sector
from doithoai.units.models import AdminUnit, Village

KEY_PREFIX = "demo-registration-"
PORTAL, VILLAGE_HEAD, OFFICE = "portal", "village_head", "office"
SCHEDULE, DECLINE, WAIT = "schedule", "decline", "wait"
DECLINE_REASON = (
    "Nội dung đã được UBND xã trả lời bằng văn bản trong tháng trước; đề nghị ông/bà xem kết quả bằng mã tra cứu."
)


@dataclass(frozen=True)
class DemoRegistration:
    how: str
    village: str
    topic: str
    matter: petitions_demo.Matter | None
    then: str
    name: str = ""
    show_name: bool = False


REGISTRATIONS = [
    DemoRegistration(
        PORTAL,
        "Thôn Bản Châu",
        "Đường trục thôn Bản Châu chưa có đèn chiếu sáng, buổi tối đi lại nguy hiểm; xin cho biết khi nào xã lắp đèn.",
        petitions_demo.LIGHTS,
        SCHEDULE,
        name="Lương Văn Thuận",
        show_name=True,
    ),
    DemoRegistration(
        VILLAGE_HEAD,
        "Thôn Nà Pàn",
        "Rác thải sinh hoạt ở thôn chưa được thu gom; đề nghị bố trí điểm tập kết và lịch thu gom định kỳ.",
        petitions_demo.RUBBISH,
        SCHEDULE,
        name="Hoàng Thị Lụa",
    ),
    DemoRegistration(
        PORTAL,
        "Thôn Khòn Khẻ",
        "Hỏi về mức hỗ trợ cây cối, tường rào khi hộ gia đình hiến đất mở rộng đường liên thôn.",
        petitions_demo.ROADS,
        WAIT,
    ),
    DemoRegistration(
        OFFICE,
        "Thôn Nà Pàn",
        "Việc bình xét hộ nghèo, cận nghèo năm 2026 cần được công khai tại nhà văn hóa thôn.",
        petitions_demo.POOR_HOUSEHOLDS,
        WAIT,
    ),
    DemoRegistration(
        PORTAL,
        "Thôn Bản Châu",
        "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi nộp hơn một năm chưa có kết quả.",
        petitions_demo.LAND_TITLES,
        DECLINE,
    ),
]


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=["vanphong", "truongthon"])}


def load_demo_speaking_requests(admin: User, commune: AdminUnit) -> None:
    """The registrations of the conference ahead. Needs the demo's people and the conference prepared by the
    live room's demo (else does nothing); stops at once when the conference already has registrations."""
    users = _users()
    conference = (
        Conference.objects.filter(unit=commune, status=ConferenceStatus.ANNOUNCED, starts_at__gt=timezone.now())
        .exclude(title=HELD_TITLE)
        .order_by("starts_at", "pk")
        .first()
    )
    if len(users) < 2 or conference is None or SpeakingRequest.objects.filter(conference=conference).exists():
        return
    office = users["vanphong"]
    villages = {v.name: v for v in Village.objects.filter(unit=commune)}
    sectors = {s.code: s for s in Sector.objects.filter(unit=commune)}
    to_schedule: list[SpeakingRequest] = []
    for index, item in enumerate(REGISTRATIONS, start=1):
        village = villages.get(item.village)
        if village is None:
            continue
        sector = sectors.get(item.matter.sector) if item.matter is not None else None
        data = {
            "village": village.pk,
            "name": item.name,
            "show_name": item.show_name,
            "topic": item.topic,
            "sector": sector.pk if sector is not None else "",
        }
        key = f"{KEY_PREFIX}{index}-{conference.pk}".ljust(20, "0")
        if item.how == PORTAL:
            request, _created = speaking_request_submit_public(
                conference=conference, data=data, submission_key=key, client_key=f"demo-{index}"
            )
        else:
            actor = users["truongthon"] if item.how == VILLAGE_HEAD else office
            request, _created = speaking_request_create(
                actor=actor, conference=conference, data=data, submission_key=key
            )
        if item.matter is not None and item.then != DECLINE:
            linked = list(
                Petition.objects.filter(unit=commune, village=village, sector__code=item.matter.sector)
                .order_by("-conference_id", "pk")
                .values_list("pk", flat=True)[:2]
            )
            if linked:
                speaking_request_link_petitions(actor=office, request=request, petitions=linked)
        if item.then == SCHEDULE:
            to_schedule.append(request)
        elif item.then == DECLINE:
            speaking_request_decline(actor=office, request=request, reason=DECLINE_REASON)
    if to_schedule:
        speaking_requests_schedule(actor=office, conference=conference, requests=to_schedule)
