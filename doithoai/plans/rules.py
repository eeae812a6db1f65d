"""Who may do what with a unit's dialogue plans. The only place these are decided.

The office (Văn phòng HĐND–UBND) drafts the plan and the chair may too; only the
chair issues and closes it (issuing is signing a document of the committee, so the
system administrator, who supports the unit, may fix a draft but not issue it).
Supervisors (Front, Council, higher officials) and the unit's other staff read.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_PLANS = define("plans.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
# Create (from a preset), edit and delete drafts.
EDIT_PLANS = define("plans.edit", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})
# The plan's "Kinh phí" lines (the year's estimate) while it is a draft: also the accountant, who keeps the budget
# (budget app) and may change nothing else in the plan.
EDIT_PLAN_BUDGET = define("plans.edit_budget", {R.CHAIR, R.OFFICE, R.ACCOUNTANT, R.SYSTEM_ADMIN})
ISSUE_PLAN = define("plans.issue", {R.CHAIR})
# Mark an issued plan as being carried out: the office runs the preparation.
START_PLAN = define("plans.start", {R.CHAIR, R.OFFICE})
CLOSE_PLAN = define("plans.close", {R.CHAIR})
# The compliance board of an upper-level plan (which units below planned, held, concluded; who is late).
VIEW_COMPLIANCE = define("plans.view_compliance", (STAFF_ROLES - {R.VILLAGE_HEAD}) | {R.SYSTEM_ADMIN})
