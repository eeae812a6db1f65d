"""The documents the portal offers: the issued plan on the unit's and the conference's pages, a public
conference's announcement, its conclusion notice once concluded. Only those kinds, only in force, only of
the unit of the URL; no personal data on the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.conferences.actions import conference_conclude, publication_record
from doithoai.conferences.tests.conftest import on_day
from doithoai.documents.models import DocumentKind, DocumentStatus, IssuedDocument

K = DocumentKind


def _plan_document(plan):
    return IssuedDocument.objects.get(plan=plan, kind=K.PLAN, status=DocumentStatus.ISSUED)


def _copy(source, *, kind, number, **subject):
    """A register row of another kind, with the plan's file (what it says does not matter here)."""
    return IssuedDocument.objects.create(
        unit=source.unit,
        kind=kind,
        issuer=source.issuer,
        layout=source.layout,
        period=source.period,
        series=f"X{number}",
        number=number,
        symbol=source.symbol,
        number_text=f"{number}/X-UBND",
        issued_on=source.issued_on,
        summary=kind,
        docx=source.docx,
        **subject,
    )


def _url(document, fmt="docx", unit=None):
    return reverse("portal:document", args=[(unit or document.unit).pk, document.pk, fmt])


def test_it_shows_the_issued_plan_with_its_document_on_the_unit_page(client, cast, plan):
    document = _plan_document(plan)
    page = client.get(reverse("portal:unit", args=[cast.commune_a.pk])).content.decode()
    assert "Kế hoạch số 91/KH-UBND ngày 02/3/2026" in page
    assert 'data-testid="plan-public"' in page
    assert _url(document) in page
    assert plan.purpose.splitlines()[0].strip(" -") in page
    response = client.get(_url(document))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response) == bytes(document.docx.data)


def test_it_shows_the_plan_and_the_conclusion_notice_on_the_conference_page(client, cast, plan, held):
    plan_document = _plan_document(plan)
    announcement = _copy(plan_document, kind=K.ANNOUNCEMENT, number=7, conference=held)
    notice = _copy(plan_document, kind=K.CONCLUSION_NOTICE, number=8, conference=held)
    page = client.get(reverse("portal:conference", args=[held.pk])).content.decode()
    assert _url(plan_document) in page and _url(announcement) in page
    assert _url(notice) not in page  # held, not yet concluded
    assert client.get(_url(notice)).status_code == 404
    with on_day(dt.date(2026, 6, 8)):
        conference_conclude(actor=cast.officer_a, conference=held)
        publication_record(
            actor=cast.officer_a, conference=held, channel="headquarters", published_on=dt.date(2026, 6, 8)
        )
    page = client.get(reverse("portal:conference", args=[held.pk])).content.decode()
    assert _url(notice) in page
    assert client.get(_url(notice)).status_code == 200
    # Who recorded what is not public.
    assert cast.officer_a.full_name not in page


@pytest.mark.parametrize(
    "kind",
    [K.MINUTES, K.INVITATIONS, K.SUMMARY_REPORT, K.OPINION_FORM, K.RADIO_SCRIPT, K.TRANSFER_LETTER, K.RESULTS_REPORT],
)
def test_it_never_offers_other_kinds(client, cast, plan, held, kind):
    other = _copy(_plan_document(plan), kind=kind, number=9, conference=held)
    assert client.get(_url(other)).status_code == 404
    page = client.get(reverse("portal:conference", args=[held.pk])).content.decode()
    assert _url(other) not in page


def test_it_answers_404_for_another_unit_a_replaced_document_or_an_unknown_format(client, cast, plan, plan_b):
    document = _plan_document(plan)
    assert client.get(_url(document, unit=cast.commune_b)).status_code == 404
    assert client.get(_url(document, fmt="exe")).status_code == 404
    assert client.get(_url(document, fmt="pdf")).status_code == 404  # no PDF made here
    IssuedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.REPLACED)
    assert client.get(_url(document)).status_code == 404


def test_it_does_not_offer_the_announcement_of_a_conference_not_announced(client, cast, plan, planned):
    announcement = _copy(_plan_document(plan), kind=K.ANNOUNCEMENT, number=7, conference=planned)
    assert client.get(_url(announcement)).status_code == 404


def test_it_does_not_offer_a_draft_plans_document(client, cast, plan):
    document = _plan_document(plan)
    type(plan).objects.filter(pk=plan.pk).update(status="draft")
    assert client.get(_url(document)).status_code == 404
    page = client.get(reverse("portal:unit", args=[cast.commune_a.pk])).content.decode()
    assert _url(document) not in page
