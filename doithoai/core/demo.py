"""The demo: Xã Điềm He (Lạng Sơn, code 06280), the commune of seed plan 001, set up as an office would.

Everything is created through the same actions the pages call, so the demo
also exercises them and leaves a real audit trail. Village names are
illustrative Tày–Nùng place names, not the commune's official list; the
departments are those the seed plan assigns duties to. People are fictional.
Later issues add their own demo data through `load_demo`'s extension list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from doithoai.accounts import actions as account_actions
from doithoai.accounts.models import User
from doithoai.accounts.roles import Role
from doithoai.budget.demo import load_demo_budget, load_demo_estimate
from doithoai.conferences.demo import load_demo_conference, load_demo_publications
from doithoai.delegates.demo import load_demo_delegates
from doithoai.documents.demo import load_demo_documents
from doithoai.live.demo import load_demo_live
from doithoai.live.demo_registrations import load_demo_speaking_requests
from doithoai.petitions.demo import load as load_demo_petitions
from doithoai.plans.demo import load_demo_plan
from doithoai.units import actions as unit_actions
from doithoai.units.models import AdminUnit, Department, Village
from doithoai.workdays.demo import load_demo_overrides

DEMO_PASSWORD = "doithoai-2026"  # noqa: S105 - printed on purpose: demo accounts on 127.0.0.1 only

COMMUNE_CODE = "06280"  # Xã Điềm He
NEIGHBOUR_CODE = "06253"  # Xã Văn Quan, for the province's roll-up
PROVINCE_CODE = "20"  # Tỉnh Lạng Sơn

VILLAGES = [
    "Thôn Nà Pàn",
    "Thôn Bản Châu",
    "Thôn Khòn Khẻ",
    "Thôn Pò Háng",
    "Thôn Nà Cạn",
    "Thôn Kéo Coong",
    "Thôn Pác Cáp",
    "Thôn Nà Lầm",
    "Thôn Bản Giềng",
    "Thôn Khòn Lạn",
    "Thôn Còn Pheo",
    "Thôn Nà Thí",
    "Thôn Bó Bẩu",
    "Thôn Phai Xả",
    "Thôn Tồng Pài",
    "Thôn Trấn Ninh",
    "Thôn Liên Hội",
    "Thôn Đồng Đăng",
]

DEPARTMENTS = [
    "Văn phòng HĐND và UBND xã",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
    "Trung tâm Dịch vụ công ích",
    "Trạm Y tế xã",
    "Công an xã",
    "Ban Chỉ huy Quân sự xã",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    role: str
    where: str


# (username, full name, position, role, department name, village name)
COMMUNE_PEOPLE = [
    ("chutich", "Hoàng Văn Thắng", "Chủ tịch UBND xã", Role.CHAIR, None, None),
    ("phochutich", "Lương Thị Hạnh", "Phó Chủ tịch UBND xã", Role.VICE_CHAIR, None, None),
    ("vanphong", "Nông Thị Lan", "Chuyên viên Văn phòng HĐND và UBND xã", Role.OFFICE, None, None),
    ("kinhte", "Vi Văn Toàn", "Trưởng phòng Kinh tế", Role.DEPARTMENT_OFFICER, "Phòng Kinh tế", None),
    ("mattran", "Lộc Thị Hoa", "Chủ tịch Ủy ban MTTQ Việt Nam xã", Role.FRONT, None, None),
    ("truongthon", "Hứa Văn Pẻo", "Trưởng thôn Nà Pàn", Role.VILLAGE_HEAD, None, "Thôn Nà Pàn"),
    ("hdnd", "Chu Thị Mai", "Phó Chủ tịch HĐND xã", Role.COUNCIL, None, None),
    ("ketoan", "Vy Thị Thu", "Kế toán Văn phòng HĐND và UBND xã", Role.ACCOUNTANT, None, None),
]


def _demo_user(username: str, full_name: str, *, superuser: bool = False, position: str = "") -> User:
    user = User(
        username=username,
        full_name=full_name,
        email=f"{username}@diemhe.demo.vn",
        position=position,
        is_superuser=superuser,
        is_staff=superuser,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _grant(actor: User, unit: AdminUnit, username: str, full_name: str, position: str, role: str, **where: Any) -> User:
    user, _password = account_actions.member_create(
        actor=actor,
        unit=unit,
        username=username,
        full_name=full_name,
        email=f"{username}@diemhe.demo.vn",
        role=role,
        password=DEMO_PASSWORD,
        position=position,
        **where,
    )
    return user


# Later issues append loaders here: each takes (admin, commune) and adds its demo data.
EXTENSIONS: list[Callable[[User, AdminUnit], None]] = []
EXTENSIONS.append(load_demo_plan)
EXTENSIONS.append(load_demo_estimate)
EXTENSIONS.append(load_demo_conference)
EXTENSIONS.append(load_demo_delegates)
EXTENSIONS.append(load_demo_petitions)
EXTENSIONS.append(load_demo_live)
EXTENSIONS.append(load_demo_speaking_requests)
EXTENSIONS.append(load_demo_documents)
EXTENSIONS.append(load_demo_publications)
EXTENSIONS.append(load_demo_budget)


@transaction.atomic
def load() -> list[DemoLogin]:
    """Create the demo. Refuses to run twice: the commune is then already set up."""
    commune = AdminUnit.objects.get(era="current", level="commune", code=COMMUNE_CODE)
    if commune.is_set_up:
        raise RuntimeError("already loaded")
    province = AdminUnit.objects.get(era="current", level="province", code=PROVINCE_CODE)
    neighbour = AdminUnit.objects.get(era="current", level="commune", code=NEIGHBOUR_CODE)

    admin = _demo_user("quantri", "Quản trị hệ thống", superuser=True)
    logins = [DemoLogin("quantri", admin.full_name, str(Role.SYSTEM_ADMIN.label), "—")]

    unit_actions.unit_set_up(
        actor=admin,
        unit=commune,
        villages=VILLAGES,
        departments=DEPARTMENTS,
        profile={
            "committee_name": "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE",
            "parent_line": "",
            "place_name": "Điềm He",
            "address": "Nhà Văn hóa xã Điềm He, tỉnh Lạng Sơn",
            "phone": "0205 3 800 000",
            "email": "ubnd.diemhe@demo.vn",
        },
    )
    commune.refresh_from_db()
    for username, full_name, position, role, department_name, village_name in COMMUNE_PEOPLE:
        where: dict[str, Any] = {}
        if department_name:
            where["department"] = Department.objects.get(unit=commune, name=department_name)
        if village_name:
            where["village"] = Village.objects.get(unit=commune, name=village_name)
        _grant(admin, commune, username, full_name, position, role, **where)
        detail = department_name or village_name or ""
        where_text = f"{commune.name}, {detail}" if detail else commune.name
        logins.append(DemoLogin(username, full_name, str(Role(role).label), where_text))

    unit_actions.unit_set_up(actor=admin, unit=province, profile={"place_name": "Lạng Sơn"})
    _grant(admin, province, "tinh", "Mã Văn Quang", "Chuyên viên Sở Nội vụ", Role.HIGHER_OFFICIAL)
    logins.append(DemoLogin("tinh", "Mã Văn Quang", str(Role.HIGHER_OFFICIAL.label), province.name))

    unit_actions.unit_set_up(
        actor=admin,
        unit=neighbour,
        villages=["Thôn Bản Làn", "Thôn Nà Sla", "Thôn Pò Đứa"],
        departments=["Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội"],
    )
    _grant(admin, neighbour, "vanquan", "Đinh Văn Bình", "Chuyên viên Văn phòng", Role.OFFICE)
    logins.append(DemoLogin("vanquan", "Đinh Văn Bình", str(Role.OFFICE.label), neighbour.name))

    citizen = _demo_user("congdan", "Triệu Thị Dung")
    logins.append(DemoLogin(citizen.username, citizen.full_name, str(Role.CITIZEN.label), "Thôn Nà Pàn"))

    load_demo_overrides(admin, commune)
    for extension in EXTENSIONS:
        extension(admin, commune)
    return logins
