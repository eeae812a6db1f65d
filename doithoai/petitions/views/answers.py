"""Pages of assignment, answers and referral (actions/answers.py, actions/referrals.py).

- on one petition's page, `detail_panel`: assign, draft, approve, answer at the conference, refer, record a
  referral's reply, as the user may; the same forms as pages of their own (a form sent with errors comes
  back there, with what was typed), for one petition or for a group;
- "Việc được giao" (assigned): a department's assigned petitions, overdue first, each with its draft form;
- "Chờ duyệt" (approvals): the chair's queue of drafts, approved as they are or edited;
- "Quá hạn" (overdue): what waits past its due date, by department;
- "Đã chuyển" (referrals) and the transfer letter; "Cấp dưới chuyển lên" (inbox) of a parent unit;
- "Cần báo cho người dân" (to_notify): answered petitions whose citizens are still to be told.

Views translate HTTP; every change is an action, which checks the permission (403) and the input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from doithoai.core import exports as core_exports
from doithoai.core.forms import VietnameseDateField, error_dict, error_messages
from doithoai.core.permissions import has_perm
from doithoai.core.redirects import safe_next
from doithoai.lib.params import query_id, query_ids
from doithoai.lib.vndates import document_date, short_date, weekday_date
from doithoai.petitions import rules
from doithoai.petitions import selectors as petition_selectors
from doithoai.petitions.actions import ANSWER_WORKING_DAYS
from doithoai.petitions.actions import answers as answer_actions
from doithoai.petitions.actions import referrals as referral_actions
from doithoai.petitions.models import (
    AnswerMode,
    Jurisdiction,
    Petition,
    PetitionGroup,
    PetitionStatus,
    Referral,
)
from doithoai.petitions.selectors import exports as petition_exports
from doithoai.petitions.selectors import work as selectors
from doithoai.petitions.views import unit_for
from doithoai.units import selectors as unit_selectors
from doithoai.units.forms import BootstrapForm
from doithoai.units.letterhead import letterhead
from doithoai.units.models import AdminUnit, Department, Level
from doithoai.units.views import unit_context
from doithoai.workdays.selectors import calendar_for

S = PetitionStatus
TO_PARENT = "cap_tren"
TO_BODY = "co_quan"


# ---------------------------------------------------------------- forms


def _departments(unit: AdminUnit, current: Department | None = None) -> Any:
    qs = unit_selectors.departments_of(unit, include_inactive=False)
    if current is not None and not current.is_active:
        qs = unit_selectors.departments_of(unit).filter(pk__in=[*qs.values_list("pk", flat=True), current.pk])
    return qs


class AssignForm(BootstrapForm):
    department = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan được giao xử lý"),
        queryset=Department.objects.none(),
        empty_label="—",
        error_messages={
            "required": gettext_lazy("Chọn cơ quan được giao xử lý."),
            "invalid_choice": gettext_lazy("Chọn cơ quan chuyên môn của đơn vị."),
        },
    )
    due_date = VietnameseDateField(
        label=gettext_lazy("Hạn xử lý"),
        required=False,
        help_text=gettext_lazy("Ngày/tháng/năm. Để trống: 10 ngày làm việc kể từ hôm nay."),
    )

    def __init__(self, *args: Any, unit: AdminUnit, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "giao")
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _departments(unit)


class DraftForm(BootstrapForm):
    text = forms.CharField(
        label=gettext_lazy("Nội dung trả lời"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        error_messages={"required": gettext_lazy("Nhập nội dung trả lời.")},
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Hình thức trả lời"),
        choices=[(m.value, m.label) for m in (AnswerMode.IN_WRITING, AnswerMode.AT_CONFERENCE)],
        initial=AnswerMode.IN_WRITING,
    )
    answered_by = forms.CharField(label=gettext_lazy("Người trả lời (họ tên, chức vụ)"), required=False, max_length=160)
    document_ref = forms.CharField(label=gettext_lazy("Văn bản trả lời (số, ngày)"), required=False, max_length=160)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "du_thao")
        super().__init__(*args, **kwargs)


class ApproveForm(BootstrapForm):
    text = forms.CharField(
        label=gettext_lazy("Nội dung trả lời (sửa trước khi duyệt nếu cần)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        error_messages={"required": gettext_lazy("Nhập nội dung trả lời.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "duyet")
        super().__init__(*args, **kwargs)


class ConferenceAnswerForm(BootstrapForm):
    text = forms.CharField(
        label=gettext_lazy("Nội dung đã trả lời tại hội nghị"),
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        error_messages={"required": gettext_lazy("Nhập nội dung trả lời.")},
    )
    answered_by = forms.CharField(
        label=gettext_lazy("Người trả lời (họ tên, chức vụ)"),
        max_length=160,
        error_messages={"required": gettext_lazy("Ghi người trả lời tại hội nghị (họ tên, chức vụ).")},
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan trả lời"),
        queryset=Department.objects.none(),
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": gettext_lazy("Chọn cơ quan chuyên môn của đơn vị.")},
    )
    conclusion = forms.CharField(
        label=gettext_lazy("Kết luận của chủ trì (nếu có)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        strip=False,
    )

    def __init__(self, *args: Any, unit: AdminUnit, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "hoi_nghi")
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _departments(unit)


class ReferForm(BootstrapForm):
    target = forms.ChoiceField(
        label=gettext_lazy("Chuyển đến"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Chọn nơi chuyển đến.")},
    )
    to_body = forms.CharField(
        label=gettext_lazy("Tên cơ quan nhận"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Ví dụ: Công ty Điện lực Lạng Sơn"),
    )
    letter_number = forms.CharField(label=gettext_lazy("Số văn bản chuyển"), required=False, max_length=60)
    letter_date = VietnameseDateField(label=gettext_lazy("Ngày văn bản chuyển"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args: Any, parent: AdminUnit | None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "chuyen")
        super().__init__(*args, **kwargs)
        choices = [(TO_BODY, _("Cơ quan, tổ chức khác"))]
        if parent is not None:
            choices.insert(0, (TO_PARENT, _("Đơn vị cấp trên: %(unit)s") % {"unit": parent.name}))
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.widget.attrs["class"] = "form-check-input"
        field.initial = choices[0][0]


class ReferralAnswerForm(BootstrapForm):
    text = forms.CharField(
        label=gettext_lazy("Nội dung trả lời của cơ quan nhận"),
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        error_messages={"required": gettext_lazy("Nhập nội dung trả lời.")},
    )
    document_ref = forms.CharField(label=gettext_lazy("Văn bản trả lời (số, ngày)"), required=False, max_length=160)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "ket_qua")
        super().__init__(*args, **kwargs)


# ---------------------------------------------------------------- helpers


def _today() -> dt.date:
    return timezone.localdate()


def detail_url(unit_id: int, petition_id: int) -> str:
    return reverse("petitions:detail", args=[unit_id, petition_id])


def _group_url(unit_id: int, group_id: int) -> str:
    try:
        return reverse("petitions:group_detail", args=[unit_id, group_id])
    except NoReverseMatch:
        return ""


def _tabs(request: HttpRequest, unit: AdminUnit) -> list[dict[str, Any]]:
    """The area's pages the user may open, for the tab bar."""
    user = request.user
    tabs = [
        ("assigned", _("Việc được giao"), rules.DRAFT_ANSWER),
        ("approvals", _("Chờ duyệt"), rules.RESOLVE),
        ("overdue", _("Quá hạn"), rules.VIEW_OVERDUE),
        ("referrals", _("Đã chuyển đi"), rules.VIEW_PETITIONS),
        ("inbox", _("Cấp dưới chuyển lên"), rules.VIEW_PETITIONS if unit.level != Level.COMMUNE else None),
        ("to_notify", _("Cần báo cho người dân"), rules.NOTIFY),
    ]
    return [
        {"name": name, "label": label, "url": reverse(f"petitions:{name}", args=[unit.pk])}
        for name, label, permission in tabs
        if permission is not None and has_perm(user, permission, unit)
    ]


