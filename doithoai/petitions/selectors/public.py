"""What the public sees of petitions: the online form's choices, the tracking page, the published conclusions.

Nothing here depends on who asks, and nothing here hands a template a `Petition`: the tracking page and the
conclusions are built into small records of public facts (`TrackingView`, `ConclusionItem`), so that a
submitter's name or phone cannot reach a public page by a slip in a template. A name is published only
with `consent_publish_name`; a phone number never.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, IntegerField, Model, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import STAFF_ROLES
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.search import search
from doithoai.lib.codes import format_code, is_valid_code, normalize_code
from doithoai.petitions.models import (
    REDIRECTED_KINDS,
    Answer,
    AnswerMode,
    Petition,
    PetitionStatus,
    Referral,
    Sector,
)
from doithoai.portal.selectors import public_conferences
from doithoai.units.models import AdminUnit, Village, VillageStatus

S = PetitionStatus
CS = ConferenceStatus

# The three steps a citizen sees, whatever the statuses behind them.
STEP_RECEIVED = 1
STEP_IN_PROGRESS = 2
STEP_ANSWERED = 3
STEPS = {
    S.RECEIVED: STEP_RECEIVED,
    S.CLASSIFIED: STEP_RECEIVED,
    S.ACCEPTED: STEP_IN_PROGRESS,
    S.REFERRED: STEP_IN_PROGRESS,
    S.ANSWERED_AT_CONFERENCE: STEP_ANSWERED,
    S.RESOLVED: STEP_ANSWERED,
    S.NOTIFIED: STEP_ANSWERED,
    S.REFUSED: STEP_ANSWERED,
}
# The citizen may say whether the answer satisfied them in these statuses (and only with an approved answer);
# an officer's reopen moves the petition back to "accepted", which closes it until the next answer.
WORD_STATES = frozenset({S.ANSWERED_AT_CONFERENCE, S.RESOLVED, S.NOTIFIED})
# Conferences that take opinions from the online form: announced, or held and not yet concluded.
OPEN_CONFERENCE_STATES = frozenset({CS.ANNOUNCED, CS.HELD})
# Conferences whose approved answers are published on the portal.
CONCLUSION_STATES = frozenset({CS.HELD, CS.CONCLUDED})
ONLINE_KEY_PREFIX = "web:"


# ---------------------------------------------------------------- the online form


def accepting_units() -> QuerySet[AdminUnit]:
    """Units that take online petitions: set up, with at least one person holding a staff role to read them."""
    staff = Membership.objects.filter(unit=OuterRef("pk"), is_active=True, role__in=STAFF_ROLES)
    return AdminUnit.objects.filter(is_set_up=True).filter(Exists(staff))


def accepting_unit(unit_id: int) -> AdminUnit:
    unit = accepting_units().select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def accepts_online(unit: AdminUnit) -> bool:
    return accepting_units().filter(pk=unit.pk).exists()


def acts_for_unit(user: Any, unit: AdminUnit) -> bool:
    """Whether a signed-in person holds a role in the unit: sending from the public form, they act for the
    office (typing what a citizen said), not for themselves."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user_id=user.pk, unit=unit, is_active=True).exists()


def open_conference(unit: AdminUnit, value: Any) -> Conference | None:
    """The conference named by the form's `hoi_nghi`, if it is this unit's and still takes opinions.

    A conference of another unit, or one that is not public, is a 404; one that is public but no longer
    takes opinions (concluded, cancelled) gives None: the opinion goes to the unit without a conference."""
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 18:
        raise Http404
    conference = public_conferences().filter(unit=unit, pk=int(text)).first()
    if conference is None:
        raise Http404
    return conference if conference.status in OPEN_CONFERENCE_STATES else None


def form_villages(unit: AdminUnit) -> list[Village]:
    return list(Village.objects.filter(unit=unit, status=VillageStatus.ACTIVE).order_by("sort_order", "name"))


