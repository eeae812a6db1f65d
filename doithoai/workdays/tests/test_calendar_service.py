import datetime as dt

import pytest

from doithoai.workdays import actions
from doithoai.workdays.models import OverrideKind
from doithoai.workdays.selectors import OVERRIDE, STATUTORY, WorkingCalendar, calendar_for, deadline

D = dt.date
OFF = OverrideKind.DAY_OFF
WORK = OverrideKind.WORKING_DAY


def national(cast, day, kind, reason="Theo thông báo của Chính phủ"):
    return actions.override_create(actor=cast.sysadmin, unit=None, date=day, kind=kind, reason=reason)


def test_it_follows_the_labour_code_across_tet_2026(cast):
    calendar = calendar_for(cast.commune_a)
    assert not calendar.is_working_day(D(2026, 2, 16))
    assert not calendar.is_working_day(D(2026, 2, 20))
    assert calendar.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert calendar.add_working_days(D(2026, 2, 13), 10) == D(2026, 3, 6)
    assert calendar.add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1


def test_it_follows_the_labour_code_across_tet_2027(cast):
    calendar = calendar_for(cast.commune_a)
    assert [calendar.is_working_day(D(2027, 2, d)) for d in range(3, 12)] == [
        True,  # Wed 3
        False,  # Thu 4, 29 Tết
        False,
        False,
        False,
        False,
        False,
        False,  # Wed 10, mùng năm
        True,  # Thu 11
    ]
    assert calendar.add_working_days(D(2027, 2, 3), 1) == D(2027, 2, 11)
    assert calendar.add_working_days(D(2027, 2, 11), -1) == D(2027, 2, 3)


def test_it_counts_across_the_year_end_with_new_years_day(cast):
    calendar = calendar_for(cast.commune_a)
    assert calendar.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert calendar.add_working_days(D(2027, 1, 4), -2) == D(2026, 12, 30)
    assert calendar.working_days_between(D(2026, 12, 30), D(2027, 1, 4)) == 2


def test_it_applies_the_governments_extra_days_off_and_make_up_saturday(cast):
    # A Tết schedule as the Government announces it: two more days off after Tết 2027, one worked Saturday.
    national(cast, D(2027, 2, 11), OFF, "Nghỉ thêm dịp Tết Nguyên đán")
    national(cast, D(2027, 2, 12), OFF, "Nghỉ thêm dịp Tết Nguyên đán")
    national(cast, D(2027, 2, 20), WORK, "Làm bù cho ngày 12/02/2027")
    for unit in (cast.commune_a, cast.commune_b, cast.province, None):
        calendar = calendar_for(unit)
        assert calendar.add_working_days(D(2027, 2, 3), 1) == D(2027, 2, 15)
        assert calendar.add_working_days(D(2027, 2, 15), 5) == D(2027, 2, 20)
        assert calendar.working_days_between(D(2027, 2, 3), D(2027, 2, 22)) == 7
        assert calendar.add_working_days(D(2027, 2, 22), -6) == D(2027, 2, 15)


def test_it_lists_the_days_off_of_a_year_with_their_source(cast):
    national(cast, D(2027, 2, 11), OFF, "Nghỉ thêm dịp Tết Nguyên đán")
    days = calendar_for(cast.commune_a).days_off(2027)
    assert days[0] == (D(2027, 1, 1), "Tết Dương lịch", STATUTORY)
    assert (D(2027, 2, 6), "Tết Nguyên Đán", STATUTORY) in days
    assert (D(2027, 2, 11), "Nghỉ thêm dịp Tết Nguyên đán", OVERRIDE) in days
    assert all(day.year == 2027 for day, _, _ in days)
    assert D(2027, 5, 3) in {d for d, _, _ in days}  # Labour Day fell on a Saturday: day in lieu


def test_it_knows_the_governments_own_swapped_days(cast):
    # holidays.VN: 31/08/2026 is a day off in exchange for working Saturday 22/08/2026.
    calendar = calendar_for(cast.commune_a)
    assert not calendar.is_working_day(D(2026, 8, 31))
    assert calendar.is_working_day(D(2026, 8, 22))
    assert [(d, source) for d, _, source in calendar.make_up_days(2026)] == [(D(2026, 8, 22), STATUTORY)]
    assert "31/8/2026" in calendar.make_up_days(2026)[0].name


