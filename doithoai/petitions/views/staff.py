"""Staff pages of the petitions: the list (with the supervision highlights), one petition's page with its
classification, wording, refusal, notification, reopening, attachments and submitter, and the sectors.

Views translate HTTP: the unit through `units.selectors.get_unit` (404 outside the user's units), the
petition through the petitions' selectors (404 outside the unit), every change through an action (which
checks the permission: 403). What a page offers follows the same rules, so a supervisor (Council, higher
official) sees every page without a form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from doithoai.core import exports as core_exports
from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import has_perm, require_perm
from doithoai.lib.numbers import grouped
from doithoai.lib.vndates import short_date
from doithoai.petitions import actions, rules, selectors, workflow
from doithoai.petitions.actions import answers as answer_actions
from doithoai.petitions.actions import attachments as attachment_actions
from doithoai.petitions.actions import sectors as sector_actions
from doithoai.petitions.actions.attachments import MAX_FILE_BYTES, MAX_FILES
from doithoai.petitions.measures import Measure
from doithoai.petitions.models import (
    REDIRECTED_KINDS,
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionStatus,
    Sector,
)
from doithoai.petitions.selectors import exports as petition_exports
from doithoai.petitions.views import answers as answer_views
from doithoai.petitions.views import groups as group_views
from doithoai.petitions.views import unit_for
from doithoai.units import rules as unit_rules
from doithoai.units import selectors as unit_selectors
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit, Department
from doithoai.units.views import is_htmx, unit_context

PAGE_SIZE = 50
COMPLAINT_REFUSAL = gettext_lazy("Hướng dẫn người dân gửi đơn theo thủ tục khiếu nại/tố cáo")


# ---------------------------------------------------------------- helpers


def _context(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context["section"] = "petitions"
    context["can_manage_sectors"] = has_perm(request.user, rules.MANAGE_SECTORS, unit)
    context.update(extra)
    return context


def _detail_url(unit: AdminUnit, petition: Petition) -> str:
    return reverse("petitions:detail", args=[unit.pk, petition.pk])


# ---------------------------------------------------------------- the list


@login_required
@require_GET
def petition_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's petitions, 50 a page, newest first, filtered; overdue and reopened ones highlighted.

    The same page for everyone who may see the petitions: it has no forms, only links. The supervision
    counts come in a second request (`supervision`): they read every petition of the unit."""
    unit = unit_for(request, unit_id)
    today = timezone.localdate()
    filters = selectors.PetitionFilters.from_query(request.GET)
    page = selectors.petition_page(
        unit, filters, selectors.page_number(request.GET.get("trang")), per_page=PAGE_SIZE, today=today
    )
    for petition in page.rows:
        petition.is_overdue = selectors.is_overdue(petition, today)  # type: ignore[attr-defined]
    query_string = urlencode(filters.params())
    context = _context(
        request,
        unit,
        chips=_drill_down_chips(filters),
        export_url=reverse("petitions:export", args=[unit.pk]) + "?" + (f"{query_string}&" if query_string else ""),
        page=page,
        rows=page.rows,
        filters=filters,
        query_string=query_string,
        count_text=grouped(page.count),
        supervision=_supervision(filters),
        statuses=PetitionStatus.choices,
        channels=Channel.choices,
        kinds=Kind.choices,
        jurisdictions=Jurisdiction.choices,
        sectors=list(selectors.sectors_of(unit)),
        villages=list(unit_selectors.villages_of(unit)),
        departments=list(unit_selectors.departments_of(unit)),
        conferences=list(selectors.conferences_of(unit)),
        can_receive=has_perm(request.user, rules.RECEIVE_PETITIONS, unit),
        # The pages of the answers' area the user may open (assigned work, approvals, overdue…).
        work_tabs=answer_views._tabs(request, unit),
    )
    if is_htmx(request) and request.headers.get("HX-Target") == "petition-results":
        return render(request, "petitions/list.html#results", context)
    return render(request, "petitions/list.html", context)


def _received_text(filters: selectors.PetitionFilters) -> str:
    """'Tiếp nhận từ 01/01/2026 đến 31/12/2026' (or only one end); "" without dates."""
    since, until = filters.since, filters.until
    if since is not None and until is not None:
        return _("Tiếp nhận từ %(start)s đến %(end)s") % {"start": short_date(since), "end": short_date(until)}
    if since is not None:
        return _("Tiếp nhận từ %(start)s") % {"start": short_date(since)}
    if until is not None:
        return _("Tiếp nhận đến %(end)s") % {"end": short_date(until)}
    return ""


