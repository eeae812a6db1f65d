"""Every document of the demo, as the issue's acceptance asks: generated for the demo conference (the one
ahead, and the ad hoc one held three weeks ago for what needs a held conference), converted to PDF by
LibreOffice, read back as text, and checked for the elements NĐ 30 (or HD 36) requires, with Vietnamese
diacritics intact; and the demo's register (what `load_demo` issued) with no number given twice."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Count
from django.utils import timezone

from doithoai.accounts.models import User
from doithoai.conferences.models import Conference, ConferenceKind, ConferenceStatus
from doithoai.documents import pdf
from doithoai.documents.actions import draft_docx, issue_document
from doithoai.documents.kinds import FormSubject, Period
from doithoai.documents.models import DocumentStatus, IssuedDocument
from doithoai.documents.tests.util import pdf_text
from doithoai.units.models import AdminUnit, Village

STATE_HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
COMMITTEE = ["ỦY BAN NHÂN DÂN", "XÃ ĐIỀM HE"]
DATE_LINE = re.compile(r"Điềm He, ngày \d{2} tháng (\d{2}|[3-9]|1[0-2]) năm 20\d\d")
DRAFT_DATE_LINE = re.compile(r"Điềm He, ngày\s+tháng\s+năm 20\d\d")


def flat(text: str) -> str:
    """pdftotext's layout keeps columns side by side: compare with runs of spaces and line breaks as one."""
    return " ".join(text.split())


def test_every_document_of_the_demo_as_pdf_has_the_elements_of_its_format(loaded_demo, soffice):
    commune = AdminUnit.objects.get(era="current", level="commune", code="06280")
    office = User.objects.get(username="vanphong")
    front = User.objects.get(username="mattran")
    ahead = Conference.objects.get(unit=commune, status=ConferenceStatus.ANNOUNCED)
    held = Conference.objects.filter(unit=commune, kind=ConferenceKind.AD_HOC).get()
    today = timezone.localdate()

    def issued(kind: str, **subject: object) -> bytes:
        return bytes(IssuedDocument.objects.get(kind=kind, status=DocumentStatus.ISSUED, **subject).docx.data)

    # The Front's report is due three days before the conference: the demo leaves it to be issued; issue it.
    report = issue_document(actor=front, kind="summary_report", subject=ahead, issued_on=today)
    results = issue_document(
        actor=office, kind="results_report", subject=Period(commune, dt.date(today.year, 1, 1), today), issued_on=today
    )
    village = Village.objects.get(unit=commune, name="Thôn Nà Pàn")
    files = {
        "plan": issued("plan", plan=ahead.plan, conference__isnull=True),
        "announcement": issued("announcement", conference=ahead),
        "radio_script": draft_docx(actor=office, kind="radio_script", subject=ahead)[0],
        "invitations": issued("invitations", conference=ahead),
        "opinion_form": draft_docx(actor=office, kind="opinion_form", subject=FormSubject(ahead, village))[0],
        "summary_report": bytes(report.docx.data),
        "minutes": issued("minutes", conference=held),
        "conclusion_notice": issued("conclusion_notice", conference=held),
        "transfer_letter": bytes(
            IssuedDocument.objects.filter(kind="transfer_letter", unit=commune).earliest("pk").docx.data
        ),
        "results_report": bytes(results.docx.data),
        "conference_rules": issued("conference_rules", conference=ahead),
        "hall_banner": draft_docx(actor=office, kind="hall_banner", subject=ahead)[0],
    }
    texts = {name: pdf_text(data) for name, data in pdf.convert_many(files).items()}
    flats = {name: flat(text) for name, text in texts.items()}
    numbers = {
        document.kind: document.number_text
        for document in IssuedDocument.objects.filter(unit=commune, status=DocumentStatus.ISSUED)
    }
    # (type name and summary words, sections, closing words) per document; header, number, date, signer and
    # Nơi nhận are checked for all below.
    expected = {
        "plan": ["KẾ HOẠCH", "Căn cứ", "I. MỤC ĐÍCH, YÊU CẦU", "II.", "TỔ CHỨC THỰC HIỆN"],
        "announcement": ["THÔNG BÁO", ahead.venue],
        "radio_script": ["KỊCH BẢN", "Điềm He"],
        "invitations": ["GIẤY MỜI", "trân trọng kính mời", "Mã giấy mời"],
        "opinion_form": ["PHIẾU LẤY Ý KIẾN", "Thôn Nà Pàn", "Họ và tên", "Nội dung ý kiến, kiến nghị"],
        "summary_report": [
            "BÁO CÁO",
            "Kính gửi",
            "I. KẾT QUẢ TỔ CHỨC LẤY Ý KIẾN",
            "II.",
            "III.",
            "TM. BAN THƯỜNG TRỰC",
        ],
        "minutes": ["BIÊN BẢN", "Thời gian bắt đầu", "Địa điểm", "Thành phần tham dự", "THƯ KÝ", "CHỦ TỌA"],
        "conclusion_notice": ["THÔNG BÁO", "Kết luận", "I. ĐÁNH GIÁ CHUNG", "II. KẾT LUẬN CỤ THỂ", "III."],
        "transfer_letter": ["V/v chuyển kiến nghị", "Kính gửi", "Ủy ban nhân dân tỉnh Lạng Sơn"],
        "results_report": ["BÁO CÁO", "Kính gửi", "I.", "II.", "III.", "IV."],
        "conference_rules": ["NỘI QUY", ahead.title, "Điều 1.", "Điều 10.", "không quá 05 phút"],
    }
    # The banner: no letterhead, no number; the words of the hall's backdrop (seed 001, III.4).
    banner = flats.pop("hall_banner")
    for line in [
        "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE",
        "HỘI NGHỊ",
        "ĐỐI THOẠI GIỮA CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
        "VỚI NHÂN DÂN NĂM",
    ]:
        assert line in banner, line
    assert DATE_LINE.search(banner) and not re.search(r"Số: \d", banner)
    for name, words in expected.items():
        text = flats[name]
        assert all(line in text for line in STATE_HEADER), name
        if name == "summary_report":
            assert "ỦY BAN MTTQ VIỆT NAM" in text and "TM. BAN THƯỜNG TRỰC" in text
        else:
            assert all(line in text for line in COMMITTEE), name
        for word in words:
            assert word in text, (name, word)
        if name in ("radio_script", "opinion_form"):
            # Handed out or read aloud, never registered: no number.
            assert not re.search(r"Số: \d", text), name
            continue
        number = numbers.get(name)
        assert number is not None and f"Số: {number}" in text, (name, number)
        assert DATE_LINE.search(text), name
        assert "Nơi nhận:" in text, name
    # The signer's name under the title, on the last page (the chair of the demo commune).
    for name in ("plan", "announcement", "conclusion_notice", "transfer_letter", "results_report"):
        assert "CHỦ TỊCH" in flats[name] and "Hoàng Văn Thắng" in flats[name], name
    assert "TM. ỦY BAN NHÂN DÂN" in flats["plan"]
    # Diacritics survive the conversion, not only in fixed text: a village and a person of the demo.
    assert "Thôn Nà Pàn" in flats["opinion_form"] and "Nông Thị Lan" in flats["minutes"]
    # One page per invited delegate, all under one number.
    invited = ahead.delegates.exclude(full_name="").filter(walk_in=False).count()
    assert texts["invitations"].count("GIẤY MỜI") == invited
    assert texts["invitations"].count("\f") >= invited - 1

    # The register: every number given once per series.
    repeated = (
        IssuedDocument.objects.values("unit", "issuer", "period", "series", "number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not repeated.exists()
