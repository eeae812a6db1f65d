"""The documents after the call: the Front's summary report, the minutes, the conclusion notice, the transfer
letter and the results report. Each is drafted and issued through the actions and read back; the citizens'
names and phones never reach the three that leave the Committee; the minutes need finalising first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from doithoai.conferences.actions import conference_hold
from doithoai.documents import actions, pdf
from doithoai.documents.kinds import Period, spec
from doithoai.documents.render import builtin_template, check_template
from doithoai.documents.tests.util import docx_text, pdf_text
from doithoai.live.actions.minutes import minutes_finalise
from doithoai.live.tests.test_minutes import build_held
from doithoai.petitions.actions import create_petition, petition_classify
from doithoai.petitions.actions.answers import answer_at_conference, assign
from doithoai.petitions.actions.groups import group_create
from doithoai.petitions.actions.referrals import refer_to_body
from doithoai.petitions.models import Jurisdiction, Kind, Referral
from doithoai.petitions.tests.pii import assert_no_personal_data

MY_KINDS = ["summary_report", "minutes", "conclusion_notice", "transfer_letter", "results_report"]
PHONE = "0912345678"
NAMES = ["Hoàng Văn Đồng Ý", "Lý Thị Kín Tên"]
ROAD_ANSWER = "Xã đã bố trí kinh phí sửa đường liên thôn Nà Pàn trong quý III."


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def named(cast, conference, sectors, village_c):
    """Two petitions whose senders gave a name and a phone; one consented to be named (still never printed
    in these documents), the other not."""
    made = []
    for name, consent, village, text in (
        (NAMES[0], True, village_c, "Đề nghị lắp đèn chiếu sáng đường trục thôn Bản Châu"),
        (NAMES[1], False, cast.village_a, "Đề nghị hỗ trợ giống cây trồng cho hộ nghèo"),
    ):
        petition, _created = create_petition(
            actor=cast.officer_a,
            unit=cast.commune_a,
            data={
                "text": text,
                "channel": "paper_form",
                "village": village,
                "conference": conference,
                "submitter_name": name,
                "submitter_phone": PHONE,
                "submitter_address": "Số 12 đường Bản Châu",
                "consent_contact": True,
                "consent_publish_name": consent,
            },
        )
        made.append(
            petition_classify(
                actor=cast.officer_a,
                petition=petition,
                kind=Kind.RECOMMENDATION,
                sector=sectors["XD-GT-HT"] if "đèn" in text else sectors["NN"],
                jurisdiction=Jurisdiction.THIS_UNIT,
            )
        )
    return made


@pytest.fixture
def grouped(cast, petitions):
    """The two road petitions as one matter."""
    return group_create(
        actor=cast.officer_a, unit=cast.commune_a, petitions=petitions[:2], title="Sửa đường liên thôn Nà Pàn"
    )


@pytest.fixture
def concluded(cast, conference, delegates, village_c, petitions, named, grouped):
    """The conference held: the road answered in the hall, the lighting assigned, the land referred out."""
    held = build_held(cast, conference, village_c)
    conference_hold(actor=cast.officer_a, conference=conference)
    conference.refresh_from_db()
    answer_at_conference(
        actor=cast.chair_a,
        petitions=petitions[:2],
        text=ROAD_ANSWER,
        answered_by="Chủ tịch UBND xã",
        department=cast.department_a,
        conclusion="Giao Phòng Kinh tế giám sát thi công.",
    )
    assign(actor=cast.officer_a, petitions=[named[0]], department=cast.department_a, due_date=dt.date(2026, 12, 31))
    referral = refer_to_body(actor=cast.officer_a, petitions=[petitions[2]], to_body="Sở Nông nghiệp và Môi trường")
    return {"held": held, "referral": referral}


def draft(actor, kind, subject) -> str:
    data, _filename = actions.draft_docx(actor=actor, kind=kind, subject=subject)
    return docx_text(data)


def issue(actor, kind, subject, **kwargs):
    return actions.issue_document(actor=actor, kind=kind, subject=subject, issued_on=today(), **kwargs)


def issued_text(document) -> str:
    return docx_text(bytes(document.docx.data))


def assert_common(text: str, *, number: str | None, type_name: str) -> None:
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    if number is not None:
        assert f"Số: {number}" in text
        assert f"Điềm He, ngày {today():%d} tháng {today().month:02d}"[:22] in text
    else:
        assert "ngày      tháng      năm" in text
        assert "DỰ THẢO" in text
    if type_name:
        assert type_name in text
    assert "Nơi nhận:" in text
    assert "Lưu: VT" in text


def assert_no_names(text: str, everyone) -> None:
    assert_no_personal_data(text, everyone)
    for name in NAMES:
        assert name not in text
    assert PHONE not in text
    assert "Số 12 đường Bản Châu" not in text


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("kind", MY_KINDS)
def test_each_builtin_template_passes_the_unit_template_check_in_each_layout(kind):
    for layout in spec(kind).layouts:
        errors, used = check_template(kind, layout, builtin_template(kind, layout))
        assert errors == [], (kind, layout, errors)
        assert "signer_name" in used


# ---------------------------------------------------------------- the Front's summary report


def test_summary_report_counts_villages_channels_and_sectors_merges_groups_and_names_no_one(
    cast, conference, petitions, named, grouped, village_c
):
    text = draft(cast.front_a, "summary_report", conference)
    assert_common(text, number=None, type_name="BÁO CÁO")
    assert "ỦY BAN MTTQ VIỆT NAM" in text
    assert "/BC-MTTQ" in text
    assert "Kính gửi: Ủy ban nhân dân xã Điềm He" in text
    assert "Tổng hợp ý kiến, kiến nghị của Nhân dân gửi Hội nghị đối thoại năm 2026" in text
    for heading in ("I. KẾT QUẢ TỔ CHỨC LẤY Ý KIẾN", "II. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ", "III. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in text
    assert "TM. BAN THƯỜNG TRỰC" in text
    assert "Tổng số ý kiến, kiến nghị nhận được" in text and "2026): 5 ý kiến." in text
    assert f"- {cast.village_a.name}: 4 ý kiến" in text
    assert f"- {village_c.name}: 1 ý kiến" in text
    assert "- Phiếu lấy ý kiến (giấy): 5 ý kiến" in text
    # The road group is one row of two; the table has a row per matter: group, land, lighting, seeds.
    assert "Sửa đường liên thôn Nà Pàn" in text
    assert "Gộp 2 ý kiến cùng nội dung" in text
    assert "Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở" not in text
    assert "gồm 2 nội dung" in text  # XD-GT-HT: the road group and the lighting
    assert "Cấp trên" in text  # the land petition's jurisdiction
    assert_no_names(text, [*petitions, *named])

    document = issue(cast.front_a, "summary_report", conference)
    assert document.number_text == "01/BC-MTTQ"
    text = issued_text(document)
    assert_common(text, number="01/BC-MTTQ", type_name="BÁO CÁO")
    assert "DỰ THẢO" not in text
    assert_no_names(text, [*petitions, *named])

    # A second report of the Front in the year takes the next number of its own series.
    again = actions.reissue_document(actor=cast.front_a, document=document, issued_on=today())
    assert again.number_text == "02/BC-MTTQ"


def test_summary_report_is_not_ready_without_petitions(cast, conference):
    with pytest.raises(ValidationError, match="chưa có ý kiến"):
        actions.draft_docx(actor=cast.front_a, kind="summary_report", subject=conference)


# ---------------------------------------------------------------- the minutes


def test_minutes_need_finalising_then_print_the_snapshot_with_two_signatures_and_its_hash(
    cast, conference, delegates, village_c
):
    build_held(cast, conference, village_c)
    with pytest.raises(ValidationError, match="Biên bản chưa hoàn thành"):
        actions.draft_docx(actor=cast.officer_a, kind="minutes", subject=conference)
    minutes = minutes_finalise(actor=cast.officer_a, conference=conference)

    text = draft(cast.officer_a, "minutes", conference)
    assert_common(text, number=None, type_name="BIÊN BẢN")
    assert "/BB-UBND" in text
    assert "Hội nghị đối thoại năm 2026" in text
    assert "Thời gian bắt đầu: 07 giờ 40 phút, ngày 05 tháng 6 năm 2026." in text
    assert "Địa điểm: Hội trường UBND xã." in text
    assert "đại biểu được mời 4 người, có mặt 3 người" in text
    assert "Chủ trì (chủ tọa): Hoàng Văn Chủ." in text
    assert "Thư ký (người ghi biên bản): Lý Thị Thư." in text
    assert "Đối thoại với Nhân dân" in text
    for header in ("Người phát biểu (họ tên, thôn)", "Thời lượng", "Giao xử lý / thời hạn", "Kết luận của chủ trì"):
        assert header in text
    assert "Nông Văn Một (Thôn Nà Pàn)" in text  # an internal record: as the minutes recorded the speaker
    assert "Đề nghị sửa đường liên thôn Nà Pàn bị sạt lở." in text
    assert "Hội nghị kết thúc vào 11 giờ 15 phút, ngày 05 tháng 6 năm 2026./." in text
    assert "THƯ KÝ" in text and "CHỦ TỌA" in text
    assert "Lưu: VT, Hồ sơ." in text
    assert f"Mã kiểm tra nội dung: {minutes.content_hash}" in text

    document = issue(cast.officer_a, "minutes", conference)
    assert document.number_text == "01/BB-UBND"
    text = issued_text(document)
    assert_common(text, number="01/BB-UBND", type_name="BIÊN BẢN")
    assert minutes.content_hash in text


# ---------------------------------------------------------------- the conclusion notice


def test_conclusion_notice_lists_each_matter_by_sector_with_answer_assignment_or_referral_and_no_names(
    cast, conference, petitions, named, concluded
):
    text = draft(cast.officer_a, "conclusion_notice", conference)
    assert_common(text, number=None, type_name="THÔNG BÁO")
    assert "/TB-UBND" in text
    assert "Kết luận của Chủ tịch Ủy ban nhân dân xã Điềm He tại Hội nghị đối thoại năm 2026" in text
    for heading in ("I. ĐÁNH GIÁ CHUNG", "II. KẾT LUẬN CỤ THỂ", "III. TỔ CHỨC THỰC HIỆN"):
        assert heading in text
    assert "Ngày 05 tháng 6 năm 2026, tại Hội trường UBND xã" in text
    assert "Tham dự hội nghị có 3 đại biểu" in text
    assert "có 2 lượt ý kiến phát biểu" in text
    assert "nhận 5 ý kiến, kiến nghị" in text
    # The road: one matter for two petitions, answered in the hall.
    assert text.count("Sửa đường liên thôn Nà Pàn") == 1
    assert "Cử tri Thôn Nà Pàn (2 ý kiến) kiến nghị: Sửa đường liên thôn Nà Pàn" in text
    assert ROAD_ANSWER in text
    assert "Kết luận: Giao Phòng Kinh tế giám sát thi công." in text
    # The lighting: assigned with its deadline.
    assert "Đề nghị lắp đèn chiếu sáng đường trục thôn Bản Châu" in text
    assert f"Giao: {cast.department_a.name}." in text
    assert "Thời hạn: 31/12/2026." in text
    # The land: referred.
    assert "báo cáo cấp có thẩm quyền (Sở Nông nghiệp và Môi trường)" in text
    # Not concluded (only classified): not in the notice.
    assert "hỗ trợ giống cây trồng" not in text
    for line in ("Thường trực Đảng ủy xã Điềm He", "Thường trực HĐND xã Điềm He", "Niêm yết tại trụ sở"):
        assert line in text
    assert_no_names(text, [*petitions, *named])

    document = issue(cast.chair_a, "conclusion_notice", conference)
    assert document.number_text == "01/TB-UBND"
    text = issued_text(document)
    assert_common(text, number="01/TB-UBND", type_name="THÔNG BÁO")
    assert_no_names(text, [*petitions, *named])


def test_conclusion_notice_waits_for_the_conference_to_be_held(cast, conference, petitions):
    with pytest.raises(ValidationError, match="Hội nghị chưa tổ chức"):
        actions.draft_docx(actor=cast.officer_a, kind="conclusion_notice", subject=conference)


# ---------------------------------------------------------------- the transfer letter


def test_transfer_letter_is_a_cong_van_without_names_and_its_number_goes_back_on_the_referral(
    cast, conference, petitions, named
):
    petition_classify(
        actor=cast.officer_a,
        petition=named[1],
        kind=Kind.RECOMMENDATION,
        sector=named[1].sector,
        jurisdiction=Jurisdiction.OTHER_BODY,
    )
    referral = refer_to_body(
        actor=cast.officer_a, petitions=[named[1]], to_body="Công ty Điện lực Lạng Sơn", note="Kèm theo 01 phiếu."
    )
    text = draft(cast.officer_a, "transfer_letter", referral)
    assert_common(text, number=None, type_name="")
    assert "/UBND-VP" in text
    assert "V/v chuyển kiến nghị của công dân" in text
    assert "Kính gửi: Công ty Điện lực Lạng Sơn" in text
    assert "Cử tri Thôn Nà Pàn (1 ý kiến, tiếp nhận ngày" in text
    assert "Đề nghị hỗ trợ giống cây trồng cho hộ nghèo" in text
    assert "Kèm theo 01 phiếu." in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "THÔNG BÁO" not in text and "BÁO CÁO" not in text
    assert_no_names(text, [*petitions, *named])

    document = issue(cast.officer_a, "transfer_letter", referral)
    assert document.number_text == "01/UBND-VP"
    text = issued_text(document)
    assert "Số: 01/UBND-VP" in text
    assert "V/v chuyển kiến nghị của công dân" in text
    assert_no_names(text, [*petitions, *named])

    # Issuing wrote the register's number and date on the referral, in its transaction.
    from doithoai.audit.models import AuditEvent

    referral = Referral.objects.get(pk=referral.pk)
    assert (referral.letter_number, referral.letter_date) == ("01/UBND-VP", today())
    assert AuditEvent.objects.filter(event_type="referral.letter_issued").count() == 1


def test_transfer_letter_to_the_parent_is_addressed_to_its_committee(cast, conference, petitions):
    from doithoai.petitions.actions.referrals import refer_to_parent

    try:
        referral = refer_to_parent(actor=cast.officer_a, petitions=[petitions[2]])
    except ValidationError:
        pytest.skip("the province does not use the system in this cast")
    text = draft(cast.officer_a, "transfer_letter", referral)
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn" in text
    assert "Đề nghị cấp giấy chứng nhận quyền sử dụng đất" in text


# ---------------------------------------------------------------- the results report


def test_results_report_counts_conferences_and_opinions_and_has_its_own_series(
    cast, conference, petitions, named, concluded
):
    period = Period(cast.commune_a, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    steps = []
    data, _name = actions.draft_docx(
        actor=cast.officer_a, kind="results_report", subject=period, progress=lambda d, t, s: steps.append((d, t, s))
    )
    assert (1, 1, "collect") in steps
    text = docx_text(data)
    assert_common(text, number=None, type_name="BÁO CÁO")
    assert "/BC-UBND" in text
    assert "Kết quả tổ chức hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân xã Điềm He với Nhân dân năm 2026" in text
    assert "Ủy ban nhân dân tỉnh Lạng Sơn" in text and "Sở Nội vụ tỉnh Lạng Sơn" in text
    for heading in ("I. TÌNH HÌNH TỔ CHỨC", "II. KẾT QUẢ", "III. ĐÁNH GIÁ", "IV. KIẾN NGHỊ, ĐỀ XUẤT", "Phụ lục"):
        assert heading in text
    assert "có 1 hội nghị đối thoại với Nhân dân (định kỳ: 1; đột xuất: 0); đã tổ chức 1 hội nghị" in text
    assert "(theo điểm danh): 3 người" in text
    assert "Tổng số ý kiến, kiến nghị của Nhân dân gửi đến các hội nghị: 5 ý kiến" in text
    assert "trả lời trực tiếp tại hội nghị 2 ý kiến" in text
    assert "đang giải quyết 2 ý kiến" in text
    assert "đã chuyển cơ quan có thẩm quyền 1 ý kiến" in text
    assert "(Văn phòng bổ sung)" in text
    assert "Tổng cộng" in text
    assert_no_names(text, [*petitions, *named])

    # The Front's BC and the Committee's BC are two series.
    front = issue(cast.front_a, "summary_report", conference)
    document = issue(cast.chair_a, "results_report", period)
    assert (front.number_text, document.number_text) == ("01/BC-MTTQ", "01/BC-UBND")
    assert (document.period_start, document.period_end) == (period.start, period.end)
    text = issued_text(document)
    assert_common(text, number="01/BC-UBND", type_name="BÁO CÁO")
    assert "Kèm theo Báo cáo số 01/BC-UBND" in text


def test_results_report_is_not_ready_for_a_period_without_conferences(cast):
    period = Period(cast.commune_a, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    with pytest.raises(ValidationError, match="Không có hội nghị"):
        actions.draft_docx(actor=cast.officer_a, kind="results_report", subject=period)


# ---------------------------------------------------------------- PDF


def test_all_five_convert_to_pdf_with_their_vietnamese_intact(soffice, cast, conference, petitions, named, concluded):
    minutes_finalise(actor=cast.officer_a, conference=conference)
    period = Period(cast.commune_a, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    subjects = {
        "summary_report": (cast.front_a, conference),
        "minutes": (cast.officer_a, conference),
        "conclusion_notice": (cast.officer_a, conference),
        "transfer_letter": (cast.officer_a, concluded["referral"]),
        "results_report": (cast.officer_a, period),
    }
    files = {
        kind: actions.draft_docx(actor=actor, kind=kind, subject=subject)[0]
        for kind, (actor, subject) in subjects.items()
    }
    pdfs = pdf.convert_many(files)
    expected = {
        "summary_report": [
            "BÁO CÁO",
            "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ",
            "Kính gửi: Ủy ban nhân dân xã Điềm He",
            "Thôn Nà Pàn: 4 ý kiến",
        ],
        "minutes": ["BIÊN BẢN", "THƯ KÝ", "CHỦ TỌA", "Mã kiểm tra nội dung"],
        "conclusion_notice": ["THÔNG BÁO", "KẾT LUẬN CỤ THỂ", "Thời hạn: 31/12/2026."],
        "transfer_letter": ["V/v chuyển kiến nghị của công dân", "Kính gửi: Sở Nông nghiệp và Môi trường"],
        "results_report": ["BÁO CÁO", "TÌNH HÌNH TỔ CHỨC", "Sở Nội vụ tỉnh Lạng Sơn"],
    }
    for kind, phrases in expected.items():
        text = " ".join(pdf_text(pdfs[kind]).split())
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text, kind
        for phrase in phrases:
            assert phrase in text, (kind, phrase)
        for name in NAMES:
            assert name not in text
