"""Who may do what in the live conference room. The only place these are decided.

The office (whose secretary keeps the minutes), the chair and the vice chair run the conference: the
agenda, the list of speakers and its timer, the hall's screen, and each exchange of the dialogue (which
also needs the petitions' own permissions to receive and route, held by the same roles). The office and
the chair write the minutes and finalise them; the secretary signs as an officer of the office, the chair
or the vice chair as the one who chaired. Everyone on the unit's staff, and the supervisors above, read
the room and the minutes; none of them changes anything.

When each of these is open, by the state of the room and of the minutes, is in workflow.py.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import define

R = Role

VIEW_ROOM = define("live.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
# The agenda and the list of speakers, before and during the conference.
PREPARE = define("live.prepare", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
# Start and end the conference, move through the agenda, run the speakers' timer, the screen's notice.
RUN_ROOM = define("live.run", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
# Record the questions of the dialogue and the chair's conclusions.
RECORD_EXCHANGES = define("live.record_exchanges", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
EDIT_MINUTES = define("live.edit_minutes", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
FINALISE_MINUTES = define("live.finalise_minutes", {R.CHAIR, R.OFFICE})
REOPEN_MINUTES = define("live.reopen_minutes", {R.CHAIR, R.OFFICE})
SIGN_AS_SECRETARY = define("live.sign_as_secretary", {R.OFFICE})
SIGN_AS_CHAIR = define("live.sign_as_chair", {R.CHAIR, R.VICE_CHAIR})

# Advance registrations to speak (đăng ký phát biểu). The office, the chair and the vice chair read them, link
# them to petitions and turn them into the list of speakers, or decline them; the Front reads them. They
# enter registrations for people of any village; a village head for people of their own village (the
# village is checked by the action), and sees those.
VIEW_REQUESTS = define("live.view_requests", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT})
SCHEDULE_REQUESTS = define("live.schedule_requests", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
ENTER_REQUESTS = define("live.enter_requests", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
ENTER_OWN_VILLAGE_REQUESTS = define("live.enter_own_village_requests", {R.VILLAGE_HEAD})
