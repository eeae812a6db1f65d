"""The documents prepared before a conference: the plan, the announcement, the radio script, the invitations and
the opinion form, read back from the DOCX (and once from the PDF)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from doithoai.delegates.models import Delegate
from doithoai.documents import actions, pdf, render
from doithoai.documents.kinds import FormSubject, spec
from doithoai.documents.models import IssuedDocument
from doithoai.documents.tests.util import docx_text, pdf_text
from doithoai.lib.codes import format_code
from doithoai.plans.actions import plan_create_from_preset
from doithoai.plans.models import Assignment, Plan
from doithoai.portal import radio

pytestmark = pytest.mark.django_db

MINE = ["plan", "announcement", "radio_script", "invitations", "opinion_form"]
HEADER = ["ỦY BAN NHÂN DÂN", "XÃ ĐIỀM HE", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
DRAFT_DATE = "Điềm He, ngày      tháng      năm 2026"
PHONE = "0912345678"


def _draft(actor, kind, subject) -> str:
    data, _name = actions.draft_docx(actor=actor, kind=kind, subject=subject)
    return docx_text(data)


def _images(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(1 for name in archive.namelist() if name.startswith("word/media/") and name.endswith(".png"))


def _issue(cast, kind, subject, day=dt.date(2026, 5, 4)) -> IssuedDocument:
    return actions.issue_document(
        actor=cast.officer_a, kind=kind, subject=subject, issued_on=day, signer_name="Hoàng Văn Chủ"
    )


def _assert_all(text: str, expected: list[str]) -> None:
    missing = [item for item in expected if item not in text]
    assert not missing, f"missing {missing} in:\n{text}"


# ---------------------------------------------------------------------------- the built-in templates


@pytest.mark.parametrize("kind", MINE)
def test_builtin_templates_pass_the_template_check_in_every_layout(kind):
    kind_spec = spec(kind)
    for layout in kind_spec.layouts:
        errors, used = render.check_template(kind, layout, render.builtin_template(kind, layout))
        assert errors == [], (kind, layout, errors)
        assert set(kind_spec.required) <= set(used)


# ---------------------------------------------------------------------------- plan


def test_plan_draft_has_every_section_and_the_plans_data(cast, plan):
    Assignment.objects.filter(plan=plan, order=0).update(due_date=dt.date(2026, 5, 29))
    text = _draft(cast.officer_a, "plan", plan)
    _assert_all(
        text,
        [
            "DỰ THẢO",
            *HEADER,
            "Số:      /KH-UBND",
            DRAFT_DATE,
            "KẾ HOẠCH",
            plan.title,
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "2. Yêu cầu",
            "II. NỘI DUNG",
            "1. Thời gian, địa điểm, hình thức",
            "- Địa điểm: Nhà Văn hóa xã Điềm He;",
            "- Hình thức: Đối thoại trực tiếp.",
            "2. Thành phần",
            "- Đại diện Nhân dân: 03 người/thôn",
            "3. Nội dung đối thoại",
            "4. Chương trình hội nghị",
            "Mỗi ý kiến phát biểu không quá 05 phút.",
            "III. KINH PHÍ THỰC HIỆN",
            "IV. TỔ CHỨC THỰC HIỆN",
            "Nội dung công việc",
            "Đơn vị thực hiện",
            "Ủy ban MTTQ Việt Nam xã",
            "Trước 03 ngày khi tổ chức đối thoại",
            "29/5/2026",
            "Nơi nhận:",
            "- Thường trực Đảng ủy xã;",
            "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Hoàng Văn Chủ",
        ],
    )
    # The last căn cứ ends the list with a full stop.
    assert "Căn cứ Kết luận số 215-KL/TW ngày 23/11/2025 về việc thực hiện Quy định số 11-QĐi/TW." in text


def test_plan_without_budget_numbers_its_last_section_iii(cast, plan):
    plan.budget_lines.all().delete()
    Plan.objects.filter(pk=plan.pk).update(budget_note="")
    text = _draft(cast.officer_a, "plan", Plan.objects.get(pk=plan.pk))
    assert "III. TỔ CHỨC THỰC HIỆN" in text
    assert "KINH PHÍ" not in text


def test_a_party_plan_drafts_in_the_party_layout(cast):
    draft = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    Plan.objects.filter(pk=draft.pk).update(issuer="party", signing_authority="", signer_title="BÍ THƯ")
    text = _draft(cast.officer_a, "plan", Plan.objects.get(pk=draft.pk))
    _assert_all(text, ["ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ ĐIỀM HE", "Số      -KH/ĐU", "T/M ĐẢNG ỦY", "BÍ THƯ"])
    assert "Độc lập - Tự do - Hạnh phúc" not in text


# ---------------------------------------------------------------------------- announcement


def test_announcement_draft_and_issue(cast, conference):
    text = _draft(cast.officer_a, "announcement", conference)
    expected = [
        "THÔNG BÁO",
        "Về việc tổ chức Hội nghị đối thoại năm 2026",
        "Thực hiện Kế hoạch số 91/KH-UBND ngày 02/3/2026 của Ủy ban nhân dân xã Điềm He",
        "- Thời gian: 07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026.",
        "- Địa điểm: Hội trường UBND xã.",
        "- Chủ trì: Hoàng Văn Chủ.",
        "2. Nội dung",
        "Thông báo, trao đổi về tình hình phát triển kinh tế - xã hội",
        "3. Thành phần, cách thức tham dự",
        "Đến dự trực tiếp theo giấy mời",
        "4. Gửi ý kiến, kiến nghị trước hội nghị",
        f"/y-kien/gui/{cast.commune_a.pk}/?hoi_nghi={conference.pk}",
        f"/cong-khai/hoi-nghi/{conference.pk}/",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
    ]
    _assert_all(text, ["DỰ THẢO", *HEADER, "Số:      /TB-UBND", DRAFT_DATE, *expected])
    step = conference.steps.get(key="opinion_collection")
    assert f"chậm nhất ngày {step.due_date.day:02d}/{step.due_date.month}/{step.due_date.year}" in text

    document = _issue(cast, "announcement", conference)
    data = bytes(document.docx.data)
    issued = docx_text(data)
    _assert_all(issued, [*HEADER, "Số: 01/TB-UBND", "Điềm He, ngày 04 tháng 5 năm 2026", *expected, "Hoàng Văn Chủ"])
    assert "DỰ THẢO" not in issued
    assert _images(data) == 1  # the QR code of the conference's page on the portal


# ---------------------------------------------------------------------------- radio script


def test_radio_script_is_the_portals_script_on_paper_and_is_never_numbered(cast, conference):
    text = _draft(cast.village_head_a, "radio_script", conference)
    _assert_all(text, [*HEADER, "KỊCH BẢN PHÁT THANH", "Thông báo tổ chức Hội nghị đối thoại năm 2026"])
    script = radio.script(conference, timezone.localdate())
    for line in script.splitlines():
        assert line.strip() in text
    assert "Số:" not in text
    assert "Kính thưa bà con Nhân dân xã Điềm He!" in text
    with pytest.raises(ValidationError):
        _issue(cast, "radio_script", conference)


# ---------------------------------------------------------------------------- invitations


@pytest.fixture
def invited(cast, conference, delegates):
    """The four named delegates (Vi Thị Bốn first in order, with a phone), a walk-in and an empty slot."""
    Delegate.objects.filter(pk__in=[d.pk for d in delegates]).update(order=5)
    Delegate.objects.filter(pk=delegates[3].pk).update(order=1, phone=PHONE, position="Chi hội trưởng Phụ nữ")
    Delegate.objects.create(conference=conference, full_name="Đinh Văn Vãng", walk_in=True, phone="0987654321")
    Delegate.objects.create(conference=conference, full_name="", role_label="Đại diện Nhân dân")
    return delegates


def test_invitations_one_page_per_named_delegate_with_their_qr_and_code(cast, conference, invited):
    data, _name = actions.draft_docx(actor=cast.officer_a, kind="invitations", subject=conference)
    text = docx_text(data)
    assert text.count("GIẤY MỜI") == 4
    assert text.count("Số:      /GM-UBND") == 4
    for delegate in invited:
        assert f"Ông/Bà: {delegate.full_name}" in text
        assert format_code(delegate.code) in text
    _assert_all(
        text,
        [
            *HEADER,
            DRAFT_DATE,
            "Dự Hội nghị đối thoại năm 2026",
            "Ủy ban nhân dân xã Điềm He trân trọng kính mời:",
            "Chi hội trưởng Phụ nữ, Thôn Bản Châu",
            "Trưởng thôn, Thôn Nà Pàn",
            "Tới dự: Hội nghị đối thoại năm 2026.",
            "Chủ trì: Hoàng Văn Chủ.",
            "Thời gian: 07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026.",
            "Địa điểm: Hội trường UBND xã.",
            "Nơi nhận:",
            "- Lưu: VT.",
        ],
    )
    assert text.index("Vi Thị Bốn") < text.index("Nông Văn Một")  # in the list's order
    assert "Đinh Văn Vãng" not in text  # walk-ins came without an invitation
    assert PHONE not in text and "0987654321" not in text
    assert _images(data) == 4

    document = _issue(cast, "invitations", conference)
    issued_data = bytes(document.docx.data)
    issued = docx_text(issued_data)
    assert issued.count("Số: 01/GM-UBND") == 4
    assert "Điềm He, ngày 04 tháng 5 năm 2026" in issued
    assert _images(issued_data) == 4
    assert PHONE not in str(document.context)
    first = document.context["delegates"][0]
    assert first["qr_url"].endswith(f"/giay-moi/{invited[3].code}/")


def test_invitations_report_progress_and_need_named_delegates(cast, conference, delegates):
    for index in range(20):
        Delegate.objects.create(conference=conference, full_name=f"Đại biểu {index}", order=10 + index)
    seen = []
    data = spec("invitations").collect(conference, progress=lambda done, total, step: seen.append((done, total, step)))
    assert len(data["delegates"]) == 24
    assert seen == [(20, 24, "collect")]


def test_invitations_without_named_delegates_are_not_ready(cast, conference):
    with pytest.raises(ValidationError) as caught:
        actions.draft_docx(actor=cast.officer_a, kind="invitations", subject=conference)
    assert "Chưa có đại biểu nào có tên" in caught.value.messages[0]


# ---------------------------------------------------------------------------- opinion form


def test_opinion_form_for_a_village_with_the_units_sectors(cast, conference, sectors):
    sectors["KHAC"].name = "Lĩnh vực khác của xã"
    sectors["KHAC"].save()
    sectors["PCTN"].is_active = False
    sectors["PCTN"].save()
    data, _name = actions.draft_docx(
        actor=cast.village_head_a, kind="opinion_form", subject=FormSubject(conference, cast.village_a)
    )
    text = docx_text(data)
    step = conference.steps.get(key="opinion_collection")
    _assert_all(
        text,
        [
            "ỦY BAN NHÂN DÂN",
            "ỦY BAN MTTQ VIỆT NAM XÃ ĐIỀM HE",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "PHIẾU LẤY Ý KIẾN",
            "Phục vụ Hội nghị đối thoại năm 2026",
            f"trước ngày {step.due_date.day:02d}/{step.due_date.month}/{step.due_date.year}",
            "Họ và tên:",
            "Thôn, tổ dân phố nơi ở: Thôn Nà Pàn",
            "Số điện thoại (không bắt buộc",
            "☐\u00a0Đất\u00a0đai",
            "☐\u00a0Lĩnh\u00a0vực\u00a0khác\u00a0của\u00a0xã",
            "☐\u00a0Kiến\u00a0nghị",
            "3. Nội dung ý kiến, kiến nghị",
            "Mong muốn được trả lời:",
            "☐ Tôi đồng ý để cơ quan liên hệ lại",
            "☐ Tôi đồng ý công khai họ tên",
            DRAFT_DATE,
            "NGƯỜI GÓP Ý",
            "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15",
            f"/y-kien/gui/{cast.commune_a.pk}/?hoi_nghi={conference.pk}",
        ],
    )
    assert "tham nhũng" not in text  # an inactive sector is not offered
    assert "☒ Tôi" not in text  # the consents are left for the person to tick
    assert _images(data) == 1


def test_blank_opinion_form_uses_the_default_sectors_while_the_unit_has_none(cast, conference):
    text = _draft(cast.officer_a, "opinion_form", FormSubject(conference, None))
    assert "Thôn Nà Pàn" not in text
    assert "☐\u00a0Phòng,\u00a0chống\u00a0tham\u00a0nhũng,\u00a0tiêu\u00a0cực" in text
    with pytest.raises(ValidationError):
        actions.issue_document(
            actor=cast.officer_a, kind="opinion_form", subject=FormSubject(conference, None), issued_on=None
        )


# ---------------------------------------------------------------------------- PDF


def test_pdfs_keep_the_layout_words_and_diacritics(cast, plan, conference, delegates, soffice):
    files = {
        "plan": bytes(IssuedDocument.objects.get(plan=plan, kind="plan").docx.data),
        "announcement": bytes(_issue(cast, "announcement", conference).docx.data),
        "invitations": bytes(_issue(cast, "invitations", conference).docx.data),
        "radio": actions.draft_docx(actor=cast.officer_a, kind="radio_script", subject=conference)[0],
        "form": actions.draft_docx(
            actor=cast.officer_a, kind="opinion_form", subject=FormSubject(conference, cast.village_a)
        )[0],
    }
    texts = {name: pdf_text(data) for name, data in pdf.convert_many(files).items()}
    for name, text in texts.items():
        _assert_all(text, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
        assert "ỦY BAN NHÂN DÂN" in text, name
    _assert_all(texts["plan"], ["Số: 91/KH-UBND", "Điềm He, ngày 02 tháng 3 năm 2026", "KẾ HOẠCH", "TỔ CHỨC THỰC HIỆN"])
    _assert_all(texts["announcement"], ["Số: 01/TB-UBND", "Điềm He, ngày 04 tháng 5 năm 2026", "THÔNG BÁO"])
    _assert_all(
        texts["invitations"],
        ["Số: 01/GM-UBND", "Điềm He, ngày 04 tháng 5 năm 2026", "GIẤY MỜI", "Nơi nhận:", "Nông Văn Một", "Vi Thị Bốn"],
    )
    assert texts["invitations"].count("GIẤY MỜI") == 4
    _assert_all(texts["radio"], ["KỊCH BẢN PHÁT THANH", "Kính thưa bà con Nhân dân xã Điềm He!"])
    _assert_all(texts["form"], ["PHIẾU LẤY Ý KIẾN", "Thôn Nà Pàn", "NGƯỜI GÓP Ý", "Mong muốn được trả lời"])


def test_the_opinion_forms_qr_opens_the_online_form_for_its_conference_and_village(cast, conference):
    for_village = spec("opinion_form").collect(FormSubject(conference, cast.village_a))["online"]["qr_url"]
    blank = spec("opinion_form").collect(FormSubject(conference, None))["online"]["qr_url"]
    assert f"?hoi_nghi={conference.pk}&thon={cast.village_a.pk}" in for_village
    assert blank.endswith(f"?hoi_nghi={conference.pk}")