def _context(request: HttpRequest, unit: AdminUnit, tab: str = "", **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context.update({"section": "petitions", "tab": tab, "tabs": _tabs(request, unit), "today": _today()})
    context.update(extra)
    return context


def _download(
    fmt: str,
    unit: AdminUnit,
    *,
    stem: str,
    title: str,
    columns: Any,
    rows: Any,
    notes: list[str] | None = None,
) -> HttpResponse:
    """A page of this area as a download (`?dinh_dang=csv|xlsx`): the same rows, no personal data."""
    today = _today()
    notes = [unit.name, *(notes or []), core_exports.exported_on(today)]
    return core_exports.response(fmt, stem=stem, title=title, columns=columns, rows=rows, notes=notes)


def default_due(unit: AdminUnit) -> dt.date:
    return calendar_for(unit).add_working_days(_today(), ANSWER_WORKING_DAYS)


@dataclass
class Matter:
    """What a form acts on: one petition, or every petition of a group (answered once)."""

    unit: AdminUnit
    petitions: list[Petition]
    petition: Petition | None = None
    group: PetitionGroup | None = None

    @property
    def title(self) -> str:
        if self.group is not None:
            return self.group.title
        return self.petitions[0].text if self.petitions else ""

    def url(self, name: str) -> str:
        if self.petition is not None:
            return reverse(f"petitions:{name}", args=[self.unit.pk, self.petition.pk])
        assert self.group is not None
        return reverse(f"petitions:group_{name}", args=[self.unit.pk, self.group.pk])

    @property
    def back_url(self) -> str:
        if self.petition is not None:
            return detail_url(self.unit.pk, self.petition.pk)
        assert self.group is not None
        if url := _group_url(self.unit.pk, self.group.pk):
            return url
        if self.petitions:
            return detail_url(self.unit.pk, self.petitions[0].pk)
        return reverse("petitions:list", args=[self.unit.pk])

    def eligible(self, *states: str) -> list[Petition]:
        return [p for p in self.petitions if p.status in states]


def _matter(unit: AdminUnit, petition_id: int | None, group_id: int | None) -> Matter:
    if petition_id is not None:
        petition = petition_selectors.get_petition(unit, petition_id)
        group = petition.group
        return Matter(unit, selectors.matter_petitions(petition), petition=petition, group=group)
    assert group_id is not None
    group = selectors.get_group(unit, group_id)
    return Matter(unit, selectors.group_petitions(group), group=group)


def _matter_page(
    request: HttpRequest,
    unit: AdminUnit,
    matter: Matter,
    *,
    kind: str,
    form: forms.Form | None,
    petitions: list[Petition],
    heading: str,
    action_url: str,
    **extra: Any,
) -> HttpResponse:
    failed = request.method == "POST"
    context = _context(
        request,
        unit,
        matter=matter,
        kind=kind,
        form=form,
        petitions=petitions,
        heading=heading,
        action_url=action_url,
        back_url=matter.back_url,
        next_url=safe_next(request, matter.back_url, query=True),
        **extra,
    )
    return render(request, "petitions/answers/matter_form.html", context, status=400 if failed else 200)


def _all_in(petitions: list[Petition], states: tuple[str, ...]) -> bool:
    fresh = Petition.objects.filter(pk__in=[p.pk for p in petitions])
    return bool(petitions) and all(p.status in states for p in fresh)


def _sent_twice(matter: Matter, petitions: list[Petition], done: tuple[str, ...]) -> bool:
    """Whether a form that failed was a second click: an earlier one already moved the matter on."""
    if petitions:
        return _all_in(petitions, done)
    return any(p.status in done for p in matter.petitions)


# ---------------------------------------------------------------- assign


@login_required
@require_http_methods(["GET", "POST"])
def assign(
    request: HttpRequest, unit_id: int, petition_id: int | None = None, group_id: int | None = None
) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.ROUTE)
    matter = _matter(unit, petition_id, group_id)
    petitions = matter.eligible(S.CLASSIFIED, S.ACCEPTED)
    due = default_due(unit)
    if request.method == "POST":
        form = AssignForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                done = answer_actions.assign(
                    actor=request.user,
                    petitions=petitions,
                    department=form.cleaned_data["department"],
                    due_date=form.cleaned_data["due_date"],
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Đã giao %(n)s ý kiến cho %(department)s, hạn %(due)s.",
                        "Đã giao %(n)s ý kiến cho %(department)s, hạn %(due)s.",
                        len(done),
                    )
                    % {
                        "n": len(done),
                        "department": form.cleaned_data["department"].name,
                        "due": short_date(done[0].due_date) if done and done[0].due_date else "",
                    },
                )
                return redirect(safe_next(request, matter.back_url, query=True))
    else:
        form = AssignForm(unit=unit, initial=assign_initial(petitions, due))
    return _matter_page(
        request,
        unit,
        matter,
        kind="assign",
        form=form,
        petitions=petitions,
        heading=_("Giao xử lý"),
        action_url=matter.url("assign"),
        default_due_text=weekday_date(due),
    )


