"""In Chromium: the office classifies a petition and attaches a photo from its page; the Front, supervising,
finds an overdue one highlighted in the list and narrows the list to it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.audit.models import AuditEvent
from doithoai.core.testing import log_in
from doithoai.petitions import actions
from doithoai.petitions.models import Attachment, Kind, PetitionStatus
from doithoai.petitions.tests.test_staff import overdue, png_bytes, receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_classifies_and_attaches_and_the_front_sees_the_overdue_one(cast, live_server, page, password):
    page.set_viewport_size({"width": 390, "height": 844})
    sectors = {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}
    petition = receive(cast, text="Đường bê tông thôn Nà Pàn bị sụt lún sau mưa lũ.")
    late = overdue(cast, sectors)

    log_in(page, live_server, cast.officer_a.username, password)
    page.goto(live_server.url + reverse("units:home", args=[cast.commune_a.pk]))
    page.get_by_test_id("nav-petitions").click()
    page.get_by_label("Tìm trong nội dung, mã tra cứu, thôn, lĩnh vực").fill("sut lun")
    expect(page.get_by_test_id("result-count")).to_have_text("1 ý kiến")  # htmx, without diacritics
    page.get_by_role("link", name=petition.tracking_code).click()

    form = page.get_by_test_id("classify-form")
    form.get_by_label("Tính chất").select_option(label="Phản ánh")
    form.get_by_label("Lĩnh vực").select_option(label="Xây dựng – giao thông – hạ tầng")
    form.get_by_label("Thẩm quyền giải quyết").select_option(label="Thuộc thẩm quyền của đơn vị")
    form.get_by_role("button", name="Lưu phân loại").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã phân loại")
    expect(page.get_by_test_id("fact-sector")).to_have_text("Xây dựng – giao thông – hạ tầng")

    upload = page.get_by_test_id("upload-form")
    upload.get_by_label("Thêm ảnh hoặc PDF").set_input_files(
        files=[{"name": "mat-duong.jpg", "mimeType": "image/jpeg", "buffer": b"khong phai anh"}]
    )
    upload.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_test_id("errors-files")).to_contain_text("không phải ảnh (JPG, PNG, WEBP) hay PDF")
    page.get_by_test_id("upload-form").get_by_label("Thêm ảnh hoặc PDF").set_input_files(
        files=[{"name": "mat-duong.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_test_id("upload-form").get_by_role("button", name="Tải lên").click()
    expect(page.get_by_test_id("attachments")).to_contain_text("mat-duong.png")

    petition.refresh_from_db()
    assert (petition.status, petition.kind) == (PetitionStatus.CLASSIFIED, Kind.FEEDBACK)
    assert Attachment.objects.get().petition == petition

    log_in(page, live_server, cast.front_a.username, password)
    page.goto(live_server.url + reverse("petitions:list", args=[cast.commune_a.pk]))
    row = page.get_by_test_id(f"petition-{late.tracking_code}")
    expect(row).to_have_class(re.compile(r"\brow-overdue\b"))
    expect(row.get_by_test_id("badge-overdue")).to_have_text("Quá hạn")
    expect(page.get_by_test_id(f"petition-{petition.tracking_code}")).not_to_have_class(re.compile("row-overdue"))
    expect(page.get_by_test_id("count-overdue")).to_have_text("1")  # the supervision bar, loaded after the list
    page.get_by_test_id("quick-overdue").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 ý kiến")
    expect(page.get_by_test_id(f"petition-{petition.tracking_code}")).to_have_count(0)

    # The Front opens the photo: allowed to it, and written in the audit trail.
    page.get_by_role("link", name=late.tracking_code).click()
    expect(page.get_by_test_id("badge-overdue")).to_be_visible()
    page.goto(live_server.url + reverse("petitions:detail", args=[cast.commune_a.pk, petition.pk]))
    with page.expect_download() as download:
        page.get_by_role("link", name="mat-duong.png").click()
    assert download.value.suggested_filename == "mat-duong.png"
    assert AuditEvent.objects.filter(event_type="petition.attachment_viewed", actor=cast.front_a).count() == 1
