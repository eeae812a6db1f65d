"""The list sections of a plan: which model holds each, and which of its fields a row carries.

Actions, forms and pages all read this table, so that a section is edited the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from doithoai.plans.models import (
    Assignment,
    BudgetLine,
    CompositionRule,
    LegalBasis,
    PlannedSession,
    ProgrammeItem,
    Recipient,
    Topic,
)


@dataclass(frozen=True)
class Section:
    key: str  # the plan's related name, and the URL slug's key
    slug: str  # in the URL: /ke-hoach/<id>/<slug>/
    model: type[Model]
    fields: tuple[str, ...]
    title: Promise
    help: Promise | str = ""


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in [
        Section(
            "legal_bases",
            "can-cu",
            LegalBasis,
            ("lead", "text"),
            _("Căn cứ"),
            _("Mỗi dòng một văn bản làm căn cứ; các văn bản mẫu trích luật hiện hành, có thể sửa."),
        ),
        Section("topics", "noi-dung", Topic, ("text",), _("Nội dung đối thoại")),
        Section("programme", "chuong-trinh", ProgrammeItem, ("text",), _("Chương trình hội nghị")),
        Section(
            "sessions",
            "cac-dot",
            PlannedSession,
            ("label", "planned_month", "planned_month_end", "planned_date", "venue", "villages", "note"),
            _("Các đợt đối thoại dự kiến"),
            _("Ghi tháng dự kiến hoặc ngày cụ thể; xã lớn có thể chia theo cụm thôn."),
        ),
        Section(
            "composition",
            "thanh-phan",
            CompositionRule,
            ("group", "role_label", "kind", "quantity", "description", "for_units_below"),
            _("Thành phần tham dự"),
            _("Ví dụ: Đại diện Nhân dân, 3 đại biểu mỗi thôn."),
        ),
        Section(
            "assignments",
            "to-chuc-thuc-hien",
            Assignment,
            (
                "assignee_text",
                "assignee_department",
                "assignee_role",
                "duty",
                "due_date",
                "due_offset_days",
                "due_rule",
            ),
            _("Tổ chức thực hiện"),
        ),
        Section("budget_lines", "kinh-phi", BudgetLine, ("category", "item", "amount", "source"), _("Kinh phí")),
        Section("recipients", "noi-nhan", Recipient, ("text",), _("Nơi nhận")),
    ]
}

BY_SLUG: dict[str, Section] = {s.slug: s for s in SECTIONS.values()}
