"""Reads of petitions, scoped to the unit of the URL (resolved by `units.selectors.get_unit` first)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from doithoai.core.search import search
from doithoai.lib.codes import is_valid_code, normalize_code
from doithoai.petitions.models import Petition
from doithoai.units.models import AdminUnit

SEARCH_FIELDS = ["text", "tracking_code", "village__name", "sector__name"]


def petitions_of(unit: AdminUnit, *, query: str = "", status: str = "") -> QuerySet[Petition]:
    qs = Petition.objects.filter(unit=unit).select_related("village", "sector", "assigned_department", "group")
    if status:
        qs = qs.filter(status=status)
    return search(qs, query, SEARCH_FIELDS) if query else qs


def get_petition(unit: AdminUnit, petition_id: int) -> Petition:
    petition = petitions_of(unit).filter(pk=petition_id).first()
    if petition is None:
        raise Http404
    return petition


def by_tracking_code(text: str | None) -> Petition | None:
    """The petition a citizen's code (typed, or read from the QR) names; None for anything else."""
    code = normalize_code(text)
    if not is_valid_code(code):
        return None
    return Petition.objects.select_related("unit", "sector").filter(tracking_code=code).first()
