"""In Chromium, the office's documents for a conference through the pages: from the conference's page to
its documents; the announcement's draft downloaded, then issued with today's date as 01/TB-UBND and its DOCX
downloaded from its own page; the invitations (made in the background) issued through their job page, one
page per delegate; and both numbers in the register (Sổ văn bản đi). No page logs a console error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from playwright.sync_api import expect

from doithoai.core.testing import log_in
from doithoai.documents.models import DocumentJob, DocumentKind, IssuedDocument, JobStatus
from doithoai.documents.tests.util import docx_text
from doithoai.lib.vndates import short_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def downloaded(download) -> bytes:
    assert download.failure() is None
    return Path(download.path()).read_bytes()


def page_breaks(data: bytes) -> int:
    body = Document(io.BytesIO(data)).element.body
    return sum(1 for br in body.iter(qn("w:br")) if br.get(qn("w:type")) == "page")


def test_the_office_drafts_issues_and_registers_a_conferences_documents(
    cast, conference, delegates, live_server, page, password
):
    unit = cast.commune_a
    today = timezone.localdate()
    page.set_viewport_size({"width": 1280, "height": 900})
    problems: list[str] = []

    def on_console(message) -> None:
        if message.type == "error":
            problems.append(f"{page.url}: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))

    # 1. From the conference's page to its documents.
    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("conferences:detail", args=[unit.pk, conference.pk]))
    page.get_by_test_id("conference-documents").click()
    documents_url = live_server.url + reverse("documents:conference", args=[unit.pk, conference.pk])
    expect(page).to_have_url(documents_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Văn bản: {conference.title}")

    # 2. The announcement's draft: no number yet, marked as a draft.
    card = page.get_by_test_id(f"card-{DocumentKind.ANNOUNCEMENT}")
    expect(card.get_by_role("heading", name="Thông báo tổ chức hội nghị")).to_be_visible()
    expect(card.get_by_text("Chưa ban hành")).to_be_visible()
    with page.expect_download() as info:
        card.get_by_role("button", name="Tải bản dự thảo (DOCX)").click()
    text = docx_text(downloaded(info.value))
    assert "DỰ THẢO" in text
    assert conference.title in text
    assert "01/TB-UBND" not in text

    # 3. Issued with today's date: the next number of the series, shown on the document's page.
    form = card.get_by_test_id(f"issue-form-{DocumentKind.ANNOUNCEMENT}")
    form.get_by_label("Ngày ban hành").fill(today.strftime("%d/%m/%Y"))
    form.get_by_role("button", name="Ban hành").click()
    announcement = IssuedDocument.objects.get(conference=conference, kind=DocumentKind.ANNOUNCEMENT)
    assert announcement.number_text == "01/TB-UBND"
    assert announcement.issued_on == today
    detail_url = live_server.url + reverse("documents:detail", args=[unit.pk, announcement.pk])
    expect(page).to_have_url(detail_url)
    expect(page.get_by_text("Đã ban hành văn bản số 01/TB-UBND.")).to_be_visible()
    expect(page.get_by_test_id("document-number")).to_contain_text("01/TB-UBND")

    # The conference's documents now show it on the card; its link opens the document's page again.
    page.get_by_role("link", name="Văn bản của hội nghị").click()
    expect(page).to_have_url(documents_url)
    card = page.get_by_test_id(f"card-{DocumentKind.ANNOUNCEMENT}")
    expect(card.get_by_test_id("card-issued")).to_have_text("Đã ban hành")
    expect(card.get_by_test_id("card-current")).to_contain_text("01/TB-UBND")
    expect(card.get_by_test_id(f"issue-form-{DocumentKind.ANNOUNCEMENT}")).to_have_count(0)
    card.get_by_role("link", name="Số 01/TB-UBND").click()
    expect(page).to_have_url(detail_url)
    with page.expect_download() as info:
        page.get_by_test_id("download-docx").click()
    text = docx_text(downloaded(info.value))
    assert "Số: 01/TB-UBND" in text
    assert "DỰ THẢO" not in text
    assert conference.title in text

    # 4. The invitations, made in the background: issued from their card, followed on the job page.
    page.goto(documents_url)
    card = page.get_by_test_id(f"card-{DocumentKind.INVITATIONS}")
    expect(card.get_by_text("Văn bản dài: hệ thống tạo trong nền, trang tiếp theo cho biết tiến độ.")).to_be_visible()
    form = card.get_by_test_id(f"issue-form-{DocumentKind.INVITATIONS}")
    form.get_by_label("Ngày ban hành").fill(today.strftime("%d/%m/%Y"))
    form.get_by_role("button", name="Ban hành").click()
    job = DocumentJob.objects.get(kind=DocumentKind.INVITATIONS)
    expect(page).to_have_url(live_server.url + reverse("documents:job", args=[unit.pk, job.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Giấy mời")
    status = page.get_by_test_id("job-status")
    expect(status.get_by_role("progressbar", name="Tiến độ")).to_be_visible()
    expect(status).to_have_attribute("data-status", JobStatus.DONE)
    expect(status.get_by_role("progressbar", name="Tiến độ")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("job-error")).to_have_count(0)
    invitations = IssuedDocument.objects.get(conference=conference, kind=DocumentKind.INVITATIONS)
    number = invitations.number_text
    assert number == "01/GM-UBND"
    expect(page.get_by_test_id("job-document")).to_have_text(f"Xem văn bản số {number}")
    with page.expect_download() as info:
        page.get_by_test_id("job-download").click()
    data = downloaded(info.value)
    text = docx_text(data)
    assert "GIẤY MỜI" in text
    assert f"Số: {number}" in text
    named = [d.full_name for d in delegates]
    assert len(named) == 4
    for name in named:
        assert text.count(f"Ông/Bà: {name}") == 1, name
    assert text.count("Ông/Bà: ") == len(named)
    assert page_breaks(data) == len(named) - 1

    # 5. The register of the year: both numbers, each linking to its document.
    page.get_by_test_id("job-document").click()
    expect(page.get_by_test_id("document-number")).to_contain_text(number)
    page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name="Sổ văn bản đi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sổ văn bản đi năm {today.year}")
    # (The plan the conference belongs to is in the register too when it was issued this year.)
    for document in (announcement, invitations):
        row = page.locator(f'[data-testid="register-row"][data-document="{document.pk}"]')
        expect(row).to_have_count(1)
        expect(row.get_by_role("link", name=document.number_text)).to_have_attribute(
            "href", reverse("documents:detail", args=[unit.pk, document.pk])
        )
        expect(row).to_contain_text(short_date(today))
    expect(page.get_by_test_id("register-row").filter(has_text="01/TB-UBND")).to_contain_text(
        "Thông báo tổ chức hội nghị"
    )
    expect(page.get_by_test_id("register-row").filter(has_text=number)).to_contain_text("Giấy mời")

    assert problems == []
