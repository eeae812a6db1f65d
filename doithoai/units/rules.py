"""Who may do what with a unit, its villages, departments and people. The only place these are decided."""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

# Seeing the unit's workspace: anyone who holds a role there, and the levels above.
VIEW_UNIT = define("units.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
# First-run set-up of a new unit picked from the national list.
SET_UP_UNIT = define("units.set_up", {R.SYSTEM_ADMIN})
# Letterhead, villages, departments, people: the office runs the unit's
# administration in practice (Văn phòng HĐND–UBND); the chair may too.
EDIT_UNIT_PROFILE = define("units.edit_profile", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
MANAGE_VILLAGES = define("units.manage_villages", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
MANAGE_DEPARTMENTS = define("units.manage_departments", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
MANAGE_MEMBERS = define("units.manage_members", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
# Whether the unit's staff must use two-factor sign-in: a security decision for the head of the unit.
SET_TWO_FACTOR_POLICY = define("units.set_two_factor_policy", {R.CHAIR, R.SYSTEM_ADMIN})
# Removing the authenticator app of someone who works in the unit (a lost or replaced phone), so that they
# set it up again: those who manage the unit's people.
RESET_TWO_FACTOR = define("units.reset_two_factor", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
# The history of an object: everyone who works in or supervises the unit.
VIEW_HISTORY = define("units.view_history", STAFF_ROLES | {R.SYSTEM_ADMIN})
