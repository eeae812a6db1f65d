"""The documents of one subject, a card per kind: a conference's (announcement to conclusion notice), a
plan's, a referral's transfer letter, and the results report of a period. Each card shows the document in
force, the draft download, and the issue form to those who may issue it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doithoai.core.forms import error_dict, error_messages
from doithoai.core.permissions import has_perm
from doithoai.documents import actions, rules, selectors
from doithoai.documents.forms import IssueForm, PeriodForm, new_submission_key
from doithoai.documents.kinds import FormSubject, KindSpec, Period
from doithoai.documents.models import DocumentKind, IssuedDocument, IssuerBody
from doithoai.documents.render import DOCX_TYPE
from doithoai.documents.views import page_context, unit_for
from doithoai.units.models import AdminUnit

CONFERENCE = "hoi-nghi"
PLAN = "ke-hoach"
REFERRAL = "chuyen-di"


@dataclass
class Subject:
    type: str
    obj: Any
    kinds: list[str]
    url_name: str
    title: str
    lookup: dict[str, Any]

    def for_kind(self, kind: str, village: Any = None) -> Any:
        """What the actions take as the subject of `kind` (an opinion form is printed for a village)."""
        kind_spec = selectors.spec_or_none(kind)
        if kind_spec is not None and kind_spec.subject == "opinion_form":
            return FormSubject(self.obj, village)
        return self.obj

    def default_signer(self, issuer: str) -> str:
        obj = self.obj
        if self.type == CONFERENCE:
            # The conference's chairs are written "Name, title" (for the invitation's "Chủ trì"); the
            # signature shows the name alone. The plan's signer is a bare name.
            if issuer == IssuerBody.FRONT:
                return bare_name(obj.front_name)
            return str(obj.plan.signer_name or "") or bare_name(obj.chair_name)
        if self.type == PLAN:
            return str(obj.signer_name or "")
        return ""


def bare_name(text: str) -> str:
    """ "Hoàng Văn Thắng, Chủ tịch UBND xã" → "Hoàng Văn Thắng"."""
    return (text or "").split(",")[0].strip()


def get_subject(unit: AdminUnit, subject_type: str, subject_id: int) -> Subject:
    if subject_type == CONFERENCE:
        conference = selectors.get_conference(unit, subject_id)
        return Subject(
            CONFERENCE,
            conference,
            [str(k) for k in selectors.CONFERENCE_KINDS],
            "documents:conference",
            conference.title,
            {"conference": conference},
        )
    if subject_type == PLAN:
        plan = selectors.get_plan(unit, subject_id)
        return Subject(PLAN, plan, [str(k) for k in selectors.PLAN_KINDS], "documents:plan", plan.title, {"plan": plan})
    if subject_type == REFERRAL:
        referral = selectors.get_referral(unit, subject_id)
        title = _("Chuyển kiến nghị đến %(to)s") % {
            "to": referral.to_unit.name if referral.to_unit else referral.to_body
        }
        return Subject(
            REFERRAL,
            referral,
            [str(k) for k in selectors.REFERRAL_KINDS],
            "documents:referral",
            title,
            {"referral": referral},
        )
    raise Http404


@dataclass
class Card:
    kind: str
    label: str
    spec: KindSpec | None
    issuer: str = ""
    layout: str = ""
    current: IssuedDocument | None = None
    can_draft: bool = False
    can_issue: bool = False
    form: IssueForm | None = None
    errors: list[str] = field(default_factory=list)
    not_ready: str = ""  # why the subject cannot have it yet (the minutes not finalised…): shown instead of forms
    villages: list[Any] = field(default_factory=list)
    draft_key: str = field(default_factory=new_submission_key)

    @property
    def numbered(self) -> bool:
        return bool(self.spec and self.spec.numbered)

    @property
    def background(self) -> bool:
        return bool(self.spec and self.spec.background)


def issue_initial(subject_signer: str) -> dict[str, Any]:
    return {"issued_on": timezone.localdate(), "signer_name": subject_signer, "submission_key": new_submission_key()}


def build_card(
    request: HttpRequest,
    unit: AdminUnit,
    kind: str,
    subject: Any,
    *,
    signer: str,
    current: IssuedDocument | None,
    form: IssueForm | None = None,
    errors: list[str] | None = None,
) -> Card:
    kind_spec = selectors.spec_or_none(kind)
    card = Card(kind, str(DocumentKind(kind).label), kind_spec, current=current, errors=errors or [])
    if kind_spec is None:
        return card
    card.layout, card.issuer = actions.layout_and_issuer(kind_spec, subject)
    if kind_spec.ready is not None and not current:
        card.not_ready = kind_spec.ready(subject)
        if card.not_ready:
            return card
    user = request.user
    issuer = IssuerBody(card.issuer)
    card.can_draft = has_perm(user, rules.draft_permission(numbered=kind_spec.numbered, issuer=issuer), unit)
    card.can_issue = kind_spec.numbered and has_perm(user, rules.ISSUE[issuer], unit)
    if card.can_issue:
        hint = selectors.next_number_text(unit, kind_spec, card.issuer, card.layout, timezone.localdate().year)
        if form is None:
            form = IssueForm(initial=issue_initial(signer), next_number=hint)
        else:
            form.fields["number"].help_text = IssueForm(next_number=hint).fields["number"].help_text
        card.form = form
    return card


def subject_page(
    request: HttpRequest,
    unit: AdminUnit,
    subject: Subject,
    *,
    bound: tuple[str, IssueForm] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    current = selectors.current_documents(**subject.lookup)
    villages = list(subject.obj.villages.all()) if subject.type == CONFERENCE else []
    cards = []
    for kind in subject.kinds:
        kind_spec = selectors.spec_or_none(kind)
        probe = subject.for_kind(kind)
        issuer = actions.layout_and_issuer(kind_spec, probe)[1] if kind_spec is not None else ""
        card = build_card(
            request,
            unit,
            kind,
            probe,
            signer=subject.default_signer(issuer),
            current=current.get(kind),
            form=bound[1] if bound and bound[0] == kind else None,
            errors=(errors or {}).get(kind),
        )
        if kind_spec is not None and kind_spec.subject == "opinion_form":
            card.villages = villages
        cards.append(card)
    section = {CONFERENCE: "plans", PLAN: "plans", REFERRAL: "petitions"}[subject.type]
    context = page_context(request, unit, subject=subject, cards=cards)
    context["section"] = section
    return render(request, "documents/subject.html", context)


@login_required
def conference_documents(request: HttpRequest, unit_id: int, conference_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    return subject_page(request, unit, get_subject(unit, CONFERENCE, conference_id))


@login_required
def plan_documents(request: HttpRequest, unit_id: int, plan_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    return subject_page(request, unit, get_subject(unit, PLAN, plan_id))


@login_required
def referral_documents(request: HttpRequest, unit_id: int, referral_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id)
    return subject_page(request, unit, get_subject(unit, REFERRAL, referral_id))


def _kind_of(subject: Subject, kind: str) -> KindSpec:
    if kind not in subject.kinds:
        raise Http404
    kind_spec = selectors.spec_or_none(kind)
    if kind_spec is None:
        raise Http404
    return kind_spec


def docx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, unit_id: int, subject_type: str, subject_id: int, kind: str) -> HttpResponse:
    """Tải bản dự thảo: at once for a short document; a long one (spec.background) is a job (POST)."""
    unit = unit_for(request, unit_id)
    subject = get_subject(unit, subject_type, subject_id)
    kind_spec = _kind_of(subject, kind)
    params = request.POST if request.method == "POST" else request.GET
    village = None
    if kind_spec.subject == "opinion_form" and (params.get("thon") or "").strip():
        try:
            village = selectors.get_village(unit, int(params["thon"]))
        except ValueError:
            raise Http404 from None
    target = subject.for_kind(kind, village)
    try:
        if kind_spec.background:
            if request.method != "POST":
                return redirect(subject.url_name, unit_id=unit.pk, **{_id_name(subject): subject.obj.pk})
            job = actions.request_job(
                actor=request.user,
                kind=kind,
                subject=target,
                submission_key=(params.get("submission_key") or "")[:40],
            )
            return redirect("documents:job", unit_id=unit.pk, job_id=job.pk)
        data, filename = actions.draft_docx(actor=request.user, kind=kind, subject=target)
    except ValidationError as exc:
        return subject_page(request, unit, subject, errors={kind: error_messages(exc)})
    if village is not None:
        filename = filename.removesuffix(".docx") + f"-thon-{village.pk}.docx"
    return docx_response(data, filename)


def _id_name(subject: Subject) -> str:
    return {CONFERENCE: "conference_id", PLAN: "plan_id", REFERRAL: "referral_id"}[subject.type]


def issue_payload(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "issued_on": data["issued_on"],
        "signer_name": data["signer_name"],
        "signer_title": data["signer_title"],
        "number": data["number"],
    }


@login_required
@require_POST
def issue(request: HttpRequest, unit_id: int, subject_type: str, subject_id: int, kind: str) -> HttpResponse:
    """Ban hành: the next number (or the one typed), the document stored; a long one through a job."""
    unit = unit_for(request, unit_id)
    subject = get_subject(unit, subject_type, subject_id)
    kind_spec = _kind_of(subject, kind)
    if not kind_spec.numbered:
        raise Http404
    form = IssueForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        target = subject.for_kind(kind)
        try:
            if kind_spec.background:
                job = actions.request_job(
                    actor=request.user,
                    kind=kind,
                    subject=target,
                    issue=issue_payload(data),
                    submission_key=data["submission_key"],
                )
                return redirect("documents:job", unit_id=unit.pk, job_id=job.pk)
            document = actions.issue_document(
                actor=request.user,
                kind=kind,
                subject=target,
                submission_key=data["submission_key"],
                **issue_payload(data),
            )
        except ValidationError as exc:
            form.add_action_errors(error_dict(exc))
        else:
            messages.success(
                request,
                _("Đã ban hành văn bản số %(number)s.") % {"number": document.number_text},
            )
            return redirect("documents:detail", unit_id=unit.pk, document_id=document.pk)
    form.mark_invalid()
    return subject_page(request, unit, subject, bound=(kind, form))


# ---------------------------------------------------------------------------- results report


@login_required
@require_http_methods(["GET", "POST"])
def results_report(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Báo cáo kết quả of a period: a draft or the issued report, both made by a job."""
    unit = unit_for(request, unit_id)
    kind = str(DocumentKind.RESULTS_REPORT)
    kind_spec = selectors.spec_or_none(kind)
    today = timezone.localdate()
    period_form = PeriodForm(request.POST or None, initial={"year": today.year})
    probe = Period(unit, today, today)
    card = build_card(request, unit, kind, probe, signer="", current=None)
    issue_form = card.form
    page_errors: list[str] = []
    if request.method == "POST" and kind_spec is not None:
        wants_issue = request.POST.get("action") == "issue"
        if wants_issue and card.can_issue:
            issue_form = IssueForm(request.POST)
            card.form = issue_form
        if period_form.is_valid() and (not wants_issue or (issue_form is not None and issue_form.is_valid())):
            start, end = period_form.range()
            subject = Period(unit, start, end)
            try:
                if wants_issue:
                    assert issue_form is not None
                    data = issue_form.cleaned_data
                    job = actions.request_job(
                        actor=request.user,
                        kind=kind,
                        subject=subject,
                        issue=issue_payload(data),
                        submission_key=data["submission_key"],
                    )
                else:
                    job = actions.request_job(
                        actor=request.user,
                        kind=kind,
                        subject=subject,
                        submission_key=(request.POST.get("submission_key") or "")[:40],
                    )
            except ValidationError as exc:
                errors = error_dict(exc)
                if issue_form is not None and wants_issue:
                    issue_form.add_action_errors(errors)
                period_form.add_action_errors({k: v for k, v in errors.items() if k in period_form.fields})
                page_errors = [m for k, ms in errors.items() if k == "__all__" for m in ms]
            else:
                return redirect("documents:job", unit_id=unit.pk, job_id=job.pk)
        period_form.mark_invalid()
        if issue_form is not None:
            issue_form.mark_invalid()
    issued = (
        selectors.register(unit, year=today.year, kind=kind) if kind_spec is not None else IssuedDocument.objects.none()
    )
    context = page_context(
        request,
        unit,
        card=card,
        period_form=period_form,
        page_errors=page_errors,
        issued=list(issued.order_by("-issued_on", "-pk")[:20]),
        submission_key=new_submission_key(),
    )
    return render(request, "documents/results_report.html", context)


URLS = [
    path("hoi-nghi/<int:conference_id>/", conference_documents, name="conference"),
    path("ke-hoach/<int:plan_id>/", plan_documents, name="plan"),
    path("chuyen-di/<int:referral_id>/", referral_documents, name="referral"),
    path("<slug:subject_type>/<int:subject_id>/<slug:kind>/du-thao/", draft, name="draft"),
    path("<slug:subject_type>/<int:subject_id>/<slug:kind>/ban-hanh/", issue, name="issue"),
    path("bao-cao-ket-qua/", results_report, name="results_report"),
]
