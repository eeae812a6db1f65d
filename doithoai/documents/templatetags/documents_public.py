"""Template tags for public pages: the conference's rules on the portal's conference page."""

from __future__ import annotations

from typing import Any

from django import template

from doithoai.documents import selectors

register = template.Library()


@register.inclusion_tag("documents/_public_rules.html")
def conference_rules_public(conference: Any) -> dict[str, Any]:
    """Nội quy hội nghị, as it will be read at the opening (public: it names nobody)."""
    return {"articles": selectors.conference_rules_articles(conference)}


@register.inclusion_tag("documents/_public_materials.html")
def conference_materials_public(conference: Any) -> dict[str, Any]:
    """The materials for dissemination the unit published, to download (only those marked public)."""
    return {"materials": list(selectors.public_materials(conference).select_related("conference"))}
