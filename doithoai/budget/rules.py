"""Who may do what with the budget of the conferences. The only place these are decided.

The accountant (Kế toán; seed 001: "Giao Kế toán Văn phòng HĐND và UBND xã tham mưu bố trí, quản lý và sử
dụng kinh phí") and the office keep the estimate, record what is spent with its vouchers, and submit the
settlement. The chair, who holds the account, approves it, returns it or reopens it. The vice chair reads,
and so do the supervisors of public money: the Council (HĐND approves the unit's budget), the officials
above and the system administrator. The accountant has no other permission in the system (see
accounts.roles.STAFF_ROLES); the rest of the staff and the Front do not see the budget.
"""

from doithoai.accounts.roles import Role
from doithoai.core.permissions import define

R = Role

VIEW_BUDGET = define(
    "budget.view",
    {R.ACCOUNTANT, R.OFFICE, R.CHAIR, R.VICE_CHAIR, R.COUNCIL, R.HIGHER_OFFICIAL, R.SYSTEM_ADMIN},
)
# Estimate lines (the plan's while it is a draft, each conference's), expenses and their documents.
EDIT_BUDGET = define("budget.edit", {R.ACCOUNTANT, R.OFFICE})
SUBMIT_SETTLEMENT = define("budget.submit_settlement", {R.ACCOUNTANT, R.OFFICE})
APPROVE_SETTLEMENT = define("budget.approve_settlement", {R.CHAIR})
