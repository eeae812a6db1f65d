"""The hall's papers (seed 001): the rules of the conference (nội quy hội nghị), the unit's editable text issued
as a NỘI QUY, shown on the portal and the projector; and the banner (khánh tiết), an unnumbered wide page and a
projector slide. Read back from the DOCX, and once from the PDF where LibreOffice is installed."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from docx import Document

from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.core.testing import MATRIX_ROLES
from doithoai.documents import actions, pdf, render
from doithoai.documents.kinds import conference_rules, hall_banner
from doithoai.documents.models import ConferenceRules, DocumentJob, IssuedDocument
from doithoai.documents.tests.util import docx_text, pdf_text
from doithoai.plans.models import Plan

pytestmark = pytest.mark.django_db

HEADER = ["ỦY BAN NHÂN DÂN", "XÃ ĐIỀM HE", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BANNER = [
    "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE",
    "HỘI NGHỊ",
    "ĐỐI THOẠI GIỮA CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
    "VỚI NHÂN DÂN NĂM 2026",
    "Điềm He, ngày 05 tháng 6 năm 2026",
]


def _issue_rules(cast, conference) -> IssuedDocument:
    return actions.issue_document(
        actor=cast.officer_a,
        kind="conference_rules",
        subject=conference,
        issued_on=conference.created_at.date(),
        signer_name="Hoàng Văn Chủ",
    )


def _lines(data: bytes) -> list[str]:
    return [line for line in docx_text(data).splitlines() if line.strip()]


# ---------------------------------------------------------------------------- the documents


@pytest.mark.parametrize("kind", ["conference_rules", "hall_banner"])
def test_it_passes_the_template_check_with_its_builtin_template(kind):
    errors, used = render.check_template(kind, "state", render.builtin_template(kind, "state"))
    assert errors == []
    assert ("articles" if kind == "conference_rules" else "lines") in used


def test_it_issues_the_rules_as_a_numbered_noi_quy_in_the_nd30_format(cast, conference):
    document = _issue_rules(cast, conference)
    assert document.number_text == "01/NQ-UBND"
    text = docx_text(bytes(document.docx.data))
    for line in [*HEADER, "Số: 01/NQ-UBND", "NỘI QUY", "Hội nghị đối thoại năm 2026", "Nơi nhận:", "Hoàng Văn Chủ"]:
        assert line in text, line
    lines = _lines(bytes(document.docx.data))
    articles = [line for line in lines if line.startswith("Điều ")]
    assert len(articles) == len(conference_rules.DEFAULT_ARTICLES)
    assert articles[0].startswith("Điều 1. Đại biểu và Nhân dân dự hội nghị đến đúng giờ")
    # The conference's own limit, 5 minutes, put in for "[số phút]".
    assert any("mỗi ý kiến không quá 05 phút" in a for a in articles)
    assert "[số phút]" not in text
    assert any("điện thoại di động ở chế độ im lặng" in a for a in articles)


def test_it_uses_the_units_own_rules_with_the_conferences_time_limit(cast, conference):
    actions.conference_rules_update(
        actor=cast.officer_a,
        unit=cast.commune_a,
        text="1. Đến đúng giờ, ký sổ đại biểu.\n\n2. Phát biểu không quá [số phút] phút.\n- Giữ trật tự.",
    )
    type(conference).objects.filter(pk=conference.pk).update(minutes_per_question=4)
    conference.refresh_from_db()
    data, _name = actions.draft_docx(actor=cast.officer_a, kind="conference_rules", subject=conference)
    articles = [line for line in _lines(data) if line.startswith("Điều ")]
    assert articles == [
        "Điều 1. Đến đúng giờ, ký sổ đại biểu.",
        "Điều 2. Phát biểu không quá 04 phút.",
        "Điều 3. Giữ trật tự.",
    ]


def test_it_draws_the_banner_from_the_conference_on_a_wide_unnumbered_page(cast, conference):
    data, filename = actions.draft_docx(actor=cast.officer_a, kind="hall_banner", subject=conference)
    assert filename == "khanh-tiet-du-thao.docx"
    assert _lines(data) == BANNER
    section = Document(io.BytesIO(data)).sections[0]
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None
    assert (round(width.mm), round(height.mm)) == (420, 297)
    # Never registered: it has no number to take.
    with pytest.raises(ValidationError):
        actions.issue_document(
            actor=cast.officer_a, kind="hall_banner", subject=conference, issued_on=conference.created_at.date()
        )


def test_it_writes_the_party_committees_banner_when_the_party_planned_the_dialogue(cast, conference):
    Plan.objects.filter(pk=conference.plan_id).update(issuer="party", backdrop_text="")
    conference.refresh_from_db()
    lines = [line.text for line in hall_banner.banner_lines(conference)]
    assert lines[0] == "ĐẢNG ỦY XÃ ĐIỀM HE"
    assert lines[2] == "ĐỐI THOẠI GIỮA BÍ THƯ ĐẢNG ỦY XÃ"


def test_it_shrinks_a_long_unit_name_to_fit_the_line():
    short = hall_banner.fit_size("ỦY BAN NHÂN DÂN XÃ ĐIỀM HE", "body")
    long_name = "ỦY BAN NHÂN DÂN PHƯỜNG HOÀNG VĂN THỤ THÀNH PHỐ LẠNG SƠN TỈNH LẠNG SƠN"
    long = hall_banner.fit_size(long_name, "body")
    assert long < short <= hall_banner.ROLE_MAX["body"]
    assert len(long_name) * hall_banner.CAP_EM * long * hall_banner.PT_MM <= hall_banner.LINE_MM


def test_the_rules_and_the_banner_as_pdf_keep_their_words(cast, conference, soffice):
    rules_doc = _issue_rules(cast, conference)
    banner, _name = actions.draft_docx(actor=cast.officer_a, kind="hall_banner", subject=conference)
    texts = {
        k: " ".join(pdf_text(v).split())
        for k, v in pdf.convert_many({"r": bytes(rules_doc.docx.data), "b": banner}).items()
    }
    for line in ["NỘI QUY", "Số: 01/NQ-UBND", "Điều 1.", "Điều 10.", "ghi âm, ghi hình"]:
        assert line in texts["r"], line
    for line in BANNER:
        assert line in texts["b"], line


# ---------------------------------------------------------------------------- editing the rules

#               chair vice office dept front village council higher admin citizen accountant
EDIT_RULES = "ok    403  ok     403  403   403     403     403    403   404     403"


def test_the_rules_page_follows_the_role_table(client, cast):
    url = reverse("documents:conference_rules", args=[cast.commune_a.pk])
    expected = dict(zip(MATRIX_ROLES, EDIT_RULES.split(), strict=True))
    outcomes = {}
    for role in MATRIX_ROLES:
        client.force_login(cast.user_for(role))
        with transaction.atomic():
            shown = client.get(url).status_code
            posted = client.post(url, {"action": "save", "text": f"Điều riêng của {role}"})
            outcome = {200: "ok", 302: "ok"}.get(posted.status_code, str(posted.status_code))
            assert str(shown) == outcome or (shown == 200 and outcome == "ok"), role
            saved = ConferenceRules.objects.filter(unit=cast.commune_a, text=f"Điều riêng của {role}").exists()
            assert saved == (outcome == "ok"), role
            outcomes[role] = outcome
            transaction.set_rollback(True)
    assert outcomes == expected


def test_it_records_a_change_of_the_rules_once(client, cast):
    client.force_login(cast.officer_a)
    url = reverse("documents:conference_rules", args=[cast.commune_a.pk])
    assert "rules-default" in client.get(url).content.decode()
    for _twice in range(2):
        assert client.post(url, {"action": "save", "text": "Đến đúng giờ.\nGiữ trật tự."}).status_code == 302
    events = AuditEvent.objects.filter(event_type="document.conference_rules_changed")
    assert events.count() == 1
    assert ConferenceRules.objects.get(unit=cast.commune_a).text == "Đến đúng giờ.\nGiữ trật tự."


def test_it_refuses_empty_rules_at_the_field(client, cast):
    client.force_login(cast.chair_a)
    url = reverse("documents:conference_rules", args=[cast.commune_a.pk])
    response = client.post(url, {"action": "save", "text": "  \n 1. \n"})
    assert response.status_code == 200
    assert "Nhập nội quy: mỗi dòng một điều." in response.content.decode()
    assert not ConferenceRules.objects.exists()
    with pytest.raises(PermissionDenied):
        actions.conference_rules_update(actor=cast.vice_chair_a, unit=cast.commune_a, text="Giữ trật tự.")


def test_another_units_rules_and_screens_answer_404(client, cast, conference):
    client.force_login(cast.officer_b)
    unit = cast.commune_a.pk
    for name, args in [
        ("conference_rules", [unit]),
        ("rules_screen", [unit, conference.pk]),
        ("banner_screen", [unit, conference.pk]),
    ]:
        assert client.get(reverse(f"documents:{name}", args=args)).status_code == 404, name
    # Their own unit, someone else's conference.
    own = cast.commune_b.pk
    assert client.get(reverse("documents:rules_screen", args=[own, conference.pk])).status_code == 404
    assert client.post(reverse("documents:banner_pdf", args=[own, conference.pk])).status_code == 404


# ---------------------------------------------------------------------------- where they are shown


def test_the_portal_shows_the_rules_of_the_conference(client, cast, conference):
    actions.conference_rules_update(
        actor=cast.officer_a, unit=cast.commune_a, text="Đến đúng giờ.\nKhông quá [số phút] phút."
    )
    body = client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    assert 'data-testid="conference-rules"' in body
    assert '<li class="mb-1">Đến đúng giờ.</li>' in body and "Không quá 05 phút." in body


def test_the_projector_pages_show_the_rules_and_the_banner(client, cast, conference):
    client.force_login(cast.officer_a)
    rules_page = client.get(reverse("documents:rules_screen", args=[cast.commune_a.pk, conference.pk]))
    body = rules_page.content.decode()
    assert rules_page.status_code == 200 and rules_page["Cache-Control"] == "private, no-store"
    assert body.count('data-testid="rules-article"') == len(conference_rules.DEFAULT_ARTICLES)
    assert "NỘI QUY" in body and "mỗi ý kiến không quá 05 phút" in body
    banner_page = client.get(reverse("documents:banner_screen", args=[cast.commune_a.pk, conference.pk]))
    body = banner_page.content.decode()
    assert banner_page.status_code == 200
    for line in BANNER:
        assert f'data-testid="banner-line">{line}</p>' in body, line


def test_the_conference_documents_page_links_the_hall_pages(client, cast, conference):
    client.force_login(cast.officer_a)
    body = client.get(reverse("documents:conference", args=[cast.commune_a.pk, conference.pk])).content.decode()
    for testid in ["card-conference_rules", "card-hall_banner", "issue-form-conference_rules", "rules-screen-link",
                   "rules-edit-link", "banner-screen-link", "banner-pdf"]:  # fmt: skip
        assert f'data-testid="{testid}"' in body, testid
    assert 'data-testid="issue-form-hall_banner"' not in body  # never numbered
    assert "01/NQ-UBND" in body  # the next number as a hint
    client.force_login(cast.village_head_a)
    body = client.get(reverse("documents:conference", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert 'data-testid="rules-edit-link"' not in body


def test_the_banner_pdf_is_made_by_a_job(client, cast, conference, soffice):
    client.force_login(cast.officer_a)
    url = reverse("documents:banner_pdf", args=[cast.commune_a.pk, conference.pk])
    response = client.post(url, {"submission_key": "k1"})
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/")
    assert (job.kind, job.params["output"]) == ("hall_banner", "pdf")
    client.post(url, {"submission_key": "k1"})
    assert DocumentJob.objects.count() == 1
    job = actions.run_job(job.pk)
    assert job.result is not None and job.filename == "khanh-tiet-du-thao.pdf"
    assert bytes(job.result.data).startswith(b"%PDF")


def test_village_heads_may_not_ask_for_the_rules_page_but_see_the_banner(client, cast, conference):
    client.force_login(cast.user_for(Role.VILLAGE_HEAD))
    assert client.get(reverse("documents:conference_rules", args=[cast.commune_a.pk])).status_code == 403
    assert client.get(reverse("documents:banner_screen", args=[cast.commune_a.pk, conference.pk])).status_code == 200
