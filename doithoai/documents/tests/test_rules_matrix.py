"""Who may do what on the documents pages, over HTTP, written out as a table: role × operation (and state,
for re-issuing an issued or a replaced document). Each cell runs inside a savepoint rolled back afterwards.

Outcomes: "ok" (done: a download, a redirect after a change), "403" (the role may not), "404" (the unit is
not theirs to see), "refused" (allowed, but the state refuses: a replaced document is not re-issued)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from doithoai.core.testing import MATRIX_ROLES
from doithoai.documents import actions
from doithoai.documents.models import DocumentKind, IssuedDocument, UnitTemplate
from doithoai.documents.render import builtin_template
from doithoai.documents.tests import fake_kinds

pytestmark = pytest.mark.django_db
K = DocumentKind
ROLES = MATRIX_ROLES

#                      chair vice office dept front village council higher admin citizen accountant
WHO = {
    "view":            "ok    ok   ok     ok   ok    ok      ok      ok     ok    404     403",
    "download":        "ok    ok   ok     ok   ok    ok      ok      ok     ok    404     403",
    "draft":           "ok    ok   ok     403  403   403     403     403    403   404     403",
    "draft_handout":   "ok    ok   ok     403  ok    ok      403     403    403   404     403",
    "draft_front":     "ok    ok   ok     403  ok    403     403     403    403   404     403",
    "issue":           "ok    403  ok     403  403   403     403     403    403   404     403",
    "issue_front":     "403   403  403    403  ok    403     403     403    403   404     403",
    "reissue_issued":  "ok    403  ok     403  403   403     403     403    403   404     403",
    "reissue_replaced":"refused 403 refused 403 403  403     403     403    403   404     403",
    "templates":       "ok    403  ok     403  403   403     403     403    ok    404     403",
    "settings":        "ok    403  ok     403  403   403     403     403    ok    404     403",
}  # fmt: skip


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


def today_text():
    return timezone.localdate().strftime("%d/%m/%Y")


def _request(client, operation, unit, conference, issued, replaced):
    subject = [unit.pk, "hoi-nghi", conference.pk]
    if operation == "view":
        return client.get(reverse("documents:register", args=[unit.pk]))
    if operation == "download":
        return client.get(reverse("documents:download", args=[unit.pk, issued.pk, "docx"]))
    if operation == "draft":
        return client.get(reverse("documents:draft", args=[*subject, K.ANNOUNCEMENT]))
    if operation == "draft_handout":
        return client.get(reverse("documents:draft", args=[*subject, K.OPINION_FORM]))
    if operation == "draft_front":
        return client.get(reverse("documents:draft", args=[*subject, K.SUMMARY_REPORT]))
    if operation == "issue":
        return client.post(reverse("documents:issue", args=[*subject, K.MINUTES]), {"issued_on": today_text()})
    if operation == "issue_front":
        return client.post(reverse("documents:issue", args=[*subject, K.SUMMARY_REPORT]), {"issued_on": today_text()})
    if operation == "reissue_issued":
        return client.post(reverse("documents:reissue", args=[unit.pk, issued.pk]), {"issued_on": today_text()})
    if operation == "reissue_replaced":
        return client.post(reverse("documents:reissue", args=[unit.pk, replaced.pk]), {"issued_on": today_text()})
    if operation == "templates":
        from django.core.files.uploadedfile import SimpleUploadedFile

        file = SimpleUploadedFile("mau.docx", builtin_template(K.ANNOUNCEMENT, "state"))
        return client.post(
            reverse("documents:template_upload", args=[unit.pk, K.ANNOUNCEMENT, "state"]), {"file": file}
        )
    if operation == "settings":
        return client.post(
            reverse("documents:settings", args=[unit.pk]),
            {"numbering_mode": "shared", "party_term": "2025-2030", "office_abbr": "VP"},
        )
    raise AssertionError(operation)


def _outcome(operation, response):
    if response.status_code in (403, 404):
        return str(response.status_code)
    if operation in ("view", "download") or operation.startswith("draft"):
        assert response.status_code == 200, (operation, response.status_code)
        return "ok"
    if response.status_code == 302:
        return "ok"
    assert response.status_code == 200
    return "refused"


def _changed(operation, counts):
    if operation in ("issue", "issue_front", "reissue_issued"):
        return IssuedDocument.objects.count() == counts[0] + 1
    if operation == "templates":
        return UnitTemplate.objects.count() == counts[1] + 1
    return True


@pytest.mark.parametrize("operation", list(WHO))
def test_the_documents_pages_follow_the_role_table(client, cast, conference, operation):
    unit = cast.commune_a
    issued = actions.issue_document(
        actor=cast.officer_a, kind=K.ANNOUNCEMENT, subject=conference, issued_on=timezone.localdate()
    )
    old = actions.issue_document(
        actor=cast.officer_a, kind=K.CONCLUSION_NOTICE, subject=conference, issued_on=timezone.localdate()
    )
    actions.reissue_document(actor=cast.officer_a, document=old, issued_on=timezone.localdate())
    old.refresh_from_db()
    expected = dict(zip(ROLES, WHO[operation].split(), strict=True))
    outcomes = {}
    for role in ROLES:
        client.force_login(cast.user_for(role))
        with transaction.atomic():
            counts = (IssuedDocument.objects.count(), UnitTemplate.objects.count())
            outcome = _outcome(operation, _request(client, operation, unit, conference, issued, old))
            if outcome == "ok":
                assert _changed(operation, counts), (operation, role)
            elif outcome in ("403", "404", "refused") and operation not in ("view", "download"):
                assert IssuedDocument.objects.count() == counts[0], (operation, role)
            outcomes[role] = outcome
            transaction.set_rollback(True)
    assert outcomes == expected


@pytest.mark.parametrize("operation", list(WHO))
def test_commune_b_gets_404_on_commune_a(client, cast, conference, operation):
    issued = actions.issue_document(
        actor=cast.officer_a, kind=K.ANNOUNCEMENT, subject=conference, issued_on=timezone.localdate()
    )
    client.force_login(cast.officer_b)
    response = _request(client, operation, cast.commune_a, conference, issued, issued)
    assert response.status_code == 404
    # Commune A's conference and document under commune B's own URL: not found either.
    response = _request(client, operation, cast.commune_b, conference, issued, issued)
    assert response.status_code == 404 or operation in ("view", "templates", "settings")
