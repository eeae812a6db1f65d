"""Who may see the statistics. The only place these are decided.

A unit's dashboard is read by everyone on its staff and by the supervisors above it (the Front, the Council,
higher officials): the same people who read its petitions (`petitions.rules.VIEW_PETITIONS`), since every figure
opens the list behind it. The roll-up of the units below is read on the upper unit (a province, or a district in
legacy data) by its leaders and office, its supervisors, and higher officials. Reading is all this app does: its
downloads are reads too, under the same permissions.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_DASHBOARD = define("reports.view_dashboard", STAFF_ROLES | {R.SYSTEM_ADMIN})
VIEW_ROLLUP = define(
    "reports.view_rollup",
    {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT, R.COUNCIL, R.HIGHER_OFFICIAL, R.SYSTEM_ADMIN},
)
