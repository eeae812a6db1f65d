"""Reads of the documents app, always inside the unit of the URL: a document, job, conference, plan or
referral of another unit answers 404 (`units.selectors.get_unit` has already refused a unit the user cannot
see)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from doithoai.conferences import selectors as conference_selectors
from doithoai.conferences.models import Conference
from doithoai.core.permissions import has_perm
from doithoai.documents import numbering, rules
from doithoai.documents.kinds import KindSpec, spec
from doithoai.documents.models import (
    ConferenceRules,
    DocumentJob,
    DocumentKind,
    DocumentStatus,
    IssuedDocument,
    Material,
    StoredFile,
    UnitTemplate,
)
from doithoai.petitions.models import Referral
from doithoai.petitions.selectors import work as petition_selectors
from doithoai.plans import selectors as plan_selectors
from doithoai.plans.models import Plan
from doithoai.units.models import AdminUnit, Village

PAGE_SIZE = 50

# The documents of one conference, in the order they are made.
CONFERENCE_KINDS = [
    DocumentKind.ANNOUNCEMENT,
    DocumentKind.RADIO_SCRIPT,
    DocumentKind.INVITATIONS,
    DocumentKind.OPINION_FORM,
    DocumentKind.CONFERENCE_RULES,
    DocumentKind.HALL_BANNER,
    DocumentKind.SUMMARY_REPORT,
    DocumentKind.MINUTES,
    DocumentKind.CONCLUSION_NOTICE,
]
PLAN_KINDS = [DocumentKind.PLAN]
REFERRAL_KINDS = [DocumentKind.TRANSFER_LETTER]


def spec_or_none(kind: str) -> KindSpec | None:
    """The kind's spec, or None while its module is not written (a card then says so instead of failing)."""
    try:
        return spec(kind)
    except (ModuleNotFoundError, AttributeError):
        return None


# ---------------------------------------------------------------------------- the register