def assign_initial(petitions: list[Petition], default: dt.date) -> dict[str, Any]:
    """The department already assigned, else the sector's usual one; the current or `default` due date."""
    first = petitions[0] if petitions else None
    department = None
    if first is not None:
        department = first.assigned_department_id or (first.sector.department_id if first.sector else None)
    due = first.due_date if first is not None and first.due_date else default
    return {"department": department, "due_date": due}


# ---------------------------------------------------------------- drafts


def _draft_initial(petitions: list[Petition]) -> dict[str, Any]:
    draft = selectors.WorkItem(petitions, None, None).draft if petitions else None
    if draft is None:
        return {"mode": AnswerMode.IN_WRITING}
    return {
        "text": draft.text,
        "mode": draft.mode,
        "answered_by": draft.answered_by,
        "document_ref": draft.document_ref,
    }


@login_required
@require_http_methods(["GET", "POST"])
def draft(
    request: HttpRequest, unit_id: int, petition_id: int | None = None, group_id: int | None = None
) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.DRAFT_ANSWER)
    matter = _matter(unit, petition_id, group_id)
    departments = selectors.drafting_departments(request.user, unit)
    petitions = [p for p in matter.eligible(S.ACCEPTED) if selectors.may_draft_for(p, departments)]
    if not petitions and any(p.status == S.ACCEPTED for p in matter.petitions):
        raise PermissionDenied(rules.DRAFT_ANSWER.code)
    if request.method == "POST":
        form = DraftForm(request.POST)
        if form.is_valid():
            try:
                answer_actions.answer_draft(actor=request.user, petitions=petitions, **form.cleaned_data)
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã lưu dự thảo trả lời; dự thảo chờ lãnh đạo duyệt."))
                return redirect(safe_next(request, matter.back_url, query=True))
    else:
        form = DraftForm(initial=_draft_initial(petitions))
    return _matter_page(
        request,
        unit,
        matter,
        kind="draft",
        form=form,
        petitions=petitions,
        heading=_("Dự thảo trả lời"),
        action_url=matter.url("draft"),
    )


