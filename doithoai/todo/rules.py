"""Who may do what with the to-do list. The only place these are decided.

Everyone who holds a role in a unit has a to-do list ("Việc cần làm"): it lists only
their own tasks, from the units where they hold that role. A duty of a plan is marked
done by whoever it is assigned to (the role, and for department officers, their
department), or by the office and the chair of the plan's unit.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_TASKS = define("todo.view", STAFF_ROLES)
COMPLETE_ANY_ASSIGNMENT = define("todo.complete_any_assignment", {R.CHAIR, R.OFFICE})
