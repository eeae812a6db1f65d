"""Documents made in the background: a job for the invitations runs when its request commits (the test
settings run tasks at once), the page shows it done with its download; a kind that is not ready fails with
its Vietnamese message; nobody else sees someone's job."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.documents.models import DocumentJob, DocumentKind, IssuedDocument, JobStatus
from doithoai.documents.render import DOCX_TYPE
from doithoai.documents.tests import fake_kinds
from doithoai.documents.tests.util import docx_text

pytestmark = pytest.mark.django_db
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


def start_draft(client, cast, conference, kind=K.INVITATIONS, key="k1"):
    return client.post(
        reverse("documents:draft", args=[cast.commune_a.pk, "hoi-nghi", conference.pk, kind]), {"submission_key": key}
    )


def test_a_background_draft_runs_and_downloads(client, cast, conference, django_capture_on_commit_callbacks):
    client.force_login(cast.officer_a)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = start_draft(client, cast, conference)
    assert len(callbacks) == 1
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents:job", args=[cast.commune_a.pk, job.pk]
    )
    assert job.status == JobStatus.DONE and job.percent == 100
    body = client.get(response["Location"]).content.decode()
    assert 'data-status="done"' in body and 'hx-trigger="every 1s"' not in body and 'data-testid="job-download"' in body
    download = client.get(reverse("documents:job_download", args=[cast.commune_a.pk, job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == DOCX_TYPE
    assert job.result is not None
    assert hashlib.sha256(download.content).hexdigest() == job.result.sha256
    assert fake_kinds.MARKER in docx_text(download.content)
    # The same form sent twice is one job.
    with django_capture_on_commit_callbacks(execute=True):
        start_draft(client, cast, conference)
    assert DocumentJob.objects.count() == 1


def test_a_queued_job_polls_and_works_without_javascript(client, cast, conference):
    client.force_login(cast.officer_a)
    start_draft(client, cast, conference)  # on_commit never runs inside the test's transaction: still queued
    job = DocumentJob.objects.get()
    assert job.status == JobStatus.QUEUED
    body = client.get(reverse("documents:job", args=[cast.commune_a.pk, job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body
    assert 'http-equiv="refresh"' in body and "Tải lại" in body
    fragment = client.get(reverse("documents:job_status", args=[cast.commune_a.pk, job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<html" not in fragment
    assert client.get(reverse("documents:job_download", args=[cast.commune_a.pk, job.pk])).status_code == 404


def test_issuing_through_a_job_links_the_document(client, cast, conference, django_capture_on_commit_callbacks):
    client.force_login(cast.officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:issue", args=[cast.commune_a.pk, "hoi-nghi", conference.pk, K.INVITATIONS]),
            {"issued_on": timezone.localdate().strftime("%d/%m/%Y"), "submission_key": "i1"},
        )
    job = DocumentJob.objects.get()
    document = IssuedDocument.objects.get(kind=K.INVITATIONS)
    assert job.status == JobStatus.DONE and job.document == document
    body = client.get(response["Location"]).content.decode()
    assert reverse("documents:detail", args=[cast.commune_a.pk, document.pk]) in body
    assert document.number_text == "01/GM-UBND"


def test_a_failing_job_shows_its_message(client, cast, conference, django_capture_on_commit_callbacks):
    fake_kinds.NOT_READY[K.INVITATIONS] = "Hội nghị chưa có đại biểu nào để in giấy mời."
    client.force_login(cast.officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = start_draft(client, cast, conference)
    job = DocumentJob.objects.get()
    assert job.status == JobStatus.FAILED
    body = client.get(response["Location"]).content.decode()
    assert 'data-testid="job-error"' in body and "Hội nghị chưa có đại biểu nào để in giấy mời." in body
    assert 'hx-trigger="every 1s"' not in body


def test_another_user_cannot_see_the_job(client, cast, conference, django_capture_on_commit_callbacks):
    client.force_login(cast.vice_chair_a)
    with django_capture_on_commit_callbacks(execute=True):
        start_draft(client, cast, conference)
    job = DocumentJob.objects.get()
    page = reverse("documents:job", args=[cast.commune_a.pk, job.pk])
    download = reverse("documents:job_download", args=[cast.commune_a.pk, job.pk])
    assert client.get(download).status_code == 200
    for other in (cast.front_a, cast.department_officer_a, cast.province_official):
        client.force_login(other)
        assert client.get(page).status_code == 404, other
        assert client.get(download).status_code == 404, other
    client.force_login(cast.officer_b)
    assert client.get(page).status_code == 404
    for office in (cast.officer_a, cast.chair_a):  # the unit's office and chair follow every job
        client.force_login(office)
        assert client.get(page).status_code == 200


def test_the_results_report_is_made_by_a_job(client, cast, plan, django_capture_on_commit_callbacks):
    client.force_login(cast.officer_a)
    page = reverse("documents:results_report", args=[cast.commune_a.pk])
    assert client.get(page).status_code == 200
    response = client.post(page, {"period": "tuy-chon", "year": "2026", "start": "", "end": "", "action": "draft"})
    assert response.status_code == 200 and 'data-testid="errors-start"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"period": "6-thang", "year": "2026", "action": "draft", "submission_key": "r"})
    job = DocumentJob.objects.get()
    assert job.params["subject"]["start"] == "2026-01-01" and job.params["subject"]["end"] == "2026-06-30"
    assert job.status == JobStatus.DONE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page,
            {
                "period": "tuy-chon",
                "year": "2026",
                "start": "01/01/2026",
                "end": "31/10/2026",
                "action": "issue",
                "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
                "submission_key": "r2",
            },
        )
    assert response.status_code == 302
    document = IssuedDocument.objects.get(kind=K.RESULTS_REPORT)
    assert document.period_end == dt.date(2026, 10, 31)