def test_it_inherits_national_province_and_commune_overrides(cast):
    national(cast, D(2026, 3, 2), OFF, "Toàn quốc")
    actions.override_create(actor=cast.sysadmin, unit=cast.province, date=D(2026, 3, 3), kind=OFF, reason="Tỉnh")
    actions.override_create(actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 3, 4), kind=OFF, reason="Xã")
    working = {
        unit_name: [calendar_for(unit).is_working_day(D(2026, 3, d)) for d in (2, 3, 4, 5)]
        for unit_name, unit in [
            ("national", None),
            ("province", cast.province),
            ("commune_a", cast.commune_a),
            ("commune_b", cast.commune_b),
        ]
    }
    assert working == {
        "national": [False, True, True, True],
        "province": [False, False, True, True],
        "commune_a": [False, False, False, True],
        "commune_b": [False, False, True, True],
    }


def test_it_lets_the_lower_unit_win_on_the_same_date(cast):
    national(cast, D(2026, 3, 7), WORK, "Làm bù toàn quốc")  # a Saturday
    actions.override_create(
        actor=cast.officer_a, unit=cast.commune_a, date=D(2026, 3, 7), kind=OFF, reason="Xã nghỉ: mất điện"
    )
    assert calendar_for(cast.commune_b).is_working_day(D(2026, 3, 7))
    assert not calendar_for(cast.commune_a).is_working_day(D(2026, 3, 7))
    assert calendar_for(cast.commune_a).describe(D(2026, 3, 7)) == ("day_off", "Xã nghỉ: mất điện")


def test_it_reads_overrides_once_per_calendar_across_years(cast, django_assert_num_queries):
    national(cast, D(2027, 1, 4), OFF, "Nghỉ thêm")
    calendar = calendar_for(cast.commune_a)
    with django_assert_num_queries(1):
        assert calendar.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 5)
        assert calendar.working_days_between(D(2025, 12, 30), D(2027, 1, 5)) > 200
        calendar.days_off(2028)


def test_it_accepts_overrides_given_to_it(cast, django_assert_num_queries):
    with django_assert_num_queries(0):
        calendar = WorkingCalendar(cast.commune_a, overrides=[])
        assert calendar.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)


def test_it_moves_a_calendar_day_deadline_off_a_day_off(cast):
    calendar = calendar_for(cast.commune_a)
    # 10/02/2026 + 7 days = Tuesday 17/02, Tết: the deadline ends on Monday 23/02 (BLDS 2015, Điều 148).
    assert calendar.add_calendar_days(D(2026, 2, 10), 7) == D(2026, 2, 23)
    assert calendar.add_calendar_days(D(2026, 2, 10), 7, roll_to_working_day=False) == D(2026, 2, 17)
    # Counting back ("at least 5 days before"), the date moves earlier.
    assert calendar.add_calendar_days(D(2026, 2, 22), -5) == D(2026, 2, 13)
    assert calendar.add_calendar_days(D(2026, 3, 2), 3) == D(2026, 3, 5)


def test_it_explains_a_deadline(cast):
    calendar = calendar_for(cast.commune_a)
    result = deadline(calendar, D(2026, 2, 13), 1, working=True)
    assert result.result == D(2026, 2, 23)
    assert [d for d, _, _ in result.skipped] == [D(2026, 2, d) for d in range(16, 21)]
    result = deadline(calendar, D(2026, 2, 10), 7, working=False)
    assert (result.result, result.bare) == (D(2026, 2, 23), D(2026, 2, 17))
    assert result.bare_status == ("holiday", "Tết Nguyên Đán")


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_it_has_hung_kings_day_every_year(cast, year):
    names = {name for _, name, _ in calendar_for(cast.commune_a).days_off(year)}
    assert "Ngày Giỗ Tổ Hùng Vương" in names
    assert "Tết Nguyên Đán" in names
