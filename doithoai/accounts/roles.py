"""The roles a person can hold in a unit. Permissions name these; see each app's rules.py."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch UBND")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch UBND")
    OFFICE = "office", _("Văn phòng / thư ký")
    DEPARTMENT_OFFICER = "department_officer", _("Cán bộ cơ quan chuyên môn")
    FRONT = "front", _("Ủy ban MTTQ")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn, tổ trưởng tổ dân phố")
    COUNCIL = "council", _("Giám sát HĐND")
    HIGHER_OFFICIAL = "higher_official", _("Cán bộ cấp trên")
    # Sees and edits only the budget of the conferences (seeds 000, 001, 003: "Kế toán", "Công chức Tài chính –
    # Kế toán"): not a member of the staff who read petitions and plans.
    ACCOUNTANT = "accountant", _("Kế toán")
    # Not held in a unit: the `is_superuser` flag of the account. Listed so the
    # permission matrix can name it.
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    # A person with an account and no role: what every visitor of the portal can do, and their own items.
    CITIZEN = "citizen", _("Công dân")


# The roles a unit can give a person (the members page).
UNIT_ROLES = [r for r in Role if r not in (Role.SYSTEM_ADMIN, Role.CITIZEN)]
# The unit's staff, who read its plans, conferences and petitions. The accountant is not one of them: the
# budget app names it where it may act.
STAFF_ROLES = frozenset(UNIT_ROLES) - {Role.ACCOUNTANT}
# Read-only supervisors of the unit's work.
SUPERVISOR_ROLES = frozenset({Role.FRONT, Role.COUNCIL, Role.HIGHER_OFFICIAL})
