"""The five seed plans (../shared/seeds/), entered through the plan pages and issued, fit the model.

Each test does what the unit's office does: create a draft from the closest preset, fill in the general page,
then every section page (overwriting the preset's rows, ticking off the extra ones, adding rows two blank
rows at a time, as the page offers), and the chair issues it with a number and a date. The stored plan and
the plan's page must then read as the seed does. Where a seed is read rather than copied (a blank number,
an unnamed district, a slip of the pen), its `notes` say so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.core.testing import PASSWORD
from doithoai.lib.text import fold
from doithoai.lib.vndates import place_and_date
from doithoai.plans.actions import MAIN_FIELDS, plan_create_from_preset
from doithoai.plans.models import Plan, PlanStatus, QuotaKind
from doithoai.plans.sections import SECTIONS
from doithoai.plans.tests.seeds import SEEDS, pages, seed_004
from doithoai.plans.tests.seeds.base import SeedPlan
from doithoai.units.models import AdminUnit, Department

SEED_KEYS = sorted(SEEDS)
# The five seed plans (public administrative documents), copied from ../shared/seeds/.
SEED_TEXTS = Path(__file__).resolve().parent / "seeds" / "texts"


def unit_of(seed: SeedPlan) -> AdminUnit:
    era, level, code = seed.unit
    return AdminUnit.objects.get(era=era, level=level, code=code)


def staff_of(cast: Any, unit: AdminUnit) -> tuple[User, User]:
    """The unit's office (who drafts) and chair (who issues)."""
    if unit.pk == cast.commune_a.pk:
        return cast.officer_a, cast.chair_a
    accounts = []
    for role in (Role.OFFICE, Role.CHAIR):
        user = User(username=f"{role}_{unit.code}", full_name=f"{role} {unit.name}")
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, unit=unit, role=role)
        accounts.append(user)
    return accounts[0], accounts[1]


def enter(client: Any, cast: Any, seed: SeedPlan) -> Plan:
    """The seed typed into the pages by the unit's office, then issued by its chair."""
    unit = unit_of(seed)
    office, chair = staff_of(cast, unit)
    for name in seed.departments:
        Department.objects.get_or_create(unit=unit, name=name)
    client.force_login(office)
    plan_id = pages.create_plan(client, unit.pk, seed.preset, seed.year)
    pages.edit_general(client, unit.pk, plan_id, seed.general)
    for key, rows in seed.sections.items():
        pages.enter_rows(client, unit.pk, plan_id, SECTIONS[key].slug, rows)
    client.force_login(chair)
    response = pages.issue(client, unit.pk, plan_id, seed.number, seed.issued_on)
    assert response.status_code == 302, pages.errors_of(response)
    return Plan.objects.get(pk=plan_id)


def as_typed(value: Any) -> Any:
    """A stored value as the page's box shows it."""
    if value is None:
        return ""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Department):
        return value.name
    if isinstance(value, int | Decimal):
        return str(value)
    raise AssertionError(f"unexpected {value!r}")


def blank(field: str) -> Any:
    return False if field == "for_units_below" else ""


def assert_stored(plan: Plan, seed: SeedPlan, unit: AdminUnit) -> None:
    assert plan.unit_id == unit.pk
    assert (plan.status, plan.number.strip(), as_typed(plan.issued_on)) == (
        PlanStatus.ISSUED,
        seed.number.strip(),
        seed.issued_on,
    )
    for name in MAIN_FIELDS:
        if name == "number" or (unit.level == "commune" and name in {"units_below_deadline", "forward_issues_to"}):
            continue
        assert as_typed(getattr(plan, name)) == seed.general.get(name, ""), name
    for key, rows in seed.sections.items():
        spec = SECTIONS[key]
        stored = list(getattr(plan, key).all())
        assert len(stored) == len(rows), key
        for index, (obj, row) in enumerate(zip(stored, rows, strict=True)):
            for field in spec.fields:
                if field == "villages":
                    assert not obj.villages.exists()
                    continue
                assert as_typed(getattr(obj, field)) == row.get(field, blank(field)), f"{key} {index} {field}"


