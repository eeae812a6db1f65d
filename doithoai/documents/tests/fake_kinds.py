"""Small stand-ins for the kind modules, so that the pages' tests test the pages (numbers, permissions,
templates, jobs, downloads) and not what each kind collects. `install(monkeypatch)` registers one for every
kind; `NOT_READY` makes a kind refuse, as a real one does when its subject is not ready."""

from __future__ import annotations

import sys
import types
from typing import Any

from doithoai.documents import render
from doithoai.documents.kinds import KindSpec, NotReady, spec
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody, Layout

NOT_READY: dict[str, str] = {}
MARKER = "Nội dung thử nghiệm của văn bản"

SUBJECTS = {
    DocumentKind.PLAN: "plan",
    DocumentKind.TRANSFER_LETTER: "referral",
    DocumentKind.RESULTS_REPORT: "period",
    DocumentKind.OPINION_FORM: "opinion_form",
}
ABBR = {
    DocumentKind.PLAN: "KH",
    DocumentKind.ANNOUNCEMENT: "TB",
    DocumentKind.INVITATIONS: "GM",
    DocumentKind.SUMMARY_REPORT: "BC",
    DocumentKind.MINUTES: "BB",
    DocumentKind.CONCLUSION_NOTICE: "TB",
    DocumentKind.TRANSFER_LETTER: "",
    DocumentKind.RESULTS_REPORT: "BC",
    DocumentKind.CONFERENCE_RULES: "NQ",
}
UNNUMBERED = {DocumentKind.RADIO_SCRIPT, DocumentKind.OPINION_FORM, DocumentKind.HALL_BANNER}
BACKGROUND = {DocumentKind.INVITATIONS, DocumentKind.RESULTS_REPORT}


def build(layout: str) -> bytes:
    builder = Builder()
    builder.header(layout)
    builder.title(layout)
    builder.body("{{ body_text }}")
    builder.signature(layout)
    return builder.save()


def make_spec(kind: DocumentKind) -> KindSpec:
    def collect(subject: Any, *, progress: Any = None) -> dict[str, Any]:
        if kind in NOT_READY:
            raise NotReady(NOT_READY[kind])
        return {
            "summary": f"{kind.label} thử nghiệm",
            "recipients": ["Như trên", "Lưu: VT"],
            "body_text": MARKER,
        }

    return KindSpec(
        kind=kind,
        type_name=str(kind.label).upper(),
        type_abbr=ABBR.get(kind, ""),
        numbered=kind not in UNNUMBERED,
        issuer=IssuerBody.FRONT if kind == DocumentKind.SUMMARY_REPORT else IssuerBody.COMMITTEE,
        subject=SUBJECTS.get(kind, "conference"),
        fields={"body_text": "Nội dung văn bản"},
        required=frozenset(),
        build_template=build,
        sample=lambda layout: {"body_text": "Mẫu"},
        collect=collect,
        layouts=(Layout.STATE, Layout.PARTY) if kind == DocumentKind.PLAN else (Layout.STATE,),
        background=kind in BACKGROUND,
        filename=str(kind).replace("_", "-"),
    )


def install(monkeypatch: Any) -> None:
    from doithoai.documents.kinds import MODULES

    for kind, module_name in MODULES.items():
        module = types.ModuleType(f"doithoai.documents.kinds.{module_name}")
        module.SPEC = make_spec(kind)  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module.__name__, module)
    spec.cache_clear()
    render.builtin_template.cache_clear()
    NOT_READY.clear()


def make_plan(cast: Any) -> Any:
    """Commune A's 2026 plan, issued (as the live room's fixture, on the day it is issued: the register
    refuses a date after today)."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from doithoai.plans.actions import plan_create_from_preset, plan_issue

    day = dt.date(2026, 3, 2)
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(day, dt.time(9))), tick=False):
        plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
        return plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=day)