def _drill_down_chips(filters: selectors.PetitionFilters) -> list[dict[str, str]]:
    """The filters a dashboard's figure adds (the measure, the period), each removable by its link."""
    chips = []
    if filters.measure:
        chips.append(
            {
                "key": "measure",
                "label": _("Chỉ số: %(measure)s") % {"measure": Measure(filters.measure).label},
                "url": "?" + urlencode(filters.params(measure="")),
            }
        )
    received = _received_text(filters)
    if received:
        chips.append(
            {"key": "received", "label": received, "url": "?" + urlencode(filters.params(since=None, until=None))}
        )
    return chips


def _filters_in_words(unit: AdminUnit, filters: selectors.PetitionFilters) -> list[str]:
    """The filters of a download, as its notes say them (a query per named filter, at most four)."""
    words: list[str] = []
    if filters.query:
        words.append(_("Tìm: “%(query)s”") % {"query": filters.query})
    if filters.status:
        words.append(_("Trạng thái: %(v)s") % {"v": PetitionStatus(filters.status).label})
    named = [
        (filters.sector, Sector.objects.filter(unit=unit), _("Lĩnh vực: %(v)s"), _("Chưa phân loại")),
        (filters.village, unit_selectors.villages_of(unit), _("Thôn, tổ dân phố: %(v)s"), _("Không ghi thôn")),
        (filters.department, unit_selectors.departments_of(unit), _("Cơ quan được giao: %(v)s"), "—"),
    ]
    for pk, qs, text, none in named:
        if pk == selectors.NONE:
            words.append(text % {"v": none})
        elif pk is not None:
            name = qs.filter(pk=pk).values_list("name", flat=True).first()
            words.append(text % {"v": name or "—"})
    if filters.conference is not None:
        title = selectors.conferences_of(unit).filter(pk=filters.conference).values_list("title", flat=True).first()
        words.append(_("Hội nghị: %(v)s") % {"v": title or "—"})
    if filters.channel:
        words.append(_("Kênh tiếp nhận: %(v)s") % {"v": Channel(filters.channel).label})
    if filters.kind:
        words.append(_("Tính chất: %(v)s") % {"v": Kind(filters.kind).label})
    if filters.jurisdiction:
        words.append(_("Thẩm quyền: %(v)s") % {"v": Jurisdiction(filters.jurisdiction).label})
    flags = [
        (filters.overdue, _("Quá hạn")),
        (filters.reopened, _("Đã mở lại")),
        (filters.unsatisfied, _("Chưa đồng ý với trả lời")),
    ]
    words += [label for on, label in flags if on]
    if filters.measure:
        words.append(_("Chỉ số: %(measure)s") % {"measure": Measure(filters.measure).label})
    received = _received_text(filters)
    if received:
        words.append(received)
    return words


