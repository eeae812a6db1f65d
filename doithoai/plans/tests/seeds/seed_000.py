"""Seed 000: the 2023 plan of UBND phường Bắc Hồng (Hà Tĩnh, before 2025): two sessions, June and September."""

from __future__ import annotations

from doithoai.plans.tests.seeds.base import SeedPlan, lines, texts

WARD = "Hội trường phường Bắc Hồng hoặc Nhà văn hóa Tổ dân phố"

SEED = SeedPlan(
    key="000",
    source="000_0175d10268ee287e.txt",
    unit=("legacy", "commune", "18115"),  # Phường Bắc Hồng, Thị xã Hồng Lĩnh
    preset="ward",
    year=2023,
    departments=("Văn phòng phường",),
    number="15/KH - UBND",
    issued_on="24/03/2023",
    notes=(
        "The seed is dated 24/3/2023 and leaves its number blank (“Số: /KH - UBND”): issued as “15/KH - UBND”, "
        "spaced as the seed writes the symbol.",
        "It has no letterhead line: the issuer's name is that of the UBND phường it names and signs for.",
        "Its “Cách thức tổ chức” (what happens at the conference, in order) is entered as the programme.",
        "It has no budget section (the finance officer's duty covers it): no budget line.",
    ),
    general={
        "year": "2023",
        "title": "Tổ chức hội nghị đối thoại với nhân dân năm 2023",
        "issuer": "committee",
        "issuer_name": "ỦY BAN NHÂN DÂN PHƯỜNG BẮC HỒNG",
        "place_name": "Bắc Hồng",
        "preamble": "UBND phường Bắc Hồng phối hợp tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền "
        "với Nhân dân, cụ thể như sau:",
        "purpose": lines(
            "Nhằm giúp cấp ủy, chính quyền và người đứng đầu cơ quan Đảng, Nhà nước nắm bắt tâm tư, nguyện vọng, "
            "kiến nghị cũng như những sáng kiến của Nhân dân trong việc thực hiện các mục tiêu kinh tế - xã hội ở địa "
            "phương. Trao đổi, đối thoại để làm rõ nhiệm vụ của cấp ủy, chính quyền, trách nhiệm của người dân liên "
            "quan đến những vấn đề mà địa phương đang quan tâm, đặc biệt là công tác chỉnh trang đô thị, xây dựng "
            "phường đô thị văn minh.",
            "Tuyên truyền, phổ biến, đưa các chủ trương của Đảng, pháp luật của Nhà nước đến với Nhân dân một cách "
            "trực tiếp. Kịp thời giải quyết những khó khăn, những vấn đề Nhân dân còn có ý kiến, nhằm tạo được sự đồng "
            "thuận giữa cấp ủy Đảng, Chính quyền và Nhân dân trong việc thực hiện các nhiệm vụ phát triển kinh tế - xã "
            "hội của địa phương.",
            "Đổi mới phương thức lãnh đạo của Đảng, điều hành của Chính quyền và thực thi nhiệm vụ đội ngũ cán bộ, "
            "công chức trong quá trình thực hiện nhiệm vụ công vụ. Tăng cường mối quan hệ gắn bó mật thiết giữa Nhân "
            "dân với Đảng và Nhà nước, phát huy quyền làm chủ của Nhân dân.",
            "Thông qua đối thoại để người đứng đầu cấp ủy Đảng, Chính quyền nắm bắt tâm tư, nguyện vọng chính đáng "
            "của Nhân dân để giải quyết kịp thời; những nội dung vượt thẩm quyền thì kiến nghị lên các cấp giải quyết "
            "theo đúng quy định.",
        ),
        "requirements": lines(
            "Việc tiếp xúc, đối thoại trực tiếp với nhân dân phải được thực hiện nghiêm túc, đúng Quy chế, đảm bảo "
            "tiết kiệm, hiệu quả, thiết thực, tránh phô trương, hình thức, sát với thực tế tại địa phương; tuân thủ "
            "quy định của Đảng, pháp luật Nhà nước, bảo đảm sự lãnh đạo của Đảng, sự quản lý, điều hành của chính "
            "quyền và phát huy vai trò của Mặt trận Tổ quốc, các tổ chức chính trị XH.",
            "Việc tiếp xúc, đối thoại trực tiếp được tiến hành công khai, minh bạch, dân chủ, khách quan, thẳng thắn, "
            "trọng tâm, trọng điểm với tinh thần xây dựng vì lợi ích chung, thực hiện tốt phương châm “dân biết, dân "
            "bàn, dân làm, dân kiểm tra”. Chương trình, chủ đề, nội dung, thời gian và địa điểm tiếp xúc, đối thoại "
            "phải được thông báo rộng rãi trên hệ thống truyền thanh để nhân dân được biết và tham gia.",
        ),
        "form": "in_person",
        "schedule_note": "Tổ chức 02 đợt, mỗi đợt 01 buổi; dự kiến vào tháng 6 và tháng 9 năm 2023.",
        "venue": f"{WARD} (Thời gian, địa điểm cụ thể có giấy mời riêng)",
        "closing": "Trên đây là kế hoạch tổ chức đối thoại người đứng đầu Cấp ủy, Chính quyền với Nhân dân năm 2023 "
        "của UBND phường Bắc Hồng./.",
        "signing_authority": "TM ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Viết Khanh",
    },
    sections={
        "legal_bases": [
            {"lead": "Thực hiện", "text": "Điều 125 Luật tổ chức chính quyền địa phương ngày 19/6/2015"},
            {
                "lead": "",
                "text": "Quy định số 11-QĐi/TW ngày 18/02/2019 của Ban chấp hành trung ương Đảng quy định về trách "
                "nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp với Nhân dân và xử lý những "
                "phản ánh, kiến nghị của dân",
            },
            {
                "lead": "Căn cứ",
                "text": "Quyết định số 657-QĐ/TU ngày 04/4/2018 của Ban thường vụ Tỉnh ủy về việc ban hành Quy chế "
                "tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền các cấp với Nhân dân trên "
                "địa bàn tỉnh Hà Tĩnh",
            },
            {
                "lead": "Căn cứ",
                "text": "Quyết định số 252-QĐ/ThU, ngày 17/7/2017 của Ban Thường vụ Thị ủy về ban hành quy chế tiếp "
                "xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền các cấp với Nhân dân trên địa "
                "bàn",
            },
        ],
        "topics": texts(
            "Các vấn đề liên quan đến công tác xây dựng kết cấu hạ tầng, chỉnh trang đô thị, xây dựng phường đô thị "
            "văn minh; công tác quản lý nhà nước về đất đai - môi trường, chính sách xã hội, cải cách hành chính, công "
            "tác chuyển đổi số, ứng dụng các dịch vụ công trong giao dịch hành chính, công tác xây dựng Đảng và hệ "
            "thống chính trị."
        ),
        "programme": texts(
            "Thông báo thực trạng tình hình và kết quả xử lý các vấn đề tồn đọng đất đai, quy hoạch đô thị, chính "
            "sách xã hội, trật tự đô thị, vệ sinh môi trường trên địa bàn; kết quả huy động nguồn lực chỉnh trang đô "
            "thị, xây dựng phường đô thị văn minh năm 2023.",
            "Tổ chức tuyên truyền phổ biến pháp luật liên quan đến chế độ chính sách xã hội, công tác chuyển đổi số, "
            "cài đặt định danh điện tử (VNeID), ứng dụng các dịch vụ công trong giao dịch hành chính, công tác phòng "
            "chống tham nhũng,...",
            "Nghe đại diện cấp ủy, chính quyền, đoàn thể các địa phương và bà con nhân dân phản ánh tâm tư, nguyện "
            "vọng, những vấn đề khó khăn trong giải quyết các vụ việc tồn đọng đất đai, quy hoạch đô thị, chính sách "
            "xã hội, trật tự đô thị, vệ sinh môi trường đất đai và huy động nguồn lực chỉnh trang đô thị.",
            "Tiếp thu, trao đổi, chia sẻ những khó khăn, đồng thời trực tiếp chỉ đạo, giải quyết những kiến nghị của "
            "nhân dân trong quá trình tiếp xúc, đối thoại.",
        ),
        "sessions": [
            {"label": "Đợt 1", "planned_month": "6", "venue": WARD, "note": "01 buổi"},
            {"label": "Đợt 2", "planned_month": "9", "venue": WARD, "note": "01 buổi"},
        ],
        "composition": [
            {
                "group": "Chủ trì đối thoại",
                "role_label": "Đ/c Bí thư Đảng ủy - CT HĐND và đ/c PBT Đảng ủy - Chủ tịch UBND phường",
                "kind": "fixed",
                "quantity": "2",
            },
            {
                "group": "Các đại biểu tham gia đối thoại và giải đáp những vấn đề nhân dân có ý kiến và chủ trì cuộc "
                "đối thoại yêu cầu",
                "role_label": "Đ/c PBT Đảng ủy, PCT HĐND, PCT UBND, công chức chuyên môn, người hoạt động không "
                "chuyên trách thuộc UBND phường",
                "kind": "fixed",
            },
            {"group": "Đại biểu tham gia đối thoại", "role_label": "Thường trực UBMTTQ", "kind": "fixed"},
            {
                "group": "Đại biểu tham gia đối thoại",
                "role_label": "Ban thường vụ các đoàn thể chính trị xã hội",
                "kind": "fixed",
            },
            {
                "group": "Đại biểu tham gia đối thoại",
                "role_label": "Thường trực các Hội xã hội phường",
                "kind": "fixed",
            },
            {
                "group": "Đại biểu tham gia đối thoại",
                "role_label": "Các đ/c Bí thư chi bộ các tổ dân phố",
                "kind": "per_village",
                "quantity": "1",
            },
            {
                "group": "Đại biểu tham gia đối thoại",
                "role_label": "Tổ trưởng TDP",
                "kind": "per_village",
                "quantity": "1",
            },
            {
                "group": "Đại biểu tham gia đối thoại",
                "role_label": "Trưởng ban CTMT các tổ dân phố",
                "kind": "per_village",
                "quantity": "1",
            },
            {
                "group": "Đại biểu tham gia đối thoại",
                "role_label": "Toàn thể bà con Nhân dân trên toàn phường",
                "kind": "open",
            },
        ],
        "assignments": [
            {
                "assignee_text": "Cán bộ, công chức chuyên môn",
                "assignee_role": "department_officer",
                "duty": "Trên cơ sở chức năng nhiệm vụ được giao chuẩn bị các nội dung đề tham gia đối thoại, giải đáp "
                "với nhân dân.",
            },
            {
                "assignee_text": "Văn phòng phường",
                "assignee_department": "Văn phòng phường",
                "assignee_role": "office",
                "duty": "Tham mưu ban hành Giấy mời dự hội nghị; chuẩn bị hội trường, loa máy, nước uống và các điều "
                "kiện khác phục vụ hội nghị.",
            },
            {
                "assignee_text": "Công chức Tài chính – Kế toán",
                "assignee_role": "department_officer",
                "duty": "Đảm bảo kinh phí phục vụ hội nghị.",
            },
            {
                "assignee_text": "Công chức Tư pháp",
                "assignee_role": "department_officer",
                "duty": "Chuẩn bị các văn bản QPPL liên quan đến người dân để tuyên truyền phổ biến pháp luật tại hội "
                "nghị.",
            },
            {
                "assignee_text": "Công chức Văn hóa",
                "assignee_role": "department_officer",
                "duty": "Đăng tải nội dung kế hoạch lên trang TTĐT phường; làm bài tuyên truyền, thông báo rộng rãi "
                "trên hệ thống truyền thanh của phường và tổ dân phố để người dân được biết.",
            },
            {
                "assignee_text": "Các đồng chí cấp ủy, Tổ trưởng các tổ dân phố",
                "assignee_role": "village_head",
                "duty": "Thông báo nội dung kế hoạch đến toàn thể Nhân dân trong tổ dân phố biết, tham gia đối thoại.",
            },
            {
                "assignee_text": "Đề nghị Ủy ban MTTQ và các đoàn thể chính trị - xã hội phường",
                "assignee_role": "front",
                "duty": "Tuyên truyền, nắm bắt tâm tư, nguyện vọng của các tầng lớp nhân dân, những vấn đề nhân dân "
                "quan tâm liên quan đến chủ đề đối thoại, tham gia hội nghị đầy đủ.",
            },
        ],
        "budget_lines": [],
        "recipients": texts(
            "TT Đảng ủy, HĐND phường;",
            "Chủ tịch, các PCT UBND phường;",
            "UBMTTQ và các Đoàn thể phường;",
            "CB, công chức phường;",
            "Cấp ủy, BCS các TDP;",
            "Lưu: VP.",
        ),
    },
)
