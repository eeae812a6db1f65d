"""Unit pages. Views translate HTTP: they resolve the unit through selectors, call actions, render.

Objects are always looked up inside the unit of the URL (`selectors.get_village(unit, id)`),
so that an id of another commune answers 404. Permission to change is checked by the
actions (403); pages check the permission to see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from doithoai.accounts import actions as account_actions
from doithoai.accounts import selectors as account_selectors
from doithoai.accounts.roles import Role
from doithoai.core.forms import error_dict
from doithoai.core.permissions import REGISTRY, Permission, has_perm, require_perm, roles_in
from doithoai.lib.params import query_id
from doithoai.units import actions, rules, selectors
from doithoai.units.forms import (
    BootstrapForm,
    DepartmentForm,
    GrantForm,
    LinesForm,
    MemberCreateForm,
    MergeForm,
    ProfileForm,
    VillageForm,
)
from doithoai.units.letterhead import letterhead
from doithoai.units.models import AdminUnit, Department, Village


def unit_context(request: HttpRequest, unit: AdminUnit) -> dict[str, object]:
    """What every page of a unit's workspace needs for its menu."""
    user = request.user
    return {
        "unit": unit,
        "unit_roles": roles_in(user, unit),
        "can": {
            "edit_profile": has_perm(user, rules.EDIT_UNIT_PROFILE, unit),
            "manage_villages": has_perm(user, rules.MANAGE_VILLAGES, unit),
            "manage_departments": has_perm(user, rules.MANAGE_DEPARTMENTS, unit),
            "manage_members": has_perm(user, rules.MANAGE_MEMBERS, unit),
            "set_two_factor_policy": has_perm(user, rules.SET_TWO_FACTOR_POLICY, unit),
            "view_history": has_perm(user, rules.VIEW_HISTORY, unit),
            # The accountant sees only the budget: the menu shows it nothing else.
            "staff": has_perm(user, rules.VIEW_UNIT, unit),
            "view_budget": has_perm(user, REGISTRY["budget.view"], unit),
        },
    }


def _unit(request: HttpRequest, unit_id: int, permission: Permission = rules.VIEW_UNIT) -> AdminUnit:
    """The unit of the URL: 404 if the user cannot see it, 403 if they may not do `permission` there."""
    unit = selectors.get_unit(request.user, unit_id)
    require_perm(request.user, permission, unit)
    return unit


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx asked for this (django-htmx sets `request.htmx`)."""
    return bool(getattr(request, "htmx", False))


def _id(value: str | None) -> int | None:
    """An id from a form; anything that is not a number names nothing (404 by the caller)."""
    if value is None or value.strip() == "":
        return None
    pk = query_id(value)
    if pk is None:
        raise Http404
    return pk


@login_required
def unit_home(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The home page of a unit, with one panel for each role the person holds there. The accountant, who sees
    only the budget, lands on it."""
    unit = selectors.get_unit(request.user, unit_id)
    if not has_perm(request.user, rules.VIEW_UNIT, unit) and has_perm(request.user, REGISTRY["budget.view"], unit):
        return redirect("budget:year", unit_id=unit.pk)
    require_perm(request.user, rules.VIEW_UNIT, unit)
    memberships = selectors.memberships_in(request.user, unit)
    context = unit_context(request, unit)
    roles = roles_in(request.user, unit)
    below: list[AdminUnit] = []
    if Role.HIGHER_OFFICIAL in roles:
        below = list(
            selectors.visible_units(request.user)
            .filter(path__startswith=unit.path, is_set_up=True)
            .exclude(pk=unit.pk)
            .order_by("name")[:200]
        )
    context.update(
        {
            "section": "home",
            "memberships": memberships,
            "inherited_higher_official": Role.HIGHER_OFFICIAL in roles
            and not any(m.role == Role.HIGHER_OFFICIAL for m in memberships),
            "units_below": below,
            "village_count": selectors.villages_of(unit, include_retired=False).count(),
            "department_count": selectors.departments_of(unit, include_inactive=False).count(),
            "Role": Role,
        }
    )
    return render(request, "units/home.html", context)


# ---------------------------------------------------------------- lists of villages and departments


