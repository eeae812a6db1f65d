import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.workdays import actions
from doithoai.workdays.demo import load_demo_overrides
from doithoai.workdays.models import CalendarOverride, OverrideKind
from doithoai.workdays.selectors import calendar_for

D = dt.date
OFF = OverrideKind.DAY_OFF
WORK = OverrideKind.WORKING_DAY


def import_errors(cast, text):
    before = CalendarOverride.objects.count()
    with pytest.raises(ValidationError) as caught:
        actions.overrides_import(actor=cast.officer_a, unit=cast.commune_a, text=text)
    assert CalendarOverride.objects.count() == before
    return caught.value.message_dict["text"]


def test_it_imports_pasted_lines_with_any_separator_and_spelling(cast):
    text = "\n".join(
        [
            "Ngày; Loại; Lý do",
            "23/02/2026; nghỉ; Nghỉ thêm sau Tết",
            "",
            "28/02/2026\tLÀM BÙ\tLàm bù cho ngày 23/02",
            "2-3-2026, nghi bu, Nghỉ bù, theo quyết định của Chủ tịch",
            "07.03.26; lam bu; Làm bù cho ngày 02/03",
            "ngày 9 tháng 3 năm 2026; Nghỉ; Nghỉ thêm",
            "2026-03-14; làm việc; Làm việc thứ Bảy",
        ]
    )
    created = actions.overrides_import(actor=cast.officer_a, unit=cast.commune_a, text=text)
    assert [(o.date, o.kind, o.reason) for o in created] == [
        (D(2026, 2, 23), OFF, "Nghỉ thêm sau Tết"),
        (D(2026, 2, 28), WORK, "Làm bù cho ngày 23/02"),
        (D(2026, 3, 2), OFF, "Nghỉ bù, theo quyết định của Chủ tịch"),
        (D(2026, 3, 7), WORK, "Làm bù cho ngày 02/03"),
        (D(2026, 3, 9), OFF, "Nghỉ thêm"),
        (D(2026, 3, 14), WORK, "Làm việc thứ Bảy"),
    ]
    assert all(o.unit == cast.commune_a for o in created)
    events = AuditEvent.objects.filter(event_type="workdays.override_created", unit=cast.commune_a)
    assert events.count() == 6
    assert {e.object_id for e in events} == {str(o.pk) for o in created}
    assert events.filter(actor=cast.officer_a).count() == 6


def test_it_says_which_line_has_an_impossible_date(cast):
    errors = import_errors(cast, "23/02/2026; nghỉ; Nghỉ thêm\n\n31/02/2026; nghỉ; Nghỉ thêm")
    assert errors == ["Dòng 3: ngày 31/02/2026 không có thật"]


def test_it_says_which_line_has_an_unknown_kind(cast):
    errors = import_errors(cast, "23/02/2026; nghỉ; Nghỉ thêm\n24/02/2026; xyz; Nghỉ thêm")
    assert errors == ["Dòng 2: loại “xyz” không hợp lệ, dùng “nghỉ” hoặc “làm bù”"]


def test_it_reports_every_bad_line_and_creates_nothing(cast):
    text = "\n".join(
        [
            "hôm qua; nghỉ; Nghỉ",  # 1: not a date
            "23/02/2026",  # 2: one field
            "24/02/2026; nghỉ;",  # 3: no reason
            "25/02/2026; nghỉ; Nghỉ thêm",  # 4: fine
            "25/02/2026; nghỉ; Trùng",  # 5: twice in the paste
            "26/02/1890; nghỉ; Quá xa",  # 6: year out of range
            f"27/02/2026; nghỉ; {'x' * 300}",  # 7: reason too long
        ]
    )
    errors = import_errors(cast, text)
    assert errors == [
        "Dòng 1: “hôm qua” không phải là ngày, hãy ghi theo dạng ngày/tháng/năm, ví dụ 14/02/2026",
        "Dòng 2: cần ghi đủ ba phần “ngày; loại; lý do”, ví dụ “11/05/2026; nghỉ; Nghỉ bù”",
        "Dòng 3: thiếu lý do, ví dụ “11/05/2026; nghỉ; Nghỉ bù”",
        "Dòng 5: ngày 25/02/2026 đã có ở dòng 4",
        "Dòng 6: năm 1890 nằm ngoài khoảng 2000–2100",
        "Dòng 7: lý do dài quá 255 ký tự",
    ]
    assert AuditEvent.objects.filter(event_type__startswith="workdays.").count() == 0