# ---------------------------------------------------------------- approval


@login_required
@require_http_methods(["GET", "POST"])
def approve(request: HttpRequest, unit_id: int, answer_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.RESOLVE)
    answer = selectors.get_answer(unit, answer_id)
    default = reverse("petitions:approvals", args=[unit.pk])
    if request.method == "POST":
        form = ApproveForm(request.POST)
        if form.is_valid():
            try:
                answer_actions.answer_approve(actor=request.user, answer=answer, text=form.cleaned_data["text"])
            except ValidationError as exc:
                answer.refresh_from_db()
                if answer.is_approved:  # a second click: the first one approved it
                    return redirect(safe_next(request, default, query=True))
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã duyệt trả lời; các ý kiến liên quan đã có kết quả."))
                return redirect(safe_next(request, default, query=True))
    else:
        form = ApproveForm(initial={"text": answer.text})
    context = _context(
        request,
        unit,
        tab="approvals",
        answer=answer,
        petitions=selectors.answer_petitions(answer, unit),
        form=form,
        next_url=safe_next(request, default, query=True),
    )
    return render(request, "petitions/answers/approve.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def approvals(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.RESOLVE)
    drafts = selectors.drafts_awaiting(unit)
    # One form per draft, posted to its own page; ids kept apart by `auto_id`.
    rows = [{"answer": a, "form": ApproveForm(initial={"text": a.text}, auto_id=f"id_{a.pk}_%s")} for a in drafts]
    return render(request, "petitions/answers/approvals.html", _context(request, unit, tab="approvals", rows=rows))


# ---------------------------------------------------------------- at the conference


@login_required
@require_http_methods(["GET", "POST"])
def at_conference(
    request: HttpRequest, unit_id: int, petition_id: int | None = None, group_id: int | None = None
) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.ROUTE)
    matter = _matter(unit, petition_id, group_id)
    petitions = matter.eligible(S.CLASSIFIED, S.ACCEPTED)
    if request.method == "POST":
        form = ConferenceAnswerForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                answer_actions.answer_at_conference(actor=request.user, petitions=petitions, **form.cleaned_data)
            except ValidationError as exc:
                if _sent_twice(matter, petitions, (S.ANSWERED_AT_CONFERENCE,)):
                    return redirect(safe_next(request, matter.back_url, query=True))
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã ghi trả lời tại hội nghị."))
                return redirect(safe_next(request, matter.back_url, query=True))
    else:
        prepared = _draft_initial(matter.eligible(S.ACCEPTED))
        initial = {"text": prepared.get("text", ""), "answered_by": prepared.get("answered_by", "")}
        form = ConferenceAnswerForm(unit=unit, initial=initial)
    return _matter_page(
        request,
        unit,
        matter,
        kind="at_conference",
        form=form,
        petitions=petitions,
        heading=_("Trả lời tại hội nghị"),
        action_url=matter.url("answer_at_conference"),
    )