@dataclass(frozen=True)
class _ListPage:
    """A page of named items of the unit: searchable, added to by pasting lines, each item edited or retired."""

    url_name: str  # of the page; also its menu section and its template, "units/<url_name>.html"
    model: type[Village] | type[Department]
    manage: Permission
    items: Callable[..., QuerySet[Any]]  # items(unit, query=...)
    get: Callable[[AdminUnit, int], Any]  # one item, inside the unit (404 otherwise)
    create: Callable[..., list[Any]]  # the action: create(actor=, unit=, lines=)
    add_form: Callable[[Any], LinesForm]
    created: Callable[[int], str]  # the message after adding n items
    edit_template: str


def _list_page(
    request: HttpRequest,
    unit: AdminUnit,
    listing: _ListPage,
    *,
    add_form: LinesForm | None = None,
    row_errors: dict[int, list[str]] | None = None,
    page_errors: list[str] | None = None,
) -> HttpResponse:
    query = request.GET.get("q", "")
    items = list(listing.items(unit, query=query))
    for item in items:
        item.row_errors = (row_errors or {}).get(item.pk, [])
    context = unit_context(request, unit)
    context.update(
        {
            "section": listing.url_name,
            "query": query,
            "items": items,
            "active_count": sum(1 for item in items if item.is_active),
            "add_form": add_form or listing.add_form(None),
            "page_errors": page_errors or [],
            "item_type": ContentType.objects.get_for_model(listing.model),
        }
    )
    template = f"units/{listing.url_name}.html"
    if is_htmx(request) and request.method == "GET":
        return render(request, f"{template}#list", context)
    return render(request, template, context)


def _list_or_add(request: HttpRequest, unit_id: int, listing: _ListPage) -> HttpResponse:
    """GET: the list, searched. POST: add the pasted lines, all or none."""
    unit = _unit(request, unit_id)
    if request.method != "POST":
        return _list_page(request, unit, listing)
    form = listing.add_form(request.POST)
    form.is_valid()
    try:
        created = listing.create(actor=request.user, unit=unit, lines=form.cleaned_data.get("lines", ""))
    except ValidationError as exc:
        form.add_action_errors(error_dict(exc))
        return _list_page(request, unit, listing, add_form=form)
    messages.success(request, listing.created(len(created)))
    return redirect(f"units:{listing.url_name}", unit_id=unit.pk)


def _edit_page(
    request: HttpRequest,
    unit_id: int,
    item_id: int,
    listing: _ListPage,
    form_class: type[BootstrapForm],
    save: Callable[[Any, dict[str, Any]], object],
) -> HttpResponse:
    """Edit one item with `form_class`, whose fields are the item's; `save(item, cleaned_data)` calls the action."""
    unit = _unit(request, unit_id, listing.manage)
    item = listing.get(unit, item_id)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                save(item, form.cleaned_data)
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect(f"units:{listing.url_name}", unit_id=unit.pk)
    else:
        form = form_class(initial={name: getattr(item, name) for name in form_class.base_fields})
    context = unit_context(request, unit)
    context.update({"section": listing.url_name, "item": item, "form": form})
    return render(request, listing.edit_template, context)


def _change_state(
    request: HttpRequest, unit_id: int, item_id: int, listing: _ListPage, change: Callable[[Any], object], done: str
) -> HttpResponse:
    """POST one change to one item (retire, delete…): back to the list with `done`, or the refusal at its row."""
    unit = _unit(request, unit_id)
    item = listing.get(unit, item_id)
    try:
        change(item)
    except ValidationError as exc:
        return _list_page(request, unit, listing, row_errors={item.pk: exc.messages}, page_errors=exc.messages)
    messages.success(request, done % {"name": item.name})
    return redirect(f"units:{listing.url_name}", unit_id=unit.pk)


# ---------------------------------------------------------------- villages


def _villages_add_form(data: Any = None) -> LinesForm:
    return LinesForm(
        data,
        label=_("Thêm thôn, tổ dân phố"),
        help_text=_("Dán danh sách, mỗi dòng một tên (ví dụ: Thôn Nà Pàn). Có thể dán cả danh sách đánh số."),
    )


