"""Who may see and change a unit's working-day calendar."""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

VIEW_CALENDAR = define("workdays.view", STAFF_ROLES | {Role.SYSTEM_ADMIN})
MANAGE_CALENDAR = define("workdays.manage", {Role.CHAIR, Role.OFFICE, Role.SYSTEM_ADMIN})
# Nationwide overrides (the Government's Tết schedule) apply to every unit.
MANAGE_NATIONAL_CALENDAR = define("workdays.manage_national", {Role.SYSTEM_ADMIN})