# ---------------------------------------------------------------- referral


def referable_parent(unit: AdminUnit) -> AdminUnit | None:
    parent = unit.parent
    return parent if parent is not None and parent.is_set_up and parent.is_active else None


@login_required
@require_http_methods(["GET", "POST"])
def refer(
    request: HttpRequest, unit_id: int, petition_id: int | None = None, group_id: int | None = None
) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.ROUTE)
    matter = _matter(unit, petition_id, group_id)
    petitions = matter.eligible(S.CLASSIFIED, S.ACCEPTED)
    parent = referable_parent(unit)
    if request.method == "POST":
        form = ReferForm(request.POST, parent=parent)
        if form.is_valid():
            data = form.cleaned_data
            letter = {"letter_number": data["letter_number"], "letter_date": data["letter_date"], "note": data["note"]}
            try:
                if data["target"] == TO_PARENT:
                    referral_actions.refer_to_parent(actor=request.user, petitions=petitions, **letter)
                else:
                    referral_actions.refer_to_body(
                        actor=request.user, petitions=petitions, to_body=data["to_body"], **letter
                    )
            except ValidationError as exc:
                if _sent_twice(matter, petitions, (S.REFERRED,)):
                    return redirect(safe_next(request, matter.back_url, query=True))
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã chuyển; in văn bản chuyển từ trang ý kiến."))
                return redirect(safe_next(request, matter.back_url, query=True))
    else:
        form = ReferForm(parent=parent)
    return _matter_page(
        request,
        unit,
        matter,
        kind="refer",
        form=form,
        petitions=petitions,
        heading=_("Chuyển cơ quan có thẩm quyền"),
        action_url=matter.url("refer"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_answer(request: HttpRequest, unit_id: int, referral_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.ROUTE)
    referral = selectors.get_referral(unit, referral_id, sent=True)
    if referral.to_unit_id is not None:
        raise Http404  # the unit above answers on the system; its answer comes back by itself
    default = reverse("petitions:referrals", args=[unit.pk])
    if request.method == "POST":
        form = ReferralAnswerForm(request.POST)
        if form.is_valid():
            try:
                referral_actions.referral_record_answer(actor=request.user, referral=referral, **form.cleaned_data)
            except ValidationError as exc:
                referral.refresh_from_db()
                if referral.answered_at is not None:
                    return redirect(safe_next(request, default, query=True))
                form.add_action_errors(error_dict(exc))
            else:
                messages.success(request, _("Đã ghi kết quả trả lời; các ý kiến liên quan đã có kết quả."))
                return redirect(safe_next(request, default, query=True))
    else:
        form = ReferralAnswerForm()
    context = _context(
        request,
        unit,
        tab="referrals",
        referral=referral,
        petitions=selectors.referral_originals(referral),
        form=form,
        next_url=safe_next(request, default, query=True),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/referrals/answer.html", context, status=status)


@dataclass(frozen=True)
class LetterItem:
    text: str
    villages: list[str]
    count: int


def letter_context(referral: Referral) -> dict[str, Any]:
    """What the transfer letter prints (NĐ 30/2020, Mẫu 1.5 công văn): the matter as a written record of
    what the citizens said, by village, without any of their names (R-22; Luật 91/2025)."""
    unit = referral.from_unit
    originals = selectors.referral_originals(referral)
    day = referral.letter_date or timezone.localtime(referral.created_at).date()
    head = letterhead(
        committee_name=unit.committee_name or unit.name,
        parent_line=unit.parent_line,
        place_name=unit.place_name or unit.short_name,
        committee_abbr=unit.committee_abbr,
        today=day,
    )
    abbr = unit.committee_abbr or "UBND"
    number = f"Số: {referral.letter_number}" if referral.letter_number else f"Số: …/{abbr}-VP"
    recipient = (
        (referral.to_unit.committee_name or referral.to_unit.name) if referral.to_unit is not None else referral.to_body
    )
    villages = sorted({p.village.name for p in originals if p.village is not None})
    text = referral_actions.matter_text(originals) if originals else ""
    return {
        "referral": referral,
        "letterhead": head,
        "number_line": number,
        "recipient": recipient,
        "committee": head.committee_lines,
        "committee_name": unit.committee_name or unit.name,
        "items": [LetterItem(text, villages, len(originals))],
        "date_text": document_date(day),
        "abbr": abbr,
    }


@login_required
@require_GET
def referral_letter(request: HttpRequest, unit_id: int, referral_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    referral = selectors.get_referral(unit, referral_id)
    context = {"unit": unit, **letter_context(referral)}
    return render(request, "petitions/referrals/letter.html", context)


@login_required
@require_GET
def referrals(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    rows = selectors.referrals_sent(unit)
    fmt = core_exports.format_of(request.GET)
    if fmt is not None:
        return _download(
            fmt,
            unit,
            stem="y-kien-da-chuyen",
            title=_("Ý kiến đã chuyển cơ quan có thẩm quyền"),
            columns=petition_exports.REFERRALS_SENT_COLUMNS,
            rows=petition_exports.referrals_sent_rows(rows),
        )
    for referral in rows:
        referral.villages = sorted({p.village.name for p in referral.originals if p.village})  # type: ignore[attr-defined]
    can_record = has_perm(request.user, rules.ROUTE, unit)
    return render(
        request,
        "petitions/referrals/sent.html",
        _context(request, unit, tab="referrals", rows=rows, can_record=can_record),
    )


@login_required
@require_GET
def inbox(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    rows = selectors.inbox(unit)
    fmt = core_exports.format_of(request.GET)
    if fmt is not None:
        return _download(
            fmt,
            unit,
            stem="kien-nghi-cap-duoi-chuyen-len",
            title=_("Kiến nghị do đơn vị cấp dưới chuyển lên"),
            columns=petition_exports.INBOX_COLUMNS,
            rows=petition_exports.inbox_rows(rows),
        )
    for referral in rows:
        referral.villages = sorted({p.village.name for p in referral.originals if p.village})  # type: ignore[attr-defined]
    return render(request, "petitions/referrals/inbox.html", _context(request, unit, tab="inbox", rows=rows))


# ---------------------------------------------------------------- the department's work, overdue


@login_required
@require_GET
def assigned(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.DRAFT_ANSWER)
    today = _today()
    departments = selectors.drafting_departments(request.user, unit)
    department_filter = request.GET.get("co_quan") or ""
    shown = departments
    if departments is None and (department_id := query_id(department_filter)) is not None:
        shown = frozenset({department_id})
    items = selectors.assigned_work(unit, shown, today)
    fmt = core_exports.format_of(request.GET)
    if fmt is not None:
        notes = []
        if departments is None and shown is not None:
            name = next((d.name for d in _departments(unit) if d.pk in shown), "")
            notes.append(_("Cơ quan được giao: %(v)s") % {"v": name or "—"})
        return _download(
            fmt,
            unit,
            stem="viec-duoc-giao",
            title=_("Việc được giao"),
            columns=petition_exports.ASSIGNED_COLUMNS,
            rows=petition_exports.assigned_rows(items),
            notes=notes,
        )
    rows = [
        {"item": item, "form": DraftForm(initial=_draft_initial(item.petitions), auto_id=f"id_{item.first.pk}_%s")}
        for item in items
    ]
    context = _context(
        request,
        unit,
        tab="assigned",
        rows=rows,
        departments=list(_departments(unit)) if departments is None else [],
        department_filter=department_filter,
        own_departments=departments,
    )
    return render(request, "petitions/answers/assigned.html", context)


@login_required
@require_GET
def overdue(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.VIEW_OVERDUE)
    groups = selectors.overdue_by_department(unit, _today())
    fmt = core_exports.format_of(request.GET)
    if fmt is not None:
        return _download(
            fmt,
            unit,
            stem="y-kien-qua-han",
            title=_("Ý kiến quá hạn xử lý"),
            columns=petition_exports.OVERDUE_COLUMNS,
            rows=petition_exports.overdue_rows(groups),
        )
    total = sum(len(g.rows) for g in groups)
    return render(
        request, "petitions/answers/overdue.html", _context(request, unit, tab="overdue", groups=groups, total=total)
    )


# ---------------------------------------------------------------- telling the citizens


@login_required
@require_http_methods(["GET", "POST"])
def to_notify(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.NOTIFY)
    errors: list[str] = []
    chosen: set[int] = set()
    if request.method == "POST":
        chosen = set(query_ids(request.POST.getlist("y_kien"), limit=None))
        petitions = list(petition_selectors.petitions_of(unit).filter(pk__in=chosen))
        if not petitions:
            errors = [_("Chọn ít nhất một ý kiến đã báo cho người dân.")]
        else:
            try:
                done = answer_actions.notify_citizens(actor=request.user, petitions=petitions)
            except ValidationError as exc:
                if _all_in(petitions, (S.NOTIFIED,)):
                    return redirect("petitions:to_notify", unit_id=unit.pk)
                errors = error_messages(exc)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Đã ghi nhận %(n)s ý kiến đã thông báo kết quả đến người dân.",
                        "Đã ghi nhận %(n)s ý kiến đã thông báo kết quả đến người dân.",
                        len(done),
                    )
                    % {"n": len(done)},
                )
                return redirect("petitions:to_notify", unit_id=unit.pk)
    rows = selectors.to_notify(unit)
    context = _context(request, unit, tab="to_notify", rows=rows, errors=errors, chosen=chosen)
    return render(request, "petitions/answers/to_notify.html", context, status=400 if errors else 200)


# ---------------------------------------------------------------- the panel on a petition's page


def detail_panel(request: HttpRequest, unit: AdminUnit, petition: Petition, *, next_url: str = "") -> str:
    """HTML of this area's panel on one petition's page (views.staff renders it); "" when none.

    What the user may do next with the petition's matter (its group, when it has one): assign, draft,
    approve, answer at the conference, refer, record a referral's reply; and where its referral stands.
    Its forms come back to `next_url` (the group's page shows the panel too), else to the petition's page."""
    user = request.user
    status = petition.status
    matter = Matter(unit, selectors.matter_petitions(petition), petition=petition, group=petition.group)
    routable = status in selectors.ROUTABLE_STATES
    can_route = routable and has_perm(user, rules.ROUTE, unit)
    answer = petition.answer
    draft_answer = answer if answer is not None and not answer.is_approved else None
    can_draft = (
        status == S.ACCEPTED
        and has_perm(user, rules.DRAFT_ANSWER, unit)
        and selectors.may_draft_for(petition, selectors.drafting_departments(user, unit))
    )
    can_approve = status == S.ACCEPTED and draft_answer is not None and has_perm(user, rules.RESOLVE, unit)
    referral = petition.referral
    can_record = (
        status == S.REFERRED
        and referral is not None
        and referral.to_unit_id is None
        and referral.answered_at is None
        and has_perm(user, rules.ROUTE, unit)
    )
    received = selectors.received_referral(petition) if petition.channel == "referral" else None
    if received is not None:
        received.villages = sorted({p.village.name for p in received.originals if p.village})  # type: ignore[attr-defined]
    accepted = matter.eligible(S.ACCEPTED)
    days_left = (petition.due_date - _today()).days if petition.due_date and status == S.ACCEPTED else None
    due = default_due(unit) if can_route else None
    context = {
        "unit": unit,
        "petition": petition,
        "matter": matter,
        "matter_size": len(matter.petitions),
        "routable_count": len(matter.eligible(S.CLASSIFIED, S.ACCEPTED)),
        "days_left": days_left,
        "overdue_days": -days_left if days_left is not None and days_left < 0 else 0,
        "draft_answer": draft_answer,
        "referral": referral,
        "received": received,
        "next_url": next_url or detail_url(unit.pk, petition.pk),
        "assign_form": AssignForm(unit=unit, initial=assign_initial(matter.eligible(S.CLASSIFIED, S.ACCEPTED), due))
        if can_route and due is not None
        else None,
        "draft_form": DraftForm(initial=_draft_initial(accepted)) if can_draft else None,
        "approve_form": ApproveForm(initial={"text": draft_answer.text}) if can_approve and draft_answer else None,
        "conference_form": ConferenceAnswerForm(
            unit=unit,
            initial={
                "text": draft_answer.text if draft_answer else "",
                "answered_by": draft_answer.answered_by if draft_answer else "",
            },
        )
        if can_route
        else None,
        "refer_form": ReferForm(parent=referable_parent(unit))
        if can_route and petition.jurisdiction != Jurisdiction.THIS_UNIT
        else None,
        "record_form": ReferralAnswerForm() if can_record else None,
        "default_due_text": weekday_date(due) if due is not None else "",
        "urls": {
            "assign": matter.url("assign"),
            "draft": matter.url("draft"),
            "answer_at_conference": matter.url("answer_at_conference"),
            "refer": matter.url("refer"),
        },
    }
    shown = ("assign_form", "draft_form", "approve_form", "refer_form", "record_form", "received", "referral")
    if not any(context[k] for k in shown) and context["days_left"] is None:
        return ""
    return render_to_string("petitions/answers/_panel.html", context, request=request)


URLS: list[URLPattern] = [
    path("viec-duoc-giao/", assigned, name="assigned"),
    path("cho-duyet/", approvals, name="approvals"),
    path("qua-han/", overdue, name="overdue"),
    path("can-bao-nguoi-dan/", to_notify, name="to_notify"),
    path("chuyen-di/", referrals, name="referrals"),
    path("cap-duoi-chuyen-len/", inbox, name="inbox"),
    path("chuyen-di/<int:referral_id>/van-ban/", referral_letter, name="referral_letter"),
    path("chuyen-di/<int:referral_id>/ket-qua/", referral_answer, name="referral_answer"),
    path("tra-loi/<int:answer_id>/duyet/", approve, name="approve"),
    path("<int:petition_id>/giao-xu-ly/", assign, name="assign"),
    path("<int:petition_id>/du-thao-tra-loi/", draft, name="draft"),
    path("<int:petition_id>/tra-loi-tai-hoi-nghi/", at_conference, name="answer_at_conference"),
    path("<int:petition_id>/chuyen/", refer, name="refer"),
    path("nhom/<int:group_id>/giao-xu-ly/", assign, name="group_assign"),
    path("nhom/<int:group_id>/du-thao-tra-loi/", draft, name="group_draft"),
    path("nhom/<int:group_id>/tra-loi-tai-hoi-nghi/", at_conference, name="group_answer_at_conference"),
    path("nhom/<int:group_id>/chuyen/", refer, name="group_refer"),
]
