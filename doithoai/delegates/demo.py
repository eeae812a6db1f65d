"""Demo data of the delegates: the slots of the Điềm He 2026 conference, most of them named, some answers.

The names are fictional, drawn (with a fixed seed, so every demo is the same)
from surnames and given names common among the Tày, Nùng and Kinh people of
Lạng Sơn. Nobody is checked in: the conference is in the future.
"""

from __future__ import annotations

import random

from doithoai.accounts.models import User
from doithoai.conferences.models import Conference
from doithoai.delegates.actions import delegate_create, delegate_rsvp, delegate_update, slots_generate
from doithoai.delegates.models import Delegate, Rsvp
from doithoai.delegates.workflow import ARRANGE, is_open
from doithoai.plans.models import QuotaKind
from doithoai.units.models import AdminUnit

SURNAMES = [
    "Hoàng", "Nông", "Lương", "Vi", "Lộc", "Hà", "Chu", "Lăng", "Triệu", "Hứa", "Mã", "Đinh",
    "Nguyễn", "Lý", "Dương", "Đàm", "Lành", "Tô", "La", "Bế", "Lâm", "Sầm", "Vy", "Hoàng",
]  # fmt: skip
MEN = [
    "Pẻo", "Sáng", "Lình", "Páo", "Tuấn", "Hùng", "Quý", "Dũng", "Toàn", "Chiến", "Cường", "Hải",
    "Khánh", "Luân", "Thành", "Vượng", "Kiên", "Đức", "Sơn", "Phúc", "Tài", "Lợi", "Nghĩa", "Thuận",
]  # fmt: skip
WOMEN = [
    "Hoa", "Mai", "Lan", "Thơm", "Nhung", "Dung", "Hằng", "Thảo", "Liên", "Hiền", "Phượng", "Sim",
    "Nga", "Huệ", "Vân", "Xuân", "Duyên", "Tươi", "Hạnh", "Nhàn", "Thu", "Yến", "Loan", "Chiêm",
]  # fmt: skip
MIDDLE_MEN = ["Văn", "Văn", "Văn", "Đức", "Minh", "Công"]
MIDDLE_WOMEN = ["Thị", "Thị", "Thị", "Thu", "Hồng"]

# Commune-level people of the plan's composition ("Đại biểu xã" rules carry no number): (role keyword, name, position)
COMMUNE_GUESTS = [
    ("Chủ trì", "Hoàng Văn Thắng", "Chủ tịch UBND xã"),
    ("Chủ trì", "Lương Thị Hạnh", "Phó Chủ tịch UBND xã"),
    ("Thường trực Đảng ủy", "Chu Thị Mai", "Phó Chủ tịch HĐND xã"),
    ("Ủy ban MTTQ", "Lộc Thị Hoa", "Chủ tịch Ủy ban MTTQ Việt Nam xã"),
    ("phòng chuyên môn", "Vi Văn Toàn", "Trưởng phòng Kinh tế"),
    ("phòng chuyên môn", "Nông Thị Lan", "Chuyên viên Văn phòng HĐND và UBND xã"),
    ("Công an", "Hà Văn Kiên", "Trưởng Công an xã"),
    ("Công an", "Đinh Văn Sơn", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã"),
]

SEED = 2026
FILL_SHARE = 0.85
ATTENDING_SHARE = 0.45
DECLINED_SHARE = 0.05


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        if rng.random() < 0.55:
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_MEN)} {rng.choice(MEN)}"
        else:
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_WOMEN)} {rng.choice(WOMEN)}"
        if name not in used:
            used.add(name)
            return name


def _position(slot: Delegate) -> str:
    village = slot.village.name if slot.village else ""
    label = slot.role_label.lower()
    if label.startswith("trưởng"):
        return f"Trưởng {village[:1].lower()}{village[1:]}" if village else ""
    if "mặt trận" in label:
        return f"Trưởng ban Công tác Mặt trận {village[:1].lower()}{village[1:]}" if village else ""
    return ""


def load_demo_delegates(admin: User, commune: AdminUnit) -> None:
    """For the commune's first conference, if there is one by now."""
    conference = Conference.objects.filter(unit=commune).order_by("starts_at", "pk").first()
    if conference is None or not is_open(conference, ARRANGE):
        return
    office = User.objects.filter(username="vanphong").first() or admin
    rng = random.Random(SEED)  # noqa: S311 - fictional names, the same in every demo
    used: set[str] = set()
    slots_generate(actor=office, conference=conference)

    rules = list(conference.plan.composition.all())
    for keyword, name, position in COMMUNE_GUESTS:
        rule = next((r for r in rules if r.kind == QuotaKind.FIXED and keyword.lower() in r.role_label.lower()), None)
        used.add(name)
        delegate_create(
            actor=office,
            conference=conference,
            data={
                "full_name": name,
                "position": position,
                "role_label": rule.role_label if rule else keyword,
                "consent_to_publish": True,
            },
        )

    slots = Delegate.objects.filter(conference=conference, full_name="").select_related("village")
    for slot in slots.order_by("order", "pk"):
        if rng.random() > FILL_SHARE:
            continue
        phone = f"09{rng.randrange(10**7, 10**8)}" if rng.random() < 0.5 else ""
        delegate_update(
            actor=office,
            delegate=slot,
            data={
                "full_name": _name(rng, used),
                "position": _position(slot),
                "phone": phone,
                "consent_to_publish": rng.random() < 0.3,
            },
        )

    for delegate in Delegate.objects.filter(conference=conference).exclude(full_name="").order_by("pk"):
        draw = rng.random()
        if draw < ATTENDING_SHARE:
            delegate_rsvp(delegate=delegate, answer=Rsvp.ATTENDING)
        elif draw < ATTENDING_SHARE + DECLINED_SHARE:
            delegate_rsvp(delegate=delegate, answer=Rsvp.DECLINED)
