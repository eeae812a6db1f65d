"""Grouping pages, mounted at don-vi/<unit_id>/y-kien/ (namespace "petitions"): the list of groups, one
group's page (its wording, its petitions, remove, split, merge), the suggested groups to review, and the
panel on one petition's page (its group, or the petitions that may say the same).

Views translate HTTP: the unit through `units.selectors.get_unit` (404 outside the user's units), groups
and petitions through the selectors (404 outside the unit), every change through `actions.groups` (which
checks `rules.CLASSIFY`: 403). Pages need `rules.VIEW_PETITIONS`; their forms are shown to those who
may classify (so the Council reads them without forms). The suggestions need `rules.CLASSIFY`: they are
a tool for grouping, not data.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from doithoai.core import exports as core_exports
from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import has_perm
from doithoai.core.redirects import safe_next
from doithoai.lib.params import query_id
from doithoai.petitions import rules
from doithoai.petitions import selectors as petition_selectors
from doithoai.petitions.actions import groups as actions
from doithoai.petitions.models import Petition, PetitionGroup
from doithoai.petitions.selectors import exports as petition_exports
from doithoai.petitions.selectors import groups as selectors
from doithoai.petitions.selectors import similarity
from doithoai.petitions.views import answers as answer_views
from doithoai.petitions.views import unit_for
from doithoai.units.models import AdminUnit
from doithoai.units.views import is_htmx, unit_context

PAGE_SIZE = 50


# ---------------------------------------------------------------- helpers


def _context(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context["section"] = "petitions"
    context["can_group"] = has_perm(request.user, rules.CLASSIFY, unit)
    context.update(extra)
    return context


def _ids(data: QueryDict, name: str) -> list[int]:
    """The ids a form sent; anything that is not an id names nothing (404)."""
    ids = []
    for value in data.getlist(name):
        number = query_id(value)
        if number is None:
            raise Http404
        ids.append(number)
    return ids


def _group_url(unit: AdminUnit, group: PetitionGroup) -> str:
    return reverse("petitions:group_detail", args=[unit.pk, group.pk])


def _petition_url(unit: AdminUnit, petition: Petition) -> str:
    return reverse("petitions:detail", args=[unit.pk, petition.pk])


def _conference(unit: AdminUnit, value: str | None) -> Any:
    conference_id = query_id(value)
    if conference_id is None:
        return None
    conference = petition_selectors.conferences_of(unit).filter(pk=conference_id).first()
    if conference is None:
        raise Http404
    return conference


def _sector(unit: AdminUnit, value: str | None) -> Any:
    sector_id = query_id(value)
    return petition_selectors.get_sector(unit, sector_id) if sector_id is not None else None


# ---------------------------------------------------------------- the list


@login_required
@require_GET
def group_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's groups, 50 a page, by conference and sector; with their petitions' count, villages and
    where they stand. Queries: the page and its count, one for the villages and states of its petitions."""
    unit = unit_for(request, unit_id)
    conference = _conference(unit, request.GET.get("hoi_nghi"))
    sector = _sector(unit, request.GET.get("linh_vuc"))
    query = (request.GET.get("q") or "").strip()[:200]
    qs = selectors.groups_of(unit, conference=conference, sector=sector, query=query)
    fmt = core_exports.format_of(request.GET)
    if fmt is not None:
        notes = [unit.name]
        if conference is not None:
            notes.append(_("Hội nghị: %(v)s") % {"v": conference.title})
        if sector is not None:
            notes.append(_("Lĩnh vực: %(v)s") % {"v": sector.name})
        if query:
            notes.append(_("Tìm: “%(query)s”") % {"query": query})
        return core_exports.response(
            fmt,
            stem="nhom-y-kien",
            title=_("Nhóm ý kiến cùng nội dung"),
            columns=petition_exports.GROUP_COLUMNS,
            rows=petition_exports.group_rows(qs),
            notes=[*notes, core_exports.exported_on()],
        )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    groups = list(page.object_list)
    summaries = selectors.summaries(groups)
    rows = [(group, summaries[group.pk]) for group in groups]
    params = {
        key: value
        for key, value in (
            ("hoi_nghi", conference.pk if conference else ""),
            ("linh_vuc", sector.pk if sector else ""),
            ("q", query),
        )
        if value
    }
    context = _context(
        request,
        unit,
        rows=rows,
        page=page,
        conference=conference,
        sector=sector,
        query=query,
        conferences=list(petition_selectors.conferences_of(unit)),
        sectors=list(petition_selectors.sectors_of(unit)),
        query_string=urlencode(params),
        filtered=bool(params),
    )
    return render(request, "petitions/groups/list.html", context)


