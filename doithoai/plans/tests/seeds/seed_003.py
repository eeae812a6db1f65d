"""Seed 003: the 2023 plan of UBND xã Hoằng Trường (Thanh Hóa, before 2025): no legal bases, one dated session."""

from __future__ import annotations

from doithoai.plans.tests.seeds.base import SeedPlan, lines, texts

HALL = "Hội trường công sở xã Hoằng Trường"
PREPARATION = "UBND xã (công tác chuẩn bị)"

SEED = SeedPlan(
    key="003",
    source="003_7414d4dbb2642779.txt",
    unit=("legacy", "commune", "16006"),  # Xã Hoằng Trường, Huyện Hoằng Hóa
    preset="commune",
    year=2023,
    departments=("Văn phòng UBND xã",),
    number="98/KH-UBND",
    issued_on="20/11/2023",
    notes=(
        "No number, no date and no letterhead in the seed: issued as 98/KH-UBND on 20/11/2023, more than 7 days "
        "before its conference of 08/12/2023; the issuer's name is that of the UBND xã that builds the plan.",
        "It cites no legal basis: its opening paragraph is the preamble.",
        "“Nguyên tắc tiếp xúc, đối thoại” is the method; “Công tác chuẩn bị” (six steps, one due 07 days before) "
        "is entered as duties of the UBND xã.",
        "Its budget sentence names only a source: one budget line with that source and no amount.",
    ),
    general={
        "year": "2023",
        "title": "Tổ chức buổi tiếp xúc, đối thoại với nhân dân năm 2023",
        "issuer": "committee",
        "issuer_name": "ỦY BAN NHÂN DÂN XÃ HOẰNG TRƯỜNG",
        "place_name": "Hoằng Trường",
        "preamble": "Để tăng cường sự gần gũi giữa chính quyền với nhân dân, nâng cao trách nhiệm của người đứng đầu "
        "trong quá trình thực hiện nhiệm vụ, góp phần mở rộng hình thức dân chủ và tạo sự đồng thuận cao trong xã "
        "hội. Đồng thời, tiếp tục duy trì và đổi mới việc tổ chức định kỳ các buổi tiếp xúc, đối thoại với nhân dân "
        "trên địa bàn xã trong năm 2023 và các năm tiếp theo. Uỷ ban nhân dân xã Hoằng Trường xây dựng Kế hoạch "
        "thực hiện như sau:",
        "purpose": lines(
            "Tiếp tục đẩy mạnh phát huy dân chủ ở chính quyền xã để kịp thời nắm bắt tâm tư, nguyện vọng của nhân "
            "dân, nhanh chóng giải quyết thỏa đáng những kiến nghị, yêu cầu chưa được giải quyết của người dân, qua "
            "đó, hạn chế việc người dân khiếu nại, tố cáo vượt cấp;",
            "Thông qua các buổi tiếp xúc, đối thoại với nhân dân để nâng cao năng lực, phong cách ứng xử, trình độ "
            "chuyên môn, tinh thần, thái độ phục vụ trong thực thi công vụ của cán bộ, công chức;",
            "Thực hiện đối thoại, tiếp xúc với nhân dân cần nghiên cứu, lựa chọn những vấn đề nổi cộm mà dư luận "
            "đang quan tâm cần tháo gỡ, giải quyết kịp thời. Trong và sau tiếp xúc, đối thoại các vấn đề nêu ra phải "
            "được giải quyết kịp thời, đúng quy định của pháp luật để tạo niềm tin trong nhân dân.",
        ),
        "form": "in_person",
        "method": lines(
            'Thực hiện hiệu quả các phương châm như: "nghe dân nói – nói dân hiểu – làm dân tin"; "dân biết – dân '
            'bàn – dân làm – dân kiểm tra" để nhân dân tham gia góp ý xây dựng chính quyền;',
            "Đảm bảo dân chủ, công khai, tôn trọng lẫn nhau; chấp hành nghiêm đường lối chủ trương, chính sách của "
            "Đảng, pháp luật của Nhà nước; không được lợi dụng buổi tiếp xúc, đối thoại để thực hiện ý đồ xấu.",
        ),
        "schedule_note": "½ ngày, ngày 08 tháng 12 năm 2023.",
        "venue": HALL,
        "closing": "Trên đây là Kế hoạch tổ chức buổi tiếp xúc, đối thoại với nhân dân trên địa bàn xã Hoằng Trường "
        "trong năm 2023.",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Lê Thanh Cảnh",
    },
    sections={
        "legal_bases": [],
        "topics": texts(
            "Những vấn đề phát sinh khi thực hiện những chủ trương của Đảng, chính sách, pháp luật của Nhà nước;",
            "Các vấn đề về phát triển kinh tế, văn hóa, xã hội, an ninh trật tự ở địa phương;",
            "Mối quan hệ giữa Đảng bộ, chính quyền, các ngành, đoàn thể với nhân dân; những khó khăn, bức xúc trong "
            "quá trình giải quyết thủ tục hành chính của người dân;",
            "Những dư luận xã hội mà người dân quan tâm, thắc mắc cần tháo gỡ, giải quyết kịp thời.",
        ),
        "programme": [],
        "sessions": [
            {
                "label": "Buổi tiếp xúc, đối thoại với nhân dân năm 2023",
                "planned_date": "08/12/2023",
                "venue": HALL,
                "note": "½ ngày",
            }
        ],
        "composition": [
            {
                "group": "Đối với UBND xã",
                "role_label": "Thường trực Đảng ủy- Hội đồng nhân dân, UBND, UB MTTQ Việt Nam, trưởng các đoàn thể "
                "và các công chức",
                "kind": "fixed",
            },
            {
                "group": "Đối với UBND xã",
                "role_label": "Chủ tịch UBND xã là chủ tọa của buổi tiếp xúc, đối thoại",
                "kind": "fixed",
                "quantity": "1",
            },
            {"group": "Đối với các đơn vị thôn", "role_label": "Bí thư chi bộ", "kind": "per_village", "quantity": "1"},
            {"group": "Đối với các đơn vị thôn", "role_label": "Trưởng thôn", "kind": "per_village", "quantity": "1"},
            {"group": "Đối với các đơn vị thôn", "role_label": "Ban công tác Mặt trận thôn", "kind": "fixed"},
            {
                "group": "Tùy tình hình thực tế và nội dung của buổi tiếp xúc, đối thoại",
                "role_label": "Đại diện cơ quan trên địa bàn hoặc đại diện cơ quan trực tiếp có liên quan",
                "kind": "fixed",
            },
            {
                "group": "Tùy tình hình thực tế và nội dung của buổi tiếp xúc, đối thoại",
                "role_label": "Đại diện nhân dân trên địa bàn xã",
                "kind": "fixed",
            },
        ],
        "assignments": [
            *[
                {"assignee_text": PREPARATION, "assignee_role": "office", "duty": duty}
                for duty in (
                    "Xây dựng Kế hoạch tiếp xúc, đối thoại với nhân dân, cần nêu rõ mục đích, yêu cầu, nội dung, thành "
                    "phần tham dự, thời gian, địa điểm và phân công tổ chức thực hiện;",
                    "Chuẩn bị chương trình, nội dung và tài liệu phục vụ buổi tiếp xúc, đối thoại;",
                    "Chọn nhân sự tham gia tiếp xúc, đối thoại, thư ký và bộ phận giúp việc; giao nhiệm vụ cụ thể cho "
                    "từng cá nhân, từng bộ phận đảm nhiệm trong các giai đoạn: chuẩn bị, thực hiện và xử lý công việc "
                    "sau buổi tiếp xúc, đối thoại;",
                    "Chọn địa điểm tiếp xúc, đối thoại phải đảm bảo trang trọng, an toàn về an ninh, trật tự, có đủ "
                    "điều kiện cần thiết phục vụ cho việc tiếp xúc, đối thoại;",
                    "Khi tiếp xúc, đối thoại với nhân dân thì cán bộ, công chức phải mặc trang phục lịch sự, giản dị, "
                    "phù hợp, đeo thẻ công chức theo quy định, phải có thái độ hòa nhã, thân thiện, lắng nghe ý kiến "
                    "đóng góp của nhân dân;",
                )
            ],
            {
                "assignee_text": PREPARATION,
                "assignee_role": "office",
                "duty": "Khi công tác chuẩn bị đã hoàn chỉnh, chậm nhất trước 07 ngày khi tổ chức buổi tiếp xúc, đối "
                "thoại thì UBND xã phải gửi giấy mời và thông báo rộng rãi trên hệ thống đài truyền thanh để nhân dân "
                "biết tham dự.",
                "due_offset_days": "-7",
                "due_rule": "chậm nhất trước 07 ngày khi tổ chức buổi tiếp xúc, đối thoại",
            },
            {
                "assignee_text": "Văn phòng UBND xã",
                "assignee_department": "Văn phòng UBND xã",
                "assignee_role": "office",
                "duty": "Giúp Lãnh đạo UBND xã cụ thể hóa Kế hoạch này thành chương trình chi tiết từng hội nghị tuyên "
                "truyền, đối thoại.",
            },
            {
                "assignee_text": "Văn phòng UBND xã",
                "assignee_department": "Văn phòng UBND xã",
                "assignee_role": "office",
                "duty": "Phối hợp với Công chức Tài chính – Ngân sách lập dự trù kinh phí; chuẩn bị các điều kiện cần "
                "thiết để tổ chức các đợt tuyên truyền, đối thoại; lập các thủ tục thanh toán chi phí tổ chức các hội "
                "nghị theo quy định.",
            },
            {
                "assignee_text": "Công chức Tài chính – Ngân sách",
                "assignee_role": "department_officer",
                "duty": "Có trách nhiệm đảm bảo kinh phí phục vụ các hội nghị; hướng dẫn và thanh quyết toán theo quy "
                "định.",
            },
        ],
        "budget_lines": [
            {
                # The seed gives one sum for the whole conference: "Chi khác", not one of the lines.
                "category": "other",
                "item": "Kinh phí tổ chức buổi tiếp xúc, đối thoại",
                "source": "Được cân đối trong kinh phí hoạt động năm 2023 của UBND xã",
            }
        ],
        "recipients": texts(
            "UBND huyện (b/c);",
            "TV ĐU – TT HĐND xã (b/c);",
            "Chủ tịch, PCT UBND xã;",
            "Thôn trưởng 9 thôn;",
            "Đài Truyền thanh xã;",
            "Lưu: VT.",
        ),
    },
)