def form_sectors(unit: AdminUnit) -> list[Sector]:
    return list(Sector.objects.filter(unit=unit, is_active=True).order_by("sort_order", "name"))


def online_key(token: str) -> str:
    """The stored submission key of the public form's token. Prefixed, so that a token sent from the public
    form can never name a petition that another channel (a paper form, an import row) made."""
    token = "".join(ch for ch in (token or "") if ch.isalnum() or ch in "-_")[:48]
    return f"{ONLINE_KEY_PREFIX}{token}" if len(token) >= 16 else ""


def submitted(unit: AdminUnit, token: str) -> Petition | None:
    """The petition this form's token already made (a double click, a resent form)."""
    key = online_key(token)
    if not key:
        return None
    return Petition.objects.filter(unit=unit, submission_key=key).first()


# ---------------------------------------------------------------- the tracking page


@dataclass(frozen=True)
class PublicAnswer:
    mode: str
    mode_label: str
    body: str  # who answered: the department, or the body the petition was referred to
    document_ref: str
    text: str
    conclusion: str
    approved_on: dt.date | None


@dataclass(frozen=True)
class TrackingView:
    """One petition as its code shows it: no name, no phone, no address, no attachment."""

    petition_id: int
    code: str
    code_display: str
    unit_id: int
    unit_name: str
    received_on: dt.date
    village_name: str
    sector_name: str
    text: str
    status: str
    status_label: str
    step: int
    redirected_kind: str  # "Khiếu nại" / "Tố cáo": handled under their own law
    department_name: str
    due_date: dt.date | None
    referred_to: str
    refused_reason: str
    group_title: str
    conference_id: int | None
    conference_title: str
    conclusions_published: bool
    answer: PublicAnswer | None
    reopened: bool
    satisfaction: str
    satisfaction_label: str
    satisfaction_note: str
    word_open: bool


def word_open(status: str, answer: Answer | None) -> bool:
    """Whether the citizen may say if the answer satisfied them (or change what they said)."""
    return status in WORD_STATES and answer is not None and answer.approved_at is not None


def _answer_body(answer: Answer) -> str:
    if answer.department is not None:
        return answer.department.name
    referral = answer.referral
    if referral is not None:
        return referral.to_unit.name if referral.to_unit is not None else referral.to_body
    return ""


def public_answer(answer: Answer | None) -> PublicAnswer | None:
    """The answer as the public may read it: only once approved (a draft is never shown)."""
    if answer is None or answer.approved_at is None:
        return None
    return PublicAnswer(
        mode=answer.mode,
        mode_label=str(AnswerMode(answer.mode).label) if answer.mode in AnswerMode.values else "",
        body=_answer_body(answer),
        document_ref=answer.document_ref,
        text=answer.text,
        conclusion=answer.conclusion,
        approved_on=answer.approved_at.date() if answer.approved_at else None,
    )


# The petition and what it names directly, in one query; its answer and its referral, when it has them, in
# one small query each. One query of twelve joins costs PostgreSQL more to plan (tens of ms) than three run.
TRACKING_RELATED = ["unit", "village", "sector", "group", "conference", "assigned_department"]
TRACKING_FIELDS = [
    *TRACKING_RELATED,
    "answer",
    "referral",
    "tracking_code",
    "received_on",
    "text",
    "status",
    "kind",
    "due_date",
    "refused_reason",
    "reopen_count",
    "satisfaction",
    "satisfaction_note",
    "unit__name",
    "village__name",
    "sector__name",
    "group__title",
    "conference__title",
    "conference__status",
    "assigned_department__name",
]
ANSWER_FIELDS = [
    "mode",
    "text",
    "conclusion",
    "document_ref",
    "approved_at",
    "department__name",
    "referral__to_body",
    "referral__to_unit__name",
]


def _one[M: Model](qs: QuerySet[M]) -> M | None:
    """The row of a lookup by primary key, without the ORDER BY of first()."""
    return next(iter(qs.order_by()[:1]), None)


