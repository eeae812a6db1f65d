"""Delegate pages. Views translate HTTP: unit and conference through selectors, changes through actions."""

from __future__ import annotations

import dataclasses
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.accounts.views import client_ip
from doithoai.conferences.models import Conference
from doithoai.core import exports as core_exports
from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import Permission, has_perm, require_perm
from doithoai.delegates import actions, excel, rules, selectors, workflow
from doithoai.delegates.forms import DelegateForm, ImportForm, WalkInForm
from doithoai.delegates.models import Delegate, Rsvp, format_code
from doithoai.lib.numbers import grouped
from doithoai.lib.params import query_ids
from doithoai.lib.vndates import weekday_date
from doithoai.units import selectors as unit_selectors
from doithoai.units.letterhead import letterhead
from doithoai.units.models import AdminUnit, Village
from doithoai.units.views import unit_context

PAGE_SIZE = 100
# Unknown invitation codes tried from one address before the public page stops answering for a while.
PUBLIC_MISS_LIMIT = 20
PUBLIC_MISS_WINDOW = 15 * 60
CHECKED_IN_EVENT = "delegates-changed"


# ---------------------------------------------------------------- helpers


def _conference(
    request: HttpRequest, unit_id: int, conference_id: int, permission: Permission = rules.VIEW_DELEGATES
) -> tuple[AdminUnit, Conference]:
    unit = unit_selectors.get_unit(request.user, unit_id)
    conference = selectors.get_conference(unit, conference_id)
    require_perm(request.user, permission, unit)
    return unit, conference


def when_text(conference: Conference) -> str:
    local = timezone.localtime(conference.starts_at)
    return f"{local:%H} giờ {local:%M}, {weekday_date(local.date())}"


def _context(request: HttpRequest, unit: AdminUnit, conference: Conference, tab: str, **extra: Any) -> dict[str, Any]:
    user = request.user
    context = unit_context(request, unit)
    context.update(
        {
            "section": "plans",
            "conference": conference,
            "plan": conference.plan,
            "tab": tab,
            "when_text": when_text(conference),
            "can_arrange": workflow.can(user, workflow.ARRANGE, conference),
            "can_fill": workflow.can(user, workflow.FILL, conference),
            "can_check_in": workflow.can(user, workflow.CHECK_IN, conference),
            "can_undo_check_in": has_perm(user, rules.UNDO_CHECK_IN, unit)
            and workflow.is_open(conference, workflow.CHECK_IN),
            "can_view_phones": has_perm(user, rules.VIEW_PHONES, unit),
            "can_print": workflow.may_manage(user, unit) or bool(workflow.headed_village_ids(user, unit)),
            "check_in_open": workflow.is_open(conference, workflow.CHECK_IN),
        }
    )
    context.update(extra)
    return context


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _list_url(unit: AdminUnit, conference: Conference) -> str:
    return reverse("delegates:list", args=[unit.pk, conference.pk])


def _village_choice(unit: AdminUnit, value: Any) -> Village | None:
    if not value:
        return None
    if isinstance(value, Village):
        return unit_selectors.get_village(unit, value.pk)
    try:
        return unit_selectors.get_village(unit, int(value))
    except (TypeError, ValueError):
        raise Http404 from None


def _decorate(request: HttpRequest, conference: Conference, delegates: list[Delegate]) -> list[Delegate]:
    """What each row may show and do, for the templates."""
    unit = conference.unit
    manage = workflow.may_manage(request.user, unit)
    fill_open = workflow.is_open(conference, workflow.FILL)
    arrange_open = workflow.is_open(conference, workflow.ARRANGE)
    for delegate in delegates:
        delegate.conference = conference
        may_fill = manage or workflow.may_fill_village(request.user, unit, delegate.village_id)
        delegate.can_edit = fill_open and may_fill  # type: ignore[attr-defined]
        delegate.can_delete = arrange_open and manage and not delegate.is_checked_in  # type: ignore[attr-defined]
        delegate.checked_in_text = (  # type: ignore[attr-defined]
            timezone.localtime(delegate.checked_in_at).strftime("%H:%M %d/%m") if delegate.checked_in_at else ""
        )
    return delegates


# ---------------------------------------------------------------- the list


