"""Three starting points modelled on the seed plans, filled in for the acting unit.

- `commune`: the commune plan of Xã Điềm He 2026 (seed 001): one in-person conference,
  3 citizen representatives per village, the Front's summary 3 days before.
- `ward`: a ward plan with two sessions in the year (seeds 000 and 002), 80–200 people,
  5 minutes per question.
- `upper`: an upper-level plan (province, or a legacy district as in seed 004) that requires
  every unit below to hold its own dialogue by a date and forward the issues beyond its
  jurisdiction, with 2 delegates per commune at the upper-level conference.

Everything here is data: the plan created from a preset is an ordinary draft whose every
line (legal bases included) the office edits. The legal bases cite the law in force; see
domain-spec §1 (Luật 10/2022/QH15 Điều 32; Luật 72/2025/QH15 Điều 43; QĐ 11-QĐi/TW; KL 215-KL/TW).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import Role
from doithoai.plans.models import DialogueForm, Issuer, QuotaKind
from doithoai.units.models import AdminUnit, Level

# ---------------------------------------------------------------- legal bases (editable once copied into a plan)

LAW_DEMOCRACY = (
    "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022 (Điều 32 quy định tổ chức hội nghị trao đổi, "
    "đối thoại giữa Ủy ban nhân dân cấp xã với Nhân dân)"
)
LAW_LOCAL_GOVERNMENT = (
    "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025 (Điều 43 quy định tổ chức đối thoại "
    "giữa chính quyền địa phương cấp xã với Nhân dân)"
)
PARTY_RULE_11 = (
    "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị về trách nhiệm của người đứng đầu cấp ủy trong việc "
    "tiếp dân, đối thoại trực tiếp với dân và xử lý những phản ánh, kiến nghị của dân"
)
PARTY_CONCLUSION_215 = "Kết luận số 215-KL/TW ngày 23/11/2025 về việc thực hiện Quy định số 11-QĐi/TW"
PARTY_DECISION_218 = (
    "Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị ban hành Quy định về việc Mặt trận Tổ quốc Việt Nam, "
    "các đoàn thể chính trị - xã hội và Nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền"
)


@dataclass(frozen=True)
class SessionSpec:
    label: str
    month: int | None = None
    month_end: int | None = None
    venue: str = ""
    note: str = ""


@dataclass(frozen=True)
class CompositionSpec:
    group: str
    role_label: str
    kind: str = QuotaKind.FIXED
    quantity: int | None = None
    description: str = ""
    for_units_below: bool = False


@dataclass(frozen=True)
class AssignmentSpec:
    assignee: str
    duty: str
    role: str = ""
    department: str = ""  # matched (without diacritics) against the unit's departments
    due_rule: str = ""
    due_date: dt.date | None = None
    due_offset_days: int | None = None  # from the conference date: -3 is 3 days before


@dataclass(frozen=True)
class BudgetSpec:
    item: str
    source: str = ""
    amount: Decimal | None = None


@dataclass
class PlanDraft:
    """Every section of a plan, before it is saved."""

    title: str
    issuer: str
    issuer_name: str
    place_name: str
    preamble: str
    purpose: str
    requirements: str
    form: str
    schedule_note: str
    venue: str
    signing_authority: str
    signer_title: str
    legal_bases: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    programme: list[str] = field(default_factory=list)
    sessions: list[SessionSpec] = field(default_factory=list)
    composition: list[CompositionSpec] = field(default_factory=list)
    assignments: list[AssignmentSpec] = field(default_factory=list)
    budget_lines: list[BudgetSpec] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    min_attendance: int | None = None
    max_attendance: int | None = None
    minutes_per_question: int | None = None
    units_below_deadline: dt.date | None = None
    forward_issues_to: str = ""
    form_note: str = ""
    method: str = ""
    backdrop_text: str = ""
    budget_note: str = ""
    closing: str = ""
    signer_name: str = ""


@dataclass(frozen=True)
class Preset:
    key: str
    name: Promise
    description: Promise
    levels: frozenset[str]
    build: Callable[[AdminUnit, int], PlanDraft]

    def fits(self, unit: AdminUnit) -> bool:
        return unit.level in self.levels


# ---------------------------------------------------------------- how a unit is named in the text


@dataclass(frozen=True)
class Names:
    kind: str  # "xã", "phường", "tỉnh", "huyện"
    name: str  # "Điềm He"
    full: str  # "xã Điềm He"
    committee: str  # "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE"
    place: str  # "Điềm He"
    village_word: str  # "thôn" or "tổ dân phố"


def names_of(unit: AdminUnit) -> Names:
    kind = (unit.division_type or "").strip().lower() or "xã"
    short = unit.short_name
    village_word = "tổ dân phố" if kind in {"phường", "thị trấn"} else "thôn"
    return Names(
        kind=kind,
        name=short,
        full=f"{kind} {short}",
        committee=unit.committee_name or f"ỦY BAN NHÂN DÂN {kind.upper()} {short.upper()}",
        place=unit.place_name or short,
        village_word=village_word,
    )


PURPOSE = (
    "Nâng cao hiệu quả tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà nước đến Nhân dân.\n"
    "Kịp thời nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của Nhân dân; phát hiện và giải quyết vướng mắc, "
    "đồng thời đề xuất điều chỉnh chủ trương, chính sách phù hợp với thực tiễn địa phương.\n"
    "Tạo điều kiện để Nhân dân giám sát, kiểm tra hoạt động lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính quyền "
    "trên các lĩnh vực, góp phần xây dựng Đảng và chính quyền trong sạch, vững mạnh."
)
REQUIREMENTS = (
    "Tổ chức đối thoại phải thiết thực, hiệu quả, đúng quy định; bảo đảm sự lãnh đạo của Đảng, quản lý của chính "
    "quyền và vai trò của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội.\n"
    "Đối thoại được tiến hành công khai, minh bạch, dân chủ, khách quan, thẳng thắn, đúng trọng tâm, trọng điểm, "
    "bảo đảm phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”.\n"
    "Kết quả đối thoại phải được tổng hợp, tiếp thu, giải trình và có kế hoạch xử lý, trả lời cụ thể sau hội nghị; "
    "công bố kết quả chậm nhất 10 ngày sau hội nghị."
)


def _programme(n: Names) -> list[str]:
    return [
        "Tuyên bố lý do, giới thiệu đại biểu, chủ trì và thư ký hội nghị.",
        "Thông qua chương trình, nội quy hội nghị đối thoại.",
        f"Phát biểu khai mạc của Chủ tịch UBND {n.kind}.",
        f"Báo cáo tóm tắt tình hình kinh tế - xã hội, quốc phòng - an ninh trên địa bàn {n.kind}.",
        "Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị (Ủy ban MTTQ Việt Nam).",
        "Tiến hành đối thoại với Nhân dân.",
        "Chủ trì tóm tắt, kết luận từng vấn đề đối thoại.",
        "Kết luận, bế mạc hội nghị đối thoại.",
    ]


# ---------------------------------------------------------------- commune (seed 001)


def build_commune(unit: AdminUnit, year: int) -> PlanDraft:
    n = names_of(unit)
    k = n.kind
    office = f"Văn phòng HĐND và UBND {k}"
    before_3 = "trước 03 ngày khi tổ chức đối thoại"
    return PlanDraft(
        title=f"Tổ chức Hội nghị đối thoại giữa Chủ tịch UBND {k} với Nhân dân trên địa bàn {n.full} năm {year}",
        issuer=Issuer.COMMITTEE,
        issuer_name=n.committee,
        place_name=n.place,
        legal_bases=[LAW_DEMOCRACY, LAW_LOCAL_GOVERNMENT, PARTY_RULE_11, PARTY_CONCLUSION_215],
        preamble=(
            f"UBND {n.full} ban hành Kế hoạch tổ chức Hội nghị đối thoại giữa Chủ tịch UBND {k} với Nhân dân "
            f"{n.full} năm {year} như sau:"
        ),
        purpose=PURPOSE,
        requirements=REQUIREMENTS,
        form=DialogueForm.IN_PERSON,
        schedule_note=f"Thực hiện năm {year} (thời gian cụ thể sẽ thông báo sau).",
        venue=f"Nhà Văn hóa {n.full}",
        sessions=[SessionSpec(label=f"Hội nghị đối thoại năm {year}", venue=f"Nhà Văn hóa {n.full}")],
        composition=[
            CompositionSpec(f"Đại biểu {k}", f"Chủ trì đối thoại: Chủ tịch, các Phó Chủ tịch UBND {k}"),
            CompositionSpec(f"Đại biểu {k}", f"Đại diện Thường trực Đảng ủy, Thường trực HĐND {k}"),
            CompositionSpec(f"Đại biểu {k}", f"Chủ tịch Ủy ban MTTQ Việt Nam {k}"),
            CompositionSpec(
                f"Đại biểu {k}",
                f"Các Phó Chủ tịch Ủy ban MTTQ Việt Nam {k} đồng thời là Chủ tịch Hội Phụ nữ, Đoàn Thanh niên, "
                f"Hội Nông dân, Hội Cựu chiến binh {k}",
            ),
            CompositionSpec(f"Đại biểu {k}", f"Đại diện lãnh đạo các phòng chuyên môn UBND {k}"),
            CompositionSpec(
                f"Đại biểu {k}",
                f"Đại diện lãnh đạo Trung tâm Phục vụ hành chính công, Trung tâm Dịch vụ công ích, Trạm Y tế {k}",
            ),
            CompositionSpec(f"Đại biểu {k}", f"Đại diện lãnh đạo các trường học trên địa bàn {k}"),
            CompositionSpec(f"Đại biểu {k}", f"Đại diện lãnh đạo Công an {k}, Ban Chỉ huy Quân sự {k}"),
            CompositionSpec(f"Đại biểu {n.village_word}", f"Trưởng các {n.village_word}", QuotaKind.PER_VILLAGE, 1),
            CompositionSpec(f"Đại biểu {n.village_word}", "Đại diện Ban Công tác Mặt trận", QuotaKind.PER_VILLAGE, 1),
            CompositionSpec(
                f"Đại biểu {n.village_word}",
                "Chi hội trưởng các chi hội đoàn thể",
                QuotaKind.PER_VILLAGE,
                4,
                "Chi Đoàn Thanh niên, Chi hội Phụ nữ, Chi hội Nông dân, Chi hội Cựu chiến binh",
            ),
            CompositionSpec(f"Đại biểu {n.village_word}", f"Người có uy tín trên địa bàn {k}"),
            CompositionSpec(
                f"Đại biểu {n.village_word}",
                "Đại diện Nhân dân",
                QuotaKind.PER_VILLAGE,
                3,
                f"Dự kiến 03 đại biểu/{n.village_word}",
            ),
        ],
        topics=[
            "Thông báo, trao đổi về tình hình phát triển kinh tế - xã hội; những vấn đề quan trọng ảnh hưởng trực "
            "tiếp đến địa phương mà dư luận xã hội, Nhân dân đang quan tâm.",
            "Nghe ý kiến phản ánh, kiến nghị của Nhân dân đối với các chủ trương, chính sách đã ban hành hoặc dự "
            "kiến ban hành; đối với công tác lãnh đạo, chỉ đạo của cấp ủy, quản lý, điều hành của chính quyền; đối "
            "với đạo đức, lối sống, tinh thần trách nhiệm của cán bộ, công chức.",
            "Nắm bắt những vấn đề Nhân dân quan tâm trong quá trình triển khai mô hình chính quyền địa phương 02 cấp.",
            "Tiếp thu ý kiến chính đáng, hợp pháp của Nhân dân; trực tiếp chỉ đạo giải quyết những nội dung thuộc "
            "thẩm quyền; thông báo kết luận để Nhân dân biết và giám sát.",
        ],
        programme=[*_programme(n)[:-1], "Đại diện Thường trực Đảng ủy phát biểu.", _programme(n)[-1]],
        backdrop_text=(
            f"{n.committee}\nHỘI NGHỊ\nĐỐI THOẠI GIỮA CHỦ TỊCH ỦY BAN NHÂN DÂN {k.upper()}\n"
            f"VỚI NHÂN DÂN NĂM {year}\n{n.place}, ngày … tháng … năm {year}"
        ),
        assignments=[
            AssignmentSpec(
                office,
                "Chủ trì, phối hợp các đơn vị chuẩn bị các điều kiện cho hội nghị (chương trình, giấy mời, thông báo "
                "thời gian đối thoại, nội dung kết luận).",
                role=Role.OFFICE,
                department=office,
            ),
            AssignmentSpec(
                office,
                f"Tổng hợp, tham mưu báo cáo tóm tắt tình hình kinh tế - xã hội trên địa bàn {k}.",
                role=Role.OFFICE,
                department=office,
            ),
            AssignmentSpec(
                office,
                f"Tham mưu chuyển các cơ quan, đơn vị liên quan xem xét giải quyết các ý kiến khi nhận được tổng hợp ý "
                f"kiến của Ủy ban MTTQ Việt Nam {k}.",
                role=Role.OFFICE,
                department=office,
            ),
            AssignmentSpec(
                office,
                "Tham mưu ban hành Thông báo kết luận; báo cáo cấp trên những nội dung vượt thẩm quyền (nếu có).",
                role=Role.OFFICE,
                department=office,
                due_rule="chậm nhất 10 ngày sau hội nghị",
                due_offset_days=10,
            ),
            AssignmentSpec(
                office,
                f"Đăng tải kế hoạch tổ chức hội nghị đối thoại lên trang thông tin điện tử {k}.",
                role=Role.OFFICE,
                department=office,
            ),
            AssignmentSpec(
                f"Ủy ban MTTQ Việt Nam {k}",
                f"Chỉ đạo Ban Công tác Mặt trận {n.village_word} phối hợp với Trưởng {n.village_word} phát phiếu lấy "
                "ý kiến; tổng hợp, phân loại và gửi Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân về UBND "
                f"{k}.",
                role=Role.FRONT,
                due_rule=before_3,
                due_offset_days=-3,
            ),
            AssignmentSpec(
                f"Ủy ban MTTQ Việt Nam {k}",
                f"Tổng hợp danh sách đại biểu {n.village_word} và đại diện Nhân dân tham gia đối thoại gửi về UBND "
                f"{k}.",
                role=Role.FRONT,
                due_rule=before_3,
                due_offset_days=-3,
            ),
            AssignmentSpec(
                f"Phòng Văn hóa - Xã hội {k}",
                "Tham mưu xây dựng nội quy hội nghị; tổng hợp, báo cáo kết quả tổ chức đối thoại hằng năm gửi "
                "UBND tỉnh (qua Sở Nội vụ).",
                role=Role.DEPARTMENT_OFFICER,
                department="Phòng Văn hóa - Xã hội",
            ),
            AssignmentSpec(
                "Trung tâm Dịch vụ công ích",
                "Thông báo rộng rãi trên các phương tiện thông tin đại chúng về nội dung, thời gian, địa điểm đối "
                "thoại; cử phóng viên đưa tin về hội nghị.",
                role=Role.DEPARTMENT_OFFICER,
                department="Trung tâm Dịch vụ công ích",
                due_rule="chậm nhất 07 ngày trước ngày đối thoại",
                due_offset_days=-7,
            ),
            AssignmentSpec(
                "Các phòng chuyên môn, đơn vị trực thuộc",
                "Chuẩn bị nội dung thuộc lĩnh vực phụ trách để trao đổi với Nhân dân; tham mưu giải quyết, trả lời ý "
                "kiến, kiến nghị sau hội nghị.",
                role=Role.DEPARTMENT_OFFICER,
            ),
            AssignmentSpec(
                f"Công an {k}",
                "Xây dựng, triển khai phương án bảo đảm an ninh trật tự trước, trong và sau hội nghị.",
                department=f"Công an {k}",
            ),
            AssignmentSpec(
                f"Trưởng các {n.village_word}",
                "Tuyên truyền kế hoạch; phát phiếu xin ý kiến, tổng hợp ý kiến, kiến nghị của Nhân dân gửi Ủy ban "
                f"MTTQ {k}; mời đại biểu thành phần ở {n.village_word} tham dự.",
                role=Role.VILLAGE_HEAD,
                due_rule=before_3,
                due_offset_days=-3,
            ),
            AssignmentSpec(
                f"Thường trực HĐND, Ủy ban MTTQ Việt Nam {k}",
                "Tham dự để theo dõi, giám sát việc tổ chức tiếp xúc, đối thoại.",
                role=Role.COUNCIL,
            ),
        ],
        budget_lines=[
            BudgetSpec(
                "Tổ chức Hội nghị đối thoại",
                f"Ngân sách {k} năm {year} và các nguồn kinh phí hợp pháp khác (nếu có)",
            )
        ],
        budget_note=f"Giao Kế toán {office} tham mưu bố trí, quản lý và sử dụng kinh phí đúng quy định.",
        recipients=[
            f"Thường trực Đảng ủy {k}",
            f"Thường trực HĐND {k}",
            f"Chủ tịch, các Phó Chủ tịch UBND {k}",
            f"UBMTTQ Việt Nam {k}, các tổ chức chính trị - xã hội {k}",
            f"Chánh Văn phòng, Phó Chánh Văn phòng HĐND và UBND {k}",
            f"Các cơ quan, đơn vị trực thuộc UBND {k}",
            f"Công an {k}, Ban Chỉ huy Quân sự {k}",
            f"Trưởng {n.village_word} trên địa bàn",
            "Lưu: VT.",
        ],
        closing=f"Trên đây là Kế hoạch tổ chức hội nghị đối thoại giữa Chủ tịch UBND {k} với Nhân dân {n.full} "
        f"năm {year}./.",
        signing_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        minutes_per_question=5,
    )


# ---------------------------------------------------------------- ward, two sessions (seeds 000, 002)


def build_ward(unit: AdminUnit, year: int) -> PlanDraft:
    n = names_of(unit)
    k = n.kind
    hall = f"Hội trường Đảng ủy - UBND {n.full}"
    return PlanDraft(
        title=f"Tổ chức hội nghị đối thoại giữa Chủ tịch UBND {k} với Nhân dân trên địa bàn {n.full} năm {year}",
        issuer=Issuer.COMMITTEE,
        issuer_name=n.committee,
        place_name=n.place,
        legal_bases=[LAW_DEMOCRACY, LAW_LOCAL_GOVERNMENT, PARTY_RULE_11, PARTY_CONCLUSION_215],
        preamble=f"UBND {n.full} xây dựng kế hoạch tổ chức hội nghị đối thoại giữa Chủ tịch UBND {k} với Nhân dân "
        f"trên địa bàn {n.full} năm {year} như sau:",
        purpose=PURPOSE,
        requirements=REQUIREMENTS,
        form=DialogueForm.MIXED,
        form_note=f"Tổ chức trực tiếp hoặc phát phiếu xin ý kiến tùy tình hình thực tế; UBND {k} có văn bản thông báo "
        "cụ thể riêng.",
        method=(
            "Đối thoại theo từng vấn đề, chủ đề và câu hỏi của Nhân dân; gắn việc tuyên truyền, phổ biến pháp luật "
            "với giải thích, trả lời cho Nhân dân.\n"
            "Câu hỏi ngoài nội dung đối thoại vẫn được tiếp nhận, trả lời trực tiếp tại hội nghị hoặc trả lời riêng "
            "bằng văn bản; đại biểu đi vào trọng tâm, nội dung của hội nghị.\n"
            "Mỗi đại biểu đặt câu hỏi không quá 05 phút/câu hỏi."
        ),
        schedule_note=f"Tổ chức 02 đợt, mỗi đợt 01 buổi, trong tháng 6 và tháng 11 năm {year}.",
        venue=hall,
        sessions=[
            SessionSpec(label="Đợt 1", month=6, venue=hall),
            SessionSpec(label="Đợt 2", month=11, venue=hall),
        ],
        min_attendance=80,
        max_attendance=200,
        minutes_per_question=5,
        composition=[
            CompositionSpec(f"Đại biểu {k}", f"Chủ trì hội nghị: Chủ tịch UBND {k}"),
            CompositionSpec(
                f"Đại biểu {k}",
                f"Đại diện Đảng ủy, Ủy ban MTTQ Việt Nam {k}, trưởng các tổ chức đoàn thể {k}",
            ),
            CompositionSpec(
                f"Đại biểu {k}",
                f"Phó Chủ tịch UBND {k}, Trưởng Công an {k}, Chỉ huy trưởng Ban Chỉ huy Quân sự {k}, công chức "
                "chuyên môn có liên quan",
            ),
            CompositionSpec(
                "Đại biểu Nhân dân và các tổ chức",
                f"Bí thư chi bộ, Tổ trưởng, Trưởng ban Công tác Mặt trận các {n.village_word}",
                QuotaKind.PER_VILLAGE,
                3,
            ),
            # Seed 002 gives no number for these.
            CompositionSpec(
                "Đại biểu Nhân dân và các tổ chức", f"Đại diện các chi hội đoàn thể tại các {n.village_word}"
            ),
        ],
        topics=[
            "Tình hình kinh tế - xã hội, an ninh - quốc phòng; những vấn đề dân sinh Nhân dân đang quan tâm.",
            "Quản lý đất đai, trật tự đô thị, vệ sinh môi trường, chỉnh trang đô thị.",
            "Chính sách xã hội, cải cách hành chính, chuyển đổi số và dịch vụ công trực tuyến.",
        ],
        programme=[
            *_programme(n)[:5],
            "Đại biểu phát biểu, mỗi câu hỏi không quá 05 phút.",
            f"Chủ tịch UBND {k} hoặc người được phân công trao đổi, giải thích theo thẩm quyền.",
            f"Chủ tịch UBND {k} kết luận từng nội dung; nội dung không thuộc thẩm quyền được tổng hợp báo cáo cấp "
            "có thẩm quyền.",
        ],
        assignments=[
            AssignmentSpec(
                f"Văn phòng UBND {k}",
                "Tham mưu triển khai kế hoạch; ban hành thông báo, giấy mời; chuẩn bị nội dung, chương trình hội nghị.",
                role=Role.OFFICE,
            ),
            AssignmentSpec(
                f"Văn phòng UBND {k}",
                "Tổng hợp kết quả tổ chức hội nghị đối thoại, báo cáo cấp trên theo quy định.",
                role=Role.OFFICE,
                due_rule="sau mỗi đợt đối thoại",
            ),
            AssignmentSpec(
                f"Công chức văn hóa - xã hội và đài truyền thanh {k}",
                f"Thông báo công khai trên hệ thống truyền thanh, trang thông tin điện tử của {k} về thời gian, địa "
                "điểm, nội dung hội nghị.",
                role=Role.DEPARTMENT_OFFICER,
                due_rule="chậm nhất 07 ngày trước ngày tổ chức hội nghị",
                due_offset_days=-7,
            ),
            AssignmentSpec(
                f"Cán bộ, công chức {k}",
                "Chuẩn bị tài liệu thuộc lĩnh vực phụ trách, sẵn sàng trả lời khi được phân công.",
                role=Role.DEPARTMENT_OFFICER,
            ),
            AssignmentSpec(
                "Công chức tài chính - kế toán",
                f"Tham mưu sử dụng ngân sách {k} cho hội nghị.",
                role=Role.DEPARTMENT_OFFICER,
            ),
            AssignmentSpec(
                f"Bí thư chi bộ, Tổ trưởng {n.village_word}, Trưởng ban Công tác Mặt trận",
                f"Tuyên truyền mục đích, yêu cầu của hội nghị; mời đại diện Nhân dân của {n.village_word} tham dự.",
                role=Role.VILLAGE_HEAD,
            ),
            AssignmentSpec(
                f"Công an {k}",
                "Bố trí lực lượng bảo đảm an ninh trật tự trước, trong và sau hội nghị.",
                department=f"Công an {k}",
            ),
            AssignmentSpec(
                f"Ủy ban MTTQ và các tổ chức đoàn thể {k}",
                "Phối hợp tuyên truyền; tham dự để theo dõi, giám sát việc tổ chức hội nghị.",
                role=Role.FRONT,
            ),
        ],
        budget_lines=[BudgetSpec("Tổ chức 02 đợt hội nghị đối thoại", f"Ngân sách {k} năm {year}")],
        recipients=[
            f"Đảng ủy, HĐND {k}",
            f"Chủ tịch, các Phó Chủ tịch UBND {k}",
            f"UBMTTQ và các đoàn thể {k}",
            "Công chức các bộ phận chuyên môn",
            f"Đài truyền thanh {k}",
            f"Tổ trưởng, Trưởng ban Công tác Mặt trận các {n.village_word}",
            "Lưu: VT, VP.",
        ],
        closing=f"Trên đây là kế hoạch tổ chức hội nghị đối thoại năm {year} của UBND {n.full}./.",
        signing_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
    )


# ---------------------------------------------------------------- upper level (seed 004)


def build_upper(unit: AdminUnit, year: int) -> PlanDraft:
    n = names_of(unit)
    k = n.kind  # "tỉnh", "huyện", "thành phố"
    party = "Tỉnh ủy" if unit.level == Level.PROVINCE else "Huyện ủy"
    party_abbr = "TU" if unit.level == Level.PROVINCE else "HU"
    below = "xã, phường" if not unit.is_legacy else "xã, thị trấn"
    dan_van = f"Ban Tuyên giáo và Dân vận {party}" if unit.level == Level.PROVINCE else f"Ban Dân vận {party}"
    deadline = dt.date(year, 7, 31)
    opinions_due = dt.date(year, 8, 5)  # seed 004: the Front's opinions reach the party committee before 05/8
    commune_word = below.split(",")[0]
    # A legacy district reports to the province (seed 004); a province's upward recipients vary, so none are preset.
    upward = (
        [
            "Thường trực Tỉnh ủy (để báo cáo)",
            "Thường trực HĐND tỉnh (để báo cáo)",
            "Lãnh đạo UBND tỉnh (để báo cáo)",
            "Ban Dân vận Tỉnh ủy (để báo cáo)",
        ]
        if unit.level == Level.DISTRICT
        else []
    )
    return PlanDraft(
        title=f"Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Mặt trận Tổ quốc, các đoàn thể chính "
        f"trị - xã hội và Nhân dân trên địa bàn {k} năm {year}",
        issuer=Issuer.PARTY,
        # Hướng dẫn 36-HD/VPTW: the letterhead names the party committee; "T/M BAN THƯỜNG VỤ" signs.
        issuer_name=f"{party.upper()} {n.name.upper()}",
        place_name=n.place,
        legal_bases=[PARTY_RULE_11, PARTY_CONCLUSION_215, PARTY_DECISION_218, LAW_DEMOCRACY, LAW_LOCAL_GOVERNMENT],
        preamble=f"Ban Thường vụ {party} xây dựng kế hoạch tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền "
        f"với Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội và Nhân dân trên địa bàn {k} năm {year} như sau:",
        purpose=PURPOSE,
        requirements=(
            f"Việc đối thoại được thực hiện từ cấp {below} đến cấp {k}; phát huy vai trò của Mặt trận Tổ quốc, các "
            "đoàn thể chính trị - xã hội và Nhân dân.\n"
            "Đối thoại nghiêm túc, công khai, dân chủ, thiết thực, hiệu quả, đúng nội quy, quy chế hội nghị."
        ),
        form=DialogueForm.IN_PERSON,
        schedule_note=f"Cấp {below}: hoàn thành trước ngày {deadline.day:02d}/{deadline.month:02d}/{year}; "
        f"cấp {k}: dự kiến tháng 8-9/{year}.",
        venue=f"Trung tâm Hội nghị {n.full}",
        sessions=[
            SessionSpec(label=f"Hội nghị đối thoại cấp {k}", month=8, month_end=9, venue=f"Trung tâm Hội nghị {n.full}")
        ],
        units_below_deadline=deadline,
        forward_issues_to=dan_van,
        composition=[
            CompositionSpec(
                f"Ở {k}",
                f"Chủ trì hội nghị: Bí thư {party}; Chủ tịch UBND {k}",
            ),
            CompositionSpec(f"Ở {k}", f"Ủy viên Ban Thường vụ {party}, Thường trực HĐND, lãnh đạo UBND {k}"),
            CompositionSpec(f"Ở {k}", f"Lãnh đạo các cơ quan chuyên môn, Ủy ban MTTQ và các đoàn thể {k}"),
            CompositionSpec(
                "Ở cơ sở",
                f"Bí thư Đảng ủy, Chủ tịch HĐND, Chủ tịch UBND các {below}",
                QuotaKind.PER_COMMUNE,
                3,
            ),
            CompositionSpec("Ở cơ sở", f"Chủ tịch Ủy ban MTTQ, trưởng các đoàn thể chính trị - xã hội các {below}"),
            CompositionSpec(
                "Ở cơ sở",
                "Đại biểu đại diện Nhân dân",
                QuotaKind.PER_COMMUNE,
                2,
                f"Mỗi {below} 02 đại biểu",
            ),
            # Whom each unit below invites to its own conference (seed 004, "Thành phần mời").
            CompositionSpec(
                f"Đại biểu {k}",
                f"Ủy viên Ban Thường vụ {party} phụ trách cụm; Ủy viên Ban Chấp hành Đảng bộ {k} phụ trách "
                f"{commune_word}",
                for_units_below=True,
            ),
            CompositionSpec(
                f"Đại biểu {k}",
                f"Đại biểu {dan_van}; Ủy ban MTTQ và các đoàn thể chính trị - xã hội {k}",
                for_units_below=True,
            ),
            CompositionSpec(
                f"Đại biểu {below}",
                "Ủy viên Ban Chấp hành Đảng bộ, Thường trực HĐND, lãnh đạo UBND, cán bộ, công chức; trưởng, phó "
                "Ủy ban MTTQ và các đoàn thể chính trị - xã hội",
                for_units_below=True,
            ),
            CompositionSpec(
                f"Đại biểu {below}",
                "Bí thư chi bộ, Trưởng thôn (Tổ trưởng tổ dân phố), Trưởng ban Công tác Mặt trận, chi hội trưởng các "
                "chi hội, chi đoàn",
                for_units_below=True,
            ),
            CompositionSpec(
                f"Đại biểu {below}",
                "Đại diện Nhân dân, doanh nghiệp, chức sắc tôn giáo trên địa bàn",
                for_units_below=True,
            ),
        ],
        topics=[
            "Công tác xây dựng Đảng, chính quyền và hoạt động của Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội.",
            "Các nhiệm vụ phát triển kinh tế - xã hội, quốc phòng, an ninh; chính sách an sinh xã hội và các vấn đề "
            "còn vướng mắc mà Nhân dân quan tâm.",
        ],
        programme=[
            "Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình hội nghị.",
            "Giới thiệu Chủ trì và cử Thư ký ghi biên bản.",
            "Chủ trì hội nghị thông báo mục đích, yêu cầu, nội dung, phương pháp đối thoại.",
            f"Báo cáo khái quát tình hình phát triển kinh tế - xã hội năm {year}.",
            "Các đại biểu phát biểu ý kiến theo nội dung đã đăng ký.",
            "Chủ trì trao đổi, trả lời hoặc chỉ định lãnh đạo cơ quan chuyên môn trả lời.",
            "Chủ trì phát biểu tiếp thu ý kiến và kết luận hội nghị.",
        ],
        assignments=[
            AssignmentSpec(
                f"Đảng ủy, UBND các {below}",
                f"Xây dựng kế hoạch, tổ chức hội nghị đối thoại với Nhân dân trên địa bàn mình; hoàn thành trước ngày "
                f"{deadline.day:02d}/{deadline.month:02d}/{year}.",
                due_date=deadline,
                due_rule=f"hoàn thành trước ngày {deadline.day:02d}/{deadline.month:02d}/{year}",
            ),
            AssignmentSpec(
                f"Đảng ủy, UBND các {below}",
                f"Ngay sau hội nghị, tổng hợp các ý kiến, kiến nghị vượt thẩm quyền cấp {commune_word} gửi về "
                f"{dan_van}; cử đại biểu dự hội nghị cấp {k}.",
                due_rule="ngay sau khi tổ chức hội nghị đối thoại cấp cơ sở",
            ),
            AssignmentSpec(
                dan_van,
                f"Đôn đốc, theo dõi việc tổ chức đối thoại ở các {below}; tham mưu nội dung, chương trình hội nghị "
                f"cấp {k}.",
            ),
            AssignmentSpec(
                f"UBND {k}",
                "Chuẩn bị báo cáo tình hình kinh tế - xã hội; chỉ đạo các cơ quan chuyên môn chuẩn bị trả lời các ý "
                "kiến, kiến nghị thuộc lĩnh vực phụ trách.",
                role=Role.CHAIR,
            ),
            AssignmentSpec(
                f"Ủy ban MTTQ, các đoàn thể chính trị - xã hội {k}",
                f"Chỉ đạo cấp {commune_word} lấy ý kiến đoàn viên, hội viên tại hội nghị đối thoại cấp {commune_word}; "
                f"chuẩn bị các ý kiến tham gia hội nghị cấp {k}, gửi về Thường trực {party} (qua {dan_van}).",
                role=Role.FRONT,
                due_date=opinions_due,
                due_rule=f"trước ngày {opinions_due.day:02d}/{opinions_due.month:02d}/{year}",
            ),
            AssignmentSpec(
                f"Ủy ban MTTQ, các đoàn thể chính trị - xã hội {k}",
                "Tuyên truyền, vận động Nhân dân tham gia xây dựng Đảng, xây dựng chính quyền; giám sát việc thực "
                "hiện đối thoại và thông báo kết luận sau đối thoại.",
                role=Role.FRONT,
            ),
            AssignmentSpec(
                f"Các cơ quan chuyên môn thuộc UBND {k}",
                f"Tham mưu UBND {k} trả lời các ý kiến, kiến nghị thuộc lĩnh vực phụ trách; trả lời tại hội nghị khi "
                "được chủ trì phân công.",
                role=Role.DEPARTMENT_OFFICER,
            ),
            AssignmentSpec(
                f"Văn phòng {party}; Văn phòng HĐND-UBND {k}",
                f"Tổng hợp ý kiến, kiến nghị từ cơ sở; sau hội nghị tham mưu thông báo kết luận và văn bản kiến nghị "
                f"cấp trên giải quyết (nếu vượt thẩm quyền cấp {k}).",
                role=Role.OFFICE,
                due_rule="chậm nhất 10 ngày sau hội nghị",
                due_offset_days=10,
            ),
        ],
        budget_lines=[BudgetSpec("Tổ chức hội nghị đối thoại cấp " + k, f"Ngân sách {k} năm {year}")],
        recipients=[
            *upward,
            f"Ban Thường vụ {party}",
            f"Thường trực HĐND, lãnh đạo UBND {k}",
            f"Ủy ban MTTQ và các đoàn thể chính trị - xã hội {k}",
            f"Các cơ quan chuyên môn thuộc UBND {k}",
            f"Đảng ủy, UBND các {below}",
            f"Lưu: VP{party_abbr}.",
        ],
        closing=f"Ban Thường vụ {party} yêu cầu các cấp ủy, chính quyền, các {below} nghiêm túc tổ chức thực hiện; "
        f"khó khăn, vướng mắc báo cáo về Ban Thường vụ {party} (qua {dan_van})./.",
        signing_authority="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
    )


PRESETS: dict[str, Preset] = {
    "commune": Preset(
        "commune",
        _("Kế hoạch cấp xã (một hội nghị)"),
        _(
            "Theo kế hoạch của UBND xã Điềm He: một hội nghị trực tiếp trong năm, 03 đại diện Nhân dân mỗi thôn, "
            "Ủy ban MTTQ gửi báo cáo tổng hợp trước 03 ngày, phân công tổ chức thực hiện cho các cơ quan."
        ),
        frozenset({Level.COMMUNE}),
        build_commune,
    ),
    "ward": Preset(
        "ward",
        _("Kế hoạch cấp phường (hai đợt trong năm)"),
        _(
            "Theo kế hoạch của các phường: hai đợt đối thoại (tháng 6 và tháng 11), từ 80 đến 200 người dự, mỗi câu "
            "hỏi không quá 5 phút, đại biểu theo tổ dân phố."
        ),
        frozenset({Level.COMMUNE}),
        build_ward,
    ),
    "upper": Preset(
        "upper",
        _("Kế hoạch cấp trên (tỉnh, huyện)"),
        _(
            "Yêu cầu mọi đơn vị cấp dưới tổ chức đối thoại trước một ngày nhất định và gửi các kiến nghị vượt thẩm "
            "quyền lên cấp trên; hội nghị cấp trên với 02 đại biểu Nhân dân mỗi xã."
        ),
        frozenset({Level.PROVINCE, Level.DISTRICT}),
        build_upper,
    ),
}


def presets_for(unit: AdminUnit) -> list[Preset]:
    return [preset for preset in PRESETS.values() if preset.fits(unit)]
