"""Pages of the live room, one module per area; each lists its routes in `URLS` and urls.py joins them.

- room: the secretary's control page (start, current item, current speaker and timer, end)
- agenda: the programme, edited and run
- speakers: the list of speakers and the timer buttons
- screen: the hall's screen and the state it polls (signed in, or by the screen link without sign-in)
- exchanges: each question of the dialogue and the chair's conclusion
- minutes: the minutes, autosaved, finalised, signed, printed

Views only translate HTTP: they call the actions and selectors, and render.
"""

from __future__ import annotations

from django.http import HttpRequest

from doithoai.conferences.models import Conference
from doithoai.core.permissions import Permission, require_perm
from doithoai.live import rules, selectors
from doithoai.units import selectors as unit_selectors
from doithoai.units.models import AdminUnit


def conference_for(
    request: HttpRequest, unit_id: int, conference_id: int, permission: Permission = rules.VIEW_ROOM
) -> tuple[AdminUnit, Conference]:
    """The unit and conference of the URL: 404 if the user cannot see them, 403 without `permission`."""
    unit = unit_selectors.get_unit(request.user, unit_id)
    require_perm(request.user, permission, unit)
    return unit, selectors.get_conference(unit, conference_id)