@login_required
@require_GET
def delegate_list(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    filters = selectors.ListFilters.from_query(request.GET)
    show_phones = request.GET.get("sdt") == "1"
    if show_phones and not has_perm(request.user, rules.VIEW_PHONES, unit):
        raise PermissionDenied(rules.VIEW_PHONES.code)
    page = Paginator(selectors.delegates_of(conference, filters), PAGE_SIZE).get_page(request.GET.get("trang"))
    delegates = _decorate(request, conference, list(page.object_list))
    if show_phones:
        actions.phones_viewed(
            actor=request.user,
            conference=conference,
            count=sum(1 for d in delegates if d.phone),
            ip_address=client_ip(request),
        )
    params: dict[str, str] = {}
    for key in request.GET:
        value = request.GET.get(key) or ""
        if key not in ("trang", "sdt") and value:
            params[key] = value
    context = _context(
        request,
        unit,
        conference,
        "list",
        page=page,
        delegates=delegates,
        filters=filters,
        totals=selectors.totals(conference),
        villages=selectors.unit_villages(unit),
        role_labels=selectors.role_labels(conference),
        rsvp_choices=Rsvp.choices,
        show_phones=show_phones,
        query_string=urlencode(params),
        phones_query=urlencode({**params, "sdt": "1"}),
    )
    return render(request, "delegates/list.html", context)


def _row_response(request: HttpRequest, conference: Conference, delegate: Delegate) -> HttpResponse:
    delegate = selectors.get_delegate(conference, delegate.pk)
    return render(
        request,
        "delegates/_row.html",
        _context(request, conference.unit, conference, "list", d=_decorate(request, conference, [delegate])[0]),
    )


@login_required
def delegate_edit(request: HttpRequest, unit_id: int, conference_id: int, delegate_id: int) -> HttpResponse:
    """Fill a slot or correct a delegate: a page of its own, or inline in the list through htmx."""
    unit, conference = _conference(request, unit_id, conference_id)
    delegate = selectors.get_delegate(conference, delegate_id)
    if not workflow.may_fill(request.user, delegate):
        raise PermissionDenied(rules.MANAGE_DELEGATES.code)
    manage = workflow.may_manage(request.user, unit)
    place_fields = manage and delegate.composition_rule_id is None
    phone_hidden = not has_perm(request.user, rules.VIEW_PHONES, unit)
    villages = selectors.unit_villages(unit)
    options: dict[str, Any] = {"villages": villages, "place_fields": place_fields, "phone_hidden": phone_hidden}
    if request.method == "POST":
        form = DelegateForm(request.POST, **options)
        if form.is_valid():
            try:
                kwargs: dict[str, Any] = {}
                if place_fields:
                    kwargs["village"] = _village_choice(unit, form.cleaned_data.get("village"))
                actions.delegate_update(actor=request.user, delegate=delegate, data=form.data_for_action(), **kwargs)
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                if _is_htmx(request):
                    return _row_response(request, conference, delegate)
                messages.success(request, _("Đã lưu thông tin đại biểu."))
                return redirect(_list_url(unit, conference))
    else:
        initial = {
            name: getattr(delegate, name)
            for name in ["full_name", "position", "phone", "consent_to_publish", "note", "role_label"]
        }
        initial["village"] = delegate.village_id
        if phone_hidden:
            initial["phone"] = ""
        form = DelegateForm(initial=initial, **options)
    template = "delegates/_row_form.html" if _is_htmx(request) else "delegates/edit.html"
    status = 400 if (request.method == "POST" and not _is_htmx(request)) else 200
    d = _decorate(request, conference, [delegate])[0]
    context = _context(request, unit, conference, "list", form=form, d=d, role_labels=selectors.role_labels(conference))
    return render(request, template, context, status=status)


@login_required
@require_GET
def delegate_row(request: HttpRequest, unit_id: int, conference_id: int, delegate_id: int) -> HttpResponse:
    """One row of the list (htmx: cancelling an inline edit)."""
    _unit, conference = _conference(request, unit_id, conference_id)
    return _row_response(request, conference, selectors.get_delegate(conference, delegate_id))


@login_required
def delegate_add(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id, rules.MANAGE_DELEGATES)
    villages = selectors.unit_villages(unit)
    if request.method == "POST":
        form = DelegateForm(request.POST, villages=villages)
        if form.is_valid():
            try:
                placed = actions.delegate_create(
                    actor=request.user,
                    conference=conference,
                    data=form.data_for_action(),
                    village=_village_choice(unit, form.cleaned_data.get("village")),
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                delegate = placed.delegate
                if placed.filled_slot:
                    messages.success(request, _("Đã điền %(name)s vào chỗ còn trống.") % {"name": delegate.full_name})
                else:
                    messages.success(request, _("Đã thêm đại biểu %(name)s.") % {"name": delegate.full_name})
                if "them_tiep" in request.POST:
                    return redirect("delegates:add", unit_id=unit.pk, conference_id=conference.pk)
                return redirect(_list_url(unit, conference))
    else:
        form = DelegateForm(villages=villages, initial={"village": request.GET.get("thon") or None})
    status = 400 if request.method == "POST" else 200
    context = _context(request, unit, conference, "list", form=form, role_labels=_rule_labels(conference))
    return render(request, "delegates/add.html", context, status=status)


def _rule_labels(conference: Conference) -> list[str]:
    labels = [r.role_label for r in selectors.composition_of(conference)]
    return list(dict.fromkeys([*labels, *selectors.role_labels(conference)]))


@login_required
@require_POST
def delegate_delete(request: HttpRequest, unit_id: int, conference_id: int, delegate_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    delegate = selectors.get_delegate(conference, delegate_id)
    try:
        actions.delegate_delete(actor=request.user, delegate=delegate)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa %(who)s khỏi danh sách.") % {"who": delegate})
    return redirect(_list_url(unit, conference))


# ---------------------------------------------------------------- quotas and slots


@login_required
@require_GET
def quotas(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    report = selectors.quota_report(conference)
    return render(request, "delegates/quotas.html", _context(request, unit, conference, "quotas", report=report))


@login_required
@require_POST
def slots_generate(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    try:
        result = actions.slots_generate(actor=request.user, conference=conference)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        if result.created:
            messages.success(
                request, _("Đã tạo %(n)s chỗ đại biểu theo thành phần của kế hoạch.") % {"n": result.created}
            )
        else:
            messages.info(request, _("Đã đủ chỗ theo thành phần của kế hoạch; không tạo thêm."))
    return redirect("delegates:quotas", unit_id=unit.pk, conference_id=conference.pk)


# ---------------------------------------------------------------- Excel


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _file_stem(conference: Conference) -> str:
    return slugify(conference.title)[:60] or f"hoi-nghi-{conference.pk}"


@login_required
def delegates_import(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id, rules.MANAGE_DELEGATES)
    row_errors: list[excel.RowError] = []
    more = 0
    filename = ""
    page_errors: list[str] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            filename = upload.name
            try:
                result = actions.delegates_import(
                    actor=request.user, conference=conference, upload=upload, filename=filename
                )
            except excel.ImportRejected as exc:
                row_errors, more = exc.row_errors, exc.more
            except ValidationError as exc:
                page_errors = error_messages(exc)
            else:
                message = _(
                    "Đã nhập %(rows)s đại biểu từ tệp %(file)s: %(filled)s người vào chỗ còn trống, "
                    "%(added)s người thêm mới."
                ) % {"rows": result.rows, "file": filename, "filled": result.filled, "added": result.added}
                messages.success(request, message)
                return redirect(_list_url(unit, conference))
    else:
        form = ImportForm()
    status = 400 if request.method == "POST" else 200
    context = _context(
        request,
        unit,
        conference,
        "import",
        form=form,
        row_errors=row_errors,
        more_errors=more,
        filename=filename,
        page_errors=page_errors,
        max_mb=excel.MAX_BYTES // (1024 * 1024),
        max_rows=grouped(excel.MAX_ROWS),
        columns=list(excel.COLUMNS),
        report=selectors.quota_report(conference),
    )
    return render(request, "delegates/import.html", context, status=status)


@login_required
@require_GET
def import_template(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    rules_ = selectors.composition_of(conference)
    villages = selectors.unit_villages(unit)
    composition = []
    for rule in rules_:
        if rule.quantity and rule.kind == "per_village":
            quota = _("%(n)s người/thôn") % {"n": rule.quantity}
        elif rule.quantity and rule.kind == "fixed":
            quota = _("%(n)s người") % {"n": rule.quantity}
        else:
            quota = ""
        composition.append((rule.role_label, rule.group, quota))
    rows = None
    if request.GET.get("cho") == "1":
        open_slots = selectors.delegates_of(conference, selectors.ListFilters(fill="open"))
        rows = [excel.TemplateRow(d.village.name if d.village else "", d.role_label) for d in open_slots]
    data = excel.template_workbook(
        title=conference.title, villages=[v.name for v in villages], composition=composition, rows=rows
    )
    suffix = "-cho-trong" if rows is not None else ""
    return _xlsx(data, f"mau-dai-bieu-{_file_stem(conference)}{suffix}.xlsx")


@login_required
@require_GET
def delegates_export(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    filters = selectors.ListFilters.from_query(request.GET)
    with_phones = request.GET.get("sdt") == "1"
    if with_phones:
        require_perm(request.user, rules.VIEW_PHONES, unit)
    delegates = list(selectors.delegates_of(conference, filters).filter(selectors.NAMED))
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Chức vụ"),
        _("Thôn/Tổ dân phố"),
        _("Thành phần"),
        *([_("Số điện thoại")] if with_phones else []),
        _("Đồng ý công khai tên"),
        _("Mã giấy mời"),
        _("Trả lời"),
        _("Điểm danh lúc"),
        _("Ghi chú"),
    ]
    rows = []
    for number, d in enumerate(delegates, start=1):
        rows.append(
            [
                number,
                d.full_name,
                d.position,
                d.village.name if d.village else "",
                d.role_label,
                *([d.phone] if with_phones else []),
                _("Có") if d.consent_to_publish else _("Không"),
                format_code(d.code),
                d.get_rsvp_display(),
                excel.local_text(d.checked_in_at),
                d.note,
            ]
        )
    actions.delegates_exported(
        actor=request.user,
        conference=conference,
        count=len(rows),
        with_phones=with_phones,
        ip_address=client_ip(request),
    )
    if core_exports.format_of(request.GET) == core_exports.CSV:
        return core_exports.response(
            core_exports.CSV,
            stem=f"dai-bieu-{_file_stem(conference)}",
            title=conference.title,
            columns=[core_exports.Column(str(h)) for h in headers],
            rows=rows,
        )
    data = excel.export_workbook(title=conference.title, headers=headers, rows=rows)
    return _xlsx(data, f"dai-bieu-{_file_stem(conference)}.xlsx")


# ---------------------------------------------------------------- invitations


def invitation_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("invitations:show", args=[code]))


def qr_svg(url: str, scale: int = 3) -> str:
    return segno.make(url, error="m").svg_inline(scale=scale, border=2)


@login_required
@require_GET
def invitations_print(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """Invitations to print on A4, two or four to a page, each with its QR code and typed code."""
    unit, conference = _conference(request, unit_id, conference_id)
    manage = workflow.may_manage(request.user, unit)
    headed = workflow.headed_village_ids(request.user, unit)
    if not manage and not headed:
        raise PermissionDenied(rules.MANAGE_DELEGATES.code)
    filters = selectors.ListFilters(village=(request.GET.get("thon") or "").strip(), fill="named")
    qs = selectors.delegates_of(conference, filters).filter(walk_in=False)
    if not manage:
        qs = qs.filter(village_id__in=headed)
    ids = query_ids(request.GET.getlist("id"), limit=None)
    if ids:
        qs = qs.filter(pk__in=ids)
    delegates = list(qs)
    per_page = 4 if request.GET.get("moi_trang") == "4" else 2
    today = timezone.localdate()
    head = letterhead(
        committee_name=unit.committee_name or unit.name,
        parent_line=unit.parent_line,
        place_name=unit.place_name or unit.short_name,
        committee_abbr=unit.committee_abbr,
        today=today,
    )
    head = dataclasses.replace(head, number_line=f"Số: …/GM-{unit.committee_abbr or 'UBND'}")
    cards = [
        {"d": d, "qr": qr_svg(invitation_url(request, d.code), scale=2 if per_page == 4 else 3)} for d in delegates
    ]
    pages = [cards[i : i + per_page] for i in range(0, len(cards), per_page)]
    context = _context(
        request,
        unit,
        conference,
        "invitations",
        pages=pages,
        count=len(cards),
        per_page=per_page,
        letterhead=head,
        inviter=f"{unit.committee_abbr or 'UBND'} {unit.name[:1].lower()}{unit.name[1:]}",
        villages=[v for v in selectors.unit_villages(unit) if manage or v.pk in headed],
        village_filter=filters.village,
    )
    return render(request, "delegates/invitations_print.html", context)


def _throttled(request: HttpRequest) -> bool:
    return (cache.get(_miss_key(request)) or 0) >= PUBLIC_MISS_LIMIT


def _miss_key(request: HttpRequest) -> str:
    return f"doithoai:invitation-miss:{client_ip(request) or 'unknown'}"


def _count_miss(request: HttpRequest) -> None:
    key = _miss_key(request)
    if not cache.add(key, 1, PUBLIC_MISS_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, PUBLIC_MISS_WINDOW)


def invitation_public(request: HttpRequest, code: str) -> HttpResponse:
    """The invited person's own page (no sign-in): the conference, their name, and the RSVP buttons.

    Unknown codes answer 404 and count against the address; past the limit
    every code answers 429 for a while, so codes cannot be enumerated.
    """
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    if _throttled(request):
        return render(request, "delegates/public_throttled.html", status=429)
    delegate = selectors.public_invitation(code)
    if delegate is None:
        _count_miss(request)
        raise Http404
    if delegate.code != code:
        return redirect("invitations:show", code=delegate.code)
    conference = delegate.conference
    errors: list[str] = []
    if request.method == "POST":
        try:
            _delegate, changed = actions.delegate_rsvp(
                delegate=delegate, answer=request.POST.get("rsvp", ""), ip_address=client_ip(request)
            )
        except ValidationError as exc:
            errors = error_messages(exc)
        else:
            if changed:
                messages.success(request, _("Cảm ơn ông/bà đã trả lời giấy mời."))
            else:
                messages.info(request, _("Ông/bà đã trả lời như vậy rồi."))
            return redirect("invitations:show", code=delegate.code)
    unit = conference.unit
    context = {
        "d": delegate,
        "conference": conference,
        "unit": unit,
        "committee_name": unit.committee_name or unit.name,
        "when_text": when_text(conference),
        "qr": qr_svg(invitation_url(request, delegate.code), scale=4),
        "rsvp_open": workflow.is_open(conference, workflow.RSVP),
        "rsvp_at_text": timezone.localtime(delegate.rsvp_at).strftime("%H:%M %d/%m/%Y") if delegate.rsvp_at else "",
        "errors": errors,
        "cancelled": conference.status == "cancelled",
    }
    response = render(request, "delegates/invitation_public.html", context, status=400 if errors else 200)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The code in the URL must not leak to other sites; "same-origin", not "no-referrer", because with
    # no-referrer browsers send `Origin: null` with the page's own RSVP form and the CSRF check refuses it.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- check-in at the door


@login_required
@require_GET
def check_in_page(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id, rules.CHECK_IN)
    context = _context(
        request,
        unit,
        conference,
        "check_in",
        attendance=selectors.attendance(conference),
        walk_in_form=WalkInForm(villages=selectors.unit_villages(unit)),
        compact=True,
    )
    return render(request, "delegates/check_in.html", context)


def _check_in_result(
    request: HttpRequest,
    unit: AdminUnit,
    conference: Conference,
    *,
    result: str,
    delegate: Delegate | None = None,
    message: str = "",
    query: str = "",
) -> HttpResponse:
    if not _is_htmx(request):
        level = {"checked_in": messages.SUCCESS, "already": messages.WARNING}.get(result, messages.ERROR)
        text = message or (delegate.full_name if delegate else "")
        if result == "checked_in" and delegate is not None:
            text = _("Đã điểm danh: %(name)s.") % {"name": delegate.full_name}
        messages.add_message(request, level, text)
        return redirect("delegates:check_in", unit_id=unit.pk, conference_id=conference.pk)
    checked_text = ""
    if delegate is not None and delegate.checked_in_at:
        checked_text = timezone.localtime(delegate.checked_in_at).strftime("%H:%M")
    oob_item = None
    if delegate is not None and request.POST.get("tu") == "tim":
        # Checked in from the name search: its line is updated in the same response, out of band.
        oob_item = _decorate(request, conference, [selectors.get_delegate(conference, delegate.pk)])[0]
    context = _context(
        request,
        unit,
        conference,
        "check_in",
        result=result,
        d=delegate,
        message=message,
        checked_text=checked_text,
        query=query,
        oob_item=oob_item,
    )
    response = render(request, "delegates/_check_in_result.html", context)
    if result in ("checked_in", "undone", "walked_in"):
        response["HX-Trigger"] = CHECKED_IN_EVENT
    return response


def _do_check_in(
    request: HttpRequest, unit: AdminUnit, conference: Conference, delegate: Delegate, method: str
) -> HttpResponse:
    try:
        outcome = actions.delegate_check_in(actor=request.user, delegate=delegate, method=method)
    except ValidationError as exc:
        return _check_in_result(request, unit, conference, result="refused", message=" ".join(error_messages(exc)))
    if outcome.already:
        d = outcome.delegate
        by = d.checked_in_by.full_name if d.checked_in_by and d.checked_in_by.full_name else ""
        message = _("%(name)s đã điểm danh lúc %(time)s.") % {
            "name": d.full_name,
            "time": timezone.localtime(d.checked_in_at).strftime("%H:%M %d/%m/%Y") if d.checked_in_at else "",
        }
        if by:
            message = f"{message} ({by})"
        return _check_in_result(request, unit, conference, result="already", delegate=d, message=message)
    return _check_in_result(request, unit, conference, result="checked_in", delegate=outcome.delegate)


@login_required
@require_POST
def check_in_by_code(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """A code typed at the door or read from the QR by the camera page (the whole URL or the code)."""
    unit, conference = _conference(request, unit_id, conference_id, rules.CHECK_IN)
    text = request.POST.get("code", "")
    delegate = selectors.find_by_code(conference, text)
    if delegate is None:
        shown = text.strip()[:60]
        return _check_in_result(
            request,
            unit,
            conference,
            result="not_found",
            message=_("Không tìm thấy giấy mời mã “%(code)s” trong hội nghị này.") % {"code": shown},
        )
    method = "qr" if request.POST.get("via") == "qr" else "code"
    return _do_check_in(request, unit, conference, delegate, method)


@login_required
@require_POST
def check_in_delegate(request: HttpRequest, unit_id: int, conference_id: int, delegate_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id, rules.CHECK_IN)
    return _do_check_in(request, unit, conference, selectors.get_delegate(conference, delegate_id), "name")


@login_required
@require_POST
def check_in_undo(request: HttpRequest, unit_id: int, conference_id: int, delegate_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id, rules.CHECK_IN)
    delegate = selectors.get_delegate(conference, delegate_id)
    try:
        actions.delegate_check_in_undo(actor=request.user, delegate=delegate)
    except ValidationError as exc:
        return _check_in_result(request, unit, conference, result="refused", message=" ".join(error_messages(exc)))
    return _check_in_result(
        request,
        unit,
        conference,
        result="undone",
        delegate=delegate,
        message=_("Đã hủy điểm danh: %(name)s.") % {"name": delegate.full_name},
    )


@login_required
@require_GET
def check_in_search(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """Names that contain every word typed, without diacritics: "nguyen van" finds "Nguyễn Văn …"."""
    unit, conference = _conference(request, unit_id, conference_id, rules.CHECK_IN)
    query = (request.GET.get("q") or "").strip()[:100]
    results = _decorate(request, conference, selectors.search_for_check_in(conference, query))
    context = _context(request, unit, conference, "check_in", results=results, query=query)
    if _is_htmx(request):
        return render(request, "delegates/_search_results.html", context)
    context.update(
        attendance=selectors.attendance(conference),
        walk_in_form=WalkInForm(villages=selectors.unit_villages(unit)),
        compact=True,
    )
    return render(request, "delegates/check_in.html", context)


@login_required
@require_POST
def walk_in(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id, rules.CHECK_IN)
    form = WalkInForm(request.POST, villages=selectors.unit_villages(unit))
    if not form.is_valid():
        return _check_in_result(
            request,
            unit,
            conference,
            result="refused",
            message=" ".join(str(m) for ms in form.errors.values() for m in ms),
        )
    try:
        delegate = actions.delegate_walk_in(
            actor=request.user,
            conference=conference,
            data={"full_name": form.cleaned_data["full_name"], "position": form.cleaned_data.get("position") or ""},
            village=_village_choice(unit, form.cleaned_data.get("village")),
        )
    except ValidationError as exc:
        return _check_in_result(request, unit, conference, result="refused", message=" ".join(error_messages(exc)))
    return _check_in_result(
        request,
        unit,
        conference,
        result="walked_in",
        delegate=delegate,
        message=_("Đã thêm và điểm danh: %(name)s.") % {"name": delegate.full_name},
    )


# ---------------------------------------------------------------- attendance


@login_required
@require_GET
def attendance(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit, conference = _conference(request, unit_id, conference_id)
    context = _context(request, unit, conference, "attendance", attendance=selectors.attendance(conference))
    return render(request, "delegates/attendance.html", context)


@login_required
@require_GET
def attendance_panel(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    """The live count alone, polled by the check-in and attendance pages."""
    unit, conference = _conference(request, unit_id, conference_id)
    context = _context(
        request,
        unit,
        conference,
        "attendance",
        attendance=selectors.attendance(conference),
        compact=request.GET.get("gon") == "1",
        now_text=timezone.localtime().strftime("%H:%M:%S"),
    )
    return render(request, "delegates/_attendance.html", context)