# ---------------------------------------------------------------- one group


def _detail_page(
    request: HttpRequest,
    unit: AdminUnit,
    group: PetitionGroup,
    *,
    errors: dict[str, list[str]] | None = None,
    title_value: str | None = None,
    split_title: str = "",
    selected: set[int] | None = None,
) -> HttpResponse:
    members = selectors.members_of(group)
    can_group = has_perm(request.user, rules.CLASSIFY, unit)
    answers = {p.answer_id: p.answer for p in members if p.answer_id is not None}
    candidates: list[tuple[Petition, float]] = []
    if can_group:
        # Petitions not yet grouped that may be about the same: one click adds them.
        member_ids = {p.pk for p in members}
        candidates = [
            (p, score)
            for p, score in similarity.similar_to_text(
                unit, group.title, sector=group.sector, conference=group.conference, limit=10
            )
            if p.pk not in member_ids and p.group_id is None
        ][:5]
    context = _context(
        request,
        unit,
        group=group,
        members=members,
        answer=next(iter(answers.values())) if len(answers) == 1 else None,
        candidates=[(p, round(score * 100)) for p, score in candidates],
        errors=errors or {},
        title_value=group.title if title_value is None else title_value,
        split_title=split_title,
        selected=selected or set(),
        villages=sorted({p.village.name for p in members if p.village}),
        # Assign, draft, approve, answer or refer the whole group: the answers panel acts on a member's matter.
        answer_panel=mark_safe(  # noqa: S308 - the panel's own template escaped it
            answer_views.detail_panel(request, unit, members[0], next_url=_group_url(unit, group))
        )
        if members
        else "",
    )
    return render(request, "petitions/groups/detail.html", context, status=400 if errors else 200)


