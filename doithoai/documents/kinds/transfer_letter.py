"""Văn bản chuyển kiến nghị (a công văn, NĐ 30 Mẫu 1.5): no type name, the symbol of the Committee and
its office (12/UBND-VP), "V/v chuyển kiến nghị của công dân" under the number, "Kính gửi:" the unit above
or the body the matter was referred to.

It lists what the citizens said, by village, with how many said it and when it was received: never a
name, phone or address (decision 50: referral keeps personal data below). The wording is the petitions
app's printable letter's. Once issued, `after_issue` writes the register's number and date back on the
referral, in the issuing transaction.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.documents.kinds import KindSpec, NotReady
from doithoai.documents.layout import Builder
from doithoai.documents.models import DocumentKind, IssuerBody
from doithoai.lib.vndates import short_date
from doithoai.plans.presets import names_of

FIELDS: dict[str, Any] = {
    "committee_body": _("Tên Ủy ban nhân dân chuyển: Ủy ban nhân dân xã Điềm He"),
    "recipient": _("Nơi nhận văn bản chuyển: Ủy ban nhân dân tỉnh Lạng Sơn, hoặc tên cơ quan"),
    "matters": _(
        "Các nội dung chuyển: m.number, m.villages (Cử tri Thôn …), m.count (số ý kiến), m.received "
        "(ngày tiếp nhận), m.text"
    ),
    "note": _("Ghi chú của văn bản chuyển (nếu có)"),
}
REQUIRED = frozenset({"matters", "recipient"})


def build_template(layout: str) -> bytes:
    b = Builder()
    b.draft_mark()
    b.header(layout)
    b.para("", after=6)
    b.recipient_line()
    b.body(
        "Qua tiếp nhận ý kiến, kiến nghị của Nhân dân (hội nghị đối thoại, phiếu lấy ý kiến và các kênh tiếp nhận "
        "khác), {{ committee_body }} nhận được kiến nghị của cử tri không thuộc thẩm quyền giải quyết của đơn vị, "
        "cụ thể như sau:"
    )
    b.tag("{%p for m in matters %}")
    b.body(
        "{{ m.number }}. {{ m.villages }} ({{ m.count }} ý kiến, tiếp nhận {{ m.received }}) phản ánh, kiến nghị: "
        "{{ m.text }}"
    )
    b.tag("{%p endfor %}")
    b.tag("{%p if note %}")
    b.body("{{ note }}")
    b.tag("{%p endif %}")
    b.body(
        "Căn cứ Điều 26, Điều 28 Luật Tiếp công dân, {{ committee_body }} chuyển kiến nghị nêu trên đến "
        "{{ recipient }} xem xét, giải quyết theo thẩm quyền và trả lời bằng văn bản về {{ committee_body }} để "
        "thông báo kết quả cho cử tri./."
    )
    b.signature(layout)
    return b.save()


def sample(layout: str) -> dict[str, Any]:
    return {
        "committee_body": "Ủy ban nhân dân xã Điềm He",
        "recipient": "Công ty Điện lực Lạng Sơn",
        "matters": [
            {
                "number": 1,
                "villages": "Cử tri Thôn Nà Pàn, Thôn Bản Châu",
                "count": 3,
                "received": "ngày 12/5/2026",
                "text": "Đề nghị nâng cấp đường điện hạ thế thôn Nà Pàn, điện yếu vào giờ cao điểm.",
            }
        ],
        "note": "",
    }


def _received(dates: list[Any]) -> str:
    first, last = min(dates), max(dates)
    return f"ngày {short_date(first)}" if first == last else f"từ ngày {short_date(first)} đến ngày {short_date(last)}"


def collect(referral: Any, *, progress: Any = None) -> dict[str, Any]:
    from doithoai.petitions.actions.referrals import matter_text
    from doithoai.petitions.selectors.work import referral_originals

    originals = referral_originals(referral)
    if not originals:
        raise NotReady(gettext("Văn bản chuyển chưa có ý kiến, kiến nghị nào."))
    unit = referral.from_unit
    committee_body = f"Ủy ban nhân dân {names_of(unit).full}"
    if referral.to_unit is not None:
        recipient = f"Ủy ban nhân dân {names_of(referral.to_unit).full}"
    else:
        recipient = referral.to_body
    villages = list(dict.fromkeys(p.village.name for p in originals if p.village is not None))
    matters = [
        {
            "number": 1,
            "villages": "Cử tri " + ", ".join(villages) if villages else "Cử tri",
            "count": len(originals),
            "received": _received([p.received_on for p in originals]),
            "text": matter_text(originals),
        }
    ]
    return {
        "summary": "V/v chuyển kiến nghị của công dân",
        "subject_line": "V/v chuyển kiến nghị của công dân",
        "committee_body": committee_body,
        "recipient": recipient,
        "matters": matters,
        "note": referral.note,
        "addressees": [recipient],
        "recipients": ["Như trên", "Lưu: VT"],
    }


def after_issue(document: Any, *, actor: Any = None) -> None:
    """The referral shows the number and date the register gave its letter. Call inside issue_document's
    transaction, after the document is created."""
    from doithoai.audit.actions import record
    from doithoai.petitions.models import Referral

    if document.referral_id is None:
        return
    referral = Referral.objects.select_for_update().get(pk=document.referral_id)
    before = {"letter_number": referral.letter_number, "letter_date": referral.letter_date}
    referral.letter_number = document.number_text
    referral.letter_date = document.issued_on
    referral.save(update_fields=["letter_number", "letter_date"])
    record(
        actor=actor,
        event_type="referral.letter_issued",
        obj=referral,
        unit=referral.from_unit,
        before=before,
        after={"letter_number": referral.letter_number, "letter_date": referral.letter_date},
        extra={"document": document.pk},
    )


SPEC = KindSpec(
    kind=DocumentKind.TRANSFER_LETTER,
    type_name="",
    type_abbr="",
    numbered=True,
    issuer=IssuerBody.COMMITTEE,
    subject="referral",
    fields=FIELDS,
    required=REQUIRED,
    build_template=build_template,
    sample=sample,
    collect=collect,
    filename="van-ban-chuyen",
    extra={"after_issue": after_issue},
)
