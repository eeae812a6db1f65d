"""Who may do what with documents. The only place these are decided.

The office (whose clerk, văn thư, gives numbers after the leader signs: NĐ 30 Art. 15(2)) and the chair
issue the Committee's documents, and the Party committee's plans, which the system keeps for the commune;
the Front's standing committee issues its summary report. Drafts are downloaded by whoever prepares the
document: the office, the chair and vice chair, and the Front for its own; opinion forms and the radio
script also by village heads, who hand them out and read them. Everyone on the unit's staff, and the
supervisors above, read the register and download issued documents. The office and the chair replace
the unit's templates and set its numbering.
"""

from doithoai.accounts.roles import STAFF_ROLES, Role
from doithoai.core.permissions import Permission, define
from doithoai.documents.models import IssuerBody

R = Role

VIEW = define("documents.view", STAFF_ROLES | {R.SYSTEM_ADMIN})
ISSUE = {
    IssuerBody.COMMITTEE: define("documents.issue_committee", {R.CHAIR, R.OFFICE}),
    IssuerBody.PARTY: define("documents.issue_party", {R.CHAIR, R.OFFICE}),
    IssuerBody.FRONT: define("documents.issue_front", {R.FRONT}),
}
DRAFT = {
    IssuerBody.COMMITTEE: define("documents.draft_committee", {R.CHAIR, R.VICE_CHAIR, R.OFFICE}),
    IssuerBody.PARTY: define("documents.draft_party", {R.CHAIR, R.VICE_CHAIR, R.OFFICE}),
    IssuerBody.FRONT: define("documents.draft_front", {R.FRONT, R.CHAIR, R.VICE_CHAIR, R.OFFICE}),
}
# Unnumbered documents handed out or read aloud: opinion forms and the radio script.
DRAFT_HANDOUTS = define("documents.draft_handouts", {R.CHAIR, R.VICE_CHAIR, R.OFFICE, R.FRONT, R.VILLAGE_HEAD})
# A background job is seen by whoever asked for it and by the office and the chair (who follow the unit's papers).
SEE_ALL_JOBS = define("documents.see_all_jobs", {R.CHAIR, R.OFFICE})
MANAGE_TEMPLATES = define("documents.manage_templates", {R.CHAIR, R.OFFICE, R.SYSTEM_ADMIN})


def draft_permission(*, numbered: bool, issuer: str) -> Permission:
    """Who may download a draft of a kind: its body's drafters, or, for a handout, everyone who hands it out."""
    return DRAFT[IssuerBody(issuer)] if numbered else DRAFT_HANDOUTS


# The unit's rules of its conferences (nội quy hội nghị): written by the office (the Culture-Society office drafts
# them, seed 001; the office of the Committee keeps them) and the chair.
EDIT_CONFERENCE_RULES = define("documents.edit_conference_rules", {R.CHAIR, R.OFFICE})

# Materials for dissemination of a conference (tài liệu tuyên truyền: legal texts, the socio-economic report):
# uploaded, published on the portal and deleted by the office, the chair and the vice chair; the rest of the
# staff (the Front among them) read and download them with VIEW.
MANAGE_MATERIALS = define("documents.manage_materials", {R.CHAIR, R.VICE_CHAIR, R.OFFICE})