def register(unit: AdminUnit, *, year: int, kind: str = "", issuer: str = "") -> QuerySet[IssuedDocument]:
    """The outgoing register of a year, in the order of the paper book (by date, then number). One query,
    whatever the number of rows: the replaced and replacing documents are joined; files are not read."""
    qs = (
        IssuedDocument.objects.filter(unit=unit, issued_on__year=year)
        .select_related("replaces", "replaced_by")
        .defer("context", "replaces__context", "replaced_by__context")
        .order_by("issued_on", "issuer", "number", "pk")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if issuer:
        qs = qs.filter(issuer=issuer)
    return qs


def register_years(unit: AdminUnit, current: int) -> list[int]:
    years = {d.year for d in IssuedDocument.objects.filter(unit=unit).dates("issued_on", "year")}
    years.add(current)
    return sorted(years, reverse=True)


def get_document(unit: AdminUnit, document_id: int) -> IssuedDocument:
    document = (
        IssuedDocument.objects.filter(unit=unit, pk=document_id)
        .select_related("unit", "replaces", "replaced_by", "issued_by", "docx", "pdf", "signed_copy")
        .defer("docx__data", "pdf__data", "signed_copy__data")
        .first()
    )
    if document is None:
        raise Http404
    return document


def version_chain(document: IssuedDocument) -> list[IssuedDocument]:
    """Every version of the document, first issued first (a few rows: a document is rarely re-issued)."""
    earlier: list[IssuedDocument] = []
    current = document.replaces
    while current is not None:
        earlier.insert(0, current)
        current = IssuedDocument.objects.filter(pk=current.replaces_id).first() if current.replaces_id else None
    later: list[IssuedDocument] = []
    following = IssuedDocument.objects.filter(replaces=document).first()
    while following is not None:
        later.append(following)
        following = IssuedDocument.objects.filter(replaces=following).first()
    return [*earlier, document, *later]


def stored_bytes(stored: StoredFile) -> bytes | None:
    """The file's bytes if they still match their SHA-256; None if they were changed since they were stored."""
    data = bytes(StoredFile.objects.values_list("data", flat=True).get(pk=stored.pk))
    if hashlib.sha256(data).hexdigest() != stored.sha256:
        return None
    return data


# ---------------------------------------------------------------------------- subjects


def get_conference(unit: AdminUnit, conference_id: int) -> Conference:
    return conference_selectors.get_conference(unit, conference_id)


def get_plan(unit: AdminUnit, plan_id: int) -> Plan:
    return plan_selectors.get_plan(unit, plan_id)


def get_referral(unit: AdminUnit, referral_id: int) -> Referral:
    """A referral the unit sent: the transfer letter is the sender's document."""
    return petition_selectors.get_referral(unit, referral_id, sent=True)


def get_village(unit: AdminUnit, village_id: int) -> Village:
    village = Village.objects.filter(unit=unit, pk=village_id).first()
    if village is None:
        raise Http404
    return village


def current_documents(**subject: Any) -> dict[str, IssuedDocument]:
    """The documents in force about a subject (conference=…, plan=…, referral=…), by kind."""
    found = (
        IssuedDocument.objects.filter(status=DocumentStatus.ISSUED, **subject).defer("context").order_by("kind", "-pk")
    )
    out: dict[str, IssuedDocument] = {}
    for document in found:
        out.setdefault(document.kind, document)
    return out


def next_number_text(unit: AdminUnit, kind_spec: KindSpec, issuer: str, layout: str, year: int) -> str:
    """The number the next document would get, for the form's hint (not reserved)."""
    key = numbering.series_key(unit, issuer, kind_spec.type_abbr, year)
    symbol = numbering.symbol_for(unit, issuer, kind_spec.type_abbr)
    return numbering.format_number(numbering.peek_next(key), symbol, layout)


# ---------------------------------------------------------------------------- jobs


def may_see_job(user: Any, job: DocumentJob) -> bool:
    """The person who asked for it, and the unit's office and chair (who issue the Committee's documents)."""
    if job.requested_by_id is not None and job.requested_by_id == getattr(user, "pk", None):
        return True
    return has_perm(user, rules.SEE_ALL_JOBS, job.unit)


def get_job(user: Any, unit: AdminUnit, job_id: int) -> DocumentJob:
    job = (
        DocumentJob.objects.filter(unit=unit, pk=job_id)
        .select_related("unit", "result", "document")
        .defer("result__data")
        .first()
    )
    if job is None or not may_see_job(user, job):
        raise Http404
    return job


# ---------------------------------------------------------------------------- templates


@dataclass
class TemplateRow:
    kind_spec: KindSpec
    layout: str
    layout_label: str
    own: UnitTemplate | None


def active_templates(unit: AdminUnit) -> dict[tuple[str, str], UnitTemplate]:
    return {
        (t.kind, t.layout): t
        for t in UnitTemplate.objects.filter(unit=unit, is_active=True)
        .select_related("uploaded_by", "file")
        .defer("file__data")
    }


def get_template(unit: AdminUnit, template_id: int) -> UnitTemplate:
    found = UnitTemplate.objects.filter(unit=unit, pk=template_id).select_related("unit", "file").first()
    if found is None:
        raise Http404
    return found


# ---------------------------------------------------------------------------- the rules and the banner


def conference_rules_text(unit: AdminUnit) -> tuple[str, bool]:
    """The unit's rules as it edits them, and whether they are its own (False: the built-in default)."""
    from doithoai.documents.kinds import conference_rules

    own = ConferenceRules.objects.filter(unit=unit).values_list("text", flat=True).first()
    return (own, True) if own else (conference_rules.default_text(), False)


def conference_rules_articles(conference: Conference) -> list[str]:
    """The rules of a conference, as shown on the portal and the hall's screen (the time limit put in)."""
    from doithoai.documents.kinds import conference_rules

    return conference_rules.articles_for(conference)


@dataclass
class SlideLine:
    text: str
    role: str
    vw: float  # font size in viewport widths, so the line fits the screen's width

    @property
    def italic(self) -> bool:
        return self.role == "date"


def banner_slide(conference: Conference) -> list[SlideLine]:
    """The banner's lines for a 16:9 screen: each as large as its role allows and its length fits."""
    from doithoai.documents.kinds import hall_banner

    caps = {"body": 4.2, "event": 10.0, "title": 5.0, "date": 3.0}
    lines = hall_banner.banner_lines(conference)
    sizes = []
    for line in lines:
        em = 0.74 if line.role != "date" else 0.6
        sizes.append(round(min(caps.get(line.role, 4.0), 92 / (max(len(line.text), 1) * em)), 2))
    # The lines of the dialogue's name in one size, as on the printed banner.
    title = min((size for line, size in zip(lines, sizes, strict=True) if line.role == "title"), default=0.0)
    return [
        SlideLine(line.text, line.role, title if line.role == "title" else size)
        for line, size in zip(lines, sizes, strict=True)
    ]


# ---------------------------------------------------------------------------- materials for dissemination


def conference_materials(conference: Conference) -> QuerySet[Material]:
    """A conference's materials (tài liệu tuyên truyền), in their order; the files' bytes not loaded."""
    return Material.objects.filter(conference=conference).select_related("file").defer("file__data")


def get_material(conference: Conference, material_id: int) -> Material:
    """A material of `conference` (itself already scoped to the user's unit); 404 otherwise."""
    material = conference_materials(conference).filter(pk=material_id).first()
    if material is None:
        raise Http404
    return material


def public_materials(conference: Conference) -> QuerySet[Material]:
    """The materials the portal offers: marked public, of a conference the public may see."""
    from doithoai.portal.selectors import public_conferences

    if not public_conferences().filter(pk=conference.pk).exists():
        return Material.objects.none()
    return conference_materials(conference).filter(is_public=True)


def get_public_material(material_id: int) -> Material:
    """A material marked public of a public conference; 404 for any other (unpublished, withdrawn, deleted)."""
    from doithoai.portal.selectors import public_conferences

    material = (
        Material.objects.select_related("file", "conference__unit")
        .defer("file__data")
        .filter(pk=material_id, is_public=True, conference__in=public_conferences())
        .first()
    )
    if material is None:
        raise Http404
    return material
