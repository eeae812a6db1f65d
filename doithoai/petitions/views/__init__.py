"""Pages of the petitions app, one module per area (the app is big enough that one views.py would be
several thousand lines). Each module lists its own routes in `URLS`; urls.py and public_urls.py join them.

- staff: the list, one petition's page, classification, attachments, sectors
- intake: paper forms typed in, Excel summaries imported
- groups: grouping, duplicate suggestions, merge and split
- answers: assignment, drafts, approval, answers at the conference, referral, the parent unit's inbox
- summary: the Front's summary per conference, supervision
- public: the online form, tracking by code, the citizen's word on the answer (no sign-in)
"""

from __future__ import annotations

from django.http import HttpRequest

from doithoai.core.permissions import Permission, require_perm
from doithoai.petitions import rules
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit


def unit_for(request: HttpRequest, unit_id: int, permission: Permission = rules.VIEW_PETITIONS) -> AdminUnit:
    """The unit of the URL: 404 if the user cannot see it, 403 if they may not do `permission` there."""
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, permission, unit)
    return unit