def seed_lines(seed: SeedPlan) -> list[str]:
    """What a reader of the plan's page must find there, as the seed writes it."""
    general = seed.general
    found = [general["title"], general["issuer_name"], general["preamble"], general["signer_name"]]
    found += [general[name] for name in ("venue", "schedule_note", "closing", "form_note") if general.get(name)]
    for name in ("purpose", "requirements", "method", "backdrop_text"):
        found += [line for line in general.get(name, "").splitlines() if line]
    for basis in seed.sections["legal_bases"]:
        found.append(f"{basis['lead']} {basis['text']};" if basis["lead"] else f"{basis['text']};")
    for key in ("topics", "programme", "recipients"):
        found += [row["text"] for row in seed.sections[key]]
    for session in seed.sections["sessions"]:
        found.append(session["label"])
    for rule in seed.sections["composition"]:
        found += [rule["role_label"], rule.get("group", ""), rule.get("description", "")]
    for duty in seed.sections["assignments"]:
        found += [duty["assignee_text"], duty["duty"], duty.get("due_rule", "")]
    for line in seed.sections["budget_lines"]:
        found += [line["item"], line.get("source", "")]
    return [" ".join(text.split()) for text in found if text]


# Where the entry reads a seed instead of copying it (see each seed's notes): a session's name, a duty whose
# deadline moved to its own box, a heading that names no one, "(để báo cáo)" placed on its recipients.
READ_NOT_COPIED = {
    "000": {"Đợt 1", "Đợt 2", "Các đ/c Bí thư chi bộ các tổ dân phố"},
    "001": {
        "Hội nghị đối thoại năm 2026",
        "Tổng hợp, phân loại; xây dựng Báo cáo kết",
        "Tổng hợp danh sách đại biểu thôn và đại d",
        "Thông báo rộng rãi trên các phương tiện t",
    },
    "002": {"Đợt 1", "Đợt 2", "Thông báo công khai trên hệ thống đài tru"},
    "003": {"UBND xã (công tác chuẩn bị)", "Kinh phí tổ chức buổi tiếp xúc, đối thoạ"},
    "004": {
        "Chỉ đạo MTTQ, các đoàn thể chính trị - xã",
        "Thường trực Tỉnh ủy (để báo cáo);",
        "Thường trực HĐND tỉnh (để báo cáo);",
        "Lãnh đạo UBND tỉnh (để báo cáo);",
        "Ban Dân vận Tỉnh ủy (để báo cáo);",
    },
}


def _fragments(seed: SeedPlan) -> list[str]:
    general = seed.general
    found = [
        line
        for name in ("purpose", "requirements", "method", "backdrop_text")
        for line in general.get(name, "").splitlines()
    ]
    found += [general.get(name, "") for name in ("title", "preamble", "closing", "schedule_note", "venue", "form_note")]
    found += [general.get(name, "") for name in ("signing_authority", "signer_name")]
    fields = (
        "text",
        "duty",
        "role_label",
        "description",
        "due_rule",
        "label",
        "assignee_text",
        "item",
        "source",
        "group",
    )
    found += [row[f] for rows in seed.sections.values() for row in rows for f in fields if row.get(f)]
    return [text for text in found if text]


@pytest.mark.parametrize("key", SEED_KEYS)
def test_it_enters_each_seed_in_its_own_words(key):
    """Every text typed for a seed is the seed's (compared without diacritics, case or white space), but for
    the few readings listed above (by their first 40 characters)."""
    folder = SEED_TEXTS
    seed = SEEDS[key]
    source = "".join(fold((folder / seed.source).read_text()).replace("*", "").split())
    not_in_source = {text[:40] for text in _fragments(seed) if "".join(fold(text).split()) not in source}
    assert not_in_source == {text[:40] for text in READ_NOT_COPIED[key]}


def test_it_enters_every_seed_file_there_is():
    assert sorted(p.name for p in SEED_TEXTS.glob("*.txt")) == sorted(s.source for s in SEEDS.values())


def test_the_copies_of_the_seeds_are_the_shared_ones():
    """The seeds are copied into the project so that CI checks them on a bare clone; here, the copies
    have not drifted from ../shared/seeds (when the workplace has it next to the project)."""
    shared = Path(__file__).resolve().parents[4] / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("../shared/seeds is not next to the project")
    assert sorted(p.name for p in shared.glob("*.txt")) == sorted(p.name for p in SEED_TEXTS.glob("*.txt"))
    for copy in SEED_TEXTS.glob("*.txt"):
        assert copy.read_text() == (shared / copy.name).read_text(), copy.name