_VILLAGES = _ListPage(
    url_name="villages",
    model=Village,
    manage=rules.MANAGE_VILLAGES,
    items=selectors.villages_of,
    get=selectors.get_village,
    create=actions.villages_create,
    add_form=_villages_add_form,
    created=lambda n: ngettext("Đã thêm %(n)s thôn, tổ dân phố.", "Đã thêm %(n)s thôn, tổ dân phố.", n) % {"n": n},
    edit_template="units/village_edit.html",
)


@login_required
def villages(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The list of villages; managers add more by pasting one name per line."""
    return _list_or_add(request, unit_id, _VILLAGES)


@login_required
def village_edit(request: HttpRequest, unit_id: int, village_id: int) -> HttpResponse:
    """Rename a village or change its kind."""
    return _edit_page(
        request,
        unit_id,
        village_id,
        _VILLAGES,
        VillageForm,
        lambda v, data: actions.village_update(actor=request.user, village=v, name=data["name"], kind=data["kind"]),
    )


@login_required
@require_POST
def village_retire(request: HttpRequest, unit_id: int, village_id: int) -> HttpResponse:
    return _change_state(
        request,
        unit_id,
        village_id,
        _VILLAGES,
        lambda v: actions.village_retire(actor=request.user, village=v),
        _("Đã cho “%(name)s” thôi hoạt động."),
    )


@login_required
@require_POST
def village_reactivate(request: HttpRequest, unit_id: int, village_id: int) -> HttpResponse:
    return _change_state(
        request,
        unit_id,
        village_id,
        _VILLAGES,
        lambda v: actions.village_reactivate(actor=request.user, village=v),
        _("“%(name)s” đã hoạt động trở lại."),
    )


@login_required
@require_POST
def village_delete(request: HttpRequest, unit_id: int, village_id: int) -> HttpResponse:
    return _change_state(
        request,
        unit_id,
        village_id,
        _VILLAGES,
        lambda v: actions.village_delete(actor=request.user, village=v),
        _("Đã xóa “%(name)s”."),
    )


@login_required
def villages_merge(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Merge two or more villages, into one of them or into a new one."""
    unit = _unit(request, unit_id, rules.MANAGE_VILLAGES)
    errors: dict[str, list[str]] = {}
    chosen: set[int] = set()
    into_id: int | None = None
    form = MergeForm(request.POST or None)
    if request.method == "POST":
        form.is_valid()
        sources = [selectors.get_village(unit, pk) for pk in {_id(v) for v in request.POST.getlist("sources")} if pk]
        chosen = {v.pk for v in sources}
        into_id = _id(request.POST.get("into"))
        into = selectors.get_village(unit, into_id) if into_id else None
        try:
            target = actions.villages_merge(
                actor=request.user,
                unit=unit,
                sources=sources,
                into=into,
                new_name=form.cleaned_data.get("new_name", "") if into is None else "",
            )
        except ValidationError as exc:
            errors = error_dict(exc)
            form.add_action_errors({k: v for k, v in errors.items() if k == "new_name"})
        else:
            messages.success(
                request,
                _("Đã sáp nhập %(names)s vào “%(target)s”.")
                % {"names": ", ".join(f"“{v.name}”" for v in sources if v.pk != target.pk), "target": target.name},
            )
            return redirect("units:villages", unit_id=unit.pk)
    context = unit_context(request, unit)
    context.update(
        {
            "section": "villages",
            "villages": list(selectors.villages_of(unit, include_retired=False)),
            "form": form,
            "chosen": chosen,
            "into_id": into_id,
            "merge_errors": [m for key in ("sources", "into", "__all__") for m in errors.get(key, [])],
            "into_invalid": "into" in errors,
        }
    )
    return render(request, "units/villages_merge.html", context)


# ---------------------------------------------------------------- departments


def _departments_add_form(data: Any = None) -> LinesForm:
    return LinesForm(
        data,
        label=_("Thêm cơ quan chuyên môn"),
        help_text=_("Mỗi dòng một cơ quan (ví dụ: Phòng Kinh tế, Công an xã, Trạm y tế)."),
    )


_DEPARTMENTS = _ListPage(
    url_name="departments",
    model=Department,
    manage=rules.MANAGE_DEPARTMENTS,
    items=selectors.departments_of,
    get=selectors.get_department,
    create=actions.departments_create,
    add_form=_departments_add_form,
    created=lambda n: ngettext("Đã thêm %(n)s cơ quan.", "Đã thêm %(n)s cơ quan.", n) % {"n": n},
    edit_template="units/department_edit.html",
)


@login_required
def departments(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _list_or_add(request, unit_id, _DEPARTMENTS)


@login_required
def department_edit(request: HttpRequest, unit_id: int, department_id: int) -> HttpResponse:
    return _edit_page(
        request,
        unit_id,
        department_id,
        _DEPARTMENTS,
        DepartmentForm,
        lambda d, data: actions.department_update(
            actor=request.user, department=d, name=data["name"], short_name=data["short_name"]
        ),
    )


@login_required
@require_POST
def department_deactivate(request: HttpRequest, unit_id: int, department_id: int) -> HttpResponse:
    return _change_state(
        request,
        unit_id,
        department_id,
        _DEPARTMENTS,
        lambda d: actions.department_set_active(actor=request.user, department=d, active=False),
        _("Đã ngừng sử dụng “%(name)s”."),
    )


@login_required
@require_POST
def department_activate(request: HttpRequest, unit_id: int, department_id: int) -> HttpResponse:
    return _change_state(
        request,
        unit_id,
        department_id,
        _DEPARTMENTS,
        lambda d: actions.department_set_active(actor=request.user, department=d, active=True),
        _("“%(name)s” được sử dụng trở lại."),
    )


@login_required
@require_POST
def department_delete(request: HttpRequest, unit_id: int, department_id: int) -> HttpResponse:
    return _change_state(
        request,
        unit_id,
        department_id,
        _DEPARTMENTS,
        lambda d: actions.department_delete(actor=request.user, department=d),
        _("Đã xóa “%(name)s”."),
    )


# ---------------------------------------------------------------- members


def _places(unit: AdminUnit) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    departments = [(d.pk, d.name) for d in selectors.departments_of(unit, include_inactive=False)]
    villages = [(v.pk, v.name) for v in selectors.villages_of(unit, include_retired=False)]
    return departments, villages


def _role_details(unit: AdminUnit, data: dict[str, Any]) -> tuple[Department | None, Village | None]:
    department_id = _id(data.get("department"))
    village_id = _id(data.get("village"))
    role = data.get("role") or ""
    # A select hidden for the chosen role may still carry a value: only the one the role needs counts.
    department = (
        selectors.get_department(unit, department_id) if department_id and role == Role.DEPARTMENT_OFFICER else None
    )
    village = selectors.get_village(unit, village_id) if village_id and role == Role.VILLAGE_HEAD else None
    return department, village


def _members_page(
    request: HttpRequest,
    unit: AdminUnit,
    *,
    create_form: MemberCreateForm | None = None,
    grant_form: GrantForm | None = None,
    created: dict[str, Any] | None = None,
    page_errors: list[str] | None = None,
) -> HttpResponse:
    departments, villages = _places(unit)
    create_form = create_form or MemberCreateForm()
    grant_form = grant_form or GrantForm()
    create_form.set_places(departments, villages)
    grant_form.set_places(departments, villages)
    people = selectors.people_of(unit)
    can_reset = has_perm(request.user, rules.RESET_TWO_FACTOR, unit)
    # The reset button is offered for people of the unit who have an authenticator app to lose.
    active_ids = {p.user.pk for p in people if p.active}
    with_device = account_selectors.users_with_two_factor(active_ids) if can_reset else set()
    context = unit_context(request, unit)
    context.update(
        {
            "section": "members",
            "people": people,
            "two_factor_reset_ids": with_device,
            "create_form": create_form,
            "grant_form": grant_form,
            "created": created,
            "page_errors": page_errors or [],
        }
    )
    return render(request, "units/members.html", context)


@login_required
def members(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The people of the unit and their roles."""
    unit = _unit(request, unit_id)
    return _members_page(request, unit)


@never_cache
@login_required
@require_POST
def member_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Create an account with a role in the unit. The initial password is shown once, on this response only."""
    unit = _unit(request, unit_id)
    form = MemberCreateForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    department, village = _role_details(unit, data)
    try:
        user, password = account_actions.member_create(
            actor=request.user,
            unit=unit,
            username=data.get("username", ""),
            full_name=data.get("full_name", ""),
            email=data.get("email", ""),
            role=data.get("role", ""),
            password=data.get("password") or None,
            position=data.get("position", ""),
            phone=data.get("phone", ""),
            department=department,
            village=village,
        )
    except ValidationError as exc:
        form.add_action_errors(error_dict(exc))
        return _members_page(request, unit, create_form=form)
    created = {"user": user, "password": password, "generated": not data.get("password")}
    return _members_page(request, unit, created=created)


@login_required
@require_POST
def membership_grant(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Give a person who already has an account another role in this unit."""
    unit = _unit(request, unit_id)
    form = GrantForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    department, village = _role_details(unit, data)
    username = (data.get("username") or "").strip()
    person = selectors.user_by_username(username)
    # The permission comes before telling whether an account exists.
    require_perm(request.user, rules.MANAGE_MEMBERS, unit)
    if person is None:
        form.add_action_errors(
            {
                "username": [
                    _("Không tìm thấy người dùng có tên đăng nhập “%(u)s”.") % {"u": username}
                    if username
                    else _("Cần nhập tên đăng nhập.")
                ]
            }
        )
        return _members_page(request, unit, grant_form=form)
    try:
        account_actions.membership_grant(
            actor=request.user,
            unit=unit,
            user=person,
            role=data.get("role", ""),
            department=department,
            village=village,
        )
    except ValidationError as exc:
        form.add_action_errors(error_dict(exc))
        return _members_page(request, unit, grant_form=form)
    messages.success(request, _("Đã giao vai trò cho %(name)s.") % {"name": person})
    return redirect("units:members", unit_id=unit.pk)


@login_required
@require_POST
def membership_revoke(request: HttpRequest, unit_id: int, membership_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    membership = selectors.get_membership(unit, membership_id)
    try:
        account_actions.membership_revoke(actor=request.user, membership=membership)
    except ValidationError as exc:
        return _members_page(request, unit, page_errors=exc.messages)
    messages.success(
        request,
        _("Đã thu hồi vai trò %(role)s của %(name)s.")
        % {"role": membership.get_role_display(), "name": membership.user},
    )
    return redirect("units:members", unit_id=unit.pk)


# ---------------------------------------------------------------- profile


def _letterhead_from(values: dict[str, str]) -> Any:
    return letterhead(
        committee_name=values.get("committee_name", ""),
        parent_line=values.get("parent_line", ""),
        place_name=values.get("place_name", ""),
        committee_abbr=values.get("committee_abbr", ""),
        today=timezone.localdate(),
    )


def _unit_security_url(unit: AdminUnit) -> str | None:
    """The two-factor policy page, built by another part of the project: linked once it exists."""
    try:
        return reverse("accounts:unit_security", args=[unit.pk])
    except NoReverseMatch:
        return None


@login_required
def profile(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's letterhead, with a preview of the document header as it prints."""
    unit = _unit(request, unit_id)
    can_edit = has_perm(request.user, rules.EDIT_UNIT_PROFILE, unit)
    form = ProfileForm(initial=ProfileForm.initial_for(unit))
    values = ProfileForm.initial_for(unit)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        form.is_valid()
        try:
            actions.unit_update_profile(actor=request.user, unit=unit, profile=form.profile())
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
            values = form.profile()
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("units:profile", unit_id=unit.pk)
    context = unit_context(request, unit)
    context.update(
        {
            "section": "profile",
            "form": form,
            "can_edit": can_edit,
            "letterhead": _letterhead_from(values),
            "security_url": _unit_security_url(unit),
        }
    )
    return render(request, "units/profile.html", context)


@login_required
def profile_preview(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The header for the values being typed (htmx, as the user types)."""
    unit = _unit(request, unit_id)
    values = {**ProfileForm.initial_for(unit), **{k: v for k, v in request.GET.items() if isinstance(v, str)}}
    return render(request, "units/_letterhead.html", {"letterhead": _letterhead_from(values)})
