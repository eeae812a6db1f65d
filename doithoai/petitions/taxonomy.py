"""The default list of sectors (lĩnh vực) a unit starts from: domain-spec §7.2, level 1.

Each unit gets its own editable copy (`actions.sectors_ensure`); the codes stay, so reports can be
added up across units even where a commune renamed or added sectors.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEFAULT_SECTORS = [
    ("DD", _("Đất đai")),
    ("TNMT", _("Tài nguyên – môi trường")),
    ("XD-GT-HT", _("Xây dựng – giao thông – hạ tầng")),
    ("NN", _("Nông nghiệp – nông thôn")),
    ("KT-TC", _("Kinh tế – tài chính – ngân sách")),
    ("CS-LD", _("Chính sách xã hội – lao động – người có công")),
    ("YT", _("Y tế – BHYT")),
    ("GD", _("Giáo dục – đào tạo")),
    ("VH-TT", _("Văn hóa – thông tin – thể thao")),
    ("ANTT", _("Quốc phòng – an ninh – trật tự")),
    ("CCHC", _("Cải cách hành chính – dịch vụ công")),
    ("TP", _("Tư pháp – hộ tịch – hòa giải")),
    ("XDCQ", _("Xây dựng chính quyền – tổ chức bộ máy")),
    ("XDD-MT", _("Xây dựng Đảng – Mặt trận – đoàn thể")),
    ("DT-TG", _("Dân tộc – tôn giáo")),
    ("PCTN", _("Phòng, chống tham nhũng, tiêu cực")),
    ("KHAC", _("Khác")),
]
