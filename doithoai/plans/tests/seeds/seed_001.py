"""Seed 001: the 2026 plan of UBND xã Điềm He (Lạng Sơn), the commune preset's model."""

from __future__ import annotations

from doithoai.plans.tests.seeds.base import SeedPlan, lines, texts

OFFICE = "Văn phòng HĐND và UBND xã"
FRONT = "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã"
BEFORE_3 = "Trước 03 ngày khi tổ chức đối thoại"

SEED = SeedPlan(
    key="001",
    source="001_16ba3cdca50c56ac.txt",
    unit=("current", "commune", "06280"),
    preset="commune",
    year=2026,
    departments=(OFFICE, "Phòng Văn hóa - Xã hội", "Trung tâm Dịch vụ Công ích", "Công an xã"),
    number="102/KH-UBND",
    issued_on="15/05/2026",
    notes=(
        "The seed has no number nor date (they are written when it is signed): issued as 102/KH-UBND on "
        "15/05/2026, after the Đảng ủy plan 91-KH/ĐU of 11/5/2026 that it cites.",
        "“Nông Việt Dũng”, through whom the Front sends its report, stays in the duty's text.",
    ),
    general={
        "year": "2026",
        "title": "Tổ chức Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân trên địa bàn xã Điềm He năm 2026",
        "issuer": "committee",
        "issuer_name": "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE",
        "place_name": "Điềm He",
        "preamble": "UBND xã Điềm He ban hành kế hoạch Tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân "
        "xã Điềm He như sau:",
        "purpose": lines(
            "Nâng cao hiệu quả tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà nước đến "
            "Nhân dân.",
            "Kịp thời nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của Nhân dân; phát hiện và giải quyết vướng "
            "mắc, đồng thời đề xuất điều chỉnh chủ trương, chính sách phù hợp với thực tiễn địa phương.",
            "Tạo điều kiện để Nhân dân giám sát, kiểm tra hoạt động lãnh đạo, chỉ đạo, điều hành của cấp uỷ, chính "
            "quyền trên các lĩnh vực, góp phần xây dựng Đảng và chính quyền trong sạch, vững mạnh.",
        ),
        "requirements": lines(
            "Tổ chức đối thoại phải thiết thực, hiệu quả, đúng quy định; bảo đảm sự lãnh đạo của Đảng, quản lý của "
            "chính quyền và vai trò của Mặt trận Tổ quốc, các tổ chức chính trị – xã hội",
            "Đối thoại trực tiếp với Nhân dân được tiến hành công khai minh bạch, dân chủ khách quan, thẳng thắn, "
            "chân thành, đúng trọng tâm, trọng điểm với tinh thần vì lợi ích chung, bảo đảm phương châm “dân biết, "
            "dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”.",
            "Kết quả đối thoại phải được tổng hợp, tiếp thu, giải trình và có kế hoạch xử lý, trả lời cụ thể sau "
            "hội nghị.",
        ),
        "form": "in_person",
        "schedule_note": "Thực hiện năm 2026 (Thời gian cụ thể sẽ thông báo sau).",
        "venue": "Nhà Văn hoá xã Diềm He",
        "backdrop_text": lines(
            "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE",
            "HỘI NGHỊ",
            "ĐỐI THOẠI GIỮA CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
            "VỚI NHÂN DÂN NĂM 2026",
            "Diềm He, ngày thángnăm 2026",
        ),
        "budget_note": "Giao Kế toán Văn phòng HĐND và UBND xã tham mưu bố trí, quản lý và sử dụng kinh phí đúng quy "
        "định, tiết kiệm, hiệu quả.",
        "closing": "Trên đây là Kế hoạch tổ chức hội nghị tiếp xúc, đối thoại giữa Chủ tịch UBND xã với Nhân dân xã "
        "Diềm He năm 2026./.",
        "signing_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Lý Thị Dương",
    },
    sections={
        "legal_bases": [
            {
                "lead": "Căn cứ",
                "text": "Quy định số 11-QĐi/TW, ngày 18 tháng 02 năm 2019 của Ban chấp hành Trung ương Đảng, Quy "
                "định về trách nhiệm của người đứng đầu cấp uỷ trong việc tiếp dân, đối thoại trực tiếp với dân và "
                "xử lý những phản ánh, kiến nghị của dân",
            },
            {"lead": "Thực hiện", "text": "Điều 43 Luật Tổ chức chính quyền địa phương, ngày 16/6/2025"},
            {
                "lead": "",
                "text": "Điều 32 Luật thực hiện Dân chủ cơ sở, ngày 21/02/2025 quy định tổ chức đối thoại giữa chính "
                "quyền địa phương cấp xã với Nhân dân",
            },
            {
                "lead": "",
                "text": "Kế hoạch số 91-KH/ĐU ngày 11/5/2026 của Đảng ủy xã Điềm He về tổ chức đối thoại trực tiếp "
                "giữa người đứng đầu Cấp uỷ, Chính quyền với Nhân dân",
            },
        ],
        "topics": texts(
            "Thông báo, trao đổi về tình hình phát triển kinh tế - xã hội; những vấn đề quan trọng ảnh hưởng trực "
            "tiếp đến địa phương mà dư luận xã hội, Nhân dân đang quan tâm.",
            "Nghe ý kiến phản ánh, kiến nghị của Nhân dân đối với các chủ trương, chính sách đã ban hành hoặc dự "
            "kiến ban hành, đặc biệt là những nội dung liên quan trực tiếp đến quyền và nghĩa vụ của Nhân dân; đối "
            "với công tác lãnh đạo, chỉ đạo của cấp ủy đảng; công tác quản lý, điều hành của chính quyền các cấp; "
            "đối với đạo đức, lối sống, thái độ và tinh thần trách nhiệm của đội ngũ cán bộ, đảng viên, công chức, "
            "viên chức trong thực thi nhiệm vụ.",
            "Nắm bắt những vấn đề Nhân dân bức xúc, dư luận và cử tri quan tâm trong quá trình triển khai mô hình "
            "chính quyền địa phương 02 cấp; cùng các nội dung, vấn đề nổi cộm trong nội bộ Nhân dân.",
            "Tiếp thu các ý kiến góp ý, kiến nghị chính đáng, hợp pháp của Nhân dân. Trực tiếp chỉ đạo giải quyết "
            "vướng mắc, kiến nghị của Nhân dân những nội dung thuộc thẩm quyền; thông báo kết luận những nội dung "
            "đã được trả lời, giải quyết tại hội nghị để Nhân dân được biết và giám sát kết quả tiếp thu, chỉ đạo "
            "giải quyết.",
        ),
        "programme": texts(
            "Tuyên bố lý do, giới thiệu đại biểu, chủ trì và thư ký hội nghị.",
            "Thông qua chương trình, nội quy hội nghị đối thoại.",
            "Phát biểu khai mạc, Chủ tịch UBND xã quán triệt thực hiện đối thoại với Nhân dân.",
            "Báo cáo tóm tắt tình hình kinh tế - xã hội, quốc phòng - an ninh trên địa bàn xã.",
            "Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước Hội nghị đối thoại giữa UBND xã với nhân dân xã "
            "Diềm He.",
            "Tiến hành đối thoại với Nhân dân.",
            "Chủ trì tóm tắt, kết luận từng vấn đề đối thoại.",
            "Đại diện Thường trực Đảng ủy phát biểu.",
            "Kết luận, bế mạc Hội nghị đối thoại.",
        ),
        "sessions": [
            {
                "label": "Hội nghị đối thoại năm 2026",
                "venue": "Nhà Văn hoá xã Diềm He",
                "note": "Thời gian cụ thể sẽ thông báo sau",
            }
        ],
        "composition": [
            {
                "group": "Đại biểu xã",
                "role_label": "Chủ trì đối thoại: Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân xã",
                "kind": "fixed",
            },
            {"group": "Đại biểu xã", "role_label": "Mời đại diện Thường trực Đảng ủy; HĐND xã", "kind": "fixed"},
            {
                "group": "Đại biểu xã",
                "role_label": "Chủ tịch Ủy ban MTTQ Việt Nam xã",
                "kind": "fixed",
                "quantity": "1",
            },
            {
                "group": "Đại biểu xã",
                "role_label": "Các Phó Chủ tịch Ủy ban MTTQ Việt Nam xã đồng thời là Chủ tịch: Hội Phụ nữ, Đoàn Thanh "
                "niên, Hội Nông dân, Hội Cựu chiến binh xã",
                "kind": "fixed",
                "quantity": "4",
            },
            {"group": "Đại biểu xã", "role_label": "Đại diện lãnh đạo các phòng chuyên môn UBND xã", "kind": "fixed"},
            {
                "group": "Đại biểu xã",
                "role_label": "Đại diện lãnh đạo Trung tâm PVHCC, TT DVCI xã, Trạm Y tế xã",
                "kind": "fixed",
            },
            {"group": "Đại biểu xã", "role_label": "Đại diện lãnh đạo các trường học trên địa bàn xã", "kind": "fixed"},
            {"group": "Đại biểu xã", "role_label": "Đại diện lãnh đạo Công an xã", "kind": "fixed"},
            {"group": "Đại biểu xã", "role_label": "Đại diện lãnh đạo Ban chỉ huy Quân sự xã", "kind": "fixed"},
            {
                "group": "Đại biểu xã",
                "role_label": "Đại diện lãnh đạo, cán bộ Hạt kiểm lâm khu vực Văn Quan (phụ trách địa bàn)",
                "kind": "fixed",
            },
            {
                "group": "Đại biểu thôn",
                "role_label": "Trưởng các thôn trên địa bàn xã",
                "kind": "per_village",
                "quantity": "1",
            },
            {
                "group": "Đại biểu thôn",
                "role_label": "Đại diện Ban Công tác Mặt trận Tổ quốc thôn",
                "kind": "per_village",
                "quantity": "1",
            },
            {
                "group": "Đại biểu thôn",
                "role_label": "Chi hội trưởng các Chi hội đoàn thể thôn",
                "kind": "per_village",
                "quantity": "4",
                "description": "Chi Đoàn Thanh niên, Chi hội Phụ nữ, Chi hội Nông dân, Chi hội Cựu chiến binh",
            },
            {"group": "Đại biểu thôn", "role_label": "Người uy tín trên địa bàn xã", "kind": "fixed"},
            {
                "group": "Đại biểu thôn",
                "role_label": "Đại diện Nhân dân trên địa bàn xã",
                "kind": "per_village",
                "quantity": "3",
                "description": "dự kiến 03 đại biểu/thôn",
            },
        ],
        "assignments": [
            *[
                {"assignee_text": OFFICE, "assignee_department": OFFICE, "assignee_role": "office", "duty": duty}
                for duty in (
                    "Chủ trì, phối hợp các đơn vị có liên quan chuẩn bị các điều kiện đảm bảo cho cuộc đối thoại (nội "
                    "dung chi tiết chương trình, giấy mời, thông báo thời gian đối thoại, nội dung kết luận...).",
                    "Tổng hợp tham mưu báo cáo tóm tắt tình hình kinh tế - xã hội trên địa bàn xã phục vụ hội nghị "
                    "đối thoại xã.",
                    "Tham mưu chuyển các cơ quan, đơn vị liên quan xem xét giải quyết các ý kiến khi nhận được tổng "
                    "hợp ý kiến của Ủy ban MTTQ xã.",
                    "Tham mưu ban hành Thông báo kết luận để chỉ đạo xử lý các kiến nghị, đề xuất của người dân theo "
                    "thẩm quyền và quy định của pháp luật; đồng thời, báo cáo cấp trên những nội dung vượt quá thẩm "
                    "quyền xử lý của từng ngành, lĩnh vực (nếu có).",
                    "Đăng tải kế hoạch tổ chức hội nghị đối thoại lên trang thông tin điện tử xã.",
                )
            ],
            {
                "assignee_text": FRONT,
                "assignee_role": "front",
                "duty": "Chỉ đạo Ban Công tác Mặt trận thôn phối hợp với Trưởng thôn tổ chức phát phiếu lấy ý kiến (có "
                "gửi kèm) và tổng hợp, phân loại các ý kiến, kiến nghị của Nhân dân về các nội dung liên quan đến công "
                "tác lãnh đạo, chỉ đạo của cấp ủy, điều hành của chính quyền trong thực hiện nhiệm vụ phát triển kinh "
                "tế - xã hội, quốc phòng - an ninh, đối ngoại, xây dựng đảng, xây dựng hệ thống chính trị tại địa "
                "phương. Những vấn đề nổi cộm, dư luận quan tâm hoặc khó khăn, vướng mắc trong quá trình thực hiện cơ "
                "chế, chính sách. Kiến nghị, đề xuất giải pháp nâng cao hiệu lực, hiệu quả hoạt động của hệ thống "
                "chính trị cơ sở.",
            },
            {
                "assignee_text": FRONT,
                "assignee_role": "front",
                "duty": "Tổng hợp, phân loại; xây dựng Báo cáo kết quả tổng hợp ý kiến, kiến nghị của Nhân dân các "
                "thôn trên địa bàn xã gửi về UBND xã (qua đ/c Nông Việt Dũng, Chuyên viên Văn phòng HĐND và UBND xã).",
                "due_offset_days": "-3",
                "due_rule": BEFORE_3,
            },
            {
                "assignee_text": FRONT,
                "assignee_role": "front",
                "duty": "Tổng hợp danh sách đại biểu thôn và đại diện Nhân dân tham gia đối thoại gửi về UBND xã (qua "
                "đ/c Nông Việt Dũng, Chuyên viên Văn phòng HĐND và UBND xã).",
                "due_offset_days": "-3",
                "due_rule": BEFORE_3,
            },
            *[
                {
                    "assignee_text": "Phòng Văn hóa - Xã hội xã",
                    "assignee_department": "Phòng Văn hóa - Xã hội",
                    "assignee_role": "department_officer",
                    "duty": duty,
                }
                for duty in (
                    "Tham mưu xây dựng nội quy hội nghị đối thoại gửi về Văn phòng HĐND & UBND xã để phục vụ hội nghị.",
                    "Tham mưu với UBND xã nội dung liên quan đến công tác dân chủ, dân vận. Nắm tình hình, dư luận xã "
                    "hội, dư luận Nhân dân, phản ánh kịp thời các ý kiến, kiến nghị, bức xúc của Nhân dân tới lãnh đạo "
                    "UBND xã.",
                    "Định kỳ hàng năm tổng hợp, báo cáo kết quả thực hiện tổ chức Hội nghị trao đổi, đối thoại giữa "
                    "chính quyền địa phương cấp xã với Nhân dân gửi về UBND tỉnh (qua Sở Nội vụ) để báo cáo theo quy "
                    "định.",
                )
            ],
            {
                "assignee_text": "Trung tâm Dịch vụ Công ích",
                "assignee_department": "Trung tâm Dịch vụ Công ích",
                "assignee_role": "department_officer",
                "duty": "Thông báo rộng rãi trên các phương tiện thông tin đại chúng về nội dung, thời gian, địa điểm "
                "tiếp xúc đối thoại cho Nhân dân được biết. Cử phóng viên ghi hình đưa tin về Hội nghị đối thoại",
                "due_offset_days": "-7",
                "due_rule": "chậm nhất 07 ngày trước ngày tiếp xúc, đối thoại",
            },
            {
                "assignee_text": "Trung tâm Dịch vụ Công ích",
                "assignee_department": "Trung tâm Dịch vụ Công ích",
                "assignee_role": "department_officer",
                "duty": "Phối hợp với Văn phòng HĐND và UBND xã chuẩn bị các điều kiện khác phục vụ hội nghị.",
            },
            *[
                {
                    "assignee_text": "Các phòng chuyên môn, đơn vị trực thuộc",
                    "assignee_role": "department_officer",
                    "duty": duty,
                }
                for duty in (
                    "Phối hợp với Văn phòng HĐND & UBND xã triển khai thực hiện nhiệm vụ liên quan theo chức năng "
                    "nhiệm vụ của cơ quan, đơn vị.",
                    "Chuẩn bị các nội dung thuộc lĩnh vực phụ trách để trao đổi trực tiếp với nhân dân tại hội nghị "
                    "khi chủ trì hội nghị yêu cầu; đồng thời gửi nội dung dự kiến trao đổi về Văn phòng HĐND và UBND "
                    "xã để tổng hợp báo cáo Chủ tịch UBND xã sau khi tổng hợp các kiến nghị của nhân dân.",
                    "Tham mưu giải quyết, trả lời những ý kiến, kiến nghị của Nhân dân sau khi kết thúc hội nghị.",
                )
            ],
            {
                "assignee_text": "Công an xã",
                "assignee_department": "Công an xã",
                "duty": "Chủ động nắm bắt tình hình địa bàn, xây dựng, triển khai các phương án bảo vệ an ninh trật "
                "tự, bảo đảm an toàn tuyệt đối trước, trong và sau khi diễn ra Hội nghị đối thoại của UBND xã với Nhân "
                "dân xã Diềm He. Xây dựng kế hoạch tổ chức đảm bảo an ninh trật tự cho Hội nghị đối thoại.",
            },
            {
                "assignee_text": "Trưởng các thôn",
                "assignee_role": "village_head",
                "duty": "Triển khai Kế hoạch tổ chức Hội nghị đối thoại của UBND xã với Nhân dân trên địa bàn xã. "
                "Tuyên truyền mục đích, ý nghĩa, nội dung chương trình hội nghị, thời gian, địa điểm hội nghị để đảng "
                "viên và Nhân dân trong thôn biết. Chủ động nắm tình hình, dư luận xã hội ở thôn; phát phiếu xin ý "
                "kiến và tổng hợp, phân loại các ý kiến, kiến nghị của nhân dân gửi về Ủy ban MTTQ xã để tổng hợp gửi "
                "UBND xã trước 03 ngày khi tổ chức đối thoại. Mời các đại biểu thành phần ở thôn tham dự hội nghị khi "
                "có thông báo cụ thể thời gian tổ chức Hội nghị.",
                "due_offset_days": "-3",
                "due_rule": "trước 03 ngày khi tổ chức đối thoại",
            },
            {
                "assignee_text": "Công tác phối hợp",
                "assignee_role": "council",
                "duty": "Đề nghị Thường trực HĐND, Ủy ban MTTQ Việt Nam xã tham dự để theo dõi, giám sát việc thực "
                "hiện trong công tác tiếp xúc, đối thoại.",
            },
        ],
        "budget_lines": [
            {
                # The seed gives one sum for the whole conference: "Chi khác", not one of the lines.
                "category": "other",
                "item": "Kinh phí tổ chức Hội nghị",
                "source": "Ngân sách xã năm 2026 và các nguồn kinh phí hợp pháp khác (nếu có)",
            }
        ],
        "recipients": texts(
            "Thường trực Đảng ủy xã;",
            "Thường trực HĐND xã;",
            "Chủ tịch, các Phó Chủ tịch UBND xã;",
            "UBMTTQ Việt Nam xã, các tổ chức CT-XH xã;",
            "Hạt Kiểm lâm khu vực Văn Quan;",
            "CVP, PCVP HĐND và UBND xã;",
            "Các cơ quan, đơn vị trực thuộc UBND xã;",
            "Công an xã, Ban Chỉ huy Quân sự xã;",
            "Trưởng thôn trên địa bàn;",
            "Lưu: VT.",
        ),
    },
)