@login_required
@require_GET
def petition_export(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The filtered list as a download (`?<the list's filters>&dinh_dang=csv|xlsx`): every row, not a page, in
    the list's order, without the submitters' personal data. Three queries whatever the number of rows, and
    a refusal (back to the list, with a message) above `exports.MAX_ROWS`."""
    unit = unit_for(request, unit_id)
    filters = selectors.PetitionFilters.from_query(request.GET)
    query_string = urlencode(filters.params())
    list_url = reverse("petitions:list", args=[unit.pk]) + (f"?{query_string}" if query_string else "")
    fmt = core_exports.format_of(request.GET)
    if fmt is None:
        return redirect(list_url)
    today = timezone.localdate()
    qs = selectors.petitions_filtered(unit, filters, today=today)
    if petition_exports.too_many(qs):
        messages.error(
            request,
            _(
                "Có hơn %(max)s ý kiến khớp với bộ lọc, quá nhiều cho một tệp tải về; thu hẹp bộ lọc (ví dụ theo "
                "thời gian tiếp nhận, lĩnh vực hoặc thôn) rồi tải lại."
            )
            % {"max": grouped(petition_exports.MAX_ROWS)},
        )
        return redirect(list_url)
    notes = [unit.name, *_filters_in_words(unit, filters), core_exports.exported_on(today)]
    return core_exports.response(
        fmt,
        stem="y-kien-kien-nghi",
        title=_("Danh sách ý kiến, kiến nghị"),
        columns=petition_exports.PETITION_COLUMNS,
        rows=petition_exports.petition_rows(qs, today=today),
        notes=notes,
    )


def _supervision(filters: selectors.PetitionFilters, counts: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """The quick filters of the supervision bar, each switching its flag on or off in the current filters."""
    quick = [
        ("overdue", _("Quá hạn"), "danger"),
        ("reopened", _("Đã mở lại"), "warning"),
        ("unsatisfied", _("Chưa đồng ý với trả lời"), "secondary"),
    ]
    return [
        {
            "key": key,
            "label": label,
            "count": None if counts is None else counts[key],
            "tone": tone,
            "on": getattr(filters, key),
            "url": "?" + urlencode(filters.params(**{key: not getattr(filters, key)})),
        }
        for key, label, tone in quick
    ]


@login_required
@require_GET
def supervision(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The supervision bar with its counts (htmx, after the list has shown): one aggregate query."""
    unit = unit_for(request, unit_id)
    filters = selectors.PetitionFilters.from_query(request.GET)
    counts = selectors.supervision_counts(unit, today=timezone.localdate())
    return render(
        request,
        "petitions/_staff_supervision.html",
        {
            "unit": unit,
            "supervision": _supervision(filters, counts),
            "query_string": urlencode(filters.params()),
            "loaded": True,
        },
    )


# ---------------------------------------------------------------- the forms of one petition's page


class ClassifyForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("Tính chất"), choices=Kind.choices)
    sector = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"),
        queryset=Sector.objects.none(),
        empty_label="—",
        error_messages={
            "required": gettext_lazy("Chọn lĩnh vực."),
            "invalid_choice": gettext_lazy("Chọn lĩnh vực trong danh mục của đơn vị."),
        },
    )
    jurisdiction = forms.ChoiceField(label=gettext_lazy("Thẩm quyền giải quyết"), choices=Jurisdiction.choices)

    def __init__(self, *args: Any, unit: AdminUnit, current: Sector | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "phan_loai")
        super().__init__(*args, **kwargs)
        active = Q(is_active=True) | Q(pk=current.pk) if current is not None else Q(is_active=True)
        field = self.fields["sector"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.sectors_of(unit).filter(active)


class ReviseForm(BootstrapForm):
    text = forms.CharField(
        label=gettext_lazy("Nội dung mới"),
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        error_messages={"required": gettext_lazy("Nhập nội dung ý kiến, kiến nghị.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do sửa"),
        max_length=255,
        error_messages={"required": gettext_lazy("Ghi lý do sửa (ví dụ: viết rõ địa danh, tách ý).")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "sua")
        super().__init__(*args, **kwargs)


class RefuseForm(BootstrapForm):
    reason = forms.CharField(
        label=gettext_lazy("Lý do không xử lý"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Ghi rõ lý do không xử lý (Luật Tiếp công dân, Điều 28).")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "tu_choi")
        super().__init__(*args, **kwargs)


# ---------------------------------------------------------------- one petition's page


def _detail_page(
    request: HttpRequest,
    unit: AdminUnit,
    petition_id: int,
    *,
    bound: dict[str, forms.Form] | None = None,
    upload_errors: list[str] | None = None,
    page_errors: list[str] | None = None,
    submitter: dict[str, str] | None = None,
) -> HttpResponse:
    """One petition's page. `bound` holds a form sent with errors (keyed like the context), shown again
    with what was typed."""
    user = request.user
    petition = selectors.petition_for_page(unit, petition_id)
    bound = bound or {}
    today = timezone.localdate()
    available = {t.name for t in workflow.TABLE.available(user, petition)}
    redirected = petition.kind in REDIRECTED_KINDS
    can_classify = workflow.CLASSIFY in available
    can_revise = has_perm(user, rules.REVISE_TEXT, unit)
    can_refuse = workflow.REFUSE in available
    can_reopen = workflow.REOPEN in available
    if can_classify and not selectors.sectors_of(unit).exists():
        actions.sectors_ensure(actor=user, unit=unit)
    shown = {"classify": can_classify, "revise": can_revise, "refuse": can_refuse}
    page_errors = list(page_errors or [])
    for key, form in list(bound.items()):
        if not shown[key]:
            # The petition moved on meanwhile (another officer, a second click): the form is gone, its message stays.
            page_errors += [str(m) for ms in form.errors.values() for m in ms]
            del bound[key]
    context = _context(
        request,
        unit,
        petition=petition,
        versions=list(petition.versions.select_related("created_by")),
        attachments=list(petition.attachments.all()),
        is_overdue=selectors.is_overdue(petition, today),
        redirected=redirected,
        can_classify=can_classify,
        can_revise=can_revise,
        can_refuse=can_refuse,
        can_notify=workflow.NOTIFY in available,
        can_reopen=can_reopen,
        can_upload=has_perm(user, rules.RECEIVE_PETITIONS, unit),
        can_download=has_perm(user, rules.VIEW_ATTACHMENTS, unit),
        can_view_submitter=has_perm(user, rules.VIEW_SUBMITTER, unit),
        has_submitter=bool(petition.submitter_name or petition.submitter_phone or petition.submitter_address),
        submitter=submitter,
        classify_form=bound.get("classify")
        or (
            ClassifyForm(
                unit=unit,
                current=petition.sector,
                initial={"kind": petition.kind, "sector": petition.sector_id, "jurisdiction": petition.jurisdiction},
            )
            if can_classify
            else None
        ),
        revise_form=bound.get("revise") or (ReviseForm(initial={"text": petition.text}) if can_revise else None),
        refuse_form=bound.get("refuse")
        or (RefuseForm(initial={"reason": str(COMPLAINT_REFUSAL) if redirected else ""}) if can_refuse else None),
        upload_errors=upload_errors or [],
        page_errors=page_errors,
        max_files=MAX_FILES,
        max_mb=MAX_FILE_BYTES // (1024 * 1024),
        group_panel=mark_safe(group_views.detail_panel(request, unit, petition)),  # noqa: S308 - the panel's own template escaped it
        answers_panel=mark_safe(answer_views.detail_panel(request, unit, petition)),  # noqa: S308
        petition_type=ContentType.objects.get_for_model(Petition),
        can_view_history=has_perm(user, unit_rules.VIEW_HISTORY, unit),
    )
    failed = bool(upload_errors or page_errors or any(f.errors for f in bound.values()))
    response = render(request, "petitions/detail.html", context, status=400 if failed else 200)
    if submitter is not None:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def petition_detail(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    return _detail_page(request, unit, petition_id)


def _petition(request: HttpRequest, unit_id: int, petition_id: int) -> tuple[AdminUnit, Petition]:
    unit = unit_for(request, unit_id)
    return unit, selectors.get_petition(unit, petition_id)


@login_required
@require_POST
def petition_classify(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    unit, petition = _petition(request, unit_id, petition_id)
    require_perm(request.user, workflow.TABLE.transitions[workflow.CLASSIFY].permission, unit)
    form = ClassifyForm(request.POST, unit=unit, current=petition.sector)
    if form.is_valid():
        try:
            actions.petition_classify(
                actor=request.user,
                petition=petition,
                kind=form.cleaned_data["kind"],
                sector=form.cleaned_data["sector"],
                jurisdiction=form.cleaned_data["jurisdiction"],
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(request, _("Đã phân loại ý kiến."))
            return redirect(_detail_url(unit, petition))
    return _detail_page(request, unit, petition.pk, bound={"classify": form})


@login_required
@require_POST
def petition_revise(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    unit, petition = _petition(request, unit_id, petition_id)
    require_perm(request.user, rules.REVISE_TEXT, unit)
    form = ReviseForm(request.POST)
    if form.is_valid():
        try:
            actions.petition_revise_text(
                actor=request.user,
                petition=petition,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(request, _("Đã lưu nội dung mới; nội dung gốc và các lần sửa trước vẫn được giữ."))
            return redirect(_detail_url(unit, petition))
    return _detail_page(request, unit, petition.pk, bound={"revise": form})


@login_required
@require_POST
def petition_refuse(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    unit, petition = _petition(request, unit_id, petition_id)
    require_perm(request.user, workflow.TABLE.transitions[workflow.REFUSE].permission, unit)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            actions.petition_refuse(actor=request.user, petition=petition, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(request, _("Đã ghi nhận không xử lý ý kiến, kèm lý do."))
            return redirect(_detail_url(unit, petition))
    return _detail_page(request, unit, petition.pk, bound={"refuse": form})


@login_required
@require_POST
def petition_notify(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    unit, petition = _petition(request, unit_id, petition_id)
    try:
        # The same action as the bulk "Cần báo cho người dân" list: a citizen with an account is told in the app.
        answer_actions.notify_citizens(actor=request.user, petitions=[petition])
    except ValidationError as exc:
        return _detail_page(request, unit, petition.pk, page_errors=error_messages(exc))
    messages.success(request, _("Đã ghi nhận: kết quả đã được thông báo đến người dân."))
    return redirect(_detail_url(unit, petition))


@login_required
@require_POST
def petition_reopen(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    """The citizen did not accept the answer: back to the department with a new deadline. The citizen's own
    reason is shown on the page; the officer's, if given, goes into the audit trail."""
    unit, petition = _petition(request, unit_id, petition_id)
    try:
        actions.petition_reopen(actor=request.user, petition=petition, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return _detail_page(request, unit, petition.pk, page_errors=error_messages(exc))
    messages.success(request, _("Đã mở lại ý kiến và giao xử lý lại với hạn mới."))
    return redirect(_detail_url(unit, petition))


@login_required
@require_POST
@never_cache
def submitter_reveal(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    """The submitter's name, phone and address, shown after a deliberate click; the read is audited."""
    unit, petition = _petition(request, unit_id, petition_id)
    submitter = actions.submitter_view(actor=request.user, petition=petition)
    if is_htmx(request):
        response = render(request, "petitions/_staff_submitter.html", {"petition": petition, "submitter": submitter})
        response["Cache-Control"] = "no-store"
        return response
    return _detail_page(request, unit, petition.pk, submitter=submitter)


@login_required
@require_POST
def attachments_upload(request: HttpRequest, unit_id: int, petition_id: int) -> HttpResponse:
    unit, petition = _petition(request, unit_id, petition_id)
    require_perm(request.user, rules.RECEIVE_PETITIONS, unit)
    files = request.FILES.getlist("files")
    if not files:
        return _detail_page(request, unit, petition.pk, upload_errors=[_("Chọn ít nhất một tệp ảnh hoặc PDF.")])
    try:
        stored = attachment_actions.attachments_add(actor=request.user, petition=petition, files=files)
    except ValidationError as exc:
        return _detail_page(request, unit, petition.pk, upload_errors=error_messages(exc))
    if stored:
        messages.success(request, _("Đã đính kèm %(n)s tệp.") % {"n": len(stored)})
    else:
        messages.info(request, _("Các tệp này đã được đính kèm từ trước."))
    return redirect(_detail_url(unit, petition) + "#tep-dinh-kem")


@login_required
@require_GET
def attachment_download(request: HttpRequest, unit_id: int, petition_id: int, attachment_id: int) -> FileResponse:
    """The file, from private storage, as a download (never shown inline: its content is not trusted)."""
    unit = unit_for(request, unit_id)
    attachment = selectors.get_attachment(unit, petition_id, attachment_id)
    attachment_actions.attachment_open(actor=request.user, attachment=attachment)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# ---------------------------------------------------------------- sectors


class SectorForm(BootstrapForm):
    code = forms.CharField(
        label=gettext_lazy("Mã"),
        max_length=40,
        strip=True,
        error_messages={"required": gettext_lazy("Nhập mã lĩnh vực (ví dụ DD, GD, YT).")},
    )
    name = forms.CharField(
        label=gettext_lazy("Tên lĩnh vực"),
        max_length=200,
        error_messages={"required": gettext_lazy("Nhập tên lĩnh vực.")},
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan thường được giao"),
        queryset=Department.objects.none(),
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": gettext_lazy("Chọn một cơ quan chuyên môn đang hoạt động của đơn vị.")},
    )

    def __init__(self, *args: Any, unit: AdminUnit, sector: Sector | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"lv{sector.pk}" if sector is not None else "moi")
        super().__init__(*args, **kwargs)
        departments = unit_selectors.departments_of(unit)
        keep = (
            Q(is_active=True) | Q(pk=sector.department_id)
            if sector is not None and sector.department_id
            else Q(is_active=True)
        )
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = departments.filter(keep)
        if sector is not None:
            # The code stays: imports and the summaries name a sector by it.
            del self.fields["code"]


def _sectors_page(
    request: HttpRequest,
    unit: AdminUnit,
    *,
    create_form: SectorForm | None = None,
    edit_form: SectorForm | None = None,
    edit_id: int | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    can_manage = has_perm(request.user, rules.MANAGE_SECTORS, unit)
    sectors = list(selectors.sectors_of(unit))
    if can_manage and not sectors:
        actions.sectors_ensure(actor=request.user, unit=unit)
        sectors = list(selectors.sectors_of(unit))
    if can_manage:
        for sector in sectors:
            if edit_form is not None and sector.pk == edit_id:
                sector.form = edit_form  # type: ignore[attr-defined]
            else:
                sector.form = SectorForm(  # type: ignore[attr-defined]
                    unit=unit, sector=sector, initial={"name": sector.name, "department": sector.department_id}
                )
    context = _context(
        request,
        unit,
        sectors=sectors,
        can_manage=can_manage,
        create_form=create_form or (SectorForm(unit=unit) if can_manage else None),
        edit_id=edit_id,
        page_errors=errors or [],
    )
    failed = bool(errors or (create_form and create_form.errors) or (edit_form and edit_form.errors))
    return render(request, "petitions/sectors.html", context, status=400 if failed else 200)


@login_required
@require_GET
def sector_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    return _sectors_page(request, unit)


@login_required
@require_POST
def sector_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.MANAGE_SECTORS)
    form = SectorForm(request.POST, unit=unit)
    if form.is_valid():
        try:
            sector = sector_actions.sector_create(
                actor=request.user,
                unit=unit,
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                department=form.cleaned_data["department"],
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(request, _("Đã thêm lĩnh vực “%(name)s”.") % {"name": sector.name})
            return redirect(reverse("petitions:sectors", args=[unit.pk]) + f"#linh-vuc-{sector.pk}")
    return _sectors_page(request, unit, create_form=form)


@login_required
@require_POST
def sector_update(request: HttpRequest, unit_id: int, sector_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.MANAGE_SECTORS)
    sector = selectors.get_sector(unit, sector_id)
    form = SectorForm(request.POST, unit=unit, sector=sector)
    if form.is_valid():
        try:
            sector = sector_actions.sector_update(
                actor=request.user,
                sector=sector,
                name=form.cleaned_data["name"],
                department=form.cleaned_data["department"],
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(request, _("Đã lưu lĩnh vực “%(name)s”.") % {"name": sector.name})
            return redirect(reverse("petitions:sectors", args=[unit.pk]) + f"#linh-vuc-{sector.pk}")
    return _sectors_page(request, unit, edit_form=form, edit_id=sector.pk)


@login_required
@require_POST
def sector_move(request: HttpRequest, unit_id: int, sector_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.MANAGE_SECTORS)
    sector = selectors.get_sector(unit, sector_id)
    try:
        sector_actions.sector_move(actor=request.user, sector=sector, direction=request.POST.get("huong", ""))
    except ValidationError as exc:
        return _sectors_page(request, unit, errors=error_messages(exc))
    return redirect(reverse("petitions:sectors", args=[unit.pk]) + f"#linh-vuc-{sector.pk}")


@login_required
@require_POST
def sector_set_active(request: HttpRequest, unit_id: int, sector_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.MANAGE_SECTORS)
    sector = selectors.get_sector(unit, sector_id)
    active = request.POST.get("dang_dung") == "1"
    sector = sector_actions.sector_set_active(actor=request.user, sector=sector, active=active)
    if active:
        messages.success(request, _("Lĩnh vực “%(name)s” được dùng lại.") % {"name": sector.name})
    else:
        messages.success(
            request,
            _("Đã ngừng dùng lĩnh vực “%(name)s”: không còn hiện khi phân loại; các ý kiến đã xếp vào vẫn giữ.")
            % {"name": sector.name},
        )
    return redirect(reverse("petitions:sectors", args=[unit.pk]) + f"#linh-vuc-{sector.pk}")


URLS: list[URLPattern] = [
    path("", petition_list, name="list"),
    path("giam-sat/", supervision, name="supervision"),
    path("tai-ve/", petition_export, name="export"),
    path("<int:petition_id>/", petition_detail, name="detail"),
    path("<int:petition_id>/phan-loai/", petition_classify, name="classify"),
    path("<int:petition_id>/sua-noi-dung/", petition_revise, name="revise"),
    path("<int:petition_id>/khong-xu-ly/", petition_refuse, name="refuse"),
    path("<int:petition_id>/thong-bao/", petition_notify, name="notify"),
    path("<int:petition_id>/mo-lai/", petition_reopen, name="reopen"),
    path("<int:petition_id>/nguoi-gui/", submitter_reveal, name="submitter"),
    path("<int:petition_id>/tep/", attachments_upload, name="attachments_add"),
    path("<int:petition_id>/tep/<int:attachment_id>/", attachment_download, name="attachment"),
    path("linh-vuc/", sector_list, name="sectors"),
    path("linh-vuc/them/", sector_create, name="sector_create"),
    path("linh-vuc/<int:sector_id>/sua/", sector_update, name="sector_update"),
    path("linh-vuc/<int:sector_id>/thu-tu/", sector_move, name="sector_move"),
    path("linh-vuc/<int:sector_id>/dang-dung/", sector_set_active, name="sector_set_active"),
]