@pytest.mark.parametrize("key", SEED_KEYS)
def test_it_takes_each_seed_plan_through_the_pages_and_stores_it_as_written(client, cast, key):
    seed = SEEDS[key]
    unit = unit_of(seed)
    plan = enter(client, cast, seed)
    assert_stored(plan, seed, unit)

    response = client.get(reverse("plans:detail", args=[unit.pk, plan.pk]))
    page = pages.page_text(response)
    missing = [line for line in seed_lines(seed) if line not in page]
    assert not missing, missing
    assert "Căn cứ Thực hiện" not in page and "Căn cứ Căn cứ" not in page
    day, month, year = (int(part) for part in seed.issued_on.split("/"))
    issued = dt.date(year, month, day)
    assert place_and_date(seed.general["place_name"], issued) in page
    party = seed.general["issuer"] == "party"
    assert (f"Số {seed.number}" if party else f"Số: {seed.number}") in page
    assert ("ĐẢNG CỘNG SẢN VIỆT NAM" in page) is party
    assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page) is not party


def test_it_fits_seed_000_two_sessions_open_to_every_citizen_and_bases_led_by_thuc_hien(client, cast):
    seed = SEEDS["000"]
    plan = enter(client, cast, seed)
    assert [(s.label, s.planned_month, s.note) for s in plan.sessions.all()] == [
        ("Đợt 1", 6, "01 buổi"),
        ("Đợt 2", 9, "01 buổi"),
    ]
    everyone = plan.composition.get(kind=QuotaKind.OPEN)
    assert (everyone.role_label, everyone.quantity) == ("Toàn thể bà con Nhân dân trên toàn phường", None)
    assert [(b.lead, b.text[:20]) for b in plan.legal_bases.all()][:2] == [
        ("Thực hiện", "Điều 125 Luật tổ chứ"),
        ("", "Quy định số 11-QĐi/T"),
    ]
    assert not plan.budget_lines.exists()
    page = pages.page_text(client.get(reverse("plans:detail", args=[plan.unit_id, plan.pk])))
    assert "Thực hiện Điều 125 Luật tổ chức chính quyền địa phương ngày 19/6/2015;" in page
    assert "Đợt 1: tháng 6/2023" in page and "Đợt 2: tháng 9/2023" in page


def test_it_fits_seed_001_quotas_per_village_and_deadlines_counted_from_the_conference(client, cast):
    seed = SEEDS["001"]
    plan = enter(client, cast, seed)
    per_village = {r.role_label: r.quantity for r in plan.composition.filter(kind=QuotaKind.PER_VILLAGE)}
    assert per_village == {
        "Trưởng các thôn trên địa bàn xã": 1,
        "Đại diện Ban Công tác Mặt trận Tổ quốc thôn": 1,
        "Chi hội trưởng các Chi hội đoàn thể thôn": 4,
        "Đại diện Nhân dân trên địa bàn xã": 3,
    }
    offsets = sorted((a.assignee_text, a.due_offset_days) for a in plan.assignments.exclude(due_offset_days=None))
    assert offsets == [
        ("Trung tâm Dịch vụ Công ích", -7),
        ("Trưởng các thôn", -3),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã", -3),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã", -3),
    ]
    linked = {
        a.assignee_department.name for a in plan.assignments.exclude(assignee_department=None) if a.assignee_department
    }
    assert linked == set(seed.departments)
    assert plan.backdrop_text.splitlines()[0] == "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE"
    assert plan.sessions.get().planned_month is None  # "Thời gian cụ thể sẽ thông báo sau"
    page = pages.page_text(client.get(reverse("plans:detail", args=[plan.unit_id, plan.pk])))
    assert "Đại diện Nhân dân trên địa bàn xã – 3 người/thôn, tổ dân phố (dự kiến 03 đại biểu/thôn)" in page


