"""Who may do what with a unit's conferences. The only place these are decided.

The office prepares conferences and the chair may too; only the chair cancels one.
A step of the timeline is marked done by the role that owns it (the Front for its
summary, a department officer for answer drafts) or by the office and the chair.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_CONFERENCES = define("conferences.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
# Create and reschedule.
EDIT_CONFERENCES = define("conferences.edit", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
ANNOUNCE_CONFERENCE = define("conferences.announce", {R.CHAIR, R.OFFICE})
HOLD_CONFERENCE = define("conferences.hold", {R.CHAIR, R.OFFICE})
CONCLUDE_CONFERENCE = define("conferences.conclude", {R.CHAIR, R.OFFICE})
CANCEL_CONFERENCE = define("conferences.cancel", {R.CHAIR})
# Mark any step of the timeline done (owners of a step may mark their own one, see workflow.can_complete_step).
COMPLETE_ANY_STEP = define("conferences.complete_any_step", {R.CHAIR, R.OFFICE})
