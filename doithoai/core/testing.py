"""The fixed cast every test uses. See conftest.py for the fixtures.

Commune A is Xã Điềm He (Lạng Sơn, code 06280), the demo commune; commune B
is its neighbour Xã Văn Quan (06253); the province is Lạng Sơn (20).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.units.models import AdminUnit, Department, Village

# The columns of the permission matrices written out in the tests, in this order.
MATRIX_ROLES = [
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.OFFICE,
    Role.DEPARTMENT_OFFICER,
    Role.FRONT,
    Role.VILLAGE_HEAD,
    Role.COUNCIL,
    Role.HIGHER_OFFICIAL,
    Role.SYSTEM_ADMIN,
    Role.CITIZEN,
    Role.ACCOUNTANT,
]

PASSWORD = "mat-khau-thu-nghiem-2026"  # noqa: S105 - test accounts only


@dataclass
class Cast:
    province: AdminUnit
    commune_a: AdminUnit
    commune_b: AdminUnit
    village_a: Village
    village_b: Village
    department_a: Department
    department_b: Department
    chair_a: User
    vice_chair_a: User
    officer_a: User
    department_officer_a: User
    front_a: User
    village_head_a: User
    council_a: User
    officer_b: User
    province_official: User
    citizen: User
    sysadmin: User
    # The province's own office (Văn phòng UBND tỉnh): handles what the communes refer upward.
    province_officer: User
    # Kế toán of commune A: none of the staff's permissions; the budget app names it.
    accountant_a: User

    def user_for(self, role: Role) -> User:
        return {
            Role.CHAIR: self.chair_a,
            Role.VICE_CHAIR: self.vice_chair_a,
            Role.OFFICE: self.officer_a,
            Role.DEPARTMENT_OFFICER: self.department_officer_a,
            Role.FRONT: self.front_a,
            Role.VILLAGE_HEAD: self.village_head_a,
            Role.COUNCIL: self.council_a,
            Role.HIGHER_OFFICIAL: self.province_official,
            Role.SYSTEM_ADMIN: self.sysadmin,
            Role.CITIZEN: self.citizen,
            Role.ACCOUNTANT: self.accountant_a,
        }[role]


def _user(username: str, full_name: str, *, superuser: bool = False) -> User:
    user = User(username=username, full_name=full_name, email=f"{username}@example.vn", is_superuser=superuser)
    user.set_password(PASSWORD)
    user.save()
    return user


def _unit(code: str, level: str) -> AdminUnit:
    unit = AdminUnit.objects.get(era="current", level=level, code=code)
    unit.is_set_up = True
    unit.save(update_fields=["is_set_up"])
    return unit


# A copy of the national list in a table no model names, which Django's flush leaves alone.
NATIONAL_SNAPSHOT = "test_national_units_snapshot"
_snapshot_taken = False


def snapshot_national_units() -> None:
    """Copy the national list as the migrations left it (once, right after the test database is made)."""
    global _snapshot_taken
    table = AdminUnit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {NATIONAL_SNAPSHOT}")
        cursor.execute(f"CREATE TABLE {NATIONAL_SNAPSHOT} AS SELECT * FROM {table}")  # noqa: S608 (constant names)
    _snapshot_taken = True


def ensure_national_units() -> None:
    """The data migration loads the national list, but transactional tests (browser tests) flush every table
    after they run. The list comes back from the snapshot in one statement; loading it from the package again
    takes about 2 s, once per browser test."""
    if AdminUnit.objects.exists():
        return
    if _snapshot_taken:
        with connection.cursor() as cursor:
            table = AdminUnit._meta.db_table
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {NATIONAL_SNAPSHOT}")  # noqa: S608 (constant names)
        return
    from doithoai.units.loading import load

    load(AdminUnit)


def make_cast() -> Cast:
    ensure_national_units()
    province = _unit("20", "province")
    commune_a = _unit("06280", "commune")
    commune_b = _unit("06253", "commune")
    village_a = Village.objects.create(unit=commune_a, name="Thôn Nà Pàn")
    village_b = Village.objects.create(unit=commune_b, name="Thôn Bản Làn")
    department_a = Department.objects.create(unit=commune_a, name="Phòng Kinh tế")
    department_b = Department.objects.create(unit=commune_b, name="Phòng Kinh tế")
    cast = Cast(
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        village_a=village_a,
        village_b=village_b,
        department_a=department_a,
        department_b=department_b,
        chair_a=_user("chutich_a", "Hoàng Văn Chủ"),
        vice_chair_a=_user("phochutich_a", "Lương Thị Phó"),
        officer_a=_user("vanphong_a", "Nông Thị Văn"),
        department_officer_a=_user("kinhte_a", "Vi Văn Kinh"),
        front_a=_user("mattran_a", "Lộc Thị Mặt"),
        village_head_a=_user("truongthon_a", "Hứa Văn Thôn"),
        council_a=_user("hdnd_a", "Chu Thị Hội"),
        officer_b=_user("vanphong_b", "Đinh Văn Bê"),
        province_official=_user("tinh", "Mã Văn Tỉnh"),
        citizen=_user("congdan", "Triệu Thị Dân"),
        sysadmin=_user("quantri", "Quản Trị Viên", superuser=True),
        province_officer=_user("vanphong_tinh", "Lăng Thị Tỉnh"),
        accountant_a=_user("ketoan_a", "Vy Thị Toán"),
    )
    grants: list[tuple[User, AdminUnit, Role, dict[str, Any]]] = [
        (cast.chair_a, commune_a, Role.CHAIR, {}),
        (cast.vice_chair_a, commune_a, Role.VICE_CHAIR, {}),
        (cast.officer_a, commune_a, Role.OFFICE, {}),
        (cast.department_officer_a, commune_a, Role.DEPARTMENT_OFFICER, {"department": department_a}),
        (cast.front_a, commune_a, Role.FRONT, {}),
        (cast.village_head_a, commune_a, Role.VILLAGE_HEAD, {"village": village_a}),
        (cast.council_a, commune_a, Role.COUNCIL, {}),
        (cast.officer_b, commune_b, Role.OFFICE, {}),
        (cast.province_official, province, Role.HIGHER_OFFICIAL, {}),
        (cast.province_officer, province, Role.OFFICE, {}),
        (cast.accountant_a, commune_a, Role.ACCOUNTANT, {}),
    ]
    for user, unit, role, extra in grants:
        Membership.objects.create(user=user, unit=unit, role=role, **extra)
    return cast


def log_in(page: Any, live_server: Any, username: str, password: str) -> None:
    """Browser tests: sign in through the login form, as a person would, dropping any earlier session."""
    from django.urls import reverse

    # Leave the current page first: a poll it still makes (htmx) would otherwise set a new CSRF cookie after the
    # login page's, and the sign-in would be refused as a CSRF failure (seen on a loaded CI machine).
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:login"))
    form = page.locator("main form").filter(has=page.locator('input[name="username"]'))
    form.locator('input[name="username"]').fill(username)
    form.locator('input[name="password"]').fill(password)
    # Wait for the answer to this POST itself: the page before it is already "loaded", so waiting for a
    # load state could return at once and the next goto would race the sign-in.
    with page.expect_navigation():
        form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
