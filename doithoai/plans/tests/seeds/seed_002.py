"""Seed 002: the 2024 plan of UBND phường Đức Thắng (Hà Nội, before 2025): June and November, 80 to 200 people."""

from __future__ import annotations

from doithoai.plans.tests.seeds.base import SeedPlan, lines, texts

HALL = "Hội trường Đảng ủy - UBND phường Đức Thắng"
OFFICE = "Văn phòng UBND phường"
POLICE = "Công an phường"
ANSWER = (
    "Tham dự hội nghị đối thoại, chuẩn bị các tài liệu liên quan đến lĩnh vực phụ trách sẵn sàng trả lời trực tiếp "
    "hoặc tiếp thu ý kiến phản ánh, kiến nghị của Nhân dân liên quan đến lĩnh vực phụ trách khi được Chủ tịch UBND "
    "phường phân công."
)

SEED = SeedPlan(
    key="002",
    source="002_a17ff6603b45907e.txt",
    unit=("legacy", "commune", "00602"),  # Phường Đức Thắng, Quận Bắc Từ Liêm
    preset="ward",
    year=2024,
    departments=(OFFICE, POLICE),
    number="46/KH-UBND",
    issued_on="10/05/2024",
    notes=(
        "Number and date are blank in the seed (“Số: /KH-UBND”, “ngày tháng năm 2024”): issued as 46/KH-UBND on "
        "10/05/2024, before the June session.",
        "Its “I. MỤC ĐÍCH, YÊU CẦU” is one numbered list: entered as the purpose, requirements left empty.",
        "Its “2.3. Nội dung đối thoại” (who speaks about what) is entered as the topics; “Phương pháp đối thoại” "
        "as the method, with its 5 minutes per question also as the number.",
        "It has neither a budget section nor a closing sentence.",
    ),
    general={
        "year": "2024",
        "title": "Tổ chức hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân trên địa bàn phường Đức Thắng năm "
        "2024",
        "issuer": "committee",
        "issuer_name": "ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC THẮNG",
        "place_name": "Đức Thắng",
        "preamble": "UBND Phường Đức Thắng xây dựng kế hoạch tổ chức hội nghị đối thoại giữa Chủ tịch UBND phường với "
        "Nhân dân trên địa bàn phường Đức Thắng năm 2024 như sau:",
        "purpose": lines(
            "Nâng cao hiệu lực hiệu quả quản lý nhà nước ở địa phương và nâng cao trách nhiệm người đứng đầu cơ quan "
            "hành chính nhà nước ở địa phương.",
            "Kịp thời nắm bắt tâm tư, nguyện vọng chính đáng của Nhân dân, ý kiến, kiến nghị của Nhân dân, kịp thời "
            "phát hiện những vướng mắc, phát sinh để giải quyết và nghiên cứu đề xuất bổ sung các chủ trương, chính "
            "sách, quy định phù hợp với pháp luật và phù hợp với tình hình thực tế của phường.",
            "Tạo điều kiện để Nhân dân phát huy vai trò giám sát, kiểm tra đối với công tác lãnh đạo, chỉ đạo, điều "
            "hành của Chính quyền phường trên tất các các lĩnh vực kinh tế - xã hội, đất đai, trật tự đô thị, quốc "
            "phòng - an ninh…qua đó tham gia có hiệu quả việc hiện xây dựng chính quyền trong sạch vững mạnh.",
            "Nội dung đối thoại cần phải đảm bảo thiết thực, sát với tình hình của phường, đảm bảo chất lượng, hiệu "
            "quả.",
        ),
        "form": "mixed",
        "form_note": "Tổ chức trực tiếp hoặc phát phiếu xin ý kiến (tùy theo tình hình thực tế UBND phường có văn bản "
        "thông báo cụ thể riêng)",
        "method": lines(
            "Đối thoại theo từng vấn đề, chủ đề và câu hỏi của Nhân dân; gắn việc tuyên truyền phổ biến kiến thức "
            "pháp luật và giải thích trả lời cho Nhân dân.",
            "Trong khi đối thoại có câu hỏi ngoài nội dung đối thoại thì người chủ trì vẫn tiếp nhận và trả lời trực "
            "tiếp tại hội nghị hoặc trả lời riêng bằng văn bản, đồng thời yêu cầu đại biểu đi vào trọng tâm, nội dung "
            "của hội nghị đối thoại",
            "Mỗi đại biểu đặt câu hỏi đối thoại không quá 5 phút/câu hỏi",
        ),
        "schedule_note": "Trong tháng 6/2024 và tháng 11/2024",
        "venue": HALL,
        "min_attendance": "80",
        "max_attendance": "200",
        "minutes_per_question": "5",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Đặng Trần Phi",
    },
    sections={
        "legal_bases": [
            {"lead": "Căn cứ", "text": "Luật tổ chức chính quyền địa phương ngày 19/6/2015"},
            {
                "lead": "",
                "text": "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật tổ chức chính quyền địa "
                "phương ngày 22/11/2019",
            },
            {
                "lead": "Căn cứ",
                "text": "Nghị quyết số 97/2019/QH14 ngày 27/11/2019 của Quốc hội về thí điểm tổ chức mô hình chính "
                "quyền đô thị tại thành phố Hà Nội",
            },
            {
                "lead": "",
                "text": "Nghị định số 32/2021/NĐ-CP ngày 29/3/2021 của Chính phủ quy định chi tiết thi hành một số "
                "điều của Nghị quyết số 97/2019/QH14 ngày 27/11/2019 của Quốc hội về thí điểm tổ chức mô hình chính "
                "quyền đô thị tại thành phố Hà Nội",
            },
            {
                "lead": "Căn cứ",
                "text": "Chương trình công tác số 16-CTr/ĐU ngày 27/12/2023 của Đảng ủy phường Đức Thắng về chương "
                "trình công tác của Ban chấp hành Đảng bộ phường năm 2024",
            },
            {
                "lead": "Căn cứ",
                "text": "Quyết định 1708/QĐ-UBND ngày 04/11/2023 của UBND phường Đức Thắng về ban hành Quy chế làm "
                "việc của UBND phường Đức Thắng",
            },
            {
                "lead": "",
                "text": "Kế hoạch số 30/KH-UBND ngày 05/01/2024 về kế hoạch công tác năm của UBND phường Đức Thắng "
                "năm 2024",
            },
        ],
        "topics": texts(
            "Công chức được Chủ tịch phường phân công thông báo chương trình, nội dung buổi đối thoại; làm nhiệm vụ "
            "thư ký ghi biên bản hội nghị;",
            "Chủ tịch UBND phường hoặc phó chủ tịch UBND phường Báo cáo tóm tắt về tình hình kinh tế-xã hội, an ninh "
            "- quốc phòng trên địa bàn phường, những vấn đề Nhân dân đang quan tâm, những vấn đề dân sinh bức xúc cần "
            "xử lý…;",
            "Bí thư chi bộ, Tổ trưởng Tổ dân phố, Trưởng ban Công tác Mặt trận…, đại biểu Nhân dân tham dự hội nghị "
            "đối thoại phát biểu, nêu các vấn đề Nhân dân quan tâm về tình hình kinh tế-xã hội, an ninh - quốc phòng, "
            "đất đai, trật tự đô thị và các vấn đề khác trên địa bàn phường;",
            "Chủ tịch phường trực tiếp hoặc phân công Phó Chủ tịch, Trưởng Công an phường, Chỉ huy trưởng quân sự "
            "phường, các công chức có liên quan trao đổi, giải thích, đối thoại với người phản ánh, kiến nghị theo "
            "thẩm quyền, trách nhiệm;",
            "Chủ tịch phường tổng hợp, kết luận đối với từng nội dung phản ánh, kiến nghị. Đối với phản ánh, kiến "
            "nghị của Nhân dân có nội dung, căn cứ rõ ràng, cụ thể, thuộc thẩm quyền giải quyết thì Chủ tịch phường "
            "tiếp nhận, xem xét, chỉ đạo giải quyết. Đối với phản ánh, kiến nghị không thuộc thẩm quyền xử lý, giải "
            "quyết hoặc vụ việc có liên quan đến các cấp khác nhau, UBND phường có trách nhiệm tổng hợp báo cáo cấp "
            "có thẩm quyền giải quyết hoặc hướng dẫn Nhân dân phản ánh, kiến nghị đến cơ quan, tổ chức, người có thẩm "
            "quyền để được giải quyết.",
        ),
        "programme": [],
        "sessions": [
            {"label": "Đợt 1", "planned_month": "6", "venue": HALL},
            {"label": "Đợt 2", "planned_month": "11", "venue": HALL},
        ],
        "composition": [
            {
                "group": "Chủ trì hội nghị đối thoại",
                "role_label": "Chủ tịch UBND phường",
                "kind": "fixed",
                "quantity": "1",
            },
            {
                "group": "Đại biểu phường",
                "role_label": "Đại diện Đảng ủy phường, Ủy ban Mặt trận Tổ quốc phường, Trưởng các tổ chức đoàn thể "
                "phường",
                "kind": "fixed",
            },
            {
                "group": "Đại biểu phường",
                "role_label": "Phó Chủ tịch phường, Trưởng Công an phường, Chỉ huy trưởng Ban chỉ huy Quân sự phường "
                "và công chức chuyên môn có liên quan",
                "kind": "fixed",
            },
            {"group": "Đại biểu Nhân dân và các tổ chức", "role_label": "Bí thư các chi bộ", "kind": "fixed"},
            {
                "group": "Đại biểu Nhân dân và các tổ chức",
                "role_label": "Tổ trưởng Tổ dân phố",
                "kind": "per_village",
                "quantity": "1",
            },
            {
                "group": "Đại biểu Nhân dân và các tổ chức",
                "role_label": "Trưởng ban Ban Công tác Mặt trận",
                "kind": "per_village",
                "quantity": "1",
            },
            {
                "group": "Đại biểu Nhân dân và các tổ chức",
                "role_label": "Đại diện các Chi hội đoàn thể tại các tổ dân phố trong phường",
                "kind": "fixed",
            },
        ],
        "assignments": [
            *[
                {"assignee_text": OFFICE, "assignee_department": OFFICE, "assignee_role": "office", "duty": duty}
                for duty in (
                    "Tham mưu cho UBND phường triển khai thực hiện Kế hoạch tổ chức hội nghị đối thoại, tham mưu ban "
                    "hành thông báo, giấy mời gửi tới các thành phần tham dự theo Kế hoạch đã được ban hành.",
                    "Chuẩn bị nội dung, chương trình hội nghị đối thoại.",
                    "Tổng hợp kết quả tổ chức hội nghị đối thoại báo cáo gửi về Thường trực HĐND quận, UBND quận, Chủ "
                    "tịch UBND quận và Thường trực Đảng ủy phường theo quy định.",
                )
            ],
            {
                "assignee_text": "Công chức văn hóa - xã hội và đài truyền thanh phường",
                "assignee_role": "department_officer",
                "duty": "Thông báo công khai trên hệ thống đài truyền thanh phương, trang thông tin điện tử của phường "
                "và các phương tiện thông tin đại chúng về thời gian, địa điểm, nội dung của hội nghị đối thoại với "
                "Nhân dân.",
                "due_offset_days": "-7",
                "due_rule": "chậm nhất là 07 ngày trước ngày tổ chức hội nghị",
            },
            {
                "assignee_text": "Các cán bộ, công chức, người lao động thuộc phường",
                "assignee_role": "department_officer",
                "duty": ANSWER,
            },
            {
                "assignee_text": "Công chức tài chính - kế toán",
                "assignee_role": "department_officer",
                "duty": "Tham mưu cho UBND phường sử dụng ngân sách thực hiện cho hội nghị đối thoại",
            },
            {
                "assignee_text": "Bí thư chi bộ, Tổ trưởng Tổ dân phố, Trưởng ban Công tác Mặt trận",
                "assignee_role": "village_head",
                "duty": "Thực hiện tuyên truyền về mục đích, yêu cầu của hội nghị đối thoại, mời đại diện cán bộ và "
                "Nhân dân của tổ dân phố tham dự hội nghị đối thoại. Nắm bắt dư luận trong Nhân dân kịp thời báo cáo "
                "về UBND phường để chỉ đạo nhằm đảm bảo cho hội nghị được tổ chức an toàn, hiệu quả.",
            },
            {"assignee_text": POLICE, "assignee_department": POLICE, "duty": ANSWER},
            {
                "assignee_text": POLICE,
                "assignee_department": POLICE,
                "duty": "Bố trí lực lượng đảm bảo an ninh trật tự trước, trong và sau hội nghị đối thoại.",
            },
            {
                "assignee_text": "Đề nghị Ủy ban MTTQ và các tổ chức đoàn thể phường",
                "assignee_role": "front",
                "duty": "Phối hợp với UBND phường làm tốt công tác tuyên truyền về mục đích, ý nghĩa, yêu cầu của hội "
                "nghị đối thoại. Tham dự hội nghị đầy đủ để thực hiện theo dõi, giám sát UBND phường trong việc thực "
                "hiện tổ chức hội nghị đối thoại với Nhân dân./.",
            },
        ],
        "budget_lines": [],
        "recipients": texts(
            "Thường trực HĐND quận Bắc Từ Liêm;",
            "UBND quận Bắc Từ Liêm;",
            "Đảng ủy - UBND phường;",
            "Công chức các bộ phận chuyên môn;",
            "Các ngành, tổ chức, đoàn thể phường;",
            "Đài truyền thanh phường;",
            "Các đồng chí Bí thư chi bộ;",
            "Tổ trưởng 8 tổ dân phố thuộc phường;",
            "Trưởng ban công tác mặt trận 8 tổ dân phố;",
            "Lưu: VT,VP.",
        ),
    },
)
