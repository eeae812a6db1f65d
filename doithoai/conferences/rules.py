"""Who may do what with a unit's conferences. The only place these are decided.

The office prepares conferences and the chair may too; only the chair cancels one.
A step of the timeline is marked done by the role that owns it (the Front for its
summary, a department officer for answer drafts, only of their own department when
the step names one) or by the office and the chair. The office and the chair adjust
the timeline of a conference (a step's date, owner, note; extra steps; reopening a
step) and set the plan's timeline rules.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_CONFERENCES = define("conferences.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
# Create, edit the details of and reschedule a conference.
EDIT_CONFERENCES = define("conferences.edit", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
ANNOUNCE_CONFERENCE = define("conferences.announce", {R.CHAIR, R.OFFICE})
HOLD_CONFERENCE = define("conferences.hold", {R.CHAIR, R.OFFICE})
CONCLUDE_CONFERENCE = define("conferences.conclude", {R.CHAIR, R.OFFICE})
CANCEL_CONFERENCE = define("conferences.cancel", {R.CHAIR})
# Mark any step of the timeline done (owners of a step may mark their own one, see workflow.StepAccess).
COMPLETE_ANY_STEP = define("conferences.complete_any_step", {R.CHAIR, R.OFFICE})
# Undo the completion of a step.
REOPEN_STEP = define("conferences.reopen_step", {R.CHAIR, R.OFFICE})
# Change a step's dates, owner and note; add and delete extra steps.
EDIT_TIMELINE = define("conferences.edit_timeline", {R.CHAIR, R.OFFICE})
# Set a plan's timeline rules and apply them to its conferences.
CONFIGURE_TIMELINE = define("conferences.configure_timeline", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
# Record the day the conclusion notice was published through a channel (media, headquarters, village heads).
RECORD_PUBLICATION = define("conferences.record_publication", {R.CHAIR, R.OFFICE})
