"""Seed 004: the 2023 plan of the Ban Thường vụ Huyện ủy of a district of Nam Định (before 2025), the upper-level
preset's model: every commune and town holds its own dialogue first, then the district's conference."""

from __future__ import annotations

from doithoai.plans.tests.seeds.base import SeedPlan, lines, texts

# The seed writes "Hoàn thành trong tháng 7/2022" in its 2023 plan; the pages refuse that year (see the test).
TYPED_DEADLINE = "31/07/2022"

SEED = SeedPlan(
    key="004",
    source="004_1d7007337ab3ff11.txt",
    unit=("legacy", "district", "366"),  # the seed does not name its district: Huyện Hải Hậu, Nam Định
    preset="upper",
    year=2023,
    number="125-KH/HU",
    issued_on="15/06/2023",
    notes=(
        "The seed does not name its district (only “tỉnh Nam Định”): entered for Huyện Hải Hậu.",
        "No number nor date: issued as 125-KH/HU (Party numbering, no colon) on 15/06/2023.",
        "“Hoàn thành trong tháng 7/2022” in a 2023 plan is a slip: the page refuses 31/07/2022 as the units-below "
        "deadline and the office types 31/07/2023.",
        "“(Để báo cáo)” under Nơi nhận is read as applying to the four recipients above the district.",
        "Its section 6 “Thành phần mời” (whom each commune invites) is entered as composition rows for the units "
        "below.",
    ),
    general={
        "year": "2023",
        "title": "Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Mặt trận Tổ quốc, các đoàn thể chính "
        "trị - xã hội và Nhân dân trên địa bàn huyện năm 2023",
        "issuer": "party",
        "issuer_name": "HUYỆN ỦY HẢI HẬU",
        "place_name": "Hải Hậu",
        "preamble": "Ban Thường vụ Huyện ủy xây dựng kế hoạch tổ chức đối thoại giữa người đứng đầu cấp ủy, chính "
        "quyền với MTTQ, các đoàn thể chính trị-xã hội và Nhân dân trên địa bàn huyện năm 2023, như sau:",
        "purpose": lines(
            "Nhằm tiếp tục triển khai thực hiện có hiệu quả Quyết định 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị "
            "và các văn bản hướng dẫn của Tỉnh ủy, Huyện ủy về công tác xây dựng Đảng, xây dựng chính quyền;",
            "Góp phần đổi mới phương thức lãnh đạo; phát huy quyền làm chủ của nhân dân tham gia xây dựng Đảng, xây "
            "dựng chính quyền; củng cố niềm tin của Nhân dân đối với sự lãnh đạo của Đảng, điều hành của chính quyền "
            "các cấp;",
            "Đảm bảo thực hiện tốt chức năng giám sát, phản biện xã hội của MTTQ và các đoàn thể chính trị-xã hội và "
            "Nhân dân tham gia xây dựng Đảng, xây dựng chính quyền. Tham gia đóng góp ý kiến xây dựng phát triển kinh "
            "tế-xã hội, đảm bảo an ninh quốc phòng, giữ vững an ninh chính trị, trật tự an toàn xã hội;",
            "Giải quyết kịp thời những đề xuất, kiến nghị và các vấn đề còn tồn tại ở cơ sở, từ đó tạo sự đồng thuận "
            "cao trong quần chúng Nhân dân trong triển khai thực hiện các nhiệm vụ chính trị ở địa phương.",
        ),
        "requirements": lines(
            "Việc đối thoại giữa người đứng đầu cấp ủy, chính quyền với MTTQ, các đoàn thể chính trị-xã hội và Nhân "
            "dân được thực hiện từ cấp xã đến cấp huyện; phải đảm bảo phát huy vai trò của MTTQ, các đoàn thể chính "
            "trị-xã hội và Nhân dân theo quy định;",
            "Việc đối thoại được thực hiện nghiêm túc, công khai, dân chủ, thiết thực và hiệu quả, đúng nội quy, quy "
            "chế hội nghị đối thoại, tạo điều kiện thuận lợi để MTTQ, các đoàn thể chính trị-xã hội và Nhân dân tham "
            "gia đóng góp ý kiến, đề xuất trực tiếp với cấp ủy, chính quyền, các cơ quan chức năng trong thực hiện "
            "chức năng nhiệm vụ được giao.",
        ),
        "form": "in_person",
        "schedule_note": "Dự kiến tháng 8-9/2023.",
        "venue": "Nhà Văn hóa Trung tâm huyện",
        "units_below_deadline": "31/07/2023",
        "forward_issues_to": "Ban Dân vận Huyện ủy",
        "closing": "Trên đây là kế hoạch tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với MTTQ, "
        "các đoàn thể chính trị xã hội và Nhân dân trên địa bàn huyện năm 2023; Ban Thường vụ Huyện ủy yêu cầu các "
        "cấp ủy Đảng, chính quyền, phòng, ban, ngành, đoàn thể chính trị - xã hội; các xã, thị trấn nghiêm túc tổ "
        "chức thực hiện. Trong quá trình thực hiện, nếu có khó khăn vướng mắc, báo cáo về Ban Thường vụ Huyện ủy (qua "
        "Ban Dân vận Huyện ủy) để kịp thời chỉ đạo, giải quyết./.",
        "signing_authority": "T/M BAN THƯỜNG VỤ",
        "signer_title": "BÍ THƯ",
        "signer_name": "Phạm Văn Quyết",
    },
    sections={
        "legal_bases": [
            {
                "lead": "Căn cứ",
                "text": "Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị khóa XI về “ban hành Quy định về "
                "việc Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị-xã hội và nhân dân tham gia góp ý xây dựng "
                "Đảng, xây dựng chính quyền”",
            },
            {
                "lead": "Căn cứ",
                "text": "Quyết định số 1085-QĐ/TU, ngày 16/10/2014 của Ban Thường vụ Tỉnh ủy Nam Định “Quy định trách "
                "nhiệm của cấp ủy, tổ chức đảng, chính quyền tiếp thu góp ý của Mặt trận Tổ quốc (MTTQ), các đoàn thể "
                "chính trị - xã hội và nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền trên địa bàn tỉnh”",
            },
        ],
        "topics": texts(
            "Công tác xây dựng Đảng, chính quyền và hoạt động của MTTQ, các đoàn thể chính trị-xã hội (công tác tổ "
            "chức, cán bộ; chế độ chính sách cho các Hội, đoàn thể ở cơ sở; công tác xây dựng hệ thống chính trị ở "
            "cơ sở).",
            "Các nhiệm vụ về phát triển kinh tế-xã hội, quốc phòng, an ninh; nông nghiệp, công nghiệp, giao thông "
            "xây dựng; xây dựng nông thôn mới; tài nguyên môi trường, y tế, văn hóa, giáo dục; việc thực hiện chính "
            "sách an sinh xã hội và các vấn đề còn vướng mắc mà Nhân dân quan tâm.",
        ),
        "programme": texts(
            "Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình, nội dung của hội nghị đối thoại.",
            "Giới thiệu Chủ trì và cử Thư ký ghi biên bản.",
            "Chủ trì hội nghị đối thoại thông báo mục đích, yêu cầu, nội dung, phương pháp đối thoại.",
            "Báo cáo khái quát tình hình phát triển kinh tế - xã hội năm 2023.",
            "Các đại biểu phát biểu ý kiến theo nội dung đã đăng ký, theo sự điều hành của Chủ trì hội nghị.",
            "Chủ trì hội nghị trao đổi trả lời các ý kiến hoặc chỉ định lãnh đạo các phòng, ban, cơ quan chuyên môn "
            "trao đổi trả lời theo chức năng, nhiệm vụ.",
            "Chủ trì hội nghị đối thoại phát biểu tiếp thu các ý kiến và kết luận hội nghị.",
        ),
        "sessions": [
            {
                "label": "Hội nghị đối thoại cấp huyện",
                "planned_month": "8",
                "planned_month_end": "9",
                "venue": "Nhà Văn hóa Trung tâm huyện",
            }
        ],
        "composition": [
            {
                "group": "Ở huyện",
                "role_label": "Chủ trì hội nghị: Đồng chí Bí thư Huyện ủy - Chủ tịch HĐND huyện; đồng chí Chủ tịch "
                "UBND huyện",
                "kind": "fixed",
                "quantity": "2",
            },
            {
                "group": "Ở huyện",
                "role_label": "Các đồng chí Ủy viên Ban Thường vụ Huyện ủy, Thường trực HĐND, Lãnh đạo UBND huyện",
                "kind": "fixed",
            },
            {
                "group": "Ở huyện",
                "role_label": "Lãnh đạo các cơ quan tham mưu giúp việc Huyện ủy, Văn phòng Huyện ủy, Văn phòng "
                "HĐND-UBND huyện",
                "kind": "fixed",
            },
            {
                "group": "Ở huyện",
                "role_label": "Trưởng các cơ quan chuyên môn, đơn vị thuộc UBND huyện",
                "kind": "fixed",
            },
            {"group": "Ở huyện", "role_label": "Lãnh đạo MTTQ, các đoàn thể chính trị-xã hội huyện", "kind": "fixed"},
            {
                "group": "Ở cơ sở",
                "role_label": "Đồng chí Bí thư Đảng ủy, Chủ tịch HĐND, Chủ tịch UBND xã, thị trấn",
                "kind": "per_commune",
                "quantity": "3",
            },
            {
                "group": "Ở cơ sở",
                "role_label": "Chủ tịch Ủy ban MTTQ, Trưởng các đoàn thể chính trị-xã hội xã, thị trấn",
                "kind": "fixed",
            },
            {
                "group": "Ở cơ sở",
                "role_label": "Đại biểu đại diện Nhân dân",
                "kind": "per_commune",
                "quantity": "2",
                "description": "Mỗi xã, thị trấn 02 đại biểu",
            },
            *[
                {"group": "Đại biểu huyện", "role_label": label, "kind": "fixed", "for_units_below": True}
                for label in (
                    "Đồng chí Ủy viên Ban Thường vụ Huyện ủy phụ trách cụm",
                    "Đồng chí Ủy viên BCH Đảng bộ huyện phụ trách xã, thị trấn",
                    "Đại biểu Ban Dân vận Huyện ủy",
                    "MTTQ và các đoàn thể chính trị - xã hội huyện",
                )
            ],
            {
                "group": "Đại biểu xã, thị trấn",
                "role_label": "Các đồng chí Ủy viên BCH Đảng bộ xã, Thường trực HĐND, Lãnh đạo UBND, cán bộ, công "
                "chức xã, thị trấn",
                "kind": "fixed",
                "for_units_below": True,
            },
            {
                "group": "Đại biểu xã, thị trấn",
                "role_label": "Trưởng, phó MTTQ và các đoàn thể chính trị - xã hội",
                "kind": "fixed",
                "for_units_below": True,
            },
            *[
                {
                    "group": "Đại biểu xã, thị trấn",
                    "role_label": label,
                    "kind": "per_village",
                    "quantity": "1",
                    "for_units_below": True,
                }
                for label in ("Bí thư chi bộ", "Trưởng thôn (Tổ trưởng Tổ dân phố)", "Trưởng ban công tác Mặt trận")
            ],
            {
                "group": "Đại biểu xã, thị trấn",
                "role_label": "Các chi hội trưởng chi hội, chi đoàn",
                "kind": "fixed",
                "for_units_below": True,
            },
            {
                "group": "Đại biểu xã, thị trấn",
                "role_label": "Đại diện Nhân dân, doanh nghiệp, chức sắc tôn giáo trên địa bàn",
                "kind": "fixed",
                "for_units_below": True,
            },
        ],
        "assignments": [
            {
                "assignee_text": "Các cơ quan tham mưu giúp việc Huyện ủy",
                "duty": "Tham mưu Ban Thường vụ Huyện ủy trả lời các ý kiến, kiến nghị đề xuất thuộc chức năng nhiệm "
                "vụ được giao; đồng thời trả lời ý kiến tại hội nghị đối thoại theo sự phân công của đồng chí Chủ trì "
                "hội nghị đối thoại.",
            },
            {
                "assignee_text": "Các cơ quan tham mưu giúp việc Huyện ủy",
                "duty": "Ban Dân vận Huyện ủy có trách nhiệm đôn đốc, theo dõi việc triển khai thực hiện đối "
                "thoại ở các "
                "xã, thị trấn. Tham mưu Ban Thường vụ Huyện ủy nội dung, chương trình hội nghị đối thoại cấp huyện.",
            },
            {
                "assignee_text": "Ủy ban Nhân dân huyện",
                "assignee_role": "chair",
                "duty": "Chuẩn bị báo cáo đánh giá tình hình phát triển kinh tế - xã hội trên địa bàn huyện "
                "đến tháng 8 "
                "năm 2023.",
            },
            {
                "assignee_text": "Ủy ban Nhân dân huyện",
                "assignee_role": "chair",
                "duty": "Chỉ đạo các cơ quan chuyên môn rà soát những nội dung liên quan đến lĩnh vực phụ trách, các "
                "vấn đề còn tồn tại, vướng mắc; tham mưu UBND huyện trả lời các ý kiến, kiến nghị liên quan đến lĩnh "
                "vực được phân công, phụ trách; trả lời các ý kiến theo sự phân công, điều hành của Chủ trì hội nghị; "
                "báo cáo và tham mưu giải pháp thực hiện trong thời gian tới.",
            },
            {
                "assignee_text": "MTTQ, các đoàn thể chính trị - xã hội huyện",
                "assignee_role": "front",
                "duty": "Chỉ đạo MTTQ, các đoàn thể chính trị - xã hội cấp xã xây dựng kế hoạch tuyên truyền "
                "và tổ chức "
                "lấy ý kiến tham gia xây dựng đảng, xây dựng chính quyền của cán bộ, đoàn viên, hội viên tại hội nghị "
                "đối thoại cấp xã; chuẩn bị các ý kiến tham gia đối thoại tại hội nghị cấp huyện, gửi về Thường trực "
                "Huyện ủy (qua Ban Dân vận Huyện ủy).",
                "due_date": "05/08/2023",
                "due_rule": "trước ngày 05/8/2023",
            },
            {
                "assignee_text": "MTTQ, các đoàn thể chính trị - xã hội huyện",
                "assignee_role": "front",
                "duty": "Làm tốt công tác tuyên truyền, vận động các tầng lớp Nhân dân thực hiện đúng quyền, trách "
                "nhiệm của công dân tham gia xây dựng Đảng, xây dựng chính quyền. Phối hợp giám sát quá trình "
                "thực hiện "
                "đối thoại và thực hiện thông báo kết luận sau đối thoại của cấp ủy, chính quyền.",
            },
            *[
                {
                    "assignee_text": "Văn phòng Huyện ủy; Văn phòng HĐND-UBND huyện",
                    "assignee_role": "office",
                    "duty": duty,
                }
                for duty in (
                    "Tham mưu xây dựng báo cáo đánh giá khái quát tình hình phát triển kinh tế - xã hội "
                    "huyện; phối hợp "
                    "với Ban Dân vận Huyện ủy tổng hợp những ý kiến, kiến nghị từ cơ sở, các ý kiến của MTTQ, các đoàn "
                    "thể chính trị-xã hội theo từng lĩnh vực báo cáo Thường trực Huyện ủy, Lãnh đạo UBND huyện. Tham "
                    "mưu những nội dung cần thiết trong hội nghị đối thoại cấp huyện.",
                    "Chuẩn bị các điều kiện cần thiết để phục vụ hội nghị. Sau khi kết thúc hội nghị đối "
                    "thoại tham mưu "
                    "cho Thường trực Huyện ủy, HĐND, UBND huyện thông báo kết luận yêu cầu các ngành, cơ quan "
                    "liên quan "
                    "giải quyết hoặc tham mưu văn bản kiến nghị cấp trên giải quyết (nếu vượt thẩm quyền cấp huyện).",
                    "Phối hợp Trung tâm văn hóa thông tin và thể thao huyện tuyên truyền về kế hoạch đối thoại trên "
                    "Cổng thông tin điện tử, Đài phát thanh của huyện và đưa tin về hội nghị đối thoại.",
                )
            ],
            {
                "assignee_text": "Các cơ quan chuyên môn, đơn vị trực thuộc UBND huyện",
                "assignee_role": "department_officer",
                "duty": "Căn cứ chức năng, nhiệm vụ, có trách nhiệm tham mưu cho UBND huyện trả lời các ý kiến, kiến "
                "nghị liên quan đến lĩnh vực được phân công phụ trách; trả lời các ý kiến nếu được chủ trì "
                "hội nghị đối "
                "thoại phân công.",
            },
            {
                "assignee_text": "Đảng ủy các xã, thị trấn",
                "duty": "Xây dựng kế hoạch, tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với "
                "MTTQ, các đoàn thể chính trị - xã hội và nhân dân trên địa bàn xã, thị trấn.",
                "due_date": "31/07/2023",
                "due_rule": "hoàn thành trong tháng 7",
            },
            {
                "assignee_text": "Đảng ủy các xã, thị trấn",
                "duty": "Tổng hợp ý kiến của cơ sở tham gia xây dựng Đảng, xây dựng chính quyền thuộc thẩm quyền cấp "
                "huyện, gửi về Ban Dân vận Huyện ủy và cử đại biểu dự, tham gia đối thoại tại hội nghị cấp huyện. Các "
                "ý kiến tham gia đối thoại tại hội nghị cấp huyện cần ngắn gọn, trọng tâm.",
                "due_rule": "ngay sau khi tổ chức xong hội nghị đối thoại của xã, thị trấn",
            },
        ],
        "budget_lines": [],
        "recipients": texts(
            "Thường trực Tỉnh ủy (để báo cáo);",
            "Thường trực HĐND tỉnh (để báo cáo);",
            "Lãnh đạo UBND tỉnh (để báo cáo);",
            "Ban Dân vận Tỉnh ủy (để báo cáo);",
            "Ban Thường vụ Huyện ủy;",
            "Thường trực HĐND, Lãnh đạo UBND huyện;",
            "Các ban XD Đảng;",
            "MTTQ và các đoàn thể chính trị - xã hội, các cơ quan chuyên môn thuộc UBND huyện;",
            "Đảng ủy, UBND các xã, thị trấn;",
            "Lưu VTHU.",
        ),
    },
)
