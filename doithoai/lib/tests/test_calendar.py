import datetime as dt

import pytest

from doithoai.lib.calendar import (
    add_calendar_days,
    add_working_days,
    is_working_day,
    roll_to_working_day,
    working_days_between,
)

D = dt.date
# Tết Bính Ngọ 2026 as the Labour Code gives it (Mon 16 – Fri 20 Feb), and New Year 2027.
TET_2026 = {D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)}
NEW_YEAR_2027 = {D(2027, 1, 1)}
DAYS_OFF = TET_2026 | NEW_YEAR_2027
NONE: set[dt.date] = set()


def add(start, n, days_off=DAYS_OFF, extra=NONE):
    return add_working_days(start, n, days_off=days_off, extra_working_days=extra)


def between(a, b, days_off=DAYS_OFF, extra=NONE):
    return working_days_between(a, b, days_off=days_off, extra_working_days=extra)


def test_it_skips_weekends_and_days_off():
    assert is_working_day(D(2026, 2, 13), days_off=DAYS_OFF, extra_working_days=NONE)  # Friday
    assert not is_working_day(D(2026, 2, 14), days_off=DAYS_OFF, extra_working_days=NONE)  # Saturday
    assert not is_working_day(D(2026, 2, 17), days_off=DAYS_OFF, extra_working_days=NONE)  # Tết
    assert is_working_day(D(2026, 2, 28), days_off=DAYS_OFF, extra_working_days={D(2026, 2, 28)})  # make-up Sat


def test_it_does_not_count_the_start_day():
    # Received on Friday 13/02/2026, the day before the Tết weekend: the next working day is after Tết.
    assert add(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add(D(2026, 2, 12), 1) == D(2026, 2, 13)
    assert add(D(2026, 2, 13), 5) == D(2026, 2, 27)


def test_it_counts_a_make_up_saturday_and_an_extra_day_off():
    extra_off = DAYS_OFF | {D(2026, 2, 23)}
    assert add(D(2026, 2, 13), 1, days_off=extra_off) == D(2026, 2, 24)
    assert add(D(2026, 2, 13), 5, days_off=extra_off, extra={D(2026, 2, 28)}) == D(2026, 2, 28)


def test_it_counts_backwards_for_negative_n():
    assert add(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert add(D(2027, 1, 4), -1) == D(2026, 12, 31)
    assert add(D(2026, 2, 16), -3) == D(2026, 2, 11)


def test_it_moves_zero_days_forward_to_a_working_day():
    assert add(D(2026, 2, 14), 0) == D(2026, 2, 23)
    assert add(D(2026, 2, 12), 0) == D(2026, 2, 12)


def test_it_crosses_the_year_end():
    assert add(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert add(D(2026, 12, 30), 2) == D(2027, 1, 4)
    assert between(D(2026, 12, 30), D(2027, 1, 4)) == 2


def test_it_counts_working_days_between_two_dates():
    assert between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert between(D(2026, 2, 23), D(2026, 2, 13)) == -1
    assert between(D(2026, 2, 13), D(2026, 2, 13)) == 0
    assert between(D(2026, 2, 13), D(2026, 3, 2), extra={D(2026, 2, 28)}) == 7


@pytest.mark.parametrize("n", [-12, -5, -1, 1, 3, 10, 40])
def test_it_inverts_add_working_days(n):
    start = D(2026, 2, 12)
    assert between(start, add(start, n)) == n


def test_it_rolls_a_day_off_to_the_next_or_previous_working_day():
    def roll(day, backward=False):
        return roll_to_working_day(day, days_off=DAYS_OFF, extra_working_days=NONE, backward=backward)

    assert roll(D(2026, 2, 17)) == D(2026, 2, 23)
    assert roll(D(2026, 2, 17), backward=True) == D(2026, 2, 13)
    assert roll(D(2026, 2, 12)) == D(2026, 2, 12)


def test_it_adds_calendar_days_as_they_are():
    assert add_calendar_days(D(2026, 12, 25), 10) == D(2027, 1, 4)
    assert add_calendar_days(D(2026, 3, 1), -1) == D(2026, 2, 28)


def test_it_refuses_a_calendar_with_no_working_day():
    class Everything:
        def __contains__(self, day):
            return True

    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 1), 1, days_off=Everything(), extra_working_days=NONE)