def test_it_refuses_a_make_up_day_that_is_not_a_weekend(cast):
    errors = import_errors(cast, "24/02/2026; làm bù; Làm bù")
    assert errors == ["Dòng 1: ngày 24/02/2026 là thứ Ba; ngày làm bù phải là thứ Bảy hoặc Chủ nhật"]


def test_it_refuses_a_make_up_day_on_a_public_holiday(cast):
    errors = import_errors(cast, "06/02/2027; làm bù; Làm bù")
    assert errors == [
        "Dòng 1: ngày 06/02/2027 là ngày nghỉ lễ “Tết Nguyên Đán” theo Bộ luật Lao động, không thể làm bù vào ngày này"
    ]


def test_it_refuses_a_day_off_that_is_already_a_holiday_or_a_weekend(cast):
    errors = import_errors(cast, "17/02/2026; nghỉ; Nghỉ Tết\n14/02/2026; nghỉ; Nghỉ Tết\n22/02/2026; nghỉ; Nghỉ Tết")
    assert errors == [
        "Dòng 1: ngày 17/02/2026 đã là ngày nghỉ lễ “Tết Nguyên Đán” theo Bộ luật Lao động, không cần nhập thêm",
        "Dòng 2: ngày 14/02/2026 là thứ Bảy, vốn đã là ngày nghỉ hằng tuần, không cần nhập",
        "Dòng 3: ngày 22/02/2026 là Chủ nhật, vốn đã là ngày nghỉ hằng tuần, không cần nhập",
    ]


def test_it_refuses_a_day_already_overridden_here_or_above(cast):
    actions.override_create(actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 2, 23), kind=OFF, reason="Xã")
    actions.override_create(actor=cast.sysadmin, unit=None, date=D(2026, 2, 24), kind=OFF, reason="Nghỉ thêm Tết")
    actions.override_create(actor=cast.sysadmin, unit=None, date=D(2026, 2, 28), kind=WORK, reason="Làm bù Tết")
    actions.override_create(actor=cast.sysadmin, unit=None, date=D(2026, 8, 22), kind=OFF, reason="Nghỉ")
    errors = import_errors(
        cast, "23/02/2026; làm bù; X\n24/02/2026; nghỉ; X\n28/02/2026; làm bù; X\n22/08/2026; làm bù; X"
    )
    assert errors == [
        "Dòng 1: ngày 23/02/2026 đã có trong lịch điều chỉnh (“nghỉ”: Xã); xoá dòng đó trước nếu muốn thay đổi",
        "Dòng 2: ngày 24/02/2026 đã là ngày nghỉ theo lịch điều chỉnh toàn quốc (Nghỉ thêm Tết)",
        "Dòng 3: ngày 28/02/2026 đã là ngày làm việc bù theo lịch điều chỉnh toàn quốc (Làm bù Tết)",
        # Line 4 is fine: the nationwide row made the Government's worked Saturday 22/08 a day off again,
        # and the commune may still work it.
    ]
    assert CalendarOverride.objects.filter(unit=cast.commune_a).count() == 1


def test_it_refuses_a_make_up_day_the_government_already_set(cast):
    errors = import_errors(cast, "22/08/2026; làm bù; Làm bù")
    assert len(errors) == 1
    assert errors[0].startswith("Dòng 1: ngày 22/8/2026 đã là ngày làm việc bù theo lịch nghỉ của Nhà nước")


def test_it_refuses_an_empty_paste(cast):
    assert import_errors(cast, " \n \n") == [
        "Chưa có dòng nào để nhập. Mỗi dòng ghi: ngày; loại; lý do, ví dụ 11/05/2026; nghỉ; Nghỉ bù."
    ]


