"""Who may do what with a conference's delegates. The only place these are decided.

The office and the chair draw up the list: slots from the plan's composition,
import, extra delegates, removal. A village head fills the slots of their own
village (the village of their membership) and corrects those names. At the
door the office, the chair, the vice chair and the village heads check people
in; only the office and the chair undo a check-in. Phone numbers are personal
data: only the office, the chair and the vice chair see them, and each time
they do it is recorded. Everyone else on the unit's staff sees the list
without phones, and the attendance count.

When each of these is open, by the conference's state, is in workflow.py.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_DELEGATES = define("delegates.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
MANAGE_DELEGATES = define("delegates.manage", {R.CHAIR, R.OFFICE})
# Fill and correct the slots of the villages the user heads (see workflow.may_edit).
FILL_OWN_VILLAGE = define("delegates.fill_own_village", {R.VILLAGE_HEAD})
VIEW_PHONES = define("delegates.view_phones", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
CHECK_IN = define("delegates.check_in", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.VILLAGE_HEAD})
UNDO_CHECK_IN = define("delegates.undo_check_in", {R.CHAIR, R.OFFICE})