def test_it_fits_seed_002_attendance_range_mixed_form_and_method(client, cast):
    plan = enter(client, cast, SEEDS["002"])
    assert (plan.min_attendance, plan.max_attendance, plan.minutes_per_question) == (80, 200, 5)
    assert plan.form == "mixed"
    assert plan.form_note.startswith("Tổ chức trực tiếp hoặc phát phiếu xin ý kiến")
    assert len(plan.method.splitlines()) == 3
    assert [s.planned_month for s in plan.sessions.all()] == [6, 11]
    assert not plan.programme.exists() and not plan.budget_lines.exists()
    assert plan.signing_authority == ""  # "CHỦ TỊCH" signs alone
    page = pages.page_text(client.get(reverse("plans:detail", args=[plan.unit_id, plan.pk])))
    assert "Số lượng: từ 80 đến 200 người" in page
    assert "Kết hợp (trực tiếp, trực tuyến hoặc phát phiếu) (Tổ chức trực tiếp hoặc phát phiếu xin ý kiến" in page


def test_it_fits_seed_003_no_legal_basis_and_a_session_on_a_date(client, cast):
    plan = enter(client, cast, SEEDS["003"])
    assert not plan.legal_bases.exists()
    session = plan.sessions.get()
    assert (session.planned_date, session.planned_month, session.note) == (dt.date(2023, 12, 8), None, "½ ngày")
    line = plan.budget_lines.get()
    assert (line.amount, line.source) == (None, "Được cân đối trong kinh phí hoạt động năm 2023 của UBND xã")
    assert plan.assignments.get(due_offset_days=-7).assignee_text == "UBND xã (công tác chuẩn bị)"
    page = pages.page_text(client.get(reverse("plans:detail", args=[plan.unit_id, plan.pk])))
    assert "Buổi tiếp xúc, đối thoại với nhân dân năm 2023: ngày 08/12/2023" in page


def test_it_fits_seed_004_a_party_plan_binding_the_communes_below(client, cast):
    seed = SEEDS["004"]
    plan = enter(client, cast, seed)
    assert (plan.issuer, plan.unit.level, plan.unit.era) == ("party", "district", "legacy")
    assert plan.units_below_deadline == dt.date(2023, 7, 31)
    assert plan.forward_issues_to == "Ban Dân vận Huyện ủy"
    session = plan.sessions.get()
    assert (session.planned_month, session.planned_month_end) == (8, 9)
    own = plan.composition.filter(for_units_below=False)
    below = plan.composition.filter(for_units_below=True)
    assert (own.count(), below.count()) == (8, 11)
    assert sorted(r.quantity or 0 for r in own.filter(kind=QuotaKind.PER_COMMUNE)) == [2, 3]
    assert plan.assignments.get(due_date=dt.date(2023, 8, 5)).assignee_role == Role.FRONT
    page = pages.page_text(client.get(reverse("plans:detail", args=[plan.unit_id, plan.pk])))
    assert "Hội nghị đối thoại cấp huyện: tháng 8-9/2023" in page
    assert "Mọi đơn vị cấp dưới tổ chức xong hội nghị đối thoại của mình trước ngày 31/7/2023." in page
    assert "* Hội nghị của đơn vị cấp dưới: Đại biểu huyện" in page
    assert "* Hội nghị của đơn vị cấp dưới: Đại biểu xã, thị trấn" in page
    assert "Số 125-KH/HU" in page and "Số: 125-KH/HU" not in page


def test_it_refuses_seed_004s_slip_of_the_pen_in_the_deadline_for_units_below(client, cast):
    seed = SEEDS["004"]
    unit = unit_of(seed)
    office, _chair = staff_of(cast, unit)
    client.force_login(office)
    plan_id = pages.create_plan(client, unit.pk, seed.preset, seed.year)
    url = reverse("plans:edit", args=[unit.pk, plan_id])
    form = pages.form_with(client.get(url), "title")
    form.set("units_below_deadline", seed_004.TYPED_DEADLINE)
    response = client.post(url, form.data())
    assert response.status_code == 200
    assert "Hạn cấp dưới tổ chức đối thoại (31/07/2022) ở trước năm của kế hoạch (2023)." in pages.page_text(response)
    assert Plan.objects.get(pk=plan_id).units_below_deadline == dt.date(2023, 7, 31)  # the preset's, kept