def tracking_view(code: str | None) -> TrackingView | None:
    """The tracking page of the petition a code names (typed in any case, with spaces or dashes, or the
    QR's URL); None for a malformed or unknown code alike. Found by its unique code; at most three queries."""
    code = normalize_code(code)
    if not is_valid_code(code):
        return None
    try:
        # get(), not first(): no ORDER BY; only(): the columns the page shows.
        petition = Petition.objects.select_related(*TRACKING_RELATED).only(*TRACKING_FIELDS).get(tracking_code=code)
    except Petition.DoesNotExist:
        return None
    answer = None
    if petition.answer_id is not None:
        answer = _one(
            Answer.objects.select_related("department", "referral__to_unit")
            .only(*ANSWER_FIELDS)
            .filter(pk=petition.answer_id, approved_at__isnull=False)
        )
    referral = None
    if petition.referral_id is not None:
        referral = _one(
            Referral.objects.select_related("to_unit").only("to_body", "to_unit__name").filter(pk=petition.referral_id)
        )
    return _tracking(petition, answer, referral)


def _tracking(p: Petition, answer: Answer | None, referral: Referral | None) -> TrackingView:
    referred_to = ""
    if referral is not None:
        referred_to = referral.to_unit.name if referral.to_unit is not None else referral.to_body
    conference = p.conference
    return TrackingView(
        petition_id=p.pk,
        code=p.tracking_code,
        code_display=format_code(p.tracking_code),
        unit_id=p.unit_id,
        unit_name=p.unit.name,
        received_on=p.received_on,
        village_name=p.village.name if p.village is not None else "",
        sector_name=p.sector.name if p.sector is not None else "",
        text=p.text,
        status=p.status,
        status_label=p.get_status_display(),
        step=STEPS.get(PetitionStatus(p.status), STEP_RECEIVED),
        redirected_kind=p.get_kind_display() if p.kind in REDIRECTED_KINDS else "",
        department_name=p.assigned_department.name if p.assigned_department is not None else "",
        due_date=p.due_date if p.status == S.ACCEPTED else None,
        referred_to=referred_to,
        refused_reason=p.refused_reason if p.status == S.REFUSED else "",
        group_title=p.group.title if p.group is not None else "",
        conference_id=conference.pk if conference is not None else None,
        conference_title=conference.title if conference is not None else "",
        conclusions_published=conference is not None and conference.status in CONCLUSION_STATES,
        answer=public_answer(answer),
        reopened=p.reopen_count > 0 and p.status == S.ACCEPTED,
        satisfaction=p.satisfaction,
        satisfaction_label=p.get_satisfaction_display() if p.satisfaction else "",
        satisfaction_note=p.satisfaction_note,
        word_open=word_open(p.status, answer),
    )


# ---------------------------------------------------------------- "Ý kiến của tôi"