@login_required
@require_GET
def group_detail(request: HttpRequest, unit_id: int, group_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    return _detail_page(request, unit, selectors.get_group(unit, group_id))


@login_required
@require_POST
def group_rename(request: HttpRequest, unit_id: int, group_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    group = selectors.get_group(unit, group_id)
    title = request.POST.get("title") or ""
    try:
        actions.group_rename(actor=request.user, group=group, title=title)
    except ValidationError as exc:
        return _detail_page(request, unit, group, errors={"title": error_messages(exc)}, title_value=title)
    messages.success(request, _("Đã lưu nội dung chung của nhóm."))
    return redirect(_group_url(unit, group))


def _selected(request: HttpRequest, unit: AdminUnit) -> list[Petition]:
    return selectors.petitions_in(unit, _ids(request.POST, "petitions"))


@login_required
@require_POST
def group_remove(request: HttpRequest, unit_id: int, group_id: int) -> HttpResponse:
    """Take the ticked petitions out of the group (from its page, or from one petition's page)."""
    unit = unit_for(request, unit_id)
    group = selectors.get_group(unit, group_id)
    petitions = _selected(request, unit)
    try:
        remaining = actions.group_remove(actor=request.user, group=group, petitions=petitions)
    except ValidationError as exc:
        if request.POST.get("next"):
            for message in error_messages(exc):
                messages.error(request, message)
            return redirect(safe_next(request, _group_url(unit, group)))
        return _detail_page(
            request, unit, group, errors={"selection": error_messages(exc)}, selected={p.pk for p in petitions}
        )
    messages.success(
        request,
        ngettext("Đã tách %(n)s ý kiến khỏi nhóm.", "Đã tách %(n)s ý kiến khỏi nhóm.", len(petitions))
        % {"n": len(petitions)},
    )
    if remaining is None:
        messages.info(request, _("Nhóm không còn ý kiến nào nên đã được xóa."))
        return redirect(safe_next(request, reverse("petitions:groups", args=[unit.pk])))
    return redirect(safe_next(request, _group_url(unit, group)))


@login_required
@require_POST
def group_split(request: HttpRequest, unit_id: int, group_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    group = selectors.get_group(unit, group_id)
    petitions = _selected(request, unit)
    title = request.POST.get("split_title") or ""
    try:
        new_group = actions.group_split(actor=request.user, group=group, petitions=petitions, title=title)
    except ValidationError as exc:
        errors = error_dict(exc)
        return _detail_page(
            request,
            unit,
            group,
            errors={
                "split_title": errors.pop("title", []),
                "selection": [m for ms in errors.values() for m in ms],
            },
            split_title=title,
            selected={p.pk for p in petitions},
        )
    messages.success(
        request,
        ngettext("Đã tách %(n)s ý kiến thành nhóm mới.", "Đã tách %(n)s ý kiến thành nhóm mới.", len(petitions))
        % {"n": len(petitions)},
    )
    return redirect(_group_url(unit, new_group))


@login_required
@require_POST
def group_merge(request: HttpRequest, unit_id: int, group_id: int) -> HttpResponse:
    """Merge other groups (found with the search box) into this one."""
    unit = unit_for(request, unit_id)
    group = selectors.get_group(unit, group_id)
    others = selectors.groups_in(unit, _ids(request.POST, "others"))
    try:
        actions.group_merge(actor=request.user, target=group, others=others)
    except ValidationError as exc:
        return _detail_page(request, unit, group, errors={"merge": error_messages(exc)})
    messages.success(
        request,
        ngettext("Đã gộp %(n)s nhóm vào nhóm này.", "Đã gộp %(n)s nhóm vào nhóm này.", len(others))
        % {"n": len(others)},
    )
    return redirect(_group_url(unit, group))


@login_required
@require_POST
def group_add(request: HttpRequest, unit_id: int, group_id: int) -> HttpResponse:
    """Add petitions to the group: from a petition's page ("Gộp vào nhóm"), or from the group's page."""
    unit = unit_for(request, unit_id)
    group = selectors.get_group(unit, group_id)
    petitions = _selected(request, unit)
    try:
        actions.group_add(actor=request.user, group=group, petitions=petitions)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "Đã gộp %(n)s ý kiến vào nhóm “%(title)s”.",
                "Đã gộp %(n)s ý kiến vào nhóm “%(title)s”.",
                len(petitions),
            )
            % {"n": len(petitions), "title": group.title},
        )
    return redirect(safe_next(request, _group_url(unit, group)))


@login_required
@require_GET
def group_search(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The search box of a group's page (groups to merge into it) and of a petition's panel (groups to
    add it to): a fragment with one form per group found."""
    unit = unit_for(request, unit_id, rules.CLASSIFY)
    query = (request.GET.get("q") or "").strip()[:200]
    target = selectors.get_group(unit, query_id(request.GET.get("nhom")) or 0) if request.GET.get("nhom") else None
    petition = (
        petition_selectors.get_petition(unit, query_id(request.GET.get("y_kien")) or 0)
        if request.GET.get("y_kien")
        else None
    )
    exclude = target.pk if target else (petition.group_id if petition else None)
    found = selectors.find_groups(unit, query, exclude=exclude) if query else []
    return render(
        request,
        "petitions/groups/_search_results.html",
        {"unit": unit, "query": query, "found": found, "target": target, "petition": petition},
    )


# ---------------------------------------------------------------- creating groups, and the suggestions


def _cluster(
    petitions: list[Petition], *, title: str, checked: set[int] | None = None, index: int = 0
) -> dict[str, Any]:
    return {
        "petitions": petitions,
        "title": title,
        "checked": {p.pk for p in petitions} if checked is None else checked,
        "index": index,
        "villages": sorted({p.village.name for p in petitions if p.village}),
    }


@login_required
@require_POST
def group_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Create a group from the ticked petitions: a suggested group (the card is replaced through htmx), or
    a petition's panel ("Tạo nhóm với ý kiến này"). On error the same card comes back with what was typed
    and ticked, on a page of its own without htmx."""
    unit = unit_for(request, unit_id)
    petitions = _selected(request, unit)
    title = request.POST.get("title") or ""
    try:
        group = actions.group_create(actor=request.user, unit=unit, petitions=petitions, title=title)
    except ValidationError as exc:
        shown = selectors.petitions_in(unit, set(_ids(request.POST, "candidates")) | {p.pk for p in petitions})
        cluster = _cluster(
            shown,
            title=title,
            checked={p.pk for p in petitions},
            index=query_id(request.POST.get("index")) or 0,
        )
        errors = error_dict(exc)
        title_errors = errors.pop("title", [])
        context = _context(
            request,
            unit,
            cluster=cluster,
            title_errors=title_errors,
            cluster_errors=[m for ms in errors.values() for m in ms],
            next=request.POST.get("next") or "",
        )
        template = "petitions/groups/_cluster.html" if is_htmx(request) else "petitions/groups/create.html"
        # htmx swaps only a 2xx answer by default: the card with its errors comes back as 200.
        return render(request, template, context, status=200 if is_htmx(request) else 400)
    if is_htmx(request):
        count = len(petitions)
        return render(
            request,
            "petitions/groups/_created.html",
            {"unit": unit, "group": group, "count": count, "index": query_id(request.POST.get("index")) or 0},
        )
    messages.success(request, _("Đã tạo nhóm “%(title)s”.") % {"title": group.title})
    return redirect(_group_url(unit, group))


@login_required
@require_GET
def group_suggestions(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Petitions not yet grouped that likely say the same thing, as groups to review and create."""
    unit = unit_for(request, unit_id, rules.CLASSIFY)
    conference = _conference(unit, request.GET.get("hoi_nghi"))
    clusters = similarity.suggested_clusters(unit, conference)
    context = _context(
        request,
        unit,
        conference=conference,
        conferences=list(petition_selectors.conferences_of(unit)),
        clusters=[
            _cluster(petitions, title=similarity.proposed_title(petitions), index=index)
            for index, petitions in enumerate(clusters, start=1)
        ],
        next=request.get_full_path(),
    )
    return render(request, "petitions/groups/suggestions.html", context)


# Shorter texts say too little to compare (a word or two typed so far).
HINT_MIN_LENGTH = 20


@login_required
@require_GET
def similar_hint(request: HttpRequest, unit_id: int) -> HttpResponse:
    """ "Có thể trùng với…" while a petition is typed in (the paper form): a fragment listing petitions already
    received that the text may repeat. Reads `text`, and `sector` and `conference` (ids) when given, so
    that a form can send itself: ``hx-get=… hx-include="closest form" hx-trigger="input changed delay:600ms"``.
    """
    unit = unit_for(request, unit_id)
    text = (request.GET.get("text") or "")[:5000]
    sector = _sector(unit, request.GET.get("sector"))
    conference = _conference(unit, request.GET.get("conference"))
    found = []
    if len(text.strip()) >= HINT_MIN_LENGTH:
        found = [
            (p, round(score * 100))
            for p, score in similarity.similar_to_text(unit, text, sector=sector, conference=conference)
        ]
    return render(request, "petitions/groups/_hint.html", {"unit": unit, "found": found})


# ---------------------------------------------------------------- the panel on a petition's page


def detail_panel(request: HttpRequest, unit: AdminUnit, petition: Petition) -> str:
    """HTML of this area's panel on one petition's page (views.staff renders it); "" when none.

    Its group (a link), or the petitions that may say the same (top 5, with their score and village) and,
    for those who may classify, buttons to join their group or make one with them."""
    if not has_perm(request.user, rules.VIEW_PETITIONS, unit):
        return ""
    can_group = has_perm(request.user, rules.CLASSIFY, unit)
    context: dict[str, Any] = {"unit": unit, "petition": petition, "can_group": can_group}
    if petition.group_id is not None:
        context["group_count"] = selectors.group_size(petition.group_id)
    else:
        context["similar"] = [
            # The shorter of the two texts is proposed as the wording of a new group (editable on its page).
            (other, round(score * 100), similarity.proposed_title(sorted([petition, other], key=lambda p: len(p.text))))
            for other, score in similarity.similar_petitions(petition)
        ]
    context["here"] = _petition_url(unit, petition)
    return render_to_string("petitions/groups/_panel.html", context, request=request)


URLS: list[URLPattern] = [
    path("nhom/", group_list, name="groups"),
    path("nhom/goi-y/", group_suggestions, name="group_suggestions"),
    path("nhom/tao/", group_create, name="group_create"),
    path("nhom/tim/", group_search, name="group_search"),
    path("nhom/co-the-trung/", similar_hint, name="similar_hint"),
    path("nhom/<int:group_id>/", group_detail, name="group_detail"),
    path("nhom/<int:group_id>/doi-ten/", group_rename, name="group_rename"),
    path("nhom/<int:group_id>/them/", group_add, name="group_add"),
    path("nhom/<int:group_id>/bo-ra/", group_remove, name="group_remove"),
    path("nhom/<int:group_id>/tach/", group_split, name="group_split"),
    path("nhom/<int:group_id>/gop/", group_merge, name="group_merge"),
]
