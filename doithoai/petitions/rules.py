"""Who may do what with a unit's petitions. The only place these are decided.

Paper forms are typed in by the office, the Front and village heads (who collect them); the office,
the chair and vice chair route them; only the chair or a vice chair approves a result. The Council
and higher officials read everything of the units they supervise, without the submitters' contact data.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_PETITIONS = define("petitions.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
RECEIVE_PETITIONS = define("petitions.receive", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT, R.VILLAGE_HEAD})
# Name, phone and address of the submitter; every read of them is audited.
VIEW_SUBMITTER = define("petitions.view_submitter", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT})
REVISE_TEXT = define("petitions.revise_text", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT})
CLASSIFY = define("petitions.classify", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT})
ROUTE = define("petitions.route", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
# The department officer of the assigned department drafts; the office may draft for anyone.
DRAFT_ANSWER = define("petitions.draft_answer", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.DEPARTMENT_OFFICER})
RESOLVE = define("petitions.resolve", {R.CHAIR, R.VICE_CHAIR})
NOTIFY = define("petitions.notify", {R.CHAIR, R.OFFICE})
REOPEN = define("petitions.reopen", {R.CHAIR, R.OFFICE})
# Attachments are added by whoever may receive the petition; read by those who may see the submitter.
VIEW_ATTACHMENTS = define(
    "petitions.view_attachments", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT, R.DEPARTMENT_OFFICER}
)
MANAGE_SECTORS = define("petitions.manage_sectors", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
# The overdue list (by department): those who route the work and those who supervise it.
VIEW_OVERDUE = define(
    "petitions.view_overdue", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT, R.COUNCIL, R.HIGHER_OFFICIAL}
)
