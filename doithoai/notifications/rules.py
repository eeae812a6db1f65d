"""Who may do what with notifications. The only place this is decided.

Notifications are personal: everyone signed in reads and marks their own, and
nobody, whatever their role, reads another person's (selectors scope every read
to the recipient; another person's notification answers 404). Reminders are
created by the system (the daily background task), not by a person.
"""

from doithoai.accounts.roles import Role
from doithoai.core.permissions import define

# Read one's own notifications, mark them read, choose whether reminders also come by e-mail.
MANAGE_OWN = define("notifications.manage_own", {Role.CITIZEN})