def test_it_checks_one_override_field_by_field(cast):
    with pytest.raises(ValidationError) as caught:
        actions.override_create(actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 2, 25), kind="xyz", reason=" ")
    assert set(caught.value.message_dict) == {"kind", "reason"}
    with pytest.raises(ValidationError) as caught:
        actions.override_create(actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 2, 25), kind=WORK, reason="X")
    assert caught.value.message_dict == {
        "date": ["Ngày 25/02/2026 là thứ Tư; ngày làm bù phải là thứ Bảy hoặc Chủ nhật."]
    }
    assert not CalendarOverride.objects.exists()


def test_it_records_creation_and_deletion(cast):
    override = actions.override_create(
        actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 5, 11), kind=OFF, reason="  Nghỉ   bù  "
    )
    assert override.reason == "Nghỉ bù"
    created = AuditEvent.objects.get(event_type="workdays.override_created")
    assert created.unit == cast.commune_a
    assert created.actor == cast.officer_a
    assert created.changes["date"] == {"before": None, "after": "2026-05-11"}
    assert created.changes["kind"] == {"before": None, "after": "day_off"}
    actions.override_delete(actor=cast.chair_a, override=override)
    assert not CalendarOverride.objects.exists()
    deleted = AuditEvent.objects.get(event_type="workdays.override_deleted")
    assert (deleted.actor, deleted.unit, deleted.object_id) == (cast.chair_a, cast.commune_a, str(override.pk))
    assert deleted.changes["reason"] == {"before": "Nghỉ bù", "after": None}
    assert calendar_for(cast.commune_a).is_working_day(D(2026, 5, 11))


def test_it_records_nationwide_overrides_without_a_unit(cast):
    actions.override_create(actor=cast.sysadmin, unit=None, date=D(2027, 2, 11), kind=OFF, reason="Nghỉ thêm Tết")
    event = AuditEvent.objects.get(event_type="workdays.override_created")
    assert event.unit is None
    assert event.actor == cast.sysadmin


@pytest.mark.parametrize("who", ["front_a", "council_a", "vice_chair_a", "province_official", "officer_b", "citizen"])
def test_it_lets_only_the_office_chair_and_admin_change_a_communes_calendar(cast, who):
    user = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        actions.override_create(actor=user, unit=cast.commune_a, date=D(2026, 5, 11), kind=OFF, reason="X")
    with pytest.raises(PermissionDenied):
        actions.overrides_import(actor=user, unit=cast.commune_a, text="11/05/2026; nghỉ; X")
    assert not CalendarOverride.objects.exists()


@pytest.mark.parametrize("who", ["officer_a", "chair_a", "province_official"])
def test_it_lets_only_the_system_administrator_change_the_national_calendar(cast, who):
    with pytest.raises(PermissionDenied):
        actions.override_create(actor=getattr(cast, who), unit=None, date=D(2026, 5, 11), kind=OFF, reason="X")
    override = actions.override_create(actor=cast.sysadmin, unit=None, date=D(2026, 5, 11), kind=OFF, reason="X")
    with pytest.raises(PermissionDenied):
        actions.override_delete(actor=getattr(cast, who), override=override)
    assert CalendarOverride.objects.filter(unit=None).count() == 1


def test_it_refuses_to_delete_twice(cast):
    override = actions.override_create(
        actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 5, 11), kind=OFF, reason="X"
    )
    actions.override_delete(actor=cast.officer_a, override=override)
    with pytest.raises(ValidationError):
        actions.override_delete(actor=cast.officer_a, override=override)
    assert AuditEvent.objects.filter(event_type="workdays.override_deleted").count() == 1


def test_it_loads_the_demo_overrides_once(cast):
    created = load_demo_overrides(cast.officer_a, cast.commune_a)
    assert len(created) == 4
    calendar = calendar_for(cast.commune_a)
    assert calendar.is_working_day(D(2026, 5, 9))  # a Saturday worked for the dialogue
    assert not calendar.is_working_day(D(2026, 5, 11))
    assert load_demo_overrides(cast.officer_a, cast.commune_a) == []
    assert CalendarOverride.objects.filter(unit=cast.commune_a).count() == 4