def my_petitions(user: Any) -> QuerySet[Petition]:
    """What a signed-in person sent through the online form, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Petition.objects.none()
    return (
        Petition.objects.filter(submitted_by=user)
        .select_related("unit", "village", "answer")
        .only(
            "tracking_code",
            "received_on",
            "text",
            "status",
            "reopen_count",
            "unit__name",
            "village__name",
            "answer__approved_at",
        )
        .order_by("-received_on", "-pk")
    )


# ---------------------------------------------------------------- the published conclusions


@dataclass(frozen=True)
class ConclusionItem:
    """One answered matter of a conference: a group (its canonical wording) or a single petition."""

    title: str
    texts: list[str]  # the other wordings, when several petitions share an answer without a group
    count: int
    villages: list[str]
    without_village: bool
    sector: str
    names: list[str]  # only those who consented to be named
    answer: PublicAnswer
    reopened: bool


@dataclass(frozen=True)
class ConclusionFilters:
    sector: Sector | None = None
    village: Village | None = None
    query: str = ""


@dataclass
class ConclusionChoices:
    sectors: list[Sector] = field(default_factory=list)
    villages: list[Village] = field(default_factory=list)


def conclusions_conference(conference_id: int) -> Conference:
    """A conference the portal shows (see portal.selectors), with its unit only; 404 otherwise."""
    conference = public_conferences().select_related("unit").filter(pk=conference_id).first()
    if conference is None:
        raise Http404
    return conference


def conclusions_public(conference: Conference) -> bool:
    return conference.status in CONCLUSION_STATES


def _published_petitions(conference: Conference) -> QuerySet[Petition]:
    # Complaints and denunciations leave the dialogue for their own laws (and may name people): never listed.
    return Petition.objects.filter(conference=conference, answer__approved_at__isnull=False).exclude(
        kind__in=REDIRECTED_KINDS
    )


CONCLUSION_SEARCH = ["text", "group__title", "answer__text", "answer__conclusion", "village__name", "sector__name"]


def conclusion_choices(conference: Conference) -> ConclusionChoices:
    """The sectors and villages that appear among the published items, for the filters."""
    petitions = _published_petitions(conference)
    return ConclusionChoices(
        sectors=list(Sector.objects.filter(pk__in=petitions.values("sector_id")).order_by("sort_order", "name")),
        villages=list(Village.objects.filter(pk__in=petitions.values("village_id")).order_by("sort_order", "name")),
    )


def conclusions(conference: Conference, filters: ConclusionFilters | None = None) -> QuerySet[Answer]:
    """The approved answers to the conference's petitions, one per matter, by sector; to page through and
    then turn into items with `conclusion_items`. Empty until the conference is held."""
    if not conclusions_public(conference):
        return Answer.objects.none()
    filters = filters or ConclusionFilters()
    petitions = _published_petitions(conference)
    if filters.sector is not None:
        petitions = petitions.filter(sector=filters.sector)
    if filters.village is not None:
        petitions = petitions.filter(village=filters.village)
    if filters.query.strip():
        petitions = search(petitions, filters.query, CONCLUSION_SEARCH)
    first_sector = (
        Petition.objects.filter(answer=OuterRef("pk"), conference=conference)
        .order_by("sector__sort_order")
        .values("sector__sort_order")[:1]
    )
    shown = (
        _published_petitions(conference)
        .select_related("village", "sector", "group__sector")
        .order_by("received_on", "pk")
    )
    return (
        Answer.objects.filter(pk__in=petitions.values("answer_id"))
        .select_related("department", "referral__to_unit")
        .annotate(sector_order=Subquery(first_sector, output_field=IntegerField()))
        .prefetch_related(Prefetch("petitions", queryset=shown, to_attr="published_petitions"))
        .order_by("sector_order", "approved_at", "pk")
    )


def conclusion_items(answers: Iterable[Answer]) -> list[ConclusionItem]:
    """The page's answers as public records (the petitions were prefetched by `conclusions`)."""
    items = []
    for answer in answers:
        petitions: list[Petition] = list(getattr(answer, "published_petitions", []))
        public = public_answer(answer)
        if not petitions or public is None:
            continue
        group = next((p.group for p in petitions if p.group is not None), None)
        # Several petitions answered together without a group: the first wording as the title, then the others.
        texts = [] if group is not None else [p.text for p in petitions[1:]]
        villages = list(dict.fromkeys(p.village.name for p in petitions if p.village is not None))
        sector = group.sector if group is not None and group.sector_id else None
        sector_name = sector.name if sector is not None else next((p.sector.name for p in petitions if p.sector), "")
        items.append(
            ConclusionItem(
                title=group.title if group is not None else petitions[0].text,
                texts=texts,
                count=len(petitions),
                villages=villages,
                without_village=any(p.village is None for p in petitions),
                sector=sector_name,
                names=list(
                    dict.fromkeys(
                        p.submitter_name for p in petitions if p.consent_publish_name and p.submitter_name.strip()
                    )
                ),
                answer=public,
                reopened=any(p.reopen_count > 0 and p.status == S.ACCEPTED for p in petitions),
            )
        )
    return items
