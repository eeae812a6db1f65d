"""Numbers of the register through the pages: 01, 02… per series; one series per type or one shared; the
Party's through its term; a number typed by hand; never reused after a re-issue; and two issues at the
same moment, on real threads with their own database connections."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connections
from django.urls import reverse
from django.utils import timezone

from doithoai.documents import actions, numbering
from doithoai.documents.models import DocumentKind, IssuedDocument, NumberingMode
from doithoai.documents.tests import fake_kinds

K = DocumentKind


@pytest.fixture(autouse=True)
def kinds(monkeypatch):
    fake_kinds.install(monkeypatch)
    yield
    from doithoai.documents import render
    from doithoai.documents.kinds import spec

    spec.cache_clear()
    render.builtin_template.cache_clear()


@pytest.fixture
def plan(cast, kinds):
    return fake_kinds.make_plan(cast)


def today():
    return timezone.localdate()


def post_issue(client, cast, conference, kind, **data):
    payload = {"issued_on": today().strftime("%d/%m/%Y"), **data}
    return client.post(reverse("documents:issue", args=[cast.commune_a.pk, "hoi-nghi", conference.pk, kind]), payload)


def number_of(kind, conference):
    return IssuedDocument.objects.get(kind=kind, conference=conference, status="issued").number_text


@pytest.mark.django_db
def test_each_type_has_its_own_series_from_01(client, cast, conference):
    client.force_login(cast.officer_a)
    post_issue(client, cast, conference, K.ANNOUNCEMENT)
    post_issue(client, cast, conference, K.CONCLUSION_NOTICE)
    post_issue(client, cast, conference, K.MINUTES)
    assert number_of(K.ANNOUNCEMENT, conference) == "01/TB-UBND"
    assert number_of(K.CONCLUSION_NOTICE, conference) == "02/TB-UBND"
    assert number_of(K.MINUTES, conference) == "01/BB-UBND"


@pytest.mark.django_db
def test_one_shared_series_when_the_unit_chooses_it(client, cast, conference):
    actions.update_settings(actor=cast.officer_a, unit=cast.commune_a, data={"numbering_mode": NumberingMode.SHARED})
    client.force_login(cast.officer_a)
    post_issue(client, cast, conference, K.ANNOUNCEMENT)
    post_issue(client, cast, conference, K.MINUTES)
    assert number_of(K.ANNOUNCEMENT, conference) == "01/TB-UBND"
    assert number_of(K.MINUTES, conference) == "02/BB-UBND"


@pytest.mark.django_db
def test_the_party_numbers_through_its_term(cast):
    unit = cast.commune_a
    key = numbering.series_key(unit, "party", "KH", 2026)
    assert key.period == "2025-2030" and key.series == "KH"
    assert numbering.series_key(unit, "party", "KH", 2028) == key
    assert numbering.take_next(key) == 1
    assert numbering.take_next(numbering.series_key(unit, "party", "KH", 2027)) == 2
    assert numbering.format_number(2, numbering.symbol_for(unit, "party", "KH"), "party") == "02-KH/ĐU"


@pytest.mark.django_db
def test_a_claimed_number_and_the_next_one(client, cast, conference):
    client.force_login(cast.officer_a)
    post_issue(client, cast, conference, K.ANNOUNCEMENT, number="12")
    assert number_of(K.ANNOUNCEMENT, conference) == "12/TB-UBND"
    page = client.get(reverse("documents:conference", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert "13/TB-UBND" in page  # the hint follows the claimed number
    response = post_issue(client, cast, conference, K.CONCLUSION_NOTICE, number="12")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="errors-number"' in body
    assert "Số 12/TB-UBND đã được cấp cho văn bản khác; số đã cấp không dùng lại." in body
    assert not IssuedDocument.objects.filter(kind=K.CONCLUSION_NOTICE).exists()
    post_issue(client, cast, conference, K.CONCLUSION_NOTICE)
    assert number_of(K.CONCLUSION_NOTICE, conference) == "13/TB-UBND"


@pytest.mark.django_db
def test_a_number_is_never_reused_after_a_reissue(client, cast, conference):
    client.force_login(cast.officer_a)
    post_issue(client, cast, conference, K.ANNOUNCEMENT)
    first = IssuedDocument.objects.get(kind=K.ANNOUNCEMENT)
    client.post(
        reverse("documents:reissue", args=[cast.commune_a.pk, first.pk]), {"issued_on": today().strftime("%d/%m/%Y")}
    )
    first.refresh_from_db()
    second = IssuedDocument.objects.get(replaces=first)
    assert (first.number_text, first.status) == ("01/TB-UBND", "replaced")
    assert second.number_text == "02/TB-UBND"
    post_issue(client, cast, conference, K.CONCLUSION_NOTICE)
    assert number_of(K.CONCLUSION_NOTICE, conference) == "03/TB-UBND"


@pytest.mark.django_db
def test_a_double_submit_issues_once(client, cast, conference):
    client.force_login(cast.officer_a)
    post_issue(client, cast, conference, K.ANNOUNCEMENT, submission_key="same")
    response = post_issue(client, cast, conference, K.ANNOUNCEMENT, submission_key="same")
    assert response.status_code == 302
    assert IssuedDocument.objects.filter(kind=K.ANNOUNCEMENT).count() == 1


def _waiting_for_sqlite(job):
    """The job, run again while the in-memory SQLite test database answers "table is locked": its shared
    cache refuses a second writer at once instead of waiting the busy timeout, as the file database of a real
    server (WAL, BEGIN IMMEDIATE, timeout 20 s) does. The action's transaction was rolled back; running it
    again is what waiting would have done. PostgreSQL waits on the row lock and never gets here."""
    for _attempt in range(400):
        try:
            return job()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.025)
    return job()


def _at_once(*jobs):
    """Run the callables on threads started together, each with its own connection; their outcomes."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[object] = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = _waiting_for_sqlite(job)
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_issues_never_share_a_number(cast, conference):
    def issue(kind):
        return lambda: (
            actions.issue_document(actor=cast.officer_a, kind=kind, subject=conference, issued_on=today()).number_text
        )

    outcomes = _at_once(issue(K.ANNOUNCEMENT), issue(K.CONCLUSION_NOTICE))
    assert sorted(outcomes) == ["01/TB-UBND", "02/TB-UBND"], outcomes


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_issues_of_one_document_give_one_and_a_clear_error(cast, conference):
    def issue(actor):
        return lambda: actions.issue_document(actor=actor, kind=K.ANNOUNCEMENT, subject=conference, issued_on=today())

    outcomes = _at_once(issue(cast.officer_a), issue(cast.chair_a))
    documents = [o for o in outcomes if isinstance(o, IssuedDocument)]
    errors = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(documents) == 1 and len(errors) == 1, outcomes
    assert documents[0].number_text in errors[0].messages[0]
    assert IssuedDocument.objects.filter(kind=K.ANNOUNCEMENT).count() == 1
