"""Demo data of documents: the register of Điềm He as an office would have it by now, built only through
`issue_document` (as the pages do).

- The 2026 plan's Kế hoạch is in the register from the plan's own issue (plans.demo → plan_issue).
- The conference ahead: its announcement issued on the day it was announced, its invitations (one GM
  number for all the delegates' pages) and its rules (NQ, nội quy hội nghị) the same day; its banner (khánh
  tiết) is never numbered, only drafted. The Front's summary report is not issued yet: it is
  due three days before the conference, so the demo leaves it to be drafted and issued by "mattran".
- The ad hoc conference held three weeks ago: its minutes (BB) numbered the day the chair signed them, and
  the conclusion notice (TB) five days after the conference, within the 10 days of the law.
- The referrals of the petitions demo: the letter to the province and the one to Công ty Điện lực, on the
  day they were sent.

PDFs are made by the worker (`./dev demo` starts it) where LibreOffice is installed. Running it again
changes nothing: a subject that already has its document is skipped.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from doithoai.accounts.models import User
from doithoai.conferences.models import Conference, ConferenceKind, ConferenceStatus
from doithoai.documents.actions import issue_document
from doithoai.documents.models import DocumentStatus, IssuedDocument
from doithoai.live.models import MinutesStatus
from doithoai.petitions.models import Referral
from doithoai.units.models import AdminUnit


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _issue(actor: User, kind: str, subject: Any, day: dt.date, *, subject_filter: dict[str, Any]) -> None:
    if IssuedDocument.objects.filter(kind=kind, status=DocumentStatus.ISSUED, **subject_filter).exists():
        return
    issue_document(actor=actor, kind=kind, subject=subject, issued_on=min(day, timezone.localdate()))


def load_demo_documents(admin: User, commune: AdminUnit) -> None:
    office = _user("vanphong")
    if office is None:
        return
    ahead = (
        Conference.objects.filter(unit=commune, status=ConferenceStatus.ANNOUNCED, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    if ahead is not None and ahead.announced_at is not None:
        day = timezone.localdate(ahead.announced_at)
        _issue(office, "announcement", ahead, day, subject_filter={"conference": ahead})
        if ahead.delegates.exclude(full_name="").exists():
            _issue(office, "invitations", ahead, day, subject_filter={"conference": ahead})
        # The rules, read at the opening, issued with the announcement (the unit's default text); the banner
        # (khánh tiết) is never numbered: it is on the conference's documents page to print or project.
        _issue(office, "conference_rules", ahead, day, subject_filter={"conference": ahead})
        # Materials for dissemination: the socio-economic report (PDF, for the screen) and the law (published).
        from doithoai.documents.demo_materials import load_demo_materials

        load_demo_materials(office, ahead)
    held = (
        Conference.objects.filter(unit=commune, kind=ConferenceKind.AD_HOC, minutes__status=MinutesStatus.SIGNED)
        .select_related("minutes")
        .order_by("-starts_at")
        .first()
    )
    if held is not None:
        minutes = held.minutes
        signed = minutes.chair_signed_at or minutes.finalised_at or timezone.now()
        _issue(office, "minutes", held, timezone.localdate(signed), subject_filter={"conference": held})
        notice_day = timezone.localdate(held.starts_at) + dt.timedelta(days=5)
        _issue(office, "conclusion_notice", held, notice_day, subject_filter={"conference": held})
    for referral in Referral.objects.filter(from_unit=commune).order_by("created_at", "pk"):
        _issue(
            office,
            "transfer_letter",
            referral,
            timezone.localdate(referral.created_at),
            subject_filter={"referral": referral},
        )