def test_it_adds_rows_two_at_a_time_as_the_section_page_offers(client, cast):
    """The seeds' long sections take several saves: the page shows two blank rows each time."""
    seed = SEEDS["001"]
    client.force_login(cast.officer_a)
    plan_id = pages.create_plan(client, cast.commune_a.pk, seed.preset, seed.year)
    rows = seed.sections["composition"]
    preset_rows = Plan.objects.get(pk=plan_id).composition.count()
    saves = pages.enter_rows(client, cast.commune_a.pk, plan_id, "thanh-phan", rows)
    beyond_first_save = max(0, len(rows) - preset_rows - 2)
    assert saves == 1 + (beyond_first_save + 1) // 2
    assert Plan.objects.get(pk=plan_id).composition.count() == len(rows)


# ---------------------------------------------------------------- the presets against the seeds they follow


def _shape(plan: Plan) -> dict[str, Any]:
    own = plan.composition.filter(for_units_below=False)
    return {
        "issuer": plan.issuer,
        "signer_title": plan.signer_title,
        "title": plan.title,
        "venue": fold(plan.venue),
        "sessions": [(s.planned_month, s.planned_month_end) for s in plan.sessions.all()],
        "per_village": sum(r.quantity or 0 for r in own.filter(kind=QuotaKind.PER_VILLAGE)),
        "per_commune": sorted(r.quantity for r in own.filter(kind=QuotaKind.PER_COMMUNE)),
        "rules_for_units_below": plan.composition.filter(for_units_below=True).exists(),
        "offsets": set(plan.assignments.exclude(due_offset_days=None).values_list("due_offset_days", flat=True)),
        "due_dates": set(plan.assignments.exclude(due_date=None).values_list("due_date", flat=True)),
        "attendance": (plan.min_attendance, plan.max_attendance, plan.minutes_per_question),
        "units_below": (plan.units_below_deadline, plan.forward_issues_to),
        "programme": plan.programme.count(),
    }


def _seed_shape(client: Any, cast: Any, seed: SeedPlan) -> dict[str, Any]:
    return _shape(enter(client, cast, seed))


def test_it_builds_from_the_commune_preset_the_plan_of_seed_001(client, cast):
    seed = SEEDS["001"]
    expected = _seed_shape(client, cast, seed)
    built = _shape(plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026))
    for name in ("issuer", "signer_title", "title", "venue", "sessions", "per_village", "per_commune", "programme"):
        assert built[name] == expected[name], name
    assert built["offsets"] >= expected["offsets"] == {-3, -7}


def test_it_builds_from_the_ward_preset_the_two_session_plans_of_seeds_000_and_002(client, cast):
    shapes = {key: _seed_shape(client, cast, SEEDS[key]) for key in ("000", "002")}
    unit = unit_of(SEEDS["002"])
    built = _shape(plan_create_from_preset(actor=cast.sysadmin, unit=unit, preset="ward", year=2024))
    for name in ("title", "venue", "sessions", "attendance", "offsets", "issuer", "signer_title"):
        assert built[name] == shapes["002"][name], name
    assert len(built["sessions"]) == len(shapes["000"]["sessions"]) == 2
    assert built["sessions"][0] == shapes["000"]["sessions"][0] == (6, None)
    assert built["per_village"] == shapes["000"]["per_village"] == 3  # Bí thư chi bộ, Tổ trưởng, Trưởng ban CTMT


def test_it_builds_from_the_upper_preset_the_district_plan_of_seed_004(client, cast):
    seed = SEEDS["004"]
    expected = _seed_shape(client, cast, seed)
    unit = unit_of(seed)
    plan = plan_create_from_preset(actor=cast.sysadmin, unit=unit, preset="upper", year=2023)
    built = _shape(plan)
    for name in ("issuer", "signer_title", "title", "sessions", "per_commune", "units_below", "programme"):
        assert built[name] == expected[name], name
    assert built["rules_for_units_below"] and expected["rules_for_units_below"]
    assert built["due_dates"] >= expected["due_dates"] == {dt.date(2023, 8, 5), dt.date(2023, 7, 31)}
    assert plan.issuer_name == seed.general["issuer_name"] == "HUYỆN ỦY HẢI HẬU"
    assert plan.signing_authority == seed.general["signing_authority"]
    assert [r.text for r in plan.recipients.all()][:4] == [
        "Thường trực Tỉnh ủy (để báo cáo)",
        "Thường trực HĐND tỉnh (để báo cáo)",
        "Lãnh đạo UBND tỉnh (để báo cáo)",
        "Ban Dân vận Tỉnh ủy (để báo cáo)",
    ]
